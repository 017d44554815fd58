-- passend/shell/pretty.lua: how values print at the prompt. Tables print nested with keys
-- sorted, cycles marked and long tables cut with a count; values with a __tostring
-- (datasets, results) print through it.
local doc = require "passend.doc"

local M = {}

local MAX_ITEMS, MAX_DEPTH = 30, 4

local function is_identifier(s)
  return type(s) == "string" and s:match("^[%a_][%w_]*$") ~= nil
end

local type_order = { number = 1, string = 2, boolean = 3 }
local function key_less(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= tb then return (type_order[ta] or 9) < (type_order[tb] or 9) or
      ((type_order[ta] or 9) == (type_order[tb] or 9) and ta < tb) end
  if ta == "number" or ta == "string" then return a < b end
  return tostring(a) < tostring(b)
end

local function scalar(v)
  if type(v) == "string" then return string.format("%q", v):gsub("\\\n", "\\n") end
  if math.type(v) == "float" and v == math.floor(v) and math.abs(v) < 2^53 then
    return string.format("%.1f", v)
  end
  return tostring(v)
end

local function has_tostring(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and mt.__tostring ~= nil
end

local function render(v, indent, seen, depth, out)
  if type(v) ~= "table" or has_tostring(v) then
    out[#out + 1] = type(v) == "table" and tostring(v) or scalar(v)
    return
  end
  if seen[v] then out[#out + 1] = "<cycle>"; return end
  if depth >= MAX_DEPTH then out[#out + 1] = "{...}"; return end
  seen[v] = true
  local n = #v
  local keys = {}
  for k in pairs(v) do
    if not (math.type(k) == "integer" and k >= 1 and k <= n) then keys[#keys + 1] = k end
  end
  table.sort(keys, key_less)
  local total = n + #keys
  if total == 0 then out[#out + 1] = "{}"; seen[v] = nil; return end
  -- short arrays of scalars stay on one line
  local flat = #keys == 0 and n <= MAX_ITEMS
  if flat then
    for i = 1, n do if type(v[i]) == "table" then flat = false break end end
  end
  if flat then
    local parts = {}
    for i = 1, n do parts[i] = scalar(v[i]) end
    local line = "{ " .. table.concat(parts, ", ") .. " }"
    if #line <= 76 then out[#out + 1] = line; seen[v] = nil; return end
  end
  local pad = string.rep("  ", indent + 1)
  out[#out + 1] = "{\n"
  local shown = 0
  local function item(prefix, val)
    shown = shown + 1
    out[#out + 1] = pad .. prefix
    render(val, indent + 1, seen, depth + 1, out)
    out[#out + 1] = ",\n"
  end
  for i = 1, n do
    if shown >= MAX_ITEMS then break end
    item("", v[i])
  end
  for _, k in ipairs(keys) do
    if shown >= MAX_ITEMS then break end
    local prefix = is_identifier(k) and (k .. " = ") or ("[" .. scalar(k) .. "] = ")
    item(prefix, v[k])
  end
  if total > shown then
    out[#out + 1] = pad .. string.format("... (%d more, %d in all)\n", total - shown, total)
  end
  out[#out + 1] = string.rep("  ", indent) .. "}"
  seen[v] = nil
end

M.pretty = doc.def("passend.pretty", function(v)
  local out = {}
  render(v, 0, {}, 0, out)
  return table.concat(out)
end, [[
passend.pretty(value)

The text the prompt prints for value: tables nested with keys sorted, cycles marked
as <cycle>, more than 30 entries cut with a count.]])

-- Called by the prompt with the values an input line returned.
function M.print_values(...)
  local n = select("#", ...)
  for i = 1, n do
    local v = select(i, ...)
    io.write(M.pretty(v), "\n")
  end
  io.stdout:flush()  -- (io.flush is not in a sandboxed run)
end

return M
