-- passend/data/preview.lua: the dataset surface: how a dataset looks at the prompt (the preview) and
-- d:describe(). The data itself lives in C (src/lua/ldataset.c); this module only reads it.
-- Its methods (D.methods) become Dataset methods in passend/init.lua.
local core = require "passend.core"
local doc = require "passend.doc"
local args = require "passend.args"
local L = require "passend.lang"

local D = { methods = {} }

-- --- key figures and method: how a result says what matters ------------------------------
--
-- Every statistic returns a dataset; its meta says what a reader looks at first:
--   meta.key = { {label = "alpha", value = 0.83, decimals = 3}, {label = "n", value = 412, count = true},
--                {label = "p", value = 0.012, p = true}, {label = "x", text = "..."} }
--     the key figures, printed on one line ("alpha = 0,830; n = 412") above the table, or
--     under it with meta.key_below = true (a crosstab's test); a label or text may be
--     {nl = , en = }; p = true writes p < 0,001 for small p; count = true thousands separators
--   meta.method = "..." or {nl = , en = }: how it was computed (test, weighting, df rule ...),
--     printed under the table.
-- Numbers follow the session's language (passend.lang): 0,83 in Dutch, 0.83 in English.

local function in_lang(x, lang)
  if type(x) == "table" then return x[lang] or x.en or x.nl or "" end
  return x ~= nil and tostring(x) or ""
end

local function key_value(e, lang)
  if e.text ~= nil then return " = " .. in_lang(e.text, lang) end
  local v = e.value
  if type(v) ~= "number" or v ~= v then return " = NA" end
  if e.p then
    if v < 0.001 then return " < " .. L.number(0.001, 3, lang) end
    return " = " .. L.number(v, e.decimals or 3, lang)
  end
  if e.count then return " = " .. L.count(v, lang) end
  return " = " .. L.number(v, e.decimals, lang)
end

-- The key figures as one line: "alpha = 0,830; n = 412" (nil when there are none).
function D.key_line(key, lang)
  if type(key) ~= "table" or #key == 0 then return nil end
  lang = L.resolve(lang)
  local parts = {}
  for i, e in ipairs(key) do parts[i] = in_lang(e.label, lang) .. key_value(e, lang) end
  return table.concat(parts, "; ")
end

-- The method line (nil when there is none).
function D.method_line(method, lang)
  if method == nil then return nil end
  local s = in_lang(method, L.resolve(lang))
  return s ~= "" and s or nil
end

-- s cut into lines of at most width characters at spaces.
local function wrap(s, width)
  local lines, line = {}, ""
  for word in s:gmatch("%S+") do
    if line ~= "" and (utf8.len(line) or #line) + 1 + (utf8.len(word) or #word) > width then
      lines[#lines + 1] = line
      line = "  " .. word
    else
      line = line == "" and word or (line .. " " .. word)
    end
  end
  if line ~= "" then lines[#lines + 1] = line end
  return lines
end
D.wrap = wrap

-- Views: how a kind of result prints at the prompt instead of its raw columns (a crosstab
-- as its table). kind -> function(d, width) -> lines; d:preview() always shows the columns.
D.views = {}

local ELLIPSIS = "…"

local function ulen(s)
  return utf8.len(s) or #s
end

-- Cuts s to at most w characters, marking the cut.
local function cut(s, w)
  if ulen(s) <= w then return s end
  if w <= 1 then return ELLIPSIS end
  local stop = utf8.offset(s, w) or (#s + 1)
  return s:sub(1, stop - 1) .. ELLIPSIS
end

local function pad_left(s, w) return string.rep(" ", w - ulen(s)) .. s end
local function pad_right(s, w) return s .. string.rep(" ", w - ulen(s)) end

-- Decimals to show a number column's values: the column's own setting, or as many as
-- the shown values need (at most 3), so that they line up.
local function decimals_for(values, info)
  if info.decimals then return info.decimals end
  local dec = 0
  for _, v in pairs(values) do
    if type(v) == "number" and v == v and v ~= math.huge and v ~= -math.huge then
      for k = dec, 3 do
        local s = string.format("%." .. k .. "f", v)
        if tonumber(s) == v or k == 3 then dec = math.max(dec, k) break end
      end
    end
  end
  return dec
end

local function fmt_number(v, dec)
  if v == nil then return "NA" end
  if v ~= v then return "NaN" end
  if v == math.huge then return "Inf" elseif v == -math.huge then return "-Inf" end
  if math.type(v) == "integer" and dec == 0 then return tostring(v) end
  return string.format("%." .. dec .. "f", v)
end

local function fmt_text(s, maxw)
  if s == nil then return "NA" end
  s = s:gsub("\r?\n", "↵"):gsub("\t", " ")
  return cut(s, maxw)
end

local function group_digits(n)
  local s = tostring(n)
  local out = s:reverse():gsub("(%d%d%d)", "%1,"):reverse()
  return (out:gsub("^,", ""))
end

-- The preview: title line, the lines in meta.preview_lines (a result's key figures), then
-- as many columns as fit the width, first rows, and a footer saying what was left out. meta.preview_wrap prints the columns that do not fit
-- in further blocks instead (describe() uses it).
local function preview(d, opts)
  opts = opts or {}
  local meta = d:meta()
  local width = opts.width or core._termwidth() or 80
  local nrows, names = #d, d.columns
  local limit = opts.rows or meta.preview_rows or (nrows <= 20 and nrows or 10)
  local shown_rows = math.min(nrows, limit)
  local maxcell = meta.preview_cell_width or 24
  local na = meta.preview_na or "NA"
  local wrap = meta.preview_wrap
  local out = {}
  local title = meta.preview_title or string.format("dataset: %s rows x %d columns", group_digits(nrows), #names)
  if not meta.preview_title and type(meta.title) == "string" and meta.title ~= "" then
    title = meta.title .. "  (" .. title .. ")"
  end
  -- a view prints the whole table (title included); hidden = true: cells were hidden, and with
  -- them the key figures of the full table
  local view = opts.view and D.views[meta.kind]
  if view then
    local body, hidden = view(d, width)
    if body then return D.finish(body, meta, width, hidden) end
  end
  out[#out + 1] = cut(title, width)
  -- a result's key figures, then its own lines (factor()), before the table
  local key = D.key_line(meta.key)
  if key and not meta.key_below then
    for _, l in ipairs(D.wrap(key, width)) do out[#out + 1] = l end
  end
  for _, line in ipairs(meta.preview_lines or {}) do out[#out + 1] = cut(line, width) end

  local rowlab_w = #tostring(math.max(shown_rows, 1))
  local blocks, cols, used = {}, {}, rowlab_w
  local left_out = 0
  for k, name in ipairs(names) do
    local info = d:info(name)
    local cells, raw = {}, {}
    for i = 1, shown_rows do raw[i] = d:get(i, name) end
    local num = info.type == "number"
    local dec = num and decimals_for(raw, info) or 0
    for i = 1, shown_rows do
      if raw[i] == nil then cells[i] = na
      else cells[i] = num and fmt_number(raw[i], dec) or fmt_text(raw[i], maxcell) end
    end
    local head = cut(name, maxcell)
    local tag = num and "<num>" or "<text>"
    local w = math.max(ulen(head), #tag)
    for i = 1, shown_rows do w = math.max(w, ulen(cells[i])) end
    if used + 1 + w > width and #cols > 0 then
      if not wrap then left_out = #names - k + 1 break end
      blocks[#blocks + 1] = cols
      cols, used = {}, rowlab_w
    end
    w = math.min(w, width - used - 1)
    used = used + 1 + w
    cols[#cols + 1] = { head = cut(head, w), tag = tag, cells = cells, w = w, num = num }
  end
  if #cols > 0 then blocks[#blocks + 1] = cols end
  for b, block in ipairs(blocks) do
    if b > 1 then out[#out + 1] = "" end
    local h, t = { string.rep(" ", rowlab_w) }, { string.rep(" ", rowlab_w) }
    for _, c in ipairs(block) do
      h[#h + 1] = c.num and pad_left(c.head, c.w) or pad_right(c.head, c.w)
      t[#t + 1] = c.num and pad_left(c.tag, c.w) or pad_right(c.tag, c.w)
    end
    out[#out + 1] = (table.concat(h, " "):gsub("%s+$", ""))
    out[#out + 1] = (table.concat(t, " "):gsub("%s+$", ""))
    for i = 1, shown_rows do
      local line = { pad_left(tostring(i), rowlab_w) }
      for _, c in ipairs(block) do
        local cell = cut(c.cells[i], c.w)
        line[#line + 1] = c.num and pad_left(cell, c.w) or pad_right(cell, c.w)
      end
      out[#out + 1] = (table.concat(line, " "):gsub("%s+$", ""))
    end
  end
  local more = {}
  if nrows > shown_rows then more[#more + 1] = group_digits(nrows - shown_rows) .. " more rows" end
  if left_out > 0 then
    local rest = {}
    for k = #names - left_out + 1, #names do rest[#rest + 1] = names[k] end
    more[#more + 1] = string.format("%d more column%s: %s", #rest, #rest == 1 and "" or "s",
      table.concat(rest, ", "))
  end
  if #more > 0 then out[#out + 1] = cut("# " .. table.concat(more, "; "), width) end
  return D.finish(out, meta, width)
end

-- The lines under the table: the key figures when they go there (not when cells were hidden),
-- and the method.
function D.finish(out, meta, width, hidden)
  local key = D.key_line(meta.key)
  if key and meta.key_below and hidden then
    out[#out + 1] = D.method_line({ nl = "(De toets staat er niet bij: hij verraadt verborgen cellen; d:meta().key heeft hem.)",
      en = "(The test is left out: it gives hidden cells away; d:meta().key holds it.)" })
  elseif key and meta.key_below then
    for _, l in ipairs(D.wrap(key, width)) do out[#out + 1] = l end
  end
  local method = D.method_line(meta.method)
  if method then
    for _, l in ipairs(D.wrap(method, width)) do out[#out + 1] = l end
  end
  return table.concat(out, "\n")
end

D.preview = preview
local PREVIEW = args.spec{ rows = "count", width = { "count", min = 1 } }
D.methods.preview = doc.def("Dataset:preview", function(d, opts)
  return preview(d, args.options("preview", opts, PREVIEW))
end, [[
d:preview([{rows = n, width = w}])

The text the prompt prints for a dataset: its size (after meta.title when set), a result's
key figures (meta.key, e.g. "alpha = 0,830; n = 412", numbers as the session's language
writes them) and the lines of meta.preview_lines, then the columns that fit the terminal width
(COLUMNS or the terminal's; 80 otherwise) with their types and the first rows (all rows up to
20, else 10), a line naming what was left out, and last how the result was computed
(meta.method; a crosstab's test goes here too, meta.key_below). Missing values show as NA;
user-missing codes show as their numbers. At the prompt some results print as their table
instead of their columns (a crosstab as rows x columns); d:preview() shows the columns.]], {
  options = PREVIEW,
  example = function() return require("passend.sample").data(), { rows = 3, width = 60 } end,
})

-- --- describe -----------------------------------------------------------------------------

local function short_num(v)
  if v == nil then return nil end
  if v == math.floor(v) and math.abs(v) < 1e15 then return string.format("%d", v) end
  local s = string.format("%.3f", v):gsub("0+$", ""):gsub("%.$", "")
  return s
end

local function pct(n, total)
  if total == 0 then return "0%" end
  local p = 100 * n / total
  return (p >= 9.95 or p == 0) and string.format("%.0f%%", p) or string.format("%.1f%%", p)
end

local function describe(d)
  local names = d.columns
  local col = { column = {}, type = {}, valid = {}, missing = {}, distinct = {}, mean = {},
    min = {}, max = {}, top = {}, label = {} }
  for i, name in ipairs(names) do
    local c = d:col(name)
    local info = d:info(name)
    local categorical = info.type == "text" or next(info.value_labels) ~= nil
    local s = c:_summary(categorical and 3 or 0)
    col.column[i] = name
    col.type[i] = info.type == "number" and "num" or "text"
    col.valid[i] = s.valid
    local miss = {}
    for _, m in ipairs(s.missing) do
      miss[#miss + 1] = string.format("%s%s: %d", short_num(m.value), m.label and (" " .. m.label) or "", m.n)
    end
    if s.sysmis > 0 then miss[#miss + 1] = "NA: " .. s.sysmis end
    col.missing[i] = table.concat(miss, "; ")
    col.distinct[i] = s.distinct
    col.mean[i], col.min[i], col.max[i] = s.mean, s.min, s.max
    if categorical then
      local top = {}
      for _, t in ipairs(s.top) do
        local v = type(t.value) == "number" and short_num(t.value) or (t.value == "" and '""' or t.value)
        top[#top + 1] = string.format("%s%s %s", v, t.label and (" " .. t.label) or "", pct(t.n, s.valid))
      end
      if s.distinct > #s.top then top[#top + 1] = ELLIPSIS end
      col.top[i] = table.concat(top, ", ")
    else
      col.top[i] = ""
    end
    col.label[i] = info.label or ""
  end
  local r = core.dataset{
    { "column", col.column }, { "type", col.type }, { "valid", col.valid },
    { "missing", col.missing }, { "distinct", col.distinct }, { "mean", col.mean },
    { "min", col.min }, { "max", col.max }, { "top", col.top }, { "label", col.label },
    n = #names,
  }
  local meta = r:meta()
  meta.kind = "describe"
  meta.title = string.format("describe: %s rows x %d columns", group_digits(#d), #names)
  meta.preview_title = meta.title
  meta.preview_rows = math.huge
  meta.preview_cell_width = 40
  meta.preview_na = ""
  meta.preview_wrap = true
  return r
end

D.methods.describe = doc.def("Dataset:describe", describe, [[
d:describe()

One row per column: type, valid (values that are neither system- nor user-missing),
missing (each user-missing code with its label and count, then NA: system-missing),
distinct valid values, mean/min/max of valid numbers, top (the three most frequent
valid categories with their labels and share, for text columns and coded numbers with
value labels) and the variable label. The result is a dataset, so it prints as a table
and writes to any format.]])

return D
