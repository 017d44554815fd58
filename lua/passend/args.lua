-- passend/args.lua: the argument layer every public function uses. One place decides what a
-- wrong argument gets: an unknown option, a misspelt column, a value of the wrong type or out
-- of range is an error naming the function, the argument and what was expected, with the
-- closest names for a typo ("did you mean "weight"?"). Nothing is ignored quietly.
--
--   local args = require "passend.args"
--   local SPEC = args.spec{ weight = "column", by = "columns", conf = { "number", min = 0, max = 1 },
--                           method = { "one_of", "minres", "ml" }, threads = "count" }
--   opts = args.options("factor", opts, SPEC)          -- a checked copy
--   args.column("factor", d, opts.weight, "weight")    -- the name, or an error with suggestions
local A = {}

local function fail(fn, fmt, ...)
  error((fn and (fn .. ": ") or "") .. string.format(fmt, ...), 0)
end
A.fail = fail

-- --- typos -------------------------------------------------------------------------------

-- Optimal string alignment distance (Levenshtein with adjacent swaps), case-insensitive.
local function distance(a, b)
  a, b = a:lower(), b:lower()
  local la, lb = #a, #b
  if a == b then return 0 end
  if math.abs(la - lb) > 3 then return math.huge end
  local d = {}
  for i = 0, la do d[i] = { [0] = i } end
  for j = 0, lb do d[0][j] = j end
  for i = 1, la do
    local ca = a:byte(i)
    for j = 1, lb do
      local cb = b:byte(j)
      local cost = ca == cb and 0 or 1
      local v = math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if i > 1 and j > 1 and ca == b:byte(j - 1) and a:byte(i - 1) == cb then
        v = math.min(v, d[i - 2][j - 2] + 1)
      end
      d[i][j] = v
    end
  end
  return d[la][lb]
end
A.distance = distance

