-- passend/report.lua: the Doelstellingenmonitor's own layout. monitor.table() lays estimates
-- out as the report's Tabel 2.1-8.4 (seeds/004); report() writes the whole tabellenboek:
-- every doelstelling x onderwijstype table, Tabel A.1 (response), Bijlage B (items of each
-- scale with means and n) and Bijlage C (frequency tables of the factual questions).
local M = ...
local F = M.format
local monitor = M.monitor or {}
M.monitor = monitor

local defs = monitor.defs

local function typo(s) return (tostring(s):gsub("'", "’")) end

local ot_by_key = {}
for _, o in ipairs(defs.onderwijstypen) do ot_by_key[o.id] = o; ot_by_key[o.label] = o end
local actor_by_id = {}
for _, a in ipairs(defs.actors) do actor_by_id[a.id] = a end

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
monitor._cell_key = cell_key

local function table_def(doelstelling, onderwijstype)
  if type(doelstelling) == "table" and doelstelling.rows then return doelstelling end
  local T
  if type(doelstelling) == "string" and onderwijstype == nil then
    T = monitor.find_table(doelstelling)
  else
    local o = ot_by_key[onderwijstype]
    if not o then
      error(string.format("monitor.table: unknown onderwijstype %q (bao, sbo, vo, vso or (v)so)", tostring(onderwijstype)), 3)
    end
    T = monitor.find_table(tonumber(doelstelling), o.id)
  end
  if not T then
    error(string.format("monitor.table: no table for doelstelling %s and onderwijstype %s", tostring(doelstelling), tostring(onderwijstype)), 3)
  end
  return T
end

local function has_col(d, name)
  for _, c in ipairs(d.columns) do if c == name then return true end end
  return false
end

-- The data's design columns, when present: weight w, cluster swv, strata stratum.
local function design_opts(d, opts)
  local o = {}
  for k, v in pairs(opts.estimate or {}) do o[k] = v end
  if o.weight == nil and has_col(d, "w") then o.weight = "w" end
  if o.cluster == nil and has_col(d, "swv") then o.cluster = "swv" end
  if o.strata == nil and has_col(d, "stratum") then o.strata = "stratum" end
  return o
end

-- Adds the domain column _cell (actor|onderwijstype or actor|sector) to a copy of raw data.
local function with_cells(d)
  if has_col(d, "_cell") then return d end
  local has_sector, has_ot = has_col(d, "sector"), has_col(d, "onderwijstype")
  local e = d:select(table.unpack(d.columns))
  e:derive("_cell", function(r)
    local sector = has_sector and r.sector or nil
    if not sector and has_ot and r.onderwijstype and ot_by_key[r.onderwijstype] then
      sector = ot_by_key[r.onderwijstype].sector
    end
    return cell_key(r.actor, has_ot and r.onderwijstype or nil, sector)
  end)
  return e
end

