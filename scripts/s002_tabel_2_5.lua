-- scripts/s002_tabel_2_5.lua: 002 Tabel 2-5, the vo school types that samenwerkingsverbanden-vo
-- with intensive vso-vo collaboration work with, per vso cluster (seeds/002 r. 1237-1251):
-- a multiple-response question (several school types per cluster), n = 21, % of cases.
-- Rebuilt from one row per samenwerkingsverband with one 0/1 column per cluster x school type.
--
--   passend scripts/s002_tabel_2_5.lua
local here = debug.getinfo(1, "S").source:match("^@(.-)[^/]*$") or "./"
local U = dofile(here .. "lib/units.lua")
local opts = U.opts(...)

local N = 21
local TYPES = { "pro", "vmbo", "havo", "vwo" }
local LABELS = { pro = "Pro", vmbo = "Vmbo", havo = "Havo", vwo = "Vwo" }
-- how many of the 21 name each school type, per cluster (from % x 21)
local COUNTS = { vso3 = { pro = 6, vmbo = 10, havo = 5, vwo = 5 }, vso4 = { pro = 8, vmbo = 15, havo = 8, vwo = 8 } }

local data = { n = N }
for _, cl in ipairs({ "vso3", "vso4" }) do
  for _, t in ipairs(TYPES) do data[#data + 1] = { cl .. "_" .. t, U.flags(N, COUNTS[cl][t]), n = N } end
end

local parts = {}
for _, cl in ipairs({ "vso3", "vso4" }) do
  local vars, labels = {}, {}
  for _, t in ipairs(TYPES) do vars[#vars + 1] = cl .. "_" .. t; labels[cl .. "_" .. t] = LABELS[t] end
  parts[cl] = stats.mr_table(data, { form = "dichotomous", vars = vars, labels = labels }, { total_label = cl })
end

-- one table: rows = school types, columns = the two clusters (% of the 21 cases)
local rows, v3, v4 = {}, {}, {}
for i, t in ipairs(TYPES) do
  rows[i] = LABELS[t]
  v3[i] = parts.vso3:get(i, "vso3")
  v4[i] = parts.vso4:get(i, "vso4")
end
rows[#rows + 1] = "Totaal abs. (n=100%)"
v3[#v3 + 1], v4[#v4 + 1] = parts.vso3:meta().n.vso3.cases, parts.vso4:meta().n.vso4.cases
local tabel = stats.as_table({ { "vo-schooltype", rows }, { "vso cluster 3", v3 }, { "vso cluster 4", v4 } }, {
  title = "Tabel 2-5 Samenwerkingsverbanden-vo met intensieve samenwerking: vo-schooltypen per vso-cluster",
  notes = parts.vso3:meta().notes, decimals = 0, kind = "mr_table",
})

if not opts.quiet then U.show(tabel) end
return { tabel = tabel, data = data, parts = parts }
