-- passend/disclosure.lua: disclosure control on display tables before they are published.
-- protect(t, opts) hides every cell based on fewer respondents than the minimum (primary
-- suppression) and then, where a hidden cell could be recomputed from its row or column total,
-- hides the smallest other cell of that sum as well (secondary suppression), repeating until
-- every sum with a hidden cell has at least two. Formats call it on every report they render.
--
-- Which cells count: value columns COL with a helper column `_n:COL` (respondents behind the
-- cell) or, with a row-level `_n` column, meta.disclosure.values (freq). Sums: the rows of a
-- segment (ended by a `_kind == "total"` row) add up to that row; meta.disclosure.counts =
-- {COL = {per row}} gives counts without helper columns (percentages()); with meta.disclosure.total_col
-- the value columns of a row add up to that column.
local M = ...

local D = {}
M.disclosure = D

local function min_n_default()
  local s = M.rules and M.rules.settings or {}
  if s.disclosure_min_n ~= nil then return s.disclosure_min_n end
  return s.suppress and s.suppress.min_n or 15
end

-- The cells protect() looks at: { cols = {name...}, count = function(i, j) } or nil.
local function spec_of(d)
  local meta = d:meta() or {}
  local info = meta.disclosure
  local names = {}
  for _, c in ipairs(d.columns) do names[c] = true end
  local cols, counts = {}, {}
  local given = type(info) == "table" and type(info.counts) == "table" and info.counts or {}
  if type(info) == "table" and info.counts then
    -- counts carried in meta (percentages()): { COL = {per row} }, valid while the rows are
    for _, c in ipairs(d.columns) do
      if given[c] and #given[c] == #d then cols[#cols + 1] = c end
    end
  elseif type(info) == "table" and info.values then
    for _, c in ipairs(info.values) do
      if names[c] and (names["_n:" .. c] or names["_n"]) then cols[#cols + 1] = c end
    end
  else
    for _, c in ipairs(d.columns) do
      local v = c:match("^_n:(.+)$")
      if v and names[v] then cols[#cols + 1] = v end
    end
  end
  if #cols == 0 then return nil end
  local row_n = names["_n"] and d:values("_n") or nil
  for j, c in ipairs(cols) do
    counts[j] = given[c] or names["_n:" .. c] and d:values("_n:" .. c) or row_n
  end
  return { cols = cols, counts = counts, info = type(info) == "table" and info or {} }
end

-- protect(t, opts) -> protected copy (or t itself when it has nothing to protect)
function D.protect(d, opts)
  opts = opts or {}
  local spec = spec_of(d)
  if not spec then return d end
  -- a table the analyst already let through unprotected keeps its values (and its note)
  if (d:meta() or {}).disclosure_protect == false then return d end
  local lang = opts.lang or (d:meta() or {}).lang
  local meta0 = d:meta() or {}
  if opts.protect == false then
    local out = d:select(d.columns)
    local m = out:meta()
    local notes = {}
    for i, s in ipairs(meta0.notes or {}) do notes[i] = s end
    local note = lang == "en"
      and "Not protected: cells based on few respondents are shown (disclosure control switched off by the analyst)."
      or "Niet beschermd: cellen met weinig respondenten worden getoond (onthullingscontrole door de analist uitgezet)."
    if notes[#notes] ~= note then notes[#notes + 1] = note end
    m.notes = notes
    m.disclosure_protect = false
    return out
  end
  local min_n = opts.min_n or min_n_default()
  local n, cols, counts = #d, spec.cols, spec.counts
  local kind = d.columns and (function()
    for _, c in ipairs(d.columns) do if c == "_kind" then return d:values("_kind") end end
  end)() or {}
  local states, vals = {}, {}
  local hidden = {}                  -- hidden[j][i] = true
  for j, c in ipairs(cols) do
    hidden[j] = {}
    vals[j] = d:values(c)
    local has_state = false
    for _, x in ipairs(d.columns) do if x == "_state:" .. c then has_state = true end end
    states[j] = has_state and d:values("_state:" .. c) or {}
    for i = 1, n do
      local k = counts[j][i]
      local st = states[j][i]
      if st == "suppressed" then hidden[j][i] = true
      elseif st ~= "not_asked" and k ~= nil and k == k and k > 0 and k < min_n then
        hidden[j][i] = true
      end
    end
  end
  local primary = 0
  for j = 1, #cols do for i = 1, n do if hidden[j][i] then primary = primary + 1 end end end

  -- every cell is in a column sum (rows of its segment + the total row) and, with total_col,
  -- a row sum (value columns + total column). Sum = list of {j, i}.
  local sums = {}
  local by_row = spec.info.rows_only and false or true
  local seg = {}
  local function close_segment(total_i)
    for j = 1, #cols do
      local s = {}
      for _, i in ipairs(seg) do s[#s + 1] = { j, i } end
      if total_i then s[#s + 1] = { j, total_i, total = true } end
      if #s > 1 then sums[#sums + 1] = s end
    end
    seg = {}
  end
  for i = 1, n do
    if kind[i] == "header" then -- headers carry no values
    elseif kind[i] == "total" then close_segment(i)
    else seg[#seg + 1] = i end
  end
  -- rows after the last total row add up only when the table says so (percentages without
  -- their n row still add up to 100); the monitor's means do not add up
  if #seg > 0 and spec.info.additive then close_segment(nil) end
  if by_row and spec.info.total_col then
    local tj
    for j, c in ipairs(cols) do if c == spec.info.total_col then tj = j end end
    if tj then
      for i = 1, n do
        if kind[i] ~= "header" then
          local s = {}
          for j = 1, #cols do if j ~= tj then s[#s + 1] = { j, i } end end
          s[#s + 1] = { tj, i, total = true }
          sums[#sums + 1] = s
        end
      end
    end
  end
  local function known(cell) return not hidden[cell[1]][cell[2]] and states[cell[1]][cell[2]] ~= "not_asked" end
  local changed = true
  while changed do
    changed = false
    for _, s in ipairs(sums) do
      local nh, best, bestk = 0, nil, math.huge
      for _, cell in ipairs(s) do
        if hidden[cell[1]][cell[2]] then nh = nh + 1
        elseif known(cell) then
          -- the smallest other cell; inner cells before totals, non-zero before zero
          local k = counts[cell[1]][cell[2]] or 0
          if k ~= k then k = 0 end
          local key = (cell.total and 2e15 or 0) + (k == 0 and 1e15 or 0) + k
          if key < bestk then best, bestk = cell, key end
        end
      end
      if nh == 1 and best then
        hidden[best[1]][best[2]] = true
        changed = true
      end
    end
  end

  local total_hidden = 0
  for j = 1, #cols do for i = 1, n do if hidden[j][i] then total_hidden = total_hidden + 1 end end end
  if total_hidden == 0 then return d end
  local out = d:select(d.columns)
  local has_col = {}
  for _, c in ipairs(d.columns) do has_col[c] = true end
  local NaN = 0 / 0
  for j, c in ipairs(cols) do
    local v, st, any = {}, {}, false
    for i = 1, n do
      if hidden[j][i] then v[i] = NaN; st[i] = "suppressed"; any = true
      else v[i] = vals[j][i]; st[i] = states[j][i] or "" end
    end
    if any then
      -- keep the column's type: a text column gets "" for hidden cells
      local info = d:info(c) or {}
      if info.type == "text" then for i = 1, n do if hidden[j][i] then v[i] = "" end end end
      out[c] = v
      out["_state:" .. c] = st
      -- counts behind a hidden cell would give the value away
      if has_col["_n:" .. c] then
        local nn = d:values("_n:" .. c)
        for i = 1, n do if hidden[j][i] then nn[i] = NaN end end
        out["_n:" .. c] = nn
      end
    end
  end
  if has_col["_n"] then
    -- a row-level count: hide it where any cell of the row is hidden
    local nn = d:values("_n")
    for i = 1, n do
      for j = 1, #cols do if hidden[j][i] then nn[i] = NaN end end
    end
    out["_n"] = nn
  end
  local m = out:meta()
  local notes, note = {}, lang == "en"
    and string.format("Cells based on fewer than %d respondents are not shown, nor cells from which they could be derived.", min_n)
    or string.format("Cellen met minder dan %d respondenten worden niet getoond, evenmin cellen waaruit ze af te leiden zijn.", min_n)
  local have = false
  for i, s in ipairs(meta0.notes or {}) do notes[i] = s; if s == note then have = true end end
  if not have then notes[#notes + 1] = note end  -- protecting a protected table adds nothing
  m.notes = notes
  m.disclosure_suppressed = { primary = primary, secondary = total_hidden - primary }
  return out
end

M.def{ "protect", D.protect, [[
protect(t [, opts]) -> display table

Disclosure control: hides every cell of a display table based on fewer respondents than the
minimum (opts.min_n, default rules.settings.disclosure_min_n, which when unset is
rules.settings.suppress.min_n = 15), then hides further cells where a hidden one could be
recomputed from a row or column total (the smallest other cell of that sum, totals last).
Hidden cells are missing with _state:COL = "suppressed"; a note says so. The cells are the
value columns with a _n:COL count (monitor.table, crosstab layout = "wide", percentages) or
meta.disclosure.values with a row-level _n (freq). Every report format (d:format, d:write,
report()) applies it; opts.protect = false switches it off and the output then says so in a
note. Zero cells are shown.]] }

return D
