-- scripts/inspectie_verwijzingen.lua: the inspectorate's chart "Percentage leerlingen per
-- samenwerkingsverband dat wordt verwezen naar het (v)so vanuit het bo (links) en het vo (rechts)"
-- (seeds/003, l. 57) and the means it quotes (l. 63: bo 0,3 %, vo 0,4 %). The per-swv values are
-- not published: examples/data/inspectie_verwijzing.csv is SYNTHETIC around those means.
--
--   passend scripts/inspectie_verwijzingen.lua [verwijzing.csv] [outdir]   (outdir: write the SVGs)
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
local opts = C.opts(...)
local a1, a2 = ...
local d = read(opts.file or (type(a1) == "string" and a1 ~= "" and a1) or C.path("examples/data/inspectie_verwijzing.csv"))
local outdir = opts.out or (type(a2) == "string" and a2) or nil

local sec, pct = d:values("sector"), d:values("pct_verwezen")
local per = { bo = {}, vo = {} }
for i = 1, #d do table.insert(per[sec[i]], pct[i]) end
local names, ns, means, mins, maxs = {}, {}, {}, {}, {}
for _, s in ipairs({ "bo", "vo" }) do
  local v, sum = per[s], 0
  local lo, hi = math.huge, -math.huge
  for _, x in ipairs(v) do sum = sum + x; lo = math.min(lo, x); hi = math.max(hi, x) end
  names[#names + 1], ns[#ns + 1] = s, #v
  means[#means + 1], mins[#mins + 1], maxs[#maxs + 1] = sum / #v, lo, hi
end
local samenvatting = dataset{
  { "sector", names }, { "samenwerkingsverbanden", ns }, { "gemiddeld_pct", means },
  { "laagste_pct", mins }, { "hoogste_pct", maxs },
  meta = { title = "Percentage leerlingen verwezen naar het (v)so per samenwerkingsverband",
           source = "Bron: passend, synthetische voorbeelddata rond de gemiddelden van de Inspectie (Sectorlijnen 2026)",
           notes = { "Gemiddelde over samenwerkingsverbanden; de waarden per samenwerkingsverband zijn niet gepubliceerd." },
           decimals = { gemiddeld_pct = 2, laagste_pct = 2, hoogste_pct = 2 } },
}
local charts = {}
for _, s in ipairs({ "bo", "vo" }) do
  local rows = d:filter(function(r) return r.sector == s end)
  rows:meta().title = string.format("Verwijzing naar het (v)so vanuit het %s, per samenwerkingsverband (%%)", s)
  charts[s] = rows
  if outdir and format.chart and format.chart.spread then
    local path = outdir .. "/verwijzing_" .. s .. ".svg"
    rows:write(path, { chart = "spread", value = "pct_verwezen", percent = true, decimals = 2 })
  end
end
if not opts.quiet then C.show(samenvatting) end
return { samenvatting = samenvatting, per = per, charts = charts }
