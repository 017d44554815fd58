-- passend/teach/session.lua: a lesson at the real prompt, as R's swirl runs one. lesson(k)
-- shows one step and returns to passend>; the prompt then hands every line it evaluates to
-- passend.shell.line_hook(source, ok, values...) (src/shell/repl.c), which is set only while a lesson
-- runs. The hook prints the line's values itself, so that the tutor's verdict follows them;
-- for a question it judges the line with the question's answer tests, says why it is right
-- or wrong, gives the next hint after a wrong try and moves on when it is right. Enter on an
-- empty line continues after an explanation. The commands skip, nxt, play, hint, info and
-- bye are globals only while a lesson runs (with or without parentheses); the student's own
-- variables with those names come back when it ends.
local X = require("passend.teach.text")
local E = require("passend.teach.exec")
local G = require("passend.teach.progress")
local R = require("passend.teach.runner")

local S = {}
local cur          -- the runner of the lesson at the prompt, or nil
local mode         -- "step" | "play"
local hint_i       -- hints given on the current question
local cmd_ran      -- a command ran during the line being evaluated: not an answer
local saved = {}   -- the student's globals the commands hide

local out = function(...) io.write(...) end
local function flush() io.stdout:flush() end  -- io.flush is not in a sandboxed run
local function w(key, ...) return X.w(cur.lang, key, ...) end

local function indent(text, pad)
  return (text:gsub("[^\n]+", function(l) return pad .. l end))
end

-- "  Goed! why", continuation lines indented like the first
local function say(...)
  local text = table.concat({ ... }, " ")
  out("  ", (text:gsub("\n", "\n  ")), "\n")
end

local function rule(title)
  local s = "── " .. title .. " "
  local len = utf8.len(s) or #s
  return s .. string.rep("─", math.max(3, 72 - len))
end

-- how lesson(...) names the running lesson: its number, or its id in quotes
local function label(entry)
  entry = entry or cur.entry
  return entry.k ~= 0 and tostring(entry.k) or string.format("%q", entry.id)
end

local function save_progress(done)
  if cur.entry.k == 0 and cur.entry.id:match("^file/") then return end
  G.save(cur.entry.id, cur.k, done)
end

-- --- showing steps -----------------------------------------------------------------------

local function show_question_tail(s)
  if s.ask == "choice" then
    for j, c in ipairs(s.choices) do out(string.format("  %d. %s\n", j, cur:text(c))) end
  end
  out(w(s.ask == "command" and "type_command" or s.ask == "number" and "type_number" or "type_choice"), "\n")
end

local function show_step()
  local s = cur:step()
  local head = string.format("%s %d %s %d", w("step"), cur.k, w("of"), cur:n())
  if s.ask then head = head .. ": " .. w("question"):lower() end
  out("\n", rule(head), "\n", cur:text(s), "\n")
  hint_i = 0
  save_progress(false)
  if s.code then
    out("\n", indent(E.tidy(s.code), "  > "), "\n\n")
    flush()
    local ok, res = cur:run_code()
    if not ok then out(w("step_failed"), " ", tostring(res), "\n") end
  end
  if s.ask then
    cur:prepare()
    show_question_tail(s)
  else
    out(w("enter"), "\n")
  end
  flush()
end

local function finish()
  local L = cur.L
  if L.summary then out("\n", cur:text(L.summary), "\n") end
  cur.k = cur:n()
  save_progress(true)
  out("\n", w("finished", label()), "\n")
  S.stop()
end

local function advance()
  if cur.k >= cur:n() then return finish() end
  cur.k = cur.k + 1
  show_step()
end

local function give_hint()
  local hints = cur:hints()
  hint_i = hint_i + 1
  if hint_i <= #hints then say(w("hint"), cur:text(hints[hint_i]))
  else say(w("no_more_hints")) end
end

-- --- the commands ------------------------------------------------------------------------

local act = {}

function act.skip()
  local s = cur:step()
  if not s.ask then return advance() end
  if s.ask == "command" then
    out("  ", w("skipped"), "\n", indent(cur:answer_source(), "  > "), "\n")
    flush()
    local right, why, ok, values = cur:enter_answer(cur.k)
    if ok and values.n > 0 then require("passend.shell").print_values(table.unpack(values, 1, values.n)) end
    if not ok then out(tostring(values[1]), "\n") end
    if right and why then say(why) end
  else
    local x = s.ask == "number" and cur:expected_value()
    local shown = s.ask == "choice" and string.format("%d. %s", s.answer, cur:text(s.choices[s.answer]))
      or (type(x) == "number" and X.num(x, s.decimals, cur.lang))
      or (w("step_failed") .. " " .. tostring(cur.expected and cur.expected.err))
    say(w("answer_is"), shown)
    if s.why then say(cur:text(s.why)) end
  end
  advance()
end

function act.nxt()
  if mode == "play" then
    mode = "step"
    out(w("back"), "\n")
    local s = cur:step()
    if s.ask then
      out("\n", cur:text(s), "\n")
      show_question_tail(s)
    else
      out(w("enter"), "\n")
    end
    return
  end
  if cur:step().ask then
    out(cur:text(cur:step()), "\n")
    return show_question_tail(cur:step())
  end
  advance()
