-- Les 5: kleurbanden (004: rood, geel, lichtgroen, donkergroen).
return {
  title = { nl = "Kleurbanden", en = "Colour bands" },
  intro = {
    nl = "De tabellen kleuren elke cel. 5-puntsschaal: tot 3 rood, 3-3,5 geel, 3,5-4,25 lichtgroen,\n"
      .. "4,25-5 donkergroen. 3-puntsschaal (ib'ers/oco's): 2, 2,5 en 2,75 als grenzen.",
    en = "The tables colour every cell. 5-point scale: up to 3 red, 3-3.5 yellow, 3.5-4.25 light\n"
      .. "green, 4.25-5 dark green. 3-point scale (ib'ers/oco's): cut points 2, 2.5 and 2.75.",
  },
  steps = {
    { nl = "rules.band(waarde, punten) geeft de band.",
      en = "rules.band(value, points) gives the band.",
      code = [[
for _, v in ipairs({ 2.8, 3.0, 3.2, 3.5, 3.9, 4.25, 4.6 }) do
  print(string.format("5 punten, %.2f -> %s", v, rules.band(v, 5)))
end
for _, v in ipairs({ 1.9, 2.0, 2.3, 2.5, 2.75, 2.9 }) do
  print(string.format("3 punten, %.2f -> %s", v, rules.band(v, 3)))
end
]] },
    { nl = "Let op de grenzen: 33 gepubliceerde waarden liggen precies op een grens (zoals 3,5). Of 3,5\n"
        .. "geel of lichtgroen is, is een keuze (DESIGN, methodekeuze 6); rules.settings laat zien welke.",
      en = "Mind the cut points: 33 published values sit exactly on one (such as 3.5). Whether 3.5 is\n"
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
  },
}
