-- passend/teach/runner.lua: one lesson being worked through, whoever drives it: the prompt
-- (session.lua), --check-lessons (check.lua) or a handout (handout.lua). It knows the steps,
-- runs their code in the student's environment, works out what a question expects (by
-- running the lesson's own answer in a scratch environment that reads the student's) and
-- judges an attempt with the question's answer tests.
local X = require("passend.teach.text")
local E = require("passend.teach.exec")
local T = require("passend.teach.tests")
local C = require("passend.teach.catalog")

local R = {}
R.__index = R

-- entry: from catalog.find; L: the loaded lesson; env: where code runs (_G at the prompt).
function R.new(entry, L, lang, env)
  return setmetatable({ entry = entry, L = L, lang = lang, env = env or _G, k = 1 }, R)
end

function R:n() return #self.L.steps end
function R:step(i) return self.L.steps[i or self.k] end
function R:text(t) return X.pick(t, self.lang) end
function R:is_question(i) return self:step(i).ask ~= nil end

function R:name(i)
  return string.format("%s (%s %d)", self.entry.file, X.w("nl", "step"):lower(), i or self.k)
end

-- Runs a step's demo code where the student works. Output goes wherever print goes now.
function R:run_code(i)
  local s = self:step(i)
  if not s.code then return true, table.pack() end
  return E.run(E.tidy(s.code), "=" .. self:name(i), self.env)
end

-- The code the tutor types for a question (skip, replay, check): the answer of a command
-- question; the number or the choice as the student would type it.
function R:answer_source(i)
  local s = self:step(i)
  if s.ask == "command" then return E.tidy(s.answer) end
  if s.ask == "choice" then return tostring(s.answer) end
  local x = self:expected_value(i)
  if type(x) ~= "number" then return tostring(x) end
  return X.num(x, s.decimals, "en")
end

-- What the question's own answer gives, from a scratch environment over the student's:
-- { ok, values, env, err, output }. Computed when the question is shown, before the
-- student's attempts can change the data it reads.
function R:prepare(i)
  i = i or self.k
  local s = self:step(i)
  self.expected = nil
  if not s.ask or s.ask == "choice" then return end
  if s.ask == "number" and type(s.answer) == "number" then
    self.expected = { ok = true, values = table.pack(s.answer) }
    return
  end
  local scratch = setmetatable({}, { __index = self.env })
  local out, pok, ok, res = E.capture(E.run, E.tidy(s.answer), "=" .. self:name(i) .. " answer", scratch)
  if not pok then ok, res = false, ok end
  self.expected = { ok = ok, values = ok and res or table.pack(), err = not ok and res or nil, env = scratch, output = out }
end

function R:expected_value(i)
  if i and i ~= self.k then self:prepare(i) end
  if not self.expected then self:prepare(i) end
  local e = self.expected
  if e and e.ok then return e.values[1] end
  return nil
end

-- Judges an attempt at question i: true, why | false, why (why may be nil).
function R:judge(i, source, ok, values)
  local s = self:step(i)
  if not self.expected then self:prepare(i) end
  local ctx = { source = source, ok = ok, err = (not ok) and values[1] or nil, values = values,
    env = self.env, expected = self.expected, lang = self.lang, step = s }
  local right, why = T.judge(s, ctx, self.L.tests)
  if right then return true, self:text(s.why) end
  return false, T.mistake(s, ctx) or why
end

-- Runs what a student would type as the answer to question i (for skip and replays) and
-- judges it. Returns right, why, ok, values.
function R:enter_answer(i)
  local src = self:answer_source(i)
  local ok, res = E.run(src, "=" .. self:name(i) .. " answer", self.env)
  local values = ok and res or table.pack(res)
  local right, why = self:judge(i, src, ok, values)
  return right, why, ok, values, src
end

-- Silently brings the environment to where step `upto` starts: runs the code and the answers
-- of the steps before it. Returns true, or false and the first failure.
function R:replay(upto)
  for i = 1, upto - 1 do
    local s = self:step(i)
    local _, pok, ok, err
    if s.code then
      _, pok, ok, err = E.capture(self.run_code, self, i)
      if not (pok and ok) then return false, i, pok and err or ok end
    end
    if s.ask == "command" then
      self:prepare(i)
      _, pok, ok, err = E.capture(E.run, E.tidy(s.answer), "=" .. self:name(i) .. " answer", self.env)
      if not (pok and ok) then return false, i, pok and err or ok end
    end
  end
  return true
end

function R:hints(i) return C.hints(self:step(i)) end

return R
