-- passend/init.lua: the Lua half of the passend module. luaopen_passend (src/lua/lpassend.c)
-- has filled the module table M with the C functions and calls this file with it.
local M = ...

-- Documents a Lua function where it is defined: def{ "name", fn, [[usage ... ]] }.
-- The function becomes M[name]; its doc is what help(fn) prints.
function M.def(t)
  local name, value, doc = t[1], t[2], t[3]
  M[name] = value
  if doc then M._setdoc(name, value, doc) end
  return value
end
M._setdoc("def", M.def, [[
def{ "name", fn, "doc" }

Adds fn to passend under name, with its help text (usage line, blank line, explanation).]])

-- A table built on first use: build() runs at the first lookup and the proxy then reads
-- from its result (ipairs and t[k] work; pairs does not). Keeps start-up fast.
function M._lazy(build)
  local real
  return setmetatable({}, { __index = function(_, k)
    real = real or build()
    return real[k]
  end })
end

-- The Lua half, in dependency order. Each module receives M and adds to it. Parts marked
-- lazy (functions only: nothing else refers to them while the library loads) are loaded on
-- first use instead: the first lookup of a name M or the globals do not have loads all of
-- them, in this order, and so do help, completion and the sandbox (M._load_all). This keeps
-- ~40% of the library's loading out of every start.
local parts = {
  { "passend.pretty" },    -- printing values at the prompt
  { "passend.help" },      -- help() and the reference
  { "passend.complete" },  -- tab completion
  { "passend.dataset" },   -- dataset preview and describe()
  { "passend.testing" },   -- --test: busted inside the shell
  { "passend.toolkit.init", lazy = true }, -- survey-report toolkit: bases, batteries, tests, typologies, audits
  { "passend.stats.init", lazy = true }, -- alpha, freq, crosstab, compare, descriptives, top2, response
  { "passend.sandbox" },   -- --sandbox: what a shared script may not do
  { "passend.rules" },     -- monitor rules: * flag, suppression, colour bands
  { "passend.scale" },     -- scale{}, scores()
  { "passend.estimate" },  -- estimate(), grouping{}, indicator{}
  { "passend.codebook", lazy = true }, -- codebook(): scales by doelstelling, indicator, subindicator, actor
  { "passend.monitor" },   -- the Doelstellingenmonitor: definitions and published values
  { "passend.disclosure" }, -- protect(): disclosure control on display tables
  { "passend.format" },    -- output formats: registry, text, md, csv, json, html, tex, xlsx, svg
  { "passend.report" },    -- monitor.table, report(): the monitor's own tables and tabellenboek
  { "passend.lessons" },   -- lesson(): teaching lessons in examples/lessons
  { "passend.weighting", lazy = true }, -- poststratify, rake, weights, representativeness
}
local prof = os.getenv("PASSEND_PROFILE_START")
local function load_part(name)
  local t, c, k = prof and M.clock(), prof and os.clock(), prof and collectgarbage("count")
  local f = assert(package.searchpath(name, package.path))
  assert(loadfile(f))(M)
  if prof then
    io.stderr:write(string.format("%-24s %6.1f ms CPU %6.1f ms wall %5.0f KB\n", name, (os.clock() - c) * 1000,
      (M.clock() - t) * 1000, collectgarbage("count") - k))
  end
end

local pending = {}
local lazy_mt = {}
-- Loads the lazy parts not loaded yet (once; a no-op after) and puts their names in _G
-- where the shell had put M's (never over a global the user set meanwhile).
function M._load_all()
  if #pending == 0 then return end
  local names = pending
  pending = {}
  if getmetatable(M) == lazy_mt then setmetatable(M, nil) end
  if getmetatable(_G) == lazy_mt then setmetatable(_G, nil) end
  local before = {}
  for k in pairs(M) do before[k] = true end
  for _, name in ipairs(names) do load_part(name) end
  if M._globals_installed then
    for k, v in pairs(M) do
      if not before[k] and type(k) == "string" and k:sub(1, 1) ~= "_" and rawget(_G, k) == nil then _G[k] = v end
    end
  end
end
function lazy_mt.__index(t, k)
  M._load_all()
  return rawget(t, k)
end

for _, part in ipairs(parts) do
  if part.lazy then pending[#pending + 1] = part[1] else load_part(part[1]) end
end
if #pending > 0 then
  setmetatable(M, lazy_mt)
  -- help and the reference list every doc: load everything first
  local doc, docs = M._doc, M._docs
  M._doc = function(...) M._load_all() return doc(...) end
  M._docs = function(...) M._load_all() return docs(...) end
end

-- Names that stay inside the module (not copied into _G by the shell).
local private = { luadir = true, def = false }

function M._install_globals(mod)
  for k, v in pairs(mod) do
    if type(k) == "string" and k:sub(1, 1) ~= "_" and not private[k] then _G[k] = v end
  end
  if mod == M and #pending > 0 then
    M._globals_installed = true
    if getmetatable(_G) == nil then setmetatable(_G, lazy_mt) end
  end
end

return M
