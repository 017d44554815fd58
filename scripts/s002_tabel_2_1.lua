-- scripts/s002_tabel_2_1.lua: 002 Tabel 2-1 "Vorm van intensieve samenwerking/integratie vso/vo
-- bij vso-schoollocaties in uitvoering of in voorbereiding naar vso-clusters (in aantallen en
-- procenten)" (seeds/002 r. 858-894), rebuilt from one row per vso location.
--
-- The 31 locations are reconstructed from the published counts. 'Symbiose/meetellen
-- onderwijstijd' was not a listed option: the report coded it from the open answers under
-- 'andere vorm, namelijk' (r. 822-826). The reconstruction therefore gives those 16 locations
-- the closed answer 'anders' with an open text, and code_other() with a small pattern codebook
-- makes the 13 symbiose answers their own category, as the report did.
--
--   passend scripts/s002_tabel_2_1.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local VORMEN = {
  [1] = "Intensieve samenwerking én huisvesting op één locatie maar nog geen integratie",
  [2] = "Intensieve samenwerking én huisvesting op één locatie en integratie op onderdelen",
  [3] = "Bundeling/integratie van vso en pro in één voorziening voor gespecialiseerd onderwijs in het samenwerkingsverband/regio",
  [4] = "Bundeling/integratie van vso en overig vo-schooltype (vmbo/havo/vwo) in één voorziening voor gespecialiseerd onderwijs",
  [5] = "Opheffing van vso-locatie c.q. integratie van het vso in het pro/overig vo (school met specifiek profiel)",
  [6] = "Symbiose/meetellen onderwijstijd",
  [7] = "Andere vorm van intensieve samenwerking/integratie",
}
local ANDERS = 7

-- open answers of the 'anders, namelijk' option (illustrative wording; what matters is
-- which code they get)
local SYMBIOSE_TEKSTEN = {
  "Symbiose met vmbo-school in de buurt", "leerlingen volgen via symbiose lessen op het vo",
  "meetellen onderwijstijd bij de vo-school", "Symbiosetraject met praktijkonderwijs",
  "symbiose (examenvakken op de havo)", "Onderwijstijd op de vo-school telt mee",
  "SYMBIOSE voor bovenbouwleerlingen", "symbiose-afspraken met twee vo-scholen",
  "symbiose", "leerlingen in symbiose naar het mbo-voorbereidend vo",
  "meetellen van onderwijstijd (vo-leerlingen bij ons)", "symbiose met het vmbo",
  "symbiose, enkele vakken",
}
local ANDERE_TEKSTEN = { "gezamenlijke schakelklas", "gedeelde stagecoördinatie", "samen een plusvoorziening" }

-- published counts: rows = vormen 1..7, columns uitvoering vso3/vso4, voorbereiding vso3/vso4
local COUNTS = {
  { 2, 0, 3, 0 }, { 1, 2, 0, 0 }, { 2, 0, 1, 0 }, { 1, 1, 0, 2 }, { 0, 0, 0, 0 }, { 5, 7, 1, 0 }, { 0, 1, 2, 0 },
}
local GROUPS = { { "uitvoering", "vso3" }, { "uitvoering", "vso4" }, { "voorbereiding", "vso3" }, { "voorbereiding", "vso4" } }

local cells, isym, iand = {}, 0, 0
for vorm, row in ipairs(COUNTS) do
  for g, count in ipairs(row) do
    for _ = 1, count do
      local unit = { status = GROUPS[g][1], cluster = GROUPS[g][2], vorm_gesloten = vorm, open = "" }
      if vorm == 6 then
        isym = isym + 1
        unit.vorm_gesloten, unit.open = ANDERS, SYMBIOSE_TEKSTEN[isym]
      elseif vorm == ANDERS then
        iand = iand + 1
        unit.open = ANDERE_TEKSTEN[iand]
      end
      cells[#cells + 1] = { 1, unit }
    end
  end
end
local data = U.expand(cells, { "status", "cluster", "vorm_gesloten", "open" })

-- code the open answers: symbiose / meetellen onderwijstijd becomes category 6
local codebook = {
  { 6, patterns = { "symbiose", "meetellen", "onderwijstijd" } },
}
data[#data + 1] = { "vorm", passend.data.code_other(data, "vorm_gesloten", ANDERS, "open", codebook), n = data.n }

local tabel = percentages(data, "vorm", {
  by = { "status", "cluster" },
  levels = { status = { "uitvoering", "voorbereiding" }, cluster = { "vso3", "vso4" } },
  order = { 1, 2, 3, 4, 5, 6, 7 }, labels = VORMEN,
  cells = "n", total = true, total_label = "vso", total_cells = "both",
  category_label = "vorm",
  base_label = "vso-locaties met intensieve samenwerking in uitvoering of voorbereiding",
  title = "Tabel 2-1 Vorm van intensieve samenwerking/integratie vso/vo bij vso-schoollocaties in "
    .. "uitvoering of in voorbereiding naar vso-clusters (in aantallen en procenten)",
})

-- The source's rule: 002 publishes every count of the 31 locations, also the small ones (18 of
-- the 48 cells are under 15). A reproduction prints them as published and says so; an
-- analyst's own table stays protected by default (protect(), docs/formats.md).
tabel = rules.protect(tabel, { protect = false, note = "002 Tabel 2-1 publiceert alle aantallen van de 31 "
  .. "vso-locaties, ook kleine; deze reproductie toont ze zoals de bron." })

if not opts.quiet then U.show(tabel) end
return { tabel = tabel, data = data }
