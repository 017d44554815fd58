-- scripts/s002_audit.lua: audits of published 002 tables (vso-vo collaboration) with audit():
--   Tabel 2-6 (seeds/002 r. 1298-1318): the vso column against the n-weighted mean of the clusters:
--     'Beter gebundeld aanbod' is printed 3,6 where 3,4 x 16 and 2,9 x 13 give 3,18;
--   Tabel 2-7 and 2-8 (r. 1387-1449): the same check, no findings;
--   Tabel 2-16 (r. 2274-2310): 4% of n = 12 is impossible (1/12 = 8,3%);
--   Tabel 2-12 (r. 1826-1850): 22% of n = 44 is impossible; Tabel 2-15 (r. 2117-2141): 19% and 44%
--     of n = 65 are impossible (so its 'Totaal abs.' is not the valid n per item);
--   Tabel 2-4 (r. 1121-1175): the vso n is printed 104 where the clusters add up to 106;
--   Tabel 2-3 (r. 1017-1037): clean.
--
--   passend scripts/s002_audit.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local results = {}
local function run(name, desc)
  results[name] = stats.audit(desc)
  return results[name]
end

run("tabel_2_6", { title = "002 Tabel 2-6", kind = "means", decimals = 1,
  columns = { "vso3", "vso4", "vso", "pro" },
  rows = {
    { "Beter bedienen van groepen leerlingen met speciale ondersteuningsbehoeften", 3.7, 4.4, 4.0, 4.2 },
    { "Verbeteren van individuele maatwerktrajecten", 4.2, 3.9, 4.1, 4.0 },
    { "Beter gebundeld aanbod specialistische onderwijszorg in regio/swv", 3.4, 2.9, 3.6, 3.4 },
    { "Behoefte leerlingen te groeperen o.b.v. ondersteuningsbehoefte en/of uitstroomprofiel", 3.2, 3.7, 3.4, 3.5 },
    { "Ondersteunen van meer inclusief onderwijs in het reguliere vo", 3.3, 3.1, 3.2, 3.7 },
  },
  n = { vso3 = 16, vso4 = 13, vso = 29, pro = 12 }, pooled = { vso = { "vso3", "vso4" } } })

run("tabel_2_7", { title = "002 Tabel 2-7", kind = "means", decimals = 1,
  columns = { "vso3", "vso4", "vso", "pro", "swv_vo" },
  rows = {
    { "Ondersteuning voor leerlingen", 3.2, 3.0, 3.1, 3.1, 3.5 },
    { "Daadwerkelijke uitvoering van meer inclusief onderwijs", 2.8, 2.8, 2.8, 3.2, 2.6 },
    { "Bundeling/behoud expertise", 2.6, 2.8, 2.7, 3.2, 3.7 },
    { "Kwaliteit van de speciale onderwijszorg", 2.3, 2.8, 2.5, 3.6, 3.1 },
    { "Ondersteuning voor eigen onderwijsmedewerkers", 2.8, 2.1, 2.5, 2.6, 2.8 },
    { "Samenwerking met ouders", 2.7, 1.8, 2.3, 2.3, 2.9 },
  },
  n = { vso3 = 13, vso4 = 10, vso = 23, pro = 12, swv_vo = 20 }, pooled = { vso = { "vso3", "vso4" } } })

run("tabel_2_8", { title = "002 Tabel 2-8", kind = "means", decimals = 1,
  columns = { "vso3", "vso4", "vso", "pro", "swv_vo" },
  rows = {
    { "Problemen voortkomend uit wet- en regelgeving/bekostiging", 2.5, 3.7, 3.0, 3.4, 2.8 },
    { "Organisatorische problemen", 2.7, 2.9, 2.8, 2.8, 2.5 },
    { "Personele problemen", 2.4, 2.5, 2.4, 2.4, 2.1 },
    { "Financiële problemen", 2.2, 2.5, 2.3, 2.3, 2.3 },
    { "Spreiding/thuisnabijheid", 1.8, 2.5, 2.1, 2.3, 2.7 },
    { "Huisvestingsvragen", 2.0, 2.6, 2.2, 2.1, 2.9 },
    { "Beperkte medewerking/ontbrekende steun van het ministerie van OCW", 2.0, 2.3, 2.1, 2.8, 2.3 },
  },
  n = { vso3 = 15, vso4 = 11, vso = 26, pro = 12, swv_vo = 20 }, pooled = { vso = { "vso3", "vso4" } } })

