-- passend/format/html.lua: one self-contained HTML file (no scripts, no external files).
-- Band cells are coloured and carry the band as text too: a short visible mark (R, G, LG,
-- DG), the full word in the title attribute and as visually hidden text for screen readers,
-- and a legend under the table. Notes (the * note in the report's words), the Bron: line and
-- print CSS that keeps the colours and keeps tables on one page where possible.
local core = require "passend.core"
local F = require "passend.format.layout"

local R = {}

local function esc(s)
  return (tostring(s):gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end
R.escape = esc

R.css = [[
body { font-family: "Segoe UI", Arial, sans-serif; font-size: 11pt; color: #000; margin: 2em; }
table.passend { border-collapse: collapse; margin: 1em 0 0.3em 0; }
table.passend caption { text-align: left; font-weight: bold; padding-bottom: 0.4em; }
table.passend th, table.passend td { padding: 0.2em 0.6em; border-bottom: 1px solid #ccc; vertical-align: top; }
table.passend thead th { border-bottom: 2px solid #000; text-align: left; }
table.passend thead th.num { text-align: right; }
table.passend td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.passend th[scope=row] { text-align: left; font-weight: normal; }
table.passend tr.header th { font-weight: bold; background: #f2f2f2; }
table.passend tr.total th, table.passend tr.total td { font-weight: bold; border-top: 2px solid #000; }
.band-rood { background: #F4A09A; } .band-geel { background: #FFE58A; }
.band-lichtgroen { background: #C5E5B4; } .band-donkergroen { background: #6DBE7D; }
.mark { font-size: 70%; color: #222; margin-left: 0.35em; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
p.notes, p.source, p.legend { margin: 0.1em 0; font-size: 90%; }
p.legend span.key { display: inline-block; padding: 0 0.4em; margin-right: 0.3em; border: 1px solid #999; }
nav.toc ol { padding-left: 1.2em; }
section.table { margin-bottom: 2em; }
@media print {
  body { margin: 0; font-size: 9pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.table { break-inside: avoid; page-break-inside: avoid; }
  nav.toc { page-break-after: always; }
  a { color: inherit; text-decoration: none; }
}
]]

local function indent_style(r)
  if (r.indent or 0) > 0 then return string.format(' style="padding-left:%.1fem"', 0.6 + 1.2 * r.indent) end
  return ""
end

-- The table of a layout as an HTML fragment (section with table, notes, legend, source).
function R.table(t, id)
  local W = t.words
  local out = {}
  local ncol = #t.columns
  out[#out + 1] = string.format('<section class="table"%s>', id and (' id="' .. esc(id) .. '"') or "")
  out[#out + 1] = '<table class="passend">'
  if t.title then out[#out + 1] = "<caption>" .. esc(t.title) .. "</caption>" end
  local head = {}
  for j, c in ipairs(t.columns) do
    head[j] = string.format('<th scope="col"%s>%s</th>', (j ~= t.stub and c.align == "right") and ' class="num"' or "", esc(c.label))
  end
  out[#out + 1] = "<thead><tr>" .. table.concat(head) .. "</tr></thead>"
  out[#out + 1] = "<tbody>"
  for _, r in ipairs(t.rows) do
    if r.kind == "header" then
      out[#out + 1] = string.format('<tr class="header"><th colspan="%d" scope="rowgroup"%s>%s</th></tr>',
        ncol, indent_style(r), esc(r.cells[t.stub].text))
    else
      local cells = {}
      for j, c in ipairs(r.cells) do
        if j == t.stub then
          cells[j] = string.format('<th scope="row"%s>%s</th>', indent_style(r), esc(c.text))
        else
          local cls = t.columns[j].align == "right" and "num" or nil
          local extra = ""
          local b = c.band and F.band[c.band]
          if b and c.text ~= "" then
            cls = (cls and cls .. " " or "") .. "band-" .. b.id
            local word = W.bands[b.id]
            extra = string.format(' title="%s"', esc(word))
            c = { text = esc(c.text) .. string.format('<span class="mark" aria-hidden="true">%s</span><span class="sr"> (%s)</span>', W.marks[b.id], esc(word)) }
          else
            c = { text = esc(c.text) }
          end
          if r.cells[j].state ~= "" then cls = (cls and cls .. " " or "") .. r.cells[j].state:gsub("_", "-") end
          cells[j] = string.format("<td%s%s>%s</td>", cls and (' class="' .. cls .. '"') or "", extra, c.text)
        end
      end
      out[#out + 1] = (r.kind == "total" and '<tr class="total">' or "<tr>") .. table.concat(cells) .. "</tr>"
    end
  end
  out[#out + 1] = "</tbody>"
  out[#out + 1] = "</table>"
  for _, s in ipairs(t.notes) do out[#out + 1] = '<p class="notes">' .. esc(s) .. "</p>" end
  if #t.bands > 0 then
    local keys = {}
    for _, id in ipairs(t.bands) do
      keys[#keys + 1] = string.format('<span class="key band-%s">%s</span>%s', id, W.marks[id], esc(W.bands[id]))
    end
    out[#out + 1] = '<p class="legend">' .. esc(W.legend) .. ": " .. table.concat(keys, " ") .. "</p>"
  end
  if t.source then out[#out + 1] = '<p class="source">' .. esc(t.source) .. "</p>" end
  if t.truncated then out[#out + 1] = string.format("<p>... %d rows</p>", t.truncated) end
  out[#out + 1] = "</section>"
  return table.concat(out, "\n")
end

function R.page(title, lang, body)
  return table.concat({
    "<!DOCTYPE html>",
    string.format('<html lang="%s">', esc(lang or "nl")),
    "<head>",
    '<meta charset="utf-8"/>',
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
    "<title>" .. esc(title or "passend") .. "</title>",
    "<style>", R.css .. "</style>",
    "</head>",
    "<body>",
    body,
    "</body>",
    "</html>", "" }, "\n")
end

local function render(d, opts)
  local t = F.layout(d, opts)
  if opts.fragment then return R.table(t) .. "\n" end
  return R.page(t.title, t.lang, R.table(t))
end

R.render = render

return R
