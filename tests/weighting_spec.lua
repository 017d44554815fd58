-- Weighting: poststratify, rake, weights, representativeness; agreement with R's survey package
-- (weights(postStratify(...)), weights(rake(...)), svymean / svyby on the calibrated design, and
-- chisq.test) on data generated here; the errors an analyst meets.
local core = require "passend.core"
local R = dofile("tests/support/r.lua")
local P = require("passend")

-- Generated respondent data: regions, sectors, size classes, clusters in strata, base weights and
-- an outcome with some missing values. Deterministic for a given seed.
-- A local generator (splitmix64): seeding math.random would make the temporary file names of
-- tests/support/*.lua repeat across processes running this spec at the same time.
local function rng(seed)
  local st = seed
  local function u()
    st = st + 0x9E3779B97F4A7C15
    local z = st
    z = (z ~ (z >> 30)) * 0xBF58476D1CE4E5B9
    z = (z ~ (z >> 27)) * 0x94D049BB133111EB
    z = z ~ (z >> 31)
    return ((z >> 11) & 0x1FFFFFFFFFFFFF) / 9007199254740992.0
  end
  return function(a, b)
    if a == nil then return u() end
    return a + math.floor(u() * (b - a + 1))
  end
end

local function generate(n, seed)
  local random = rng(seed)
  local math = { random = random, floor = math.floor }
  local regio, sector, size, swv, stratum, w, y, g = {}, {}, {}, {}, {}, {}, {}, {}
  local regions = { "noord", "oost", "zuid", "west" }
  for i = 1, n do
    local r = math.random(1, 4)
    if math.random() < 0.3 then r = 3 end          -- the south over-represented
    regio[i] = regions[r]
    sector[i] = math.random() < 0.55 and "po" or "vo"
    size[i] = math.random(1, 3)
    stratum[i] = sector[i] == "po" and 1 or 2
    swv[i] = stratum[i] * 100 + math.random(1, 8)   -- clusters nested in strata
    w[i] = 0.5 + math.random() * 2.5
    local mu = 3 + 0.3 * r - 0.2 * size[i] + (sector[i] == "vo" and 0.4 or 0)
    y[i] = math.random() < 0.08 and nil or mu + (math.random() - 0.5) * 2
    g[i] = math.random() < 0.5 and "a" or "b"
  end
  local cols = { { "regio", regio }, { "sector", sector }, { "size", size }, { "swv", swv },
    { "stratum", stratum }, { "w", w }, { "y", y, n = n }, { "g", g } }
  local ds = {}
  for i, c in ipairs(cols) do ds[i] = { c[1], c[2] } end
  ds.n = n
  return dataset(ds), cols
end

local pop_regio = { noord = 3100, oost = 2700, zuid = 2400, west = 4800 }
local pop_sector = { po = 7200, vo = 5800 }
local pop_size = { [1] = 5000, [2] = 4500, [3] = 3500 }
local pop_cells = {   -- regio x sector, totals 13000
  { regio = "noord", sector = "po", N = 1700 }, { regio = "noord", sector = "vo", N = 1400 },
  { regio = "oost", sector = "po", N = 1500 }, { regio = "oost", sector = "vo", N = 1200 },
  { regio = "zuid", sector = "po", N = 1300 }, { regio = "zuid", sector = "vo", N = 1100 },
  { regio = "west", sector = "po", N = 2700 }, { regio = "west", sector = "vo", N = 2100 } }

-- R data frame literal for a one-variable margin.
local function r_margin(var, t, numeric)
  local ks, vs = {}, {}
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  for _, k in ipairs(keys) do
    ks[#ks + 1] = numeric and tostring(k) or string.format("%q", k)
    vs[#vs + 1] = tostring(t[k])
  end
  return string.format("data.frame(%s = c(%s), Freq = c(%s))", var, table.concat(ks, ","), table.concat(vs, ","))
end

local R_EMIT = [[
library(survey)
D <- d
emit <- function(prefix, des) {
  out(paste0(prefix, ".w"), weights(des))
  m <- svymean(~y, des, na.rm = TRUE)
  out(paste0(prefix, ".mean"), coef(m)); out(paste0(prefix, ".se"), SE(m))
  b <- svyby(~y, ~g, des, svymean, na.rm = TRUE)
  out(paste0(prefix, ".bymean"), coef(b)); out(paste0(prefix, ".byse"), SE(b))
}
]]
local R_DESIGNS = [[
d$y <- as.numeric(d$y)
des0 <- svydesign(ids = ~1, weights = ~w, data = d)
desc <- svydesign(ids = ~swv, strata = ~stratum, weights = ~w, data = d)
]]

-- The R side of every cross-check in one Rscript run (loading survey takes seconds): each
-- scenario is generated data (seed, n) and R code that emits under its own prefixes; the data
-- are stacked with a column scen and each scenario's code runs on its own rows.
local scenarios, reference_cache = {}, nil
local function scenario(name, n, seed, code)
  scenarios[#scenarios + 1] = { name = name, n = n, seed = seed, code = code }
end
local function reference()
  if reference_cache then return reference_cache end
  R.require_available()
  local stacked, parts = nil, { R_EMIT }
  for k, sc in ipairs(scenarios) do
    local d, cols = generate(sc.n, sc.seed)
    if not stacked then
      stacked = { { "scen", {} } }
      for i, c in ipairs(cols) do stacked[i + 1] = { c[1], {} } end
    end
    local base = #stacked[1][2]
    for r = 1, sc.n do stacked[1][2][base + r] = k end
    for i, c in ipairs(cols) do
      for r = 1, sc.n do stacked[i + 1][2][base + r] = c[2][r] end
    end
    parts[#parts + 1] = string.format("local({\nd <- D[D$scen == %d, ]\n%s%s\n})\n", k, R_DESIGNS, sc.code(d))
  end
  for _, c in ipairs(stacked) do c.n = #stacked[1][2] end
  reference_cache = R.run(table.concat(parts), { data = stacked })
  return reference_cache
end

-- Design-based SE of a (domain) mean computed here from the calibration record: the linearised
-- values over all rows (zero outside the domain or where y is missing), residualised through
-- _calib_residualize, then the with-replacement stratified cluster variance (svyrecvar).
local function calibrated_mean_se(d, wname, domain, clustered)
  local w, y = d:values(wname), d:values("y")
  local g = d:values("g")
  local n = #d
  local sw, swy = 0, 0
  local inside = {}
  for i = 1, n do
    inside[i] = y[i] ~= nil and (domain == nil or g[i] == domain)
    if inside[i] then sw, swy = sw + w[i], swy + w[i] * y[i] end
  end
  local mean = swy / sw
  local x = {}
  for i = 1, n do x[i] = inside[i] and w[i] * (y[i] - mean) / sw or 0 end
  x = core._calib_residualize(d:meta().calibration, x)
  local psu, st = {}, {}
  local sv, swv = d:values("stratum"), d:values("swv")
  for i = 1, n do
    local h = clustered and sv[i] or 1
    local p = clustered and swv[i] or i
    st[h] = st[h] or {}
    st[h][p] = (st[h][p] or 0) + x[i]
  end
  local var = 0
  for _, ps in pairs(st) do
    local tot, k = 0, 0
    for _, z in pairs(ps) do tot, k = tot + z, k + 1 end
    local m = tot / k
    local ss = 0
    for _, z in pairs(ps) do ss = ss + (z - m) ^ 2 end
    if k > 1 then var = var + k / (k - 1) * ss end
  end
  return mean, math.sqrt(var)
end

-- estimate() on the calibrated dataset: whole sample and domains g = a, b, with and without the
-- cluster design; its se must be svymean's / svyby's on the calibrated design.
local function check_estimate(d, wname, res, prefix)
  for _, clustered in ipairs({ false, true }) do
    local p = prefix .. (clustered and "c" or "")
    local opts = { weight = wname, cluster = clustered and "swv" or nil, strata = clustered and "stratum" or nil }
    local all = estimate(d, "y", opts)
    R.assert_close(all:get(1, "mean"), res[p .. ".mean"][1], p .. " estimate() mean")
    R.assert_close(all:get(1, "se"), res[p .. ".se"][1], p .. " estimate() se")
    opts.by = "g"
    local by = estimate(d, "y", opts)
    for k = 1, 2 do
      R.assert_close(by:get(k, "mean"), res[p .. ".bymean"][k], p .. " estimate() domain mean")
      R.assert_close(by:get(k, "se"), res[p .. ".byse"][k], p .. " estimate() domain se")
    end
  end
end

local function check_design(d, wname, res, prefix)
  check_estimate(d, wname, res, prefix)
  R.assert_close(d:values(wname), res[prefix .. ".w"], prefix .. " weights")
  for _, clustered in ipairs({ false, true }) do
    local p = prefix .. (clustered and "c" or "")
    local mean, se = calibrated_mean_se(d, wname, nil, clustered)
    R.assert_close(mean, res[p .. ".mean"][1], p .. " mean")
    R.assert_close(se, res[p .. ".se"][1], p .. " se")
    for k, dom in ipairs({ "a", "b" }) do
      local dm, dse = calibrated_mean_se(d, wname, dom, clustered)
      R.assert_close(dm, res[p .. ".bymean"][k], p .. " domain " .. dom .. " mean")
      R.assert_close(dse, res[p .. ".byse"][k], p .. " domain " .. dom .. " se")
    end
  end
end

-- Trim bounds between two raked weights, so that no weight sits on one (R's and ours differ in
-- the last bit).
local function trim_bounds(rk)
  local sorted = rk:values("wr")
  table.sort(sorted)
  local ku, kl = math.floor(0.95 * #sorted), math.floor(0.03 * #sorted)
  return (sorted[ku] + sorted[ku + 1]) / 2, (sorted[kl] + sorted[kl + 1]) / 2
end

local function r_cells(cells)
  local rows = {}
  for _, c in ipairs(cells) do rows[#rows + 1] = string.format("c(%q, %q, %d)", c.regio, c.sector, c.N) end
  return [[
pop <- data.frame(do.call(rbind, list(]] .. table.concat(rows, ",") .. [[)), stringsAsFactors = FALSE)
names(pop) <- c("regio", "sector", "Freq"); pop$Freq <- as.numeric(pop$Freq)
]]
end

scenario("poststratify", 600, 11, function() return r_cells(pop_cells) .. [[
emit("ps", postStratify(des0, ~regio + sector, pop))
emit("psc", postStratify(desc, ~regio + sector, pop))
pop2 <- rbind(pop, data.frame(regio = "caribisch", sector = "po", Freq = 40))
emit("pp", postStratify(des0, ~regio + sector, pop2, partial = TRUE))
emit("ppc", postStratify(desc, ~regio + sector, pop2, partial = TRUE))
]] end)

scenario("rake", 500, 23, function(d)
  local rk = rake(d, { { "regio", pop_regio }, { "sector", pop_sector }, { "size", pop_size } },
    { weight = "w", name = "wr", epsilon = 1e-9, maxit = 50 })
  local upper, lower = trim_bounds(rk)
  return string.format([[
m <- list(~regio, ~sector, ~size)
p <- list(%s, %s, %s)
ctl <- list(maxit = 50, epsilon = 1e-9)
emit("rk", rake(des0, m, p, control = ctl))
emit("rkc", rake(desc, m, p, control = ctl))
emit("tr", trimWeights(rake(des0, m, p, control = ctl), upper = %.17g, lower = %.17g))
emit("trc", trimWeights(rake(desc, m, p, control = ctl), upper = %.17g, lower = %.17g))
]], r_margin("regio", pop_regio), r_margin("sector", pop_sector), r_margin("size", pop_size, true),
    upper, lower, upper, lower)
end)

scenario("rake with R's default stopping rule", 300, 7, function() return r_cells(pop_cells) .. [[
m <- list(~regio + sector, ~size)
p <- list(pop, ]] .. r_margin("size", pop_size, true) .. [[)
emit("rd", rake(des0, m, p))
emit("rdc", rake(desc, m, p))
]] end)

scenario("rake then poststratify", 400, 3, function() return string.format([[
m <- list(~regio, ~size); p <- list(%s, %s)
ctl <- list(maxit = 100, epsilon = 1e-10)
emit("b", postStratify(rake(des0, m, p, control = ctl), ~sector, %s))
emit("bc", postStratify(rake(desc, m, p, control = ctl), ~sector, %s))
]], r_margin("regio", pop_regio), r_margin("size", pop_size, true), r_margin("sector", pop_sector),
  r_margin("sector", pop_sector)) end)

scenario("representativeness", 250, 4, function() return string.format([[
pr <- %s; t1 <- chisq.test(table(factor(d$regio, levels = pr$regio)), p = pr$Freq / sum(pr$Freq))
out("regio", c(t1$statistic, t1$parameter, t1$p.value))
ps <- %s; t2 <- chisq.test(table(factor(d$sector, levels = ps$sector)), p = ps$Freq / sum(ps$Freq))
out("sector", c(t2$statistic, t2$parameter, t2$p.value))
]], r_margin("regio", pop_regio), r_margin("sector", pop_sector)) end)

describe("poststratify", function()
  it("gives R's weight.weights(postStratify()) and svymean/svyby SEs on the calibrated design", function()
    R.require_available()
    local d = generate(600, 11)
    local ps, report = poststratify(d, { by = { "regio", "sector" }, population = pop_cells, weight = "w",
      name = "wps" })
    assert.are.equal(8, #report)
    local res = reference()
    check_design(ps, "wps", res, "ps")
    local cells2 = { table.unpack(pop_cells) }
    cells2[#cells2 + 1] = { regio = "caribisch", sector = "po", N = 40 }
    local pp = poststratify(d, { by = { "regio", "sector" }, population = cells2, weight = "w", name = "wpp",
      partial = true })
    check_design(pp, "wpp", res, "pp")
    -- weighted counts meet the population per cell
    local w, rg, sc = ps:values("wps"), ps:values("regio"), ps:values("sector")
    local tot = {}
    for i = 1, #ps do tot[rg[i] .. sc[i]] = (tot[rg[i] .. sc[i]] or 0) + w[i] end
    for _, c in ipairs(pop_cells) do assert.is_true(math.abs(tot[c.regio .. c.sector] - c.N) < 1e-8 * c.N) end
    -- the input is untouched
    assert.is_false(d:has("wps"))
    assert.is_nil(d:meta().calibration)
  end)

  it("accepts a dataset frame, a nested map and unweighted data", function()
    local d = generate(200, 5)
    local frame = dataset{ { "regio", { "noord", "oost", "zuid", "west" } }, { "aantal", { 31, 27, 24, 48 } } }
    local a = poststratify(d, { by = "regio", population = frame, name = "wu" })
    local b = poststratify(d, { by = "regio", population = { noord = 31, oost = 27, zuid = 24, west = 48 }, name = "wu" })
    assert.are.same(a:values("wu"), b:values("wu"))
    local sum = 0
    for _, x in ipairs(a:values("wu")) do sum = sum + x end
    assert.is_true(math.abs(sum - 130) < 1e-9)
    local nested = { noord = { po = 1700, vo = 1400 }, oost = { po = 1500, vo = 1200 },
      zuid = { po = 1300, vo = 1100 }, west = { po = 2700, vo = 2100 } }
    local c = poststratify(d, { by = { "regio", "sector" }, population = nested, name = "wn" })
    local e = poststratify(d, { by = { "regio", "sector" }, population = pop_cells, name = "wn" })
    assert.are.same(c:values("wn"), e:values("wn"))
  end)

  it("names the cell when the sample has one the frame lacks, or the frame one without respondents", function()
    local d = generate(200, 5)
    local ok, err = pcall(poststratify, d, { by = "regio", population = { noord = 31, oost = 27, zuid = 24 },
      weight = "w" })
    assert.is_false(ok)
    assert.matches("poststratify: sample cell regio=west has %d+ respondent%(s%) but no count", err)
    ok, err = pcall(poststratify, d, { by = "regio",
      population = { noord = 31, oost = 27, zuid = 24, west = 48, caribisch = 3 }, weight = "w" })
    assert.is_false(ok)
    assert.matches("population cell without respondents: regio=caribisch %(N = 3%)", err)
    -- partial = true leaves it out, as R's partial = TRUE
    local p = poststratify(d, { by = "regio", population = { noord = 31, oost = 27, zuid = 24, west = 48,
      caribisch = 3 }, partial = true, name = "wp" })
    local sum = 0
    for _, x in ipairs(p:values("wp")) do sum = sum + x end
    assert.is_true(math.abs(sum - 130) < 1e-9)
    ok, err = pcall(poststratify, d, { by = "regio", population = { noord = 31, oost = 27, zuid = 24, west = 0 }, weight = "w" })
    assert.is_false(ok)
    assert.matches("regio=west has %d+ respondent%(s%) but a count of 0", err)
    ok, err = pcall(poststratify, d, { by = "regio", population = { noord = 31, oost = 27, zuid = "veel", west = 4 }, weight = "w" })
    assert.is_false(ok)
    assert.matches("count must be a number", err)
    ok, err = pcall(poststratify, d, { by = "provincie", population = { a = 1 }, weight = "w" })
    assert.is_false(ok)
    assert.matches("no column \"provincie\"", err)
    ok, err = pcall(poststratify, d, { by = "regio", population = { noord = 1 }, weight = "w", name = "regio" })
    assert.is_false(ok)
    assert.matches("already have a column \"regio\"", err)
  end)

  it("rejects missing cell values and bad base weights", function()
    local d = dataset{ { "regio", { "a", "b", nil, "a" }, n = 4 }, { "w", { 1, 2, 3, 4 } } }
    local ok, err = pcall(poststratify, d, { by = "regio", population = { a = 5, b = 5 }, weight = "w" })
    assert.is_false(ok)
    assert.matches("column \"regio\" is missing in row 3", err)
    local e = dataset{ { "regio", { "a", "b", "b", "a" } }, { "w", { 1, 2, -3, 4 } } }
    ok, err = pcall(poststratify, e, { by = "regio", population = { a = 5, b = 5 }, weight = "w" })
    assert.is_false(ok)
    assert.matches("weight column \"w\", row 3: weights must be positive", err)
  end)
end)

describe("rake", function()
  it("gives R's weight.weights(rake()) and svymean/svyby SEs on the raked design", function()
    R.require_available()
    local d = generate(500, 23)
    local rk, report = rake(d, { { "regio", pop_regio }, { "sector", pop_sector }, { "size", pop_size } },
      { weight = "w", name = "wr", epsilon = 1e-9, maxit = 50 })
    local meta = report:meta()
    assert.is_true(meta.converged)
    assert.is_true(meta.iterations >= 2)
    assert.is_true(meta.max_error < 1e-5)
    assert.are.equal(4 + 2 + 3, #report)
    local upper, lower = trim_bounds(rk)
    local res = reference()
    check_design(rk, "wr", res, "rk")
    -- trimming keeps the calibration record, as R's trimWeights keeps design$postStrata
    local tr = weight.trim(rk, "wr", { upper = upper, lower = lower, name = "wt" })
    assert.is_true(tr:meta().trimming.trimmed > 0)
    check_design(tr, "wt", res, "tr")
  end)

  it("follows R's stopping rule (epsilon >= 1 absolute, maxit) and a cross-classified margin", function()
    R.require_available()
    local d = generate(300, 7)
    local rk = rake(d, { { { "regio", "sector" }, pop_cells }, { "size", pop_size } },
      { weight = "w", name = "wr", epsilon = 1, maxit = 10 })
    check_design(rk, "wr", reference(), "rd")
  end)

  it("post-stratifying a raked dataset keeps both in the record, as R's design$postStrata", function()
    R.require_available()
    local d = generate(400, 3)
    local rk = rake(d, { { "regio", pop_regio }, { "size", pop_size } }, { weight = "w", name = "w2" })
    local both = poststratify(rk, { by = "sector", population = pop_sector, weight = "w2" })
    local desc = core._calib_describe(both:meta().calibration)
    assert.are.same({ "rake", "poststratify" }, { desc.stages[1].kind, desc.stages[2].kind })
    check_design(both, "w2", reference(), "b")
  end)

  it("keeps adjustment factors within bounds and meets the margins", function()
    local d = generate(400, 9)
    local margins = { { "regio", pop_regio }, { "sector", pop_sector } }
    local free = rake(d, margins, { weight = "w", name = "wb" })
    local w0, sum0 = d:values("w"), 0
    for i = 1, #d do sum0 = sum0 + w0[i] end
    local gbar = 13000 / sum0
    local fmin, fmax = math.huge, 0
    for i, x in ipairs(free:values("wb")) do
      fmin, fmax = math.min(fmin, x / w0[i] / gbar), math.max(fmax, x / w0[i] / gbar)
    end
    -- bounds halfway between the widest average factor a margin cell needs and the extremes of
    -- the unbounded fit: feasible, and some weights end up on a bound
    local rg, sc = d:values("regio"), d:values("sector")
    local sw = {}
    for i = 1, #d do
      sw[rg[i]] = (sw[rg[i]] or 0) + w0[i]
      sw[sc[i]] = (sw[sc[i]] or 0) + w0[i]
    end
    local amin, amax = math.huge, 0
    for _, pop in ipairs({ pop_regio, pop_sector }) do
      for k, v in pairs(pop) do
        amin, amax = math.min(amin, v / sw[k] / gbar), math.max(amax, v / sw[k] / gbar)
      end
    end
    assert.is_true(fmin < amin and amax < fmax)
    local lo, hi = (fmin + amin) / 2, (fmax + amax) / 2
    local rk, report = rake(d, margins, { weight = "w", name = "wb", bounds = { lo, hi } })
    local w1, clipped = rk:values("wb"), 0
    for i = 1, #d do
      local f = w1[i] / w0[i] / gbar
      assert.is_true(f >= lo * (1 - 1e-12) and f <= hi * (1 + 1e-12), "factor " .. f .. " out of bounds")
      if f > hi * (1 - 1e-9) or f < lo * (1 + 1e-9) then clipped = clipped + 1 end
    end
    assert.is_true(clipped > 0)
    assert.is_true(report:meta().max_error < 1e-6)
  end)

  it("fails clearly: bounds that cannot be met, margins that disagree, no convergence", function()
    local d = generate(300, 9)
    local ok, err = pcall(rake, d, { { "regio", pop_regio }, { "sector", pop_sector } },
      { weight = "w", name = "wb", bounds = { 0.99, 1.01 } })
    assert.is_false(ok)
    assert.matches("rake: the margins cannot be met within bounds {0.99, 1.01}; largest margin error", err)
    ok, err = pcall(rake, d, { { "regio", pop_regio }, { "sector", { po = 7200, vo = 5900 } } },
      { weight = "w", name = "wr" })
    assert.is_false(ok)
    assert.matches("margins disagree on the population total %(regio 13000, sector 13100%)", err)
    ok, err = pcall(rake, d, { { "regio", pop_regio }, { "sector", pop_sector }, { "size", pop_size } },
      { maxit = 1, epsilon = 1e-12, weight = "w" })
    assert.is_false(ok)
    assert.matches("rake: no convergence after 1 iterations", err)
    ok, err = pcall(rake, d, { { "regio", { noord = 3100, oost = 2700, zuid = 7200 } }, { "sector", pop_sector } },
      { weight = "w" })
    assert.is_false(ok)
    assert.matches("sample cell regio=west", err)
  end)

  it("errors when the calibrated weights were filtered or edited before estimating", function()
    local d = generate(100, 2)
    local rk = rake(d, { regio = pop_regio, sector = pop_sector }, { weight = "w", name = "wr" })
    -- the record notices weights that are not the ones it produced
    local ok, err = pcall(core._calib_check, rk, "wr", { 1, 2, 3 })
    assert.is_false(ok)
    assert.matches("no longer those its calibration produced %(the number of rows changed%)", err)
    assert.is_true(core._calib_check(rk, "wr", rk:values("wr")))
    -- and so does estimate(): filtering or sorting after calibrating
    ok, err = pcall(estimate, rk:filter(function(r) return r.regio ~= "zuid" end), "y", { weight = "wr" })
    assert.is_false(ok)
    assert.matches("calibration produced %(the number of rows changed%)", err)
    ok, err = pcall(estimate, rk:sort("-y"), "y", { weight = "wr" })
    assert.is_false(ok)
    assert.matches("calibration produced %(a weight changed%)", err)
    -- (no suppression rule: a small regio's se is what is checked)
    assert.is_true(estimate(rk, "y", { weight = "wr", by = "regio",
      rules = { suppress = { min_n = 0, max_range = math.huge } } }):get(1, "se") > 0)
    assert.is_false(core._calib_check(rk, "w", d:values("w")))
  end)

  it("keeps each calibrated weight column's own record", function()
    local d = generate(100, 2)
    local a = poststratify(d, { by = "regio", population = pop_regio, weight = "w", name = "wa" })
    local b = rake(a, { { "sector", pop_sector } }, { weight = "w", name = "wb" })
    assert.is_true(core._calib_check(b, "wa", b:values("wa")))
    assert.is_true(core._calib_check(b, "wb", b:values("wb")))
    assert.are.equal("poststratify", core._calib_describe(b:meta().calibrations.wa).stages[1].kind)
    assert.are.equal("rake", core._calib_describe(b:meta().calibrations.wb).stages[1].kind)
    assert.is_nil(a:meta().calibrations.wb)
    local c = poststratify(b, { by = "sector", population = pop_sector, weight = "wa", name = "wc" })
    assert.are.equal(2, #core._calib_describe(c:meta().calibrations.wc).stages)
  end)
end)

describe("trim_weights", function()
  it("clips and spreads the excess as R's trimWeights, strict until inside, and names errors", function()
    local d = dataset{ { "w", { 1, 2, 3, 10, 4 } } }
    local t = weight.trim(d, "w", { upper = 5 })
    assert.are.same({ 2.25, 3.25, 4.25, 5, 5.25 }, t:values("w"))
    local s = weight.trim(d, "w", { upper = 5, strict = true, name = "wt" })
    local sum = 0
    for _, x in ipairs(s:values("wt")) do
      assert.is_true(x <= 5)
      sum = sum + x
    end
    assert.is_true(math.abs(sum - 20) < 1e-12)
    assert.are.same({ 1, 2, 3, 10, 4 }, s:values("w"))
    local ok, err = pcall(weight.trim, d, "w", { upper = 0.5, lower = 0.1 })
    assert.is_false(ok)
    assert.matches("every weight lies outside", err)
    ok, err = pcall(weight.trim, d, "gewicht", { upper = 1 })
    assert.is_false(ok)
    assert.matches("no column \"gewicht\"", err)
  end)
end)

describe("weights", function()
  it("summarises a weight column overall and per group", function()
    local d = dataset{ { "g", { "a", "a", "b", "b", "b" } }, { "w", { 1, 3, 2, 2, 8 } } }
    local s = weight.weights(d, "w")
    assert.are.equal(1, #s)
    assert.are.equal(5, s:get(1, "n"))
    assert.are.equal(16, s:get(1, "sum"))
    assert.are.equal(8, s:get(1, "ratio"))
    assert.is_true(math.abs(s:get(1, "deff") - 5 * 82 / 256) < 1e-12)
    assert.is_true(math.abs(s:get(1, "n_eff") - 256 / 82) < 1e-12)
    local by = weight.weights(d, "w", "g")
    assert.are.equal(2, #by)
    assert.are.equal("b", by:get(2, "g"))
    assert.is_true(math.abs(by:get(2, "deff") - 3 * 72 / 144) < 1e-12)
    local ok, err = pcall(weight.weights, d, "gewicht")
    assert.is_false(ok)
    assert.matches("no column \"gewicht\"", err)
  end)
end)

describe("representativeness", function()
  it("compares sample and population shares with R's chisq.test", function()
    R.require_available()
    local d = generate(250, 4)
    local r = weight.representativeness(d, { regio = pop_regio, sector = pop_sector }, { "regio", "sector" })
    assert.are.equal(6, #r)
    local res = reference()
    R.assert_close({ r:get(1, "chi2"), r:get(1, "df"), r:get(1, "p") }, res.regio, "regio test")
    R.assert_close({ r:get(5, "chi2"), r:get(5, "df"), r:get(5, "p") }, res.sector, "sector test")
    -- shares add to 100; a frame given as a dataset of units gives the same
    local total = 0
    for i = 1, 4 do total = total + r:get(i, "sample_pct") end
    assert.is_true(math.abs(total - 100) < 1e-9)
    local units = {}
    for k, v in pairs({ noord = 31, oost = 27, zuid = 24, west = 48 }) do
      for _ = 1, v do units[#units + 1] = k end
    end
    table.sort(units)
    local r2 = weight.representativeness(d, dataset{ { "regio", units } }, "regio")
    R.assert_close(r2:get(1, "chi2"), res.regio[1], "chi2 from a unit frame")
  end)

  it("names a sample category the frame lacks", function()
    local d = generate(50, 4)
    local ok, err = pcall(weight.representativeness, d, { regio = { noord = 1, oost = 1, zuid = 1 } }, "regio")
    assert.is_false(ok)
    assert.matches("category regio=west occurs in the sample but not in the population frame", err)
  end)
end)

describe("monitor.calibrate (the example data's calibrated weight)", function()
  it("gives every actor x sector its design-weight total and the frame's regio and grootte shares", function()
    local d = monitor.example{ meting = "2023" }
    local k, report = monitor.calibrate(d)
    assert.is_false(d:has("w_kal"))
    assert.is_true(report:meta().max_error < 1e-4)
    local frame = read("examples/frames/voorbeeld_swv_frame.csv")
    local fs, fr, fg = frame:values("sector"), frame:values("regio"), frame:values("grootte")
    local share, tot = {}, {}
    for i = 1, #frame do
      for _, c in ipairs({ fr[i], fg[i] }) do share[fs[i] .. c] = (share[fs[i] .. c] or 0) + 1 end
      tot[fs[i]] = (tot[fs[i]] or 0) + 1
    end
    local a, sec, r, g = k:values("actor"), k:values("sector"), k:values("regio"), k:values("grootte")
    local w, wk = k:values("w"), k:values("w_kal")
    local W, Wk, cell = {}, {}, {}
    for i = 1, #k do
      local key = a[i] .. "|" .. sec[i]
      W[key], Wk[key] = (W[key] or 0) + w[i], (Wk[key] or 0) + wk[i]
      for _, c in ipairs({ r[i], g[i] }) do cell[key .. "|" .. c] = (cell[key .. "|" .. c] or 0) + wk[i] end
    end
    for key, x in pairs(W) do assert.is_true(math.abs(Wk[key] - x) < 1e-6 * x, key) end
    for _, grp in ipairs({ "swv|po", "ouder|vo", "leraar|po" }) do
      local s = grp:match("|(.*)")
      for _, c in ipairs({ "noord", "oost", "zuid", "west", "klein", "middel", "groot" }) do
        local want = W[grp] * share[s .. c] / tot[s]
        assert.is_true(math.abs(cell[grp .. "|" .. c] - want) < 1e-6 * W[grp], grp .. " " .. c)
      end
    end
    local e = monitor.example{ meting = "2023", calibrate = true }
    assert.are.same(k:values("w_kal"), e:values("w_kal"))
  end)
end)

describe("the weighting lesson (examples/lessons/10_kalibratie.lua)", function()
  it("runs start to end on the bundled frames", function()
    local run = dofile("tests/support/run.lua")
    local out, err, code = run.passend("-e " .. run.q("lesson(10, 'en')"))
    assert.are.equal(0, code, err)
    assert.matches("Lesson 10: Building weights", out)
    assert.matches("Tabel 1%.2: chi2 = [%d.]+, df = 11", out)
    assert.matches("Post%-stratification on sector", out)
    assert.matches("Raking on 2 margins: %d+ iterations", out)
    assert.matches("cannot be met within bounds {0%.7, 1%.5}; largest margin error [%d.e+-]+ in provincie=Limburg", out)
    assert.matches("Leerling wordt gehoord/heeft inbreng", out)
    assert.matches("monitor%.example{ calibrate = true }", out)
  end)
end)
