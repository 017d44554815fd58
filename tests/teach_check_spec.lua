-- passend --check-lessons: every bundled lesson runs with its correct answers, every question's
-- test passes on the right answer and rejects wrong ones, every claim holds. And the checker
-- itself fails where it must: a teacher's folder with broken lessons gives one line per failing
-- step and a non-zero exit.
local run = dofile("tests/support/run.lua")

local function write_folder(files)
  local dir = run.tmpname("-lessen")
  os.execute("mkdir -p " .. run.q(dir))
  for name, text in pairs(files) do run.write(dir .. "/" .. name, text) end
  return dir
end

describe("passend --check-lessons", function()
  it("passes on every bundled lesson", function()
    local out, err, code = run.passend("--check-lessons")
    assert.are.equal(0, code, out .. err)
    local lessons, passed, failed = out:match("check%-lessons: (%d+) lessons: (%d+) passed, (%d+) failed")
    assert.are.equal("0", failed, out)
    -- every lesson of the index was checked, with more than a handful of checks each
    local index = dofile("examples/lessons/index.lua")
    assert.are.equal(#index, tonumber(lessons))
    assert.is_true(tonumber(passed) > 10 * #index, out)
  end)

  it("reports each failing step of a teacher's lessons and exits 1", function()
    local dir = write_folder({
      ["index.lua"] = [[return { { file = "a.lua" }, { file = "b.lua" } }]],
      ["a.lua"] = [[
return {
  title = { nl = "A", en = "A" },
  steps = {
    { nl = "Code die faalt.", en = "Code that fails.", code = "error('kapot')" },
    { nl = "Het antwoord haalt zijn toets niet.", en = "The answer fails its test.",
      ask = "command", answer = "1 + 1", test = { { "value", expect = 3 } }, hint = { nl = "h", en = "h" } },
    { nl = "Een toets die niet kan falen.", en = "A test that cannot fail.",
      ask = "command", answer = "1 + 1", test = { { "check", function() return true end } }, hint = { nl = "h", en = "h" } },
    { nl = "Goed.", en = "Fine.", ask = "number", answer = 2, hint = { nl = "h", en = "h" } },
    { nl = "Een variabele die een functie verbergt.", en = "A variable that hides a function.", code = "alpha = {}" },
  },
  claims = { { nl = "Onwaar.", en = "False.", check = function() return 1 == 2, "1 ~= 2" end } },
}]],
      ["b.lua"] = [[
return { title = { nl = "B" }, steps = { { nl = "Alleen Nederlands.", code = "x = 1" } } }]],
    })
    local out, _, code = run.passend("--check-lessons " .. run.q(dir))
    os.execute("rm -rf " .. run.q(dir))
    assert.are.equal(1, code, out)
    assert.matches("a%.lua: stap 1: code fails: [^\n]*kapot", out)
    assert.matches("a%.lua: stap 2: the right answer does not pass its test", out)
    assert.matches("a%.lua: stap 3: the test cannot fail: it accepts the wrong answer nil", out)
    assert.not_matches("a%.lua: stap 4", out)
    assert.matches("a%.lua: stap 5: the variable alpha hides the global alpha %(function%)", out)
    assert.matches("a%.lua: claim 1 %(False%.%): does not hold: 1 ~= 2", out)
    assert.matches("b%.lua: title: needs Dutch and English text", out)
    assert.matches("b%.lua: step 1: needs Dutch and English text", out)
    assert.matches("check%-lessons: 2 lessons: %d+ passed, [1-9]%d* failed", out)
  end)
end)
