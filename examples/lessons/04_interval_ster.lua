-- Les 4: het 95%-betrouwbaarheidsinterval en de * ("Dit getal heeft een range die tussen de 0,5 en
-- 1,0 ligt", onder elke tabel in 004). What-ifs: maak een groep kleiner tot de * verschijnt;
-- schat een groep als domein van het hele design of als losse deelverzameling.
local DESIGN = { weight = "w", cluster = "swv", strata = "stratum" }
local function by_group(d, s)
  local o = { by = {"onderwijstype", "actor"} }
  for k, v in pairs(DESIGN) do o[k] = v end
  return estimate(d, { s }, o)
end
local function subset_row(d, s, ot, actor)
  local sub = d:filter(function(r) return r.onderwijstype == ot and r.actor == actor end)
  return estimate(sub, { s }, DESIGN)[1]
end
local function cell(r, ot, actor)
  for i = 1, #r do if r[i].onderwijstype == ot and r[i].actor == actor then return r[i] end end
end

return {
  title = { nl = "Het 95%-betrouwbaarheidsinterval en de *", en = "The 95% confidence interval and the *" },
  intro = {
    nl = "Een gemiddelde uit een steekproef is onzeker. Het 95%-interval loopt van gemiddelde - t*se tot\n"
      .. "gemiddelde + t*se. De monitor zet een * bij een getal waarvan de range (de breedte van het\n"
      .. "interval) tussen 0,5 en 1,0 ligt.",
    en = "A mean from a sample is uncertain. The 95% interval runs from mean - t*se to mean + t*se.\n"
      .. "The monitor prints a * next to a number whose range (the width of the interval) lies\n"
      .. "between 0.5 and 1.0.",
  },
  steps = {
    { nl = "Leerlingen in het bao: maar 20 respondenten (Tabel A.1). We schatten met het design:\n"
        .. "gewicht w, clusters swv (samenwerkingsverbanden), strata.",
      en = "Pupils in bao: only 20 respondents (Tabel A.1). We estimate with the design: weight w,\n"
        .. "clusters swv (samenwerkingsverbanden), strata.",
      code = [[
d = monitor.example{ meting = "2023" }
s = monitor.scales{ doelstelling = 1 }[2]   -- School overlegt ondersteuning met kind
opties = { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" }
r = estimate(d, { s }, opties):filter(function(x) return x.shown == 1 end)   -- the cells shown
print(r:select({ "onderwijstype", "actor", "n", "mean", "se", "lo", "hi", "range", "df", "flag" }))
]] },
    { nl = "Wat is de range (hi - lo) van de bao-leerlingen (rij 2), op twee decimalen?",
      en = "What is the range (hi - lo) of the bao pupils (row 2), to two decimals?",
      ask = "number", decimals = 2, answer = [[ r[2].hi - r[2].lo ]],
      hint = { { nl = "Kijk in de kolom range, of reken r[2].hi - r[2].lo uit.", en = "Look at the range column, or compute r[2].hi - r[2].lo." } },
      mistakes = { { value = 0.2028, tol = 0.006, nl = "Dat is de se; de range is 2 * t * se.", en = "That is the se; the range is 2 * t * se." } },
      why = { nl = "0,80: tussen 0,5 en 1,0, dus krijgt deze cel een *.", en = "0.80: between 0.5 and 1.0, so this cell gets a *." } },
    { nl = "De regel zelf staat in rules.flag: een * bij 0,5 <= range < 1,0; bij 1,0 of meer wordt de\n"
        .. "cel niet getoond (les 6).",
      en = "The rule itself is rules.flag: a * when 0.5 <= range < 1.0; at 1.0 or more the cell is\n"
        .. "not shown (lesson 6).",
      code = [[
for _, range in ipairs({ 0.3, 0.5, 0.75, 0.99 }) do
  print(string.format("range %.2f -> '%s'", range, rules.flag(range)))
end
]] },
    { nl = "Waarom bestaat de *? Maak een groep kleiner en kijk wat er gebeurt. De 109 bao-ouders op\n"
        .. "'School biedt ondersteuning op maat': klein(n) schat het gemiddelde van de eerste n ouders en geeft de * terug.",
      en = "Why does the * exist? Make a group smaller and watch. The 109 bao parents on 'School offers\n"
        .. "tailored support': klein(n) estimates the mean of the first n parents and returns its *.",
      code = [[
ouders = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "ouder" end)
s3 = monitor.scales{ doelstelling = 1 }[3]
function klein(n)
  local x = estimate(ouders:head(n), { s3 }, { weight = "w", cluster = "swv" })[1]
  print(string.format("n = %d: gemiddelde %.2f, range %.2f, df %d, ster '%s'", x.n, x.mean, x.range, x.df, x.flag))
  return x.flag
end
klein(109)
]] },
    { nl = "Maak de groep kleiner tot de * verschijnt: probeer klein(60), klein(40), klein(20).",
      en = "Make the group smaller until the * appears: try klein(60), klein(40), klein(20).",
      ask = "command", answer = [[ klein(20) ]],
      test = { { "uses", "klein" }, { "check", function(ctx)
        if ctx.values[1] == "*" then return true end
        return false, ctx.lang == "en" and "no * yet: make n smaller" or "nog geen *: maak n kleiner"
      end } },
      hint = { { nl = "klein(20)", en = "klein(20)" } },
      why = { nl = "Met 20 ouders is de range 0,57: de *. Minder respondenten en minder clusters (df) maken\n"
                .. "het interval breder; de * waarschuwt de lezer dat dit cijfer onzekerder is.",
              en = "With 20 parents the range is 0.57: the *. Fewer respondents and fewer clusters (df) widen\n"
                .. "the interval; the * warns the reader that this number is less certain." } },
    { nl = "Waarom wordt het interval breder als de groep kleiner wordt?",
      en = "Why does the interval widen as the group gets smaller?",
      ask = "choice", answer = 2,
      choices = {
        { nl = "Omdat het gemiddelde lager wordt.", en = "Because the mean gets lower." },
        { nl = "Omdat de se groeit (ongeveer met 1/wortel(n)) en met minder clusters ook t (minder df).",
          en = "Because the se grows (about with 1/sqrt(n)) and with fewer clusters t as well (fewer df)." },
        { nl = "Omdat de gewichten groter worden.", en = "Because the weights get larger." } },
      hint = { { nl = "range = 2 * t * se. Wat hangt van n af?", en = "range = 2 * t * se. What depends on n?" } },
      why = { nl = "range = 2 * t(df) * se: se ~ 1/wortel(n), en df = clusters - strata.",
              en = "range = 2 * t(df) * se: se ~ 1/sqrt(n), and df = clusters - strata." } },
    { nl = "Een groep is een domein van het hele design: de monitor schat alle cellen in één keer op\n"
        .. "alle respondenten (zoals R's svyby), zodat elke cel alle samenwerkingsverbanden en de df van\n"
        .. "het hele design houdt. Wie eerst filtert en dan schat, maakt van de groep een los design.",
      en = "A group is a domain of the whole design: the monitor estimates all cells at once on all\n"
        .. "respondents (as R's svyby does), so each cell keeps all samenwerkingsverbanden and the df of\n"
        .. "the whole design. Filtering first and then estimating makes the group a design of its own.",
      code = [[
local function ster(x) return x.shown == 1 and ("'" .. x.flag .. "'") or "(n < 15)" end
for i = 1, #r do
  local x = r[i]
  local sub = d:filter(function(q) return q.onderwijstype == x.onderwijstype and q.actor == x.actor end)
  local y = estimate(sub, { s }, { weight = "w", cluster = "swv", strata = "stratum" })[1]
  print(string.format("%-4s %-9s domein: se %.3f df %3d range %.2f %-8s| deelverzameling: se %.3f df %2d range %.2f %s",
    x.onderwijstype, x.actor, x.se, x.df, x.range, ster(x), y.se, y.df, y.range, ster(y)))
end
]] },
    { nl = "Welke schatting hoort bij de monitor?", en = "Which estimate belongs to the monitor?",
      ask = "choice", answer = 1,
      choices = {
        { nl = "Het domein: alle cellen in één estimate() met by, op alle respondenten van de meting.",
          en = "The domain: all cells in one estimate() with by, on all respondents of the meting." },
        { nl = "De deelverzameling: eerst filteren, dan schatten.", en = "The subset: filter first, then estimate." } },
      hint = { { nl = "Welke van de twee geeft de * van het rapport terug (zie de bewering onderaan)?",
                 en = "Which of the two gives back the report's * (see the claim at the end)?" } },
      mistakes = { { choice = 2, nl = "Een deelverzameling gooit de clusters zonder leden van de groep weg en\n"
                       .. "rekent met te weinig df: elf gepubliceerde cellen krijgen dan een andere * of verdwijnen.",
                     en = "A subset throws away the clusters without members of the group and counts too\n"
                       .. "few df: eleven published cells then get another * or disappear." } },
      why = { nl = "Het domein: zo geeft de voorbeelddata de * van alle 298 gepubliceerde cellen terug. In R:\n"
                .. "svyby(~y, ~groep, design, svymean) of subset(design, ...), nooit svydesign() op gefilterde rijen.",
              en = "The domain: that way the example data give back the * of all 298 published cells. In R:\n"
                .. "svyby(~y, ~group, design, svymean) or subset(design, ...), never svydesign() on filtered rows." } },
  },
  claims = {
    { id = "flag_rule",
      nl = "De * staat bij 0,5 <= range < 1,0 (de volle breedte van het 95%-interval).",
      en = "The * goes with 0.5 <= range < 1.0 (the full width of the 95% interval).",
      check = function()
        return rules.flag(0.49) == "" and rules.flag(0.5) == "*" and rules.flag(0.99) == "*" and rules.flag(1.0) == "",
          "0.49 '', 0.5 '*', 0.99 '*', 1.0 ''"
      end },
    { id = "shrink_gives_star",
      nl = "De 109 bao-ouders hebben een range onder 0,5; de eerste 20 van hen een range van 0,5 of meer, met *.",
      en = "The 109 bao parents have a range below 0.5; the first 20 of them a range of 0.5 or more, with a *.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local ouders = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "ouder" end)
        local s3 = monitor.scales{ doelstelling = 1 }[3]
        local all = estimate(ouders, { s3 }, { weight = "w", cluster = "swv" })[1]
        local few = estimate(ouders:head(20), { s3 }, { weight = "w", cluster = "swv" })[1]
        return all.range < 0.5 and all.flag == "" and few.range >= 0.5 and few.flag == "*",
          string.format("range %.3f (n = %d) -> %.3f (n = 20)", all.range, all.n, few.range)
      end },
    { id = "domain_reproduces_report",
      nl = "Als domeinen geschat geeft de voorbeelddata de * en de getoonde cellen van alle 298 gepubliceerde\n"
        .. "cellen terug; als losse deelverzamelingen verandert de * of het tonen bij elf ervan.",
      en = "Estimated as domains the example data give back the * and the shown cells of all 298 published\n"
        .. "cells; estimated as separate subsets the * or the showing changes for eleven of them.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local pub = {}
        for _, p in ipairs(monitor.published) do pub[p.onderwijstype .. "|" .. p.actor .. "|" .. p.sub] = p end
        local agree, flips, cells = 0, 0, 0
        for dl = 1, 7 do
          for _, s in ipairs(monitor.scales{ doelstelling = dl }) do
            local r = by_group(d, s)
            for i = 1, #r do
              local x = r[i]
              local p = pub[x.onderwijstype .. "|" .. x.actor .. "|" .. x.scale]
              if p then
                cells = cells + 1
                if (x.flag == "*") == (p.asterisk == true) and x.shown == 1 then agree = agree + 1 end
                local y = subset_row(d, s, x.onderwijstype, x.actor)
                if y.flag ~= x.flag or y.shown ~= x.shown then flips = flips + 1 end
              end
            end
          end
        end
        return cells == 298 and agree == 298 and flips == 11,
          string.format("%d cells, domain agrees in %d, subset changes %d", cells, agree, flips)
      end },
    { id = "domain_vs_subset_numbers",
      nl = "De bao-leerlingen: als domein df = 126 (het hele design), als deelverzameling df = 12 en een\n"
        .. "grotere se.",
      en = "The bao pupils: as a domain df = 126 (the whole design), as a subset df = 12 and a larger se.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local s = monitor.scales{ doelstelling = 1 }[2]
        local x = cell(by_group(d, s), "bao", "leerling")
        local y = subset_row(d, s, "bao", "leerling")
        return x.df == 126 and y.df == 12 and y.se > x.se,
          string.format("domain se %.4f df %d; subset se %.4f df %d", x.se, x.df, y.se, y.df),
          { domain_mean = x.mean, domain_se = x.se, domain_df = x.df, domain_lo = x.lo, domain_hi = x.hi,
            subset_se = y.se, subset_df = y.df, subset_lo = y.lo, subset_hi = y.hi }
      end },
  },
  summary = {
    nl = "Samengevat: range = hi - lo = 2 * t * se; de * waarschuwt bij 0,5 <= range < 1,0. Schat elke\n"
      .. "groep als domein van het hele design, met de df van dat design.",
    en = "In short: range = hi - lo = 2 * t * se; the * warns at 0.5 <= range < 1.0. Estimate every\n"
      .. "group as a domain of the whole design, with that design's df.",
  },
}
