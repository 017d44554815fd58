-- Disclosure control (passend/disclosure.lua): no published cell rests on fewer respondents than
-- the minimum, and no hidden cell can be recomputed from a row or column total.

-- rows of a rendered csv display table as lists of strings
local function csv_rows(t, opts)
  local o = { display = true }
  for k, v in pairs(opts or {}) do o[k] = v end
  local rows = {}
  for line in t:format("csv", o):gmatch("[^\r\n]+") do
    local r = {}
    for cell in (line .. ","):gmatch('("?[^,]*"?),') do r[#r + 1] = cell:gsub('^"(.*)"$', "%1") end
    rows[#rows + 1] = r
  end
  return rows
end

-- a respondent file where group x answer counts are exactly `counts[g][a]`
local function data_with(counts)
  local g, a = {}, {}
  for gi, row in ipairs(counts) do
    for ai, k in ipairs(row) do
      for _ = 1, k do g[#g + 1] = gi; a[#a + 1] = ai end
    end
  end
  return dataset{ { "g", g }, { "a", a } }
end

-- every sum a reader sees (rows of the wide crosstab to the Totaal column, columns to the
-- Totaal row) must hide none or at least two cells
local function missing(x) return x == nil or x ~= x end

local function no_single_hidden(t)
  local cols = {}
  for _, c in ipairs(t.columns) do
    if c:sub(1, 1) ~= "_" and c ~= "g" then cols[#cols + 1] = c end
  end
  local st = {}
  local has = {}
  for _, c in ipairs(t.columns) do has[c] = true end
  for j, c in ipairs(cols) do st[j] = has["_state:" .. c] and t:values("_state:" .. c) or {} end
  for i = 1, #t do
    local k = 0
    for j = 1, #cols do if st[j][i] == "suppressed" then k = k + 1 end end
    assert.is_not.equal(1, k, "row " .. i .. " hides exactly one cell")
  end
  for j = 1, #cols do
    local k = 0
    for i = 1, #t do if st[j][i] == "suppressed" then k = k + 1 end end
    assert.is_not.equal(1, k, "column " .. cols[j] .. " hides exactly one cell")
  end
end

describe("protect()", function()
  local saved
  before_each(function() saved = rules.settings.disclosure_min_n end)
  after_each(function() rules.settings.disclosure_min_n = saved end)

  it("hides a small cell and the next-smallest of its row and column (crosstab)", function()
    -- group 1: 3, 40, 50; group 2: 30, 20, 60. Naively the 3 is 93 - 40 - 50.
    local d = data_with{ { 3, 40, 50 }, { 30, 20, 60 } }
    local c = crosstab(d, "g", "a", { layout = "wide" })
    local p = protect(c, { min_n = 5 })
    local s1 = p:values("_state:1")
    assert.equal("suppressed", s1[1])        -- primary: 3 respondents
    assert.is_true(missing(p:get(1, "1")))
    -- secondary: in row 1 the smallest other cell (40, column 2), in column 1 the 30 of row 2
    assert.equal("suppressed", p:values("_state:2")[1])
    assert.equal("suppressed", s1[2])
    -- and then row 2 / column 2 need a second hidden cell too
    no_single_hidden(p)
    -- totals stay when they give nothing away
    assert.equal(203, p:get(3, "Totaal"))
    -- the raw counts behind hidden cells are gone as well
    assert.is_true(missing(p:get(1, "_n:1")))
    -- the original is untouched
    assert.equal(3, c:get(1, "1"))
  end)

  it("the naive table leaks, the protected one shown in md/csv/html does not", function()
    local d = data_with{ { 2, 40, 50 }, { 30, 20, 60 } }
    local c = crosstab(d, "g", "a", { layout = "wide" })
    rules.settings.disclosure_min_n = 5
    local rows = csv_rows(c)
    -- header, 2 rows, total: every value cell of row 1 that is shown, with the row total,
    -- must not determine a hidden one
    assert.equal("", rows[2][2])
    local shown_row1 = 0
    for j = 2, 4 do if rows[2][j] ~= "" then shown_row1 = shown_row1 + 1 end end
    assert.is_true(shown_row1 <= 1)
    local md = c:format("md")
    assert.is_nil(md:find("| 2 | 40 |", 1, true))
    assert.truthy(md:find("minder dan 5 respondenten", 1, true))
    local html = c:format("html")
    assert.is_nil(html:find(">2</td>", 1, true))
    assert.truthy(html:find(">60</td>", 1, true) or html:find(">60<", 1, true))
    -- percentages: the same cells go
    local pr = crosstab(d, "g", "a", { layout = "wide", show = "row" })
    local pp = protect(pr)
    assert.equal("suppressed", pp:values("_state:1")[1])
    no_single_hidden(pp)
  end)

  it("crosstab in the long layout: small cells are hidden in every value column", function()
    local d = data_with{ { 3, 40, 50 }, { 30, 20, 60 } }
    local p = protect(crosstab(d, "g", "a"), { min_n = 5 })
    for _, c in ipairs{ "n", "pct_row", "pct_col", "pct_total" } do
      assert.equal("suppressed", p:values("_state:" .. c)[1], c)
      assert.is_true(missing(p:get(1, c)), c)
      assert.equal("", p:values("_state:" .. c)[2] or "", c)
    end
    assert.is_nil(p:format("md"):find("| 1 | 1 | 3 |", 1, true))
  end)

  it("a small total goes with its cells; a row of one cell hides the total", function()
    local d = data_with{ { 1, 0, 0 }, { 30, 20, 60 } }
    local p = protect(crosstab(d, "g", "a", { layout = "wide" }), { min_n = 5 })
    -- row 1 is 1, 0, 0 = 1: the cell and the row total are both below 5
    assert.equal("suppressed", p:values("_state:1")[1])
    assert.equal("suppressed", p:values("_state:Totaal")[1])
    no_single_hidden(p)
  end)

  it("freq: a small category and the next-smallest, whole rows", function()
    local v = {}
    for _ = 1, 2 do v[#v + 1] = 1 end
    for _ = 1, 20 do v[#v + 1] = 2 end
    for _ = 1, 30 do v[#v + 1] = 3 end
    local f = freq(dataset{ { "x", v } }, "x")
    local p = protect(f, { min_n = 10 })
    local st = p:values("_state:n")
    assert.equal("suppressed", st[1])
    assert.equal("suppressed", st[2])           -- 20 = smallest other: 2 = 52 - 30 - 20
    assert.equal("", st[3] or "")
    assert.equal("suppressed", p:values("_state:pct")[1])
    assert.equal("suppressed", p:values("_state:pct_valid")[2])
    assert.equal(52, p:get(4, "n"))
    assert.is_true(missing(p:get(1, "_n")))
  end)

  it("percentages(): cells and the Totaal column", function()
    local d = data_with{ { 3, 40, 50 }, { 30, 20, 60 } }
    local t = percentages(d, "a", { by = "g", total = true })
    local p = protect(t, { min_n = 5 })
    local hidden = 0
    for _, c in ipairs(p.columns) do
      if c:match("^_state:") then
        for _, s in pairs(p:values(c)) do if s == "suppressed" then hidden = hidden + 1 end end
      end
    end
    assert.is_true(hidden >= 4)   -- the 3, and at least one more in its row and column each
    assert.equal("suppressed", p:values("_state:1")[1])
  end)

  it("monitor tables: a cell of fewer respondents than the minimum is not shown", function()
    local t = dataset{ { "rij", { "a", "b" } }, { "ouder", { 3.2, 4.1 } }, { "_n:ouder", { 40, 7 } },
      { "_kind", { "row", "row" } } }
    local p = protect(t, { min_n = 15 })
    assert.equal("suppressed", p:values("_state:ouder")[2])
    assert.is_nil(p:format("md"):find("4,1", 1, true))
    assert.truthy(p:format("md"):find("3,2", 1, true))
  end)

  it("an analyst opts out explicitly and the output says so", function()
    local d = data_with{ { 2, 40, 50 }, { 30, 20, 60 } }
    local c = crosstab(d, "g", "a", { layout = "wide" })
    rules.settings.disclosure_min_n = 5
    local md = c:format("md", { protect = false })
    assert.truthy(md:find("| 2 | 40 |", 1, true))
    assert.truthy(md:find("Niet beschermd", 1, true))
    local en = c:format("md", { protect = false, lang = "en" })
    assert.truthy(en:find("Not protected", 1, true))
    -- by default the report formats protect
    assert.is_nil(c:format("md"):find("| 2 | 40 |", 1, true))
  end)

  it("writes files protected (transactional write path)", function()
    local d = data_with{ { 2, 40, 50 }, { 30, 20, 60 } }
    local c = crosstab(d, "g", "a", { layout = "wide" })
    rules.settings.disclosure_min_n = 5
    local path = os.tmpname() .. ".md"
    c:write(path)
    local f = io.open(path, "rb"); local s = f:read("a"); f:close()
    os.remove(path)
    assert.is_nil(s:find("| 2 | 40 |", 1, true))
  end)
end)