end

function act.play()
  mode = "play"
  out(w("play"), "\n")
end

function act.hint()
  if not cur:step().ask then return out(w("enter"), "\n") end
  give_hint()
end

function act.info()
  out(w("where", label(), cur:text(cur.L.title), cur.k, cur:n()), "\n")
  S.show_commands()
  if G.enabled() and G.file() then out(w("progress_file", G.file()), "\n") else out(w("no_progress"), "\n") end
end

function act.bye()
  save_progress(false)
  if G.enabled() then out(w("bye", cur.k, label()), "\n")
  else out(w("bye_nosave"), "\n") end
  S.stop()
end

local names = { "skip", "nxt", "play", "hint", "info", "bye", "next" }
local globals = {}
for _, name in ipairs(names) do
  globals[name] = function()
    if not cur then return out(X.w("nl", "no_lesson"), "\n") end
    cmd_ran = true
    act[name]()
  end
end
-- next() as swirl's nxt(); with arguments it is Lua's own next (which needs a table anyway)
local lua_next = next
act.next = act.nxt
globals.next = function(...)
  if select("#", ...) > 0 then return lua_next(...) end
  if not cur then return lua_next(...) end
  cmd_ran = true
  act.nxt()
end

function S.show_commands()
  out(w("commands"), "\n")
  for _, name in ipairs(names) do
    if name == "next" then break end
    out("  ", w("cmd_" .. name, label()), "\n")
  end
  out("  ", w("cmd_words"), "\n")
end

-- --- the hook ----------------------------------------------------------------------------

local function is_typed_answer(s, source)
  if s.ask == "number" then return X.parse_number(source) ~= nil end
  if s.ask == "choice" then return source:match("^%s*%d+%s*;?%s*$") ~= nil end
  return false
end

function S.after_line(source, ok, ...)
  local values = table.pack(...)
  if not cur then
    require("passend.shell").line_hook = nil
    if ok and values.n > 0 then require("passend.shell").print_values(...) end
    return
  end
  -- a command typed without parentheses: its value is the command itself (or Lua's next)
  local word = source:match("^%s*(%a+)%s*;?%s*$")
  if ok and word and values.n == 1 and globals[word] and values[1] == globals[word] then
    cmd_ran = false
    return act[word]()
  end
  local s = cur:step()
  local answer_typed = mode ~= "play" and s.ask and is_typed_answer(s, source)
  if ok and values.n > 0 and not answer_typed then require("passend.shell").print_values(...) end
  if cmd_ran then cmd_ran = false; return end
  if mode == "play" then return end
  if not s.ask then
    if source:match("^%s*$") then advance() end
    return
  end
  if source:match("^%s*$") then return end
  local right, why = cur:judge(cur.k, source, ok, values)
  if right then
    say(w("right"), why)
    return advance()
  end
  say(w("wrong"), why)
  give_hint()
  flush()
end

-- --- starting and stopping ---------------------------------------------------------------

local function install()
  for _, name in ipairs(names) do
    if _G[name] ~= globals[name] then saved[name] = _G[name] end
    _G[name] = globals[name]
  end
  require("passend.shell").line_hook = S.after_line
end

function S.stop()
  for _, name in ipairs(names) do
    if _G[name] == globals[name] then _G[name] = saved[name] end
    saved[name] = nil
  end
  require("passend.shell").line_hook = nil
  cur = nil
end

function S.running() return cur end

-- The line being evaluated called lesson(), lesson_handout(), ...: it is not an answer.
function S.not_an_answer() if cur then cmd_ran = true end end

-- Starts (or resumes) lesson entry at the prompt. opts.restart starts over.
function S.start(entry, L, lang, opts)
  if cur then
    local old = cur
    save_progress(false)
    out(X.w(old.lang, "other_lesson", label(old.entry)), "\n")
    S.stop()
  end
  cur = R.new(entry, L, lang, _G)
  mode = "step"
  cmd_ran = true  -- the line that called lesson() is not an answer
  out(rule(string.format("%s %s: %s", w("lesson"), entry.k ~= 0 and tostring(entry.k) or entry.id, cur:text(L.title))), "\n")
  if L.intro then out(cur:text(L.intro), "\n") end
  out("\n")
  install()
  S.show_commands()
  if not G.enabled() then out(w("no_progress"), "\n") end
  local p = G.load()[entry.id]
  local start = 1
  if p and not opts.restart then
    if p.done then out(w("done_before"), "\n")
    elseif p.step > 1 and p.step <= cur:n() then start = p.step end
  end
  if start > 1 then
    out(w("resume", start, cur:n(), label()), "\n")
    out(w("replay", start - 1), "\n")
    flush()
    local ok, at, err = cur:replay(start)
    if not ok then
      out(string.format("%s %d: %s\n", w("step"), at, tostring(err)))
      start = at
    end
  end
  cur.k = start
  show_step()
end

return S
