-- passend/monitor/init.lua: the `monitor` table: the Doelstellingenmonitor's definitions
-- (monitor.defs), the published values of meting 2023 (monitor.published) and lookups.
-- Other parts add to the same table (monitor.table comes with the formats); whoever loads
-- first creates it.
local M = ...
local monitor = M.monitor or {}
M.monitor = monitor

local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
-- monitor.defs and monitor.published are read on first use: most of the start-up time
-- otherwise. pairs(monitor) reads them first, so listings and completion see them.
local lazy_files = { defs = "/defs.lua", published = "/published.lua" }
local function load_lazy(t, k)
  local f = lazy_files[k]
  if not f or rawget(t, k) ~= nil then return rawget(t, k) end
  local v = assert(loadfile(here .. f))(here)
  rawset(t, k, v)
  return v
end
setmetatable(monitor, {
  __index = load_lazy,
  __pairs = function(t)
    for k in pairs(lazy_files) do load_lazy(t, k) end
    return next, t, nil
  end,
})
local defs = M._lazy(function() return monitor.defs end)

local function def(name, fn, doc)
  monitor[name] = fn
  M._setdoc("monitor." .. name, fn, doc)
end

-- Index tables (built on first use).
local index = M._lazy(function()
  local t = { actor_by_id = {}, sub_by_id = {}, table_by_id = {}, role_of = {} }
  for _, a in ipairs(defs.actors) do t.actor_by_id[a.id] = a end
  for _, r in ipairs(defs.roles) do for _, a in ipairs(r.actors) do t.role_of[a] = r.id end end
  for _, D in ipairs(defs.doelstellingen) do
    for _, I in ipairs(D.indicators) do
      for _, S in ipairs(I.subindicators) do
        t.sub_by_id[S.id] = { sub = S, indicator = I, doelstelling = D }
      end
    end
  end
  for _, T in ipairs(defs.tables) do t.table_by_id[T.id] = T end
  return t
end)

local function fold(s)
  s = s:lower():gsub("’", "'"):gsub("ö", "o"):gsub("é", "e"):gsub("ë", "e")
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

def("actor", function(name)
  if type(name) ~= "string" then error("monitor.actor: expected a name (string), got " .. type(name), 2) end
  local id = defs.aliases[fold(name)]
  if not id then return nil end
  return index.actor_by_id[id]
end, [[
monitor.actor(name) -> actor or nil

Resolves an actor name as people write it ("ib'er", "Oco's", "leerkracht", "Swv's") to its
entry in monitor.defs.actors: {id, label, plural, level}.]])

def("role", function(actor)
  if type(actor) == "table" then actor = actor.actor end
  local a = type(actor) == "string" and monitor.actor(actor)
  if not a then return nil end
  return index.role_of[a.id] or a.id
end, [[
monitor.role(actor) -> role id

The reporting role of a questionnaire actor (DESIGN, method choice 10): ib and oco ->
"ib_oco"; leraar, mentor and groepsmentor -> "leraar_mentor"; any other actor -> its own id.
Takes a name or a row with an `actor` field, so d:derive("rol", monitor.role) works.]])

def("sub", function(id)
  local e = index.sub_by_id[id]
  if not e then return nil end
  return e.sub, e.indicator, e.doelstelling
end, [[
monitor.sub(id) -> subindicator, indicator, doelstelling

Looks a subindicator up by id ("d1_i1_s1"). The subindicator has title, scale, points,
reversed, items (example item names <scale>_<k>) and reversed_items.]])

def("find_table", function(a, b)
  if type(a) == "string" and b == nil then return index.table_by_id[a] end
  for _, T in ipairs(defs.tables) do
    if T.doelstelling == a and T.onderwijstype == b then return T end
  end
  return nil
end, [[
monitor.find_table("Tabel 2.1") or monitor.find_table(doelstelling, onderwijstype) -> table

The definition of one published table: id, title, source, actors (column order) and rows
({kind="indicator"} headers and {kind="sub"} rows with the actors that were asked).]])

def("value", function(tab, sub, actor)
  for _, p in ipairs(monitor.published) do
    if p.table == tab and p.sub == sub and p.actor == actor then return p.value, p.asterisk end
  end
  return nil
end, [[
monitor.value(table_id, sub_id, actor) -> value, asterisk  (or nil)

The value printed in the report (meting 2023) for one cell, and whether it carries the `*`.]])

