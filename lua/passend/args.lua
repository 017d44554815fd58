-- passend/args.lua: the argument layer every public function uses. One place decides what a
-- wrong argument gets: an unknown option, a misspelt column, a value of the wrong type or out
-- of range is an error naming the function, the argument and what was expected, with the
-- closest names for a typo ("did you mean "weight"?"). Nothing is ignored quietly.
--
--   local args = require "passend.args"
--   local SPEC = args.spec{ weight = "column", by = "by", conf = { "number", above = 0, below = 1 },
--                           method = { "one_of", "minres", "ml" }, k = "count", title = "string" }
--   opts = args.options("factor", opts, SPEC, d)   -- a checked copy; columns resolved against d
--   args.column("factor", d, name, "item")         -- the name, or an error with suggestions
--
-- A spec entry is a kind name or a table { kind, ... }:
--   "any" "string" "boolean" "table" "list" "function" "dataset" "number" "integer" "count"
--   "codes" (a list of codes, or {column = {codes}})    "text" (a string or {nl = , en = })
--   { "number" | "integer" | "count", min =, max =, above =, below = }   bounds
--   { "one_of", a, b, ... }                               one of these values
--   { "either", entry1, entry2, ... }                     the first entry the value fits
--   "column" | "columns" | "by"                           column names, resolved against the
--      data passed to options() (of = k: against argument k's data, given in `sources`);
--      "columns" is a name or a non-empty list; "by" also takes groupings (stats.grouping)
-- The spec of every documented function is registered with its help (passend.doc) and
-- tests/registry_spec.lua walks them all.
local core = require "passend.core"

local A = {}

local function fail(fn, fmt, ...)
  error((fn and (fn .. ": ") or "") .. string.format(fmt, ...), 0)
end
A.fail = fail

-- --- typos -------------------------------------------------------------------------------

-- The candidates closest to name (at most 3), nearest first; only close ones. The rule is
-- src/kernel/suggest.h's (the same the C bindings use for columns): a distance (Levenshtein
-- with adjacent swaps, case-insensitive) of at most a third of the name's length, or a
-- candidate that starts with the name.
function A.suggest(name, candidates)
  if type(name) ~= "string" then return {} end
  return core._suggest(name, candidates)
end

local function quoted(list)
  local q = {}
  for i, s in ipairs(list) do q[i] = string.format("%q", s) end
  return q
end

-- ' (did you mean "x"?)', or "" when nothing is close.
function A.did_you_mean(name, candidates)
  local s = A.suggest(name, candidates)
  if #s == 0 then return "" end
  return " (did you mean " .. table.concat(quoted(s), " or ") .. "?)"
end

-- A short list for a message: every name when few, else the count.
local function known_list(names)
  local sorted = {}
  for i, n in ipairs(names) do sorted[i] = n end
  table.sort(sorted)
  if #sorted <= 20 then return table.concat(sorted, ", ") end
  return #sorted .. " names"
end

-- A value as a message shows it: "q1" quoted, a table as "a table".
local function shown(v)
  if type(v) == "string" then return string.format("%q", v) end
  if type(v) == "table" then return "a table" end
  if type(v) == "userdata" and core.is_dataset(v) then return "a dataset" end
  return tostring(v)
end
A.shown = shown

-- --- kinds -------------------------------------------------------------------------------

local function whole(v) return type(v) == "number" and v == math.floor(v) and math.abs(v) < 2 ^ 53 end

local function is_list(v)
  if type(v) ~= "table" or getmetatable(v) then return false end
  local n = #v
  for k in pairs(v) do
    if math.type(k) ~= "integer" or k < 1 or k > n then return false end
  end
  return true
end

-- Each kind returns nil when v fits, else what was expected.
local kinds = {
  any = function() return nil end,
  string = function(v) if type(v) ~= "string" then return "a string" end end,
  boolean = function(v) if type(v) ~= "boolean" then return "true or false" end end,
  table = function(v) if type(v) ~= "table" then return "a table" end end,
  list = function(v) if not is_list(v) then return "a list {...}" end end,
  ["function"] = function(v) if type(v) ~= "function" then return "a function" end end,
  dataset = function(v) if not core.is_dataset(v) then return "a dataset" end end,
  number = function(v) if type(v) ~= "number" or v ~= v then return "a number" end end,
  integer = function(v) if not whole(v) then return "a whole number" end end,
  count = function(v) if not (whole(v) and v >= 0) then return "a whole number >= 0" end end,
  text = function(v)
    if type(v) ~= "string" and not (type(v) == "table" and (v.nl or v.en)) then return "a text (or {nl = , en = })" end
  end,
  codes = function(v) if type(v) ~= "table" then return "a list of codes, or {column = {codes}}" end end,
  column = function(v) if type(v) ~= "string" then return "a column name" end end,
  columns = function(v)
    if type(v) == "string" then return nil end
    if not is_list(v) or #v == 0 then return "a column name or a non-empty list of them" end
    for _, x in ipairs(v) do if type(x) ~= "string" then return "a column name or a non-empty list of them" end end
  end,
}
-- Kinds whose values name columns, resolved against the data: kind -> function(fn, names,
-- v, what) that raises for a name that is not there.
local resolvers = {}

