-- scripts/lib/units.lua: unit-level data reconstructed from published counts, for the
-- reproduction scripts (s001_*, s002_*). A published count says how many units gave an
-- answer; expand() turns { {count, {col = value, ...}}, ... } into one row per unit, as plain
-- Lua columns the toolkit reads ({ {"col", values}, ..., n = rows }).
local U = {}

-- cells: list of {count, {col = value}}; cols: column names in order (missing -> nil).
function U.expand(cells, cols)
  local data = { n = 0 }
  local vals = {}
  for k, c in ipairs(cols) do vals[k] = {} end
  local n = 0
  for _, cell in ipairs(cells) do
    for _ = 1, cell[1] do
      n = n + 1
      for k, c in ipairs(cols) do vals[k][n] = cell[2][c] end
    end
  end
  for k, c in ipairs(cols) do data[k] = { c, vals[k], n = n } end
  data.n = n
  return data
end

-- A 0/1 column: the first `yes` of n units are 1, the rest 0 (units already grouped).
function U.flags(n, yes)
  local v = {}
  for i = 1, n do v[i] = i <= yes and 1 or 0 end
  return v
end

-- Concatenates plain column sets with the same column names (row-wise).
function U.bind(parts)
  local out, n = {}, 0
  for k, c in ipairs(parts[1]) do out[k] = { c[1], {} } end
  for _, p in ipairs(parts) do
    for k, c in ipairs(p) do
      assert(c[1] == out[k][1], "units.bind: column " .. k .. " is " .. c[1] .. ", expected " .. out[k][1])
      for i = 1, p.n do out[k][2][n + i] = c[2][i] end
    end
    n = n + p.n
  end
  for k in ipairs(out) do out[k].n = n end
  out.n = n
  return out
end

-- Counts out of n whose percentages round (half up) to pcts and add up to n, or nil when
-- there are none (a depth-first search over each cell's possible counts).
function U.counts_for(pcts, n)
  local cand = {}
  for i, p in ipairs(pcts) do
    cand[i] = {}
    for c = 0, n do
      if math.floor(100 * c / n + 0.5 + 1e-9) == p then cand[i][#cand[i] + 1] = c end
    end
    if #cand[i] == 0 then return nil end
  end
  local chosen = {}
  local function rec(i, left)
    if i > #pcts then return left == 0 end
    for _, c in ipairs(cand[i]) do
      if c <= left then
        chosen[i] = c
        if rec(i + 1, left - c) then return true end
      end
    end
    return false
  end
  if rec(1, n) then return chosen end
  return nil
end

-- The counts out of n nearest to pcts (largest remainder), for percentages that no counts fit.
function U.nearest_counts(pcts, n)
  local total, c, rem, used = 0, {}, {}, 0
  for _, p in ipairs(pcts) do total = total + p end
  for i, p in ipairs(pcts) do
    local x = p * n / total
    c[i] = math.floor(x)
    rem[i] = { i, x - c[i] }
    used = used + c[i]
  end
  table.sort(rem, function(a, b) if a[2] ~= b[2] then return a[2] > b[2] end return a[1] < b[1] end)
  for k = 1, n - used do c[rem[k][1]] = c[rem[k][1]] + 1 end
  return c
end

-- Half-up rounding as the reports print (0.5 -> 1, 27.5 -> 28).
function U.round(x, dec)
  local f = 10 ^ (dec or 0)
  return math.floor(x * f + 0.5 + 1e-9) / f
end

-- Prints a toolkit result with the text format when it can.
function U.show(t)
  local ok, s = pcall(function() return t:format("text") end)
  io.write(ok and s or tostring(t), "\n")
end

function U.opts(...)
  local a = ...
  return type(a) == "table" and a or {}
end

return U
