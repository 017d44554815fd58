-- passend/toolkit/words.lua: quantity words for report sentences, as the sources write
-- them: 0.258 -> 'een kwart', 0.348 -> 'een derde', 0.44 -> 'bijna de helft',
-- 0.81 -> 'ruim 80%', 0.2 -> '1 op de 5' (seeds/003); Dutch and English.
local core = require "passend.core"
local doc = require "passend.doc"
local F = require "passend.data.frame"
local args = require "passend.args"

local M = {}

local FRACTIONS = {
  { 1 / 10, nl = "een tiende", en = "a tenth" },
  { 1 / 5, nl = "een vijfde", en = "a fifth" },
  { 1 / 4, nl = "een kwart", en = "a quarter" },
  { 1 / 3, nl = "een derde", en = "a third" },
  { 1 / 2, nl = "de helft", en = "half" },
  { 2 / 3, nl = "twee derde", en = "two thirds" },
  { 3 / 4, nl = "driekwart", en = "three quarters" },
}
local WORDS = {
  nl = { over = "ruim", under = "bijna", about = "ongeveer", none = "geen", all = "alle", ratio = "%d op de %d",
         almost_none = "bijna geen", almost_all = "bijna alle", of = "%d van de %d",
         more = "vaker %s dan %s", less = "minder vaak %s dan %s", same = "even vaak %s als %s",
         range = "%s (%s) tot %s (%s)" },
  en = { over = "over", under = "almost", about = "about", none = "none", all = "all", ratio = "%d in %d",
         almost_none = "almost none", almost_all = "almost all", of = "%d of the %d",
         more = "more often %s than %s", less = "less often %s than %s", same = "as often %s as %s",
         range = "%s (%s) to %s (%s)" },
}

local LANG = { "one_of", "nl", "en" }
local QUANTITY = args.spec{ lang = LANG, style = { "one_of", "auto", "fraction", "percent", "ratio" },
  step = { "number", above = 0 }, under_pp = { "number", min = 0 }, over_pp = { "number", min = 0 },
  exact = { "number", min = 0 }, under = { "number", min = 0 }, over = { "number", min = 0 },
  about = { "either", "boolean", { "number", min = 0 } } }
local LANG_ONLY = args.spec{ lang = LANG }
local COMPARE = args.spec{ lang = LANG, tolerance = { "number", min = 0 } }

local function lang_of(opts)
  local l = opts and opts.lang or "nl"
  if not WORDS[l] then error("quantity: lang must be \"nl\" or \"en\", got " .. tostring(l), 3) end
  return l
end

local function percent_words(p, w, opts)
  local x = 100 * p
  local step = opts.step or 10
  local lo = math.floor(x / step + 1e-9) * step
  local hi = lo + step
  local r = F.round(x, 0)
  if math.abs(x - lo) < 0.5 then return string.format("%d%%", lo) end
  if math.abs(hi - x) < 0.5 then return string.format("%d%%", hi) end
  if hi - x <= (opts.under_pp or 2) then return string.format("%s %d%%", w.under, hi) end
  if x - lo <= (opts.over_pp or 3) then return string.format("%s %d%%", w.over, lo) end
  return string.format("%d%%", r)
end

local function fraction_words(p, w, l, opts)
  local best, bd
  for _, f in ipairs(FRACTIONS) do
    local dd = math.abs(p - f[1])
    if not bd or dd < bd then best, bd = f, dd end
  end
  local exact_tol, under_tol, over_tol = opts.exact or 0.02, opts.under or 0.07, opts.over or 0.04
  if bd <= exact_tol then
    if opts.about and bd > (type(opts.about) == "number" and opts.about or 0.01) + 1e-9 then return w.about .. " " .. best[l] end
    return best[l]
  end
  if p < best[1] and best[1] - p <= under_tol then return w.under .. " " .. best[l] end
  if p > best[1] and p - best[1] <= over_tol then return w.over .. " " .. best[l] end
  return nil
end

