-- passend/rules/disclosure.lua: disclosure control on display tables before they are published.
--
-- protect(t, opts) hides every cell based on fewer respondents than the minimum (primary
-- suppression) and then hides further cells until no hidden cell can be computed back from
-- what the table still shows (secondary or complementary suppression). Formats call it on
-- every table they render and report() on every table it writes.
--
-- The model. A table shows cells; behind each cell is a count of respondents (an "atom").
-- Several display columns can show the same atom (n and % of one cell). A reader knows
-- linear relations between atoms: the rows of a block add up to its total row, the cells of a
-- row to its total column, a pooled column is the sum of its members, the n in the title is
-- the grand total. A hidden atom is safe when no combination of those relations pins it
-- down: we solve the system (Gaussian elimination) and hide more until every hidden atom has
-- a free direction. Two views are checked:
--   count view: every shown cell is a known count (also a percentage: with its base it
--               gives the count), hidden cells and hidden totals are unknowns;
--   percentage view: the bases of percentage cells count as known too (percentages add up to
--               100 whether the base is shown or not), so a hidden percentage must not follow
--               from the others.
-- Non-negativity (bounds) is not used: a hidden pair of a 3 and a 20 shows their sum, 23.
-- A table's rows are stamped when it is made (D.stamp): the relations refer to rows by number.
--
-- How a table says what it shows (meta.disclosure; docs/formats.md, 'Disclosure control'):
--   counts = {ACOL = {count per row}}   respondents behind the cells of atom column ACOL
--   cells = {COL = ACOL}                display column COL shows atom column ACOL (default:
--                                       itself; columns of counts without a cells entry map
--                                       to themselves)
--   values = {COL...} with a row-level _n column: all of them show the row's count (older form)
--   `_n:COL` helper columns: COL shows its own atom column with these counts
--   total_col = ACOL                    every row: the other atom columns add up to ACOL
--   row_sums = { {total = ACOL, parts = {ACOL...}, rows = {i...} (default all)} }
--   blocks = false                      rows do not add up to the `_kind == "total"` rows
--   additive = true                     rows after the last total row add up (to a known 100)
--   sums = { {parts = {{ACOL, i}...}, total = {ACOL, i} (nil: a known number),
--            switch = {col = COL, rows = {i...}}} }  a sum known only through column COL in those
--                                       rows: protect() may withhold those cells instead
--                                       (freq's valid total through Geldig %)
--   pct = "block" | "row" | "grand"     value columns are percentages of their block's total
--                                       row, of their row's total_col, or of the grand total
--   pct_bases = { {ACOL, i} ... }       further atoms that are bases of percentages
--   title_n = {n = N, plain = "title", atom = {ACOL, i} | parts = {{ACOL, i}...}}
--   test_notes = {"..."}                notes with a test of the full table: dropped when a
--                                       cell is hidden (a test on the full table can reveal it)
--   private = {"field"...}              meta fields with unprotected numbers: dropped then
--   redact_notes = {[note] = "note without the hidden numbers"}
local doc = require "passend.doc"

local D = {}

local NaN = 0 / 0
local EPS = 1e-9

local function min_n_default()
  local s = require("passend.rules").settings  -- at call time: rules requires this module
  if s.disclosure_min_n ~= nil then return s.disclosure_min_n end
  return s.suppress and s.suppress.min_n or 15
end

local function column_set(d)
  local set = {}
  for _, c in ipairs(d.columns) do set[c] = true end
  return set
end

local function present(x) return type(x) == "number" and x == x end

---------------------------------------------------------------------------
-- the table as atoms and relations

-- Which display columns show which atom column, and the counts of each atom column.
-- Returns { dcols = {COL...}, atom_of = {COL = ACOL}, acols = {ACOL...}, counts = {ACOL = {}} }
-- or nil when the table carries no counts (nothing to protect).
local function columns_of(d, info, has)
  local dcols, atom_of, counts, acols = {}, {}, {}, {}
  local function add_acol(a, cnt)
    if not counts[a] then counts[a] = cnt; acols[#acols + 1] = a end
  end
  if type(info.counts) == "table" then
    local cells = info.cells or {}
    for _, c in ipairs(d.columns) do
      local a = cells[c] or (info.counts[c] and c) or nil
      if a and type(info.counts[a]) == "table" then
        dcols[#dcols + 1] = c; atom_of[c] = a
        add_acol(a, info.counts[a])
      end
    end
  elseif type(info.values) == "table" and has["_n"] then
    local row_n = d:values("_n")
    for _, c in ipairs(info.values) do
      if has[c] then dcols[#dcols + 1] = c; atom_of[c] = "_n"; add_acol("_n", row_n) end
    end
  else
    for _, c in ipairs(d.columns) do
      local v = c:match("^_n:(.+)$")
      if v and has[v] then
        dcols[#dcols + 1] = v; atom_of[v] = v
        add_acol(v, d:values(c))
      end
    end
  end
  if #dcols == 0 then return nil end
  return { dcols = dcols, atom_of = atom_of, acols = acols, counts = counts }
end

-- States the table gives its cells itself, per atom column and row: "suppressed" (its own
-- rule, or an earlier protect()) or "not_asked" (no cell at all).
local function given_states(d, cols, has, n)
  local state = {}
  for _, a in ipairs(cols.acols) do state[a] = {} end
  for _, c in ipairs(cols.dcols) do
    if has["_state:" .. c] then
      local st, s = d:values("_state:" .. c), state[cols.atom_of[c]]
      for i = 1, n do
        if st[i] == "suppressed" then s[i] = "suppressed"
        elseif st[i] == "not_asked" and s[i] == nil then s[i] = "not_asked" end
      end
    end
  end
  return state
end

-- The atoms: one per atom column x row with a count (or a hidden cell that lost its count).
local function atoms_of(cols, state, kind, n)
  local atoms, id, hideable = {}, {}, {}
  for _, a in ipairs(cols.acols) do
    id[a] = {}
    local cnt = cols.counts[a]
    for i = 1, n do
      local k, st = cnt[i], state[a][i]
      if kind[i] ~= "header" and (present(k) or st == "suppressed") then
        atoms[#atoms + 1] = { col = a, row = i, count = present(k) and k or 0, given = st == "suppressed" }
        id[a][i] = #atoms
        if st == "not_asked" then hideable[#atoms] = false end
      end
    end
  end
  return atoms, id, hideable
end

-- Adds relation {parts, total, kind, switch} to rels when it links at least two atoms.
local function add_relation(rels, parts, total, kind, switch)
  local p = {}
  for _, x in ipairs(parts) do if x then p[#p + 1] = x end end
  if #p + (total and 1 or 0) > 1 then rels[#rels + 1] = { parts = p, total = total, kind = kind, switch = switch } end
end

-- Column sums: per atom column, the rows of a block add up to its total row; rows after the
-- last total row add up to a known number when the table says so (additive).
local function block_relations(rels, info, cols, id, kind, n)
  if info.blocks == false then return end
  for _, a in ipairs(cols.acols) do
    local seg = {}
    local function parts()
      local p = {}
      for _, r in ipairs(seg) do p[#p + 1] = id[a][r] end
      return p
    end
    for i = 1, n do
      if kind[i] == "total" then
        if id[a][i] then add_relation(rels, parts(), id[a][i], "block") end
        seg = {}
      elseif kind[i] ~= "header" then
        seg[#seg + 1] = i
      end
    end
    if #seg > 0 and info.additive then add_relation(rels, parts(), nil, "block") end
  end
end

-- Row sums: in each row (or the rows listed) the parts add up to the total column.
local function row_relations(rels, info, cols, id, kind, n)
  local list = {}
  if info.total_col and id[info.total_col] then
    local parts = {}
    for _, a in ipairs(cols.acols) do if a ~= info.total_col then parts[#parts + 1] = a end end
    list[#list + 1] = { total = info.total_col, parts = parts }
  end
  for _, rs in ipairs(info.row_sums or {}) do list[#list + 1] = rs end
  for _, rs in ipairs(list) do
    local rows = rs.rows
    if not rows then rows = {}; for i = 1, n do rows[i] = i end end
    for _, i in ipairs(rows) do
      if kind[i] ~= "header" then
        local parts = {}
        for _, a in ipairs(rs.parts) do parts[#parts + 1] = id[a] and id[a][i] end
        add_relation(rels, parts, id[rs.total] and id[rs.total][i], "row")
      end
    end
  end
end

-- The n in the title: an atom of the table, or a total of its own (a virtual atom).
local function title_relation(rels, atoms, info, at)
  local tn = info.title_n
  if type(tn) ~= "table" or not tn.n or not tn.plain then return nil end
  local title = { n = tn.n, plain = tn.plain }
  if tn.atom then
    title.atom = at(tn.atom)
  elseif tn.parts then
    atoms[#atoms + 1] = { col = "(titel)", row = 0, count = tn.n, virtual = true }
    title.atom = #atoms
    local parts = {}
    for _, ref in ipairs(tn.parts) do parts[#parts + 1] = at(ref) end
    add_relation(rels, parts, title.atom, "title")
  end
  return title
end

-- The bases of percentage cells (known to a reader in the percentage view).
local function percentage_bases(rels, info, id, kind, n, at)
  local bases = {}
  local tc = info.total_col and id[info.total_col]
  if info.pct == "block" then
    for _, r in ipairs(rels) do if r.kind == "block" and r.total then bases[r.total] = true end end
  elseif info.pct == "row" and tc then
    for _, k in pairs(tc) do bases[k] = true end
  elseif info.pct == "grand" and tc then
    local last
    for i = 1, n do if kind[i] == "total" and tc[i] then last = tc[i] end end
    if last then bases[last] = true end
  end
  for _, ref in ipairs(info.pct_bases or {}) do
    local k = at(ref)
    if k then bases[k] = true end
  end
  return next(bases) and bases or nil
end

-- The model: atoms, the relations between them, which are totals and percentage bases.
local function build_model(d, info, cols, has, n)
  local kind = has["_kind"] and d:values("_kind") or {}
  local atoms, id, hideable = atoms_of(cols, given_states(d, cols, has, n), kind, n)
  local function at(ref) return ref and id[ref[1]] and id[ref[1]][ref[2]] or nil end
  local rels = {}
  block_relations(rels, info, cols, id, kind, n)
  row_relations(rels, info, cols, id, kind, n)
  for _, s in ipairs(info.sums or {}) do
    local parts = {}
    for _, ref in ipairs(s.parts) do parts[#parts + 1] = at(ref) end
    add_relation(rels, parts, at(s.total), "sum", s.switch)
  end
  -- a sum the reader knows only through a column (freq's valid total through Geldig %) is
  -- gone once that column is withheld in its rows
  for _, r in ipairs(rels) do
    if r.switch and has["_state:" .. r.switch.col] then
      local st, all = d:values("_state:" .. r.switch.col), true
      for _, i in ipairs(r.switch.rows) do if st[i] ~= "withheld" then all = false end end
      if all then r.off = true end
    end
  end
  local title = title_relation(rels, atoms, info, at)
  local is_total, rels_of = {}, {}
  for k = 1, #atoms do rels_of[k] = {} end
  for ri, r in ipairs(rels) do
    if r.total then is_total[r.total] = true; table.insert(rels_of[r.total], ri) end
    for _, k in ipairs(r.parts) do table.insert(rels_of[k], ri) end
  end
  return { atoms = atoms, id = id, rels = rels, rels_of = rels_of, is_total = is_total,
           bases = percentage_bases(rels, info, id, kind, n, at), hideable = hideable, title = title }
end

---------------------------------------------------------------------------
-- which hidden atoms a reader can compute

-- Gaussian elimination to reduced row echelon form. eqs: list of {var = coefficient}.
-- Returns the set of variables whose value follows from the equations: those with a row of
-- their own in the reduced form (e_v lies in the row space).
local function solved_variables(nvars, eqs)
  local rows = {}
  for _, e in ipairs(eqs) do
    local r = {}
    for v, c in pairs(e) do if math.abs(c) > EPS then r[v] = c end end
    if next(r) then rows[#rows + 1] = r end
  end
  local used = {}
  local pivot_rows = {}
  for v = 1, nvars do
    local best, bestabs
    for ri, r in ipairs(rows) do
      if not used[ri] and r[v] and math.abs(r[v]) > (bestabs or EPS) then best, bestabs = ri, math.abs(r[v]) end
    end
    if best then
      used[best] = true
      local p = rows[best]
      local inv = 1 / p[v]
      for k, c in pairs(p) do p[k] = c * inv end
      for ri, r in ipairs(rows) do
        local f = ri ~= best and r[v]
        if f then
          for k, c in pairs(p) do
            local x = (r[k] or 0) - f * c
            r[k] = math.abs(x) > EPS and x or nil
          end
          r[v] = nil
        end
      end
      pivot_rows[#pivot_rows + 1] = { v = v, row = p }
    end
  end
  local solved = {}
  for _, pr in ipairs(pivot_rows) do
    local only = true
    for k in pairs(pr.row) do if k ~= pr.v then only = false; break end end
    if only then solved[pr.v] = true end
  end
  return solved
end

-- The hidden atoms that follow from the shown ones; known: atoms treated as known even when
-- hidden (the bases in the percentage view).
local function derivable(model, hidden, known)
  local var, atom_of_var, nv = {}, {}, 0
  for k in pairs(hidden) do
    if not (known and known[k]) then nv = nv + 1; var[k] = nv; atom_of_var[nv] = k end
  end
  if nv == 0 then return {} end
  local eqs = {}
  for _, r in ipairs(model.rels) do
    if r.off then goto continue end
    local e, any = {}, false
    for _, k in ipairs(r.parts) do
      if var[k] then e[var[k]] = (e[var[k]] or 0) + 1; any = true end
    end
    if r.total and var[r.total] then e[var[r.total]] = (e[var[r.total]] or 0) - 1; any = true end
    if any then eqs[#eqs + 1] = e end
    ::continue::
  end
  local out = {}
  for v in pairs(solved_variables(nv, eqs)) do out[atom_of_var[v]] = true end
  return out
end

-- Every hidden atom a reader can compute, with the view that finds it.
local function leaks(model, hidden)
  local bad = {}
  for k in pairs(derivable(model, hidden, nil)) do bad[k] = "count" end
  if model.bases then
    for k in pairs(derivable(model, hidden, model.bases)) do bad[k] = bad[k] or "pct" end
  end
  return bad
end

-- Cells to hide next come from the smallest shown cell of a sum: inner cells before totals,
-- non-zero before zero, then the smallest count.
local function candidate_key(model, m)
  local c = model.atoms[m].count
  return (model.is_total[m] and 2e15 or 0) + (c == 0 and 1e15 or 0) + c
end

local function known_in(model, view, m)
  return view == "pct" and model.bases and model.bases[m]
end

-- The best cell to hide in relation r (nil when none is left), and how many unknowns r has.
local function best_in(model, hidden, r, view)
  local members = { table.unpack(r.parts) }
  if r.total then members[#members + 1] = r.total end
  local unknowns, best, bestkey = 0, nil, nil
  for _, m in ipairs(members) do
    if hidden[m] then
      if not known_in(model, view, m) then unknowns = unknowns + 1 end
    elseif model.hideable[m] ~= false and not known_in(model, view, m) then
      local key = candidate_key(model, m)
      if not bestkey or key < bestkey then best, bestkey = m, key end
    end
  end
  return best, bestkey, unknowns
end

-- The cell to hide next. First the sums with exactly one hidden cell (the differencing a
-- reader does by hand): their smallest shown cell over all such sums. When none is left but
-- a hidden cell still follows from several sums together, a cell next to that one.
local function next_complement(model, hidden, bad, stuck)
  local views = model.bases and { "count", "pct" } or { "count" }
  local pick, pickkey
  for _, view in ipairs(views) do
    for _, r in ipairs(model.rels) do
      if not r.off then
        local best, key, unknowns = best_in(model, hidden, r, view)
        if unknowns == 1 and best and (not pickkey or key < pickkey) then pick, pickkey = best, key end
      end
    end
  end
  if pick then return pick end
  local list = {}
  for k in pairs(bad) do if not stuck[k] then list[#list + 1] = k end end
  table.sort(list)
  for _, k in ipairs(list) do
    for _, ri in ipairs(model.rels_of[k]) do
      if not model.rels[ri].off then
        local best, key = best_in(model, hidden, model.rels[ri], bad[k])
        if best and (not pickkey or key < pickkey) then pick, pickkey = best, key end
      end
    end
    if pick then return pick end
    stuck[k] = true            -- nothing left to hide around it (e.g. a lone 100%)
  end
  return nil
end

-- Primary and secondary suppression: the hidden set and how many of each.
local function suppress(model, min_n)
  local hidden, primary = {}, 0
  for k, a in ipairs(model.atoms) do
    if model.hideable[k] ~= false and not a.virtual
      and (a.given or (a.count > 0 and a.count < min_n)) then
      hidden[k] = true; primary = primary + 1
    end
  end
  local secondary, unresolved = 0, 0
  if primary > 0 then
    local stuck = {}
    while true do
      local bad = leaks(model, hidden)
      local open = false
      for k in pairs(bad) do if not stuck[k] then open = true end end
      if not open then break end
      local pick = next_complement(model, hidden, bad, stuck)
      if not pick then break end
      hidden[pick] = true
      secondary = secondary + 1
    end
    for _ in pairs(stuck) do unresolved = unresolved + 1 end
  end
  return hidden, primary, secondary, unresolved
end

-- Suppression, then for each sum that a column makes known (a switch): whether withholding
-- that column in its rows lets fewer cells go; kept when it does. Returns the hidden set,
-- the counts and the switched-off relations.
local function suppress_best(model, min_n)
  local hidden, primary, secondary, unresolved = suppress(model, min_n)
  local off = {}
  for ri, r in ipairs(model.rels) do
    if r.switch and not r.off and secondary + unresolved > 0 then
      r.off = true
      local h2, _, s2, u2 = suppress(model, min_n)
      if u2 < unresolved or (u2 == unresolved and s2 < secondary) then
        hidden, secondary, unresolved = h2, s2, u2
        off[#off + 1] = ri
      else
        r.off = nil
      end
    end
  end
  return hidden, primary, secondary, unresolved, off
end

---------------------------------------------------------------------------
-- the protected copy

local function words(lang)
  if lang == "en" then
    return {
      off = "Not protected: cells based on few respondents are shown (disclosure control switched off by the analyst).",
      off_because = "Not protected: %s",
      small = "Cells based on fewer than %d respondents are not shown",
      more = ", nor cells from which they could be derived",
      given = "Cells from which a cell that is not shown could be derived are not shown either.",
      title = "The total n is left out of the title: with the bases shown it would give a hidden cell away.",
      test = "No test shown: the table has cells that are not shown, and a test on the full table could give them away.",
      withheld = "Column '%s' is left out where, with the totals, it would give a hidden cell away.",
    }
  end
  return {
    off = "Niet beschermd: cellen met weinig respondenten worden getoond (onthullingscontrole door de analist uitgezet).",
    off_because = "Niet beschermd: %s",
    small = "Cellen met minder dan %d respondenten worden niet getoond",
    more = ", evenmin cellen waaruit ze af te leiden zijn",
    given = "Cellen waaruit een niet getoonde cel af te leiden is, worden evenmin getoond.",
    title = "Het totale aantal staat niet in de titel: met de getoonde aantallen zou het een verborgen cel verraden.",
    test = "Geen toets getoond: de tabel heeft cellen die niet getoond worden, en een toets op de volledige tabel kan die verraden.",
    withheld = "Kolom '%s' is weggelaten waar die met de totalen een verborgen cel zou verraden.",
  }
end

local function add_note(notes, s)
  for _, x in ipairs(notes) do if x == s then return end end
  notes[#notes + 1] = s
end

local function unprotected(d, opts, lang, meta0)
  local out = d:select(d.columns)
  local m = out:meta()
  local notes = {}
  for i, s in ipairs(meta0.notes or {}) do notes[i] = s end
  local W = words(lang)
  if opts.note ~= nil and (type(opts.note) ~= "string" or opts.note == "") then
    error("protect: note must say why the table is published unprotected (a non-empty string)", 3)
  end
  add_note(notes, opts.note and string.format(W.off_because, opts.note) or W.off)
  m.notes = notes
  m.disclosure_protect = false
  return out
end

-- Which display cells go: hidden_at[COL][i] for hidden atoms, withheld[COL][i] for the cells
-- of switched-off sums, row_hidden[i] for rows with any hidden atom.
local function cells_to_blank(model, cols, hidden, off)
  local hidden_at, withheld, row_hidden = {}, {}, {}
  for _, c in ipairs(cols.dcols) do hidden_at[c] = {} end
  for _, ri in ipairs(off) do
    local sw = model.rels[ri].switch
    withheld[sw.col] = withheld[sw.col] or {}
    for _, i in ipairs(sw.rows) do withheld[sw.col][i] = true end
  end
  for k in pairs(hidden) do
    local a = model.atoms[k]
    if not a.virtual then
      row_hidden[a.row] = true
      for _, c in ipairs(cols.dcols) do
        if cols.atom_of[c] == a.col then hidden_at[c][a.row] = true end
      end
    end
  end
  return hidden_at, withheld, row_hidden
end

-- Blanks the cells in out (a copy of d): values missing, _state:COL set, counts gone.
local function blank_cells(d, out, cols, has, n, hidden_at, withheld, row_hidden)
  for _, c in ipairs(cols.dcols) do
    if next(hidden_at[c]) or withheld[c] then
      local empty = (d:info(c) or {}).type == "text" and "" or NaN
      local v = d:values(c)
      local st = has["_state:" .. c] and d:values("_state:" .. c) or {}
      local wh = withheld[c] or {}
      for i = 1, n do
        if hidden_at[c][i] then v[i], st[i] = empty, "suppressed"
        elseif wh[i] then v[i], st[i] = empty, "withheld"
        elseif st[i] == nil then st[i] = "" end
        if v[i] == nil then v[i] = empty end
      end
      out[c] = v
      out["_state:" .. c] = st
      -- counts behind a hidden cell would give the value away
      if has["_n:" .. c] then
        local nn = d:values("_n:" .. c)
        for i = 1, n do if hidden_at[c][i] or nn[i] == nil then nn[i] = NaN end end
        out["_n:" .. c] = nn
      end
    end
  end
  if has["_n"] then
    -- a row-level count: hidden where any cell of the row is
    local nn = d:values("_n")
    for i = 1, n do if row_hidden[i] or nn[i] == nil then nn[i] = NaN end end
    out["_n"] = nn
  end
end

-- meta.disclosure of the copy: the counts of hidden atoms become NaN, the structure stays
-- (protecting the copy again finds the same cells through their states).
local function scrubbed_info(info, model, hidden, n)
  local ni = {}
  for k, v in pairs(info) do ni[k] = v end
  if type(info.counts) == "table" then
    ni.counts = {}
    for a, list in pairs(info.counts) do
      local c = {}
      for i = 1, n do c[i] = list[i] end
      ni.counts[a] = c
    end
    for k in pairs(hidden) do
      local at = model.atoms[k]
      if not at.virtual and ni.counts[at.col] then ni.counts[at.col][at.row] = NaN end
    end
  end
  if model.title and model.title.atom and hidden[model.title.atom] then ni.title_n = nil end
  return ni
end

-- The notes of the copy: tests of the full table and quoted numbers go, what was hidden and
-- why is said.
local function protected_notes(meta0, info, model, hidden, counts, lang, min_n)
  local W = words(lang)
  local drop, redact = {}, info.redact_notes or {}
  for _, s in ipairs(info.test_notes or {}) do drop[s] = true end
  local notes, dropped = {}, false
  for _, s in ipairs(meta0.notes or {}) do
    if drop[s] then dropped = true else notes[#notes + 1] = redact[s] or s end
  end
  if dropped then add_note(notes, W.test) end
  if counts.small > 0 then
    add_note(notes, string.format(W.small, min_n) .. (counts.secondary > 0 and W.more or "") .. ".")
  elseif counts.secondary > 0 then
    add_note(notes, W.given)
  end
  if model.title and model.title.atom and hidden[model.title.atom] then add_note(notes, W.title) end
  for _, ri in ipairs(counts.off) do
    local c = model.rels[ri].switch.col
    add_note(notes, string.format(W.withheld, (meta0.labels or {})[c] or c))
  end
  return notes
end

-- The copy of d with the hidden atoms blanked, its counts and private numbers gone, notes.
local function blanked(d, model, cols, hidden, counts, has, n, lang, min_n)
  local out = d:select(d.columns)
  blank_cells(d, out, cols, has, n, cells_to_blank(model, cols, hidden, counts.off))
  local meta0 = d:meta() or {}
  local info = type(meta0.disclosure) == "table" and meta0.disclosure or {}
  local m = out:meta()
  m.disclosure = scrubbed_info(info, model, hidden, n)
  m.notes = protected_notes(meta0, info, model, hidden, counts, lang, min_n)
  if info.test_notes then m.test = nil end
  for _, f in ipairs(info.private or {}) do m[f] = nil end
  if model.title and model.title.atom and hidden[model.title.atom] then m.title = model.title.plain end
  m.disclosure_suppressed = { primary = counts.primary, secondary = counts.secondary,
    unresolved = counts.unresolved > 0 and counts.unresolved or nil }
  return out
end

-- The rows a table's disclosure information was made for (meta.disclosure refers to rows by
-- number): its key column (the row labels) and _kind, so protect() notices a table filtered,
-- sorted or extended afterwards.
local function row_key(d, col)
  local has = column_set(d)
  col = col or d.columns[1]
  local v = has[col] and d:values(col) or {}
  local k = has["_kind"] and d:values("_kind") or {}
  local parts = {}
  for i = 1, #d do parts[i] = tostring(v[i]) .. "\1" .. tostring(k[i]) end
  return table.concat(parts, "\0")
end

-- Called by the functions that make display tables (freq, crosstab, percentages, response)
-- once the table is made.
function D.stamp(d)
  local info = (d:meta() or {}).disclosure
  if type(info) == "table" then
    info.rowkey_col = info.rowkey_col or d.columns[1]
    info.rowkey = row_key(d, info.rowkey_col)
  end
  return d
end

-- protect(t, opts) -> protected copy (or t itself when it has nothing to protect)
function D.protect(d, opts)
  opts = opts or {}
  local meta0 = d:meta() or {}
  local info = meta0.disclosure
  if type(info) ~= "table" then info = {} end
  local has = column_set(d)
  local cols = columns_of(d, info, has)
  local lang = opts.lang or meta0.lang
  -- a reason to publish unprotected is said even under a table protect() has no counts for
  if not cols and not (opts.protect == false and opts.note ~= nil) then return d end
  -- a table the analyst already let through unprotected keeps its values (and its note)
  if meta0.disclosure_protect == false then return d end
  if opts.protect == false then return unprotected(d, opts, lang, meta0) end
  if info.rowkey and info.rowkey ~= row_key(d, info.rowkey_col) then
    error("protect: the table's rows changed after it was made (filtered, sorted or extended), so its "
      .. "disclosure information no longer fits them; protect the table as it was made (protect(t), then "
      .. "change the copy), or publish it with protect = false and a note", 0)
  end
  local min_n = opts.min_n or min_n_default()
  local n = #d
  local model = build_model(d, info, cols, has, n)
  local hidden, primary, secondary, unresolved, off = suppress_best(model, min_n)
  if primary + secondary == 0 then return d end
  local small = 0
  for k in pairs(hidden) do
    local a = model.atoms[k]
    if not a.given and not a.virtual and a.count > 0 and a.count < min_n then small = small + 1 end
  end
  return blanked(d, model, cols, hidden,
    { primary = primary, secondary = secondary, small = small, unresolved = unresolved, off = off },
    has, n, lang, min_n)
end

-- rules.protect: D.protect with its options checked (the formats call D.protect with theirs).
local PROTECT = require("passend.args").spec{ min_n = "count", protect = "boolean", note = "string",
  lang = { "one_of", "nl", "en" } }
D.public_protect = function(d, opts)
  if not require("passend.core").is_dataset(d) then
    error("protect: expected a display table (a dataset), got " .. type(d), 2)
  end
  return D.protect(d, require("passend.args").options("protect", opts, PROTECT))
end
doc.def("rules.protect", D.public_protect, [[
rules.protect(t [, opts]) -> display table

Disclosure control: hides every cell of a display table based on fewer respondents than the
minimum (opts.min_n, default rules.settings.disclosure_min_n, which when unset is
rules.settings.suppress.min_n = 15), then hides further cells until no hidden cell can be
computed back from the cells still shown through the table's sums (block totals, row totals,
pooled columns, the n in a title; percentages count as known with their base), solving the
whole system rather than one sum at a time. Hidden cells are missing with _state:COL =
"suppressed", their counts go too; a test of the full table (the crosstab's chi-square) is
dropped when a cell is hidden; a note says what was hidden and why. The cells are the value
columns with a _n:COL count (monitor.table, crosstab layout = "wide"), meta.disclosure.values
with a row-level _n, or meta.disclosure.counts (freq, crosstab, percentages, response). Every
report format (d:format, d:write, report()) applies it; opts.protect = false switches it off,
and the output then says so in a note (opts.note = "why": the note gives the reason, e.g. the
source's own rule). Zero cells are shown.]], {
  options = PROTECT,
  example = function()
    local stats = require "passend.stats"
    return stats.crosstab(require("passend.sample").data(), "regio", "groep", { layout = "wide" }), { min_n = 5 }
  end,
})

return D
