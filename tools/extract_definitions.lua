-- tools/extract_definitions.lua: the indicator definitions of seeds/004 (the paragraph under each
-- "Indicator k: titel" in the text before the tables), as examples/data/indicator_definities_004.csv
-- (doelstelling, indicator, titel, definitie, src_line). tools/gen_monitor_defs.lua reads it.
--   lua5.4 tools/extract_definitions.lua /path/to/seeds/004_7c7db53e93fd6786.txt
local path = assert(arg[1], "usage: lua5.4 tools/extract_definitions.lua seeds/004_....txt")
local lines = {}
for l in io.lines(path) do lines[#lines + 1] = l end
local NIND = { 3, 3, 7, 2, 4, 2, 1 }
local out, d, nexpect = {}, 1, 1
local i = 1
while i <= #lines and d <= 7 do
  local k, title = lines[i]:match("^%s*Indicator (%d+):%s*(.-)%s*$")
  k = tonumber(k)
  if k == nexpect and not title:find("%d,%d") then
    -- the paragraph: following non-empty lines up to the next indicator, table or blank run
    local para, j, blanks = {}, i + 1, 0
    while j <= #lines do
      local l = lines[j]
      if l:match("^%s*Indicator %d+:") or l:match("^%s*Tabel %d") or l:match("^%s*Onderstaande")
        or l:match("^%s*Om deze doelstelling") then break end
      if l:match("^%s*$") then
        blanks = blanks + 1
        if blanks >= 3 and #para > 0 then break end
      else
        blanks = 0
        if not l:match("^%s*%d+%s%s") then para[#para + 1] = (l:gsub("^%s+", ""):gsub("%s+$", "")) end
      end
      j = j + 1
    end
    local text = table.concat(para, " ")
    if #para > 0 and not text:find("%d,%d") and not text:find("Bron:") then
      out[#out + 1] = { d = d, k = k, title = title, def = text, line = i }
      if k == NIND[d] then d, nexpect = d + 1, 1 else nexpect = k + 1 end
    end
  end
  i = i + 1
end
assert(d == 8, "found definitions up to doelstelling " .. d)
local f = assert(io.open("examples/data/indicator_definities_004.csv", "wb"))
f:write("doelstelling,indicator,titel,definitie,src_line\n")
local function q(s) return '"' .. s:gsub('"', '""') .. '"' end
for _, r in ipairs(out) do
  f:write(string.format("%d,%d,%s,%s,%d\n", r.d, r.k, q(r.title), q(r.def), r.line))
end
f:close()
print("wrote examples/data/indicator_definities_004.csv (" .. #out .. " indicators)")