local function resolve_names(fn, names, v, what)
  if type(v) == "string" then v = { v } end
  for _, name in ipairs(v) do A.column(fn, names, name, what) end
end
resolvers.column, resolvers.columns = resolve_names, resolve_names

-- Adds a kind: check(v) -> nil | "what was expected"; resolve(fn, names, v, what) when its
-- values name columns (stats.grouping adds "by": columns or groupings).
function A.define_kind(name, check, resolve)
  kinds[name] = check
  resolvers[name] = resolve
end

-- Is this option's value resolved against data (a column kind)?
function A.names_columns(entry)
  if entry[1] == "either" then
    for i = 2, #entry do if A.names_columns(entry[i]) then return true end end
    return false
  end
  return resolvers[entry[1]] ~= nil
end

-- --- specs -------------------------------------------------------------------------------

local Spec = { __name = "passend.OptionSpec" }
Spec.__index = Spec

local function entry_of(name, k)
  local e = type(k) == "string" and { k } or k
  if type(e) ~= "table" then error("args.spec: option " .. tostring(name) .. " needs a kind", 3) end
  if e[1] == "either" then
    local out = { "either", of = e.of }
    for i = 2, #e do out[i] = entry_of(name, e[i]) end
    return out
  end
  if e[1] ~= "one_of" and not kinds[e[1]] then
    error("args.spec: option " .. tostring(name) .. " has an unknown kind " .. tostring(e[1]), 3)
  end
  return e
end

