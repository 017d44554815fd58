-- tools/gen_monitor_defs.lua: generates lua/passend/monitor/tables.lua and
-- lua/passend/monitor/published.lua from examples/data/tabellen_meting2023.csv (the
-- transcription of the report's Tabel 2.1-8.4, one row per cell) and
-- examples/data/indicator_definities_004.csv (the indicator definitions in the report's text).
--
--   lua5.4 tools/gen_monitor_defs.lua        (from the repository root; `make monitor-defs`)
--
-- The output is committed; rerun after correcting the CSV. Deterministic.

local SRC = "examples/data/tabellen_meting2023.csv"

-- The specs' small RFC 4180 reader (quoted fields, doubled quotes): enough for our own files,
-- and it keeps this generator runnable from stock lua5.4.
local read_csv = dofile("tests/support/csv.lua").read

-- Column header in the report -> actor id (see defs.lua for the actors).
local ACTOR = {
  ["Swv's"] = "swv", ["Ondersteuners"] = "ondersteuner", ["Schoolbesturen"] = "schoolbestuur",
  ["Beleidsambtenaren"] = "beleidsambtenaar", ["Schoolleiders"] = "schoolleider",
  ["Ib'ers"] = "ib", ["Oco's"] = "oco", ["Leraren"] = "leraar", ["Mentoren"] = "mentor",
  ["Groepsmentoren"] = "groepsmentor", ["Ouders"] = "ouder", ["Leerlingen"] = "leerling",
}
local OTYPE = { bao = "bao", sbo = "sbo", vo = "vo", ["(v)so"] = "vso", gemeente = "gemeente" }

-- The 'Bron:' line under each table (004, line numbers of the seed text).
local SOURCE = {
  ["Tabel 2.1"] = "Vragenlijst intern begeleiders, ouders en leerlingen",
  ["Tabel 2.2"] = "Vragenlijst ondersteuningscoördinatoren, ouders en leerlingen",
  ["Tabel 2.3"] = "Vragenlijst ouders",
  ["Tabel 2.4"] = "Vragenlijst intern begeleiders, ouders en leerlingen",
  ["Tabel 3.1"] = "Vragenlijst samenwerkingsverbanden, schoolleiders, ouders en leerlingen",
  ["Tabel 3.2"] = "Vragenlijst samenwerkingsverbanden, schoolleiders, ouders en leerlingen",
  ["Tabel 3.3"] = "Vragenlijst schoolleiders en ouders",
  ["Tabel 3.4"] = "Vragenlijst schoolleiders, ouders en leerlingen",
  ["Tabel 4.1"] = "Vragenlijst ondersteuners, schoolleiders, intern begeleiders en leraren",
  ["Tabel 4.2"] = "Vragenlijst ondersteuners, schoolleiders, ondersteuningscoördinatoren en mentoren",
  ["Tabel 4.3"] = "Vragenlijst schoolleiders en groepsmentoren",
  ["Tabel 4.4"] = "Vragenlijst schoolleiders, intern begeleiders en groepsmentoren",
  ["Tabel 5.1"] = "Vragenlijst ib’ers, leraren en ouders",
  ["Tabel 5.2"] = "Vragenlijst oco’s, mentoren en ouders",
  ["Tabel 5.3"] = "Vragenlijst groepsmentoren en ouders",
  ["Tabel 5.4"] = "Vragenlijst ib’ers, groepsmentoren en ouders",
  ["Tabel 6.1"] = "Vragenlijst samenwerkingsverbanden, schoolbesturen, schoolleiders en intern begeleiders",
  ["Tabel 6.2"] = "Vragenlijst samenwerkingsverbanden, schoolbesturen, schoolleiders en ondersteuningscoördinatoren",
  ["Tabel 6.3"] = "Vragenlijst schoolleiders",
  ["Tabel 6.4"] = "Vragenlijst schoolleiders en schoolleiders en intern begeleiders",
  ["Tabel 6.5"] = "Vragenlijst beleidsambtenaren",
  ["Tabel 7.1"] = "Vragenlijst samenwerkingsverbanden, schoolbesturen en schoolleiders",
  ["Tabel 7.2"] = "Vragenlijst samenwerkingsverbanden, schoolbesturen en schoolleiders",
  ["Tabel 7.3"] = "Vragenlijst schoolleiders",
  ["Tabel 7.4"] = "Vragenlijst schoolleiders",
  ["Tabel 8.1"] = "Vragenlijst samenwerkingsverbanden, intern begeleiders en leraren",
  ["Tabel 8.2"] = "Vragenlijst samenwerkingsverbanden, ondersteuningscoördinatoren en mentoren",
  ["Tabel 8.3"] = "Vragenlijst groepsmentoren",
  ["Tabel 8.4"] = "Vragenlijst intern begeleiders en groepsmentoren",
}

local cells = read_csv(SRC)
-- indicator definitions from the report's text (tools/extract_definitions.lua)
local DEF = {}
for _, r in ipairs(read_csv("examples/data/indicator_definities_004.csv")) do
  DEF[r.doelstelling .. "|" .. r.indicator] = r
end

-- Lua literal writer with sorted keys (deterministic output).
local function lit(v, indent)
  indent = indent or ""
  local t = type(v)
  if t == "string" then return string.format("%q", v)
  elseif t == "number" then
    if math.type(v) == "integer" then return tostring(v) end
    for prec = 15, 17 do  -- shortest form that reads back as the same double
      local s = string.format("%." .. prec .. "g", v)
      if tonumber(s) == v then
        if not s:find("[.eEn]") then s = s .. ".0" end
        return s
      end
    end
  elseif t == "boolean" then return tostring(v)
  elseif t == "table" then
    if #v > 0 or next(v) == nil then
      local simple = true
      for _, x in ipairs(v) do if type(x) == "table" then simple = false end end
      local parts = {}
      for _, x in ipairs(v) do parts[#parts + 1] = lit(x, indent .. "  ") end
      if simple then return "{ " .. table.concat(parts, ", ") .. (#parts > 0 and " }" or "}") end
      return "{\n" .. indent .. "  " .. table.concat(parts, ",\n" .. indent .. "  ") .. ",\n" .. indent .. "}"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = k end
    -- a readable key order: identifying fields first
    local order = { kind = 1, nr = 2, id = 3, table = 4, doelstelling = 5, onderwijstype = 6,
      title = 7, scale = 8, sub = 9, actor = 10, value = 11, asterisk = 12, points = 13 }
    table.sort(keys, function(a, b)
      local oa, ob = order[a] or 100, order[b] or 100
      if oa ~= ob then return oa < ob end
      return a < b
    end)
    local parts, long = {}, false
    for _, k in ipairs(keys) do
      local x = v[k]
      if type(x) == "table" and (#x > 3 or (next(x) and #x == 0)) then long = true end
      if type(x) == "table" then for _, y in ipairs(x) do if type(y) == "table" then long = true end end end
      parts[#parts + 1] = k .. " = " .. lit(x, indent .. "  ")
    end
    if not long then return "{ " .. table.concat(parts, ", ") .. " }" end
    return "{\n" .. indent .. "  " .. table.concat(parts, ",\n" .. indent .. "  ") .. ",\n" .. indent .. "}"
  end
  error("cannot write " .. t)
end

-- Pass 1: doelstellingen, indicators, subindicator ids (stable: first appearance in report order).
local doel, doel_by_nr = {}, {}
local sub_by_key = {}  -- "d|i|title" -> sub
for _, c in ipairs(cells) do
  local d = tonumber(c.doelstelling_nr)
  local D = doel_by_nr[d]
  if not D then
    D = { nr = d, title = c.doelstelling, chapter = d + 1, indicators = {}, _ind = {} }
    doel_by_nr[d] = D
    doel[#doel + 1] = D
  end
  local i = tonumber(c.indicator_nr)
  local I = D._ind[i]
  if not I then
    local def = DEF[d .. "|" .. i]
    I = { nr = i, title = c.indicator, definition = def and def.definitie or "",
          definition_src_line = def and tonumber(def.src_line) or nil, subindicators = {} }
    D._ind[i] = I
    D.indicators[#D.indicators + 1] = I
  end
  assert(I.title == c.indicator, "indicator title differs: " .. c.indicator)
  local key = d .. "|" .. i .. "|" .. c.subindicator
  local S = sub_by_key[key]
  if not S then
    local id = string.format("d%d_i%d_s%d", d, i, #I.subindicators + 1)
    S = { id = id, title = c.subindicator, scale = id, points = tonumber(c.scale_points),
          reversed = false }
    if c.note:find("indicator%-level scale") then S.level = "indicator" end
    I.subindicators[#I.subindicators + 1] = S
    sub_by_key[key] = S
  end
  if tonumber(c.scale_points) ~= S.points then
    error(string.format("%s: points differ for %s (%s vs %d)", c.table_id, S.id, c.scale_points, S.points))
  end
  if c.note:find("%*%*") then
    S.reversed = true
    if c.note:find("^row label carries %*%*") then
      S.note = "omgepoold (**): " .. (c.note:match('%-> "(.-)"') or "")
    end
  end
end
for _, D in ipairs(doel) do
  D._ind = nil
  for _, I in ipairs(D.indicators) do
    for _, S in ipairs(I.subindicators) do
      if S.reversed and not S.note then S.note = "omgepoold (**)" end
    end
  end
end

-- Pass 2: tables with columns in order and rows in order; published cells.
local tables, tab_by_id, published = {}, {}, {}
for _, c in ipairs(cells) do
  local T = tab_by_id[c.table_id]
  if not T then
    local title = c.table_title:gsub("^" .. c.table_id:gsub("%p", "%%%0") .. " ", "")
    T = { id = c.table_id, doelstelling = tonumber(c.doelstelling_nr),
          onderwijstype = assert(OTYPE[c.onderwijstype], c.onderwijstype), title = title,
          source = "Bron: " .. assert(SOURCE[c.table_id], c.table_id), actors = {}, rows = {},
          _act = {}, _row = {}, _ind = {} }
    tab_by_id[c.table_id] = T
    tables[#tables + 1] = T
  end
  local a = assert(ACTOR[c.actor], c.actor)
  if not T._act[a] then T._act[a] = true; T.actors[#T.actors + 1] = a end
  local d, i = tonumber(c.doelstelling_nr), tonumber(c.indicator_nr)
  local S = sub_by_key[d .. "|" .. i .. "|" .. c.subindicator]
  if not T._ind[i] and not S.level then
    T._ind[i] = true
    T.rows[#T.rows + 1] = { kind = "indicator", nr = i, title = c.indicator }
  end
  local R = T._row[S.id]
  if not R then
    R = { kind = "sub", id = S.id, title = c.subindicator, indicator = i, actors = {},
          points = S.points, reversed = c.note:find("^row label carries %*%*") ~= nil }
    if S.reversed and not R.reversed then R.reversed_inferred = true end
    if S.level then R.level = "indicator" end
    if c.note:find("row printed in table without any value") then R.empty = true end
    T._row[S.id] = R
    T.rows[#T.rows + 1] = R
  end
  if c.value ~= "" then
    R.actors[#R.actors + 1] = a
    published[#published + 1] = { table = T.id, doelstelling = d, onderwijstype = T.onderwijstype,
      sub = S.id, actor = a, value = tonumber(c.value), asterisk = c.asterisk == "1",
      points = S.points, src_line = tonumber(c.src_line) }
  end
end
for _, T in ipairs(tables) do T._act, T._row, T._ind = nil, nil, nil end

local function write(path, header, value)
  local f = assert(io.open(path, "wb"))
  f:write(header, "return ", lit(value), "\n")
  f:close()
  print("wrote " .. path)
end

write("lua/passend/monitor/tables.lua", [[
-- passend/monitor/tables.lua: GENERATED by tools/gen_monitor_defs.lua from
-- examples/data/tabellen_meting2023.csv (the report's Tabel 2.1-8.4). Do not edit; fix the CSV.
-- doelstellingen -> indicators -> subindicators (= scales), and the 29 published tables with
-- their actor columns and rows. Subindicator ids are d<doelstelling>_i<indicator>_s<k>.
]], { doelstellingen = doel, tables = tables })

write("lua/passend/monitor/published.lua", [[
-- passend/monitor/published.lua: GENERATED by tools/gen_monitor_defs.lua from
-- examples/data/tabellen_meting2023.csv. The published values of meting 2023 (004, Tabel 2.1-8.4),
-- one entry per printed cell: value as printed, asterisk = the report prints `*`,
-- src_line = line of the value in the seed text 004.
]], published)
