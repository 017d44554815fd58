-- passend/toolkit/typology.lua: a declarative typology engine (001 chapter 8 and its
-- appendix): per component a list of (item, qualifying codes) giving points, cut-offs that
-- turn points into classes (achter / midden / voor), and the tables the report prints: the
-- point distribution, the typology by group, and per-unit profiles across components.
local core = require "passend.core"
local doc = require "passend.doc"
local F = require "passend.data.frame"
local args = require "passend.args"

local M = {}

local Typology = {}
Typology.__index = Typology

local function check_spec(spec)
  if type(spec) ~= "table" or type(spec.components) ~= "table" or #spec.components == 0 then
    error("typology: expected { components = { {id =, items = { {item, codes} }, cuts = {...} }, ... } }", 3)
  end
  for k, c in ipairs(spec.components) do
    local where = "typology: component " .. tostring(c.id or k)
    if not c.id then error(where .. ": needs an id", 3) end
    if type(c.items) ~= "table" or #c.items == 0 then error(where .. ": needs items = { {item, codes}, ... }", 3) end
    for j, it in ipairs(c.items) do
      if type(it[1]) ~= "string" or type(it[2]) ~= "table" then
        error(string.format("%s: item %d must be {name, {qualifying codes}}", where, j), 3)
      end
    end
    if type(c.cuts) ~= "table" or #c.cuts == 0 then error(where .. ": needs cuts = { {lo, hi, label}, ... }", 3) end
    local prev
    for j, cut in ipairs(c.cuts) do
      if type(cut[3]) ~= "string" then error(string.format("%s: cut %d needs a label", where, j), 3) end
      if prev and cut[1] and prev >= cut[1] then
        error(string.format("%s: cut %d starts at %s, not above the previous cut", where, j, tostring(cut[1])), 3)
      end
      prev = cut[2] or math.huge
    end
  end
end

local FIELDS = args.spec{ components = "list", labels = "list", unit = "string", missing_points = "number" }
local COMPONENT = args.spec{ id = "string", label = "string", items = "list", cuts = "list" }
-- the options of t:distribution, t:table and t:profiles
local BY = args.spec{ by = "column", levels = "list", title = "string", notes = "list", source = "string" }
local PROFILES = args.spec{ unit = "column", title = "string" }

