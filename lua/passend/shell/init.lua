-- passend/shell: what the C shell (src/shell) calls in Lua: printing values at the prompt,
-- completion, the test runner, the reference, the prompt's globals and the sandbox. The C side
-- finds these in package.loaded["passend.shell"].
local pretty = require "passend.shell.pretty"
local complete = require "passend.shell.complete"
local help = require "passend.shell.help"

local S = {}

S.print_values = pretty.print_values
S.complete = complete.complete
S.doc_reference = help.doc_reference
function S.run_tests(...) return require("passend.shell.testing").run_tests(...) end
function S.check_lessons(...) return require("passend.teach.install").check_lessons(...) end

-- Set by the prompt (src/shell/repl.c): answers can be typed here. line_hook, when a lesson
-- sets it, gets every line the prompt evaluated (lua/passend/teach/session.lua).
S.at_prompt = false
S.line_hook = nil

-- The prompt's globals: name -> value, from the passend module P (P.globals lists the verbs;
-- the namespaces come along as tables).
function S.globals(P)
  local g = {}
  for _, name in ipairs(P.globals) do
    local v = P[name]
    if v == nil then error("passend: global " .. name .. " is not in the module", 2) end
    g[name] = v
  end
  for _, ns in ipairs(P.namespaces) do g[ns] = P[ns] end
  g.passend = P
  return g
end

function S.install_globals(P)
  for k, v in pairs(S.globals(P)) do _G[k] = v end
end

function S.enter_sandbox(P)
  require("passend.shell.sandbox").enter_sandbox(S.globals(P), P)
end

return S
