-- Les 6: cellen onderdrukken (004 Tabel A.1: "resultaten niet weergegeven vanwege te lage respons").
-- What-if: maak een groep zo klein dat hij verdwijnt; welke drempels passen bij Tabel A.1?
local A1 = { shown = { 19, 20, 24 }, hidden = { 12, 8 } }  -- Tabel A.1: sbo schoolleiders, bao leerlingen, sbo leraren; sbo ib'ers, sbo leerlingen

local function reproduces(min_n)
  local s = rules.resolve{ suppress = { min_n = min_n } }
  for _, n in ipairs(A1.shown) do if not rules.suppress(n, 0.4, s) then return false end end
  for _, n in ipairs(A1.hidden) do if rules.suppress(n, 0.4, s) then return false end end
  return true
end

return {
  title = { nl = "Onderdrukken van cellen", en = "Suppressing cells" },
  intro = {
    nl = "Met te weinig respondenten is een gemiddelde te onzeker om te tonen. De monitor toont de\n"
      .. "ib'ers (n = 12) en leerlingen (n = 8) in het sbo niet; 19 sbo-schoolleiders en 20\n"
      .. "bao-leerlingen wel. Een drempel noemt het rapport niet.",
    en = "With too few respondents a mean is too uncertain to show. The monitor does not show sbo\n"
      .. "ib'ers (n = 12) and pupils (n = 8); it does show 19 sbo school leaders and 20 bao pupils.\n"
      .. "The report names no threshold.",
  },
  steps = {
    { nl = "De respons in het sbo in de voorbeelddata (zoals Tabel A.1).",
      en = "The response in sbo in the example data (as in Tabel A.1).",
      code = [[
d = monitor.example{ meting = "2023" }
local sbo = d:filter(function(r) return r.onderwijstype == "sbo" end)
local n = {}
for _, a in ipairs(sbo:values("actor")) do n[a] = (n[a] or 0) + 1 end
for _, a in ipairs({ "schoolleider", "ib", "groepsmentor", "ouder", "leerling" }) do print(a, n[a]) end
]] },
    { nl = "De regel staat in rules.suppress(n, range): te weinig respondenten ('n', standaard n < 15)\n"
        .. "of een te breed interval ('range', 1,0 of meer).",
      en = "The rule is rules.suppress(n, range): too few respondents ('n', default n < 15) or too wide\n"
        .. "an interval ('range', 1.0 or more).",
      code = [[
for _, n in ipairs({ 8, 12, 19, 20 }) do print("n = " .. n, rules.suppress(n, 0.4)) end
print("range 1,2", rules.suppress(100, 1.2))
]] },
    { nl = "Tabel A.1 toont 19 sbo-schoolleiders en verbergt 12 sbo-ib'ers. Een cel verdwijnt als\n"
        .. "n < min_n. Wat is de kleinste min_n die dat oplevert?",
      en = "Tabel A.1 shows 19 sbo school leaders and hides 12 sbo ib'ers. A cell disappears when\n"
        .. "n < min_n. What is the smallest min_n that gives that?",
      ask = "number", answer = 13,
      hint = { { nl = "12 moet verdwijnen: 12 < min_n.", en = "12 must disappear: 12 < min_n." } },
      mistakes = {
        { value = 12, nl = "Met min_n = 12 is 12 < 12 niet waar: de ib'ers zouden getoond worden.",
          en = "With min_n = 12, 12 < 12 is false: the ib'ers would be shown." },
        { value = 15, nl = "15 werkt (het is passends standaard), maar is niet de kleinste.",
          en = "15 works (it is passend's default), but it is not the smallest." } },
      why = { nl = "13. En de grootste is 19 (anders verdwijnen de 19 schoolleiders). Alles van 13 tot 19\n"
                .. "past bij het rapport; passend neemt 15, het midden, en zegt dat bij elke tabel.",
              en = "13. And the largest is 19 (else the 19 school leaders disappear). Anything from 13 to 19\n"
                .. "fits the report; passend takes 15, the middle, and says so with every table." } },
    { nl = "Maak een groep zo klein dat hij verdwijnt. klein(n) schat de eerste n bao-ouders op\n"
        .. "'School biedt ondersteuning op maat' en zegt of de cel getoond wordt.",
      en = "Make a group so small that it disappears. klein(n) estimates the first n bao parents on\n"
        .. "'School offers tailored support' and says whether the cell is shown.",
      code = [[
ouders = d:filter(function(r) return r.onderwijstype == "bao" and r.actor == "ouder" end)
s3 = monitor.scales{ doelstelling = 1 }[3]
function klein(n)
  local x = estimate(ouders:head(n), { s3 }, { weight = "w", cluster = "swv" })[1]
  -- a suppressed cell carries no values; to see what the rule hides, the same estimate once
  -- more without suppression (for the lesson only, never for publication)
  local open = estimate(ouders:head(n), { s3 }, { weight = "w", cluster = "swv",
    rules = { suppress = { min_n = 0, max_range = math.huge } } })[1]
  print(string.format("n = %d: range %.2f, ster '%s', getoond %d %s", open.n, open.range, open.flag, x.shown, x.reason))
  return x.shown == 1 and "getoond" or ("onderdrukt: " .. x.reason)
end
klein(20)
]] },
    { nl = "Verklein de groep tot de cel verdwijnt (probeer klein(15) en klein(14)).",
      en = "Shrink the group until the cell disappears (try klein(15) and klein(14)).",
      ask = "command", answer = [[ klein(14) ]],
      test = { { "uses", "klein" }, { "check", function(ctx)
        if ctx.values[1] == "onderdrukt: n" then return true end
        return false, ctx.lang == "en" and "still shown: make n smaller" or "nog getoond: maak n kleiner"
      end } },
      hint = { { nl = "klein(14)", en = "klein(14)" } },
      why = { nl = "Bij 14 ouders verdwijnt de cel (reden 'n'), al is de range nog maar 0,6: de drempel gaat\n"
                .. "over het aantal respondenten, niet over de breedte.",
              en = "At 14 parents the cell disappears (reason 'n'), although the range is only 0.6: the\n"
                .. "threshold is about the number of respondents, not the width." } },
    { nl = "De tweede regel: een interval van 1,0 of breder. Het rapport drukt zulke cellen nooit af (de *\n"
        .. "gaat tot 1,0). Als losse deelverzameling geschat krijgen de 19 sbo-schoolleiders op\n"
        .. "'Tevredenheid over aanbod vanuit swv' een range boven 1,0; als domein (les 4) niet.",
      en = "The second rule: an interval of 1.0 or wider. The report never prints such cells (the * goes\n"
        .. "up to 1.0). Estimated as a separate subset, the 19 sbo school leaders on 'Satisfaction with\n"
        .. "provision from the swv' get a range above 1.0; as a domain (lesson 4) they do not.",
      code = [[
s = monitor.scales{ doelstelling = 3 }[1]
local r = estimate(d, { s }, { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
for i = 1, #r do
  local x = r[i]
  if x.onderwijstype == "sbo" and x.actor == "schoolleider" then
    print(string.format("domein:          n %d range %.3f ster '%s' getoond %d %s", x.n, x.range, x.flag, x.shown, x.reason))
  end
end
local sub = d:filter(function(q) return q.onderwijstype == "sbo" and q.actor == "schoolleider" end)
local y = estimate(sub, { s }, { weight = "w", cluster = "swv", strata = "stratum" })[1]
-- the suppressed subset shows no range; the same estimate without suppression shows it
local open = estimate(sub, { s }, { weight = "w", cluster = "swv", strata = "stratum",
  rules = { suppress = { min_n = 0, max_range = math.huge } } })[1]
print(string.format("deelverzameling: n %d range %.3f ster '%s' getoond %d %s", y.n, open.range, open.flag, y.shown, y.reason))
]] },
    { nl = "Waarom een cel met een range van 1,0 of meer niet tonen?",
      en = "Why not show a cell with a range of 1.0 or more?",
      ask = "choice", answer = 2,
      choices = {
        { nl = "Omdat er dan te weinig respondenten zijn.", en = "Because there are too few respondents then." },
        { nl = "Omdat het gemiddelde dan meer dan een half punt naar boven of beneden kan liggen: de cel zegt\n"
            .. "     dan weinig, en het rapport gebruikt de * alleen tot 1,0.",
          en = "Because the mean may then lie more than half a point higher or lower: the cell says little,\n"
            .. "     and the report uses the * only up to 1.0." },
        { nl = "Omdat de kleurband dan niet klopt.", en = "Because the colour band is then wrong." } },
      hint = { { nl = "range = de volle breedte; de helft ervan is hoeveel het getal ernaast kan zitten.",
                 en = "range = the full width; half of it is how far off the number may be." } },
      why = { nl = "Een range van 1,0 betekent ±0,5 op een schaal van 1 tot 5: te onzeker om te tonen.",
              en = "A range of 1.0 means ±0.5 on a scale of 1 to 5: too uncertain to show." } },
  },
  claims = {
    { id = "threshold_13_to_19",
      nl = "Elke drempel min_n van 13 tot en met 19 geeft de keuzes van Tabel A.1 (12 en 8 niet, 19, 20 en 24\n"
        .. "wel getoond); 12 en 20 niet.",
      en = "Every threshold min_n from 13 to 19 gives the choices of Tabel A.1 (12 and 8 not shown, 19, 20\n"
        .. "and 24 shown); 12 and 20 do not.",
      check = function()
        for m = 13, 19 do if not reproduces(m) then return false, "min_n " .. m end end
        return not reproduces(12) and not reproduces(20), "13..19"
      end },
    { id = "sbo_ib_leerling_hidden",
      nl = "In de voorbeelddata worden alle cellen van de sbo-ib'ers en sbo-leerlingen onderdrukt (reden n),\n"
        .. "en alle 298 gepubliceerde cellen getoond.",
      en = "In the example data every cell of the sbo ib'ers and sbo pupils is suppressed (reason n), and\n"
        .. "all 298 published cells are shown.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local pub = {}
        for _, p in ipairs(monitor.published) do pub[p.onderwijstype .. "|" .. p.actor .. "|" .. p.sub] = true end
        local hidden, shown_pub = 0, 0
        for dl = 1, 7 do
          local r = estimate(d, monitor.scales{ doelstelling = dl },
            { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
          for i = 1, #r do
            local x = r[i]
            -- a row suppressed for its n has no n (it would give the small group away); rows of
            -- actors not asked have n = 0
            if x.n ~= 0 and x.onderwijstype == "sbo" and (x.actor == "ib" or x.actor == "leerling") then
              if x.shown ~= 0 or x.reason ~= "n" then return false, x.actor .. " " .. x.scale .. " shown" end
              hidden = hidden + 1
            end
            if pub[x.onderwijstype .. "|" .. x.actor .. "|" .. x.scale] and x.shown == 1 then shown_pub = shown_pub + 1 end
          end
        end
        return hidden > 0 and shown_pub == 298, hidden .. " sbo cells hidden, " .. shown_pub .. " published shown"
      end },
    { id = "range_rule",
      nl = "Als deelverzameling geschat hebben de sbo-schoolleiders op 'Tevredenheid over aanbod vanuit swv'\n"
        .. "een range van 1,0 of meer en worden ze onderdrukt (reden range); als domein worden ze getoond, met *.",
      en = "Estimated as a subset the sbo school leaders on 'Satisfaction with provision from the swv' have a\n"
        .. "range of 1.0 or more and are suppressed (reason range); as a domain they are shown, with a *.",
      check = function()
        local d = monitor.example{ meting = "2023" }
        local s = monitor.scales{ doelstelling = 3 }[1]
        local r = estimate(d, { s }, { by = {"onderwijstype", "actor"}, weight = "w", cluster = "swv", strata = "stratum" })
        local x
        for i = 1, #r do if r[i].onderwijstype == "sbo" and r[i].actor == "schoolleider" then x = r[i] end end
        local sub = d:filter(function(q) return q.onderwijstype == "sbo" and q.actor == "schoolleider" end)
        local y = estimate(sub, { s }, { weight = "w", cluster = "swv", strata = "stratum" })[1]
        local open = estimate(sub, { s }, { weight = "w", cluster = "swv", strata = "stratum",
          rules = { suppress = { min_n = 0, max_range = math.huge } } })[1]
        return x.shown == 1 and x.flag == "*" and open.range >= 1 and y.shown == 0 and y.reason == "range"
          and y.range == nil, string.format("domain %.3f, subset %.3f (hidden)", x.range, open.range)
      end },
  },
  summary = {
    nl = "Samengevat: een cel verdwijnt bij te weinig respondenten (n < 15; het rapport laat 13-19 open)\n"
      .. "of een te breed interval (range >= 1,0). De kolommen shown en reason zeggen welke en waarom.",
    en = "In short: a cell disappears with too few respondents (n < 15; the report leaves 13-19 open) or\n"
      .. "too wide an interval (range >= 1.0). The columns shown and reason say which and why.",
  },
}
