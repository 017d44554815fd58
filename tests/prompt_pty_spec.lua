-- The real interactive prompt, driven through a pseudo-terminal (tmux): line editing,
-- continuation prompt, tab completion, Ctrl-C during a computation and at the prompt,
-- history kept across sessions, Ctrl-D to leave.
local run = dofile("tests/support/run.lua")

local Term = dofile("tests/support/term.lua")

local have_tmux = Term.available()

describe("the interactive prompt in a terminal", function()
  if not have_tmux then
    it("needs tmux (make deps installs it)", function() error("tmux not installed") end)
    return
  end
  local home, term

  before_each(function()
    home = run.tmpname("")
    os.execute("mkdir -p " .. run.q(home))
    term = Term.start({ HOME = home })
    term:wait("passend>")
  end)

  after_each(function()
    term:stop()
    os.execute("rm -rf " .. run.q(home))
  end)

  it("evaluates, continues incomplete input, completes, interrupts and keeps history", function()
    term:line("1+41")
    term:wait("42")
    term:line("for i = 1, 3 do")
    term:wait("  ...>")
    term:line("io.write(i, ';') if i == 3 then print() end")
    term:line("end")
    term:wait("1;2;3;")
    term:type("passend.pret")
    term:key("Tab")
    term:wait("passend> passend.pretty")
    term:line("({z = 1})")
    term:wait('"{\\n  z = 1,\\n}"')
    term:line("kept = 'ja'")
    term:line("while true do end")
    term:key("C-c")
    term:wait("interrupted!")
    term:line("kept")
    term:wait('"ja"')
    term:type("half a line")
    term:key("C-c")
    term:line("2*3")
    term:wait("\n6\n")
    term:key("C-d")
    term:wait("EXIT=0")
    local hist = run.slurp(home .. "/.passend_history")
    assert.matches("1+41", hist, 1, true)
    assert.matches("while\\040true", hist, 1, true)
    assert.not_matches("half", hist, 1, true)
  end)

  it("runs ~/.passendrc.lua at start and recalls history from an earlier session", function()
    term:stop()
    run.write(home .. "/.passendrc.lua", "uit_rc = 'geladen'\n")
    run.write(home .. "/.passend_history", "_HiStOrY_V2_\nearlier_command_from_history\n")
    term = Term.start({ HOME = home })
    term:wait("passend>")
    term:line("uit_rc")
    term:wait('"geladen"')
    term:key("Up")
    term:key("Up")
    term:wait("earlier_command_from_history")
  end)
end)
