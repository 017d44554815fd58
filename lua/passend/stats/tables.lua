-- passend/toolkit/tables.lua: the percentage tables of research reports: stated bases,
-- valid n per item, the 'Totaal abs. (n=100%)' row, item batteries and multiple response.
local core = require "passend.core"
local doc = require "passend.doc"
local F = require "passend.data.frame"
local args = require "passend.args"
local disclosure = require "passend.rules.disclosure"

local M = {}

local N_ROW = "Totaal abs. (n=100%)"

local function label_of(acc, name, code, labels)
  if labels and labels[code] ~= nil then return labels[code] end
  local info = acc.info(name)
  if info and info.value_labels and info.value_labels[code] then return info.value_labels[code] end
  return tostring(code)
end

-- Group keys per row: by = nil | "col" | {"col1", "col2"}; returns key per row index,
-- the ordered list of keys and, per key, the list of its by-values.
local function groups(acc, rows, by, levels)
  if by == nil then return nil, {} end
  if type(by) == "string" then by = { by } end
  local cols, lv = {}, {}
  for k, b in ipairs(by) do
    cols[k] = acc.get(b)
    lv[k] = F.levels(cols[k], rows, levels and levels[b])
  end
  local keys, parts = {}, {}
  local function rec(k, prefix, vals)
    if k > #by then
      keys[#keys + 1] = prefix
      parts[prefix] = vals
      return
    end
    for _, v in ipairs(lv[k]) do
      local nv = { table.unpack(vals) }
      nv[#nv + 1] = v
      rec(k + 1, prefix == "" and tostring(v) or (prefix .. " " .. tostring(v)), nv)
    end
  end
  rec(1, "", {})
  local key = {}
  for _, i in ipairs(rows) do
    local parts_i = {}
    for k = 1, #by do
      local v = cols[k][i]
      if v == nil then parts_i = nil break end
      parts_i[k] = tostring(v)
    end
    if parts_i then key[i] = table.concat(parts_i, " ") end
  end
  return key, keys, parts
end

local function count_into(t, k, w) t[k] = (t[k] or 0) + (w or 1) end

local function new_slot() return { counts = {}, n = 0, n_all = 0, missing = {}, wcounts = {}, wmissing = {}, n_w = 0, n_all_w = 0 } end

-- The weights of the rows (opts.weight names a column), checked: a missing or negative weight
-- is an error naming the row.
local function weights(acc, rows, opts, what)
  if not opts.weight then return nil end
  local w = acc.get(opts.weight)
  for _, i in ipairs(rows) do
    local x = w[i]
    if type(x) ~= "number" or x ~= x or x < 0 then
      error(string.format("%s: weight column %q row %d: expected a number >= 0, found %s", what, opts.weight, i, tostring(x)), 3)
    end
  end
  return w
end

-- Counts (and weighted counts) of one variable within rows, per group; honours base valid/all.
local function tally(acc, var, rows, key, opts, w)
  local vals = acc.get(var)
  local mset = F.missing_set(acc, var, opts)
  local res = { total = new_slot() }
  local function slot(g)
    res[g] = res[g] or new_slot()
    return res[g]
  end
  for _, i in ipairs(rows) do
    local v = vals[i]
    local wi = w and w[i] or 1
    local miss, how = F.is_missing(v, mset)
    local targets = { res.total }
    if key then
      if key[i] == nil then targets = {} else targets[2] = slot(key[i]) end
    end
    for _, t in ipairs(targets) do
      t.n_all, t.n_all_w = t.n_all + 1, t.n_all_w + wi
      if miss then
        local k = how == "system" and "__system" or v
        count_into(t.missing, k)
        count_into(t.wmissing, k, wi)
      else
        t.n, t.n_w = t.n + 1, t.n_w + wi
        count_into(t.counts, v)
        count_into(t.wcounts, v, wi)
      end
    end
  end
  return res
end

-- Pooled columns: opts.pooled = { {"vso", {"vso3", "vso4"}}, ... } adds a column that
-- pools the member groups (their counts add), placed after its last member.
local function add_pooled(gkeys, slots, pooled, merge)
  for _, pl in ipairs(pooled or {}) do
    local name, members = pl[1], pl[2]
    local last = 0
    local parts = {}
    for _, m in ipairs(members) do
      for k, g in ipairs(gkeys) do if g == m then last = math.max(last, k) end end
      if slots[m] then parts[#parts + 1] = slots[m] end
    end
    if last == 0 then error("pooled column " .. name .. ": none of its groups is in the data", 3) end
    slots[name] = merge(parts)
    table.insert(gkeys, last + 1, name)
  end
end

local function merge_tallies(parts)
  local m = new_slot()
  for _, p in ipairs(parts) do
    m.n, m.n_all, m.n_w, m.n_all_w = m.n + p.n, m.n_all + p.n_all, m.n_w + p.n_w, m.n_all_w + p.n_all_w
    for _, f in ipairs({ "counts", "missing", "wcounts", "wmissing" }) do
      for k, v in pairs(p[f]) do m[f][k] = (m[f][k] or 0) + v end
    end
  end
  return m
end

-- What protect() needs (passend/disclosure.lua) to protect a percentages() table: per column
-- (a group, a pooled group or the total; "abs." and "%" of one group show the same cells) the
-- respondents behind each category and the base; the categories add up to the base (the
-- n row); the groups add up to the Totaal column and the members of a pooled group to it,
-- row by row; the n in the title is the total base; the bases of percentage columns are
-- known to a reader even when hidden (percentages add up to 100).
local function percent_disclosure(t, colspec, shown, nrow, gkeys, opts, tn, base)
  local counts, cells, acol_of = {}, {}, {}
  local pct_cols = {}
  for _, c in ipairs(colspec) do
    local a = "slot:" .. c[2]
    cells[c[1]] = a
    acol_of[c[2]] = a
    if not counts[a] then
      local s = t[c[2]] or new_slot()
      local nn = {}
      for i, cat in ipairs(shown) do nn[i] = s.counts[cat] or s.missing[cat] or 0 end
      if nrow then nn[#shown + 1] = base == "valid" and s.n or s.n_all end
      counts[a] = nn
    end
    if c[3] == "pct" then pct_cols[a] = true end
  end
  local pooled = {}
  for _, pl in ipairs(opts.pooled or {}) do pooled[pl[1]] = pl[2] end
  local row_sums, groups = {}, {}
  for _, g in ipairs(gkeys) do
    if not pooled[g] then groups[#groups + 1] = acol_of[g] end
  end
  for _, pl in ipairs(opts.pooled or {}) do
    local parts = {}
    for _, m in ipairs(pl[2]) do if acol_of[m] then parts[#parts + 1] = acol_of[m] end end
    row_sums[#row_sums + 1] = { total = acol_of[pl[1]], parts = parts }
  end
  local total = acol_of.total
  if total then row_sums[#row_sums + 1] = { total = total, parts = groups } end
  local nr = #shown + (nrow and 1 or 0)
  local pct_bases = {}
  if nrow then
    for a in pairs(pct_cols) do pct_bases[#pct_bases + 1] = { a, nr } end
    table.sort(pct_bases, function(x, y) return x[1] < y[1] end)
  end
  local title_n
  if opts.n_in_title and opts.title then
    title_n = { n = tn, plain = opts.title }
    if total and nrow then
      title_n.atom = { total, nr }
    else
      -- the groups' bases (or, without an n row, all their cells) add up to it
      local parts = {}
      for _, a in ipairs(groups) do
        if nrow then parts[#parts + 1] = { a, nr }
        else for i = 1, #shown do parts[#parts + 1] = { a, i } end end
      end
      title_n.parts = parts
    end
  end
  return { counts = counts, cells = cells, row_sums = row_sums, additive = true,
    pct_bases = pct_bases, title_n = title_n, private = { "counts", "n", "n_w" } }
end

local function title_with_n(title, n, lang)
  if not title then return nil end
  return string.format("%s (n=%d)", title, n)
end

-- Options every table of this file takes (the base population, groups, weights, layout words).
local COMMON = {
  filter = { "either", "function", "table" }, by = "columns", levels = "table", weight = "column",
  missing = "codes", labels = "table", pooled = "list", decimals = "count", title = "string",
  notes = "list", source = "string", base_label = "string",
}
local PERCENTAGES = args.spec(COMMON, {
  base = { "one_of", "valid", "all" }, order = "list", cells = { "one_of", "pct", "n", "both" },
  total_cells = { "one_of", "pct", "n", "both" }, total = "boolean", total_label = "string", n_row = "boolean",
  n_row_label = "string", category_label = "string", system_missing_label = "string",
  rounding = { "one_of", "half_up", "largest_remainder" }, n_in_title = "boolean",
})

M.percentages = doc.def("percentages", function(d, var, opts)
  local acc = F.input(d, "percentages")
  opts = args.options("percentages", opts, PERCENTAGES, acc)
  local rows = F.rows(acc, opts.filter)
  local key, gkeys = groups(acc, rows, opts.by, opts.levels)
  local w = weights(acc, rows, opts, "percentages")
  local t = tally(acc, var, rows, key, opts, w)
  add_pooled(gkeys, t, opts.pooled, merge_tallies)
  local base = opts.base or "valid"
  -- categories: valid codes in order, then (base all) the missing codes seen
  local cats = F.levels(acc.get(var), rows, opts.order)
  local mset = F.missing_set(acc, var, opts)
  local valid_cats, miss_cats = {}, {}
  for _, c in ipairs(cats) do
    if F.is_missing(c, mset) then miss_cats[#miss_cats + 1] = c else valid_cats[#valid_cats + 1] = c end
  end
  local shown = { table.unpack(valid_cats) }
  if base == "all" then
    for _, c in ipairs(miss_cats) do shown[#shown + 1] = c end
    if t.total.missing.__system then shown[#shown + 1] = "__system" end
  end
  local cells = opts.cells or "pct"
  local total = opts.total
  if total == nil then total = opts.by == nil end
  local total_cells = opts.total_cells or cells
  local nrow = opts.n_row ~= false

  local colspec = {}  -- { name, group slot, "pct"|"n" }
  local function add(g, slotname, how)
    if how == "both" then
      colspec[#colspec + 1] = { g .. " abs.", slotname, "n" }
      colspec[#colspec + 1] = { g .. " %", slotname, "pct" }
    else
      colspec[#colspec + 1] = { g, slotname, how }
    end
  end
  for _, g in ipairs(gkeys) do add(g, g, cells) end
  if total then add(opts.total_label or "Totaal", "total", total_cells) end

  local labels = { opts.category_label or "" }
  local out = { { opts.category_label or "categorie", {}, type = "text" } }
  for _, c in ipairs(colspec) do out[#out + 1] = { c[1], {} } end
  local r = 0
  for _, cat in ipairs(shown) do
    r = r + 1
    out[1][2][r] = cat == "__system" and (opts.system_missing_label or "geen antwoord")
      or label_of(acc, var, cat, opts.labels)
    for k, c in ipairs(colspec) do
      local s = t[c[2]] or new_slot()
      local cnt = s.counts[cat] or s.missing[cat] or 0
      if c[3] == "n" then
        out[k + 1][2][r] = cnt
      else
        local wc = s.wcounts[cat] or s.wmissing[cat] or 0
        local den = base == "valid" and s.n_w or s.n_all_w
        out[k + 1][2][r] = den > 0 and 100 * wc / den or 0 / 0
      end
    end
  end
  local ns, nws = {}, {}
  for _, c in ipairs(colspec) do
    local s = t[c[2]] or new_slot()
    ns[c[1]] = base == "valid" and s.n or s.n_all
    nws[c[1]] = base == "valid" and s.n_w or s.n_all_w
  end
  if nrow then
    r = r + 1
    out[1][2][r] = opts.n_row_label or N_ROW
    for k, c in ipairs(colspec) do out[k + 1][2][r] = ns[c[1]] end
    local kinds = {}
    for i = 1, r do kinds[i] = i == r and "total" or "row" end
    out[#out + 1] = { "_kind", kinds, type = "text" }
  end
  if opts.rounding == "largest_remainder" then
    -- round each percentage column so that its categories add up to 100
    local nc = #shown
    for k, c in ipairs(colspec) do
      if c[3] == "pct" then
        local vals = {}
        for i = 1, nc do vals[i] = out[k + 1][2][i] end
        local ok = true
        for i = 1, nc do if vals[i] ~= vals[i] then ok = false end end
        if ok then
          local rounded = F.round_lr(vals, opts.decimals or 0)
          for i = 1, nc do out[k + 1][2][i] = rounded[i] end
        end
      end
    end
  end
  local counts = {}
  for g, s in pairs(t) do counts[g] = s.counts end
  local tn = t.total[base == "valid" and "n" or "n_all"]
  local meta = {
    kind = "percent_table", variable = var, base = base, rounding = opts.rounding or "half_up",
    base_label = opts.base_label or (base == "valid" and "geldige antwoorden" or "alle respondenten"),
    n = ns, n_w = nws, weight = opts.weight, counts = counts, n_row = nrow and r or nil,
    cells = {}, title = opts.n_in_title and title_with_n(opts.title, tn) or opts.title,
    notes = opts.notes, source = opts.source, decimals = opts.decimals or 0,
  }
  for _, c in ipairs(colspec) do meta.cells[c[1]] = c[3] end
  meta.disclosure = percent_disclosure(t, colspec, shown, nrow, gkeys, opts, tn, base)
  return disclosure.stamp(F.output(out, r, meta))
end, [==[
percentages(d, var [, opts])

Percentage table of one variable as research reports print it: one row per category, one
column per group (opts.by: a column or a list of columns, levels ordered by opts.levels =
{col = {...}}; opts.pooled = { {"vso", {"vso3", "vso4"}} } adds pooled groups), a 'Totaal abs. (n=100%)' row with the base n (opts.n_row = false drops it),
and a Totaal column (default when there is no by; opts.total = true/false).
opts.base = "valid" (default: % of valid answers; missing codes from opts.missing or the
column's user-missing codes drop out) or "all" (% of all respondents; missing codes become
rows). opts.filter (function(row) or {col = value}) selects the base population; say which in
opts.base_label. opts.cells / opts.total_cells = "pct" | "n" | "both" (counts and %, as 002
Tabel 2-1). opts.order, opts.labels: category order and labels. opts.n_in_title adds (n=..)
to opts.title. opts.rounding = "largest_remainder" stores percentages rounded (opts.decimals)
so that each column adds up to 100; the default leaves them unrounded for the formats, which
round half up. opts.weight names a weight column: percentages weighted, counts and the n row
unweighted (meta.n_w: weighted bases). meta: base, base_label, n (per column), counts.]==], {
  options = PERCENTAGES,
  example = function() return require("passend.sample").data(), "vraag1", { by = "sector", weight = "gewicht" } end,
})

-- Item battery: rows = items, columns = answer categories, % of valid per item, n per item.
local BATTERY = args.spec(COMMON, {
  categories = "list", layout = { "one_of", "panels", "side" }, panel_rows = "boolean", group_label = "string",
  item_label = "string", rowsum = { "either", "boolean", { "one_of", "rounded" } },
})

M.battery = doc.def("stats.battery", function(d, items, opts)
  local acc = F.input(d, "battery")
  opts = args.options("battery", opts, BATTERY, acc)
  local rows = F.rows(acc, opts.filter)
  local cats = opts.categories
  if not cats then
    local seen, all = {}, {}
    for _, it in ipairs(items) do
      local name = type(it) == "table" and it[1] or it
      for _, c in ipairs(F.levels(acc.get(name), rows)) do
        if not seen[c] then seen[c] = true; all[#all + 1] = c end
      end
    end
    table.sort(all, function(a, b) return tostring(a) < tostring(b) end)
    cats = all
  end
  local key, gkeys = groups(acc, rows, opts.by, opts.levels)
  local layout = opts.layout or "panels"
  local panels = key and gkeys or { "__all" }
  local out = {}
  local function col(name, typ) out[#out + 1] = { name, {}, type = typ }; return out[#out][2] end
  local headers = key and layout == "panels" and opts.panel_rows
  local gcol = (key and layout == "panels" and not headers) and col(opts.group_label or "groep", "text") or nil
  local icol = col(opts.item_label or "item", "text")
  local cat_cols, ncols, sumcols = {}, {}, {}
  local side = key and layout == "side" and gkeys or { "__all" }
  for _, g in ipairs(side) do
    cat_cols[g] = {}
    for k, c in ipairs(cats) do
      local lab = opts.labels and opts.labels[c] or tostring(c)
      cat_cols[g][k] = col(g == "__all" and lab or (g .. " " .. lab))
    end
    if opts.rowsum then sumcols[g] = col(g == "__all" and "totaal" or (g .. " totaal")) end
    ncols[g] = col(g == "__all" and "n" or (g .. " n"))
  end
  local r = 0
  local nvalid = {}
  local w = weights(acc, rows, opts, "battery")
  local function fill(items_rows, g_row, g_side, rr)
    local vals = acc.get(items_rows.name)
    local mset = F.missing_set(acc, items_rows.name, opts)
    local counts, n, nw = {}, 0, 0
    for _, i in ipairs(rows) do
      local in_group = g_row == "__all" or (key and key[i] == g_row)
      if g_side ~= "__all" then in_group = key and key[i] == g_side end
      if in_group then
        local v = vals[i]
        if not F.is_missing(v, mset) then
          local wi = w and w[i] or 1
          n, nw = n + 1, nw + wi
          counts[v] = (counts[v] or 0) + wi
        end
      end
    end
    local sum = 0
    for k, c in ipairs(cats) do
      local p = nw > 0 and 100 * (counts[c] or 0) / nw or 0 / 0
      cat_cols[g_side][k][rr] = p
      sum = sum + (opts.rowsum == "rounded" and F.round(p, opts.decimals or 0) or p)
    end
    if sumcols[g_side] then sumcols[g_side][rr] = sum end
    ncols[g_side][rr] = n
    nvalid[#nvalid + 1] = { item = items_rows.name, group = g_row ~= "__all" and g_row or g_side, n = n }
  end
  local kinds = {}
  for _, g in ipairs(layout == "side" and { "__all" } or panels) do
    if headers then
      -- a header row per panel: the group's name over its block of items
      r = r + 1
      icol[r], kinds[r] = g, "header"
      for _, gs in ipairs(side) do
        for k = 1, #cats do cat_cols[gs][k][r] = 0 / 0 end
        if sumcols[gs] then sumcols[gs][r] = 0 / 0 end
        ncols[gs][r] = 0 / 0
      end
    end
    for _, it in ipairs(items) do
      local name = type(it) == "table" and it[1] or it
      local lab = type(it) == "table" and (it.label or it[2]) or label_of(acc, name, nil, nil)
      if type(it) ~= "table" then
        local info = acc.info(name)
        lab = info and info.label or name
      end
      r = r + 1
      if gcol then gcol[r] = g end
      icol[r], kinds[r] = lab, "row"
      for _, gs in ipairs(side) do fill({ name = name }, g, gs, r) end
    end
  end
  if headers then out[#out + 1] = { "_kind", kinds, type = "text" } end
  return F.output(out, r, {
    kind = "battery", base = "valid", base_label = opts.base_label or "geldige antwoorden per item",
    n_valid = nvalid, title = opts.title, notes = opts.notes, source = opts.source,
    decimals = opts.decimals or 0, layout = layout,
  })
end, [==[
stats.battery(d, items [, opts])

An item battery: many items on one answer scale as one table, rows = items, columns =
answer categories (opts.categories = codes in order, opts.labels = {code = label}), each row
the % of that item's valid answers, with the item's valid n in column n (kept per item).
items: names, or {name, label}. opts.by (column or list) with opts.layout = "panels" (a group
column, one block of items per group, as 001 Tabel 3.1/3.2 and 4.1; with opts.panel_rows a
header row names each block instead) or "side" (groups side by side). opts.rowsum = true | "rounded" adds the row total (a check on published tables).
opts.missing, opts.filter, opts.weight (weighted %, unweighted n) as in percentages().]==], {
  options = BATTERY,
  example = function()
    return require("passend.sample").data(), { "vraag1", "vraag3" }, { by = "sector", categories = { 1, 2, 3, 4, 5 } }
  end,
})

-- Multiple response sets.
--   set = { form = "dichotomous", vars = {...}, labels = {...}, counted = 1 }
--   set = { form = "categorical", vars = {"keuze1", "keuze2", ...}, codes = {...}, labels = {...} }
local function mr_responses(acc, set, i, vals)
  local picked = {}
  if set.form == "categorical" then
    for k = 1, #set.vars do
      local v = vals[k][i]
      if v ~= nil and v == v then picked[v] = true end
    end
  else
    local counted = set.counted == nil and 1 or set.counted
    for k, name in ipairs(set.vars) do
      if vals[k][i] == counted then picked[name] = true end
    end
  end
  return picked
end

local MR_TABLE = args.spec(COMMON, {
  total = "boolean", total_label = "string", cases = { "one_of", "all", "answered" },
  percent = { "one_of", "cases", "responses", "both" }, counts = "boolean", option_label = "string",
  lang = { "one_of", "nl", "en" }, n_row = "boolean", n_row_label = "string",
})
local MR_SET = args.spec{ form = { "one_of", "dichotomous", "categorical" }, vars = "columns", labels = "table",
  counted = "any", codes = "list" }

M.mr_table = doc.def("stats.mr_table", function(d, set, opts)
  local acc = F.input(d, "mr_table")
  opts = args.options("mr_table", opts, MR_TABLE, acc)
  if type(set) ~= "table" or type(set.vars) ~= "table" then
    error("mr_table: set must be {form = \"dichotomous\"|\"categorical\", vars = {...}}", 2)
  end
  args.fields("mr_table: set", set, MR_SET)
  args.columns("mr_table", acc, set.vars, "set.vars")
  set.form = set.form or "dichotomous"
  local rows = F.rows(acc, opts.filter)
  local key, gkeys = groups(acc, rows, opts.by, opts.levels)
  local vals = {}
  for k, name in ipairs(set.vars) do vals[k] = acc.get(name) end
  local options = set.form == "categorical" and (set.codes or F.levels(vals[1], rows)) or set.vars
  local slots = {}
  local order = {}
  for _, g in ipairs(gkeys) do order[#order + 1] = g end
  if opts.total ~= false and (opts.total or not key) then order[#order + 1] = opts.total_label or "Totaal" end
  for _, g in ipairs(order) do slots[g] = { cases = 0, responses = 0, counts = {} } end
  local cases_base = opts.cases or "all"   -- "all" rows of the base, or "answered"
  local w = weights(acc, rows, opts, "mr_table")
  for _, g in ipairs(order) do slots[g].wcases, slots[g].wresponses, slots[g].wcounts = 0, 0, {} end
  for _, i in ipairs(rows) do
    local wi = w and w[i] or 1
    local picked = mr_responses(acc, set, i, vals)
    local any = next(picked) ~= nil
    local targets = {}
    if key and key[i] and slots[key[i]] then targets[#targets + 1] = slots[key[i]] end
    local tl = opts.total_label or "Totaal"
    if slots[tl] then targets[#targets + 1] = slots[tl] end
    for _, s in ipairs(targets) do
      if any or cases_base == "all" then s.cases = s.cases + 1; s.wcases = s.wcases + wi end
      for o in pairs(picked) do
        s.counts[o] = (s.counts[o] or 0) + 1; s.responses = s.responses + 1
        s.wcounts[o] = (s.wcounts[o] or 0) + wi; s.wresponses = s.wresponses + wi
      end
    end
  end
  local tl = opts.total_label or "Totaal"
  local gonly = {}
  for _, g in ipairs(order) do if g ~= tl then gonly[#gonly + 1] = g end end
  add_pooled(gonly, slots, opts.pooled, function(parts)
    local m = { cases = 0, responses = 0, counts = {}, wcases = 0, wresponses = 0, wcounts = {} }
    for _, p in ipairs(parts) do
      m.cases, m.responses = m.cases + p.cases, m.responses + p.responses
      m.wcases, m.wresponses = m.wcases + p.wcases, m.wresponses + p.wresponses
      for k, v in pairs(p.counts) do m.counts[k] = (m.counts[k] or 0) + v end
      for k, v in pairs(p.wcounts) do m.wcounts[k] = (m.wcounts[k] or 0) + v end
    end
    return m
  end)
  if slots[tl] then gonly[#gonly + 1] = tl end
  order = gonly
  local pct = opts.percent or "cases"
  local out = { { opts.option_label or "antwoord", {}, type = "text" } }
  local cols = {}
  for _, g in ipairs(order) do
    if opts.counts then out[#out + 1] = { g .. " abs.", {} }; cols[#cols + 1] = { g, "n", out[#out][2] } end
    if pct == "cases" or pct == "both" then
      out[#out + 1] = { (pct == "both" or opts.counts) and (g .. " % cases") or g, {} }
      cols[#cols + 1] = { g, "cases", out[#out][2] }
    end
    if pct == "responses" or pct == "both" then
      out[#out + 1] = { g .. " % responses", {} }
      cols[#cols + 1] = { g, "responses", out[#out][2] }
    end
  end
  local r = 0
  for _, o in ipairs(options) do
    r = r + 1
    out[1][2][r] = set.labels and set.labels[o] or tostring(o)
    for _, c in ipairs(cols) do
      local s = slots[c[1]]
      local cnt, wcnt = s.counts[o] or 0, s.wcounts[o] or 0
      if c[2] == "n" then c[3][r] = cnt
      elseif c[2] == "cases" then c[3][r] = s.wcases > 0 and 100 * wcnt / s.wcases or 0 / 0
      else c[3][r] = s.wresponses > 0 and 100 * wcnt / s.wresponses or 0 / 0 end
    end
  end
  local over = false
  for _, g in ipairs(order) do
    local s = slots[g]
    if s.cases > 0 and s.responses > s.cases then over = true end
  end
  local notes = { table.unpack(opts.notes or {}) }
  if over and (pct == "cases" or pct == "both") then
    notes[#notes + 1] = opts.lang == "en"
      and "Several answers possible; percentages add up to more than 100."
      or "Meerdere antwoorden mogelijk; de percentages tellen op tot meer dan 100."
  end
  if opts.n_row ~= false then
    r = r + 1
    out[1][2][r] = opts.n_row_label or N_ROW
    for _, c in ipairs(cols) do
      local s = slots[c[1]]
      c[3][r] = c[2] == "responses" and s.responses or s.cases
    end
    local kinds = {}
    for i = 1, r do kinds[i] = i == r and "total" or "row" end
    out[#out + 1] = { "_kind", kinds, type = "text" }
  end
  local ns = {}
  for _, g in ipairs(order) do ns[g] = { cases = slots[g].cases, responses = slots[g].responses, counts = slots[g].counts } end
  return F.output(out, r, {
    kind = "mr_table", form = set.form, percent = pct, n = ns, over_100 = over,
    title = opts.title, notes = notes, source = opts.source, decimals = opts.decimals or 0,
    base_label = opts.base_label,
  })
end, [==[
stats.mr_table(d, set [, opts])

A multiple-response table. set = {form = "dichotomous", vars = {0/1 columns}, labels =
{var = label}, counted = 1} or {form = "categorical", vars = {choice columns}, codes =
{...}, labels = {code = label}}. opts.percent = "cases" (default: % of cases, may exceed 100
and then gets a footnote), "responses" (% of all answers given) or "both"; opts.counts adds
the counts. Cases are all rows of the base (opts.filter, e.g. only those asked) or, with
opts.cases = "answered", those who gave at least one answer. opts.by, opts.levels, opts.pooled, opts.total
as in percentages(); opts.weight weights the percentages (counts stay unweighted); the last row
is 'Totaal abs. (n=100%)' (cases; responses for % of responses).]==], {
  options = MR_TABLE,
  example = function() return require("passend.sample").data(), { vars = { "ja1", "ja2", "ja3" } }, { by = "sector" } end,
})

M.as_table = doc.def("stats.as_table", function(cols, meta)
  if type(cols) ~= "table" or type(cols[1]) ~= "table" or type(cols[1][1]) ~= "string" then
    error("as_table: expected { {\"name\", {values...}}, ... }", 2)
  end
  local n = 0
  for _, c in ipairs(cols) do n = math.max(n, c.n or #c[2]) end
  local copy = {}
  for k, c in ipairs(cols) do
    local v = {}
    for i = 1, n do v[i] = c[2][i] end
    copy[k] = { c[1], v, type = c.type }
  end
  return F.output(copy, n, meta or cols.meta)
end, [==[
stats.as_table(cols [, meta]) -> table

A display table (a Dataset) from ordered columns { {"name", {values...}}, ... } and metadata
(title, notes, source; decimals = k for every number column). Missing values (nil) become NaN
(numbers) or "" (text).]==])

M.N_ROW = N_ROW

return M
