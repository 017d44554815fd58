-- scripts/s000_audit.lua: checks on 000 (transition po -> vo) tables and phrases:
--   Tabel 2.1 (seeds/000 r. 566-586, n = 76, several forms per samenwerkingsverband): the
--     smallest column bases that fit all five percentages are 39 (po) and 37 (vo), 76 together;
--   Tabel 2.2 (r. 595-664, n = 21, % per row within each column group): every row fits some
--     n <= 21 with half-up rounding (vo: n = 18; two rows add up to 101), except the two po rows
--     46 / 36 / 18, which fit n = 11 only with largest-remainder rounding (5/11 = 45,45% printed 46);
--   Figure 1.1 in the text (r. 272-278): the school model is the rest of 100 after the hybrid and
--     expertise models: po 100 - 52 - 17 = 31% 'ongeveer een derde', vo 100 - 64 - 10 = 26% 'een kwart'.
--
--   passend scripts/s000_audit.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local FORMS = {
  "betrokkenheid bij een casus als dat nodig is", "uitwisseling over ieders beleid/aanpak",
  "afstemming op elkaars beleid/aanpak", "vormgeving van gezamenlijk(e) beleid/aanpak",
  "gezamenlijke uitvoering van beleid/aanpak",
}
local T21 = { po = { 92, 69, 54, 51, 49 }, vo = { 95, 68, 68, 59, 49 } }
local n_2_1 = {
  po = stats.feasible_n(T21.po, { nmax = 76 }):values("n"),
  vo = stats.feasible_n(T21.vo, { nmax = 76 }):values("n"),
}

local T22 = {
  po = { { 0, 18, 82 }, { 18, 55, 27 }, { 18, 64, 18 }, { 46, 36, 18 }, { 46, 36, 18 } },
  vo = { { 6, 28, 67 }, { 6, 56, 39 }, { 6, 61, 33 }, { 28, 50, 22 }, { 33, 39, 28 } },
}
local audits = {}
for _, g in ipairs({ "po", "vo" }) do
  local rows = {}
  for i, v in ipairs(T22[g]) do rows[i] = { FORMS[i], v[1], v[2], v[3] } end
  -- at most the 21 samenwerkingsverbanden of the table answered each row
  audits[g] = stats.audit({ title = "000 Tabel 2.2 (" .. g .. ")", kind = "row_pct",
    columns = { "met (vrijwel) geen", "met een deel", "met (vrijwel) alle" }, rows = rows, nmax = 21 })
end

local school = { po = (100 - 52 - 17) / 100, vo = (100 - 64 - 10) / 100 }
local zinnen = {
  po = format.quantity(17 / 54, { about = true }),     -- 54 po: 28 hybride, 9 expertise, 17 school
  vo = format.quantity(13 / 50, { about = true }),
  po_rest = format.quantity(school.po, { about = true }),
}

if not opts.quiet then
  print("Tabel 2.1: smallest bases po " .. n_2_1.po[1] .. ", vo " .. n_2_1.vo[1] .. " (together " .. (n_2_1.po[1] + n_2_1.vo[1]) .. ")")
  U.show(audits.po); U.show(audits.vo)
  print("Figuur 1.1 schoolmodel: po " .. zinnen.po .. ", vo " .. zinnen.vo)
end
return { n_2_1 = n_2_1, tabel_2_2 = audits, zinnen = zinnen }
