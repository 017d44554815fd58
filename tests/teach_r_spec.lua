-- The numbers the lessons teach, where they teach a statistic R computes, against R on the
-- same data (to 1e-9 relative): the numbers come from the lessons' own claims (the `numbers`
-- a claim's check returns), so the lesson and this spec cannot drift apart.
--   lesson 3  weighted and unweighted domain means (svyby, svymean)
--   lesson 4  a cell as a domain of the whole design versus a subset design (svyby + confint
--             with degf, and svydesign on the filtered rows)
--   lesson 7  alpha pairwise (psych::alpha) and on complete cases; a wrongly reversed item
--   lesson 8  the difference between the metingen over the panel: svyby(covmat = TRUE) +
--             svycontrast, svyttest's df, interval and p; the independent-samples se
--   lesson 12 chisq.test with and without correction, fisher.test, svychisq (Rao-Scott)
-- One R run for all (loading survey takes seconds): each part's data goes in as columns
-- <part>_<name> of one data frame, rows marked by `part`.
local R = dofile("tests/support/r.lua")

local function claim(file, id)
  local L = dofile("examples/lessons/" .. file)
  for _, c in ipairs(L.claims) do
    if c.id == id then
      local ok, detail, numbers = c.check()
      assert(ok, file .. ": claim " .. id .. " does not hold: " .. tostring(detail))
      return numbers
    end
  end
  error("no claim " .. id .. " in " .. file)
end

