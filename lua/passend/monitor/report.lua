-- passend/monitor/report.lua: the Doelstellingenmonitor's own layout. monitor.table() lays estimates
-- out as the report's Tabel 2.1-8.4 (seeds/004); report() writes the whole tabellenboek:
-- every doelstelling x onderwijstype table, Tabel A.1 (response), Bijlage B (items of each
-- scale with means and n) and Bijlage C (frequency tables of the factual questions).
local core = require "passend.core"
local doc = require "passend.doc"
local args = require "passend.args"
local lazy = require "passend.lazy"
local rules = require "passend.rules"
local disclosure = require "passend.rules.disclosure"
local F = require "passend.format"
local L = require "passend.format.layout"
local html = require "passend.format.html"
local io_ = require "passend.io"
local estimate = require("passend.stats.estimate").estimate
local freq = require("passend.stats.freq").freq
local response = require("passend.stats.response").response
local lookup = require "passend.monitor.lookup"
local compute = require("passend.monitor.compute").compute

local M = {}

-- monitor.defs is read on first use, and so are the lookups built on it (start-up time)
local defs = lazy.table(function() return require "passend.monitor.defs" end)

local function typo(s) return (tostring(s):gsub("'", "’")) end

local ot_by_key = lazy.table(function()
  local t = {}
  for _, o in ipairs(defs.onderwijstypen) do t[o.id] = o; t[o.label] = o end
  return t
end)
local actor_by_id = lazy.table(function()
  local t = {}
  for _, a in ipairs(defs.actors) do t[a.id] = a end
  return t
end)

-- The domain of an actor in an onderwijstype table: school-level actors by onderwijstype,
-- sector-level actors (swv, ondersteuners, besturen) by sector (po for bao/sbo, vo for vo),
-- municipal actors over all.
local function cell_key(actor, ot, sector)
  local a = actor_by_id[actor]
  local level = a and a.level or "school"
  if level == "gemeente" then return actor .. "|" end
  if level == "sector" and sector then return actor .. "|" .. sector end
  return actor .. "|" .. (ot or "")
end
M.cell_key = cell_key

local function table_def(doelstelling, onderwijstype)
  if type(doelstelling) == "table" and doelstelling.rows then return doelstelling end
  local T
  if type(doelstelling) == "string" and onderwijstype == nil then
    T = lookup.find_table(doelstelling)
  else
    local o = ot_by_key[onderwijstype]
    if not o then
      error(string.format("monitor.table: unknown onderwijstype %q (bao, sbo, vo, vso or (v)so)", tostring(onderwijstype)), 3)
    end
    T = lookup.find_table(tonumber(doelstelling), o.id)
  end
  if not T then
    error(string.format("monitor.table: no table for doelstelling %s and onderwijstype %s", tostring(doelstelling), tostring(onderwijstype)), 3)
  end
  return T
end

local function latest(values)
  local best
  for _, v in ipairs(values) do
    if v ~= nil and (best == nil or tostring(v) > tostring(best)) then best = v end
  end
  return best
end

local function has_col(d, name)
  for _, c in ipairs(d.columns) do if c == name then return true end end
  return false
end

-- Index of an estimate result: scale|cell -> row number. Cells from the _cell column, or
-- built from the actor / onderwijstype / sector by-columns.
local function index_result(r)
  local n = #r
  local idx = {}
  local scale = L.column_values(r, "scale", n)
  local cells
  if has_col(r, "_cell") then
    cells = L.column_values(r, "_cell", n)
    for i = 1, n do idx[scale[i] .. "\0" .. tostring(cells[i])] = i end
    return idx
  end
  if not has_col(r, "actor") then
    error("monitor.table: the result has no actor column (estimate with by = {\"onderwijstype\", \"actor\"})", 3)
  end
  local actor = L.column_values(r, "actor", n)
  local ot = has_col(r, "onderwijstype") and L.column_values(r, "onderwijstype", n) or {}
  local sector = has_col(r, "sector") and L.column_values(r, "sector", n) or {}
  for i = 1, n do
    if actor[i] then
      local o = ot[i]
      if o and ot_by_key[o] then o = ot_by_key[o].id end
      local s = sector[i] or (o and ot_by_key[o] and ot_by_key[o].sector)
      -- the same row answers for its onderwijstype and, for sector-level actors, its sector
      idx[scale[i] .. "\0" .. actor[i] .. "|" .. (o or "")] = idx[scale[i] .. "\0" .. actor[i] .. "|" .. (o or "")] or i
      if s then idx[scale[i] .. "\0" .. actor[i] .. "|" .. s] = idx[scale[i] .. "\0" .. actor[i] .. "|" .. s] or i end
      idx[scale[i] .. "\0" .. actor[i] .. "|"] = idx[scale[i] .. "\0" .. actor[i] .. "|"] or i
    end
  end
  return idx
