-- passend/stats/summaries.lua: the summaries the other sources print, each by group and
-- weighted: descriptives (mean, sd, min, max, n: the 'rapportcijfers' of 001 Tabel 6.5 and
-- 8.3) and the share of valid answers in the top categories ('% beetje of helemaal eens',
-- 001 Tabel 2.7).
local core = require "passend.core"
local doc = require "passend.doc"
local S = require "passend.stats.common"
local args = require "passend.args"

local M = {}
local NaN = S.NaN

-- The variables: a column name, a scale, or a list of them. Returns { {name, label, get} }
-- where get() gives the per-row values with NaN for missing.
local function variables(fn, d, what, extra)
  local list = what
  if type(what) ~= "table" or getmetatable(what) or what.items then list = { what } end
  local out = {}
  for _, x in ipairs(list) do
    if type(x) == "string" then
      local v, info = S.numeric(fn, d, x, "variable")
      local y = {}
      for i = 1, #d do y[i] = S.is_missing(v[i], info, extra) and NaN or v[i] end
      out[#out + 1] = { name = x, label = info.label or "", values = y, info = info }
    else
      local sc = S.scale(fn, x)
      local cols = S.item_matrix(fn, d, sc)
      local minv = sc.min_valid or 1
      local y = {}
      for i = 1, #d do
        local s, k = 0, 0
        for j = 1, #cols do
          local c = cols[j][i]
          if c == c then s, k = s + c, k + 1 end
        end
        y[i] = (k > 0 and k >= minv) and s / k or NaN
      end
      out[#out + 1] = { name = sc.name, label = sc.label, values = y, points = sc.points }
    end
  end
  return out
end

local DESCRIPTIVES = args.spec{ by = "by", weight = "column", missing = "list", title = "string" }

M.descriptives = doc.def("descriptives", function(d, what, opts)
  S.check_dataset("descriptives", d)
  opts = S.options("descriptives", opts, DESCRIPTIVES, d)
  local vars = variables("descriptives", d, what, S.codeset(opts.missing))
  local w, weighted = S.weights("descriptives", d, opts.weight)
  local names, rowg, groups = S.groups("descriptives", d, opts.by)
  local c = { variable = {}, label = {}, n = {}, n_w = {}, mean = {}, sd = {}, min = {}, max = {} }
  local rows_group = {}
  for g = 1, #groups do
    for _, var in ipairs(vars) do
      local n, np, sw, sy = 0, 0, 0, 0
      local lo, hi = math.huge, -math.huge
      for i = 1, #d do
        local y = var.values[i]
        if y == y and (rowg == nil or rowg[i] == g) then
          n = n + 1
          if w[i] > 0 then np = np + 1 end
          sw, sy = sw + w[i], sy + w[i] * y
          if y < lo then lo = y end
          if y > hi then hi = y end
        end
      end
      local mean = sw > 0 and sy / sw or NaN
      local ss = 0
      for i = 1, #d do
        local y = var.values[i]
        if y == y and (rowg == nil or rowg[i] == g) then ss = ss + w[i] * (y - mean) ^ 2 end
      end
      local k = #c.variable + 1
      rows_group[k] = g
      c.variable[k], c.label[k], c.n[k], c.n_w[k] = var.name, var.label, n, sw
      c.mean[k] = mean
      -- weighted variance as R's svyvar: sum w (y - m)^2 / sum w * n / (n - 1)
      c.sd[k] = (np > 1 and sw > 0) and math.sqrt(ss / sw * np / (np - 1)) or NaN
      c.min[k] = n > 0 and lo or NaN
      c.max[k] = n > 0 and hi or NaN
    end
  end
  local cols = {}
  S.by_columns(cols, names, rows_group, groups)
  for _, k in ipairs({ "variable", "label", "n" }) do cols[#cols + 1] = { k, c[k] } end
  if weighted then cols[#cols + 1] = { "n_w", c.n_w } end
  for _, k in ipairs({ "mean", "sd", "min", "max" }) do cols[#cols + 1] = { k, c[k] } end
  local whole = true
  for k = 1, #c.min do
    if c.min[k] == c.min[k] and (c.min[k] % 1 ~= 0 or c.max[k] % 1 ~= 0) then whole = false end
  end
  return S.result(cols, {
    kind = "descriptives", by = names, weight = opts.weight, title = opts.title,
    method = weighted and { nl = "Gewogen met " .. opts.weight .. "; sd als R's sqrt(svyvar).",
                            en = "Weighted by " .. opts.weight .. "; sd as R's sqrt(svyvar)." }
      or { nl = "Ongewogen; sd met n - 1.", en = "Unweighted; sd with n - 1." },
    labels = { variable = "", label = "", mean = "Gemiddelde", sd = "Standaarddeviatie",
      min = "Minimum", max = "Maximum", n_w = "n (gewogen)" },
    decimals = { mean = 1, sd = 1, n_w = 1, min = whole and 0 or 2, max = whole and 0 or 2 },
  })
end, [[
descriptives(d, vars [, opts])

Mean, standard deviation, minimum and maximum of numeric columns (or scale scores), with n
(valid answers), by group and weighted: the 'rapportcijfer' tables of the Sardes report
(Gemiddelde, Standaarddeviatie, Minimum, Maximum). vars: a column, a scale or a list.
opts: by (column or list), weight (weighted mean; sd as R's sqrt(svyvar): sum w (y - m)^2 /
sum w * n / (n - 1); n_w is the sum of weights), missing (extra missing codes), title.]], {
  options = DESCRIPTIVES,
  example = function() return require("passend.sample").data(), { "cijfer", "vraag1" }, { by = "sector" } end,
})

local TOP2 = args.spec{ by = "by", weight = "column", k = { "count", min = 1 }, points = { "count", min = 2 },
  values = "list", missing = "list", title = "string" }

M.top2 = doc.def("stats.top2", function(d, what, opts)
  S.check_dataset("top2", d)
  opts = S.options("top2", opts, TOP2, d)
  local vars = variables("top2", d, what, S.codeset(opts.missing))
  local w, weighted = S.weights("top2", d, opts.weight)
  local names, rowg, groups = S.groups("top2", d, opts.by)
  local k = opts.k or 2
  local c = { variable = {}, label = {}, top = {}, n = {}, n_w = {}, n_top = {}, pct = {} }
  local rows_group = {}
  for _, var in ipairs(vars) do
    -- which answers count: opts.values, else the k highest of 1..points
    local want = opts.values and S.codeset(opts.values)
    local desc
    if not want then
      local points = opts.points or var.points
      if not points and var.info and var.info.value_labels then
        for code in pairs(var.info.value_labels) do
          if not S.is_missing(code, var.info, S.codeset(opts.missing)) and (not points or code > points) then points = code end
        end
      end
      if not points then
        S.fail("top2", "variable \"%s\": give opts.points (number of answer categories) or opts.values", var.name)
      end
      want = {}
      local shown = {}
      for v = points - k + 1, points do want[v] = true; shown[#shown + 1] = tostring(v) end
      desc = table.concat(shown, "+")
    else
      local shown = {}
      for _, v in ipairs(opts.values) do shown[#shown + 1] = tostring(v) end
      desc = table.concat(shown, "+")
    end
    var.want, var.desc = want, desc
  end
  for g = 1, #groups do
    for _, var in ipairs(vars) do
      local n, sw, nt, swt = 0, 0, 0, 0
      for i = 1, #d do
        local y = var.values[i]
        if y == y and (rowg == nil or rowg[i] == g) then
          n, sw = n + 1, sw + w[i]
          if var.want[y] then nt, swt = nt + 1, swt + w[i] end
        end
      end
      local r = #c.variable + 1
      rows_group[r] = g
      c.variable[r], c.label[r], c.top[r] = var.name, var.label, var.desc
      c.n[r], c.n_w[r], c.n_top[r] = n, sw, nt
      c.pct[r] = sw > 0 and 100 * swt / sw or NaN
    end
  end
  local cols = {}
  S.by_columns(cols, names, rows_group, groups)
  for _, key in ipairs({ "variable", "label", "top", "n" }) do cols[#cols + 1] = { key, c[key] } end
  if weighted then cols[#cols + 1] = { "n_w", c.n_w } end
  cols[#cols + 1] = { "n_top", c.n_top }
  cols[#cols + 1] = { "pct", c.pct }
  return S.result(cols, {
    kind = "top2", by = names, weight = opts.weight, title = opts.title,
    labels = { variable = "", label = "", top = "Antwoorden", pct = "%", n_top = "n (top)", n_w = "n (gewogen)" },
    decimals = { pct = 0, n_w = 1 },
    notes = { "Percentage van de geldige antwoorden in de hoogste " .. k .. " categorieën"
      .. (weighted and (", gewogen met " .. opts.weight) or "") .. "." },
  })
end, [[
stats.top2(d, vars [, opts])

Share of the valid answers in the top categories, by group and weighted: '% beetje of
helemaal eens' on a 4-point scale (Sardes Tabel 2.7). vars: a column, a scale (its score) or a
list. The top categories are the opts.k (default 2) highest of 1..points, where points comes
from opts.points, the scale, or the highest labelled valid code; or name them: opts.values =
{3, 4}. Missing codes (the column's, opts.missing) are not valid answers. Columns: n (valid),
n_top, pct (weighted when opts.weight is given). opts: by, weight, k, points, values, missing.]], {
  options = TOP2,
  example = function() return require("passend.sample").data(), "vraag1", { points = 5, by = "sector" } end,
})

local ADD_CLASSES = args.spec{ points = "boolean", suffix = "string" }

M.add_classes = doc.def("stats.add_classes", function(d, t, opts)
  S.check_dataset("add_classes", d)
  opts = S.options("add_classes", opts, ADD_CLASSES)
  if type(t) ~= "table" or type(t.classify) ~= "function" or type(t.components) ~= "table" then
    S.fail("add_classes", "expected a typology{...} as second argument")
  end
  local classes, points = t:classify(d)
  local suffix = opts.suffix or ""
  local n = #d
  -- build every column first, then add them: a failure leaves d untouched
  local add = {}
  for _, comp in ipairs(t.components) do
    local cls, pts = classes[comp.id], points[comp.id]
    local cv, pv = {}, {}
    for i = 1, n do cv[i] = cls[i]; pv[i] = pts[i] end
    add[#add + 1] = { comp.id .. suffix, cv }
    if opts.points ~= false then add[#add + 1] = { comp.id .. suffix .. "_punten", pv } end
  end
  for _, c in ipairs(add) do d:derive(c[1], c[2]) end
  -- the classes' own order (achter, midden, voor) for freq and crosstab
  local m = d:meta()
  m.orders = m.orders or {}
  for _, comp in ipairs(t.components) do
    local o = {}
    for _, cut in ipairs(comp.cuts) do o[#o + 1] = cut[3] end
    m.orders[comp.id .. suffix] = o
  end
  return d
end, [[
stats.add_classes(d, typology [, opts])

Adds to d (in place; returns d) the classes of a rule-based classification as columns usable
like any other, e.g. as by = "A" in freq, crosstab, compare or estimate: per component of the
typology{...} a text column <id> (its class: achter / midden / voor, as the Sardes report's
chapter 8) and a number column <id>_punten (the summed points). opts.points = false leaves out
the points; opts.suffix is appended to the names. The classes' order is kept in
d:meta().orders, so freq and crosstab show achter, midden, voor in that order.]], {
  options = ADD_CLASSES,
  example = function()
    local t = require("passend.stats.typology").typology{ components = {
      { id = "A", items = { { "ja1", { 1 } }, { "ja2", { 1 } } }, cuts = { { 0, 0, "achter" }, { 1, 2, "voor" } } } } }
    return require("passend.sample").data(), t, { suffix = "_k" }
  end,
})

return M
