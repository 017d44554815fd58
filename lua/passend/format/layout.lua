-- passend/format/layout.lua: the prepared table every format renders (format.layout), the
-- words and band colours the formats print, and numbers as the language writes them.
-- See docs/formats.md for how a dataset carries its display information (title, notes,
-- source, helper columns _kind, _band:COL, _flag:COL, _state:COL ...). The renderers are the
-- other files of this folder; the registry of file types is passend.io.
local core = require "passend.core"
local docs = require "passend.doc"
local lang = require "passend.lang"
local disclosure = require "passend.rules.disclosure"
local args = require "passend.args"

local F = {}

F.settings = lang.settings  -- the session's language: format.settings.lang = "en"


-- Words that formats print themselves (titles, notes, labels set by the user print as given).
F.words = {
  nl = {
    source = "Bron: ", decimal = ",", thousands = ".",
    flag_note = "*  Dit getal heeft een range die tussen de %s en %s ligt.",
    legend = "Kleur", contents = "Inhoud",
    bands = { rood = "rood", geel = "geel", lichtgroen = "lichtgroen", donkergroen = "donkergroen" },
    marks = { rood = "R", geel = "G", lichtgroen = "LG", donkergroen = "DG" },
    columns = { scale = "schaal", label = "omschrijving", points = "punten", n = "n",
      n_w = "n (gewogen)", mean = "gemiddelde", sd = "sd", se = "se", lo = "ondergrens",
      hi = "bovengrens", range = "range", df = "df", reason = "reden", band = "kleur" },
  },
  en = {
    source = "Source: ", decimal = ".", thousands = ",",
    flag_note = "*  The range of this value lies between %s and %s.",
    legend = "Colour", contents = "Contents",
    bands = { rood = "red", geel = "yellow", lichtgroen = "light green", donkergroen = "dark green" },
    marks = { rood = "R", geel = "Y", lichtgroen = "LG", donkergroen = "DG" },
    columns = { scale = "scale", label = "label", points = "points", n = "n",
      n_w = "n (weighted)", mean = "mean", sd = "sd", se = "se", lo = "lower",
      hi = "upper", range = "range", df = "df", reason = "reason", band = "band" },
  },
}

-- The report's four bands, low to high, with fills (HTML/xlsx/tex/svg) and ANSI backgrounds.
F.bands = {
  { id = "rood", fill = "F4A09A", ansi = "48;5;217" },
  { id = "geel", fill = "FFE58A", ansi = "48;5;229" },
  { id = "lichtgroen", fill = "C5E5B4", ansi = "48;5;151" },
  { id = "donkergroen", fill = "6DBE7D", ansi = "48;5;114" },
}
F.band = {}
for i, b in ipairs(F.bands) do b.order = i; F.band[b.id] = b end

function F.words_for(lang)
  local w = F.words[lang or F.settings.lang]
  if not w then error(string.format("format: unknown language %q (expected \"nl\" or \"en\")", tostring(lang)), 3) end
  return w
end

-- format.number(x, decimals, lang, thousands): x rounded half-up on its shortest decimal string.
function F.number(x, decimals, lang, thousands)
  if x == nil or x ~= x then return "" end
  local w = F.words_for(lang)
  return core._numstr(x, decimals or -1, w.decimal, thousands and w.thousands or "")
end
docs.def("format.number", F.number, [[
format.number(x, decimals, lang, thousands) -> string

x with `decimals` decimals (nil: its shortest exact form), rounded half-up on the decimal
string (0.15 -> "0,2"), with the decimal comma (lang "nl", default) or point ("en");
thousands = true adds separators. nil and NaN give "".]])

-- Disclosure control (passend/rules/disclosure.lua) on every table a format shows.
function F.protect(d, opts)
  if type(d) == "userdata" then return disclosure.protect(d, opts) end
  return d
end

-- --- reading a dataset -------------------------------------------------------------------

local function meta_of(d)
  local ok, m = pcall(function() return d:meta() end)
  return ok and type(m) == "table" and m or {}
end
F.meta_of = meta_of

