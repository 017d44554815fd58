-- scripts/tabel_a1_respons.lua: Tabel A.1 "Respons" of the Doelstellingenmonitor (004, Bijlage A):
-- respondents per actor by sector (po, vo) or onderwijstype (bao, sbo, vo, (v)so) and in total,
-- with the cells whose results the report does not show for too low a response (`*`).
-- Counted from respondent data with the monitor's columns (default: the example data, meting
-- 2023, whose counts follow Tabel A.1).
--
--   passend scripts/tabel_a1_respons.lua [data.csv|.sav] [meting]
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
local opts = C.opts(...)
local file = opts.file or (type((...)) == "string" and (...) or nil)
local meting = opts.meting or select(2, ...) or "2023"
local d = file and read(file) or monitor.example()

local ROWS = {
  { "Samenwerkingsverbanden", { "swv" } }, { "Ondersteuners", { "ondersteuner" } },
  { "Schoolbesturen", { "schoolbestuur" } }, { "Beleidsambtenaren", { "beleidsambtenaar" } },
  { "Leerplichtambtenaren", { "leerplichtambtenaar" } }, { "Schoolleiders", { "schoolleider" } },
  { "Ib'ers/oco's", { "ib", "oco" } }, { "Leraren/mentoren", { "leraar", "mentor", "groepsmentor" } },
  { "Ouders", { "ouder" } }, { "Leerlingen", { "leerling" } },
}
local row_of = {}
for i, r in ipairs(ROWS) do for _, a in ipairs(r[2]) do row_of[a] = i end end
local level = {}
for _, a in ipairs(monitor.defs.actors) do level[a.id] = a.level end

local cnt = {}
for i = 1, #ROWS do cnt[i] = { po = 0, vo = 0, bao = 0, sbo = 0, vo_school = 0, vso = 0, totaal = 0 } end
local m, act, ot, sec = d:values("meting"), d:values("actor"), d:values("onderwijstype"), d:values("sector")
for i = 1, #d do
  if m[i] == meting then
    local k = assert(row_of[act[i]], "unknown actor " .. tostring(act[i]))
    local c = cnt[k]
    c.totaal = c.totaal + 1
    if level[act[i]] == "sector" then c[sec[i]] = c[sec[i]] + 1
    elseif level[act[i]] == "school" then
      local key = ot[i] == "vo" and "vo_school" or ot[i]
      c[key] = c[key] + 1
    end
  end
end
-- suppression: the monitor rule when the estimation engine provides it, else the report's n < 15
local function suppressed(n)
  if rules and rules.suppress then
    local ok, shown = pcall(rules.suppress, n, 0)
    if ok and type(shown) == "boolean" then return not shown end
    if ok and type(shown) == "table" then return shown.shown == 0 or shown.shown == false end
  end
  return n > 0 and n < 15
end
local cols = { actor = {}, po = {}, vo = {}, bao = {}, sbo = {}, vo_school = {}, vso = {}, totaal = {},
               niet_weergegeven = {} }
for i, r in ipairs(ROWS) do
  local c = cnt[i]
  cols.actor[i] = r[1]
  local lv = level[r[2][1]]
  local hidden = {}
  for _, k in ipairs({ "po", "vo" }) do cols[k][i] = lv == "sector" and c[k] or nil end
  for _, k in ipairs({ "bao", "sbo", "vo_school", "vso" }) do
    cols[k][i] = lv == "school" and c[k] or nil
    if lv == "school" and suppressed(c[k]) then hidden[#hidden + 1] = k == "vo_school" and "vo" or k end
  end
  cols.totaal[i] = c.totaal
  cols.niet_weergegeven[i] = table.concat(hidden, ";")
end
local spec = { n = #ROWS, meta = { title = "Tabel A.1 Respons (meting " .. meting .. ")",
  source = file and ("Bron: " .. file) or "Bron: passend, voorbeelddata (aantallen volgens 004 Tabel A.1)",
  labels = { actor = "Actor", vo_school = "vo", vso = "(v)so", totaal = "Totaal",
             niet_weergegeven = "niet weergegeven*" },
  notes = { "*resultaten niet weergegeven vanwege te lage respons" } } }
for _, k in ipairs({ "actor", "po", "vo", "bao", "sbo", "vo_school", "vso", "totaal", "niet_weergegeven" }) do
  spec[#spec + 1] = { k, cols[k] }
end
local tabel = dataset(spec)
-- the source's rule: Tabel A.1 prints every response count, also those under 15 (the results of
-- those groups are what the monitor suppresses); said under the table
tabel = rules.protect(tabel, { protect = false, note = "Tabel A.1 van de monitor publiceert alle aantallen "
  .. "respondenten, ook onder de 15; niet weergegeven worden de resultaten van die groepen." })
if not opts.quiet then C.show(tabel) end
return { tabel = tabel, counts = cnt }
