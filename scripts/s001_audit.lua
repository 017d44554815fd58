-- scripts/s001_audit.lua: audits of published 001 tables (Sardes 2013) with audit():
--   Tabel 3.1 / 3.2 (seeds/001 r. 693-836): rows that no counts out of at most 51 (PO) / 50 (VO)
--     respondents can produce (doorzettingsmacht: 104 and 96);
--   Tabel 8.1 / 8.2 (r. 3154-3173) against the appendix's point distributions (r. 4148-4312):
--     E VO 'voor' is printed 36 where 4+ points give 20 + 4 + 2 = 26;
--   the appendix's point distributions themselves against n <= 51 / 50;
--   the three-category status tables (Tabel 2.1 ... 6.2): which valid n fit the rounded
--     percentages (n is not printed; most do not fit all 51 / 50 respondents, so the base is the
--     valid answers per item).
--
--   passend scripts/s001_audit.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local CATS = { "nog niet begonnen", "redelijk gevorderd", "heel ver gevorderd", "gereed" }
local ITEMS = {
  "Inrichten orgaan t.b.v. vaststellen ondersteuningsbehoeften",
  "Afspraken criteria en procedure vaststellen extra ondersteuningsbehoeften",
  "Afspraken toewijzing/toekenning extra ondersteuningsmiddelen",
  "Afspraken rol ondersteuningsprofiel scholen bij toekenning middelen",
  "Afspraken plaatsing leerlingen met extra ondersteuningsbehoefte in (V)SO",
  "Plannen doorzettingsmacht bij plaatsing moeilijk plaatsbare kinderen",
  "Afspraken bekostiging (bovenschoolse) ondersteuningsvoorzieningen",
  "Regelen dekkend aanbod onderwijsondersteuningsarrangementen",
  "Afspraken concrete uitwerking en invulling zorgplicht schoolbesturen",
}
local T31 = { { 40, 44, 12, 4 }, { 40, 44, 12, 2 }, { 32, 58, 8, 2 }, { 29, 50, 14, 8 }, { 46, 39, 14, 2 },
  { 79, 17, 6, 2 }, { 35, 50, 12, 4 }, { 23, 69, 4, 4 }, { 37, 48, 14, 2 } }
local T32 = { { 37, 49, 12, 2 }, { 38, 52, 8, 2 }, { 40, 44, 14, 2 }, { 26, 56, 16, 2 }, { 44, 46, 8, 2 },
  { 68, 24, 2, 2 }, { 40, 36, 18, 6 }, { 22, 48, 30, 0 }, { 23, 56, 21, 0 } }

local function battery_desc(title, values, nmax)
  local rows = {}
  for i, v in ipairs(values) do rows[i] = { ITEMS[i], table.unpack(v) } end
  return { title = title, kind = "row_pct", columns = CATS, rows = rows, nmax = nmax }
end
local audit_3_1 = stats.audit(battery_desc("001 Tabel 3.1 (PO)", T31, 51))
local audit_3_2 = stats.audit(battery_desc("001 Tabel 3.2 (VO)", T32, 50))

-- Tabel 8.1 / 8.2 as printed, checked against the typology of the point distributions
local T8 = {
  { "A PO", 28, 53, 19 }, { "B PO", 53, 32, 15 }, { "C PO", 45, 43, 11 }, { "D PO", 21, 51, 28 }, { "E PO", 23, 64, 12 },
  { "A VO", 20, 60, 20 }, { "B VO", 57, 22, 22 }, { "C VO", 59, 22, 20 }, { "D VO", 22, 29, 49 }, { "E VO", 12, 63, 36 },
}
local typ = assert(loadfile(here .. "s001_typologie.lua"))({ quiet = true })
local expected = {}
for _, r in ipairs(T8) do
  local comp, sector = r[1]:match("^(%S+) (%S+)$")
  local from = typ.uit_verdeling[sector][comp]
  for _, lab in ipairs({ "achter", "midden", "voor" }) do
    local f = from[lab]
    expected[#expected + 1] = { row = r[1], col = lab, value = f.value, tolerance = 0.5 * f.parts + 0.5,
      what = string.format("the point distribution (%d classes of points)", f.parts) }
  end
