-- passend/complete.lua: tab completion at the prompt. The word under the cursor is a
-- path like `d:de`, `d.q` or `rea`; the part before the last `.` or `:` is looked up
-- (field access only, nothing is called) and its keys offered. Objects can offer more
-- with a __complete(obj, sep) metamethod returning names (datasets list their columns).
local M = ...

local function safe_index(t, k)
  local ok, v = pcall(function() return t[k] end)
  if ok then return v end
end

local function resolve(path)
  local v = _G
  for part in path:gmatch("[^%.:]+") do
    if type(v) ~= "table" and type(v) ~= "userdata" and type(v) ~= "string" then return nil end
    v = safe_index(v, part)
    if v == nil then return nil end
  end
  return v
end

local function add_keys(set, t)
  if type(t) ~= "table" then return end
  for k in pairs(t) do
    if type(k) == "string" and k:match("^[%a_][%w_]*$") then set[k] = true end
  end
end

local function names_of(obj, sep)
  local set = {}
  if type(obj) == "table" then add_keys(set, obj) end
  local mt = getmetatable(obj)
  if type(mt) == "table" then
    if type(mt.__index) == "table" then add_keys(set, mt.__index) end
    if type(mt.__complete) == "function" then
      local ok, extra = pcall(mt.__complete, obj, sep)
      if ok and type(extra) == "table" then
        for _, name in ipairs(extra) do set[name] = true end
      end
    end
  end
  if sep == ":" then -- only functions make sense after ':'
    for k in pairs(set) do
      if type(safe_index(obj, k)) ~= "function" then set[k] = nil end
    end
  end
  return set
end

local keywords = { "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
  "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while" }

function M._complete(word)
  M._load_all()  -- the names of the lazy parts too
  local base, sep, stem = word:match("^(.*)([%.:])([%w_]*)$")
  local set
  if base then
    local obj = resolve(base)
    if obj == nil then return {} end
    set = names_of(obj, sep)
  else
    stem, base, sep = word, "", ""
    set = names_of(_G, ".")
    for _, k in ipairs(keywords) do set[k] = true end
  end
  local out = {}
  for name in pairs(set) do
    if name:sub(1, #stem) == stem and (sep ~= "" or name:sub(1, 1) ~= "_" or stem:sub(1, 1) == "_") then
      out[#out + 1] = base .. sep .. name
    end
  end
  table.sort(out)
  return out
end
