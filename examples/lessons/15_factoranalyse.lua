-- Les 15: van items naar schalen (004 bouwde zijn schalen met "factor- en
-- betrouwbaarheidsanalyse"): welke items horen bij elkaar (factor(), als psych::fa), dan scale{}
-- en alpha(). What-if: één factor voor alle items past slecht.
local function parents_items()
  local d = monitor.example{ meting = "2023" }
  local ouders = d:filter(function(r) return r.actor == "ouder" end)
  local s = monitor.scales{ doelstelling = 1 }
  local items = {}
  for _, it in ipairs(s[1].items) do items[#items + 1] = it end
  for _, it in ipairs(s[3].items) do items[#items + 1] = it end
  return ouders, items
end

-- the factor on which item i loads most (by absolute loading)
local function home_factor(f, i, k)
  local best, at = -1, nil
  for j = 1, k do
    local l = math.abs(f:get(i, "F" .. j))
    if l > best then best, at = l, j end
  end
  return at
end

return {
  title = { nl = "Van items naar schalen: factoranalyse en alpha", en = "From items to scales: factor analysis and alpha" },
  intro = {
    nl = "Een schaal is een set items die samen één ding meten. Welke items bij elkaar horen, laat een\n"
      .. "factoranalyse zien: items van dezelfde schaal laden hoog op dezelfde factor. Daarna meet\n"
      .. "Cronbachs alpha hoe betrouwbaar de schaal is (les 7). Het rapport bouwde zijn schalen zo\n"
      .. "(004, Bijlage A: 'factor- en betrouwbaarheidsanalyse').",
    en = "A scale is a set of items that together measure one thing. Which items belong together is\n"
      .. "what a factor analysis shows: items of one scale load highly on the same factor. Then\n"
      .. "Cronbach's alpha measures how reliable the scale is (lesson 7). The report built its scales\n"
      .. "this way (004, Bijlage A: 'factor and reliability analysis').",
  },
  steps = {
    { nl = "Acht items van de ouders, door elkaar: vier over overleg met ouders, vier over ondersteuning op maat.",
      en = "Eight parents' items, mixed: four on consultation with parents, four on tailored support.",
      code = [[
d = monitor.example{ meting = "2023" }
ouders = d:filter(function(r) return r.actor == "ouder" end)
local sc = monitor.scales{ doelstelling = 1 }
items = {}
for _, it in ipairs(sc[1].items) do items[#items + 1] = it end
for _, it in ipairs(sc[3].items) do items[#items + 1] = it end
print(table.concat(items, ", "))
]] },
    { nl = "Hoeveel factoren? De eigenwaarden van de correlatiematrix (een principale-componentenanalyse).",
      en = "How many factors? The eigenvalues of the correlation matrix (a principal components analysis).",
      code = [[
eigen = factor(ouders, items, { method = "pca" }):meta().eigenvalues
for k, v in ipairs(eigen) do io.write(string.format("%d: %.2f  ", k, v)) end
print()
]] },
    { nl = "Hoeveel eigenwaarden zijn groter dan 1 (de vuistregel voor het aantal factoren)?",
      en = "How many eigenvalues are larger than 1 (the rule of thumb for the number of factors)?",
      ask = "number", answer = [[ (function() local k = 0 for _, v in ipairs(eigen) do if v > 1 then k = k + 1 end end return k end)() ]],
      decimals = 0,
      hint = { { nl = "Tel in de regel hierboven de getallen boven 1,00.", en = "Count the numbers above 1.00 in the line above." } },
      why = { nl = "Twee: de items meten twee dingen.", en = "Two: the items measure two things." } },
    { nl = "De factoranalyse met twee factoren (als psych::fa: minres, oblimin). Lees per item op welke\n"
        .. "factor het het hoogst laadt.",
      en = "The factor analysis with two factors (as psych::fa: minres, oblimin). Read for each item on\n"
        .. "which factor it loads highest.",
      code = [[
f2 = factor(ouders, items, { nfactors = 2 })
print(f2)
]] },
    { nl = "Eén factor voor alle acht (de what-if): vergelijk de passing. Typ zelf de factoranalyse met\n"
        .. "één factor en bewaar hem als f1.",
      en = "One factor for all eight (the what-if): compare the fit. Type the factor analysis with one\n"
        .. "factor yourself and keep it as f1.",
      ask = "command", answer = [[ f1 = factor(ouders, items) ]],
      test = { { "uses", "factor" }, { "creates", "f1" } },
      hint = { { nl = "factor(ouders, items) geeft één factor; zet er f1 = voor.",
                 en = "factor(ouders, items) gives one factor; put f1 = in front." } },
      why = { nl = "Kijk naar de RMSR (kleiner is beter) en de TLI (dichter bij 1 is beter): één factor past slecht.",
              en = "Look at the RMSR (smaller is better) and the TLI (closer to 1 is better): one factor fits badly." } },
    { nl = "Dus twee schalen. (Een negatief geformuleerd item zou negatief laden: zet het dan in reversed.)",
      en = "So two scales. (A negatively worded item would load negatively: put it in reversed then.)",
      code = [[
overleg = scale{ "overleg", items = { items[1], items[2], items[3], items[4] }, label = "Overleg met ouders" }
maat = scale{ "maat", items = { items[5], items[6], items[7], items[8] }, label = "Ondersteuning op maat" }
print(overleg)
print(maat)
]] },
    { nl = "En de betrouwbaarheid: bereken de alpha van beide schalen met één aanroep.",
      en = "And the reliability: compute the alpha of both scales with one call.",
      ask = "command", answer = [[ alpha(ouders, { overleg, maat }) ]],
      test = { { "uses", "alpha" }, { "value" } },
      hint = { { nl = "alpha(ouders, { overleg, maat })", en = "alpha(ouders, { overleg, maat })" } },
      why = { nl = "Beide ruim boven 0,80: goed (004, voetnoot 9).", en = "Both well above .80: good (004, footnote 9)." } },
  },
  claims = {
    { id = "two_eigenvalues", nl = "Precies twee eigenwaarden zijn groter dan 1.", en = "Exactly two eigenvalues are above 1.",
      check = function()
        local ouders, items = parents_items()
        local k = 0
        for _, v in ipairs(factor(ouders, items, { method = "pca" }):meta().eigenvalues) do if v > 1 then k = k + 1 end end
        return k == 2, k .. " eigenwaarden > 1"
      end },
    { id = "two_scales", nl = "Met twee factoren laden items 1-4 het hoogst op de ene factor en items 5-8 op de andere.",
      en = "With two factors items 1-4 load highest on one factor and items 5-8 on the other.",
      check = function()
        local ouders, items = parents_items()
        local f = factor(ouders, items, { nfactors = 2 })
        local a = home_factor(f, 1, 2)
        for i = 1, 8 do
          if home_factor(f, i, 2) ~= (i <= 4 and a or 3 - a) then return false, "item " .. i .. " laadt elders" end
        end
        return true, "items 1-4 op F" .. a .. ", 5-8 op F" .. (3 - a)
      end },
    { id = "one_factor_fits_badly", nl = "Eén factor past slechter: grotere RMSR, lagere TLI.",
      en = "One factor fits worse: larger RMSR, lower TLI.",
      check = function()
        local ouders, items = parents_items()
        local one = factor(ouders, items):meta().fit
        local two = factor(ouders, items, { nfactors = 2 }):meta().fit
        return one.rms > two.rms and one.tli < two.tli,
          string.format("RMSR %.3f vs %.3f, TLI %.2f vs %.2f", one.rms, two.rms, one.tli, two.tli)
      end },
    { id = "alpha_good", nl = "Beide schalen hebben een alpha boven 0,80.", en = "Both scales have an alpha above .80.",
      check = function()
        local ouders, items = parents_items()
        local r = alpha(ouders, { scale{ "a", items = { items[1], items[2], items[3], items[4] } },
                                  scale{ "b", items = { items[5], items[6], items[7], items[8] } } })
        local a1, a2 = r:get(1, "alpha"), r:get(2, "alpha")
        return a1 > 0.8 and a2 > 0.8, string.format("alpha %.3f en %.3f", a1, a2)
      end },
  },
  summary = {
    nl = "Factoranalyse om te zien welke items samen horen, scale{} om ze samen te nemen, alpha() om\n"
      .. "de betrouwbaarheid te meten. Zie docs/method.md ('Van items naar schalen') en docs/stats.md.",
    en = "Factor analysis to see which items belong together, scale{} to combine them, alpha() to\n"
      .. "measure the reliability. See docs/method.md ('From items to scales') and docs/stats.md.",
  },
}
