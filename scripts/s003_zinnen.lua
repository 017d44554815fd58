-- scripts/s003_zinnen.lua: the quantity phrases of seeds/003 (Inspectie van het Onderwijs,
-- Sectorlijnen 2026: samenwerkingsverbanden) written from the inspectorate's counts with
-- quantity(), quantity_range(), count_phrase() and compare_phrase():
--   r. 13: 'een kwart (po) tot een derde (vo) ... het eindoordeel onvoldoende' (17/66, 23/66);
--   r. 13: 'Bijna de helft, 44%, is langdurig voldoende of goed';
--   r. 29: 'Ruim 80% ...';  r. 71: 'Een derde ...' and '1 op de 5 ...';
--   r. 35: 'Bij 16 van de 40 onvoldoende samenwerkingsverbanden ... vaker in het vo dan in het po'.
-- The counts are the published table 'Eindoordelen en oordelen per standaard ... 2022-2025'.
--
--   passend scripts/s003_zinnen.lua [en]
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)
local lang = opts.lang or ((...) == "en" and "en") or "nl"

-- onvoldoende / voldoende / goed per sector (seeds/003 r. 15-25)
local OORDELEN = {
  po = { dekkend_netwerk = { 5, 51, 10 }, eindoordeel = { 17, 45, 4 } },
  vo = { dekkend_netwerk = { 11, 50, 5 }, eindoordeel = { 23, 42, 1 } },
}
local function total(t) return t[1] + t[2] + t[3] end

local po, vo = OORDELEN.po.eindoordeel, OORDELEN.vo.eindoordeel
local L = lang == "en" and { po = "primary", vo = "secondary", invo = "in secondary", inpo = "in primary" }
  or { po = "po", vo = "vo", invo = "in het vo", inpo = "in het po" }
local zinnen = {
  eindoordeel_onvoldoende = format.quantity_range({ { po[1] / total(po), L.po }, { vo[1] / total(vo), L.vo } }, { lang = lang }),
  langdurig_voldoende = format.quantity(0.44, { lang = lang }),
  herstel = format.quantity(0.81, { style = "percent", lang = lang }),
  terugkeer_geen_afspraken = format.quantity(1 / 3, { lang = lang }),
  soms_pas_betrokken = format.quantity(0.2, { style = "ratio", lang = lang }),
  uitstroom_max = format.quantity(0.05, { style = "ratio", lang = lang }),
  dekkend_netwerk = format.count_phrase(OORDELEN.po.dekkend_netwerk[1] + OORDELEN.vo.dekkend_netwerk[1],
    po[1] + vo[1], { lang = lang }),
  dekkend_netwerk_vaker = format.compare_phrase(L.invo, OORDELEN.vo.dekkend_netwerk[1], L.inpo,
    OORDELEN.po.dekkend_netwerk[1], { lang = lang }),
}
local keys = { "eindoordeel_onvoldoende", "langdurig_voldoende", "herstel", "terugkeer_geen_afspraken",
  "soms_pas_betrokken", "uitstroom_max", "dekkend_netwerk", "dekkend_netwerk_vaker" }
local names, texts = {}, {}
for i, k in ipairs(keys) do names[i], texts[i] = k, zinnen[k] end
local tabel = stats.as_table({ { "uitspraak", names }, { "tekst", texts } },
  { title = "Sectorlijnen 2026: getallen in woorden, uit de oordelen herberekend",
    source = "Inspectie van het Onderwijs, Sectorlijnen 2026: samenwerkingsverbanden", lang = lang })

if not opts.quiet then U.show(tabel) end
return { zinnen = zinnen, tabel = tabel }
