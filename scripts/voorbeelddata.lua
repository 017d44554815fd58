-- scripts/voorbeelddata.lua: writes the example respondent data of the Doelstellingenmonitor
-- (monitor.example(): two metingen, calibrated to the published tables) with its codebook:
--   <dir>/voorbeeld_monitor.csv   the data (items as codes; 8 = weet niet, 9 = n.v.t.)
--   <dir>/voorbeeld_monitor.sav   the same for SPSS, with variable and value labels and the
--                                 user-missing codes
--   <dir>/voorbeeld_codebook.csv  variable, label, type, waarden, missing, schaal, punten,
--                                 omgepoold, voorbeelditem
--   passend scripts/voorbeelddata.lua [dir]      (default: out/voorbeelddata)
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
local opts = C.opts(...)
local dir = opts.dir or (type((...)) == "string" and (...)) or "out/voorbeelddata"
if not io.open(dir .. "/.", "rb") then os.execute("mkdir -p '" .. dir:gsub("'", "'\\''") .. "'") end

local d = monitor.example()
local cb = monitor.example_codebook()
local names = { "variabele", "label", "type", "waarden", "missing", "schaal", "punten", "omgepoold", "voorbeelditem" }
local spec = { n = #cb, meta = { title = "Codebook voorbeelddata Doelstellingenmonitor",
  source = "Bron: passend, voorbeelddata (gegenereerd)" } }
for _, name in ipairs(names) do
  local v = {}
  for i, row in ipairs(cb) do v[i] = row[name] end
  spec[#spec + 1] = { name, v }
end
local codebook = dataset(spec)
d:write(dir .. "/voorbeeld_monitor.csv")
d:write(dir .. "/voorbeeld_monitor.sav")
codebook:write(dir .. "/voorbeeld_codebook.csv")
if not opts.quiet then
  print(string.format("%s: %d rijen, %d kolommen (csv en sav); codebook: %d variabelen", dir, #d, d:ncol(), #codebook))
end
return { data = d, codebook = codebook, dir = dir }
