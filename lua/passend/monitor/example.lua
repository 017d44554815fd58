-- passend/monitor/example.lua: deterministic EXAMPLE respondent data for the monitor, two
-- metingen (spring 2022, autumn 2023), following 004 Bijlage A:
--   * a frame of 76 po and 75 vo samenwerkingsverbanden (000 Tabel 1.1) with regio and grootte;
--     a panel of 17 po and 20 vo drawn with unequal probabilities (large and southern ones a
--     little more often, as the report says happened), inclusion probabilities kept;
--   * schools within the panel (a third of po, half of vo schools: design factor 3 and 2);
--   * actors per school and per sector with the respondent counts of Tabel A.1 (meting 2023;
--     2022 a deterministic 85-105 % of them);
--   * items <scale>_<k> (monitor.defs), answers 1..points, 8 = 'weet niet', 9 = 'n.v.t.'
--     (user-missing), reversed items stored reversed; answers generated so that the weighted
--     mean scale score of every published cell lands on the published value (meting 2023) or
--     close to it (2022), calibrated per cell by bisection on the latent mean.
-- Nothing here is survey data: it is made to look like the published tables.
local core = require "passend.core"
local doc = require "passend.doc"
local lazy = require "passend.lazy"
local weighting = require "passend.weighting"

local defs = lazy.table(function() return require "passend.monitor.defs" end)

local E = {}

-- splitmix64 streams: deterministic, independent of math.random.
local function rng(seed)
  local s = seed
  local function u()
    s = s + 0x9E3779B97F4A7C15
    local z = s
    z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ~ (z >> 27)) * 0x94D049BB133111EB
    z = z ~ (z >> 31)
    return ((z >> 11) & 0x1FFFFFFFFFFFFF) / 9007199254740992.0
  end
  local function normal()
    return math.sqrt(-2 * math.log(1 - u())) * math.cos(2 * math.pi * u())
  end
  return u, normal
end

local function hash(str)  -- FNV-1a, 64 bit
  local h = 0xcbf29ce484222325
  for i = 1, #str do h = ((h ~ str:byte(i)) * 0x100000001b3) end
  return h
end

local REGIO = { "noord", "oost", "zuid", "west" }
local REGIO_P = { 0.16, 0.27, 0.25, 0.32 }
local GROOTTE = { "klein", "middel", "groot" }
-- relative selection weight into the panel (overrepresentation of large and southern swvs)
local SEL = { klein = 0.8, middel = 1.0, groot = 1.35, zuid = 1.25 }

