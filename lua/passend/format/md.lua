-- passend/format/md.lua: GitHub-flavoured Markdown tables.
-- Title as a bold line, header rows bold in the first column, notes and source below.
local core = require "passend.core"
local F = require "passend.format.layout"

local R = {}

local function esc(s)
  s = s:gsub("\\", "\\\\"):gsub("|", "\\|"):gsub("\n", " ")
  return s
end

-- A note or source line as a paragraph; a leading * would start a list or emphasis.
local function para(s)
  s = s:gsub("\\", "\\\\"):gsub("[*_]", "\\%0")
  return s
end

local function render(d, opts)
  local t = F.layout(d, opts)
  local out = {}
  if t.title then out[#out + 1] = "**" .. esc(t.title) .. "**"; out[#out + 1] = "" end
  local head, rule = {}, {}
  for j, c in ipairs(t.columns) do
    head[j] = esc(c.label)
    rule[j] = c.align == "right" and "---:" or ":---"
  end
  out[#out + 1] = "| " .. table.concat(head, " | ") .. " |"
  out[#out + 1] = "|" .. table.concat(rule, "|") .. "|"
  for _, r in ipairs(t.rows) do
    local cells = {}
    for j, c in ipairs(r.cells) do
      local s = esc(c.text)
      if j == t.stub then
        if (r.indent or 0) > 0 then s = string.rep("&nbsp;&nbsp;", r.indent) .. s end
        if (r.kind == "header" or r.kind == "total") and s ~= "" then s = "**" .. s .. "**" end
      end
      cells[j] = s
    end
    out[#out + 1] = ("| " .. table.concat(cells, " | ") .. " |"):gsub("  +|", " |")
  end
  if t.truncated then out[#out + 1] = ""; out[#out + 1] = string.format("... %d rows", t.truncated) end
  if #t.notes > 0 or t.source then out[#out + 1] = "" end
  for _, s in ipairs(t.notes) do out[#out + 1] = para(s) .. "  " end
  if t.source then out[#out + 1] = para(t.source) end
  return table.concat(out, "\n"):gsub("  $", "") .. "\n"
end

R.render = render

return R
