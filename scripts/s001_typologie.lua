-- scripts/s001_typologie.lua: 001 Tabel 8.1 (PO) and 8.2 (VO), the typology achterblijvers /
-- middengroep / voorlopers per component A-E (seeds/001 r. 3154-3173), rebuilt with the typology
-- engine from item-level data reconstructed from the appendix's point distributions
-- (r. 4134-4316: which items, which answers give a point, the cut-offs).
--
-- Reconstruction: per sector and component, the published % per number of points become counts
-- out of n = 51 (PO) and 50 (VO) by largest remainder (the distributions fit no n <= 51 exactly:
-- see scripts/s001_audit.lua). A unit with p points answers the first p items of the component
-- with a qualifying code and the rest with a non-qualifying one. Units are arranged so that the
-- profile statements of r. 3199-3204 hold where they can: no unit is voorloper on all five, one
-- is achterblijver on all five, and as many as possible are voorloper on none (all voorlopers
-- within the voorlopers of D). '70% voorloper op geen enkel onderdeel' cannot hold: D alone has
-- 28% (PO) and 49% (VO) voorlopers, so at most 61% of all 101 are voorloper on none.
--
--   passend scripts/s001_typologie.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

-- the engine's definition: items, qualifying codes, cut-offs (appendix chapter 8)
local JA3 = { 3 }            -- nee (1) / in voorbereiding (2) / ja (3)
local VER = { 3, 4 }         -- nog niet begonnen (1) / redelijk (2) / heel ver gevorderd (3) / gereed (4)
local STRUCT = { 4 }         -- nee (1) / in voorbereiding (2) / incidenteel (3) / structureel (4)
local function items(prefix, k, codes)
  local t = {}
  for i = 1, k do t[i] = { prefix .. i, codes } end
  return t
end
local E_items = items("e", 3, JA3)
for i = 4, 6 do E_items[i] = { "e" .. i, STRUCT } end
local D_items = { { "d1", JA3 }, { "d2", { 5, 6 } } }  -- d2: meer dan 75% (5) of alle scholen (6)
local AMV = function(mid_lo, mid_hi, voor_lo, voor_hi)
  return { { 0, mid_lo - 1, "achter" }, { mid_lo, mid_hi, "midden" }, { voor_lo, voor_hi, "voor" } }
end
local TYP = stats.typology{
  components = {
    { id = "A", label = "Bestuurlijke inrichting", items = items("a", 4, JA3), cuts = AMV(1, 2, 3, 4) },
    { id = "B", label = "Organisatie extra onderwijsondersteuning", items = items("b", 9, VER), cuts = AMV(1, 2, 3, nil) },
    { id = "C", label = "Ondersteuning en medezeggenschap ouders", items = items("c", 5, VER), cuts = AMV(1, 2, 3, nil) },
    { id = "D", label = "Toerusting scholen en leraren", items = D_items, cuts = AMV(1, 1, 2, 2) },
    { id = "E", label = "Samenwerking en afstemming", items = E_items, cuts = AMV(2, 3, 4, nil) },
  },
}
local NOT_QUAL = { A = 1, B = 1, C = 1, D = 1, E = 1 }
local QUAL = { A = 3, B = 4, C = 4, D = { 3, 6 }, E = { 3, 3, 3, 4, 4, 4 } }

-- the appendix's point distributions (% of SWV per number of points, index = points + 1)
local DIST = {
  PO = { A = { 28, 26, 26, 19, 0 }, B = { 53, 25, 8, 2, 4, 6, 0, 0, 0, 2 }, C = { 45, 32, 11, 4, 4, 4 },
         D = { 21, 51, 28 }, E = { 6, 17, 25, 40, 9, 4, 0 } },
  VO = { A = { 20, 26, 35, 16, 4 }, B = { 57, 12, 10, 10, 2, 2, 4, 0, 2, 4 }, C = { 60, 12, 10, 2, 6, 12 },
         D = { 22, 29, 49 }, E = { 4, 8, 26, 37, 20, 4, 2 } },
}
local N = { PO = 51, VO = 50 }

-- counts out of n: each published % x n rounded, then units taken from (or added to) the
-- cells rounded up (down) most until they add up to n (the distributions add up to 99..103)
local function counts_of(pcts, n)
  local c, exact, sum = {}, {}, 0
  for i, p in ipairs(pcts) do
    exact[i] = p * n / 100
    c[i] = U.round(exact[i], 0)
    sum = sum + c[i]
  end
  while sum ~= n do
    local step = sum > n and -1 or 1
    local best
    for i = 1, #c do
      if c[i] + step >= 0 then
        local score = step * (exact[i] - c[i])
        if not best or score > best[2] + 1e-12 or (math.abs(score - best[2]) <= 1e-12 and exact[i] > exact[best[1]]) then
          best = { i, score }
        end
      end
    end
    c[best[1]] = c[best[1]] + step
    sum = sum + step
  end
  return c
