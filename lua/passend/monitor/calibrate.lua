-- passend/monitor/calibrate.lua: monitor.calibrate(d): the example data's calibrated weight,
-- raked with the weighting layer to the example's frame of samenwerkingsverbanden.
local doc = require "passend.doc"
local weighting = require "passend.weighting"

local args = require "passend.args"

local M = {}

local fail = args.fail

local function check_columns(d, vars, fn)
  for _, v in ipairs(vars) do args.column(fn, d, v, "calibration variable") end
end

local frame_cache
local function example_frame()
  frame_cache = frame_cache or require("passend.monitor.example").frame()
  return frame_cache
end

local SPEC = args.spec{ weight = "column", name = "string", frame = "dataset", epsilon = { "number", above = 0 },
  maxit = { "integer", min = 1 }, bounds = "list" }

local function monitor_calibrate(d, opts)
  local fn = "monitor.calibrate"
  args.dataset(fn, d, "the data")
  opts = args.options(fn, opts, SPEC, d)
  local weight, name = opts.weight or "w", opts.name or "w_kal"
  local frame = opts.frame and {} or example_frame()
  if opts.frame then
    local cols = {}
    for _, c in ipairs({ "sector", "regio", "grootte" }) do
      if not opts.frame:has(c) then fail(fn, "the frame has no column \"%s\"", c) end
      cols[c] = opts.frame:values(c)
    end
    for i = 1, #opts.frame do
      frame[i] = { sector = cols.sector[i], regio = cols.regio[i], grootte = cols.grootte[i] }
    end
  end
  local groupvars = { "actor", "sector" }
  if d:has("meting") then table.insert(groupvars, 1, "meting") end
  check_columns(d, groupvars, fn)
  check_columns(d, { "regio", "grootte", weight }, fn)
  -- frame counts per sector ("" = all) and characteristic
  local N = {}
  local function addN(sector, var, cat)
    local k = sector .. "\0" .. var .. "\0" .. cat
    N[k] = (N[k] or 0) + 1
  end
  for _, s in ipairs(frame) do
    for _, var in ipairs({ "regio", "grootte" }) do
      addN(s.sector, var, s[var])
      addN("", var, s[var])
    end
  end
  -- per group: its design-weight total and the categories it has respondents in
  local gv = {}
  for i, v in ipairs(groupvars) do gv[i] = d:values(v) end
  local w, cat = d:values(weight), { regio = d:values("regio"), grootte = d:values("grootte") }
  local groups, order = {}, {}
  for r = 1, #d do
    local keys = {}
    for i = 1, #groupvars do keys[i] = gv[i][r] or "" end
    local k = table.concat(keys, "\0")
    local g = groups[k]
    if not g then
      g = { keys = keys, W = 0, regio = {}, grootte = {} }
      groups[k] = g
      order[#order + 1] = k
    end
    g.W = g.W + (w[r] or 0)
    g.regio[cat.regio[r] or ""] = true
    g.grootte[cat.grootte[r] or ""] = true
  end
  -- margins: W_g times the frame's shares within the sector, over the categories present
  local function rows_for(g, var, cellvar)
    local sector = g.keys[#g.keys]
    local cats, tot, rows = {}, 0, {}
    for c in pairs(g[var]) do
      local n = N[sector .. "\0" .. var .. "\0" .. c]
      if not n then fail(fn, "%s \"%s\" (group %s) is not in the frame", var, c, table.concat(g.keys, " ")) end
      cats[#cats + 1] = c
      tot = tot + n
    end
    table.sort(cats)
    for _, c in ipairs(cats) do
      local row = { N = g.W * N[sector .. "\0" .. var .. "\0" .. c] / tot }
      for i, v in ipairs(groupvars) do row[v] = g.keys[i] end
      row[cellvar or var] = c
      rows[#rows + 1] = row
    end
    return rows
  end
  local function by_of(var)
    local by = { table.unpack(groupvars) }
    by[#by + 1] = var
    return by
  end
  -- a group whose respondents cannot meet both margins (sparse regio x grootte) is weighted on
  -- regio only: its grootte cell becomes "alle"
  local member = {}
  for r = 1, #d do
    local keys = {}
    for i = 1, #groupvars do keys[i] = gv[i][r] or "" end
    member[r] = table.concat(keys, "\0")
  end
  local collapsed, notes = {}, {}
  for _, k in ipairs(order) do
    local g = groups[k]
    local sub = d:filter(function(row)
      local keys = {}
      for i, v in ipairs(groupvars) do keys[i] = row[v] or "" end
      return table.concat(keys, "\0") == k
    end)
    local ok = pcall(weighting.rake, sub, { { by_of("regio"), rows_for(g, "regio") },
      { by_of("grootte"), rows_for(g, "grootte") } }, { weight = weight, name = "_w" })
    if not ok then
      collapsed[k] = true
      notes[#notes + 1] = table.concat(g.keys, " ") .. ": regio only (too few respondents for grootte)"
    end
  end
  local size = {}
  for r = 1, #d do size[r] = collapsed[member[r]] and "alle" or (cat.grootte[r] or "") end
  local work = d:select(d.columns)
  work:derive("_grootte", size)
  local regio_rows, size_rows = {}, {}
  for _, k in ipairs(order) do
    local g = groups[k]
    for _, row in ipairs(rows_for(g, "regio")) do regio_rows[#regio_rows + 1] = row end
    if collapsed[k] then
      local row = { N = g.W, _grootte = "alle" }
      for i, v in ipairs(groupvars) do row[v] = g.keys[i] end
      size_rows[#size_rows + 1] = row
    else
      for _, row in ipairs(rows_for(g, "grootte", "_grootte")) do size_rows[#size_rows + 1] = row end
    end
  end
  local out, report = weighting.rake(work, { { by_of("regio"), regio_rows }, { by_of("_grootte"), size_rows } },
    { weight = weight, name = name, epsilon = opts.epsilon, maxit = opts.maxit, bounds = opts.bounds })
  out = out:drop("_grootte")
  local rm = report:meta()
  rm.notes = notes
  rm.title = "Kalibratie voorbeelddata (" .. name .. "): " .. rm.title
  out:meta().weighting = rm
  return out, report
end
M.calibrate = doc.def("monitor.calibrate", monitor_calibrate, [[
monitor.calibrate(d [, { weight = "w", name = "w_kal", frame = dataset }])  -> dataset, report

The example data's calibrated weight, the way 004 Bijlage A describes the monitor's weighting:
within every meting x actor x sector, rakes the design weight so that the weighted distribution
over regio and over grootte of the samenwerkingsverbanden equals the frame's (the example's frame
of 151 samenwerkingsverbanden, examples/frames/voorbeeld_swv_frame.csv, or frame =). Each group
keeps its design-weight total; categories without respondents in a group are left out and the
shares renormalised over the others. Returns the data with column `name` and the rake report;
estimate(..., { weight = "w_kal" }) then gives standard errors that account for the raking.]], {
  options = SPEC,
  example = function() return require("passend.monitor.example").example{ meting = "2023" }, { name = "w_k" } end,
})

return M
