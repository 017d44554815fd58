-- passend/teach/handout.lua: a lesson on paper. Runs the whole lesson (its code and the right
-- answers, in an environment of its own so the student's variables stay as they are) and
-- lays it out as plain text (lesson(k) outside the prompt), Markdown or HTML
-- (lesson_handout(k, "les.md" | "les.html")): the explanation, the code and its real output,
-- the questions with an answer key at the end, and the lesson's checked claims.
local X = require("passend.teach.text")
local E = require("passend.teach.exec")
local R = require("passend.teach.runner")

local H = {}

-- Runs the lesson and collects what to print: { title, intro, summary, steps = {...}, claims }.
function H.collect(entry, L, lang)
  local env = setmetatable({}, { __index = _G })
  local r = R.new(entry, L, lang, env)
  local doc = { label = entry.k ~= 0 and tostring(entry.k) or entry.id, title = r:text(L.title),
    intro = r:text(L.intro), summary = r:text(L.summary), steps = {}, claims = {} }
  for i, s in ipairs(L.steps) do
    r.k = i
    local st = { n = i, text = r:text(s), ask = s.ask }
    if s.code then
      st.code = E.tidy(s.code)
      local output, pok, ok, res = E.capture(r.run_code, r, i)
      st.output = output
      if not (pok and ok) then st.err = tostring(pok and res or ok) end
    end
    if s.ask then
      r:prepare(i)
      if s.ask == "choice" then
        st.choices = {}
        for j, c in ipairs(s.choices) do st.choices[j] = r:text(c) end
        st.answer = string.format("%d. %s", s.answer, st.choices[s.answer])
      elseif s.ask == "number" then
        st.answer = X.num(r:expected_value(i), s.decimals, lang)
      else
        st.answer_code = r:answer_source(i)
        local output, pok, right, why, ok, values = E.capture(r.enter_answer, r, i)
        local shown = {}
        if pok and ok then
          for k = 1, values.n do shown[#shown + 1] = require("passend.shell.pretty").pretty(values[k]) end
        end
        st.answer_output = output .. (#shown > 0 and (table.concat(shown, "\n") .. "\n") or "")
        if not (pok and right) then st.err = tostring(pok and why or right) end
      end
      st.why = r:text(s.why)
    end
    doc.steps[i] = st
  end
  for i, c in ipairs(L.claims or {}) do
    local _, pok, ok, detail = E.capture(c.check)
    doc.claims[i] = { text = r:text(c), ok = pok and ok == true, detail = pok and detail or tostring(ok) }
  end
  return doc
end

-- --- plain text (lesson(k) outside the prompt) ----------------------------------------------

local function indent(text, pad)
  return (text:gsub("[^\n]+", function(l) return pad .. l end))
end

function H.text(doc, lang)
  local o = {}
  local function add(...) for _, s in ipairs({ ... }) do o[#o + 1] = s end end
  add(string.format("%s %s: %s\n", X.w(lang, "lesson"), doc.label, doc.title), string.rep("=", 72), "\n")
  if doc.intro then add(doc.intro, "\n") end
  add(X.w(lang, "not_at_prompt"), "\n")
  for _, st in ipairs(doc.steps) do
    add(string.format("\n%s %d. %s%s\n", X.w(lang, "step"), st.n, st.ask and (X.w(lang, "question") .. ": ") or "", st.text))
    if st.code then add("\n", indent(st.code, "  > "), "\n\n", st.output) end
    if st.choices then for j, c in ipairs(st.choices) do add(string.format("  %d. %s\n", j, c)) end end
    if st.ask then
      if st.answer_code then add(X.w(lang, "answer_is"), "\n", indent(st.answer_code, "  > "), "\n", st.answer_output)
      else add(X.w(lang, "answer_is"), " ", st.answer, "\n") end
      if st.why then add(st.why, "\n") end
    end
    if st.err then add("!! ", st.err, "\n") end
  end
  if doc.summary then add("\n", doc.summary, "\n") end
  if #doc.claims > 0 then
    add("\n", X.w(lang, "claims"), ":\n")
    for _, c in ipairs(doc.claims) do
      add("  [", c.ok and "ok" or "!!", "] ", (c.text:gsub("\n", "\n       ")), c.detail and (" (" .. tostring(c.detail) .. ")") or "", "\n")
    end
  end
  return table.concat(o)
end

-- --- Markdown -------------------------------------------------------------------------------

local function fence(text, lang) return "```" .. (lang or "") .. "\n" .. text:gsub("\n$", "") .. "\n```\n" end

function H.md(doc, lang)
  local o = {}
  local function add(...) for _, s in ipairs({ ... }) do o[#o + 1] = s end end
  add(string.format("# %s %s: %s\n\n", X.w(lang, "lesson"), doc.label, doc.title))
  if doc.intro then add(doc.intro, "\n\n") end
  for _, st in ipairs(doc.steps) do
    add(string.format("## %s %d%s\n\n%s\n\n", X.w(lang, "step"), st.n, st.ask and (" — " .. X.w(lang, "question"):lower()) or "", st.text))
    if st.code then
      add(fence(st.code, "lua"), "\n")
      if st.output ~= "" then add(fence(st.output, "text"), "\n") end
    end
    if st.choices then for j, c in ipairs(st.choices) do add(string.format("%d. %s\n", j, c)) end add("\n") end
    if st.ask and not st.choices then add("`passend> ...`\n\n") end
  end
  if doc.summary then add(doc.summary, "\n\n") end
  add("## ", X.w(lang, "answers"), "\n\n")
  for _, st in ipairs(doc.steps) do
    if st.ask then
      add(string.format("**%s %d.** ", X.w(lang, "step"), st.n))
      if st.answer_code then
        add("\n\n", fence(st.answer_code, "lua"), "\n")
        if st.answer_output ~= "" then add(fence(st.answer_output, "text"), "\n") end
      else add(st.answer, "\n\n") end
      if st.why then add(st.why, "\n\n") end
    end
  end
  if #doc.claims > 0 then
    add("## ", X.w(lang, "claims"), "\n\n")
    for _, c in ipairs(doc.claims) do
      add("- ", c.ok and "" or "**(!)** ", c.text, c.detail and (" (" .. tostring(c.detail) .. ")") or "", "\n")
    end
  end
  return table.concat(o)
end

-- --- HTML -----------------------------------------------------------------------------------

local function esc(s)
  return (tostring(s):gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end
local function para(s) return "<p>" .. esc(s):gsub("\n\n", "</p>\n<p>"):gsub("\n", "<br>\n") .. "</p>\n" end

local STYLE = [[
body { font-family: sans-serif; max-width: 46em; margin: 2em auto; line-height: 1.4; }
pre { background: #f4f4f4; padding: .6em; overflow-x: auto; font-size: 85%; }
pre.out { background: #fff; border-left: 3px solid #ccc; }
h2 { border-bottom: 1px solid #ddd; margin-top: 1.6em; }
.claim-bad { color: #a00; }
@media print { h2 { break-after: avoid; } pre { white-space: pre-wrap; } .answers { break-before: page; } }
]]

function H.html(doc, lang)
  local o = {}
  local function add(...) for _, s in ipairs({ ... }) do o[#o + 1] = s end end
  local title = string.format("%s %s: %s", X.w(lang, "lesson"), doc.label, doc.title)
  add("<!DOCTYPE html>\n<html lang=\"", lang, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>", esc(title),
    "</title>\n<style>\n", STYLE, "</style>\n</head>\n<body>\n<h1>", esc(title), "</h1>\n")
  if doc.intro then add(para(doc.intro)) end
  for _, st in ipairs(doc.steps) do
    add(string.format("<h2>%s %d%s</h2>\n", X.w(lang, "step"), st.n, st.ask and (" — " .. X.w(lang, "question"):lower()) or ""))
    add(para(st.text))
    if st.code then
      add("<pre class=\"code\">", esc(st.code), "</pre>\n")
      if st.output ~= "" then add("<pre class=\"out\">", esc(st.output), "</pre>\n") end
    end
    if st.choices then
      add("<ol>\n")
      for _, c in ipairs(st.choices) do add("<li>", esc(c), "</li>\n") end
      add("</ol>\n")
    end
  end
  if doc.summary then add(para(doc.summary)) end
  add("<div class=\"answers\">\n<h2>", X.w(lang, "answers"), "</h2>\n")
  for _, st in ipairs(doc.steps) do
    if st.ask then
      add(string.format("<h3>%s %d</h3>\n", X.w(lang, "step"), st.n))
      if st.answer_code then
        add("<pre class=\"code\">", esc(st.answer_code), "</pre>\n")
        if st.answer_output ~= "" then add("<pre class=\"out\">", esc(st.answer_output), "</pre>\n") end
      else add(para(st.answer)) end
      if st.why then add(para(st.why)) end
    end
  end
  add("</div>\n")
  if #doc.claims > 0 then
    add("<h2>", esc(X.w(lang, "claims")), "</h2>\n<ul>\n")
    for _, c in ipairs(doc.claims) do
      add("<li", c.ok and "" or " class=\"claim-bad\"", ">", esc(c.text), c.detail and (" (" .. esc(c.detail) .. ")") or "", "</li>\n")
    end
    add("</ul>\n")
  end
  add("</body>\n</html>\n")
  return table.concat(o)
end

-- Writes the handout of a lesson to path (.md, .markdown, .html, .htm or .txt).
function H.write(entry, L, lang, path)
  local ext = (path:match("%.([%w]+)$") or ""):lower()
  local render = ({ md = H.md, markdown = H.md, html = H.html, htm = H.html, txt = H.text })[ext]
  if not render then
    error(string.format("lesson_handout: %s: the extension says the format: .md, .html or .txt", path), 0)
  end
  local doc = H.collect(entry, L, lang)
  require("passend.io").write_text(path, render(doc, lang))
  return doc
end

return H