end
local audit_8 = stats.audit({ title = "001 Tabel 8.1/8.2", kind = "row_pct", columns = { "achter", "midden", "voor" },
  rows = T8, expected = expected, nmax = 51 })

-- the point distributions: one column per sector and component, n at most 51 / 50
local dist_rows, dist_cols, nmax = {}, {}, {}
local audit_punten = {}
for _, sector in ipairs({ "PO", "VO" }) do
  for _, comp in ipairs({ "A", "B", "C", "D", "E" }) do
    local rows = {}
    for p0, pct in ipairs(typ.dist[sector][comp]) do rows[p0] = { tostring(p0 - 1), pct } end
    audit_punten[#audit_punten + 1] = stats.audit({ title = "001 Bijlage H8 punten " .. comp .. " " .. sector,
      kind = "col_pct", columns = { sector }, rows = rows, nmax = sector == "PO" and 51 or 50 })
  end
end

-- The three-category status items (Tabel 2.1 ... 6.2, r. 349-1937): n is not printed; which
-- valid n (at most the 51 PO / 50 VO respondents) fit the rounded percentages?
local STATUS = {
  { "T2.1", { 34, 11, 55 }, { 8, 19, 73 } }, { "T2.3", { 19, 62, 19 }, { 10, 55, 35 } },
  { "T2.4", { 37, 48, 15 }, { 53, 35, 12 } }, { "T3.4", { 37, 63, 0 }, { 31, 57, 12 } },
  { "T4.2", { 4, 83, 13 }, { 16, 76, 8 } }, { "T4.3", { 57, 35, 8 }, { 51, 45, 4 } },
  { "T5.1", { 4, 54, 42 }, { 0, 39, 61 } }, { "T5.3", { 44, 46, 10 }, { 35, 53, 12 } },
  { "T5.5", { 63, 19, 18 }, { 51, 20, 29 } }, { "T6.1", { 31, 67, 2 }, { 29, 67, 4 } },
  { "T6.2", { 6, 29, 65 }, { 0, 22, 78 } },
}
local tab_col, grp_col, fit_col, full_col = {}, {}, {}, {}
local valid_n = {}
for _, st in ipairs(STATUS) do
  for k, sector in ipairs({ "PO", "VO" }) do
    local max = sector == "PO" and 51 or 50
    local ns = stats.feasible_n(st[k + 1], { complete = true, nmax = max }):values("n")
    valid_n[st[1] .. " " .. sector] = ns
    tab_col[#tab_col + 1], grp_col[#grp_col + 1] = st[1], sector
    fit_col[#fit_col + 1] = #ns > 0 and table.concat(ns, ", ") or "geen"
    full_col[#full_col + 1] = (ns[#ns] == max) and "ja" or "nee"
  end
end
local valid_n_table = stats.as_table({ { "tabel", tab_col }, { "sector", grp_col }, { "passende n", fit_col },
  { "alle respondenten", full_col } }, {
  title = "001: welke aantallen geldige antwoorden passen bij de afgeronde percentages (n <= 51 PO, 50 VO)" })
local n_2_1 = { PO = valid_n["T2.1 PO"], VO = valid_n["T2.1 VO"] }

if not opts.quiet then
  U.show(audit_3_1); U.show(audit_3_2); U.show(audit_8)
  for _, a in ipairs(audit_punten) do if not a:meta().ok then U.show(a) end end
  U.show(valid_n_table)
end
return { tabel_3_1 = audit_3_1, tabel_3_2 = audit_3_2, tabel_8 = audit_8, punten = audit_punten, n_2_1 = n_2_1,
  valid_n = valid_n, valid_n_table = valid_n_table }
