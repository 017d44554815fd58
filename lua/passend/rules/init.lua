-- passend/rules: the monitor's display rules: the * flag, suppression and colour bands.
-- Defaults follow the Doelstellingenmonitor report (seeds/004); docs/method.md quotes it.
-- Change them globally (rules.settings.suppress.min_n = 10) or per call
-- (estimate(d, s, { rules = { suppress = { min_n = 10 } } })). Disclosure control of
-- published tables (protect) is in passend.rules.disclosure.
local core = require "passend.core"
local doc = require "passend.doc"
local args = require "passend.args"

local rules = {}

-- Bands: { {upper, name, inclusive}, ... } ascending; the last has upper = math.huge.
local function band_list(cuts) return cuts end

rules.settings = {
  conf = 0.95,              -- confidence level of lo and hi
  df = "design",            -- "design": PSUs - strata (R: degf(design)); "normal": z
  lonely_psu = "adjust",    -- as options(survey.lonely.psu): adjust, average, certainty, remove, fail
  score = "person",         -- "person": mean of respondents' scale means; "items": mean of item means
  flag = { lo = 0.5, hi = 1.0 },           -- '*' when lo <= range < hi (range = hi - lo of the CI)
  suppress = { min_n = 15, max_range = 1.0 }, -- not shown when n < min_n or range >= max_range
  -- disclosure_min_n: the fewest respondents a published cell may rest on (protect(), every
  -- report format); unset (nil) it follows suppress.min_n
  band_decimals = 1,        -- classify the value rounded as displayed; false: the unrounded value
  bands = {
    [5] = band_list{ { 3, "rood", true }, { 3.5, "geel", true }, { 4.25, "lichtgroen", false },
                     { math.huge, "donkergroen", true } },
    [3] = band_list{ { 2, "rood", true }, { 2.5, "geel", true }, { 2.75, "lichtgroen", false },
                     { math.huge, "donkergroen", true } },
  },
  -- item value labels that make an answer missing in scale scores (compared trimmed and in
  -- lower case): the report's 'weet niet', 'n.v.t.', 'geen zicht op', 'doe dit niet'
  missing_labels = { "weet niet", "weet ik niet", "n.v.t.", "nvt", "n.v.t", "niet van toepassing",
                     "geen zicht op", "doe dit niet", "geen mening" },
  extra = {},               -- user rules: { {name = "...", suppress = function(row) -> bool}, ... }
}

-- A settings table (rules.settings or one made by resolve()); checked once per table: the
-- names and kinds of its entries.
local SETTINGS = args.spec{
  conf = { "number", above = 0, below = 1 }, df = { "either", { "one_of", "design", "normal" }, { "number", above = 0 } },
  lonely_psu = { "one_of", "adjust", "average", "certainty", "remove", "fail" }, score = { "one_of", "person", "items" },
  flag = "table", suppress = "table", disclosure_min_n = "count", band_decimals = { "either", "count", { "one_of", false } },
  bands = "table", missing_labels = "list", extra = "list",
}
rules.SETTINGS = SETTINGS
local function deep_copy(t)
  if type(t) ~= "table" then return t end
  local c = {}
  for k, v in pairs(t) do c[k] = deep_copy(v) end
  return c
end

