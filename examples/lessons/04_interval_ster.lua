-- Les 4: het 95%-betrouwbaarheidsinterval en de * ("Dit getal heeft een range die tussen de 0,5 en
-- 1,0 ligt", onder elke tabel in 004).
return {
  title = { nl = "Het 95%-betrouwbaarheidsinterval en de *", en = "The 95% confidence interval and the *" },
  intro = {
    nl = "Een gemiddelde uit een steekproef is onzeker. Het 95%-interval loopt van gemiddelde - t*se tot\n"
      .. "gemiddelde + t*se. De monitor zet een * bij een getal waarvan de range (de breedte van het\n"
      .. "interval) tussen 0,5 en 1,0 ligt.",
    en = "A mean from a sample is uncertain. The 95% interval runs from mean - t*se to mean + t*se.\n"
      .. "The monitor prints a * next to a number whose range (the width of the interval) lies\n"
      .. "between 0.5 and 1.0.",
  },
  steps = {
    { nl = "Leerlingen in het bao: maar 20 respondenten (Tabel A.1). We schatten met het design:\n"
        .. "gewicht w, clusters swv (samenwerkingsverbanden), strata.",
      en = "Pupils in bao: only 20 respondents (Tabel A.1). We estimate with the design: weight w,\n"
        .. "clusters swv (samenwerkingsverbanden), strata.",
      code = [[
d = monitor.example{ meting = "2023" }
s = monitor.scales{ doelstelling = 1 }[2]   -- School overlegt ondersteuning met kind
r = estimate(d, { s }, { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
r = r:filter(function(x) return x.shown == 1 end)   -- cellen die getoond worden
print(r)
]] },
    { nl = "Per cel: se, de grenzen lo en hi, en range = hi - lo. Bij leerlingen (weinig respondenten)\n"
        .. "is het interval breed.",
      en = "Per cell: se, the bounds lo and hi, and range = hi - lo. For pupils (few respondents) the\n"
        .. "interval is wide.",
      code = [[
for i = 1, #r do
  local x = r[i]
  print(string.format("%-4s %-9s n=%3d mean=%.2f se=%.3f interval %.2f - %.2f range %.2f flag '%s'",
    x.onderwijstype, x.actor, x.n, x.mean, x.se, x.lo, x.hi, x.range, x.flag))
end
]] },
    { nl = "De regel zelf staat in rules.flag: een * bij 0,5 <= range < 1,0; bij 1,0 of meer wordt de\n"
        .. "cel niet getoond.",
      en = "The rule itself is rules.flag: a * when 0.5 <= range < 1.0; at 1.0 or more the cell is\n"
        .. "not shown.",
      code = [[
for _, range in ipairs({ 0.3, 0.5, 0.75, 0.99 }) do
  print(string.format("range %.2f -> '%s'", range, tostring(rules.flag(range))))
end
]] },
  },
}
