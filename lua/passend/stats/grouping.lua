-- passend/stats/grouping.lua: grouping{...}, derived groupings usable in by = ... of estimate,
-- freq, crosstab, ... next to plain columns, and the one place that turns a `by` argument into
-- per-row values.
local doc = require "passend.doc"
local args = require "passend.args"

local M = {}

local Grouping = { __name = "passend.Grouping" }
Grouping.__index = Grouping
local groupings = {}   -- name -> Grouping, for by = {"name"}
M.Grouping = Grouping
M.registered = groupings

function Grouping.__tostring(g)
  return "grouping " .. g.name .. (g.from and (" (from " .. g.from .. ")") or "")
end

local FIELDS = args.spec{ name = "string", fn = "function", from = "string", map = "table", label = "string" }

M.grouping = doc.def("stats.grouping", function(t)
  if type(t) ~= "table" then error("grouping{...}: expected a table", 2) end
  args.fields("grouping", t, FIELDS, 2)
  local name = t[1] or t.name
  if type(name) ~= "string" or name == "" then error("grouping{...}: the first entry must be its name", 2) end
  local fn = t.fn or t[2]
  if t.map ~= nil and type(t.map) ~= "table" then error("grouping \"" .. name .. "\": map must be a table", 2) end
  if fn ~= nil and type(fn) ~= "function" then error("grouping \"" .. name .. "\": fn must be a function", 2) end
  if not fn and not t.map then error("grouping \"" .. name .. "\": give fn = function(row) ... end, or from = column with map or fn", 2) end
  if t.map and not t.from then error("grouping \"" .. name .. "\": map needs from = column", 2) end
  local g = setmetatable({ name = name, fn = fn, from = t.from, map = t.map, label = t.label }, Grouping)
  groupings[name] = g
  return g
end, [[
stats.grouping{ "name", fn = function(row) return ... end }
stats.grouping{ "name", from = "column", map = { value = group, ... } }
stats.grouping{ "name", from = "column", fn = function(value) return ... end }

A derived grouping usable in estimate's by (by its name or the object itself). With fn
alone it is called with each row (a table column -> value); with from it is called once
per distinct value of that column (fast), or map looks the value up. It returns a string
or number (the group), or nil (the row is in no group). Example:
  stats.grouping{ "sector", from = "onderwijstype", map = { bao = "po", sbo = "po", vo = "vo", vso = "vo" } }]], {
  options = FIELDS, options_at = 1,
  example = function() return { "_voorbeeld_regio", from = "regio", map = { noord = "n", oost = "o" } } end,
})

local has_column = args.has_column

-- The option kind "by" (passend.args): a column name, a grouping (or its registered name), or
-- a non-empty list of them; names are resolved against the data's columns and the groupings.
local function by_check(v)
  local list = (type(v) == "table" and getmetatable(v) == nil) and v or { v }
  if #list == 0 then return "a column name, a grouping or a non-empty list of them" end
  for k in pairs(list) do
    local b = list[k]
    if math.type(k) ~= "integer" or not (type(b) == "string" or getmetatable(b) == Grouping) then
      return "a column name, a grouping or a non-empty list of them"
    end
  end
end
local function by_resolve(fn, names, v, what)
  local list = (type(v) == "table" and getmetatable(v) == nil) and v or { v }
  for _, b in ipairs(list) do
    if type(b) == "string" and not groupings[b] then
      local known = {}
      for _, c in ipairs(names) do known[#known + 1] = c end
      local found = false
      for _, c in ipairs(names) do if c == b then found = true end end
      if not found then
        for k in pairs(groupings) do known[#known + 1] = k end
        args.fail(fn, "%s: no column or grouping %q in the data%s", what, b, args.did_you_mean(b, known))
      end
    end
  end
end
args.define_kind("by", by_check, by_resolve)

-- The grouping's value for every row of d (a Lua array with holes).
function M.values(g, d)
  local n, out = #d, {}
  if g.from then
    args.column(nil, d, g.from, string.format("grouping %q: from", g.name))
    local src, cache = d:values(g.from), {}
    for i = 1, n do
      local v = src[i]
      if v ~= nil then
        local r = cache[v]
        if r == nil then
          if g.map then r = g.map[v] else r = g.fn(v) end
          cache[v] = r == nil and false or r
        end
        if r then out[i] = r end
      end
    end
  else
    -- row views: a field that is not a column is an error, not a quiet nil
    for i, r in d:rows() do out[i] = g.fn(r) end
  end
  return out
end

-- opts.by -> list for the C side (names, or {name, values}) and the names. fn names the
-- function in errors.
function M.resolve_by(d, by, fn)
  fn = fn or "estimate"
  if by == nil then return {}, {} end
  if type(by) == "string" or getmetatable(by) == Grouping then by = { by } end
  if type(by) ~= "table" then error(fn .. ": by must be a column name, a grouping or a list of them", 0) end
  local spec, names = {}, {}
  for i, b in ipairs(by) do
    local g = getmetatable(b) == Grouping and b or nil
    if not g then
      if type(b) ~= "string" then error(string.format("%s: by entry %d is not a column or grouping name", fn, i), 0) end
      if has_column(d, b) then
        spec[i], names[i] = b, b
      elseif groupings[b] then
        g = groupings[b]
      else
        local known = {}
        for _, c in ipairs(d.columns) do known[#known + 1] = c end
        for k in pairs(groupings) do known[#known + 1] = k end
        error(string.format("%s: by: no column or grouping \"%s\"%s", fn, b, args.did_you_mean(b, known)), 0)
      end
    end
    if g then spec[i], names[i] = { name = g.name, values = M.values(g, d) }, g.name end
  end
  return spec, names
end

return M
