-- alpha, freq, crosstab, compare, descriptives, top2 against R (psych, stats, survey) on data
-- generated here, to 1e-9 relative; response() against the published Tabel A.1.
local R = dofile("tests/support/r.lua")

-- Deterministic data: a latent trait drives five 5-point items (q3 worded the other way),
-- with system-missing values and the monitor's missing codes 8 and 9.
local function gen(n, seed)
  local rnd = 12345 + seed
  local function u()   -- a small LCG so the data do not depend on math.random's algorithm
    rnd = (rnd * 1103515245 + 12345) % 2147483648
    return rnd / 2147483648
  end
  local cols = { q1 = {}, q2 = {}, q3 = {}, q4 = {}, q5 = {}, g = {}, meting = {}, w = {}, swv = {},
    stratum = {}, row = {}, col = {}, swv2 = {}, N = {} }
  for i = 1, n do
    local latent = u() * 4 - 2
    for k = 1, 5 do
      local x = math.floor(3 + latent * 0.8 + (u() - 0.5) * 3 + 0.5)
      if k == 3 then x = 6 - x end
      x = math.max(1, math.min(5, x))
      local m = u()
      if m < 0.04 then x = nil elseif m < 0.07 then x = 8 elseif m < 0.09 then x = 9 end
      cols["q" .. k][i] = x
    end
    cols.stratum[i] = 1 + (i % 4)
    cols.swv[i] = cols.stratum[i] * 100 + math.floor(u() * 7)
    cols.swv2[i] = cols.stratum[i] == 4 and 499 or cols.swv[i]   -- stratum 4: one PSU
    cols.N[i] = 8 + 3 * cols.stratum[i]                            -- PSUs in the population
    cols.w[i] = 0.3 + u() * 2.5
    cols.g[i] = ({ "bao", "sbo", "vo" })[1 + math.floor(u() * 3)]
    cols.meting[i] = u() < 0.45 and "2022" or "2023"
    cols.row[i] = 1 + math.floor(u() * 3 + (latent > 0 and 0.4 or 0))
    if cols.row[i] > 3 then cols.row[i] = 3 end
    cols.col[i] = ({ "a", "b", "c", "d" })[1 + math.floor(u() * 4)]
    if u() < 0.04 then cols.col[i] = nil end
  end
  local d = dataset{
    { "q1", cols.q1, missing = { 8, 9 }, value_labels = { [8] = "weet niet", [9] = "n.v.t." } },
    { "q2", cols.q2, missing = { 8, 9 } }, { "q3", cols.q3, missing = { 8, 9 } },
    { "q4", cols.q4, missing = { 8, 9 } }, { "q5", cols.q5, missing = { 8, 9 } },
    { "g", cols.g }, { "meting", cols.meting }, { "w", cols.w }, { "swv", cols.swv },
    { "stratum", cols.stratum }, { "row", cols.row }, { "col", cols.col }, { "swv2", cols.swv2 }, { "N", cols.N }, n = n,
  }
  -- the same data for R, with the missing codes as NA (R knows no user-missing values)
  local rdata = {}
  for _, name in ipairs({ "q1", "q2", "q3", "q4", "q5" }) do
    local v = {}
    for i = 1, n do
      local x = cols[name][i]
      v[i] = (x ~= 8 and x ~= 9) and x or nil
    end
    rdata[#rdata + 1] = { name, v, n = n }
  end
  for _, name in ipairs({ "g", "meting", "w", "swv", "stratum", "row", "col", "swv2", "N" }) do
    rdata[#rdata + 1] = { name, cols[name], n = n }
  end
  return d, rdata
end

local scale = { "betrokken", items = { "q1", "q2", "q3", "q4", "q5" }, reversed = { "q3" }, points = 5,
  missing = { 8, 9 }, label = "Betrokkenheid" }


-- R is slow to start (loading survey takes seconds on a busy machine): each data set gets one
-- R run, made the first time a test needs it, computing every reference value at once.
local function lazy(fn)
  local ok, v
  return function()
    if ok == nil then ok, v = pcall(fn) end
    if not ok then error(v, 0) end
    return v
  end
end

local A, rA = gen(240, 1)
local refA = lazy(function()
  return R.run([[
    library(psych)
    items <- c("q1", "q2", "q3", "q4", "q5")
    x <- d[, items]; x <- x[rowSums(!is.na(x)) > 0, ]
    a <- psych::alpha(x, keys = c("q3"), warnings = FALSE)
    out("raw", a$total$raw_alpha); out("std", a$total$std.alpha); out("avr", a$total$average_r)
    out("mean", a$total$mean); out("sd", a$total$sd); out("nsub", nrow(x))
    out("drop_raw", a$alpha.drop$raw_alpha); out("drop_std", a$alpha.drop$std.alpha)
    out("r_drop", a$item.stats$r.drop); out("raw_r", a$item.stats$raw.r)
    out("n", a$item.stats$n); out("imean", a$item.stats$mean); out("isd", a$item.stats$sd)
    for (g in c("bao", "sbo", "vo")) {
      x <- d[d$g == g, items]; x <- x[rowSums(!is.na(x)) > 0, ]
      a <- psych::alpha(x, keys = c("q3"), warnings = FALSE)
      y <- d[d$g == g, c("q1", "q2")]; y <- y[rowSums(!is.na(y)) > 0, ]
      b <- psych::alpha(y, warnings = FALSE)
      out("g_alpha", c(a$total$raw_alpha, b$total$raw_alpha))
      out("g_std", c(a$total$std.alpha, b$total$std.alpha))
      out("g_n", c(nrow(x), nrow(y)))
      if (g == "vo") out("g_drop2", b$alpha.drop$raw_alpha)
    }
  ]], { data = rA })
end)

local B, rB = gen(400, 3)
local designs = {
  { "no weights", {}, "ids = ~1" },
  { "weights only", { weight = "w" }, "ids = ~1, weights = ~w" },
  { "clusters", { weight = "w", cluster = "swv" }, "ids = ~swv, weights = ~w" },
  { "clusters and strata", { weight = "w", cluster = "swv", strata = "stratum" },
    "ids = ~swv, strata = ~stratum, weights = ~w" },
  { "unweighted clusters and strata", { cluster = "swv", strata = "stratum" }, "ids = ~swv, strata = ~stratum" },
  { "clusters, strata and fpc", { weight = "w", cluster = "swv", strata = "stratum", fpc = "N" },
    "ids = ~swv, strata = ~stratum, weights = ~w, fpc = ~N" },
}
local lonely_rules = { "adjust", "average", "certainty", "remove" }
local refB = lazy(function()
  local dz = {}
  for k, des in ipairs(designs) do dz[k] = string.format("svydesign(%s, data = d)", des[3]) end
  return R.run(string.format([=[
    library(survey)
    d$meting <- factor(d$meting)
    designs <- list(%s)
    # freq
    out("q1_n", as.vector(table(d$q1)))
    for (g in c("bao", "sbo", "vo")) {
      s <- d[d$g == g & !is.na(d$q2), ]
      out(paste0("q2_p_", g), 100 * prop.table(xtabs(w ~ q2, data = s)))
    }
    # Pearson
    x <- chisq.test(table(d$row, d$col), correct = FALSE)
    out("chisq_x", c(x$statistic, x$parameter, x$p.value))
    y <- chisq.test(table(d$meting, d$g), correct = FALSE)
    out("chisq_y", c(y$statistic, y$parameter, y$p.value))
    s <- d[d$g != "vo", ]
    z <- chisq.test(table(s$meting, s$g), correct = FALSE)
    out("chisq_z", c(z$statistic, z$parameter, z$p.value))
    # Rao-Scott per design, and with a lonely PSU
    for (des in designs[-1]) {
      x <- svychisq(~row + col, des, statistic = "F")
      out("rs", c(x$statistic, x$parameter[1], x$parameter[2], x$p.value))
    }
    for (rule in c(%s)) {
      options(survey.lonely.psu = rule)
      des <- svydesign(ids = ~swv2, strata = ~stratum, weights = ~w, data = d)
      x <- svychisq(~row + col, des, statistic = "F")
      out("lonely", c(x$statistic, x$parameter[1], x$parameter[2], x$p.value))
      t <- svyttest(q2 ~ meting, des)
      out("lonely_t", c(t$estimate, t$estimate / t$statistic, t$conf.int, t$parameter, t$statistic, t$p.value))
    }
    options(survey.lonely.psu = "fail")
    # svyttest per design: q2, and the scale score
    x <- d[, c("q1", "q2", "q3", "q4", "q5")]; x$q3 <- 6 - x$q3
    d$S <- ifelse(rowSums(!is.na(x)) > 0, rowMeans(x, na.rm = TRUE), NA)
    designs <- list(%s)
    for (des in designs) for (f in list(q2 ~ meting, S ~ meting)) {
      t <- svyttest(f, des)
      out("tt", c(t$estimate, t$estimate / t$statistic, t$conf.int, t$parameter, t$statistic, t$p.value))
    }
    # descriptives and top-2
    for (g in c("bao", "sbo", "vo")) for (v in c("q1", "q4")) {
      s <- d[d$g == g & !is.na(d[[v]]), ]
      des <- svydesign(ids = ~1, weights = ~w, data = s)
      out("desc", c(nrow(s), sum(s$w), weighted.mean(s[[v]], s$w),
        sqrt(coef(svyvar(as.formula(paste0("~", v)), des))), min(s[[v]]), max(s[[v]])))
    }
    out("q5", c(mean(d$q5, na.rm = TRUE), sd(d$q5, na.rm = TRUE)))
    # a post-stratified design (calibrated weights: variances on residuals, as svyrecvar)
    pop <- data.frame(g = c("bao", "sbo", "vo"), Freq = c(5000, 1200, 3800))
    ps <- postStratify(svydesign(ids = ~swv, strata = ~stratum, weights = ~w, data = d), ~g, pop)
    t <- svyttest(q2 ~ meting, ps)
    out("cal_t", c(t$estimate, t$estimate / t$statistic, t$conf.int, t$parameter, t$statistic, t$p.value))
    x <- svychisq(~row + col, ps, statistic = "F")
    out("cal_rs", c(x$statistic, x$parameter[1], x$parameter[2], x$p.value))
    for (m in c("2022", "2023")) for (v in c("q1", "q2")) {
      s <- d[d$meting == m & !is.na(d[[v]]), ]
      out("top2", 100 * sum(s$w[s[[v]] >= 4]) / sum(s$w))
    }
  ]=], table.concat(dz, ", "), '"' .. table.concat(lonely_rules, '", "') .. '"', table.concat(dz, ", ")),
  { data = rB })
end)

-- values k0+1 .. k0+len of an R result vector
local function slice(v, k0, len)
  local t = {}
  for k = 1, len do t[k] = v[k0 + k] end
  return t
end

describe("alpha", function()
  R.require_available()

  it("equals psych::alpha (pairwise) with a reversed item and missing codes", function()
    local a = alpha(A, scale)
    local m = a:meta()
    local res = refA()
    assert.are.equal("alpha", m.kind)
    R.assert_close(m.alpha, res.raw[1], "raw alpha")
    R.assert_close(m.std_alpha, res.std[1], "standardised alpha")
    R.assert_close(m.average_r, res.avr[1], "average r")
    R.assert_close(m.mean, res.mean[1], "mean of the total")
    R.assert_close(m.sd, res.sd[1], "sd of the total")
    assert.are.equal(res.nsub[1], m.n)
    R.assert_close(a:values("alpha_drop"), res.drop_raw, "alpha if item deleted")
    R.assert_close(a:values("std_alpha_drop"), res.drop_std, "std alpha if item deleted")
    R.assert_close(a:values("r_drop"), res.r_drop, "item-rest r")
    R.assert_close(a:values("r_total"), res.raw_r, "item-total r")
    R.assert_close(a:values("n"), res.n, "item n")
    R.assert_close(a:values("mean"), res.imean, "item mean")
    R.assert_close(a:values("sd"), res.isd, "item sd")
    assert.are.same({ "", "", "**", "", "" }, a:values("reversed"))
  end)

  it("equals psych::alpha per group and for two items", function()
    local r = alpha(A, { scale, { "q1", "q2" } }, { by = "g" })
    local res = refA()
    assert.are.same({ "bao", "bao", "sbo", "sbo", "vo", "vo" }, r:values("g"))
    R.assert_close(r:values("alpha"), res.g_alpha, "alpha by group")
    R.assert_close(r:values("std_alpha"), res.g_std, "std alpha by group")
    R.assert_close(r:values("n"), res.g_n, "n by group")
    local two = alpha(A:filter(function(row) return row.g == "vo" end), { "q1", "q2" })
    R.assert_close(two:values("alpha_drop"), res.g_drop2, "two-item alpha if deleted")
  end)

  it("names the item or column that is wrong", function()
    local ok, err = pcall(alpha, A, { "q1", "nope" })
    assert.is_false(ok)
    assert.matches('item of scale q1%+nope: no column "nope" in the data', err)
    ok, err = pcall(alpha, A, { "q1", "g" })
    assert.matches('item "g" of scale q1%+g holds text', err)
    ok, err = pcall(alpha, A, { "x", items = { "q1", "q2" }, reversed = { "q2" } })
    assert.matches("reversed items but no points", err)
    local flat = dataset{ { "a", { 1, 2, 3, 4 } }, { "b", { 3, 3, 3, 3 } } }
    ok, err = pcall(alpha, flat, { "a", "b" })
    assert.matches("at least two items that vary", err)
  end)
end)

describe("freq", function()
  R.require_available()

  it("counts, % of all and % of valid, missing codes listed with their labels", function()
    local f = freq(B, "q1")
    local res = refB()
    local parts, values, n, labels = f:values("part"), f:values("value"), f:values("n"), f:values("label")
    local valid_n = {}
    for i = 1, #f do if parts[i] == "valid" then valid_n[#valid_n + 1] = n[i] end end
    assert.are.same(res.q1_n, valid_n)
    local miss = {}
    for i = 1, #f do if parts[i] == "missing" then miss[#miss + 1] = labels[i] end end
    assert.are.same({ "weet niet", "n.v.t.", "(geen antwoord)" }, miss)
    assert.are.equal("total", parts[#f])
    assert.are.equal(#B, n[#f])
    local pv, pa, total_valid = f:values("pct_valid"), f:values("pct"), 0
    for _, x in ipairs(valid_n) do total_valid = total_valid + x end
    for i = 1, #f do
      if parts[i] == "valid" then
        R.assert_close(pv[i], 100 * n[i] / total_valid, "pct_valid " .. values[i])
        R.assert_close(pa[i], 100 * n[i] / #B, "pct " .. values[i])
      end
    end
  end)

  it("weighted percentages by group equal R's prop.table(xtabs(w ~ x))", function()
    local f = freq(B, "q2", { by = "g", weight = "w" })
    local res = refB()
    local gs, parts, pv = f:values("g"), f:values("part"), f:values("pct_valid")
    local got = { bao = {}, sbo = {}, vo = {} }
    for i = 1, #f do
      if parts[i] == "valid" then table.insert(got[gs[i]], pv[i]) end
    end
    for _, g in ipairs({ "bao", "sbo", "vo" }) do R.assert_close(got[g], res["q2_p_" .. g], "weighted % " .. g) end
  end)

  it("treats several yes/no columns as one multiple-response question", function()
    local mr = dataset{ { "a", { 1, 0, 1, nil, 1 } }, { "b", { 1, 1, 0, nil, 0 } }, { "c", { 0, 0, 0, nil, 1 } } }
    local f = freq(mr, { "a", "b", "c" })
    assert.are.same({ 3, 2, 1, 6 }, f:values("n"))
    R.assert_close(f:values("pct"), { 75, 50, 25, 150 }, "% of respondents")
    R.assert_close(f:values("pct_responses"), { 50, 100 / 3, 100 / 6, 100 }, "% of answers")
    assert.is_true(f:meta().multiple)
  end)
end)

describe("crosstab", function()
  R.require_available()

  it("Pearson chi-square equals chisq.test(correct = FALSE), r x c and 2 x 2", function()
    local res = refB()
    local s = B:filter(function(r) return r.g ~= "vo" end)
    for name, tt in pairs({ x = crosstab(B, "row", "col"), y = crosstab(B, "meting", "g"),
      z = crosstab(s, "meting", "g") }) do
      local test = tt:meta().test
      assert.are.equal("pearson", test.method)
      R.assert_close({ test.statistic, test.df, test.p }, res["chisq_" .. name], "chisq " .. name)
    end
  end)

  it("leaves a category without valid pairs out of the test", function()
    local d = dataset{ { "r", { 1, 1, 2, 2, 3, 1, 2, 1, 2, 1 } },
      { "c", { "a", "b", "a", "b", nil, "a", "b", "b", "a", "a" } }, n = 10 }
    local t = crosstab(d, "r", "c"):meta().test
    local u = crosstab(d:filter(function(row) return row.r ~= 3 end), "r", "c"):meta().test
    assert.are.equal(1, t.empty_left_out)
    assert.are.same({ u.statistic, u.df, u.p }, { t.statistic, t.df, t.p })
  end)

  it("row and column percentages add up", function()
    local t = crosstab(B, "row", "col", { layout = "wide", show = "row" })
    local tot = t:values("Totaal")
    for i = 1, #t do R.assert_close(tot[i], 100, "row total " .. i) end
    assert.are.equal("total", t:values("_kind")[#t])
    local l = crosstab(B, "row", "col", { weight = "w" })
    local pc, cols = l:values("pct_col"), l:values("col")
    local sum = {}
    for i = 1, #l do sum[cols[i]] = (sum[cols[i]] or 0) + pc[i] end
    for c, v in pairs(sum) do R.assert_close(v, 100, "column % " .. c) end
  end)

  it("Rao-Scott F equals svychisq(statistic = 'F') for each design", function()
    local res = refB()
    for k = 2, #designs do
      local test = crosstab(B, "row", "col", designs[k][2]):meta().test
      assert.are.equal("rao-scott", test.method)
      R.assert_close({ test.statistic, test.ndf, test.ddf, test.p }, slice(res.rs, 4 * (k - 2), 4),
        "svychisq " .. designs[k][1])
    end
  end)

  it("a lonely PSU follows survey.lonely.psu", function()
    local res = refB()
    for k, rule in ipairs(lonely_rules) do
      local test = crosstab(B, "row", "col", { weight = "w", cluster = "swv2", strata = "stratum",
        lonely_psu = rule }):meta().test
      R.assert_close({ test.statistic, test.ndf, test.ddf, test.p }, slice(res.lonely, 4 * (k - 1), 4),
        "svychisq lonely " .. rule)
    end
    local ok, err = pcall(crosstab, B, "row", "col", { cluster = "swv2", strata = "stratum", lonely_psu = "fail" })
    assert.is_false(ok)
    assert.matches('stratum "4" has only one PSU', err)
  end)

  it("bad design input gives one clear error", function()
    local bad = B:derive("wneg", function(r) return r.w - 1 end)
    local ok, err = pcall(crosstab, bad, "row", "col", { weight = "wneg" })
    assert.is_false(ok)
    assert.matches('weight column "wneg" is negative', err)
    ok, err = pcall(crosstab, B, "row", "col", { cluster = "col" })
    assert.matches('cluster column "col" is missing in row', err)
    ok, err = pcall(crosstab, B, "row", "nope")
    assert.matches('column variable: no column "nope" in the data', err)
    ok, err = pcall(crosstab, B, "row", "col", { wieght = "w" })
    assert.matches('unknown option "wieght" %(did you mean "weight"%?%)', err)
    ok, err = pcall(crosstab, B, "rwo", "col")
    assert.matches('row variable: no column "rwo" in the data %(did you mean "row"%?%)', err)
  end)
end)

describe("compare", function()
  R.require_available()

  it("difference, se, CI and p equal svyttest(y ~ meting) for each design", function()
    local res = refB()
    for k = 1, #designs do
      local r = compare(B, { "q2", scale }, "meting", designs[k][2])
      assert.are.equal(2, #r)
      for i = 1, 2 do
        local got = { r:get(i, "diff"), r:get(i, "se"), r:get(i, "lo"), r:get(i, "hi"), r:get(i, "df"),
          r:get(i, "t"), r:get(i, "p") }
        R.assert_close(got, slice(res.tt, 14 * (k - 1) + 7 * (i - 1), 7),
          string.format("svyttest %s %s", r:get(i, "scale"), designs[k][1]))
      end
      assert.are.same({ "2022", "2022" }, r:values("g1"))
    end
  end)

  it("a lonely PSU follows survey.lonely.psu", function()
    local res = refB()
    for k, rule in ipairs(lonely_rules) do
      local r = compare(B, "q2", "meting", { weight = "w", cluster = "swv2", strata = "stratum", lonely_psu = rule })
      local got = { r:get(1, "diff"), r:get(1, "se"), r:get(1, "lo"), r:get(1, "hi"), r:get(1, "df"),
        r:get(1, "t"), r:get(1, "p") }
      R.assert_close(got, slice(res.lonely_t, 7 * (k - 1), 7), "svyttest lonely " .. rule)
    end
  end)

  it("uses the calibration record of a post-stratified weight, as survey's calibrated designs", function()
    local res = refB()
    local ps = poststratify(B, { by = "g", population = { bao = 5000, sbo = 1200, vo = 3800 }, weight = "w",
      name = "wps" })
    local des = { weight = "wps", cluster = "swv", strata = "stratum" }
    local r = compare(ps, "q2", "meting", des)
    R.assert_close({ r:get(1, "diff"), r:get(1, "se"), r:get(1, "lo"), r:get(1, "hi"), r:get(1, "df"),
      r:get(1, "t"), r:get(1, "p") }, res.cal_t, "svyttest on a post-stratified design")
    local test = crosstab(ps, "row", "col", des):meta().test
    R.assert_close({ test.statistic, test.ndf, test.ddf, test.p }, res.cal_rs, "svychisq on a post-stratified design")
    assert.is_true(test.calibrated)
  end)

  it("needs exactly two groups", function()
    local ok, err = pcall(compare, B, "q1", "g")
    assert.is_false(ok)
    assert.matches('group column "g" must have two values, has 3', err)
    local r = compare(B, "q1", "g", { levels = { "bao", "vo" } })
    assert.are.equal(1, #r)
  end)
end)

describe("descriptives and top2", function()
  R.require_available()

  it("weighted mean, sd (sqrt svyvar), min, max by group", function()
    local r = descriptives(B, { "q1", "q4" }, { by = "g", weight = "w" })
    local res = refB()
    local k = 0
    for i = 1, #r do
      for _, col in ipairs({ "n", "n_w", "mean", "sd", "min", "max" }) do
        k = k + 1
        R.assert_close(r:get(i, col), res.desc[k], col .. " row " .. i)
      end
    end
  end)

  it("unweighted mean and sd are R's", function()
    local r = descriptives(B, "q5")
    R.assert_close({ r:get(1, "mean"), r:get(1, "sd") }, refB().q5, "mean and sd")
  end)

  it("top2: weighted share of valid answers in the two highest categories", function()
    local r = stats.top2(B, { "q1", "q2" }, { by = "meting", weight = "w", points = 5 })
    R.assert_close(r:values("pct"), refB().top2, "top-2 %")
    local r4 = stats.top2(B, "q1", { values = { 1 } })
    assert.are.equal("1", r4:get(1, "top"))
  end)
end)

describe("response", function()
  -- Respondents generated from the published Tabel A.1 (004, Bijlage A) must give it back.
  local function published()
    local f = assert(io.open("examples/data/respons_meting2023.csv"))   -- copy of the published table
    local lines = {}
    for line in f:lines() do lines[#lines + 1] = line end
    f:close()
    return lines
  end

  it("reproduces Tabel A.1 from respondent rows", function()
    local lines = published()
    local header = {}
    for h in (lines[1] .. ","):gmatch("([^,]*),") do header[#header + 1] = h end
    local actor, sector, otype, expect, order = {}, {}, {}, {}, {}
    local ot = { bao = "bao", sbo = "sbo", vo_school = "vo", vso = "vso" }
    local sec = { bao = "po", sbo = "po", vo_school = "vo", vso = "vo" }
    for k = 2, #lines do
      local f = {}
      for v in (lines[k] .. ","):gmatch("([^,]*),") do f[#f + 1] = v end
      local name = f[1]
      order[#order + 1] = name
      expect[name] = {}
      for j = 2, 7 do expect[name][header[j]] = tonumber(f[j]) end
      expect[name].totaal = tonumber(f[8])
      local any = false
      for j = 2, 7 do
        local c = tonumber(f[j])
        if c then
          any = true
          for _ = 1, c do
            local i = #actor + 1
            actor[i] = name
            if header[j] == "po" or header[j] == "vo" then sector[i] = header[j]
            else sector[i] = sec[header[j]]; otype[i] = ot[header[j]] end
          end
        end
      end
      if not any then
        for _ = 1, tonumber(f[8]) do actor[#actor + 1] = name end
      end
    end
    local n = #actor
    local d = dataset{ { "actor", actor }, { "sector", sector }, { "onderwijstype", otype }, n = n }
    local r = stats.response(d, { "actor", "sector", "onderwijstype" }, { levels = { actor = order }, min_n = 15 })
    assert.are.equal("response", r:meta().kind)
    assert.are.same(order, r:values("actor"))
    local colmap = { po = "po", vo = "vo", bao = "bao", sbo = "sbo", vo_school = "vo_onderwijstype", vso = "vso",
      totaal = "totaal" }
    for i = 1, #r do
      local name = r:get(i, "actor")
      for pub, col in pairs(colmap) do
        local want = expect[name][pub]
        local got = r:get(i, col)
        assert.are.equal(want, got, string.format("%s / %s", name, pub))
      end
    end
    -- the report suppressed the sbo cells of ib'ers (n = 12) and leerlingen (n = 8)
    assert.are.equal(2, #r:meta().below_min, table.concat(r:meta().below_min, "; "))
    assert.matches("Ib'ers/oco's sbo %(n=12%)", r:meta().notes[1])
  end)

  it("reproduces Tabel A.1 from the monitor's example data (meting 2023)", function()
    local d = monitor.example():filter(function(r) return r.meting == "2023" end)
    local rows = {
      { "Samenwerkingsverbanden", { "swv" } }, { "Ondersteuners", { "ondersteuner" } },
      { "Schoolbesturen", { "schoolbestuur" } }, { "Beleidsambtenaren", { "beleidsambtenaar" } },
      { "Leerplichtambtenaren", { "leerplichtambtenaar" } }, { "Schoolleiders", { "schoolleider" } },
      { "Ib'ers/oco's", { "ib", "oco" } }, { "Leraren/mentoren", { "leraar", "mentor", "groepsmentor" } },
      { "Ouders", { "ouder" } }, { "Leerlingen", { "leerling" } },
    }
    local level = {}
    for _, a in ipairs(monitor.defs.actors) do level[a.id] = a.level end
    local breakdown = {}
    for _, r in ipairs(rows) do
      local lv = level[r[2][1]]
      breakdown[r[1]] = lv == "sector" and "sector" or lv == "school" and "onderwijstype" or false
    end
    local r = stats.response(d, { "actor", "sector", "onderwijstype" }, { rows = rows, breakdown = breakdown,
      levels = { onderwijstype = { "bao", "sbo", "vo", "vso" }, sector = { "po", "vo" } }, min_n = 15 })
    local lines = published()
    local header = {}
    for h in (lines[1] .. ","):gmatch("([^,]*),") do header[#header + 1] = h end
    local colmap = { po = "po", vo = "vo", bao = "bao", sbo = "sbo", vo_school = "vo_onderwijstype", vso = "vso",
      totaal = "totaal" }
    for k = 2, #lines do
      local f = {}
      for v in (lines[k] .. ","):gmatch("([^,]*),") do f[#f + 1] = v end
      assert.are.equal(f[1], r:get(k - 1, "actor"))
      for j = 2, 8 do
        assert.are.equal(tonumber(f[j]), r:get(k - 1, colmap[header[j]]), f[1] .. " / " .. header[j])
      end
    end
    assert.are.same({ "Ib'ers/oco's sbo (n=12)", "Leerlingen sbo (n=8)" }, r:meta().below_min)
  end)

  it("gives response rates from a population frame", function()
    local d = dataset{ { "actor", { "a", "a", "a", "b", "b" } }, { "sector", { "po", "vo", "vo", nil, nil } }, n = 5 }
    local pop = dataset{ { "actor", { "a", "a", "b" } }, { "sector", { "po", "vo", nil } }, { "N", { 4, 10, 8 } } }
    local r = stats.response(d, { "actor", "sector" }, pop)
    R.assert_close({ r:get(1, "po_pct"), r:get(1, "vo_pct"), r:get(1, "totaal_pct") }, { 25, 20, 100 * 3 / 14 }, "rates a")
    R.assert_close(r:get(2, "totaal_pct"), 25, "rate b")
    assert.is_nil(r:get(2, "po"))
  end)
end)

describe("add_classes", function()
  it("adds a typology's classes and points as columns usable as a grouping", function()
    local d = dataset{ { "a1", { 3, 1, 3, 3, 2, 3 } }, { "a2", { 3, 3, 1, 3, nil, 1 } },
      { "cijfer", { 8, 6, 7, 9, 5, 7 } } }
    local t = stats.typology{ components = { { id = "A", items = { { "a1", { 3 } }, { "a2", { 3 } } },
      cuts = { { 0, 0, "achter" }, { 1, 1, "midden" }, { 2, nil, "voor" } } } } }
    assert.are.equal(d, stats.add_classes(d, t))
    assert.are.same({ "voor", "midden", "midden", "voor", "achter", "midden" }, d:values("A"))
    assert.are.same({ 2, 1, 1, 2, 0, 1 }, d:values("A_punten"))
    local f = freq(d, "A")
    assert.are.same({ 1, 3, 2, 6 }, f:values("n"))
    local r = descriptives(d, "cijfer", { by = "A" })
    assert.are.same({ "achter", "midden", "voor" }, r:values("A"))
    R.assert_close(r:values("mean"), { 5, 20 / 3, 8.5 }, "mean by class")
    -- the classes keep the typology's order in freq and crosstab
    local t2 = stats.typology{ components = { { id = "B", items = { { "a1", { 3 } }, { "a2", { 3 } } },
      cuts = { { 0, 0, "laag" }, { 1, 1, "midden" }, { 2, nil, "hoog" } } } } }
    stats.add_classes(d, t2, { points = false })
    assert.is_false(d:has("B_punten"))
    local fb = freq(d, "B")
    assert.are.same({ "laag", "midden", "hoog" }, { fb:get(1, "value"), fb:get(2, "value"), fb:get(3, "value") })
    local cb = crosstab(d, "B", "A", { layout = "wide" })
    assert.are.same({ "laag", "midden", "hoog", "Totaal" }, cb:values("B"))
    assert.are.same({ "hoog", "laag", "midden" },
      { freq(d, "B", { order = { "hoog" } }):get(1, "value"), freq(d, "B", { order = { "hoog" } }):get(2, "value"),
        freq(d, "B", { order = { "hoog" } }):get(3, "value") })
    local ok, err = pcall(stats.add_classes, d, { 1 })
    assert.is_false(ok)
    assert.matches("expected a typology", err)
  end)
end)

describe("groupings and scale objects", function()
  it("accepts estimate's stats.grouping{} (by name or object) and scale{} objects", function()
    local d = dataset{ { "ot", { "bao", "sbo", "vo", "vso", "bao" } }, { "y", { 1, 2, 3, 4, 5 } },
      { "z", { 2, 2, 4, 5, 5 } } }
    stats.grouping{ "stats_sector", from = "ot", map = { bao = "po", sbo = "po", vo = "vo", vso = "vo" } }
    local r = descriptives(d, "y", { by = "stats_sector" })
    assert.are.same({ "po", "vo" }, r:values("stats_sector"))
    R.assert_close(r:values("mean"), { 8 / 3, 3.5 }, "mean by grouping")
    local big = stats.grouping{ "stats_big", fn = function(row) return row.y > 2 and "ja" or "nee" end }
    local f = freq(d, "y", { by = big })
    local totals = {}
    for i = 1, #f do
      if f:get(i, "part") == "total" then totals[f:get(i, "stats_big")] = f:get(i, "n") end
    end
    assert.are.same({ ja = 3, nee = 2 }, totals)
    local s = _G.scale{ "yz", items = { "y", "z" }, points = 5 }
    local a = alpha(d, s)
    assert.are.equal("yz", a:meta().scale)
    R.assert_close(descriptives(d, s):get(1, "mean"), 3.3, "scale score mean")
  end)
end)
