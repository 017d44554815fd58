-- Les 8: twee metingen vergelijken (004: toetsen zijn "nog niet zinvol"; verschillen beschrijvend).
return {
  title = { nl = "Twee metingen vergelijken", en = "Comparing two metingen" },
  intro = {
    nl = "De monitor heeft een meting in het voorjaar van 2022 en een in het najaar van 2023. Het\n"
      .. "verschil 2023 - 2022 is beschrijvend; met de standaardfouten van beide metingen krijg je\n"
      .. "er een interval bij: se(verschil) = wortel(se1^2 + se2^2) voor onafhankelijke steekproeven.",
    en = "The monitor has a meting in spring 2022 and one in autumn 2023. The difference 2023 - 2022\n"
      .. "is descriptive; the standard errors of both give it an interval: se(difference) =\n"
      .. "sqrt(se1^2 + se2^2) for independent samples.",
  },
  steps = {
    { nl = "Beide metingen, ouders in het bao, doelstelling 4.",
      en = "Both metingen, parents in bao, doelstelling 4.",
      code = [[
d = monitor.example()
ouders = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "ouder" end)
scales = monitor.scales{ doelstelling = 4 }
r = estimate(ouders, scales, { by = {"meting"}, weight = "w", cluster = "swv" })
r = r:filter(function(x) return x.n > 0 end)
print(r)
]] },
    { nl = "Het verschil per schaal, met een 95%-interval (normale benadering).",
      en = "The difference per scale, with a 95% interval (normal approximation).",
      code = [[
local by = {}
for i = 1, #r do
  local x = r[i]
  by[x.scale] = by[x.scale] or {}
  by[x.scale][x.meting] = x
end
for _, s in ipairs(scales) do
  local name = s.name or s[1]
  local a, b = (by[name] or {})["2022"], (by[name] or {})["2023"]
  if a and b then
    local diff, se = b.mean - a.mean, math.sqrt(a.se ^ 2 + b.se ^ 2)
    print(string.format("%-9s 2022 %.2f  2023 %.2f  verschil %+.2f  (%.2f tot %.2f)", name, a.mean, b.mean,
      diff, diff - 1.96 * se, diff + 1.96 * se))
  end
end
]] },
  },
}