M.typology = doc.def("stats.typology", function(spec)
  check_spec(spec)
  args.fields("typology", spec, FIELDS)
  for k, c in ipairs(spec.components) do args.fields("typology: component " .. tostring(c.id or k), c, COMPONENT) end
  local labels = spec.labels
  if not labels then
    labels = {}
    for _, cut in ipairs(spec.components[1].cuts) do labels[#labels + 1] = cut[3] end
  end
  return setmetatable({ components = spec.components, labels = labels, unit = spec.unit,
    missing_points = spec.missing_points or 0 }, Typology)
end, [==[
stats.typology{ components = { {id=, label=, items = { {item, {codes}} [, points = k] }, cuts = { {lo, hi, label}, ... }}, ... } } -> typology

A declarative typology (001 chapter 8): per component, each item whose answer is one of its
qualifying codes gives a point (or the item's points = k); cuts turn the points into a class
({0, 0, "achter"}, {1, 2, "midden"}, {3, nil, "voor"}: nil = no upper bound). A missing answer
gives missing_points (default 0), as 'a point for every yes'. Methods: t:points(d),
t:classify(d), t:distribution(d [, {by=}]), t:table(d [, {by=}]), t:profiles(d [, opts]),
t:from_distribution(dist).]==], {
  options = FIELDS, options_at = 1,
  example = function()
    return { components = { { id = "A", items = { { "ja1", { 1 } }, { "ja2", { 1 } } },
      cuts = { { 0, 0, "achter" }, { 1, 1, "midden" }, { 2, nil, "voor" } } } } }
  end,
})

function Typology:class_of(comp, pts)
  if pts == nil then return nil end
  for _, cut in ipairs(comp.cuts) do
    if (cut[1] == nil or pts >= cut[1]) and (cut[2] == nil or pts <= cut[2]) then return cut[3] end
  end
  return nil
end

-- Per-unit points: { [component id] = {points per row} }, and the accessor.
function Typology:points(d)
  local acc = F.input(d, "typology")
  local out = {}
  for _, comp in ipairs(self.components) do
    local pts = {}
    local cols = {}
    for j, it in ipairs(comp.items) do
      local set = {}
      for _, code in ipairs(it[2]) do set[code] = true end
      cols[j] = { acc.get(it[1]), set, it.points or 1 }
    end
    for i = 1, acc.n do
      local p, answered = 0, 0
      for _, c in ipairs(cols) do
        local v = c[1][i]
        if v ~= nil and v == v then
          answered = answered + 1
          if c[2][v] then p = p + c[3] end
        else
          p = p + self.missing_points
        end
      end
      pts[i] = (answered > 0 or self.missing_points ~= nil) and p or nil
    end
    out[comp.id] = pts
  end
  return out, acc
end

function Typology:classify(d)
  local pts, acc = self:points(d)
  local out = {}
  for _, comp in ipairs(self.components) do
    local cls = {}
    for i = 1, acc.n do cls[i] = self:class_of(comp, pts[comp.id][i]) end
    out[comp.id] = cls
  end
  return out, pts, acc
end

local function group_rows(acc, by, levels)
  if not by then return { { "Totaal", nil } } end
  local g = acc.get(by)
  local rows = F.rows(acc, nil)
  local out = {}
  for _, lv in ipairs(F.levels(g, rows, levels)) do out[#out + 1] = { tostring(lv), lv } end
  return out, g
end

-- Point distribution: one row per component x points, % of units per group.
function Typology:distribution(d, opts)
  local pts, acc = self:points(d)
  opts = args.options("typology:distribution", opts, BY, acc)
  local groups, g = group_rows(acc, opts.by, opts.levels)
  local ccol, pcol, gcols = {}, {}, {}
  for k = 1, #groups do gcols[k] = {} end
  local r = 0
  for _, comp in ipairs(self.components) do
    local maxp = 0
    for _, it in ipairs(comp.items) do maxp = maxp + (it.points or 1) end
    for p = 0, maxp do
      r = r + 1
      ccol[r], pcol[r] = comp.id, p
      for k, grp in ipairs(groups) do
        local n, c = 0, 0
        for i = 1, acc.n do
          if (grp[2] == nil or g[i] == grp[2]) and pts[comp.id][i] ~= nil then
            n = n + 1
            if pts[comp.id][i] == p then c = c + 1 end
          end
        end
        gcols[k][r] = n > 0 and 100 * c / n or 0 / 0
      end
    end
  end
  local cols = { { "onderdeel", ccol, type = "text" }, { "punten", pcol } }
  for k, grp in ipairs(groups) do cols[#cols + 1] = { grp[1], gcols[k] } end
  return F.output(cols, r, { kind = "point_distribution", title = opts.title, decimals = 0, int_columns = { punten = true } })
end

-- The typology table: one row per component x group, one column per class (%), and n.
function Typology:table(d, opts)
  local cls, _, acc = self:classify(d)
  opts = args.options("typology:table", opts, BY, acc)
  local groups, g = group_rows(acc, opts.by, opts.levels)
  local comp_col, grp_col, n_col, lab_cols = {}, {}, {}, {}
  for k = 1, #self.labels do lab_cols[k] = {} end
  local r = 0
  for _, grp in ipairs(groups) do
    for _, comp in ipairs(self.components) do
      r = r + 1
      comp_col[r] = comp.label and (comp.id .. " " .. comp.label) or comp.id
      grp_col[r] = grp[1]
      local n, counts = 0, {}
      for i = 1, acc.n do
        local c = cls[comp.id][i]
        if c ~= nil and (grp[2] == nil or g[i] == grp[2]) then
          n = n + 1
          counts[c] = (counts[c] or 0) + 1
        end
      end
      for k, lab in ipairs(self.labels) do lab_cols[k][r] = n > 0 and 100 * (counts[lab] or 0) / n or 0 / 0 end
      n_col[r] = n
    end
  end
  local cols = { { "onderdeel", comp_col, type = "text" }, { "groep", grp_col, type = "text" } }
  for k, lab in ipairs(self.labels) do cols[#cols + 1] = { lab, lab_cols[k] } end
  cols[#cols + 1] = { "n", n_col }
  return F.output(cols, r, { kind = "typology", title = opts.title, decimals = 0,
    notes = opts.notes, source = opts.source })
end

-- Per-unit profiles across components: for each unit how many components it is in each
-- class; summary shares ('no unit is voor on all five', '70% are voor on none').
function Typology:profiles(d, opts)
  local cls, _, acc = self:classify(d)
  opts = args.options("typology:profiles", opts, PROFILES, acc)
  local ncomp = #self.components
  local per_unit = {}
  local unit_col = opts.unit and acc.get(opts.unit) or nil
  for i = 1, acc.n do
    local counts = {}
    for _, lab in ipairs(self.labels) do counts[lab] = 0 end
    for _, comp in ipairs(self.components) do
      local c = cls[comp.id][i]
      if c then counts[c] = counts[c] + 1 end
    end
    per_unit[i] = counts
  end
  -- rows: class x number of components (0..ncomp): units and %
  local lab_col, k_col, n_col, p_col = {}, {}, {}, {}
  local r = 0
  local summary = {}
  for _, lab in ipairs(self.labels) do
    summary[lab] = { none = 0, all = 0 }
    for k = 0, ncomp do
      local c = 0
      for i = 1, acc.n do if per_unit[i][lab] == k then c = c + 1 end end
      r = r + 1
      lab_col[r], k_col[r], n_col[r], p_col[r] = lab, k, c, acc.n > 0 and 100 * c / acc.n or 0 / 0
      if k == 0 then summary[lab].none = c end
      if k == ncomp then summary[lab].all = c end
    end
  end
  local units = {}
  for i = 1, acc.n do
    local pr = {}
    for _, comp in ipairs(self.components) do pr[#pr + 1] = cls[comp.id][i] or "-" end
    units[i] = { unit = unit_col and unit_col[i] or i, profile = table.concat(pr, "/"), counts = per_unit[i] }
  end
  return F.output({ { "klasse", lab_col, type = "text" }, { "aantal_onderdelen", k_col },
    { "n", n_col }, { "%", p_col } }, r,
    { kind = "typology_profiles", decimals = 0, int_columns = { aantal_onderdelen = true, n = true }, n_units = acc.n, components = ncomp, summary = summary, units = units,
      title = opts.title })
end

-- Typology from a published point distribution ({[points] = %}) per component: sums the
-- percentages per class; tolerance = half a unit per summed rounded value (for audits).
function Typology:from_distribution(dist)
  local out = {}
  for _, comp in ipairs(self.components) do
    local dc = dist[comp.id]
    if dc then
      local res = {}
      for _, lab in ipairs(self.labels) do res[lab] = { value = 0, parts = 0 } end
      for p, pct in pairs(dc) do
        local lab = self:class_of(comp, p)
        if lab then res[lab].value = res[lab].value + pct; res[lab].parts = res[lab].parts + 1 end
      end
      out[comp.id] = res
    end
  end
  return out
end

return M
