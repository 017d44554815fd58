-- passend/stats/estimate.lua: estimate(d, what, opts) and indicator{...}.
-- The numbers come from the C kernels (src/kernel/svy.c through src/lua/lestimate.c); this file
-- resolves arguments, applies the monitor rules (passend/rules) and builds the
-- result dataset described in docs/method.md.
local core = require "passend.core"
local doc = require "passend.doc"
local rules = require "passend.rules"
local scale = require "passend.data.scale"
local grouping = require "passend.stats.grouping"

local args = require "passend.args"

local M = {}
local resolve_by = grouping.resolve_by
local has_column = args.has_column

local NaN = 0 / 0

---------------------------------------------------------------------------
-- indicators defined in Lua

local Indicator = { __name = "passend.Indicator" }
Indicator.__index = Indicator
M.Indicator = Indicator

function Indicator.__tostring(i) return "indicator " .. i.name end

local INDICATOR = args.spec{ name = "string", compute = "function", points = { "one_of", 3, 5 }, label = "string" }

M.indicator = doc.def("stats.indicator", function(t)
  if type(t) ~= "table" then error("indicator{...}: expected a table", 2) end
  args.fields("indicator", t, INDICATOR, 1)
  local name = t[1] or t.name
  if type(name) ~= "string" or name == "" then error("indicator{...}: the first entry must be its name", 2) end
  if type(t.compute) ~= "function" then error("indicator \"" .. name .. "\": compute must be a function(group)", 2) end
  if t.points ~= nil and (math.type(t.points) ~= "integer" or t.points < 2 or t.points > scale.MAX_POINTS) then
    error(string.format("indicator \"%s\": points must be a whole number from 2 to %d (or absent: no colour band)",
      name, scale.MAX_POINTS), 2)
  end
  return setmetatable({ name = name, compute = t.compute, points = t.points, label = t.label or "" }, Indicator)
end, [[
stats.indicator{ "name", compute = function(group) ... end, points = 5, label = "" }

An indicator computed in Lua, usable in estimate's what next to scales and columns; its
rows get the same flag, suppression and band as the built-in ones. compute gets one group:
  group.key      {by-column = value}          group.n        rows in the group
  group.rows     row numbers in d             group.weights  their weights (1 without weight)
  group.dataset  d                            group:values(col)  the column's values (holes = missing)
  group:mean(col) weighted mean of the valid values
and returns a number (the value) or a table { mean =, se =, sd =, lo =, hi =, n =, n_w = }.
Without lo and hi they are mean -/+ t * se (t from conf and the design's df); n defaults to
the group's rows.]], {
  options = INDICATOR, options_at = 1,
  example = function() return { "gemiddelde", compute = function(g) return g:mean("cijfer") end, label = "" } end,
})

local Group = {}
Group.__index = Group

function Group:values(col)
  local cache = self._cache
  local all = cache[col]
  if not all then
    args.column("group:values", self.dataset, col)
    all = self.dataset:values(col)
    cache[col] = all
  end
  local out = {}
  for i, r in ipairs(self.rows) do out[i] = all[r] end
  return out
end

function Group:mean(col)
  local v, sw, swy = self:values(col), 0, 0
  for i = 1, #self.rows do
    local x = v[i]
    if type(x) == "number" and x == x then sw = sw + self.weights[i]; swy = swy + self.weights[i] * x end
  end
  return sw > 0 and swy / sw or NaN
end

---------------------------------------------------------------------------
-- estimate

local function resolve_what(d, what)
  if what == nil then error("estimate: what to estimate? give a scale, a column name or a list of them", 0) end
  if type(what) == "string" or scale.is_scale(what) or getmetatable(what) == Indicator
     or (type(what) == "table" and type(what[1]) == "string" and what.items) then
    what = { what }
  end
  local list = {}
  for i, w in ipairs(what) do
    if getmetatable(w) == Indicator then
      list[i] = { kind = "indicator", ind = w, name = w.name, label = w.label, points = w.points }
    elseif type(w) == "string" then
      args.column("estimate", d, w, "what")
      local info = d:info(w)
      if info.type ~= "number" then error(string.format("estimate: column \"%s\" is text, expected numbers", w), 0) end
      list[i] = { kind = "column", name = w, label = info.label or "" }
    elseif type(w) == "table" then
      local s = scale.scale(w)
      list[i] = { kind = "scale", scale = s, name = s.name, label = s.label, points = s.points }
    else
      error(string.format("estimate: entry %d of what is a %s, expected a scale, indicator or column name", i, type(w)), 0)
    end
  end
  if #list == 0 then error("estimate: nothing to estimate", 0) end
  return list
end

-- A suppressed row keeps only what says which cell it is and why it is not shown: every
-- number that determines (or narrows) its value goes, in the result itself, so no format,
-- meta or explain() can show it. Its n goes too when n is the reason (n < min_n: the small
-- count itself, protected like any count); a row suppressed for its interval or a user rule
-- rests on at least min_n respondents and keeps n.
local SUPPRESSED_VALUES = { "n_w", "mean", "sd", "se", "lo", "hi", "range" }
local function blank_suppressed(row, reason)
  for _, c in ipairs(SUPPRESSED_VALUES) do row[c] = NaN end
  row.flag, row.band = "", ""
  if reason == "n" and row.n and row.n > 0 then row.n = NaN end
end

-- The note of a result with suppressed rows: how many, under which rule, what is left out.
local function suppression_notes(suppressed, s)
  local total, parts = 0, {}
  local function num(x, dec) return core._numstr(x, dec or -1, ",", "") end
  if suppressed.n then
    parts[#parts + 1] = string.format("%d met minder dan %d respondenten (reden n; ook n niet getoond)",
      suppressed.n, s.suppress.min_n)
  end
  if suppressed.range then
    parts[#parts + 1] = string.format("%d met een %s%%-interval van %s of breder (reden range)",
      suppressed.range, num(s.conf * 100), num(s.suppress.max_range, 1))
  end
  local others = {}
  for reason, k in pairs(suppressed) do
    total = total + k
    if reason ~= "n" and reason ~= "range" then others[#others + 1] = string.format("%d volgens de regel %s", k, reason) end
  end
  table.sort(others)
  for _, x in ipairs(others) do parts[#parts + 1] = x end
  if total == 0 then return nil end
  return { string.format("Onderdrukt (shown = 0): %d %s: %s. Van onderdrukte rijen staan gemiddelde, "
    .. "sd, se, interval, range, gewogen n, vlag en kleur niet in het resultaat.", total,
    total == 1 and "rij" or "rijen", table.concat(parts, "; ")) }
end

-- How the estimates were computed, for the method line under the result.
local function method_of(opts, s, df)
  local S = require "passend.stats.common"
  local L = require "passend.lang"
  local function text(lang)
    local nl = lang == "nl"
    local design = S.design_words(opts, lang) or (nl and "ongewogen, zonder clusters" or "unweighted, no clusters")
    local dfw = s.df == "normal" and (nl and "normale verdeling" or "normal distribution")
      or string.format("df = %s%s", L.number(df, nil, lang), s.df == "design" and " (design)" or "")
    return string.format(nl and "Design-based gemiddelden als R's svymean (Taylor-linearisatie): %s; %s%%-interval, %s."
      or "Design-based means as R's svymean (Taylor linearisation): %s; %s%% interval, %s.",
      design, L.number(100 * s.conf, nil, lang), dfw)
  end
  return { nl = text("nl"), en = text("en") }
end

local SPEC = args.spec{
  by = "by", weight = "column", cluster = "column", strata = "column", fpc = "column",
  lonely_psu = { "one_of", "adjust", "average", "certainty", "remove", "fail" },
  conf = { "number", above = 0, below = 1 }, df = { "either", { "one_of", "design", "normal" }, { "number", above = 0 } },
  score = { "one_of", "person", "items" }, rules = "table", threads = { "count", max = 8 },
}

local function estimate(d, what, opts)
  if not core.is_dataset(d) then error("estimate: expected a dataset as first argument, got " .. type(d), 2) end
  opts = args.options("estimate", opts, SPEC, d)
  local over = {}
  for k, v in pairs(opts.rules or {}) do over[k] = v end
  for _, k in ipairs{ "conf", "df", "lonely_psu", "score" } do
    if opts[k] ~= nil then over[k] = opts[k] end
  end
  local ok, s = pcall(rules.resolve, over)
  if not ok then error(s, 2) end
  if not (type(s.conf) == "number" and s.conf > 0 and s.conf < 1) then
    error("estimate: conf must be between 0 and 1, e.g. 0.95", 2)
  end
  if s.df ~= "design" and s.df ~= "normal" and not (type(s.df) == "number" and s.df > 0) then
    error("estimate: df must be \"design\", \"normal\" or a number > 0", 2)
  end
  if s.score ~= "person" and s.score ~= "items" then
    error("estimate: score must be \"person\" (mean of respondents' scale scores) or \"items\" (mean of item means)", 2)
  end
  local list = resolve_what(d, what)
  local byspec, bynames = resolve_by(d, opts.by)

  local vars, where = {}, {}
  for i, w in ipairs(list) do
    if w.kind == "scale" then
      vars[#vars + 1] = w.scale:_spec(s.score, s); where[i] = #vars
    elseif w.kind == "column" then
      vars[#vars + 1] = { name = w.name, column = w.name }; where[i] = #vars
    end
  end
  local r = core._estimate(d, { by = byspec, weight = opts.weight, cluster = opts.cluster, strata = opts.strata,
                             fpc = opts.fpc, lonely = s.lonely_psu, vars = vars, threads = opts.threads })
  local df = s.df == "design" and r.degf or s.df == "normal" and math.huge or s.df
  local q = df > 0 and core.qt(1 - (1 - s.conf) / 2, df) or NaN

  -- Lua indicators: the groups with their rows
  local groups
  for _, w in ipairs(list) do
    if w.kind == "indicator" and not groups then
      local keys, rows = core._groups(d, byspec)
      local wts = opts.weight and d:values(opts.weight)
      local cache = {}
      groups = {}
      for g = 1, r.ngroups do
        local key = {}
        for j, name in ipairs(bynames) do key[name] = keys[j][g] end
        local gw = {}
        for i, row in ipairs(rows[g]) do gw[i] = wts and wts[row] or 1 end
        groups[g] = setmetatable({ index = g, key = key, rows = rows[g], n = #rows[g], weights = gw,
                                   dataset = d, _cache = cache }, Group)
      end
    end
  end

  local cols = { "scale", "label", "points", "n", "n_w", "mean", "sd", "se", "lo", "hi", "range", "df",
                 "flag", "shown", "reason", "band" }
  local suppressed = {}   -- reason -> rows
  local out = {}
  for j = 1, #bynames do out[j] = {} end
  for _, c in ipairs(cols) do out[c] = {} end
  local k = 0
  for g = 1, r.ngroups do
    for i, w in ipairs(list) do
      k = k + 1
      local e
      if w.kind == "indicator" then
        local grp = groups[g]
        local v = w.ind.compute(grp)
        if type(v) == "number" then v = { mean = v } end
        if type(v) ~= "table" then
          error(string.format("indicator \"%s\": compute returned a %s, expected a number or a table", w.name, type(v)), 2)
        end
        local mean = v.mean or v.value or NaN
        local se = v.se or NaN
        e = { n = v.n or grp.n, n_w = v.n_w or NaN, mean = mean, sd = v.sd or NaN, se = se,
              lo = v.lo or (mean - q * se), hi = v.hi or (mean + q * se) }
        if e.n_w ~= e.n_w then
          local sw = 0
          for _, x in ipairs(grp.weights) do sw = sw + x end
          e.n_w = sw
        end
      else
        local res = r.results[where[i]]
        local mean, se = res.mean[g], res.se[g]
        e = { n = res.n[g], n_w = res.n_w[g], mean = mean, sd = res.sd[g], se = se,
              lo = mean - q * se, hi = mean + q * se }
      end
      for j = 1, #bynames do out[j][k] = r.keys[j][g] end
      local range = e.hi - e.lo
      local row = { scale = w.name, label = w.label or "", points = w.points, n = e.n, n_w = e.n_w,
                    mean = e.mean, sd = e.sd, se = e.se, lo = e.lo, hi = e.hi, range = range, df = df }
      for j, name in ipairs(bynames) do row[name] = r.keys[j][g] end
      local shown, reason = rules.suppress(e.n, range, s, row)
      row.shown = shown and 1 or 0
      row.reason = reason
      row.flag = shown and rules.flag(range, s) or ""
      row.band = shown and rules.band(e.mean, w.points, s) or ""
      row.points = w.points or NaN
      if not shown then
        blank_suppressed(row, reason)
        suppressed[reason] = (suppressed[reason] or 0) + 1
      end
      for _, c in ipairs(cols) do out[c][k] = row[c] end
    end
  end
  local spec = {}
  for j, name in ipairs(bynames) do spec[#spec + 1] = { name, out[j] } end
  for _, c in ipairs(cols) do spec[#spec + 1] = { c, out[c] } end
  local res = core.dataset(spec)
  local meta = res:meta()
  meta.kind = "estimate"
  meta.by = bynames
  meta.notes = suppression_notes(suppressed, s)
  -- a scale whose number of points has no colour bands gets none: said, not silently blank
  local unbanded = {}
  for _, w in ipairs(list) do
    if w.points and not (s.bands or {})[w.points] and not unbanded[w.points] then
      unbanded[w.points] = true
      meta.notes = meta.notes or {}
      meta.notes[#meta.notes + 1] = string.format("Geen kleurband voor %d-puntsschalen: de monitor kent banden "
        .. "voor 5 en 3 punten (rules.settings.bands[%d] legt ze vast).", w.points, w.points)
    end
  end
  meta.settings = { conf = s.conf, df_rule = s.df, df = df, lonely_psu = s.lonely_psu, score = s.score,
                    flag = s.flag, suppress = s.suppress, bands = s.bands, band_decimals = s.band_decimals,
                    weight = opts.weight, cluster = opts.cluster, strata = opts.strata, fpc = opts.fpc,
                    calibrated = r.calibrated }
  local scales = {}
  for _, w in ipairs(list) do
    if w.kind == "scale" then scales[w.name] = w.scale end
  end
  meta.scales = scales
  meta.method = method_of(opts, s, df)
  return res
end

M.estimate = doc.def("estimate", estimate, [[
estimate(d, what [, opts])

Weighted, design-based means per group: one row per group x scale/column/indicator with
the by-columns, scale, label, points, n (valid respondents), n_w (their summed weight),
mean, sd, se, lo, hi (the conf interval), range (hi - lo), df, flag ("*"), shown (1/0),
reason ("", "n", "range", or a user rule) and band (colour). A suppressed row (shown = 0)
carries no mean, sd, se, lo, hi, range, n_w, flag or band, and no n when n is the reason
(docs/method.md, section 4); its note says how many and why. what: a scale, a numeric
column name, an indicator, or a list of them. opts:
  by         column name(s) and/or grouping(s); each group is a domain of the whole design
  weight     weight column (>= 0, no missing)     cluster  PSU column (e.g. "swv")
  strata     stratum column                         fpc      population PSUs per stratum, or fraction
  conf       0.95          df  "design" (PSUs - strata, R's degf) | "normal" | a number
  lonely_psu "adjust" | "average" | "certainty" | "remove" | "fail" (as R's survey.lonely.psu)
  score      "person" (mean of respondents' scale scores) | "items" (mean of item means)
  rules      overrides of rules.settings for this call, e.g. { suppress = { min_n = 10 } }
  threads    worker threads for the variables (default 0: the machine's cores when the data are
             large); the results are the same for any number
Means, se and intervals equal R's svyby(~y, ~g, svydesign(...), svymean, na.rm = TRUE)
with confint(df = degf(design)); see docs/method.md.]], {
  options = SPEC,
  example = function()
    local s = require "passend.sample"
    return s.data(), "cijfer", { by = "sector", weight = "gewicht", cluster = "swv", strata = "stratum" }
  end,
})

return M
