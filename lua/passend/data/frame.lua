-- passend/data/frame.lua: how the survey-report functions read their input and build their output.
--
-- Input ("data"): a Dataset (d.columns, #d, d:values(name), d:info(name)), or plain Lua
-- columns, either ordered as for dataset{}: { {"name", {values...}}, ... } (n = rows when a
-- column may end in nil), or keyed: { name = {values...}, n = rows }.
-- Output: a Dataset built with dataset{}, with the result's metadata in d:meta().
local core = require "passend.core"
local args = require "passend.args"
local F = {}

local is_dataset = core.is_dataset
F.is_dataset = is_dataset

-- Returns an accessor { n =, names = {...}, get = function(name) -> array 1..n, info = fn }.
function F.input(d, what)
  what = what or "data"
  if is_dataset(d) then
    local names = d.columns
    local cache = {}
    return {
      n = #d, names = names,
      has = function(name) for _, c in ipairs(names) do if c == name then return true end end return false end,
      get = function(name)
        if not cache[name] then
          local ok, v = pcall(d.values, d, name)
          if not ok then
            error(string.format("%s: no column %q in the data%s", what, tostring(name), args.did_you_mean(name, names)), 0)
          end
          cache[name] = v
        end
        return cache[name]
      end,
      info = function(name) if d.info then local ok, i = pcall(d.info, d, name) if ok then return i end end end,
    }
  end
  if type(d) ~= "table" then
    error(string.format("%s: expected a dataset or a table of columns, got %s", what, type(d)), 0)
  end
  local cols, names, n = {}, {}, d.n
  if type(d[1]) == "table" and type(d[1][1]) == "string" then
    for _, c in ipairs(d) do
      names[#names + 1] = c[1]
      cols[c[1]] = c[2]
      n = n or c.n
    end
  else
    for k, v in pairs(d) do
      if type(k) == "string" and type(v) == "table" then names[#names + 1] = k; cols[k] = v end
    end
    table.sort(names)
  end
  if not n then
    n = 0
    for _, name in ipairs(names) do
      for i in pairs(cols[name]) do if type(i) == "number" and i > n then n = i end end
    end
  end
  return {
    n = n, names = names,
    has = function(name) return cols[name] ~= nil end,
    get = function(name)
      local v = cols[name]
      if not v then
        error(string.format("%s: no column %q in the data%s", what, tostring(name), args.did_you_mean(name, names)), 0)
      end
      return v
    end,
    info = function() return nil end,
  }
end

function F.has_column(d, name)
  for _, c in ipairs(d.columns) do if c == name then return true end end
  return false
end

-- User-missing codes of a column: opts.missing (list or {col = list}) or the dataset's own.
function F.missing_set(acc, name, opts)
  local set = {}
  local m = opts and opts.missing
  if type(m) == "table" and m[name] then m = m[name] end
  if type(m) == "table" then
    for _, v in ipairs(m) do set[v] = true end
  else
    local info = acc.info(name)
    if info and info.missing then for _, v in ipairs(info.missing) do set[v] = true end end
    if info and info.missing_range then set.__range = info.missing_range end
  end
  return set
end

function F.is_missing(v, set)
  if v == nil or v ~= v then return true, "system" end
  if set[v] then return true, "user" end
  local r = set.__range
  if r and type(v) == "number" and v >= r[1] and v <= r[2] then return true, "user" end
  return false
end

-- A row filter: nil (all rows), a function(row) -> bool, or {col = value | {values}}.
function F.rows(acc, filter)
  local keep = {}
  if filter == nil then
    for i = 1, acc.n do keep[#keep + 1] = i end
    return keep
  end
  if type(filter) == "function" then
    for i = 1, acc.n do
      local row = setmetatable({}, { __index = function(_, k) return acc.get(k)[i] end })
      if filter(row) then keep[#keep + 1] = i end
    end
    return keep
  end
  local conds = {}
  for col, want in pairs(filter) do
    local set = {}
    if type(want) == "table" then for _, w in ipairs(want) do set[w] = true end else set[want] = true end
    conds[#conds + 1] = { acc.get(col), set }
  end
  for i = 1, acc.n do
    local ok = true
    for _, c in ipairs(conds) do if not c[2][c[1][i]] then ok = false break end end
    if ok then keep[#keep + 1] = i end
  end
  return keep
end

-- Levels of a column in display order: opts order list first, then the rest sorted.
function F.levels(values, rows, order)
  local seen, out = {}, {}
  if order then for _, v in ipairs(order) do if not seen[v] then seen[v] = true; out[#out + 1] = v end end end
  local extra = {}
  for _, i in ipairs(rows) do
    local v = values[i]
    if v ~= nil and v == v and not seen[v] then seen[v] = true; extra[#extra + 1] = v end
  end
  table.sort(extra, function(a, b)
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  for _, v in ipairs(extra) do out[#out + 1] = v end
  return out
end

-- Builds the output: cols = { {"name", {values}}, ... } with n rows; meta copied in.
-- Missing numbers become NaN; missing text "" in a column marked type = "text" (so that a
-- text column without rows stays text).
function F.output(cols, n, meta)
  for _, c in ipairs(cols) do
    local v, isnum = c[2], nil
    for i = 1, n do if v[i] ~= nil then isnum = type(v[i]) == "number" break end end
    if isnum == nil then isnum = c.type ~= "text" end
    for i = 1, n do if v[i] == nil then v[i] = isnum and 0 / 0 or "" end end
  end
  -- meta.decimals may be one number for every number column (the formats want {col = k});
  -- the number itself stays in meta.round for audits.
  meta = meta or {}
  if type(meta.decimals) == "number" then
    local dec, per = meta.decimals, {}
    for _, c in ipairs(cols) do
      local isnum = false
      for i = 1, n do if type(c[2][i]) == "number" then isnum = true break end end
      if isnum then per[c[1]] = (meta.int_columns and meta.int_columns[c[1]]) and 0 or dec end
    end
    meta.round, meta.decimals = dec, per
  end
  cols.n = n
  local out = core.dataset(cols)
  local m = out:meta()
  for k, v in pairs(meta) do m[k] = v end
  return out
end

-- Rounds half away from zero at the given decimals, robust to representation
-- (0.125 * 100 = 12.5 exactly prints as 13, 2.675 as 2.68 as a person rounds).
function F.round(x, decimals)
  if x == nil or x ~= x then return x end
  local f = 10 ^ (decimals or 0)
  local y = x * f
  local r = math.floor(math.abs(y) + 0.5 + 1e-9)
  if y < 0 then r = -r end
  return r / f
end

-- Largest-remainder rounding: values (percentages of one base) rounded so that they add up
-- to the rounded total (100): floor each, then give the missing units to the largest
-- remainders (ties: the larger value first, then the earlier one).
function F.round_lr(values, decimals)
  local f = 10 ^ (decimals or 0)
  local out, rem, total, sum = {}, {}, 0, 0
  for i, v in ipairs(values) do
    local y = v * f
    out[i] = math.floor(y + 1e-9)
    rem[#rem + 1] = { i, y - out[i], y }
    total, sum = total + y, sum + out[i]
  end
  local target = math.floor(total + 0.5 + 1e-9)
  table.sort(rem, function(a, b)
    if math.abs(a[2] - b[2]) > 1e-9 then return a[2] > b[2] end
    if a[3] ~= b[3] then return a[3] > b[3] end
    return a[1] < b[1]
  end)
  for k = 1, target - sum do out[rem[k][1]] = out[rem[k][1]] + 1 end
  for i = 1, #out do out[i] = out[i] / f end
  return out
end

return F
