-- Les 7: Cronbachs alpha (004, voetnoot 9: "vanaf .70 voldoende en vanaf .80 goed").
return {
  title = { nl = "Cronbachs alpha", en = "Cronbach's alpha" },
  intro = {
    nl = "Items van één schaal horen samen te hangen. Cronbachs alpha meet dat:\n"
      .. "alpha = k/(k-1) * (1 - som(var item) / var(som)). Vanaf 0,70 voldoende, vanaf 0,80 goed.",
    en = "Items of one scale should hang together. Cronbach's alpha measures that:\n"
      .. "alpha = k/(k-1) * (1 - sum(item variances) / variance(sum)). From .70 sufficient, .80 good.",
  },
  steps = {
    { nl = "Een schaal uit de voorbeelddata, voor de ouders.", en = "A scale from the example data, for the parents.",
      code = [[
d = monitor.example{ meting = "2023" }
ouders = d:filter(function(r) return r.actor == "ouder" end)
s = monitor.scales{ doelstelling = 1 }[1]
print(s.label, table.concat(s.items, ", "))
]] },
    { nl = "Met de hand, op de respondenten die alle items geldig beantwoordden.",
      en = "By hand, on the respondents who answered every item validly.",
      code = [[
local k, rows = #s.items, {}
for i = 1, #ouders do
  local r, ok = {}, true
  for j, it in ipairs(s.items) do
    local x = ouders:get(i, it)
    if not x or x == 8 or x == 9 then ok = false end
    r[j] = x
  end
  if ok then rows[#rows + 1] = r end
end
local function var(xs)
  local m, n = 0, #xs
  for _, x in ipairs(xs) do m = m + x / n end
  local v = 0
  for _, x in ipairs(xs) do v = v + (x - m) ^ 2 end
  return v / (n - 1)
end
local sumvar, tot = 0, {}
for j = 1, k do
  local col = {}
  for i, r in ipairs(rows) do col[i] = r[j]; tot[i] = (tot[i] or 0) + r[j] end
  sumvar = sumvar + var(col)
end
print(string.format("n = %d, k = %d, som var(item) = %.4f, var(som) = %.4f", #rows, k, sumvar, var(tot)))
print(string.format("alpha = %d/%d * (1 - %.4f / %.4f) = %.4f", k, k - 1, sumvar, var(tot),
  k / (k - 1) * (1 - sumvar / var(tot))))
]] },
    { nl = "alpha() geeft hetzelfde, met alpha-als-item-verwijderd en item-restcorrelaties.",
      en = "alpha() gives the same, with alpha-if-item-deleted and item-rest correlations.",
      code = [[
print(alpha(ouders, s))
]] },
  },
}
