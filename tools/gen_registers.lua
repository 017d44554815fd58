-- tools/gen_registers.lua: unit-level files reconstructed from published counts, so the scripts
-- can recompute the published tables from rows the way an analyst would from a register.
--
--   lua5.4 tools/gen_registers.lua      (from the repository root; output committed)
--
-- examples/data/inspectie_swv_oordelen.csv   one row per samenwerkingsverband (66 po, 66 vo)
--   per standard, from seeds/003 Tabel 1 (the margins are published, the swv-level cross-tab is
--   not: this is ONE allocation that reproduces every margin, with each swv whose eindoordeel is
--   onvoldoende having at least one onvoldoende standard, and every onvoldoende standard inside
--   such a swv, as the sentence "bij 16 van de 40 onvoldoende samenwerkingsverbanden" implies).
-- examples/data/inspectie_verwijzing.csv     SYNTHETIC percentage of pupils referred to (v)so per
--   swv, around the published means (bo 0.3 %, vo 0.4 %; 003 l. 63); the per-swv values of the
--   figure are not published.
-- examples/data/swv_register_000.csv          151 samenwerkingsverbanden with sector, province and
--   whether they responded, reproducing seeds/000 Tabel 1.1 and 1.2 (counts chosen as in
--   tabellen_000_003.md; the sector x province split is not published).

