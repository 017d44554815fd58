-- estimate(), scores(), scale{}, grouping{}, indicator{} and the monitor rules.
-- Means, se and intervals are checked against R's survey package on data generated here:
--   svyby(~S, ~g, svydesign(...), svymean, na.rm = TRUE); confint(df = degf(design))
local R = dofile("tests/support/r.lua")

-- A small deterministic generator (the same numbers on every platform).
local function rng(seed)
  local s = seed
  return function(n)
    s = (s * 1103515245 + 12345) % 2147483648
    local u = s / 2147483648
    if n then return 1 + math.floor(u * n) end
    return u
  end
end

-- Respondent data: strata with clusters (ids unique over strata), groups, weights, four
-- 5-point items with missing codes 8/9, and a plain numeric y with holes.
-- lonely: strata given as {clusters...}; stratum "s4" has one PSU when lonely is true.
local function gen(seed, nrows, opts)
  opts = opts or {}
  local r = rng(seed)
  local cols = { st = {}, cl = {}, g = {}, h = {}, w = {}, N = {}, Nr = {}, q1 = {}, q2 = {}, q3 = {}, q4 = {}, y = {} }
  local strata = opts.lonely and { { 1, 2, 3 }, { 4, 5 }, { 6, 7, 8, 9 }, { 10 } }
                 or { { 1, 2, 3 }, { 4, 5, 6 }, { 7, 8, 9, 10 }, { 11, 12 } }
  local popsize = { 10, 8, 20, 5 }
  local groups = { "a", "b", "c" }
  for i = 1, nrows do
    local sidx = r(#strata)
    local cls = strata[sidx]
    local c = cls[r(#cls)]
    cols.st[i] = "s" .. sidx
    cols.cl[i] = c
    cols.N[i] = popsize[sidx]
    cols.Nr[i] = popsize[sidx] * 100  -- population rows, for designs without clusters
    cols.g[i] = groups[r(3)]
    cols.h[i] = r(2)
    cols.w[i] = 0.5 + 2.5 * r()
    local base = 1 + r(4) + (c % 3 == 0 and 1 or 0)
    for k = 1, 4 do
      local v = math.min(5, math.max(1, base + r(3) - 2))
      local u = r()
      if u < 0.06 then v = 8 elseif u < 0.1 then v = 9 end
      cols["q" .. k][i] = v
    end
    cols.y[i] = r() < 0.1 and nil or (r() * 10 + c)
  end
  -- f: sampling fraction of PSUs per stratum (PSUs present / population PSUs)
  local present = {}
  for i = 1, nrows do
    present[cols.st[i]] = present[cols.st[i]] or {}
    present[cols.st[i]][cols.cl[i]] = true
  end
  cols.f = {}
  for i = 1, nrows do
    local k = 0
    for _ in pairs(present[cols.st[i]]) do k = k + 1 end
    cols.f[i] = k / cols.N[i]
  end
  local spec = { n = nrows }
  for _, name in ipairs{ "st", "cl", "N", "Nr", "f", "g", "h", "w", "q1", "q2", "q3", "q4", "y" } do
    spec[#spec + 1] = { name, cols[name] }
  end
  return dataset(spec), spec
end

local S = scale{ "S", items = { "q1", "q2", "q3", "q4" }, reversed = { "q3" }, missing = { 8, 9 },
                 min_valid = 2, label = "Schaal S" }

-- R code computing the scale score S the same way, independently.
local r_scores = [[
library(survey)
it <- d[, c("q1", "q2", "q3", "q4")]
it[it == 8 | it == 9] <- NA
it$q3 <- 6 - it$q3
cnt <- rowSums(!is.na(it))
d$S <- ifelse(cnt >= 2, rowMeans(it, na.rm = TRUE), NA)
]]

-- One R run per dataset: each case adds its svyby under its own prefix (R starts slowly).
-- case = { id, des = "svydesign(...)", var = "S" | "y", df = "degf(des)" | "Inf", lonely = opt }
local function case_code(c)
  local var = c.var or "S"
  return string.format([[
local({
  op <- options(survey.lonely.psu = %q)
  des <- %s
  r <- svyby(~%s, ~g, des, svymean, na.rm = TRUE)
  ci <- confint(r, df = %s)
  p <- "%s."
  out(paste0(p, "mean"), coef(r)); out(paste0(p, "se"), SE(r))
  out(paste0(p, "lo"), ci[, 1]); out(paste0(p, "hi"), ci[, 2]); out(paste0(p, "degf"), degf(des))
  v <- svyby(~%s, ~g, subset(des, !is.na(%s)), svyvar, na.rm = TRUE)
  out(paste0(p, "sd"), sqrt(coef(v)))
  out(paste0(p, "n"), tapply(!is.na(d$%s), d$g, sum))
  options(op)
})
]], c.lonely or "adjust", c.des, var, c.df or "degf(des)", c.id, var, var, var)
end

local function batch(spec, cases, extra)
  local parts = { r_scores, "d$f <- ave(d$cl, d$st, FUN = function(x) length(unique(x))) / d$N\n" }
  for _, c in ipairs(cases) do parts[#parts + 1] = case_code(c) end
  parts[#parts + 1] = extra or ""
  return R.run(table.concat(parts), { data = spec })
end

-- Compares passend's estimate with case c of the batch results res.
-- The computation checks compare every cell with R, small and imprecise ones too: they state
-- a rule that suppresses nothing (suppressed rows carry no values; see "suppression" below).
local SHOW_ALL = { suppress = { min_n = 0, max_range = math.huge } }

local function check(res, d, c, est_opts)
  local var = c.var or "S"
  est_opts.by = "g"
  est_opts.rules = SHOW_ALL
  local e = estimate(d, var == "S" and S or var, est_opts)
  local p = c.id .. "."
  assert.are.equal(#res[p .. "mean"], #e)
  for _, k in ipairs{ "mean", "se", "lo", "hi", "sd", "n" } do
    local got = {}
    for i = 1, #e do got[i] = e:get(i, k) end
    R.assert_close(got, res[p .. k], c.id .. " " .. k)
  end
  if not c.df then assert.are.equal(res[p .. "degf"][1], e:get(1, "df")) end
  return e
end

local main_cases = {
  { id = "none", des = "svydesign(ids = ~1, data = d)", opts = {} },
  { id = "w", des = "svydesign(ids = ~1, weights = ~w, data = d)", opts = { weight = "w" } },
  { id = "cl", des = "svydesign(ids = ~cl, weights = ~w, data = d)", opts = { weight = "w", cluster = "cl" } },
  { id = "clst", des = "svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)",
    opts = { weight = "w", cluster = "cl", strata = "st" } },
  { id = "st", des = "svydesign(ids = ~1, strata = ~st, weights = ~w, data = d)",
    opts = { weight = "w", strata = "st" } },
  { id = "stfpc", des = "svydesign(ids = ~1, strata = ~st, weights = ~w, fpc = ~Nr, data = d)",
    opts = { weight = "w", strata = "st", fpc = "Nr" } },
  { id = "sty", var = "y", des = "svydesign(ids = ~1, strata = ~st, data = d)", opts = { strata = "st" } },
  { id = "fpc", des = "svydesign(ids = ~cl, strata = ~st, weights = ~w, fpc = ~N, data = d)",
    opts = { weight = "w", cluster = "cl", strata = "st", fpc = "N" } },
  { id = "fpcfrac", des = "svydesign(ids = ~cl, strata = ~st, weights = ~w, fpc = ~f, data = d)",
    opts = { weight = "w", cluster = "cl", strata = "st", fpc = "f" } },
  { id = "y", var = "y", des = "svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)",
    opts = { weight = "w", cluster = "cl", strata = "st" } },
  { id = "normal", df = "Inf", des = "svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)",
    opts = { weight = "w", cluster = "cl", strata = "st", df = "normal" } },
}

-- R code for the 'mean of item means' check: the linearised influence of the average of the
-- item ratios, totalled by svytotal (which adds the weights and the design).
local function items_code(prefix, des)
  return [==[
des <- ]==] .. des .. [==[

it2 <- it
it2[is.na(d$S), ] <- NA
d$gh <- paste(d$g, d$h)
for (k in sort(unique(d$gh))) {
  inn <- d$gh == k
  u <- rep(0, nrow(d)); m <- 0
  for (j in 1:4) {
    ok <- inn & !is.na(it2[[j]])
    B <- sum(d$w[ok]); Rk <- sum(d$w[ok] * it2[[j]][ok]) / B
    m <- m + Rk / 4
    u[ok] <- u[ok] + (it2[[j]][ok] - Rk) / B / 4   # svytotal multiplies by w
  }
  des2 <- update(des, u = u)
  out(paste0("]==] .. prefix .. [==[.mean", k), m)
  out(paste0("]==] .. prefix .. [==[.se", k), SE(svytotal(~u, des2)))
}
]==]
end

-- For each lonely_psu option: estimate y by g with design opts and compare the columns cols
-- (and df) with R's res[option .. "." .. col].
local function check_lonely(d, res, options, opts, cols)
  for _, o in ipairs(options) do
    local eo = { by = "g", lonely_psu = o, rules = SHOW_ALL }
    for k, v in pairs(opts) do eo[k] = v end
    local e = estimate(d, "y", eo)
    assert.are.equal(3, #e)
    for _, k in ipairs(cols) do
      local got = {}
      for i = 1, #e do got[i] = e:get(i, k) end
      R.assert_close(got, res[o .. "." .. k], o .. " " .. k)
    end
    assert.are.equal(res[o .. ".degf"][1], e:get(1, "df"))
  end
end

describe("estimate against R survey", function()
  R.require_available()
  local d, spec = gen(20240601, 600)
  local res
  local function results()
    res = res or batch(spec, main_cases,
      items_code("items", "svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)") ..
      items_code("items_st", "svydesign(ids = ~1, strata = ~st, weights = ~w, data = d)"))
    return res
  end

  for _, c in ipairs(main_cases) do
    it("design " .. c.id .. ": " .. c.des, function()
      local e = check(results(), d, c, c.opts)
      if c.df == "Inf" then assert.are.equal(math.huge, e:get(1, "df")) end
    end)
  end

  for _, c in ipairs{ { "items", "with clusters", { weight = "w", cluster = "cl", strata = "st" } },
                     { "items_st", "without clusters", { weight = "w", strata = "st" } } } do
    it("by two columns and the 'mean of item means' score (linearised jointly), " .. c[2], function()
      local r = results()
      local opts = { by = { "g", "h" }, score = "items", rules = SHOW_ALL }
      for k, v in pairs(c[3]) do opts[k] = v end
      local e = estimate(d, S, opts)
      assert.are.equal(6, #e)
      for i = 1, #e do
        local k = e:get(i, "g") .. " " .. math.tointeger(e:get(i, "h"))
        R.assert_close(e:get(i, "mean"), r[c[1] .. ".mean" .. k][1], "mean " .. k)
        R.assert_close(e:get(i, "se"), r[c[1] .. ".se" .. k][1], "se " .. k)
      end
    end)
  end

  describe("with a lonely PSU", function()
    local dl, specl = gen(777, 500, { lonely = true })
    local lres
    local cases = {}
    for _, opt in ipairs{ "adjust", "average", "certainty", "remove" } do
      cases[#cases + 1] = { id = opt, lonely = opt, des = "svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)",
                            opts = { weight = "w", cluster = "cl", strata = "st", lonely_psu = opt } }
    end
    local function lresults()
      lres = lres or batch(specl, cases, [[
options(survey.lonely.psu = "fail")
des <- svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)
out("fail", tryCatch({ svyby(~S, ~g, des, svymean, na.rm = TRUE); 0 }, error = function(e) 1))
]])
      return lres
    end
    for _, c in ipairs(cases) do
      it("lonely_psu = " .. c.id, function() check(lresults(), dl, c, c.opts) end)
    end
    it("lonely_psu = fail raises an error naming the stratum, as R does", function()
      assert.are.equal(1, lresults().fail[1])
      local ok, err = pcall(estimate, dl, S, { by = "g", weight = "w", cluster = "cl", strata = "st",
                                              lonely_psu = "fail" })
      assert.is_false(ok)
      assert.matches('stratum "s4" has only one PSU', err)
    end)
    it("the options give different standard errors on this data", function()
      local r = lresults()
      assert.are_not.equal(r["adjust.se"][1], r["average.se"][1])
      assert.are_not.equal(r["adjust.se"][1], r["remove.se"][1])
      assert.are_not.equal(r["average.se"][1], r["remove.se"][1])
    end)
  end)

  it("without clusters: a one-row stratum, zero weights and missing values, for each lonely option", function()
    local r = rng(9191)
    local st, g, y, w = {}, {}, {}, {}
    for i = 1, 240 do
      st[i] = i == 240 and "s4" or "s" .. r(3)   -- s4: one row, a lonely PSU
      g[i] = ({ "a", "b", "c" })[r(3)]
      y[i] = r() < 0.1 and nil or r() * 5 + (st[i] == "s2" and 1 or 0)
      w[i] = r() < 0.1 and 0 or 1 + r()
    end
    y[240] = 3.5
    local spec = { { "st", st }, { "g", g }, { "y", y }, { "w", w }, n = 240 }
    local d = dataset(spec)
    local res = R.run([[
library(survey)
for (o in c("adjust", "average", "certainty", "remove")) {
  options(survey.lonely.psu = o)
  des <- svydesign(ids = ~1, strata = ~st, weights = ~w, data = d)
  r <- svyby(~y, ~g, des, svymean, na.rm = TRUE)
  out(paste0(o, ".mean"), coef(r)); out(paste0(o, ".se"), SE(r)); out(paste0(o, ".degf"), degf(des))
}]], { data = spec })
    check_lonely(d, res, { "adjust", "average", "certainty", "remove" }, { weight = "w", strata = "st" },
      { "mean", "se" })
    local ok, err = pcall(estimate, d, "y", { by = "g", weight = "w", strata = "st", lonely_psu = "fail" })
    assert.is_false(ok)
    assert.matches('stratum "s4" has only one PSU', err)
  end)

  it("with zero weights and missing values, for each lonely option (degf and sd count nonzero weights)", function()
    local r = rng(4242)
    local st, cl, g, y, w = {}, {}, {}, {}, {}
    local strata = { { 1, 2, 3 }, { 4, 5 }, { 6, 7, 8, 9 }, { 10 } }
    for i = 1, 300 do
      local h = r(4)
      st[i] = "s" .. h
      cl[i] = strata[h][r(#strata[h])]
      g[i] = ({ "a", "b", "c" })[r(3)]
      y[i] = r() < 0.1 and nil or r() * 5 + cl[i] * 0.3
      w[i] = r() < 0.15 and 0 or 1 + r()
    end
    local spec = { { "st", st }, { "cl", cl }, { "g", g }, { "y", y }, { "w", w }, n = 300 }
    local d = dataset(spec)
    local res = R.run([[
library(survey)
for (o in c("adjust", "average", "remove")) {
  options(survey.lonely.psu = o)
  des <- svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)
  r <- svyby(~y, ~g, des, svymean, na.rm = TRUE)
  ci <- confint(r, df = degf(des))
  out(paste0(o, ".mean"), coef(r)); out(paste0(o, ".se"), SE(r))
  out(paste0(o, ".lo"), ci[, 1]); out(paste0(o, ".hi"), ci[, 2]); out(paste0(o, ".degf"), degf(des))
  v <- svyby(~y, ~g, subset(des, !is.na(y)), svyvar, na.rm = TRUE)
  out(paste0(o, ".sd"), sqrt(coef(v)))
}]], { data = spec })
    check_lonely(d, res, { "adjust", "average", "remove" }, { weight = "w", cluster = "cl", strata = "st" },
      { "mean", "se", "lo", "hi", "sd" })
  end)
end)

describe("estimate result", function()
  local d = gen(99, 200)

  it("has the contract's columns, meta and one row per group x scale", function()
    local e = estimate(d, { S, "y" }, { by = "g", weight = "w", cluster = "cl", rules = SHOW_ALL })
    local want = { "g", "scale", "label", "points", "n", "n_w", "mean", "sd", "se", "lo", "hi", "range",
                   "df", "flag", "shown", "reason", "band" }
    assert.are.same(want, e.columns)
    assert.are.equal(6, #e)
    assert.are.equal("a", e:get(1, "g"))
    assert.are.equal("S", e:get(1, "scale"))
    assert.are.equal("Schaal S", e:get(1, "label"))
    assert.are.equal(5, e:get(1, "points"))
    assert.are.equal("y", e:get(2, "scale"))
    assert.is_nil(e:get(2, "points"))
    assert.are.equal("", e:get(2, "band"))
    local m = e:meta()
    assert.are.equal("estimate", m.kind)
    assert.are.same({ "g" }, m.by)
    assert.are.equal(0.95, m.settings.conf)
    assert.are.equal("design", m.settings.df_rule)
    assert.are.equal("adjust", m.settings.lonely_psu)
    assert.are.equal("w", m.settings.weight)
    assert.are.equal(S, m.scales.S)
    for i = 1, #e do
      R.assert_close(e:get(i, "range"), e:get(i, "hi") - e:get(i, "lo"), "range")
    end
  end)

  -- Groups by brute force: the sorted distinct combinations of the by-values (nil = no
  -- group), with the unweighted count and mean of y per group.
  local function brute_groups(cols, y)
    local seen, list = {}, {}
    for i = 1, #y do
      local vals, ok = {}, true
      for j = 1, #cols do
        vals[j] = cols[j][i]
        if vals[j] == nil then ok = false end
      end
      if ok then
        local k = table.concat(vals, "\0", 1, #cols)
        local g = seen[k]
        if not g then g = { vals = vals, n = 0, sum = 0 }; seen[k] = g; list[#list + 1] = g end
        if y[i] then g.n = g.n + 1; g.sum = g.sum + y[i] end
      end
    end
    table.sort(list, function(a, b)
      for j = 1, #cols do
        if a.vals[j] ~= b.vals[j] then return a.vals[j] < b.vals[j] end
      end
      return false
    end)
    return list
  end

  local function check_groups(cols, names, y, opts)
    local spec = { n = #y, { "y", y } }
    for j = 1, #cols do spec[#spec + 1] = { names[j], cols[j] } end
    local e = estimate(dataset(spec), "y", opts or { by = names, rules = SHOW_ALL })
    local want = brute_groups(cols, y)
    assert.are.equal(#want, #e)
    for i, g in ipairs(want) do
      for j = 1, #cols do assert.are.equal(g.vals[j], e:get(i, names[j])) end
      assert.are.equal(g.n, e:get(i, "n"))
      R.assert_close(g.sum / g.n, e:get(i, "mean"), "mean of group " .. i)
    end
  end

  it("orders groups by the by-values: text, whole and fractional numbers, missing values", function()
    local r = rng(31337)
    local a, b, c, y = {}, {}, {}, {}
    for i = 1, 400 do
      a[i] = r() < 0.05 and nil or ({ "po", "vo", "so" })[r(3)]
      b[i] = r() < 0.05 and nil or 2018 + r(6)          -- whole numbers: the direct table
      c[i] = ({ -1.5, 0, 0.25, 2.5 })[r(4)]              -- fractional: the hash
      y[i] = r() < 0.1 and nil or r() * 4
    end
    check_groups({ a, b, c }, { "a", "b", "c" }, y)
    check_groups({ c, a }, { "c", "a" }, y)
  end)

  it("groups by combinations beyond 31 bits (wide keys) in the same order", function()
    local r = rng(2718)
    local a, b, c, y = {}, {}, {}, {}
    for i = 1, 4000 do
      a[i] = r(4000) * 1000 + 0.5       -- ~2,500 distinct values per column: 1.6e10 combinations
      b[i] = "k" .. r(4000)
      c[i] = r(4000) - 2000
      y[i] = r() * 3
    end
    check_groups({ a, b, c }, { "a", "b", "c" }, y)
  end)

  -- Every column of two estimate results, compared exactly (NaN equals NaN).
  local function same_result(a, b)
    assert.are.same(a.columns, b.columns)
    assert.are.equal(#a, #b)
    for i = 1, #a do
      for _, c in ipairs(a.columns) do
        local x, y = a:get(i, c), b:get(i, c)
        if not (x ~= x and y ~= y) then assert.are.equal(x, y, c .. " in row " .. i) end
      end
    end
  end

  it("gives the same numbers on any number of threads (scales, items, user-missing, calibrated)", function()
    local dd = gen(4711, 900)
    local um = {}
    for i = 1, #dd do um[i] = i % 7 == 0 and 99 or dd:get(i, "y") end
    local d2 = dataset{ n = #dd, { "g", dd:values("g") }, { "h", dd:values("h") }, { "st", dd:values("st") },
      { "cl", dd:values("cl") }, { "w", dd:values("w") }, { "q1", dd:values("q1") }, { "q2", dd:values("q2") },
      { "q3", dd:values("q3") }, { "q4", dd:values("q4") }, { "y", dd:values("y") },
      { "um", um, missing = { 99 } } }
    local T = scale{ "T", items = { "q1", "q2" }, missing = { 8, 9 } }
    local what = { S, "y", T, "um", scale{ "U", items = { "q2", "q4" }, missing = { 8, 9 }, min_valid = 2 } }
    for _, design in ipairs{ { weight = "w", cluster = "cl", strata = "st" }, { weight = "w", strata = "st" }, {} } do
      for _, score in ipairs{ "person", "items" } do
        local o1 = { by = { "g", "h" }, score = score, threads = 1 }
        for k, v in pairs(design) do o1[k] = v end
        local o3 = {}
        for k, v in pairs(o1) do o3[k] = v end
        o3.threads = 3
        same_result(estimate(d2, what, o1), estimate(d2, what, o3))
      end
    end
    local pop = { a = 300, b = 280, c = 350 }
    local ps = poststratify(d2, { by = "g", population = pop, weight = "w", name = "wps" })
    local e1 = estimate(ps, what, { by = "h", weight = "wps", threads = 1 })
    assert.is_true(e1:meta().settings.calibrated)
    same_result(e1, estimate(ps, what, { by = "h", weight = "wps", threads = 3 }))
    local auto = estimate(d2, what, { by = "g", weight = "w" })
    same_result(estimate(d2, what, { by = "g", weight = "w", threads = 2 }), auto)
  end)

  it("reports the first bad value in the order given, on any number of threads", function()
    local dd = dataset{ { "a", { 1, 2, 3, 4 } }, { "b", { 1, 7, 2, 3 } }, { "c", { 6, 1, 1, 1 } } }
    local A = scale{ "A", items = { "a" } }
    local B = scale{ "B", items = { "b" } }
    local C = scale{ "C", items = { "c" } }
    for _, th in ipairs{ 1, 2, 3 } do
      local ok, err = pcall(estimate, dd, { A, B, C }, { threads = th })
      assert.is_false(ok)
      assert.matches('scale "B": item "b" has value 7 in row 2', err)
    end
    assert.has_error(function() estimate(dd, A, { threads = 9 }) end)
    assert.has_error(function() estimate(dd, A, { threads = 1.5 }) end)
  end)

  it("applies flag, suppression and band from the rules", function()
    local e = estimate(d, S, { by = "g", rules = { suppress = { min_n = 1000 } } })
    for i = 1, #e do
      assert.are.equal(0, e:get(i, "shown"))
      assert.are.equal("n", e:get(i, "reason"))
      assert.are.equal("", e:get(i, "band"))
    end
    local e2 = estimate(d, S, { by = "g", rules = { flag = { lo = 0, hi = 100 }, suppress = { min_n = 1 } } })
    for i = 1, #e2 do
      assert.are.equal(1, e2:get(i, "shown"))
      assert.are.equal("*", e2:get(i, "flag"))
      assert.are.equal(rules.band(e2:get(i, "mean"), 5), e2:get(i, "band"))
    end
  end)

  it("accepts named groupings and grouping objects in by", function()
    stats.grouping{ "gg", from = "g", map = { a = "x", b = "x", c = "y" } }
    local e = estimate(d, S, { by = "gg" })
    assert.are.equal(2, #e)
    assert.are.equal("x", e:get(1, "gg"))
    local base = estimate(dataset{ { "gg", (function()
      local t = {}
      for i = 1, #d do t[i] = d:get(i, "g") == "c" and "y" or "x" end
      return t
    end)() }, { "q1", d:values("q1") }, { "q2", d:values("q2") }, { "q3", d:values("q3") },
      { "q4", d:values("q4") } }, S, { by = "gg" })
    for i = 1, 2 do assert.are.equal(base:get(i, "mean"), e:get(i, "mean")) end
    local big = stats.grouping{ "big", function(row) return row.cl > 6 and "groot" or "klein" end }
    local e2 = estimate(d, S, { by = { big } })
    assert.are.same({ "groot", "klein" }, { e2:get(1, "big"), e2:get(2, "big") })
  end)

  it("runs Lua indicators with the same rules", function()
    local top2 = stats.indicator{ "top2", points = 5, compute = function(g)
      local v, k, m = g:values("q1"), 0, 0
      for i = 1, g.n do
        if v[i] and v[i] <= 5 then m = m + 1; if v[i] >= 4 then k = k + 1 end end
      end
      return { mean = k / m, n = m }
    end }
    local e = estimate(d, { S, top2 }, { by = "g", weight = "w" })
    assert.are.equal(6, #e)
    assert.are.equal("top2", e:get(2, "scale"))
    local rows = 0
    for i = 1, #d do if d:get(i, "g") == "a" and d:get(i, "q1") <= 5 then rows = rows + 1 end end
    assert.are.equal(rows, e:get(2, "n"))
    local ind = stats.indicator{ "gemiddelde_q2", compute = function(g) return g:mean("q2") end }
    local e2 = estimate(d, ind, { by = "g" })
    assert.are.equal(3, #e2)
  end)
end)

describe("scores", function()
  it("averages valid items after reversing, drops missing codes, honours min_valid", function()
    local d = dataset{ { "q1", { 1, 2, 8, 5 } }, { "q2", { 5, 4, 3, 9 } }, { "q3", { 1, nil, 2, 9 } }, n = 4 }
    local s = scale{ "s", items = { "q1", "q2", "q3" }, reversed = { "q3" }, missing = { 8, 9 }, min_valid = 2 }
    local out = data.scores(d, s)
    assert.are.equal(11 / 3, out:get(1, "s"))
    assert.are.equal(3, out:get(2, "s"))
    assert.are.equal(3.5, out:get(3, "s"))
    assert.is_nil(out:get(4, "s"))
    assert.are.same({ "q1", "q2", "q3" }, d.columns)      -- original untouched
    assert.are.same({ "q1", "q2", "q3", "s" }, out.columns)
  end)

  it("uses the column's user-missing codes and reverses 3-point items as 4 - x", function()
    local d = dataset{ { "a", { 1, 2, 3, 0 }, missing = { 0 } }, { "b", { 3, 3, 1, 2 } } }
    local s = scale{ "t", items = { "a", "b" }, reversed = { "b" }, points = 3 }
    local out = data.scores(d, s)
    assert.are.same({ 1, 1.5, 3, 2 }, out:values("t"))
  end)

  it("treats codes labelled 'weet niet', 'n.v.t.' ... as missing (Bijlage A)", function()
    local d = dataset{ { "a", { 1, 6, 3, 7 }, value_labels = { [6] = " Weet niet", [7] = "n.v.t.", [1] = "oneens" } },
                       { "b", { 5, 4, 6, 2 }, value_labels = { [6] = "geen zicht op" } } }
    local s = scale{ "u", items = { "a", "b" } }
    assert.are.same({ 3, 4, 3, 2 }, data.scores(d, s):values("u"))
    local e = estimate(d, s, { rules = SHOW_ALL })
    assert.are.equal(3, e:get(1, "mean"))
    -- without the label rule 6 is an answer out of range
    local ok, err = pcall(estimate, d, s, { rules = { missing_labels = {} } })
    assert.is_false(ok)
    assert.matches('scale "u": item "a" has value 6 in row 2', err)
  end)

  it("gives clear errors", function()
    local d = dataset{ { "q1", { 1, 7 } }, { "txt", { "x", "y" } }, { "w", { 1, -1 } }, { "c", { 1, nil } },
                       { "w2", { 1, nil } }, n = 2 }
    local function err(f) local ok, e = pcall(f); assert.is_false(ok); return e end
    assert.matches('scale "s": unknown item column "zz"', err(function() data.scores(d, scale{ "s", items = { "zz" } }) end))
    assert.matches('scale "s": item "txt" is a text column', err(function() data.scores(d, scale{ "s", items = { "txt" } }) end))
    assert.matches('scale "s": item "q1" has value 7 in row 2, expected 1..5', err(function() data.scores(d, scale{ "s", items = { "q1" } }) end))
    assert.matches('scale "s": points must be a whole number from 2 to 11, found 12', err(function() scale{ "s", items = { "q1" }, points = 12 } end))
    assert.matches('scale "s": reversed item "q9"', err(function() scale{ "s", items = { "q1" }, reversed = { "q9" } } end))
    local s = scale{ "s", items = { "q1" }, missing = { 7 } }
    assert.matches('weight column "w" has a negative', err(function() estimate(d, s, { weight = "w" }) end))
    assert.matches('weight column "w2" has a missing value in row 2', err(function() estimate(d, s, { weight = "w2" }) end))
    assert.matches('cluster column "c" has a missing value in row 2', err(function() estimate(d, s, { cluster = "c" }) end))
    assert.matches('what: no column "nope" in the data', err(function() estimate(d, "nope") end))
    assert.matches('by: no column or grouping "nope"', err(function() estimate(d, s, { by = "nope" }) end))
    assert.matches('unknown option "bye"', err(function() estimate(d, s, { bye = "c" }) end))
  end)
end)

describe("monitor rules", function()
  it("flags 0.5 <= range < 1.0", function()
    assert.are.equal("", rules.flag(0.4999))
    assert.are.equal("*", rules.flag(0.5))
    assert.are.equal("*", rules.flag(0.9999))
    assert.are.equal("", rules.flag(1.0))
  end)

  it("suppresses Tabel A.1's groups of 12 and 8 and shows 19, 20 and 24", function()
    for _, n in ipairs{ 8, 12 } do
      local shown, reason = rules.suppress(n, 0.3)
      assert.is_false(shown); assert.are.equal("n", reason)
    end
    for _, n in ipairs{ 19, 20, 24 } do assert.is_true((rules.suppress(n, 0.3))) end
    local shown, reason = rules.suppress(100, 1.0)
    assert.is_false(shown); assert.are.equal("range", reason)
    local s = rules.resolve{ extra = { { name = "eigen", suppress = function(row) return row.n < 200 end } } }
    local _, why = rules.suppress(100, 0.2, s, { n = 100 })
    assert.are.equal("eigen", why)
  end)

  it("bands 5-point values as displayed (rounded to one decimal)", function()
    local cases = { { 2.2, "rood" }, { 3.0, "rood" }, { 3.04, "rood" }, { 3.06, "geel" }, { 3.5, "geel" },
                    { 3.54, "geel" }, { 3.56, "lichtgroen" }, { 4.2, "lichtgroen" }, { 4.24, "lichtgroen" },
                    { 4.26, "donkergroen" }, { 5, "donkergroen" } }
    for _, c in ipairs(cases) do assert.are.equal(c[2], rules.band(c[1], 5), tostring(c[1])) end
    -- half-up on the decimal string, as format.number prints: 3.05 -> 3,1 and 4.25 -> 4,3
    assert.are.equal("3,1", format.number(3.05, 1))
    assert.are.equal("geel", rules.band(3.05, 5))
    assert.are.equal("4,3", format.number(4.25, 1))
    assert.are.equal("donkergroen", rules.band(4.25, 5))
    local raw = rules.resolve{ band_decimals = false }
    assert.are.equal("rood", rules.band(3.0, 5, raw))
    assert.are.equal("geel", rules.band(3.04, 5, raw))
    assert.are.equal("lichtgroen", rules.band(3.54, 5, raw))
    assert.are.equal("donkergroen", rules.band(4.25, 5, raw))
    assert.are.equal("lichtgroen", rules.band(4.2499, 5, raw))
  end)

  it("bands 3-point values with cuts 2, 2.5 and 2.75", function()
    local cases = { { 1.5, "rood" }, { 2.0, "rood" }, { 2.04, "rood" }, { 2.1, "geel" }, { 2.5, "geel" },
                    { 2.7, "lichtgroen" }, { 2.8, "donkergroen" }, { 3, "donkergroen" } }
    for _, c in ipairs(cases) do assert.are.equal(c[2], rules.band(c[1], 3), tostring(c[1])) end
    local raw = rules.resolve{ band_decimals = false }
    assert.are.equal("lichtgroen", rules.band(2.74, 3, raw))
    assert.are.equal("donkergroen", rules.band(2.75, 3, raw))
    assert.are.equal("", rules.band(0 / 0, 3))
  end)

  it("rejects unknown settings", function()
    assert.has_error(function() rules.resolve{ supress = { min_n = 3 } } end)
  end)
end)