-- spec{ name = entry, ... } (several tables are merged: args.spec(DESIGN, {...})) -> spec.
-- spec.entries maps a name to its entry, spec.names lists the names sorted.
function A.spec(...)
  local s = setmetatable({ entries = {}, names = {} }, Spec)
  for i = 1, select("#", ...) do
    local t = select(i, ...)
    if getmetatable(t) == Spec then t = t.entries end
    for name, k in pairs(t) do
      if type(name) ~= "string" then error("args.spec: option names are strings", 2) end
      if not s.entries[name] then s.names[#s.names + 1] = name end
      s.entries[name] = entry_of(name, k)
    end
  end
  table.sort(s.names)
  return s
end

function A.is_spec(s) return getmetatable(s) == Spec end

-- nil when v fits entry e, else what was expected (a phrase).
local function mismatch(v, e)
  local kind = e[1]
  if kind == "one_of" then
    for i = 2, #e do if v == e[i] then return nil end end
    local opts = {}
    for i = 2, #e do opts[#opts + 1] = shown(e[i]) end
    return "one of " .. table.concat(opts, ", ")
  end
  if kind == "either" then
    local whys = {}
    for i = 2, #e do
      local why = mismatch(v, e[i])
      if not why then return nil end
      whys[#whys + 1] = why
    end
    return table.concat(whys, ", or ")
  end
  local why = kinds[kind](v)
  if why or type(v) ~= "number" then return why end
  if e.min and v < e.min then return string.format("at least %s", tostring(e.min)) end
  if e.max and v > e.max then return string.format("at most %s", tostring(e.max)) end
  if e.above and v <= e.above then return string.format("more than %s", tostring(e.above)) end
  if e.below and v >= e.below then return string.format("less than %s", tostring(e.below)) end
  return nil
end

-- Checks value v of option (noun) name against its entry: an error naming what was expected.
function A.check(fn, name, v, e, noun)
  local why = mismatch(v, e)
  if not why then return v end
  local hint = ""
  if e[1] == "one_of" and type(v) == "string" then
    local choices = {}
    for i = 2, #e do if type(e[i]) == "string" then choices[#choices + 1] = e[i] end end
    hint = A.did_you_mean(v, choices)
  end
  fail(fn, "%s %s must be %s, got %s%s", noun or "option", name, why, shown(v), hint)
end

-- The column names of data: a dataset, an accessor with .names (passend.data.frame) or a list.
local function names_of(data)
  if data == nil then return nil end
  if core.is_dataset(data) then return data.columns end
  if type(data) == "table" and type(data.names) == "table" then return data.names end
  return data
end

-- The entry that fits v (for "either": the first that does).
local function fitting(v, e)
  if e[1] ~= "either" then return e end
  for i = 2, #e do if not mismatch(v, e[i]) then return e[i] end end
  return e
end

-- Checks the entries of table t against spec; noun says what they are ("option", "field");
-- integer keys 1..npos are allowed (a constructor's positional name).
local function check_entries(fn, t, spec, data, sources, noun, npos)
  local out = {}
  for k, v in pairs(t) do
    local positional = math.type(k) == "integer" and k >= 1 and k <= (npos or 0)
    local e = type(k) == "string" and spec.entries[k] or nil
    if not e and not positional then
      fail(fn, "unknown %s %s%s (known: %s)", noun, shown(k), A.did_you_mean(tostring(k), spec.names),
        known_list(spec.names))
    end
    if e then
      A.check(fn, k, v, e, noun)
      local f = fitting(v, e)
      local resolve = resolvers[f[1]]
      local of = f.of or e.of
      local src = of and sources and sources[of] or (not of and data) or nil
      if resolve and src ~= nil then resolve(fn, names_of(src), v, noun .. " " .. k) end
    end
    out[k] = v
  end
  return out
end

-- Checks opts (nil: none) against spec: unknown names and wrong values are errors, column
-- names are resolved against data (a dataset, accessor or list of names; nil: not checked),
-- or for an entry with of = k against sources[k]. Returns a shallow copy the caller may fill in.
function A.options(fn, opts, spec, data, sources)
  if opts == nil then return {} end
  if type(opts) ~= "table" or getmetatable(opts) then
    fail(fn, "options must be a table {name = value, ...}, got %s", core.is_dataset(opts) and "a dataset" or type(opts))
  end
  return check_entries(fn, opts, spec, data, sources, "option")
end

-- The named fields of a constructor's table (scale{ "name", items = ... }) checked against
-- spec as options() does; entries 1..npos are its positional ones. Returns t itself.
function A.fields(fn, t, spec, npos)
  if type(t) ~= "table" then fail(fn, "expected a table {...}, got %s", type(t)) end
  check_entries(fn, t, spec, nil, nil, "field", npos)
  return t
end

-- Options tables already checked for the call they come with (passend.io checks a rendering's
-- options against its file type before the renderer sees them; format.layout, called by a
-- renderer with those options, does not check them again).
local checked = setmetatable({}, { __mode = "k" })
function A.mark_checked(t) if type(t) == "table" then checked[t] = true end return t end
function A.is_checked(t) return checked[t] == true end

-- --- data arguments ----------------------------------------------------------------------

A.is_dataset = core.is_dataset

function A.dataset(fn, d, what)
  if not A.is_dataset(d) then
    fail(fn, "%s must be a dataset, got %s", what or "the first argument", type(d))
  end
  return d
end

local function has_name(names, name)
  for _, c in ipairs(names) do if c == name then return true end end
  return false
end

function A.has_column(d, name)
  return has_name(names_of(d), name)
end

-- The column name, or an error naming what it was for and the closest columns. d: a dataset,
-- an accessor with .names or a list of names.
function A.column(fn, d, name, what)
  if type(name) ~= "string" then
    fail(fn, "%s must be a column name, got %s", what or "column", shown(name))
  end
  local names = names_of(d)
  if not has_name(names, name) then
    fail(fn, "%s: no column %q in the data%s", what or "column", name, A.did_you_mean(name, names))
  end
  return name
end

-- A numeric column's name (text is an error naming it).
function A.number_column(fn, d, name, what)
  A.column(fn, d, name, what)
  if d:info(name).type ~= "number" then
    fail(fn, "%s: column %q holds text; expected numbers", what or "column", name)
  end
  return name
end

-- A column name or a list of them -> list of names, each checked.
function A.columns(fn, d, list, what)
  if type(list) == "string" then list = { list } end
  if type(list) ~= "table" then fail(fn, "%s must be a column name or a list of them, got %s", what or "columns", shown(list)) end
  local out = {}
  for i, name in ipairs(list) do out[i] = A.column(fn, d, name, what) end
  return out
end

-- A key of a fixed set (a scale name, a table number, an actor): the value, or an error with
-- the closest keys.
function A.key(fn, value, known, what)
  for _, k in ipairs(known) do if k == value then return value end end
  local names = {}
  for i, k in ipairs(known) do names[i] = tostring(k) end
  fail(fn, "unknown %s %s%s (known: %s)", what, shown(value), A.did_you_mean(tostring(value), names), known_list(names))
end

return A
