-- passend/stats/common.lua: what the statistics front ends share: reading columns and
-- scales from a dataset with clear errors, missing codes, weights, groups, and building
-- result datasets.
local core = require "passend.core"
local args = require "passend.args"
local lang = require "passend.lang"
local grouping = require "passend.stats.grouping"

local S = {}

local NaN = 0 / 0

-- error naming the function and what is wrong, at the caller's caller
function S.fail(fn, fmt, ...)
  error(fn .. ": " .. string.format(fmt, ...), 0)
end

function S.check_dataset(fn, d)
  if not core.is_dataset(d) then
    S.fail(fn, "expected a dataset as first argument, got %s", type(d))
  end
  return d
end

local function has_column(d, name)
  for _, c in ipairs(d.columns) do if c == name then return true end end
  return false
end
S.has_column = has_column

-- Column values and info, with an error naming the column when it is absent.
function S.column(fn, d, name, what)
  if type(name) ~= "string" then S.fail(fn, "%s must be a column name, got %s", what or "column", type(name)) end
  if not has_column(d, name) then
    S.fail(fn, "%s: no column \"%s\" in the data%s", what or "column", name, args.did_you_mean(name, d.columns))
  end
  return d:values(name), d:info(name)
end

-- Numeric column; text is an error naming the column.
function S.numeric(fn, d, name, what)
  local v, info = S.column(fn, d, name, what)
  if info.type ~= "number" then
    S.fail(fn, "%s \"%s\" holds text; expected numbers", what or "column", name)
  end
  return v, info
end

-- A set of codes {8, 9} as a lookup table.
local function codeset(list)
  local s = {}
  for _, c in ipairs(list or {}) do s[c] = true end
  return s
end
S.codeset = codeset

-- True when v is missing: system-missing, a user-missing code of the column, or one of extra.
function S.is_missing(v, info, extra)
  if v == nil or v ~= v then return true end
  if extra and extra[v] then return true end
  if info then
    if info.missing then
      for _, c in ipairs(info.missing) do if c == v then return true end end
    end
    local r = info.missing_range
    if r and type(v) == "number" and v >= r[1] and v <= r[2] then return true end
  end
  return false
end

-- Weights: an array of n numbers (1 when no weight column); negative or missing is an error.
function S.weights(fn, d, name)
  local n = #d
  local w = {}
  if not name then
    for i = 1, n do w[i] = 1 end
    return w, false
  end
  local v = S.numeric(fn, d, name, "weight column")
  for i = 1, n do
    local x = v[i]
    if x == nil or x ~= x then S.fail(fn, "weight column \"%s\" is missing in row %d", name, i) end
    if x < 0 then S.fail(fn, "weight column \"%s\" is negative (%s) in row %d", name, tostring(x), i) end
    w[i] = x
  end
  return w, true
end

-- A scale given as a scale object, a table with items, or a plain list of item names.
-- Returns { name, label, items, reversed = set, points, missing = set }.
function S.scale(fn, s)
  if type(s) == "string" then s = { s, items = { s } } end
  if type(s) ~= "table" then S.fail(fn, "expected a scale or a list of item names, got %s", type(s)) end
  local items = s.items
  local name = s.name or s[1]
  if not items then
    items = {}
    for i, v in ipairs(s) do items[i] = v end
    name = nil
  end
  if type(items) ~= "table" or #items == 0 then S.fail(fn, "scale %s has no items", tostring(name)) end
  local points = s.points
  if points ~= nil and (math.type(points) ~= "integer" and not (type(points) == "number" and points == math.floor(points)) or points < 2) then
    S.fail(fn, "scale %s: points must be the number of answer categories, got %s", tostring(name), tostring(points))
  end
  local rev = codeset(s.reversed)
  for it in pairs(rev) do
    local found = false
    for _, x in ipairs(items) do if x == it then found = true end end
    if not found then S.fail(fn, "scale %s: reversed item \"%s\" is not one of its items", tostring(name), tostring(it)) end
  end
  if next(rev) and not points then
    S.fail(fn, "scale %s has reversed items but no points (needed to reverse: points + 1 - x)", tostring(name))
  end
  return {
    name = name or table.concat(items, "+"), label = s.label or "", items = items,
    reversed = rev, points = points, missing = codeset(s.missing), min_valid = s.min_valid,
  }
