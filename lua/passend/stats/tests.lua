-- passend/stats/tests.lua: the group comparisons research reports flag with '*':
-- Pearson chi-square, Fisher's exact test, t-test (Welch or pooled), Mann-Whitney, each as R
-- computes it (chisq.test, fisher.test, t.test, wilcox.test); the '*' marker at a chosen
-- alpha; pooled totals as the n-weighted combination of subgroups. Each test returns a dataset
-- of one row (statistic, df, p, ... as R's htest), its key figures in meta.key and R's name of
-- the test in meta.method, so it prints as "t = ...; df = ...; p = ..." at the prompt.
local core = require "passend.core"
local doc = require "passend.doc"
local F = require "passend.data.frame"
local args = require "passend.args"
local lang = require "passend.lang"

local M = {}

local function numbers(x, what)
  local out = {}
  local n = 0
  for i in pairs(x) do if type(i) == "number" and i > n then n = i end end
  for i = 1, n do
    local v = x[i]
    if v ~= nil and v == v then
      if type(v) ~= "number" then error(what .. ": expected numbers, found " .. type(v), 3) end
      out[#out + 1] = v
    end
  end
  return out
end

local function mean_var(x)
  local n, s = #x, 0
  for _, v in ipairs(x) do s = s + v end
  local m = s / n
  local ss, c = 0, 0
  for _, v in ipairs(x) do ss = ss + (v - m) ^ 2; c = c + (v - m) end
  return m, (ss - c * c / n) / (n - 1)
end

-- An options table (string keys only, or empty), as opposed to a vector of values (which may
-- start with nil).
local function is_opts(t)
  if type(t) ~= "table" then return false end
  for k in pairs(t) do if type(k) ~= "string" then return false end end
  return true
end

-- A contingency table from a matrix (list of rows) or from two parallel vectors.
local function as_matrix(x, y, what)
  if y == nil then
    if type(x) ~= "table" or type(x[1]) ~= "table" then
      error(what .. ": expected a matrix (list of rows of counts) or two vectors", 3)
    end
    return x
  end
  local rl, cl, ri, ci = {}, {}, {}, {}
  local cells = {}
  local n = 0   -- the largest index (vectors may hold nil anywhere)
  for _, v in ipairs({ x, y }) do
    for i in pairs(v) do if type(i) == "number" and i > n then n = i end end
  end
  for i = 1, n do
    local a, b = x[i], y[i]
    if a ~= nil and b ~= nil and a == a and b == b then
      if not ri[a] then rl[#rl + 1] = a; ri[a] = true end
      if not ci[b] then cl[#cl + 1] = b; ci[b] = true end
      cells[a] = cells[a] or {}
      cells[a][b] = (cells[a][b] or 0) + 1
    end
  end
  local cmp = function(p, q)
    if type(p) == type(q) then return p < q end
    return type(p) == "number"
  end
  table.sort(rl, cmp); table.sort(cl, cmp)
  local m = {}
  for i, a in ipairs(rl) do
    m[i] = {}
    for j, b in ipairs(cl) do m[i][j] = cells[a] and cells[a][b] or 0 end
  end
  return m
end

local CHISQ = args.spec{ correct = "boolean" }
local FISHER = args.spec{ max_tables = { "count", min = 1 } }
local T = args.spec{ var_equal = "boolean", mu = "number", conf = { "number", above = 0, below = 1 } }

-- A one-row result: cols = { {name, value}, ... }; meta with key and method.
local function result(cols, meta)
  local out = {}
  for i, c in ipairs(cols) do out[i] = { c[1], { c[2] }, type = c.type } end
  meta.kind = meta.kind or "test"
  return F.output(out, 1, meta)
end

-- The key entry of a p-value.
local function p_key(p) return { label = "p", value = p, p = true } end
local WILCOX = args.spec{ mu = "number", exact = "boolean", correct = "boolean" }

M.chisq_test = doc.def("stats.chisq_test", function(x, y, opts)
  if opts == nil and is_opts(y) then opts, y = y, nil end
  opts = args.options("chisq_test", opts, CHISQ)
  local m = as_matrix(x, y, "chisq_test")
  local r, c = #m, #m[1]
  if r < 2 or c < 2 then error("chisq_test: the table needs at least 2 rows and 2 columns", 2) end
  local rs, cs, n = {}, {}, 0
  for i = 1, r do
    rs[i] = 0
    for j = 1, c do
      local v = m[i][j]
      rs[i] = rs[i] + v; cs[j] = (cs[j] or 0) + v; n = n + v
    end
  end
  local E, small = {}, false
  for i = 1, r do
    E[i] = {}
    for j = 1, c do
      E[i][j] = rs[i] * cs[j] / n
      if E[i][j] == 0 then error("chisq_test: row " .. i .. " or column " .. j .. " has no observations", 2) end
      if E[i][j] < 5 then small = true end
    end
  end
  local correct = opts.correct ~= false and r == 2 and c == 2
  local yates = 0
  if correct then
    yates = 0.5
    for i = 1, r do for j = 1, c do yates = math.min(yates, math.abs(m[i][j] - E[i][j])) end end
  end
  local stat = 0
  for i = 1, r do
    for j = 1, c do stat = stat + (math.abs(m[i][j] - E[i][j]) - yates) ^ 2 / E[i][j] end
  end
  local df = (r - 1) * (c - 1)
  local p = core.pchisq(stat, df, false)
  local warning = small and "expected counts below 5: the chi-square approximation may be poor; consider fisher_test" or nil
  return result({ { "statistic", stat }, { "df", df }, { "p", p }, { "n", n } }, {
    kind = "chisq_test", expected = E, observed = m, warning = warning, notes = warning and { warning } or nil,
    method = correct and "Pearson's Chi-squared test with Yates' continuity correction"
      or "Pearson's Chi-squared test",
    key = { { label = "X-squared", value = stat, decimals = 3 }, { label = "df", value = df }, p_key(p) },
    decimals = { statistic = 3, p = 4 },
  })
end, [==[
stats.chisq_test(matrix [, opts]) | chisq_test(x, y [, opts]) -> dataset

Pearson's chi-square test of independence, as R's chisq.test: matrix is a list of rows of
counts, or x and y are parallel vectors (categories cross-tabulated). For a 2 x 2 table the
Yates continuity correction is applied unless opts.correct = false. Result: one row with
statistic (X-squared), df, p and n; meta.expected (the expected counts, rows of the table),
meta.observed, meta.method (R's name of the test), meta.warning (expected counts below 5).]==], {
  options = CHISQ,
  example = function() return { { 12, 5 }, { 7, 14 } }, {} end,
})

M.fisher_test = doc.def("stats.fisher_test", function(x, y, opts)
  if opts == nil and is_opts(y) then opts, y = y, nil end
  opts = args.options("fisher_test", opts, FISHER)
  local m = as_matrix(x, y, "fisher_test")
  local p = core._fisher_p(m, opts.max_tables)
  local n = 0
  for _, row in ipairs(m) do for _, v in ipairs(row) do n = n + v end end
  return result({ { "p", p }, { "n", n } }, {
    kind = "fisher_test", observed = m, method = "Fisher's Exact Test for Count Data", key = { p_key(p) },
    decimals = { p = 4 },
  })
end, [==[
stats.fisher_test(matrix [, opts]) | fisher_test(x, y [, opts]) -> dataset

Fisher's exact test (two-sided) for an r x c table, by exact enumeration of all tables with
the observed margins: the p-value equals R's fisher.test. For small tables (the reports'
cluster comparisons); opts.max_tables (default 5e7) bounds the work. Result: one row with p
and n; meta.observed, meta.method.]==], {
  options = FISHER,
  example = function() return { { 2, 62 }, { 6, 34 } }, {} end,
})

M.t_test = doc.def("stats.t_test", function(x, y, opts)
  opts = args.options("t_test", opts, T)
  local a, b = numbers(x, "t_test"), numbers(y, "t_test")
  local nx, ny = #a, #b
  if nx < 2 or ny < 2 then error("t_test: each group needs at least 2 observations", 2) end
  local mx, vx = mean_var(a)
  local my, vy = mean_var(b)
  local df, se
  if opts.var_equal then
    df = nx + ny - 2
    local v = ((nx - 1) * vx + (ny - 1) * vy) / df
    se = math.sqrt(v * (1 / nx + 1 / ny))
  else
    local sx, sy = vx / nx, vy / ny
    se = math.sqrt(sx + sy)
    df = (sx + sy) ^ 2 / (sx ^ 2 / (nx - 1) + sy ^ 2 / (ny - 1))
  end
  if se == 0 then error("t_test: data are essentially constant", 2) end
  local mu, conf = opts.mu or 0, opts.conf or 0.95
  local t = (mx - my - mu) / se
  local p = 2 * core.pt(-math.abs(t), df)
  -- R: cint <- mu + (tstat + c(-1, 1) * qt(1 - alpha/2, df)) * stderr
  local q = core.qt(1 - (1 - conf) / 2, df)
  return result({ { "statistic", t }, { "df", df }, { "p", p }, { "mean_x", mx }, { "mean_y", my },
    { "diff", mx - my }, { "stderr", se }, { "lo", mu + (t - q) * se }, { "hi", mu + (t + q) * se },
    { "n_x", nx }, { "n_y", ny } }, {
    kind = "t_test", mu = mu, conf = conf,
    method = opts.var_equal and " Two Sample t-test" or "Welch Two Sample t-test",
    key = { { label = "t", value = t, decimals = 3 }, { label = "df", value = df, decimals = opts.var_equal and 0 or 2 },
      p_key(p) },
    decimals = { statistic = 3, df = opts.var_equal and 0 or 2, p = 4, mean_x = 3, mean_y = 3, diff = 3, stderr = 3,
      lo = 3, hi = 3 },
  })
end, [==[
stats.t_test(x, y [, opts]) -> dataset

Two-sample t-test, two-sided, as R's t.test: Welch (default) or pooled variance with
opts.var_equal = true; opts.mu is the hypothesised difference. Missing values (nil/NaN) are
dropped. Result: one row with statistic (t), df, p, mean_x, mean_y (R's estimate), diff,
stderr, lo and hi (R's conf.int of the difference, opts.conf = 0.95), n_x, n_y; meta.method is
R's name of the test. At the prompt: t, df and p first.]==], {
  options = T,
  example = function() return { 5.1, 4.8, 6.0, 5.5, 4.9 }, { 6.2, 5.9, 6.8, 6.1 }, {} end,
})

-- Average ranks (R's rank with ties.method = "average") of a list.
local function ranks(v)
  local idx = {}
  for i = 1, #v do idx[i] = i end
  table.sort(idx, function(p, q) return v[p] < v[q] end)
  local r, ties = {}, {}
  local i = 1
  while i <= #idx do
    local j = i
    while j < #idx and v[idx[j + 1]] == v[idx[i]] do j = j + 1 end
    local avg = (i + j) / 2
    for k = i, j do r[idx[k]] = avg end
    ties[#ties + 1] = j - i + 1
    i = j + 1
  end
  return r, ties
end

M.wilcox_test = doc.def("stats.wilcox_test", function(x, y, opts)
  opts = args.options("wilcox_test", opts, WILCOX)
  local a, b = numbers(x, "wilcox_test"), numbers(y, "wilcox_test")
  local nx, ny = #a, #b
  if nx < 1 or ny < 1 then error("wilcox_test: each group needs at least 1 observation", 2) end
  local all = {}
  for _, v in ipairs(a) do all[#all + 1] = v - (opts.mu or 0) end
  for _, v in ipairs(b) do all[#all + 1] = v end
  local r, ties = ranks(all)
  local has_ties = false
  for _, t in ipairs(ties) do if t > 1 then has_ties = true end end
  local W = 0
  for i = 1, nx do W = W + r[i] end
  W = W - nx * (nx + 1) / 2
  local exact = opts.exact
  if exact == nil then exact = nx < 50 and ny < 50 end
  local p, method
  if exact and not has_ties then
    if nx > 100 or ny > 100 then
      error("wilcox_test: the exact distribution is available up to 100 per group; use exact = false", 2)
    end
    local dist = core._wilcox_dist(nx, ny)
    local tail = 0
    if W > nx * ny / 2 then
      for w = W, nx * ny do tail = tail + dist[w + 1] end      -- P(W >= w)
    else
      for w = 0, W do tail = tail + dist[w + 1] end            -- P(W <= w)
    end
    p = math.min(2 * tail, 1)
    method = "Wilcoxon rank sum exact test"
  else
    local z = W - nx * ny / 2
    local tsum = 0
    for _, t in ipairs(ties) do tsum = tsum + t ^ 3 - t end
    local sigma = math.sqrt((nx * ny / 12) * ((nx + ny + 1) - tsum / ((nx + ny) * (nx + ny - 1))))
    local corr = 0
    if opts.correct ~= false then corr = (z > 0 and 0.5) or (z < 0 and -0.5) or 0 end
    z = (z - corr) / sigma
    p = 2 * math.min(core.pnorm(z), core.pnorm(z, false))
    method = opts.correct ~= false and "Wilcoxon rank sum test with continuity correction"
      or "Wilcoxon rank sum test"
  end
  return result({ { "statistic", W }, { "p", p }, { "n_x", nx }, { "n_y", ny } }, {
    kind = "wilcox_test", method = method, ties = has_ties,
    notes = (has_ties and exact) and { "cannot compute exact p-value with ties: normal approximation" } or nil,
    key = { { label = "W", value = W }, p_key(p) }, decimals = { p = 4 },
  })
end, [==[
stats.wilcox_test(x, y [, opts]) -> dataset

Mann-Whitney / Wilcoxon rank-sum test, two-sided, as R's wilcox.test: W = rank sum of x
minus nx(nx+1)/2; the exact distribution when both samples are below 50 and there are no ties
(opts.exact = true/false overrides), otherwise the normal approximation with tie correction
and continuity correction (opts.correct = false drops it). Result: one row with statistic
(W), p, n_x and n_y; meta.method, meta.ties.]==], {
  options = WILCOX,
  example = function() return { 5.1, 4.8, 6.0, 5.5, 4.9 }, { 6.2, 5.9, 6.8, 6.1 }, {} end,
})

M.mark = doc.def("stats.mark", function(p, alpha, marker)
  alpha = alpha or 0.05
  if p == nil or p ~= p then return "" end
  return p < alpha and (marker or "*") or ""
end, [==[
stats.mark(p [, alpha [, marker]]) -> "*" | ""

The footnote marker of a significant difference: marker (default "*") when p < alpha
(default 0.05), "" otherwise (also for a missing p).]==])

M.pool = doc.def("stats.pool", function(values, ns)
  local s, n = 0, 0
  for i, v in ipairs(values) do
    local w = ns[i]
    if v ~= nil and v == v and w and w > 0 then s = s + v * w; n = n + w end
  end
  if n == 0 then return 0 / 0, 0 end
  return s / n, n
end, [==[
stats.pool(values, ns) -> value, n

The pooled total of subgroup values (percentages or means) as the n-weighted combination:
sum(value * n) / sum(n); also returns the pooled n. 002's 'vso' column pools vso3 and vso4.]==])

-- Significance flags per item between groups, as the reports' '*)' footnotes.
local COMPARE_GROUPS = args.spec{
  filter = { "either", "function", "table" }, levels = "list", test = { "one_of", "chisq", "fisher", "t", "wilcox" },
  alpha = { "number", above = 0, below = 1 }, marker = "string", between = "string",
  correct = "boolean", var_equal = "boolean", mu = "number", exact = "boolean",
}

M.compare_groups = doc.def("stats.compare_groups", function(d, items, by, opts)
  local acc = F.input(d, "compare_groups")
  opts = args.options("compare_groups", opts, COMPARE_GROUPS, acc)
  args.column("compare_groups", acc, by, "by")
  args.columns("compare_groups", acc, items, "items")
  local rows = F.rows(acc, opts.filter)
  local g = acc.get(by)
  local levels = F.levels(g, rows, opts.levels)
  local test = opts.test or "chisq"
  local names, ps, flags, stats = {}, {}, {}, {}
  local method
  for k, item in ipairs(items) do
    local v = acc.get(item)
    local res
    if test == "chisq" or test == "fisher" then
      local xs, ys = {}, {}
      for _, i in ipairs(rows) do
        if v[i] ~= nil and v[i] == v[i] and g[i] ~= nil then xs[#xs + 1] = g[i]; ys[#ys + 1] = v[i] end
      end
      if test == "chisq" then res = M.chisq_test(xs, ys, { correct = opts.correct })
      else res = M.fisher_test(xs, ys, {}) end
    elseif test == "t" or test == "wilcox" then
      if #levels ~= 2 then error("compare_groups: test " .. test .. " needs exactly 2 groups in " .. by, 2) end
      local xa, xb = {}, {}
      for _, i in ipairs(rows) do
        if g[i] == levels[1] then xa[#xa + 1] = v[i] elseif g[i] == levels[2] then xb[#xb + 1] = v[i] end
      end
      local topts = test == "t" and { var_equal = opts.var_equal, mu = opts.mu }
        or { mu = opts.mu, exact = opts.exact, correct = opts.correct }
      res = (test == "t" and M.t_test or M.wilcox_test)(xa, xb, topts)
    else
      error("compare_groups: test must be chisq, fisher, t or wilcox, got " .. tostring(test), 2)
    end
    names[k] = item
    ps[k] = res:get(1, "p")
    stats[k] = res:has("statistic") and res:get(1, "statistic") or 0 / 0
    flags[k] = M.mark(ps[k], opts.alpha, opts.marker)
    method = res:meta().method
  end
  local significant = 0
  for _, f in ipairs(flags) do if f ~= "" then significant = significant + 1 end end
  local alpha = opts.alpha or 0.05
  return F.output({ { "item", names, type = "text" }, { "statistic", stats }, { "p", ps },
    { "flag", flags, type = "text" } }, #items, {
    kind = "group_tests", test = test, alpha = alpha, by = by,
    key = { { label = { nl = "significant (p < " .. lang.number(alpha, nil, "nl") .. ")",
                        en = "significant (p < " .. lang.number(alpha, nil, "en") .. ")" },
              text = { nl = significant .. " van " .. #items, en = significant .. " of " .. #items } } },
    method = method and { nl = method .. " per item, tussen de groepen van " .. by,
                          en = method .. " per item, between the groups of " .. by } or nil,
    notes = { string.format("%s) Significante verschillen tussen %s (p<%s)", opts.marker or "*",
      opts.between or "groepen", tostring(opts.alpha or 0.05):gsub("%.", ",")) },
  })
end, [==[
stats.compare_groups(d, items, by [, opts]) -> table

Tests each item for a difference between the groups in column by: opts.test = "chisq"
(default), "fisher", "t" or "wilcox" (the last two need 2 groups); opts.alpha (0.05) sets
the '*' flag. Columns item, statistic, p, flag; meta.notes holds the footnote, meta.key how many
items differ, meta.method the test.]==], {
  options = COMPARE_GROUPS,
  example = function() return require("passend.sample").data(), { "ja1", "ja2" }, "sector", { test = "chisq" } end,
})

return M
