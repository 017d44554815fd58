-- passend/format/svg.lua: charts as SVG, without external tools. Deterministic (the same
-- data give the same bytes), valid XML, and readable without colour: band regions are named
-- in text and bounded by their cut points, marks are black, values are written out.
--   chart.dots(d, opts)    scale scores as dots with 95% whiskers on the band background
--   chart.spread(d, opts)  one sorted bar per unit (samenwerkingsverband), mean marked
--   chart.bars(d, opts)    horizontal bars of a frequency table
-- d:write("x.svg", {chart = "dots"|"spread"|"bars", ...}); without `chart` an estimate result
-- (or any dataset with lo and hi) draws dots, anything else bars.
local core = require "passend.core"
local docs = require "passend.doc"
local F = require "passend.format.layout"
local args = require "passend.args"

local R = {}

local chart = {}   -- the public chart functions (they check their options)
local impl = {}    -- what draws (d:write("x.svg") calls these with options checked by passend.io)
R.chart = chart

-- The charts' options (passend.args entries); value, lo, hi, label and group name columns.
R.OPTIONS = {
  chart = { "one_of", "dots", "spread", "bars" }, value = "column", lo = "column", hi = "column", label = "column",
  group = "column", points = { "one_of", 3, 5 }, cuts = "list", title = "string", desc = "string",
  lang = { "one_of", "nl", "en" }, decimals = { "either", "count", "table" }, percent = "boolean",
  mean = "number", max = "number", xlabel = "string", label_width = { "count", min = 1 },
  plot_width = { "count", min = 1 }, plot_height = { "count", min = 1 },
}
local CHART = args.spec(R.OPTIONS)

