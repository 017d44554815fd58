-- passend/toolkit/audit.lua: checks a published or produced percentage table: rows summing to
-- 100 within rounding, totals versus subgroups, pooled versus subgroup means, which n can
-- produce the rounded percentages, percentages impossible for the printed n, and cells that
-- must equal the sum of other cells (a typology class from its point distribution).
local core = require "passend.core"
local doc = require "passend.doc"
local F = require "passend.data.frame"
local tests = require "passend.stats.tests"
local args = require "passend.args"

local M = {}

-- Integer counts c with round(100 c / n, dec) == p: lo <= c <= hi, or nil. Half-up rounding
-- (default) excludes the upper bound p + 0.5; inclusive (either half-up or half-even, when the
-- rounding rule of a source is unknown) allows both ends.
local function count_range(p, n, dec, inclusive)
  local h = 0.5 * 10 ^ -(dec or 0)
  local lo = math.ceil((p - h) * n / 100 - 1e-9)
  local hi
  if inclusive then hi = math.floor((p + h) * n / 100 + 1e-9)
  else hi = math.ceil((p + h) * n / 100 - 1e-9) - 1 end
  if lo < 0 then lo = 0 end
  if hi > n then hi = n end
  if lo > hi then return nil end
  return lo, hi
end

-- Can rounded percentage p arise from some count out of n?
local function possible(p, n, dec, inclusive)
  return count_range(p, n, dec, inclusive) ~= nil
end

