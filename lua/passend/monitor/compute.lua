-- passend/monitor/compute.lua: monitor.compute(d, table): the estimates behind one published
-- table, computed the monitor's way (scale scores per respondent, weighted mean per onderwijstype
-- x actor with the design's clusters and strata, rules for `*`, suppression and bands).
local doc = require "passend.doc"
local args = require "passend.args"
local scale = require("passend.data.scale").scale
local estimate = require("passend.stats.estimate").estimate
local lookup = require "passend.monitor.lookup"

local M = {}

-- results -> the data they came from (weak keys), so explain(r, row) can recompute a cell
local data_of = setmetatable({}, { __mode = "k" })
M.data_of = data_of

local function resolve(a, b)
  local t = type(a) == "table" and a or lookup.find_table(a, b)
  if not t then
    error(string.format("monitor.compute: no published table %s%s", tostring(a), b and (" " .. tostring(b)) or ""), 3)
  end
  return t
end

local function scales_of(t)
  local out, seen = {}, {}
  for _, row in ipairs(t.rows) do
    if row.kind == "sub" and not seen[row.id] then
      seen[row.id] = true
      local S = lookup.sub(row.id)
      local spec = { S.scale, items = S.items, reversed = S.reversed_items, points = S.points,
                     missing = { 8, 9 }, min_valid = 1, label = S.title }
      out[#out + 1] = scale(spec)
    end
  end
  return out
end

M.scales_of = scales_of

-- The design options (also report's and monitor.table's opts.estimate).
local SPEC = args.spec{ weight = { "either", "column", { "one_of", false } }, cluster = "column", strata = "column",
  rules = "table" }
M.SPEC = SPEC

local function compute(d, a, b, opts)
  if type(b) == "table" then opts, b = b, nil end
  if not require("passend.core").is_dataset(d) then
    error("monitor.compute: expected respondent data (a dataset), got " .. type(d), 2)
  end
  opts = args.options("monitor.compute", opts, SPEC, d)
  local t = resolve(a, b)
  local meta = d:meta() or {}
  local design = meta.design or {}
  local eopts = { by = { "onderwijstype", "actor" }, weight = opts.weight or design.weight or "w",
                  cluster = opts.cluster or design.cluster or "swv",
                  strata = opts.strata or design.strata or "stratum", rules = opts.rules }
  if opts.weight == false then eopts.weight = nil end
  local r = estimate(d, scales_of(t), eopts)
  -- keep the table's onderwijstype and actors (the estimate ran on all rows: domain SEs keep
  -- every cluster of the design)
  local want = {}
  for _, a2 in ipairs(t.actors) do want[a2] = true end
  local ot = t.onderwijstype
  -- (a row suppressed for too few respondents has no n: it is kept, as a suppressed cell)
  r = r:filter(function(x)
    return x.onderwijstype == ot and want[x.actor] and ((x.n or 0) > 0 or (x.n == nil and x.shown == 0))
  end)
  local m = r:meta()
  m.title = t.id .. " " .. t.title
  m.source = t.source
  m.table = t.id
  data_of[r] = d
  return r
end
M.compute = doc.def("monitor.compute", compute, [==[
monitor.compute(d, "Tabel 2.1" | doelstelling, onderwijstype [, opts]) -> estimate result

The estimates behind one published table: every subindicator of the table as a scale, by
onderwijstype and actor, weighted (w), clustered (swv) and stratified (stratum) as d:meta().design
says (opts.weight/cluster/strata override; weight = false: unweighted), with the monitor rules
(opts.rules overrides). Rows: the table's onderwijstype and actors with respondents.
monitor.table(r, ...) lays the result out as the report prints it; explain(r, row) shows a cell.]==], {
  options = SPEC,
  example = function()
    return require("passend.monitor.example").example{ meting = "2023" }, "Tabel 2.1", { cluster = "swv", strata = "stratum" }
  end,
})

return M
