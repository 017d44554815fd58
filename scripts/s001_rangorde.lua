-- scripts/s001_rangorde.lua: 001 chapter 7, the Spilter sessions' top-3 prioritisation of risks
-- and opportunities for 'Bestuurlijke inrichting' (seeds/001 r. 2323-2421, and the items
-- outside the top 3 in the appendix, r. 3606-3707): mean position per item, where an item a
-- participant did not put in the top 3 scores 4 ('1 = everyone ranked it first', r. 2352-2357),
-- and the top 3 extended on ties (PO risks: two items share third place at 2,8).
--
-- Reconstruction: every published mean is a multiple of 1/6 (PO) or 1/8 (VO) after rounding,
-- so there were 6 PO and 8 VO participants. An item's mean m gives its total 'points'
-- (4 - position, summed over participants) as 4V - mV; a depth-first search then finds one set of
-- ballots (each participant ranks 3 different items 1, 2, 3) with exactly those totals. The
-- ballots are not published; any set with these totals gives the same means.
--
--   passend scripts/s001_rangorde.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

-- sessie, lijst, voters, items with their published mean position
local LISTS = {
  { "PO", "risico", 6, {
    { "Middelen worden verdeeld zonder dat samenwerking tot stand komt", 2.2 },
    { "Te veel variatie binnen samenwerkingsverbanden (verkamering)", 2.7 },
    { "Inhoudelijke ontwikkeling onderwijs niet in gezamenlijk perspectief gezien", 2.8 },
    { "Samenwerking onderwijs-jeugd(zorg) verwacht terwijl sturende instanties apart zijn ingericht", 2.8 },
    { "Middelen", 3.7 },
    { "Samenwerkingsverband met 21 besturen en 101 scholen", 3.8 } } },
  { "VO", "risico", 8, {
    { "Besturen met te veel focus op eigen middelen en eigen bevoegdheid", 2.1 },
    { "Gebrek aan bereidheid deel autonomie op te geven (concurrentiepositie)", 2.4 },
    { "Onvoldoende tijd genomen om visie te formuleren met strategische doelstellingen", 2.4 },
    { "Te veel overhead en te grote kantoren / personeelsrisico's", 3.6 },
    { "Maatregel regeerakkoord LWOO/PrO: bezuiniging + in SWV", 3.8 },
    { "Te veel variatie binnen samenwerkingsverbanden (verkamering)", 3.9 },
    { "Groei rugzakken en VSO vóór invoering per augustus 2014", 3.9 },
    { "Besturen die beslissen over inhoudelijke zaken waar ze te weinig van af weten", 4.0 },
    { "Verevening / bezuinigingen", 4.0 },
    { "Cultuur binnen SWV's nog gericht op bezuinigingsoperatie", 4.0 } } },
  { "PO", "kans", 6, {
    { "Nieuwe samenwerkingsvormen hebben een kans", 2.0 },
    { "Herijking en stroomlijning van voorziening", 2.2 },
    { "Besturen hebben een gezamenlijke verantwoordelijkheid", 2.5 },
    { "Minder kinderen die thuis zitten", 3.3 } } },
  { "VO", "kans", 8, {
    { "Loslaten van vaste criteria en vaststaand aanbod; meer ruimte voor maatwerk", 2.0 },
    { "Gezamenlijke verantwoordelijkheid ook daadwerkelijk vormgeven", 2.8 },
    { "VSO en regulier onderwijs kunnen van elkaar leren en elkaar ondersteunen", 3.1 },
    { "Herijking en stroomlijning van voorziening", 3.4 },
    { "Kinderen kunnen dicht bij huis naar school", 3.5 },
    { "Zorgplicht biedt duidelijkheid over verantwoordelijkheid schoolbestuur", 3.6 },
    { "Grote negatieve vereveningsopgave: alles mag ter discussie", 3.8 },
    { "Doorzettingsmacht regelen", 3.9 },
    { "OPDC (kans als we dit goed inrichten)", 4.0 } } },
}
local K, UNRANKED = 3, 4

-- The integer position total whose mean rounds (half-up, 1 decimal) to the published value.
local function total_for(mean, voters)
  local found
  for s = voters, UNRANKED * voters do
    if U.round(s / voters, 1) == mean then
      if found then error(string.format("mean %.1f with %d voters is ambiguous (%d or %d)", mean, voters, found, s)) end
      found = s
    end
  end
  if not found then error(string.format("no position total gives mean %.1f with %d voters", mean, voters)) end
  return found
end

-- Ballots with the given points per item (points = 4 - position): depth-first search.
local function ballots(points, voters)
  local n = #points
  local left = { table.unpack(points) }
  local out = {}
  local function fill(v)
    if v > voters then
      for i = 1, n do if left[i] ~= 0 then return false end end
      return true
    end
    for a = 1, n do if left[a] >= 3 then
      left[a] = left[a] - 3
      for b = 1, n do if b ~= a and left[b] >= 2 then
        left[b] = left[b] - 2
        for c = 1, n do if c ~= a and c ~= b and left[c] >= 1 then
          left[c] = left[c] - 1
          out[v] = { a, b, c }
          if fill(v + 1) then return true end
          left[c] = left[c] + 1
        end end
        left[b] = left[b] + 2
      end end
      left[a] = left[a] + 3
    end end
    return false
  end
  if not fill(1) then error("no set of ballots has these totals") end
  return out
end

local results = {}
for _, L in ipairs(LISTS) do
  local sessie, lijst, voters, items = L[1], L[2], L[3], L[4]
  local points, names = {}, {}
  for i, it in ipairs(items) do
    names[i] = it[1]
    points[i] = UNRANKED * voters - total_for(it[2], voters)
  end
  local b = ballots(points, voters)
  -- position form: one column per item, the position each participant gave (nil = not in top 3)
  local data = { n = voters }
  for i, name in ipairs(names) do
    local col = {}
    for v = 1, voters do
      for pos = 1, K do if b[v][pos] == i then col[v] = pos end end
    end
    data[#data + 1] = { name, col, n = voters }
  end
  local t = stats.rank_means(data, { items = names, k = K, unranked = UNRANKED,
    title = string.format("Prioritering %s %s (gemiddelde positie)", lijst == "risico" and "risico's" or "kansen", sessie) })
  results[#results + 1] = { sessie = sessie, lijst = lijst, tabel = t, data = data, published = items }
end

if not opts.quiet then for _, r in ipairs(results) do U.show(r.tabel) end end
return results
