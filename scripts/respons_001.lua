-- scripts/respons_001.lua: response of the samenwerkingsverbanden per province in the Sardes
-- survey (seeds/001): Tabel 1.1 (total) and Bijlage Tabel A (PO, VO), and the sentence "PO 51
-- respondenten (68%)", recomputed from a register (examples/data/swv_register_001.csv; the
-- report prints no population counts, so the register is the smallest allocation that
-- reproduces every printed percentage, see tools/gen_registers.lua).
--
--   passend scripts/respons_001.lua [register.csv]
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
local opts = C.opts(...)
local d = read(opts.file or (type((...)) == "string" and (...)) or C.path("examples/data/swv_register_001.csv"))

local sector, prov, resp = d:values("sector"), d:values("provincie"), d:values("respons")
local cell, order, seen = {}, {}, {}
local tot = { po = { n = 0, r = 0 }, vo = { n = 0, r = 0 } }
for i = 1, #d do
  local p = prov[i]
  if not seen[p] then seen[p] = true; order[#order + 1] = p end
  cell[p] = cell[p] or { po = { n = 0, r = 0 }, vo = { n = 0, r = 0 } }
  local e = cell[p][sector[i]]
  e.n, e.r = e.n + 1, e.r + resp[i]
  tot[sector[i]].n, tot[sector[i]].r = tot[sector[i]].n + 1, tot[sector[i]].r + resp[i]
end
table.sort(order)
local pv, t, po, vo = {}, {}, {}, {}
for _, p in ipairs(order) do
  local c = cell[p]
  pv[#pv + 1] = p
  t[#t + 1] = C.round(100 * (c.po.r + c.vo.r) / (c.po.n + c.vo.n))
  po[#po + 1] = c.po.n > 0 and C.round(100 * c.po.r / c.po.n) or nil
  vo[#vo + 1] = c.vo.n > 0 and C.round(100 * c.vo.r / c.vo.n) or nil
end
local tabel = dataset{
  { "provincie", pv }, { "respons_pct_totaal", t }, { "respons_pct_po", po }, { "respons_pct_vo", vo },
  meta = { title = "Tabel 1.1 Responspercentage per provincie (totaal, PO en VO)",
           source = "Bron: passend, herberekening van seeds/001 Tabel 1.1 en Bijlage Tabel A uit een gereconstrueerd register",
           notes = { string.format("PO: %d respondenten (%d%%); VO: %d respondenten.", tot.po.r,
                       C.round(100 * tot.po.r / tot.po.n), tot.vo.r) } },
}
if not opts.quiet then C.show(tabel) end
return { tabel = tabel, po = tot.po, vo = tot.vo, po_pct = C.round(100 * tot.po.r / tot.po.n) }
