-- passend/weighting: calibrating weights to population counts and checking them.
--   poststratify(d, opts)             weights so that weighted counts equal the population per cell
--   rake(d, margins, opts)            iterative proportional fitting over several margins
--   weights(d, w, by)                 summary of a weight column (min, max, ratio, Kish deff, n_eff)
--   representativeness(d, frame, by)  sample vs population distribution with a chi-square test
-- The numeric kernels and the calibration record are C (src/kernel/calib.c, src/lua/lcalib.c). A calibrated
-- dataset carries meta.calibration, which estimate() uses to compute standard errors that account
-- for the calibration exactly as R's survey package does for postStratify() and rake().
local core = require "passend.core"
local doc = require "passend.doc"
local args = require "passend.args"

local M = {}

local function fail(fn, fmt, ...)
  error(fn .. ": " .. string.format(fmt, ...), 0)
end

-- The text form under which a value is matched between the data and a population frame:
-- 1, 1.0 and "1" are the same cell.
local function key(v)
  if type(v) == "number" then
    if v == math.floor(v) and math.abs(v) < 2^53 then return string.format("%d", v) end
    return string.format("%.17g", v)
  end
  return tostring(v)
end

local function as_list(by, fn, what)
  if type(by) == "string" then return { by } end
  if type(by) ~= "table" or #by == 0 then
    fail(fn, "%s must be a column name or a list of column names", what or "by")
  end
  return by
end

local function check_columns(d, vars, fn)
  for _, v in ipairs(vars) do args.column(fn, d, v, "by") end
end

-- The options (passend.args); frames' count columns are checked where the frame is read.
local POSTSTRATIFY = args.spec{ by = "columns", population = "any", weight = "column", name = "string",
  partial = "boolean", count = "string" }
local RAKE = args.spec{ weight = "column", name = "string", epsilon = { "number", above = 0 },
  tolerance = { "number", above = 0 }, maxit = { "integer", min = 1 }, bounds = "list" }
local TRIM = args.spec{ upper = "number", lower = "number", strict = "boolean", name = "string" }
local REPRESENTATIVENESS = args.spec{ weight = "column", count = { "column", of = 2 } }

local function cell_text(vars, keys)
  local parts = {}
  for i, v in ipairs(vars) do parts[i] = v .. "=" .. keys[i] end
  return table.concat(parts, ", ")
end

-- Aliases from value labels: a frame may name the cells of a labelled numeric column by label.
local function label_aliases(d, var)
  local info = d:info(var)
  local alias = {}
  if info.type == "number" and info.value_labels then
    for code, label in pairs(info.value_labels) do alias[label] = key(code) end
  end
  return alias
end

local COUNT_NAMES = { "N", "Freq", "freq", "count", "aantal", "population", "populatie", "pop",
  "totaal", "total", "n" }