local function write_csv(path, header, rows)
  local f = assert(io.open(path, "wb"))
  f:write(table.concat(header, ","), "\n")
  for _, r in ipairs(rows) do
    local out = {}
    for i, h in ipairs(header) do
      local v = r[h]
      if type(v) == "string" and v:find('[,"\n]') then v = '"' .. v:gsub('"', '""') .. '"' end
      out[i] = v == nil and "" or tostring(v)
    end
    f:write(table.concat(out, ","), "\n")
  end
  f:close()
  print("wrote " .. path .. " (" .. #rows .. " rows)")
end

-- seeds/003 Tabel 1 (counts onvoldoende, voldoende, goed; 66 swv per sector).
local STANDARDS = {
  { "Dekkend netwerk van voorzieningen", po = { 5, 51, 10 }, vo = { 11, 50, 5 } },
  { "Regionale samenwerking", po = { 0, 47, 19 }, vo = { 0, 51, 15 } },
  { "Advisering en beoordeling toelaatbaarheid", po = { 0, 55, 11 }, vo = { 1, 59, 6 } },
  { "Visie, ambitie en doelen", po = { 4, 56, 6 }, vo = { 10, 50, 6 } },
  { "Uitvoering en kwaliteitscultuur", po = { 11, 44, 11 }, vo = { 14, 46, 6 } },
  { "Evaluatie, verantwoording en dialoog", po = { 9, 55, 2 }, vo = { 16, 50, 0 } },
}
local EIND = { po = { 17, 45, 4 }, vo = { 23, 42, 1 } }

local rows = {}
for _, sector in ipairs({ "po", "vo" }) do
  local e = EIND[sector]
  local N = e[1] + e[2] + e[3]
  -- swv 1..e1 onvoldoende, then voldoende, then goed (eindoordeel)
  local eind = {}
  for i = 1, N do eind[i] = i <= e[1] and "onvoldoende" or (i <= e[1] + e[2] and "voldoende" or "goed") end
  local per = {}
  for i = 1, N do per[i] = {} end
  -- onvoldoende standards round robin over the eind-onvoldoende swvs; goed standards round robin
  -- over the others, the eind-goed swvs first
  local p_onv, p_goed = 0, 0
  local pool_goed = {}
  for i = N, e[1] + 1, -1 do pool_goed[#pool_goed + 1] = i end
  for s, st in ipairs(STANDARDS) do
    local c = st[sector]
    assert(c[1] + c[2] + c[3] == N)
    for i = 1, N do per[i][s] = "voldoende" end
    for _ = 1, c[1] do per[p_onv % e[1] + 1][s] = "onvoldoende"; p_onv = p_onv + 1 end
    for _ = 1, c[3] do per[pool_goed[p_goed % #pool_goed + 1]][s] = "goed"; p_goed = p_goed + 1 end
  end
  for i = 1, N do
    local any = false
    for s = 1, #STANDARDS do if per[i][s] == "onvoldoende" then any = true end end
    assert(any == (eind[i] == "onvoldoende"), "allocation breaks the beslisregel")
    local id = string.format("%s%02d", sector, i)
    for s, st in ipairs(STANDARDS) do
      rows[#rows + 1] = { swv = id, sector = sector, standaard = st[1], oordeel = per[i][s] }
    end
    rows[#rows + 1] = { swv = id, sector = sector, standaard = "Eindoordeel", oordeel = eind[i] }
  end
end
write_csv("examples/data/inspectie_swv_oordelen.csv", { "swv", "sector", "standaard", "oordeel" }, rows)

-- splitmix64: a small deterministic generator (no dependence on math.random's state).
local function rng(seed)
  local s = seed
  return function()
    s = s + 0x9E3779B97F4A7C15
    local z = s
    z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ~ (z >> 27)) * 0x94D049BB133111EB
    z = z ~ (z >> 31)
    return ((z >> 11) & 0x1FFFFFFFFFFFFF) / 9007199254740992.0
  end
end

-- Referral percentages: lognormal spread, rescaled so the mean is the published mean.
local ref = {}
local u = rng(2024)
for _, x in ipairs({ { "bo", 76, 0.3 }, { "vo", 75, 0.4 } }) do
  local sector, n, mean = x[1], x[2], x[3]
  local v, sum = {}, 0
  for i = 1, n do
    local z = math.sqrt(-2 * math.log(1 - u())) * math.cos(2 * math.pi * u())
    v[i] = math.exp(0.55 * z)
    sum = sum + v[i]
  end
  -- round to 3 decimals, then put the rounding remainder on the largest value so the mean is exact
  local total, big = 0, 1
  for i = 1, n do
    v[i] = math.floor(v[i] / sum * n * mean * 1000 + 0.5)
    total = total + v[i]
    if v[i] > v[big] then big = i end
  end
  v[big] = v[big] + (math.floor(n * mean * 1000 + 0.5) - total)
  for i = 1, n do
    ref[#ref + 1] = { swv = string.format("%s%02d", sector == "bo" and "po" or "vo", i), sector = sector,
      pct_verwezen = string.format("%.3f", v[i] / 1000) }
  end
end
write_csv("examples/data/inspectie_verwijzing.csv", { "swv", "sector", "pct_verwezen" }, ref)

-- seeds/000: population and respondents per province (one allocation that reproduces Tabel 1.2)
-- and per sector (Tabel 1.1: po 54 of 76, vo 50 of 75).
local PROV = {
  { "Zuid-Holland", 35, 26 }, { "Groningen", 3, 1 }, { "Friesland", 4, 3 }, { "Drenthe", 6, 4 },
  { "Overijssel", 10, 7 }, { "Flevoland", 6, 4 }, { "Gelderland", 20, 13 }, { "Utrecht", 10, 8 },
  { "Noord-Holland", 21, 18 }, { "Zeeland", 4, 2 }, { "Noord-Brabant", 20, 14 }, { "Limburg", 12, 4 },
}
local reg = {}
local counts = { po = { n = 0, r = 0 }, vo = { n = 0, r = 0 } }
local target = { po = { n = 76, r = 54 }, vo = { n = 75, r = 50 } }
-- alternate sectors within each province; respondents first; then fix the sector totals
local k = 0
for _, p in ipairs(PROV) do
  for j = 1, p[2] do
    k = k + 1
    reg[#reg + 1] = { provincie = p[1], respons = j <= p[3] and 1 or 0 }
  end
end
-- assign sectors: respondents alternate po/vo until a sector's respondent quota is met, same for
-- non-respondents; deterministic
local quota = { [1] = { po = 54, vo = 50 }, [0] = { po = 22, vo = 25 } }
local turn = { [1] = "po", [0] = "po" }
for i, r in ipairs(reg) do
  local q = quota[r.respons]
  local s = turn[r.respons]
  if q[s] == 0 then s = s == "po" and "vo" or "po" end
  q[s] = q[s] - 1
  turn[r.respons] = s == "po" and "vo" or "po"
  r.sector = s
  counts[s].n = counts[s].n + 1
  counts[s].r = counts[s].r + r.respons
  r.swv = string.format("swv%03d", i)
end
for _, s in ipairs({ "po", "vo" }) do
  assert(counts[s].n == target[s].n and counts[s].r == target[s].r, "sector totals")
end
write_csv("examples/data/swv_register_000.csv", { "swv", "sector", "provincie", "respons" }, reg)

-- seeds/001 Tabel 1.1 and Bijlage Tabel A: response % per province, total and by sector; PO 51
-- respondents (68 %), VO 50. No population counts are printed: choose, per province, counts
-- (n_po, r_po, n_vo, r_vo) of at most 20 that round to the three printed percentages, such that
-- PO sums to 51 of 75 (51/75 = 68 %) and VO to 50 respondents, with the smallest VO population.
local P1 = {
  { "Drenthe", 50, 100, 33 }, { "Flevoland", 50, 67, 33 }, { "Friesland", 50, 0, 67 },
  { "Gelderland", 81, 90, 73 }, { "Groningen", 67, 100, 50 }, { "Limburg", 58, 67, 50 },
  { "Noord Brabant", 68, 60, 78 }, { "Noord Holland", 71, 64, 80 }, { "Overijssel", 36, 50, 20 },
  { "Utrecht", 80, 80, 80 }, { "Zeeland", 50, 33, 67 }, { "Zuid Holland", 81, 72, 92 },
}
local function r0(x) return math.floor(x + 0.5) end
local cands = {}
for i, p in ipairs(P1) do
  cands[i] = {}
  for npo = 1, 20 do for rpo = 0, npo do if r0(100 * rpo / npo) == p[3] then
    for nvo = 1, 20 do for rvo = 0, nvo do
      if r0(100 * rvo / nvo) == p[4] and r0(100 * (rpo + rvo) / (npo + nvo)) == p[2] then
        cands[i][#cands[i] + 1] = { npo, rpo, nvo, rvo }
      end
    end end
  end end end
end
local states, keys = { ["0,0,0"] = { cost = 0, pick = {} } }, nil
for i = 1, #P1 do
  local ns = {}
  keys = {}
  for k in pairs(states) do keys[#keys + 1] = k end
  table.sort(keys)  -- deterministic tie-breaking
  for _, k in ipairs(keys) do
    local st = states[k]
    local a, b, c = k:match("(%d+),(%d+),(%d+)")
    a, b, c = tonumber(a), tonumber(b), tonumber(c)
    for _, cd in ipairs(cands[i]) do
      local A, B, Cc = a + cd[1], b + cd[2], c + cd[4]
      if A <= 75 and B <= 51 and Cc <= 50 then
        local key, cost = A .. "," .. B .. "," .. Cc, st.cost + cd[3]
        if not ns[key] or ns[key].cost > cost then
          local pick = { table.unpack(st.pick) }
          pick[i] = cd
          ns[key] = { cost = cost, pick = pick }
        end
      end
    end
  end
  states = ns
end
local sol = assert(states["75,51,50"], "no allocation for 001 Tabel 1.1")
local reg1 = {}
for i, p in ipairs(P1) do
  local cd = sol.pick[i]
  for _, part in ipairs({ { "po", cd[1], cd[2] }, { "vo", cd[3], cd[4] } }) do
    for j = 1, part[2] do
      reg1[#reg1 + 1] = { swv = string.format("swv%03d", #reg1 + 1), sector = part[1],
                          provincie = p[1], respons = j <= part[3] and 1 or 0 }
    end
  end
end
write_csv("examples/data/swv_register_001.csv", { "swv", "sector", "provincie", "respons" }, reg1)