-- The n in 1..nmax for which the percentages can all arise from one base; with complete,
-- the categories must also add up to n (an exhaustive distribution).
local function feasible(pcts, nmax, dec, complete, inclusive)
  local out = {}
  for n = 1, nmax do
    local ok, slo, shi = true, 0, 0
    for _, p in ipairs(pcts) do
      local lo, hi = count_range(p, n, dec, inclusive)
      if not lo then ok = false break end
      slo, shi = slo + lo, shi + hi
    end
    if ok and complete and (slo > n or shi < n) then ok = false end
    if ok then out[#out + 1] = n end
  end
  return out
end

-- Does some set of counts out of n, rounded by largest remainder, give exactly pcts?
local function lr_fits(pcts, n, dec)
  local k = #pcts
  local cand = {}
  for i, p in ipairs(pcts) do
    cand[i] = {}
    local unit = 10 ^ -(dec or 0)
    for c = math.max(0, math.floor((p - unit) * n / 100)), math.min(n, math.ceil((p + unit) * n / 100)) do
      if math.abs(100 * c / n - p) < unit then cand[i][#cand[i] + 1] = c end
    end
    if #cand[i] == 0 then return false end
  end
  local chosen = {}
  local function rec(i, left)
    if i > k then
      if left ~= 0 then return false end
      local vals = {}
      for j = 1, k do vals[j] = 100 * chosen[j] / n end
      local r = F.round_lr(vals, dec)
      for j = 1, k do if math.abs(r[j] - pcts[j]) > 1e-9 then return false end end
      return true
    end
    for _, c in ipairs(cand[i]) do
      if c <= left then
        chosen[i] = c
        if rec(i + 1, left - c) then return true end
      end
    end
    return false
  end
  return rec(1, n)
end

local function lr_feasible(pcts, nmax, dec)
  local out = {}
  if #pcts > 10 then return out end
  for n = 1, nmax do if lr_fits(pcts, n, dec) then out[#out + 1] = n end end
  return out
end

local FEASIBLE = args.spec{ nmax = { "count", min = 1 }, decimals = "count", complete = "boolean",
  rounding = { "one_of", "half_up", "either", "largest_remainder" } }

local ROUNDING = {
  half_up = { nl = "half naar boven afgerond", en = "rounded half up" },
  either = { nl = "half naar boven of half naar even afgerond", en = "rounded half up or half to even" },
  largest_remainder = { nl = "afgerond met de grootste resten (tellen op tot 100)",
                        en = "rounded by largest remainders (adding up to 100)" },
}

M.feasible_n = doc.def("stats.feasible_n", function(pcts, opts)
  opts = args.options("feasible_n", opts, FEASIBLE)
  if type(pcts) ~= "table" then error("feasible_n: expected a list of percentages, got " .. type(pcts), 2) end
  local nmax, dec, rounding = opts.nmax or 200, opts.decimals or 0, opts.rounding or "half_up"
  local ns
  if rounding == "largest_remainder" then ns = lr_feasible(pcts, nmax, dec)
  else ns = feasible(pcts, nmax, dec, opts.complete, rounding == "either") end
  local shown = {}
  for i = 1, math.min(#ns, 8) do shown[i] = tostring(ns[i]) end
  local list = #ns == 0 and "-" or (table.concat(shown, ", ") .. (#ns > 8 and ", ..." or ""))
  local r = ROUNDING[rounding]
  return F.output({ { "n", ns } }, #ns, {
    kind = "feasible_n", pcts = pcts, nmax = nmax, decimals = dec, rounding = rounding, complete = opts.complete == true,
    key = { { label = { nl = "mogelijke n", en = "possible n" }, text = list },
      { label = { nl = "aantal", en = "count" }, value = #ns } },
    method = { nl = string.format("De n van 1 tot %d waarbij elk percentage (%d decimalen, %s) een aantal / n kan zijn%s.",
                 nmax, dec, r.nl, opts.complete and "; samen een volledige verdeling" or ""),
               en = string.format("The n from 1 to %d for which every percentage (%d decimals, %s) can be a count / n%s.",
                 nmax, dec, r.en, opts.complete and "; together a complete distribution" or "") },
  })
end, [==[
stats.feasible_n(pcts [, opts]) -> dataset (column n)

The base sizes n (1 .. opts.nmax, default 200) for which every rounded percentage in pcts can
arise as count / n (opts.decimals, default 0; half-up rounding, or either half-up or half-even
with opts.rounding = "either"; or largest-remainder rounding, where the percentages add up to
100 by construction, with opts.rounding = "largest_remainder"). With opts.complete = true the
percentages are one exhaustive distribution, so the counts must also add up to n. 001 Tabel 2.1
PO (34, 11, 55): 38, 44, 47, ... The result is a dataset with one row per possible n (column n;
d:values("n") is the list); meta.key lists them, meta.method says the rule.]==], {
  options = FEASIBLE,
  example = function() return { 34, 11, 55 }, { complete = true, nmax = 60 } end,
})

local SEARCH_MAX = 1000
local LR_MAX = 200

local function fmtnum(v, dec)
  if v == nil or v ~= v then return "-" end
  return (string.format("%." .. (dec or 0) .. "f", v):gsub("%.", ","))
end

local DESCRIPTION = args.spec{ title = "string", kind = { "one_of", "col_pct", "row_pct", "means" },
  decimals = "count", columns = "list", rows = "list", n = { "either", "number", "table" }, n_cells = "table",
  n_rows = "list", pooled = "table", expected = "list", multiple = "boolean", sums = "boolean",
  sum_columns = "table", rounding = { "one_of", "half_up", "either" }, nmax = "count" }
local AUDIT = args.spec{ nmax = "count", rounding = { "one_of", "half_up", "either" }, pool_units = { "number", min = 0 },
  sums = "boolean" }

-- A table description from a toolkit result (percentages, battery, mr_table) or as given.
local function normalise(t)
  if F.is_dataset(t) then
    local meta = t:meta()
    local names = t.columns
    local desc = { title = meta.title, decimals = meta.round or 0, columns = {}, rows = {}, n = {} }
    -- text columns make up the row label (group and item); number columns are the values
    local labelcols = {}
    for j = 1, #names do
      local nm = names[j]
      local v = #t > 0 and t:get(1, nm) or nil
      if nm:match("^_") then
      elseif type(v) == "string" or j == 1 then labelcols[#labelcols + 1] = nm
      elseif not (meta.cells and meta.cells[nm] == "n") and nm ~= "n" and not nm:match(" n$")
        and nm ~= "totaal" and not nm:match(" totaal$") and not nm:match(" abs%.$") then
        desc.columns[#desc.columns + 1] = nm
      end
    end
    if meta.kind == "percent_table" then
      desc.kind = "col_pct"
      for _, c in ipairs(desc.columns) do desc.n[c] = meta.n[c] end
    elseif meta.kind == "battery" then
      desc.kind = "row_pct"
    elseif meta.kind == "mr_table" then
      desc.kind = "col_pct"; desc.multiple = true
    end
    local nrows = #t
    if meta.n_row then nrows = meta.n_row - 1 end
    if meta.kind == "mr_table" then nrows = nrows - 1 end
    local kinds = meta.kind == "battery" and F.has_column(t, "_kind") and t:values("_kind") or nil
    for i = 1, nrows do
      if kinds and kinds[i] == "header" then goto continue end
      local parts = {}
      for _, lc in ipairs(labelcols) do parts[#parts + 1] = tostring(t:get(i, lc)) end
      local row = { table.concat(parts, " ") }
      for j, c in ipairs(desc.columns) do row[j + 1] = F.round(t:get(i, c), desc.decimals) end
      if meta.kind == "battery" then row.n = t:get(i, "n") end
      desc.rows[#desc.rows + 1] = row
      ::continue::
    end
    return desc
  end
  if type(t) ~= "table" or type(t.columns) ~= "table" or type(t.rows) ~= "table" then
    error("audit: expected a toolkit table or { columns = {...}, rows = { {label, values...} } }", 3)
  end
  return args.fields("audit: table", t, DESCRIPTION)
end

M.audit = doc.def("stats.audit", function(t, opts)
  opts = args.options("audit", opts, AUDIT)
  local d = normalise(t)
  local dec = d.decimals or 0
  local unit = 10 ^ -dec
  local nmax = opts.nmax or d.nmax
  local kind = d.kind or "col_pct"
  local incl = (opts.rounding or d.rounding) == "either"
  local col_index = {}
  for j, c in ipairs(d.columns) do col_index[c] = j + 1 end
  local row_index = {}
  for i, r in ipairs(d.rows) do row_index[r[1]] = i end
  local F_check, F_row, F_col, F_printed, F_expected, F_msg = {}, {}, {}, {}, {}, {}
  local function finding(check, row, col, printed, expected, msg)
    local k = #F_check + 1
    F_check[k], F_row[k], F_col[k], F_printed[k], F_expected[k], F_msg[k] =
      check, row or "", col or "", printed or 0 / 0, expected or 0 / 0, msg
  end
  local function cell(r, c) return d.rows[r][col_index[c]] end
  local function n_of(rowlabel, col)
    if d.n_cells and d.n_cells[rowlabel] and d.n_cells[rowlabel][col] then return d.n_cells[rowlabel][col] end
    if type(d.n) == "table" then return d.n[col] end
    return d.n
  end

  -- 1. distributions summing to 100 (rows for row_pct, columns for col_pct)
  if (kind == "row_pct" or kind == "col_pct") and not d.multiple and opts.sums ~= false and d.sums ~= false then
    local lines = {}
    if kind == "row_pct" then
      for i, r in ipairs(d.rows) do
        local v = {}
        for j = 2, #d.columns + 1 do if r[j] ~= nil and r[j] == r[j] then v[#v + 1] = r[j] end end
        lines[#lines + 1] = { r[1], "", v, r.n or (d.n_rows and d.n_rows[i]) }
      end
    else
      for _, c in ipairs(d.columns) do
        if not (d.sum_columns and not d.sum_columns[c]) then
          local v = {}
          for i = 1, #d.rows do local x = cell(i, c) if x ~= nil and x == x then v[#v + 1] = x end end
          lines[#lines + 1] = { "", c, v, type(d.n) == "table" and d.n[c] or d.n }
        end
      end
    end
    for _, ln in ipairs(lines) do
      local s = 0
      for _, x in ipairs(ln[3]) do s = s + x end
      if ln[4] then
        local ns = feasible(ln[3], ln[4], dec, true, incl)
        if ns[#ns] ~= ln[4] then
          if lr_fits(ln[3], ln[4], dec) then
            finding("rounding", ln[1], ln[2], s, 100, string.format(
              "fits the printed n = %d only when rounded to add up to 100 (largest remainder), not half up", ln[4]))
          else
            finding("sum", ln[1], ln[2], s, 100, string.format(
              "percentages add up to %s; no counts out of the printed n = %d round to them", fmtnum(s, dec), ln[4]))
          end
        end
      else
        local ns = feasible(ln[3], SEARCH_MAX, dec, true, incl)
        local lr = (#ns == 0 or (nmax and ns[1] > nmax)) and lr_feasible(ln[3], nmax or LR_MAX, dec) or {}
        if #lr > 0 then
          finding("rounding", ln[1], ln[2], s, 100, string.format(
            "fits n = %s only when rounded to add up to 100 (largest remainder), not half up",
            table.concat(lr, ", ", 1, math.min(#lr, 5))))
        elseif #ns == 0 then
          finding("sum", ln[1], ln[2], s, 100, string.format(
            "percentages add up to %s; no counts out of any n (up to %d) round to them", fmtnum(s, dec), SEARCH_MAX))
        elseif nmax and ns[1] > nmax then
          finding("sum_n", ln[1], ln[2], s, 100, string.format(
            "percentages add up to %s; the smallest n they fit is %d, more than the %d respondents",
            fmtnum(s, dec), ns[1], nmax))
        end
      end
    end
  end

  -- 2. percentages impossible for the printed n (per cell)
  if kind == "row_pct" or kind == "col_pct" then
    for i, r in ipairs(d.rows) do
      for _, c in ipairs(d.columns) do
        local p = cell(i, c)
        local n = (kind == "row_pct" and r.n) or n_of(r[1], c)
        if p ~= nil and p == p and n and n > 0 and not possible(p, n, dec, incl) then
          local lo = math.floor(p * n / 100)
          finding("cell_n", r[1], c, p, 100 * lo / n, string.format(
            "%s%% is impossible with n = %d (%d/%d = %s%%, %d/%d = %s%%)", fmtnum(p, dec), n,
            lo, n, fmtnum(100 * lo / n, dec + 1), lo + 1, n, fmtnum(100 * (lo + 1) / n, dec + 1)))
        end
      end
    end
  end

  -- 3. pooled columns: total = n-weighted combination of subgroups; n total = sum of n
  for total, subs in pairs(d.pooled or {}) do
    local tn, sn = n_of(nil, total), 0
    local have_n = tn ~= nil
    for _, s in ipairs(subs) do local n = n_of(nil, s) if n then sn = sn + n else have_n = false end end
    if have_n and tn ~= sn then
      finding("pooled_n", "", total, tn, sn, string.format("n of %s is %d, the subgroups add up to %d",
        total, tn, sn))
    end
    for i, r in ipairs(d.rows) do
      local vals, ns = {}, {}
      for k, s in ipairs(subs) do vals[k] = cell(i, s); ns[k] = n_of(r[1], s) end
      local pooled = tests.pool(vals, ns)
      local printed = cell(i, total)
      local tol = unit * (opts.pool_units or 1) + 1e-9
      if pooled == pooled and printed ~= nil and printed == printed and math.abs(pooled - printed) > tol then
        finding("pooled", r[1], total, printed, pooled, string.format(
          "%s is printed %s; the n-weighted combination of %s gives %s", total, fmtnum(printed, dec),
          table.concat(subs, " and "), fmtnum(pooled, dec + 2)))
      end
    end
  end

  -- 4. cells that must equal a sum of other (rounded) cells, or an expected value
  for _, e in ipairs(d.expected or {}) do
    local i = row_index[e.row]
    if not i then error("audit: expected check names row " .. tostring(e.row) .. ", not in the table", 2) end
    local printed = cell(i, e.col)
    local value, tol = e.value, e.tolerance
    if e.parts then
      value = 0
      for _, pt in ipairs(e.parts) do value = value + cell(row_index[pt[1]], pt[2]) end
      tol = tol or unit * (0.5 * #e.parts + 0.5)
    end
    tol = tol or unit * 0.5
    if printed ~= nil and math.abs(printed - value) > tol + 1e-9 then
      finding("derived", e.row, e.col, printed, value, string.format(
        "printed %s; %s gives %s (tolerance %s)", fmtnum(printed, dec), e.what or "the parts",
        fmtnum(value, dec), fmtnum(tol, dec + 1)))
    end
  end

  local n = #F_check
  local notes = n == 0 and { "Geen bevindingen: alle controles kloppen." } or nil
  return F.output({ { "check", F_check, type = "text" }, { "row", F_row, type = "text" },
    { "column", F_col, type = "text" }, { "printed", F_printed }, { "expected", F_expected },
    { "message", F_msg, type = "text" } }, n,
    { kind = "audit", title = "Audit: " .. (d.title or "table"), ok = n == 0, findings = n, notes = notes,
      key = { { label = { nl = "bevindingen", en = "findings" }, value = n } },
      method = { nl = "Controles: sommen (van 100), percentages mogelijk bij hun n, gepoolde kolommen, afgeleide cellen; "
                   .. (incl and "half naar boven of half naar even" or "half naar boven") .. " afgerond op " .. dec .. " decimalen.",
                 en = "Checks: sums (to 100), percentages possible for their n, pooled columns, derived cells; rounded "
                   .. (incl and "half up or half to even" or "half up") .. " to " .. dec .. " decimals." },
      decimals = { printed = dec, expected = dec + 1 } })
end, [==[
stats.audit(table [, opts]) -> findings

Checks a published or produced percentage table and lists what does not add up (an empty
result means every check passed; meta.ok). table is a toolkit result (percentages, battery,
mr_table) or a description: { title =, kind = "col_pct" | "row_pct" | "means", decimals = 0,
columns = {...}, rows = { {label, v1, v2, ...}, ... } (row_pct rows may carry n = k),
n = number | {col = n}, n_cells = {row = {col = n}}, pooled = {total = {sub1, sub2}},
expected = { {row =, col =, parts = { {row, col}, ... } | value =, tolerance =, what =} },
multiple = true (multiple response: no sum check), sums = false (cells with their own bases),
sum_columns = {col = true} (only these columns are distributions), rounding = "either" }.
Checks: sum (a distribution whose rounded percentages no counts can produce: out of the printed
n, or out of any n up to 1000), sum_n (they fit only more units than opts.nmax / nmax, the
number of respondents), rounding (they fit only with largest-remainder rounding, so the source
rounded to add up to 100), cell_n (a percentage impossible for its n),
pooled_n and pooled (a total column versus the n-weighted combination of its subgroups, within
one unit of the last decimal), derived (a cell versus the sum of its parts, half a unit per part).
Columns: check, row, column, printed, expected, message.]==], {
  options = AUDIT,
  example = function()
    return { title = "voorbeeld", kind = "col_pct", columns = { "po", "vo" }, rows = { { "ja", 34, 40 }, { "nee", 66, 60 } },
      n = { po = 50, vo = 40 } }, { nmax = 100 }
  end,
})

M.count_range = count_range

return M
