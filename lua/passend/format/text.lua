-- passend/format/text.lua: aligned plain text for the terminal and .txt files.
-- Widths are display widths (UTF-8, wide and combining characters); bands become ANSI
-- background colours only on a terminal; the table fits the terminal width by wrapping the
-- row labels and then splitting the value columns into blocks that repeat the row labels.
local core = require "passend.core"
local F = require "passend.format.layout"

local R = {}

local dw, cut = core._dispwidth, core._cut
local GAP = 2

local function pad(s, w, align)
  local n = w - dw(s)
  if n <= 0 then return s end
  if align == "right" then return string.rep(" ", n) .. s end
  return s .. string.rep(" ", n)
end

-- Splits s into lines of display width <= w, at spaces where possible.
local function wrap(s, w)
  if w < 1 then w = 1 end
  local lines = {}
  while dw(s) > w do
    local head, rest = cut(s, w)
    local brk = head:match("^.*() ")
    if brk and brk > 1 and rest:sub(1, 1) ~= " " then
      head, rest = s:sub(1, brk - 1), s:sub(brk + 1)
    elseif rest:sub(1, 1) == " " then
      rest = rest:sub(2)
    end
    lines[#lines + 1] = head
    s = rest
  end
  lines[#lines + 1] = s
  return lines
end
R.wrap = wrap

local function longest_word(s)
  local m = 0
  for word in s:gmatch("%S+") do m = math.max(m, dw(word)) end
  return m
end

local function render(d, opts)
  local t = F.layout(d, opts)
  local color = opts.color
  if color == nil then color = core._isatty(1) end
  local width = opts.width
  if width == nil then width = core._isatty(1) and (core._termwidth(1) or 80) or false end
  local cols, rows, stub = t.columns, t.rows, t.stub
  local indent = "  "

  -- natural widths: data widths and header widths (headers may wrap at spaces)
  local dataw, headw = {}, {}
  for j, c in ipairs(cols) do
    local w = 0
    for _, r in ipairs(rows) do
      if r.kind ~= "header" then
        local s = r.cells[j].text
        if j == stub then s = indent:rep(r.indent or 0) .. s end
        w = math.max(w, dw(s))
      end
    end
    dataw[j] = w
    headw[j] = math.max(dw(c.label), 1)
  end
  local colw = {}
  for j in ipairs(cols) do colw[j] = math.max(dataw[j], headw[j]) end

  local others = {}
  for j in ipairs(cols) do if j ~= stub then others[#others + 1] = j end end
  local function total(set, stubw)
    local s = stubw
    for _, j in ipairs(set) do s = s + GAP + colw[j] end
    return s
  end

  local blocks = { others }
  if width and total(others, colw[stub]) > width then
    -- 1: headers wrap down to their data width (not below their longest word)
    for _, j in ipairs(others) do
      colw[j] = math.max(dataw[j], longest_word(cols[j].label), 1)
    end
    -- 2: the row labels wrap, down to 20 columns (or what is left)
    local rest = total(others, 0)
    if rest + colw[stub] > width then
      colw[stub] = math.max(math.min(colw[stub], 20), width - rest)
    end
    -- 3: split the value columns into blocks
    if total(others, colw[stub]) > width then
      blocks = {}
      local cur = {}
      for _, j in ipairs(others) do
        if #cur > 0 and total(cur, colw[stub]) + GAP + colw[j] > width then
          blocks[#blocks + 1] = cur
          cur = {}
        end
        cur[#cur + 1] = j
      end
      if #cur > 0 then blocks[#blocks + 1] = cur end
    end
  end

  local out = {}
  local function line(s) out[#out + 1] = (s:gsub("%s+$", "")) end
  local function esc(code, s) return color and ("\27[" .. code .. "m" .. s .. "\27[0m") or s end
  if t.title then for _, l in ipairs(wrap(t.title, width or math.huge)) do line(esc("1", l)) end end

  for b, set in ipairs(blocks) do
    if b > 1 then line("") end
    local order = { stub }
    for _, j in ipairs(set) do order[#order + 1] = j end
    local tw = total(set, colw[stub])
    -- header lines
    local hl, nh = {}, 1
    for k, j in ipairs(order) do
      hl[k] = wrap(cols[j].label, colw[j])
      nh = math.max(nh, #hl[k])
    end
    for li = 1, nh do
      local parts = {}
      for k, j in ipairs(order) do
        local lines = hl[k]
        local s = lines[li - (nh - #lines)] or "" -- bottom-aligned headers
        parts[k] = pad(s, colw[j], cols[j].align)
      end
      line(table.concat(parts, string.rep(" ", GAP)))
    end
    line(string.rep("─", tw))
    for _, r in ipairs(rows) do
      local lead = indent:rep(r.indent or 0)
      if r.kind == "header" then
        for _, l in ipairs(wrap(lead .. r.cells[stub].text, width and tw or math.huge)) do line(esc("1", l)) end
      else
        if r.kind == "total" then line(string.rep("─", tw)) end
        local stublines = wrap(lead .. r.cells[stub].text, colw[stub])
        for li, sl in ipairs(stublines) do
          local parts = { pad(sl, colw[stub], "left") }
          for k = 2, #order do
            local j = order[k]
            local cell = r.cells[j]
            local s = li == #stublines and cell.text or ""
            s = pad(s, colw[j], cols[j].align)
            if color and cell.band and li == #stublines and cell.text ~= "" and F.band[cell.band] then
              s = esc(F.band[cell.band].ansi .. ";30", s)
            end
            parts[k] = s
          end
          local l = table.concat(parts, string.rep(" ", GAP))
          line(r.kind == "total" and esc("1", l) or l)
        end
      end
    end
    line(string.rep("─", tw))
  end
  if t.truncated then line(string.format("... %d rows", t.truncated)) end
  for _, s in ipairs(t.notes) do for _, l in ipairs(wrap(s, width or math.huge)) do line(l) end end
  if t.source then for _, l in ipairs(wrap(t.source, width or math.huge)) do line(l) end end
  return table.concat(out, "\n") .. "\n"
end

R.render = render

return R
