-- factor() against R's psych::fa and psych::principal (oblimin through GPArotation) on data
-- generated here: loadings, h2, u2, com, eigenvalues, variance accounted for and Phi to 1e-6
-- absolute, the fit statistics to 1e-6 relative; then the errors and the printed result.
-- PASSEND_FACTOR_REPORT=1 prints the largest difference from R per quantity.
local R = dofile("tests/support/r.lua")

local TOL = 1e-6

-- A small LCG so that the data do not depend on math.random's algorithm; normal deviates by
-- Box-Muller.
local function generator(seed)
  local state = 987654321 + seed * 7919
  local function u()
    state = (state * 1103515245 + 12345) % 2147483648
    return (state + 0.5) / 2147483648
  end
  local function normal()
    return math.sqrt(-2 * math.log(u())) * math.cos(2 * math.pi * u())
  end
  return u, normal
end

-- n rows of items driven by correlated factors: item j = sum_f L[j][f] F_f + noise, made a
-- 1..points answer when points is given (else kept continuous, rounded to 3 decimals).
-- pmiss: share of system-missing answers; pcode: share of the codes 8 / 9 (user-missing).
-- Returns the dataset, the same data for R (codes as NA) and the item names.
local function gen(t)
  local u, normal = generator(t.seed)
  local p, nf = #t.loadings, #t.loadings[1]
  local names, cols = {}, {}
  for j = 1, p do names[j] = t.prefix .. j; cols[j] = {} end
  local w = {}
  for i = 1, t.n do
    local f, prev = {}, 0
    for a = 1, nf do   -- neighbouring factors correlate 0.3
      f[a] = 0.3 * prev + math.sqrt(1 - 0.09) * normal()
      prev = f[a]
    end
    for j = 1, p do
      local s, v = 0, 0
      for a = 1, nf do s = s + t.loadings[j][a] * f[a]; v = v + t.loadings[j][a] ^ 2 end
      local x = s + math.sqrt(math.max(1 - v, 0.01)) * normal()
      if t.points then
        x = math.floor(x * t.points / 4 + (t.points + 1) / 2 + 0.5)
        x = math.max(1, math.min(t.points, x))
        if t.reversed and t.reversed[j] then x = t.points + 1 - x end
      else
        x = math.floor(x * 1000 + 0.5) / 1000
      end
      local m = u()
      if m < (t.pmiss or 0) then x = nil
      elseif m < (t.pmiss or 0) + (t.pcode or 0) then x = m < (t.pmiss or 0) + (t.pcode or 0) / 2 and 8 or 9 end
      cols[j][i] = x
    end
    w[i] = 0.2 + 2.5 * u()
  end
  local spec, rdata = { n = t.n }, {}
  for j = 1, p do
    spec[j] = { names[j], cols[j], missing = t.pcode and { 8, 9 } or nil }
    local v = {}
    for i = 1, t.n do
      local x = cols[j][i]
      v[i] = (x ~= 8 and x ~= 9 or not t.pcode) and x or nil
    end
    rdata[j] = { names[j], v, n = t.n }
  end
  spec[#spec + 1] = { "w", w }
  rdata[#rdata + 1] = { "w", w, n = t.n }
  return dataset(spec), rdata, names
end

local function lazy(fn)
  local ok, v
  return function()
    if ok == nil then ok, v = pcall(fn) end
    if not ok then error(v, 0) end
    return v
  end
end

-- The R side: every configuration of a data set in one R run. A configuration is
-- {tag, method, rotate, k, use, weighted}; out() names are tag.quantity.
local R_CODE = [[
suppressMessages({library(psych); library(GPArotation)})
items <- c(%s)
x0 <- d[, items]
keep <- rowSums(!is.na(x0)) > 0
x0 <- x0[keep, ]
w0 <- d$w[keep]
emit <- function(tag, f, pca) {
  q <- function(s) paste0(tag, ".", s)
  L <- unclass(f$loadings)
  out(q("L"), as.vector(t(L)))
  out(q("h2"), f$communality)
  out(q("u2"), f$uniquenesses)
  out(q("com"), f$complexity)
  out(q("values"), f$values)
  out(q("evalues"), if (pca) f$values else f$e.values)
  V <- f$Vaccounted
  out(q("ss"), V[1, ]); out(q("prop"), V[2, ])
  if (nrow(V) > 2) { out(q("cum"), V[3, ]); out(q("pexp"), V[4, ]); out(q("cexp"), V[5, ]) }
  if (!is.null(f$Phi)) out(q("phi"), as.vector(t(f$Phi)))
  out(q("n"), f$n.obs)
  out(q("fit"), c(f$objective, f$rms, f$STATISTIC, f$dof, f$fit.off, f$chi, f$PVAL, f$EPVAL,
                  f$null.model, f$null.dof, f$fit))
  if (!pca) out(q("fa"), c(f$crms, f$TLI, f$RMSEA[1], f$BIC, f$null.chisq, f$nh))
}
cfgs <- list(%s)
for (c in cfgs) {
  if (c$weighted) {
    cc <- complete.cases(x0) & w0 > 0
    # cov2cor: psych::principal takes cov.wt's correlations, whose diagonal can be 1 + 2e-16,
    # for raw data in its fit statistics; fa applies cov2cor itself
    xr <- cov2cor(cov.wt(x0[cc, ], wt = w0[cc], cor = TRUE)$cor)
    f <- if (c$fm == "pca") principal(xr, c$k, rotate = c$rot, n.obs = sum(cc))
         else fa(xr, c$k, fm = c$fm, rotate = c$rot, n.obs = sum(cc))
  } else {
    x <- if (c$use == "complete") na.omit(x0) else x0
    f <- if (c$fm == "pca") principal(x, c$k, rotate = c$rot) else fa(x, c$k, fm = c$fm, rotate = c$rot)
  }
  emit(c$tag, f, c$fm == "pca")
}
]]

local function r_reference(rdata, names, configs)
  local q = {}
  for i, nm in ipairs(names) do q[i] = '"' .. nm .. '"' end
  local cl = {}
  for i, c in ipairs(configs) do
    cl[i] = string.format('list(tag = "%s", fm = "%s", rot = "%s", k = %d, use = "%s", weighted = %s)',
      c[1], c[2], c[3], c[4], c[5] or "pairwise", c.weighted and "TRUE" or "FALSE")
  end
  return R.run(string.format(R_CODE, table.concat(q, ", "), table.concat(cl, ",\n  ")), { data = rdata })
end

-- The largest absolute difference per quantity, over all comparisons.
local maxdiff = {}
local function note(what, d)
  if not maxdiff[what] or d > maxdiff[what] then maxdiff[what] = d end
end

local function close_abs(a, b, what, tol)
  assert(type(a) == "number" and type(b) == "number", what .. ": expected numbers")
  local d = math.abs(a - b)
  if a ~= a and b ~= b then d = 0 end
  if not (d <= tol) then
    error(string.format("%s: passend %.17g vs R %.17g (abs. diff %.3g)", what, a, b, d), 2)
  end
  return d
end

local function vec_abs(a, b, what, kind)
  assert(#a == #b, string.format("%s: %d values vs %d from R", what, #a, #b))
  for i = 1, #a do note(kind, close_abs(a[i], b[i], string.format("%s[%d]", what, i), TOL)) end
end

local function rel(a, b, what, kind)
  R.assert_close(a, b, what, TOL)
  if a == a and b == b and a ~= b then
    note(kind, math.abs(a - b) / math.max(math.abs(a), math.abs(b)))
  end
end

-- Compares factor()'s result with R's numbers for the configuration tag.
local function check(res, ref, tag, k, pca, heywood)
  local m = res:meta()
  local p = #res
  local L = {}
  for i = 1, p do
    for j = 1, k do L[#L + 1] = res:get(i, "F" .. j) end
  end
  vec_abs(L, ref[tag .. ".L"], tag .. " loadings", "loadings")
  vec_abs(res:values("h2"), ref[tag .. ".h2"], tag .. " h2", "h2")
  vec_abs(res:values("u2"), ref[tag .. ".u2"], tag .. " u2", "u2")
  vec_abs(res:values("com"), ref[tag .. ".com"], tag .. " com", "com")
  vec_abs(m.values, ref[tag .. ".values"], tag .. " values", "eigenvalues")
  vec_abs(m.eigenvalues, ref[tag .. ".evalues"], tag .. " e.values", "eigenvalues")
  vec_abs(m.ss_loadings, ref[tag .. ".ss"], tag .. " SS loadings", "variance explained")
  vec_abs(m.prop_var, ref[tag .. ".prop"], tag .. " Proportion Var", "variance explained")
  if k > 1 then
    vec_abs(m.cum_var, ref[tag .. ".cum"], tag .. " Cumulative Var", "variance explained")
    vec_abs(m.prop_explained, ref[tag .. ".pexp"], tag .. " Proportion Explained", "variance explained")
    vec_abs(m.cum_explained, ref[tag .. ".cexp"], tag .. " Cumulative Proportion", "variance explained")
  end
  if ref[tag .. ".phi"] then
    assert(m.phi, tag .. ": R has Phi, passend none")
    local phi = {}
    for a = 1, k do for b = 1, k do phi[#phi + 1] = m.phi[a][b] end end
    vec_abs(phi, ref[tag .. ".phi"], tag .. " Phi", "Phi")
  else
    assert.is_nil(m.phi, tag .. ": passend has Phi, R none")
  end
  assert.are.equal(ref[tag .. ".n"][1], m.n, tag .. " n.obs")
  local f, fit = ref[tag .. ".fit"], m.fit
  rel(fit.objective, f[1], tag .. " objective", "objective")
  rel(fit.rms, f[2], tag .. " RMSR", "RMSR")
  rel(fit.chisq, f[3], tag .. " STATISTIC", "chi-square")
  assert.are.equal(f[4], fit.dof, tag .. " dof")
  rel(fit.fit_off, f[5], tag .. " fit.off", "other fit")
  rel(fit.emp_chisq, f[6], tag .. " empirical chi", "chi-square")
  if f[4] > 0 then
    rel(fit.chisq_p, f[7], tag .. " PVAL", "p")
    rel(fit.emp_p, f[8], tag .. " EPVAL", "p")
  end
  rel(fit.null_objective, f[9], tag .. " null.model", "objective")
  assert.are.equal(f[10], fit.null_dof, tag .. " null.dof")
  rel(fit.fit, f[11], tag .. " fit", "other fit")
  if not pca then
    local g = ref[tag .. ".fa"]
    if f[4] > 0 then
      rel(fit.crms, g[1], tag .. " crms", "RMSR")
      rel(fit.rmsea, g[3], tag .. " RMSEA", "other fit")
      rel(fit.bic, g[4], tag .. " BIC", "other fit")
    end
    rel(fit.tli, g[2], tag .. " TLI", "other fit")
    rel(fit.null_chisq, g[5], tag .. " null.chisq", "chi-square")
    rel(fit.nh, g[6], tag .. " harmonic n", "other fit")
  end
  if heywood then
    -- psych returns these without a word (minres even from a failed line search); passend says so
    assert.is_true(m.heywood >= 1, tag .. ": expected a Heywood case")
    assert.matches("Heywood", table.concat(m.notes, " "))
    assert.matches("LET OP: Heywood", tostring(res))
  else
    assert.is_true(m.converged, tag .. ": the fit did not converge")
  end
end

local function run_configs(d, items, ref, configs)
  for _, c in ipairs(configs) do
    local tag, method, rot, k, use = c[1], c[2], c[3], c[4], c[5]
    local opts = { method = method, rotate = rot, nfactors = k, use = use }
    if c.weighted then opts.weight = "w"; opts.use = nil end
    local res = factor(d, c.scale or items, opts)
    check(res, ref, tag, k, method == "pca", c.heywood)
  end
end

-- Two correlated factors, 8 five-point items (a cross-loading), 5% system-missing and 4%
-- the codes 8 / 9.
local A, rA, itemsA = gen{ prefix = "a", seed = 1, n = 320, points = 5, pmiss = 0.05, pcode = 0.04,
  loadings = { {.75, 0}, {.65, .15}, {.6, 0}, {.7, 0}, {0, .7}, {0, .75}, {.1, .6}, {0, .55} } }
local cfgA = {
  { "m1", "minres", "none", 1 }, { "m2n", "minres", "none", 2 }, { "m2v", "minres", "varimax", 2 },
  { "m2o", "minres", "oblimin", 2 }, { "l2n", "ml", "none", 2 }, { "l2v", "ml", "varimax", 2 },
  { "l2o", "ml", "oblimin", 2 }, { "l1", "ml", "none", 1 }, { "p2n", "pca", "none", 2 },
  { "p2v", "pca", "varimax", 2 }, { "p2o", "pca", "oblimin", 2 }, { "p1", "pca", "none", 1 },
  { "m2oc", "minres", "oblimin", 2, "complete" }, { "l2vc", "ml", "varimax", 2, "complete" },
  { "p2vc", "pca", "varimax", 2, "complete" }, { "m3o", "minres", "oblimin", 3 },
}
local refA = lazy(function() return r_reference(rA, itemsA, cfgA) end)

-- Three factors, 12 continuous items, 3% missing.
local B, rB, itemsB = gen{ prefix = "b", seed = 2, n = 450, pmiss = 0.03,
  loadings = { {.7, 0, 0}, {.6, 0, .1}, {.65, 0, 0}, {.5, .2, 0}, {0, .7, 0}, {0, .6, 0}, {0, .55, 0},
    {.1, .6, 0}, {0, 0, .7}, {0, 0, .65}, {0, .1, .6}, {0, 0, .5} } }
local cfgB = {
  { "m3o", "minres", "oblimin", 3 }, { "l3o", "ml", "oblimin", 3 }, { "m3v", "minres", "varimax", 3 },
  { "l3n", "ml", "none", 3 }, { "p3v", "pca", "varimax", 3 }, { "p3o", "pca", "oblimin", 3 },
  { "m2o", "minres", "oblimin", 2 }, { "l3oc", "ml", "oblimin", 3, "complete" },
  { "m3vc", "minres", "varimax", 3, "complete" },
}
local refB = lazy(function() return r_reference(rB, itemsB, cfgB) end)

-- One factor, 5 five-point items with c3 worded the other way (reversed through a scale),
-- no missing values; weights for the cov.wt correlations.
local C, rC, itemsC = gen{ prefix = "c", seed = 3, n = 180, points = 5, reversed = { [3] = true },
  loadings = { {.7}, {.65}, {.6}, {.55}, {.5} } }
for i = 1, #rC[3][2] do rC[3][2][i] = 6 - rC[3][2][i] end   -- R gets c3 turned back
local scaleC = scale{ "c", items = itemsC, reversed = { "c3" }, points = 5 }
local cfgC = {
  { "m1", "minres", "none", 1, scale = scaleC }, { "l1", "ml", "none", 1, scale = scaleC },
  { "p1", "pca", "none", 1, scale = scaleC }, { "m2o", "minres", "oblimin", 2, scale = scaleC },
  { "wm1", "minres", "none", 1, scale = scaleC, weighted = true },
  { "wl1", "ml", "none", 1, scale = scaleC, weighted = true },
  { "wp1", "pca", "none", 1, scale = scaleC, weighted = true },
  { "wm2v", "minres", "varimax", 2, scale = scaleC, weighted = true },
}
local refC = lazy(function() return r_reference(rC, itemsC, cfgC) end)

-- One item loading .99 on the factor, four items, 120 rows: a Heywood case (the uniqueness
-- reaches psych's lower bound 0.005).
local D, rD, itemsD = gen{ prefix = "h", seed = 6, n = 120, loadings = { {.99}, {.6}, {.5}, {.45} } }
local cfgD = { { "hm", "minres", "none", 1, heywood = true }, { "hl", "ml", "none", 1, heywood = true } }
local refD = lazy(function() return r_reference(rD, itemsD, cfgD) end)

describe("factor against psych", function()
  it("two factors with missing values and missing codes: minres, ml, pca; none, varimax, oblimin; pairwise and complete", function()
    R.require_available()
    run_configs(A, itemsA, refA(), cfgA)
  end)

  it("three factors: oblique and orthogonal rotations, too few factors, complete rows", function()
    R.require_available()
    run_configs(B, itemsB, refB(), cfgB)
  end)

  it("one factor with a reversed item through a scale, and weighted correlations (cov.wt)", function()
    R.require_available()
    run_configs(C, itemsC, refC(), cfgC)
  end)

  it("a Heywood case: the same answer as psych, and a visible note", function()
    R.require_available()
    run_configs(D, itemsD, refD(), cfgD)
  end)

  it("pairwise and complete correlations give different answers (both checked above)", function()
    R.require_available()
    local pw = factor(A, itemsA, { nfactors = 2 })
    local cc = factor(A, itemsA, { nfactors = 2, use = "complete" })
    assert.is_true(cc:meta().n < pw:meta().n)
    assert.are_not.equal(pw:get(1, "F1"), cc:get(1, "F1"))
    assert.are.equal("pairwise", pw:meta().use)
    assert.is_true(pw:meta().n_pairs_min < pw:meta().n_pairs_max)
  end)

  it("reports the largest differences from R when asked", function()
    if os.getenv("PASSEND_FACTOR_REPORT") then
      R.require_available()
      refA(); refB(); refC(); refD()
      local keys = {}
      for k in pairs(maxdiff) do keys[#keys + 1] = k end
      table.sort(keys)
      for _, k in ipairs(keys) do io.stderr:write(string.format("factor vs psych, max diff %-20s %.3g\n", k, maxdiff[k])) end
    end
  end)
end)

describe("factor errors", function()
  local function err(f, ...)
    local ok, e = pcall(f, ...)
    assert.is_false(ok, "expected an error")
    return tostring(e)
  end

  it("refuses more factors than the items allow", function()
    assert.matches("2 factors from 4 items: at most 1",
      err(factor, A, { "a1", "a2", "a3", "a4" }, { nfactors = 2 }))
    assert.matches("3 factors from 4 items: at most 1", err(factor, A, { "a1", "a2", "a3", "a4" }, { nfactors = 3, method = "ml" }))
    assert.matches("nfactors must be 1 to 4", err(factor, A, { "a1", "a2", "a3", "a4" }, { nfactors = 5, method = "pca" }))
    assert.matches("nfactors must be a whole number", err(factor, A, itemsA, { nfactors = 1.5 }))
    assert.matches("at least 2 items", err(factor, A, { "a1" }, { method = "pca" }))
    assert.matches('item "a2" is listed twice', err(factor, A, { "a1", "a2", "a2", "a3" }))
  end)

  it("names a constant item, a pair without common rows and a text column", function()
    local n = 60
    local c, h1, h2, t = {}, {}, {}, {}
    for i = 1, n do
      c[i] = 3
      h1[i] = i <= 30 and (i % 5) + 1 or nil
      h2[i] = i > 30 and (i % 4) + 1 or nil
      t[i] = "x" .. i
    end
    local d = dataset{ { "a1", A:head(n):values("a1") }, { "a2", A:head(n):values("a2") }, { "const", c },
      { "half1", h1 }, { "half2", h2 }, { "txt", t }, n = n }
    assert.matches('item "const": item has no variance', err(factor, d, { "a1", "a2", "const" }))
    assert.matches('items "half1" and "half2": items have fewer than 3 respondents in common',
      err(factor, d, { "a1", "half1", "half2" }))
    assert.matches('holds text', err(factor, d, { "a1", "a2", "txt" }))
    assert.matches('no column "nope" in the data', err(factor, d, { "a1", "a2", "nope" }))
  end)

  it("refuses too few rows, and ml on a correlation matrix that is not positive definite", function()
    assert.matches("too few rows", err(factor, A:head(2), { "a1", "a2", "a3" }))
    local few = B:head(8)
    assert.matches("not positive definite", err(factor, few, itemsB, { method = "ml", use = "complete" }))
  end)

  it("rejects unknown options and values", function()
    assert.matches('unknown option "nfactor"', err(factor, A, itemsA, { nfactor = 2 }))
    assert.matches('option method must be one of "minres", "ml", "pca", got "pa"', err(factor, A, itemsA, { method = "pa" }))
    assert.matches('rotate must be', err(factor, A, itemsA, { rotate = "promax" }))
    assert.matches('use must be', err(factor, A, itemsA, { use = "everything" }))
    assert.matches('a weight needs complete rows', err(factor, A, itemsA, { weight = "w", use = "pairwise" }))
    assert.matches('expected a dataset', err(factor, {}, itemsA))
    assert.matches('expected a list of items', err(factor, A))
  end)
end)

describe("factor result", function()
  it("prints method, rotation, n and the variance explained before the loadings", function()
    local r = factor(A, itemsA, { nfactors = 2 })
    local s = tostring(r)
    local pm, pv, pt = s:find("Methode minres, rotatie oblimin, 8 items, n = %d+"), s:find("Verklaarde variantie: F1 "),
      s:find("\n +item +F1 +F2 +h2 +u2 +com")
    assert.is_truthy(pm, s)
    assert.is_truthy(pv, s)
    assert.is_truthy(pt, s)
    assert.is_true(pm < pv and pv < pt, s)
    assert.matches("Factorcorrelaties: F1%-F2", s)
    assert.matches("RMSR", s)
    for line in s:gmatch("[^\n]+") do assert.is_true(utf8.len(line) <= 80, line) end
    local m = r:meta()
    assert.are.equal("factor", m.kind)
    assert.are.equal('psych::fa(x, nfactors = 2, fm = "minres", rotate = "oblimin")', m.r_call)
    assert.are.same(itemsA, r:values("item"))
  end)

  it("says so, visibly, when the fit did not converge", function()
    local r = factor(A, itemsA, { nfactors = 2, maxit = 1 })
    local m = r:meta()
    assert.is_false(m.converged)
    assert.are.equal(1, m.convergence)
    assert.matches("niet geconvergeerd", m.notes[1])
    assert.matches("LET OP: niet geconvergeerd", tostring(r))
  end)

  it("defaults: minres with oblimin, pca with varimax, one factor not rotated", function()
    assert.are.equal("oblimin", factor(A, itemsA, { nfactors = 2 }):meta().rotation)
    assert.are.equal("varimax", factor(A, itemsA, { nfactors = 2, method = "pca" }):meta().rotation)
    assert.are.equal("none", factor(A, itemsA):meta().rotation)
    assert.matches("geen rotatie", tostring(factor(A, itemsA)))
  end)
end)

describe("lesson 15: from items to scales", function()
  it("runs in Dutch and English", function()
    local run = dofile("tests/support/run.lua")
    local out, err, code = run.passend("-e " .. run.q("lesson(15); lesson(15, 'en')"))
    assert.are.equal(0, code, err)
    assert.matches("Les 15: Van items naar schalen", out)
    assert.matches("Lesson 15: From items to scales", out)
    assert.matches("Methode minres, rotatie oblimin, 8 items", out)
  end)

  it("what the lesson and docs/method.md say holds on the example data", function()
    local ouders = monitor.example{ meting = "2023" }:filter(function(r) return r.actor == "ouder" end)
    local s = monitor.scales{ doelstelling = 1 }
    local items = {}
    for _, it in ipairs(s[1].items) do items[#items + 1] = it end
    for _, it in ipairs(s[3].items) do items[#items + 1] = it end
    local e = factor(ouders, items, { method = "pca" }):meta().eigenvalues
    assert.is_true(e[2] > 1 and e[3] < 0.6, "two eigenvalues above 1")
    local two = factor(ouders, items, { nfactors = 2 })
    for i = 1, 8 do
      local main, other = i <= 4 and "F1" or "F2", i <= 4 and "F2" or "F1"
      assert.is_true(two:get(i, main) > 0.7 and math.abs(two:get(i, other)) < 0.1, items[i])
    end
    local one = factor(ouders, items):meta().fit
    assert.is_true(one.rms > 0.2 and one.tli < 0.5)
    assert.is_true(two:meta().fit.rms < 0.02 and two:meta().fit.tli > 0.99)
    local a = alpha(ouders, { { "x", items = { items[1], items[2], items[3], items[4] } },
      { "y", items = { items[5], items[6], items[7], items[8] } } })
    assert.is_true(a:get(1, "alpha") > 0.8 and a:get(2, "alpha") > 0.8)
  end)
end)
