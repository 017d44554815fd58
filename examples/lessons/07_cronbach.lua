-- Les 7: Cronbachs alpha (004, voetnoot 9: "vanaf .70 voldoende en vanaf .80 goed"). alpha()
-- rekent zoals R's psych::alpha: per paar items met iedereen die beide beantwoordde (pairwise);
-- met de hand op complete gevallen krijg je iets anders. What-if: pool een item verkeerd om.
local function parents_and_scale()
  local d = monitor.example{ meting = "2023" }
  local ouders = d:filter(function(r) return r.actor == "ouder" end)
  return ouders, monitor.scales{ doelstelling = 1 }[1]
end
local function complete_rows(ouders, s)
  return ouders:filter(function(r)
    for _, it in ipairs(s.items) do
      local x = r[it]
      if x == nil or x == 8 or x == 9 then return false end
    end
    return true
  end)
end
local function by_hand(rows, s)
  local k, n = #s.items, #rows
  local function var(xs)
    local m, v = 0, 0
    for _, x in ipairs(xs) do m = m + x / #xs end
    for _, x in ipairs(xs) do v = v + (x - m) ^ 2 end
    return v / (#xs - 1)
  end
  local sumvar, tot = 0, {}
  for _, it in ipairs(s.items) do
    local col = rows:values(it)
    for i = 1, n do tot[i] = (tot[i] or 0) + col[i] end
    sumvar = sumvar + var(col)
  end
  return k / (k - 1) * (1 - sumvar / var(tot))
end

return {
  title = { nl = "Cronbachs alpha", en = "Cronbach's alpha" },
  intro = {
    nl = "Items van één schaal horen samen te hangen. Cronbachs alpha meet dat:\n"
      .. "alpha = k/(k-1) * (1 - som(var item) / var(som)). Vanaf 0,70 voldoende, vanaf 0,80 goed\n"
      .. "(004, voetnoot 9).",
    en = "Items of one scale should hang together. Cronbach's alpha measures that:\n"
      .. "alpha = k/(k-1) * (1 - sum(item variances) / variance(sum)). From .70 sufficient, .80 good\n"
      .. "(004, footnote 9).",
  },
  steps = {
    { nl = "Een schaal uit de voorbeelddata, voor de ouders: 'School overlegt ondersteuning met ouders'.",
      en = "A scale from the example data, for the parents: 'School discusses support with parents'.",
      code = [[
d = monitor.example{ meting = "2023" }
ouders = d:filter(function(r) return r.actor == "ouder" end)
s = monitor.scales{ doelstelling = 1 }[1]
print(s.label, table.concat(s.items, ", "), #ouders .. " ouders")
]] },
    { nl = "Met de hand kan de formule alleen op de ouders die alle items geldig beantwoordden\n"
        .. "(complete gevallen): wie één 'weet niet' gaf, valt helemaal weg.",
      en = "By hand the formula only works on the parents who answered every item validly (complete\n"
        .. "cases): whoever gave one 'don't know' drops out entirely.",
      code = [[
compleet = ouders:filter(function(r)
  for _, it in ipairs(s.items) do
    local x = r[it]
    if x == nil or x == 8 or x == 9 then return false end
  end
  return true
end)
local function var(xs)
  local m, v = 0, 0
  for _, x in ipairs(xs) do m = m + x / #xs end
  for _, x in ipairs(xs) do v = v + (x - m) ^ 2 end
  return v / (#xs - 1)
end
local k, sumvar, tot = #s.items, 0, {}
for _, it in ipairs(s.items) do
  local col = compleet:values(it)
  for i = 1, #compleet do tot[i] = (tot[i] or 0) + col[i] end
  sumvar = sumvar + var(col)
end
hand = k / (k - 1) * (1 - sumvar / var(tot))
print(string.format("n = %d, k = %d, som var(item) = %.4f, var(som) = %.4f", #compleet, k, sumvar, var(tot)))
print(string.format("alpha = %d/%d * (1 - %.4f / %.4f) = %.4f", k, k - 1, sumvar, var(tot), hand))
]] },
    { nl = "Nu alpha(ouders, s). Typ het en lees alpha af uit de eerste regel van de noten.",
      en = "Now alpha(ouders, s). Type it and read alpha from the first line of the notes.",
      ask = "command", answer = [[ alpha(ouders, s) ]], test = { { "uses", "alpha" }, { "value" } },
      hint = { { nl = "alpha(ouders, s)", en = "alpha(ouders, s)" } },
      why = { nl = "alpha() geeft per item ook alpha-als-item-verwijderd en de item-restcorrelatie.",
              en = "alpha() also gives alpha-if-item-deleted and the item-rest correlation per item." } },
    { nl = "Wat is alpha volgens alpha(), op drie decimalen? (alpha(ouders, s):meta().alpha)",
      en = "What is alpha according to alpha(), to three decimals? (alpha(ouders, s):meta().alpha)",
      ask = "number", decimals = 3, answer = [[ alpha(ouders, s):meta().alpha ]],
      hint = { { nl = "alpha(ouders, s):meta().alpha", en = "alpha(ouders, s):meta().alpha" } },
      mistakes = { { value = 0.834, tol = 0.0006, nl = "Dat is de handberekening op complete gevallen (hand).",
                     en = "That is the hand computation on complete cases (hand)." } },
      why = { nl = "0,838, en met de hand 0,834: ze verschillen in de derde decimaal (en afgerond op twee:\n"
                .. "0,84 tegen 0,83).",
              en = "0.838, and by hand 0.834: they differ in the third decimal (and rounded to two: 0.84\n"
                .. "against 0.83)." } },
    { nl = "Waarom verschillen alpha() en de handberekening?", en = "Why do alpha() and the hand computation differ?",
      ask = "choice", answer = 2,
      choices = {
        { nl = "Door afronding.", en = "Because of rounding." },
        { nl = "alpha() neemt per paar items alle ouders die beide beantwoordden (pairwise, 529 ouders met\n"
            .. "     een geldig item); de hand alleen wie alles beantwoordde (380).",
          en = "alpha() takes for each pair of items all parents who answered both (pairwise, 529 parents\n"
            .. "     with a valid item); the hand only those who answered everything (380)." },
        { nl = "alpha() weegt met w.", en = "alpha() weights with w." } },
      hint = { { nl = "Vergelijk n: alpha(ouders, s):meta().n en #compleet.", en = "Compare n: alpha(ouders, s):meta().n and #compleet." } },
      mistakes = { { choice = 3, nl = "alpha() is ongewogen (zoals psych::alpha).", en = "alpha() is unweighted (as psych::alpha)." } },
      why = { nl = "Pairwise gebruikt meer gegevens; complete gevallen gooien elke ouder met één 'weet niet'\n"
                .. "weg. Beide zijn verdedigbaar, maar niet 'hetzelfde': zeg welke je rapporteert.",
              en = "Pairwise uses more data; complete cases throw away every parent with one 'don't know'.\n"
                .. "Both are defensible, but not 'the same': say which one you report." } },
    { nl = "Op de complete gevallen geeft alpha() wél precies de handberekening. Typ alpha(compleet, s).",
      en = "On the complete cases alpha() does give exactly the hand computation. Type alpha(compleet, s).",
      ask = "command", answer = [[ alpha(compleet, s) ]], test = { { "uses", "alpha" }, { "value" } },
      hint = { { nl = "alpha(compleet, s)", en = "alpha(compleet, s)" } },
      why = { nl = "Zelfde respondenten, zelfde formule: 0,834.", en = "Same respondents, same formula: 0.834." } },
    { nl = "Wat gebeurt er als je een item verkeerd ompoolt? Maak fout: dezelfde schaal, maar met het\n"
        .. "tweede item als omgepoold:\n"
        .. "  fout = scale{ \"fout\", items = s.items, reversed = { s.items[2] }, points = 5, missing = {8, 9} }",
      en = "What happens when you reverse an item wrongly? Make fout: the same scale, but with the\n"
        .. "second item reversed:\n"
        .. "  fout = scale{ \"fout\", items = s.items, reversed = { s.items[2] }, points = 5, missing = {8, 9} }",
      ask = "command",
      answer = [[ fout = scale{ "fout", items = s.items, reversed = { s.items[2] }, points = 5, missing = {8, 9} } ]],
      test = { { "creates", "fout", check = function(v)
        return type(v) == "table" and type(v.reversed) == "table" and #v.reversed == 1 and #v.items == 4
      end } },
      hint = { { nl = "Typ de regel uit de vraag over.", en = "Type the line from the question." } },
      why = { nl = "fout draait één positief geformuleerd item om.", en = "fout reverses one positively worded item." } },
    { nl = "Bereken alpha(ouders, fout). Op hoeveel komt alpha, op twee decimalen?",
      en = "Compute alpha(ouders, fout). Where does alpha end up, to two decimals?",
      ask = "number", decimals = 2, answer = [[ alpha(ouders, fout):meta().alpha ]],
      hint = { { nl = "alpha(ouders, fout):meta().alpha", en = "alpha(ouders, fout):meta().alpha" } },
      why = { nl = "0,12: ver onder 0,70. Het omgedraaide item hangt nu negatief samen met de rest (zie r_drop\n"
                .. "in alpha(ouders, fout)). Een lage alpha is vaak een omgekeerd item: controleer de ompoling\n"
                .. "voordat je een schaal afkeurt.",
              en = "0.12: far below 0.70. The reversed item now correlates negatively with the rest (see r_drop\n"
                .. "in alpha(ouders, fout)). A low alpha is often a reversed item: check the reversal\n"
                .. "before rejecting a scale." } },
  },
  claims = {
    { id = "complete_equals_hand",
      nl = "Op complete gevallen is alpha() gelijk aan de formule met de hand.",
      en = "On complete cases alpha() equals the formula by hand.",
      check = function()
        local ouders, s = parents_and_scale()
        local rows = complete_rows(ouders, s)
        local a, h = alpha(rows, s):meta().alpha, by_hand(rows, s)
        return math.abs(a - h) < 1e-12, string.format("%.6f = %.6f", a, h)
      end },
    { id = "pairwise_differs",
      nl = "alpha() (pairwise, als psych::alpha) en alpha op complete gevallen verschillen in de derde\n"
        .. "decimaal: niet 'hetzelfde'.",
      en = "alpha() (pairwise, as psych::alpha) and alpha on complete cases differ in the third decimal:\n"
        .. "not 'the same'.",
      check = function()
        local ouders, s = parents_and_scale()
        local rows = complete_rows(ouders, s)
        local a, b = alpha(ouders, s):meta(), alpha(rows, s):meta()
        -- the numbers the lesson's text quotes: 0,838 (n 529) and 0,834 (n 380)
        local differ = string.format("%.3f", a.alpha) == "0.838" and string.format("%.3f", b.alpha) == "0.834"
        return differ and a.n == 529 and b.n == 380, string.format("pairwise %.4f (n %d), complete %.4f (n %d)", a.alpha, a.n, b.alpha, b.n),
          { pairwise = a.alpha, complete = b.alpha, n_complete = b.n }
      end },
    { id = "wrong_reversal",
      nl = "Eén item verkeerd omgepoold laat alpha onder 0,70 zakken, met een negatieve item-restcorrelatie\n"
        .. "voor dat item.",
      en = "One wrongly reversed item drops alpha below 0.70, with a negative item-rest correlation for\n"
        .. "that item.",
      check = function()
        local ouders, s = parents_and_scale()
        local fout = scale{ "fout", items = s.items, reversed = { s.items[2] }, points = 5, missing = {8, 9} }
        local a = alpha(ouders, fout)
        local right = alpha(ouders, s):meta().alpha
        return a:meta().alpha < 0.7 and right >= 0.8 and a:get(2, "r_drop") < 0,
          string.format("%.3f -> %.3f, r_drop %.3f", right, a:meta().alpha, a:get(2, "r_drop")),
          { wrong = a:meta().alpha }
      end },
  },
  summary = {
    nl = "Samengevat: alpha() rekent pairwise (als psych::alpha), de handformule op complete gevallen;\n"
      .. "die verschillen als er ontbrekende antwoorden zijn. Een item dat verkeerd omgepoold is, breekt\n"
      .. "alpha: kijk naar de item-restcorrelaties.",
    en = "In short: alpha() works pairwise (as psych::alpha), the hand formula on complete cases; they\n"
      .. "differ when answers are missing. A wrongly reversed item breaks alpha: look at the item-rest\n"
      .. "correlations.",
  },
}
