-- Les 13: een typologie (001 hoofdstuk 8, Tabel 8.1/8.2 en de bijlage): punten per onderdeel,
-- grenzen die punten in achterblijvers / middengroep / voorlopers verdelen, en nalezen wat het
-- rapport erover zegt (docs/toolkit.md, 'Audits').
local E_ITEMS = { { "e1", { 3 } }, { "e2", { 3 } }, { "e3", { 3 } }, { "e4", { 4 } }, { "e5", { 4 } }, { "e6", { 4 } } }
local E_CUTS = { { 0, 1, "achter" }, { 2, 3, "midden" }, { 4, nil, "voor" } }
local E_VO = { [0] = 4, [1] = 8, [2] = 26, [3] = 37, [4] = 20, [5] = 4, [6] = 2 }   -- bijlage: % VO per aantal punten
local PRINTED_E_VO = { achter = 12, midden = 63, voor = 36 }                          -- Tabel 8.2

local function typ()
  return stats.typology{ components = { { id = "E", label = "Samenwerking en afstemming", items = E_ITEMS, cuts = E_CUTS } } }
end
local function units()
  return dataset{ { "swv", { "A", "B", "C", "D", "E" } }, { "e1", { 3, 1, 3, 3, 2 } }, { "e2", { 3, 2, 1, 3, 1 } },
    { "e3", { 1, 3, 1, 3, 1 } }, { "e4", { 4, 3, 4, 4, 1 } }, { "e5", { 2, 4, 1, 4, 2 } }, { "e6", { 1, 4, 1, 3, 3 } } }
end

