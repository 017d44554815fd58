-- passend/stats/alpha.lua: alpha(d, scale [, opts]): Cronbach's alpha as psych::alpha.
local core = require "passend.core"
local doc = require "passend.doc"
local S = require "passend.stats.common"
local args = require "passend.args"

local M = {}

local function is_scale_list(x)
  return type(x) == "table" and getmetatable(x) == nil and x.items == nil
    and type(x[1]) == "table"
end

-- alpha statistics of one scale on the rows where keep(i) is true (all rows when nil).
local function compute(d, sc, keep)
  local cols = S.item_matrix("alpha", d, sc)
  local n = #d
  if keep then
    local sub = {}
    for j, col in ipairs(cols) do
      local t, m = {}, 0
      for i = 1, n do if keep[i] then m = m + 1; t[m] = col[i] end end
      sub[j] = t
    end
    cols = sub
    n = 0
    for i = 1, #d do if keep[i] then n = n + 1 end end
  end
  local r, msg, b1, b2 = core._alpha(cols, n)
  if not r then
    if b1 and b2 then
      S.fail("alpha", "scale %s: items \"%s\" and \"%s\" have fewer than two respondents in common",
        sc.name, sc.items[b1], sc.items[b2])
    end
    S.fail("alpha", "scale %s: %s", sc.name, msg)
  end
  return r
end

-- How alpha is computed (the method line under every alpha result).
local METHOD = {
  nl = "Cronbach's alpha als psych::alpha: paarsgewijze covarianties, ongewogen.",
  en = "Cronbach's alpha as psych::alpha: pairwise covariances, unweighted.",
}

