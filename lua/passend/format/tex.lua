-- passend/format/tex.lua: a LaTeX table with booktabs rules and xcolor cell colours.
-- Needs \usepackage{booktabs} and \usepackage[table]{xcolor}; standalone = true writes a
-- complete document (UTF-8). Band cells get \cellcolor and the band mark in small text.
local core = require "passend.core"
local F = require "passend.format.layout"

local R = {}

local tex_esc = { ["\\"] = "\\textbackslash{}", ["&"] = "\\&", ["%"] = "\\%", ["$"] = "\\$",
  ["#"] = "\\#", ["_"] = "\\_", ["{"] = "\\{", ["}"] = "\\}", ["~"] = "\\textasciitilde{}",
  ["^"] = "\\textasciicircum{}" }
local function esc(s) return (tostring(s):gsub("[\\&%%$#_{}~^]", tex_esc)) end
R.escape = esc

local function render(d, opts)
  local t = F.layout(d, opts)
  local W = t.words
  local out = {}
  if opts.standalone then
    out[#out + 1] = "\\documentclass{article}"
    out[#out + 1] = "\\usepackage[utf8]{inputenc}"
    out[#out + 1] = "\\usepackage[T1]{fontenc}"
    out[#out + 1] = "\\usepackage{booktabs}"
    out[#out + 1] = "\\usepackage[table]{xcolor}"
    out[#out + 1] = "\\begin{document}"
  end
  for _, b in ipairs(F.bands) do
    out[#out + 1] = string.format("\\definecolor{passend%s}{HTML}{%s}", b.id, b.fill)
  end
  out[#out + 1] = "\\begin{table}[htbp]"
  out[#out + 1] = "\\centering"
  if t.title then out[#out + 1] = "{\\bfseries " .. esc(t.title) .. "}\\par\\smallskip" end
  local spec = {}
  for j, c in ipairs(t.columns) do spec[j] = (j == t.stub or c.align ~= "right") and "l" or "r" end
  out[#out + 1] = "\\begin{tabular}{" .. table.concat(spec) .. "}"
  out[#out + 1] = "\\toprule"
  local head = {}
  for j, c in ipairs(t.columns) do head[j] = esc(c.label) end
  out[#out + 1] = table.concat(head, " & ") .. " \\\\"
  out[#out + 1] = "\\midrule"
  for _, r in ipairs(t.rows) do
    local lead = (r.indent or 0) > 0 and string.format("\\hspace{%.1fem}", r.indent) or ""
    if r.kind == "header" then
      out[#out + 1] = string.format("\\multicolumn{%d}{l}{%s\\textbf{%s}} \\\\", #t.columns, lead, esc(r.cells[t.stub].text))
    else
      if r.kind == "total" then out[#out + 1] = "\\midrule" end
      local cells = {}
      for j, c in ipairs(r.cells) do
        local s = esc(c.text)
        if j == t.stub then s = lead .. s end
        if c.band and F.band[c.band] and c.text ~= "" then
          s = string.format("\\cellcolor{passend%s}%s\\,{\\tiny %s}", c.band, s, W.marks[c.band])
        end
        if r.kind == "total" and s ~= "" then s = "\\textbf{" .. s .. "}" end
        cells[j] = s
      end
      out[#out + 1] = table.concat(cells, " & ") .. " \\\\"
    end
  end
  out[#out + 1] = "\\bottomrule"
  out[#out + 1] = "\\end{tabular}"
  local foot = {}
  for _, s in ipairs(t.notes) do foot[#foot + 1] = esc(s) end
  if #t.bands > 0 then
    local keys = {}
    for _, id in ipairs(t.bands) do keys[#keys + 1] = W.marks[id] .. " = " .. esc(W.bands[id]) end
    foot[#foot + 1] = esc(W.legend) .. ": " .. table.concat(keys, ", ")
  end
  if t.source then foot[#foot + 1] = esc(t.source) end
  if #foot > 0 then
    out[#out + 1] = "\\par\\smallskip{\\footnotesize"
    out[#out + 1] = table.concat(foot, "\\\\\n") .. "}"
  end
  out[#out + 1] = "\\end{table}"
  if opts.standalone then out[#out + 1] = "\\end{document}" end
  return table.concat(out, "\n") .. "\n"
end

R.render = render

return R
