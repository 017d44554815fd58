-- passend/stats/response.lua: response(d, by, population, opts): the response table of
-- the monitor's Bijlage A (Tabel A.1): respondents per actor x sector / onderwijstype with
-- totals and, given a population frame, response rates.
local core = require "passend.core"
local doc = require "passend.doc"
local S = require "passend.stats.common"
local args = require "passend.args"
local disclosure = require "passend.rules.disclosure"
local rules = require "passend.rules"

local M = {}
local NaN = S.NaN

local value_less = S.value_less

local function present(v) return v ~= nil and v == v end

-- Values of a column in the order opts.levels gives, else sorted.
local function order(values, n, given)
  if given then return given end
  local seen, list = {}, {}
  for i = 1, n do
    local v = values[i]
    if present(v) and not seen[v] then seen[v] = true; list[#list + 1] = v end
  end
  table.sort(list, value_less)
  return list
end

local function res_cols_values(res_cols, name)
  for _, c in ipairs(res_cols) do if c[1] == name then return c[2] end end
end

local SPEC = args.spec{ levels = "table", count = { "column", of = 3 }, total_row = "boolean", min_n = "count",
  title = "string", rows = "list", breakdown = { "either", "table", "function" }, zeros = "boolean" }

M.response = doc.def("stats.response", function(d, by, population, opts)
  S.check_dataset("response", d)
  if population ~= nil and not core.is_dataset(population) and opts == nil then
    opts, population = population, nil
  end
  opts = S.options("response", opts, SPEC, d, { [3] = population })
  if type(by) == "string" then by = { by } end
  if type(by) ~= "table" or #by < 1 then S.fail("response", "by must list the row column and the column columns") end
  local levels = opts.levels or {}
  local rowvar = by[1]
  local rv = S.column("response", d, rowvar, "row column")
  local n = #d
  local rows = order(rv, n, levels[rowvar])
  -- opts.rows = { {"Ib'ers/oco's", {"ib", "oco"}}, ... }: rows that combine values, in order
  local combine = {}
  if opts.rows then
    rows = {}
    for k, spec in ipairs(opts.rows) do
      if type(spec) ~= "table" or type(spec[1]) ~= "string" then
        S.fail("response", "rows[%d] must be {label, {values...}}", k)
      end
      rows[k] = spec[1]
      local vals = type(spec[2]) == "table" and spec[2] or { spec[2] == nil and spec[1] or spec[2] }
      for _, v in ipairs(vals) do combine[v] = spec[1] end
    end
  end
  local function row_of(v)
    if opts.rows then return combine[v] end
    return v
  end
  local colvars, cv = {}, {}
  for k = 2, #by do
    colvars[#colvars + 1] = by[k]
    cv[#cv + 1] = (S.column("response", d, by[k], "column"))
  end
  -- the columns: per column variable its values, named by value (value_var when taken)
  local cols, used = {}, { [rowvar] = true, totaal = true }
  for k, var in ipairs(colvars) do
    for _, v in ipairs(order(cv[k], n, levels[var])) do
      local name = tostring(v)
      if used[name] then name = name .. "_" .. var end
      used[name] = true
      cols[#cols + 1] = { var = k, value = v, name = name, header = tostring(v) }
    end
  end
  -- per row value: the finest column variable it has values for; counts per cell
  local rowidx = {}
  for r, v in ipairs(rows) do rowidx[v] = r end
  local finest, count, total = {}, {}, {}
  for r = 1, #rows do finest[r], count[r], total[r] = 0, {}, 0 end
  -- which column variable breaks a row down: opts.breakdown (a table or function from the row
  -- value or label to a column name, or false for only a total), else the finest one present
  local fixed = {}
  if opts.breakdown then
    for r, v in ipairs(rows) do
      local b
      if type(opts.breakdown) == "function" then b = opts.breakdown(v) else b = opts.breakdown[v] end
      if b == false then fixed[r] = 0
      elseif b ~= nil then
        local k
        for j, var in ipairs(colvars) do if var == b then k = j end end
        if not k then S.fail("response", "breakdown of %s names \"%s\", not one of the by columns", tostring(v), tostring(b)) end
        fixed[r] = k
      end
    end
  end
  for i = 1, n do
    local r = rowidx[row_of(rv[i])]
    if r then
      total[r] = total[r] + 1
      for k = 1, #colvars do
        local v = cv[k][i]
        if present(v) then
          if not fixed[r] and k > finest[r] then finest[r] = k end
          count[r][k] = count[r][k] or {}
          count[r][k][v] = (count[r][k][v] or 0) + 1
        end
      end
    end
  end
  for r in pairs(fixed) do finest[r] = fixed[r] end
  -- population frame: N per (row value, column variable value) at the same levels
  local popN, poptotal
  if population then
    local cname = opts.count or "N"
    local prv = S.column("response", population, rowvar, "row column of the population")
    local pn = S.numeric("response", population, cname, "count column of the population")
    local pcv = {}
    for k, var in ipairs(colvars) do
      pcv[k] = S.has_column(population, var) and population:values(var) or {}
    end
    popN, poptotal = {}, {}
    for r = 1, #rows do popN[r] = {} end
    for i = 1, #population do
      local r = rowidx[row_of(prv[i])]
      local N = pn[i]
      if r and present(N) then
        -- the finest column value given in this frame row decides where N counts
        local kk, vv = 0, nil
        for k = 1, #colvars do
          if present(pcv[k][i]) then kk, vv = k, pcv[k][i] end
        end
        if kk == 0 then
          poptotal[r] = (poptotal[r] or 0) + N
        else
          popN[r][kk] = popN[r][kk] or {}
          popN[r][kk][vv] = (popN[r][kk][vv] or 0) + N
          -- the actor's total over its finest level
          if kk == finest[r] or finest[r] == 0 then
            popN[r].sum = (popN[r].sum or 0) + N
          end
        end
      end
    end
    for r = 1, #rows do
      if poptotal[r] == nil then poptotal[r] = popN[r].sum end
    end
  end
  local min_n = opts.min_n
  if min_n == nil then
    min_n = rules.settings.suppress.min_n
  end

  -- build the output
  local nrow = #rows + ((opts.total_row == true) and 1 or 0)
  local stub, kind = {}, {}
  local out = {}
  local low = {}
  for r = 1, #rows do stub[r], kind[r] = tostring(rows[r]), "" end
  if nrow > #rows then stub[nrow], kind[nrow] = "Totaal", "total" end
  local res_cols = { { rowvar, stub } }
  local labels, decimals = { [rowvar] = "" }, {}
  local function add_col(name, header, vals, pcts)
    res_cols[#res_cols + 1] = { name, vals }
    labels[name] = header
    decimals[name] = 0
    if pcts then
      res_cols[#res_cols + 1] = { name .. "_pct", pcts }
      labels[name .. "_pct"] = header .. " %"
      decimals[name .. "_pct"] = 0
    end
  end
  for _, c in ipairs(cols) do
    local vals, pcts = {}, population and {} or nil
    local sum, sumN = 0, 0
    for r = 1, #rows do
      local x = NaN
      if finest[r] == c.var then
        x = (count[r][c.var] or {})[c.value] or 0
        sum = sum + x
        if min_n and x > 0 and x < min_n then
          low[#low + 1] = string.format("%s %s (n=%d)", tostring(rows[r]), c.header, x)
        end
        if x == 0 and not opts.zeros then x = NaN end   -- nobody: not asked there
      end
      vals[r] = x
      if pcts then
        local N = finest[r] == c.var and popN[r][c.var] and popN[r][c.var][c.value] or nil
        local xn = x == x and x or 0
        pcts[r] = (N and N > 0) and 100 * xn / N or NaN
        if N then sumN = sumN + N end
      end
    end
    if nrow > #rows then
      vals[nrow] = sum
      if pcts then pcts[nrow] = sumN > 0 and 100 * sum / sumN or NaN end
    end
    add_col(c.name, c.header, vals, pcts)
  end
  local tv, tp = {}, population and {} or nil
  local all, allN = 0, 0
  for r = 1, #rows do
    tv[r] = total[r]
    all = all + total[r]
    if tp then
      local N = poptotal[r]
      tp[r] = (N and N > 0) and 100 * total[r] / N or NaN
      if N then allN = allN + N end
    end
  end
  if nrow > #rows then
    tv[nrow] = all
    if tp then tp[nrow] = allN > 0 and 100 * all / allN or NaN end
  end
  add_col("totaal", "Totaal", tv, tp)
  res_cols[#res_cols + 1] = { "_kind", kind }
  local notes, redact = {}, {}
  if #low > 0 then
    notes[1] = string.format("Resultaten niet weergegeven bij minder dan %d respondenten: %s.", min_n,
      table.concat(low, ", "))
    local names = {}
    for i, s in ipairs(low) do names[i] = s:gsub(" %(n=%d+%)$", "") end
    redact[notes[1]] = string.format("Resultaten niet weergegeven bij minder dan %d respondenten: %s.", min_n,
      table.concat(names, ", "))
  end
  -- protect(): the counts of a row add up to its Totaal (over the columns of its breakdown),
  -- a response rate shows its count (the population is known); with total_row the columns
  -- add up to the Totaal row. The note's counts go when a cell is hidden.
  local counts, cells, row_sums = {}, {}, {}
  for _, c in ipairs(cols) do
    counts[c.name] = res_cols_values(res_cols, c.name)
    cells[c.name] = c.name
    if population then cells[c.name .. "_pct"] = c.name end
  end
  counts.totaal, cells.totaal = tv, "totaal"
  if population then cells.totaal_pct = "totaal" end
  for r = 1, #rows do
    local parts = {}
    for _, c in ipairs(cols) do if c.var == finest[r] then parts[#parts + 1] = c.name end end
    if #parts > 0 then row_sums[#row_sums + 1] = { total = "totaal", parts = parts, rows = { r } } end
  end
  return disclosure.stamp(S.result(res_cols, {
    kind = "response", by = by, labels = labels, decimals = decimals, notes = notes, min_n = min_n,
    below_min = low, title = opts.title or "Respons naar actor en onderwijstype",
    disclosure = { counts = counts, cells = cells, row_sums = row_sums, private = { "below_min" },
      redact_notes = redact },
  }))
end, [[
stats.response(d, by [, population] [, opts])

The response table of the monitor's Bijlage A (Tabel A.1): respondents per value of by[1]
(the actor) and per value of each further by-column (e.g. "sector" then "onderwijstype"), with
a Totaal column. Each actor row shows the finest breakdown its respondents have: actors whose
rows carry an onderwijstype show bao/sbo/vo/(v)so, actors with only a sector show po/vo, others
only the total (as the report prints them). A value that appears for two columns is named
value_column (vo and vo_onderwijstype); headers show the value. A cell nobody answered in is
empty (opts.zeros = true prints 0). opts.breakdown = {actor = "sector" | "onderwijstype" |
false} (or a function of the row) fixes an actor's breakdown instead, e.g. from
monitor.defs.actors' levels; opts.rows = { {"Ib'ers/oco's", {"ib", "oco"}}, ... } gives the rows
in order, each combining values of the row column (as Tabel A.1 prints them).
population: a dataset with the same columns and a count column (opts.count, default "N");
then each cell gets a response rate column <col>_pct (n / N x 100; an actor's total N is its
row without a breakdown, or the sum of its cells). opts: levels = {col = {values in order}},
total_row = true (a Totaal row), min_n (cells below it are named in a note as not shown;
default rules.settings.suppress.min_n when the estimation rules are loaded), title.
Published (every format), counts under rules.settings.disclosure_min_n are hidden with the
cells that would give them away through a Totaal (protect()); the monitor's Tabel A.1 in
report() prints them all, as the monitor does, and says so.]], {
  options = SPEC,
  example = function()
    local pop = require("passend.core").dataset{ { "sector", { "po", "vo" } }, { "aantal", { 100, 120 } } }
    return require("passend.sample").data(), { "sector", "regio" }, pop, { count = "aantal", total_row = true }
  end,
})

return M