-- The candidates closest to name (at most 3), nearest first; only close ones: a distance of
-- at most a third of the name's length (at least 1), or a candidate that starts with name.
function A.suggest(name, candidates)
  if type(name) ~= "string" then return {} end
  local limit = math.max(1, #name // 3)
  local scored = {}
  for _, c in ipairs(candidates) do
    if type(c) == "string" then
      local dist = distance(name, c)
      if dist > limit and #name >= 3 and c:lower():sub(1, #name) == name:lower() then dist = limit end
      if dist <= limit then scored[#scored + 1] = { c, dist } end
    end
  end
  table.sort(scored, function(x, y)
    if x[2] ~= y[2] then return x[2] < y[2] end
    return x[1] < y[1]
  end)
  local out = {}
  for i = 1, math.min(3, #scored) do out[i] = scored[i][1] end
  return out
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

-- --- option specs ------------------------------------------------------------------------

-- Kinds an option can have; each returns nil when v fits, else what was expected.
local kinds = {
  any = function() return nil end,
  string = function(v) if type(v) ~= "string" then return "a string" end end,
  boolean = function(v) if type(v) ~= "boolean" then return "true or false" end end,
  table = function(v) if type(v) ~= "table" then return "a table" end end,
  ["function"] = function(v) if type(v) ~= "function" then return "a function" end end,
  number = function(v) if type(v) ~= "number" or v ~= v then return "a number" end end,
  integer = function(v) if math.type(v) ~= "integer" and not (type(v) == "number" and v == math.floor(v) and math.abs(v) < 2^53) then return "a whole number" end end,
  count = function(v) if not (type(v) == "number" and v == math.floor(v) and v >= 0 and v < 2^53) then return "a whole number >= 0" end end,
  column = function(v) if type(v) ~= "string" then return "a column name" end end,
  columns = function(v)
    if type(v) == "string" then return nil end
    if type(v) ~= "table" then return "a column name or a list of them" end
    for _, x in ipairs(v) do
      if type(x) ~= "string" and type(x) ~= "table" then return "a column name or a list of them" end
    end
  end,
  codes = function(v)
    if type(v) ~= "table" then return "a list of codes, or {column = {codes}}" end
  end,
}

-- spec{ name = kind | { kind, min =, max =, ... } | { "one_of", a, b, ... } } -> checked spec
function A.spec(t)
  local s = { names = {} }
  for name, k in pairs(t) do
    local e = type(k) == "string" and { k } or k
    if type(e) ~= "table" or (e[1] ~= "one_of" and not kinds[e[1]]) then
      error("args.spec: option " .. tostring(name) .. " has an unknown kind " .. tostring(e and e[1]), 2)
    end
    s[name] = e
    s.names[#s.names + 1] = name
  end
  table.sort(s.names)
  return s
end

local function check_value(fn, name, v, e)
  local kind = e[1]
  if kind == "one_of" then
    for i = 2, #e do if v == e[i] then return end end
    local opts = {}
    for i = 2, #e do opts[#opts + 1] = string.format("%q", tostring(e[i])) end
    fail(fn, "option %s must be %s, got %s%s", name, table.concat(opts, ", "),
      type(v) == "string" and string.format("%q", v) or tostring(v),
      type(v) == "string" and A.did_you_mean(v, { table.unpack(e, 2) }) or "")
  end
  local why = kinds[kind](v)
  if not why and kind ~= "any" then
    if e.min and v < e.min then why = string.format("at least %s", tostring(e.min)) end
    if e.max and v > e.max then why = string.format("at most %s", tostring(e.max)) end
    if e.above and v <= e.above then why = string.format("more than %s", tostring(e.above)) end
    if e.below and v >= e.below then why = string.format("less than %s", tostring(e.below)) end
  end
  if why then
    fail(fn, "option %s must be %s, got %s", name, why,
      type(v) == "string" and string.format("%q", v) or tostring(v))
  end
end

-- Checks opts (nil: none) against spec: unknown names and wrong values are errors. Returns
-- a shallow copy the caller may fill in.
function A.options(fn, opts, spec)
  if opts == nil then return {} end
  if type(opts) ~= "table" then fail(fn, "options must be a table, got %s", type(opts)) end
  local out = {}
  for k, v in pairs(opts) do
    local e = spec[k]
    if type(k) ~= "string" or not e or k == "names" then
      fail(fn, "unknown option %s%s (known: %s)", type(k) == "string" and string.format("%q", k) or tostring(k),
        A.did_you_mean(tostring(k), spec.names), known_list(spec.names))
    end
    check_value(fn, k, v, e)
    out[k] = v
  end
  return out
end

-- --- data arguments ----------------------------------------------------------------------

A.is_dataset = require("passend.core").is_dataset

function A.dataset(fn, d, what)
  if not A.is_dataset(d) then
    fail(fn, "%s must be a dataset, got %s", what or "the first argument", type(d))
  end
  return d
end

local function has_column(d, name)
  for _, c in ipairs(d.columns) do if c == name then return true end end
  return false
end
A.has_column = has_column

-- The column name, or an error naming what it was for and the closest columns.
function A.column(fn, d, name, what)
  if type(name) ~= "string" then
    fail(fn, "%s must be a column name, got %s", what or "column", type(name))
  end
  if not has_column(d, name) then
    fail(fn, "%s: no column %q in the data%s", what or "column", name, A.did_you_mean(name, d.columns))
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
  if type(list) ~= "table" then fail(fn, "%s must be a column name or a list of them, got %s", what or "columns", type(list)) end
  local out = {}
  for i, name in ipairs(list) do out[i] = A.column(fn, d, name, what) end
  return out
end

-- A key of a fixed set (a scale name, a table number, an actor): the value, or an error with
-- the closest keys.
function A.key(fn, value, known, what)
  for _, k in ipairs(known) do if k == value then return value end end
  local shown = {}
  for i, k in ipairs(known) do shown[i] = tostring(k) end
  fail(fn, "unknown %s %s%s (known: %s)", what, type(value) == "string" and string.format("%q", value) or tostring(value),
    A.did_you_mean(tostring(value), shown), known_list(shown))
end

return A
