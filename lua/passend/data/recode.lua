-- passend/data/recode.lua: one-line derived variables (top-2 box, '% scoring 4-5',
-- 'started = uitvoering + voorbereiding', threshold and any-of-k flags), recoding by mapping
-- or ranges, and coding open answers with a small pattern codebook.
--
-- The flag makers return a function(row) -> 1 | 0 | nil (nil = missing), the shape
-- d:derive(name, fn) takes; derive(d, name, fn) does the same for plain Lua columns.
local doc = require "passend.doc"
local F = require "passend.data.frame"
local args = require "passend.args"

local M = {}

local function set_of(list)
  local s = {}
  for _, v in ipairs(list or {}) do s[v] = true end
  return s
end

local function missing_of(opts)
  return set_of(opts and opts.missing or {})
end

local MISSING = args.spec{ missing = "list" }
local COUNT_OF = args.spec{ missing = "list", zero_when_missing = "boolean" }
local ANY_OF = args.spec{ missing = "list", zero_when_missing = "boolean", k = { "count", min = 1 } }

local function is_miss(v, mset)
  return v == nil or v ~= v or mset[v] == true
end

M.in_codes = doc.def("data.in_codes", function(var, codes, opts)
  opts = args.options("in_codes", opts, MISSING)
  local want, mset = set_of(codes), missing_of(opts)
  return function(r)
    local v = r[var]
    if is_miss(v, mset) then return nil end
    return want[v] and 1 or 0
  end
end, [==[
data.in_codes(var, codes [, opts]) -> function(row)

A derived 0/1 variable: 1 when var is one of codes, 0 for another valid answer, nil when
missing (nil/NaN or one of opts.missing). 'started = uitvoering + voorbereiding' is
d:derive("gestart", in_codes("status", {"uitvoering", "voorbereiding"})).]==], {
  options = MISSING, example = function() return "vraag2", { 4, 5 }, { missing = { 9 } } end,
})

M.at_least = doc.def("data.at_least", function(var, threshold, opts)
  opts = args.options("at_least", opts, MISSING)
  local mset = missing_of(opts)
  return function(r)
    local v = r[var]
    if is_miss(v, mset) then return nil end
    return v >= threshold and 1 or 0
  end
end, [==[
data.at_least(var, threshold [, opts]) -> function(row)

1 when var >= threshold ('% scoring 4-5' is at_least("q1", 4)), 0 for a lower valid answer,
nil when missing (opts.missing lists missing codes such as 8 and 9).]==], {
  options = MISSING, example = function() return "vraag2", 4, { missing = { 9 } } end,
})

M.top_box = doc.def("data.top_box", function(var, points, k, opts)
  opts = args.options("top_box", opts, MISSING)
  k = k or 2
  return M.at_least(var, points - k + 1, opts)
end, [==[
data.top_box(var, points [, k [, opts]]) -> function(row)

Top-k box (default top-2) of a points-point scale: 1 for the k highest answers, 0 for the
other valid answers, nil when missing. top_box("q", 4) is 'beetje + helemaal mee eens' of
a 4-point scale.]==], {
  options = MISSING, example = function() return "vraag1", 5, 2, {} end,
})

local function qualifies(v, crit)
  if type(crit) == "function" then return crit(v) end
  if type(crit) == "table" then
    for _, c in ipairs(crit) do if v == c then return true end end
    return false
  end
  return v == crit
end

M.count_of = doc.def("data.count_of", function(vars, crit, opts)
  opts = args.options("count_of", opts, COUNT_OF)
  local mset = missing_of(opts)
  local per = type(crit) == "table" and crit.per or nil
  return function(r)
    local n, valid = 0, 0
    for _, var in ipairs(vars) do
      local v = r[var]
      if not is_miss(v, mset) then
        valid = valid + 1
        if qualifies(v, per and per[var] or crit) then n = n + 1 end
      end
    end
    if valid == 0 and not (opts and opts.zero_when_missing) then return nil end
    return n
  end
end, [==[
data.count_of(vars, crit [, opts]) -> function(row)

How many of vars qualify: crit is a code, a list of codes, a function(v) -> bool, or
{per = {var = codes}} for a different rule per item. nil when every item is missing (or 0
with opts.zero_when_missing).]==], {
  options = COUNT_OF, example = function() return { "ja1", "ja2", "ja3" }, 1, {} end,
})

M.any_of = doc.def("data.any_of", function(vars, crit, opts)
  opts = args.options("any_of", opts, ANY_OF)
  local count = M.count_of(vars, crit, { missing = opts.missing, zero_when_missing = opts.zero_when_missing })
  local k = opts.k or 1
  return function(r)
    local n = count(r)
    if n == nil then return nil end
    return n >= k and 1 or 0
  end
end, [==[
data.any_of(vars, crit [, opts]) -> function(row)

Any-of-k flag: 1 when at least opts.k (default 1) of vars qualify (crit as in count_of),
0 otherwise, nil when all are missing. '62% of vso do any of these activities' (002).]==], {
  options = ANY_OF, example = function() return { "ja1", "ja2", "ja3" }, 1, { k = 2 } end,
})

M.threshold = doc.def("data.threshold", function(fn, k)
  return function(r)
    local v = fn(r)
    if v == nil then return nil end
    return v >= k and 1 or 0
  end
end, [==[
data.threshold(fn, k) -> function(row)

1 when fn(row) >= k, 0 when below, nil when fn gives nil: threshold(count_of(items, {4,5}), 3).]==])

