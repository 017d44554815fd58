-- passend/stats/crosstab.lua: crosstab(d, row, col, opts): counts, row/column/total
-- percentages and the test of association (Pearson chi-square, or the Rao-Scott F test when
-- a design is given).
local core = require "passend.core"
local doc = require "passend.doc"
local S = require "passend.stats.common"
local args = require "passend.args"
local disclosure = require "passend.rules.disclosure"

local M = {}
local NaN = S.NaN

local function categories(values, info, extra, n, order)
  local seen, list = {}, {}
  for i = 1, n do
    local v = values[i]
    if not S.is_missing(v, info, extra) and not seen[v] then seen[v] = true; list[#list + 1] = v end
  end
  S.sort_categories(list, order)
  local idx = {}
  for k, v in ipairs(list) do idx[v] = k end
  return list, idx
end

-- The row sums, column sums and total of a table t[r][c].
local function margins(t, nr, nc)
  local rs, cs, tot = {}, {}, 0
  for r = 1, nr do rs[r] = 0 end
  for c = 1, nc do cs[c] = 0 end
  for r = 1, nr do for c = 1, nc do
    rs[r] = rs[r] + t[r][c]; cs[c] = cs[c] + t[r][c]; tot = tot + t[r][c]
  end end
  return rs, cs, tot
end

-- Pearson X^2 of a table t[r][c] (chisq.test(correct = FALSE)).
local function pearson(t, nr, nc)
  local rs, cs, tot = margins(t, nr, nc)
  local x2 = 0
  for r = 1, nr do for c = 1, nc do
    local e = rs[r] * cs[c] / tot
    x2 = x2 + (t[r][c] - e) ^ 2 / e
  end end
  return x2, (nr - 1) * (nc - 1)
end

-- Rao-Scott F test on the row/column codes (nil = missing) under the design in opts.
local function rao_scott(d, rowcode, colcode, nr, nc, opts)
  if nr < 2 or nc < 2 then return nil end
  local r, msg = core._svychisq(rowcode, colcode, nr, nc, S.design("crosstab", d, opts))
  if not r then S.fail("crosstab", "%s", msg) end
  r.method = "rao-scott"
  r.design = S.design_settings(opts)
  return r
end

local function design_given(opts)
  return opts.weight or opts.cluster or opts.strata or opts.fpc
end

-- The display table of a crosstab (layout = "wide", and how a long result prints at the
-- prompt): a row per row category, a column per column category, totals, showing show = "n"
-- | "row" | "col" | "total". st: rowvar, rows, cols (categories), cnt[r][c] (respondents),
-- wt[r][c] (weighted), weighted, row_label(v), col_label(v).
local function wide(st, show, meta, test_notes)
  local rows, cols, cnt, wt, rowvar = st.rows, st.cols, st.cnt, st.wt, st.rowvar
  local nr, nc = #rows, #cols
  local rs, cs, tot = margins(wt, nr, nc)
  local stub, kind = {}, {}
  local cells = {}
  local ncell = {}
  for c = 1, nc + 1 do cells[c] = {}; ncell[c] = {} end
  for r = 1, nr + 1 do
    stub[r] = r <= nr and st.row_label(rows[r]) or "Totaal"
    kind[r] = r <= nr and "" or "total"
    for c = 1, nc + 1 do
      local x = (r <= nr and c <= nc) and wt[r][c] or (r <= nr and rs[r]) or (c <= nc and cs[c]) or tot
      local rowt = r <= nr and rs[r] or tot
      local colt = c <= nc and cs[c] or tot
      local v
      if show == "row" then v = rowt > 0 and 100 * x / rowt or NaN
      elseif show == "col" then v = colt > 0 and 100 * x / colt or NaN
      elseif show == "total" then v = tot > 0 and 100 * x / tot or NaN
      else v = x end
      cells[c][r] = v
      -- respondents behind the cell (unweighted), for disclosure control
      local k = 0
      for rr = 1, nr do
        for cc = 1, nc do
          if (r > nr or rr == r) and (c > nc or cc == c) then k = k + cnt[rr][cc] end
        end
      end
      ncell[c][r] = k
    end
  end
  local out = { { rowvar, stub } }
  local used = { [rowvar] = true }
  local dec = {}
  for c = 1, nc + 1 do
    local name = c <= nc and st.col_label(cols[c]) or "Totaal"
    while used[name] do name = name .. "'" end
    used[name] = true
    out[#out + 1] = { name, cells[c] }
    dec[name] = show == "n" and (st.weighted and 1 or 0) or 1
  end
  out[#out + 1] = { "_kind", kind }
  for c = 1, nc + 1 do out[#out + 1] = { "_n:" .. out[c + 1][1], ncell[c] } end
  -- protect(): rows add up to the Totaal column, columns to the Totaal row; percentages
  -- are of the row total, the column total or the grand total
  local pct = show == "row" and "row" or show == "col" and "block" or show == "total" and "grand" or nil
  meta.disclosure = { total_col = out[nc + 2][1], pct = pct, test_notes = test_notes, private = { "test", "key" } }
  meta.decimals = dec
  meta.show = show
  meta.layout = "wide"
  return disclosure.stamp(S.result(out, meta))
end

-- The key figures of the test (under the table: meta.key_below) and how it was computed.
local function test_key(test)
  if not test then return nil end
  local p = { label = "p", value = test.p, p = true }
  if test.method == "pearson" then
    return { { label = { nl = "Chi-kwadraat", en = "Chi-square" }, value = test.statistic, decimals = 2 },
      { label = "df", value = test.df }, p }
  end
  return { { label = "F", value = test.statistic, decimals = 2 }, { label = "ndf", value = test.ndf, decimals = 2 },
    { label = "ddf", value = test.ddf, decimals = 2 }, p }
end

local function method_of(test, opts)
  local design = {}
  if opts.weight then design[#design + 1] = "weight " .. opts.weight end
  if opts.cluster then design[#design + 1] = "clusters " .. opts.cluster end
  if opts.strata then design[#design + 1] = "strata " .. opts.strata end
  if opts.fpc then design[#design + 1] = "fpc " .. opts.fpc end
  local d = table.concat(design, ", ")
  if not test then
    return { nl = "Geen toets: de tabel heeft minder dan 2 rijen of kolommen met antwoorden.",
      en = "No test: the table has fewer than 2 rows or columns with answers." }
  end
  if test.method == "pearson" then
    return { nl = "Pearsons chi-kwadraattoets zonder continuïteitscorrectie (als R's chisq.test(correct = FALSE)), ongewogen aantallen.",
      en = "Pearson's chi-squared test without continuity correction (as R's chisq.test(correct = FALSE)), unweighted counts." }
  end
  return { nl = "Rao-Scott F-toets (als R's svychisq(statistic = \"F\")), design: " .. d .. "; gewogen percentages.",
    en = "Rao-Scott F test (as R's svychisq(statistic = \"F\")), design: " .. d .. "; weighted percentages." }
end

-- The display table of a long crosstab result (what it prints as at the prompt): counts,
-- weighted with a weight; without the test's note (the prompt prints the test from meta.key).
-- nil for a dataset that is not a long crosstab.
function M.wide_of(d)
  local meta = d:meta()
  if meta.kind ~= "crosstab" or meta.layout ~= "long" or #d.columns < 2 then return nil end
  local rowvar, colname = d.columns[1], d.columns[2]
  local rv, cv, n = d:values(rowvar), d:values(colname), d:values("n")
  local w = d:has("n_w") and d:values("n_w") or n
  local rl = d:has(rowvar .. "_label") and d:values(rowvar .. "_label") or {}
  local cl = d:has(colname .. "_label") and d:values(colname .. "_label") or {}
  local rows, cols, ri, ci, rlab, clab = {}, {}, {}, {}, {}, {}
  for i = 1, #d do
    local r, c = rv[i], cv[i]
    if ri[r] == nil then rows[#rows + 1] = r; ri[r] = #rows; rlab[r] = rl[i] end
    if ci[c] == nil then cols[#cols + 1] = c; ci[c] = #cols; clab[c] = cl[i] end
  end
  local cnt, wt = {}, {}
  for r = 1, #rows do cnt[r], wt[r] = {}, {} end
  for i = 1, #d do cnt[ri[rv[i]]][ci[cv[i]]], wt[ri[rv[i]]][ci[cv[i]]] = n[i], w[i] end
  local function label(map) return function(v) local l = map[v]; return (l and l ~= "") and l or tostring(v) end end
  local test_notes = {}
  for _, t in ipairs(meta.disclosure and meta.disclosure.test_notes or {}) do test_notes[t] = true end
  local m = {}
  for k, v in pairs(meta) do m[k] = v end
  m.notes = {}
  for _, s in ipairs(meta.notes or {}) do if not test_notes[s] then m.notes[#m.notes + 1] = s end end
  return wide({ rowvar = rowvar, rows = rows, cols = cols, cnt = cnt, wt = wt, weighted = d:has("n_w"),
    row_label = label(rlab), col_label = label(clab) }, "n", m, nil)
end

local SPEC = args.spec(S.DESIGN, { missing = "list", layout = { "one_of", "long", "wide" },
  show = { "one_of", "n", "row", "col", "total" }, title = "string", row_order = "list", col_order = "list" })

M.crosstab = doc.def("crosstab", function(d, rowvar, colvar, opts)
  S.check_dataset("crosstab", d)
  opts = S.options("crosstab", opts, SPEC, d)
  local rv, rinfo = S.column("crosstab", d, rowvar, "row variable")
  local cv, cinfo = S.column("crosstab", d, colvar, "column variable")
  local w, weighted = S.weights("crosstab", d, opts.weight)
  local extra = S.codeset(opts.missing)
  local n = #d
  local rows, ridx = categories(rv, rinfo, extra, n, S.order_of(d, rowvar, opts.row_order))
  local cols, cidx = categories(cv, cinfo, extra, n, S.order_of(d, colvar, opts.col_order))
  local nr, nc = #rows, #cols
  if nr < 1 or nc < 1 then S.fail("crosstab", "no rows with valid values of both \"%s\" and \"%s\"", rowvar, colvar) end
  local cnt, wt = {}, {}
  for r = 1, nr do
    cnt[r], wt[r] = {}, {}
    for c = 1, nc do cnt[r][c], wt[r][c] = 0, 0 end
  end
  local rowcode, colcode = {}, {}
  for i = 1, n do
    local r = not S.is_missing(rv[i], rinfo, extra) and ridx[rv[i]] or nil
    local c = not S.is_missing(cv[i], cinfo, extra) and cidx[cv[i]] or nil
    rowcode[i], colcode[i] = r, c
    if r and c then
      cnt[r][c] = cnt[r][c] + 1
      wt[r][c] = wt[r][c] + w[i]
    end
  end
  local rs, cs, tot = margins(wt, nr, nc)

  -- the test, on the categories that occur together with a valid value of the other variable
  -- (a category seen only next to a missing value would make R's test NaN)
  local rmap, cmap, tr, tc = {}, {}, 0, 0
  for r = 1, nr do if rs[r] > 0 then tr = tr + 1; rmap[r] = tr end end
  for c = 1, nc do if cs[c] > 0 then tc = tc + 1; cmap[c] = tc end end
  local test
  if tr > 1 and tc > 1 then
    if design_given(opts) then
      local rc, cc = rowcode, colcode
      if tr < nr or tc < nc then
        rc, cc = {}, {}
        for i = 1, n do
          rc[i] = rowcode[i] and rmap[rowcode[i]]
          cc[i] = colcode[i] and cmap[colcode[i]]
        end
      end
      test = rao_scott(d, rc, cc, tr, tc, opts)
    else
      local t = {}
      for r = 1, nr do
        if rmap[r] then
          local row = {}
          for c = 1, nc do if cmap[c] then row[cmap[c]] = cnt[r][c] end end
          t[rmap[r]] = row
        end
      end
      local x2, df = pearson(t, tr, tc)
      test = { method = "pearson", statistic = x2, df = df, p = core.pchisq(x2, df, false) }
    end
    if tr < nr or tc < nc then test.empty_left_out = (nr - tr) + (nc - tc) end
  end

  local meta = {
    kind = "crosstab", row = rowvar, col = colvar, weight = opts.weight, test = test,
    title = opts.title or ((rinfo.label ~= nil and rinfo.label ~= "" and rinfo.label or rowvar)
      .. " naar " .. (cinfo.label ~= nil and cinfo.label ~= "" and cinfo.label or colvar)),
    decimals = { pct_row = 1, pct_col = 1, pct_total = 1, n_w = 1 },
    notes = {},
  }
  if test and test.method == "pearson" then
    meta.notes[1] = string.format("Chi-kwadraat (Pearson) = %s; df = %d; p = %s.", S.num(test.statistic, 2),
      test.df, S.num(test.p, 3))
  elseif test then
    meta.notes[1] = string.format("Rao-Scott F = %s; df = %s en %s; p = %s.", S.num(test.statistic, 2),
      S.num(test.ndf, 2), S.num(test.ddf, 2), S.num(test.p, 3))
  end
  -- protect(): the test is of the full table; with the margins it pins hidden cells down, so
  -- it is shown only when no cell is hidden (meta.test goes too)
  local test_notes = meta.notes[1] and { meta.notes[1] } or nil

  local function lab(info, v)
    local l = S.value_label(info, v)
    return l ~= "" and l or tostring(v)
  end

  meta.key, meta.key_below, meta.method = test_key(test), true, method_of(test, opts)
  if opts.layout == "wide" then
    local st = { rowvar = rowvar, rows = rows, cols = cols, cnt = cnt, wt = wt, weighted = weighted,
      row_label = function(v) return lab(rinfo, v) end, col_label = function(v) return lab(cinfo, v) end }
    return wide(st, opts.show or "n", meta, test_notes)
  end

  local o_r, o_c, o_rl, o_cl, o_n, o_w, o_pr, o_pc, o_pt = {}, {}, {}, {}, {}, {}, {}, {}, {}
  for r = 1, nr do for c = 1, nc do
    local k = #o_r + 1
    o_r[k], o_c[k] = rows[r], cols[c]
    o_rl[k], o_cl[k] = S.value_label(rinfo, rows[r]), S.value_label(cinfo, cols[c])
    o_n[k], o_w[k] = cnt[r][c], wt[r][c]
    o_pr[k] = rs[r] > 0 and 100 * wt[r][c] / rs[r] or NaN
    o_pc[k] = cs[c] > 0 and 100 * wt[r][c] / cs[c] or NaN
    o_pt[k] = tot > 0 and 100 * wt[r][c] / tot or NaN
  end end
  local colname = colvar == rowvar and colvar .. "'" or colvar
  local out = { { rowvar, o_r }, { colname, o_c } }
  if rinfo.value_labels and next(rinfo.value_labels) then out[#out + 1] = { rowvar .. "_label", o_rl } end
  if cinfo.value_labels and next(cinfo.value_labels) then out[#out + 1] = { colname .. "_label", o_cl } end
  out[#out + 1] = { "n", o_n }
  if weighted then out[#out + 1] = { "n_w", o_w } end
  out[#out + 1] = { "pct_row", o_pr }
  out[#out + 1] = { "pct_col", o_pc }
  out[#out + 1] = { "pct_total", o_pt }
  -- protect(): every value of a row shows that cell. There are no total rows, but n with
  -- pct_row gives the row total (n with pct_col the column total), so the cells of a row
  -- category and of a column category add up to a known number.
  local sums = {}
  for r = 1, nr do
    local parts = {}
    for c = 1, nc do parts[c] = { "_cell", (r - 1) * nc + c } end
    sums[#sums + 1] = { parts = parts }
  end
  for c = 1, nc do
    local parts = {}
    for r = 1, nr do parts[r] = { "_cell", (r - 1) * nc + c } end
    sums[#sums + 1] = { parts = parts }
  end
  local cells = { n = "_cell", pct_row = "_cell", pct_col = "_cell", pct_total = "_cell" }
  if weighted then cells.n_w = "_cell" end
  meta.disclosure = { counts = { _cell = o_n }, cells = cells, sums = sums, blocks = false,
    test_notes = test_notes, private = { "test", "key" } }
  meta.layout = "long"
  return disclosure.stamp(S.result(out, meta))
end, [[
crosstab(d, row, col [, opts])

Crosstable of two variables (missing codes left out): per cell n, n_w (weighted), pct_row,
pct_col and pct_total; meta.test holds the test of association. Without a design it is
Pearson's chi-square (= R's chisq.test(table(row, col), correct = FALSE)): {method =
"pearson", statistic, df, p}. With opts.weight, opts.cluster, opts.strata and/or opts.fpc
(lonely_psu as in estimate; a rake()/poststratify() weight counts as calibrated) it is the
Rao-Scott F test (= R's svychisq(~row + col, design, statistic = "F")): {method =
"rao-scott", statistic, ndf, ddf, p, pearson} and the percentages are weighted.
opts.layout = "wide" gives the display table: a row per row category and a column per column
category plus totals, showing opts.show = "n" | "row" | "col" | "total" (percentages).
opts.missing lists extra codes to leave out; opts.row_order / col_order list categories in the
order to show (default: the dataset's meta.orders, which add_classes sets, then ascending). A category without any pair of valid values is
shown but left out of the test (R would return NaN); meta.test.empty_left_out counts them.
Published (every format), small cells are hidden with what would give them away (protect()),
and the test, being of the full table, is then not shown. meta.key holds the test's figures
(printed under the table: meta.key_below), meta.method how it was computed. At the prompt a
long result prints as the wide table of counts (weighted with a weight), protected as
published, with the test and the method under it; d:preview() shows its columns.]], {
  options = SPEC,
  example = function() return require("passend.sample").data(), "sector", "groep", { weight = "gewicht" } end,
})

return M
