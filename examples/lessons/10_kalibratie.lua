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
reg = read("examples/data/swv_register_000.csv")
resp = reg:filter(function(r) return r.respons == 1 end)
rep = weight.representativeness(resp, reg, { "sector", "provincie" })
print(rep:select({ "characteristic", "category", "n", "sample_pct", "population_pct", "diff" }))
for _, t in ipairs(rep:meta().tests) do
  print(string.format("%-10s chi2 = %.2f, df = %d, p = %.3f", t.characteristic, t.chi2, t.df, t.p))
end
-- the same test against the percentages Tabel 1.2 prints (only the shares matter)
tabel12 = read("examples/frames/000_tabel_1_2_provincie.csv")
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
tabel11 = read("examples/frames/000_tabel_1_1_sector.csv")
ps, verslag = poststratify(resp, { by = "sector", population = tabel11, count = "populatie" })
print(verslag)
]] },
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
    { nl = "De voorbeelddata: de vragenlijst voor samenwerkingsverbanden (meting 2023). Het kader\n"
        .. "(examples/frames/voorbeeld_swv_frame.csv) kent regio en grootte van alle 151 swv's.\n"
        .. "We raken het designgewicht w op sector x regio en sector x grootte.",
      en = "The example data: the questionnaire for samenwerkingsverbanden (meting 2023). The frame\n"
        .. "(examples/frames/voorbeeld_swv_frame.csv) knows region and size of all 151 swvs. We rake\n"
        .. "the design weight w to sector x region and sector x size.",
      code = [[
d = monitor.example{ meting = "2023" }
swv = d:filter(function(r) return r.actor == "swv" end)
kader = read("examples/frames/voorbeeld_swv_frame.csv")
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
