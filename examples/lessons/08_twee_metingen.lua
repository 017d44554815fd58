-- Les 8: twee metingen vergelijken. Het rapport (004, r. 181-192): toetsen op verschillen tussen
-- de metingen is "nog niet zinvol"; verschillen zijn beschrijvend. Wie er een interval of toets
-- bij zet, moet het design volgen: hetzelfde panel van samenwerkingsverbanden in beide metingen,
-- dus geen onafhankelijke steekproeven, en t met de df van het design in plaats van z.
local DES = { weight = "w", cluster = "swv" }

local function parents()
  local d = monitor.example()
  return d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "ouder" end)
end
-- the independent-samples way: the two estimates and sqrt(se1^2 + se2^2)
local function naive(data, var)
  local r = estimate(data, { var }, { by = {"meting"}, weight = "w", cluster = "swv" })
  local a, b
  for i = 1, #r do if r[i].meting == "2022" then a = r[i] elseif r[i].meting == "2023" then b = r[i] end end
  return b.mean - a.mean, math.sqrt(a.se ^ 2 + b.se ^ 2), a, b
end
local function with_swv_effect(ouders, s)
  local sc = passend.data.scores(ouders, { s })
  local ids, seen = {}, {}
  for _, v in ipairs(sc:values("swv")) do if not seen[v] then seen[v] = true; ids[#ids + 1] = v end end
  table.sort(ids)
  local effect = {}
  for k, v in ipairs(ids) do effect[v] = ({ -0.6, -0.3, 0, 0.3, 0.6 })[k % 5 + 1] end
  sc:derive("y", function(r) local x = r[s.name]; return x and x + effect[r.swv] or nil end)
  return sc
end

return {
  title = { nl = "Twee metingen vergelijken", en = "Comparing two metingen" },
  intro = {
    nl = "De monitor heeft een meting in het voorjaar van 2022 en een in het najaar van 2023. Het\n"
      .. "rapport zegt: \"Toetsen op significante verschillen tussen de eerste en de tweede meting is\n"
      .. "door de relatief korte tussenliggende periode en de tijd die ontwikkelingen op de\n"
      .. "doelstellingen vraagt nog niet zinvol.\" (004, Inleiding). Verschillen zijn dus beschrijvend.\n"
      .. "Wie er toch een interval of toets bij zet, moet het design volgen: dat leer je hier.",
    en = "The monitor has a meting in spring 2022 and one in autumn 2023. The report says (in Dutch)\n"
      .. "that testing for significant differences between the first and second meting is not yet\n"
      .. "meaningful, given the short time between them and the time developments need (004,\n"
      .. "introduction). Differences are therefore descriptive. Whoever adds an interval or a test\n"
      .. "anyway must follow the design: that is what this lesson teaches.",
  },
  steps = {
    { nl = "Beide metingen, ouders in het bao, de schalen van doelstelling 4.",
      en = "Both metingen, parents in bao, the scales of doelstelling 4.",
      code = [[
d = monitor.example()
ouders = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "ouder" end)
schalen = monitor.scales{ doelstelling = 4 }
r = estimate(ouders, schalen, { by = {"meting"}, weight = "w", cluster = "swv" }):filter(function(x) return x.n > 0 end)
print(r:select({ "meting", "scale", "n", "mean", "se", "df" }))
]] },
    { nl = "Welke samenwerkingsverbanden leverden ouders, per meting? (Bijlage A: \"Van een deel van de\n"
        .. "samenwerkingsverbanden (17 in het po en 20 in het vo) is een panel opgebouwd\".)",
      en = "Which samenwerkingsverbanden supplied parents, per meting? (Bijlage A: a panel of 17 po and\n"
        .. "20 vo samenwerkingsverbanden was built.)",
      code = [[
local per = { ["2022"] = {}, ["2023"] = {} }
for i = 1, #ouders do per[ouders:get(i, "meting")][ouders:get(i, "swv")] = true end
local n22, n23, beide = 0, 0, 0
for id in pairs(per["2022"]) do n22 = n22 + 1; if per["2023"][id] then beide = beide + 1 end end
for _ in pairs(per["2023"]) do n23 = n23 + 1 end
print(string.format("2022: %d swv, 2023: %d swv, in beide: %d", n22, n23, beide))
]] },
    { nl = "Zijn de twee metingen onafhankelijke steekproeven?", en = "Are the two metingen independent samples?",
      ask = "choice", answer = 2,
      choices = {
        { nl = "Ja: het zijn andere ouders.", en = "Yes: they are other parents." },
        { nl = "Nee: het zijn dezelfde 17 samenwerkingsverbanden (het panel), de clusters van het design.",
          en = "No: they are the same 17 samenwerkingsverbanden (the panel), the clusters of the design." } },
      hint = { { nl = "Wat is de eenheid die getrokken werd, en is die in beide metingen dezelfde?",
                 en = "What is the unit that was drawn, and is it the same in both metingen?" } },
      mistakes = { { choice = 1, nl = "De ouders verschillen, maar getrokken werden de samenwerkingsverbanden, en die zijn in\n"
                       .. "beide metingen dezelfde. Een swv waar het goed gaat, telt twee keer mee.",
                     en = "The parents differ, but what was drawn are the samenwerkingsverbanden, and those are the\n"
                       .. "same in both metingen. A swv where things go well counts twice." } },
      why = { nl = "De metingen delen hun clusters: hun fouten hangen samen. se(verschil)^2 = se1^2 + se2^2 -\n"
                .. "2 cov(gem1, gem2), en die covariantie laat de formule voor onafhankelijke steekproeven weg.",
              en = "The metingen share their clusters: their errors are related. se(difference)^2 = se1^2 +\n"
                .. "se2^2 - 2 cov(mean1, mean2), and the formula for independent samples drops that covariance." } },
    { nl = "Zo deed de oude les het (fout): alsof de metingen onafhankelijk zijn, en met z = 1,96.",
      en = "This is how the old lesson did it (wrong): as if the metingen were independent, and with z = 1.96.",
      code = [[
for _, s in ipairs(schalen) do
  local a, b
  for i = 1, #r do
    if r[i].scale == s.name then if r[i].meting == "2022" then a = r[i] else b = r[i] end end
  end
  if a and b then
    local diff, se = b.mean - a.mean, math.sqrt(a.se ^ 2 + b.se ^ 2)
    print(string.format("%-9s verschil %+.2f  se %.3f  (%.2f tot %.2f)", s.name, diff, se, diff - 1.96 * se, diff + 1.96 * se))
  end
end
]] },
    { nl = "Het design over beide metingen: compare() schat het verschil als contrast tussen twee domeinen\n"
        .. "van één design met de samenwerkingsverbanden als clusters (zoals R's svyttest; of svyby +\n"
        .. "svycontrast). s is nu 'Inspraak ouders wordt serieus genomen' (schalen[6]). Typ:\n"
        .. "  compare(ouders, s, \"meting\", { weight = \"w\", cluster = \"swv\" })",
      en = "The design over both metingen: compare() estimates the difference as a contrast between two\n"
        .. "domains of one design with the samenwerkingsverbanden as clusters (as R's svyttest; or svyby +\n"
        .. "svycontrast). s is now 'Parents' say is taken seriously' (schalen[6]). Type:\n"
        .. "  compare(ouders, s, \"meting\", { weight = \"w\", cluster = \"swv\" })",
      code = [[
s = schalen[6]
print(s.label)
]],
      ask = "command", answer = [[ compare(ouders, s, "meting", { weight = "w", cluster = "swv" }) ]],
      test = { { "uses", "compare" }, { "value" } },
      hint = { { nl = "compare(ouders, s, \"meting\", { weight = \"w\", cluster = \"swv\" })",
                 en = "compare(ouders, s, \"meting\", { weight = \"w\", cluster = \"swv\" })" } },
      why = { nl = "Zelfde verschil, maar een se die de gedeelde clusters meeneemt, en t met de df van het design.",
              en = "The same difference, but a se that takes the shared clusters into account, and t with the\n"
                .. "design's df." } },
    { nl = "Naast elkaar, voor alle schalen: onafhankelijk met z, en het design met t. De design-se is\n"
        .. "hier soms kleiner, soms groter: de covariantie tussen de metingen kan beide kanten op.",
      en = "Side by side, for all scales: independent with z, and the design with t. The design se is\n"
        .. "sometimes smaller here, sometimes larger: the covariance between the metingen can go either way.",
      code = [[
for _, sc in ipairs(schalen) do
  local a, b
  for i = 1, #r do
    if r[i].scale == sc.name then if r[i].meting == "2022" then a = r[i] else b = r[i] end end
  end
  if a and b then   -- (d4_i2_s1 is not asked of parents)
    local c = compare(ouders, sc, "meting", { weight = "w", cluster = "swv" })
    local se = math.sqrt(a.se ^ 2 + b.se ^ 2)
    print(string.format("%-9s verschil %+.2f | onafhankelijk: se %.3f (%.2f tot %.2f) | design: se %.3f, df %d (%.2f tot %.2f), p %.2f",
      sc.name, c[1].diff, se, c[1].diff - 1.96 * se, c[1].diff + 1.96 * se, c[1].se, c[1].df, c[1].lo, c[1].hi, c[1].p))
  end
end
]] },
    { nl = "Hoeveel vrijheidsgraden (df) heeft de t-verdeling van compare() hier?",
      en = "How many degrees of freedom (df) does compare()'s t distribution have here?",
      ask = "number", answer = [[ compare(ouders, s, "meting", { weight = "w", cluster = "swv" })[1].df ]],
      hint = { { nl = "Tel clusters, niet ouders: df = clusters - strata - 1 (één stratum hier).",
                 en = "Count clusters, not parents: df = clusters - strata - 1 (one stratum here)." } },
      mistakes = {
        { value = 218, nl = "Dat is n1 + n2 - 2: alsof elke ouder los getrokken is. De eenheid is het samenwerkingsverband.",
          en = "That is n1 + n2 - 2: as if every parent had been drawn alone. The unit is the samenwerkingsverband." },
        { value = 16, nl = "16 is de df van één gemiddelde (17 - 1); het verschil kost er nog één.",
          en = "16 is the df of one mean (17 - 1); the difference costs one more." } },
      why = { nl = "15 = 17 samenwerkingsverbanden - 1 stratum - 1: t(15) = 2,13 in plaats van 1,96, een\n"
                .. "interval dat 9% breder is.",
              en = "15 = 17 samenwerkingsverbanden - 1 stratum - 1: t(15) = 2.13 instead of 1.96, an interval\n"
                .. "9% wider." } },
    { nl = "Wat als het panel er echt toe doet? In echte panels scoort een samenwerkingsverband dat het in\n"
        .. "2022 goed deed, meestal ook in 2023 goed. Geef elk swv een vast effect in beide metingen (y)\n"
        .. "en vergelijk de twee manieren.",
      en = "What if the panel really matters? In real panels a samenwerkingsverband that did well in 2022\n"
        .. "usually does well in 2023 too. Give every swv a fixed effect in both metingen (y) and\n"
        .. "compare the two ways.",
      code = [[
sc = data.scores(ouders, { s })
local ids, seen = {}, {}
for _, v in ipairs(sc:values("swv")) do if not seen[v] then seen[v] = true; ids[#ids + 1] = v end end
table.sort(ids)
effect = {}
for k, v in ipairs(ids) do effect[v] = ({ -0.6, -0.3, 0, 0.3, 0.6 })[k % 5 + 1] end
sc:derive("y", function(row) local x = row[s.name]; return x and x + effect[row.swv] or nil end)
for _, var in ipairs({ s.name, "y" }) do
  local e = estimate(sc, { var }, { by = {"meting"}, weight = "w", cluster = "swv" })
  local naief = math.sqrt(e[1].se ^ 2 + e[2].se ^ 2)
  local c = compare(sc, var, "meting", { weight = "w", cluster = "swv" })
  print(string.format("%-9s verschil %+.3f | se onafhankelijk %.3f | se design %.3f", var, c[1].diff, naief, c[1].se))
end
]] },
    { nl = "Wat gebeurt er met de se van het verschil als elk swv een vast effect krijgt?",
      en = "What happens to the se of the difference when every swv gets a fixed effect?",
      ask = "choice", answer = 3,
      choices = {
        { nl = "Beide se's blijven gelijk.", en = "Both se's stay the same." },
        { nl = "Beide se's groeien evenveel.", en = "Both se's grow as much." },
        { nl = "De onafhankelijke se groeit sterk, de design-se van het verschil blijft bijna gelijk.",
          en = "The independent se grows a lot, the design se of the difference stays almost the same." } },
      hint = { { nl = "Vergelijk de twee regels hierboven.", en = "Compare the two lines above." } },
      why = { nl = "Het vaste effect zit in beide metingen en valt in het verschil weg; het design ziet dat\n"
                .. "(positieve covariantie), de formule voor onafhankelijke steekproeven niet en maakt het\n"
                .. "interval onnodig breed. In de voorbeelddata zijn de swv-effecten per meting los getrokken,\n"
                .. "dus daar kan de covariantie beide kanten op vallen.",
              en = "The fixed effect is in both metingen and cancels in the difference; the design sees that\n"
                .. "(positive covariance), the independent-samples formula does not and makes the interval\n"
                .. "needlessly wide. In the example data the swv effects are drawn per meting, so there the\n"
                .. "covariance can fall either way." } },
    { nl = "Wat schrijf je bij deze cijfers in een rapport over de monitor?",
      en = "What do you write with these numbers in a report on the monitor?",
      ask = "choice", answer = 2,
      choices = {
        { nl = "\"De inspraak van ouders is significant gestegen.\"", en = "\"Parents' say has risen significantly.\"" },
        { nl = "Het verschil, beschrijvend (zoals het rapport); wie een interval toevoegt, gebruikt het design\n"
            .. "     over beide metingen (compare met cluster = swv) en t met de df van het design.",
          en = "The difference, descriptively (as the report does); whoever adds an interval uses the design\n"
            .. "     over both metingen (compare with cluster = swv) and t with the design's df." },
        { nl = "Het verschil met het interval voor onafhankelijke steekproeven.", en = "The difference with the interval for independent samples." } },
      hint = { { nl = "Wat zegt het rapport over toetsen tussen metingen, en welke se past bij het panel?",
                 en = "What does the report say about tests between metingen, and which se fits the panel?" } },
      why = { nl = "Het rapport noemt toetsen tussen de metingen nog niet zinvol; passend beschrijft verschillen\n"
                .. "dus standaard (DESIGN, methodekeuze 12). Een toets is een keuze, en dan de juiste.",
              en = "The report calls tests between the metingen not yet meaningful; passend therefore describes\n"
                .. "differences by default (DESIGN, method choice 12). A test is a choice, and then the right one." } },
  },
  claims = {
    { id = "panel",
      nl = "De bao-ouders van beide metingen komen uit dezelfde 17 samenwerkingsverbanden.",
      en = "The bao parents of both metingen come from the same 17 samenwerkingsverbanden.",
      check = function()
        local ouders = parents()
        local per = { ["2022"] = {}, ["2023"] = {} }
        for i = 1, #ouders do per[ouders:get(i, "meting")][ouders:get(i, "swv")] = true end
        local n22, both = 0, 0
        for id in pairs(per["2022"]) do n22 = n22 + 1; if per["2023"][id] then both = both + 1 end end
        local n23 = 0
        for _ in pairs(per["2023"]) do n23 = n23 + 1 end
        return n22 == 17 and n23 == 17 and both == 17, string.format("%d, %d, shared %d", n22, n23, both)
      end },
    { id = "compare_is_design_contrast",
      nl = "compare() geeft het verschil van de twee schattingen, met een design-se over beide metingen\n"
        .. "(R: svycontrast op svyby over beide metingen) en t met df = 17 - 1 - 1 = 15.",
      en = "compare() gives the difference of the two estimates, with a design se over both metingen\n"
        .. "(R: svycontrast on svyby over both metingen) and t with df = 17 - 1 - 1 = 15.",
      check = function()
        local ouders = parents()
        local s = monitor.scales{ doelstelling = 4 }[6]
        local c = compare(ouders, s, "meting", DES)[1]
        local diff, se_naive = naive(ouders, s)
        local q = stats.qt(0.975, c.df)
        local ok = math.abs(c.diff - diff) < 1e-12 and c.df == 15 and math.abs((c.hi - c.lo) - 2 * q * c.se) < 1e-9
          and math.abs(c.se - se_naive) > 0.01
        return ok, string.format("diff %.4f, se design %.4f vs independent %.4f, df %d, t %.3f", c.diff, c.se, se_naive, c.df, q),
          { diff = c.diff, se = c.se, df = c.df, lo = c.lo, hi = c.hi, p = c.p, se_naive = se_naive }
      end },
    { id = "persistent_effect",
      nl = "Met een vast swv-effect in beide metingen groeit de onafhankelijke se met meer dan de helft,\n"
        .. "terwijl de design-se van het verschil minder dan 5% verandert.",
      en = "With a fixed swv effect in both metingen the independent se grows by more than half, while\n"
        .. "the design se of the difference changes by less than 5%.",
      check = function()
        local ouders = parents()
        local s = monitor.scales{ doelstelling = 4 }[6]
        local sc = with_swv_effect(ouders, s)
        local _, n0 = naive(sc, s.name)
        local _, n1 = naive(sc, "y")
        local c0 = compare(sc, s.name, "meting", DES)[1].se
        local c1 = compare(sc, "y", "meting", DES)[1].se
        return n1 > 1.5 * n0 and math.abs(c1 - c0) / c0 < 0.05,
          string.format("independent %.3f -> %.3f, design %.3f -> %.3f", n0, n1, c0, c1),
          { design_se_y = c1, naive_se_y = n1 }
      end },
    { id = "t_wider_than_z",
      nl = "t(15) = 2,13 is 9% meer dan z = 1,96.",
      en = "t(15) = 2.13 is 9% more than z = 1.96.",
      check = function()
        local q, z = stats.qt(0.975, 15), stats.qnorm(0.975)
        return string.format("%.2f", q) == "2.13" and string.format("%.0f", 100 * (q / z - 1)) == "9",
          string.format("%.4f / %.4f", q, z)
      end },
  },
  summary = {
    nl = "Samengevat: verschillen tussen metingen zijn in de monitor beschrijvend (het rapport: toetsen\n"
      .. "\"nog niet zinvol\"). Een interval of toets volgt het design: de twee metingen als domeinen van\n"
      .. "één design met het panel van samenwerkingsverbanden als clusters (compare(d, s, \"meting\",\n"
      .. "{ weight = \"w\", cluster = \"swv\" })), en t met de df van dat design.",
    en = "In short: differences between metingen are descriptive in the monitor (the report: tests \"not\n"
      .. "yet meaningful\"). An interval or test follows the design: the two metingen as domains of one\n"
      .. "design with the panel of samenwerkingsverbanden as clusters (compare(d, s, \"meting\",\n"
      .. "{ weight = \"w\", cluster = \"swv\" })), and t with that design's df.",
  },
}
