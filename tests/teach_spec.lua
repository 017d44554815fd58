-- Teaching mode besides the prompt itself (tests/teach_prompt_spec.lua drives that): the list of
-- lessons with a teacher's folder, lessons by name, a lesson read outside the prompt, handouts
-- with the real output, a teacher's own answer test, the answer tests' verdicts, and where
-- progress is kept.
local run = dofile("tests/support/run.lua")

local function folder(files)
  local dir = run.tmpname("-lessen")
  os.execute("mkdir -p " .. run.q(dir))
  for name, text in pairs(files) do run.write(dir .. "/" .. name, text) end
  return dir
end

-- A teacher's lesson with an answer test of its own (tests = { name = fn }).
local TEACHER = {
  ["index.lua"] = [[return { { file = "eigen.lua" } }]],
  ["eigen.lua"] = [[
return {
  title = { nl = "Eigen les", en = "Own lesson" },
  tests = { even = function(ctx) return ctx.ok and type(ctx.values[1]) == "number" and ctx.values[1] % 2 == 0,
    "oneven" end },
  steps = {
    { nl = "Een even getal boven de 10, als opdracht.", en = "An even number above 10, as a command.",
      ask = "command", answer = "6 * 2", test = { { "even" }, { "uses", "math.max" } },
      hint = { nl = "6 * 2", en = "6 * 2" } },
  },
}]],
}