local function column_values(d, name, n)
  local ok, v = pcall(function() return d:values(name) end)
  if ok and type(v) == "table" then return v end
  v = {}
  for i = 1, n do v[i] = d:get(i, name) end
  return v
end
F.column_values = column_values

local function has(set, x) for _, y in ipairs(set or {}) do if y == x then return true end end end

local estimate_decimals = { mean = 1, sd = 2, lo = 2, hi = 2, range = 2, se = 3, n_w = 1,
  n = 0, df = 0, points = 0 }

-- Fewest decimals (0..3) that show every value of vals exactly.
local function auto_decimals(vals, n)
  local best = 0
  for i = 1, n do
    local x = vals[i]
    if type(x) == "number" and x == x and x ~= math.floor(x) and math.abs(x) < 1e15 then
      local k = best
      while k < 3 and tonumber(core._numstr(x, k, ".", "")) ~= x do k = k + 1 end
      best = k
      if best == 3 then break end
    end
  end
  return best
end

-- The options of the prepared table (passend.args entries), which every format takes.
F.OPTIONS = {
  lang = { "one_of", "nl", "en" }, title = "string", columns = "columns", hidden = "list", labels = "table",
  decimals = "table", stub = "column", marks = "table", max_rows = "count", thousands = "boolean",
}
local LAYOUT = args.spec(F.OPTIONS)

