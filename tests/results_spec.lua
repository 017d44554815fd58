-- One result shape (issue 16): every statistic returns a dataset whose print shows its key
-- figures (meta.key: alpha and its n at the top of alpha(), the test under a crosstab, t, df
-- and p of a t-test) and whose meta holds the rest, with how it was computed in meta.method.
-- Numbers in the key lines follow the session's language. The R comparisons of these numbers
-- are in toolkit_tests_spec.lua, stats_spec.lua and friends; this spec checks the shape.
local doc = require "passend.doc"
local core = require "passend.core"
local lang = require "passend.lang"
local s = require "passend.sample"

local function lines(x)
  local out = {}
  for l in (tostring(x) .. "\n"):gmatch("([^\n]*)\n") do out[#out + 1] = l end
  return out
end

local function index_of(ls, pattern)
  for i, l in ipairs(ls) do if l:find(pattern) then return i end end
  return nil
end

local function with_lang(l, f)
  local old = lang.settings.lang
  lang.settings.lang = l
  local ok, err = pcall(f)
  lang.settings.lang = old
  if not ok then error(err, 0) end
end

-- Documented functions of the stats namespace that are not statistics with a result, and why.
local NOT_RESULTS = {
  ["stats.mark"] = "the footnote marker of a p-value: a string",
  ["stats.pool"] = "the pooled value of subgroups and its n: two numbers (a helper for audits)",
  ["stats.pnorm"] = "a distribution function: a number", ["stats.qnorm"] = "a quantile: a number",
  ["stats.pt"] = "a distribution function: a number", ["stats.qt"] = "a quantile: a number",
  ["stats.pchisq"] = "a distribution function: a number", ["stats.pf"] = "a distribution function: a number",
  ["stats.grouping"] = "defines a grouping for by = ...", ["stats.indicator"] = "defines an indicator for estimate",
  ["stats.typology"] = "defines a typology (its methods return datasets)",
  ["stats.as_table"] = "makes a display table from columns (a dataset; takes no options, so no example)",
}

describe("every statistic returns a dataset", function()
  it("every documented stats.* function and every prompt statistic, on its example", function()
    local names = { "estimate", "freq", "crosstab", "compare", "alpha", "descriptives", "percentages", "factor" }
    for name in pairs(doc.all()) do
      if name:match("^stats%.") and not NOT_RESULTS[name] then names[#names + 1] = name end
    end
    table.sort(names)
    local P = require "passend"
    for _, name in ipairs(names) do
      local ex = doc.example(name)
      assert.is_truthy(ex, name .. " has no example")
      local fn = name:match("^stats%.") and P.stats[name:sub(7)] or P[name]
      local r = fn(ex())
      assert.is_true(core.is_dataset(r), name .. " returned a " .. type(r))
    end
  end)

  it("the group tests: one row as R's htest, key figures and R's name of the test", function()
    local t = stats.t_test({ 5.1, 4.8, 6.0, 5.5, 4.9 }, { 6.2, 5.9, 6.8, 6.1 })
    assert.are.same({ "statistic", "df", "p", "mean_x", "mean_y", "diff", "stderr", "lo", "hi", "n_x", "n_y" }, t.columns)
    assert.are.equal(1, #t)
    local key = t:meta().key
    assert.are.same({ "t", "df", "p" }, { key[1].label, key[2].label, key[3].label })
    assert.are.equal(t:get(1, "statistic"), key[1].value)
    assert.are.equal(t:get(1, "df"), key[2].value)
    assert.are.equal(t:get(1, "p"), key[3].value)
    assert.are.equal("Welch Two Sample t-test", t:meta().method)
    local c = stats.chisq_test({ { 12, 5 }, { 7, 14 } })
    assert.are.same({ "statistic", "df", "p", "n" }, c.columns)
    assert.are.equal(38, c:get(1, "n"))
    assert.are.equal(12 * 0 + 17 * 19 / 38, c:meta().expected[1][1])
    assert.are.same({ "p", "n" }, stats.fisher_test({ { 2, 62 }, { 6, 34 } }).columns)
    assert.are.same({ "statistic", "p", "n_x", "n_y" }, stats.wilcox_test({ 1, 2, 3 }, { 4, 5, 6, 7 }).columns)
  end)
end)

describe("what the prompt prints", function()
  it("alpha(): alpha and its n at the top, the method at the bottom", function()
    with_lang("nl", function()
      local a = alpha(s.data(), s.items())
      local m = a:meta()
      local ls = lines(a)
      local want = string.format("alpha = %s; gestandaardiseerd = %s; n = %d; items = 4",
        lang.number(m.alpha, 3), lang.number(m.std_alpha, 3), m.n)
      assert.are.equal(want, ls[2])
      assert.matches("^Cronbach's alpha als psych::alpha", ls[#ls])
      assert.is_truthy(ls[2]:find(",", 1, true))           -- decimal comma
    end)
    with_lang("en", function()
      local ls = lines(alpha(s.data(), s.items()))
      assert.matches("^alpha = 0%.%d%d%d; standardised = 0%.%d%d%d; n = 40; items = 4$", ls[2])
      assert.matches("^Cronbach's alpha as psych::alpha", ls[#ls])
    end)
  end)

  it("a t-test: t, df and p first", function()
    with_lang("nl", function()
      local t = stats.t_test({ 5.1, 4.8, 6.0, 5.5, 4.9 }, { 6.2, 5.9, 6.8, 6.1 })
      local ls = lines(t)
      assert.are.equal(string.format("t = %s; df = %s; p = %s", lang.number(t:get(1, "statistic"), 3),
        lang.number(t:get(1, "df"), 2), lang.number(t:get(1, "p"), 3)), ls[2])
      assert.are.equal("Welch Two Sample t-test", ls[#ls])
    end)
    with_lang("en", function()
      local ls = lines(stats.t_test({ 1, 2, 3, 4 }, { 11, 12, 13, 15 }, { var_equal = true }))
      assert.matches("^t = %-%d+%.%d%d%d; df = 6; p < 0%.001$", ls[2])
    end)
  end)

  it("a crosstab: its table, the test under it, the method last", function()
    local d = monitor.example()
    with_lang("nl", function()
      local x = crosstab(d, "sector", "meting")
      local test = x:meta().test
      local ls = lines(x)
      local rule = index_of(ls, "^─")
      assert.is_truthy(index_of(ls, "^po%s+944%s+921%s+1865$"), tostring(x))   -- the wide table of counts
      local key = index_of(ls, "^Chi%-kwadraat = ")
      assert.is_true(key > rule)
      assert.are.equal(string.format("Chi-kwadraat = %s; df = %d; p = %s", lang.number(test.statistic, 2), test.df,
        lang.number(test.p, 3)), ls[key])
      assert.matches("^Pearsons chi%-kwadraattoets", ls[key + 1])
      -- d:preview() still shows the columns of the long layout
      assert.matches("pct_row", x:preview())
    end)
    with_lang("en", function()
      local x = crosstab(d, "sector", "meting", { weight = "w", cluster = "swv", strata = "stratum" })
      local t = x:meta().test
      local ls = lines(x)
      assert.is_truthy(index_of(ls, "^F = " .. lang.number(t.statistic, 2, "en"):gsub("%.", "%%.") .. "; ndf = "), tostring(x))
      assert.matches("^Rao%-Scott F test", ls[#ls - 1])
    end)
  end)

  it("a crosstab with hidden cells leaves the test out, and says so", function()
    local x = crosstab(s.data(), "sector", "groep")
    local out = tostring(x)
    assert.is_nil(out:find("Chi-kwadraat =", 1, true))
    assert.is_truthy(out:find("De toets staat er niet bij", 1, true) or out:find("The test is left out", 1, true))
    assert.is_truthy(x:meta().key)                     -- the analyst's own copy keeps it
    assert.is_nil(rules.protect(x):meta().key)         -- a published one does not
  end)

  it("feasible_n, audit, compare, compare_groups and estimate say what they are", function()
    with_lang("nl", function()
      assert.matches("mogelijke n = 38, 44, 47; aantal = 3", tostring(stats.feasible_n({ 34, 11, 55 }, { complete = true, nmax = 51 })))
      local c = compare(s.data(), "cijfer", "meting")
      assert.matches("\nverschil = %-?%d+,%d+; t = ", tostring(c))
      assert.matches("svyttest", tostring(c))
      assert.matches("Design%-based gemiddelden als R's svymean", tostring(estimate(s.data(), "cijfer")))
      assert.matches("significant %(p < 0,05%) = %d van 2", tostring(stats.compare_groups(s.data(), { "ja1", "ja2" }, "sector")))
    end)
  end)
end)