describe("lesson()", function()
  it("lists the bundled lessons and then a teacher's folder (PASSEND_LESSONS)", function()
    local dir = folder(TEACHER)
    local out, err, code = run.passend("-e " .. run.q("lesson()"), nil, {})
    assert.are.equal(0, code, err)
    local index = dofile("examples/lessons/index.lua")
    for k, e in ipairs(index) do assert.matches(string.format("%2d  %s", k, e.title.nl), out, 1, true) end
    out, err, code = run.passend("-e " .. run.q("lesson()"), nil, { PASSEND_LESSONS = dir })
    assert.are.equal(0, code, err)
    assert.matches(string.format("%2d  Eigen les", #index + 1), out, 1, true)
    os.execute("rm -rf " .. run.q(dir))
  end)

  it("outside the prompt shows a whole lesson with its answers and claims, by number or by name", function()
    local out, err, code = run.passend("-e " .. run.q("lesson('07_cronbach', 'en')"))
    assert.are.equal(0, code, err)
    assert.matches("Lesson 7: Cronbach's alpha", out, 1, true)
    assert.matches("The right answer: 0.838", out, 1, true)          -- a number question, English decimals
    assert.matches("  > alpha(compleet, s)", out, 1, true)             -- a command question's answer
    assert.matches("[ok] alpha() (pairwise, as psych::alpha) and alpha on complete cases differ", out, 1, true)
    assert.not_matches("%[!!%]", out)
    local nl = run.passend("-e " .. run.q("lesson(7)"), nil, {})
    assert.matches("Het goede antwoord: 0,838", nl, 1, true)           -- Dutch decimals in Dutch text
    local _, err2, code2 = run.passend("-e " .. run.q("lesson(99)"))
    assert.are.equal(1, code2)
    assert.matches("there is no lesson 99", err2)
  end)

  it("writes a handout with the code, its real output and an answer key; the student's variables stay", function()
    local md, html = run.tmpname(".md"), run.tmpname(".html")
    local out, err, code = run.passend("-e " .. run.q(string.format(
      "d = 5; lesson_handout(1, %q); lesson_handout(1, %q, 'en'); print('d=' .. d)", md, html)), nil, {})
    assert.are.equal(0, code, err)
    assert.matches("d=5", out, 1, true)
    local m = run.slurp(md)
    assert.matches("# Les 1: De schaalscore", m, 1, true)
    assert.matches("```lua\nd = dataset{", m, 1, true)
    assert.matches("ouder 3: (3 + 3 + 2) / 3 = 2.667", m, 1, true)    -- output of running the step
    assert.matches("## Antwoorden", m, 1, true)
    assert.matches("**Stap 3.** 2,67", m, 1, true)
    assert.matches("1 overleg", m, 1, true)                            -- estimate()'s printed result
    local h = run.slurp(html)
    assert.matches("<h1>Lesson 1: The scale score</h1>", h, 1, true)
    assert.matches("scale{ &quot;overleg&quot;", h, 1, true)
    assert.matches("<div class=\"answers\">", h, 1, true)
    os.remove(md); os.remove(html)
    local _, err2, code2 = run.passend("-e " .. run.q("lesson_handout(1, 'x.pdf')"))
    assert.are.equal(1, code2)
    assert.matches("the extension says the format", err2)
  end)

  it("runs a teacher's own answer test in --check-lessons, which catches a wrong lesson", function()
    local dir = folder(TEACHER)
    local out, _, code = run.passend("--check-lessons " .. run.q(dir))
    -- the answer 6 * 2 passes "even" but does not use math.max: the checker says so
    assert.are.equal(1, code, out)
    assert.matches("eigen%.lua: stap 1: the right answer does not pass its test: Gebruik math%.max%(%)", out)
    run.write(dir .. "/eigen.lua", (run.slurp(dir .. "/eigen.lua"):gsub('answer = "6 %* 2"', 'answer = "math.max(6, 12)"')))
    out, _, code = run.passend("--check-lessons " .. run.q(dir))
    assert.are.equal(0, code, out)
    assert.matches("1 lessons: %d+ passed, 0 failed", out)
    os.execute("rm -rf " .. run.q(dir))
  end)
end)

describe("the answer tests", function()
  local T = require("passend.teach.tests")
  local X = require("passend.teach.text")
  local function ctx(src, ok, ...)
    return { source = src, ok = ok, values = table.pack(...), env = {}, lang = "nl",
      step = { ask = "number", decimals = 2 }, expected = { ok = true, values = table.pack(0.8432) } }
  end

  it("reads numbers typed the Dutch or the English way", function()
    assert.are.equal(0.84, X.parse_number("0,84"))
    assert.are.equal(0.84, X.parse_number(" .84 "))
    assert.are.equal(0.84, X.parse_number(",84"))
    local a, b = X.parse_number("3.586")
    assert.are.same({ 3.586, 3586 }, { a, b })
    assert.is_nil(X.parse_number("alpha"))
    assert.is_nil(X.parse_number("1,2,3"))
  end)

  it("judges numbers within half a unit of the decimals asked", function()
    local step = { ask = "number", decimals = 2 }
    assert.is_true((T.judge(step, ctx("0,84", true, 0, 84))))
    assert.is_true((T.judge(step, ctx("0.843", true, 0.843))))
    assert.is_false((T.judge(step, ctx("0,83", true, 0, 83))))
    -- a command that returns the number counts as typing it
    assert.is_true((T.judge(step, ctx("a:meta().alpha", true, 0.8432))))
    local ok, why = T.judge(step, ctx("tekst", true, "tekst"))
    assert.is_false(ok)
    assert.are.equal("Dat is geen getal.", why)
  end)

  it("compares values, names the function a command must use and the variable it must make", function()
    local step = { ask = "command", test = { { "uses", "estimate" }, { "value", tol = 1e-9 } } }
    local c = { source = "estimate(d, { s })", ok = true, values = table.pack(3.5), env = {}, lang = "en", step = step,
      expected = { ok = true, values = table.pack(3.5) } }
    assert.is_true((T.judge(step, c)))
    c.source = "3.5"
    local ok, why = T.judge(step, c)
    assert.is_false(ok)
    assert.are.equal("Use estimate() in your command.", why)
    local mk = { ask = "command", test = { { "creates", "s", same = true } } }
    local env = { s = { 1, 2 } }
    local c2 = { source = "s = {1, 2}", ok = true, values = table.pack(), env = env, lang = "nl", step = mk,
      expected = { ok = true, values = table.pack(), env = { s = { 1, 2 } } } }
    assert.is_true((T.judge(mk, c2)))
    env.s = { 1, 3 }
    assert.is_false((T.judge(mk, c2)))
    c2.source = "x = 1"
    ok, why = T.judge(mk, c2)
    assert.is_false(ok)
    assert.matches("Maak de variabele s", why)
  end)
end)

describe("progress", function()
  it("is kept in PASSEND_STATE, else XDG_STATE_HOME/passend, else ~/.local/state/passend", function()
    local code = "print(passend.teach.progress.file())"
    assert.matches("^/a/lessen%.tsv", run.passend("-e " .. run.q(code), nil, { PASSEND_STATE = "/a", XDG_STATE_HOME = "/b", HOME = "/c" }))
    assert.matches("^/b/passend/lessen%.tsv", run.passend("-e " .. run.q(code), nil, { XDG_STATE_HOME = "/b", HOME = "/c" }))
    assert.matches("^/c/%.local/state/passend/lessen%.tsv", run.passend("-e " .. run.q(code), nil, { HOME = "/c" }))
  end)
end)