end

-- Item values of a scale as arrays with NaN for missing, reversed items turned around.
function S.item_matrix(fn, d, sc)
  local cols = {}
  for j, item in ipairs(sc.items) do
    local v, info = S.column(fn, d, item, "item of scale " .. sc.name)
    if info.type ~= "number" then
      S.fail(fn, "item \"%s\" of scale %s holds text; expected numbers", item, sc.name)
    end
    local out = {}
    local rev = sc.reversed[item]
    for i = 1, #d do
      local x = v[i]
      if S.is_missing(x, info, sc.missing) then out[i] = NaN
      elseif rev then out[i] = sc.points + 1 - x
      else out[i] = x end
    end
    cols[j] = out
  end
  return cols
end

-- by: nil, a column name or a list of column names (or grouping objects with name/fn when
-- the estimation part provides them). Returns a list of by-names, per row the group index
-- (nil when a by-value is missing) and the groups {values...} in sorted order.
local function value_less(a, b)
  if type(a) == type(b) then return a < b end
  return type(a) == "number"
end
-- Sort order of by-values and categories: numbers first, ascending; then text (byte order).
S.value_less = value_less

function S.groups(fn, d, by)
  if by == nil then return {}, nil, { {} } end
  if type(by) ~= "table" or getmetatable(by) then by = { by } end
  local names, cols = {}, {}
  for k, b in ipairs(by) do
    if type(b) == "string" and not has_column(d, b) and grouping.registered[b] then
      b = grouping.registered[b]
    end
    if type(b) == "string" then
      names[k] = b
      cols[k] = (S.column(fn, d, b, "by column"))
    elseif type(b) == "table" and b.name and (b.fn or b.map) then
      names[k] = b.name
      cols[k] = grouping.values(b, d)
    else
      S.fail(fn, "by must list column names or groupings, got %s", type(b))
    end
  end
  local keyidx, groups, rowg = {}, {}, {}
  for i = 1, #d do
    local key, vals, ok = {}, {}, true
    for k = 1, #cols do
      local v = cols[k][i]
      if v == nil or v ~= v then ok = false; break end
      vals[k] = v
      key[k] = type(v) .. ":" .. tostring(v)
    end
    if ok then
      local ks = table.concat(key, "\0")
      local g = keyidx[ks]
      if not g then
        groups[#groups + 1] = vals
        g = #groups
        keyidx[ks] = g
      end
      rowg[i] = g
    end
  end
  -- sort groups by their values, renumber rows
  local order = {}
  for g = 1, #groups do order[g] = g end
  table.sort(order, function(a, b)
    local ga, gb = groups[a], groups[b]
    for k = 1, #ga do
      if ga[k] ~= gb[k] then return value_less(ga[k], gb[k]) end
    end
    return false
  end)
  local newidx, sorted = {}, {}
  for pos, g in ipairs(order) do newidx[g] = pos; sorted[pos] = groups[g] end
  for i = 1, #d do if rowg[i] then rowg[i] = newidx[rowg[i]] end end
  return names, rowg, sorted
end

-- Builds a result dataset from ordered columns { {name, values, n = rows}, ... } and meta.
-- Missing numbers are NaN.
function S.result(cols, meta)
  local spec, n = {}, 0
  for i, c in ipairs(cols) do
    spec[i] = { c[1], c[2] }
    if #c[2] > n then n = #c[2] end
  end
  spec.n = n
  local r = core.dataset(spec)
  local m = r:meta()
  for k, v in pairs(meta or {}) do m[k] = v end
  return r
end

-- Appends the by-columns (one value per result row, from the group tuples) to cols.
function S.by_columns(cols, names, rows_group, groups)
  for k, name in ipairs(names) do
    local vals = {}
    for r, g in ipairs(rows_group) do vals[r] = groups[g][k] end
    cols[#cols + 1] = { name, vals }
  end
end

S.NaN = NaN

-- Sorts category values: first those listed in order (opts.order, or the dataset's
-- meta.orders[var] that add_classes sets), in that order, then the rest ascending.
function S.sort_categories(list, order)
  local pos = {}
  for k, v in ipairs(order or {}) do pos[v] = k end
  table.sort(list, function(a, b)
    local pa, pb = pos[a], pos[b]
    if pa and pb then return pa < pb end
    if pa or pb then return pa ~= nil end
    if type(a) == type(b) then return a < b end
    return type(a) == "number"
  end)
  return list
end

function S.order_of(d, var, given)
  if given then return given end
  local m = d:meta()
  return m.orders and m.orders[var] or nil
end

-- A number for a note, in the report's style (decimal comma) when the formats are loaded.
function S.num(x, dec)
  return lang.number(x, dec)
end

-- Dense 1-based codes for the values of a column (cluster, stratum); missing is an error.
local function codes(fn, d, name, what)
  local v = S.column(fn, d, name, what)
  local map, out, vals = {}, {}, {}
  for i = 1, #d do
    local x = v[i]
    if x == nil or x ~= x then S.fail(fn, "%s \"%s\" is missing in row %d", what, name, i) end
    local c = map[x]
    if not c then vals[#vals + 1] = x; c = #vals; map[x] = c end
    out[i] = c
  end
  return out, vals
end

-- The design for the kernels from opts.weight / cluster / strata / fpc / lonely_psu: a table
-- { n, w, cluster (codes), strata (codes), strata_names, fpc, lonely, data, weight } (the
-- estimation engine's svy_design_new builds it in C; a weight made by rake()/poststratify()
-- brings its calibration record, as survey's calibrated designs do).
local LONELY = { adjust = true, average = true, certainty = true, remove = true, fail = true }
function S.design(fn, d, opts)
  local des = { n = #d, data = d, weight = opts.weight }
  if opts.weight then des.w = (S.weights(fn, d, opts.weight)) end
  if opts.cluster then des.cluster = (codes(fn, d, opts.cluster, "cluster column")) end
  if opts.strata then
    local vals
    des.strata, vals = codes(fn, d, opts.strata, "strata column")
    des.strata_names = {}
    for k, v in ipairs(vals) do des.strata_names[k] = tostring(v) end
  end
  if opts.fpc then
    local v = S.numeric(fn, d, opts.fpc, "fpc column")
    local f = {}
    for i = 1, #d do
      if v[i] == nil or v[i] ~= v[i] then S.fail(fn, "fpc column \"%s\" is missing in row %d", opts.fpc, i) end
      f[i] = v[i]
    end
    des.fpc = f
  end
  des.lonely = opts.lonely_psu or "adjust"
  if not LONELY[des.lonely] then
    S.fail(fn, "lonely_psu must be \"adjust\", \"average\", \"certainty\", \"remove\" or \"fail\", got \"%s\"",
      tostring(des.lonely))
  end
  return des
end

function S.design_settings(opts)
  return { weight = opts.weight, cluster = opts.cluster, strata = opts.strata, fpc = opts.fpc,
    lonely_psu = opts.lonely_psu or "adjust" }
end

-- Value label of code v in column info, or "".
function S.value_label(info, v)
  local vl = info and info.value_labels
  if vl and v ~= nil then return vl[v] or "" end
  return ""
end

-- The design options of estimate, compare and crosstab (passend.args entries; S.design reads them).
S.DESIGN = {
  weight = "column", cluster = "column", strata = "column", fpc = "column",
  lonely_psu = { "one_of", "adjust", "average", "certainty", "remove", "fail" },
}

-- The design of a result in words, for its method line: "weight w, clusters swv, strata stratum"
-- (English names of the options; nil without a design).
function S.design_words(opts, lang)
  local nl = lang == "nl"
  local parts = {}
  if opts.weight then parts[#parts + 1] = (nl and "gewicht " or "weight ") .. opts.weight end
  if opts.cluster then parts[#parts + 1] = "clusters " .. opts.cluster end
  if opts.strata then parts[#parts + 1] = "strata " .. opts.strata end
  if opts.fpc then parts[#parts + 1] = "fpc " .. opts.fpc end
  if #parts == 0 then return nil end
  return table.concat(parts, ", ")
end

-- The options of fn checked against spec (passend.args): unknown names, wrong kinds and
-- column names not in d are errors naming the option, with the closest names.
function S.options(fn, opts, spec, d, sources)
  return args.options(fn, opts, spec, d, sources)
end

return S
