-- passend/teach/text.lua: the words of the lessons: picking the Dutch or English text of a
-- lesson field, numbers written the way the language writes them (4,25 and 3.586 in Dutch),
-- and the tutor's own sentences in both languages.

local X = {}

X.langs = { nl = true, en = true }

-- A lesson field is a string (one language) or { nl = ..., en = ... }.
function X.pick(t, lang)
  if t == nil then return nil end
  if type(t) == "string" then return t end
  return t[lang] or t.nl or t.en
end

-- x with decimals (nil: as short as exact) the way lang writes it; thousands separated.
function X.num(x, decimals, lang)
  if math.type(x) == "integer" and decimals == nil then decimals = 0 end
  return require("passend.lang").number(x, decimals, lang, math.abs(x) >= 1000)
end

-- A typed number: "0,84", "0.84", ",84", "-1,5", "3.586" (Dutch thousands) or "1e-3".
-- Returns the number or nil.
function X.parse_number(s)
  s = s:match("^%s*(.-)%s*;?%s*$")
  if s == "" then return nil end
  if s:match("^[-+]?%d*,%d+$") then return tonumber((s:gsub(",", "."))) end
  if s:match("^[-+]?%d%d?%d?%.%d%d%d$") and s:match("%.%d%d%d$") then
    -- "3.586" is ambiguous: a Dutch thousands separator or a decimal point; both are offered
    return tonumber(s), tonumber((s:gsub("%.", "")))
  end
  if s:match("^[-+]?[%d.]+[eE][-+]?%d+$") or s:match("^[-+]?%d*%.?%d+$") or s:match("^[-+]?%d+%.$") then
    return tonumber(s)
  end
  return nil
end

-- The tutor's sentences. %s are filled with string.format.
X.words = {
  nl = {
    lesson = "Les", step = "Stap", of = "van", question = "Vraag",
    enter = "(Enter: verder)",
    commands = "Tijdens de les: typ je antwoord bij passend>, of een van deze opdrachten:",
    cmd_skip = "skip()   de tutor geeft het goede antwoord en voert het uit",
    cmd_nxt = "nxt()    verder (na play(), of na een uitleg)",
    cmd_play = "play()   vrij rekenen: de tutor zwijgt tot nxt()",
    cmd_hint = "hint()   nog een hint",
    cmd_info = "info()   deze lijst en waar je bent",
    cmd_bye = "bye()    stoppen; lesson(%s) gaat later verder waar je was",
    cmd_words = "(De haakjes mogen weg: skip, nxt, play, hint, info, bye; next = nxt.)",
    type_command = "Typ een opdracht.",
    type_number = "Typ het getal (0,84 en 0.84 mogen allebei).",
    type_choice = "Typ het nummer van je keuze.",
    right = "Goed!",
    wrong = "Nog niet goed.",
    error = "Dat gaf een fout (zie hierboven).",
    hint = "Hint:",
    no_more_hints = "Geen hints meer: skip() geeft het antwoord.",
    answer_is = "Het goede antwoord:",
    skipped = "Overgeslagen. De tutor voert het goede antwoord uit:",
    play = "Vrij rekenen: de tutor zwijgt. nxt() brengt je terug bij de les.",
    back = "Terug in de les.",
    bye = "Tot ziens! Je was bij stap %d; lesson(%s) gaat daar verder.",
    bye_nosave = "Tot ziens! (In een sandbox wordt je voortgang niet bewaard.)",
    resume = "Je was bij stap %d van %d: we gaan daar verder (lesson(%s, { opnieuw = true }) begint opnieuw).",
    replay = "De variabelen van stap 1-%d worden klaargezet ...",
    done_before = "Deze les had je al afgerond; we beginnen opnieuw.",
    finished = "Les %s is klaar. lesson() toont de andere lessen.",
    where = "Je bent in les %s (%s), stap %d van %d.",
    progress_file = "Je voortgang staat in %s.",
    no_progress = "Je voortgang wordt niet bewaard (sandbox).",
    not_at_prompt = "(Geen prompt: de les wordt in zijn geheel getoond, met de antwoorden.)",
    no_lesson = "Er loopt geen les; lesson() toont ze.",
    other_lesson = "Les %s is gestopt (voortgang bewaard).",
    choice_range = "Kies een nummer van 1 tot %d.",
    not_number = "Dat is geen getal.",
    expected_close = "verwacht rond %s",
    claims = "Wat deze les beweert (en --check-lessons narekent)",
    answers = "Antwoorden",
    code = "Code", output = "Uitvoer",
    list_title = "Lessen (lesson(k) start er een; lesson(k, \"en\") in het Engels):",
    list_done = "klaar", list_at = "bij stap %d",
    step_failed = "de code van deze stap gaf een fout:",
  },
  en = {
    lesson = "Lesson", step = "Step", of = "of", question = "Question",
    enter = "(Enter: continue)",
    commands = "During the lesson: type your answer at passend>, or one of these commands:",
    cmd_skip = "skip()   the tutor gives the right answer and runs it",
    cmd_nxt = "nxt()    continue (after play(), or after an explanation)",
    cmd_play = "play()   explore freely: the tutor is silent until nxt()",
    cmd_hint = "hint()   another hint",
    cmd_info = "info()   this list and where you are",
    cmd_bye = "bye()    stop; lesson(%s) resumes later where you were",
    cmd_words = "(The parentheses may be left out: skip, nxt, play, hint, info, bye; next = nxt.)",
    type_command = "Type a command.",
    type_number = "Type the number (0.84 and 0,84 both work).",
    type_choice = "Type the number of your choice.",
    right = "Right!",
    wrong = "Not yet right.",
    error = "That gave an error (see above).",
    hint = "Hint:",
    no_more_hints = "No more hints: skip() gives the answer.",
    answer_is = "The right answer:",
    skipped = "Skipped. The tutor runs the right answer:",
    play = "Exploring freely: the tutor is silent. nxt() brings you back to the lesson.",
    back = "Back in the lesson.",
    bye = "Bye! You were at step %d; lesson(%s) resumes there.",
    bye_nosave = "Bye! (In a sandbox your progress is not saved.)",
    resume = "You were at step %d of %d: we continue there (lesson(%s, { restart = true }) starts over).",
    replay = "Setting up the variables of steps 1-%d ...",
    done_before = "You finished this lesson before; we start over.",
    finished = "Lesson %s is finished. lesson() lists the others.",
    where = "You are in lesson %s (%s), step %d of %d.",
    progress_file = "Your progress is kept in %s.",
    no_progress = "Your progress is not saved (sandbox).",
    not_at_prompt = "(No prompt: the whole lesson is shown, with the answers.)",
    no_lesson = "No lesson is running; lesson() lists them.",
    other_lesson = "Lesson %s stopped (progress saved).",
    choice_range = "Choose a number from 1 to %d.",
    not_number = "That is not a number.",
    expected_close = "expected about %s",
    claims = "What this lesson claims (and --check-lessons recomputes)",
    answers = "Answers",
    code = "Code", output = "Output",
    list_title = "Lessons (lesson(k) starts one; lesson(k, \"nl\") in Dutch):",
    list_done = "done", list_at = "at step %d",
    step_failed = "the code of this step failed:",
  },
}

function X.w(lang, key, ...)
  local s = X.words[lang][key] or X.words.nl[key]
  if select("#", ...) > 0 then return string.format(s, ...) end
  return s
end

return X
