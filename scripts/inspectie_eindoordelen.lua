-- scripts/inspectie_eindoordelen.lua: Inspectie van het Onderwijs, Sectorlijnen 2026 (seeds/003),
-- Tabel 1 "Eindoordelen en oordelen per standaard bij vierjaarlijkse onderzoeken bij besturen van
-- samenwerkingsverbanden po en vo in de periode 2022-2025 (in aantallen)", recomputed from one row
-- per samenwerkingsverband per standard (examples/data/inspectie_swv_oordelen.csv; the margins
-- are the published counts, the swv-level allocation is a reconstruction), plus the shares the
-- text quotes: a quarter (po) to a third (vo) 'onvoldoende'; 16 of the 40 'onvoldoende' with a
-- shortfall in the dekkend netwerk.
--
--   passend scripts/inspectie_eindoordelen.lua [oordelen.csv]
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
local opts = C.opts(...)

local d = read(opts.file or (type((...)) == "string" and (...)) or C.path("examples/data/inspectie_swv_oordelen.csv"))

local STANDAARDEN = {
  "Dekkend netwerk van voorzieningen", "Regionale samenwerking",
  "Advisering en beoordeling toelaatbaarheid", "Visie, ambitie en doelen",
  "Uitvoering en kwaliteitscultuur", "Evaluatie, verantwoording en dialoog", "Eindoordeel",
}
local OORDELEN = { "onvoldoende", "voldoende", "goed" }

-- count per standard x sector x oordeel, and collect the swvs per (standard, sector, oordeel)
local count, swvs = {}, {}
local sw, sec, st, oo = d:values("swv"), d:values("sector"), d:values("standaard"), d:values("oordeel")
for i = 1, #d do
  local key = st[i] .. "|" .. sec[i] .. "|" .. oo[i]
  count[key] = (count[key] or 0) + 1
  swvs[key] = swvs[key] or {}
  swvs[key][sw[i]] = true
end
local function n(s, sector, o) return count[s .. "|" .. sector .. "|" .. o] or 0 end

-- Tabel 1 as published (counts) and with shares (% of the row total, one decimal)
local cols = { standaard = {} }
local order = { "standaard" }
for _, sector in ipairs({ "po", "vo" }) do
  for _, o in ipairs(OORDELEN) do
    local name = sector .. "_" .. o
    cols[name] = {}
    order[#order + 1] = name
  end
end
local pct = { standaard = {} }
local porder = { "standaard" }
for _, sector in ipairs({ "po", "vo" }) do
  pct[sector .. "_n"] = {}
  porder[#porder + 1] = sector .. "_n"
  for _, o in ipairs(OORDELEN) do pct[sector .. "_" .. o .. "_pct"] = {}; porder[#porder + 1] = sector .. "_" .. o .. "_pct" end
end
for i, s in ipairs(STANDAARDEN) do
  local label = s == "Eindoordeel" and "Eindoordelen" or s
  cols.standaard[i] = label
  pct.standaard[i] = label
  for _, sector in ipairs({ "po", "vo" }) do
    local tot = 0
    for _, o in ipairs(OORDELEN) do tot = tot + n(s, sector, o) end
    pct[sector .. "_n"][i] = tot
    for _, o in ipairs(OORDELEN) do
      cols[sector .. "_" .. o][i] = n(s, sector, o)
      pct[sector .. "_" .. o .. "_pct"][i] = C.round(100 * n(s, sector, o) / tot, 1)
    end
  end
end
local function build(c, ord, meta)
  meta.labels = {}
  for _, name in ipairs(ord) do meta.labels[name] = name:gsub("_pct$", " %%"):gsub("_", " ") end
  local spec = { meta = meta }
  for _, name in ipairs(ord) do spec[#spec + 1] = { name, c[name] } end
  return dataset(spec)
end
local tabel = build(cols, order, {
  title = "Eindoordelen en oordelen per standaard bij vierjaarlijkse onderzoeken bij besturen van "
    .. "samenwerkingsverbanden po en vo in de periode 2022-2025 (in aantallen)",
  source = "Bron: Inspectie van het Onderwijs, Sectorlijnen 2026: samenwerkingsverbanden",
  notes = { "Herberekend uit één rij per samenwerkingsverband per standaard; de aantallen zijn de gepubliceerde, "
    .. "de toedeling aan samenwerkingsverbanden is een reconstructie." },
})
local aandelen = build(pct, porder, {
  title = "Eindoordelen en oordelen per standaard 2022-2025 (in % van de samenwerkingsverbanden)",
  source = "Bron: Inspectie van het Onderwijs, Sectorlijnen 2026; bewerking passend",
})

-- the quoted figures
local po_onv, vo_onv = n("Eindoordeel", "po", "onvoldoende"), n("Eindoordeel", "vo", "onvoldoende")
local po_tot, vo_tot = pct.po_n[#STANDAARDEN], pct.vo_n[#STANDAARDEN]
local onv = {}  -- swvs with eindoordeel onvoldoende
for _, sector in ipairs({ "po", "vo" }) do
  for id in pairs(swvs["Eindoordeel|" .. sector .. "|onvoldoende"] or {}) do onv[id] = true end
end
local n_onv, n_dn = 0, 0
for id in pairs(onv) do
  n_onv = n_onv + 1
  for _, sector in ipairs({ "po", "vo" }) do
    if (swvs["Dekkend netwerk van voorzieningen|" .. sector .. "|onvoldoende"] or {})[id] then n_dn = n_dn + 1 end
  end
end
local quoted = {
  po_onvoldoende_pct = 100 * po_onv / po_tot,   -- "een kwart"
  vo_onvoldoende_pct = 100 * vo_onv / vo_tot,   -- "een derde"
  onvoldoende = n_onv,                          -- "40"
  onvoldoende_dekkend_netwerk = n_dn,           -- "16"
}
local zinnen = dataset{
  { "uitspraak", { "eindoordeel onvoldoende po", "eindoordeel onvoldoende vo",
                   "onvoldoende samenwerkingsverbanden", "waarvan tekort in dekkend netwerk" } },
  { "waarde", { C.round(quoted.po_onvoldoende_pct, 1), C.round(quoted.vo_onvoldoende_pct, 1),
                n_onv, n_dn } },
  { "eenheid", { "%", "%", "aantal", "aantal" } },
  { "tekst", { "een kwart (po)", "een derde (vo)", "40", "16 van de 40" } },
  meta = { title = "Cijfers uit de tekst (003, r. 13 en 35), herberekend",
           source = "Bron: Inspectie van het Onderwijs, Sectorlijnen 2026" },
}

if not opts.quiet then
  C.show(tabel)
  C.show(aandelen)
  C.show(zinnen)
end
return { tabel = tabel, aandelen = aandelen, zinnen = zinnen, quoted = quoted }
