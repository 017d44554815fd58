-- passend/shell/testing.lua: `passend --test [busted options] [paths]` runs busted inside the
-- shell, so specs see the same environment as users (globals, module, library path).
local M = {}

local function has_path_arg(args)
  for _, a in ipairs(args) do
    if a:sub(1, 1) ~= "-" then return true end
  end
  return false
end

function M.run_tests(...)
  local args = { ... }
  local out = { "-o", "tests/support/summary_output.lua", "--pattern=_spec%.lua$" }
  for _, a in ipairs(args) do out[#out + 1] = a end
  if not has_path_arg(args) then out[#out + 1] = "tests" end
  out[0] = "busted"
  _G.arg = out
  require 'busted.runner'({ standalone = false })
end

return M
