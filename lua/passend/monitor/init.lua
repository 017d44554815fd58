-- passend/monitor: the Doelstellingenmonitor passend onderwijs built in: its definitions and
-- published values (lookup.lua, defs.lua, published.lua), example data (example.lua), the
-- estimates behind a published table (compute.lua), the report's layout and the tabellenboek
-- (report.lua), the example's calibrated weight (calibrate.lua) and explain() (explain.lua).
-- This file only assembles the public `monitor` table from them.
local doc = require "passend.doc"
local lookup = require "passend.monitor.lookup"
local example = require "passend.monitor.example"
local compute = require "passend.monitor.compute"
local report = require "passend.monitor.report"
local calibrate = require "passend.monitor.calibrate"

local monitor = {
  actor = lookup.actor, role = lookup.role, sub = lookup.sub, find_table = lookup.find_table,
  value = lookup.value, scales = lookup.scales,
  example = example.example, example_calibration = example.example_calibration,
  example_codebook = example.example_codebook,
  compute = compute.compute,
  table = report.table, table_charts = report.table_charts, tabellenboek = report.tabellenboek,
  response_table = report.response_table,
  calibrate = calibrate.calibrate,
}

-- monitor.defs and monitor.published are read on first use (most of the start-up time
-- otherwise); pairs(monitor) reads them first, so listings and completion see them.
local function load_lazy(t, k)
  local name = lookup.lazy_modules[k]
  if not name then return nil end
  local v = require(name)
  rawset(t, k, v)
  return v
end
setmetatable(monitor, {
  __index = load_lazy,
  __pairs = function(t)
    for k in pairs(lookup.lazy_modules) do load_lazy(t, k) end
    return next, t, nil
  end,
})

doc.topic("monitor", [[
The Doelstellingenmonitor passend onderwijs (seeds/004, meting 2023) built in:
  monitor.defs          doelstellingen -> indicators -> subindicators, the 29 tables, actors,
                        roles (ib'er = oco; leraar = mentor = groepsmentor), 14 questionnaires
  monitor.published     the 298 published cell values with their `*`
  monitor.actor(name)   monitor.role(actor)   monitor.sub(id)   monitor.find_table(d, ot)
  monitor.value(tab, sub, actor)   monitor.scales()
  monitor.example()     example respondent data (2 metingen), calibrated to the published cells
  monitor.compute(d, "Tabel 2.1")   the estimates behind a table; monitor.table(r, "Tabel 2.1")
  explain(r, row)       every step of one cell;   lesson()   the lessons
The item sets are examples: the report does not publish its item texts. See docs/monitor.md.]])

return monitor
