-- passend/format/json.lua: the dataset as one JSON object, keys in a fixed order:
-- {"title", "notes", "source", "kind", "columns": [{name, type, label}], "rows": [{col: value}]}.
-- Every column (helpers too) with numbers at full precision; missing is null.
local core = require "passend.core"
local F = require "passend.format.layout"

local R = {}

local escapes = { ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
local function str(s)
  return '"' .. tostring(s):gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end
R.json_string = str

local function num(x)
  if x ~= x or x == math.huge or x == -math.huge then return "null" end
  return core._numstr(x, -1, ".", "")
end

local function render(d, opts)
  local meta = F.meta_of(d)
  local out = { "{" }
  local function field(k, v) out[#out + 1] = "  " .. str(k) .. ": " .. v .. "," end
  if meta.title then field("title", str(meta.title)) end
  if meta.notes then
    local ns = {}
    for i, s in ipairs(meta.notes) do ns[i] = str(s) end
    field("notes", "[" .. table.concat(ns, ", ") .. "]")
  end
  if meta.source then field("source", str(meta.source)) end
  if meta.kind then field("kind", str(meta.kind)) end
  if opts.lang or meta.lang then field("lang", str(opts.lang or meta.lang)) end
  local names, n = d.columns, #d
  local cols, vals, isnum = {}, {}, {}
  for j, c in ipairs(names) do
    local info = d:info(c) or {}
    isnum[j] = info.type ~= "text"
    local s = "{\"name\": " .. str(c) .. ", \"type\": " .. str(info.type or "number")
    if info.label and info.label ~= "" then s = s .. ", \"label\": " .. str(info.label) end
    cols[j] = s .. "}"
    vals[j] = F.column_values(d, c, n)
  end
  field("columns", "[" .. table.concat(cols, ", ") .. "]")
  local keys = {}
  for j, c in ipairs(names) do keys[j] = str(c) .. ": " end
  out[#out + 1] = '  "rows": ['
  for i = 1, n do
    local cells = {}
    for j = 1, #names do
      local v = vals[j][i]
      cells[j] = keys[j] .. (v == nil and "null" or isnum[j] and num(v) or str(v))
    end
    out[#out + 1] = "    {" .. table.concat(cells, ", ") .. "}" .. (i < n and "," or "")
  end
  out[#out + 1] = "  ]"
  out[#out + 1] = "}"
  return table.concat(out, "\n") .. "\n"
end

R.render = render

return R