end

-- The note under a table with suppressed cells: which rule left them empty (the report
-- itself leaves them empty without a word; passend says why).
local function suppressed_note(why, settings, lang)
  if not next(why) then return nil end
  local sup = settings and settings.suppress or rules.settings.suppress
  local conf = settings and settings.conf or 0.95
  local function num(x, dec) return F.number(x, dec, lang) end
  local en = lang == "en"
  local parts = {}
  if why.n then
    parts[#parts + 1] = string.format(en and "fewer than %d respondents" or "minder dan %d respondenten", sup.min_n or 15)
  end
  if why.range then
    parts[#parts + 1] = string.format(en and "a %s%% interval of %s or wider" or "een %s%%-interval van %s of breder",
      num(conf * 100), num(sup.max_range or 1, 1))
  end
  for r in pairs(why) do
    if r ~= "n" and r ~= "range" then parts[#parts + 1] = (en and "rule " or "regel ") .. r end
  end
  table.sort(parts, function(a, b) return a < b end)
  return (en and "Not shown (an empty cell where the actor was asked): " or "Niet getoond (lege cel waar wel gevraagd is): ")
    .. table.concat(parts, en and " or " or " of ") .. "."
end

local function reversed_note(sub)
  if not sub or not sub.note then return nil end
  local text = sub.note:match("^omgepoold %(%*%*%):%s*(.*)$") or sub.note
  if not text:match("%.$") then text = text .. "." end
  return "** " .. text
end

local LANG = { "one_of", "nl", "en" }
local METING = { "either", "string", "integer", { "one_of", false } }
local TABLE = args.spec{ meting = METING, estimate = "table", asked_only = "boolean", lang = LANG }
local REPORT = args.spec{ lang = LANG, tables = "list", meting = METING, factual = "columns", estimate = "table",
  title = "string", subtitle = "string", protect = "boolean", min_n = "count", charts = "boolean" }

-- monitor.table(result_or_data, doelstelling, onderwijstype, opts) -> display dataset
function M.table(r, doelstelling, onderwijstype, opts)
  if type(onderwijstype) == "table" and opts == nil then opts, onderwijstype = onderwijstype, nil end
  opts = args.options("monitor.table", opts, TABLE)
  local T = table_def(doelstelling, onderwijstype)
  local o = ot_by_key[T.onderwijstype]
  local sector = o and o.sector
  if type(r) ~= "userdata" and type(r) ~= "table" then
    error("monitor.table: expected an estimate() result or respondent data, got " .. type(r), 2)
  end
  local rmeta = L.meta_of(r)
  if rmeta.kind ~= "estimate" then
    -- raw respondent data: the monitor's estimates for this table first
    if has_col(r, "meting") and opts.meting ~= false then
      local m = opts.meting or latest(r:values("meting"))
      r = r:filter(function(x) return x.meting == m end)
    end
    r = compute(r, T.id, opts.estimate)
    rmeta = L.meta_of(r)
  end
  local idx = index_result(r)
  local n = #r
  local col = {}
  local function rv(name)
    if not col[name] then col[name] = has_col(r, name) and L.column_values(r, name, n) or {} end
    return col[name]
  end
  local mean, flag, shown, band, nresp = rv("mean"), rv("flag"), rv("shown"), rv("band"), rv("n")
  local reason = rv("reason")
  local why = {}   -- reasons of the suppressed cells, for the note

  local rows = { label = {}, kind = {}, id = {} }
  local cells = {}
  for _, a in ipairs(T.actors) do cells[a] = { v = {}, band = {}, flag = {}, state = {}, n = {} } end
  local notes, seen_note = {}, {}
  local k = 0
  for _, row in ipairs(T.rows) do
    k = k + 1
    if row.kind == "indicator" then
      rows.label[k] = string.format("Indicator %d: %s", row.nr, row.title)
      rows.kind[k], rows.id[k] = "header", ""
      for _, a in ipairs(T.actors) do
        local c = cells[a]
        c.band[k], c.flag[k], c.state[k] = "", "", ""
      end
    else
      local sub = lookup.sub(row.id)
      local title = row.title
      -- a table that reports at indicator level prints the indicator itself as the row
      if row.level == "indicator" then title = string.format("Indicator %d: %s", row.indicator, title) end
      if row.points == 3 then title = title .. (opts.lang == "en" and " (3-point scale)" or " (3 puntsschaal)") end
      if row.reversed then
        title = title .. "**"
        local note = reversed_note(sub)
        if note and not seen_note[note] then seen_note[note] = true; notes[#notes + 1] = note end
      end
      rows.label[k], rows.kind[k], rows.id[k] = title, "row", row.id
      local asked = {}
      for _, a in ipairs(row.actors or T.actors) do asked[a] = true end
      local scale = sub and sub.scale or row.id
      for _, a in ipairs(T.actors) do
        local c = cells[a]
        c.band[k], c.flag[k], c.state[k] = "", "", ""
        local i = idx[scale .. "\0" .. cell_key(a, T.onderwijstype, sector)]
          or idx[scale .. "\0" .. a .. "|" .. T.onderwijstype]
        if (opts.asked_only ~= false and not asked[a]) or not i then
          c.state[k] = "not_asked"
        elseif shown[i] == 0 then
          -- estimate() left the value out; n only when n was not the reason
          c.state[k] = "suppressed"
          c.n[k] = nresp[i]
          why[reason[i] or ""] = true
        elseif mean[i] == nil then
          c.state[k] = "not_asked"
        else
          c.v[k], c.n[k] = mean[i], nresp[i]
          c.flag[k] = flag[i] or ""
          c.band[k] = band[i] or ""
        end
      end
    end
  end
  local stub = opts.lang == "en" and "(Sub)indicators" or "(Sub)indicatoren"
  local spec = { { "rij", rows.label, label = stub } }
  local labels, decimals = { rij = stub }, {}
  for _, a in ipairs(T.actors) do
    local act = actor_by_id[a]
    local lab = typo(act and act.plural or a)
    spec[#spec + 1] = { a, cells[a].v, label = lab }
    labels[a], decimals[a] = lab, 1
  end
  spec[#spec + 1] = { "_kind", rows.kind }
  spec[#spec + 1] = { "_id", rows.id }
  for _, a in ipairs(T.actors) do
    spec[#spec + 1] = { "_band:" .. a, cells[a].band }
    spec[#spec + 1] = { "_flag:" .. a, cells[a].flag }
    spec[#spec + 1] = { "_state:" .. a, cells[a].state }
    spec[#spec + 1] = { "_n:" .. a, cells[a].n }
  end
  spec.n = k
  local settings = rmeta.settings
  local sup_note = suppressed_note(why, settings, opts.lang)
  if sup_note then notes[#notes + 1] = sup_note end
  spec.meta = {
    kind = "monitor.table", table = T.id, doelstelling = T.doelstelling, onderwijstype = T.onderwijstype,
    title = T.id .. " " .. T.title, notes = notes, source = T.source, labels = labels,
    decimals = decimals, stub = "rij", settings = settings, lang = opts.lang,
  }
  local out = core.dataset(spec)
  return out
end
doc.def("monitor.table", M.table, [[
monitor.table(result_or_data, doelstelling, onderwijstype [, opts]) -> display dataset
monitor.table(result_or_data, "Tabel 2.1")

The report's table (seeds/004, e.g. 'Tabel 2.1 Doelstelling 1: De ondersteuningsbehoefte is
leidend (bao)'): indicator header rows, subindicator rows (3-point scales marked, reversed
ones with ** and their note), one column per actor with the score (1 decimal) and its * flag,
empty where the actor was not asked or the cell is suppressed, the * note and the Bron: line.
result: an estimate() result by actor and onderwijstype (and sector for swv, ondersteuners,
besturen), or by a _cell column; raw respondent data are estimated first with
compute(d, table, opts.estimate) (weight, cluster, strata from d:meta().design or
w, swv, stratum). opts.asked_only = false also
shows actors the definitions do not list for a row; raw data with a meting column use the
latest meting (opts.meting chooses, false: all rows). opts.lang = "en": English numbers and
the words passend adds (titles and rows stay as the report words them). Print it, or
d:write("t.html").]], {
  options = TABLE,
  example = function()
    return require("passend.monitor.example").example{ meting = "2023" }, 1, "bao", { lang = "en", asked_only = true }
  end,
})

-- --- report(): the tabellenboek ----------------------------------------------------------

local DESIGN_COLS = { meting = true, swv = true, regio = true, grootte = true, stratum = true,
  school = true, onderwijstype = true, sector = true, actor = true, w = true, w_design = true, w_kal = true,
  _cell = true }

-- Bijlage B for one table: per subindicator its items (mean and n per actor) and the scale score.
local function items_table(d, T, scale_result, item_result, letter_nr)
  local iidx = index_result(item_result)
  local sidx = index_result(scale_result)
  local function rv(r, name) return has_col(r, name) and L.column_values(r, name, #r) or {} end
  local imean, in_ = rv(item_result, "mean"), rv(item_result, "n")
  local ishown, ireason = rv(item_result, "shown"), rv(item_result, "reason")
  local smean, sn, sflag, sshown = rv(scale_result, "mean"), rv(scale_result, "n"), rv(scale_result, "flag"), rv(scale_result, "shown")
  local sreason = rv(scale_result, "reason")
  local o = ot_by_key[T.onderwijstype]
  local label, kind = {}, {}
  local vals = {}
  for _, a in ipairs(T.actors) do vals[a] = { m = {}, n = {}, flag = {}, state = {} } end
  local k = 0
  local why = {}
  local function cell(a, i, mean, n, shown, flag, reason)
    local c = vals[a]
    c.flag[k], c.state[k] = "", ""
    if not i then c.state[k] = "not_asked"; return end
    -- a suppressed cell: estimate() left its mean out, and its n when n was the reason
    c.n[k] = n[i]
    if shown[i] == 0 then c.state[k] = "suppressed"; why[reason[i] or ""] = true; return end
    if mean[i] == nil then c.state[k] = "not_asked"; return end
    c.m[k] = mean[i]
    c.flag[k] = flag and flag[i] or ""
  end
  for _, row in ipairs(T.rows) do
    if row.kind == "sub" then
      local sub = lookup.sub(row.id)
      local asked = {}
      for _, a in ipairs(row.actors or T.actors) do asked[a] = true end
      k = k + 1
      label[k], kind[k] = row.title .. (row.reversed and "**" or ""), "header"
      for _, a in ipairs(T.actors) do vals[a].flag[k], vals[a].state[k] = "", "" end
      for j, item in ipairs(sub and sub.items or {}) do
        if has_col(d, item) then
          k = k + 1
          local info = d:info(item) or {}
          label[k], kind[k] = (info.label and info.label ~= "" and info.label) or (sub.item_labels and sub.item_labels[j]) or item, "row"
          for _, a in ipairs(T.actors) do
            local i = asked[a] and (iidx[item .. "\0" .. cell_key(a, T.onderwijstype, o and o.sector)]
              or iidx[item .. "\0" .. a .. "|" .. T.onderwijstype])
            cell(a, i, imean, in_, ishown, nil, ireason)
          end
        end
      end
      k = k + 1
      label[k], kind[k] = "Schaalscore", "total"
      local scale = sub and sub.scale or row.id
      for _, a in ipairs(T.actors) do
        local i = asked[a] and (sidx[scale .. "\0" .. cell_key(a, T.onderwijstype, o and o.sector)]
          or sidx[scale .. "\0" .. a .. "|" .. T.onderwijstype])
        cell(a, i, smean, sn, sshown, sflag, sreason)
      end
    end
  end
  local spec = { { "item", label }, n = k }
  local labels, decimals = { item = "Schaal / item" }, {}
  for _, a in ipairs(T.actors) do
    local act = actor_by_id[a]
    local lab = typo(act and act.plural or a)
    spec[#spec + 1] = { a, vals[a].m }
    spec[#spec + 1] = { a .. "_n", vals[a].n }
    labels[a], labels[a .. "_n"] = lab, "n"
    decimals[a], decimals[a .. "_n"] = 1, 0
  end
  spec[#spec + 1] = { "_kind", kind }
  for _, a in ipairs(T.actors) do
    spec[#spec + 1] = { "_flag:" .. a, vals[a].flag }
    spec[#spec + 1] = { "_state:" .. a, vals[a].state }
  end
  local title = T.title:gsub("^Doelstelling", "Doelstelling")
  local notes = { "Gemiddelde per item (1 decimaal) en aantal respondenten met een geldig antwoord; "
    .. "'weet niet' en 'n.v.t.' tellen niet mee." }
  local sup_note = suppressed_note(why, L.meta_of(scale_result).settings)
  if sup_note then notes[#notes + 1] = sup_note .. (why.n and " Bij minder dan het minimum staat ook n er niet." or "") end
  spec.meta = { kind = "monitor.items", title = string.format("Tabel B.%d %s", letter_nr, title),
    labels = labels, decimals = decimals, stub = "item", source = T.source, table = T.id,
    notes = notes }
  return core.dataset(spec)
end


-- Tabel A.1: respondents per actor (the report's rows: ib'ers and oco's together, leraren and
-- mentoren together), by sector for sector-level actors and by onderwijstype for school-level
-- ones, through response() (issue 10's stats).
local A1_ROWS = {
  { "Samenwerkingsverbanden", { "swv" } }, { "Ondersteuners", { "ondersteuner" } },
  { "Schoolbesturen", { "schoolbestuur" } }, { "Beleidsambtenaren", { "beleidsambtenaar" } },
  { "Leerplichtambtenaren", { "leerplichtambtenaar" } }, { "Schoolleiders", { "schoolleider" } },
  { "Ib’ers/oco’s", { "ib", "oco" } }, { "Leraren/mentoren", { "leraar", "mentor", "groepsmentor" } },
  { "Ouders", { "ouder" } }, { "Leerlingen", { "leerling" } },
}
function M.response_table(d)
  local row_of, labels = {}, {}
  for _, r in ipairs(A1_ROWS) do
    labels[#labels + 1] = r[1]
    for _, a in ipairs(r[2]) do row_of[a] = r[1] end
  end
  local has_sector, has_ot = has_col(d, "sector"), has_col(d, "onderwijstype")
  local act = d:values("actor")
  local sec = has_sector and d:values("sector") or {}
  local ot = has_ot and d:values("onderwijstype") or {}
  local n = #d
  local ca, cs, co = {}, {}, {}
  local extra = {}
  for i = 1, n do
    local a = act[i]
    local lab = a and (row_of[a] or typo((actor_by_id[a] or {}).plural or a))
    if lab and not row_of[a] and not extra[lab] then extra[lab] = true; labels[#labels + 1] = lab end
    ca[i] = lab
    local level = a and actor_by_id[a] and actor_by_id[a].level or "school"
    local s = sec[i]
    if (s == nil or s == "") and ot_by_key[ot[i]] then s = ot_by_key[ot[i]].sector end
    if level == "sector" then cs[i] = s ~= "" and s or nil
    elseif level == "school" then co[i] = ot[i] ~= "" and ot[i] or nil end
  end
  local x = core.dataset{ { "actor", ca }, { "sector", cs }, { "onderwijstype", co }, n = n }
  local t = response(x, { "actor", "sector", "onderwijstype" }, { title = "Tabel A.1 Respons",
    levels = { actor = labels, sector = { "po", "vo" }, onderwijstype = { "bao", "sbo", "vo", "vso" } } })
  local m = t:meta()
  m.labels = m.labels or {}
  m.labels.actor = "Actor"
  for _, c in ipairs(t.columns) do
    if c == "vso" or c:match("^vso_") then m.labels[c] = "(v)so" end
  end
  -- the source's rule: Tabel A.1 publishes every response count, also under 15 (sbo ib'ers 12,
  -- sbo leerlingen 8); the monitor suppresses the results of those groups, not their size
  return disclosure.protect(t, { protect = false, note = "de aantallen respondenten staan er, ook onder de "
    .. tostring(m.min_n or 15) .. ", zoals Tabel A.1 van de monitor ze publiceert; de resultaten van die groepen "
    .. "worden niet getoond." })
end

-- Dots charts (chart.dots) of the cells of one monitor table, one chart per number of points.
function M.table_charts(r, T, lang)
  T = table_def(T)
  if not (has_col(r, "lo") and has_col(r, "hi")) then return {} end
  local idx = index_result(r)
  local n = #r
  local mean, lo, hi = L.column_values(r, "mean", n), L.column_values(r, "lo", n), L.column_values(r, "hi", n)
  local flag = has_col(r, "flag") and L.column_values(r, "flag", n) or {}
  local shown = has_col(r, "shown") and L.column_values(r, "shown", n) or {}
  local o = ot_by_key[T.onderwijstype]
  local by_points, order = {}, {}
  for _, row in ipairs(T.rows) do
    if row.kind == "sub" then
      local sub = lookup.sub(row.id)
      local asked = {}
      for _, a in ipairs(row.actors or T.actors) do asked[a] = true end
      for _, a in ipairs(T.actors) do
        local i = asked[a] and (idx[(sub and sub.scale or row.id) .. "\0" .. cell_key(a, T.onderwijstype, o and o.sector)]
          or idx[(sub and sub.scale or row.id) .. "\0" .. a .. "|" .. T.onderwijstype])
        if i and mean[i] ~= nil and shown[i] ~= 0 then
          local p = row.points or 5
          if not by_points[p] then by_points[p] = { label = {}, mean = {}, lo = {}, hi = {}, flag = {} }; order[#order + 1] = p end
          local c = by_points[p]
          local k = #c.label + 1
          c.label[k] = row.title .. " – " .. typo((actor_by_id[a] or {}).plural or a)
          c.mean[k], c.lo[k], c.hi[k], c.flag[k] = mean[i], lo[i], hi[i], flag[i] or ""
        end
      end
    end
  end
  local out = {}
  for _, p in ipairs(order) do
    local c = by_points[p]
    local d = core.dataset{ { "label", c.label }, { "mean", c.mean }, { "lo", c.lo }, { "hi", c.hi }, { "flag", c.flag }, n = #c.label }
    out[#out + 1] = F.chart.dots(d, { label = "label", points = p, lang = lang,
      title = T.id .. (p == 3 and (lang == "en" and " (3-point scales)" or " (3-puntsschalen)") or "") })
  end
  return out
end

doc.def("monitor.table_charts", M.table_charts, [[
M.table_charts(result, "Tabel 4.1") -> list of svg texts

chart.dots figures of the cells of one monitor table (score with its 95% interval per
subindicator and actor, on the band background), one per number of points (5, 3).]])

-- The sections of the tabellenboek: {id, title, tables = {display datasets}}.
function M.tabellenboek(d, opts)
  opts = args.options("monitor.tabellenboek", opts, REPORT, core.is_dataset(d) and d or nil)
  local raw = L.meta_of(d).kind ~= "estimate"
  if raw and has_col(d, "meting") and opts.meting ~= false then
    local m = opts.meting or latest(d:values("meting"))
    d = d:filter(function(r) return r.meting == m end)
    opts.subtitle = opts.subtitle or ("meting " .. tostring(m))
  end
  local want
  if opts.tables then want = {}; for _, id in ipairs(opts.tables) do want[id] = true end end
  local sections = {}
  local main = { id = "tabellen", title = "Tabellen per doelstelling en onderwijstype", tables = {} }
  local bijB = { id = "bijlage-b", title = "Bijlage B Schalen en items", tables = {} }
  local results = {}
  for _, T in ipairs(defs.tables) do
    if not want or want[T.id] then
      local r = d
      if raw then
        r = compute(d, T.id, opts.estimate)
      end
      results[T.id] = r
      main.tables[#main.tables + 1] = M.table(r, T.id, { lang = opts.lang })
      if opts.charts then
        main.charts = main.charts or {}
        main.charts[#main.tables] = M.table_charts(r, T, opts.lang)
      end
    end
  end
  sections[#sections + 1] = main
  if raw then
    -- Bijlage A: response (Tabel A.1 rows as the report prints them)
    if has_col(d, "actor") then
      sections[#sections + 1] = { id = "bijlage-a", title = "Bijlage A Respons", tables = { M.response_table(d) } }
    end
    -- Bijlage B: items per scale
    local k = 0
    for _, T in ipairs(defs.tables) do
      if results[T.id] then
        local items = {}
        for _, row in ipairs(T.rows) do
          if row.kind == "sub" then
            local sub = lookup.sub(row.id)
            for _, it in ipairs(sub and sub.items or {}) do if has_col(d, it) then items[#items + 1] = it end end
          end
        end
        if #items > 0 then
          local meta = L.meta_of(d)
          local design = meta.design or {}
          local eo = opts.estimate or {}
          local function pick(key, default)
            if eo[key] ~= nil then return eo[key] or nil end
            local v = design[key] or default
            return has_col(d, v) and v or nil
          end
          local ir = estimate(d, items, { by = { "onderwijstype", "actor" }, weight = pick("weight", "w"),
            cluster = pick("cluster", "swv"), strata = pick("strata", "stratum"), rules = eo.rules })
          k = k + 1
          bijB.tables[#bijB.tables + 1] = items_table(d, T, results[T.id], ir, k)
        end
      end
    end
    if #bijB.tables > 0 then sections[#sections + 1] = bijB end
    -- Bijlage C: frequency tables of the factual questions (columns outside every scale)
    local in_scale = {}
    for _, D in ipairs(defs.doelstellingen) do
      for _, I in ipairs(D.indicators) do
        for _, S in ipairs(I.subindicators) do for _, it in ipairs(S.items or {}) do in_scale[it] = true end end
      end
    end
    local factual = opts.factual
    if not factual then
      factual = {}
      for _, c in ipairs(d.columns) do
        if not DESIGN_COLS[c] and not in_scale[c] and c:sub(1, 1) ~= "_" then factual[#factual + 1] = c end
      end
    end
    if #factual > 0 then
      local bijC = { id = "bijlage-c", title = "Bijlage C Feitelijke vragen", tables = {} }
      for i, c in ipairs(factual) do
        local info = d:info(c) or {}
        local f = freq(d, c, { by = has_col(d, "actor") and "actor" or nil })
        local m = f:meta()
        m.title = string.format("Tabel C.%d %s", i, (info.label and info.label ~= "" and info.label) or c)
        bijC.tables[#bijC.tables + 1] = f
      end
      sections[#sections + 1] = bijC
    end
  end
  return sections, opts
end

doc.def("monitor.tabellenboek", M.tabellenboek, [[
M.tabellenboek(d [, opts]) -> sections, opts

The tables report() writes, without writing them: a list of {id, title, tables = {display
datasets}} (the monitor tables; from respondent data also Bijlage A, B and C). Takes the
options of report().]], {
  options = REPORT,
  example = function()
    local d = require("passend.monitor.example").example{ meting = "2023" }
    return require("passend.monitor.compute").compute(d, "Tabel 2.1"), { tables = { "Tabel 2.1" }, lang = "en" }
  end,
})
doc.def("monitor.response_table", M.response_table, [[
M.response_table(d) -> display dataset

Tabel A.1: respondents per actor as the report groups them (ib'ers/oco's, leraren/mentoren
together), by sector (po, vo) for swv, ondersteuners and besturen, by onderwijstype for the
school actors, and in total, through response(); cells below the suppression threshold are
named in a note.]])

local function report_html(sections, title, subtitle, lang)
  local esc = html.escape
  local body, toc = {}, { '<nav class="toc"><h2>' .. esc(L.words_for(lang).contents) .. "</h2><ol>" }
  local n = 0
  for _, s in ipairs(sections) do
    toc[#toc + 1] = string.format('<li><a href="#%s">%s</a><ol>', s.id, esc(s.title))
    body[#body + 1] = string.format('<h2 id="%s">%s</h2>', s.id, esc(s.title))
    for k, t in ipairs(s.tables) do
      n = n + 1
      local L = F.layout(t, { lang = lang })
      local id = "t" .. n
      toc[#toc + 1] = string.format('<li><a href="#%s">%s</a></li>', id, esc(L.title or id))
      body[#body + 1] = html.table(L, id)
      for _, svg in ipairs(s.charts and s.charts[k] or {}) do
        body[#body + 1] = '<figure class="chart">' .. svg .. "</figure>"
      end
    end
    toc[#toc + 1] = "</ol></li>"
  end
  toc[#toc + 1] = "</ol></nav>"
  local head = "<h1>" .. esc(title) .. "</h1>" .. (subtitle and ("\n<p>" .. esc(subtitle) .. "</p>") or "")
  return html.page(title, lang, head .. "\n" .. table.concat(toc, "\n") .. "\n" .. table.concat(body, "\n"))
end

local function anchor(s)
  return (s:lower():gsub("[^%w%s%-]", ""):gsub("%s", "-"))
end

local function report_md(sections, title, subtitle, lang)
  local out = { "# " .. title, "" }
  if subtitle then out[#out + 1] = subtitle; out[#out + 1] = "" end
  out[#out + 1] = "## " .. L.words_for(lang).contents
  out[#out + 1] = ""
  for _, s in ipairs(sections) do
    out[#out + 1] = string.format("- [%s](#%s)", s.title, anchor(s.title))
    for _, t in ipairs(s.tables) do
      local tt = L.meta_of(t).title
      if tt then out[#out + 1] = "  - " .. tt end
    end
  end
  for _, s in ipairs(sections) do
    out[#out + 1] = ""
    out[#out + 1] = "## " .. s.title
    for _, t in ipairs(s.tables) do
      out[#out + 1] = ""
      out[#out + 1] = (F.render(t, "md", { lang = lang }):gsub("\n$", ""))
    end
  end
  return table.concat(out, "\n") .. "\n"
end

local function report_text(sections, title, subtitle, lang)
  local out = { title }
  if subtitle then out[#out + 1] = subtitle end
  for _, s in ipairs(sections) do
    out[#out + 1] = ""
    out[#out + 1] = s.title
    out[#out + 1] = string.rep("=", core._dispwidth(s.title))
    for _, t in ipairs(s.tables) do
      out[#out + 1] = ""
      out[#out + 1] = (F.render(t, "text", { lang = lang, color = false, width = false }):gsub("\n$", ""))
    end
  end
  return table.concat(out, "\n") .. "\n"
end

local function report_xlsx(sections, title, subtitle, lang, path)
  -- first sheet: the contents (sheet name and table title), then one sheet per table
  local rows, items = {}, {}
  for _, s in ipairs(sections) do
    rows[#rows + 1] = { s.title, "" }
    for _, t in ipairs(s.tables) do
      local tt = L.meta_of(t).title or ""
      local name = tt:match("^(Tabel [%w%.]+)") or tt:match("^([^:]+)") or "Tabel"
      rows[#rows + 1] = { name, tt }
      items[#items + 1] = { t, name = name }
    end
  end
  local c1, c2 = {}, {}
  for i, r in ipairs(rows) do c1[i], c2[i] = r[1], r[2] end
  local toc = core.dataset{ { "blad", c1 }, { "tabel", c2 }, n = #rows, meta = {
    title = title .. (subtitle and (" (" .. subtitle .. ")") or ""),
    labels = { blad = "Blad", tabel = "Tabel" } } }
  table.insert(items, 1, { toc, name = L.words_for(lang).contents })
  return F.write_xlsx(items, path, { lang = lang })
end

M.report = doc.def("report", function(d, path, opts)
  opts = args.options("report", opts, REPORT, core.is_dataset(d) and d or nil)
  if type(path) ~= "string" then error("report: expected a file name (.html, .md, .xlsx or .txt), got " .. type(path), 2) end
  local t = io_.type_of(path)
  local fmt = t and t.name
  if fmt ~= "html" and fmt ~= "md" and fmt ~= "xlsx" and fmt ~= "text" then
    error("report: " .. path .. ": write .html, .md, .xlsx or .txt", 2)
  end
  local sections, o = M.tabellenboek(d, opts)
  local lang = opts.lang or F.settings.lang
  -- disclosure control on every table (html and xlsx lay tables out without F.render)
  for _, sec in ipairs(sections) do
    for k, t in ipairs(sec.tables) do
      sec.tables[k] = L.protect(t, { lang = lang, protect = opts.protect, min_n = opts.min_n })
    end
  end
  local title = opts.title or "Tabellenboek Doelstellingenmonitor passend onderwijs"
  if fmt == "xlsx" then
    report_xlsx(sections, title, o.subtitle, lang, path)
  else
    local render = fmt == "html" and report_html or fmt == "md" and report_md or report_text
    io_.write_text(path, render(sections, title, o.subtitle, lang))
  end
  return path, sections
end, [[
report(d, "tabellenboek.html" | ".md" | ".xlsx" | ".txt" [, opts]) -> path, sections

The monitor's tabellenboek in one file, with a table of contents: every doelstelling x
onderwijstype table (monitor.table); from respondent data also Tabel A.1 (response per actor and
onderwijstype), Bijlage B (per scale its items with mean and n per actor, and the scale score)
and Bijlage C (frequency tables of the factual questions: columns outside the scales and the
design, or opts.factual). d: respondent data (the latest meting unless opts.meting) or an
estimate() result (then only the tables). opts: lang, tables = {"Tabel 2.1", ...}, meting,
factual, estimate (options for estimate()), title, protect = false (no disclosure control, said
in a note; see protect()), min_n (its minimum), charts = true (.html: a chart.dots figure of
each monitor table's scores with their 95% intervals under the table). .xlsx: a contents sheet, one sheet per table.]], {
  options = REPORT,
  example = function()
    local d = require("passend.monitor.example").example{ meting = "2023" }
    local path = require("passend.sample").temp_path("md")  -- the registry's test removes it
    return require("passend.monitor.compute").compute(d, "Tabel 2.1"), path, { tables = { "Tabel 2.1" } }
  end,
})

return M