M.quantity = doc.def("format.quantity", function(p, opts)
  opts = args.options("quantity", opts, QUANTITY)
  if type(p) ~= "number" or p ~= p then error("quantity: expected a proportion (number 0..1), got " .. tostring(p), 2) end
  if p < 0 or p > 1 then error("quantity: proportion " .. p .. " outside 0..1 (give 0.44, not 44)", 2) end
  local l = lang_of(opts)
  local w = WORDS[l]
  local style = opts.style or "auto"
  if p == 0 then return w.none end
  if p == 1 then return w.all end
  if style == "ratio" then
    local k = F.round(1 / p, 0)
    return string.format(w.ratio, 1, k)
  elseif style == "percent" then
    return percent_words(p, w, opts)
  elseif style == "fraction" or style == "auto" then
    if p < 0.03 then return w.almost_none end
    if p > 0.97 then return w.almost_all end
    local s = fraction_words(p, w, l, opts)
    if s then return s end
    if style == "fraction" then
      error(string.format("quantity: %.3f is not near a fraction; use style \"percent\"", p), 2)
    end
    return percent_words(p, w, opts)
  end
  error("quantity: style must be auto, fraction, percent or ratio, got " .. tostring(style), 2)
end, [==[
format.quantity(p [, opts]) -> string

Words for a proportion as report sentences write them. opts.style: "auto" (default: a simple
fraction when near one, else a percentage), "fraction" ('een kwart', 'een derde', 'bijna de
helft', 'ruim driekwart'), "percent" ('ruim 80%', 'bijna 50%', '44%'), "ratio" ('1 op de 5').
opts.lang = "nl" (default) or "en" ('a quarter', 'almost half', 'over 80%', '1 in 5').
With opts.about = true a fraction off by more than 0.01 (or opts.about) within opts.exact reads
'ongeveer een derde' (000: 17/54). Tolerances: opts.exact (0.02: plain fraction), opts.under (0.07: 'bijna'), opts.over (0.04:
'ruim'); percentages in steps of opts.step (10), 'ruim' up to opts.over_pp (3) points above a
step, 'bijna' up to opts.under_pp (2) below.
Examples: 0.258 -> een kwart; 0.348 -> een derde; 0.44 -> bijna de helft;
0.81 (percent) -> ruim 80%; 0.2 (ratio) -> 1 op de 5.]==], {
  options = QUANTITY, example = function() return 0.44, { lang = "nl" } end,
})

M.quantity_range = doc.def("format.quantity_range", function(parts, opts)
  opts = args.options("quantity_range", opts, QUANTITY)
  local l = lang_of(opts)
  if type(parts) ~= "table" or #parts < 2 then error("quantity_range: expected { {p, label}, {p, label}, ... }", 2) end
  local lo, hi = parts[1], parts[1]
  for _, pt in ipairs(parts) do
    if pt[1] < lo[1] then lo = pt end
    if pt[1] > hi[1] then hi = pt end
  end
  local a, b = M.quantity(lo[1], opts), M.quantity(hi[1], opts)
  if a == b then return string.format("%s (%s, %s)", a, lo[2], hi[2]) end
  return string.format(WORDS[l].range, a, lo[2], b, hi[2])
end, [==[
format.quantity_range(parts [, opts]) -> string

The span of a few groups' proportions in words, lowest first: quantity_range({ {17/66, "po"},
{23/66, "vo"} }) -> 'een kwart (po) tot een derde (vo)' (seeds/003). opts as in quantity().]==], {
  options = QUANTITY, example = function() return { { 17 / 66, "po" }, { 23 / 66, "vo" } }, {} end,
})

M.count_phrase = doc.def("format.count_phrase", function(k, n, opts)
  opts = args.options("count_phrase", opts, LANG_ONLY)
  return string.format(WORDS[lang_of(opts)].of, k, n)
end, [==[
format.count_phrase(k, n [, opts]) -> string

'16 van de 40' ('16 of the 40' with opts.lang = "en").]==], {
  options = LANG_ONLY, example = function() return 16, 40, { lang = "en" } end,
})

M.compare_phrase = doc.def("format.compare_phrase", function(a_label, a, b_label, b, opts)
  opts = args.options("compare_phrase", opts, COMPARE)
  local w = WORDS[lang_of(opts)]
  local tol = opts and opts.tolerance or 0
  if math.abs(a - b) <= tol then return string.format(w.same, a_label, b_label) end
  if a > b then return string.format(w.more, a_label, b_label) end
  return string.format(w.more, b_label, a_label)
end, [==[
format.compare_phrase(a_label, a, b_label, b [, opts]) -> string

Which group has more: compare_phrase("in het vo", 11, "in het po", 5) -> 'vaker in het vo dan in
het po'; within opts.tolerance -> 'even vaak ... als ...'.]==], {
  options = COMPARE, example = function() return "in het vo", 0.4, "in het po", 0.3, {} end,
})

return M
