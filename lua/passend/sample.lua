-- passend/sample.lua: small made-up data for the examples registered with the functions'
-- help (doc.register's example = function() ... end): every documented function that takes
-- options can be called with them (tests/registry_spec.lua does, adding wrong options). Not
-- the monitor's example data (monitor.example): 40 rows, built in a few microseconds, fresh on
-- every call (some functions add columns in place). The values follow a fixed recipe.
local core = require "passend.core"

local M = {}

local N = 40

-- A fixed pseudo-random sequence (a linear congruential generator), so the data never change.
local function sequence()
  local x = 20240917
  return function(lo, hi)
    x = (x * 1103515245 + 12345) % 2147483648
    return lo + (x // 65536) % (hi - lo + 1)   -- the high bits: an LCG's low bits cycle
  end
end

-- The columns as plain Lua lists, by name, and their order.
local function columns()
  local r = sequence()
  local c = { regio = {}, sector = {}, groep = {}, meting = {}, swv = {}, stratum = {}, gewicht = {},
    vraag1 = {}, vraag2 = {}, vraag3 = {}, vraag4 = {}, cijfer = {}, ja1 = {}, ja2 = {}, ja3 = {},
    keuze1 = {}, keuze2 = {}, open = {} }
  local regions = { "noord", "oost", "zuid", "west" }
  local answers = { "symbiose", "onderwijstijd", "anders", "" }
  for i = 1, N do
    local po = i <= N / 2
    c.sector[i] = po and "po" or "vo"
    c.stratum[i] = c.sector[i]
    c.swv[i] = (po and "po" or "vo") .. ((i - 1) % 4 + 1)
    c.regio[i] = regions[(i - 1) % 4 + 1]
    c.groep[i] = i % 2 == 0 and "a" or "b"
    c.meting[i] = (i % 3 == 0) and "2022" or "2023"
    c.gewicht[i] = 0.5 + r(0, 15) / 10
    local base = r(2, 4)
    for k = 1, 4 do c["vraag" .. k][i] = math.max(1, math.min(5, base + r(-1, 1))) end
    if i % 13 == 0 then c.vraag2[i] = 9 end            -- 9 = weet niet (user-missing)
    c.cijfer[i] = r(4, 10)
    c.ja1[i], c.ja2[i], c.ja3[i] = r(0, 1), r(0, 1), r(0, 1)
    local items = { "x", "y", "z" }
    local first = r(1, 3)
    c.keuze1[i] = items[first]
    c.keuze2[i] = items[first % 3 + 1]
    c.open[i] = answers[r(1, 4)]
  end
  local order = { "regio", "sector", "groep", "meting", "swv", "stratum", "gewicht", "vraag1", "vraag2",
    "vraag3", "vraag4", "cijfer", "ja1", "ja2", "ja3", "keuze1", "keuze2", "open" }
  return c, order
end

-- The sample as a dataset: survey answers vraag1..vraag4 (1..5; 9 = weet niet in vraag2),
-- a mark cijfer, yes/no columns ja1..ja3, choices keuze1/keuze2 naming items x, y, z, an open
-- answer, a weight gewicht, groups regio, sector, groep (a/b), meting (2022/2023) and a
-- design: clusters swv within strata stratum.
function M.data()
  local c, order = columns()
  local spec = { n = N }
  for i, name in ipairs(order) do spec[i] = { name, c[name] } end
  spec[9].missing = { 9 }
  spec[9].value_labels = { [9] = "weet niet" }
  return core.dataset(spec)
end

-- The same as plain Lua columns { {"name", values}, ..., n = 40 } (the toolkit reads those too).
function M.columns()
  local c, order = columns()
  local out = { n = N }
  for i, name in ipairs(order) do out[i] = { name, c[name] } end
  return out
end

-- A population frame: the count (aantal) per regio (for poststratify, response rates, representativeness).
function M.frame()
  return core.dataset{ { "regio", { "noord", "oost", "zuid", "west" } }, { "aantal", { 300, 250, 200, 250 } } }
end

-- A name for a temporary file with extension ext that does not exist yet (examples that write
-- a file; the registry's test removes it). Not created here: the library opens files only
-- through the path gate.
local serial = 0
function M.temp_path(ext)
  serial = serial + 1
  local dir = os.getenv("TMPDIR") or "/tmp"
  return string.format("%s/passend-example-%d-%d-%s.%s", dir, os.time(), serial,
    tostring({}):match("0x(%x+)") or "0", ext)
end

-- The items of the sample as a scale.
function M.items() return { "vraag1", "vraag2", "vraag3", "vraag4" } end

return M
