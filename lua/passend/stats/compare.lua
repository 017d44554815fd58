-- passend/stats/compare.lua: compare(d, what, by, opts): the difference between two groups
-- or waves (e.g. meting 2023 - 2022) with its design-based se, interval and t test, as R's
-- svyttest(y ~ g, design).
local core = require "passend.core"
local doc = require "passend.doc"
local S = require "passend.stats.common"
local args = require "passend.args"

local M = {}
local NaN = S.NaN

local value_less = S.value_less

-- The outcome per row: a scale's score (mean of its valid items, reversed, at least
-- min_valid valid) or a numeric column with its missing codes.
local function outcome(d, what)
  if type(what) == "string" then
    local v, info = S.numeric("compare", d, what, "variable")
    local y = {}
    for i = 1, #d do y[i] = S.is_missing(v[i], info) and NaN or v[i] end
    return y, what, (info.label or "")
  end
  local sc = S.scale("compare", what)
  local cols = S.item_matrix("compare", d, sc)
  local minv = sc.min_valid or 1
  local y = {}
  for i = 1, #d do
    local s, k = 0, 0
    for j = 1, #cols do
      local x = cols[j][i]
      if x == x then s, k = s + x, k + 1 end
    end
    y[i] = k >= minv and k > 0 and s / k or NaN
  end
  return y, sc.name, sc.label
end

local SPEC = args.spec(S.DESIGN, { conf = { "number", above = 0, below = 1 }, levels = "list", within = "by",
  title = "string" })

