-- Les 2: 'weet niet' en 'n.v.t.' tellen niet mee; negatief geformuleerde items worden omgedraaid.
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
    { nl = "De schaalscore is het gemiddelde over de geldige items: 8 en 9 vallen weg, de noemer\n"
        .. "wordt kleiner.",
      en = "The scale score is the mean over the valid items: 8 and 9 drop out, the denominator shrinks.",
      code = [[
for i = 1, #d do
  local vals = {}
  for _, q in ipairs({"q1", "q2", "q3"}) do
    local x = d:get(i, q)
    if x ~= 8 and x ~= 9 then
      if q == "q3" then x = 6 - x end
      vals[#vals + 1] = x
    end
  end
  local sum = 0
  for _, x in ipairs(vals) do sum = sum + x end
  print(string.format("leraar %d: (%s) / %d = %.3f", i, table.concat(vals, " + "), #vals, sum / #vals))
end
]] },
    { nl = "Met een schaal: reversed noemt de omgepoolde items, missing de codes die niet meetellen.",
      en = "With a scale: reversed names the reversed items, missing the codes that do not count.",
      code = [[
s = scale{ "belasting", items = {"q1", "q2", "q3"}, reversed = {"q3"}, points = 5,
           missing = {8, 9}, min_valid = 1 }
print(estimate(d, { s }))
]] },
  },
}
