-- passend/monitor/defs.lua: the Doelstellingenmonitor passend onderwijs as data.
--
-- Source: seeds/004 (second measurement, autumn 2023). The 7 doelstellingen, their indicators
-- and subindicators and the 29 published tables come from the transcription of Tabel 2.1-8.4
-- (generated into tables.lua); the actors, aliases and questionnaires are written here by hand.
--
--   doelstellingen = { {nr, title, chapter, indicators = { {nr, title, definition,
--                       subindicators = { {id, title, scale, points, reversed, note, items} } } } } }
--   tables  = { {id = "Tabel 2.1", doelstelling, onderwijstype, title, source, actors = {ids},
--               rows = { {kind = "indicator", nr, title} | {kind = "sub", id, title, actors = {ids
--               with a published value}, points, reversed (printed **), reversed_inferred, empty} } } }
--   actors, onderwijstypen, questionnaires, aliases, roles: below.
--
-- Item sets are EXAMPLES: the report publishes scale scores, not its item texts. Every
-- subindicator gets 3 or 4 example items named <scale>_<k>, answered on its 5- or 3-point scale,
-- with 8 = 'weet niet' and 9 = 'n.v.t.' as missing codes.

local gen = require "passend.monitor.tables"

local defs = {}

-- Actors: who answers. `level`: school (sampled within schools), sector (one per
-- samenwerkingsverband / bestuur, po or vo), gemeente (municipal).
defs.actors = {
  { id = "swv", label = "Samenwerkingsverband", plural = "Swv's", level = "sector" },
  { id = "ondersteuner", label = "Ondersteuner", plural = "Ondersteuners", level = "sector" },
  { id = "schoolbestuur", label = "Schoolbestuur", plural = "Schoolbesturen", level = "sector" },
  { id = "beleidsambtenaar", label = "Beleidsambtenaar", plural = "Beleidsambtenaren", level = "gemeente" },
  { id = "leerplichtambtenaar", label = "Leerplichtambtenaar", plural = "Leerplichtambtenaren", level = "gemeente" },
  { id = "schoolleider", label = "Schoolleider", plural = "Schoolleiders", level = "school" },
  { id = "ib", label = "Ib'er", plural = "Ib'ers", level = "school" },
  { id = "oco", label = "Oco", plural = "Oco's", level = "school" },
  { id = "leraar", label = "Leraar", plural = "Leraren", level = "school" },
  { id = "mentor", label = "Mentor", plural = "Mentoren", level = "school" },
  { id = "groepsmentor", label = "Groepsmentor", plural = "Groepsmentoren", level = "school" },
  { id = "ouder", label = "Ouder", plural = "Ouders", level = "school" },
  { id = "leerling", label = "Leerling", plural = "Leerlingen", level = "school" },
}

-- Reporting roles (DESIGN, method choice 10): one role, different questionnaire names per
-- onderwijstype. The questionnaire actor stays in the data; the role pools them.
defs.roles = {
  { id = "ib_oco", label = "Ib'er/oco", actors = { "ib", "oco" },
    note = "ib'er in bao, sbo en (v)so; ondersteuningscoördinator (oco) in vo" },
  { id = "leraar_mentor", label = "Leraar/mentor", actors = { "leraar", "mentor", "groepsmentor" },
    note = "leraar in bao; mentor in vo; groepsmentor in sbo en (v)so" },
}

-- Names people type -> actor id (lower case, without accents; see monitor.actor()).
defs.aliases = {
  ["swv"] = "swv", ["swv's"] = "swv", ["samenwerkingsverband"] = "swv",
  ["samenwerkingsverbanden"] = "swv",
  ["ondersteuner"] = "ondersteuner", ["ondersteuners"] = "ondersteuner",
  ["schoolbestuur"] = "schoolbestuur", ["schoolbesturen"] = "schoolbestuur", ["bestuur"] = "schoolbestuur",
  ["beleidsambtenaar"] = "beleidsambtenaar", ["beleidsambtenaren"] = "beleidsambtenaar",
  ["leerplichtambtenaar"] = "leerplichtambtenaar", ["leerplichtambtenaren"] = "leerplichtambtenaar",
  ["schoolleider"] = "schoolleider", ["schoolleiders"] = "schoolleider",
  ["ib"] = "ib", ["ib'er"] = "ib", ["ib'ers"] = "ib", ["iber"] = "ib", ["intern begeleider"] = "ib",
  ["intern begeleiders"] = "ib",
  ["oco"] = "oco", ["oco's"] = "oco", ["ondersteuningscoordinator"] = "oco",
  ["ondersteuningscoordinatoren"] = "oco",
  ["leraar"] = "leraar", ["leraren"] = "leraar", ["leerkracht"] = "leraar",
  ["mentor"] = "mentor", ["mentoren"] = "mentor",
  ["groepsmentor"] = "groepsmentor", ["groepsmentoren"] = "groepsmentor",
  ["ouder"] = "ouder", ["ouders"] = "ouder",
  ["leerling"] = "leerling", ["leerlingen"] = "leerling",
}

