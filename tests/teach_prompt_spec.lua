-- Teaching mode at the real prompt, in a pseudo-terminal (tmux): a student works through
-- lesson 1 with right answers, a wrong number (its own explanation and a hint), a command that
-- fails (an error and a hint), skip, lesson() in between (not an answer), play and nxt, bye; quits the shell; starts it again and the
-- lesson resumes where it was left, with the variables of the earlier steps set up again.
-- Progress goes to PASSEND_STATE. A sandboxed run keeps no progress.
local run = dofile("tests/support/run.lua")
local Term = dofile("tests/support/term.lua")

-- The lesson's own words, so that the test follows the lesson file.
local L = dofile("examples/lessons/01_schaalscore.lua")
local function first_line(t) return (t.nl:match("^[^\n]*")) end

describe("a lesson at the prompt (pty)", function()
  if not Term.available() then
    it("needs tmux (make deps installs it)", function() error("tmux not installed") end)
    return
  end
  local home, state, term

  before_each(function()
    home = run.tmpname("-home")
    state = home .. "/state"
    os.execute("mkdir -p " .. run.q(home))
  end)
  after_each(function()
    if term then term:stop() end
    os.execute("rm -rf " .. run.q(home))
  end)

  it("checks answers, gives hints, skips, plays and resumes after the shell is quit", function()
    term = Term.start({ HOME = home, PASSEND_STATE = state })
    term:wait("passend>")
    term:line("mijn = 42")
    term:line("lesson(1)")
    term:wait("Les 1: De schaalscore")
    term:wait("Stap 1 van 7")
    term:wait("ouder 4 2")                    -- the step's code ran, its output shows (tabs as spaces)
    term:line("")                            -- Enter: the next step
    term:wait("Stap 2 van 7")
    term:line("")
    term:wait("Stap 3 van 7: vraag")
    -- a wrong number: the mistake's own explanation, then the first hint
    term:line("8")
    term:wait("Nog niet goed. " .. first_line(L.steps[3].mistakes[1]))
    term:wait("Hint: " .. first_line(L.steps[3].hint[1]))
    -- the right one, typed the Dutch way
    term:line("2,67")
    term:wait("Goed! " .. first_line(L.steps[3].why))
    term:wait("Stap 4 van 7")
    term:line("")
    term:wait("Stap 5 van 7: vraag")
    -- skip: the tutor enters the answer and runs it; s exists afterwards
    term:line("skip()")
    term:wait("Overgeslagen")
    term:wait('> s = scale{ "overleg"')
    term:wait("Stap 6 van 7: vraag")
    -- a command that fails: the error, then a hint
    term:line("estimate(d)")
    term:wait("Dat gaf een fout")
    term:wait("Hint: " .. first_line(L.steps[6].hint[1]))
    -- play: explore freely, the tutor is silent, also on a line that is not the answer
    local wrong_before = Term.count(term:screen(), "Nog niet goed")
    term:line("lesson()")                     -- a command, not an attempt at the question
    term:wait("14  De oordelen van de inspectie lezen")
    term:line("play()")
    term:wait("Vrij rekenen")
    term:line("mijn * 2")
    term:wait("\n84\n")
    term:line("#d")
    term:wait("\n4\n")
    term:line("nxt")                          -- the word alone works as the command
    term:wait("Terug in de les")
    local s = term:screen()
    assert.are.equal(wrong_before, Term.count(s, "Nog niet goed"))
    assert.are.equal(0, Term.count(s, "Stap 7 van 7"))
    term:line("estimate(d, { s }, { rules = { suppress = { min_n = 0, max_range = math.huge } } })")
    term:wait("Goed! " .. first_line(L.steps[6].why))
    term:wait("Stap 7 van 7: vraag")
    term:line("bye")
    term:wait("Tot ziens! Je was bij stap 7")
    term:line("mijn")                         -- the student's own variable stayed
    term:wait("\n42\n")
    term:line("skip")                         -- the commands are gone with the lesson
    term:wait("passend> skip\nnil")
    term:key("C-d")
    term:wait("EXIT=0")
    term:stop()
    assert.matches("01_schaalscore\t7\tbezig\n", run.slurp(state .. "/lessen.tsv"), 1, true)

    -- a new shell: the lesson resumes at step 7, with per_ouder of step 2 set up again
    term = Term.start({ HOME = home, PASSEND_STATE = state })
    term:wait("passend>")
    term:line("lesson()")
    term:wait("1  De schaalscore  [bij stap 7]")
    term:line("lesson(1)")
    term:wait("Je was bij stap 7 van 7")
    term:wait("Stap 7 van 7: vraag")
    term:line("3.4")
    term:wait("Nog niet goed. " .. first_line(L.steps[7].mistakes[1]))
    term:line("(per_ouder[1] + per_ouder[2] + per_ouder[3]) / 3")
    term:wait("Goed!")
    term:wait("Les 1 is klaar")
    term:key("C-d")
    term:wait("EXIT=0")
    assert.matches("01_schaalscore\t7\tklaar\n", run.slurp(state .. "/lessen.tsv"), 1, true)
  end)

  it("speaks English with PASSEND_LANG=en and writes numbers the English way", function()
    term = Term.start({ HOME = home, PASSEND_STATE = state, PASSEND_LANG = "en" })
    term:wait("passend>")
    term:line("lesson(2)")
    term:wait("Lesson 2: Missing answers and reversed items")
    term:line("")
    term:line("")
    term:wait("Step 3 of 8: question")
    term:line("skip")
    term:wait("The right answer: 4.50")
    term:wait("Step 4 of 8")
    term:line("next()")                       -- as swirl's nxt(); Lua's next still works with arguments
    term:wait("Step 5 of 8")
    term:line("next({ 7 })")
    term:wait("\n1\n7\n")
  end)

  it("keeps no progress in a sandbox, and says so", function()
    local out = home .. "/uit"
    os.execute("mkdir -p " .. run.q(out))
    term = Term.start({ HOME = home, PASSEND_STATE = state }, "--sandbox --out " .. run.q(out))
    term:wait("passend>")
    term:line("lesson(1)")
    term:wait("Je voortgang wordt niet bewaard (sandbox).")
    term:line("")
    term:wait("Stap 2 van 7")
    term:line("bye()")
    term:wait("In een sandbox wordt je voortgang niet bewaard")
    term:key("C-d")
    term:wait("EXIT=0")
    assert.are.equal("", run.slurp(state .. "/lessen.tsv"))
  end)
end)