local function dropped_note(sc, r)
  local dropped = {}
  for j, it in ipairs(r.items) do if it.dropped then dropped[#dropped + 1] = sc.items[j] end end
  if #dropped == 0 then return nil end
  return "Zonder variantie, niet meegenomen: " .. table.concat(dropped, ", ") .. "."
end

local function item_table(d, sc, opts)
  local r = compute(d, sc, nil)
  local names, ns, means, sds, rdrop, rtot, adrop, sdrop, rev = {}, {}, {}, {}, {}, {}, {}, {}, {}
  for j, it in ipairs(r.items) do
    names[j] = sc.items[j]
    ns[j] = it.n
    means[j] = it.mean
    sds[j] = it.sd
    rdrop[j] = it.r_drop
    rtot[j] = it.r_total
    adrop[j] = it.alpha_drop
    sdrop[j] = it.std_alpha_drop
    rev[j] = sc.reversed[sc.items[j]] and "**" or ""
  end
  local notes = {
    string.format("Cronbach's alpha = %s (gestandaardiseerd %s), %d items, n = %d.",
      S.num(r.alpha, 2), S.num(r.std_alpha, 2), r.nitems, r.n),
  }
  local dn = dropped_note(sc, r)
  if dn then notes[#notes + 1] = dn end
  if next(sc.reversed) then notes[#notes + 1] = "** Omgepoold item (punten + 1 - antwoord)." end
  return S.result({
    { "item", names }, { "reversed", rev }, { "n", ns }, { "mean", means }, { "sd", sds },
    { "r_drop", rdrop }, { "r_total", rtot }, { "alpha_drop", adrop }, { "std_alpha_drop", sdrop },
  }, {
    kind = "alpha", scale = sc.name, label = sc.label,
    alpha = r.alpha, std_alpha = r.std_alpha, average_r = r.average_r, n = r.n, nitems = r.nitems,
    mean = r.mean, sd = r.sd,
    title = opts.title or ("Betrouwbaarheid " .. (sc.label ~= "" and sc.label or sc.name)),
    notes = notes,
    key = { { label = "alpha", value = r.alpha, decimals = 3 },
      { label = { nl = "gestandaardiseerd", en = "standardised" }, value = r.std_alpha, decimals = 3 },
      { label = "n", value = r.n, count = true }, { label = "items", value = r.nitems } },
    method = METHOD,
    labels = { item = "Item", reversed = "", n = "n", mean = "Gemiddelde", sd = "Sd",
      r_drop = "Item-rest r", r_total = "Item-totaal r", alpha_drop = "Alpha zonder item",
      std_alpha_drop = "Std. alpha zonder item" },
    decimals = { mean = 2, sd = 2, r_drop = 2, r_total = 2, alpha_drop = 2, std_alpha_drop = 2 },
  })
end

local function summary_table(d, scales, opts)
  local names, rowg, groups = S.groups("alpha", d, opts.by)
  local cols_scale, cols_label, cols_items, cols_n, cols_a, cols_s, cols_r, rows_group = {}, {}, {}, {}, {}, {}, {}, {}
  for g = 1, #groups do
    local keep
    if rowg then
      keep = {}
      for i = 1, #d do keep[i] = rowg[i] == g end
    end
    for _, sc in ipairs(scales) do
      local ok, r = pcall(compute, d, sc, keep)
      local k = #cols_scale + 1
      rows_group[k] = g
      cols_scale[k] = sc.name
      cols_label[k] = sc.label
      cols_items[k] = #sc.items
      if ok then
        cols_n[k], cols_a[k], cols_s[k], cols_r[k] = r.n, r.alpha, r.std_alpha, r.average_r
      elseif #names > 0 then
        -- a group too small or without variance: no alpha for that cell
        cols_n[k], cols_a[k], cols_s[k], cols_r[k] = 0, S.NaN, S.NaN, S.NaN
      else
        error(r, 0)
      end
    end
  end
  local cols = {}
  S.by_columns(cols, names, rows_group, groups)
  for _, c in ipairs({ { "scale", cols_scale }, { "label", cols_label }, { "items", cols_items },
    { "n", cols_n }, { "alpha", cols_a }, { "std_alpha", cols_s }, { "average_r", cols_r } }) do
    cols[#cols + 1] = c
  end
  return S.result(cols, {
    kind = "alpha", by = names, title = opts.title or "Betrouwbaarheid van de schalen (Cronbach's alpha)",
    method = METHOD,
    decimals = { alpha = 2, std_alpha = 2, average_r = 2 },
  })
end

local SPEC = args.spec{ by = "by", title = "string" }

M.alpha = doc.def("alpha", function(d, what, opts)
  S.check_dataset("alpha", d)
  opts = S.options("alpha", opts, SPEC, d)
  if is_scale_list(what) or opts.by then
    local list = is_scale_list(what) and what or { what }
    local scales = {}
    for i, s in ipairs(list) do scales[i] = S.scale("alpha", s) end
    return summary_table(d, scales, opts)
  end
  return item_table(d, S.scale("alpha", what), opts)
end, [[
alpha(d, scale [, opts])  alpha(d, {scale1, scale2, ...} [, {by = ...}])

Cronbach's alpha of a scale as R's psych::alpha computes it (pairwise covariances: each pair
of items uses the respondents who answered both). The scale's missing codes and the columns'
user-missing codes count as missing; reversed items are turned around (points + 1 - x) first.
Items without variance are left out (as psych does) and named in a note.
One scale: a row per item with n, mean, sd, r_drop (item-rest correlation, psych's r.drop),
r_total (correlation with the respondent's mean), alpha_drop and std_alpha_drop (alpha if the
item is deleted); meta holds alpha, std_alpha, average_r, n (respondents with a valid item);
at the prompt alpha and its n come first (meta.key), the method last (meta.method).
A list of scales or opts.by: one row per group x scale with n, alpha, std_alpha, average_r.
A scale may also be a plain list of item names: alpha(d, {"q1", "q2", "q3"}).]], {
  options = SPEC,
  example = function() local s = require "passend.sample" return s.data(), s.items(), {} end,
})

return M