defs.onderwijstypen = {
  { id = "bao", label = "bao", sector = "po", title = "basisonderwijs" },
  { id = "sbo", label = "sbo", sector = "po", title = "speciaal basisonderwijs" },
  { id = "vo", label = "vo", sector = "vo", title = "voortgezet onderwijs" },
  { id = "vso", label = "(v)so", sector = nil, title = "(voortgezet) speciaal onderwijs",
    note = "so (po) en vso (vo) samen" },
}

-- The 14 questionnaires (004, Bijlage A: "14 vragenlijsten (voor elke actor één)"). The report
-- lists the actors but not the 14 names; this split (samenwerkingsverbanden po and vo apart, as
-- the 'Bron: Vragenlijst samenwerkingsverbanden po en vo' line has it; ib'er/oco and
-- leraar/mentor/groepsmentor apart, as the table columns have it) is a reconstruction.
defs.questionnaires = {
  { id = "swv_po", label = "Vragenlijst samenwerkingsverbanden po", actor = "swv", sector = "po" },
  { id = "swv_vo", label = "Vragenlijst samenwerkingsverbanden vo", actor = "swv", sector = "vo" },
  { id = "ondersteuner", label = "Vragenlijst ondersteuners", actor = "ondersteuner" },
  { id = "schoolbestuur", label = "Vragenlijst schoolbesturen", actor = "schoolbestuur" },
  { id = "beleidsambtenaar", label = "Vragenlijst beleidsambtenaren", actor = "beleidsambtenaar" },
  { id = "leerplichtambtenaar", label = "Vragenlijst leerplichtambtenaren", actor = "leerplichtambtenaar" },
  { id = "schoolleider", label = "Vragenlijst schoolleiders", actor = "schoolleider" },
  { id = "ib", label = "Vragenlijst intern begeleiders", actor = "ib", onderwijstypen = { "bao", "sbo", "vso" } },
  { id = "oco", label = "Vragenlijst ondersteuningscoördinatoren", actor = "oco", onderwijstypen = { "vo" } },
  { id = "leraar", label = "Vragenlijst leraren", actor = "leraar", onderwijstypen = { "bao" } },
  { id = "mentor", label = "Vragenlijst mentoren", actor = "mentor", onderwijstypen = { "vo" } },
  { id = "groepsmentor", label = "Vragenlijst groepsmentoren", actor = "groepsmentor", onderwijstypen = { "sbo", "vso" } },
  { id = "ouder", label = "Vragenlijst ouders", actor = "ouder" },
  { id = "leerling", label = "Vragenlijst leerlingen", actor = "leerling" },
}

-- Answer categories. The report leaves 'weet niet', 'n.v.t.', 'geen zicht op' and 'doe dit
-- niet' out of scale scores; the example data use 8 and 9.
defs.missing = { [8] = "weet niet", [9] = "n.v.t." }
defs.answers = {
  [5] = { [1] = "helemaal mee oneens", [2] = "mee oneens", [3] = "neutraal", [4] = "mee eens",
          [5] = "helemaal mee eens" },
  [3] = { [1] = "nee / onvoldoende", [2] = "deels / redelijk", [3] = "ja / goed" },
}

-- Cells the report did not print because too few responded (Tabel A.1, footnote *): sbo ib'ers
-- (n = 12) and sbo leerlingen (n = 8). Their sbo columns are absent from the sbo tables.
defs.not_shown = { { onderwijstype = "sbo", actor = "ib", n = 12 }, { onderwijstype = "sbo", actor = "leerling", n = 8 } }

defs.doelstellingen = gen.doelstellingen
defs.tables = gen.tables

-- Example items per subindicator (3 or 4, alternating in report order); reversed scales
-- (printed ** in the report) have every item negatively worded.
local k = 0
for _, D in ipairs(defs.doelstellingen) do
  for _, I in ipairs(D.indicators) do
    for _, S in ipairs(I.subindicators) do
      k = k + 1
      local n = 3 + (k % 2)
      S.items, S.reversed_items, S.example_items = {}, {}, true
      for j = 1, n do
        local name = S.scale .. "_" .. j
        S.items[j] = name
        if S.reversed then S.reversed_items[#S.reversed_items + 1] = name end
      end
      S.item_labels = {}
      for j = 1, n do
        S.item_labels[j] = string.format("%s (voorbeelditem %d%s)", S.title, j,
          S.reversed and ", negatief geformuleerd" or "")
      end
    end
  end
end

return defs
