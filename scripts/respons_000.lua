-- scripts/respons_000.lua: response versus population of the samenwerkingsverbanden in the
-- po-vo transition survey (seeds/000): Tabel 1.1 "Respons per sector (po/vo), afgezet tegen
-- populatie" and Tabel 1.2 "Respons per provincie, afgezet tegen populatie", recomputed from a
-- register of the 151 samenwerkingsverbanden (examples/data/swv_register_000.csv: sector,
-- provincie, respons; reconstructed from the published margins, see tools/gen_registers.lua).
--
--   passend scripts/respons_000.lua [register.csv]
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
local opts = C.opts(...)
local d = read(opts.file or (type((...)) == "string" and (...)) or C.path("examples/data/swv_register_000.csv"))

local sector, prov, resp = d:values("sector"), d:values("provincie"), d:values("respons")
local N, R = #d, 0
local by = { sector = {}, provincie = {} }
local function add(tab, key, r)
  local e = tab[key] or { n = 0, r = 0 }
  tab[key] = e
  e.n, e.r = e.n + 1, e.r + r
end
for i = 1, N do
  R = R + resp[i]
  add(by.sector, sector[i], resp[i])
  add(by.provincie, prov[i], resp[i])
end

-- Tabel 1.1: respondents and population by sector, % of the column totals (whole numbers)
local groep, rn, rp, pn, pp = {}, {}, {}, {}, {}
for _, s in ipairs({ "po", "vo" }) do
  local e = by.sector[s]
  groep[#groep + 1] = "Samenwerkingsverbanden " .. s
  rn[#rn + 1], rp[#rp + 1] = e.r, C.round(100 * e.r / R)
  pn[#pn + 1], pp[#pp + 1] = e.n, C.round(100 * e.n / N)
end
groep[#groep + 1], rn[#rn + 1], pn[#pn + 1] = "Totaal", R, N
local t11 = dataset{
  { "groep", groep }, { "respons_n", rn }, { "respons_pct", rp }, { "populatie_n", pn },
  { "populatie_pct", pp }, n = 3,
  meta = { title = "Tabel 1.1 Respons per sector (po/vo), afgezet tegen populatie",
           source = "Bron: passend, herberekening van seeds/000 Tabel 1.1 uit een gereconstrueerd register",
           notes = { string.format("Responspercentage: %d van %d = %d%%.", R, N, C.round(100 * R / N)) } },
}

-- Tabel 1.2: % per province of all respondents and of the population (published order)
local ORDER = { "Zuid-Holland", "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland",
  "Gelderland", "Utrecht", "Noord-Holland", "Zeeland", "Noord-Brabant", "Limburg" }
local pv, pr, ppp = {}, {}, {}
for _, p in ipairs(ORDER) do
  local e = by.provincie[p] or { n = 0, r = 0 }
  pv[#pv + 1], pr[#pr + 1], ppp[#ppp + 1] = p, C.round(100 * e.r / R), C.round(100 * e.n / N)
end
local t12 = dataset{
  { "provincie", pv }, { "respons_pct", pr }, { "populatie_pct", ppp },
  meta = { title = "Tabel 1.2 Respons per provincie, afgezet tegen populatie (in %)",
           source = "Bron: passend, herberekening van seeds/000 Tabel 1.2 uit een gereconstrueerd register",
           notes = { "De percentages tellen door afronding op tot 101." } },
}

if not opts.quiet then C.show(t11); C.show(t12) end
return { tabel_1_1 = t11, tabel_1_2 = t12, respons = R, populatie = N }