end

-- points per unit for one sector, arranged as described above
local function arrange(sector)
  local n = N[sector]
  local pts = {}                      -- pts[comp][unit]
  local classes = {}
  for _, comp in ipairs(TYP.components) do
    local c = counts_of(DIST[sector][comp.id], n)
    local by_class = { achter = {}, midden = {}, voor = {} }
    for p0, cnt in ipairs(c) do
      local cls = TYP:class_of(comp, p0 - 1)
      for _ = 1, cnt do table.insert(by_class[cls], p0 - 1) end
    end
    classes[comp.id] = by_class
  end
  local dv = #classes.D.voor
  local function place(id, which, units)
    pts[id] = pts[id] or {}
    local list = classes[id][which]
    assert(#units >= #list, string.format("%s %s: %d units for %d %s", sector, id, #units, #list, which))
    for k, p in ipairs(list) do pts[id][units[k]] = p end
  end
  local function range(a, b, step) local t = {} for i = a, b, step or 1 do t[#t + 1] = i end return t end
  -- voor: D's voorlopers are units 1..dv; A, B, C from the top, E from the bottom of that block
  place("D", "voor", range(1, dv))
  place("A", "voor", range(1, dv)); place("B", "voor", range(1, dv)); place("C", "voor", range(1, dv))
  place("E", "voor", range(dv, 1, -1))
  -- achter: D's achterblijvers are the last units; E's avoid them except the very last unit
  local da = #classes.D.achter
  place("D", "achter", range(n, n - da + 1, -1))
  local e_units = { n }
  for u = dv + 1, n - da do e_units[#e_units + 1] = u end
  if sector == "VO" then table.remove(e_units, 1) end  -- the one unit achter on all five is PO
  place("E", "achter", e_units)
  for _, id in ipairs({ "A", "B", "C" }) do
    local free = {}
    for u = n, 1, -1 do if pts[id][u] == nil then free[#free + 1] = u end end
    place(id, "achter", free)
  end
  -- midden: the remaining units
  for _, comp in ipairs(TYP.components) do
    local free = {}
    for u = 1, n do if pts[comp.id][u] == nil then free[#free + 1] = u end end
    place(comp.id, "midden", free)
  end
  return pts, n
end

-- item-level data: one row per samenwerkingsverband
local cols = { sector = {} }
local order = { "sector" }
for _, comp in ipairs(TYP.components) do
  for _, it in ipairs(comp.items) do cols[it[1]] = {}; order[#order + 1] = it[1] end
end
local row = 0
for _, sector in ipairs({ "PO", "VO" }) do
  local pts, n = arrange(sector)
  for u = 1, n do
    row = row + 1
    cols.sector[row] = sector
    for _, comp in ipairs(TYP.components) do
      local p = pts[comp.id][u]
      for j, it in ipairs(comp.items) do
        local q = QUAL[comp.id]
        cols[it[1]][row] = j <= p and (type(q) == "table" and q[j] or q) or NOT_QUAL[comp.id]
      end
    end
  end
end
local data = { n = row }
for _, name in ipairs(order) do data[#data + 1] = { name, cols[name], n = row } end

local by = { by = "sector", levels = { "PO", "VO" } }
local tabel = TYP:table(data, { by = "sector", levels = { "PO", "VO" },
  title = "Tabel 8.1/8.2 Achterblijvers, middengroep en voorlopers per onderdeel (in %)" })
local punten = TYP:distribution(data, { by = "sector", levels = { "PO", "VO" },
  title = "Aantal punten per onderdeel (in %)" })
local profielen = TYP:profiles(data, { title = "Profielen over de vijf onderdelen (PO en VO samen)" })
-- the typology straight from the published point distributions (sums of rounded %)
local dist_in = {}
for _, sector in ipairs({ "PO", "VO" }) do
  dist_in[sector] = {}
  for id, pcts in pairs(DIST[sector]) do
    dist_in[sector][id] = {}
    for p0, pct in ipairs(pcts) do dist_in[sector][id][p0 - 1] = pct end
  end
end
local uit_verdeling = { PO = TYP:from_distribution(dist_in.PO), VO = TYP:from_distribution(dist_in.VO) }

if not opts.quiet then U.show(punten); U.show(tabel); U.show(profielen) end
return { typology = TYP, tabel = tabel, punten = punten, profielen = profielen, data = data,
  uit_verdeling = uit_verdeling, dist = DIST, by = by }