local function esc(s)
  return (tostring(s):gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end
-- coordinates: fixed 2 decimals, never through the C locale
local function c(x) return core._numstr(x, 2, ".", "") end

local FONT = 'font-family="Arial, Helvetica, sans-serif"'
local CHAR = 6.4 -- average glyph width at 12px, for layout only

local function open_svg(w, h, title, desc)
  local out = {
    string.format('<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" %s font-size="12">',
      c(w), c(h), c(w), c(h), FONT),
    "<title>" .. esc(title or "") .. "</title>",
  }
  if desc then out[#out + 1] = "<desc>" .. esc(desc) .. "</desc>" end
  out[#out + 1] = '<rect x="0" y="0" width="' .. c(w) .. '" height="' .. c(h) .. '" fill="#ffffff"/>'
  return out
end
local function add(out, s) out[#out + 1] = s end
local function text(out, x, y, s, attrs)
  add(out, string.format('<text x="%s" y="%s"%s>%s</text>', c(x), c(y), attrs and (" " .. attrs) or "", esc(s)))
end
local function finish(out) add(out, "</svg>"); return table.concat(out, "\n") .. "\n" end

local function find_col(d, want, typ)
  local present = {}
  for _, n in ipairs(d.columns) do present[n] = true end
  if want then
    if not present[want] then error(string.format("chart: no column %q in the dataset", want), 3) end
    return want
  end
  if typ then
    for _, n in ipairs(d.columns) do
      if n:sub(1, 1) ~= "_" and (d:info(n) or {}).type == typ then return n end
    end
  end
end

local function lang_of(d, opts) return opts.lang or (F.meta_of(d).lang) or F.settings.lang end

-- Band cut points per number of points: {lo, c1, c2, c3, hi} (the report's Figuur 1.1/1.2).
chart.cuts = { [5] = { 1, 3, 3.5, 4.25, 5 }, [3] = { 1, 2, 2.5, 2.75, 3 } }

local function labels_of(d, opts, n)
  local meta = F.meta_of(d)
  local labcol = opts.label
  if not labcol then
    local present = {}
    for _, x in ipairs(d.columns) do present[x] = true end
    labcol = (meta.kind == "estimate" and present.label and "label") or find_col(d, nil, "text")
  end
  local labs = labcol and F.column_values(d, labcol, n) or {}
  local extra = {}
  if meta.kind == "estimate" and not opts.label then
    -- estimate rows: group columns and the scale name make the label
    for _, b in ipairs(meta.by or {}) do extra[#extra + 1] = F.column_values(d, b, n) end
    local sc = F.column_values(d, "scale", n)
    for i = 1, n do
      local parts = {}
      for _, e in ipairs(extra) do if e[i] ~= nil then parts[#parts + 1] = tostring(e[i]) end end
      local l = labs[i]
      if l == nil or l == "" then l = sc[i] end
      parts[#parts + 1] = l
      labs[i] = table.concat(parts, " · ")
    end
  end
  for i = 1, n do if labs[i] == nil then labs[i] = tostring(i) end end
  return labs
end

function impl.dots(d, opts)
  opts = opts or {}
  local n = #d
  local lang = lang_of(d, opts)
  local W = F.words_for(lang)
  local meta = F.meta_of(d)
  local vcol = find_col(d, opts.value or "mean")
  local locol, hicol = find_col(d, opts.lo or "lo"), find_col(d, opts.hi or "hi")
  local vals, los, his = F.column_values(d, vcol, n), F.column_values(d, locol, n), F.column_values(d, hicol, n)
  local shown = nil
  for _, x in ipairs(d.columns) do if x == "shown" then shown = F.column_values(d, "shown", n) end end
  local flags = nil
  for _, x in ipairs(d.columns) do if x == "flag" then flags = F.column_values(d, "flag", n) end end
  local labs = labels_of(d, opts, n)
  local points = opts.points
  if not points then
    for _, x in ipairs(d.columns) do
      if x == "points" then
        for _, p in ipairs(F.column_values(d, "points", n)) do points = p; break end
      end
    end
  end
  points = points or 5
  local cuts = opts.cuts or chart.cuts[points] or { 1, points }
  local xmin, xmax = cuts[1], cuts[#cuts]
  local labw = 0
  for i = 1, n do labw = math.max(labw, core._dispwidth(labs[i]) * CHAR) end
  labw = math.min(math.max(labw, 60), opts.label_width or 360) + 16
  local plotw = opts.plot_width or 420
  local rowh, top = 24, (opts.title or meta.title) and 58 or 36
  local h = top + n * rowh + 44
  local w = labw + plotw + 60
  local function X(v) return labw + (v - xmin) / (xmax - xmin) * plotw end
  local title = opts.title or meta.title
  local out = open_svg(w, h, title or "", opts.desc)
  if title then text(out, 8, 20, title, 'font-weight="bold" font-size="14"') end
  local y0, y1 = top, top + n * rowh
  -- band background with names and cut points (readable without colour)
  if #cuts == 5 then
    for b = 1, 4 do
      local band = F.bands[b]
      add(out, string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="#%s" fill-opacity="0.55" stroke="#999999" stroke-width="0.5"/>',
        c(X(cuts[b])), c(y0), c(X(cuts[b + 1]) - X(cuts[b])), c(y1 - y0), band.fill))
      text(out, (X(cuts[b]) + X(cuts[b + 1])) / 2, y0 - 6, W.bands[band.id], 'text-anchor="middle" font-size="10"')
    end
  end
  -- axis with ticks at the whole points and the cut points
  add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000"/>', c(X(xmin)), c(y1), c(X(xmax)), c(y1)))
  local ticks, seen = {}, {}
  for v = math.ceil(xmin), math.floor(xmax) do ticks[#ticks + 1] = v end
  for _, v in ipairs(cuts) do ticks[#ticks + 1] = v end
  table.sort(ticks)
  for _, v in ipairs(ticks) do
    if not seen[v] then
      seen[v] = true
      add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000"/>', c(X(v)), c(y1), c(X(v)), c(y1 + 4)))
      text(out, X(v), y1 + 16, F.number(v, nil, lang), 'text-anchor="middle" font-size="10"')
    end
  end
  -- one row per estimate: label, whisker, dot, value
  for i = 1, n do
    local y = y0 + (i - 0.5) * rowh
    text(out, labw - 8, y + 4, labs[i], 'text-anchor="end"')
    local v, lo, hi = vals[i], los[i], his[i]
    if v ~= nil and v == v and not (shown and shown[i] == 0) then
      local clamp = function(x) return math.max(xmin, math.min(xmax, x)) end
      if lo and hi and lo == lo and hi == hi then
        add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000" stroke-width="1.5"/>', c(X(clamp(lo))), c(y), c(X(clamp(hi))), c(y)))
        for _, e in ipairs({ lo, hi }) do
          add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000" stroke-width="1.5"/>', c(X(clamp(e))), c(y - 5), c(X(clamp(e))), c(y + 5)))
        end
      end
      add(out, string.format('<circle cx="%s" cy="%s" r="4.5" fill="#000000"/>', c(X(clamp(v))), c(y)))
      local lab = F.number(v, opts.decimals or 1, lang) .. (flags and flags[i] or "")
      text(out, X(xmax) + 8, y + 4, lab)
    else
      text(out, X(xmax) + 8, y + 4, "–")
    end
  end
  text(out, X(xmin), h - 8, lang == "en" and "Dots: estimate; whiskers: 95% interval" or "Stip: schatting; lijn: 95%-betrouwbaarheidsinterval", 'font-size="10"')
  return finish(out)
end
chart.dots = docs.def("format.chart.dots", function(d, opts)
  return impl.dots(d, args.options("chart.dots", opts, CHART, d))
end, [[
format.chart.dots(d, opts) -> svg text

Scale scores as dots with 95% interval whiskers on the report's band background (band names
and cut points written on the chart). d: an estimate() result or any dataset with value, lo
and hi columns (opts.value, opts.lo, opts.hi; defaults mean, lo, hi), labels from opts.label
(default: by-columns and scale label). opts: points (5 or 3), cuts, title, lang, decimals.]], {
  options = CHART,
  example = function()
    local s = require "passend.sample"
    return require("passend.stats").estimate(s.data(), "vraag1", { by = "sector" }), { points = 5, lang = "en" }
  end,
})

function impl.spread(d, opts)
  opts = opts or {}
  local n = #d
  local lang = lang_of(d, opts)
  local meta = F.meta_of(d)
  local vcol = find_col(d, opts.value, "number")
  if not vcol then error("chart.spread: no number column to draw (give opts.value)", 2) end
  local vals = F.column_values(d, vcol, n)
  local gcol = opts.group and find_col(d, opts.group)
  local gvals = gcol and F.column_values(d, gcol, n) or {}
  -- panels in order of first appearance (one panel without opts.group)
  local panels, by = {}, {}
  for i = 1, n do
    local v = vals[i]
    if v ~= nil and v == v then
      local g = gcol and tostring(gvals[i] == nil and "" or gvals[i]) or ""
      if not by[g] then by[g] = { name = g, items = {} }; panels[#panels + 1] = by[g] end
      local items = by[g].items
      items[#items + 1] = v
    end
  end
  if #panels == 0 then error("chart.spread: column " .. vcol .. " has no values", 2) end
  local vmin, vmax = 0, opts.max
  for _, p in ipairs(panels) do
    table.sort(p.items)
    local sum = 0
    for _, v in ipairs(p.items) do sum = sum + v end
    p.mean = opts.mean or sum / #p.items
    vmin = math.min(vmin, p.items[1])
    if not opts.max then vmax = math.max(vmax or p.items[#p.items], p.items[#p.items]) end
  end
  if vmax <= vmin then vmax = vmin + 1 end
  local suffix = opts.percent and "%" or ""
  local dec = opts.decimals or 1
  local title = opts.title or meta.title
  local ploth = opts.plot_height or 220
  local left, top = 56, (title and 40 or 16) + (gcol and 18 or 0)
  local function Y(v) return top + ploth - (v - vmin) / (vmax - vmin) * ploth end
  local widths, w = {}, 0
  for k, p in ipairs(panels) do
    widths[k] = opts.plot_width or math.max(300, math.min(900, #p.items * 8))
    w = w + left + widths[k] + 130
  end
  local h = top + ploth + 48
  local out = open_svg(w, h, title or "", opts.desc)
  if title then text(out, 8, 20, title, 'font-weight="bold" font-size="14"') end
  local x0 = 0
  for k, p in ipairs(panels) do
    local plotw, items, L = widths[k], p.items, x0 + left
    if gcol then text(out, L + plotw / 2, top - 8, p.name, 'text-anchor="middle" font-weight="bold"') end
    -- y axis with 5 ticks
    add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000"/>', c(L), c(top), c(L), c(top + ploth)))
    add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000"/>', c(L), c(top + ploth), c(L + plotw), c(top + ploth)))
    for t = 0, 4 do
      local v = vmin + (vmax - vmin) * t / 4
      add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000"/>', c(L - 4), c(Y(v)), c(L), c(Y(v))))
      text(out, L - 6, Y(v) + 4, F.number(v, dec, lang) .. suffix, 'text-anchor="end" font-size="10"')
    end
    local bw = plotw / #items
    for i, v in ipairs(items) do
      local x = L + (i - 1) * bw
      add(out, string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="#7f7f7f" stroke="#000000" stroke-width="0.3"/>',
        c(x + bw * 0.1), c(Y(v)), c(bw * 0.8), c(Y(vmin) - Y(v))))
    end
    -- the mean: dashed line with its value written
    add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000" stroke-width="1.5" stroke-dasharray="6 3"/>',
      c(L), c(Y(p.mean)), c(L + plotw), c(Y(p.mean))))
    text(out, L + plotw + 6, Y(p.mean) + 4, (lang == "en" and "mean " or "gemiddeld ") .. F.number(p.mean, dec, lang) .. suffix)
    local xl = opts.xlabel or string.format(lang == "en" and "%d units, sorted" or "%d eenheden, gesorteerd", #items)
    text(out, L + plotw / 2, h - 12, xl, 'text-anchor="middle" font-size="11"')
    x0 = x0 + left + plotw + 130
  end
  return finish(out)
end
chart.spread = docs.def("format.chart.spread", function(d, opts)
  return impl.spread(d, args.options("chart.spread", opts, CHART, d))
end, [[
format.chart.spread(d, opts) -> svg text

Distribution across units (e.g. samenwerkingsverbanden): one bar per row, sorted, with the
mean as a dashed line and its value written (as the referral figure in seeds/003).
opts: value (column; default the first number column), group (a column: one panel per value,
side by side on one scale, e.g. bo and vo), percent (add %), decimals, title, xlabel, mean
(override), max, lang.]], {
  options = CHART,
  example = function() return require("passend.sample").data(), { value = "cijfer", group = "sector" } end,
})

function impl.bars(d, opts)
  opts = opts or {}
  local n = #d
  local lang = lang_of(d, opts)
  local meta = F.meta_of(d)
  local labcol = find_col(d, opts.label, "text")
  local value = opts.value
  if not value then
    local present = {}
    for _, x in ipairs(d.columns) do present[x] = true end
    value = (present.pct and "pct") or (present.percent and "percent") or (present.n and "n") or find_col(d, nil, "number")
  end
  local vcol = find_col(d, value)
  if not vcol then error("chart.bars: no number column to draw (give opts.value)", 2) end
  local vals = F.column_values(d, vcol, n)
  local labs = labcol and F.column_values(d, labcol, n) or {}
  local info = labcol and d:info(labcol) or {}
  -- total and header rows of a frequency table are not bars
  local kinds = nil
  for _, x in ipairs(d.columns) do if x == "_kind" then kinds = F.column_values(d, "_kind", n) end end
  if kinds then
    local v2, l2, m = {}, {}, 0
    for i = 1, n do
      if kinds[i] ~= "total" and kinds[i] ~= "header" then m = m + 1; v2[m], l2[m] = vals[i], labs[i] end
    end
    vals, labs, n = v2, l2, m
  end
  local vmax = opts.max or 0
  for i = 1, n do if vals[i] and vals[i] == vals[i] then vmax = math.max(vmax, vals[i]) end end
  if vmax <= 0 then vmax = 1 end
  local pct = opts.percent
  if pct == nil then pct = vcol == "pct" or vcol == "percent" end
  local dec = opts.decimals or (pct and 0 or F.layout(d, { columns = { vcol }, lang = lang }).columns[1].decimals)
  local labw = 0
  for i = 1, n do
    local l = labs[i]
    if type(l) == "number" and info.value_labels then l = info.value_labels[l] or l end
    labs[i] = l ~= nil and tostring(l) or ""
    labw = math.max(labw, core._dispwidth(labs[i]) * CHAR)
  end
  labw = math.min(math.max(labw, 40), opts.label_width or 300) + 14
  local plotw, rowh = opts.plot_width or 360, 22
  local title = opts.title or meta.title
  local top = title and 36 or 10
  local w, h = labw + plotw + 70, top + n * rowh + 14
  local out = open_svg(w, h, title or "", opts.desc)
  if title then text(out, 8, 20, title, 'font-weight="bold" font-size="14"') end
  add(out, string.format('<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#000000"/>', c(labw), c(top), c(labw), c(top + n * rowh)))
  for i = 1, n do
    local y = top + (i - 1) * rowh
    text(out, labw - 6, y + rowh / 2 + 4, labs[i], 'text-anchor="end"')
    local v = vals[i]
    if v ~= nil and v == v then
      local bw = math.max(0, v) / vmax * plotw
      add(out, string.format('<rect x="%s" y="%s" width="%s" height="%s" fill="#7f7f7f" stroke="#000000" stroke-width="0.3"/>',
        c(labw), c(y + 3), c(bw), c(rowh - 6)))
      text(out, labw + bw + 5, y + rowh / 2 + 4, F.number(v, dec, lang) .. (pct and "%" or ""))
    end
  end
  return finish(out)
end
chart.bars = docs.def("format.chart.bars", function(d, opts)
  return impl.bars(d, args.options("chart.bars", opts, CHART, d))
end, [[
format.chart.bars(d, opts) -> svg text

Horizontal bars of a frequency table, one per row, value written at the bar's end.
opts: label (text column; default the first), value (default pct, percent, n or the first
number column), percent, decimals, max, title, lang.]], {
  options = CHART,
  example = function() return require("passend.stats").freq(require("passend.sample").data(), "vraag1"), { value = "pct", percent = true } end,
})

local function render(d, opts)
  local kind = opts.chart
  if not kind then
    local present = {}
    for _, x in ipairs(d.columns) do present[x] = true end
    kind = (present.lo and present.hi) and "dots" or "bars"
  end
  local f = impl[kind]
  if type(f) ~= "function" then
    error(string.format("svg: unknown chart %q (dots, spread, bars)", tostring(kind)), 3)
  end
  return f(d, opts)
end

R.render = render

return R
