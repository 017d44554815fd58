-- Les 3: weging (004, Bijlage A: "Waar er sprake is van vertekening ... corrigeren we door middel
-- van weging"). What-if: laat de gewichten weg en kijk welke actor verschuift.
local function bao_cells(d, s, weighted)
  local o = { by = {"onderwijstype", "actor"}, cluster = "swv", strata = "stratum" }
  if weighted then o.weight = "w" end
  local r, out = estimate(d, { s }, o), {}
  for i = 1, #r do
    if r[i].onderwijstype == "bao" and r[i].n > 0 then out[r[i].actor] = r[i] end
  end
  return out
end

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
print(s.label)
print(estimate(ouders, { s }):select({ "n", "n_w", "mean", "se" }))
print(estimate(ouders, { s }, { weight = "w" }):select({ "n", "n_w", "mean", "se" }))
]] },
    { nl = "Het gewogen gemiddelde met de hand: som(w x) / som(w) over de ouders met een schaalscore.",
      en = "The weighted mean by hand: sum(w x) / sum(w) over the parents with a scale score.",
      code = [[
local sw, swx = 0, 0
local sc = data.scores(ouders, { s })
for i = 1, #sc do
  local x, w = sc:get(i, s.name), sc:get(i, "w")
  if x then sw, swx = sw + w, swx + w * x end
end
print(string.format("som(w x) = %.3f, som(w) = %.3f, gewogen gemiddelde = %.4f", swx, sw, swx / sw))
]] },
    { nl = "Het gewogen gemiddelde is 3,897, het ongewogen 3,915. Hoeveel verschuift het door de weging\n"
        .. "(gewogen min ongewogen), op twee decimalen?",
      en = "The weighted mean is 3.897, the unweighted 3.915. How much does weighting shift it\n"
        .. "(weighted minus unweighted), to two decimals?",
      ask = "number", decimals = 2,
      answer = [[ estimate(ouders, { s }, { weight = "w" })[1].mean - estimate(ouders, { s })[1].mean ]],
      hint = { { nl = "3,897 - 3,915", en = "3.897 - 3.915" } },
      mistakes = { { value = 0.02, nl = "Let op het teken: het gewogen gemiddelde is lager.",
                     en = "Mind the sign: the weighted mean is lower." } },
      why = { nl = "-0,02: bij deze ouders verandert de weging bijna niets. Gewichten doen pas iets als de\n"
                .. "groepen die zwaarder tellen ook anders antwoorden.",
              en = "-0.02: for these parents weighting changes almost nothing. Weights only matter when the\n"
                .. "groups that count more also answer differently." } },
    { nl = "Nu een hele tabelregel: 'Route naar onafhankelijk advies duidelijk' in het bao, per actor,\n"
        .. "met gewichten en het volledige design.",
      en = "Now a whole table row: 'Route to independent advice clear' in bao, per actor, with weights\n"
        .. "and the full design.",
      code = [[
s2 = monitor.scales{ doelstelling = 2 }[3]
function bao(r) return r:filter(function(x) return x.onderwijstype == "bao" and x.n > 0 end) end
met = bao(estimate(d, { s2 }, { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" }))
print(met:select({ "actor", "n", "mean", "se" }))
]] },
    { nl = "Laat de gewichten weg: maak zonder = dezelfde schatting zonder weight = \"w\".",
      en = "Drop the weights: make zonder = the same estimate without weight = \"w\".",
      ask = "command",
      answer = [[ zonder = bao(estimate(d, { s2 }, { by = {"onderwijstype", "actor"}, cluster = "swv", strata = "stratum" })) ]],
      test = { { "creates", "zonder", same = true, tol = 1e-9 } },
      hint = { { nl = "Kopieer de regel met met = ... en laat weight = \"w\" weg.",
                 en = "Copy the line with met = ... and leave out weight = \"w\"." },
               { nl = "zonder = bao(estimate(d, { s2 }, { by = {\"onderwijstype\", \"actor\"}, cluster = \"swv\", strata = \"stratum\" }))",
                 en = "zonder = bao(estimate(d, { s2 }, { by = {\"onderwijstype\", \"actor\"}, cluster = \"swv\", strata = \"stratum\" }))" } },
      why = { nl = "Zelfde design, alleen zonder gewichten.", en = "Same design, only without weights." } },
    { nl = "Naast elkaar: gewogen, ongewogen en het verschil, en hoe sterk de gewichten per actor\n"
        .. "uiteenlopen (variatiecoëfficiënt: sd / gemiddelde van w).",
      en = "Side by side: weighted, unweighted and the difference, and how much the weights vary per\n"
        .. "actor (coefficient of variation: sd / mean of w).",
      code = [[
for i = 1, #met do
  local a = met[i].actor
  local w = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == a end):values("w")
  local m, q = 0, 0
  for _, x in ipairs(w) do m = m + x / #w end
  for _, x in ipairs(w) do q = q + (x - m) ^ 2 / #w end
  print(string.format("%-13s gewogen %.3f  ongewogen %.3f  verschil %+.3f  cv(w) %.2f",
    a, met[i].mean, zonder[i].mean, met[i].mean - zonder[i].mean, math.sqrt(q) / m))
end
]] },
    { nl = "Welke actor verschuift het meest als je de gewichten weglaat?",
      en = "Which actor shifts most when you drop the weights?",
      ask = "choice", answer = 3,
      choices = { { nl = "de ouders", en = "the parents" }, { nl = "de schoolleiders", en = "the school leaders" },
                  { nl = "de samenwerkingsverbanden (swv)", en = "the samenwerkingsverbanden (swv)" } },
      hint = { { nl = "Kijk naar de kolom verschil.", en = "Look at the difference column." } },
      why = { nl = "De samenwerkingsverbanden: 2,6 gewogen, 2,4 ongewogen. Hun vragenlijst ging naar alle\n"
                .. "swv's; wie antwoordde is scheef verdeeld over regio en grootte, dus hun gewichten lopen het\n"
                .. "verst uiteen (cv 1,0 tegen 0,6 bij de anderen). Grote gewichtsverschillen plus groepen die\n"
                .. "anders antwoorden: dan verschuift het cijfer.",
              en = "The samenwerkingsverbanden: 2.6 weighted, 2.4 unweighted. Their questionnaire went to all\n"
                .. "swvs; who answered is skewed over region and size, so their weights vary most (cv 1.0\n"
                .. "against 0.6 for the others). Large weight differences plus groups that answer\n"
                .. "differently: then the number moves." } },
  },
  claims = {
    { id = "weighted_mean_by_hand",
      nl = "estimate() met weight = \"w\" geeft som(w x) / som(w) over de respondenten met een schaalscore.",
      en = "estimate() with weight = \"w\" gives sum(w x) / sum(w) over the respondents with a scale score.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local ouders = d:filter(function(r) return r.onderwijstype == "vso" and r.actor == "ouder" end)
        local s = monitor.scales{ doelstelling = 4 }[1]
        local sc, sw, swx = data.scores(ouders, { s }), 0, 0
        for i = 1, #sc do
          local x, w = sc:get(i, s.name), sc:get(i, "w")
          if x then sw, swx = sw + w, swx + w * x end
        end
        local m = estimate(ouders, { s }, { weight = "w" })[1].mean
        return math.abs(m - swx / sw) < 1e-12, string.format("%.6f", m)
      end },
    { id = "swv_shifts_most",
      nl = "Zonder gewichten verschuift de score van de samenwerkingsverbanden op 'Route naar onafhankelijk\n"
        .. "advies' in het bao het meest van alle bao-actoren (meer dan 0,2), en hun gewichten lopen het\n"
        .. "verst uiteen.",
      en = "Without weights the samenwerkingsverbanden's score on 'Route to independent advice' in bao\n"
        .. "shifts most of all bao actors (more than 0.2), and their weights vary most.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local s2 = monitor.scales{ doelstelling = 2 }[3]
        local a, b = bao_cells(d, s2, true), bao_cells(d, s2, false)
        local best, shift = nil, 0
        for actor, x in pairs(a) do
          local dlt = math.abs(x.mean - b[actor].mean)
          if dlt > shift then best, shift = actor, dlt end
        end
        local function cv(actor)
          local w = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == actor end):values("w")
          local m, q = 0, 0
          for _, x in ipairs(w) do m = m + x / #w end
          for _, x in ipairs(w) do q = q + (x - m) ^ 2 / #w end
          return math.sqrt(q) / m
        end
        local spread = true
        for actor in pairs(a) do if actor ~= "swv" and cv(actor) >= cv("swv") then spread = false end end
        return best == "swv" and shift > 0.2 and spread,
          string.format("%s shifts %.3f; cv(w) swv %.2f", tostring(best), shift, cv("swv")),
          { weighted = a.swv.mean, unweighted = b.swv.mean, se_weighted = a.swv.se, se_unweighted = b.swv.se }
      end },
  },
  summary = {
    nl = "Samengevat: een gewicht telt ondervertegenwoordigde groepen zwaarder; het verschuift een cijfer\n"
      .. "alleen als de gewichten uiteenlopen én de groepen anders antwoorden.",
    en = "In short: a weight counts under-represented groups more; it shifts a number only when the\n"
      .. "weights vary and the groups answer differently.",
  },
}
