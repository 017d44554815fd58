-- scripts/s001_tabel_4_1.lua: 001 Tabel 4.1 (with its 'Vervolg' VO panel, seeds/001 r. 1242-1305)
-- and Tabel 4.4 (r. 1450-1466): the development phase of the samenwerkingsverbanden per item, as
-- an item battery with a PO and a VO panel (rows = items, columns = phases, % of valid answers,
-- the valid n kept per item).
--
-- Reconstruction: per item and sector, the counts out of a valid n that reproduce the rounded
-- percentages (PO 51 respondents: n = 51, Tabel 4.4 n = 50; VO 50: n = 49, one no answer).
-- The first PO item (35 / 37 / 15 / 14, adding up to 101) fits no n up to 51; it gets the nearest
-- counts out of 51 (18 / 19 / 8 / 7: 35 / 37 / 16 / 14) and audit() reports it.
--
--   passend scripts/s001_tabel_4_1.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local PHASES = { "Oriëntatiefase", "Voorbereidingsfase", "Ontwikkelingsfase", "Uitvoeringsfase" }
local ITEMS = {
  { "voorlichten", "Voorlichten van ouders over Passend Onderwijs" },
  { "schoolkeuze", "Ondersteunen ouders bij schoolkeuze o.b.v. ondersteuningsprofiel" },
  { "informeren", "Informeren ouders over bovenschoolse ondersteuningsvoorzieningen" },
  { "betrekken", "Betrekken ouders bij bepaling en toewijzing extra ondersteuning" },
  { "opp", "Werken volgens principes van het ontwikkelingsperspectief" },   -- Tabel 4.4
}
local PUB = {
  PO = { { 35, 37, 15, 14 }, { 65, 29, 4, 2 }, { 59, 33, 2, 6 }, { 61, 20, 12, 8 }, { 30, 28, 26, 16 } },
  VO = { { 41, 39, 14, 6 }, { 63, 16, 12, 8 }, { 47, 18, 14, 20 }, { 57, 18, 22, 2 }, { 49, 27, 20, 4 } },
}
local RESPONDENTS = { PO = 51, VO = 50 }
local VALID = { PO = { 51, 51, 51, 51, 50 }, VO = { 49, 49, 49, 49, 49 } }

local sector, cols = {}, {}
for _, it in ipairs(ITEMS) do cols[it[1]] = {} end
local row0 = 0
local approximated = {}
for _, sec in ipairs({ "PO", "VO" }) do
  for u = 1, RESPONDENTS[sec] do sector[row0 + u] = sec end
  for k, it in ipairs(ITEMS) do
    local n = VALID[sec][k]
    local counts = U.counts_for(PUB[sec][k], n)
    if not counts then
      counts = U.nearest_counts(PUB[sec][k], n)
      approximated[#approximated + 1] = sec .. " " .. it[1]
    end
    local u = 0
    for phase, c in ipairs(counts) do
      for _ = 1, c do u = u + 1; cols[it[1]][row0 + u] = phase end
    end
    -- units beyond the valid n did not answer (nil)
  end
  row0 = row0 + RESPONDENTS[sec]
end
local data = { { "sector", sector, n = row0 }, n = row0 }
local items = {}
for _, it in ipairs(ITEMS) do
  data[#data + 1] = { it[1], cols[it[1]], n = row0 }
  items[#items + 1] = { it[1], it[2] }
end

local tabel = stats.battery(data, items, {
  categories = { 1, 2, 3, 4 }, labels = PHASES, by = "sector", levels = { sector = { "PO", "VO" } },
  layout = "panels", rowsum = "rounded", item_label = "onderdeel", group_label = "sector",
  title = "Tabel 4.1 en 4.4 Fase van ontwikkeling per onderdeel, PO en VO (in % van de geldige antwoorden)",
})
local check = stats.audit(tabel, { nmax = 51 })

if not opts.quiet then U.show(tabel); U.show(check) end
return { tabel = tabel, audit = check, data = data, published = PUB, approximated = approximated, items = ITEMS }
