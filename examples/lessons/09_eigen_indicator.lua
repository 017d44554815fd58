-- Les 9: je eigen indicator in Lua.
return {
  title = { nl = "Je eigen indicator in Lua", en = "Your own indicator in Lua" },
  intro = {
    nl = "Een indicator is niets anders dan een schaal of een afgeleide variabele. Je kunt er zelf een\n"
      .. "maken en op dezelfde manier schatten, met interval, * en kleurband.",
    en = "An indicator is nothing but a scale or a derived variable. You can make your own and\n"
      .. "estimate it the same way, with interval, * and colour band.",
  },
  steps = {
    { nl = "Een nieuwe schaal uit items van twee subindicatoren van doelstelling 4 (informatie).",
      en = "A new scale from the items of two subindicators of doelstelling 4 (information).",
      code = [[
d = monitor.example{ meting = "2023" }
local a, b = monitor.sub("d4_i1_s1"), monitor.sub("d4_i1_s2")
mijn = scale{ "informatie", items = { a.items[1], a.items[2], b.items[1], b.items[2] }, points = 5,
              missing = {8, 9}, min_valid = 2, label = "Informatie school en regio" }
r = estimate(d, { mijn }, { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
print(r:filter(function(x) return x.n > 0 end))
]] },
    { nl = "Of een afgeleide variabele: het aandeel ouders met een schaalscore van 4 of hoger.",
      en = "Or a derived variable: the share of parents with a scale score of 4 or more.",
      code = [[
local items = monitor.sub("d4_i2_s2").items
local ouders = d:filter(function(r) return r.actor == "ouder" end)
ouders = ouders:derive("tevreden", function(r)
  local sum, k = 0, 0
  for _, it in ipairs(items) do
    local x = r[it]
    if x and x ~= 8 and x ~= 9 then sum, k = sum + x, k + 1 end
  end
  if k == 0 then return nil end
  return sum / k >= 4 and 1 or 0
end)
print(estimate(ouders, { "tevreden" }, { by = {"onderwijstype"}, weight = "w", cluster = "swv" }))
]] },
  },
}