-- format.layout(d, opts): the prepared table (see docs/formats.md). The renderers call it with
-- the options they were given (checked by passend.io); format.layout, the public one, checks.
function F.layout(d, opts)
  opts = opts or {}
  local meta = meta_of(d)
  local lang = opts.lang or meta.lang or F.settings.lang
  local W = F.words_for(lang)
  local n = #d
  if opts.max_rows and n > opts.max_rows then n = opts.max_rows end
  local names = d.columns
  local present = {}
  for _, c in ipairs(names) do present[c] = true end

  local cellmap = meta.cells
  if not cellmap and meta.kind == "estimate" and present.mean then
    cellmap = { mean = { band = present.band and "band" or nil, flag = present.flag and "flag" or nil,
      shown = present.shown and "shown" or nil } }
  end
  cellmap = cellmap or {}
  local consumed = {}
  for _, m in pairs(cellmap) do
    if m.flag then consumed[m.flag] = true end
    if m.shown then consumed[m.shown] = true end
    if m.state then consumed[m.state] = true end
  end

  local shown = {}
  if opts.columns then
    for _, c in ipairs(opts.columns) do
      if not present[c] then error(string.format("format: no column %q in the dataset", c), 3) end
      shown[#shown + 1] = c
    end
  else
    for _, c in ipairs(names) do
      if c:sub(1, 1) ~= "_" and not consumed[c] and not has(meta.hidden, c) and not has(opts.hidden, c) then
        shown[#shown + 1] = c
      end
    end
  end

  local cache = {}
  local function col(name)
    if not name or not present[name] then return nil end
    local v = cache[name]
    if not v then v = column_values(d, name, n); cache[name] = v end
    return v
  end

  local stubname = meta.stub or opts.stub or shown[1]
  local columns, stub = {}, 1
  for j, c in ipairs(shown) do
    local info = d:info(c) or {}
    local label = (opts.labels and opts.labels[c]) or (meta.labels and meta.labels[c])
    if not label and info.label and info.label ~= "" then label = info.label end
    if not label and meta.kind == "estimate" then label = W.columns[c] end
    local dec = (opts.decimals and opts.decimals[c]) or (meta.decimals and meta.decimals[c])
      or info.decimals
    if dec == nil and info.type == "number" then
      if meta.kind == "estimate" and estimate_decimals[c] then dec = estimate_decimals[c]
      else dec = auto_decimals(col(c), n) end
    end
    if c == stubname then stub = j end
    local m = cellmap[c] or {}
    columns[j] = { name = c, label = label or c, type = info.type or "number", decimals = dec,
      align = info.type == "text" and "left" or "right", value_labels = info.value_labels,
      band = col(m.band or ("_band:" .. c)), flag = col(m.flag or ("_flag:" .. c)),
      state = col(m.state or ("_state:" .. c)), shownv = col(m.shown) }
  end
  if #columns == 0 then
    error("format: the dataset has no columns to show (names starting with _ are hidden helpers)", 3)
  end
  columns[stub].align = "left"

  local kinds, indents = col("_kind"), col("_indent")
  local rows, used_bands, flagged = {}, {}, false
  for i = 1, n do
    local kind = kinds and kinds[i] or "row"
    if kind == "" or kind == "sub" then kind = "row" elseif kind == "indicator" then kind = "header" end
    local cells = {}
    for j, c in ipairs(columns) do
      local v = col(c.name)[i]
      local band = c.band and c.band[i] or nil
      local flag = c.flag and c.flag[i] or ""
      local state = c.state and c.state[i] or ""
      if c.shownv and c.shownv[i] == 0 then state = "suppressed" end
      if band == "" then band = nil end
      local text
      if state ~= "" and state ~= nil then
        text = opts.marks and opts.marks[state] or ""
        band, flag = nil, ""
      elseif v == nil then
        text, band, flag = "", nil, ""
      elseif type(v) == "number" then
        local lab = c.value_labels and c.value_labels[v]
        text = lab or F.number(v, c.decimals, lang, opts.thousands)
      else
        text = tostring(v)
      end
      if flag and flag ~= "" and text ~= "" then
        text = text .. flag
        if flag:match("^%*") and not flag:match("^%*%*") then flagged = true end
      else
        flag = ""
      end
      if band and kind ~= "header" then used_bands[band] = true end
      if kind == "header" and j ~= stub then text, band = "", nil end
      cells[j] = { text = text, value = v, band = band, flag = flag, state = state or "" }
    end
    rows[i] = { kind = kind, indent = indents and indents[i] or 0, cells = cells }
  end

  local notes = {}
  for _, s in ipairs(meta.notes or {}) do notes[#notes + 1] = tostring(s) end
  if flagged and meta.flag_note ~= false then
    local have = false
    for _, s in ipairs(notes) do if s:match("^%*[^*]") then have = true end end
    if not have then
      -- the * note comes first, as in the report (before ** notes)
      if type(meta.flag_note) == "string" then table.insert(notes, 1, meta.flag_note)
      else
        local f = meta.settings and meta.settings.flag or {}
        table.insert(notes, 1, string.format(W.flag_note, F.number(f.lo or f[1] or 0.5, 1, lang),
          F.number(f.hi or f[2] or 1.0, 1, lang)))
      end
    end
  end
  local source = meta.source
  if source and source ~= "" then
    -- the prefix in the table's language, whichever the source was written with
    source = W.source .. tostring(source):gsub("^Bron:%s*", ""):gsub("^Source:%s*", "")
  else
    source = nil
  end
  local bands = {}
  for _, b in ipairs(F.bands) do if used_bands[b.id] then bands[#bands + 1] = b.id end end
  return { title = opts.title or meta.title, notes = notes, source = source, lang = lang,
    words = W, columns = columns, rows = rows, stub = stub, bands = bands, kind = meta.kind,
    truncated = #d > n and #d or nil }
end
F.public_layout = function(d, opts)
  if args.is_checked(opts) then return F.layout(d, opts) end   -- a renderer's, checked by passend.io
  return F.layout(d, args.options("format.layout", opts, LAYOUT, d))
end
docs.def("format.layout", F.public_layout, [[
format.layout(d, opts) -> table

The prepared table every built-in format renders: title, notes (with the generated * note),
source (with its 'Bron: ' prefix), lang, words, columns {name, label, align, decimals, type},
rows {kind = "header"|"row"|"total", indent, cells {text, value, band, flag, state}},
stub (index of the row-label column), bands (band names used). See docs/formats.md.
opts: lang, title, columns (which, in order), hidden, labels = {col = "header"}, decimals =
{col = k}, stub, marks = {state = "mark"}, max_rows, thousands.]], {
  options = LAYOUT,
  example = function() return require("passend.sample").data(), { columns = { "regio", "cijfer" }, lang = "en" } end,
})

-- --- the built-in formats ----------------------------------------------------------------

return F
