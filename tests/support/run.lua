-- tests/support/run.lua: run the built shell as a child process from a spec.
local R = {}

-- The binary under test: PASSEND_BIN (the sanitizer run sets it) or build/passend.
R.bin = os.getenv("PASSEND_BIN") or "build/passend"

local function shell_quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end
R.q = shell_quote

-- Unique across concurrent test runs too: busted seeds math.random with the time, so
-- two runs started in the same second would draw the same names; mkstemp does not.
local counter = 0
function R.tmpname(suffix)
  counter = counter + 1
  local base = os.tmpname()
  os.remove(base)
  return string.format("%s-passend-%d%s", base, counter, suffix or "")
end

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return "" end
  local s = f:read("a")
  f:close()
  return s
end
R.slurp = slurp

function R.write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

-- The variables that steer lessons and progress: unset when a spec passes its own env.
local STEERING = { "PASSEND_STATE", "XDG_STATE_HOME", "PASSEND_LESSONS", "PASSEND_LANG" }

-- Runs `passend <args>` with stdin from a string; returns stdout, stderr, exit code.
-- env (optional): { NAME = value } set for the run, after unsetting STEERING.
function R.passend(args, stdin, env)
  local out, err, inp = R.tmpname(".out"), R.tmpname(".err"), R.tmpname(".in")
  R.write(inp, stdin or "")
  local prefix = ""
  if env then
    local parts = { "env" }
    for _, k in ipairs(STEERING) do parts[#parts + 1] = "-u " .. k end
    local names = {}
    for k in pairs(env) do names[#names + 1] = k end
    table.sort(names)
    for _, k in ipairs(names) do parts[#parts + 1] = k .. "=" .. shell_quote(env[k]) end
    prefix = table.concat(parts, " ") .. " "
  end
  local cmd = string.format("%s%s %s < %s > %s 2> %s", prefix, R.bin, args or "", inp, out, err)
  local ok, how, code = os.execute(cmd)
  local o, e = slurp(out), slurp(err)
  os.remove(out); os.remove(err); os.remove(inp)
  return o, e, (how == "exit" and code or 128 + (code or 0))
end

return R
