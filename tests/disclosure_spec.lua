-- Disclosure control that survives differencing (issue 14.7). For each function that publishes
-- numbers (estimate, freq, crosstab, percentages, response, report, explain) the tests build
-- data with a small group, render every format, read the numbers back as a reader would, and
-- attack: every linear relation a reader knows (row and column totals, the n in the title,
-- percentages times their base, the valid total behind 'Geldig %') goes into one system, and
-- no hidden cell may follow from it (tests/support/attack.lua solves it by rank). Each attack
-- is first shown to work on a table that only blanks the small cell.
local A = dofile("tests/support/attack.lua")
local run = dofile("tests/support/run.lua")

local function missing(x) return x == nil or x ~= x end

-- a respondent file where group x answer counts are exactly counts[g][a]
local function data_with(counts, gname, aname)
  local g, a = {}, {}
  for gi, row in ipairs(counts) do
    for ai, k in ipairs(row) do
      for _ = 1, k do g[#g + 1] = gi; a[#a + 1] = ai end
    end
  end
  return dataset{ { gname or "g", g }, { aname or "a", a } }
end

---------------------------------------------------------------------------
-- reading a table back from every format

local function column_positions(L)
  local pos = {}
  for j, c in ipairs(L.columns) do pos[c.name] = j end
  return pos
end

local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- Every way a table goes out, read back: list of {fmt, cell = function(i, name) -> number|nil,
-- title}. The display formats are read by position (the layout's column order), json and the
-- data csv by column name, the xlsx from its cells (full precision). The text and svg formats
-- must show exactly the numbers the md shows.
local function readings(t)
  local L = format.layout(rules.protect(t))
  local pos = column_positions(L)
  local nrows = #L.rows
  local out = {}
  local function by_grid(fmt, g, decimal)
    assert.are.equal(nrows, #g.rows, fmt .. ": rows")
    out[#out + 1] = { fmt = fmt, cell = function(i, name) return A.num(g.rows[i][pos[name]], decimal) end }
  end
  local md = t:format("md")
  by_grid("md", A.md_grid(md))
  by_grid("csv display", A.csv_grid(t:format("csv", { display = true })), ".")
  by_grid("html", A.html_grid(t:format("html")))
  by_grid("tex", A.tex_grid(t:format("tex")))
  -- json and data csv: every column at full precision, by name
  local j = A.json(t:format("json"))
  assert.are.equal(nrows, #j.rows, "json rows")
  out[#out + 1] = { fmt = "json", cell = function(i, name) return A.num(j.rows[i][name]) end }
  for _, how in ipairs({ "format", "write" }) do
    local s
    if how == "format" then s = t:format("csv")
    else
      local path = run.tmpname(".csv")
      t:write(path)                      -- the data writer: a published table all the same
      s = slurp(path); os.remove(path)
    end
    local rec = A.csv_records(s)
    local idx = {}
    for k, name in ipairs(rec[1]) do idx[name] = k end
    out[#out + 1] = { fmt = "csv data (" .. how .. ")", cell = function(i, name) return A.num(rec[i + 1][idx[name]], ".") end }
  end
  -- xlsx: title, blank row, header, body; stub first, then the other columns in order
  local path = run.tmpname(".xlsx")
  t:write(path)
  local sheet = A.xlsx_sheet(path)
  os.remove(path)
  local order = { L.stub }
  for k = 1, #L.columns do if k ~= L.stub then order[#order + 1] = k end end
  local letter = {}
  for k, jj in ipairs(order) do letter[L.columns[jj].name] = string.char(64 + k) end
  local head = L.title and 3 or 1
  out[#out + 1] = { fmt = "xlsx", cell = function(i, name)
    local v = (sheet[head + i] or {})[letter[name]]
    return type(v) == "number" and v or A.num(v)
  end }
  -- text: line by line the same numbers as the md
  local g = A.md_grid(md)
  local lines = A.text_lines(t:format("text", { color = false, width = false }))
  assert.are.equal(nrows, #lines, "text rows")
  for i, line in ipairs(lines) do
    local want = {}
    for _, cell in ipairs(g.rows[i]) do
      local x = A.num(cell)
      if x then want[#want + 1] = x end
    end
    assert.are.same(want, A.numbers(line), "text row " .. i)
  end
  -- svg (bars of the first value column): a bar label only where the md shows that value
  local svg = t:format("svg")
  local labels = 0
  for attrs, txt in svg:gmatch("<text ([^>]*)>([^<]*)</text>") do
    if not attrs:find("text-anchor", 1, true) and not attrs:find("font-weight", 1, true) and A.num(txt) then
      labels = labels + 1
    end
  end
  assert.is_true(labels <= nrows, "svg labels")
  for _, r in ipairs(out) do r.title = L.title end
  return out, L
end

-- the rows of a table (by position) whose stub text is `label`
local function row_of(L, label)
  for i, r in ipairs(L.rows) do if r.cells[L.stub].text == label then return i end end
end

---------------------------------------------------------------------------
-- the reader's systems

-- crosstab(layout = "wide", show = "n"): R rows + Totaal row, columns cats + Totaal
local function crosstab_counts(cell, R, cats, total)
  local sys = A.system()
  local function x(i, c)
    local v = cell(i, c)
    if v == nil then return sys:unknown(i .. "|" .. c) end
    return v
  end
  for i = 1, R + 1 do
    local terms = { { -1, x(i, total) } }
    for _, c in ipairs(cats) do terms[#terms + 1] = { 1, x(i, c) } end
    sys:eq(terms)
  end
  local all = { table.unpack(cats) }
  all[#all + 1] = total
  for _, c in ipairs(all) do
    local terms = { { -1, x(R + 1, c) } }
    for i = 1, R do terms[#terms + 1] = { 1, x(i, c) } end
    sys:eq(terms)
  end
  return sys
end

-- crosstab(layout = "wide", show = "row" | "col" | "total"): percentages; the reader knows the
-- grand total G (from elsewhere: the most a reader can have) but not the row totals or column
-- totals the percentages hide, unless they show them.
local function crosstab_percent(cell, R, cats, total, show, G)
  local sys = A.system()
  local Rt, Ct = {}, {}
  for i = 1, R do Rt[i] = sys:unknown("R" .. i) end
  local all = { table.unpack(cats) }
  all[#all + 1] = total
  for _, c in ipairs(cats) do Ct[c] = sys:unknown("C" .. c) end
  Ct[total] = G
  Rt[R + 1] = G
  -- the count behind cell (i, c) as a list of terms
  local function count(i, c)
    local p = cell(i, c)
    if p == nil then return { { 1, sys:unknown(i .. "|" .. c) } } end
    local base = show == "row" and Rt[i] or show == "col" and Ct[c] or G
    return { { p / 100, base } }
  end
  local function eq(lhs, rhs)     -- sum(lhs terms) = rhs terms
    local terms = {}
    for _, t in ipairs(lhs) do for _, x in ipairs(t) do terms[#terms + 1] = x end end
    for _, x in ipairs(rhs) do terms[#terms + 1] = { -x[1], x[2] } end
    sys:eq(terms)
  end
  for i = 1, R + 1 do
    local lhs = {}
    for _, c in ipairs(cats) do lhs[#lhs + 1] = count(i, c) end
    eq(lhs, count(i, total))
    eq({ count(i, total) }, { { 1, Rt[i] } })
  end
  for _, c in ipairs(all) do
    local lhs = {}
    for i = 1, R do lhs[#lhs + 1] = count(i, c) end
    eq(lhs, count(R + 1, c))
    eq({ count(R + 1, c) }, { { 1, Ct[c] } })
  end
  return sys
end

-- freq(): rows of each block (categories, then Totaal); n, pct (of all), pct_valid. A reader
-- gets the total T from any row with n and pct, the valid total V from n and pct_valid.
local function freq_system(cell, blocks)
  local sys = A.system()
  for b, rows in ipairs(blocks) do
    local T, V
    for _, i in ipairs(rows.categories) do
      local n, p, q = cell(i, "n"), cell(i, "pct"), cell(i, "pct_valid")
      if n and p and p > 0 then T = T or n * 100 / p end
      if n and q and q > 0 then V = V or n * 100 / q end
    end
    T = T or cell(rows.total, "n") or sys:unknown("T" .. b)
    V = V or sys:unknown("V" .. b)
    local all, valid = { { -1, T } }, { { -1, V } }
    for _, i in ipairs(rows.categories) do
      local n = cell(i, "n")
      local term
      if n then term = { 1, n }
      elseif cell(i, "pct") then term = { cell(i, "pct") / 100, T }
      elseif rows.valid[i] and cell(i, "pct_valid") then term = { cell(i, "pct_valid") / 100, V }
      else term = { 1, sys:unknown(b .. "|" .. i) } end
      all[#all + 1] = term
      if rows.valid[i] then valid[#valid + 1] = term end
    end
    sys:eq(all)
    sys:eq(valid)
    if cell(rows.total, "n") == nil then sys:eq({ { 1, T }, { -1, sys:unknown("T" .. b) } }) end
  end
  return sys
end

-- percentages(): categories x groups (percentages of the column base), the n row with the
-- bases, a total column (percentages and/or counts), the n in the title. Counts are
-- p / 100 * base; a hidden base is an unknown, so the count of a shown percentage is then
-- p / 100 times that unknown.
local function percent_system(cell, cats, groups, total, nrow, title_n, pct_cols)
  local sys = A.system()
  local base = {}
  local cols = { table.unpack(groups) }
  if total then cols[#cols + 1] = total end
  for _, g in ipairs(cols) do base[g] = cell(nrow, g) or sys:unknown("B" .. g) end
  local function count(i, g)
    local v = cell(i, g)
    if v == nil then return { 1, sys:unknown(i .. "|" .. g) } end
    if pct_cols[g] then return { v / 100, base[g] } end
    return { 1, v }
  end
  for _, g in ipairs(cols) do
    local terms = { { -1, base[g] } }
    for i = 1, #cats do terms[#terms + 1] = count(i, g) end
    sys:eq(terms)
  end
  local rows = {}
  for i = 1, #cats do rows[i] = i end
  if total then
    for i = 1, #cats do
      local terms = {}
      local t = count(i, total)
      terms[1] = { -t[1], t[2] }
      for _, g in ipairs(groups) do terms[#terms + 1] = count(i, g) end
      sys:eq(terms)
    end
  end
  local nr = { { -1, total and base[total] or (title_n or sys:unknown("N")) } }
  for _, g in ipairs(groups) do nr[#nr + 1] = { 1, base[g] } end
  sys:eq(nr)
  if total and title_n then sys:eq({ { 1, base[total] }, { -1, title_n } }) end
  return sys
end

-- a hidden percentage: the percentages of a column add up to 100
local function percent_columns(cell, cats, cols)
  local sys = A.system()
  for _, g in ipairs(cols) do
    local terms = { { -1, 100 } }
    for i = 1, #cats do
      local v = cell(i, g)
      terms[#terms + 1] = { 1, v == nil and sys:unknown(i .. "|" .. g) or v }
    end
    sys:eq(terms)
  end
  return sys
end

local function names_of(set)
  local out = {}
  for k in pairs(set) do out[#out + 1] = k end
  table.sort(out)
  return table.concat(out, ", ")
end

-- no hidden cell (unknowns "row|col") and no hidden base ("B...") follows from the rest; the
-- reader's helpers (row and column totals a percentage table never prints as counts) may
local function assert_safe(sys, what)
  local d = {}
  for name in pairs(sys:determined()) do
    if name:find("|", 1, true) or name:match("^B") then d[name] = true end
  end
  assert.are.equal("", names_of(d), what .. ": a reader computes " .. names_of(d))
end

---------------------------------------------------------------------------

describe("disclosure control", function()
  local saved
  before_each(function() saved = rules.settings.disclosure_min_n; rules.settings.disclosure_min_n = 5 end)
  after_each(function() rules.settings.disclosure_min_n = saved end)

  describe("crosstab", function()
    local counts = { { 3, 40, 50 }, { 30, 20, 60 }, { 25, 35, 45 } }
    local cats = { "1", "2", "3" }

    it("a table that only blanks the small cell gives it back (the attack works)", function()
      local c = crosstab(data_with(counts), "g", "a", { layout = "wide" })
      local naive = c:format("md", { protect = false })
      local g = A.md_grid(naive)
      g.rows[1][2] = ""                                   -- blank the 3 only
      local pos = column_positions(format.layout(c))
      local sys = crosstab_counts(function(i, name) return A.num(g.rows[i][pos[name]]) end, 3, cats, "Totaal")
      assert.is_true(A.single_unknowns(sys)["1|1"])
      assert.are.equal(3, sys:value("1|1"))
    end)

    it("counts: no hidden cell follows from the totals, in any format", function()
      local c = crosstab(data_with(counts), "g", "a", { layout = "wide" })
      local hidden = 0
      for _, r in ipairs(readings(c)) do
        assert.is_nil(r.cell(1, "1"), r.fmt .. ": the 3 is shown")
        local sys = crosstab_counts(r.cell, 3, cats, "Totaal")
        hidden = #sys.names
        assert_safe(sys, r.fmt)
      end
      assert.is_true(hidden >= 4)
      -- the grand total stays: hiding it would not be needed
      assert.are.equal(308, rules.protect(c):get(4, "Totaal"))
    end)

    it("percentages of the row, the column and the total: no count follows, even with the grand total known", function()
      for _, show in ipairs({ "row", "col", "total" }) do
        local c = crosstab(data_with(counts), "g", "a", { layout = "wide", show = show })
        for _, r in ipairs(readings(c)) do
          assert.is_nil(r.cell(1, "1"), show .. " " .. r.fmt)
          assert_safe(crosstab_percent(r.cell, 3, cats, "Totaal", show, 308), show .. " " .. r.fmt)
        end
      end
      -- and the attack finds the cell when only it is blank
      local c = crosstab(data_with(counts), "g", "a", { layout = "wide", show = "col" })
      local g = A.md_grid(c:format("md", { protect = false }))
      g.rows[1][2] = ""
      local pos = column_positions(format.layout(c))
      local sys = crosstab_percent(function(i, n) return A.num(g.rows[i][pos[n]]) end, 3, cats, "Totaal", "col", 308)
      assert.is_true(sys:determined()["1|1"])
    end)

    it("long layout: n with pct_row gives the row totals, so a cell needs a second hidden one", function()
      local c = crosstab(data_with(counts), "g", "a")
      local function system(cell)
        local sys = A.system()
        local Rt, Ct = {}, {}
        for i = 1, 9 do
          local r, k = (i - 1) // 3 + 1, (i - 1) % 3 + 1
          local n, pr, pc = cell(i, "n"), cell(i, "pct_row"), cell(i, "pct_col")
          if n and pr and pr > 0 then Rt[r] = n * 100 / pr end
          if n and pc and pc > 0 then Ct[k] = n * 100 / pc end
        end
        for r = 1, 3 do
          local terms = { { -1, Rt[r] or sys:unknown("R" .. r) } }
          for k = 1, 3 do terms[#terms + 1] = { 1, cell((r - 1) * 3 + k, "n") or sys:unknown(r .. "|" .. k) } end
          sys:eq(terms)
        end
        for k = 1, 3 do
          local terms = { { -1, Ct[k] or sys:unknown("C" .. k) } }
          for r = 1, 3 do terms[#terms + 1] = { 1, cell((r - 1) * 3 + k, "n") or sys:unknown(r .. "|" .. k) } end
          sys:eq(terms)
        end
        return sys
      end
      local naive = A.csv_grid(c:format("csv", { display = true, protect = false }))
      local pos = column_positions(format.layout(c))
      naive.rows[1][pos.n], naive.rows[1][pos.pct_row], naive.rows[1][pos.pct_col], naive.rows[1][pos.pct_total] = "", "", "", ""
      local sys = system(function(i, n) return A.num(naive.rows[i][pos[n]], ".") end)
      assert.are.equal(3, math.floor(sys:value("1|1") + 0.5))   -- from rounded percentages
      for _, r in ipairs(readings(c)) do
        assert.is_nil(r.cell(1, "n"), r.fmt)
        assert.is_nil(r.cell(1, "pct_row"), r.fmt)
        assert_safe(system(r.cell), r.fmt)
      end
    end)

    it("the chi-square of the full table is not shown once a cell is hidden", function()
      local c = crosstab(data_with(counts), "g", "a", { layout = "wide" })
      assert.matches("Chi%-kwadraat", c:meta().notes[1])
      assert.is_nil(rules.protect(c):meta().test)
      for _, fmt in ipairs({ "text", "md", "html", "tex", "json", "csv" }) do
        local s = c:format(fmt, { display = true })
        assert.is_nil(s:find("Chi-kwadraat", 1, true), fmt)
        if fmt ~= "csv" then assert.truthy(s:find("Geen toets getoond", 1, true), fmt) end
      end
      -- why: in a 2 x 3 table with the 3 hidden, the hidden cells form a cycle that moves along
      -- one direction t (x + t, y - t, z - t, w + t) keeping every total; the printed chi-square
      -- is a quadratic in t with at most two roots, and the true table (t = 0) is one of them
      local small = { { 3, 40, 50 }, { 30, 20, 60 } }
      local c2 = crosstab(data_with(small), "g", "a", { layout = "wide" })
      local printed = tonumber((c2:meta().notes[1]:match("= ([%d,]+);"):gsub(",", ".")))
      local p2 = rules.protect(c2)
      local hid = {}
      for i = 1, 2 do for k = 1, 3 do
        if missing(p2:get(i, tostring(k))) then hid[#hid + 1] = { i, k } end
      end end
      assert.are.equal(4, #hid)
      local function x2(t)
        local obs = { { table.unpack(small[1]) }, { table.unpack(small[2]) } }
        local k1, k2 = hid[1][2], hid[2][2]
        obs[1][k1], obs[1][k2] = obs[1][k1] + t, obs[1][k2] - t
        obs[2][k1], obs[2][k2] = obs[2][k1] - t, obs[2][k2] + t
        local rs, cs, tot = { 0, 0 }, { 0, 0, 0 }, 0
        for i = 1, 2 do for k = 1, 3 do rs[i] = rs[i] + obs[i][k]; cs[k] = cs[k] + obs[i][k]; tot = tot + obs[i][k] end end
        local s = 0
        for i = 1, 2 do for k = 1, 3 do local e = rs[i] * cs[k] / tot; s = s + (obs[i][k] - e) ^ 2 / e end end
        return s
      end
      local roots = {}
      for t = -3, 20 do if math.abs(x2(t) - printed) < 0.005 then roots[#roots + 1] = t end end
      assert.is_true(#roots >= 1 and #roots <= 2)
      assert.is_true(roots[1] == 0 or roots[2] == 0)
      -- a table with nothing hidden keeps its test
      local big = crosstab(data_with({ { 30, 40, 50 }, { 30, 20, 60 } }), "g", "a", { layout = "wide" })
      assert.truthy(big:format("md"):find("Chi-kwadraat", 1, true))
    end)
  end)

  describe("freq", function()
    -- group 1: a small category, one missing code (weet niet) and no answer; group 2 all large
    local function data()
      local g, x = {}, {}
      local function add(grp, v, k) for _ = 1, k do g[#g + 1] = grp; x[#x + 1] = v end end
      add("a", 1, 3); add("a", 2, 20); add("a", 3, 30); add("a", 9, 2); add("a", 0 / 0, 6)
      add("b", 1, 25); add("b", 2, 22); add("b", 3, 31); add("b", 9, 16)
      return dataset{ { "g", g }, { "x", x, missing = { 9 }, value_labels = { [9] = "weet niet" } } }
    end

    local function blocks(L)
      local out, cur = {}, { categories = {}, valid = {} }
      for i, r in ipairs(L.rows) do
        if r.kind == "total" then cur.total = i; out[#out + 1] = cur; cur = { categories = {}, valid = {} }
        else
          cur.categories[#cur.categories + 1] = i
          local part = r.cells[column_positions(L).part].text
          if part == "valid" then cur.valid[i] = true end
        end
      end
      return out
    end

    it("blanking the small category alone: the total minus the other rows gives it", function()
      local f = freq(data(), "x", { by = "g" })
      local L = format.layout(f)   -- the layout itself never protects
      local g = A.md_grid(f:format("md", { protect = false }))
      local pos = column_positions(L)
      for _, c in ipairs({ "n", "pct", "pct_valid" }) do g.rows[1][pos[c]] = "" end
      local sys = freq_system(function(i, n) return A.num(g.rows[i][pos[n]]) end, blocks(L))
      assert.are.equal(3, math.floor(sys:value("1|1") + 0.5))   -- from rounded percentages
    end)

    it("no hidden row follows from the valid, missing or total rows, in any format", function()
      local f = freq(data(), "x", { by = "g" })
      local rs, L = readings(f)
      for _, r in ipairs(rs) do
        assert.is_nil(r.cell(1, "n"), r.fmt)
        assert.is_nil(r.cell(4, "n"), r.fmt .. ": weet niet (2)")
        assert_safe(freq_system(r.cell, blocks(L)), r.fmt)
      end
      -- what was done is said
      local notes = table.concat(rules.protect(f):meta().notes, " ")
      assert.matches("minder dan 5 respondenten", notes)
    end)

    it("multiple response: small options are hidden with a complement, the bases leave the note", function()
      local d = dataset{ { "g", { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2 } },
        { "m1", { 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1 } }, { "m2", { 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1 } },
        { "m3", { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 } } }
      local f = freq(d, { "m1", "m2", "m3" }, { by = "g" })
      assert.matches("n = 10, 2", f:meta().notes[1])
      local p = rules.protect(f)
      assert.is_nil(p:meta().notes[1]:find("n = 10", 1, true))
      assert.is_nil(p:meta().base)
      -- group 1: 8, 7, 1 with total 16: the 1 and the 7 go; group 2: 2, 1, 0 and 3: all but the 0
      local st = p:values("_state:n")
      assert.are.same({ "", "suppressed", "suppressed", "", "suppressed", "suppressed", "", "suppressed" },
        { st[1], st[2], st[3], st[4], st[5], st[6], st[7], st[8] })
    end)
  end)

  describe("percentages", function()
    -- answers by group: "klein" has 4 respondents
    local function data()
      local g, x = {}, {}
      local function add(grp, v, k) for _ = 1, k do g[#g + 1] = grp; x[#x + 1] = v end end
      add("a", 1, 20); add("a", 2, 15); add("a", 3, 25)
      add("b", 1, 18); add("b", 2, 30); add("b", 3, 12)
      add("klein", 1, 1); add("klein", 2, 3); add("klein", 3, 0)
      return dataset{ { "groep", g }, { "antwoord", x } }
    end
    local cats = { "1", "2", "3" }

    it("the title's (n=124) minus the shown bases gives the small group's n when only it is blank", function()
      local t = percentages(data(), "antwoord", { by = "groep", title = "Antwoord", n_in_title = true, total = false })
      assert.are.equal("Antwoord (n=124)", t:meta().title)
      local g = A.md_grid(t:format("md", { protect = false }))
      local pos = column_positions(format.layout(t))
      for i = 1, 4 do g.rows[i][pos.klein] = "" end
      local sys = percent_system(function(i, n) return A.num(g.rows[i][pos[n]]) end, cats, { "a", "b", "klein" },
        nil, 4, 124, { a = true, b = true, klein = true })
      assert.are.equal(4, sys:value("Bklein"))
    end)

    it("by group with the title n: no base or cell follows, in any format", function()
      local t = percentages(data(), "antwoord", { by = "groep", title = "Antwoord", n_in_title = true, total = false })
      local rs = readings(t)
      for _, r in ipairs(rs) do
        local title_n = tonumber((r.title or ""):match("%(n=(%d+)%)"))
        assert.is_nil(r.cell(4, "klein"), r.fmt)
        local pct = { a = true, b = true, klein = true }
        assert_safe(percent_system(r.cell, cats, { "a", "b", "klein" }, nil, 4, title_n, pct), r.fmt .. " (counts)")
        assert_safe(percent_columns(r.cell, cats, { "a", "b", "klein" }), r.fmt .. " (percentages)")
      end
    end)

    it("with a Totaal column in counts and percentages ('both') and a pooled column", function()
      local d = data()
      local t = percentages(d, "antwoord", { by = "groep", total = true, total_cells = "both", title = "Antwoord",
        n_in_title = true, pooled = { { "b+klein", { "b", "klein" } } } })
      local rs, L = readings(t)
      for _, r in ipairs(rs) do
        local title_n = tonumber((r.title or ""):match("%(n=(%d+)%)"))
        -- counts: the total column shows them; the pooled column is b + klein
        local sys = A.system()
        local base, pct = {}, {}
        local groups = { "a", "b", "klein", "b+klein" }
        for _, g in ipairs(groups) do base[g] = r.cell(4, g) or sys:unknown("B" .. g) end
        base.T = r.cell(4, "Totaal abs.") or sys:unknown("BT")
        local function count(i, g)
          if g == "T" then
            local v = r.cell(i, "Totaal abs.")
            if v then return { 1, v } end
            local p = r.cell(i, "Totaal %")
            if p then return { p / 100, base.T } end
            return { 1, sys:unknown(i .. "|T") }
          end
          local p = r.cell(i, g)
          if p == nil then return { 1, sys:unknown(i .. "|" .. g) } end
          return { p / 100, base[g] }
        end
        local function eq(pos, neg)
          local terms = {}
          for _, x in ipairs(pos) do terms[#terms + 1] = x end
          for _, x in ipairs(neg) do terms[#terms + 1] = { -x[1], x[2] } end
          sys:eq(terms)
        end
        for i = 1, 3 do
          eq({ count(i, "a"), count(i, "b"), count(i, "klein") }, { count(i, "T") })
          eq({ count(i, "b"), count(i, "klein") }, { count(i, "b+klein") })
        end
        for _, g in ipairs({ "a", "b", "klein", "b+klein", "T" }) do
          eq({ count(1, g), count(2, g), count(3, g) }, { { 1, base[g] } })
        end
        eq({ { 1, base.a }, { 1, base.b }, { 1, base.klein } }, { { 1, base.T } })
        eq({ { 1, base.b }, { 1, base.klein } }, { { 1, base["b+klein"] } })
        if title_n then eq({ { 1, base.T } }, { { 1, title_n } }) end
        assert.is_nil(r.cell(4, "klein"), r.fmt)
        assert_safe(sys, r.fmt)
      end
      assert.truthy(L)
    end)

    it("counts ('n' cells) with a Totaal column: hiding totals is a way out too", function()
      local t = percentages(data(), "antwoord", { by = "groep", cells = "n", total = true })
      for _, r in ipairs(readings(t)) do
        assert_safe(percent_system(r.cell, cats, { "a", "b", "klein" }, "Totaal", 4, nil, {}), r.fmt)
      end
    end)

    it("keeps the protected copy's meta free of the counts", function()
      local t = percentages(data(), "antwoord", { by = "groep" })
      assert.truthy(t:meta().counts)
      local m = rules.protect(t):meta()
      assert.is_nil(m.counts)
      assert.is_nil(m.n)
      local dc = m.disclosure.counts
      for _, list in pairs(dc) do
        for i = 1, #list do
          -- every count left is one a reader sees
          assert.is_true(missing(list[i]) or list[i] == 0 or list[i] >= 5)
        end
      end
    end)
  end)

  describe("estimate", function()
    -- a small group (4 respondents) whose mean, 4.5, is no other group's
    local function data()
      local g, y = {}, {}
      for i = 1, 240 do g[i] = i <= 120 and "a" or "b"; y[i] = (i * 7) % 5 + 1 end
      for _, v in ipairs({ 5, 5, 4, 4 }) do g[#g + 1] = "klein"; y[#y + 1] = v end
      return dataset{ { "g", g }, { "y", y } }
    end
    local SHOW_ALL = { suppress = { min_n = 0, max_range = math.huge } }

    it("a suppressed row carries nothing that determines its value, in any format, nor in meta", function()
      local d = data()
      local r = estimate(d, "y", { by = "g" })
      local all = estimate(d, "y", { by = "g", rules = SHOW_ALL })
      assert.are.equal("klein", r:get(3, "g"))
      assert.are.equal(0, r:get(3, "shown"))
      assert.are.equal("n", r:get(3, "reason"))
      -- the value we protect, and what would give it away
      local secret = {}
      for _, c in ipairs({ "mean", "sd", "se", "lo", "hi", "range", "n_w", "n" }) do
        secret[c] = all:get(3, c)
        assert.is_nil(r:get(3, c), c)
      end
      assert.are.equal(4.5, secret.mean)
      assert.are.equal("", r:get(3, "flag"))
      assert.are.equal("", r:get(3, "band"))
      -- shown rows are untouched
      for _, c in ipairs({ "mean", "se", "lo", "hi", "n" }) do assert.are.equal(all:get(1, c), r:get(1, c)) end
      -- every format: the row shows no number but df, and no digits of the secret numbers
      -- (one decimal only for the mean, 4,5: no other row has it; other numbers at one decimal
      -- would meet other rows' digits by chance)
      local function strings(x, c)
        local out = { format.number(x, 2), format.number(x, 3), format.number(x, 2, "en"), format.number(x, nil, "en") }
        if c == "mean" then out[#out + 1] = format.number(x, 1); out[#out + 1] = format.number(x, 1, "en") end
        return out
      end
      for _, fmt in ipairs({ "text", "md", "csv", "json", "html", "tex" }) do
        local s = r:format(fmt)
        for _, c in ipairs({ "mean", "lo", "hi", "se", "sd", "range" }) do
          for _, txt in ipairs(strings(secret[c], c)) do
            assert.is_nil(s:find(txt, 1, true), fmt .. ": " .. c .. " " .. txt)
          end
        end
        if fmt ~= "csv" then assert.truthy(s:find("Onderdrukt", 1, true), fmt .. ": the note") end
      end
      local j = A.json(r:format("json"))
      for _, c in ipairs({ "mean", "sd", "se", "lo", "hi", "range", "n_w", "n" }) do assert.is_nil(j.rows[3][c], c) end
      -- xlsx and svg
      local path = run.tmpname(".xlsx")
      r:write(path)
      local sheet = A.xlsx_sheet(path)
      os.remove(path)
      for _, row in pairs(sheet) do
        for _, v in pairs(row) do
          if type(v) == "number" then
            for _, c in ipairs({ "mean", "lo", "hi", "se", "sd" }) do assert.are_not.equal(secret[c], v, "xlsx " .. c) end
          end
        end
      end
      local svg = r:format("svg")
      assert.are.equal(2, select(2, svg:gsub("<circle ", "")))
      -- meta: no number of the row anywhere in it
      local function walk(t, seen)
        seen = seen or {}
        if seen[t] then return end
        seen[t] = true
        for _, v in pairs(t) do
          if type(v) == "number" then
            for _, c in ipairs({ "mean", "lo", "hi", "se", "sd" }) do assert.are_not.equal(secret[c], v, "meta " .. c) end
          elseif type(v) == "table" then walk(v, seen) end
        end
      end
      walk(r:meta())
    end)

    it("a row suppressed for its interval keeps n (at least the minimum) and nothing else", function()
      local d = data()
      local r = estimate(d, "y", { by = "g", rules = { suppress = { min_n = 2, max_range = 0.5 } } })
      for i = 1, #r do
        if r:get(i, "reason") == "range" then
          assert.is_true(r:get(i, "n") >= 2)
          for _, c in ipairs({ "mean", "sd", "se", "lo", "hi", "range", "n_w" }) do assert.is_nil(r:get(i, c), c) end
        end
      end
      assert.matches("reden range", r:meta().notes[1])
    end)

    it("explain() of a suppressed cell says why and gives no number computed from its respondents", function()
      local d = data()
      local r = estimate(d, "y", { by = "g" })
      local all = estimate(d, "y", { by = "g", rules = SHOW_ALL })
      for _, lang in ipairs({ "nl", "en" }) do
        local x = explain(r, 3, d, { quiet = true, lang = lang })
        assert.is_true(x.suppressed)
        assert.are.equal("n", x.reason)
        assert.is_nil(x.mean); assert.is_nil(x.se); assert.is_nil(x.n)
        assert.truthy(x.text:find(lang == "en" and "not shown" or "niet getoond", 1, true))
        for _, c in ipairs({ "mean", "se", "lo", "hi" }) do
          for dec = 1, 4 do
            assert.is_nil(x.text:find(string.format("%." .. dec .. "f", all:get(3, c)), 1, true), c .. " " .. dec)
          end
        end
        -- not the number of respondents either, nor any of them
        assert.is_nil(x.text:find("respondenten; ", 1, true))
        assert.is_nil(x.text:find("rij ", 1, true))
      end
      -- a shown cell is still explained in full
      local y = explain(r, 1, d, { quiet = true })
      assert.are.equal(all:get(1, "mean"), y.mean)
    end)
  end)

  describe("response", function()
    it("protects the analyst's own response table; Tabel A.1 in report() follows the monitor's rule, said", function()
      local actor, ot = {}, {}
      local function add(a, o, k) for _ = 1, k do actor[#actor + 1] = a; ot[#ot + 1] = o end end
      add("ib", "bao", 66); add("ib", "sbo", 12); add("ib", "vo", 50); add("ib", "vso", 35)
      add("ouder", "bao", 109); add("ouder", "sbo", 66); add("ouder", "vo", 88); add("ouder", "vso", 266)
      local d = dataset{ { "actor", actor }, { "onderwijstype", ot } }
      rules.settings.disclosure_min_n = nil
      local t = stats.response(d, { "actor", "onderwijstype" }, { levels = { onderwijstype = { "bao", "sbo", "vo", "vso" } } })
      assert.are.equal(12, t:get(1, "sbo"))
      local p = rules.protect(t)
      assert.is_nil(p:get(1, "sbo"))
      -- the row adds up to Totaal: a second cell goes, and the note loses its count
      local hidden = 0
      for _, c in ipairs({ "bao", "sbo", "vo", "vso", "totaal" }) do if missing(p:get(1, c)) then hidden = hidden + 1 end end
      assert.is_true(hidden >= 2)
      assert.is_nil(table.concat(p:meta().notes, " "):find("n=12", 1, true))
      assert.is_nil(p:meta().below_min)
    end)
  end)

  describe("report", function()
    -- the example data with bao leerlingen cut to 9 respondents, and a factual question where
    -- one actor gave an answer only twice
    local function data()
      local d = monitor.example{ meting = "2023" }
      local seen = 0
      d = d:filter(function(r)
        if r.onderwijstype == "bao" and r.actor == "leerling" then seen = seen + 1; return seen <= 9 end
        return true
      end)
      local kent = {}
      local act = d:values("actor")
      local ko = 0
      for i = 1, #d do
        if act[i] == "ouder" then ko = ko + 1; kent[i] = ko <= 2 and 3 or (ko % 2) + 1
        else kent[i] = (i % 2) + 1 end
      end
      d:derive("kent_steunpunt", kent)
      d:set_info("kent_steunpunt", { label = "Kent u het steunpunt?", value_labels = { [1] = "ja", [2] = "nee", [3] = "weet niet" },
        missing = { 3 } })
      return d
    end

    it("hides the small group's cells in every table and format, and no Bijlage C row follows from its totals", function()
      rules.settings.disclosure_min_n = nil
      local d = data()
      local dir = run.tmpname("")
      os.execute("mkdir -p '" .. dir .. "'")
      local _, sections = report(d, dir .. "/boek.md", { tables = { "Tabel 2.1" } })
      local md = slurp(dir .. "/boek.md")
      report(d, dir .. "/boek.txt", { tables = { "Tabel 2.1" } })
      report(d, dir .. "/boek.html", { tables = { "Tabel 2.1" } })
      report(d, dir .. "/boek.xlsx", { tables = { "Tabel 2.1" } })
      -- Tabel 2.1: the leerlingen (9) are suppressed, what they would show is nowhere
      local t21 = sections[1].tables[1]
      local all = monitor.compute(d, "Tabel 2.1", { rules = { suppress = { min_n = 0, max_range = math.huge } } })
      local secret = {}
      for i = 1, #all do
        if all:get(i, "actor") == "leerling" then secret[#secret + 1] = all:get(i, "mean") end
      end
      assert.is_true(#secret > 0)
      for i = 1, #t21 do
        assert.is_nil(t21:get(i, "leerling"))
        if t21:get(i, "_kind") == "row" and t21:get(i, "_state:leerling") ~= "not_asked" then
          assert.are.equal("suppressed", t21:get(i, "_state:leerling"))
        end
      end
      local g = A.md_grid(md:match("%*%*Tabel 2%.1 .-\n\n(.-)\n\n"))
      local lpos
      for j, h in ipairs(g.head) do if h == "Leerlingen" then lpos = j end end
      for _, row in ipairs(g.rows) do assert.are.equal("", row[lpos]) end
      assert.truthy(md:find("Niet getoond (lege cel waar wel gevraagd is): minder dan 15 respondenten.", 1, true))
      -- Bijlage B: the leerlingen's means and their n (under 15) are empty
      local b1 = sections[3].tables[1]
      for i = 1, #b1 do
        if b1:get(i, "_state:leerling") == "suppressed" then
          assert.is_nil(b1:get(i, "leerling")); assert.is_nil(b1:get(i, "leerling_n"))
        end
      end
      -- no secret mean in any file (as printed: one decimal, or xlsx's full precision)
      local txt, html = slurp(dir .. "/boek.txt"), slurp(dir .. "/boek.html")
      local sheet = A.xlsx_sheet(dir .. "/boek.xlsx", 2)
      for _, m in ipairs(secret) do
        for _, row in pairs(sheet) do
          for col, v in pairs(row) do
            if type(v) == "number" and col == "D" then assert.are_not.equal(m, v) end
          end
        end
      end
      assert.truthy(txt:find("Tabel 2.1", 1, true)); assert.truthy(html:find("Tabel 2.1", 1, true))
      -- Bijlage C: per actor block, no row follows from the Totaal or the valid total
      local c1 = sections[4].tables[1]
      assert.are.equal("Tabel C.1 Kent u het steunpunt?", c1:meta().title)
      local L = format.layout(c1)
      local pos = column_positions(L)
      local cg = A.md_grid(md:match("%*%*Tabel C%.1 .-\n\n(.-)\n\n"))
      local blocks, cur = {}, { categories = {}, valid = {} }
      for i, r in ipairs(L.rows) do
        if r.kind == "total" then cur.total = i; blocks[#blocks + 1] = cur; cur = { categories = {}, valid = {} }
        else
          cur.categories[#cur.categories + 1] = i
          if r.cells[pos.part].text == "valid" then cur.valid[i] = true end
        end
      end
      assert_safe(freq_system(function(i, n) return A.num(cg.rows[i][pos[n]]) end, blocks), "Tabel C.1")
      local hidden = 0
      for _, row in ipairs(cg.rows) do if row[pos.n] == "" then hidden = hidden + 1 end end
      assert.is_true(hidden >= 1)
      -- Tabel A.1 shows the response counts as the monitor publishes them, and says so
      local a1 = sections[2].tables[1]
      assert.is_false(a1:meta().disclosure_protect)
      assert.truthy(md:find("Niet beschermd: de aantallen respondenten staan er", 1, true))
      os.execute("rm -rf '" .. dir .. "'")
    end)
  end)

  describe("the reproduction scripts", function()
    it("state the source's own rule; the analyst's default still hides the small cells", function()
      local cases = {
        { "s002_tabel_2_1", "tabel", "002 Tabel 2%-1" },
        { "s002_tabel_2_3", "tabel", "002 Tabel 2%-3" },
        { "s001_tabel_5_4", "tabel_5_3", "001 Tabel 5%.3" },
      }
      rules.settings.disclosure_min_n = nil
      for _, c in ipairs(cases) do
        local res = assert(loadfile("scripts/" .. c[1] .. ".lua"))({ quiet = true })
        local t = res[c[2]]
        assert.is_false(t:meta().disclosure_protect, c[1])
        local md = t:format("md")
        assert.matches("Niet beschermd: " .. c[3], md)
        -- printed as published: nothing blank that has a number
        local L = format.layout(t)
        for _, r in ipairs(L.rows) do
          for _, cell in ipairs(r.cells) do assert.are.equal("", cell.state, c[1]) end
        end
      end
      -- 002 Tabel 2-1 under the analyst's default: 18 of its 48 cells are under 15
      local res = assert(loadfile("scripts/s002_tabel_2_1.lua"))({ quiet = true })
      local again = percentages(res.data, "vorm", { by = { "status", "cluster" },
        levels = { status = { "uitvoering", "voorbereiding" }, cluster = { "vso3", "vso4" } },
        order = { 1, 2, 3, 4, 5, 6, 7 }, cells = "n", total = true, total_cells = "both" })
      local p = rules.protect(again)
      local hidden = 0
      for _, col in ipairs(p.columns) do
        if col:match("^_state:") then
          for _, s in pairs(p:values(col)) do if s == "suppressed" then hidden = hidden + 1 end end
        end
      end
      assert.is_true(hidden >= 18)
    end)
  end)

  describe("rules.protect()", function()
    it("an analyst opts out explicitly and the output says so; a note may give the reason", function()
      local c = crosstab(data_with({ { 2, 40, 50 }, { 30, 20, 60 } }), "g", "a", { layout = "wide" })
      local md = c:format("md", { protect = false })
      assert.truthy(md:find("| 2 | 40 |", 1, true))
      assert.truthy(md:find("Niet beschermd", 1, true))
      assert.truthy(c:format("md", { protect = false, lang = "en" }):find("Not protected", 1, true))
      local why = rules.protect(c, { protect = false, note = "de bron publiceert alles." })
      assert.truthy(why:format("md"):find("Niet beschermd: de bron publiceert alles.", 1, true))
      assert.has_error(function() rules.protect(c, { protect = false, note = "" }) end)
      -- by default the report formats protect, and so does writing to a file
      assert.is_nil(c:format("md"):find("| 2 | 40 |", 1, true))
      local path = run.tmpname(".md")
      c:write(path)
      local s = slurp(path)
      os.remove(path)
      assert.is_nil(s:find("| 2 | 40 |", 1, true))
    end)

    it("refuses a table whose rows changed after it was made (its counts would not fit)", function()
      local f = freq(dataset{ { "x", { 1, 1, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3 } } }, "x")
      local sorted = f:sort("-n")
      assert.has_error(function() rules.protect(sorted) end)
      assert.truthy(sorted:format("md", { protect = false }))
    end)

    it("monitor tables: a cell of fewer respondents than the minimum is not shown", function()
      local t = dataset{ { "rij", { "a", "b" } }, { "ouder", { 3.2, 4.1 } }, { "_n:ouder", { 40, 3 } },
        { "_kind", { "row", "row" } } }
      local p = rules.protect(t)
      assert.are.equal("suppressed", p:values("_state:ouder")[2])
      assert.is_nil(p:format("md"):find("4,1", 1, true))
      assert.truthy(p:format("md"):find("3,2", 1, true))
      assert.is_nil(p:get(2, "_n:ouder"))
    end)
  end)
end)