-- A population frame as a list of cells { keys = {k1, k2, ...}, N = count }.
-- Accepted: a dataset with the by-columns and a count column (opts.count, or one of COUNT_NAMES;
-- without one every row counts 1: a list of population units); a Lua list of rows
-- { {regio = "noord", N = 120}, ... }; a Lua map { noord = 120, ... }, nested per variable
-- for several: { noord = { po = 80, vo = 40 }, ... }.
local function read_frame(frame, vars, fn, count)
  local cells = {}
  local function add(keys, n, where)
    if type(n) ~= "number" or n ~= n or n < 0 or n == math.huge then
      fail(fn, "population frame, %s: the count must be a number >= 0, found %s", where, tostring(n))
    end
    cells[#cells + 1] = { keys = keys, N = n }
  end
  if core.is_dataset(frame) then
    for _, v in ipairs(vars) do
      if not frame:has(v) then fail(fn, "the population frame has no column \"%s\"", v) end
    end
    local cname = count
    if not cname then
      for _, c in ipairs(COUNT_NAMES) do
        if frame:has(c) then cname = c; break end
      end
    else
      args.column(fn, frame, cname, "the population frame's count column")
    end
    local vals = {}
    for i, v in ipairs(vars) do vals[i] = frame:values(v) end
    local cnt = cname and frame:values(cname)
    local agg, order = {}, {}
    for r = 1, #frame do
      local keys = {}
      for i, v in ipairs(vars) do
        if vals[i][r] == nil then fail(fn, "population frame, row %d: column \"%s\" is missing", r, v) end
        keys[i] = key(vals[i][r])
      end
      local n = 1
      if cname then n = cnt[r] end
      if type(n) ~= "number" then
        fail(fn, "population frame, row %d: count column \"%s\" must hold numbers", r, cname)
      end
      local k = table.concat(keys, "\0")
      if not agg[k] then
        agg[k] = { keys = keys, N = 0 }
        order[#order + 1] = k
      elseif cname then
        fail(fn, "the population frame lists cell %s twice", cell_text(vars, keys))
      end
      agg[k].N = agg[k].N + n
    end
    for _, k in ipairs(order) do add(agg[k].keys, agg[k].N, cell_text(vars, agg[k].keys)) end
    return cells
  end
  if type(frame) ~= "table" then
    fail(fn, "the population must be a dataset or a Lua table of counts, found %s", type(frame))
  end
  if #frame > 0 and type(frame[1]) == "table" then
    for r, row in ipairs(frame) do
      local keys = {}
      for i, v in ipairs(vars) do
        if row[v] == nil then fail(fn, "population row %d has no value for \"%s\"", r, v) end
        keys[i] = key(row[v])
      end
      local n = count and row[count]
      if not count then
        for _, c in ipairs(COUNT_NAMES) do
          if row[c] ~= nil then n = row[c]; break end
        end
      end
      add(keys, n, "row " .. r)
    end
    return cells
  end
  -- nested map, one level per variable; keys sorted for a deterministic order
  local function walk(t, depth, keys)
    local ks = {}
    for k in pairs(t) do ks[#ks + 1] = k end
    table.sort(ks, function(a, b) return key(a) < key(b) end)
    for _, k in ipairs(ks) do
      local v = t[k]
      local kk = { table.unpack(keys) }
      kk[depth] = key(k)
      if depth < #vars then
        if type(v) ~= "table" then
          fail(fn, "population: expected a table of counts per \"%s\" under %s", vars[depth + 1],
            cell_text(vars, kk))
        end
        walk(v, depth + 1, kk)
      else
        add(kk, v, cell_text(vars, kk))
      end
    end
  end
  walk(frame, 1, {})
  return cells
end

-- Cell ids per row for the cross-classification of vars, in order of first appearance.
-- Returns cell (row -> id), cells { {keys=, values=, n=} }, index key -> id.
local function sample_cells(d, vars, fn)
  local vals, caches = {}, {}
  for i, v in ipairs(vars) do vals[i], caches[i] = d:values(v), {} end
  local nv = #vars
  local cell, cells, index = {}, {}, {}
  local function k_of(i, r)
    local x = vals[i][r]
    if x == nil then
      fail(fn, "column \"%s\" is missing in row %d; every respondent needs a cell (drop or impute first)", vars[i], r)
    end
    local k = caches[i][x]
    if not k then k = key(x); caches[i][x] = k end
    return k
  end
  for r = 1, #d do
    local k = k_of(1, r)
    for i = 2, nv do k = k .. "\0" .. k_of(i, r) end
    local id = index[k]
    if not id then
      local keys, values = {}, {}
      for i = 1, nv do keys[i], values[i] = k_of(i, r), vals[i][r] end
      id = #cells + 1
      index[k] = id
      cells[id] = { keys = keys, values = values, n = 0 }
    end
    cells[id].n = cells[id].n + 1
    cell[r] = id
  end
  return cell, cells, index
end

-- Matches a frame to the sample cells: pop[id] per sample cell, with the errors for a sample
-- cell without population and a population cell without respondents (unless partial).
-- The order of report rows: by their key values, numbers as numbers, text as text.
local function keys_before(ka, kb, nkeys)
  for j = 1, nkeys do
    if ka[j] ~= kb[j] then
      local na, nb = tonumber(ka[j]), tonumber(kb[j])
      if na and nb then return na < nb end
      return ka[j] < kb[j]
    end
  end
  return false
end

-- The key columns of a report: { var, values } for each of vars, from rows[r].values.
local function key_columns(vars, rows)
  local cols = {}
  for j, v in ipairs(vars) do
    local vals = {}
    for r, row in ipairs(rows) do vals[r] = row.values[j] end
    cols[#cols + 1] = { v, vals }
  end
  return cols
end

local function match_frame(d, vars, frame, fn, opts)
  local cell, cells, index = sample_cells(d, vars, fn)
  local fcells = read_frame(frame, vars, fn, opts.count)
  local aliases = {}
  for i, v in ipairs(vars) do aliases[i] = label_aliases(d, v) end
  local pop, missing, dropped = {}, {}, 0
  for _, fc in ipairs(fcells) do
    local keys = {}
    for i, k in ipairs(fc.keys) do keys[i] = aliases[i][k] or k end
    local id = index[table.concat(keys, "\0")]
    if id then
      if pop[id] then fail(fn, "the population frame lists cell %s twice", cell_text(vars, keys)) end
      pop[id] = fc.N
    elseif fc.N > 0 then
      missing[#missing + 1] = string.format("%s (N = %s)", cell_text(vars, keys), key(fc.N))
      dropped = dropped + fc.N
    end
  end
  for id, c in ipairs(cells) do
    if not pop[id] or pop[id] == 0 then
      fail(fn, "sample cell %s has %d respondent(s) but %s in the population frame",
        cell_text(vars, c.keys), c.n, pop[id] and "a count of 0" or "no count")
    end
  end
  if #missing > 0 and not opts.partial then
    local more = #missing > 5 and string.format(" and %d more", #missing - 5) or ""
    fail(fn, "population cell%s without respondents: %s%s; combine %s with a neighbouring cell, "
      .. "or pass partial = true to leave %s out", #missing > 1 and "s" or "",
      table.concat(missing, "; ", 1, math.min(5, #missing)), more,
      #missing > 1 and "them" or "it", #missing > 1 and "them" or "it")
  end
  return cell, cells, pop, dropped
end

local function new_weight_name(d, opts, fn)
  local name = opts.name or opts.weight or "w"
  if d:has(name) and name ~= opts.weight then
    fail(fn, "the data already have a column \"%s\": name the new weights with name = \"...\", "
      .. "or calibrate that column by passing weight = \"%s\"", name, name)
  end
  if opts.weight and not d:has(opts.weight) then fail(fn, "the data have no weight column \"%s\"", opts.weight) end
  return name
end

-- A dataset from ordered columns {name, values}; n rows.
local function make(cols, n, meta)
  cols.n = n
  cols.meta = meta
  return core.dataset(cols)
end

local function sum_by(cell, w, k)
  local s = {}
  for i = 1, k do s[i] = 0 end
  for r, c in ipairs(cell) do s[c] = s[c] + w[r] end
  return s
end

M.poststratify = doc.def("poststratify", function(d, opts)
  local fn = "poststratify"
  if type(opts) ~= "table" then fail(fn, "usage: poststratify(d, { by = {...}, population = frame })") end
  opts = args.options(fn, opts, POSTSTRATIFY, d)
  local vars = as_list(opts.by, fn)
  check_columns(d, vars, fn)
  if opts.population == nil then fail(fn, "population = frame is missing") end
  local name = new_weight_name(d, opts, fn)
  local cell, cells, pop = match_frame(d, vars, opts.population, fn, opts)
  local p = {}
  for i = 1, #cells do p[i] = pop[i] end
  local out, info = core._calib_run(d, { kind = "poststratify", base = opts.weight, name = name,
    margins = { { cell = cell, ncells = #cells, pop = p } } })
  -- report: one row per cell, sorted by the cell's values
  local order = {}
  for i = 1, #cells do order[i] = i end
  table.sort(order, function(a, b) return keys_before(cells[a].keys, cells[b].keys, #vars) end)
  local sorted = {}
  for r, i in ipairs(order) do sorted[r] = cells[i] end
  local cols = key_columns(vars, sorted)
  local n, before, N, factor = {}, {}, {}, {}
  for r, i in ipairs(order) do
    n[r], before[r], N[r] = cells[i].n, info.sample[i], p[i]
    factor[r] = p[i] / info.sample[i]
  end
  cols[#cols + 1] = { "n", n }
  cols[#cols + 1] = { "sum_before", before }
  cols[#cols + 1] = { "population", N }
  cols[#cols + 1] = { "factor", factor }
  local report = make(cols, #order, { kind = "weighting", method = "poststratify", by = vars,
    weight = name, base = opts.weight,
    title = "Post-stratification on " .. table.concat(vars, " x ") })
  out:meta().weighting = report:meta()
  return out, report
end, [[
poststratify(d, { by = {"regio", ...}, population = frame [, weight = "w"] [, name = "w_ps"]
                  [, partial = false] [, count = "N"] })  -> dataset, report

Post-stratification: a new weight per respondent, w * N_cell / (sum of w in the cell), so that the
weighted count of every cell of the cross-classification of `by` equals its population count.
Returns a new dataset with the weights in column `name` (default: the `weight` column, else "w")
and a report (one row per cell: n, sum of weights before, population, factor).
The frame is a dataset with the by-columns and a count column (N, Freq, count, aantal, ...; or
count = "col"; without one each row is one population unit), a list of rows
{ {regio = "noord", N = 120}, ... }, or a map { noord = 120, ... } (nested per variable).
Cells match by value (1 = "1") or, for a labelled numeric column, by value label.
Errors: a sample cell without population count; a population cell without respondents (pass
partial = true to leave such cells out, as R's postStratify(partial = TRUE)); a missing value in a
by-column. The dataset records the calibration (meta.calibration), so estimate() computes standard
errors that account for it exactly as R's svymean on postStratify(design, ...) does.]], {
  options = POSTSTRATIFY,
  example = function()
    local s = require "passend.sample"
    return s.data(), { by = "regio", population = s.frame(), weight = "gewicht", name = "w_ps" }
  end,
})

-- Margins as a list of { vars = {...}, population = frame, label = "a x b" }.
local function read_margins(margins, fn)
  if type(margins) ~= "table" then fail(fn, "margins must be a table") end
  local list = {}
  if #margins > 0 then
    for i, m in ipairs(margins) do
      if type(m) ~= "table" then fail(fn, "margin %d must be a table", i) end
      local by, pop = m.by or m[1], m.population or m[2]
      if by == nil or pop == nil then
        fail(fn, "margin %d: expected { \"var\", population } or { by = ..., population = ... }", i)
      end
      list[i] = { vars = as_list(by, fn, "margin " .. i), population = pop }
    end
  else
    local names = {}
    for k in pairs(margins) do names[#names + 1] = k end
    table.sort(names)
    for i, k in ipairs(names) do list[i] = { vars = { k }, population = margins[k] } end
  end
  if #list == 0 then fail(fn, "no margins given") end
  for _, m in ipairs(list) do m.label = table.concat(m.vars, " x ") end
  return list
end

M.rake = doc.def("rake", function(d, margins, opts)
  local fn = "rake"
  opts = args.options(fn, opts, RAKE, d)
  local list = read_margins(margins, fn)
  local name = new_weight_name(d, opts, fn)
  local all, seen = {}, {}
  local spec = { kind = "rake", base = opts.weight, name = name, margins = {} }
  local totals = {}
  for k, m in ipairs(list) do
    check_columns(d, m.vars, fn)
    for _, v in ipairs(m.vars) do
      if not seen[v] then seen[v] = true; all[#all + 1] = v end
    end
    local cell, cells, pop = match_frame(d, m.vars, m.population, fn, {})
    local p, tot = {}, 0
    for i = 1, #cells do p[i] = pop[i]; tot = tot + pop[i] end
    m.cell, m.cells, m.pop, totals[k] = cell, cells, p, tot
    spec.margins[k] = { cell = cell, ncells = #cells, pop = p }
  end
  local lo, hi = totals[1], totals[1]
  for _, t in ipairs(totals) do lo, hi = math.min(lo, t), math.max(hi, t) end
  if hi - lo > 1e-9 * hi then
    local parts = {}
    for k, m in ipairs(list) do parts[k] = string.format("%s %s", m.label, key(totals[k])) end
    fail(fn, "the margins disagree on the population total (%s); raking cannot meet them all",
      table.concat(parts, ", "))
  end
  local cross, ccells = sample_cells(d, all, fn)
  spec.cross, spec.ncross = cross, #ccells
  spec.epsilon = opts.epsilon or opts.tolerance or 1e-10
  spec.maxit = opts.maxit or 100
  if opts.bounds ~= nil then
    local b = opts.bounds
    if type(b) ~= "table" or type(b[1]) ~= "number" or type(b[2]) ~= "number" or b[1] < 0 or b[1] >= 1
      or b[2] <= 1 then
      fail(fn, "bounds = {lo, hi} limits each adjustment factor w / w_before relative to the average "
        .. "adjustment: need 0 <= lo < 1 < hi")
    end
    -- relative to the average adjustment, so that {0.5, 2} means the same whatever the scale of w
    local w0, sum0 = opts.weight and d:values(opts.weight), 0
    for i = 1, #d do sum0 = sum0 + (w0 and w0[i] or 1) end
    local gbar = totals[1] / sum0
    spec.lo, spec.hi = b[1] * gbar, b[2] * gbar
  end
  local out, info = core._calib_run(d, spec)
  -- margin report and largest remaining error
  local w0 = opts.weight and d:values(opts.weight)
  local w1 = out:values(name)
  local mcol, ccol, ncol, bcol, pcol, acol, ecol = {}, {}, {}, {}, {}, {}, {}
  local maxerr, where = 0, ""
  for _, m in ipairs(list) do
    local before = sum_by(m.cell, w0 or setmetatable({}, { __index = function() return 1 end }), #m.cells)
    local after = sum_by(m.cell, w1, #m.cells)
    local order = {}
    for i = 1, #m.cells do order[i] = i end
    table.sort(order, function(a, b)
      return table.concat(m.cells[a].keys, " / ") < table.concat(m.cells[b].keys, " / ")
    end)
    for _, i in ipairs(order) do
      local r = #mcol + 1
      mcol[r], ccol[r] = m.label, table.concat(m.cells[i].keys, " / ")
      ncol[r], bcol[r], pcol[r], acol[r] = m.cells[i].n, before[i], m.pop[i], after[i]
      ecol[r] = after[i] - m.pop[i]
      if math.abs(ecol[r]) > maxerr then
        maxerr, where = math.abs(ecol[r]), cell_text(m.vars, m.cells[i].keys)
      end
    end
  end
  -- converged by the change criterion but the margins are not met: no weights meet them all
  -- (cells of the cross-classification without respondents), IPF only creeps towards zero weights
  local sum0 = 0
  for i = 1, #d do sum0 = sum0 + (w0 and w0[i] or 1) end
  local eps_abs = spec.epsilon < 1 and spec.epsilon * sum0 or spec.epsilon
  if info.converged and not info.infeasible and maxerr > math.max(1e-6 * totals[1], 10 * eps_abs) then
    if spec.lo then info.infeasible = true end
    if not spec.lo then
      fail(fn, "the margins cannot all be met with these respondents (largest margin error %.3g in %s after "
        .. "%d iterations): categories of different margins occur only together; merge sparse categories",
        maxerr, where, info.iterations)
    end
  end
  if not info.converged or info.infeasible then
    local why = info.infeasible
      and string.format("the margins cannot be met within bounds {%g, %g}", opts.bounds[1], opts.bounds[2])
      or string.format("no convergence after %d iterations (the weighted table still changed by %.3g)",
        info.iterations, info.delta)
    fail(fn, "%s; largest margin error %.3g in %s. %s", why, maxerr, where,
      info.infeasible and "Widen the bounds or merge small cells."
        or "Raise maxit, loosen epsilon, or merge sparse cells.")
  end
  local report = make({ { "margin", mcol }, { "category", ccol }, { "n", ncol }, { "sum_before", bcol },
    { "population", pcol }, { "sum_after", acol }, { "error", ecol } }, #mcol,
    { kind = "weighting", method = "rake", margins = (function()
        local t = {}
        for k, m in ipairs(list) do t[k] = m.label end
        return t
      end)(), weight = name, base = opts.weight, iterations = info.iterations,
      converged = info.converged, delta = info.delta, max_error = maxerr, max_error_in = where,
      epsilon = spec.epsilon, maxit = spec.maxit, bounds = opts.bounds,
      title = string.format("Raking on %d margins: %d iterations, largest margin error %.3g",
        #list, info.iterations, maxerr) })
  out:meta().weighting = report:meta()
  return out, report
end, [[
rake(d, margins [, { weight = "w", name = "w", epsilon = 1e-10, maxit = 100,
                     bounds = {lo, hi} }])  -> dataset, report

Raking (iterative proportional fitting): adjusts the weights margin by margin, pass after pass,
until the weighted counts meet every margin. margins is a list { {"regio", frame},
{{"sector", "grootte"}, frame}, ... } (or { by = ..., population = ... } entries, or a map
{ regio = frame, ... } taken in name order); frames as for poststratify.
The algorithm is R's rake(): each pass post-stratifies on every margin in turn and stops when the
joint table of weighted counts over all margin variables changes by less than epsilon (epsilon < 1
is relative to the sum of the starting weights, as in R; R's defaults are epsilon = 1, maxit = 10;
tolerance = is the same as epsilon).
bounds = {lo, hi} keeps every adjustment factor w / w_before within [lo, hi] times the average
adjustment (population total / sum of starting weights): {0.5, 2} trims inside the fit so that no
weight moves less than half or more than twice the average; the standard errors then treat the
result as raked (R has no bounded rake()).
Returns the new dataset (weights in `name`, default the `weight` column, else "w") and a report:
per margin cell n, sum before, population, sum after, error; meta has iterations and max_error.
Errors: margins whose population totals differ, a sample cell without population count, a
population cell without respondents, no convergence within maxit, bounds that cannot be met.
estimate() on the result gives standard errors that account for the raking as R's svymean on
rake(design, ...) does.]], {
  options = RAKE,
  example = function()
    local s = require "passend.sample"
    local sector = core.dataset{ { "sector", { "po", "vo" } }, { "aantal", { 600, 400 } } }
    return s.data(), { { "regio", s.frame() }, { "sector", sector } }, { weight = "gewicht", name = "w_rake" }
  end,
})

M.trim = doc.def("weight.trim", function(d, w, opts)
  local fn = "weight.trim"
  if type(w) ~= "string" or type(opts) ~= "table" then
    fail(fn, "usage: weight.trim(d, \"w\", { upper = u [, lower = l] [, strict = true] [, name = \"w_trim\"] })")
  end
  opts = args.options(fn, opts, TRIM)
  args.column(fn, d, w, "weight")
  local upper, lower = opts.upper or math.huge, opts.lower or -math.huge
  if type(upper) ~= "number" or type(lower) ~= "number" or not (lower < upper) then
    fail(fn, "upper and lower must be numbers with lower < upper")
  end
  local name = opts.name or w
  if name ~= w and d:has(name) then fail(fn, "the data already have a column \"%s\"", name) end
  local pw = d:values(w)
  for i = 1, #d do
    if type(pw[i]) ~= "number" then fail(fn, "column \"%s\", row %d: missing weight", w, i) end
  end
  -- R's trimWeights(): clip, then spread what was cut off evenly over the weights inside
  local rounds, trimmed = 0, 0
  while true do
    local inside, cut = 0, 0
    local new = {}
    for i = 1, #d do
      local x = math.max(lower, math.min(pw[i], upper))
      cut = cut + (pw[i] - x)
      if x == pw[i] and pw[i] >= lower and pw[i] <= upper then inside = inside + 1 end
      new[i] = x
    end
    if inside == #d then break end
    if inside == 0 then fail(fn, "every weight lies outside [%g, %g]", lower, upper) end
    if rounds == 0 then trimmed = #d - inside end
    for i = 1, #d do
      if pw[i] >= lower and pw[i] <= upper then new[i] = new[i] + cut / inside end
    end
    pw = new
    rounds = rounds + 1
    if not opts.strict then break end
    if rounds >= 1000 then fail(fn, "strict trimming did not settle in 1000 rounds: the bounds are too tight") end
  end
  local out = core._calib_with_weights(d, name, pw, w)
  out:meta().trimming = { weight = w, name = name, upper = opts.upper, lower = opts.lower,
    strict = opts.strict or false, rounds = rounds, trimmed = trimmed }
  return out
end, [[
weight.trim(d, "w", { upper = u [, lower = l] [, strict = false] [, name = "w"] })  -> dataset

Trims a weight column as R's trimWeights(): weights above upper become upper, below lower become
lower, and the total cut off (or added) is spread evenly over the weights that were inside, so the
sum of the weights stays the same. That can push weights over a bound again; strict = true repeats
until none is. Returns a new dataset with the trimmed weights in `name` (default: replacing w).
When w was calibrated (poststratify/rake) the trimmed column keeps the calibration record, as R's
trimmed design keeps its postStrata: estimate() residualises on it as svymean does. meta.trimming
says how many weights were trimmed. To bound the adjustment inside raking use rake's bounds.]], {
  options = TRIM,
  example = function() return require("passend.sample").data(), "gewicht", { upper = 1.8, name = "w_trim" } end,
})

M.weights = doc.def("weight.weights", function(d, w, by)
  local fn = "weights"
  if type(w) ~= "string" then fail(fn, "usage: weights(d, \"w\" [, by])") end
  if not d:has(w) then fail(fn, "the data have no column \"%s\"", w) end
  if d:info(w).type ~= "number" then fail(fn, "column \"%s\" is text, weights must be numbers", w) end
  local vars = by and as_list(by, fn) or {}
  check_columns(d, vars, fn)
  local wv = d:values(w)
  local groups, index = {}, {}
  local vals = {}
  for i, v in ipairs(vars) do vals[i] = d:values(v) end
  local skipped = 0
  local caches = {}
  for i = 1, #vars do caches[i] = {} end
  for r = 1, #d do
    local k, ok = "", true
    for i = 1, #vars do
      local x = vals[i][r]
      if x == nil then ok = false; break end
      local kx = caches[i][x]
      if not kx then kx = key(x); caches[i][x] = kx end
      k = i == 1 and kx or (k .. "\0" .. kx)
    end
    if not ok then
      skipped = skipped + 1
    else
      local g = index[k]
      if not g then
        local keys, values = {}, {}
        for i = 1, #vars do keys[i], values[i] = caches[i][vals[i][r]], vals[i][r] end
        g = { keys = keys, values = values, n = 0, missing = 0, s = 0, s2 = 0, min = math.huge, max = -math.huge }
        index[k] = g
        groups[#groups + 1] = g
      end
      local x = wv[r]
      if x == nil then
        g.missing = g.missing + 1
      else
        if x < 0 then fail(fn, "column \"%s\", row %d: negative weight %s", w, r, key(x)) end
        g.n = g.n + 1
        g.s, g.s2 = g.s + x, g.s2 + x * x
        if x < g.min then g.min = x end
        if x > g.max then g.max = x end
      end
    end
  end
  table.sort(groups, function(a, b) return keys_before(a.keys, b.keys, #vars) end)
  local cols = key_columns(vars, groups)
  local names = { "n", "missing", "sum", "mean", "min", "max", "ratio", "cv", "deff", "n_eff" }
  local data = {}
  for _, nm in ipairs(names) do data[nm] = {} end
  for r, g in ipairs(groups) do
    data.n[r], data.missing[r] = g.n, g.missing
    if g.n > 0 then
      local mean = g.s / g.n
      data.sum[r], data.mean[r], data.min[r], data.max[r] = g.s, mean, g.min, g.max
      if g.min > 0 then data.ratio[r] = g.max / g.min end
      if g.n > 1 then
        local var = (g.s2 - g.n * mean * mean) / (g.n - 1)
        data.cv[r] = math.sqrt(math.max(var, 0)) / mean
      end
      if g.s > 0 then
        data.deff[r] = g.n * g.s2 / (g.s * g.s)
        data.n_eff[r] = g.s * g.s / g.s2
      end
    end
  end
  for _, nm in ipairs(names) do cols[#cols + 1] = { nm, data[nm] } end
  local notes = {}
  if skipped > 0 then notes[1] = string.format("%d rows with a missing group value left out", skipped) end
  return make(cols, #groups, { kind = "weights", weight = w, by = vars, notes = notes,
    title = "Weights \"" .. w .. "\"" .. (#vars > 0 and (" by " .. table.concat(vars, " x ")) or "") })
end, [[
weight.weights(d, "w" [, by])  -> dataset

Summary of a weight column, overall or per group (by: a column or list of columns): n (rows with a
weight), missing, sum, mean, min, max, ratio (max / min), cv (sd / mean), the Kish design effect
of weighting deff = n * sum(w^2) / sum(w)^2 and the effective sample size n_eff = sum(w)^2 / sum(w^2)
= n / deff. A deff above about 1.5 or a ratio above about 10 means the weighting costs much precision.]])

-- Per characteristic: population counts per category from a frame.
local function frame_distribution(frame, var, fn, count)
  if type(frame) == "table" and not (core.is_dataset(frame)) and #frame == 0 then
    local sub = frame[var]
    if sub == nil then fail(fn, "the population frame has no distribution for \"%s\"", var) end
    return read_frame(sub, { var }, fn, count)
  end
  return read_frame(frame, { var }, fn, count)
end

M.representativeness = doc.def("weight.representativeness", function(d, frame, by, opts)
  local fn = "representativeness"
  opts = args.options(fn, opts, REPRESENTATIVENESS, d, { [2] = core.is_dataset(frame) and frame or nil })
  local vars = as_list(by, fn)
  check_columns(d, vars, fn)
  local wv = opts.weight and d:values(opts.weight)
  local cols = { characteristic = {}, category = {}, n = {}, sample_pct = {}, weighted_pct = {},
    population = {}, population_pct = {}, diff = {}, chi2 = {}, df = {}, p = {} }
  local tests = {}
  for _, var in ipairs(vars) do
    local fcells = frame_distribution(frame, var, fn, opts.count)
    local alias = label_aliases(d, var)
    local pop, order, total = {}, {}, 0
    for _, fc in ipairs(fcells) do
      local k = alias[fc.keys[1]] or fc.keys[1]
      if pop[k] then fail(fn, "the population frame lists %s=%s twice", var, k) end
      pop[k] = fc.N
      order[#order + 1] = k
      total = total + fc.N
    end
    if total <= 0 then fail(fn, "the population counts for \"%s\" sum to 0", var) end
    local vals = d:values(var)
    local cnt, wsum, n, wtot = {}, {}, 0, 0
    for r = 1, #d do
      local x = vals[r]
      if x ~= nil then
        local k = key(x)
        if not pop[k] then
          fail(fn, "category %s=%s occurs in the sample but not in the population frame", var, k)
        end
        cnt[k] = (cnt[k] or 0) + 1
        n = n + 1
        if wv then
          local wr = wv[r] or 0
          wsum[k] = (wsum[k] or 0) + wr
          wtot = wtot + wr
        end
      end
    end
    if n == 0 then fail(fn, "column \"%s\" has no values", var) end
    local chi2, k = 0, 0
    for _, c in ipairs(order) do
      local share = pop[c] / total
      if share > 0 then
        local e = n * share
        chi2 = chi2 + ((cnt[c] or 0) - e) ^ 2 / e
        k = k + 1
      elseif (cnt[c] or 0) > 0 then
        fail(fn, "category %s=%s has respondents but a population count of 0", var, c)
      end
    end
    local df = k - 1
    local p = df > 0 and core.pchisq(chi2, df, false) or nil
    tests[#tests + 1] = { characteristic = var, chi2 = chi2, df = df, p = p, n = n }
    for j, c in ipairs(order) do
      local r = #cols.category + 1
      cols.characteristic[r], cols.category[r] = var, c
      cols.n[r] = cnt[c] or 0
      cols.sample_pct[r] = 100 * (cnt[c] or 0) / n
      if wv then cols.weighted_pct[r] = wtot > 0 and 100 * (wsum[c] or 0) / wtot or nil end
      cols.population[r] = pop[c]
      cols.population_pct[r] = 100 * pop[c] / total
      cols.diff[r] = cols.sample_pct[r] - cols.population_pct[r]
      if j == 1 then cols.chi2[r], cols.df[r], cols.p[r] = chi2, df, p end
    end
  end
  local names = { "characteristic", "category", "n", "sample_pct" }
  if wv then names[#names + 1] = "weighted_pct" end
  for _, nm in ipairs({ "population", "population_pct", "diff", "chi2", "df", "p" }) do names[#names + 1] = nm end
  local out = {}
  for i, nm in ipairs(names) do out[i] = { nm, cols[nm] } end
  return make(out, #cols.category, { kind = "representativeness", tests = tests, by = vars,
    weight = opts.weight, title = "Representativiteit: steekproef en populatie",
    notes = { "chi2: goodness-of-fit of the unweighted sample counts to the population shares (df = categories - 1)" } })
end, [[
weight.representativeness(d, frame, by [, { weight = "w", count = "N" }])  -> dataset

Sample against population, per characteristic in by (a column or list): for each category the
number of respondents n, sample_pct, (with weight: weighted_pct), the population count and
population_pct, and diff = sample_pct - population_pct; on the first row of each characteristic a
chi-square goodness-of-fit test of the sample counts against the population shares (chi2, df =
categories - 1, p), as R's chisq.test(n, p = shares). The frame is a dataset (population units, or
with a count column), or a Lua table per characteristic: { regio = { noord = 120, ... }, ... }.
Shares may be given as percentages: only proportions matter. Categories in the sample that the
frame lacks are an error; frame categories without respondents count as 0.]], {
  options = REPRESENTATIVENESS,
  example = function()
    local s = require "passend.sample"
    return s.data(), s.frame(), "regio", { weight = "gewicht", count = "aantal" }
  end,
})

return M
