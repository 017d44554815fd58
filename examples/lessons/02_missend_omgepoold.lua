-- Les 2: 'weet niet' en 'n.v.t.' tellen niet mee; negatief geformuleerde items worden omgedraaid
-- (004, Bijlage A); min_valid: hoeveel geldige items een schaalscore nodig heeft.
local function teachers()
  return dataset{ {"q1", {4, 8, 5}, missing = {8, 9}}, {"q2", {3, 4, 9}, missing = {8, 9}},
                  {"q3", {2, 1, 4}, missing = {8, 9}} }
end
local OPTS = { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" }
local function cell(r, ot, actor)
  for i = 1, #r do if r[i].onderwijstype == ot and r[i].actor == actor then return r[i] end end
end
local function strict(s)
  return scale{ s.name, items = s.items, reversed = s.reversed, points = s.points, missing = {8, 9},
                min_valid = #s.items }
end

return {
  title = { nl = "Ontbrekende antwoorden en omgepoolde items", en = "Missing answers and reversed items" },
  intro = {
    nl = "De monitor laat 'weet niet', 'n.v.t.', 'geen zicht op' en 'doe dit niet' buiten de\n"
      .. "schaalscore, en draait negatief geformuleerde stellingen om: x' = punten + 1 - x.",
    en = "The monitor leaves 'don't know', 'not applicable', 'no view on' and 'don't do this' out\n"
      .. "of the scale score, and reverses negatively worded statements: x' = points + 1 - x.",
  },
  steps = {
    { nl = "Drie leraren; code 8 = 'weet niet', 9 = 'n.v.t.'. Item q3 is negatief geformuleerd\n"
        .. "('Passend onderwijs kost mij te veel tijd').",
      en = "Three teachers; code 8 = 'don't know', 9 = 'not applicable'. Item q3 is negatively worded\n"
        .. "('Inclusive education takes too much of my time').",
      code = [[
d = dataset{ {"q1", {4, 8, 5}, missing = {8, 9}}, {"q2", {3, 4, 9}, missing = {8, 9}},
             {"q3", {2, 1, 4}, missing = {8, 9}} }
for i = 1, #d do print("leraar " .. i, d:get(i, "q1"), d:get(i, "q2"), d:get(i, "q3")) end
]] },
    { nl = "Omdraaien van q3 op een 5-puntsschaal: 1 wordt 5, 2 wordt 4, 4 wordt 2.",
      en = "Reversing q3 on a 5-point scale: 1 becomes 5, 2 becomes 4, 4 becomes 2.",
      code = [[
for i = 1, #d do
  local x = d:get(i, "q3")
  print(string.format("leraar %d: q3 = %d -> %d", i, x, 5 + 1 - x))
end
]] },
    { nl = "Leraar 2 antwoordde q1 = 8 ('weet niet'), q2 = 4 en q3 = 1 (negatief geformuleerd).\n"
        .. "Wat is zijn schaalscore, op twee decimalen?",
      en = "Teacher 2 answered q1 = 8 ('don't know'), q2 = 4 and q3 = 1 (negatively worded).\n"
        .. "What is their scale score, to two decimals?",
      ask = "number", answer = 4.5, decimals = 2,
      hint = { { nl = "De 8 telt niet mee: alleen q2 en het omgedraaide q3 blijven over.",
                 en = "The 8 does not count: only q2 and the reversed q3 remain." },
               { nl = "(4 + (5 + 1 - 1)) / 2", en = "(4 + (5 + 1 - 1)) / 2" } },
      mistakes = {
        { value = 2.5, nl = "Je vergat q3 om te draaien: een 1 op 'kost te veel tijd' is een 5 op de schaal.",
          en = "You forgot to reverse q3: a 1 on 'takes too much time' is a 5 on the scale." },
        { value = 17 / 3, nl = "De 8 is geen antwoord maar 'weet niet': die telt niet mee, ook niet in de noemer.",
          en = "The 8 is not an answer but 'don't know': it does not count, not in the denominator either." },
        { value = 3, nl = "Delen door 3 telt de 'weet niet' toch mee in de noemer; deel door de 2 geldige items.",
          en = "Dividing by 3 still counts the 'don't know' in the denominator; divide by the 2 valid items." } },
      why = { nl = "(4 + 5) / 2 = 4,50: de 8 valt weg, ook uit de noemer, en q3 = 1 wordt 5.",
              en = "(4 + 5) / 2 = 4.50: the 8 drops out, also from the denominator, and q3 = 1 becomes 5." } },
    { nl = "Met een schaal: reversed noemt de omgepoolde items, missing de codes die niet meetellen.",
      en = "With a scale: reversed names the reversed items, missing the codes that do not count.",
      code = [[
s = scale{ "belasting", items = {"q1", "q2", "q3"}, reversed = {"q3"}, points = 5,
           missing = {8, 9}, min_valid = 1 }
print(data.scores(d, { s }):select({ "q1", "q2", "q3", "belasting" }))
]] },
    { nl = "Hoeveel geldige items moet een respondent hebben? Dat zegt min_valid (standaard 1; het\n"
        .. "rapport noemt geen minimum). Neem de schaal 'School biedt ondersteuning op maat' (4 items)\n"
        .. "in de voorbeelddata en kijk naar het bao.",
      en = "How many valid items must a respondent have? That is min_valid (default 1; the report\n"
        .. "names no minimum). Take the scale 'School offers tailored support' (4 items) in the\n"
        .. "example data and look at bao.",
      code = [[
d = monitor.example{ meting = "2023" }
s = monitor.scales{ doelstelling = 1 }[3]
print(s)
opties = { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" }
-- bao rows of actors that were asked (n = 0: not asked; a row suppressed for its n has none)
function bao(r) return r:filter(function(x) return x.onderwijstype == "bao" and x.n ~= 0 end) end
print(bao(estimate(d, { s }, opties)):select({ "actor", "n", "mean", "range", "flag", "shown" }))
]] },
    { nl = "Maak s_streng: dezelfde schaal, maar alleen voor wie alle 4 items geldig beantwoordde:\n"
        .. "  s_streng = scale{ s.name, items = s.items, points = 5, missing = {8, 9}, min_valid = 4 }",
      en = "Make s_streng: the same scale, but only for those who answered all 4 items validly:\n"
        .. "  s_streng = scale{ s.name, items = s.items, points = 5, missing = {8, 9}, min_valid = 4 }",
      ask = "command",
      answer = [[ s_streng = scale{ s.name, items = s.items, points = 5, missing = {8, 9}, min_valid = 4 } ]],
      test = { { "creates", "s_streng", check = function(v, ctx)
        local s = ctx.env.s
        return type(v) == "table" and v.min_valid == 4 and type(v.items) == "table" and #v.items == 4
          and s and v.items[1] == s.items[1], ctx.lang == "en" and "s_streng needs the 4 items of s and min_valid = 4"
          or "s_streng heeft de 4 items van s nodig en min_valid = 4"
      end } },
      hint = { { nl = "Typ de regel uit de vraag over.", en = "Type the line from the question." } },
      why = { nl = "Zelfde items, strengere eis: wie één item met 'weet niet' beantwoordde, valt nu af.",
              en = "Same items, a stricter rule: whoever answered one item 'don't know' now drops out." } },
    { nl = "Schat de bao-cellen opnieuw met s_streng: bao(estimate(d, { s_streng }, opties))",
      en = "Estimate the bao cells again with s_streng: bao(estimate(d, { s_streng }, opties))",
      ask = "command", answer = [[ bao(estimate(d, { s_streng }, opties)) ]],
      test = { { "uses", "estimate" }, { "value" } },
      hint = { { nl = "bao(estimate(d, { s_streng }, opties))", en = "bao(estimate(d, { s_streng }, opties))" } },
      why = { nl = "Minder respondenten per cel (n), andere gemiddelden, bredere intervallen.",
              en = "Fewer respondents per cell (n), other means, wider intervals." } },
    { nl = "Welke cel verdwijnt uit de tabel (shown = 0)?",
      en = "Which cell disappears from the table (shown = 0)?",
      ask = "choice", answer = 2,
      choices = { { nl = "de ib'ers", en = "the ib'ers" }, { nl = "de leerlingen", en = "the pupils" },
                  { nl = "de ouders", en = "the parents" } },
      hint = { { nl = "Kijk naar n: een cel met minder dan 15 respondenten wordt niet getoond (les 6).",
                 en = "Look at n: a cell with fewer than 15 respondents is not shown (lesson 6)." } },
      why = { nl = "De 20 leerlingen worden er 13: te weinig om te tonen. Een strengere min_valid kost\n"
                .. "respondenten; de keuze moet daarom bij elke tabel vermeld worden.",
              en = "The 20 pupils become 13: too few to show. A stricter min_valid costs respondents;\n"
                .. "the choice must therefore be stated with every table." } },
  },
  claims = {
    { id = "missing_out_of_denominator",
      nl = "'Weet niet' en 'n.v.t.' tellen niet mee, ook niet in de noemer; omgepoolde items tellen als\n"
        .. "punten + 1 - x (leraar 2: (4 + 5) / 2 = 4,5).",
      en = "'Don't know' and 'not applicable' do not count, not in the denominator either; reversed items\n"
        .. "count as points + 1 - x (teacher 2: (4 + 5) / 2 = 4.5).",
      check = function()
        local s = scale{ "belasting", items = {"q1", "q2", "q3"}, reversed = {"q3"}, points = 5, missing = {8, 9} }
        local sc = data.scores(teachers(), { s })
        local got = { sc:get(1, "belasting"), sc:get(2, "belasting"), sc:get(3, "belasting") }
        local want = { (4 + 3 + 4) / 3, (4 + 5) / 2, (5 + 2) / 2 }
        for i = 1, 3 do if math.abs(got[i] - want[i]) > 1e-12 then return false, "teacher " .. i end end
        return true, "11/3, 9/2, 7/2"
      end },
    { id = "min_valid_moves_cells",
      nl = "Met min_valid = 4 houden de bao-leerlingen op deze schaal 13 van de 20 respondenten over en\n"
        .. "wordt de cel onderdrukt; met min_valid = 1 wordt hij getoond.",
      en = "With min_valid = 4 the bao pupils on this scale keep 13 of their 20 respondents and the cell is\n"
        .. "suppressed; with min_valid = 1 it is shown.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local s = monitor.scales{ doelstelling = 1 }[3]
        local a = cell(estimate(d, { s }, OPTS), "bao", "leerling")
        local b = cell(estimate(d, { strict(s) }, OPTS), "bao", "leerling")
        -- b's n is hidden with the cell: count the pupils with a strict score
        local pupils = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "leerling" end)
        local sc, n = data.scores(pupils, { strict(s) }), 0
        for i = 1, #sc do if sc:get(i, s.name) ~= nil then n = n + 1 end end
        return a.n == 20 and a.shown == 1 and n == 13 and b.n == nil and b.shown == 0 and b.reason == "n",
          string.format("n %d -> %d, shown %d -> %d", a.n, n, a.shown, b.shown)
      end },
    { id = "person_vs_items_with_missing",
      nl = "Met ontbrekende antwoorden verschilt het gemiddelde van de schaalscores van het gemiddelde\n"
        .. "van de itemgemiddelden (score = \"items\"): de keuze doet ertoe (DESIGN, methodekeuze 1).",
      en = "With missing answers the mean of the scale scores differs from the mean of the item means\n"
        .. "(score = \"items\"): the choice matters (DESIGN, method choice 1).",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local s = monitor.scales{ doelstelling = 1 }[3]
        local a = cell(estimate(d, { s }, OPTS), "bao", "ouder")
        local o = {}
        for k, v in pairs(OPTS) do o[k] = v end
        o.score = "items"
        local b = cell(estimate(d, { s }, o), "bao", "ouder")
        return math.abs(a.mean - b.mean) > 1e-3, string.format("bao parents: %.4f vs %.4f", a.mean, b.mean)
      end },
  },
  summary = {
    nl = "Samengevat: missende codes vallen weg (ook uit de noemer), negatieve items worden omgedraaid,\n"
      .. "en min_valid bepaalt wie een schaalscore krijgt: een keuze die cellen kan laten verdwijnen.",
    en = "In short: missing codes drop out (also from the denominator), negative items are reversed,\n"
      .. "and min_valid decides who gets a scale score: a choice that can make cells disappear.",
  },
}
