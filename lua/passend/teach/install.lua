-- passend/teach/install.lua: the prompt's teaching verbs, lesson() and lesson_handout(),
-- and passend --check-lessons. Loaded at start (init.lua); the engine itself (passend/teach/)
-- is required on first use. What the engine needs from the environment is read here, before a
-- sandbox takes os.getenv and debug.getinfo away.
local core = require "passend.core"
local doc = require "passend.doc"

local M = {}

local getenv = os.getenv
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
local env = {
  lang = getenv("PASSEND_LANG"), lessons = getenv("PASSEND_LESSONS"), state = getenv("PASSEND_STATE"),
  xdg_state = getenv("XDG_STATE_HOME"), home = getenv("HOME"),
}

-- a/b/../c -> a/c, so that paths in messages read well
local function tidy_path(p)
  local n
  repeat p, n = p:gsub("/[^/]+/%.%./", "/", 1) until n == 0
  return p
end

local function bundled_dir()
  for _, cand in ipairs({ here .. "/../../../examples/lessons", here .. "/../../examples/lessons" }) do
    local ok, f = pcall(core._open, cand .. "/index.lua", "rb")
    if ok and f then f:close(); return tidy_path(cand) end
  end
  return nil
end

local engine
local function teach()
  if not engine then
    engine = require("passend.teach")
    engine.configure{ bundled = bundled_dir(), env = env }
  end
  return engine
end

-- passend.teach: the engine (settings, define_test, ...), loaded when first touched.
M.teach = setmetatable({}, { __index = function(_, k) return teach()[k] end,
  __newindex = function(_, k, v) teach()[k] = v end })

-- lesson(k, opts): the options (the engine checks them: passend.teach.start)
M.LESSON = require("passend.args").spec{ lang = { "one_of", "nl", "en" }, restart = "boolean", opnieuw = "boolean" }

M.lesson = doc.def("lesson", function(k, lang)
  if k == nil then return teach().list(lang) end
  if type(k) ~= "number" and type(k) ~= "string" then
    error("lesson: expected a lesson number or name, got " .. type(k), 2)
  end
  return teach().start(k, lang)
end, [==[
lesson([k [, lang | opts]])

Lessons on the monitor's method (docs/teach.md). lesson() lists them with where you are;
lesson(k) starts lesson k at the prompt, one step at a time: read, press Enter, and answer the
questions at the normal passend> prompt (your own variables stay). The tutor checks each answer,
says why it is right or wrong and gives a hint after a wrong try. During a lesson:
skip() (the tutor enters the right answer), nxt() (continue), play() (explore; the tutor is
silent until nxt()), hint(), info(), bye() (stop; lesson(k) resumes there later); the
parentheses may be left out. Progress is kept per user (PASSEND_STATE, else
$XDG_STATE_HOME/passend or ~/.local/state/passend; not in a sandbox).
k is a number, or a lesson's name ("07_cronbach"), or a lesson file ("mijn/les.lua").
lang is "nl" (default; PASSEND_LANG or passend.teach.settings.lang) or "en";
opts = { lang = ..., restart = true } starts over. Outside the prompt (a script, -e) lesson(k)
prints the whole lesson with its answers. A teacher's folder of lessons: PASSEND_LESSONS or
passend.teach.settings.dirs.]==], {
  options = M.LESSON, example = function() return 1, { lang = "en" } end,
})

M.lesson_handout = doc.def("lesson_handout", function(k, path, lang)
  if type(path) ~= "string" then error("lesson_handout: expected a file name (.md, .html or .txt)", 2) end
  return teach().handout(k, path, lang)
end, [==[
lesson_handout(k, path [, lang])

Lesson k as a printable page for a classroom without terminals: path ending in .md (Markdown),
.html or .txt. The page holds each step's explanation, its code and the real output (the
lesson is run, with the right answers, in an environment of its own: your variables stay as
they are), the questions, an answer key, and the lesson's claims with whether they hold.]==])

M.example_file = doc.def("passend.example_file", function(rel)
  local dir = bundled_dir()
  if not dir then error("example_file: passend's examples folder is not installed", 2) end
  return dir:gsub("/lessons$", "") .. "/" .. rel
end, [==[
passend.example_file(rel) -> path

The path of a file shipped in passend's examples folder (data/, frames/, lessons/), wherever
passend is installed: read(passend.example_file("data/swv_register_000.csv")). Lessons use it.]==])

-- passend --check-lessons [DIR]
function M.check_lessons(dir, ...)
  local verbose = dir == "-v" or select(1, ...) == "-v"
  if dir == "-v" then dir = ... end
  return teach().check(dir, { verbose = verbose })
end

return M
