-- Les 6: cellen onderdrukken (004 Tabel A.1: "resultaten niet weergegeven vanwege te lage respons").
return {
  title = { nl = "Onderdrukken van cellen", en = "Suppressing cells" },
  intro = {
    nl = "Met te weinig respondenten is een gemiddelde te onzeker om te tonen. De monitor toont de\n"
      .. "ib'ers (n = 12) en leerlingen (n = 8) in het sbo niet; 19 sbo-schoolleiders en 20\n"
      .. "bao-leerlingen wel.",
    en = "With too few respondents a mean is too uncertain to show. The monitor does not show sbo\n"
      .. "ib'ers (n = 12) and pupils (n = 8); it does show 19 sbo school leaders and 20 bao pupils.",
  },
  steps = {
    { nl = "De respons in het sbo in de voorbeelddata (zoals Tabel A.1).",
      en = "The response in sbo in the example data (as in Tabel A.1).",
      code = [[
d = monitor.example{ meting = "2023" }
local sbo = d:filter(function(r) return r.onderwijstype == "sbo" end)
local n = {}
for _, a in ipairs(sbo:values("actor")) do n[a] = (n[a] or 0) + 1 end
for _, a in ipairs({ "schoolleider", "ib", "groepsmentor", "ouder", "leerling" }) do print(a, n[a]) end
]] },
    { nl = "De regel staat in rules.suppress(n, range): te weinig respondenten ('n') of een te breed\n"
        .. "interval ('range').",
      en = "The rule is rules.suppress(n, range): too few respondents ('n') or too wide an interval ('range').",
      code = [[
for _, n in ipairs({ 8, 12, 19, 20 }) do print("n = " .. n, rules.suppress(n, 0.4)) end
print("range 1,2", rules.suppress(100, 1.2))
]] },
    { nl = "In een resultaat van estimate() staat het in de kolommen shown en reason. Een onderdrukte\n"
        .. "rij heeft geen gemiddelde, se of interval, en bij reden 'n' ook geen n: die zouden de\n"
        .. "waarde of de kleine groep prijsgeven.",
      en = "In a result of estimate() it is in the columns shown and reason. A suppressed row has no\n"
        .. "mean, se or interval, and with reason 'n' no n either: they would give the value or the\n"
        .. "small group away.",
      code = [[
s = monitor.scales{ doelstelling = 1 }[1]
r = estimate(d, { s }, { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
for i = 1, #r do
  local x = r[i]
  if x.n ~= 0 then print(x.onderwijstype, x.actor, x.n or "-", x.mean and string.format("%.1f", x.mean) or "-", x.shown, x.reason) end
end
]] },
  },
}
