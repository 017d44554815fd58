-- passend/monitor/lookup.lua: the Doelstellingenmonitor's definitions (monitor.defs, read on
-- first use), the published values of meting 2023 (monitor.published) and the lookups on them:
-- actor, role, sub, find_table, value, scales.
local doc = require "passend.doc"
local lazy = require "passend.lazy"
local scale = require("passend.data.scale").scale

local monitor = {}

-- monitor.defs and monitor.published are read on first use: most of the start-up time
-- otherwise. pairs(monitor) reads them first, so listings and completion see them.
local lazy_modules = { defs = "passend.monitor.defs", published = "passend.monitor.published" }
monitor.lazy_modules = lazy_modules
local defs = lazy.table(function() return require "passend.monitor.defs" end)

local function def(name, fn, text, extra)
  monitor[name] = doc.def("monitor." .. name, fn, text, extra)
end
local SCALES = require("passend.args").spec{ doelstelling = { "integer", min = 1 } }

-- Index tables (built on first use).
local index = lazy.table(function()
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
  for _, p in ipairs(require "passend.monitor.published") do
    if p.table == tab and p.sub == sub and p.actor == actor then return p.value, p.asterisk end
  end
  return nil
end, [[
monitor.value(table_id, sub_id, actor) -> value, asterisk  (or nil)

The value printed in the report (meting 2023) for one cell, and whether it carries the `*`.]])

def("scales", function(filter)
  filter = require("passend.args").options("monitor.scales", filter, SCALES)
  local out = {}
  for _, D in ipairs(defs.doelstellingen) do
    if not filter.doelstelling or filter.doelstelling == D.nr then
      for _, I in ipairs(D.indicators) do
        for _, S in ipairs(I.subindicators) do
          local spec = { S.scale, items = S.items, reversed = S.reversed_items, points = S.points,
                         missing = { 8, 9 }, min_valid = 1, label = S.title }
          out[#out + 1] = scale(spec)
        end
      end
    end
  end
  return out
end, [[
monitor.scales([{doelstelling = k}]) -> list of scales

Every subindicator as a scale{...}: its example items, reversed items, points, missing codes 8
and 9, min_valid = 1.]], {
  options = SCALES, example = function() return { doelstelling = 2 } end,
})

return monitor
