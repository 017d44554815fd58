-- Les 3: weging (004, Bijlage A: "Waar er sprake is van vertekening ... corrigeren we door middel
-- van weging").
return {
  title = { nl = "Weging", en = "Weighting" },
  intro = {
    nl = "Het panel van samenwerkingsverbanden is niet precies een afspiegeling van het land:\n"
      .. "grote en zuidelijke samenwerkingsverbanden doen iets vaker mee. Een gewicht telt de\n"
      .. "ondervertegenwoordigde groep zwaarder mee: gewogen gemiddelde = som(w x) / som(w).",
    en = "The panel of samenwerkingsverbanden does not mirror the country exactly: large and\n"
      .. "southern ones take part a little more often. A weight counts the under-represented group\n"
      .. "more heavily: weighted mean = sum(w x) / sum(w).",
  },
  steps = {
    { nl = "De voorbeelddata (meting 2023): ouders in het (v)so. Het designgewicht w_design is\n"
        .. "1 / insluitkans; het gewicht w is dat designgewicht, geharkt naar de verdeling van de\n"
        .. "samenwerkingsverbanden over regio en grootte (les 10 laat zien hoe).",
      en = "The example data (meting 2023): parents in (v)so. The design weight w_design is\n"
        .. "1 / inclusion probability; the weight w is that design weight raked to the distribution of\n"
        .. "the samenwerkingsverbanden over regio and grootte (lesson 10 shows how).",
      code = [[
d = monitor.example{ meting = "2023" }
ouders = d:filter(function(r) return r.onderwijstype == "vso" and r.actor == "ouder" end)
print(#ouders .. " ouders (v)so")
local w = ouders:values("w")
local lo, hi = math.huge, 0
for _, x in ipairs(w) do lo = math.min(lo, x); hi = math.max(hi, x) end
print(string.format("gewichten van %.2f tot %.2f", lo, hi))
]] },
    { nl = "Ongewogen en gewogen gemiddelde van de schaal 'Informatie eigen school vindbaar en duidelijk'.",
      en = "Unweighted and weighted mean of the scale 'Information on own school findable and clear'.",
      code = [[
s = monitor.scales{ doelstelling = 4 }[1]
print(s.label or s[1])
print(estimate(ouders, { s }))
print(estimate(ouders, { s }, { weight = "w" }))
]] },
    { nl = "Het gewicht verandert alleen iets als de groepen verschillen én verschillend gewogen worden.\n"
        .. "Hieronder het gewogen gemiddelde met de hand: som(w x) / som(w).",
      en = "Weighting only changes something when the groups differ and are weighted differently.\n"
        .. "Below the weighted mean by hand: sum(w x) / sum(w).",
      code = [[
local sw, swx = 0, 0
local items = s.items
for i = 1, #ouders do
  local sum, k = 0, 0
  for _, it in ipairs(items) do
    local x = ouders:get(i, it)
    if x and x ~= 8 and x ~= 9 then sum, k = sum + x, k + 1 end
  end
  if k > 0 then
    local w = ouders:get(i, "w")
    sw, swx = sw + w, swx + w * sum / k
  end
end
print(string.format("som(w x) = %.3f, som(w) = %.3f, gewogen gemiddelde = %.4f", swx, sw, swx / sw))
]] },
  },
}
