-- The survey-report toolkit: bases, batteries, multiple response, derived variables, recoding
-- and open answers, typologies, rank aggregation, quantity words and audits on small data.
local function approx(a, b) return math.abs(a - b) < 1e-9 end

describe("percentages: bases", function()
  local d = { { "g", { "po", "po", "vo", "vo", "vo", "po", "vo", "po" } },
              { "q", { 1, 2, 2, 9, 1, 1, nil, 8 } }, n = 8 }

  it("% of valid answers drops missing codes and keeps the valid n", function()
    local t = percentages(d, "q", { by = "g", missing = { 8, 9 }, total = true })
    assert.are.same({ "categorie", "po", "vo", "Totaal", "_kind" }, t.columns)
    assert.is_true(approx(t:get(1, "po"), 200 / 3))
    assert.is_true(approx(t:get(1, "vo"), 50))
    assert.are.equal("Totaal abs. (n=100%)", t:get(3, "categorie"))
    assert.are.equal(3, t:get(3, "po"))
    assert.are.equal(2, t:get(3, "vo"))
    assert.are.equal(5, t:get(3, "Totaal"))
    assert.are.equal("geldige antwoorden", t:meta().base_label)
  end)

  it("% of all respondents shows the missing codes as rows", function()
    local t = percentages(d, "q", { missing = { 8, 9 }, base = "all", labels = { [8] = "weet niet", [9] = "n.v.t." } })
    local labels = {}
    for i = 1, #t do labels[i] = t:get(i, "categorie") end
    assert.are.same({ "1", "2", "weet niet", "n.v.t.", "geen antwoord", "Totaal abs. (n=100%)" }, labels)
    assert.is_true(approx(t:get(1, "Totaal"), 37.5))
    assert.are.equal(8, t:get(6, "Totaal"))
  end)

  it("filters the base, puts n in the title and counts in cells", function()
    local t = percentages(d, "q", { filter = { g = "vo" }, missing = { 9 }, title = "Vraag q", n_in_title = true,
      cells = "both", n_row = false })
    assert.are.equal("Vraag q (n=2)", t:meta().title)
    assert.are.same({ "categorie", "Totaal abs.", "Totaal %" }, t.columns)
    assert.are.equal(2, #t)
  end)

  it("rounds to add up to 100 by largest remainder on request", function()
    local d5 = { { "q", { 1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3 } }, n = 11 }
    local t = percentages(d5, "q", { rounding = "largest_remainder" })
    assert.are.same({ 46, 36, 18 }, { t:get(1, "Totaal"), t:get(2, "Totaal"), t:get(3, "Totaal") })
    local h = percentages(d5, "q")
    assert.is_true(approx(h:get(1, "Totaal"), 500 / 11))   -- unrounded: the formats round half up
    assert.has_error(function() percentages(d5, "q", { rounding = "banker" }) end)
  end)

  it("rejects an unknown base and a missing column", function()
    assert.has_error(function() percentages(d, "q", { base = "some" }) end,
      'percentages: option base must be one of "valid", "all", got "some"')
    assert.has_error(function() percentages(d, "nope") end, "percentages: no column \"nope\" in the data")
  end)
end)

describe("battery", function()
  local d = { { "sector", { "po", "po", "po", "vo", "vo" } }, { "i1", { 1, 2, 2, 1, 9 } },
              { "i2", { 2, 2, 1, 1, 1 } }, n = 5 }

  it("rows = items, columns = categories, n per item, panels by group", function()
    local t = stats.battery(d, { { "i1", "Item een" }, { "i2", "Item twee" } },
      { categories = { 1, 2 }, labels = { "nee", "ja" }, by = "sector", missing = { 9 }, rowsum = true })
    assert.are.same({ "groep", "item", "nee", "ja", "totaal", "n" }, t.columns)
    assert.are.equal(4, #t)
    assert.are.equal("po", t:get(1, "groep"))
    assert.is_true(approx(t:get(1, "ja"), 200 / 3))
    assert.are.equal(1, t:get(3, "n"))          -- vo, item een: one valid answer
    assert.are.equal(100, t:get(3, "nee"))
    assert.is_true(approx(t:get(4, "totaal"), 100))
  end)

  it("panel header rows instead of a group column", function()
    local t = stats.battery(d, { { "i1", "Item een" }, { "i2", "Item twee" } },
      { categories = { 1, 2 }, by = "sector", missing = { 9 }, panel_rows = true })
    assert.are.same({ "item", "1", "2", "n", "_kind" }, t.columns)
    assert.are.same({ "po", "Item een", "Item twee", "vo", "Item een", "Item twee" }, t:values("item"))
    assert.are.same({ "header", "row", "row", "header", "row", "row" }, t:values("_kind"))
    assert.are.equal(0, #stats.audit(t))
  end)

  it("groups side by side", function()
    local t = stats.battery(d, { "i1", "i2" }, { categories = { 1, 2 }, by = "sector", layout = "side", missing = { 9 } })
    assert.are.same({ "item", "po 1", "po 2", "po n", "vo 1", "vo 2", "vo n" }, t.columns)
    assert.are.equal(2, #t)
    assert.are.equal(2, t:get(2, "vo n"))
  end)
end)

describe("multiple response", function()
  it("categorical form: % of cases and % of responses", function()
    local d = { { "k1", { "a", "a", "b", "c" } }, { "k2", { "b", nil, "c", nil } }, n = 4 }
    local t = stats.mr_table(d, { form = "categorical", vars = { "k1", "k2" }, codes = { "a", "b", "c" } }, { percent = "both" })
    assert.are.same({ "antwoord", "Totaal % cases", "Totaal % responses", "_kind" }, t.columns)
    assert.is_true(approx(t:get(1, "Totaal % cases"), 50))
    assert.is_true(approx(t:get(2, "Totaal % responses"), 100 * 2 / 6))
    assert.are.equal(4, t:get(4, "Totaal % cases"))
    assert.are.equal(6, t:get(4, "Totaal % responses"))
    assert.is_true(t:meta().over_100)
  end)

  it("cases = answered leaves out rows without any answer", function()
    local d = { { "x", { 1, 0, 0 } }, { "y", { 1, 0, 1 } }, n = 3 }
    local t = stats.mr_table(d, { vars = { "x", "y" } }, { cases = "answered" })
    assert.are.equal(50, t:get(1, "Totaal"))
    assert.are.equal(2, t:get(3, "Totaal"))
    assert.has_error(function() stats.mr_table(d, { "x" }) end)
  end)
end)

describe("derived variables, recode, open answers", function()
  local d = { { "q", { 5, 4, 2, 9, nil } }, { "s", { "uitvoering", "voorbereiding", "nee", "nee", "uitvoering" } },
              { "a", { 1, 0, 0, 1, 0 } }, { "b", { 0, 0, 1, 1, nil } }, n = 5 }

  it("top box, at_least, in_codes, any_of, count_of, threshold", function()
    local dd = data.derive(d, "top2", data.top_box("q", 5, 2, { missing = { 9 } }))
    dd = data.derive(dd, "ge4", data.at_least("q", 4, { missing = { 9 } }))
    dd = data.derive(dd, "gestart", data.in_codes("s", { "uitvoering", "voorbereiding" }))
    dd = data.derive(dd, "any", data.any_of({ "a", "b" }, 1))
    dd = data.derive(dd, "cnt", data.count_of({ "a", "b" }, 1))
    dd = data.derive(dd, "both", data.threshold(data.count_of({ "a", "b" }, 1), 2))
    local cols = {}
    for _, c in ipairs(dd) do cols[c[1]] = c[2] end
    assert.are.same({ 1, 1, 0 }, { cols.top2[1], cols.top2[2], cols.top2[3] })
    assert.is_nil(cols.top2[4]); assert.is_nil(cols.top2[5])
    assert.are.same({ 1, 1, 0, 0, 1 }, cols.gestart)
    assert.are.same({ 1, 0, 1, 1, 0 }, cols.any)
    assert.are.same({ 1, 0, 1, 2, 0 }, cols.cnt)
    assert.are.same({ 0, 0, 0, 1, 0 }, cols.both)
    assert.are.equal(4, #d)                    -- the input keeps its 4 columns
  end)

  it("recode by mapping and by ranges", function()
    assert.are.same({ "nee", "nee", "ja" }, data.recode({ 1, 2, 3 }, { [1] = "nee", [2] = "nee", [3] = "ja" }))
    local r = data.recode({ 1, 7, 10, 4, 99 }, { ranges = { { 1, 5, "laag" }, { 6, 10, "hoog" } }, [99] = false })
    assert.are.same({ "laag", "hoog", "hoog", "laag" }, { r[1], r[2], r[3], r[4] })
    assert.is_nil(r[5])
    local q = data.recode(d, "q", { ranges = { { 1, 3, "laag" } }, ["else"] = "hoog" })
    assert.are.same({ "hoog", "hoog", "laag", "hoog" }, { q[1], q[2], q[3], q[4] })
    assert.is_nil(q[5])
  end)

  it("codes open answers with a pattern codebook", function()
    local book = { { "Symbiose", patterns = { "symbiose", "onderwijstijd" } }, { "Stage", patterns = { "stage" } },
                   default = "Overig" }
    local codes, why = data.code_open({ "Symbiose met vmbo", "STAGES samen", "iets anders", "" }, book)
    assert.are.same({ "Symbiose", "Stage", "Overig" }, { codes[1], codes[2], codes[3] })
    assert.is_nil(codes[4])
    assert.are.equal("symbiose", why[1])
    local d2 = { { "v", { 1, 7, 7 } }, { "t", { "", "meetellen onderwijstijd", "kookclub" } }, n = 3 }
    assert.are.same({ 1, 6, 7 }, data.code_other(d2, "v", 7, "t", { { 6, patterns = { "onderwijstijd" } } }))
  end)
end)

describe("typology", function()
  local spec = { components = {
    { id = "A", items = { { "a1", { 3 } }, { "a2", { 3 } } }, cuts = { { 0, 0, "achter" }, { 1, 1, "midden" }, { 2, nil, "voor" } } },
    { id = "B", items = { { "b1", { 1 } } }, cuts = { { 0, 0, "achter" }, { 1, 1, "midden" }, { 2, nil, "voor" } } },
  } }
  local d = { { "g", { "x", "x", "y", "y" } }, { "a1", { 3, 3, 1, 3 } }, { "a2", { 3, 1, 1, nil } },
              { "b1", { 0, 1, 0, 0 } }, n = 4 }

  it("points, classes, distribution, table by group and profiles", function()
    local t = stats.typology(spec)
    local pts = t:points(d)
    assert.are.same({ 2, 1, 0, 1 }, pts.A)
    local tab = t:table(d, { by = "g" })
    assert.are.same({ "onderdeel", "groep", "achter", "midden", "voor", "n" }, tab.columns)
    assert.are.equal(50, tab:get(1, "voor"))      -- A in x: one of two has 2 points
    local dist = t:distribution(d)
    assert.are.equal(25, dist:get(1, "Totaal"))   -- A, 0 points
    local prof = t:profiles(d)
    assert.are.equal(0, prof:meta().summary.voor.all)
    assert.are.equal(3, prof:meta().summary.voor.none)
    assert.are.equal(1, prof:meta().summary.achter.all)
    local fd = t:from_distribution({ A = { [0] = 20, [1] = 30, [2] = 50 } })
    assert.are.equal(50, fd.A.voor.value)
  end)

  it("fails on a malformed definition", function()
    assert.has_error(function() stats.typology{ components = {} } end)
    assert.has_error(function() stats.typology{ components = { { id = "A", items = { { "a1" } }, cuts = { { 0, 0, "x" } } } } } end,
      "typology: component A: item 1 must be {name, {qualifying codes}}")
    assert.has_error(function()
      stats.typology{ components = { { id = "A", items = { { "a", { 1 } } }, cuts = { { 0, 2, "x" }, { 1, 3, "y" } } } } }
    end, "typology: component A: cut 2 starts at 1, not above the previous cut")
  end)
end)

describe("rank_means", function()
  it("mean position with unranked = k + 1, ties kept, top extended", function()
    -- choice form: 3 voters name their top 2 of 5 items; unranked scores k + 1 = 3
    local d = { { "r1", { "a", "b", "a" } }, { "r2", { "b", "a", "c" } }, n = 3 }
    local t = stats.rank_means(d, { items = { "a", "b", "c", "d", "e" }, choices = { "r1", "r2" }, k = 2 })
    assert.are.same({ "a", "b", "c" }, { t:get(1, "item"), t:get(2, "item"), t:get(3, "item") })
    assert.is_true(approx(t:get(1, "gem_positie"), 4 / 3))
    assert.is_true(approx(t:get(2, "gem_positie"), 2))
    assert.is_true(approx(t:get(3, "gem_positie"), 8 / 3))
    assert.are.same({ 1, 1, 0, 0, 0 }, { t:get(1, "top"), t:get(2, "top"), t:get(3, "top"), t:get(4, "top"), t:get(5, "top") })
    assert.are.equal(3, t:meta().voters)
    assert.has_error(function() stats.rank_means(d, { items = { "a", "b" }, choices = { "r1", "r2" } }) end,
      "rank_means: row 3 names item \"c\", not in opts.items")
    assert.has_error(function() stats.rank_means(d, { items = { "a", "b", "c" }, choices = { "r1", "r2" }, k = 1 }) end,
      "rank_means: 2 choice columns for a top 1")
  end)

  it("position form, ties share a rank and both enter the top", function()
    local d = { { "x", { 1, 2 } }, { "y", { 2, 1 } }, { "z", { 3, nil } }, { "w", { nil, 3 } }, n = 2 }
    local t = stats.rank_means(d, { items = { "x", "y", "z", "w" }, k = 3, top = 1 })
    assert.are.same({ 1, 1, 3, 3 }, { t:get(1, "rang"), t:get(2, "rang"), t:get(3, "rang"), t:get(4, "rang") })
    assert.are.same({ 1, 1, 0, 0 }, { t:get(1, "top"), t:get(2, "top"), t:get(3, "top"), t:get(4, "top") })
    assert.is_true(approx(t:get(3, "gem_positie"), 3.5))
    assert.has_error(function() stats.rank_means({ { "x", { 5 } }, n = 1 }, { items = { "x" } }) end,
      "rank_means: row 1 gives \"x\" position 5, expected 1..3")
  end)
end)

describe("quantity words", function()
  it("writes the sources' phrasings in Dutch and English", function()
    assert.are.equal("een kwart", format.quantity(0.258))
    assert.are.equal("een derde", format.quantity(0.348))
    assert.are.equal("bijna de helft", format.quantity(0.44))
    assert.are.equal("ruim 80%", format.quantity(0.81, { style = "percent" }))
    assert.are.equal("ruim 80%", format.quantity(0.81))
    assert.are.equal("1 op de 5", format.quantity(0.2, { style = "ratio" }))
    assert.are.equal("a quarter", format.quantity(0.258, { lang = "en" }))
    assert.are.equal("almost half", format.quantity(0.44, { lang = "en" }))
    assert.are.equal("over 80%", format.quantity(0.81, { style = "percent", lang = "en" }))
    assert.are.equal("1 in 5", format.quantity(0.2, { style = "ratio", lang = "en" }))
    assert.are.equal("bijna 50%", format.quantity(0.49, { style = "percent" }))
    assert.are.equal("ruim driekwart", format.quantity(0.78))
    assert.are.equal("44%", format.quantity(0.44, { style = "percent" }))
    assert.are.equal("ongeveer een derde", format.quantity(17 / 54, { about = true }))
    assert.are.equal("een kwart", format.quantity(13 / 50, { about = true }))
    assert.are.equal("a quarter (po) to a third (vo)", format.quantity_range({ { 23 / 66, "vo" }, { 17 / 66, "po" } }, { lang = "en" }))
  end)

  it("refuses percentages given as numbers above 1", function()
    assert.has_error(function() format.quantity(44) end, "quantity: proportion 44 outside 0..1 (give 0.44, not 44)")
    assert.has_error(function() format.quantity(0.5, { lang = "de" }) end)
  end)
end)

describe("audit and feasible n", function()
  it("finds n that fit rounded percentages", function()
    local function ns(p, o) return stats.feasible_n(p, o):values("n") end
    local f = stats.feasible_n({ 34, 11, 55 }, { complete = true, nmax = 51 })
    assert.are.same({ 38, 44, 47 }, f:values("n"))
    assert.are.equal("38, 44, 47", f:meta().key[1].text)
    assert.are.equal(3, f:meta().key[2].value)
    assert.matches("mogelijke n = 38, 44, 47; aantal = 3", tostring(f))
    assert.are.same({}, ns({ 79, 17, 6, 2 }, { complete = true, nmax = 1000 }))
    assert.are.same({ 28 }, ns({ 46, 36, 18 }, { complete = true, nmax = 30 }))
    assert.are.same({ 11, 22, 28 }, ns({ 46, 36, 18 }, { rounding = "largest_remainder", nmax = 30 }))
    local any = ns({ 4 }, { nmax = 30 })
    assert.is_true(#any > 0)
    for _, n in ipairs(any) do assert.is_true(n ~= 12) end
  end)

  it("audits a table the toolkit produced: clean", function()
    local d = { { "g", { "a", "a", "b", "b", "b" } }, { "q", { 1, 2, 1, 1, 2 } }, n = 5 }
    local a = stats.audit(percentages(d, "q", { by = "g", pooled = { { "ab", { "a", "b" } } } }))
    assert.are.equal(0, #a)
    assert.is_true(a:meta().ok)
  end)

  it("flags a printed percentage impossible for its n and a pooled mean off its parts", function()
    local a = stats.audit({ kind = "col_pct", sums = false, columns = { "x" }, rows = { { "r", 4 } }, n = 12 })
    assert.are.equal(1, #a)
    assert.are.equal("cell_n", a:get(1, "check"))
    local b = stats.audit({ kind = "means", decimals = 1, columns = { "s1", "s2", "tot" },
      rows = { { "m", 3.4, 2.9, 3.6 }, { "ok", 3.7, 4.4, 4.0 } }, n = { s1 = 16, s2 = 13, tot = 29 },
      pooled = { tot = { "s1", "s2" } } })
    assert.are.equal(1, #b)
    assert.are.equal("m", b:get(1, "row"))
    assert.has_error(function() stats.audit({ rows = {} }) end)
  end)
end)

describe("display tables", function()
  it("as_table builds a table the formats render", function()
    local t = stats.as_table({ { "naam", { "a", "b" } }, { "pct", { 12.5, 87.5 } } }, { title = "T", decimals = 0 })
    assert.are.equal(2, #t)
    local s = t:format("text")
    assert.matches("T\n", s)
    assert.matches("13", s)
    assert.matches("88", s)
  end)
end)

describe("toolkit and the statistics agree", function()
  it("percentages of valid answers equal freq's pct_valid on the monitor example data (weighted)", function()
    local e = monitor.example{ meting = "2023" }
    local item = "d1_i1_s1_2"
    local f = freq(e, item, { by = "sector", weight = "w" })
    local t = percentages(e, item, { by = "sector", weight = "w", levels = { sector = { "po", "vo" } } })
    local compared = 0
    for i = 1, #f do
      local sec, part, code = f:get(i, "sector"), f:get(i, "part"), f:get(i, "value")
      if (sec == "po" or sec == "vo") and part == "valid" then
        for r = 1, #t - 1 do
          if t:get(r, "categorie") == f:get(i, "label") or t:get(r, "categorie") == tostring(code) then
            assert.is_true(math.abs(t:get(r, sec) - f:get(i, "pct_valid")) < 1e-9,
              string.format("%s %s: %.12g vs %.12g", sec, tostring(code), t:get(r, sec), f:get(i, "pct_valid")))
            compared = compared + 1
          end
        end
      end
    end
    assert.are.equal(10, compared)
  end)
end)

describe("help texts", function()
  it("every toolkit function documents its usage", function()
    local docs = require("passend.doc").all()
    for _, name in ipairs({ "percentages", "stats.battery", "stats.mr_table", "stats.as_table", "data.in_codes",
      "data.at_least", "data.top_box", "data.count_of", "data.any_of", "data.threshold", "data.derive", "data.recode",
      "data.code_open", "data.code_other", "stats.chisq_test", "stats.fisher_test", "stats.t_test",
      "stats.wilcox_test", "stats.mark", "stats.pool", "stats.compare_groups", "stats.typology", "stats.rank_means",
      "format.quantity", "format.quantity_range", "format.count_phrase", "format.compare_phrase", "stats.audit",
      "stats.feasible_n" }) do
      local doc = docs[name]
      assert.is_truthy(doc, name .. " has no help text")
      assert.are.equal(name, doc:match("^([%w_.]+)"), name .. ": usage line")
      assert.is_truthy(doc:find("\n\n", 1, true), name .. ": blank line after the usage")
    end
  end)
end)