-- The data of each part: { part, dataset, column names, items whose 8 and 9 are NA }.
local function parts()
  local d23 = monitor.example{ meting = "2023" }
  local s3, s4 = monitor.scales{ doelstelling = 2 }[3], monitor.scales{ doelstelling = 1 }[2]
  local s7, s8, s12 = monitor.scales{ doelstelling = 1 }[1], monitor.scales{ doelstelling = 4 }[6], monitor.scales{ doelstelling = 1 }[1]
  local list = {}
  list[1] = { "l3", data.scores(d23, { s3 }), { "swv", "stratum", "w", "onderwijstype", "actor", s3.name } }
  list[2] = { "l4", data.scores(d23, { s4 }), { "swv", "stratum", "w", "onderwijstype", "actor", s4.name } }
  list[3] = { "l7", d23:filter(function(r) return r.actor == "ouder" end), s7.items, s7.items }
  -- lesson 8: bao parents of both metingen, with the lesson's fixed swv effect made the same way
  local d = monitor.example()
  local sc = data.scores(d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "ouder" end), { s8 })
  local ids, seen = {}, {}
  for _, v in ipairs(sc:values("swv")) do if not seen[v] then seen[v] = true; ids[#ids + 1] = v end end
  table.sort(ids)
  local effect = {}
  for k, v in ipairs(ids) do effect[v] = ({ -0.6, -0.3, 0, 0.3, 0.6 })[k % 5 + 1] end
  sc:derive("y", function(r) local x = r[s8.name]; return x and x + effect[r.swv] or nil end)
  list[4] = { "l8", sc, { "swv", "w", "meting", s8.name, "y" } }
  local o = data.scores(d23:filter(function(r) return r.actor == "ouder" end), { s12 })
  o:derive("hoog", function(r) local x = r[s12.name]; if not x then return nil end return x >= 4 and 1 or 0 end)
  list[5] = { "l12", o, { "swv", "stratum", "w", "onderwijstype", "hoog" } }
  return list, { s3 = s3.name, s4 = s4.name, s8 = s8.name }
end

-- One data frame: column "part" and <part>_<name> columns, NA outside the part's rows.
local function stacked(list)
  local total = 0
  for _, p in ipairs(list) do total = total + #p[2] end
  local cols, part, row0 = {}, {}, 0
  for _, p in ipairs(list) do
    local d, na = p[2], {}
    for _, it in ipairs(p[4] or {}) do na[it] = true end
    for i = 1, #d do part[row0 + i] = p[1] end
    for _, name in ipairs(p[3]) do
      local v, col = d:values(name), {}
      for i = 1, #d do
        local x = v[i]
        if na[name] and (x == 8 or x == 9) then x = nil end
        col[row0 + i] = x
      end
      cols[#cols + 1] = { p[1] .. "_" .. name, col, n = total }
    end
    row0 = row0 + #d
  end
  table.insert(cols, 1, { "part", part, n = total })
  return cols
end

local reference
local function ref()
  if reference then return reference end
  local list, names = parts()
  reference = R.run(string.format([[
    library(survey); library(psych)
    options(survey.lonely.psu = "adjust")   # passend's default (docs/method.md)
    part <- function(k) {
      x <- d[d$part == k, grepl(paste0("^", k, "_"), names(d)), drop = FALSE]
      names(x) <- sub(paste0("^", k, "_"), "", names(x)); x
    }
    # lesson 3
    x <- part("l3"); x$g <- paste(x$onderwijstype, x$actor)
    for (w in c(TRUE, FALSE)) {
      des <- if (w) svydesign(ids = ~swv, strata = ~stratum, weights = ~w, data = x, nest = TRUE)
             else svydesign(ids = ~swv, strata = ~stratum, data = x, nest = TRUE)
      b <- svyby(~%s, ~g, des, svymean, na.rm = TRUE)
      out(if (w) "l3_w" else "l3_u", c(coef(b)["bao swv"], SE(b)[rownames(b) == "bao swv"]))
    }
    # lesson 4
    x <- part("l4"); x$g <- paste(x$onderwijstype, x$actor)
    des <- svydesign(ids = ~swv, strata = ~stratum, weights = ~w, data = x, nest = TRUE)
    b <- svyby(~%s, ~g, des, svymean, na.rm = TRUE)
    ci <- confint(b, df = degf(des))
    out("l4_domain", c(coef(b)["bao leerling"], SE(b)[rownames(b) == "bao leerling"], degf(des), ci["bao leerling", ]))
    sub <- svydesign(ids = ~swv, strata = ~stratum, weights = ~w, data = x[x$g == "bao leerling", ], nest = TRUE)
    m <- svymean(~%s, sub, na.rm = TRUE)
    out("l4_subset", c(SE(m), degf(sub), confint(m, df = degf(sub))))
    # lesson 7
    x <- part("l7"); x <- x[rowSums(!is.na(x)) > 0, ]
    out("l7_pairwise", psych::alpha(x, warnings = FALSE)$total$raw_alpha)
    cc <- na.omit(x)
    out("l7_complete", c(psych::alpha(cc, warnings = FALSE)$total$raw_alpha, nrow(cc)))
    y <- x; y[, 2] <- 6 - y[, 2]
    out("l7_wrong", psych::alpha(y, warnings = FALSE, check.keys = FALSE)$total$raw_alpha)
    # lesson 8
    x <- part("l8"); x$meting <- factor(x$meting)
    des <- svydesign(ids = ~swv, weights = ~w, data = x)
    b <- svyby(~%s, ~meting, des, svymean, na.rm = TRUE, covmat = TRUE)
    k <- svycontrast(b, c(-1, 1))
    out("l8_contrast", c(coef(k), SE(k), sqrt(sum(SE(b)^2))))
    t <- svyttest(%s ~ meting, des)
    out("l8_ttest", c(t$parameter, t$conf.int, t$p.value))
    by <- svyby(~y, ~meting, des, svymean, na.rm = TRUE, covmat = TRUE)
    out("l8_fixed", c(SE(svycontrast(by, c(-1, 1))), sqrt(sum(SE(by)^2))))
    # lesson 12
    m <- matrix(c(62, 34, 2, 6), 2)
    out("l12_tests", c(chisq.test(m, correct = FALSE)$p.value, chisq.test(m)$p.value, fisher.test(m)$p.value))
    x <- part("l12")
    out("l12_pearson", chisq.test(table(x$onderwijstype, x$hoog), correct = FALSE)$p.value)
    des <- svydesign(ids = ~swv, strata = ~stratum, weights = ~w, data = x, nest = TRUE)
    r <- svychisq(~onderwijstype + hoog, des, statistic = "F")
    out("l12_rs", c(r$statistic, r$parameter[1], r$parameter[2], r$p.value))
  ]], names.s3, names.s4, names.s4, names.s8, names.s8), { data = stacked(list) })
  return reference
end

describe("the lessons' numbers against R", function()
  R.require_available()

  it("lesson 3: weighted and unweighted means of the swv on 'Route naar onafhankelijk advies' (bao)", function()
    local got, res = claim("03_weging.lua", "swv_shifts_most"), ref()
    R.assert_close({ got.weighted, got.se_weighted }, res.l3_w, "weighted")
    R.assert_close({ got.unweighted, got.se_unweighted }, res.l3_u, "unweighted")
  end)

  it("lesson 4: a domain of the whole design against a subset design (bao pupils)", function()
    local got, res = claim("04_interval_ster.lua", "domain_vs_subset_numbers"), ref()
    R.assert_close({ got.domain_mean, got.domain_se, got.domain_df, got.domain_lo, got.domain_hi }, res.l4_domain, "domain")
    R.assert_close({ got.subset_se, got.subset_df, got.subset_lo, got.subset_hi }, res.l4_subset, "subset")
  end)

  it("lesson 7: alpha pairwise (psych::alpha), on complete cases, and with a wrongly reversed item", function()
    local got, wrong, res = claim("07_cronbach.lua", "pairwise_differs"), claim("07_cronbach.lua", "wrong_reversal"), ref()
    R.assert_close(got.pairwise, res.l7_pairwise[1], "pairwise alpha")
    R.assert_close({ got.complete, got.n_complete }, res.l7_complete, "complete-case alpha")
    R.assert_close(wrong.wrong, res.l7_wrong[1], "wrongly reversed")
  end)

  it("lesson 8: the difference between the metingen as a contrast over the panel design", function()
    local got, fixed, res = claim("08_twee_metingen.lua", "compare_is_design_contrast"),
      claim("08_twee_metingen.lua", "persistent_effect"), ref()
    R.assert_close({ got.diff, got.se, got.se_naive }, res.l8_contrast, "svycontrast")
    R.assert_close({ got.df, got.lo, got.hi, got.p }, res.l8_ttest, "svyttest")
    R.assert_close({ fixed.design_se_y, fixed.naive_se_y }, res.l8_fixed, "with a fixed swv effect")
  end)

  it("lesson 12: the tests on 'autismeklas' and the Rao-Scott test on the monitor's parents", function()
    local got, rs, res = claim("12_kruistabel.lua", "test_choice_decides_star"), claim("12_kruistabel.lua", "design_test_less_certain"), ref()
    R.assert_close({ got.pearson, got.yates, got.fisher }, res.l12_tests, "2x2 tests")
    R.assert_close(rs.pearson_p, res.l12_pearson[1], "Pearson on the parents")
    R.assert_close({ rs.rs_statistic, rs.rs_ndf, rs.rs_ddf, rs.rs_p }, res.l12_rs, "svychisq")
  end)
end)
