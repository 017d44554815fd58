-- scripts/s002_tabel_2_9_2_10.lua: 002 Tabel 2-9 (vso collaboration with vo on arrangements and
-- special classes, by cluster; seeds/002 r. 1502-1532) and Tabel 2-10 (participation in
-- provisions of the samenwerkingsverband-vo, by cluster, vso and pro; r. 1664-1678), rebuilt
-- from one row per school with one 0/1 column per activity (several activities per school).
-- The vso column is the pooled total of the clusters (n-weighted), and the '*' marks the
-- activities where the clusters differ at p < 0.05. The report does not name its test: of
-- chi-square with Yates' correction, Fisher's exact test and Pearson's chi-square without
-- correction, only the last reproduces the published flags (2-9: autismeklas p = 0.027,
-- andere klas p = 0.007, the others above 0.05; 2-10: the third row only), so it is used here.
--
--   passend scripts/s002_tabel_2_9_2_10.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local A29 = {
  { "maatwerk", "Maatwerkarrangementen voor individuele vo-leerlingen" },
  { "doelgroep", "Arrangementen voor specifieke doelgroepen vo-leerlingen" },
  { "autismeklas", "Speciale autismeklas in vo-school/-scholen met ondersteuning door vso (niet als nevenvestiging)" },
  { "andereklas", "Speciale klas voor een andere specifieke doelgroep in vo-scholen met ondersteuning door vso" },
  { "opvang", "Speciale (tijdelijke) opvang-/ondersteuningsvoorziening voor diverse doelgroepen in vo-scholen" },
}
local A210 = {
  { "thuiszitters", "Arrangementen voor herintegratie van thuiszitters" },
  { "opdc", "Opdc/tijdelijke onderwijsvoorziening in samenwerkingsverband-vo" },
  { "tussenvoorziening", "Andere (tussen)voorziening van het samenwerkingsverband-vo" },
}
-- respondents per group and how many carry out each activity (from % x n)
local N29 = { vso3 = 64, vso4 = 40 }
local C29 = { vso3 = { 31, 13, 2, 5, 2 }, vso4 = { 26, 12, 6, 11, 4 } }
local N210 = { vso3 = 63, vso4 = 40, pro = 66 }
local C210 = { vso3 = { 24, 14, 4 }, vso4 = { 21, 13, 11 }, pro = { 29, 27, 12 } }

-- one row per school: vso3 64 schools (one did not answer Tabel 2-10), vso4 40, pro 66
local groep, cols = {}, {}
for _, a in ipairs(A29) do cols[a[1]] = {} end
for _, a in ipairs(A210) do cols[a[1]] = {} end
local n = 0
for _, g in ipairs({ "vso3", "vso4", "pro" }) do
  local units = math.max(N29[g] or 0, N210[g] or 0)
  for i = 1, units do
    n = n + 1
    groep[n] = g
    for k, a in ipairs(A29) do
      if N29[g] then cols[a[1]][n] = i <= C29[g][k] and 1 or 0 end
    end
    for k, a in ipairs(A210) do
      if i <= N210[g] then cols[a[1]][n] = i <= C210[g][k] and 1 or 0 end
    end
  end
end
local data = { { "groep", groep, n = n }, n = n }
for _, a in ipairs(A29) do data[#data + 1] = { a[1], cols[a[1]], n = n } end
for _, a in ipairs(A210) do data[#data + 1] = { a[1], cols[a[1]], n = n } end

local function build(acts, answered, groups, title)
  local vars, labels = {}, {}
  for _, a in ipairs(acts) do vars[#vars + 1] = a[1]; labels[a[1]] = a[2] end
  local vso = function(r) return (r.groep == "vso3" or r.groep == "vso4") and r[answered] ~= nil end
  local t = stats.mr_table(data, { form = "dichotomous", vars = vars, labels = labels }, {
    by = "groep", levels = { groep = groups }, total = false,
    filter = function(r) return r[answered] ~= nil end,
    pooled = { { "vso", { "vso3", "vso4" } } },
  })
  local tests = stats.compare_groups(data, vars, "groep", { test = "chisq", correct = false, alpha = 0.05,
    filter = vso, between = "clusters" })
  -- the display table: the mr_table columns plus the '*' of the cluster test
  local out = {}
  for _, name in ipairs(t.columns) do
    if name ~= "_kind" then out[#out + 1] = { name, t:values(name), n = #t } end
  end
  local flags = {}
  for i = 1, #acts do flags[i] = tests:get(i, "flag") end
  flags[#t] = ""
  out[#out + 1] = { "sig", flags, n = #t, type = "text" }
  local shown = stats.as_table(out, { title = title, decimals = 0, notes = tests:meta().notes, kind = "mr_table" })
  return shown, t, tests
end

local t29, mr29, tests29 = build(A29, "maatwerk", { "vso3", "vso4" },
  "Tabel 2-9 Samenwerking vso met vo bij arrangementen en speciale klassen, naar cluster")
local t210, mr210, tests210 = build(A210, "thuiszitters", { "vso3", "vso4", "pro" },
  "Tabel 2-10 Deelname aan voorzieningen van het samenwerkingsverband-vo")

if not opts.quiet then U.show(t29); U.show(t210) end
return { tabel_2_9 = t29, tabel_2_10 = t210, mr_2_9 = mr29, mr_2_10 = mr210, tests_2_9 = tests29,
  tests_2_10 = tests210, data = data }
