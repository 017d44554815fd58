-- passend/lessons.lua: lesson() lists the teaching lessons in examples/lessons/, lesson(k) runs
-- one: each step prints its explanation, the code, and what the code prints.
local core = require "passend.core"
local doc = require "passend.doc"

local M = {}

local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
local getenv = os.getenv  -- kept: a sandboxed run has no os.getenv
local function lessons_dir()
  local env = getenv("PASSEND_LESSONS")
  if env and env ~= "" then return env end
  for _, cand in ipairs({ here .. "/../../examples/lessons", here .. "/../examples/lessons" }) do
    local ok, f = pcall(core._open, cand .. "/index.lua", "rb")
    f = ok and f
    if f then f:close(); return cand end
  end
  return nil
end

local function load_index()
  local dir = lessons_dir()
  if not dir then error("lesson: the lessons (examples/lessons) are not installed", 3) end
  return dofile(dir .. "/index.lua"), dir
end

local function lang_of(lang)
  lang = lang or getenv("PASSEND_LANG") or "nl"
  if lang ~= "nl" and lang ~= "en" then error("lesson: language is \"nl\" or \"en\", not \"" .. tostring(lang) .. "\"", 3) end
  return lang
end

local function text(t, lang)
  if type(t) == "string" then return t end
  return t[lang] or t.nl
end

local function run(k, lang)
  local index, dir = load_index()
  local entry = index[k]
  if not entry then error(string.format("lesson: there is no lesson %s (lesson() lists %d)", tostring(k), #index), 3) end
  local L = dofile(dir .. "/" .. entry.file)
  local env = setmetatable({}, { __index = _G })
  io.write(string.format("%s %d: %s\n", lang == "en" and "Lesson" or "Les", k, text(L.title, lang)))
  io.write(string.rep("=", 72), "\n")
  if L.intro then io.write(text(L.intro, lang), "\n") end
  for i, s in ipairs(L.steps) do
    io.write(string.format("\n%s %d. %s\n", lang == "en" and "Step" or "Stap", i, text(s, lang)))
    if s.code then
      local code = s.code:gsub("^\n", ""):gsub("%s+$", "")
      io.write("\n")
      for line in (code .. "\n"):gmatch("(.-)\n") do io.write("  > ", line, "\n") end
      io.write("\n")
      local f, err = load(code, "=" .. entry.file .. " (stap " .. i .. ")", "t", env)
      if not f then error(err, 0) end
      f()
    end
  end
  if L.summary then io.write("\n", text(L.summary, lang), "\n") end
end

M.lesson = doc.def("lesson", function(k, lang)
  lang = lang_of(lang)
  if k == nil then
    local index = load_index()
    io.write(lang == "en" and "Lessons (lesson(k) runs one; lesson(k, \"en\") in English):\n"
                           or "Lessen (lesson(k) start er een; lesson(k, \"en\") in het Engels):\n")
    for i, e in ipairs(index) do io.write(string.format("  %d  %s\n", i, text(e.title, lang))) end
    return
  end
  if type(k) ~= "number" then error("lesson: expected a lesson number, got " .. type(k), 2) end
  return run(k, lang)
end, [==[
lesson([k [, lang]])

Without an argument lists the lessons on the monitor's methods (examples/lessons); lesson(k) runs
lesson k step by step: the explanation, the code, and what it prints. lang is "nl" (default, or
PASSEND_LANG) or "en".]==])

return M
