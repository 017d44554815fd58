local function register()
  local reg = read(passend.example_file("data/swv_register_000.csv"))
  return reg, reg:filter(function(r) return r.respons == 1 end)
end
local function count(d, col, w)
  local t = {}
  for i = 1, #d do
    local k = d:get(i, col)
    t[k] = (t[k] or 0) + (w and d:get(i, w) or 1)
  end
  return t
end

-- Les 10: gewichten bouwen: representativiteit, poststratificatie en raking (004, Bijlage A
-- 'Representatief beeld'; 000, Tabel 1.1 en 1.2). Vervolg op les 3 (designgewichten).
return {
  title = { nl = "Gewichten bouwen: poststratificatie en raking",
            en = "Building weights: post-stratification and raking" },
  intro = {
    nl = "Les 3 gebruikte een designgewicht (1 / insluitkans). Hier bouwen we gewichten die de\n"
      .. "respons laten aansluiten op bekende populatieaantallen: eerst kijken of de respons\n"
      .. "scheef is (representativiteit), dan poststratificatie (een cel tegelijk) en raking\n"
      .. "(meerdere kenmerken tegelijk). Tot slot: wat weging kost aan precisie, en waarom de\n"
      .. "standaardfout van een gekalibreerd gemiddelde anders is.",
    en = "Lesson 3 used a design weight (1 / inclusion probability). Here we build weights that\n"
      .. "make the response match known population counts: first check whether the response is\n"
      .. "skewed (representativeness), then post-stratification (one cell at a time) and raking\n"
      .. "(several characteristics at once). Finally: what weighting costs in precision, and why\n"
      .. "the standard error of a calibrated mean differs.",
  },
  steps = {
    { nl = "Het register van 000: alle 151 samenwerkingsverbanden, met sector, provincie en of ze\n"
        .. "de vragenlijst invulden (104 deden dat). Vergelijk respons en populatie (Tabel 1.1 en 1.2)\n"
        .. "met een chi-kwadraattoets per kenmerk.",
      en = "The register of 000: all 151 samenwerkingsverbanden, with sector, province and whether\n"
        .. "they answered (104 did). Compare response and population (Tables 1.1 and 1.2) with a\n"
        .. "chi-square test per characteristic.",
      code = [[
reg = read(passend.example_file("data/swv_register_000.csv"))
resp = reg:filter(function(r) return r.respons == 1 end)
rep = weight.representativeness(resp, reg, { "sector", "provincie" })
print(rep:select({ "characteristic", "category", "n", "sample_pct", "population_pct", "diff" }))
for _, t in ipairs(rep:meta().tests) do
  print(string.format("%-10s chi2 = %.2f, df = %d, p = %.3f", t.characteristic, t.chi2, t.df, t.p))
end
-- the same test against the percentages Tabel 1.2 prints (only the shares matter)
tabel12 = read(passend.example_file("frames/000_tabel_1_2_provincie.csv"))
t = weight.representativeness(resp, tabel12, "provincie", { count = "populatie_pct" }):meta().tests[1]
print(string.format("Tabel 1.2: chi2 = %.2f, df = %d, p = %.3f", t.chi2, t.df, t.p))
]] },
    { nl = "Geen kenmerk wijkt significant af, maar Limburg is ondervertegenwoordigd (4 van 12) en\n"
        .. "Noord-Holland over. Poststratificatie naar sector: gewicht = N_cel / n_cel, zodat de gewogen\n"
        .. "aantallen per sector precies de populatie zijn (76 po, 75 vo; Tabel 1.1).",
      en = "No characteristic deviates significantly, but Limburg is under-represented (4 of 12) and\n"
        .. "Noord-Holland over. Post-stratification by sector: weight = N_cell / n_cell, so the\n"
        .. "weighted counts per sector equal the population (76 po, 75 vo; Table 1.1).",
      code = [[
tabel11 = read(passend.example_file("frames/000_tabel_1_1_sector.csv"))
ps, verslag = poststratify(resp, { by = "sector", population = tabel11, count = "populatie" })
print(verslag)
]] },
    { nl = "Hoe zwaar telt elke po-respondent na poststratificatie (76 po-swv's, 54 respondenten)?\n"
        .. "Op twee decimalen.",
      en = "How much does every po respondent count after post-stratification (76 po swvs, 54\n"
        .. "respondents)? To two decimals.",
      ask = "number", decimals = 2, answer = [[ 76 / 54 ]],
      hint = { { nl = "gewicht = N_cel / n_cel", en = "weight = N_cell / n_cell" } },
      mistakes = { { value = 1.5, nl = "Dat is het vo: 75 / 50.", en = "That is vo: 75 / 50." } },
      why = { nl = "76 / 54 = 1,41: elke po-respondent staat voor 1,41 samenwerkingsverband.",
              en = "76 / 54 = 1.41: every po respondent stands for 1.41 samenwerkingsverbanden." } },
    { nl = "Sector en provincie tegelijk: per cel sector x provincie zijn er te weinig respondenten\n"
        .. "(Groningen: 1). Raking past de gewichten om en om aan op de marge van sector en die van\n"
        .. "provincie, tot beide kloppen. Het verslag toont per marge de som voor en na.",
      en = "Sector and province at once: a sector x province cell has too few respondents\n"
        .. "(Groningen: 1). Raking adjusts the weights in turn to the sector margin and the province\n"
        .. "margin until both hold. The report shows the sums before and after per margin.",
      code = [[
rk, verslag = rake(resp, { { "sector", reg }, { "provincie", reg } }, { name = "w" })
print(verslag)
print(verslag:meta().title)
]] },
    { nl = "Wat kost het? De Kish-designeffect n * som(w^2) / som(w)^2: met gewichten tellen 104\n"
        .. "respondenten als n_eff. Na weging sluiten de gewogen percentages aan op de populatie.",
      en = "What does it cost? The Kish design effect n * sum(w^2) / sum(w)^2: with weights, 104\n"
        .. "respondents count as n_eff. After weighting the weighted percentages match the population.",
      code = [[
print(weight.weights(rk, "w"))
print(weight.weights(rk, "w", "sector"))
print(weight.representativeness(rk, reg, "provincie", { weight = "w" })
  :select({ "category", "n", "sample_pct", "weighted_pct", "population_pct" }))
]] },
    { nl = "Hoeveel respondenten is de steekproef van 104 na raking nog waard (n_eff, geheel getal)?",
      en = "How many respondents is the sample of 104 still worth after raking (n_eff, whole number)?",
      ask = "number", decimals = 0, answer = [[ weight.weights(rk, "w"):get(1, "n_eff") ]],
      hint = { { nl = "Kijk in de kolom n_eff van weight.weights(rk, \"w\").", en = "Look at the n_eff column of weight.weights(rk, \"w\")." } },
      mistakes = { { value = 104, nl = "Dat is n; door ongelijke gewichten telt de steekproef voor minder.",
                     en = "That is n; unequal weights make the sample count for less." } },
      why = { nl = "97 = 104 / 1,075: ongelijke gewichten kosten precisie (deff 1,075).",
              en = "97 = 104 / 1.075: unequal weights cost precision (deff 1.075)." } },
    { nl = "Grenzen (bounds) houden elke aanpassingsfactor binnen {laag, hoog} maal de gemiddelde\n"
        .. "aanpassing. Te krap kan niet: Limburg moet drie keer zo zwaar tellen. passend zegt dan\n"
        .. "waar het knelt; voeg dan kleine cellen samen of verruim de grenzen. Met {0.8, 2.1}\n"
        .. "lukt het: de laagste gewichten gaan omhoog en de verhouding max / min daalt.",
      en = "Bounds keep every adjustment factor within {low, high} times the average adjustment.\n"
        .. "Too tight cannot work: Limburg must count three times as much. passend then says where\n"
        .. "it pinches; merge small cells or widen the bounds. With {0.8, 2.1} it works: the lowest\n"
        .. "weights go up and the ratio max / min drops.",
      code = [[
local ok, fout = pcall(rake, resp, { { "sector", reg }, { "provincie", reg } }, { bounds = { 0.7, 1.5 } })
print(fout)
local rb = rake(resp, { { "sector", reg }, { "provincie", reg } }, { bounds = { 0.8, 2.1 } })
print(weight.weights(rb, "w"))
]] },
    { nl = "Waarom lukt raking binnen de grenzen {0.7, 1.5} niet?",
      en = "Why does raking within the bounds {0.7, 1.5} fail?",
      ask = "choice", answer = 2,
      choices = {
        { nl = "Omdat er te veel iteraties nodig zijn.", en = "Because too many iterations are needed." },
        { nl = "Omdat Limburg (4 respondenten, 12 swv's) drie keer zo zwaar moet tellen: meer dan 1,5 keer\n"
            .. "     de gemiddelde aanpassing.",
          en = "Because Limburg (4 respondents, 12 swvs) must count three times as much: more than 1.5 times\n"
            .. "     the average adjustment." },
        { nl = "Omdat de sectoren niet kloppen.", en = "Because the sectors do not add up." } },
      hint = { { nl = "Lees de foutmelding: welke cel knelt?", en = "Read the error message: which cell pinches?" } },
      why = { nl = "12 / 4 = 3 tegen gemiddeld 151 / 104 = 1,45: de factor 2,07 past niet onder 1,5.",
              en = "12 / 4 = 3 against 151 / 104 = 1.45 on average: the factor 2.07 does not fit under 1.5." } },
    { nl = "De voorbeelddata: de vragenlijst voor samenwerkingsverbanden (meting 2023). Het kader\n"
        .. "(examples/frames/voorbeeld_swv_frame.csv) kent regio en grootte van alle 151 swv's.\n"
        .. "We raken het designgewicht w op sector x regio en sector x grootte.",
      en = "The example data: the questionnaire for samenwerkingsverbanden (meting 2023). The frame\n"
        .. "(examples/frames/voorbeeld_swv_frame.csv) knows region and size of all 151 swvs. We rake\n"
        .. "the design weight w to sector x region and sector x size.",
      code = [[
d = monitor.example{ meting = "2023" }
swv = d:filter(function(r) return r.actor == "swv" end)
kader = read(passend.example_file("frames/voorbeeld_swv_frame.csv"))
swvk, verslag = rake(swv, { { { "sector", "regio" }, kader }, { { "sector", "grootte" }, kader } },
  { weight = "w", name = "w_kal" })
print(verslag:meta().title)
print(weight.weights(swvk, "w_kal", "sector"))
]] },
    { nl = "Gemiddelde en standaardfout met het designgewicht en met het gekalibreerde gewicht. De\n"
        .. "dataset onthoudt de kalibratie, dus estimate() rekent de standaardfout zoals R's survey\n"
        .. "dat doet na rake(): de kalibratie haalt de variantie weg die de marges verklaren.",
      en = "Mean and standard error with the design weight and with the calibrated weight. The\n"
        .. "dataset remembers the calibration, so estimate() computes the standard error as R's\n"
        .. "survey does after rake(): calibration removes the variance the margins explain.",
      code = [[
s = monitor.scales{ doelstelling = 2 }[1]   -- 'Leerling wordt gehoord/heeft inbreng'
print(s.label)
local opts = { by = "sector", cluster = "swv", strata = "stratum" }
opts.weight = "w"
print(estimate(swvk, { s }, opts):select({ "sector", "n", "mean", "se" }))
opts.weight = "w_kal"
print(estimate(swvk, { s }, opts):select({ "sector", "n", "mean", "se" }))
]] },
    { nl = "Waarom is de se met het gekalibreerde gewicht kleiner (po 0,151 -> 0,121)?",
      en = "Why is the se with the calibrated weight smaller (po 0.151 -> 0.121)?",
      ask = "choice", answer = 1,
      choices = {
        { nl = "De kalibratie haalt de variantie weg die regio en grootte verklaren (R's survey doet\n"
            .. "     hetzelfde na rake()).",
          en = "Calibration removes the variance that region and size explain (R's survey does the same\n"
            .. "     after rake())." },
        { nl = "Omdat er meer respondenten zijn.", en = "Because there are more respondents." },
        { nl = "Omdat de gewichten groter zijn.", en = "Because the weights are larger." } },
      hint = { { nl = "Het aantal respondenten is gelijk (49 en 41). Wat weet het gekalibreerde gewicht extra?",
                 en = "The number of respondents is the same (49 and 41). What does the calibrated weight know extra?" } },
      why = { nl = "De marges zijn bekend, dus hun deel van de spreiding is geen onzekerheid meer.",
              en = "The margins are known, so their part of the spread is no longer uncertainty." } },
  },
  claims = {
    { id = "poststratify_n_over_n",
      nl = "Na poststratificatie is het gewicht in elke sector N_cel / n_cel (76/54 en 75/50).",
      en = "After post-stratification the weight in each sector is N_cell / n_cell (76/54 and 75/50).",
      check = function()
        local _, resp = register()
        local tab = read(passend.example_file("frames/000_tabel_1_1_sector.csv"))
        local ps = poststratify(resp, { by = "sector", population = tab, count = "populatie" })
        for i = 1, #ps do
          local want = ps:get(i, "sector") == "po" and 76 / 54 or 75 / 50
          if math.abs(ps:get(i, "w") - want) > 1e-12 then return false, "row " .. i end
        end
        return true, "76/54, 75/50"
      end },
    { id = "rake_margins",
      nl = "Na raking zijn de gewogen aantallen per sector en per provincie die van het register.",
      en = "After raking the weighted counts per sector and per province are the register's.",
      check = function()
        local reg, resp = register()
        local rk = rake(resp, { { "sector", reg }, { "provincie", reg } }, { name = "w" })
        for _, col in ipairs({ "sector", "provincie" }) do
          local pop, got = count(reg, col), count(rk, col, "w")
          for k, v in pairs(pop) do if math.abs((got[k] or 0) - v) > 1e-6 then return false, col .. " " .. k end end
        end
        return true, "sector and provincie"
      end },
    { id = "kish",
      nl = "weight.weights() geeft het Kish-designeffect n * som(w^2) / som(w)^2 en n_eff = n / deff.",
      en = "weight.weights() gives the Kish design effect n * sum(w^2) / sum(w)^2 and n_eff = n / deff.",
      check = function()
        local reg, resp = register()
        local rk = rake(resp, { { "sector", reg }, { "provincie", reg } }, { name = "w" })
        local w, s1, s2 = rk:values("w"), 0, 0
        for _, x in ipairs(w) do s1, s2 = s1 + x, s2 + x * x end
        local deff = #w * s2 / s1 ^ 2
        local t = weight.weights(rk, "w")
        return math.abs(t:get(1, "deff") - deff) < 1e-9 and math.abs(t:get(1, "n_eff") - #w / deff) < 1e-9,
          string.format("deff %.4f, n_eff %.2f", deff, #w / deff)
      end },
    { id = "calibration_lowers_se",
      nl = "Met het gekalibreerde gewicht is de se in beide sectoren kleiner dan met het designgewicht.",
      en = "With the calibrated weight the se is smaller in both sectors than with the design weight.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local swv = d:filter(function(r) return r.actor == "swv" end)
        local kader = read(passend.example_file("frames/voorbeeld_swv_frame.csv"))
        local k = rake(swv, { { { "sector", "regio" }, kader }, { { "sector", "grootte" }, kader } }, { weight = "w", name = "w_kal" })
        local s = monitor.scales{ doelstelling = 2 }[1]
        local a = estimate(k, { s }, { by = "sector", cluster = "swv", strata = "stratum", weight = "w" })
        local b = estimate(k, { s }, { by = "sector", cluster = "swv", strata = "stratum", weight = "w_kal" })
        return b[1].se < a[1].se and b[2].se < a[2].se,
          string.format("po %.3f -> %.3f, vo %.3f -> %.3f", a[1].se, b[1].se, a[2].se, b[2].se)
      end },
  },
  summary = {
    nl = "Samengevat: weight.representativeness() laat zien waar de respons scheef is; poststratify() en\n"
      .. "rake() maken gewichten die op de populatie aansluiten; weight.weights() laat de prijs zien\n"
      .. "(deff, n_eff); estimate() op de gekalibreerde data geeft standaardfouten die de kalibratie\n"
      .. "meenemen. monitor.example{ calibrate = true } geeft de voorbeelddata met zo'n gewicht\n"
      .. "(w_kal: per actor en sector geraakt op regio en grootte). Zie help(rake) voor alle opties.",
    en = "In short: weight.representativeness() shows where the response is skewed; poststratify() and\n"
      .. "rake() build weights that match the population; weight.weights() shows the price (deff, n_eff);\n"
      .. "estimate() on the calibrated data gives standard errors that include the calibration.\n"
      .. "monitor.example{ calibrate = true } gives the example data with such a weight (w_kal: raked\n"
      .. "per actor and sector to region and size). See help(rake) for all options.",
  },
}
