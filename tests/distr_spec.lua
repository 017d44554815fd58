-- Distributions (src/kernel/distr.c) against R's pt/qt/pf/pchisq/pnorm/qnorm, to 1e-9 relative.
local R = dofile("tests/support/r.lua")

describe("distributions", function()
  R.require_available()
  local ts = { -40, -6.5, -2.1, -0.3, 0, 0.001, 1.7, 3.2, 12 }
  local dfs = { 1, 1.5, 2, 3, 4.7, 9, 30, 120, 2500 }
  local ps = { 1e-12, 1e-6, 0.001, 0.025, 0.2, 0.5, 0.8, 0.975, 0.999999 }
  local fs = { 0.01, 0.7, 1, 2.3, 9, 60 }
  local fdf = { { 1, 1 }, { 2.4, 7.9 }, { 3, 30 }, { 1.7, 120.3 }, { 12, 4 }, { 5.5, 2000 } }
  local grid = { t = {}, df = {}, p = {}, f = {}, d1 = {}, d2 = {} }

  local function rvec(t)
    local s = {}
    for i, v in ipairs(t) do s[i] = string.format("%.17g", v) end
    return "c(" .. table.concat(s, ",") .. ")"
  end

  it("pt, pt upper and qt agree with R", function()
    local tt, dd, pp, dq = {}, {}, {}, {}
    for _, t in ipairs(ts) do for _, df in ipairs(dfs) do tt[#tt + 1] = t; dd[#dd + 1] = df end end
    for _, p in ipairs(ps) do for _, df in ipairs(dfs) do pp[#pp + 1] = p; dq[#dq + 1] = df end end
    local res = R.run(string.format([[
      t <- %s; df <- %s; p <- %s; dq <- %s
      out("pt", pt(t, df)); out("ptu", pt(t, df, lower.tail = FALSE)); out("qt", qt(p, dq))
      out("pn", pnorm(t)); out("qn", qnorm(p))]], rvec(tt), rvec(dd), rvec(pp), rvec(dq)))
    for i = 1, #tt do
      R.assert_close(stats.pt(tt[i], dd[i]), res.pt[i], string.format("stats.pt(%g, %g)", tt[i], dd[i]))
      R.assert_close(stats.pt(tt[i], dd[i], false), res.ptu[i], string.format("stats.pt(%g, %g, upper)", tt[i], dd[i]))
      R.assert_close(stats.pnorm(tt[i]), res.pn[i], string.format("stats.pnorm(%g)", tt[i]))
    end
    for i = 1, #pp do
      R.assert_close(stats.qt(pp[i], dq[i]), res.qt[i], string.format("stats.qt(%g, %g)", pp[i], dq[i]))
      R.assert_close(stats.qnorm(pp[i]), res.qn[i], string.format("stats.qnorm(%g)", pp[i]))
    end
  end)

  it("pf and pchisq upper tails agree with R", function()
    local ff, d1, d2 = {}, {}, {}
    for _, f in ipairs(fs) do for _, d in ipairs(fdf) do ff[#ff + 1] = f; d1[#d1 + 1] = d[1]; d2[#d2 + 1] = d[2] end end
    local res = R.run(string.format([[
      f <- %s; d1 <- %s; d2 <- %s
      out("pf", pf(f, d1, d2, lower.tail = FALSE)); out("pfl", pf(f, d1, d2))
      out("pc", pchisq(f * d1, d2, lower.tail = FALSE)); out("pcl", pchisq(f * d1, d2))]], rvec(ff), rvec(d1), rvec(d2)))
    for i = 1, #ff do
      local what = string.format("(%g, %g, %g)", ff[i], d1[i], d2[i])
      R.assert_close(stats.pf(ff[i], d1[i], d2[i], false), res.pf[i], "pf upper" .. what)
      R.assert_close(stats.pf(ff[i], d1[i], d2[i]), res.pfl[i], "pf" .. what)
      R.assert_close(stats.pchisq(ff[i] * d1[i], d2[i], false), res.pc[i], "pchisq upper" .. what)
      R.assert_close(stats.pchisq(ff[i] * d1[i], d2[i]), res.pcl[i], "pchisq" .. what)
    end
  end)

  it("rejects impossible arguments", function()
    assert.has_error(function() stats.pt(1, 0) end)
    assert.has_error(function() stats.qt(1.5, 3) end)
    assert.is_true(stats.qt(0.975, math.huge) == stats.qnorm(0.975))
  end)
end)
