-- passend/data/scale.lua: scale{...} objects and scores(d, scales).
-- A scale is a set of items (numeric columns with answer codes 1..points) whose mean,
-- after reversing negatively worded items and dropping missing codes, is a respondent's
-- scale score (the report's 'schaalscore', seeds/004 Bijlage A).
local core = require "passend.core"
local doc = require "passend.doc"
local rules = require "passend.rules"
local args = require "passend.args"

local M = {}

local Scale = { __name = "passend.Scale" }
Scale.__index = Scale
M.Scale = Scale

local function fail(name, fmt, ...)
  error(string.format("scale \"%s\": " .. fmt, name, ...), 3)
end

local function is_scale(v) return getmetatable(v) == Scale end

-- Answer scales of 2 to 11 points (the C scorer's answer table, SVY_MAX_POINTS); the monitor's
-- colour bands are defined for 3 and 5 (rules.settings.bands) and others can be added there.
M.MAX_POINTS = 11
M.is_scale = is_scale

local FIELDS = args.spec{ name = "string", items = "list", reversed = "list", points = "count",
  missing = "list", min_valid = "integer", label = "string", note = "string", actor = "string" }

local function new_scale(t)
  if type(t) ~= "table" then error("scale{...}: expected a table", 2) end
  if is_scale(t) then return t end
  local name = t[1] or t.name
  if type(name) ~= "string" or name == "" then error("scale{...}: the first entry must be the scale's name", 2) end
  args.fields(string.format("scale %q", name), t, FIELDS, 1)
  local items = t.items
  if type(items) ~= "table" or #items == 0 then fail(name, "items must be a non-empty list of column names") end
  local s = setmetatable({ name = name, items = {}, reversed = {}, reversed_set = {}, missing = {},
                           label = t.label or "", note = t.note, actor = t.actor }, Scale)
  local seen = {}
  for i, it in ipairs(items) do
    if type(it) ~= "string" then fail(name, "item %d is not a column name", i) end
    if seen[it] then fail(name, "item %q is listed twice", it) end
    seen[it] = true
    s.items[i] = it
  end
  for _, it in ipairs(t.reversed or {}) do
    if not seen[it] then fail(name, "reversed item %q is not one of its items", tostring(it)) end
    s.reversed[#s.reversed + 1] = it
    s.reversed_set[it] = true
  end
  local points = t.points or 5
  if math.type(points) ~= "integer" and not (type(points) == "number" and points == math.floor(points))
     or points < 2 or points > M.MAX_POINTS then
    fail(name, "points must be a whole number from 2 to %d, found %s", M.MAX_POINTS, tostring(points))
  end
  points = math.tointeger(points)
  s.points = points
  for i, m in ipairs(t.missing or {}) do
    if type(m) ~= "number" then fail(name, "missing code %d is not a number", i) end
    s.missing[i] = m
  end
  local mv = t.min_valid or 1
  if math.type(mv) ~= "integer" or mv < 1 or mv > #s.items then
    fail(name, "min_valid must be a whole number from 1 to %d (its number of items), found %s", #s.items, tostring(mv))
  end
  s.min_valid = mv
  return s
end

function Scale.__tostring(s)
  local rev = #s.reversed > 0 and (", reversed " .. table.concat(s.reversed, ", ")) or ""
  return string.format("scale %s (%d-point, %d items: %s%s; min_valid %d)", s.name, s.points, #s.items,
                       table.concat(s.items, ", "), rev, s.min_valid)
end

-- The plain spec the C side reads.
function Scale:_spec(mode, settings)
  local ml = (settings or rules.settings).missing_labels
  local lower = {}
  for i, l in ipairs(ml or {}) do lower[i] = l:lower() end
  return { name = self.name, items = self.items, reversed_set = self.reversed_set, points = self.points,
           missing = self.missing, min_valid = self.min_valid, label = self.label, mode = mode,
           missing_labels = lower }
end

M.scale = doc.def("scale", new_scale, [[
scale{ "name", items = {...}, reversed = {...}, points = 5, missing = {8, 9}, min_valid = 1, label = "" }

A scale: its score for a respondent is the mean of the valid items, after reversing the
reversed (negatively worded) items as points + 1 - x. Valid answers are the whole numbers
1..points; the codes in missing, every user-missing code of the item's column (from a
.sav or d:set_info), and every code whose value label is in rules.settings.missing_labels
('weet niet', 'n.v.t.', 'geen zicht op', 'doe dit niet', ...) are left out. Any other value is an error
naming the scale, item and row. A respondent with fewer than min_valid valid items has no
score. points is the number of answer categories, 2 to 11 (default 5); the monitor's colour
bands exist for 5 and 3 points (rules.settings.bands[k] adds others).]], {
  options = FIELDS, options_at = 1,
  example = function() return { "schaal", items = { "vraag1", "vraag2", "vraag3" }, points = 5, missing = { 9 } } end,
})

-- scales: one scale or a list of them (tables are passed through scale{}).
local function scale_list(scales)
  if is_scale(scales) then return { scales } end
  if type(scales) ~= "table" then error("expected a scale or a list of scales", 3) end
  if type(scales[1]) == "string" then return { new_scale(scales) } end
  local out = {}
  for i, s in ipairs(scales) do out[i] = new_scale(s) end
  return out
end
M.scale_list = scale_list

M.scores = doc.def("data.scores", function(d, scales)
  local list = scale_list(scales)
  local specs = {}
  for i, s in ipairs(list) do specs[i] = s:_spec() end
  return core._scores(d, specs)
end, [[
data.scores(d, scales)

A new dataset: d's columns plus one column per scale, named after the scale, holding
each respondent's scale score (missing when fewer than min_valid items are valid).
d itself is not changed. scales is one scale or a list of them.]])

return M
