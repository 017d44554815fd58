-- scripts/s002_tabel_2_3.lua: 002 Tabel 2-3, involvement in future/new initiatives of intensive
-- collaboration by vso cluster, the vso total and pro (seeds/002 r. 1017-1037), rebuilt from one
-- row per school. The counts are exact: each printed percentage is count / n of its column, and
-- the vso column pools the two clusters (68 + 40 = 108).
--
--   passend scripts/s002_tabel_2_3.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local LABELS = {
  [1] = "Daar denken we over na en dat zullen we hoogstwaarschijnlijk ook uitvoeren",
  [2] = "Daar denken we over na maar het is niet zeker of we dat zullen uitvoeren",
  [3] = "Daar hebben we over nagedacht maar daar gaan we (voorlopig) niet mee verder",
  [4] = "We hebben daar nog niet over nagedacht",
  [8] = "Weet niet",
}
-- counts per answer (1, 2, 3, 4, weet niet) reconstructed from the percentages and n
local COUNTS = {
  vso3 = { 14, 17, 20, 14, 3 },   -- n = 68
  vso4 = { 10, 15, 6, 7, 2 },     -- n = 40
  pro = { 11, 14, 25, 17, 3 },    -- n = 70
}
local CODES = { 1, 2, 3, 4, 8 }

local cells = {}
for _, groep in ipairs({ "vso3", "vso4", "pro" }) do
  for k, count in ipairs(COUNTS[groep]) do cells[#cells + 1] = { count, { groep = groep, toekomst = CODES[k] } } end
end
local data = U.expand(cells, { "groep", "toekomst" })

local tabel = percentages(data, "toekomst", {
  by = "groep", levels = { groep = { "vso3", "vso4", "pro" } },
  pooled = { { "vso", { "vso3", "vso4" } } },
  order = CODES, labels = LABELS, category_label = "betrokkenheid",
  base_label = "alle vso-locaties en pro-scholen die de vraag beantwoordden ('weet niet' telt mee)",
  title = "Tabel 2-3 Betrokkenheid bij toekomstige/nieuwe initiatieven van intensieve samenwerking",
})

-- The source's rule: 002 publishes the percentages of all 178 schools without protecting small
-- answer groups (weet niet: 3, 2 and 3). Printed as published, and said so.
tabel = rules.protect(tabel, { protect = false, note = "002 Tabel 2-3 publiceert de percentages van alle "
  .. "groepen, ook van kleine aantallen; deze reproductie toont ze zoals de bron." })

if not opts.quiet then U.show(tabel) end
return { tabel = tabel, data = data }
