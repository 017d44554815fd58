-- Adversarial numerics (issue 15): a domain far from the rest of its column, constant domains,
-- values shifted by large constants, weights that overflow. The references are exact (values
-- chosen so the answer is a short decimal) or R survey on the same data; a shift of the whole
-- column must move every mean by the shift and leave sd and se as they were.
local R = dofile("tests/support/r.lua")

local function col(d, name)
  local v = {}
  for i = 1, #d do v[i] = d:get(i, name) end
  return v
end

-- n rows of group "far" around base, then the small group "b" = {3, 4, 3.5} and a constant
-- group "c" = {2, 2, 2, 2}; clusters and strata over all rows.
local function data(base, n)
  local y, g, cl, st, w = {}, {}, {}, {}, {}
  for i = 1, n do
    y[i] = base + (i * 37 % 11) / 4
    g[i] = "far"
  end
  for _, v in ipairs({ 3, 4, 3.5 }) do y[#y + 1] = v; g[#g + 1] = "b" end
  for _ = 1, 4 do y[#y + 1] = 2; g[#g + 1] = "c" end
  for i = 1, #y do
    cl[i] = 1 + (i * 7) % 12
    st[i] = cl[i] <= 6 and "s1" or "s2"
    w[i] = 1 + (i % 3) / 2
  end
  local spec = { { "y", y }, { "g", g }, { "cl", cl }, { "st", st }, { "w", w } }
  return dataset(spec), spec
end

local designs = {
  { id = "srs", opts = {}, r = "svydesign(ids = ~1, data = d)" },
  { id = "w", opts = { weight = "w" }, r = "svydesign(ids = ~1, weights = ~w, data = d)" },
  { id = "clst", opts = { weight = "w", cluster = "cl", strata = "st" },
    r = "svydesign(ids = ~cl, strata = ~st, weights = ~w, data = d)" },
}

-- the small groups must be shown: no suppression here
local function est(d, opts)
  local o = { by = "g", rules = { suppress = { min_n = 0, max_range = math.huge } } }
  for k, v in pairs(opts) do o[k] = v end
  return estimate(d, "y", o)
end

local function row_of(r, group)
  for i = 1, #r do if r:get(i, "g") == group then return i end end
  error("no group " .. group)
end

describe("estimate() on a domain far from its column", function()
  it("gives the exact sd of a small domain and 0 for a constant one, whatever the column starts with", function()
    for _, base in ipairs({ 0, 1e6, 1e8, 1e12 }) do
      local d = data(base, 200)
      local r = est(d, {})
      local b, c = row_of(r, "b"), row_of(r, "c")
      assert.are.equal(3.5, r:get(b, "mean"))
      assert.is_true(math.abs(r:get(b, "sd") - 0.5) < 1e-12, base .. ": sd " .. r:get(b, "sd"))
      assert.are.equal(0, r:get(c, "sd"))
      assert.are.equal(2, r:get(c, "mean"))
    end
  end)

  it("leaves sd and se unchanged and moves the mean by a shift of the whole column", function()
    for _, des in ipairs(designs) do
      local ref = est(data(0, 300), des.opts)
      for _, shift in ipairs({ 1e6, 1e9 }) do
        local d = data(0, 300)
        local y = col(d, "y")
        for i = 1, #y do y[i] = y[i] + shift end
        d.y = y
        local r = est(d, des.opts)
        for i = 1, #r do
          R.assert_close(r:get(i, "mean") - shift, ref:get(i, "mean"), des.id .. " mean", 1e-6)
          if ref:get(i, "sd") == 0 then assert.are.equal(0, r:get(i, "sd"))
          else R.assert_close(r:get(i, "sd"), ref:get(i, "sd"), des.id .. " sd", 1e-6) end
          R.assert_close(r:get(i, "se"), ref:get(i, "se"), des.id .. " se " .. shift, 1e-6)
        end
      end
    end
  end)

  it("equals R survey on a column that starts at 1e10", function()
    -- R gets each group less its first value (exact: the values are quarters), where its own
    -- x - mean loses no digits (a domain's se does not depend on other domains' values);
    -- passend gets the column as it is
    R.require_available()
    local base = 1e10
    local d, spec = data(base, 300)
    local code = { "first <- ave(d$y, d$g, FUN = function(v) v[1])\nd$y <- d$y - first\nout('shift', tapply(first, d$g, function(v) v[1]))\n" }
    for _, des in ipairs(designs) do
      code[#code + 1] = string.format([[
des <- %s
r <- svyby(~y, ~g, des, svymean)
out("%s.mean", coef(r)); out("%s.se", SE(r))
]], des.r, des.id, des.id)
    end
    local res = R.run("library(survey)\n" .. table.concat(code), { data = spec })
    for _, des in ipairs(designs) do
      local r = est(d, des.opts)
      local want = {}
      for i, v in ipairs(res[des.id .. ".mean"]) do want[i] = v + res.shift[i] end
      R.assert_close(col(r, "mean"), want, des.id .. " mean")
      R.assert_close(col(r, "se"), res[des.id .. ".se"], des.id .. " se")
    end
  end)
end)

describe("weights that overflow", function()
  it("are an error, not a plausible number", function()
    local d = dataset{ { "y", { 1, 2, 3, 4, 5, 6 } }, { "w", { 1e308, 1e308, 1, 1, 1, 1 } } }
    local ok, err = pcall(estimate, d, "y", { weight = "w" })
    assert.is_false(ok)
    assert.matches("add up to more than the largest number", err)
  end)

  it("and values whose weighted sums overflow are an error too", function()
    local d = dataset{ { "y", { 1e300, -1e300, 5, 5 } }, { "w", { 1e10, 1e10, 1, 1 } } }
    local ok, err = pcall(estimate, d, "y", { weight = "w" })
    assert.is_false(ok)
    assert.matches("overflow", err)
  end)
end)
