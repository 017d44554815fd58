-- Les 5: kleurbanden (004: rood, geel, lichtgroen, donkergroen; Figuur 1.1 en 1.2). What-if:
-- deel het onafgeronde getal in en kijk welke cellen van kleur wisselen.
local function shown_cells()
  local d = monitor.example{ meting = "2023" }
  local out = {}
  for dl = 1, 7 do
    local r = estimate(d, monitor.scales{ doelstelling = dl },
      { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
    for i = 1, #r do if r[i].shown == 1 then out[#out + 1] = r[i] end end
  end
  return out
end

return {
  title = { nl = "Kleurbanden", en = "Colour bands" },
  intro = {
    nl = "De tabellen kleuren elke cel. 5-puntsschaal: tot 3 rood, 3-3,5 geel, 3,5-4,25 lichtgroen,\n"
      .. "4,25-5 donkergroen. 3-puntsschaal (ib'ers/oco's): 2, 2,5 en 2,75 als grenzen.",
    en = "The tables colour every cell. 5-point scale: up to 3 red, 3-3.5 yellow, 3.5-4.25 light\n"
      .. "green, 4.25-5 dark green. 3-point scale (ib'ers/oco's): cut points 2, 2.5 and 2.75.",
  },
  steps = {
    { nl = "rules.band(waarde, punten) geeft de band. De waarde wordt eerst afgerond zoals de tabel\n"
        .. "hem drukt (één decimaal); 3 en 3,5 horen nog bij de lagere band ('maximaal 3').",
      en = "rules.band(value, points) gives the band. The value is first rounded as the table prints\n"
        .. "it (one decimal); 3 and 3.5 still belong to the lower band ('at most 3').",
      code = [[
for _, v in ipairs({ 2.8, 3.0, 3.2, 3.5, 3.9, 4.25, 4.6 }) do
  print(string.format("5 punten, %.2f -> %s", v, rules.band(v, 5)))
end
for _, v in ipairs({ 1.9, 2.0, 2.3, 2.5, 2.75, 2.9 }) do
  print(string.format("3 punten, %.2f -> %s", v, rules.band(v, 3)))
end
]] },
    { nl = "Welke kleur krijgt een schaalscore van 3,04 op een 5-puntsschaal?",
      en = "Which colour does a scale score of 3.04 on a 5-point scale get?",
      ask = "choice", answer = 1,
      choices = { { nl = "rood", en = "red" }, { nl = "geel", en = "yellow" }, { nl = "lichtgroen", en = "light green" },
                  { nl = "donkergroen", en = "dark green" } },
      hint = { { nl = "Hoe drukt de tabel 3,04 af? En bij welke band hoort dat getal?",
                 en = "How does the table print 3.04? And which band does that number belong to?" } },
      mistakes = { { choice = 2, nl = "Dat is de kleur van het onafgeronde 3,04. De tabel drukt 3,0 af, en 'maximaal 3' is rood.",
                     en = "That is the colour of the unrounded 3.04. The table prints 3.0, and 'at most 3' is red." } },
      why = { nl = "Rood: 3,04 wordt gedrukt als 3,0, en een gedrukte 3,0 is altijd rood.",
              en = "Red: 3.04 is printed as 3.0, and a printed 3.0 is always red." } },
    { nl = "Een ib'er-schaal (3 punten) scoort 2,74. Welke kleur?",
      en = "An ib'er scale (3 points) scores 2.74. Which colour?",
      ask = "choice", answer = 3,
      choices = { { nl = "rood", en = "red" }, { nl = "geel", en = "yellow" }, { nl = "lichtgroen", en = "light green" },
                  { nl = "donkergroen", en = "dark green" } },
      hint = { { nl = "3 punten: tot 2 rood, tot 2,5 geel, onder 2,75 lichtgroen. Gedrukt: 2,7.",
                 en = "3 points: up to 2 red, up to 2.5 yellow, below 2.75 light green. Printed: 2.7." } },
      why = { nl = "Lichtgroen: gedrukt 2,7, onder 2,75.", en = "Light green: printed 2.7, below 2.75." } },
    { nl = "Op de grens: 33 gepubliceerde waarden liggen precies op een grens (zoals 3,5). Of 3,5 geel\n"
        .. "of lichtgroen is, is een keuze (DESIGN, methodekeuze 6); rules.settings laat zien welke.",
      en = "On the edge: 33 published values sit exactly on a cut point (such as 3.5). Whether 3.5 is\n"
        .. "yellow or light green is a choice (DESIGN, method choice 6); rules.settings shows which.",
      code = [[
local n = 0
for _, p in ipairs(monitor.published) do
  local cuts = p.points == 5 and { 3, 3.5, 4.25 } or { 2, 2.5, 2.75 }
  for _, c in ipairs(cuts) do if math.abs(p.value - c) < 1e-9 then n = n + 1 end end
end
print(n .. " gepubliceerde waarden liggen precies op een grens")
for _, v in ipairs({ 3.0, 3.5, 4.25 }) do print(string.format("%.2f -> %s", v, rules.band(v, 5))) end
]] },
    { nl = "Waarom eerst afronden? Deel de 298 getoonde cellen van de voorbeelddata eens onafgerond in\n"
        .. "(band_decimals = false) en kijk welke van kleur wisselen.",
      en = "Why round first? Classify the 298 shown cells of the example data unrounded\n"
        .. "(band_decimals = false) and see which change colour.",
      code = [[
d = monitor.example{ meting = "2023" }
onafgerond = rules.resolve{ band_decimals = false }
cellen = {}
for dl = 1, 7 do
  local r = estimate(d, monitor.scales{ doelstelling = dl },
    { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
  for i = 1, #r do if r[i].shown == 1 then cellen[#cellen + 1] = r[i] end end
end
for _, x in ipairs(cellen) do
  local b = rules.band(x.mean, x.points, onafgerond)
  if b ~= x.band then
    print(string.format("%-9s %-5s %-17s gedrukt %s: %s, onafgerond %.3f: %s", x.scale, x.onderwijstype, x.actor,
      format.number(x.mean, 1), x.band, x.mean, b))
  end
end
]] },
    { nl = "Hoeveel cellen wisselen van kleur?", en = "How many cells change colour?",
      ask = "number",
      answer = [[ (function() local n = 0 for _, x in ipairs(cellen) do
        if rules.band(x.mean, x.points, onafgerond) ~= x.band then n = n + 1 end end return n end)() ]],
      hint = { { nl = "Tel de regels hierboven.", en = "Count the lines above." } },
      why = { nl = "15: onafgerond zou een gedrukte 3,5 soms geel en soms lichtgroen zijn. Afgerond indelen\n"
                .. "geeft elke gedrukte waarde één kleur; het rapport zegt het niet, het is een keuze.",
              en = "15: unrounded, a printed 3.5 would sometimes be yellow and sometimes light green.\n"
                .. "Classifying the rounded value gives every printed value one colour; the report does not\n"
                .. "say so, it is a choice." } },
  },
  claims = {
    { id = "published_on_cut",
      nl = "33 van de 298 gepubliceerde waarden liggen precies op een grens.",
      en = "33 of the 298 published values sit exactly on a cut point.",
      check = function()
        local n = 0
        for _, p in ipairs(monitor.published) do
          local cuts = p.points == 5 and { 3, 3.5, 4.25 } or { 2, 2.5, 2.75 }
          for _, c in ipairs(cuts) do if math.abs(p.value - c) < 1e-9 then n = n + 1 end end
        end
        return n == 33 and #monitor.published == 298, n .. " of " .. #monitor.published
      end },
    { id = "printed_value_decides",
      nl = "Afgerond ingedeeld is 3,04 rood (gedrukt 3,0) en 3,05 geel (gedrukt 3,1); onafgerond is 3,04 geel.",
      en = "Classified rounded, 3.04 is red (printed 3.0) and 3.05 yellow (printed 3.1); unrounded 3.04 is yellow.",
      check = function()
        local unr = rules.resolve{ band_decimals = false }
        return rules.band(3.04, 5) == "rood" and rules.band(3.05, 5) == "geel" and rules.band(3.04, 5, unr) == "geel",
          "rood, geel, geel"
      end },
    { id = "one_colour_per_printed_value",
      nl = "In de voorbeelddata wisselen 15 van de 298 cellen van kleur als je onafgerond indeelt; afgerond\n"
        .. "heeft elke gedrukte waarde precies één kleur, onafgerond niet.",
      en = "In the example data 15 of the 298 cells change colour when classified unrounded; rounded,\n"
        .. "every printed value has exactly one colour, unrounded not.",
      check = function()
        local unr = rules.resolve{ band_decimals = false }
        local cells, changed = shown_cells(), 0
        local rounded, raw = {}, {}
        local unique_rounded, unique_raw = true, true
        for _, x in ipairs(cells) do
          local b = rules.band(x.mean, x.points, unr)
          if b ~= x.band then changed = changed + 1 end
          local key = x.points .. "|" .. format.number(x.mean, 1)
          if rounded[key] and rounded[key] ~= x.band then unique_rounded = false end
          if raw[key] and raw[key] ~= b then unique_raw = false end
          rounded[key], raw[key] = x.band, b
        end
        return #cells == 298 and changed == 15 and unique_rounded and not unique_raw,
          string.format("%d of %d change", changed, #cells)
      end },
  },
  summary = {
    nl = "Samengevat: de kleur hoort bij het gedrukte getal; 3 en 3,5 zijn bovengrenzen (rood, geel),\n"
      .. "4,25 opent donkergroen. Grenzen en afronding staan in rules.settings.",
    en = "In short: the colour belongs to the printed number; 3 and 3.5 are upper bounds (red, yellow),\n"
      .. "4.25 opens dark green. Cut points and rounding are in rules.settings.",
  },
}
