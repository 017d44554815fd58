-- Les 12: een kruistabel met zijn toets. 002 Tabel 2-9 zet een * bij verschillen tussen de
-- vso-clusters maar noemt de toets niet (docs/toolkit.md: alleen Pearson zonder correctie geeft
-- de * terug). En in een clustersteekproef (de monitor) is de gewone chi-kwadraattoets te zeker.
local function autism()
  local g, a = {}, {}
  for _, x in ipairs({ { "vso3", 64, 2 }, { "vso4", 40, 6 } }) do
    for i = 1, x[2] do g[#g + 1] = x[1]; a[#a + 1] = i <= x[3] and 1 or 0 end
  end
  return dataset{ { "cluster", g }, { "autismeklas", a } }
end
local function parents_high()
  local d = monitor.example{ meting = "2023" }
  local s = monitor.scales{ doelstelling = 1 }[1]
  local o = data.scores(d:filter(function(r) return r.actor == "ouder" end), { s })
  return o:derive("hoog", function(r) local x = r[s.name]; if not x then return nil end return x >= 4 and 1 or 0 end)
end
local DESIGN = { weight = "w", cluster = "swv", strata = "stratum" }

return {
  title = { nl = "Een kruistabel en zijn toets", en = "A crosstab and its test" },
  intro = {
    nl = "Een kruistabel zet twee variabelen tegen elkaar; een toets zegt of het verschil tussen de\n"
      .. "groepen groter is dan toeval. Welke toets, dat bepaalt soms of er een * staat.",
    en = "A crosstab sets two variables against each other; a test says whether the difference\n"
      .. "between the groups is larger than chance. Which test can decide whether there is a *.",
  },
  steps = {
    { nl = "002 Tabel 2-9: vso-scholen met een speciale autismeklas in een vo-school, per cluster: 2 van\n"
        .. "de 64 (cluster 3) en 6 van de 40 (cluster 4). Het rapport zet er een * bij (p < 0,05).",
      en = "002 Tabel 2-9: vso schools with a special autism class in a vo school, per cluster: 2 of\n"
        .. "64 (cluster 3) and 6 of 40 (cluster 4). The report puts a * with it (p < 0.05).",
      code = [[
local g, a = {}, {}
for _, x in ipairs({ { "vso3", 64, 2 }, { "vso4", 40, 6 } }) do
  for i = 1, x[2] do g[#g + 1] = x[1]; a[#a + 1] = i <= x[3] and 1 or 0 end
end
d = dataset{ { "cluster", g }, { "autismeklas", a } }
kt = crosstab(d, "cluster", "autismeklas")
print(kt)
print(passend.pretty(kt:meta().test))
]] },
    { nl = "Wat is de p-waarde van de toets van crosstab(), op drie decimalen?",
      en = "What is the p value of crosstab()'s test, to three decimals?",
      ask = "number", decimals = 3, answer = [[ kt:meta().test.p ]],
      hint = { { nl = "kt:meta().test.p", en = "kt:meta().test.p" } },
      why = { nl = "0,027: Pearsons chi-kwadraat zonder correctie (als R's chisq.test(correct = FALSE)).",
              en = "0.027: Pearson's chi-square without correction (as R's chisq.test(correct = FALSE))." } },
    { nl = "Twee andere toetsen op dezelfde 2x2-tabel: chi-kwadraat met Yates' continuïteitscorrectie (R's\n"
        .. "standaard voor 2x2) en Fishers exacte toets.",
      en = "Two other tests on the same 2x2 table: chi-square with Yates' continuity correction (R's\n"
        .. "default for 2x2) and Fisher's exact test.",
      code = [[
tabel = { { 62, 2 }, { 34, 6 } }   -- rij: cluster 3, 4; kolom: geen / wel autismeklas
yates = stats.chisq_test(tabel)
fisher = stats.fisher_test(tabel)
print(yates)
print(fisher)
print(string.format("Pearson p = %.3f, Yates p = %.3f, Fisher p = %.3f", kt:meta().test.p, yates:get(1, "p"), fisher:get(1, "p")))
verwacht = yates:meta().expected
print(string.format("verwachte aantallen met autismeklas: %.1f en %.1f", verwacht[1][2], verwacht[2][2]))
print(yates:meta().warning)
]] },
    { nl = "Welke toets geeft de * van het rapport terug?", en = "Which test gives back the report's *?",
      ask = "choice", answer = 1,
      choices = { { nl = "Pearson zonder correctie", en = "Pearson without correction" },
                  { nl = "chi-kwadraat met Yates' correctie", en = "chi-square with Yates' correction" },
                  { nl = "Fishers exacte toets", en = "Fisher's exact test" } },
      hint = { { nl = "Welke p ligt onder 0,05?", en = "Which p lies below 0.05?" } },
      why = { nl = "Alleen Pearson zonder correctie (p = 0,027); met Yates 0,067, met Fisher 0,052.",
              en = "Only Pearson without correction (p = 0.027); with Yates 0.067, with Fisher 0.052." } },
    { nl = "Welke toets zou jij hier verdedigen?", en = "Which test would you defend here?",
      ask = "choice", answer = 3,
      choices = { { nl = "Pearson zonder correctie: die geeft een *", en = "Pearson without correction: it gives a *" },
                  { nl = "Maakt niet uit", en = "It does not matter" },
                  { nl = "Fisher: twee verwachte aantallen liggen onder 5 (3,1 en 4,9), dan klopt de\n"
                      .. "     chi-kwadraatbenadering niet goed",
                    en = "Fisher: two expected counts are below 5 (3.1 and 4.9), then the chi-square\n"
                      .. "     approximation is poor" } },
      hint = { { nl = "Lees de waarschuwing van chisq_test.", en = "Read chisq_test's warning." } },
      mistakes = { { choice = 1, nl = "Een toets kies je vooraf, niet omdat hij een * geeft. Met zulke kleine aantallen is\n"
                       .. "de chi-kwadraatbenadering onbetrouwbaar.",
                     en = "You choose a test beforehand, not because it gives a *. With such small counts the\n"
                       .. "chi-square approximation is unreliable." } },
      why = { nl = "Met Fisher (p = 0,052) verdwijnt de *. Het rapport noemt zijn toets niet: noem de jouwe altijd.",
              en = "With Fisher (p = 0.052) the * disappears. The report does not name its test: always name yours." } },
    { nl = "Nu de monitor, een clustersteekproef: ouders per onderwijstype, 'hoog' = een schaalscore van\n"
        .. "4 of meer op 'School overlegt ondersteuning met ouders'. Eerst de gewone toets, dan met het\n"
        .. "design (Rao-Scott, als R's svychisq). De toets rekent met de ouders als eigen design: de 37\n"
        .. "samenwerkingsverbanden die ouders leverden (in R: svychisq op svydesign(ouders)).",
      en = "Now the monitor, a cluster sample: parents per onderwijstype, 'hoog' = a scale score of 4 or\n"
        .. "more on 'School discusses support with parents'. First the ordinary test, then with the design\n"
        .. "(Rao-Scott, as R's svychisq). The test takes the parents as a design of their own: the 37\n"
        .. "samenwerkingsverbanden that supplied parents (in R: svychisq on svydesign(parents)).",
      code = [[
m = monitor.example{ meting = "2023" }
s = monitor.scales{ doelstelling = 1 }[1]
ouders = data.scores(m:filter(function(r) return r.actor == "ouder" end), { s })
ouders:derive("hoog", function(r) local x = r[s.name]; if not x then return nil end return x >= 4 and 1 or 0 end)
gewoon = crosstab(ouders, "onderwijstype", "hoog"):meta().test
design = crosstab(ouders, "onderwijstype", "hoog", { weight = "w", cluster = "swv", strata = "stratum" }):meta().test
print(string.format("gewoon (Pearson): chi2 = %.2f, df = %d, p = %.3f", gewoon.statistic, gewoon.df, gewoon.p))
print(string.format("design (Rao-Scott): F = %.2f, df = %.2f en %.1f, p = %.3f", design.statistic, design.ndf, design.ddf, design.p))
]] },
    { nl = "Wat is de p-waarde met het design, op twee decimalen?", en = "What is the p value with the design, to two decimals?",
      ask = "number", decimals = 2, answer = [[ design.p ]],
      hint = { { nl = "design.p", en = "design.p" } },
      mistakes = { { value = 0.014, tol = 0.006, nl = "Dat is de gewone toets.", en = "That is the ordinary test." } },
      why = { nl = "0,07: niet significant, waar de gewone toets 0,014 zegt.", en = "0.07: not significant, where the ordinary test says 0.014." } },
    { nl = "Waarom is de designtoets minder zeker?", en = "Why is the design test less certain?",
      ask = "choice", answer = 2,
      choices = { { nl = "Omdat er minder ouders meetellen.", en = "Because fewer parents count." },
                  { nl = "Ouders binnen één samenwerkingsverband lijken op elkaar en de gewichten lopen uiteen:\n"
                      .. "     de steekproef bevat minder informatie dan 529 losse ouders.",
                    en = "Parents within one samenwerkingsverband resemble each other and the weights vary: the\n"
                      .. "     sample holds less information than 529 separate parents." },
                  { nl = "Omdat Rao-Scott een F-toets is.", en = "Because Rao-Scott is an F test." } },
      hint = { { nl = "Denk aan de clusters uit les 4 en 8.", en = "Think of the clusters of lessons 4 and 8." } },
      why = { nl = "De Rao-Scott-correctie deelt de chi-kwadraat door het designeffect: zo toetst R's svychisq ook.",
              en = "The Rao-Scott correction divides the chi-square by the design effect: R's svychisq tests that way too." } },
  },
  claims = {
    { id = "test_choice_decides_star",
      nl = "Op 'autismeklas' geeft alleen Pearson zonder correctie p < 0,05; Yates en Fisher niet, en twee\n"
        .. "verwachte aantallen liggen onder 5.",
      en = "On 'autism class' only Pearson without correction gives p < 0.05; Yates and Fisher do not, and\n"
        .. "two expected counts are below 5.",
      check = function()
        local p = crosstab(autism(), "cluster", "autismeklas"):meta().test.p
        local m = { { 62, 2 }, { 34, 6 } }
        local y, f = stats.chisq_test(m), stats.fisher_test(m)
        local yp, fp = y:get(1, "p"), f:get(1, "p")
        local low = 0
        for _, row in ipairs(y:meta().expected) do for _, e in ipairs(row) do if e < 5 then low = low + 1 end end end
        return p < 0.05 and yp >= 0.05 and fp >= 0.05 and low == 2,
          string.format("Pearson %.3f, Yates %.3f, Fisher %.3f", p, yp, fp),
          { pearson = p, yates = yp, fisher = fp }
      end },
    { id = "design_test_less_certain",
      nl = "Bij de ouders van de monitor is de gewone toets significant (p < 0,05) en de designtoets\n"
        .. "(Rao-Scott, als svychisq) niet.",
      en = "For the monitor's parents the ordinary test is significant (p < 0.05) and the design test\n"
        .. "(Rao-Scott, as svychisq) is not.",
      check = function()
        local o = parents_high()
        local a = crosstab(o, "onderwijstype", "hoog"):meta().test
        local b = crosstab(o, "onderwijstype", "hoog", DESIGN):meta().test
        local swv, n = {}, 0     -- the text says: 37 samenwerkingsverbanden supplied parents
        for _, v in ipairs(o:values("swv")) do if not swv[v] then swv[v] = true; n = n + 1 end end
        return a.p < 0.05 and b.p > 0.05 and n == 37, string.format("%.3f vs %.3f, %d swv", a.p, b.p, n),
          { pearson_p = a.p, rs_statistic = b.statistic, rs_ndf = b.ndf, rs_ddf = b.ddf, rs_p = b.p }
      end },
  },
  summary = {
    nl = "Samengevat: noem je toets. Bij kleine verwachte aantallen Fisher; in een clustersteekproef een\n"
      .. "designtoets (crosstab met weight/cluster/strata: Rao-Scott, als R's svychisq).",
    en = "In short: name your test. With small expected counts Fisher; in a cluster sample a design\n"
      .. "test (crosstab with weight/cluster/strata: Rao-Scott, as R's svychisq).",
  },
}