M.compare = doc.def("compare", function(d, what, by, opts)
  S.check_dataset("compare", d)
  opts = S.options("compare", opts, SPEC, d)
  -- one outcome (a column, a scale) or a list of them
  if type(what) ~= "table" or getmetatable(what) or what.items then what = { what } end
  local gv = S.column("compare", d, by, "group column")
  -- the two levels: given (first, second) or the two values present, in order
  local levels = opts.levels
  if levels then
    if #levels ~= 2 then S.fail("compare", "levels must name two groups, got %d", #levels) end
  else
    local seen, list = {}, {}
    for i = 1, #d do
      local v = gv[i]
      if v ~= nil and v == v and not seen[v] then seen[v] = true; list[#list + 1] = v end
    end
    table.sort(list, value_less)
    if #list ~= 2 then
      local shown = {}
      for k, v in ipairs(list) do shown[k] = tostring(v) end
      S.fail("compare", "group column \"%s\" must have two values, has %d (%s); choose two with opts.levels",
        by, #list, table.concat(shown, ", "))
    end
    levels = list
  end
  local des = S.design("compare", d, opts)
  local conf = opts.conf or 0.95
  if type(conf) ~= "number" or conf <= 0 or conf >= 1 then S.fail("compare", "conf must lie between 0 and 1") end
  -- optional stratification of the comparison (e.g. per onderwijstype): one row per group
  local wnames, wrowg, wgroups = S.groups("compare", d, opts.within)
  local out = { scale = {}, label = {}, g1 = {}, g2 = {}, n1 = {}, n2 = {}, mean1 = {}, mean2 = {},
    diff = {}, se = {}, lo = {}, hi = {}, df = {}, t = {}, p = {} }
  local rows_group = {}
  local empty = false
  for g = 1, #wgroups do
    for _, x in ipairs(what) do
      local y, name, label = outcome(d, x)
      local gc = {}
      for i = 1, #d do
        local v = gv[i]
        local inw = wrowg == nil or wrowg[i] == g
        gc[i] = inw and (v == levels[1] and 1 or v == levels[2] and 2) or nil
        if gc[i] == false then gc[i] = nil end
      end
      local r, msg = core._svyttest(y, gc, des, conf)
      if not r then
        if #wnames == 0 or not msg:match("each of the two groups") then
          S.fail("compare", "%s: %s", name, msg)
        end
        -- within a group one wave may have no answers: no comparison for that row
        local n1, n2 = 0, 0
        for i = 1, #d do
          if gc[i] and y[i] == y[i] then
            if gc[i] == 1 then n1 = n1 + 1 else n2 = n2 + 1 end
          end
        end
        r = { n1 = n1, n2 = n2, mean1 = NaN, mean2 = NaN, diff = NaN, se = NaN, lo = NaN, hi = NaN,
          df = NaN, t = NaN, p = NaN }
        empty = true
      end
      local k = #out.scale + 1
      rows_group[k] = g
      out.scale[k], out.label[k] = name, label
      out.g1[k], out.g2[k] = tostring(levels[1]), tostring(levels[2])
      out.n1[k], out.n2[k], out.mean1[k], out.mean2[k] = r.n1, r.n2, r.mean1, r.mean2
      out.diff[k], out.se[k], out.lo[k], out.hi[k] = r.diff, r.se, r.lo, r.hi
      out.df[k], out.t[k], out.p[k] = r.df, r.t, r.p
    end
  end
  local cols = {}
  S.by_columns(cols, wnames, rows_group, wgroups)
  for _, c in ipairs({ "scale", "label", "g1", "g2", "n1", "n2", "mean1", "mean2", "diff", "se",
    "lo", "hi", "df", "t", "p" }) do
    cols[#cols + 1] = { c, out[c] }
  end
  local settings = S.design_settings(opts)
  settings.conf = conf
  local notes = { string.format("Verschil = groep 2 - groep 1; %s%%-betrouwbaarheidsinterval en t-toets "
    .. "met df = aantal PSU's - aantal strata - 1 (als R's svyttest).", S.num(conf * 100, 0)) }
  if empty then notes[2] = "Geen vergelijking waar een van beide groepen geen geldige antwoorden heeft." end
  -- one comparison: its difference and test are the key figures
  local key
  if #out.scale == 1 then
    key = { { label = { nl = "verschil", en = "difference" }, value = out.diff[1], decimals = 3 },
      { label = "t", value = out.t[1], decimals = 3 }, { label = "df", value = out.df[1] },
      { label = "p", value = out.p[1], p = true } }
  end
  local dw_nl, dw_en = S.design_words(opts, "nl"), S.design_words(opts, "en")
  return S.result(cols, {
    kind = "compare", by = by, within = wnames, levels = { levels[1], levels[2] }, settings = settings,
    key = key,
    method = {
      nl = "Design-based t-toets als R's svyttest(y ~ g, design): Taylor-linearisatie, df = PSU's - strata - 1; "
        .. (dw_nl and ("design: " .. dw_nl) or "ongewogen, zonder clusters") .. ".",
      en = "Design-based t-test as R's svyttest(y ~ g, design): Taylor linearisation, df = PSUs - strata - 1; "
        .. (dw_en and ("design: " .. dw_en) or "unweighted, no clusters") .. ".",
    },
    title = opts.title or string.format("Verschil %s - %s", tostring(levels[2]), tostring(levels[1])),
    labels = { g1 = "Groep 1", g2 = "Groep 2", mean1 = "Gem. 1", mean2 = "Gem. 2", diff = "Verschil",
      lo = "Onder", hi = "Boven" },
    decimals = { mean1 = 2, mean2 = 2, diff = 2, se = 3, lo = 2, hi = 2, t = 2, p = 3, df = 0 },
    notes = notes,
  })
end, [[
compare(d, scale_or_var, by [, opts])  compare(d, {s1, s2, ...}, by [, opts])

The difference between two groups or waves (by: a column with two values, e.g. "meting"; or
choose two with opts.levels = {"2022", "2023"}) of a scale score (mean of the respondent's valid
items) or a numeric column: per scale n1, n2, mean1, mean2, diff = mean2 - mean1, se, lo, hi
(opts.conf, default 0.95), df, t and p, computed as R's svyttest(y ~ g, design) with
design = svydesign(ids = ~cluster, strata = ~strata, weights = ~weight): Taylor-linearised se
over the whole design (groups are domains), df = PSUs - strata - 1, t distribution.
opts: weight, cluster, strata, fpc, lonely_psu ("adjust" default, "average", "certainty",
"remove", "fail"); a weight made by rake()/poststratify() is used as a calibrated design; within (column(s): one comparison per group, e.g. per onderwijstype), title.]], {
  options = SPEC,
  example = function()
    return require("passend.sample").data(), "cijfer", "meting", { weight = "gewicht", cluster = "swv", strata = "stratum" }
  end,
})

return M
