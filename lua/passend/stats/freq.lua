-- passend/stats/freq.lua: freq(d, var, opts): frequency tables, single variables and
-- multiple-response sets, weighted or not, by group.
local core = require "passend.core"
local doc = require "passend.doc"
local S = require "passend.stats.common"
local args = require "passend.args"
local disclosure = require "passend.rules.disclosure"

local M = {}
local NaN = S.NaN

local SYSMIS_LABEL, TOTAL_LABEL = "(geen antwoord)", "Totaal"

local value_less = S.value_less

local function pct(a, b) return b > 0 and 100 * a / b or NaN end

-- What protect() needs (passend/disclosure.lua): every value column of a row shows the row's
-- count; the rows of a group add up to its Totaal row (blocks), its valid rows add up to the
-- valid total, which pct_valid makes known (each valid n over its pct_valid gives it).
local function disclosure_of(cn, part, weighted)
  local cells = { n = "_row", pct = "_row", pct_valid = "_row" }
  if weighted then cells.n_w = "_row" end
  local sums, valid, rows = {}, {}, {}
  for k = 1, #cn do
    if part[k] == "valid" then valid[#valid + 1] = { "_row", k }; rows[#rows + 1] = k
    elseif part[k] == "total" then
      -- known only through Geldig %: protect() may withhold that column in this block instead
      -- of hiding more cells (with one missing category, total - valid total gives it)
      rows[#rows + 1] = k
      if #valid > 1 then sums[#sums + 1] = { parts = valid, switch = { col = "pct_valid", rows = rows } } end
      valid, rows = {}, {}
    end
  end
  return { counts = { _row = cn }, cells = cells, sums = sums, pct = "block" }
end

local function single(d, var, opts)
  local values, info = S.column("freq", d, var, "variable")
  local w, weighted = S.weights("freq", d, opts.weight)
  local extra = S.codeset(opts.missing)
  local names, rowg, groups = S.groups("freq", d, opts.by)
  local istext = info.type == "text"

  -- tallies per group: valid[v], miss[v], sysmis
  local tal = {}
  for g = 1, #groups do tal[g] = { n = {}, w = {}, sys_n = 0, sys_w = 0 } end
  local seen_valid, seen_miss = {}, {}
  for i = 1, #d do
    local g = rowg and rowg[i] or (rowg == nil and 1)
    if g then
      local t, v = tal[g], values[i]
      if v == nil or v ~= v then
        t.sys_n, t.sys_w = t.sys_n + 1, t.sys_w + w[i]
      else
        t.n[v] = (t.n[v] or 0) + 1
        t.w[v] = (t.w[v] or 0) + w[i]
        if S.is_missing(v, info, extra) then seen_miss[v] = true else seen_valid[v] = true end
      end
    end
  end
  -- categories: observed valid values plus labelled valid codes, then missing codes
  if opts.labels ~= false and info.value_labels then
    for v in pairs(info.value_labels) do
      if S.is_missing(v, info, extra) then seen_miss[v] = true else seen_valid[v] = true end
    end
  end
  local valid, miss = {}, {}
  for v in pairs(seen_valid) do valid[#valid + 1] = v end
  for v in pairs(seen_miss) do miss[#miss + 1] = v end
  S.sort_categories(valid, S.order_of(d, var, opts.order))
  table.sort(miss, value_less)
  local any_sys = false
  for g = 1, #groups do if tal[g].sys_n > 0 then any_sys = true end end

  local rg, cv, cl, cp, cn, cw, cpa, cpv, ck = {}, {}, {}, {}, {}, {}, {}, {}, {}
  local function add(g, v, label, part, n, wn, all_w, valid_w)
    local k = #rg + 1
    rg[k], cv[k], cl[k], cp[k], cn[k], cw[k] = g, v, label, part, n, wn
    cpa[k] = pct(wn, all_w)
    cpv[k] = (part == "missing") and NaN or pct(wn, valid_w)
    ck[k] = part == "total" and "total" or ""
  end
  local none = istext and "" or NaN
  for g = 1, #groups do
    local t = tal[g]
    local all_n, all_w, valid_n, valid_w = t.sys_n, t.sys_w, 0, 0
    for v, n in pairs(t.n) do
      all_n, all_w = all_n + n, all_w + t.w[v]
      if seen_valid[v] then valid_n, valid_w = valid_n + n, valid_w + t.w[v] end
    end
    for _, v in ipairs(valid) do
      add(g, v, S.value_label(info, v), "valid", t.n[v] or 0, t.w[v] or 0, all_w, valid_w)
    end
    for _, v in ipairs(miss) do
      add(g, v, S.value_label(info, v), "missing", t.n[v] or 0, t.w[v] or 0, all_w, valid_w)
    end
    if any_sys then add(g, none, SYSMIS_LABEL, "missing", t.sys_n, t.sys_w, all_w, valid_w) end
    add(g, none, TOTAL_LABEL, "total", all_n, all_w, all_w, valid_w)
    cpv[#cpv] = valid_n > 0 and 100 or NaN
  end
  local cols = {}
  S.by_columns(cols, names, rg, groups)
  cols[#cols + 1] = { "value", cv }
  cols[#cols + 1] = { "label", cl }
  cols[#cols + 1] = { "part", cp }
  cols[#cols + 1] = { "n", cn }
  if weighted then cols[#cols + 1] = { "n_w", cw } end
  cols[#cols + 1] = { "pct", cpa }
  cols[#cols + 1] = { "pct_valid", cpv }
  cols[#cols + 1] = { "_kind", ck }
  cols[#cols + 1] = { "_n", { table.unpack(cn) } }  -- respondents per row (disclosure control)
  return disclosure.stamp(S.result(cols, {
    disclosure = disclosure_of(cn, cp, weighted),
    kind = "freq", variable = var, by = names, weight = opts.weight,
    title = opts.title or (info.label and info.label ~= "" and info.label or var),
    labels = { value = "Code", label = "Antwoord", part = "", n = "n", n_w = "n (gewogen)",
      pct = "%", pct_valid = "Geldig %" },
    decimals = { pct = 1, pct_valid = 1, n_w = 1 },
    notes = weighted and { "Percentages gewogen met " .. opts.weight .. "." } or nil,
  }))
end

-- Multiple response: several yes/no columns as one question.
local function multi(d, set, opts)
  local w, weighted = S.weights("freq", d, opts.weight)
  local names, rowg, groups = S.groups("freq", d, opts.by)
  local yes = opts.yes == nil and 1 or opts.yes
  local extra = S.codeset(opts.missing)
  local cols_v, infos = {}, {}
  for j, c in ipairs(set) do cols_v[j], infos[j] = S.column("freq", d, c, "column of the set") end
  local rg, co, cl, cn, cw, cpc, cpr, ck = {}, {}, {}, {}, {}, {}, {}, {}
  local bases = {}
  for g = 1, #groups do
    local yn, yw = {}, {}
    for j = 1, #set do yn[j], yw[j] = 0, 0 end
    local base_n, base_w = 0, 0
    for i = 1, #d do
      local gi = rowg and rowg[i] or (rowg == nil and 1)
      if gi == g then
        local answered = false
        for j = 1, #set do
          local v = cols_v[j][i]
          if not S.is_missing(v, infos[j], extra) then
            answered = true
            if v == yes then yn[j], yw[j] = yn[j] + 1, yw[j] + w[i] end
          end
        end
        if answered then base_n, base_w = base_n + 1, base_w + w[i] end
      end
    end
    local resp_n, resp_w, sum_pc = 0, 0, 0
    for j = 1, #set do resp_n, resp_w = resp_n + yn[j], resp_w + yw[j] end
    for j, c in ipairs(set) do
      local k = #rg + 1
      rg[k], co[k], cn[k], cw[k], ck[k] = g, c, yn[j], yw[j], ""
      cl[k] = infos[j].label and infos[j].label ~= "" and infos[j].label or c
      cpc[k] = pct(yw[j], base_w)
      cpr[k] = pct(yw[j], resp_w)
      sum_pc = sum_pc + (cpc[k] == cpc[k] and cpc[k] or 0)
    end
    local k = #rg + 1
    rg[k], co[k], cl[k], cn[k], cw[k], ck[k] = g, "", TOTAL_LABEL, resp_n, resp_w, "total"
    cpc[k], cpr[k] = base_w > 0 and sum_pc or NaN, resp_w > 0 and 100 or NaN
    bases[g] = base_n
  end
  local cols = {}
  S.by_columns(cols, names, rg, groups)
  cols[#cols + 1] = { "option", co }
  cols[#cols + 1] = { "label", cl }
  cols[#cols + 1] = { "n", cn }
  if weighted then cols[#cols + 1] = { "n_w", cw } end
  cols[#cols + 1] = { "pct", cpc }
  cols[#cols + 1] = { "pct_responses", cpr }
  cols[#cols + 1] = { "_kind", ck }
  local base_txt = {}
  for g = 1, #groups do base_txt[g] = tostring(bases[g]) end
  local note = "Meerdere antwoorden mogelijk; percentages van de respondenten die de vraag "
    .. "beantwoordden (n = " .. table.concat(base_txt, ", ") .. ") tellen op tot meer dan 100."
  local cells = { n = "_row", pct = "_row", pct_responses = "_row" }
  if weighted then cells.n_w = "_row" end
  return disclosure.stamp(S.result(cols, {
    kind = "freq", multiple = true, set = set, by = names, weight = opts.weight, base = bases,
    title = opts.title,
    labels = { option = "Kolom", label = "Antwoord", n = "n", n_w = "n (gewogen)",
      pct = "% respondenten", pct_responses = "% antwoorden" },
    decimals = { pct = 1, pct_responses = 1, n_w = 1 },
    notes = { note },
    -- protect(): the options of a group add up to its Totaal row (the answers given); the
    -- bases in the note go when a cell is hidden (with a % of respondents they give counts)
    disclosure = { counts = { _row = cn }, cells = cells, pct = "block", private = { "base" },
      redact_notes = { [note] = "Meerdere antwoorden mogelijk; percentages van de respondenten die de vraag "
        .. "beantwoordden tellen op tot meer dan 100." } },
  }))
end

local SPEC = args.spec{ by = "by", weight = "column", labels = "boolean", missing = "list", yes = "any",
  title = "string", order = "list" }

M.freq = doc.def("freq", function(d, var, opts)
  S.check_dataset("freq", d)
  opts = S.options("freq", opts, SPEC, d)
  if type(var) == "table" then
    if #var == 0 then S.fail("freq", "a multiple-response set needs at least one column") end
    return multi(d, var, opts)
  end
  return single(d, var, opts)
end, [[
freq(d, var [, opts])  freq(d, {"c1", "c2", ...} [, opts])

Frequency table of one variable: per category n, % of all answers (pct) and % of valid answers
(pct_valid). Valid categories come first (observed values and labelled codes), then the
missing codes with their value labels ('weet niet', 'n.v.t.'; part = "missing"), then
'(geen antwoord)' for system-missing, then the total. opts: by (column or list: one table per
group, stacked), weight (column: percentages and n_w weighted; n stays the count), missing
(extra codes to treat as missing), labels = false (only observed categories), title.
A list of columns is a multiple-response set (several yes/no columns as one question): per
column the respondents answering yes (opts.yes, default 1), as % of the respondents who
answered the question (pct; adds up to more than 100) and as % of all yes answers.
opts.order lists categories in the order to show (default: the dataset's meta.orders[var], which
add_classes sets, then ascending).]], {
  options = SPEC,
  example = function() return require("passend.sample").data(), "vraag2", { weight = "gewicht" } end,
})

return M
