-- Les 9: je eigen indicator in Lua: een nieuwe schaal, of een afgeleide variabele (een aandeel).
-- De regels van de monitor (*, onderdrukking, kleuren) zijn gemaakt voor schaalscores van 1 tot 5.
local OPTS = { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" }
local function share_data()
  local d = monitor.example{ meting = "2023" }
  local items = monitor.sub("d4_i2_s2").items
  local ouders = d:filter(function(r) return r.actor == "ouder" end)
  return ouders:derive("tevreden", function(r)
    local sum, k = 0, 0
    for _, it in ipairs(items) do
      local x = r[it]
      if x and x ~= 8 and x ~= 9 then sum, k = sum + x, k + 1 end
    end
    if k == 0 then return nil end
    return sum / k >= 4 and 1 or 0
  end)
end

return {
  title = { nl = "Je eigen indicator in Lua", en = "Your own indicator in Lua" },
  intro = {
    nl = "Een indicator is niets anders dan een schaal of een afgeleide variabele. Je kunt er zelf een\n"
      .. "maken en op dezelfde manier schatten, met interval, * en kleurband.",
    en = "An indicator is nothing but a scale or a derived variable. You can make your own and\n"
      .. "estimate it the same way, with interval, * and colour band.",
  },
  steps = {
    { nl = "De items van twee subindicatoren van doelstelling 4 (informatie): eigen school en regio.",
      en = "The items of two subindicators of doelstelling 4 (information): own school and region.",
      code = [[
d = monitor.example{ meting = "2023" }
a, b = monitor.sub("d4_i1_s1"), monitor.sub("d4_i1_s2")
print(a.title, table.concat(a.items, ", "))
print(b.title, table.concat(b.items, ", "))
opties = { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" }
]] },
    { nl = "Maak de schaal mijn uit de eerste twee items van elk:\n"
        .. "  mijn = scale{ \"informatie\", items = { a.items[1], a.items[2], b.items[1], b.items[2] },\n"
        .. "                points = 5, missing = {8, 9}, min_valid = 2, label = \"Informatie school en regio\" }",
      en = "Make the scale mijn from the first two items of each:\n"
        .. "  mijn = scale{ \"informatie\", items = { a.items[1], a.items[2], b.items[1], b.items[2] },\n"
        .. "                points = 5, missing = {8, 9}, min_valid = 2, label = \"Informatie school en regio\" }",
      ask = "command",
      answer = [[
mijn = scale{ "informatie", items = { a.items[1], a.items[2], b.items[1], b.items[2] },
              points = 5, missing = {8, 9}, min_valid = 2, label = "Informatie school en regio" }
]],
      test = { { "creates", "mijn", check = function(v)
        return type(v) == "table" and type(v.items) == "table" and #v.items == 4 and v.min_valid == 2
      end } },
      hint = { { nl = "Typ de regels uit de vraag over (de prompt leest door tot de } sluit).",
                 en = "Type the lines from the question (the prompt reads on until the } closes)." } },
      why = { nl = "Vier items, en minstens twee geldige per respondent.", en = "Four items, and at least two valid ones per respondent." } },
    { nl = "Schat mijn per onderwijstype en actor: estimate(d, { mijn }, opties)",
      en = "Estimate mijn per onderwijstype and actor: estimate(d, { mijn }, opties)",
      ask = "command", answer = [[ estimate(d, { mijn }, opties) ]], test = { { "uses", "estimate" }, { "value" } },
      hint = { { nl = "estimate(d, { mijn }, opties)", en = "estimate(d, { mijn }, opties)" } },
      why = { nl = "Elke rij krijgt dezelfde regels als de monitor: range, *, shown, kleurband.",
              en = "Every row gets the same rules as the monitor: range, *, shown, colour band." } },
    { nl = "Of een afgeleide variabele: 1 als een ouder gemiddeld 4 of hoger geeft op 'Inspraak ouders\n"
        .. "wordt serieus genomen', anders 0. Het gemiddelde daarvan is het aandeel tevreden ouders.",
      en = "Or a derived variable: 1 when a parent gives 4 or more on average on 'Parents' say is taken\n"
        .. "seriously', else 0. Its mean is the share of satisfied parents.",
      code = [[
local items = monitor.sub("d4_i2_s2").items
ouders = d:filter(function(r) return r.actor == "ouder" end)
ouders = ouders:derive("tevreden", function(r)
  local sum, k = 0, 0
  for _, it in ipairs(items) do
    local x = r[it]
    if x and x ~= 8 and x ~= 9 then sum, k = sum + x, k + 1 end
  end
  if k == 0 then return nil end
  return sum / k >= 4 and 1 or 0
end)
aandeel = estimate(ouders, { "tevreden" }, { by = {"onderwijstype"}, weight = "w", cluster = "swv", strata = "stratum" })
print(aandeel:select({ "onderwijstype", "n", "mean", "range", "flag", "band" }))
]] },
    { nl = "Welk aandeel van de bao-ouders is tevreden, in procenten (geheel getal)?",
      en = "What share of the bao parents is satisfied, in percent (whole number)?",
      ask = "number", decimals = 0, answer = [[ 100 * aandeel[1].mean ]],
      hint = { { nl = "aandeel[1].mean is een fractie; maal 100.", en = "aandeel[1].mean is a fraction; times 100." } },
      mistakes = { { value = 0.738, tol = 0.01, nl = "Dat is de fractie; de vraag wil procenten.", en = "That is the fraction; the question wants percent." } },
      why = { nl = "74%. Let op: kolommen flag en band zijn leeg.", en = "74%. Note: the columns flag and band are empty." } },
    { nl = "Waarom geeft passend het aandeel geen kleur en geen *?",
      en = "Why does passend give the share no colour and no *?",
      ask = "choice", answer = 1,
      choices = {
        { nl = "De regels zijn gemaakt voor schaalscores van 1 tot 5 (of 3): een kleurgrens van 3,5 of een\n"
            .. "     *-grens van 0,5 breed betekent niets voor een aandeel tussen 0 en 1.",
          en = "The rules are made for scale scores from 1 to 5 (or 3): a colour cut of 3.5 or a * width of\n"
            .. "     0.5 means nothing for a share between 0 and 1." },
        { nl = "Omdat het aandeel niet gewogen is.", en = "Because the share is not weighted." },
        { nl = "Omdat er te weinig ouders zijn.", en = "Because there are too few parents." } },
      hint = { { nl = "Wat betekent een range van 0,5 voor een aandeel?", en = "What does a range of 0.5 mean for a share?" } },
      why = { nl = "Een aandeel heeft eigen regels nodig, bv. estimate(..., { rules = { flag = { lo = 0.10, hi = 0.20 } } })\n"
                .. "voor een * bij een interval van 10 tot 20 procentpunten; zeg dan welke je koos.",
              en = "A share needs rules of its own, e.g. estimate(..., { rules = { flag = { lo = 0.10, hi = 0.20 } } })\n"
                .. "for a * at an interval of 10 to 20 percentage points; then say which you chose." } },
  },
  claims = {
    { id = "own_scale_same_rules",
      nl = "Een eigen schaal krijgt in elke rij de regels van de monitor: flag = rules.flag(range), band =\n"
        .. "rules.band(mean, 5), shown = rules.suppress(n, range).",
      en = "An own scale gets the monitor's rules in every row: flag = rules.flag(range), band =\n"
        .. "rules.band(mean, 5), shown = rules.suppress(n, range).",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local a, b = monitor.sub("d4_i1_s1"), monitor.sub("d4_i1_s2")
        local mijn = scale{ "informatie", items = { a.items[1], a.items[2], b.items[1], b.items[2] },
                            points = 5, missing = {8, 9}, min_valid = 2 }
        local r, rows = estimate(d, { mijn }, OPTS), 0
        for i = 1, #r do
          local x = r[i]
          if x.n > 0 then
            rows = rows + 1
            local shown, reason = rules.suppress(x.n, x.range)
            if (shown and 1 or 0) ~= x.shown or reason ~= x.reason then return false, "shown row " .. i end
            if shown and (x.flag ~= rules.flag(x.range) or x.band ~= rules.band(x.mean, 5)) then return false, "row " .. i end
          end
        end
        return rows > 0, rows .. " rows"
      end },
    { id = "share_is_weighted_proportion",
      nl = "Het gemiddelde van een 0/1-variabele uit estimate() is het gewogen aandeel som(w x) / som(w).",
      en = "The mean of a 0/1 variable from estimate() is the weighted share sum(w x) / sum(w).",
      check = function()
        local o = share_data():filter(function(r) return r.onderwijstype == "bao" end)
        local sw, swx = 0, 0
        for i = 1, #o do
          local x, w = o:get(i, "tevreden"), o:get(i, "w")
          if x then sw, swx = sw + w, swx + w * x end
        end
        local m = estimate(o, { "tevreden" }, { weight = "w" })[1].mean
        return math.abs(m - swx / sw) < 1e-12, string.format("%.4f", m)
      end },
    { id = "share_no_band",
      nl = "Een aandeel krijgt geen kleurband en (met de grenzen voor schaalscores) geen *.",
      en = "A share gets no colour band and (with the cuts for scale scores) no *.",
      check = function()
        local r = estimate(share_data(), { "tevreden" }, { by = {"onderwijstype"}, weight = "w", cluster = "swv", strata = "stratum" })
        for i = 1, #r do if r[i].band ~= "" or r[i].flag ~= "" then return false, "row " .. i end end
        return #r == 4, #r .. " rows"
      end },
  },
  summary = {
    nl = "Samengevat: een eigen schaal is een scale{}; een eigen indicator een afgeleide kolom. Beide\n"
      .. "schat je met estimate(). De regels van de monitor passen bij schaalscores; geef een ander soort\n"
      .. "indicator eigen regels (opts.rules) en vermeld ze.",
    en = "In short: an own scale is a scale{}; an own indicator a derived column. Both are estimated with\n"
      .. "estimate(). The monitor's rules fit scale scores; give another kind of indicator rules of its\n"
      .. "own (opts.rules) and state them.",
  },
}
