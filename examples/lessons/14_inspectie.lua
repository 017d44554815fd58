-- Les 14: de oordelen van de inspectie lezen (003, Sectorlijnen 2026: samenwerkingsverbanden).
-- Een tabel met aantallen, de basis van 'een kwart tot een derde', en 'vaker in het vo dan in het po'.
local STANDARDS = { "Dekkend netwerk van voorzieningen", "Regionale samenwerking",
  "Advisering en beoordeling toelaatbaarheid", "Visie, ambitie en doelen", "Uitvoering en kwaliteitscultuur",
  "Evaluatie, verantwoording en dialoog", "Eindoordelen" }
local PO = { { 5, 51, 10 }, { 0, 47, 19 }, { 0, 55, 11 }, { 4, 56, 6 }, { 11, 44, 11 }, { 9, 55, 2 }, { 17, 45, 4 } }
local VO = { { 11, 50, 5 }, { 0, 51, 15 }, { 1, 59, 6 }, { 10, 50, 6 }, { 14, 46, 6 }, { 16, 50, 0 }, { 23, 42, 1 } }

return {
  title = { nl = "De oordelen van de inspectie lezen", en = "Reading the inspectorate's judgements" },
  intro = {
    nl = "De inspectie (003) telt hoe vaak samenwerkingsverbanden in 2022-2025 onvoldoende, voldoende of\n"
      .. "goed kregen, per standaard en als eindoordeel. Dit zijn aantallen, geen schaalscores; de tekst\n"
      .. "vat ze samen in woorden: 'een kwart (po) tot een derde (vo)'. Van welke basis?",
    en = "The inspectorate (003) counts how often samenwerkingsverbanden got insufficient, sufficient or\n"
      .. "good in 2022-2025, per standard and as the final judgement. These are counts, not scale\n"
      .. "scores; the text sums them up in words: 'a quarter (po) to a third (vo)'. Of which base?",
  },
  steps = {
    { nl = "De tabel van 003, in aantallen.", en = "003's table, in counts.",
      code = [[
standaard = { "Dekkend netwerk van voorzieningen", "Regionale samenwerking",
  "Advisering en beoordeling toelaatbaarheid", "Visie, ambitie en doelen", "Uitvoering en kwaliteitscultuur",
  "Evaluatie, verantwoording en dialoog", "Eindoordelen" }
po = { { 5, 51, 10 }, { 0, 47, 19 }, { 0, 55, 11 }, { 4, 56, 6 }, { 11, 44, 11 }, { 9, 55, 2 }, { 17, 45, 4 } }
vo = { { 11, 50, 5 }, { 0, 51, 15 }, { 1, 59, 6 }, { 10, 50, 6 }, { 14, 46, 6 }, { 16, 50, 0 }, { 23, 42, 1 } }
for i, s in ipairs(standaard) do
  print(string.format("%-42s po %2d %2d %2d = %d   vo %2d %2d %2d = %d", s, po[i][1], po[i][2], po[i][3],
    po[i][1] + po[i][2] + po[i][3], vo[i][1], vo[i][2], vo[i][3], vo[i][1] + vo[i][2] + vo[i][3]))
end
]] },
    { nl = "Elke rij telt op tot 66: zoveel po- en vo-samenwerkingsverbanden zijn in 2022-2025 onderzocht\n"
        .. "(er zijn er 76 po en 75 vo). Welk percentage van de onderzochte po-swv's kreeg het eindoordeel\n"
        .. "onvoldoende? (Geheel getal.)",
      en = "Every row adds up to 66: that many po and vo samenwerkingsverbanden were examined in 2022-2025\n"
        .. "(there are 76 po and 75 vo). What percentage of the examined po swvs got the final judgement\n"
        .. "insufficient? (Whole number.)",
      ask = "number", decimals = 0, answer = [[ 100 * 17 / 66 ]],
      hint = { { nl = "17 van de 66.", en = "17 of the 66." } },
      mistakes = { { value = 100 * 17 / 76, tol = 0.5, nl = "Dat is 17 van alle 76 po-swv's; maar 66 zijn onderzocht.",
                     en = "That is 17 of all 76 po swvs; but only 66 were examined." } },
      why = { nl = "26%: 17 van de 66 onderzochte.", en = "26%: 17 of the 66 examined." } },
    { nl = "format.quantity() zet een aandeel in woorden, zoals de tekst doet.", en = "format.quantity() puts a share into words, as the text does.",
      code = [[
print("po: " .. format.quantity(17 / 66), "vo: " .. format.quantity(23 / 66))
print("po als 17 van alle 76: " .. format.quantity(17 / 76))
]] },
    { nl = "Van welke basis is 'een kwart (po)'?", en = "Of which base is 'a quarter (po)'?",
      ask = "choice", answer = 2,
      choices = { { nl = "alle 76 po-samenwerkingsverbanden", en = "all 76 po samenwerkingsverbanden" },
                  { nl = "de 66 po-samenwerkingsverbanden die in 2022-2025 onderzocht zijn", en = "the 66 po samenwerkingsverbanden examined in 2022-2025" },
                  { nl = "de 40 met een onvoldoende", en = "the 40 with an insufficient" } },
      hint = { { nl = "Reken 17/76 en 17/66 uit en vergelijk met 'een kwart'.", en = "Compute 17/76 and 17/66 and compare with 'a quarter'." } },
      why = { nl = "17/66 = 26% is een kwart; van alle 76 zou het 'ruim een vijfde' zijn. De tekst zegt 'van de\n"
                .. "samenwerkingsverbanden': de basis staat er niet bij, de tabel verraadt hem.",
              en = "17/66 = 26% is a quarter; of all 76 it would be 'over a fifth'. The text says 'of the\n"
                .. "samenwerkingsverbanden': the base is not stated, the table gives it away." } },
    { nl = "'Bij 16 van de 40 onvoldoende samenwerkingsverbanden ... waren er tekortkomingen in het dekkend\n"
        .. "netwerk.' Waar komt 40 vandaan? Typ het getal.",
      en = "'With 16 of the 40 insufficient samenwerkingsverbanden ... there were shortcomings in the\n"
        .. "dekkend netwerk.' Where does 40 come from? Type the number.",
      ask = "number", answer = [[ po[7][1] + vo[7][1] ]],
      hint = { { nl = "De eindoordelen onvoldoende van po en vo samen.", en = "The final judgements insufficient of po and vo together." } },
      mistakes = { { value = 16, nl = "16 van de 40: de vraag is waar de 40 vandaan komt.", en = "16 of the 40: the question is where the 40 comes from." } },
      why = { nl = "17 + 23 = 40 eindoordelen onvoldoende.", en = "17 + 23 = 40 final judgements insufficient." } },
    { nl = "Over die 16 zegt de tekst: tekortkomingen in het dekkend netwerk, 'vaker in het vo dan in het po'.\n"
        .. "De tabel wijst dezelfde kant op: op die standaard 11 onvoldoendes in het vo tegen 5 in het po (beide\n"
        .. "van 66). format.compare_phrase() maakt zo'n zin uit twee aandelen.",
      en = "About those 16 the text says: shortcomings in the dekkend netwerk, 'more often in vo than in po'.\n"
        .. "The table points the same way: on that standard 11 insufficients in vo against 5 in po (both of\n"
        .. "66). format.compare_phrase() makes such a sentence from two shares.",
      code = [[
print(format.compare_phrase("in het vo", vo[1][1] / 66, "in het po", po[1][1] / 66))
]] },
    { nl = "Hoort er bij 'een kwart (po) tot een derde (vo)' een betrouwbaarheidsinterval of een toets?",
      en = "Does 'a quarter (po) to a third (vo)' need a confidence interval or a test?",
      ask = "choice", answer = 2,
      choices = { { nl = "Ja: 66 is een kleine steekproef.", en = "Yes: 66 is a small sample." },
                  { nl = "Nee: de tabel telt de oordelen over alle samenwerkingsverbanden die in die periode\n"
                      .. "     onderzocht zijn; het is geen steekproef waaruit geschat wordt. Het beschrijft wat er\n"
                      .. "     gebeurde (wie er een voorspelling van maakt, gaat verder dan de tabel).",
                    en = "No: the table counts the judgements on all samenwerkingsverbanden examined in that\n"
                      .. "     period; it is not a sample to estimate from. It describes what happened (whoever\n"
                      .. "     turns it into a prediction goes beyond the table)." },
                  { nl = "Ja: het verschil tussen 26% en 35% moet getoetst worden.", en = "Yes: the difference between 26% and 35% must be tested." } },
      hint = { { nl = "Zijn deze 66 getrokken, of zijn het alle onderzochte?", en = "Were these 66 drawn, or are they all that were examined?" } },
      why = { nl = "Anders dan de monitor (een steekproef, les 4) is dit een telling. De inspectie rapporteert\n"
                .. "de aantallen en percentages, zonder interval.",
              en = "Unlike the monitor (a sample, lesson 4) this is a count. The inspectorate reports the\n"
                .. "counts and percentages, without an interval." } },
  },
  claims = {
    { id = "rows_66",
      nl = "Elke rij van de tabel telt op tot 66, in po en in vo: de basis van de percentages.",
      en = "Every row of the table adds up to 66, in po and in vo: the base of the percentages.",
      check = function()
        for i = 1, #STANDARDS do
          if PO[i][1] + PO[i][2] + PO[i][3] ~= 66 or VO[i][1] + VO[i][2] + VO[i][3] ~= 66 then return false, STANDARDS[i] end
        end
        return true, #STANDARDS .. " rows"
      end },
    { id = "quarter_third",
      nl = "format.quantity(17/66) is 'een kwart' en format.quantity(23/66) 'een derde'; met alle 76 po-swv's als basis\n"
        .. "was het 'ruim een vijfde'.",
      en = "format.quantity(17/66) is 'een kwart' (a quarter) and format.quantity(23/66) 'een derde' (a third); with all\n"
        .. "76 po swvs as the base it would be 'ruim een vijfde' (over a fifth).",
      check = function()
        return format.quantity(PO[7][1] / 66) == "een kwart" and format.quantity(VO[7][1] / 66) == "een derde"
          and format.quantity(PO[7][1] / 76) == "ruim een vijfde", format.quantity(PO[7][1] / 66) .. ", " .. format.quantity(VO[7][1] / 66)
      end },
    { id = "sixteen_of_forty",
      nl = "De 40 in '16 van de 40' zijn de eindoordelen onvoldoende van po en vo samen (17 + 23).",
      en = "The 40 in '16 of the 40' are the final judgements insufficient of po and vo together (17 + 23).",
      check = function()
        return PO[7][1] + VO[7][1] == 40 and format.count_phrase(16, PO[7][1] + VO[7][1]) == "16 van de 40", "17 + 23"
      end },
    { id = "more_often_vo",
      nl = "In de tabel is onvoldoende op het dekkend netwerk 'vaker in het vo dan in het po' (11 tegen 5 van de 66).",
      en = "In the table insufficient on the dekkend netwerk is 'more often in vo than in po' (11 against 5 of the 66).",
      check = function()
        local s = format.compare_phrase("in het vo", VO[1][1] / 66, "in het po", PO[1][1] / 66)
        return s == "vaker in het vo dan in het po", s
      end },
  },
  summary = {
    nl = "Samengevat: zoek bij elk percentage de basis (hier 66 onderzochte swv's per sector, niet alle 76\n"
      .. "of 75); woorden als 'een kwart' zijn afgeronde percentages; een telling van alle onderzochte\n"
      .. "gevallen is geen steekproef en heeft geen interval nodig.",
    en = "In short: find the base of every percentage (here 66 examined swvs per sector, not all 76 or\n"
      .. "75); words like 'a quarter' are rounded percentages; a count of all examined cases is not a\n"
      .. "sample and needs no interval.",
  },
}