def("scales", function(filter)
  filter = filter or {}
  local out = {}
  for _, D in ipairs(defs.doelstellingen) do
    if not filter.doelstelling or filter.doelstelling == D.nr then
      for _, I in ipairs(D.indicators) do
        for _, S in ipairs(I.subindicators) do
          local spec = { S.scale, items = S.items, reversed = S.reversed_items, points = S.points,
                         missing = { 8, 9 }, min_valid = 1, label = S.title }
          out[#out + 1] = M.scale and M.scale(spec) or spec
        end
      end
    end
  end
  return out
end, [[
monitor.scales([{doelstelling = k}]) -> list of scales

Every subindicator as a scale (scale{...} when the estimation engine is loaded, else the plain
spec): its example items, reversed items, points, missing codes 8 and 9, min_valid = 1.]])

M.topic("monitor", [[
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

-- Example data (lua/passend/monitor/example.lua), generated on first use and kept per state.
local example_mod, example_cache
local function example_parts()
  if not example_cache then
    example_mod = example_mod or assert(loadfile(here .. "/example.lua"))(M)
    local cols, report, rows = example_mod.columns()
    example_cache = { cols = cols, report = report, nrows = #rows }
  end
  return example_cache
end
monitor._example_parts = example_parts

local function need_dataset(fn)
  if not M.dataset then
    error(fn .. ": needs datasets (issue 3), which this build does not have yet", 3)
  end
end

def("example", function(opts)
  opts = opts or {}
  need_dataset("monitor.example")
  local p = example_parts()
  local spec = { n = p.nrows, meta = {
    title = "Voorbeelddata Doelstellingenmonitor (meting 2022 en 2023)",
    source = "Bron: passend, voorbeelddata (gegenereerd; geen echte antwoorden)",
    kind = "example",
    notes = { "Gegenereerde voorbeelddata volgens de opzet van 004 Bijlage A.",
              "De gewogen schaalgemiddelden van meting 2023 liggen op de gepubliceerde",
              "waarden. De items zijn voorbeelditems; geen echte antwoorden." },
    design = { weight = "w", cluster = "swv", strata = "stratum" },
  } }
  for _, c in ipairs(p.cols) do
    local info = c[3]
    spec[#spec + 1] = { c[1], c[2], label = info.label, value_labels = info.value_labels,
                        missing = info.missing }
  end
  local d = M.dataset(spec)
  if opts.meting then
    local m = tostring(opts.meting)
    d = d:filter(function(r) return r.meting == m end)
  end
  if opts.calibrate then d = monitor.calibrate(d) end  -- adds w_kal (lua/passend/weighting.lua)
  return d
end, [[
monitor.example([{meting = "2023"}]) -> dataset

Deterministic EXAMPLE respondent data of the Doelstellingenmonitor, two metingen ("2022",
"2023"): columns meting, swv (cluster), regio, grootte, stratum, school, onderwijstype, sector,
actor, w (design weight raked per stratum to the frame's regio and grootte), w_design (1 /
inclusion probability), then the items <scale>_<k> of every subindicator (1..points, 8 = 'weet
niet', 9 = 'n.v.t.' as user-missing codes, reversed items stored as answered). Respondent counts
follow Tabel A.1; answers are calibrated so the weighted scale means of meting 2023 equal the
published values (monitor.published) and the 95% intervals are wide where the report prints `*`.
Not survey data; see docs/monitor.md. calibrate = true adds w_kal, the design
weight raked per actor and sector to the frame's regio and grootte (monitor.calibrate).]])

def("example_calibration", function()
  local p = example_parts()
  return p.report
end, [[
monitor.example_calibration() -> list

How well the example data hit their targets: one entry per (meting, onderwijstype, actor,
subindicator) with target, mean (weighted mean scale score in the generated data), n, published
(meting 2023) and hit (rounded to one decimal, mean equals target).]])

def("example_codebook", function()
  local p = example_parts()
  example_mod = example_mod or assert(loadfile(here .. "/example.lua"))(M)
  return example_mod.codebook(p.cols, p.nrows)
end, [[
monitor.example_codebook() -> list of rows

The codebook of monitor.example(): variabele, label, type, waarden (value labels), missing,
schaal, punten, omgepoold (1 = reversed item), voorbeelditem (1 = an example item).]])

assert(loadfile(here .. "/compute.lua"))(M)
assert(loadfile(here .. "/explain.lua"))(M)
