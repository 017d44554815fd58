-- Les 1: de schaalscore (004, Bijlage A: "Een schaalscore is de gemiddelde score over de
-- onderliggende items").
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
scores = {}
for i = 1, #d do
  local r = d[i]
  scores[i] = (r.q1 + r.q2 + r.q3) / 3
  print(string.format("ouder %d: (%d + %d + %d) / 3 = %.3f", i, r.q1, r.q2, r.q3, scores[i]))
end
]] },
    { nl = "Het gemiddelde van de schaalscores is het getal dat de tabel toont (afgerond op één decimaal).",
      en = "The mean of the scale scores is the number the table shows (rounded to one decimal).",
      code = [[
local sum = 0
for _, s in ipairs(scores) do sum = sum + s end
print(string.format("gemiddelde = %.4f -> %.1f", sum / #scores, sum / #scores))
]] },
    { nl = "passend doet hetzelfde met een schaal en estimate(); de kolom mean is het gemiddelde.",
      en = "passend does the same with a scale and estimate(); the mean column is the mean.",
      code = [[
s = scale{ "overleg", items = {"q1", "q2", "q3"}, points = 5, label = "Overleg met ouders" }
r = estimate(d, { s })
print(r)
]] },
  },
  summary = { nl = "Samengevat: items -> schaalscore per respondent -> gemiddelde over respondenten.",
              en = "In short: items -> scale score per respondent -> mean over respondents." },
}
