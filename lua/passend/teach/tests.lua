-- passend/teach/tests.lua: the answer tests. A question lists tests; each is a function
-- test(ctx, spec) -> ok, why that looks at what the student typed and what it gave:
--
--   ctx.source    the text typed at the prompt (several lines for a multi-line chunk)
--   ctx.ok        false when the line raised an error (ctx.err is the message)
--   ctx.values    what the line returned (table.pack: n is the count)
--   ctx.env       where the student's variables live (_G at the prompt)
--   ctx.expected  what the lesson's own answer gives: { ok, values, env } (run in a scratch
--                 environment that reads the student's, so it changes nothing)
--   ctx.lang      "nl" or "en"; ctx.step the question
--
-- spec is the test's entry in the question, { "name", args..., option = ... }. `why` is the
-- sentence the student sees when the test fails. A teacher adds tests with
-- passend.teach.define_test(name, fn, doc) or in a lesson file's `tests = { name = fn }`.
local X = require("passend.teach.text")

local T = { list = {}, docs = {} }

function T.define(name, fn, doc)
  assert(type(name) == "string" and type(fn) == "function", "define_test(name, fn [, doc])")
  T.list[name] = fn
  T.docs[name] = doc
end

local function say(ctx, nl, en, ...)
  local s = ctx.lang == "en" and en or nl
  if select("#", ...) > 0 then s = string.format(s, ...) end
  return s
end

-- Equality for answers: numbers within tol (absolute), strings and booleans exactly, tables
-- field by field, datasets column by column.
local function same(a, b, tol, seen)
  if type(a) == "number" and type(b) == "number" then
    if a ~= a or b ~= b then return a ~= a and b ~= b end
    return math.abs(a - b) <= tol
  end
  if type(a) ~= type(b) then return false end
  if type(a) == "userdata" then
    local ok, ca, cb = pcall(function() return a.columns, b.columns end)
    if not ok or type(ca) ~= "table" or type(cb) ~= "table" then return rawequal(a, b) end
    if #a ~= #b or #ca ~= #cb then return false end
    for i, name in ipairs(ca) do
      if cb[i] ~= name then return false end
      if not same(a:values(name), b:values(name), tol, seen) then return false end
    end
    return true
  end
  if type(a) ~= "table" then return a == b end
  if rawequal(a, b) then return true end
  seen = seen or {}
  if seen[a] == b then return true end
  seen[a] = b
  for k, v in pairs(a) do if not same(v, b[k], tol, seen) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
T.same = same

local function show(v, lang)
  if type(v) == "number" then return X.num(v, nil, lang) end
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

T.define("ok", function(ctx)
  if ctx.ok then return true end
  return false, X.w(ctx.lang, "error")
end, [[{ "ok" }: the line ran without an error (every command question checks this first).]])

T.define("value", function(ctx, spec)
  if not ctx.ok then return false, X.w(ctx.lang, "error") end
  local want
  if spec.expect ~= nil then want = spec.expect
  else
    local e = ctx.expected
    if not (e and e.ok) then return false, "the lesson's own answer failed: " .. tostring(e and e.err) end
    want = e.values[1]
  end
  local got = ctx.values[1]
  if got == nil then
    return false, say(ctx, "Die opdracht gaf geen waarde terug; typ een uitdrukking (zonder 'x =').",
      "That command returned no value; type an expression (without 'x =').")
  end
  if same(got, want, spec.tol or 1e-9) then return true end
  if type(want) == "number" and type(got) == "number" then
    return false, say(ctx, "Je kreeg %s; dat is niet wat de vraag zoekt.", "You got %s; that is not what the question is after.",
      show(got, ctx.lang))
  end
  return false, say(ctx, "De uitkomst is niet wat de vraag zoekt.", "The result is not what the question is after.")
end, [[{ "value" [, expect = v] [, tol = 1e-9] }: the first value the line returned equals expect,
or (without expect) the first value of the question's answer; numbers within tol, tables and
datasets element by element.]])

