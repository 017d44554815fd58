-- passend/doc.lua: the help text of every function, kept next to the function. A module
-- defines its public functions through def(), which records the text under the name users
-- call it by ("estimate", "stats.fisher_test", "Dataset:write"); help() and
-- docs/reference.md read them back (C functions register theirs with pl_register).
--
--   local doc = require "passend.doc"
--   M.fisher_test = doc.def("stats.fisher_test", function(...) ... end, [[
--   stats.fisher_test(x [, y] [, opts])
--
--   What it does ...]])
local core = require "passend.core"

local D = {}

local topics = {}   -- name -> text, for concepts that are not a function
local extras = {}   -- name -> { options = spec, example = fn, options_at = k }

-- Records what a function takes besides its help: options = its option spec
-- (passend.args.spec: the names, kinds and columns its options table may have), example =
-- function() return <valid arguments> end (tests/registry_spec.lua calls every function
-- with them, adding wrong options), options_at = the argument that is the options table
-- (default: the example's last argument).
function D.register(name, extra)
  if type(extra) ~= "table" then error("doc.register: expected { options = spec, example = fn }", 2) end
  for k in pairs(extra) do
    if k ~= "options" and k ~= "example" and k ~= "options_at" then
      error(string.format("doc.register(%q): unknown field %q (known: example, options, options_at)", name, tostring(k)), 2)
    end
  end
  if extra.options ~= nil and not require("passend.args").is_spec(extra.options) then
    error(string.format("doc.register(%q): options must be an args.spec{...}", name), 2)
  end
  if extra.example ~= nil and type(extra.example) ~= "function" then
    error(string.format("doc.register(%q): example must be a function returning the arguments", name), 2)
  end
  extras[name] = extra
end

-- Records text (usage line, blank line, explanation) as the help of value under name and
-- returns value, so a definition reads as one expression. extra: as register().
function D.def(name, value, text, extra)
  core._setdoc(name, value, text)
  if extra ~= nil then D.register(name, extra) end
  return value
end

-- The option spec of a documented name (nil when it takes no options).
function D.options(name)
  return extras[name] and extras[name].options
end

-- The example of a documented name: a function returning valid arguments, and the position
-- of the options table among them (nil: the last).
function D.example(name)
  local e = extras[name]
  if not e then return nil end
  return e.example, e.options_at
end

-- Moves the help of a C function registered under a plain name (pl_register) to the name users
-- call it by in the library ("pnorm" -> "stats.pnorm"), its usage line too.
function D.rename(old, new, value)
  local docs = core._docs()
  local text = docs[old]
  if not text then error("doc.rename: no help for " .. old, 2) end
  docs[old] = nil
  local first, rest = text:match("^([^\n]*)(.*)$")
  if first:sub(1, #old) == old then first = new .. first:sub(#old + 1) end
  core._setdoc(new, value, first .. rest)
  return value
end

-- A help topic that is not a function (a concept such as "monitor" or "toolkit").
function D.topic(name, text)
  topics[name] = text
end

-- The help of a function or a name: text, name (nil when there is none).
function D.get(what)
  local text, name = core._doc(what)
  if (text == nil or text == "") and type(what) == "string" and topics[what] then
    return topics[what], what
  end
  if text == "" then text = nil end
  return text, name
end

-- Every documented name -> text (a fresh table).
function D.all()
  local out = {}
  for k, v in pairs(core._docs()) do out[k] = v end
  return out
end

function D.topics()
  local out = {}
  for k, v in pairs(topics) do out[k] = v end
  return out
end

return D