run("tabel_2_16", { title = "002 Tabel 2-16", kind = "col_pct", sums = false,
  columns = { "vso", "pro", "swv_vo" },
  rows = {
    { "Intensieve samenwerking/integratie vso-vo", 13, 4, 35 },
    { "Samenwerking arrangementen/symbiose/groepen leerlingen", 23, 12, 28 },
    { "Samenwerking bij diagnostiek/lichte hulp/voorzieningen swv-vo", 11, 3, 11 },
  },
  n_cells = {
    ["Intensieve samenwerking/integratie vso-vo"] = { vso = 23, pro = 12, swv_vo = 20 },
    ["Samenwerking arrangementen/symbiose/groepen leerlingen"] = { vso = 101, pro = 65, swv_vo = 47 },
    ["Samenwerking bij diagnostiek/lichte hulp/voorzieningen swv-vo"] = { vso = 100, pro = 64, swv_vo = 47 },
  } })

local T212 = {
  { "Maatwerk- en groepsarrangementen", 74, 88, 57, 58 },
  { "Speciale klassen voor groepen leerlingen", 54, 78, 27, 45 },
  { "(Bovenschoolse) voorzieningen voor (groepen) leerlingen", 54, 79, 35, 49 },
  { "Symbiose (vso-leerlingen in vo)", 55, 84, 43, 53 },
  { "Meetellen onderwijstijd (vo-leerlingen in vso)", 34, 74, 22, 44 },
}
local rows, ncells = {}, {}
for i, r in ipairs(T212) do
  rows[i] = { r[1], r[2], r[4] }
  ncells[r[1]] = { vso = r[3], pro = r[5] }
end
run("tabel_2_12", { title = "002 Tabel 2-12", kind = "col_pct", sums = false, columns = { "vso", "pro" },
  rows = rows, n_cells = ncells })

run("tabel_2_15", { title = "002 Tabel 2-15", kind = "col_pct", sums = false, columns = { "vso", "pro" },
  rows = {
    { "Bevorderen vroegsignalering/deskundigheid leraren", 50, 31 },
    { "Advies, consultatie en begeleiding leraren", 52, 38 },
    { "Co-teaching met leraren", 32, 19 },
    { "Advies en begeleiding van leerlingen/ouders", 41, 25 },
    { "Bundeling van expertise van vso en pro", 54, 44 },
    { "Bundeling van expertise van vso en overig vo", 52, nil },
  },
  n = { vso = 101, pro = 65 } })

run("tabel_2_4", { title = "002 Tabel 2-4", kind = "col_pct",
  columns = { "vso3", "vso4", "vso", "pro", "swv_vo" },
  sum_columns = { vso3 = true, vso4 = true, vso = true, pro = true },
  rows = {
    { "Grotendeels traditionele scheiding", 24, 13, 20, 43, 18 },
    { "Intensieve samenwerking, één locatie, integratie op onderdelen", 12, 13, 12, 7, 18 },
    { "Integratie op onderdelen, eigen locatie", 12, 10, 11, 13, 8 },
    { "Verdergaande inzet vso-activiteiten in vo", 12, 8, 10, 7, 84 },
    { "Intensieve samenwerking, één locatie, nog geen integratie", 6, 13, 9, 4, 18 },
    { "Bundeling vso en pro", 6, 10, 8, 7, 12 },
    { "Bundeling vso en overig vo", 5, 10, 7, 4, 6 },
    { "Opheffing vso-locatie, integratie in pro", 6, 3, 5, 0, 4 },
    { "Samenvoeging vso-scholen/cluster 3 en 4", 3, 3, 3, 1, 2 },
    { "Opheffing vso-locatie, integratie in overig vo", 2, 0, 1, 0, 8 },
    { "Andere vorm", 12, 20, 15, 12, 8 },
  },
  n = { vso3 = 66, vso4 = 40, vso = 104, pro = 69, swv_vo = 49 }, pooled = { vso = { "vso3", "vso4" } } })

run("tabel_2_3", { title = "002 Tabel 2-3", kind = "col_pct", columns = { "vso3", "vso4", "vso", "pro" },
  rows = {
    { "hoogstwaarschijnlijk uitvoeren", 21, 25, 22, 16 }, { "nadenken, niet zeker", 25, 38, 30, 20 },
    { "niet verder", 29, 15, 24, 36 }, { "nog niet nagedacht", 21, 18, 19, 24 }, { "weet niet", 4, 5, 5, 4 },
  },
  n = { vso3 = 68, vso4 = 40, vso = 108, pro = 70 }, pooled = { vso = { "vso3", "vso4" } } })

if not opts.quiet then
  for _, k in ipairs({ "tabel_2_3", "tabel_2_4", "tabel_2_6", "tabel_2_7", "tabel_2_8", "tabel_2_12", "tabel_2_15", "tabel_2_16" }) do
    U.show(results[k])
  end
end
return results
