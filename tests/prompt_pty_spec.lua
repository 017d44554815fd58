-- The real interactive prompt, driven through a pseudo-terminal (tmux): line editing,
-- continuation prompt, tab completion, Ctrl-C during a computation and at the prompt,
-- history kept across sessions, Ctrl-D to leave.
local run = dofile("tests/support/run.lua")

-- A token no concurrent test run shares (from mkstemp), for tmux session names.
local function unique_token()
  local base = os.tmpname()
  os.remove(base)
  return (base:match("[^/]+$"):gsub("[^%w]", ""))
end

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1")
  local out = p:read("a")
  p:close()
  return out
end

local have_tmux = sh("command -v tmux") ~= ""

local Term = {}
Term.__index = Term

function Term.start(home)
  local self = setmetatable({ name = "passend-test-" .. unique_token(), home = home }, Term)
  self.sock = run.tmpname(".tmux")
  self.t = "tmux -S " .. run.q(self.sock)
  sh(string.format("%s new-session -d -s %s -x 120 -y 40", self.t, self.name))
  sh(string.format("%s set-option -t %s remain-on-exit on", self.t, self.name))
  sh(string.format("%s respawn-pane -k -t %s %s", self.t, self.name,
    run.q("env HOME=" .. home .. " " .. run.bin .. "; echo EXIT=$?")))
  return self
end

function Term:screen()
  return sh(string.format("%s capture-pane -p -t %s -S -200", self.t, self.name))
end

-- Waits until the screen shows pattern (plain text); returns the screen.
function Term:wait(text, seconds)
  local deadline = os.time() + (seconds or 10)
  local s
  repeat
    s = self:screen()
    if s:find(text, 1, true) then return s end
    sh("sleep 0.05")
  until os.time() > deadline
  error("timed out waiting for " .. string.format("%q", text) .. "; screen:\n" .. s)
end

function Term:type(text) sh(string.format("%s send-keys -t %s -l %s", self.t, self.name, run.q(text))) end
function Term:key(k) sh(string.format("%s send-keys -t %s %s", self.t, self.name, k)) end
function Term:line(text) self:type(text); self:key("Enter") end
function Term:stop() sh(self.t .. " kill-server"); os.remove(self.sock) end

describe("the interactive prompt in a terminal", function()
  if not have_tmux then
    it("needs tmux (make deps installs it)", function() error("tmux not installed") end)
    return
  end
  local home, term

  before_each(function()
    home = run.tmpname("")
    os.execute("mkdir -p " .. run.q(home))
    term = Term.start(home)
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
    term = Term.start(home)
    term:wait("passend>")
    term:line("uit_rc")
    term:wait('"geladen"')
    term:key("Up")
    term:key("Up")
    term:wait("earlier_command_from_history")
  end)
end)