T.define("number", function(ctx, spec)
  local want = spec.expect
  if want == nil then
    local e = ctx.expected
    if not (e and e.ok) then return false, "the lesson's own answer failed: " .. tostring(e and e.err) end
    want = e.values[1]
  end
  local tol = spec.tol or (ctx.step.decimals and 0.5 * 10 ^ -ctx.step.decimals + 1e-9) or 1e-9
  local cands = { X.parse_number(ctx.source) }
  if #cands == 0 and ctx.ok and type(ctx.values[1]) == "number" then cands[1] = ctx.values[1] end
  if #cands == 0 then return false, X.w(ctx.lang, "not_number") end
  for _, x in ipairs(cands) do if math.abs(x - want) <= tol then return true end end
  return false, say(ctx, "%s is het niet.", "%s is not it.", show(cands[1], ctx.lang))
end, [[{ "number" [, expect = x] [, tol = t] }: the student typed a number (0,84 or 0.84) or a
command that returns one, within tol of expect (or of the answer's value); without tol half a
unit of the question's `decimals`.]])

T.define("choice", function(ctx, spec)
  local want = spec.expect or ctx.step.answer
  local k = tonumber((ctx.source:match("^%s*(%d+)%s*;?%s*$")))
  local n = #(ctx.step.choices or {})
  if not k or k < 1 or k > n then return false, X.w(ctx.lang, "choice_range", n) end
  if k == want then return true end
  return false, say(ctx, "Keuze %d is het niet.", "Choice %d is not it.", k)
end, [[{ "choice" }: the student typed the number of the right choice (the question's answer).]])

-- f( f{ f" f' and :f( as calls of f
local function calls(src, name)
  local pat = "%f[%w_]" .. name:gsub("%.", "%%.") .. "%s*[%(%{\"']"
  return src:find(pat) ~= nil
end

T.define("uses", function(ctx, spec)
  local names = type(spec[2]) == "table" and spec[2] or { spec[2] }
  for _, name in ipairs(names) do
    if not calls(ctx.source, name) then
      return false, say(ctx, "Gebruik %s() in je opdracht.", "Use %s() in your command.", name)
    end
  end
  return true
end, [[{ "uses", "fn" } or { "uses", {"fn1", "fn2"} }: the line calls each of these functions
(also as a method, d:fn(...)).]])

T.define("creates", function(ctx, spec)
  local name = spec[2]
  local assigned = ctx.source:find("%f[%w_]" .. name .. "%s*=[^=]") or ctx.source:find("%f[%w_]" .. name .. "%s*,")
  if not assigned then
    return false, say(ctx, "Maak de variabele %s (begin met '%s = ').", "Create the variable %s (start with '%s = ').", name, name)
  end
  if not ctx.ok then return false, X.w(ctx.lang, "error") end
  local v = ctx.env[name]
  if v == nil then return false, say(ctx, "%s is nil.", "%s is nil.", name) end
  if spec.same then
    local e = ctx.expected
    if not (e and e.ok) then return false, "the lesson's own answer failed: " .. tostring(e and e.err) end
    if not same(v, e.env[name], spec.tol or 1e-9) then
      return false, say(ctx, "%s is gemaakt, maar niet zoals de vraag vraagt.", "%s exists, but not as the question asks.", name)
    end
  end
  if spec.check then
    local ok, why = spec.check(v, ctx)
    if not ok then return false, why or say(ctx, "%s is niet wat de vraag vraagt.", "%s is not what the question asks.", name) end
  end
  return true
end, [[{ "creates", "name" [, same = true] [, check = function(value, ctx) -> ok, why] }: the
line assigns the variable name and it is not nil; same = true also compares it with what the
question's answer makes; check tests it further.]])

T.define("check", function(ctx, spec)
  return spec[2](ctx)
end, [[{ "check", function(ctx) -> ok, why }: any test a teacher writes in Lua.]])

-- The tests of a question: its own list, or the default of its kind.
local defaults = {
  command = { { "value" } },
  number = { { "number" } },
  choice = { { "choice" } },
}

function T.of(step)
  if step.test then
    if type(step.test) == "function" then return { { "check", step.test } } end
    if type(step.test[1]) == "string" then return { step.test } end
    return step.test
  end
  return defaults[step.ask] or {}
end

-- Runs the question's tests on ctx: true, or false and why (the first failing test's words).
function T.judge(step, ctx, local_tests)
  if step.ask == "command" and not ctx.ok then return false, X.w(ctx.lang, "error") end
  for _, spec in ipairs(T.of(step)) do
    local fn = (local_tests and local_tests[spec[1]]) or T.list[spec[1]]
    if not fn then return false, "unknown answer test \"" .. tostring(spec[1]) .. "\"" end
    local ok, why = fn(ctx, spec)
    if not ok then return false, why end
  end
  return true
end

-- The targeted word for a known mistake: step.mistakes = { { value = x | choice = k |
-- match = function(ctx) -> bool, nl = ..., en = ... }, ... }.
function T.mistake(step, ctx)
  for _, m in ipairs(step.mistakes or {}) do
    local hit = false
    if m.choice then
      hit = tonumber((ctx.source:match("^%s*(%d+)%s*;?%s*$"))) == m.choice
    elseif m.value then
      local x = X.parse_number(ctx.source)
      if x == nil and ctx.ok and type(ctx.values[1]) == "number" then x = ctx.values[1] end
      hit = x ~= nil and math.abs(x - m.value) <= (m.tol or (step.decimals and 0.5 * 10 ^ -step.decimals + 1e-9) or 1e-9)
    elseif m.match then
      local ok, r = pcall(m.match, ctx)
      hit = ok and r
    end
    if hit then return X.pick(m, ctx.lang) end
  end
  return nil
end

return T