local function names_in(t)
  local out = {}
  for k in pairs(t) do if type(k) == "string" then out[#out + 1] = k end end
  table.sort(out)
  return out
end

local function merge(into, from, path)
  for k, v in pairs(from) do
    local cur = into[k]
    if cur == nil and path and path ~= "bands" and path ~= "missing_labels" then
      local known = names_in(into)
      error(string.format("rules: unknown setting %q%s%s (known: %s)", tostring(k), path and (" in " .. path) or "",
        args.did_you_mean(tostring(k), known), table.concat(known, ", ")), 4)
    end
    if type(v) == "table" and type(cur) == "table" and k ~= "extra" and k ~= "missing_labels" and path ~= "bands" then
      merge(cur, v, k)
    else
      into[k] = deep_copy(v)
    end
  end
end

-- The settings for one call: the global settings with overrides applied (a fresh copy).
function rules.resolve(overrides)
  local s = deep_copy(rules.settings)
  if overrides ~= nil then
    args.options("rules.resolve", overrides, SETTINGS)   -- the names and kinds; merge checks nested names
    merge(s, overrides)
  end
  return s
end

local checked = setmetatable({}, { __mode = "k" })
local function S(s, fn)
  if s == nil then return rules.settings end
  if not checked[s] then
    args.options(fn, s, SETTINGS)
    checked[s] = true
  end
  return s
end

-- Rounds as the formats print: half-up on the shortest decimal string (format.number),
-- so 4.25 -> 4.3 and 3.05 -> 3.1, whatever the binary value's last bits.
function rules.round(v, decimals)
  return tonumber(core._numstr(v, decimals, ".", ""))
end

function rules.flag(range, s)
  s = S(s, "rules.flag")
  if range ~= range or range == nil then return "" end
  return (range >= s.flag.lo and range < s.flag.hi) and "*" or ""
end

-- shown (boolean), reason ("" | "n" | "range" | a user rule's name). row: the result row.
function rules.suppress(n, range, s, row)
  s = S(s, "rules.suppress")
  if n == nil or n ~= n or n < s.suppress.min_n then return false, "n" end
  if range ~= nil and range == range and range >= s.suppress.max_range then return false, "range" end
  for _, r in ipairs(s.extra or {}) do
    if r.suppress and row and r.suppress(row) then return false, r.name or "rule" end
  end
  return true, ""
end

function rules.band(value, points, s)
  s = S(s, "rules.band")
  if value == nil or value ~= value or not points then return "" end
  local cuts = s.bands[points]
  if not cuts then return "" end
  if s.band_decimals then value = rules.round(value, s.band_decimals) end
  for _, c in ipairs(cuts) do
    if (c[3] and value <= c[1]) or (not c[3] and value < c[1]) then return c[2] end
  end
  return ""
end

doc.def("rules.flag", rules.flag, [[
rules.flag(range [, settings])

"*" when settings.flag.lo <= range < settings.flag.hi (default 0.5 and 1.0: the report's
'Dit getal heeft een range die tussen de 0,5 en 1,0 ligt'), else "". settings: rules.settings
(the default) or a table made by rules.resolve{...}.]], {
  options = SETTINGS, example = function() return 0.7, rules.resolve() end,
})
doc.def("rules.band", rules.band, [[
rules.band(value, points [, settings])

The colour band of a value on a 5- or 3-point scale: "rood", "geel", "lichtgroen" or
"donkergroen" (Figuur 1.1 and 1.2 of the report). 5-point: <= 3 rood, <= 3.5 geel,
< 4.25 lichtgroen, else donkergroen; 3-point: <= 2, <= 2.5, < 2.75, else. The value is first
rounded to settings.band_decimals (1) as it is printed, so a printed 3,0 is always rood.]], {
  options = SETTINGS, example = function() return 3.7, 5, rules.resolve() end,
})
doc.def("rules.suppress", rules.suppress, [[
rules.suppress(n, range [, settings, row])

Whether a value may be shown, and why not: false, "n" when n < settings.suppress.min_n (15);
false, "range" when the interval is at least settings.suppress.max_range (1.0) wide;
false, name when a user rule in settings.extra says so; else true, "".]], {
  options = SETTINGS, options_at = 3, example = function() return 20, 0.4, rules.resolve(), {} end,
})
doc.def("rules.resolve", rules.resolve, [[
rules.resolve([overrides])

A copy of rules.settings with overrides applied (nested tables merge; unknown names are errors).]], {
  options = SETTINGS, example = function() return { suppress = { min_n = 10 } } end,
})
-- disclosure control of published tables (rules/disclosure.lua)
rules.protect = require("passend.rules.disclosure").public_protect

return rules
