-- tests/support/attack.lua: what a reader of a published table can compute. Parsers read the
-- numbers back from every format (as a reader would: from the rendered text or file), and a
-- solver finds which blank cells follow from the visible numbers and the linear relations a
-- reader knows (rows add up to the total column, columns to the total row, percentages times
-- their base are counts, the n in a title is the grand total). It is written independently of
-- lua/passend/disclosure.lua: it decides by matrix rank, not by elimination to single rows,
-- and it models percentages exactly (a percentage whose base is hidden is p * base).
local A = {}

---------------------------------------------------------------------------
-- numbers as printed

-- "37,0" -> 37, "3,0*" -> 3, "1.234" (en) ... ; "" -> nil
function A.num(s, decimal)
  if s == nil then return nil end
  if type(s) == "number" then return s == s and s or nil end
  s = tostring(s):gsub("^%s+", ""):gsub("%s+$", ""):gsub("%*+$", ""):gsub("\\%*", ""):gsub("%%$", "")
  if s == "" then return nil end
  if (decimal or ",") == "," then s = s:gsub("%.", ""):gsub(",", ".") end
  return tonumber(s)
end

---------------------------------------------------------------------------
-- parsers: each gives { head = {labels}, rows = { {cell texts} } } of the table body

function A.csv_records(s, sep)
  sep = sep or ","
  s = s:gsub("^\239\187\191", "")
  local rows, row, field, i, inq = {}, {}, {}, 1, false
  local n = #s
  while i <= n do
    local c = s:sub(i, i)
    if inq then
      if c == '"' then
        if s:sub(i + 1, i + 1) == '"' then field[#field + 1] = '"'; i = i + 1 else inq = false end
      else field[#field + 1] = c end
    elseif c == '"' then inq = true
    elseif c == sep then row[#row + 1] = table.concat(field); field = {}
    elseif c == "\n" or c == "\r" then
      if c == "\r" and s:sub(i + 1, i + 1) == "\n" then i = i + 1 end
      row[#row + 1] = table.concat(field); field = {}
      rows[#rows + 1] = row; row = {}
    else field[#field + 1] = c end
    i = i + 1
  end
  if #field > 0 or #row > 0 then row[#row + 1] = table.concat(field); rows[#rows + 1] = row end
  return rows
end

function A.csv_grid(s)
  local rec = A.csv_records(s)
  local out = { head = rec[1], rows = {} }
  for k = 2, #rec do out.rows[#out.rows + 1] = rec[k] end
  return out
end

function A.md_grid(s)
  local out, seen = { rows = {} }, 0
  for line in s:gmatch("[^\n]+") do
    if line:match("^|") then
      seen = seen + 1
      if not line:match("^|:?%-%-%-") then
        local cells = {}
        local body = line:gsub("\\|", "\0"):sub(2)
        for cell in body:gmatch("([^|]*)|") do
          cells[#cells + 1] = cell:gsub("%z", "|"):gsub("^%s+", ""):gsub("%s+$", ""):gsub("^%*%*(.*)%*%*$", "%1")
        end
        if not out.head then out.head = cells else out.rows[#out.rows + 1] = cells end
      end
    end
  end
  return out
end

local function strip_tags(s)
  return (s:gsub("<[^>]*>", ""):gsub("&amp;", "&"):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&quot;", '"')
    :gsub("^%s+", ""):gsub("%s+$", ""))
end

function A.html_grid(s)
  local out = { rows = {} }
  local head = s:match("<thead>(.-)</thead>")
  out.head = {}
  for cell in head:gmatch("<th[^>]*>(.-)</th>") do out.head[#out.head + 1] = strip_tags(cell) end
  local body = s:match("<tbody>(.-)</tbody>")
  for tr in body:gmatch("<tr[^>]*>(.-)</tr>") do
    local cells = {}
    for _, cell in tr:gmatch("<(t[hd])[^>]*>(.-)</t[hd]>") do cells[#cells + 1] = strip_tags(cell) end
    out.rows[#out.rows + 1] = cells
  end
  return out
end

function A.tex_grid(s)
  local out = { rows = {} }
  local body = s:match("\\toprule\n(.-)\\bottomrule")
  for line in body:gmatch("[^\n]+") do
    if line:match("\\\\$") and not line:match("^\\multicolumn") then
      local cells = {}
      for cell in (line:gsub("%s*\\\\$", "") .. " & "):gmatch("(.-) & ") do
        cell = cell:gsub("\\cellcolor{[^}]*}", ""):gsub("\\,{\\tiny [^}]*}", ""):gsub("\\textbf{(.*)}", "%1")
          :gsub("\\%%", "%%"):gsub("^%s+", ""):gsub("%s+$", "")
        cells[#cells + 1] = cell
      end
      if not out.head then out.head = cells else out.rows[#out.rows + 1] = cells end
    end
  end
  return out
end

-- The numbers of a text-format line, left to right.
function A.numbers(line)
  local out = {}
  for tok in line:gmatch("%S+") do
    local x = A.num(tok)
    if x then out[#out + 1] = x end
  end
  return out
end

-- The body lines of the text format (between the rules), in order.
function A.text_lines(s)
  local out, rules = {}, 0
  for line in s:gmatch("[^\n]+") do
    if line:match("^─") then rules = rules + 1
    elseif rules >= 1 and rules <= 3 and not line:match("^%s*$") then
      -- notes come after the last rule: they are not body lines
      out[#out + 1] = { line = line, after = rules }
    end
  end
  -- keep lines before the last rule only
  local last = 0
  for line in s:gmatch("[^\n]+") do if line:match("^─") then last = last + 1 end end
  local body = {}
  for _, l in ipairs(out) do if l.after < last then body[#body + 1] = l.line end end
  return body
end

-- An xlsx sheet as {row = {col = value}} (numbers at full precision, strings from the table).
function A.xlsx_sheet(path, sheet)
  local function unzip(member)
    local p = io.popen("unzip -p '" .. path:gsub("'", "'\\''") .. "' " .. member .. " 2>/dev/null")
    local s = p:read("a")
    p:close()
    return s
  end
  local strings = {}
  for si in unzip("xl/sharedStrings.xml"):gmatch("<si>(.-)</si>") do
    strings[#strings + 1] = strip_tags(si)
  end
  local grid = {}
  local xml = unzip("xl/worksheets/sheet" .. (sheet or 1) .. ".xml")
  for attrs, inner in xml:gmatch("<c ([^>/]*)>(.-)</c>") do     -- (empty cells are <c .../>)
    local col, row = attrs:match('r="(%u+)(%d+)"')
    local t = attrs:match('t="(%w+)"')
    local v = inner:match("<v>(.-)</v>")
    if v then
      row = tonumber(row)
      grid[row] = grid[row] or {}
      grid[row][col] = t == "s" and strings[tonumber(v) + 1] or tonumber(v)
    end
  end
  return grid
end

-- Minimal JSON decoder (objects, arrays, strings, numbers, true/false/null -> nil).
function A.json(s)
  local i = 1
  local function ws() i = s:find("[^ \t\r\n]", i) or #s + 1 end
  local value
  local function str()
    local out = {}
    i = i + 1
    while true do
      local c = s:sub(i, i)
      if c == '"' then i = i + 1; return table.concat(out) end
      if c == "\\" then
        local e = s:sub(i + 1, i + 1)
        if e == "u" then out[#out + 1] = utf8.char(tonumber(s:sub(i + 2, i + 5), 16)); i = i + 6
        else out[#out + 1] = ({ n = "\n", t = "\t", r = "\r", b = "\b", f = "\f" })[e] or e; i = i + 2 end
      else out[#out + 1] = c; i = i + 1 end
    end
  end
  function value()
    ws()
    local c = s:sub(i, i)
    if c == "{" then
      local o = {}
      i = i + 1; ws()
      if s:sub(i, i) == "}" then i = i + 1; return o end
      while true do
        ws(); local k = str(); ws(); i = i + 1   -- ':'
        o[k] = value(); ws()
        local d = s:sub(i, i); i = i + 1
        if d == "}" then return o end
      end
    elseif c == "[" then
      local a, n = {}, 0
      i = i + 1; ws()
      if s:sub(i, i) == "]" then i = i + 1; return a end
      while true do
        n = n + 1; a[n] = value(); ws()
        local d = s:sub(i, i); i = i + 1
        if d == "]" then a.n = n; return a end
      end
    elseif c == '"' then return str()
    elseif s:sub(i, i + 3) == "null" then i = i + 4; return nil
    elseif s:sub(i, i + 3) == "true" then i = i + 4; return true
    elseif s:sub(i, i + 4) == "false" then i = i + 5; return false
    else
      local j = s:find("[,%]}%s]", i) or #s + 1
      local x = tonumber(s:sub(i, j - 1))
      i = j
      return x
    end
  end
  return value()
end

---------------------------------------------------------------------------
-- the solver

-- rank of a dense matrix (rows of equal length), partial pivoting
local function rank(m, ncol)
  local rows = {}
  for i, r in ipairs(m) do rows[i] = { table.unpack(r, 1, ncol) } end
  local rk, used = 0, {}
  for c = 1, ncol do
    local best, bv = nil, 1e-9
    for i, r in ipairs(rows) do
      if not used[i] and math.abs(r[c] or 0) > bv then best, bv = i, math.abs(r[c]) end
    end
    if best then
      used[best] = true
      rk = rk + 1
      local p = rows[best]
      for i, r in ipairs(rows) do
        if i ~= best and math.abs(r[c] or 0) > 0 then
          local f = r[c] / p[c]
          for k = c, ncol do r[k] = (r[k] or 0) - f * (p[k] or 0) end
        end
      end
    end
  end
  return rk
end

-- A reader's system: unknowns by name, equations sum(coef * unknown) = constant.
-- sys:eq({ {coef, cell}, ... }) where cell is a number (known) or a name (unknown).
function A.system()
  local S = { names = {}, index = {}, eqs = {} }
  function S:unknown(name)
    if not self.index[name] then self.names[#self.names + 1] = name; self.index[name] = #self.names end
    return name
  end
  function S:eq(terms)
    local e, any, const = {}, false, 0
    for _, t in ipairs(terms) do
      local coef, x = t[1], t[2]
      if type(x) == "string" then
        local k = self.index[x] or self.index[self:unknown(x)]
        e[k] = (e[k] or 0) + coef
        any = true
      else
        const = const - coef * x
      end
    end
    if any then e.const = const; self.eqs[#self.eqs + 1] = e end
  end
  -- the value of a determined unknown (reduced row echelon form of [A | b])
  function S:value(name)
    local n, target = #self.names, self.index[name]
    local rows = {}
    for i, e in ipairs(self.eqs) do
      local r = {}
      for k = 1, n do r[k] = e[k] or 0 end
      r[n + 1] = e.const
      rows[i] = r
    end
    local used = {}
    for c = 1, n do
      local best, bv = nil, 1e-9
      for i, r in ipairs(rows) do if not used[i] and math.abs(r[c]) > bv then best, bv = i, math.abs(r[c]) end end
      if best then
        used[best] = true
        local p = rows[best]
        local f0 = p[c]
        for k = 1, n + 1 do p[k] = p[k] / f0 end
        for i, r in ipairs(rows) do
          if i ~= best and math.abs(r[c]) > 0 then
            local f = r[c]
            for k = 1, n + 1 do r[k] = r[k] - f * p[k] end
          end
        end
      end
    end
    for _, r in ipairs(rows) do
      local only = math.abs(r[target]) > 1e-9
      for k = 1, n do if k ~= target and math.abs(r[k]) > 1e-9 then only = false end end
      if only then return r[n + 1] / r[target] end
    end
    return nil
  end
  -- the unknowns whose value the equations fix: dropping one lowers the rank
  function S:determined()
    local n = #self.names
    local m = {}
    for i, e in ipairs(self.eqs) do
      local row = {}
      for k = 1, n do row[k] = e[k] or 0 end
      m[i] = row
    end
    local full = rank(m, n)
    local out = {}
    for k, name in ipairs(self.names) do
      local without = {}
      for i, r in ipairs(m) do
        local row = {}
        for j = 1, n do if j ~= k then row[#row + 1] = r[j] end end
        without[i] = row
      end
      if rank(without, n - 1) < full then out[name] = true end
    end
    return out
  end
  return S
end

-- The simplest attack: every equation with exactly one unknown gives it away.
function A.single_unknowns(sys)
  local out = {}
  for _, e in ipairs(sys.eqs) do
    local k, cnt = nil, 0
    for v, c in pairs(e) do
      if math.type(v) == "integer" and math.abs(c) > 1e-12 then k, cnt = v, cnt + 1 end
    end
    if cnt == 1 then out[sys.names[k]] = true end
  end
  return out
end

return A