-- Tabel A.1 (meting 2023).
local A1 = {
  sector = {
    swv = { po = 49, vo = 41 }, ondersteuner = { po = 44, vo = 38 }, schoolbestuur = { po = 66, vo = 20 },
  },
  gemeente = { beleidsambtenaar = 76, leerplichtambtenaar = 147 },
  school = {  -- onderwijstype -> actor -> n (ib'er/oco and leraar/mentor/groepsmentor by onderwijstype)
    bao = { schoolleider = 87, ib = 66, leraar = 115, ouder = 109, leerling = 20 },
    sbo = { schoolleider = 19, ib = 12, groepsmentor = 24, ouder = 66, leerling = 8 },
    vo = { schoolleider = 57, oco = 50, mentor = 80, ouder = 88, leerling = 29 },
    vso = { schoolleider = 46, ib = 35, groepsmentor = 71, ouder = 266, leerling = 51 },
  },
}
E.A1 = A1

local function pick(u, list, probs)
  local x, c = u(), 0
  for i, p in ipairs(probs) do c = c + p; if x < c then return list[i] end end
  return list[#list]
end

-- The frame of samenwerkingsverbanden and the panel with inclusion probabilities.
local function frame()
  local u = rng(1001)
  local swvs = {}
  for _, sp in ipairs({ { "po", 76, 17 }, { "vo", 75, 20 } }) do
    local sector, N, n = sp[1], sp[2], sp[3]
    local list, tot = {}, 0
    for i = 1, N do
      local s = { id = string.format("%s%02d", sector, i), sector = sector,
                  regio = pick(u, REGIO, REGIO_P), grootte = pick(u, GROOTTE, { 0.35, 0.4, 0.25 }) }
      s.a = SEL[s.grootte] * (s.regio == "zuid" and SEL.zuid or 1)
      tot = tot + s.a
      list[#list + 1] = s
    end
    -- pi_i = n a_i / sum a (all < 1 here); systematic selection on the cumulated pi in frame order
    local start, cum = u(), 0
    for _, s in ipairs(list) do
      s.pi = n * s.a / tot
      assert(s.pi < 1)
      local before = cum
      cum = cum + s.pi
      s.panel = math.floor(cum - start) > math.floor(before - start) or (before < start and cum >= start)
      swvs[#swvs + 1] = s
    end
    local k = 0
    for _, s in ipairs(list) do if s.panel then k = k + 1 end end
    assert(k == n, "panel size " .. k .. " ~= " .. n)
  end
  return swvs
end

E.frame = frame  -- the population of samenwerkingsverbanden (tools/gen_frames.lua writes it out)

-- Published targets: (onderwijstype, actor, sub) -> value for meting 2023.
local function targets()
  local t = {}
  local function set(ot, actor, sub, v)
    t[ot] = t[ot] or {}
    t[ot][actor] = t[ot][actor] or {}
    t[ot][actor][sub] = v
  end
  for _, p in ipairs(monitor.published) do set(p.onderwijstype, p.actor, p.sub, p.value) end
  -- sbo ib'ers and leerlingen answered but were not shown (Tabel A.1 *): they answer what their
  -- bao colleagues answer, around the bao values
  for _, ns in ipairs(defs.not_shown) do
    for sub, v in pairs((t.bao or {})[ns.actor] or {}) do set(ns.onderwijstype, ns.actor, sub, v) end
  end
  return t
end

local function round1(x) return math.floor(x * 10 + 0.5) / 10 end

-- Builds the respondents (structure only) of one meting.
local function respondents(meting, swvs, factor)
  local u = rng(hash("resp" .. meting))
  local panel = { po = {}, vo = {} }
  local all = {}
  for _, s in ipairs(swvs) do
    all[#all + 1] = s
    if s.panel then table.insert(panel[s.sector], s) end
  end
  local rows = {}
  local function n_of(n) return math.max(1, math.floor(n * factor + 0.5)) end
  local function add(r) rows[#rows + 1] = r end
  -- sector level
  for _, actor in ipairs({ "swv", "ondersteuner", "schoolbestuur" }) do
    for _, sector in ipairs({ "po", "vo" }) do
      local n = n_of(A1.sector[actor][sector])
      local ot = sector == "po" and "bao" or "vo"
      local N = sector == "po" and 76 or 75
      if actor == "swv" then
        -- all swvs were asked; the panel responds, plus others in frame order from a random offset
        local resp, others = {}, {}
        for _, s in ipairs(all) do
          if s.sector == sector then
            if s.panel then resp[#resp + 1] = s else others[#others + 1] = s end
          end
        end
        local off = math.floor(u() * #others)
        for i = 1, n - #resp do resp[#resp + 1] = others[(off + i - 1) % #others + 1] end
        table.sort(resp, function(a, b) return a.id < b.id end)
        for _, s in ipairs(resp) do
          add({ swv = s, school = "", onderwijstype = ot, sector = sector, actor = actor, w = N / n })
        end
      else
        local P = panel[sector]
        for i = 1, n do
          local s = P[(i - 1) % #P + 1]
          add({ swv = s, school = "", onderwijstype = ot, sector = sector, actor = actor, w = 1 / s.pi })
        end
      end
    end
  end
  -- gemeente level: beleidsambtenaren through the panel, leerplichtambtenaren nationally
  for i = 1, n_of(A1.gemeente.beleidsambtenaar) do
    local P = i % 2 == 1 and panel.po or panel.vo
    local s = P[math.floor(u() * #P) + 1]
    add({ swv = s, school = "", onderwijstype = "gemeente", sector = "", actor = "beleidsambtenaar", w = 1 / s.pi })
  end
  for _ = 1, n_of(A1.gemeente.leerplichtambtenaar) do
    local s = all[math.floor(u() * #all) + 1]
    add({ swv = s, school = "", onderwijstype = "gemeente", sector = "", actor = "leerplichtambtenaar",
          w = (#all / 151) })
  end
  -- school level: one school per responding schoolleider; the other actors spread over them
  for _, ot in ipairs({ "bao", "sbo", "vo", "vso" }) do
    local counts = A1.school[ot]
    local nschool = n_of(counts.schoolleider)
    local schools = {}
    for i = 1, nschool do
      local sector = (ot == "bao" or ot == "sbo") and "po" or (ot == "vo" and "vo" or (i % 2 == 1 and "po" or "vo"))
      local P = panel[sector]
      local s = P[math.floor(u() * #P) + 1]
      schools[i] = { id = string.format("%s-%s-%03d", s.id, ot, i), swv = s, sector = sector,
                     f = sector == "po" and 3 or 2 }
    end
    local order = { "schoolleider", "ib", "oco", "leraar", "mentor", "groepsmentor", "ouder", "leerling" }
    for _, actor in ipairs(order) do
      if counts[actor] then
        local n = n_of(counts[actor])
        for i = 1, n do
          local sc
          if actor == "schoolleider" then sc = schools[i]
          elseif n <= nschool then sc = schools[math.floor((i - 1) * nschool / n) + 1]
          else sc = schools[(i - 1) % nschool + 1] end
          add({ swv = sc.swv, school = sc.id, onderwijstype = ot, sector = sc.sector, actor = actor,
                w = sc.f / sc.swv.pi })
        end
      end
    end
  end
  for _, r in ipairs(rows) do r.meting = meting end
  return rows
end

-- Answers for one cell: respondents rs (with weights), scale S, target t. Fills r.items[name].
-- Answers for one cell: respondents rs (with weights), scale S, target mean t. Fills
-- r.items[name]. design = {npsu = {stratum -> clusters in the meting}, q = t quantile} lets the
-- cell also aim at the width of its 95% interval: want = "star" aims at range 0.7 (the report's
-- `*`: 0.5 <= range < 1.0), "plain" at a range below 0.45; the spread of the answers is scaled
-- (the mean keeps priority: it must round to the target).
local function fill_cell(rs, S, t, seed, design, want)
  local P = S.points
  local u, normal = rng(seed)
  local sd_c0, sd_p0, sd_e0 = P == 5 and 0.15 or 0.08, P == 5 and 0.75 or 0.4, P == 5 and 0.6 or 0.35
  local kscale = 1
  local nitem = #S.items
  local draws = {}
  local cl = {}
  for i, r in ipairs(rs) do
    local c = cl[r.swv.id]
    if not c then c = normal(); cl[r.swv.id] = c end
    local d = { zc = c, zp = normal(), e = {}, miss = {} }
    for j = 1, nitem do
      d.e[j] = normal()
      local m = u()
      d.miss[j] = m < 0.05 and 8 or (m < 0.08 and 9 or nil)
    end
    draws[i] = d
  end
  local scores = {}
  local function gen(mu, store)
    -- wider spread mostly between clusters: that widens the interval most per unit of spread
    local sd_c, sd_p, sd_e = sd_c0 * kscale * kscale, sd_p0 * kscale, sd_e0 * kscale
    local sw, swx = 0, 0
    for i, r in ipairs(rs) do
      local d = draws[i]
      local theta = mu + sd_c * d.zc + sd_p * d.zp
      local sum, k = 0, 0
      for j = 1, nitem do
        local x = math.floor(theta + sd_e * d.e[j] + 0.5)
        if x < 1 then x = 1 elseif x > P then x = P end
        if not d.miss[j] then sum = sum + x; k = k + 1 end
        if store then
          local name = S.items[j]
          if d.miss[j] then r.items[name] = d.miss[j]
          elseif S.reversed then r.items[name] = P + 1 - x
          else r.items[name] = x end
        end
      end
      scores[i] = k > 0 and sum / k or nil
      if k > 0 then sw = sw + r.w; swx = swx + r.w * sum / k end
    end
    return sw > 0 and swx / sw or nil
  end
  local function calibrate()
    local lo, hi = 1 - 2, P + 2
    for _ = 1, 24 do
      local mu = (lo + hi) / 2
      local m = gen(mu, false)
      if not m then break end
      if m < t then lo = mu else hi = mu end
    end
    return (lo + hi) / 2
  end
  -- range of the 95% interval of the weighted mean, by linearisation over the design's clusters
  -- (a domain: clusters without members of this cell count as zeros)
  local function range(m)
    local sw = 0
    for i, r in ipairs(rs) do if scores[i] then sw = sw + r.w end end
    local tot = {}
    for i, r in ipairs(rs) do
      if scores[i] then
        local h = r.swv.sector
        tot[h] = tot[h] or {}
        tot[h][r.swv.id] = (tot[h][r.swv.id] or 0) + r.w * (scores[i] - m) / sw
      end
    end
    local var = 0
    for h, zs in pairs(tot) do
      local n, s1, s2 = design.npsu[h] or 2, 0, 0
      for _, z in pairs(zs) do s1, s2 = s1 + z, s2 + z * z end
      if n > 1 then var = var + n / (n - 1) * (s2 - s1 * s1 / n) end
    end
    return 2 * design.q * math.sqrt(var)
  end
  local mu = calibrate()
  if want and design then
    local aim = want == "star" and 0.7 or 0.35
    for _ = 1, 12 do
      local m = gen(mu, false)
      local r = m and range(m)
      if not r or r == 0 then break end
      local ok = (want == "star" and r >= 0.52 and r < 0.95) or (want == "plain" and r < 0.47)
      if ok then break end
      kscale = math.max(0.3, math.min(3, kscale * math.sqrt(aim / r)))
      mu = calibrate()
    end
    -- the mean comes first: narrow the spread again while clipping keeps it off target
    for _ = 1, 8 do
      local m = gen(mu, false)
      if not m or math.abs(m - t) < 0.045 then break end
      kscale = kscale * 0.85
      mu = calibrate()
    end
  end
  return gen(mu, true)
end

-- Rakes the design weights of one meting to the frame: within each stratum (po/vo) the weighted
-- distribution over regio and over grootte becomes that of the samenwerkingsverbanden in the frame,
-- keeping the stratum's total weight (004 Bijlage A: "corrigeren we door middel van weging").
-- Uses rake() of the weighting module; without it the design weight stays.
local function rake_weights(rs, swvs)
  local W, Nf = {}, {}
  for _, r in ipairs(rs) do W[r.swv.sector] = (W[r.swv.sector] or 0) + r.w end
  for _, s in ipairs(swvs) do
    Nf[s.sector] = (Nf[s.sector] or 0) + 1
  end
  local function margin(var)
    local cnt, rows, keys = {}, {}, {}
    for _, s in ipairs(swvs) do
      local k = s.sector .. "|" .. s[var]
      if not cnt[k] then keys[#keys + 1] = k end
      cnt[k] = (cnt[k] or 0) + 1
    end
    table.sort(keys)
    for _, k in ipairs(keys) do
      local st, v = k:match("^(.-)|(.*)$")
      rows[#rows + 1] = { stratum = st, [var] = v, N = cnt[k] / Nf[st] * W[st] }
    end
    return { { "stratum", var }, rows }
  end
  local col = function(f) local v = {} for i, r in ipairs(rs) do v[i] = f(r) end return v end
  local d = core.dataset{ { "stratum", col(function(r) return r.swv.sector end) },
                       { "regio", col(function(r) return r.swv.regio end) },
                       { "grootte", col(function(r) return r.swv.grootte end) },
                       { "w", col(function(r) return r.w end) } }
  local raked = weighting.rake(d, { margin("regio"), margin("grootte") }, { weight = "w", name = "w" })
  local w = raked:values("w")
  for i, r in ipairs(rs) do r.w = w[i] end
  return true
end

-- The example data as ordered columns: { {name, values, info}, ... } and a calibration report.
function E.columns()
  local swvs = frame()
  local T = targets()
  local subs = {}
  for _, D in ipairs(defs.doelstellingen) do
    for _, I in ipairs(D.indicators) do
      for _, S in ipairs(I.subindicators) do subs[#subs + 1] = S end
    end
  end
  local rows, report = {}, {}
  local is_pub, stars = {}, {}
  for _, p in ipairs(monitor.published) do
    is_pub[p.onderwijstype .. "|" .. p.actor .. "|" .. p.sub] = true
    stars[p.onderwijstype .. "|" .. p.actor .. "|" .. p.sub] = p.asterisk
  end
  for _, meting in ipairs({ "2022", "2023" }) do
    local factor = meting == "2023" and 1 or nil
    local rs
    if factor then rs = respondents(meting, swvs, 1)
    else rs = respondents(meting, swvs, 0.85 + 0.2 * ((hash("factor2022") >> 11) % 1000) / 1000) end
    for _, r in ipairs(rs) do r.items = {}; r.w_design = r.w end
    rake_weights(rs, swvs)
    -- the design of this meting: clusters per stratum, df = clusters - strata, t quantile
    local design = { npsu = {} }
    do
      local seen, nst, npsu = {}, 0, 0
      for _, r in ipairs(rs) do
        local h = r.swv.sector
        if not seen[h] then seen[h] = {}; nst = nst + 1 end
        if not seen[h][r.swv.id] then
          seen[h][r.swv.id] = true
          design.npsu[h] = (design.npsu[h] or 0) + 1
          npsu = npsu + 1
        end
      end
      design.q = core.qt(0.975, npsu - nst)
    end
    -- cells: (onderwijstype, actor) groups
    local groups, gorder = {}, {}
    for _, r in ipairs(rs) do
      local key = r.onderwijstype .. "|" .. r.actor
      if not groups[key] then groups[key] = {}; gorder[#gorder + 1] = key end
      table.insert(groups[key], r)
    end
    for _, key in ipairs(gorder) do
      local ot, actor = key:match("^(.-)|(.*)$")
      local tt = (T[ot] or {})[actor] or {}
      for _, S in ipairs(subs) do
        local v = tt[S.id]
        if v then
          local target = v
          if meting == "2022" then
            local d = ({ -0.2, -0.1, 0, 0.1, 0.1 })[hash(key .. S.id) % 5 + 1]
            if S.points == 3 then d = ({ -0.1, 0, 0.1 })[hash(key .. S.id) % 3 + 1] end
            target = math.max(1.3, math.min(S.points - 0.1, v + d))
          end
          local star = stars[key .. "|" .. S.id]
          local m = fill_cell(groups[key], S, target, hash(meting .. key .. S.id), design,
            star == nil and nil or (star and "star" or "plain"))
          report[#report + 1] = { meting = meting, onderwijstype = ot, actor = actor, sub = S.id,
            target = target, mean = m, n = #groups[key], published = (meting == "2023" and is_pub[key .. "|" .. S.id]) and v or nil,
            hit = m and round1(m) == round1(target) }
        end
      end
    end
    for _, r in ipairs(rs) do rows[#rows + 1] = r end
  end
  -- columns
  local cols = {}
  local function col(name, f, info)
    local v = {}
    for i, r in ipairs(rows) do v[i] = f(r) end
    cols[#cols + 1] = { name, v, info }
  end
  col("meting", function(r) return r.meting end, { label = "Meting (2022 = voorjaar 2022, 2023 = najaar 2023)" })
  col("swv", function(r) return r.swv.id end, { label = "Samenwerkingsverband (cluster)" })
  col("regio", function(r) return r.swv.regio end, { label = "Regio van het samenwerkingsverband" })
  col("grootte", function(r) return r.swv.grootte end, { label = "Grootte van het samenwerkingsverband" })
  col("stratum", function(r) return r.swv.sector end, { label = "Stratum (sector van het samenwerkingsverband)" })
  col("school", function(r) return r.school end, { label = "School (leeg voor actoren boven schoolniveau)" })
  col("onderwijstype", function(r) return r.onderwijstype end,
    { label = "Onderwijstype (sectoractoren: bao = po, vo = vo; gemeente)" })
  col("sector", function(r) return r.sector end, { label = "Sector (po/vo; leeg voor gemeenten)" })
  col("actor", function(r) return r.actor end, { label = "Actor (vragenlijst)" })
  col("w", function(r) return r.w end,
    { label = "Gewicht: designgewicht, per stratum geharkt (rake) naar regio en grootte van de samenwerkingsverbanden" })
  col("w_design", function(r) return r.w_design end, { label = "Designgewicht (1 / insluitkans)" })
  for _, S in ipairs(subs) do
    local labels = {}
    for k, v in pairs(defs.answers[S.points]) do labels[k] = v end
    for k, v in pairs(defs.missing) do labels[k] = v end
    for j, name in ipairs(S.items) do
      col(name, function(r) return r.items[name] end,
        { label = S.item_labels[j], value_labels = labels, missing = { 8, 9 } })
    end
  end
  return cols, report, rows
end

-- The codebook rows (variable, label, type, values, missing, scale, reversed, example).
function E.codebook(cols, nrows)
  local out = {}
  local scale_of, rev = {}, {}
  for _, D in ipairs(defs.doelstellingen) do
    for _, I in ipairs(D.indicators) do
      for _, S in ipairs(I.subindicators) do
        for _, it in ipairs(S.items) do scale_of[it] = S end
        for _, it in ipairs(S.reversed_items) do rev[it] = true end
      end
    end
  end
  for _, c in ipairs(cols) do
    local name, values, info = c[1], c[2], c[3]
    local vl = {}
    if info.value_labels then
      local ks = {}
      for k in pairs(info.value_labels) do ks[#ks + 1] = k end
      table.sort(ks)
      for _, k in ipairs(ks) do vl[#vl + 1] = k .. "=" .. info.value_labels[k] end
    end
    local S = scale_of[name]
    local typ = "number"
    for i = 1, nrows do
      if values[i] ~= nil then typ = type(values[i]) == "string" and "text" or "number"; break end
    end
    out[#out + 1] = { variabele = name, label = info.label or "", type = typ,
      waarden = table.concat(vl, "; "), missing = info.missing and table.concat(info.missing, ";") or "",
      schaal = S and S.scale or "", punten = S and S.points or nil, omgepoold = rev[name] and 1 or 0,
      voorbeelditem = S and 1 or 0 }
  end
  return out
end

-- --- the public functions: monitor.example() and its codebook and calibration report ------

-- The generated columns, made on first use and kept for the session.
local example_cache
function E.parts()
  if not example_cache then
    local cols, report, rows = E.columns()
    example_cache = { cols = cols, report = report, nrows = #rows }
  end
  return example_cache
end
local example_parts = E.parts

local function def(name, fn, text, extra)
  E[name] = doc.def("monitor." .. name, fn, text, extra)
end

local EXAMPLE = require("passend.args").spec{ meting = { "either", "string", "integer" }, calibrate = "boolean" }

def("example", function(opts)
  opts = require("passend.args").options("monitor.example", opts, EXAMPLE)
  local p = example_parts()
  local spec = { n = p.nrows, meta = {
    title = "Voorbeelddata Doelstellingenmonitor (meting 2022 en 2023)",
    source = "Bron: passend, voorbeelddata (gegenereerd; geen echte antwoorden)",
    kind = "example",
    notes = { "Gegenereerde voorbeelddata volgens de opzet van 004 Bijlage A.",
              "De gewogen schaalgemiddelden van meting 2023 liggen op de gepubliceerde",
              "waarden. De items zijn voorbeelditems; geen echte antwoorden." },
    design = { weight = "w", cluster = "swv", strata = "stratum" },
  } }
  for _, c in ipairs(p.cols) do
    local info = c[3]
    spec[#spec + 1] = { c[1], c[2], label = info.label, value_labels = info.value_labels,
                        missing = info.missing }
  end
  local d = core.dataset(spec)
  if opts.meting then
    local m = tostring(opts.meting)
    d = d:filter(function(r) return r.meting == m end)
  end
  if opts.calibrate then d = require("passend.monitor.calibrate").calibrate(d) end  -- adds w_kal
  return d
end, [[
monitor.example([{meting = "2023"}]) -> dataset

Deterministic EXAMPLE respondent data of the Doelstellingenmonitor, two metingen ("2022",
"2023"): columns meting, swv (cluster), regio, grootte, stratum, school, onderwijstype, sector,
actor, w (design weight raked per stratum to the frame's regio and grootte), w_design (1 /
inclusion probability), then the items <scale>_<k> of every subindicator (1..points, 8 = 'weet
niet', 9 = 'n.v.t.' as user-missing codes, reversed items stored as answered). Respondent counts
follow Tabel A.1; answers are calibrated so the weighted scale means of meting 2023 equal the
published values (monitor.published) and the 95% intervals are wide where the report prints `*`.
Not survey data; see docs/monitor.md. calibrate = true adds w_kal, the design
weight raked per actor and sector to the frame's regio and grootte (monitor.calibrate).]], {
  options = EXAMPLE, example = function() return { meting = "2023" } end,
})

def("example_calibration", function()
  local p = example_parts()
  return p.report
end, [[
monitor.example_calibration() -> list

How well the example data hit their targets: one entry per (meting, onderwijstype, actor,
subindicator) with target, mean (weighted mean scale score in the generated data), n, published
(meting 2023) and hit (rounded to one decimal, mean equals target).]])

def("example_codebook", function()
  local p = example_parts()
  return E.codebook(p.cols, p.nrows)
end, [[
monitor.example_codebook() -> list of rows

The codebook of monitor.example(): variabele, label, type, waarden (value labels), missing,
schaal, punten, omgepoold (1 = reversed item), voorbeelditem (1 = an example item).]])

return E
