-- Les 11: van items naar schalen (het rapport bouwde zijn schalen met "factor- en
-- betrouwbaarheidsanalyse"): welke items horen bij elkaar, dan scale{} en alpha().
return {
  title = { nl = "Van items naar schalen: factoranalyse en alpha", en = "From items to scales: factor analysis and alpha" },
  intro = {
    nl = "Een schaal is een set items die samen één ding meten. Welke items bij elkaar horen, laat een\n"
      .. "factoranalyse zien: items van dezelfde schaal laden hoog op dezelfde factor. Daarna meet\n"
      .. "Cronbachs alpha hoe betrouwbaar de schaal is (les 7).",
    en = "A scale is a set of items that together measure one thing. Which items belong together is\n"
      .. "what a factor analysis shows: items of one scale load highly on the same factor. Then\n"
      .. "Cronbach's alpha measures how reliable the scale is (lesson 7).",
  },
  steps = {
    { nl = "Acht items van de ouders, door elkaar: vier over overleg met ouders, vier over ondersteuning op maat.",
      en = "Eight parents' items, mixed: four on consultation with parents, four on tailored support.",
      code = [[
d = monitor.example{ meting = "2023" }
ouders = d:filter(function(r) return r.actor == "ouder" end)
local s = monitor.scales{ doelstelling = 1 }
items = {}
for _, it in ipairs(s[1].items) do items[#items + 1] = it end
for _, it in ipairs(s[3].items) do items[#items + 1] = it end
print(table.concat(items, ", "))
]] },
    { nl = "Hoeveel factoren? De eigenwaarden van de correlatiematrix: twee zijn groter dan 1, de rest ligt rond 0,5.",
      en = "How many factors? The eigenvalues of the correlation matrix: two are above 1, the rest near 0.5.",
      code = [[
local e = factor(ouders, items, { method = "pca" }):meta().eigenvalues
for k, v in ipairs(e) do io.write(string.format("%d: %.2f  ", k, v)) end
print()
]] },
    { nl = "De factoranalyse met twee factoren (psych::fa, minres, oblimin): items 1-4 laden op F1, items 5-8 op F2.",
      en = "The factor analysis with two factors (psych::fa, minres, oblimin): items 1-4 load on F1, items 5-8 on F2.",
      code = [[
print(factor(ouders, items, { nfactors = 2 }))
]] },
    { nl = "Eén factor voor alle acht past slecht: de RMSR is veel groter en de TLI veel lager.",
      en = "One factor for all eight fits badly: the RMSR is much larger and the TLI much lower.",
      code = [[
local one, two = factor(ouders, items):meta().fit, factor(ouders, items, { nfactors = 2 }):meta().fit
print(string.format("1 factor: RMSR %.3f, TLI %.2f;  2 factoren: RMSR %.3f, TLI %.2f", one.rms, one.tli, two.rms, two.tli))
]] },
    { nl = "Dus twee schalen. Een negatief geformuleerd item zou negatief laden: zet het dan in reversed.",
      en = "So two scales. A negatively worded item would load negatively: put it in reversed.",
      code = [[
overleg = scale{ "overleg", items = { items[1], items[2], items[3], items[4] }, label = "Overleg met ouders" }
maat = scale{ "maat", items = { items[5], items[6], items[7], items[8] }, label = "Ondersteuning op maat" }
print(overleg)
print(maat)
]] },
    { nl = "En de betrouwbaarheid van elke schaal: beide ruim boven 0,80 (goed).",
      en = "And the reliability of each scale: both well above .80 (good).",
      code = [[
print(alpha(ouders, { overleg, maat }))
]] },
  },
  summary = {
    nl = "Factoranalyse om te zien welke items samen horen, scale{} om ze samen te nemen, alpha() om\n"
      .. "de betrouwbaarheid te meten. Zie docs/method.md ('Van items naar schalen') en docs/stats.md.",
    en = "Factor analysis to see which items belong together, scale{} to combine them, alpha() to\n"
      .. "measure reliability. See docs/method.md ('From items to scales') and docs/stats.md.",
  },
}
