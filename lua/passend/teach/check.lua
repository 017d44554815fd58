-- passend/teach/check.lua: `passend --check-lessons [DIR]`, as swirlify's test_lesson: runs
-- every lesson of DIR (default: the bundled lessons) without a student, each in an
-- environment of its own:
--   * the lesson file has the required shape and Dutch and English text everywhere;
--   * every step's code runs;
--   * every question's own answer, entered as a student would type it, passes its tests;
--   * its tests can fail: a wrong attempt (nil for a command, another number, every other
--     choice, each listed mistake) is rejected;
--   * every claim's check holds.
-- Prints one line per failure and a summary `N passed, N failed`; returns false on failure.
local X = require("passend.teach.text")
local E = require("passend.teach.exec")
local C = require("passend.teach.catalog")
local R = require("passend.teach.runner")

local K = {}
local function flush() io.stdout:flush() end

-- Wrong attempts a question's tests must reject: { {source, ok, values}, ... }.
local function wrong_attempts(r, i)
  local s = r:step(i)
  local list = {}
  if s.ask == "command" then
    list[1] = { "nil", true, table.pack(nil) }
    list[2] = { "error('x')", false, table.pack("x") }
  elseif s.ask == "number" then
    local x = r:expected_value(i)
    if type(x) == "number" then
      local off = math.max(1, math.abs(x)) * 0.5 + (s.decimals and 10 ^ -s.decimals or 0) * 3
      list[1] = { X.num(x + off, nil, "en"), true, table.pack(x + off) }
    end
  elseif s.ask == "choice" then
    for j = 1, #s.choices do
      if j ~= s.answer then list[#list + 1] = { tostring(j), true, table.pack(j) } end
    end
  end
  for _, m in ipairs(s.mistakes or {}) do
    if m.value then list[#list + 1] = { X.num(m.value, nil, "en"), true, table.pack(m.value), mistake = m }
    elseif m.choice then list[#list + 1] = { tostring(m.choice), true, table.pack(m.choice), mistake = m } end
  end
  return list
end

-- Checks one lesson; calls fail(where, message) for each failure. Returns the number of
-- checks made.
function K.lesson(entry, fail, lang)
  local okL, L = pcall(C.read, entry)
  if not okL then fail("", tostring(L)); return 1 end
  local problems = C.problems(L)
  for _, p in ipairs(problems) do fail("", p) end
  if #problems > 0 then return #problems end
  local env = setmetatable({}, { __index = _G })
  local r = R.new(entry, L, lang or "nl", env)
  local n = 1
  local hidden = {}
  -- a variable a lesson makes must not hide one of passend's functions (or Lua's) at the prompt
  local function hides(at)
    for k in pairs(env) do
      if rawget(_G, k) ~= nil and not hidden[k] then
        hidden[k] = true
        fail(at, string.format("the variable %s hides the global %s (%s) at the prompt", k, k, type(rawget(_G, k))))
      end
    end
  end
  for i, s in ipairs(L.steps) do
    r.k = i
    local at = X.w("nl", "step"):lower() .. " " .. i
    if s.code then
      n = n + 1
      local _, pok, ok, err = E.capture(r.run_code, r, i)
      if not (pok and ok) then fail(at, "code fails: " .. tostring(pok and err or ok)) end
    end
    if s.ask then
      n = n + 1
      r:prepare(i)
      if r.expected and not r.expected.ok then
        fail(at, "the answer fails: " .. tostring(r.expected.err))
      else
        local wrongs = wrong_attempts(r, i)
        local _, pok, right, why = E.capture(r.enter_answer, r, i)
        if not pok then fail(at, "entering the answer fails: " .. tostring(right))
        elseif not right then fail(at, "the right answer does not pass its test: " .. tostring(why)) end
        for _, a in ipairs(wrongs) do
          n = n + 1
          local jok, wr, wwhy = pcall(r.judge, r, i, a[1], a[2], a[3])
          if not jok then fail(at, "judging " .. a[1] .. " fails: " .. tostring(wr))
          elseif wr then fail(at, "the test cannot fail: it accepts the wrong answer " .. a[1])
          elseif a.mistake and wwhy ~= X.pick(a.mistake, r.lang) then
            fail(at, "the mistake " .. a[1] .. " does not get its own explanation")
          end
        end
      end
    end
    hides(at)
  end
  for i, c in ipairs(L.claims or {}) do
    n = n + 1
    local _, pok, ok, detail = E.capture(c.check)
    local what = "claim " .. i .. " (" .. (X.pick(c, "en"):gsub("\n", " "):sub(1, 60)) .. ")"
    if not pok then fail(what, "fails: " .. tostring(ok))
    elseif ok ~= true then fail(what, "does not hold" .. (detail and (": " .. tostring(detail)) or "")) end
  end
  return n
end

-- The lessons of dir (its index.lua), or the bundled ones.
local function entries(dir)
  if not dir then
    local all = {}
    for _, e in ipairs(C.list()) do if e.bundled then all[#all + 1] = e end end
    return all
  end
  local save = { C.bundled, C.settings.dirs, C.env.lessons }
  C.bundled, C.settings.dirs, C.env.lessons = dir, {}, nil
  local ok, list = pcall(C.list)
  C.bundled, C.settings.dirs, C.env.lessons = save[1], save[2], save[3]
  if not ok then error(list, 0) end
  return list
end

function K.run(dir, opts)
  opts = opts or {}
  local list = entries(dir)
  local passed, failed = 0, 0
  for _, e in ipairs(list) do
    local lesson_failed = 0
    local n = K.lesson(e, function(where, msg)
      lesson_failed = lesson_failed + 1
      io.write(e.path, ": ", where ~= "" and (where .. ": ") or "", msg, "\n")
    end)
    failed = failed + lesson_failed
    passed = passed + math.max(0, n - lesson_failed)
    if opts.verbose then io.write(string.format("%-40s %d checks, %d failed\n", e.file, n, lesson_failed)) end
  end
  io.write(string.format("check-lessons: %d lessons: %d passed, %d failed\n", #list, passed, failed))
  flush()
  return failed == 0 and #list > 0
end

return K
