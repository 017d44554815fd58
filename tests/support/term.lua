-- tests/support/term.lua: the real passend prompt in a pseudo-terminal (tmux), for specs that
-- must drive what a user types: lines, keys, and the screen as the user sees it.
--
--   local Term = dofile("tests/support/term.lua")
--   local t = Term.start({ HOME = home, PASSEND_STATE = dir })   -- env for the shell
--   t:wait("passend>")  t:line("1+1")  t:wait("2")  t:key("C-d")  t:wait("EXIT=0")  t:stop()
local run = dofile("tests/support/run.lua")

local Term = {}
Term.__index = Term

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1")
  local out = p:read("a")
  p:close()
  return out
end

function Term.available() return sh("command -v tmux") ~= "" end

-- A token no concurrent test run shares (from mkstemp), for tmux session names.
local function unique_token()
  local base = os.tmpname()
  os.remove(base)
  return (base:match("[^/]+$"):gsub("[^%w]", ""))
end

-- env: { NAME = value } for the shell; args: extra command-line arguments (a string).
function Term.start(env, args)
  local self = setmetatable({ name = "passend-test-" .. unique_token() }, Term)
  self.sock = run.tmpname(".tmux")
  self.t = "tmux -S " .. run.q(self.sock)
  local names = {}
  for k in pairs(env or {}) do names[#names + 1] = k end
  table.sort(names)
  local assign = {}
  for _, k in ipairs(names) do assign[#assign + 1] = k .. "=" .. run.q(env[k]) end
  sh(string.format("%s new-session -d -s %s -x 120 -y 40", self.t, self.name))
  sh(string.format("%s set-option -t %s remain-on-exit on", self.t, self.name))
  sh(string.format("%s set-option -t %s history-limit 20000", self.t, self.name))
  sh(string.format("%s respawn-pane -k -t %s %s", self.t, self.name,
    run.q("env -u PASSEND_LANG -u PASSEND_LESSONS " .. table.concat(assign, " ") .. " " .. run.bin
      .. " " .. (args or "") .. "; echo EXIT=$?")))
  return self
end

-- The whole screen with its scrollback.
function Term:screen()
  return sh(string.format("%s capture-pane -p -J -t %s -S -20000", self.t, self.name))
end

local function count(s, text)
  local n, i = 0, 1
  while true do
    local j = s:find(text, i, true)
    if not j then return n end
    n, i = n + 1, j + #text
  end
end
Term.count = count

-- Waits until the screen shows text (plain) at least `times` times (default 1); returns it.
function Term:wait(text, times, seconds)
  times = times or 1
  local deadline = os.time() + (seconds or 15)
  local s
  repeat
    s = self:screen()
    if count(s, text) >= times then return s end
    sh("sleep 0.05")
  until os.time() > deadline
  error(string.format("timed out waiting for %q (x%d); screen:\n%s", text, times, s), 2)
end

function Term:type(text) sh(string.format("%s send-keys -t %s -l %s", self.t, self.name, run.q(text))) end
function Term:key(k) sh(string.format("%s send-keys -t %s %s", self.t, self.name, k)) end
function Term:line(text) self:type(text); self:key("Enter") end
function Term:stop() sh(self.t .. " kill-server"); os.remove(self.sock) end

return Term
