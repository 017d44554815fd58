-- passend/teach/init.lua: teaching mode (docs/teach.md). The engine behind lesson(),
-- lesson_handout() and --check-lessons; required on first use (passend/teach/install.lua
-- defines those functions), so the shell starts as fast without it.
--   catalog   where lessons are, what a lesson file must contain
--   runner    one lesson being worked through: steps, expected answers, judging
--   tests     the answer tests (value, number, choice, uses, creates, check, ok)
--   session   the lesson at the prompt (the hook src/repl.c calls) and its commands
--   progress  where a user is in each lesson, kept between sessions
--   handout   a lesson as text, Markdown or HTML with its real output
--   check     passend --check-lessons
local X = require("passend.teach.text")
local C = require("passend.teach.catalog")
local T = require("passend.teach.tests")
local G = require("passend.teach.progress")

local teach = {
  -- lang: "nl" or "en" (nil: PASSEND_LANG, else format.settings.lang); dirs: a teacher's
  -- folders of lessons (each with an index.lua), listed after the bundled lessons
  settings = { lang = nil, dirs = C.settings.dirs },
  tests = T.list,
  test_docs = T.docs,
  define_test = T.define,
  same = T.same,
}

function teach.configure(t) C.configure(t) end

function teach.lang(lang)
  lang = lang or teach.settings.lang or C.env.lang
  if lang == nil or lang == "" then lang = require("passend.lang").settings.lang or "nl" end
  if not X.langs[lang] then error("lesson: language is \"nl\" or \"en\", not \"" .. tostring(lang) .. "\"", 0) end
  return lang
end

-- lesson() without arguments: the list, with where the user is.
-- A call from the prompt during a lesson is a command, not an attempt at the question.
local function not_an_answer()
  if require("passend.shell").at_prompt and package.loaded["passend.teach.session"] then
    require("passend.teach.session").not_an_answer()
  end
end

function teach.list(lang)
  not_an_answer()
  lang = teach.lang(lang)
  local prog = G.load()
  io.write(X.w(lang, "list_title"), "\n")
  for _, e in ipairs(C.list()) do
    local title = e.title and X.pick(e.title, lang)
    if not title then
      local ok, L = pcall(C.load, e)
      title = ok and X.pick(L.title, lang) or e.file
    end
    local p = prog[e.id]
    local mark = ""
    if p then mark = p.done and ("  [" .. X.w(lang, "list_done") .. "]") or ("  [" .. X.w(lang, "list_at", p.step) .. "]") end
    io.write(string.format("  %2d  %s%s\n", e.k, title, mark))
  end
end

local LESSON = require("passend.teach.install").LESSON

local function parse_opts(lang_or_opts)
  if type(lang_or_opts) == "table" then
    local o = require("passend.args").options("lesson", lang_or_opts, LESSON)
    return teach.lang(o.lang), { restart = o.restart or o.opnieuw }
  end
  return teach.lang(lang_or_opts), {}
end

-- lesson(k [, lang | opts]): at the prompt one step at a time; elsewhere the whole lesson.
function teach.start(which, lang_or_opts)
  local lang, opts = parse_opts(lang_or_opts)
  local entry = C.find(which)
  local L = C.load(entry)
  if require("passend.shell").at_prompt then
    return require("passend.teach.session").start(entry, L, lang, opts)
  end
  local H = require("passend.teach.handout")
  io.write(H.text(H.collect(entry, L, lang), lang))
end

function teach.handout(which, path, lang)
  not_an_answer()
  lang = teach.lang(lang)
  local entry = C.find(which)
  local H = require("passend.teach.handout")
  H.write(entry, C.load(entry), lang, path)
  return path
end

function teach.check(dir, opts)
  return require("passend.teach.check").run(dir, opts)
end

teach.catalog, teach.progress = C, G

return teach
