-- passend/stats/factor.lua: factor(d, items, opts): exploratory factor analysis and principal
-- components as R's psych::fa / psych::principal compute them (the numbers are src/factor.c's;
-- this file reads the items, checks the options and builds the result dataset).
local core = require "passend.core"
local doc = require "passend.doc"
local S = require "passend.stats.common"
local args = require "passend.args"
local preview = require "passend.data.preview"

local M = {}

local SPEC = args.spec{
  nfactors = { "integer", min = 1 }, method = { "one_of", "minres", "ml", "pca" },
  rotate = { "one_of", "oblimin", "varimax", "none" }, use = { "one_of", "pairwise", "complete" },
  missing = "list", weight = "column", maxit = { "integer", min = 1 }, title = "string",
}

-- The options (checked against SPEC) with their defaults (psych's: fa rotates oblimin,
-- principal varimax).
local function settings(opts)
  local method = opts.method or "minres"
  local use = opts.use or (opts.weight and "complete" or "pairwise")
  if opts.weight and use ~= "complete" then
    S.fail("factor", "a weight needs complete rows: use = \"complete\" (or leave use out)")
  end
  return { nfactors = math.tointeger(opts.nfactors or 1), method = method,
    rotate = opts.rotate or (method == "pca" and "varimax" or "oblimin"), use = use, maxit = math.tointeger(opts.maxit or 100),
    weight = opts.weight }
end

-- The R call the result equals (shown in meta.r_call and the docs).
local function r_call(set, weighted)
  local x = weighted and "cov.wt(x, wt = w, cor = TRUE)$cor" or "x"
  local extra = weighted and ", n.obs = n" or ""
  if set.method == "pca" then
    return string.format('psych::principal(%s, nfactors = %d, rotate = "%s"%s)', x, set.nfactors, set.rotate, extra)
  end
  return string.format('psych::fa(%s, nfactors = %d, fm = "%s", rotate = "%s"%s)', x, set.nfactors, set.method,
    set.rotate, extra)
end

local function pct(x) return S.num(100 * x, 1) .. "%" end