return {
  title = { nl = "Een typologie: achterblijvers, middengroep, voorlopers",
            en = "A typology: laggards, middle group, front runners" },
  intro = {
    nl = "001 (hoofdstuk 8) deelt de samenwerkingsverbanden per onderdeel in: achterblijvers, middengroep\n"
      .. "en voorlopers. Per onderdeel levert elk item een punt op als het antwoord 'ver genoeg' is; grenzen\n"
      .. "verdelen de punten over de drie groepen. stats.typology{} legt dat vast, zodat je het kunt narekenen.",
    en = "001 (chapter 8) classifies the samenwerkingsverbanden per component: laggards, middle group and\n"
      .. "front runners. Per component every item gives a point when the answer is 'far enough'; cut-offs\n"
      .. "divide the points over the three groups. stats.typology{} records that, so it can be recomputed.",
  },
  steps = {
    { nl = "Onderdeel E, 'Samenwerking en afstemming': zes items. e1-e3 geven een punt bij 'ja' (3), e4-e6\n"
        .. "bij 'structureel' (4). 0-1 punt: achter, 2-3: midden, 4 of meer: voor. Vijf voorbeeld-swv's.",
      en = "Component E, 'Collaboration and coordination': six items. e1-e3 give a point for 'yes' (3), e4-e6\n"
        .. "for 'structural' (4). 0-1 point: behind, 2-3: middle, 4 or more: ahead. Five example swvs.",
      code = [[
t = stats.typology{ components = { { id = "E", label = "Samenwerking en afstemming",
  items = { { "e1", { 3 } }, { "e2", { 3 } }, { "e3", { 3 } }, { "e4", { 4 } }, { "e5", { 4 } }, { "e6", { 4 } } },
  cuts = { { 0, 1, "achter" }, { 2, 3, "midden" }, { 4, nil, "voor" } } } } }
d = dataset{ { "swv", { "A", "B", "C", "D", "E" } }, { "e1", { 3, 1, 3, 3, 2 } }, { "e2", { 3, 2, 1, 3, 1 } },
  { "e3", { 1, 3, 1, 3, 1 } }, { "e4", { 4, 3, 4, 4, 1 } }, { "e5", { 2, 4, 1, 4, 2 } }, { "e6", { 1, 4, 1, 3, 3 } } }
print(d)
]] },
    { nl = "Hoeveel punten krijgt swv B (e1..e6 = 1, 2, 3, 3, 4, 4)?", en = "How many points does swv B get (e1..e6 = 1, 2, 3, 3, 4, 4)?",
      ask = "number", answer = [[ t:points(d).E[2] ]],
      hint = { { nl = "e3 = 3 is 'ja'; e5 en e6 = 4 zijn 'structureel'; e4 = 3 telt niet.", en = "e3 = 3 is 'yes'; e5 and e6 = 4 are 'structural'; e4 = 3 does not count." } },
      mistakes = { { value = 4, nl = "e4 = 3 is 'incidenteel', geen 'structureel': alleen code 4 telt bij e4-e6.",
                     en = "e4 = 3 is 'incidental', not 'structural': only code 4 counts for e4-e6." } },
      why = { nl = "3 punten: e3, e5 en e6.", en = "3 points: e3, e5 and e6." } },
    { nl = "In welke groep valt B? Reken het na met t:classify(d).", en = "Which group is B in? Check with t:classify(d).",
      ask = "choice", answer = 2,
      choices = { { nl = "achterblijver", en = "laggard" }, { nl = "middengroep", en = "middle group" }, { nl = "voorloper", en = "front runner" } },
      hint = { { nl = "2-3 punten is midden.", en = "2-3 points is middle." } },
      why = { nl = "Midden. t:classify(d).E geeft de groep van elke swv.", en = "Middle. t:classify(d).E gives every swv's group." } },
    { nl = "De bijlage van 001 geeft per onderdeel de verdeling van de punten (in %). Voor E bij de VO-swv's:\n"
        .. "0 punten 4%, 1: 8%, 2: 26%, 3: 37%, 4: 20%, 5: 4%, 6: 2%. t:from_distribution telt de klassen op.",
      en = "001's appendix gives per component the distribution of the points (in %). For E among the VO\n"
        .. "swvs: 0 points 4%, 1: 8%, 2: 26%, 3: 37%, 4: 20%, 5: 4%, 6: 2%. t:from_distribution adds up the classes.",
      code = [[
verdeling = t:from_distribution({ E = { [0] = 4, [1] = 8, [2] = 26, [3] = 37, [4] = 20, [5] = 4, [6] = 2 } })
for _, k in ipairs({ "achter", "midden", "voor" }) do print(k, verdeling.E[k].value) end
print("Tabel 8.2 drukt: achter 12, midden 63, voor 36")
]] },
    { nl = "Welk percentage voorlopers op E (VO) volgt uit de puntenverdeling?",
      en = "Which percentage of front runners on E (VO) follows from the point distribution?",
      ask = "number", answer = [[ verdeling.E.voor.value ]],
      hint = { { nl = "Voor = 4 punten of meer: 20 + 4 + 2.", en = "Ahead = 4 points or more: 20 + 4 + 2." } },
      mistakes = { { value = 36, nl = "36 staat in Tabel 8.2, maar de bijlage geeft 20 + 4 + 2.",
                     en = "36 is printed in Tabel 8.2, but the appendix gives 20 + 4 + 2." } },
      why = { nl = "26, waar Tabel 8.2 36 drukt; de rij telt daar op tot 111. Een drukfout: een audit vindt zulke\n"
                .. "dingen (stats.audit(), docs/toolkit.md).",
              en = "26, where Tabel 8.2 prints 36; that row adds up to 111. A misprint: an audit finds such\n"
                .. "things (stats.audit(), docs/toolkit.md)." } },
    { nl = "De tekst van 001 zegt: 'Het grootste deel (70%) van de samenwerkingsverbanden is op geen van de\n"
        .. "vijf onderdelen voorloper.' Op onderdeel D alleen al zijn 28% van de 51 PO-swv's en 49% van de\n"
        .. "50 VO-swv's voorloper. Hoeveel procent van de 101 kan dan hoogstens op geen enkel onderdeel\n"
        .. "voorloper zijn? (Geheel getal.)",
      en = "001's text says: 'The largest part (70%) of the samenwerkingsverbanden is front runner on none of\n"
        .. "the five components.' On component D alone 28% of the 51 PO swvs and 49% of the 50 VO swvs are\n"
        .. "front runners. What percentage of the 101 can then at most be front runner on none? (Whole number.)",
      ask = "number", decimals = 0, answer = [[ 100 * (0.72 * 51 + 0.51 * 50) / 101 ]], test = { { "number", tol = 1 } },
      hint = { { nl = "Wie op D voorloper is, telt niet mee: (72% van 51 + 51% van 50) / 101.",
                 en = "Whoever is ahead on D does not count: (72% of 51 + 51% of 50) / 101." } },
      mistakes = { { value = 70, tol = 0.5, nl = "Dat zegt de tekst, maar het kan niet: D alleen laat al minder over.",
                     en = "That is what the text says, but it cannot be: D alone leaves less." } },
      why = { nl = "Ongeveer 62% (met hele aantallen 61-62%): nooit 70%. Een uitspraak in de tekst is ook iets\n"
                .. "om na te rekenen.",
              en = "About 62% (with whole counts 61-62%): never 70%. A sentence in the text is also something\n"
                .. "to recompute." } },
  },
  claims = {
    { id = "cuts",
      nl = "Met de grenzen van E is 0-1 punt achter, 2-3 midden en 4-6 voor; de vijf voorbeeld-swv's\n"
        .. "krijgen 3, 3, 2, 5 en 0 punten.",
      en = "With E's cut-offs 0-1 point is behind, 2-3 middle and 4-6 ahead; the five example swvs get\n"
        .. "3, 3, 2, 5 and 0 points.",
      check = function()
        local t = typ()
        local want = { "achter", "achter", "midden", "midden", "voor", "voor", "voor" }
        for p = 0, 6 do if t:class_of(t.components[1], p) ~= want[p + 1] then return false, "points " .. p end end
        local pts = t:points(units()).E
        return table.concat(pts, ",") == "3,3,2,5,0", table.concat(pts, ",")
      end },
    { id = "misprint_8_2",
      nl = "Uit de puntenverdeling van de bijlage volgt voor E (VO) 12 / 63 / 26; Tabel 8.2 drukt 12 / 63 / 36.",
      en = "The appendix's point distribution gives 12 / 63 / 26 for E (VO); Tabel 8.2 prints 12 / 63 / 36.",
      check = function()
        local v = typ():from_distribution({ E = E_VO }).E
        return v.achter.value == PRINTED_E_VO.achter and v.midden.value == PRINTED_E_VO.midden and v.voor.value == 26
          and PRINTED_E_VO.voor == 36, string.format("%d / %d / %d", v.achter.value, v.midden.value, v.voor.value)
      end },
    { id = "seventy_percent_impossible",
      nl = "Met 28% (PO) en 49% (VO) voorlopers op D kan hoogstens 62% op geen onderdeel voorloper zijn, niet 70%.",
      en = "With 28% (PO) and 49% (VO) front runners on D at most 62% can be front runner on none, not 70%.",
      check = function()
        local at_most = 100 * (0.72 * 51 + 0.51 * 50) / 101
        return at_most < 70 and format.number(at_most, 0) == "62", string.format("%.1f%%", at_most)
      end },
  },
  summary = {
    nl = "Samengevat: een typologie is items -> punten -> grenzen -> groep. Leg de regels vast in stats.typology{},\n"
      .. "dan kun je elke tabel en elke zin erover narekenen.",
    en = "In short: a typology is items -> points -> cut-offs -> group. Record the rules in stats.typology{}, then\n"
      .. "every table and every sentence about it can be recomputed.",
  },
}
