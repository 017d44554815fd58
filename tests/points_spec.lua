-- Scales of any number of answer categories, 2 to 11 (issue 16): scored, estimated (equal to R
-- survey on the same data), answers outside 1..points refused, colour bands only where the
-- rules define them (the monitor's 3 and 5; rules.settings.bands[k] adds others) and a note
-- saying so where they do not.
local R = dofile("tests/support/r.lua")

local function gen(points, n)
  local a, b, w, g = {}, {}, {}, {}
  local s = 7
  local function rnd(k) s = (s * 1103515245 + 12345) % 2147483648; return 1 + s % k end
  for i = 1, n do
    a[i], b[i] = rnd(points), rnd(points)
    w[i] = 0.5 + rnd(4) / 2
    g[i] = i % 3 == 0 and "x" or "y"
  end
  local spec = { { "a", a }, { "b", b }, { "w", w }, { "g", g } }
  return dataset(spec), spec
end

local OPEN = { suppress = { min_n = 0, max_range = math.huge } }

describe("scales of 2 to 11 points", function()
  it("estimate a 2-, 7- and 11-point scale as R survey does", function()
    R.require_available()
    for _, points in ipairs({ 2, 7, 11 }) do
      local d, spec = gen(points, 90)
      local r = estimate(d, scale{ "s", items = { "a", "b" }, points = points }, { by = "g", weight = "w", rules = OPEN })
      local res = R.run([[
library(survey)
d$s <- (d$a + d$b) / 2
des <- svydesign(ids = ~1, weights = ~w, data = d)
r <- svyby(~s, ~g, des, svymean)
out("mean", coef(r)); out("se", SE(r))
]], { data = spec })
      local m, se = {}, {}
      for i = 1, #r do m[i], se[i] = r:get(i, "mean"), r:get(i, "se") end
      R.assert_close(m, res.mean, points .. "-point mean")
      R.assert_close(se, res.se, points .. "-point se")
      assert.are.equal(points, r:get(1, "points"))
    end
  end)

  it("refuses 1 or 12 points and an answer outside 1..points", function()
    assert.has_error(function() scale{ "s", items = { "a" }, points = 1 } end,
      'scale "s": points must be a whole number from 2 to 11, found 1')
    assert.has_error(function() scale{ "s", items = { "a" }, points = 12 } end,
      'scale "s": points must be a whole number from 2 to 11, found 12')
    local d = dataset{ { "a", { 1, 2, 8 } } }
    local ok, err = pcall(estimate, d, scale{ "s", items = { "a" }, points = 7 })
    assert.is_false(ok)
    assert.matches("8", err)
  end)

  it("give no colour band without cuts for their points, and say so; rules.settings.bands adds them", function()
    local d = gen(7, 60)
    local s = scale{ "s", items = { "a", "b" }, points = 7 }
    local r = estimate(d, s, { rules = OPEN })
    assert.are.equal("", r:get(1, "band"))
    assert.matches("Geen kleurband voor 7%-puntsschalen", table.concat(r:meta().notes, "\n"))
    local cuts = { { 3, "rood", true }, { 4, "geel", true }, { 5.5, "lichtgroen", false }, { math.huge, "donkergroen", true } }
    local r2 = estimate(d, s, { rules = { suppress = OPEN.suppress, bands = { [7] = cuts } } })
    local mean = r2:get(1, "mean")
    assert.are.equal(rules.band(mean, 7, rules.resolve({ bands = { [7] = cuts } })), r2:get(1, "band"))
    assert.are_not.equal("", r2:get(1, "band"))
    for _, note in ipairs(r2:meta().notes or {}) do assert.is_nil(note:find("Geen kleurband", 1, true)) end
  end)
end)
