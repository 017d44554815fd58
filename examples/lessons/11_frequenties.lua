-- Les 11: frequentietabellen met een geldige basis, en meerantwoordvragen (002 Tabel 2-3 en 2-5;
-- 001 werkt ook met 'in % van de geldige antwoorden'). De rijen per school zijn teruggerekend uit
-- de gepubliceerde aantallen (scripts/s002_tabel_2_3.lua, s002_tabel_2_5.lua).
local COUNTS = { vso3 = { 14, 17, 20, 14, 3 }, vso4 = { 10, 15, 6, 7, 2 }, pro = { 11, 14, 25, 17, 3 } }
local CODES = { 1, 2, 3, 4, 8 }
local PUBLISHED = {   -- Tabel 2-3 as printed: rows 1, 2, 3, 4, weet niet; columns vso3, vso4, vso, pro
  { 21, 25, 22, 16 }, { 25, 38, 30, 20 }, { 29, 15, 24, 36 }, { 21, 18, 19, 24 }, { 4, 5, 5, 4 } }

local function table23()
  local groep, antw = {}, {}
  for _, g in ipairs({ "vso3", "vso4", "pro" }) do
    for k, n in ipairs(COUNTS[g]) do
      for _ = 1, n do groep[#groep + 1] = g; antw[#antw + 1] = CODES[k] end
    end
  end
  return dataset{ { "groep", groep }, { "toekomst", antw, missing = { 8 }, value_labels = { [8] = "weet niet" } } }
end
local OPTS = { by = "groep", levels = { groep = { "vso3", "vso4", "pro" } }, pooled = { { "vso", { "vso3", "vso4" } } } }
local function pct(base)
  local o = { base = base }
  for k, v in pairs(OPTS) do o[k] = v end
  return percentages(table23(), "toekomst", o)
end
local function table25()
  local yes = { pro = 8, vmbo = 15, havo = 8, vwo = 8 }
  local cols = {}
  for _, k in ipairs({ "pro", "vmbo", "havo", "vwo" }) do
    local v = {}
    for i = 1, 21 do v[i] = i <= yes[k] and 1 or 0 end
    cols[#cols + 1] = { k, v }
  end
  return dataset(cols)
end

return {
  title = { nl = "Frequentietabellen: de basis en meerdere antwoorden",
            en = "Frequency tables: the base and multiple response" },
  intro = {
    nl = "Een percentage is een deel van een basis. Welke basis (alle respondenten, of alleen de geldige\n"
      .. "antwoorden zonder 'weet niet') verandert het getal; een tabel moet zeggen welke. En bij een\n"
      .. "vraag met meerdere antwoorden tellen de percentages op tot meer dan 100.",
    en = "A percentage is a part of a base. Which base (all respondents, or only the valid answers\n"
      .. "without 'don't know') changes the number; a table must say which. And for a question with\n"
      .. "several answers the percentages add up to more than 100.",
  },
  steps = {
    { nl = "002 Tabel 2-3: betrokkenheid bij nieuwe initiatieven van intensieve samenwerking, per\n"
        .. "vso-cluster en pro. Eén rij per school, teruggerekend uit de gepubliceerde aantallen;\n"
        .. "code 8 = 'weet niet'.",
      en = "002 Tabel 2-3: involvement in new initiatives of intensive collaboration, per vso cluster\n"
        .. "and pro. One row per school, rebuilt from the published counts; code 8 = 'don't know'.",
      code = [[
local aantallen = { vso3 = { 14, 17, 20, 14, 3 }, vso4 = { 10, 15, 6, 7, 2 }, pro = { 11, 14, 25, 17, 3 } }
local codes = { 1, 2, 3, 4, 8 }
local groep, antw = {}, {}
for _, g in ipairs({ "vso3", "vso4", "pro" }) do
  for k, n in ipairs(aantallen[g]) do
    for _ = 1, n do groep[#groep + 1] = g; antw[#antw + 1] = codes[k] end
  end
end
d = dataset{ { "groep", groep }, { "toekomst", antw, missing = { 8 }, value_labels = { [8] = "weet niet" } } }
-- de tabel per groep, vso als samengevoegde kolom; basis = "all" of "valid"
function tabel(basis)
  return percentages(d, "toekomst", { by = "groep", levels = { groep = { "vso3", "vso4", "pro" } },
    pooled = { { "vso", { "vso3", "vso4" } } }, base = basis })
end
function toon(t) print(t:format("text", { protect = false })) end
print(#d .. " scholen")
]] },
    { nl = "Zoals het rapport: 'weet niet' telt mee in de basis (base = \"all\"). Elke kolom telt op tot\n"
        .. "100, met 'weet niet' als rij. (protect = false: passends tabellen verbergen anders cellen\n"
        .. "van minder dan 15 scholen.)",
      en = "As the report does: 'don't know' counts in the base (base = \"all\"). Every column adds up to\n"
        .. "100, with 'don't know' as a row. (protect = false: passend's tables otherwise hide cells of\n"
        .. "fewer than 15 schools.)",
      code = [[
toon(tabel("all"))
]] },
    { nl = "Welk percentage van de pro-scholen heeft er nog niet over nagedacht (code 4), als 'weet niet'\n"
        .. "níet meetelt in de basis? Geheel getal.",
      en = "What percentage of the pro schools has not thought about it yet (code 4), when 'don't know'\n"
        .. "does not count in the base? Whole number.",
      ask = "number", decimals = 0, answer = [[ 100 * 17 / (70 - 3) ]],
      hint = { { nl = "17 pro-scholen gaven code 4; 3 van de 70 zeiden 'weet niet'.", en = "17 pro schools gave code 4; 3 of the 70 said 'don't know'." },
               { nl = "100 * 17 / 67", en = "100 * 17 / 67" } },
      mistakes = { { value = 24, tol = 0.5, nl = "Dat is het gepubliceerde getal: 17 / 70, mét 'weet niet' in de basis.",
                     en = "That is the published number: 17 / 70, with 'don't know' in the base." } },
      why = { nl = "17 / 67 = 25%, tegen 24% gepubliceerd: de basis verandert het getal.",
              en = "17 / 67 = 25%, against 24% published: the base changes the number." } },
    { nl = "Maak de tabel op de geldige antwoorden (base = \"valid\", de standaard van percentages()):\n"
        .. "  geldig = tabel(\"valid\")",
      en = "Make the table on the valid answers (base = \"valid\", percentages()'s default):\n"
        .. "  geldig = tabel(\"valid\")",
      ask = "command", answer = [[ geldig = tabel("valid") ]],
      test = { { "uses", "tabel" }, { "creates", "geldig", check = function(v)
        return type(v) == "userdata" and v:meta().base == "valid"
      end } },
      hint = { { nl = "Typ de regel uit de vraag over.", en = "Type the line from the question." } },
      why = { nl = "Nu is n per kolom kleiner (65, 38, 103, 67) en is 'weet niet' geen rij meer. toon(geldig)\n"
                .. "laat de tabel zien.",
              en = "Now n per column is smaller (65, 38, 103, 67) and 'don't know' is no row any more.\n"
                .. "toon(geldig) shows the table." } },
    { nl = "Welke basis is de goede?", en = "Which base is the right one?",
      ask = "choice", answer = 3,
      choices = {
        { nl = "Altijd alle respondenten.", en = "Always all respondents." },
        { nl = "Altijd de geldige antwoorden.", en = "Always the valid answers." },
        { nl = "Beide kunnen; de tabel moet zeggen welke (en n per kolom geven), en wie tabellen\n"
            .. "     vergelijkt, moet dezelfde basis gebruiken.",
          en = "Both can be; the table must say which (and give n per column), and whoever compares\n"
            .. "     tables must use the same base." } },
      hint = { { nl = "002 drukt 'weet niet' als rij; 001 drukt 'in % van de geldige antwoorden'.",
                 en = "002 prints 'don't know' as a row; 001 prints 'in % of the valid answers'." } },
      why = { nl = "Een keuze, zolang hij vermeld wordt: percentages() zet de basis in meta.base en de n in de\n"
                .. "rij 'Totaal abs. (n=100%)'.",
              en = "A choice, as long as it is stated: percentages() puts the base in meta.base and n in the\n"
                .. "row 'Totaal abs. (n=100%)'." } },
    { nl = "Meerdere antwoorden: 002 Tabel 2-5. 21 samenwerkingsverbanden-vo noemen met welke vo-schooltypen\n"
        .. "vso-cluster 4 intensief samenwerkt; een swv kan er meer noemen. Eén 0/1-kolom per schooltype.",
      en = "Multiple response: 002 Tabel 2-5. 21 samenwerkingsverbanden-vo name the vo school types vso\n"
        .. "cluster 4 collaborates with intensively; a swv may name several. One 0/1 column per school type.",
      code = [[
local ja = { pro = 8, vmbo = 15, havo = 8, vwo = 8 }
local cols = {}
for _, k in ipairs({ "pro", "vmbo", "havo", "vwo" }) do
  local v = {}
  for i = 1, 21 do v[i] = i <= ja[k] and 1 or 0 end
  cols[#cols + 1] = { k, v }
end
mr = dataset(cols)
toon(stats.mr_table(mr, { form = "dichotomous", vars = { "pro", "vmbo", "havo", "vwo" } }, { percent = "both" }))
]] },
    { nl = "Hoeveel schooltypen noemden de 21 samenwerkingsverbanden samen (het aantal antwoorden)?",
      en = "How many school types did the 21 samenwerkingsverbanden name together (the number of answers)?",
      ask = "number", answer = [[ 8 + 15 + 8 + 8 ]],
      hint = { { nl = "Tel per schooltype hoeveel swv's het noemden (8, 15, 8, 8).", en = "Add up how many swvs named each school type (8, 15, 8, 8)." } },
      mistakes = { { value = 21, nl = "21 is het aantal samenwerkingsverbanden (cases), niet het aantal antwoorden.",
                     en = "21 is the number of samenwerkingsverbanden (cases), not the number of answers." } },
      why = { nl = "39 antwoorden van 21 swv's: per swv gemiddeld 1,9 schooltype.",
              en = "39 answers from 21 swvs: 1.9 school types per swv on average." } },
    { nl = "Waarom tellen de percentages van Tabel 2-5 op tot meer dan 100?",
      en = "Why do the percentages of Tabel 2-5 add up to more than 100?",
      ask = "choice", answer = 2,
      choices = {
        { nl = "Door afronding.", en = "Because of rounding." },
        { nl = "Ze zijn percentages van de 21 swv's (cases), en een swv kon meer schooltypen noemen.\n"
            .. "     Als % van de 39 antwoorden (responses) tellen ze op tot 100.",
          en = "They are percentages of the 21 swvs (cases), and a swv could name several school types.\n"
            .. "     As % of the 39 answers (responses) they add up to 100." },
        { nl = "Omdat 'weet niet' meetelt.", en = "Because 'don't know' counts." } },
      hint = { { nl = "Vergelijk de kolommen % cases en % responses.", en = "Compare the columns % cases and % responses." } },
      why = { nl = "Het rapport zegt het erbij: 'meer combinaties per swv-vo mogelijk'. Zeg altijd of het\n"
                .. "percentages van cases of van antwoorden zijn.",
              en = "The report says so: 'several combinations per swv-vo possible'. Always say whether they\n"
                .. "are percentages of cases or of answers." } },
  },
  claims = {
    { id = "reproduces_2_3",
      nl = "Met 'weet niet' in de basis (base = \"all\") geeft de tabel alle 20 cellen van 002 Tabel 2-3 terug\n"
        .. "(afgerond), en n = 68, 40, 108, 70.",
      en = "With 'don't know' in the base (base = \"all\") the table gives back all 20 cells of 002 Tabel 2-3\n"
        .. "(rounded), and n = 68, 40, 108, 70.",
      check = function()
        local t = pct("all")
        local cols = { "vso3", "vso4", "vso", "pro" }
        for i, row in ipairs(PUBLISHED) do
          for j, want in ipairs(row) do
            if format.number(t:get(i, cols[j]), 0) ~= tostring(want) then return false, "row " .. i .. " " .. cols[j] end
          end
        end
        local n = t:meta().n
        return n.vso3 == 68 and n.vso4 == 40 and n.vso == 108 and n.pro == 70, "20 cells"
      end },
    { id = "valid_base_changes",
      nl = "Op de geldige antwoorden is 'nog niet over nagedacht' bij pro 25% (17/67) in plaats van 24% (17/70).",
      en = "On the valid answers 'not thought about it yet' for pro is 25% (17/67) instead of 24% (17/70).",
      check = function()
        local a, b = pct("all"), pct("valid")
        return format.number(a:get(4, "pro"), 0) == "24" and format.number(b:get(4, "pro"), 0) == "25"
          and b:meta().n.pro == 67, string.format("%.2f vs %.2f", a:get(4, "pro"), b:get(4, "pro"))
      end },
    { id = "mr_cases_vs_responses",
      nl = "Bij meerdere antwoorden tellen de % van de cases op tot meer dan 100 (186) en de % van de\n"
        .. "antwoorden tot 100.",
      en = "With multiple response the % of cases add up to more than 100 (186) and the % of answers to 100.",
      check = function()
        local x = stats.mr_table(table25(), { form = "dichotomous", vars = { "pro", "vmbo", "havo", "vwo" } }, { percent = "both" })
        local c, r = 0, 0
        for i = 1, 4 do c = c + x:get(i, x.columns[2]); r = r + x:get(i, x.columns[3]) end
        return format.number(c, 0) == "186" and math.abs(r - 100) < 1e-9, string.format("%.2f and %.2f", c, r)
      end },
  },
  summary = {
    nl = "Samengevat: zeg bij elke tabel de basis (alle respondenten of geldige antwoorden) en n per kolom;\n"
      .. "bij meerdere antwoorden: percentages van cases (kan boven 100) of van antwoorden (telt op tot 100).",
    en = "In short: state the base with every table (all respondents or valid answers) and n per column;\n"
      .. "with multiple response: percentages of cases (may exceed 100) or of answers (add up to 100).",
  },
}