-- The key figures the prompt prints before the loadings (each line fits 80 columns).
local function header(set, r, k, names)
  local lines = {}
  local rot = k == 1 and "geen rotatie (1 factor)" or ("rotatie " .. set.rotate)
  lines[#lines + 1] = string.format("Methode %s, %s, %d items, n = %d", set.method, rot, #names, r.n_obs)
  if set.use == "complete" then
    lines[#lines + 1] = "Correlaties over de volledige rijen" .. (set.weight and (", gewogen (" .. set.weight .. ")") or "")
  elseif r.n_pairs_min ~= r.n_pairs_max then
    lines[#lines + 1] = string.format("Correlaties paarsgewijs: %d tot %d rijen per paar items",
      r.n_pairs_min, r.n_pairs_max)
  end
  local var = {}
  for j = 1, k do var[j] = string.format("F%d %s", j, pct(r.prop_var[j])) end
  lines[#lines + 1] = string.format("Verklaarde variantie: %s%s", table.concat(var, ", "),
    k > 1 and (" (samen " .. pct(r.cum_var[k]) .. ")") or "")
  if r.phi then
    local c = {}
    for a = 1, k do
      for b = a + 1, k do c[#c + 1] = string.format("F%d-F%d %s", a, b, S.num(r.phi[a][b], 2)) end
    end
    lines[#lines + 1] = "Factorcorrelaties: " .. table.concat(c, ", ")
  end
  local fit = { "RMSR " .. S.num(r.rms, 3) }
  if set.method ~= "pca" and r.dof > 0 then
    fit[#fit + 1] = "TLI " .. S.num(r.tli, 3)
    fit[#fit + 1] = "RMSEA " .. S.num(r.rmsea, 3)
    fit[#fit + 1] = string.format("chi2 %s (df %d, p %s)", S.num(r.chisq, 1), math.tointeger(r.dof) or r.dof,
      S.num(r.chisq_p, 3))
  elseif set.method ~= "pca" then
    fit[#fit + 1] = "df 0: geen toets"
  end
  lines[#lines + 1] = "Fit: " .. table.concat(fit, ", ")
  return lines
end

-- Notes on how the fit went: never a silent non-converged answer.
local function warnings(set, r)
  local notes = {}
  if r.fit_code == 1 then
    notes[#notes + 1] = string.format("LET OP: niet geconvergeerd: de schatting stopte na maxit = %d iteraties "
      .. "(psych geeft zo'n antwoord zonder waarschuwing); geef een grotere maxit of minder factoren.", set.maxit)
  elseif r.fit_code ~= 0 then
    notes[#notes + 1] = string.format("LET OP: niet geconvergeerd: de optimalisatie brak af (%s) na %d iteraties.",
      r.fit_message, r.fit_iterations)
  end
  if not r.rotate_converged then
    notes[#notes + 1] = string.format("LET OP: de rotatie (%s) is niet geconvergeerd na %d stappen.", set.rotate,
      r.rotate_iterations)
  end
  if r.heywood > 0 then
    notes[#notes + 1] = string.format("LET OP: Heywood-geval: %d item%s met uniciteit op de ondergrens 0,005 "
      .. "(communaliteit ~1).", r.heywood, r.heywood == 1 and "" or "s")
  end
  if r.ultra_heywood > 0 then
    notes[#notes + 1] = "LET OP: ultra-Heywood-geval: een communaliteit groter dan 1; bekijk de oplossing kritisch."
  end
  if r.smoothed then
    notes[#notes + 1] = "De correlatie- of modelmatrix was niet positief definiet; voor de fitmaten is hij "
      .. "afgevlakt (psych's cor.smooth)."
  end
  return notes
end

local function compute(d, what, opts)
  S.check_dataset("factor", d)
  opts = S.options("factor", opts, SPEC, d)
  local set = settings(opts)
  if what == nil then S.fail("factor", "expected a list of items (column names) or a scale as second argument") end
  local sc = S.scale("factor", what)
  if #sc.items < 2 then S.fail("factor", "a factor analysis needs at least 2 items, got %d", #sc.items) end
  if #sc.items > 300 then S.fail("factor", "at most 300 items, got %d", #sc.items) end
  local seen = {}
  for _, it in ipairs(sc.items) do
    if seen[it] then S.fail("factor", "item \"%s\" is listed twice", it) end
    seen[it] = true
  end
  for _, c in ipairs(opts.missing or {}) do sc.missing[c] = true end
  local cols = S.item_matrix("factor", d, sc)
  local weights
  if opts.weight then weights = (S.weights("factor", d, opts.weight)) end
  local r, msg, b1, b2 = core._factor(cols, #d, { method = set.method, rotate = set.rotate, use = set.use,
    nfactors = set.nfactors, maxit = set.maxit, weights = weights })
  if not r then
    if b1 and b2 then
      S.fail("factor", "items \"%s\" and \"%s\": %s", sc.items[b1], sc.items[b2], msg)
    elseif b1 then
      S.fail("factor", "item \"%s\": %s", sc.items[b1], msg)
    end
    S.fail("factor", "%s", msg)
  end
  return set, sc, r
end

M.factor = doc.def("factor", function(d, what, opts)
  local set, sc, r = compute(d, what, opts)
  opts = opts or {}
  local k, names = set.nfactors, sc.items
  local cols = { { "item", names } }
  local labels, any_label = {}, false
  for i, it in ipairs(names) do
    labels[i] = d:info(it).label or ""
    if labels[i] ~= "" then any_label = true end
  end
  local decimals, col_labels = { h2 = 2, u2 = 2, com = 2 }, { item = "Item", h2 = "h2", u2 = "u2", com = "com" }
  for j = 1, k do
    local v = {}
    for i = 1, #names do v[i] = r.loadings[i][j] end
    cols[#cols + 1] = { "F" .. j, v }
    decimals["F" .. j] = 2
  end
  cols[#cols + 1] = { "h2", r.h2 }
  cols[#cols + 1] = { "u2", r.u2 }
  cols[#cols + 1] = { "com", r.com }
  if any_label then cols[#cols + 1] = { "label", labels }; col_labels.label = "Label" end
  local fit = {}
  for _, key in ipairs({ "dof", "objective", "chisq", "chisq_p", "null_dof", "null_objective", "null_chisq",
    "emp_chisq", "emp_p", "nh", "rms", "crms", "fit", "fit_off", "tli", "rmsea", "bic" }) do
    fit[key] = r[key]
  end
  local notes = warnings(set, r)
  local lines = header(set, r, k, names)
  for _, n in ipairs(notes) do
    for _, l in ipairs(preview.wrap(n, 78)) do lines[#lines + 1] = l end
  end
  local title = opts.title or string.format("Factoranalyse: %d %s uit %d items", k,
    set.method == "pca" and (k == 1 and "component" or "componenten") or (k == 1 and "factor" or "factoren"), #names)
  local res = S.result(cols, {
    kind = "factor", title = title, scale = sc.name, items = names,
    fm = set.method, rotation = k == 1 and "none" or set.rotate, use = set.use, weight = opts.weight,
    method = { nl = "Als R: " .. r_call(set, opts.weight ~= nil) .. " op dezelfde rijen.",
               en = "As R: " .. r_call(set, opts.weight ~= nil) .. " on the same rows." },
    nfactors = k, n = r.n_obs, n_pairs_min = r.n_pairs_min, n_pairs_max = r.n_pairs_max,
    eigenvalues = r.e_values, values = r.values,
    ss_loadings = r.ss, prop_var = r.prop_var, cum_var = r.cum_var,
    prop_explained = r.prop_expl, cum_explained = r.cum_expl,
    phi = r.phi, fit = fit,
    converged = r.fit_code == 0, convergence = r.fit_code, optimizer = r.fit_message,
    iterations = r.fit_iterations, evaluations = r.fit_evaluations,
    rotation_converged = r.rotate_converged, rotation_iterations = r.rotate_iterations,
    heywood = r.heywood, r_call = r_call(set, opts.weight ~= nil),
    notes = notes, preview_lines = lines, preview_rows = math.huge,
    labels = col_labels, decimals = decimals,
  })
  return res
end, [[
factor(d, items [, opts])

Exploratory factor analysis of items (a list of column names or a scale{}), as R's psych
package computes it: the result equals psych::fa(x, nfactors, fm = method, rotate = rotate)
(method "minres" or "ml") or psych::principal(x, nfactors, rotate = rotate) (method "pca")
on the same rows, to 1e-6 (typically 1e-10). x holds the rows with at least one valid item; missing
codes (opts.missing, the scale's and the columns' user-missing codes) are missing, a scale's
reversed items are turned around first.
opts: nfactors (1), method "minres" | "ml" | "pca" (minres), rotate "oblimin" | "varimax" |
"none" (oblimin; pca: varimax), use "pairwise" | "complete" (pairwise, psych's default:
each correlation over the rows with both items; complete: only rows with every item,
= psych on na.omit(x)), missing = {codes}, weight = column (complete rows, the correlations of
cov.wt(x, wt = w, cor = TRUE)), maxit (100, the optimiser's iterations), title.
Returns a row per item: F1..Fk (loadings; pattern loadings for oblimin), h2 (communality),
u2 (uniqueness), com (Hoffman's complexity). meta: fm (the method), rotation, n, eigenvalues,
ss_loadings, prop_var, cum_var, prop_explained, cum_explained, phi (oblimin: factor
correlations), fit (objective, chisq, dof, rms = RMSR, tli, rmsea, bic, ...), converged,
iterations, r_call, method (the R call it equals, as a sentence). The prompt prints method,
rotation, n and the variance explained first and the R call last; a fit that did not converge or
a Heywood case is said there and in meta.notes.]], {
  options = SPEC,
  example = function() local s = require "passend.sample" return s.data(), s.items(), { nfactors = 1 } end,
})

return M