local function scales_for(subs)
  local all = monitor.scales()
  local want, out = {}, {}
  for _, s in ipairs(subs) do want[s] = true end
  for _, sc in ipairs(all) do
    local name = sc[1] or sc.name
    if want[name] then out[#out + 1] = sc end
  end
  return out
end

-- Estimates the scales of the given subindicators per domain (_cell) on raw data.
function monitor.estimate_cells(d, subs, opts)
  opts = opts or {}
  if type(M.estimate) ~= "function" then
    error("monitor.table: raw data needs estimate() (the estimation engine is not loaded)", 3)
  end
  if not has_col(d, "actor") then error("monitor.table: the data have no column \"actor\"", 3) end
  local e = with_cells(d)
  local eo = design_opts(e, opts)
  eo.by = { "_cell" }
  eo.rules = opts.rules
  return M.estimate(e, scales_for(subs), eo)
end

-- Index of an estimate result: scale|cell -> row number. Cells from the _cell column, or
-- built from the actor / onderwijstype / sector by-columns.
local function index_result(r)
  local n = #r
  local idx = {}
  local scale = F.column_values(r, "scale", n)
  local cells
  if has_col(r, "_cell") then
    cells = F.column_values(r, "_cell", n)
    for i = 1, n do idx[scale[i] .. "\0" .. tostring(cells[i])] = i end
    return idx
  end
  if not has_col(r, "actor") then
    error("monitor.table: the result has no actor column (estimate with by = {\"onderwijstype\", \"actor\"})", 3)
  end
  local actor = F.column_values(r, "actor", n)
  local ot = has_col(r, "onderwijstype") and F.column_values(r, "onderwijstype", n) or {}
  local sector = has_col(r, "sector") and F.column_values(r, "sector", n) or {}
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

local function reversed_note(sub)
  if not sub or not sub.note then return nil end
  local text = sub.note:match("^omgepoold %(%*%*%):%s*(.*)$") or sub.note
  if not text:match("%.$") then text = text .. "." end
  return "** " .. text
end

-- monitor.table(result_or_data, doelstelling, onderwijstype, opts) -> display dataset
function monitor.table(r, doelstelling, onderwijstype, opts)
  if type(onderwijstype) == "table" and opts == nil then opts, onderwijstype = onderwijstype, nil end
  opts = opts or {}
  local T = table_def(doelstelling, onderwijstype)
  local o = ot_by_key[T.onderwijstype]
  local sector = o and o.sector
  if type(r) ~= "userdata" and type(r) ~= "table" then
    error("monitor.table: expected an estimate() result or respondent data, got " .. type(r), 2)
  end
  local rmeta = F.meta_of(r)
  if rmeta.kind ~= "estimate" then
    local subs = {}
    for _, row in ipairs(T.rows) do if row.kind == "sub" then subs[#subs + 1] = row.id end end
    r = monitor.estimate_cells(r, subs, opts)
    rmeta = F.meta_of(r)
  end
  local idx = index_result(r)
  local n = #r
  local col = {}
  local function rv(name)
    if not col[name] then col[name] = has_col(r, name) and F.column_values(r, name, n) or {} end
    return col[name]
  end
  local mean, flag, shown, band, nresp = rv("mean"), rv("flag"), rv("shown"), rv("band"), rv("n")

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
      local sub = monitor.sub(row.id)
      local title = row.title
      -- a table that reports at indicator level prints the indicator itself as the row
      if row.level == "indicator" then title = string.format("Indicator %d: %s", row.indicator, title) end
      if row.points == 3 then title = title .. " (3 puntsschaal)" end
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
        if (opts.asked_only ~= false and not asked[a]) or not i or mean[i] == nil then
          c.state[k] = "not_asked"
        elseif shown[i] == 0 then
          c.state[k] = "suppressed"
          c.n[k] = nresp[i]
        else
          c.v[k], c.n[k] = mean[i], nresp[i]
          c.flag[k] = flag[i] or ""
          c.band[k] = band[i] or ""
        end
      end
    end
  end
  local spec = { { "rij", rows.label, label = "(Sub)indicatoren" } }
  local labels, decimals = { rij = "(Sub)indicatoren" }, {}
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
  spec.meta = {
    kind = "monitor.table", table = T.id, doelstelling = T.doelstelling, onderwijstype = T.onderwijstype,
    title = T.id .. " " .. T.title, notes = notes, source = T.source, labels = labels,
    decimals = decimals, stub = "rij", settings = settings, lang = opts.lang,
  }
  local out = M.dataset(spec)
  return out
end
M._setdoc("monitor.table", monitor.table, [[
monitor.table(result_or_data, doelstelling, onderwijstype [, opts]) -> display dataset
monitor.table(result_or_data, "Tabel 2.1")

The report's table (seeds/004, e.g. 'Tabel 2.1 Doelstelling 1: De ondersteuningsbehoefte is
leidend (bao)'): indicator header rows, subindicator rows (3-point scales marked, reversed
ones with ** and their note), one column per actor with the score (1 decimal) and its * flag,
empty where the actor was not asked or the cell is suppressed, the * note and the Bron: line.
result: an estimate() result by actor and onderwijstype (and sector for swv, ondersteuners,
besturen), or by a _cell column; raw respondent data are estimated first (weight w, cluster
swv, strata stratum when present; opts.estimate adds options). opts.asked_only = false also
shows actors the definitions do not list for a row. Print it, or d:write("t.html").]])
