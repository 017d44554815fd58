-- passend/data/codebook.lua: codebook(source, opts): scales grouped into doelstelling ->
-- indicator -> subindicator, per actor (questionnaire). Sources: a Lua table, a CSV codebook
-- file (one row per item or one row per scale), or a dataset / .sav whose value labels give
-- the missing codes. The scales are ordinary scale{} objects for estimate/scores/alpha.
local core = require "passend.core"
local doc = require "passend.doc"
local args = require "passend.args"
local rules = require "passend.rules"
local io_ = require "passend.io"
local scale = require("passend.data.scale").scale

local M = {}

local Codebook = { __name = "passend.Codebook" }
Codebook.__index = Codebook

local function trim(s) return (tostring(s):gsub("^%s+", ""):gsub("%s+$", "")) end

-- A ';', ',' or blank separated list in one cell ("8;9", "q1, q2").
local function split_list(s)
  local out = {}
  if s == nil then return out end
  if type(s) == "number" then return { s } end
  for part in tostring(s):gmatch("[^;,%s]+") do out[#out + 1] = part end
  return out
end

-- Lower-cased, trimmed missing labels of the current rules.
local function missing_label_set()
  local set = {}
  for _, l in ipairs(rules.settings.missing_labels or {}) do set[trim(l):lower()] = true end
  return set
end

-- d1_i2_s3 -> doelstelling 1, indicator 2 (the monitor's naming of subindicator scales).
local function groups_from_name(name)
  local d, i = tostring(name):match("^d(%d+)_i(%d+)_s%d+")
  return tonumber(d), tonumber(i)
end

-- The longest common start of the item labels, cut at a word and before " (" / " -":
-- "Overleg met ouders (voorbeelditem 1)", "... (voorbeelditem 2)" -> "Overleg met ouders".
local function common_label(labels)
  local p = labels[1]
  if not p or p == "" then return "" end
  for k = 2, #labels do
    local l, n = labels[k] or "", 0
    while n < #p and n < #l and p:byte(n + 1) == l:byte(n + 1) do n = n + 1 end
    p = p:sub(1, n)
  end
  if #labels > 1 then
    p = p:gsub("%s*[%(%-:][^%(%-:]*$", "")
    if p:find("[%(%-:]") == nil and #labels[1] > #p and not labels[1]:sub(#p + 1, #p + 1):match("[%s%(]") then
      p = p:gsub("%s*%S*$", "")
    end
  end
  return trim(p)
end

-- ---------------------------------------------------------------------------------------
-- Building the object

local function key(v) return v ~= nil and tostring(v) or "" end

local function new_codebook(entries, source, extra)
  local cb = setmetatable({ list = {}, by_name = {}, source = source }, Codebook)
  for k, v in pairs(extra or {}) do cb[k] = v end
  for _, e in ipairs(entries) do
    local s = scale(e.spec)
    s.doelstelling, s.indicator = e.doelstelling, e.indicator
    s.subindicator = e.subindicator or s.name
    s.actors = e.actors or {}
    s.actor = #s.actors > 0 and table.concat(s.actors, ";") or nil
    cb.list[#cb.list + 1] = s
    cb.by_name[s.name] = s
  end
  return cb
end

local function matches(s, f)
  if f.actor ~= nil and #s.actors > 0 then
    local ok = false
    for _, a in ipairs(s.actors) do if a == f.actor then ok = true end end
    if not ok then return false end
  end
  if f.doelstelling ~= nil and key(s.doelstelling) ~= key(f.doelstelling) then return false end
  if f.indicator ~= nil and key(s.indicator) ~= key(f.indicator) then return false end
  if f.subindicator ~= nil and key(s.subindicator) ~= key(f.subindicator) then return false end
  if f.points ~= nil and s.points ~= f.points then return false end
  return true
end

local filter_keys = { actor = true, doelstelling = true, indicator = true, subindicator = true, points = true }

function Codebook:scales(f)
  f = f or {}
  if type(f) ~= "table" then error("cb:scales{...}: expected a table of filters", 2) end
  for k in pairs(f) do
    if not filter_keys[k] then
      error(string.format("cb:scales{...}: unknown filter %q (expected actor, doelstelling, indicator, subindicator, points)", tostring(k)), 2)
    end
  end
  local out = {}
  for _, s in ipairs(self.list) do if matches(s, f) then out[#out + 1] = s end end
  return out
end

function Codebook:scale(name)
  return self.by_name[name]
end

function Codebook:__len() return #self.list end

-- Actors named anywhere in the codebook, in first-seen order.
function Codebook:actors()
  local out, seen = {}, {}
  for _, s in ipairs(self.list) do
    for _, a in ipairs(s.actors) do
      if not seen[a] then seen[a] = true; out[#out + 1] = a end
    end
  end
  return out
end

-- { {doelstelling = d, indicators = { {indicator = i, subindicators = { {subindicator, scales} } } } } }
function Codebook:tree(f)
  local tree, dix = {}, {}
  for _, s in ipairs(self:scales(f)) do
    local dk = key(s.doelstelling)
    local D = dix[dk]
    if not D then
      D = { doelstelling = s.doelstelling, indicators = {}, _ix = {} }
      dix[dk] = D; tree[#tree + 1] = D
    end
    local ik = key(s.indicator)
    local I = D._ix[ik]
    if not I then
      I = { indicator = s.indicator, subindicators = {}, _ix = {} }
      D._ix[ik] = I; D.indicators[#D.indicators + 1] = I
    end
    local sk = key(s.subindicator)
    local S = I._ix[sk]
    if not S then
      S = { subindicator = s.subindicator, scales = {} }
      I._ix[sk] = S; I.subindicators[#I.subindicators + 1] = S
    end
    S.scales[#S.scales + 1] = s
  end
  for _, D in ipairs(tree) do
    D._ix = nil
    for _, I in ipairs(D.indicators) do I._ix = nil end
  end
  return tree
end

function Codebook:__tostring()
  local out = {}
  local acts = self:actors()
  out[1] = string.format("codebook: %d scales%s%s", #self.list,
    #acts > 0 and (", actors " .. table.concat(acts, ", ")) or "",
    self.source and (" (" .. self.source .. ")") or "")
  for _, D in ipairs(self:tree()) do
    out[#out + 1] = "  doelstelling " .. (D.doelstelling ~= nil and tostring(D.doelstelling) or "-")
    for _, I in ipairs(D.indicators) do
      out[#out + 1] = "    indicator " .. (I.indicator ~= nil and tostring(I.indicator) or "-")
      for _, S in ipairs(I.subindicators) do
        for _, s in ipairs(S.scales) do
          local sub = (key(S.subindicator) ~= s.name) and (tostring(S.subindicator) .. ": ") or ""
          out[#out + 1] = string.format("      %s%s  %d-pt, %d items%s%s%s", sub, s.name, s.points, #s.items,
            #s.reversed > 0 and (", " .. #s.reversed .. " reversed") or "",
            s.label ~= "" and ("  " .. s.label) or "",
            #s.actors > 0 and ("  [" .. table.concat(s.actors, ", ") .. "]") or "")
        end
      end
    end
  end
  return table.concat(out, "\n")
end

-- The codebook as a dataset, one row per variable (item) in the columns of the CSV
-- codebook it came from (or the item-level default columns); cb:write(path) writes it.
local default_cols = { "doelstelling", "indicator", "subindicator", "scale", "label", "actor", "item",
                       "reversed", "points", "missing", "min_valid" }

function Codebook:dataset()
  local cols = self.columns or default_cols
  local rows = self.variables
  if not rows then
    rows = {}
    for _, s in ipairs(self.list) do
      for _, it in ipairs(s.items) do rows[#rows + 1] = { item = it, scale = s.name, label = (self.item_labels or {})[it] } end
    end
  end
  local vals = {}
  for c = 1, #cols do vals[c] = {} end
  for r, v in ipairs(rows) do
    local s = v.scale and self.by_name[v.scale]
    for c, col in ipairs(cols) do
      local role = (self.roles or {})[col] or col
      local x
      if role == "item" then x = v.item
      elseif role == "scale" then x = s and s.name or ""
      elseif role == "subindicator" then x = s and key(s.subindicator) or ""
      elseif role == "doelstelling" then x = s and s.doelstelling
      elseif role == "indicator" then x = s and s.indicator
      elseif role == "actor" then x = s and s.actor or ""
      elseif role == "points" then x = s and s.points or nil
      elseif role == "reversed" then x = (s and s.reversed_set[v.item]) and 1 or 0
      elseif role == "min_valid" then x = s and s.min_valid or nil
      elseif role == "missing" then
        local m = v.missing or (s and s.missing) or {}
        x = table.concat(m, ";")
      elseif role == "label" then x = v.label or ""
      elseif role == "scale_label" then x = s and s.label or ""
      else x = v.raw and v.raw[col] end
      vals[c][r] = x
    end
  end
  local spec = { n = #rows }
  for c, col in ipairs(cols) do
    -- a column is numeric when every value is a number
    local num = true
    for r = 1, #rows do
      local x = vals[c][r]
      if x ~= nil and type(x) ~= "number" then num = false end
    end
    if not num then for r = 1, #rows do vals[c][r] = vals[c][r] ~= nil and tostring(vals[c][r]) or "" end end
    spec[#spec + 1] = { col, vals[c] }
  end
  local d = core.dataset(spec)
  if self.meta then for k, v in pairs(self.meta) do d:meta()[k] = v end end
  return d
end

function Codebook:write(path, opts)
  return self:dataset():write(path, opts)
end

-- ---------------------------------------------------------------------------------------
-- Source 1: Lua tables. A list of scale specs with grouping fields, or monitor.defs.

local lua_keys = { doelstelling = true, indicator = true, subindicator = true, actors = true }

local function entry_from_table(t, i)
  if type(t) ~= "table" then error(string.format("codebook: entry %d is not a table", i), 4) end
  local spec = {}
  for k, v in pairs(t) do
    if not lua_keys[k] then spec[k] = v end
  end
  local name = t[1] or t.name
  local actors = t.actors or (type(t.actor) == "table" and t.actor) or split_list(t.actor)
  if type(t.actor) == "table" then spec.actor = nil end
  local dd, ii = groups_from_name(name)
  return { spec = spec, doelstelling = t.doelstelling or dd, indicator = t.indicator or ii,
           subindicator = t.subindicator, actors = actors }
end

local function from_defs(defs)
  -- actors per subindicator: those with a published value in any of the report's tables
  local actors = {}
  for _, T in ipairs(defs.tables or {}) do
    for _, r in ipairs(T.rows or {}) do
      if r.kind == "sub" then
        local a = actors[r.id] or {}
        actors[r.id] = a
        for _, x in ipairs(r.actors or {}) do
          if not a[x] then a[x] = true; a[#a + 1] = x end
        end
      end
    end
  end
  local entries, labels = {}, {}
  for _, D in ipairs(defs.doelstellingen) do
    for _, I in ipairs(D.indicators or {}) do
      for _, S in ipairs(I.subindicators or {}) do
        if S.items then
          entries[#entries + 1] = { spec = { S.scale or S.id, items = S.items, reversed = S.reversed_items,
            points = S.points or 5, missing = { 8, 9 }, label = S.title or "" },
            doelstelling = D.nr, indicator = I.nr, subindicator = S.id,
            actors = { table.unpack(actors[S.id] or {}) } }
          for j, it in ipairs(S.items) do labels[it] = (S.item_labels or {})[j] end
        end
      end
    end
  end
  return entries, labels
end

-- ---------------------------------------------------------------------------------------
-- Source 2: a CSV codebook.

-- Column name (lower case) -> role.
local aliases = {
  doelstelling = "doelstelling", goal = "doelstelling", objective = "doelstelling",
  indicator = "indicator",
  subindicator = "subindicator", sub = "subindicator",
  scale = "scale", schaal = "scale",
  label = "label",
  scale_label = "scale_label", schaallabel = "scale_label", schaal_label = "scale_label",
  actor = "actor", actors = "actor", actoren = "actor", vragenlijst = "actor", questionnaire = "actor",
  item = "item", variabele = "item", variable = "item", var = "item",
  items = "items",
  reversed = "reversed", omgepoold = "reversed", reverse = "reversed",
  points = "points", punten = "points",
  missing = "missing",
  min_valid = "min_valid",
  -- described but not modelled: kept as they are when the codebook is written back
  type = "keep", waarden = "value_labels", values = "value_labels", value_labels = "value_labels",
  voorbeelditem = "keep", note = "keep", opmerking = "keep",
}

-- Line and character column where each record (and each of its fields) starts: read()
-- gives the values, this gives the places for error messages. Blank lines are skipped
-- as read() skips them.
local function csv_positions(text, sep)
  local recs = {}
  local i, n, line, lstart = 1, #text, 1, 1
  if text:sub(1, 3) == "\239\187\191" then i, lstart = 4, 4 end
  local utf = utf8.len(text) ~= nil   -- else read() takes it as Windows-1252: a byte is a character
  local function col_of(p)
    local c = 1
    for q = lstart, p - 1 do
      local b = text:byte(q)
      if not utf or b < 0x80 or b >= 0xC0 then c = c + 1 end
    end
    return c
  end
  while i <= n do
    local b = text:sub(i, i)
    if b == "\n" or (b == "\r" and text:sub(i + 1, i + 1) == "\n") then
      i = i + (b == "\r" and 2 or 1); line = line + 1; lstart = i      -- blank line
    else
      local rec = { line = line, cols = {} }
      local quoted = false
      rec.cols[1] = col_of(i)
      while i <= n do
        local c = text:sub(i, i)
        if quoted then
          if c == '"' then
            if text:sub(i + 1, i + 1) == '"' then i = i + 1 else quoted = false end
          elseif c == "\n" then line = line + 1; lstart = i + 1 end
        elseif c == '"' then quoted = true
        elseif c == sep then rec.cols[#rec.cols + 1] = col_of(i + 1)
        elseif c == "\n" or (c == "\r" and text:sub(i + 1, i + 1) == "\n") then break end
        i = i + 1
      end
      if i <= n then
        i = i + (text:sub(i, i) == "\r" and 2 or 1); line = line + 1; lstart = i
      end
      recs[#recs + 1] = rec
    end
  end
  return recs
end

local function detect_sep(text, ncol)
  local first = text:match("^[^\n]*") or ""
  for _, s in ipairs({ ",", ";", "\t", "|" }) do
    local k, q = 1, false
    for c in first:gmatch(".") do
      if c == '"' then q = not q elseif c == s and not q then k = k + 1 end
    end
    if k == ncol then return s end
  end
  return ","
end

local flag_true = { ["1"] = true, ja = true, yes = true, ["true"] = true, j = true, y = true, x = true }
local flag_false = { ["0"] = true, nee = true, no = true, ["false"] = true, n = true, [""] = true }

local function from_csv(path, opts)
  local f = core._open(path, "rb")
  if not f then error(string.format("codebook: cannot open %s", path), 3) end
  local text = f:read("a")
  f:close()
  local d = io_.read(path, { format = "csv", sep = opts.sep })
  local names = d.columns
  local sep = opts.sep or detect_sep(text, #names)
  local pos = csv_positions(text, sep)
  local function where(row, c)
    local rec = pos[row + 1]          -- record 1 is the header
    local line = rec and rec.line or (row + 1)
    local col = rec and rec.cols[c] or 1
    return string.format("%s:%d:%d", path, line, col)
  end
  local function fail(row, c, fmt, ...)
    error(where(row, c) .. ": " .. string.format(fmt, ...), 0)
  end
  -- header
  local role_col, roles = {}, {}
  for c, name in ipairs(names) do
    local role = aliases[trim(name):lower()]
    if not role then
      fail(0, c, "unknown column %q in the codebook (expected doelstelling, indicator, subindicator, scale, "
        .. "label, scale_label, actor, item or items, reversed, points, missing, min_valid, type, waarden)", name)
    end
    if role ~= "keep" then
      if role_col[role] then fail(0, c, "column %q says the same as column %q", name, names[role_col[role]]) end
      role_col[role] = c
    end
    roles[name] = role
  end
  if not role_col.item and not role_col.items then
    fail(0, 1, "the codebook needs a column item (one row per item) or items (one row per scale)")
  end
  if role_col.item and role_col.items then
    fail(0, role_col.items, "the codebook has both item and items columns; use one")
  end
  if not role_col.scale and not role_col.subindicator then
    fail(0, 1, "the codebook needs a column scale (or schaal, subindicator)")
  end
  local itemlevel = role_col.item ~= nil
  local vals = {}
  for c, name in ipairs(names) do vals[c] = d:values(name) end
  local function cell(row, role)
    local c = role_col[role]
    if not c then return nil end
    local v = vals[c][row]
    if type(v) == "string" then v = trim(v); if v == "" then return nil end end
    return v
  end
  local function whole(row, role, what)
    local v = cell(row, role)
    if v == nil then return nil end
    local x = tonumber(v)
    local k = x and math.tointeger(x)
    if not k then fail(row, role_col[role], "expected %s, found %q", what, tostring(v)) end
    return k
  end
  local function group_value(row, role)
    local v = cell(row, role)
    if type(v) == "string" and tonumber(v) and math.tointeger(tonumber(v)) then return math.tointeger(tonumber(v)) end
    if type(v) == "number" and math.tointeger(v) then return math.tointeger(v) end
    return v
  end
  local mlabels = missing_label_set()
  local function label_missing(row)
    -- "1=helemaal mee oneens; 8=weet niet" -> codes whose label is a missing label
    local v = cell(row, "value_labels")
    local out = {}
    if v == nil then return out end
    for part in tostring(v):gmatch("[^;]+") do
      local code, lab = part:match("^%s*(-?[%d%.]+)%s*=%s*(.-)%s*$")
      if not code then fail(row, role_col.value_labels, "expected value labels as code=label; ..., found %q", trim(part)) end
      if mlabels[lab:lower()] and tonumber(code) then out[#out + 1] = tonumber(code) end
    end
    return out
  end
  local function codes(row, explicit_only)
    local out = {}
    local v = cell(row, "missing")
    for _, m in ipairs(split_list(v)) do
      local x = tonumber(m)
      if not x then fail(row, role_col.missing, "expected missing codes as numbers (8;9), found %q", tostring(m)) end
      out[#out + 1] = x
    end
    if explicit_only then return out end
    for _, x in ipairs(label_missing(row)) do out[#out + 1] = x end
    return out
  end

  local entries, by_scale, variables, order = {}, {}, {}, {}
  local last_scale
  for row = 1, #d do
    local scale = cell(row, "scale") or cell(row, "subindicator")
    if scale ~= nil then scale = tostring(scale) end
    local points = whole(row, "points", "points from 2 to 11")
    if points ~= nil and (points < 2 or points > 11) then
      fail(row, role_col.points, "points must be from 2 to 11, found %s", tostring(points))
    end
    local min_valid = whole(row, "min_valid", "min_valid as a whole number")
    local raw = {}
    for c, name in ipairs(names) do if roles[name] == "keep" or roles[name] == "value_labels" then raw[name] = vals[c][row] end end
    if itemlevel then
      local item = cell(row, "item")
      if item == nil then fail(row, role_col.item, "expected an item (variable) name, found an empty field") end
      item = tostring(item)
      local var = { item = item, label = cell(row, "label") and tostring(cell(row, "label")) or "", raw = raw,
                    line = row }
      variables[#variables + 1] = var
      if scale then
        var.scale = scale
        local e = by_scale[scale]
        if e and last_scale ~= scale then
          fail(row, role_col.scale or role_col.subindicator,
            "duplicate scale %q: its items must be on consecutive rows (it started at %s)", scale, e.where)
        end
        if not e then
          e = { spec = { scale, items = {}, reversed = {}, missing = {} }, row = row, where = where(row, role_col.scale or role_col.subindicator),
                seen = {}, mseen = {}, labels = {} }
          by_scale[scale] = e
          entries[#entries + 1] = e
        end
        if e.seen[item] then fail(row, role_col.item, "item %q is listed twice in scale %q", item, scale) end
        e.seen[item] = true
        e.spec.items[#e.spec.items + 1] = item
        e.labels[#e.labels + 1] = var.label
        -- scale-wide fields: the first row that gives one sets it; a different value later is an error
        local function same(field, v, role)
          if v == nil then return end
          if e[field] == nil then e[field] = v; e[field .. "_row"] = row
          elseif key(e[field]) ~= key(v) then
            fail(row, role_col[role], "scale %q has %s %s here but %s on line %d", scale, field, tostring(v),
              tostring(e[field]), pos[e[field .. "_row"] + 1] and pos[e[field .. "_row"] + 1].line or e[field .. "_row"] + 1)
          end
        end
        same("points", points, "points")
        same("min_valid", min_valid, "min_valid")
        same("doelstelling", group_value(row, "doelstelling"), "doelstelling")
        same("indicator", group_value(row, "indicator"), "indicator")
        same("actor", cell(row, "actor") and tostring(cell(row, "actor")), "actor")
        same("scale_label", cell(row, "scale_label") and tostring(cell(row, "scale_label")), "scale_label")
        if role_col.scale and role_col.subindicator then same("subindicator", group_value(row, "subindicator"), "subindicator") end
        local rv = cell(row, "reversed")
        if rv ~= nil then
          local s = tostring(rv):lower()
          if type(rv) == "number" then s = rv == 1 and "1" or (rv == 0 and "0" or s) end
          if flag_true[s] then e.spec.reversed[#e.spec.reversed + 1] = item
          elseif not flag_false[s] then
            if s == item:lower() then e.spec.reversed[#e.spec.reversed + 1] = item
            else fail(row, role_col.reversed, "reversed item %q is not this row's item %q of scale %q (expected 0/1, ja/nee or the item)", tostring(rv), item, scale) end
          end
        end
        local m = codes(row)
        var.missing = codes(row, true)
        for _, x in ipairs(m) do
          if not e.mseen[x] then e.mseen[x] = true; e.spec.missing[#e.spec.missing + 1] = x end
        end
      else
        var.missing = codes(row, true)
      end
      last_scale = scale
    else
      if scale == nil then fail(row, role_col.scale or role_col.subindicator, "expected a scale name, found an empty field") end
      if by_scale[scale] then
        fail(row, role_col.scale or role_col.subindicator, "duplicate scale %q (first defined at %s)", scale, by_scale[scale].where)
      end
      local items = split_list(cell(row, "items"))
      if #items == 0 then fail(row, role_col.items, "scale %q has no items", scale) end
      local set = {}
      for k, it in ipairs(items) do
        if set[it] then fail(row, role_col.items, "item %q is listed twice in scale %q", it, scale) end
        set[it] = true
        items[k] = it
      end
      local reversed = {}
      for _, it in ipairs(split_list(cell(row, "reversed"))) do
        if not set[it] then
          fail(row, role_col.reversed, "reversed item %q is not among the items of scale %q (%s)", it, scale, table.concat(items, ", "))
        end
        reversed[#reversed + 1] = it
      end
      local e = { spec = { scale, items = items, reversed = reversed, missing = codes(row),
                           label = cell(row, "label") and tostring(cell(row, "label")) or "" },
                  row = row, where = where(row, role_col.scale or role_col.subindicator),
                  points = points, min_valid = min_valid, doelstelling = group_value(row, "doelstelling"),
                  indicator = group_value(row, "indicator"),
                  actor = cell(row, "actor") and tostring(cell(row, "actor")) }
      if role_col.scale and role_col.subindicator then e.subindicator = group_value(row, "subindicator") end
      by_scale[scale] = e
      entries[#entries + 1] = e
    end
    order[#order + 1] = scale
  end
  local out, item_labels = {}, {}
  for _, e in ipairs(entries) do
    local name = e.spec[1]
    local dd, ii = groups_from_name(name)
    e.spec.points = e.points or 5
    if e.min_valid and (e.min_valid < 1 or e.min_valid > #e.spec.items) then
      fail(e.min_valid_row or e.row, role_col.min_valid, "min_valid of scale %q must be from 1 to %d (its number of items), found %d",
        name, #e.spec.items, e.min_valid)
    end
    e.spec.min_valid = e.min_valid
    if itemlevel then e.spec.label = e.scale_label or common_label(e.labels) end
    local ok, err = pcall(scale, e.spec)
    if not ok then fail(e.row, role_col.scale or role_col.subindicator, "%s", tostring(err):gsub("^[^\"]*scale \"", "scale \"")) end
    out[#out + 1] = { spec = e.spec, doelstelling = e.doelstelling or dd, indicator = e.indicator or ii,
                      subindicator = e.subindicator, actors = split_list(e.actor) }
  end
  for _, v in ipairs(variables) do item_labels[v.item] = v.label end
  return out, { columns = names, roles = roles, variables = itemlevel and variables or nil,
                item_labels = item_labels, meta = { title = d:meta().title } }
end

-- ---------------------------------------------------------------------------------------
-- Source 3: a dataset (e.g. read from .sav): items by a naming rule or given lists; missing
-- codes from user-missing codes and value labels in rules.settings.missing_labels.

local function from_dataset(d, opts, what)
  local info = {}
  for _, c in ipairs(d.columns) do info[c] = true end
  local mlabels = missing_label_set()
  local lists, order = {}, {}
  if opts.scales then
    if type(opts.scales) ~= "table" then error("codebook: opts.scales must be a table of scale = {items}", 3) end
    -- { name = {items} } or { {"name", items = {...}, ...}, ... }
    if #opts.scales > 0 then
      for _, t in ipairs(opts.scales) do
        local name = type(t) == "table" and (t[1] or t.name)
        if type(name) ~= "string" then error("codebook: each entry of opts.scales needs a name", 3) end
        lists[name] = t; order[#order + 1] = name
      end
    else
      for name, items in pairs(opts.scales) do lists[name] = { name, items = items }; order[#order + 1] = name end
      table.sort(order)
    end
  else
    local pattern = opts.pattern or "^(.+)_%d+$"
    for _, c in ipairs(d.columns) do
      local name = c:match(pattern)
      if name and d:info(c).type == "number" and (opts.pattern or d:info(c).value_labels and next(d:info(c).value_labels)) then
        if not lists[name] then lists[name] = { name, items = {} }; order[#order + 1] = name end
        local its = lists[name].items
        its[#its + 1] = c
      end
    end
    if #order == 0 then
      error(string.format("codebook: no scale items found in %s by the naming rule %q (number columns with value labels named <scale>_<k>); give opts.pattern or opts.scales",
        what, pattern), 3)
    end
  end
  -- opts.actor: the column naming each respondent's questionnaire ("actor" when there is one)
  local actor_col = opts.actor
  if actor_col == nil and info.actor and d:info("actor").type == "text" then actor_col = "actor" end
  local actor_vals
  if actor_col then
    if not info[actor_col] then error(string.format("codebook: opts.actor: %q is not a variable of %s", tostring(actor_col), what), 3) end
    actor_vals = d:values(actor_col)
    for r = 1, #d do if actor_vals[r] ~= nil then actor_vals[r] = tostring(actor_vals[r]) end end
  end
  local entries = {}
  for _, name in ipairs(order) do
    local t = lists[name]
    if type(t.items) ~= "table" or #t.items == 0 then error(string.format("codebook: scale %q: items must be a non-empty list", name), 3) end
    local missing, mseen, labels, maxvalid = {}, {}, {}, 0
    for _, it in ipairs(t.items) do
      if not info[it] then
        error(string.format("codebook: scale %q: item %q is not a variable of %s", name, tostring(it), what), 3)
      end
      local ci = d:info(it)
      if ci.type ~= "number" then error(string.format("codebook: scale %q: item %q is a text variable, expected answer codes", name, it), 3) end
      labels[#labels + 1] = ci.label or ""
      for _, m in ipairs(ci.missing or {}) do if not mseen[m] then mseen[m] = true; missing[#missing + 1] = m end end
      for code, lab in pairs(ci.value_labels or {}) do
        if mlabels[trim(lab):lower()] then
          if not mseen[code] then mseen[code] = true; missing[#missing + 1] = code end
        end
      end
      for code in pairs(ci.value_labels or {}) do
        if not mseen[code] and code > maxvalid then maxvalid = code end
      end
    end
    -- missing codes from labels may follow the valid codes: recompute the valid maximum
    maxvalid = 0
    for _, it in ipairs(t.items) do
      for code in pairs(d:info(it).value_labels or {}) do
        if not mseen[code] and code > maxvalid then maxvalid = code end
      end
    end
    table.sort(missing)
    local points = t.points or (opts.points and (type(opts.points) == "table" and opts.points[name] or opts.points))
      or ((maxvalid >= 2 and maxvalid <= 11) and maxvalid) or 5
    local rev = t.reversed or (opts.reversed and opts.reversed[name]) or {}
    local spec = { name, items = t.items, reversed = rev, points = points, missing = missing,
                   min_valid = t.min_valid, label = t.label or (opts.labels and opts.labels[name]) or common_label(labels) }
    local dd, ii = groups_from_name(name)
    local actors = t.actors or (opts.actors and opts.actors[name])
    if type(actors) == "string" then actors = split_list(actors) end
    if not actors and actor_vals then
      -- the actors (questionnaires) with at least one valid answer to one of the items
      actors = {}
      local seen = {}
      for _, it in ipairs(t.items) do
        local v = d:values(it)
        for r = 1, #d do
          local x, a = v[r], actor_vals[r]
          if x ~= nil and a ~= nil and not mseen[x] and not seen[a] then seen[a] = true; actors[#actors + 1] = a end
        end
      end
    end
    actors = actors or {}
    entries[#entries + 1] = { spec = spec, doelstelling = t.doelstelling or dd, indicator = t.indicator or ii,
                              subindicator = t.subindicator, actors = actors }
  end
  return entries
end

-- ---------------------------------------------------------------------------------------

local data_ext = { sav = true, zsav = true, por = true, dta = true, sas7bdat = true, db = true }

-- opts.actor is a column of a dataset source (checked where the data are read)
local SPEC = args.spec{ sep = "string", pattern = "string", scales = "table", points = { "either", "count", "table" },
  reversed = "table", labels = "table", actors = "table", actor = { "either", "string", { "one_of", false } } }

local function codebook(source, opts)
  opts = args.options("codebook", opts, SPEC)
  local ok, res = pcall(function()
    if getmetatable(source) == Codebook then return source end
    if type(source) == "string" then
      local ext = (source:match("%.([%w]+)$") or ""):lower()
      if data_ext[ext] then
        local d = io_.read(source)
        return new_codebook(from_dataset(d, opts, source), source)
      end
      local entries, extra = from_csv(source, opts)
      return new_codebook(entries, source, extra)
    elseif core.is_dataset(source) then
      return new_codebook(from_dataset(source, opts, "the data"), nil)
    elseif type(source) == "table" then
      if source.doelstellingen then
        local entries, labels = from_defs(source)
        return new_codebook(entries, "monitor.defs", { item_labels = labels })
      end
      local entries, seen = {}, {}
      for i, t in ipairs(source) do
        local e = entry_from_table(t, i)
        local name = e.spec[1] or e.spec.name
        if seen[name] then error(string.format("codebook: duplicate scale %q (entries %d and %d)", tostring(name), seen[name], i), 0) end
        if name ~= nil then seen[name] = i end
        entries[i] = e
      end
      return new_codebook(entries, nil)
    end
    error("codebook(source): expected a CSV or .sav path, a dataset or a table of scales, found " .. type(source), 0)
  end)
  if not ok then
    res = tostring(res)
    if not res:match("^codebook") and not res:match("^[^:]+:%d+:%d+: ") then res = "codebook: " .. res end
    error(res, 2)
  end
  return res
end

M.codebook = doc.def("data.codebook", codebook, [[
data.codebook(source [, opts]) -> codebook

The scales of a questionnaire grouped into doelstelling -> indicator -> subindicator, per actor.
source is one of:
- a CSV codebook path: one row per item (columns item/variabele, scale/schaal, label, points/
  punten, reversed/omgepoold 0/1, missing "8;9", waarden "1=...; 8=weet niet", doelstelling,
  indicator, subindicator, actor "ouder;leraar", min_valid, scale_label, type, voorbeelditem:
  examples/data/voorbeeld_codebook.csv) or one row per scale (items "q1;q2;q3", reversed "q2").
  Codes whose value label is in rules.settings.missing_labels become missing codes.
- a dataset or a .sav/.dta/.por path: scales from the naming rule <scale>_<k> (number columns
  with value labels; opts.pattern, a Lua pattern whose capture is the scale name) or
  opts.scales = { name = {items} } / { {"name", items = {...}, reversed = {...}}, ... };
  missing codes from the user-missing codes and from value labels such as 'weet niet', 'n.v.t.',
  'geen zicht op', 'doe dit niet'; points from the highest valid labelled code (2 to 11) or
  opts.points; opts.reversed = { scale = {items} }. Actors: opts.actors = { scale = {actors} },
  else those with a valid answer to one of its items in the column opts.actor (default
  "actor" when the data has that text column; false: none).
- a Lua table: a list of scale{} specs with doelstelling, indicator, subindicator and actor
  (a name or list) fields, or monitor.defs.
Scales named d<k>_i<k>_s<k> get doelstelling and indicator from the name when not given.

cb:scales{ actor =, doelstelling =, indicator =, subindicator =, points = } lists matching
scale{} objects (usable in estimate, scores, alpha; a scale without actors is asked of all);
cb:scale(name), cb:tree(filter), cb:actors(), #cb, cb:dataset() and cb:write(path) (one row per
item, in the columns of the CSV it came from). A malformed CSV gives file:line:col and what is
wrong (unknown column, points not 2-11, reversed item not among the items, duplicate scale).]], {
  options = SPEC,
  example = function() return require("passend.sample").data(), { pattern = "^(vraag)%d$", points = 5, actor = false } end,
})

return M
