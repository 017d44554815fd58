-- Group tests of the toolkit (chisq_test, fisher_test, t_test, wilcox_test) against R's
-- chisq.test, fisher.test, t.test and wilcox.test on data generated here, to 1e-9 relative.
local R = dofile("tests/support/r.lua")

local function rmat(m)
  local vals = {}
  for j = 1, #m[1] do for i = 1, #m do vals[#vals + 1] = tostring(m[i][j]) end end
  return string.format("matrix(c(%s), nrow = %d)", table.concat(vals, ","), #m)
end

local function random_table(r, c, lo, hi)
  local m = {}
  for i = 1, r do
    m[i] = {}
    for j = 1, c do m[i][j] = math.random(lo, hi) end
  end
  return m
end

-- Long data for two-sample tests: case, g (1 or 2), x.
local function two_samples(cases)
  local case, g, x = {}, {}, {}
  for k, cs in ipairs(cases) do
    for gi, sample in ipairs({ cs[1], cs[2] }) do
      for _, v in ipairs(sample) do case[#case + 1] = k; g[#g + 1] = gi; x[#x + 1] = v end
    end
  end
  return { { "case", case }, { "g", g }, { "x", x } }
end

local function normal(mu, sd)
  local u1, u2 = math.random(), math.random()
  return mu + sd * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)
end

describe("toolkit group tests against R", function()
  R.require_available()
  math.randomseed(20130401)

  it("chisq_test equals chisq.test (with and without Yates)", function()
    local tables = {}
    for _, shape in ipairs({ { 2, 2 }, { 2, 2 }, { 2, 3 }, { 3, 4 }, { 5, 2 }, { 2, 2 } }) do
      tables[#tables + 1] = random_table(shape[1], shape[2], 3, 60)
    end
    tables[#tables + 1] = { { 2, 62 }, { 6, 34 } }   -- 002 Tabel 2-9 autismeklas
    local code = {}
    for k, m in ipairs(tables) do
      code[#code + 1] = string.format(
        "m <- %s; a <- suppressWarnings(chisq.test(m)); b <- suppressWarnings(chisq.test(m, correct = FALSE))\n" ..
        "out('s%d', c(a$statistic, a$p.value, b$statistic, b$p.value, a$parameter))", rmat(m), k)
    end
    local res = R.run(table.concat(code, "\n"))
    for k, m in ipairs(tables) do
      local a, b = stats.chisq_test(m), stats.chisq_test(m, { correct = false })
      local r = res["s" .. k]
      R.assert_close(a:get(1, "statistic"), r[1], "chisq statistic " .. k)
      R.assert_close(a:get(1, "p"), r[2], "chisq p " .. k)
      R.assert_close(b:get(1, "statistic"), r[3], "chisq statistic (no correction) " .. k)
      R.assert_close(b:get(1, "p"), r[4], "chisq p (no correction) " .. k)
      assert.are.equal(r[5], a:get(1, "df"))
      -- the key figures are the same numbers
      local key = a:meta().key
      assert.are.same({ "X-squared", "df", "p" }, { key[1].label, key[2].label, key[3].label })
      assert.are.equal(a:get(1, "statistic"), key[1].value)
      assert.are.equal(a:get(1, "p"), key[3].value)
    end
  end)

  it("chisq_test cross-tabulates two vectors", function()
    local x, y = {}, {}
    for i = 1, 80 do x[i] = ({ "po", "vo" })[math.random(1, 2)]; y[i] = math.random(1, 3) end
    x[1] = nil                                   -- a missing first value is a vector, not options
    local res = R.run("out('p', suppressWarnings(chisq.test(table(d$x, d$y)))$p.value)",
      { data = { { "x", x, n = 80 }, { "y", y } } })
    R.assert_close(stats.chisq_test(x, y):get(1, "p"), res.p[1], "chisq p from vectors")
    y[1] = nil
    R.assert_close(stats.chisq_test(y, x):get(1, "p"), res.p[1], "chisq p from vectors, first y missing")
  end)

  it("fisher_test equals fisher.test on 2x2 and r x c tables", function()
    local tables = { { { 2, 62 }, { 6, 34 } }, { { 5, 59 }, { 11, 29 } }, { { 0, 7 }, { 4, 1 } } }
    for _, shape in ipairs({ { 2, 2 }, { 2, 3 }, { 3, 3 }, { 2, 5 }, { 4, 3 }, { 3, 2 } }) do
      tables[#tables + 1] = random_table(shape[1], shape[2], 0, 8)
    end
    local code = {}
    for k, m in ipairs(tables) do
      code[#code + 1] = string.format("out('f%d', fisher.test(%s)$p.value)", k, rmat(m))
    end
    local res = R.run(table.concat(code, "\n"))
    for k, m in ipairs(tables) do
      R.assert_close(stats.fisher_test(m):get(1, "p"), res["f" .. k][1], "fisher p " .. k)
    end
  end)

  it("t_test equals t.test, Welch and pooled", function()
    local cases = {}
    for k = 1, 6 do
      local a, b = {}, {}
      for i = 1, math.random(4, 30) do a[i] = normal(5, 1 + k / 3) end
      for i = 1, math.random(4, 30) do b[i] = normal(5.6, 1) end
      cases[k] = { a, b }
    end
    local res = R.run([[
      for (k in sort(unique(d$case))) {
        x <- d$x[d$case == k & d$g == 1]; y <- d$x[d$case == k & d$g == 2]
        a <- t.test(x, y); b <- t.test(x, y, var.equal = TRUE); c <- t.test(x, y, mu = 0.3, conf.level = 0.9)
        out(paste0("t", k), c(a$statistic, a$parameter, a$p.value, b$statistic, b$parameter, b$p.value))
        out(paste0("e", k), c(a$estimate, a$stderr, a$conf.int, b$stderr, b$conf.int, c$statistic, c$p.value, c$conf.int))
      }]], { data = two_samples(cases) })
    local function row(r, ...)
      local out = {}
      for i, c in ipairs({ ... }) do out[i] = r:get(1, c) end
      return out
    end
    for k, cs in ipairs(cases) do
      local a, b = stats.t_test(cs[1], cs[2]), stats.t_test(cs[1], cs[2], { var_equal = true })
      local c = stats.t_test(cs[1], cs[2], { mu = 0.3, conf = 0.9 })
      local r = res["t" .. k]
      local ra, rb = row(a, "statistic", "df", "p"), row(b, "statistic", "df", "p")
      R.assert_close({ ra[1], ra[2], ra[3], rb[1], rb[2], rb[3] }, r, "t-test " .. k)
      local e = row(a, "mean_x", "mean_y", "stderr", "lo", "hi")
      local eb, ec = row(b, "stderr", "lo", "hi"), row(c, "statistic", "p", "lo", "hi")
      R.assert_close({ e[1], e[2], e[3], e[4], e[5], eb[1], eb[2], eb[3], ec[1], ec[2], ec[3], ec[4] }, res["e" .. k],
        "t-test estimates, stderr and conf.int " .. k)
      assert.are.equal(#cs[1], a:get(1, "n_x"))
      assert.are.equal(#cs[2], a:get(1, "n_y"))
      assert.are.equal("Welch Two Sample t-test", a:meta().method)
      assert.are.equal(" Two Sample t-test", b:meta().method)
    end
  end)

  it("wilcox_test equals wilcox.test: exact, ties, large samples, no correction", function()
    local cases = {}
    local function sample(n, mu, digits)
      local s = {}
      for i = 1, n do
        local v = normal(mu, 1)
        if digits then v = math.floor(v * 10 ^ digits + 0.5) / 10 ^ digits end
        s[i] = v
      end
      return s
    end
    cases[1] = { sample(6, 0), sample(8, 0.8) }          -- exact
    cases[2] = { sample(12, 0), sample(9, 0.2) }         -- exact
    cases[3] = { sample(15, 0, 0), sample(14, 1, 0) }    -- ties: normal approximation
    cases[4] = { sample(55, 0), sample(60, 0.3) }        -- large: normal approximation
    cases[5] = { { 1, 2, 3, 4, 5 }, { 6, 7, 8, 9, 10 } } -- extreme exact
    local res = R.run([[
      for (k in sort(unique(d$case))) {
        x <- d$x[d$case == k & d$g == 1]; y <- d$x[d$case == k & d$g == 2]
        a <- suppressWarnings(wilcox.test(x, y)); b <- suppressWarnings(wilcox.test(x, y, correct = FALSE, exact = FALSE))
        out(paste0("w", k), c(a$statistic, a$p.value, b$p.value))
      }]], { data = two_samples(cases) })
    for k, cs in ipairs(cases) do
      local a = stats.wilcox_test(cs[1], cs[2])
      local b = stats.wilcox_test(cs[1], cs[2], { correct = false, exact = false })
      local r = res["w" .. k]
      R.assert_close(a:get(1, "statistic"), r[1], "W " .. k)
      R.assert_close(a:get(1, "p"), r[2], "wilcox p " .. k)
      R.assert_close(b:get(1, "p"), r[3], "wilcox p (normal, no correction) " .. k)
    end
  end)

  it("weighted percentages, batteries and multiple response equal R's weighted tables", function()
    local n = 120
    local g, q, w, x1, x2, i2 = {}, {}, {}, {}, {}, {}
    for i = 1, n do
      g[i] = ({ "po", "vo", "so" })[math.random(1, 3)]
      q[i] = math.random(1, 5)
      if q[i] == 5 then q[i] = 9 end                    -- 9 = missing code
      w[i] = 0.2 + 3 * math.random()
      x1[i], x2[i] = math.random(0, 1), math.random(0, 1)
      i2[i] = math.random(1, 4)
    end
    local d = { { "g", g }, { "q", q }, { "w", w }, { "x1", x1 }, { "x2", x2 }, { "i2", i2 }, n = n }
    local res = R.run([[
      v <- d[d$q != 9, ]
      tab <- prop.table(xtabs(w ~ q + g, v), 2) * 100
      for (gg in c("po", "so", "vo")) out(paste0("p_", gg), tab[, gg])
      out("tot", prop.table(xtabs(w ~ q, v)) * 100)
      out("all", prop.table(xtabs(w ~ q, d)) * 100)
      out("bat", prop.table(xtabs(w ~ i2, d)) * 100)
      out("mr", c(sum(d$w * d$x1), sum(d$w * d$x2)) / sum(d$w) * 100)
      out("mrr", c(sum(d$w * d$x1), sum(d$w * d$x2)) / sum(d$w * (d$x1 + d$x2)) * 100)
    ]], { data = d })
    local t = percentages(d, "q", { by = "g", weight = "w", missing = { 9 }, total = true })
    for _, gg in ipairs({ "po", "so", "vo" }) do
      local got = {}
      for k = 1, 4 do got[k] = t:get(k, gg) end
      R.assert_close(got, res["p_" .. gg], "weighted % " .. gg)
    end
    local tot = {}
    for k = 1, 4 do tot[k] = t:get(k, "Totaal") end
    R.assert_close(tot, res.tot, "weighted % total")
    local a = percentages(d, "q", { weight = "w", base = "all" })
    local all = {}
    for k = 1, 5 do all[k] = a:get(k, "Totaal") end
    R.assert_close(all, res.all, "weighted % of all")
    local b = stats.battery(d, { "i2" }, { categories = { 1, 2, 3, 4 }, weight = "w" })
    R.assert_close({ b:get(1, "1"), b:get(1, "2"), b:get(1, "3"), b:get(1, "4") }, res.bat, "weighted battery")
    assert.are.equal(n, b:get(1, "n"))
    local m = stats.mr_table(d, { vars = { "x1", "x2" } }, { weight = "w", percent = "both" })
    R.assert_close({ m:get(1, "Totaal % cases"), m:get(2, "Totaal % cases") }, res.mr, "weighted mr % cases")
    R.assert_close({ m:get(1, "Totaal % responses"), m:get(2, "Totaal % responses") }, res.mrr, "weighted mr % responses")
    assert.are.equal(n, m:get(3, "Totaal % cases"))
  end)

  it("marks, pools and fails clearly", function()
    assert.are.equal("*", stats.mark(0.049))
    assert.are.equal("", stats.mark(0.05))
    assert.are.equal("**", stats.mark(0.001, 0.01, "**"))
    local v, n = stats.pool({ 3.4, 2.9 }, { 16, 13 })
    assert.is_true(math.abs(v - (3.4 * 16 + 2.9 * 13) / 29) < 1e-12)
    assert.are.equal(29, n)
    assert.has_error(function() stats.t_test({ 1 }, { 2, 3 }) end, "t_test: each group needs at least 2 observations")
    assert.has_error(function() stats.chisq_test({ { 1, 2 } }) end)
    assert.has_error(function() stats.fisher_test({ { 1, 2 }, { 3 } }) end)
  end)
end)