-- Adds a derived column; a Dataset uses its own derive, plain columns get a copy.
M.derive = doc.def("data.derive", function(d, name, fn)
  if type(d) == "userdata" and d.derive then return d:derive(name, fn) end
  local acc = F.input(d, "derive")
  local vals = {}
  local cache = {}
  for i = 1, acc.n do
    local row = setmetatable({}, { __index = function(_, k)
      cache[k] = cache[k] or acc.get(k)
      return cache[k][i]
    end })
    vals[i] = fn(row, i)
  end
  local out = { n = acc.n }
  for _, nm in ipairs(acc.names) do
    if nm ~= name then out[#out + 1] = { nm, acc.get(nm) } end
  end
  out[#out + 1] = { name, vals }
  return out
end, [==[
data.derive(d, name, fn) -> data

Adds column name = fn(row) for every row. On a Dataset this is d:derive(name, fn); on plain
Lua columns ({ {"name", values}, ... }) it returns new columns (the input is left as it is).]==])

-- recode(values, spec) or recode(d, var, spec)
M.recode = doc.def("data.recode", function(a, b, c)
  local values, spec, n
  if c ~= nil then
    local acc = F.input(a, "recode")
    values, spec, n = acc.get(b), c, acc.n
  else
    values, spec = a, b
    n = 0
    for i in pairs(values) do if type(i) == "number" and i > n then n = i end end
  end
  if type(spec) ~= "table" then error("recode: spec must be a table (mapping or {ranges = ...})", 2) end
  local out = {}
  for i = 1, n do
    local v = values[i]
    local new
    if v ~= nil and spec[v] ~= nil then
      new = spec[v]
    elseif v ~= nil and spec.ranges and type(v) == "number" then
      for _, rg in ipairs(spec.ranges) do
        local lo, hi = rg[1], rg[2]
        if (lo == nil or v >= lo) and (hi == nil or v <= hi) then new = rg[3] break end
      end
    end
    if new == nil then
      if spec.keep == false or (spec["else"] ~= nil and v ~= nil) then new = spec["else"]
      else new = v end
    end
    if new == false then new = nil end
    out[i] = new
  end
  return out
end, [==[
data.recode(values, spec) | recode(d, var, spec) -> list

Recodes values: spec maps old -> new ({[1] = "nee", [2] = "nee", [3] = "ja"}) and/or gives
ranges = { {lo, hi, new}, ... } (inclusive; nil = open end). Values not covered stay as they
are, or become spec["else"] when given; new = false makes a value missing.]==])

local function fold(s)
  s = s:lower()
  -- common Latin-1 accents in UTF-8, so 'één' matches 'een'
  local map = { ["é"] = "e", ["è"] = "e", ["ë"] = "e", ["ê"] = "e", ["ï"] = "i", ["í"] = "i",
                ["ö"] = "o", ["ó"] = "o", ["ü"] = "u", ["ú"] = "u", ["á"] = "a", ["à"] = "a",
                ["É"] = "e", ["Ë"] = "e" }
  return (s:gsub("[\xC3][\x80-\xBF]", function(ch) return map[ch] or ch end))
end

-- codebook = { {category, patterns = {...}}, ..., default = "..." }
local function code_one(text, codebook)
  if text == nil or text == "" then return nil end
  local t = fold(text)
  for _, entry in ipairs(codebook) do
    for _, pat in ipairs(entry.patterns or {}) do
      local plain = not entry.lua_patterns
      if t:find(fold(pat), 1, plain) then return entry[1], pat end
    end
  end
  return codebook.default, nil
end

M.code_open = doc.def("data.code_open", function(texts, codebook)
  if type(codebook) ~= "table" then error("code_open: codebook must be a list of {category, patterns = {...}}", 2) end
  local out, why = {}, {}
  local n = 0
  for i in pairs(texts) do if type(i) == "number" and i > n then n = i end end
  for i = 1, n do out[i], why[i] = code_one(texts[i], codebook) end
  return out, why
end, [==[
data.code_open(texts, codebook) -> codes, matched

Codes open answers: codebook = { {"Symbiose/meetellen onderwijstijd", patterns = {"symbiose",
"onderwijstijd"}}, ..., default = "Andere vorm" }. The first entry with a pattern found in the
text (case- and accent-insensitive, plain text; lua_patterns = true per entry for Lua patterns)
gives the code; no match gives codebook.default; empty text stays missing. matched[i] is the
pattern that decided.]==])

M.code_other = doc.def("data.code_other", function(d, closed, other, text, codebook)
  local acc = F.input(d, "code_other")
  local cv, tv = acc.get(closed), acc.get(text)
  local out = {}
  for i = 1, acc.n do
    local v = cv[i]
    if v == other then
      local code = code_one(tv[i], codebook)
      out[i] = code == nil and v or code
    else
      out[i] = v
    end
  end
  return out
end, [==[
data.code_other(d, closed, other, text, codebook) -> list

The closed answer with its 'anders, namelijk' answers coded: where column closed equals
other, the open text in column text is coded with codebook (see code_open); a text that
matches no pattern keeps other (or codebook.default when given). As 002 Tabel 2-1, where
'symbiose/meetellen onderwijstijd' was coded from the open answers.]==])

return M
