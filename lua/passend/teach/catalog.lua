-- passend/teach/catalog.lua: where lessons are and what a lesson file must contain.
--
-- A folder of lessons has an index.lua that returns the lessons in order:
--   return { { file = "01_x.lua", title = { nl = "...", en = "..." } }, ... }
-- (title optional: the lesson file's own title is used). The bundled folder comes first,
-- then the teacher's folders: passend.teach.settings.dirs (a list) and PASSEND_LESSONS
-- (folders separated by ';', as PASSEND_PATH), numbered on from the bundled lessons. lesson("07_cronbach")
-- finds a lesson by its id (the file name without .lua), lesson("path/x.lua") a single file.

local C = { settings = { dirs = {} }, env = {} }

-- Set once by passend/teach/install.lua, which runs before a sandbox takes getenv away.
function C.configure(t)
  C.bundled = t.bundled
  C.env = t.env or {}
end

local function read_text(path)
  local ok, f, err = pcall(require("passend.core")._open, path, "rb")
  if not ok then return nil, tostring(f) end
  if not f then return nil, err end
  local s = f:read("a")
  f:close()
  return s
end

local function exists(path)
  local ok, f = pcall(require("passend.core")._open, path, "rb")
  if ok and f then f:close(); return true end
  return false
end

-- Loads a Lua file that returns a table (index or lesson); errors name the file.
local function load_table(path, what)
  local text, err = read_text(path)
  if not text then error(string.format("lesson: cannot read %s %s: %s", what, path, tostring(err)), 0) end
  local f, perr = load(text, "@" .. path, "t", _G)
  if not f then error("lesson: " .. perr, 0) end
  local ok, t = pcall(f)
  if not ok then error("lesson: " .. tostring(t), 0) end
  if type(t) ~= "table" then error(string.format("lesson: %s must return a table, returned %s", path, type(t)), 0) end
  return t
end

-- The folders, bundled first: { { dir = ..., bundled = true }, ... }.
function C.dirs()
  local out, seen = {}, {}
  local function add(dir, bundled)
    dir = dir:gsub("/+$", "")
    if dir ~= "" and not seen[dir] then
      seen[dir] = true
      out[#out + 1] = { dir = dir, bundled = bundled }
    end
  end
  if C.bundled then add(C.bundled, true) end
  for _, d in ipairs(C.settings.dirs or {}) do add(d, false) end
  for d in (C.env.lessons or ""):gmatch("[^;]+") do add(d, false) end  -- ";" as PASSEND_PATH
  return out
end

local function stem(file) return (file:match("([^/]+)%.lua$") or file) end

-- Every lesson: { k, id, file, path, dir, title, bundled }.
function C.list()
  local all = {}
  for _, d in ipairs(C.dirs()) do
    local ipath = d.dir .. "/index.lua"
    if exists(ipath) then
      local index = load_table(ipath, "index")
      for _, e in ipairs(index) do
        if type(e) ~= "table" or type(e.file) ~= "string" then
          error(string.format("lesson: %s: every entry needs file = \"name.lua\"", ipath), 0)
        end
        local id = stem(e.file)
        if not d.bundled then id = (d.dir:match("([^/]+)$") or d.dir) .. "/" .. id end
        all[#all + 1] = { k = #all + 1, id = id, file = e.file, path = d.dir .. "/" .. e.file, dir = d.dir,
                          title = e.title, bundled = d.bundled }
      end
    elseif not d.bundled then
      error(string.format("lesson: the lesson folder %s has no index.lua (see docs/teach.md)", d.dir), 0)
    end
  end
  return all
end

-- A lesson by number, id, or path of a file.
function C.find(which)
  if type(which) == "string" and which:match("%.lua$") and exists(which) then
    local dir = which:match("^(.*)/[^/]*$") or "."
    return { k = 0, id = "file/" .. stem(which), file = which:match("[^/]+$"), path = which, dir = dir }
  end
  local all = C.list()
  for _, e in ipairs(all) do
    if e.k == which or e.id == which or stem(e.file) == which then return e end
  end
  error(string.format("lesson: there is no lesson %s (lesson() lists %d)", tostring(which), #all), 0)
end

local function need_text(t, where, errs)
  if type(t) == "string" then return end
  if type(t) ~= "table" or type(t.nl) ~= "string" or type(t.en) ~= "string" then
    errs[#errs + 1] = where .. ": needs Dutch and English text (nl = ..., en = ...)"
  end
end
C.need_text = need_text

-- Checks a lesson table's shape; returns a list of problems (empty when fine).
function C.problems(L)
  local errs = {}
  need_text(L.title, "title", errs)
  if L.intro then need_text(L.intro, "intro", errs) end
  if L.summary then need_text(L.summary, "summary", errs) end
  if type(L.steps) ~= "table" or #L.steps == 0 then errs[#errs + 1] = "steps: a lesson needs at least one step" end
  for i, s in ipairs(L.steps or {}) do
    local at = "step " .. i
    need_text(s, at, errs)
    if s.code ~= nil and type(s.code) ~= "string" then errs[#errs + 1] = at .. ": code must be a string" end
    if s.ask then
      if s.ask == "command" then
        if type(s.answer) ~= "string" then errs[#errs + 1] = at .. ": a command question needs answer = [[code]]" end
      elseif s.ask == "number" then
        if type(s.answer) ~= "number" and type(s.answer) ~= "string" then
          errs[#errs + 1] = at .. ": a number question needs answer = a number or [[code that computes it]]"
        end
      elseif s.ask == "choice" then
        if type(s.choices) ~= "table" or #s.choices < 2 then errs[#errs + 1] = at .. ": a choice question needs choices = { ... }" end
        if math.type(s.answer) ~= "integer" or s.answer < 1 or s.answer > #(s.choices or {}) then
          errs[#errs + 1] = at .. ": answer must be the number of the right choice"
        end
        for j, c in ipairs(s.choices or {}) do need_text(c, at .. ", choice " .. j, errs) end
      else
        errs[#errs + 1] = at .. ": ask is \"command\", \"number\" or \"choice\", not " .. string.format("%q", tostring(s.ask))
      end
      local hints = s.hint
      if hints and (type(hints) == "string" or hints.nl) then hints = { hints } end
      for j, h in ipairs(hints or {}) do need_text(h, at .. ", hint " .. j, errs) end
      if not hints or #hints == 0 then errs[#errs + 1] = at .. ": a question needs at least one hint" end
      if s.why then need_text(s.why, at .. ", why", errs) end
      for j, m in ipairs(s.mistakes or {}) do need_text(m, at .. ", mistake " .. j, errs) end
    end
  end
  for i, c in ipairs(L.claims or {}) do
    need_text(c, "claim " .. i, errs)
    if type(c.check) ~= "function" then errs[#errs + 1] = "claim " .. i .. ": needs check = function() -> ok, detail" end
  end
  return errs
end

-- The table a lesson file returns, unchecked (raises when the file cannot be read or run).
function C.read(entry) return load_table(entry.path, "lesson") end

-- Loads a lesson file (entry from C.find); a lesson with problems is refused, naming them.
function C.load(entry)
  local L = C.read(entry)
  local errs = C.problems(L)
  if #errs > 0 then
    error(string.format("lesson: %s:\n  %s", entry.path, table.concat(errs, "\n  ")), 0)
  end
  return L
end

-- The hints of a question as a list.
function C.hints(step)
  local h = step.hint
  if h == nil then return {} end
  if type(h) == "string" or h.nl or h.en then return { h } end
  return h
end

return C
