-- scripts/s001_tabel_5_4.lua: 001 Tabel 5.4 "Doelgroep professionaliseringsbeleid" (seeds/001
-- r. 1736-1748): a filtered multiple-response question, asked only of the samenwerkingsverbanden
-- with a professionalisation policy (Tabel 5.3 'Ja'): n = 5 PO and 6 VO (r. 1737-1738); several
-- target groups per samenwerkingsverband, so the columns add up to more than 100.
-- Also Tabel 5.3 (r. 1702-1709), the filter question, as % of valid answers: the rounded
-- percentages fit 50 valid PO answers (of 51) and 49 VO (of 50), each with one missing answer.
--
--   passend scripts/s001_tabel_5_4.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local BELEID = { [1] = "Nee", [2] = "Nee nog niet, maar wil dat wel", [3] = "Ja" }
local GROEPEN = {
  { "leraren", "Leerkrachten en docenten" },
  { "ib", "Intern begeleiders en zorgcoördinatoren" },
  { "directies", "Directies" },
  { "besturen", "Schoolbesturen" },
}
-- per sector: counts of Nee / Nee-wil / Ja / no answer, and per target group how many of the 'Ja'
local S = {
  PO = { beleid = { 22, 23, 5, 1 }, doelgroep = { leraren = 2, ib = 4, directies = 4, besturen = 0 } },
  VO = { beleid = { 17, 26, 6, 1 }, doelgroep = { leraren = 5, ib = 6, directies = 0, besturen = 0 } },
}

local sector, beleid, dg = {}, {}, {}
for _, g in ipairs(GROEPEN) do dg[g[1]] = {} end
local n = 0
for _, sec in ipairs({ "PO", "VO" }) do
  local s = S[sec]
  for code = 1, 4 do
    for j = 1, s.beleid[code] do
      n = n + 1
      sector[n] = sec
      beleid[n] = code <= 3 and code or nil
      if code == 3 then
        for _, g in ipairs(GROEPEN) do dg[g[1]][n] = j <= s.doelgroep[g[1]] and 1 or 0 end
      end
    end
  end
end
local data = { { "sector", sector, n = n }, { "beleid", beleid, n = n }, n = n }
local vars, labels = {}, {}
for _, g in ipairs(GROEPEN) do
  data[#data + 1] = { g[1], dg[g[1]], n = n }
  vars[#vars + 1] = g[1]; labels[g[1]] = g[2]
end

local tabel_5_3 = percentages(data, "beleid", {
  by = "sector", levels = { sector = { "PO", "VO" } }, order = { 1, 2, 3 }, labels = BELEID,
  base = "valid", category_label = "professionaliseringsbeleid",
  title = "Tabel 5.3 Aanwezigheid professionaliseringsbeleid (% van de geldige antwoorden)",
})
local tabel_5_4 = stats.mr_table(data, { form = "dichotomous", vars = vars, labels = labels }, {
  by = "sector", levels = { sector = { "PO", "VO" } }, total = false,
  filter = { beleid = 3 }, option_label = "doelgroep",
  base_label = "samenwerkingsverbanden met professionaliseringsbeleid",
  title = "Tabel 5.4 Doelgroep professionaliseringsbeleid (meerdere antwoorden mogelijk)",
})

-- The source's rule: 001 publishes its percentages of the 51 PO and 50 VO samenwerkingsverbanden
-- without protecting small groups (Tabel 5.4 rests on 5 and 6). Printed as published, and said
-- so (mr_table() has no disclosure control yet: Tabel 5.4 prints as it is).
tabel_5_3 = rules.protect(tabel_5_3, { protect = false, note = "001 Tabel 5.3 publiceert de percentages van alle "
  .. "samenwerkingsverbanden, ook van kleine groepen; deze reproductie toont ze zoals de bron." })

if not opts.quiet then U.show(tabel_5_3); U.show(tabel_5_4) end
return { tabel_5_3 = tabel_5_3, tabel_5_4 = tabel_5_4, data = data }
