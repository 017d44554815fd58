-- Les 1: de schaalscore (004, Bijlage A: "Een schaalscore is de gemiddelde score over de
-- onderliggende items"). Lesson format: docs/teach.md.
local function data()
  return dataset{ {"q1", {4, 5, 3, 2}}, {"q2", {4, 4, 3, 3}}, {"q3", {5, 4, 2, 2}} }
end

return {
  title = { nl = "De schaalscore", en = "The scale score" },
  intro = {
    nl = "Een (sub)indicator in de monitor is een schaal: een paar stellingen (items) over hetzelfde.\n"
      .. "De schaalscore van een respondent is het gemiddelde van zijn antwoorden op die items;\n"
      .. "het cijfer in de tabel is het gemiddelde van de schaalscores van alle respondenten.",
    en = "A (sub)indicator in the monitor is a scale: a few statements (items) about one thing.\n"
      .. "A respondent's scale score is the mean of their answers to those items; the number in\n"
      .. "the table is the mean of the respondents' scale scores.",
  },
  steps = {
    { nl = "Vier ouders beantwoorden drie items op een 5-puntsschaal (1 = helemaal mee oneens,\n"
        .. "5 = helemaal mee eens).",
      en = "Four parents answer three items on a 5-point scale (1 = strongly disagree, 5 = strongly agree).",
      code = [[
d = dataset{ {"q1", {4, 5, 3, 2}}, {"q2", {4, 4, 3, 3}}, {"q3", {5, 4, 2, 2}} }
for i = 1, #d do print("ouder " .. i, d:get(i, "q1"), d:get(i, "q2"), d:get(i, "q3")) end
]] },
    { nl = "De schaalscore per ouder: tel de antwoorden op en deel door het aantal items.",
      en = "The scale score per parent: add the answers and divide by the number of items.",
      code = [[
per_ouder = {}
for i = 1, #d do
  local r = d[i]
  per_ouder[i] = (r.q1 + r.q2 + r.q3) / 3
  print(string.format("ouder %d: (%d + %d + %d) / 3 = %.3f", i, r.q1, r.q2, r.q3, per_ouder[i]))
end
]] },
    { nl = "Ouder 3 antwoordde 3, 3 en 2. Wat is zijn schaalscore, op twee decimalen?",
      en = "Parent 3 answered 3, 3 and 2. What is their scale score, to two decimals?",
      ask = "number", answer = [[ (3 + 3 + 2) / 3 ]], decimals = 2,
      hint = { { nl = "Tel de drie antwoorden op en deel door 3.", en = "Add the three answers and divide by 3." },
               { nl = "(3 + 3 + 2) / 3", en = "(3 + 3 + 2) / 3" } },
      mistakes = { { value = 8, nl = "Dat is de som van de antwoorden; deel nog door het aantal items.",
                     en = "That is the sum of the answers; divide by the number of items." } },
      why = { nl = "8 / 3 = 2,67: het gemiddelde van de antwoorden van deze ouder.",
              en = "8 / 3 = 2.67: the mean of this parent's answers." } },
    { nl = "Het gemiddelde van de schaalscores is het getal dat de tabel toont (afgerond op één decimaal).",
      en = "The mean of the scale scores is the number the table shows (rounded to one decimal).",
      code = [[
local sum = 0
for _, x in ipairs(per_ouder) do sum = sum + x end
print(string.format("gemiddelde = %.4f -> %.1f", sum / #per_ouder, sum / #per_ouder))
]] },
    { nl = "Nu met passend. Maak de schaal s met de items q1, q2 en q3 op een 5-puntsschaal:\n"
        .. "  s = scale{ \"overleg\", items = {\"q1\", \"q2\", \"q3\"}, points = 5 }",
      en = "Now with passend. Make the scale s with the items q1, q2 and q3 on a 5-point scale:\n"
        .. "  s = scale{ \"overleg\", items = {\"q1\", \"q2\", \"q3\"}, points = 5 }",
      ask = "command", answer = [[ s = scale{ "overleg", items = {"q1", "q2", "q3"}, points = 5 } ]],
      test = { { "creates", "s", check = function(v)
        if getmetatable(v) == nil or type(v.items) ~= "table" then return false end
        local want = { q1 = true, q2 = true, q3 = true }
        for _, it in ipairs(v.items) do if not want[it] then return false end want[it] = nil end
        return next(want) == nil and v.points == 5
      end } },
      hint = { { nl = "Typ de regel uit de vraag over: s = scale{ ... }", en = "Type the line from the question: s = scale{ ... }" } },
      why = { nl = "Een schaal zegt welke items bij elkaar horen; estimate() rekent er de scores mee uit.",
              en = "A scale says which items belong together; estimate() computes the scores with it." } },
    { nl = "Schat het gemiddelde met estimate(). Met vier ouders zou de monitor de cel niet tonen (les 6:\n"
        .. "te weinig respondenten); om het getal toch te zien zetten we die regel hier uit:\n"
        .. "  estimate(d, { s }, { rules = { suppress = { min_n = 0, max_range = math.huge } } })\n"
        .. "De kolom mean is het getal uit stap 4.",
      en = "Estimate the mean with estimate(). With four parents the monitor would not show the cell\n"
        .. "(lesson 6: too few respondents); to see the number anyway we switch that rule off here:\n"
        .. "  estimate(d, { s }, { rules = { suppress = { min_n = 0, max_range = math.huge } } })\n"
        .. "The mean column is the number of step 4.",
      ask = "command", answer = [[ estimate(d, { s }, { rules = { suppress = { min_n = 0, max_range = math.huge } } }) ]],
      test = { { "uses", "estimate" }, { "value" } },
      hint = { { nl = "Typ de regel uit de vraag over.", en = "Type the line from the question." } },
      why = { nl = "mean = 3,417: het gemiddelde van de vier schaalscores.",
              en = "mean = 3.417: the mean of the four scale scores." } },
    { nl = "Stel dat ouder 4 (schaalscore 2,33) niet had meegedaan. Welk cijfer toont de tabel dan,\n"
        .. "op één decimaal?",
      en = "Suppose parent 4 (scale score 2.33) had not taken part. Which number does the table show\n"
        .. "then, to one decimal?",
      ask = "number", answer = [[ (per_ouder[1] + per_ouder[2] + per_ouder[3]) / 3 ]], decimals = 1,
      hint = { { nl = "Het gemiddelde van de schaalscores van ouder 1, 2 en 3.", en = "The mean of the scale scores of parents 1, 2 and 3." },
               { nl = "(per_ouder[1] + per_ouder[2] + per_ouder[3]) / 3", en = "(per_ouder[1] + per_ouder[2] + per_ouder[3]) / 3" } },
      mistakes = { { value = 3.4, nl = "Dat is het cijfer mét ouder 4. Zonder de laagste score stijgt het gemiddelde.",
                     en = "That is the number with parent 4. Without the lowest score the mean goes up." } },
      why = { nl = "(4,33 + 4,33 + 2,67) / 3 = 3,78, afgerond 3,8: wie meedoet bepaalt het cijfer. Daarom weegt\n"
                .. "de monitor (les 3) en toont hij geen cellen met te weinig respondenten (les 6).",
              en = "(4.33 + 4.33 + 2.67) / 3 = 3.78, rounded 3.8: who takes part decides the number. That is\n"
                .. "why the monitor weights (lesson 3) and shows no cells with too few respondents (lesson 6)." } },
  },
  claims = {
    { id = "mean_of_scores",
      nl = "De kolom mean van estimate() is het gemiddelde van de schaalscores van de respondenten.",
      en = "estimate()'s mean column is the mean of the respondents' scale scores.",
      check = function()
        local d = data()
        local s = scale{ "overleg", items = {"q1", "q2", "q3"}, points = 5 }
        local sc, sum = passend.data.scores(d, { s }), 0
        for i = 1, #sc do sum = sum + sc:get(i, "overleg") end
        local m = estimate(d, { s }, { rules = { suppress = { min_n = 0, max_range = math.huge } } })[1].mean
        return math.abs(m - sum / #sc) < 1e-12, string.format("%.6f = %.6f", m, sum / #sc)
      end },
    { id = "person_equals_items_without_missing",
      nl = "Zonder ontbrekende antwoorden is het gemiddelde van de schaalscores gelijk aan het gemiddelde\n"
        .. "van de itemgemiddelden (score = \"items\"); les 2 laat zien dat dat met ontbrekende antwoorden niet zo is.",
      en = "Without missing answers the mean of the scale scores equals the mean of the item means\n"
        .. "(score = \"items\"); lesson 2 shows that with missing answers it does not.",
      check = function()
        local d = data()
        local s = scale{ "overleg", items = {"q1", "q2", "q3"}, points = 5 }
        local open = { suppress = { min_n = 0, max_range = math.huge } }  -- four parents: no suppression here
        local a = estimate(d, { s }, { rules = open })[1].mean
        local b = estimate(d, { s }, { score = "items", rules = open })[1].mean
        return math.abs(a - b) < 1e-12, string.format("%.6f and %.6f", a, b)
      end },
  },
  summary = { nl = "Samengevat: items -> schaalscore per respondent -> gemiddelde over respondenten.",
              en = "In short: items -> scale score per respondent -> mean over respondents." },
}
