-- tools/gen_frames.lua: writes examples/frames/voorbeeld_swv_frame.csv, the synthetic population
-- of samenwerkingsverbanden the example data is drawn from (lua/passend/monitor/example.lua), so
-- the weighting lesson and scripts can calibrate the example data to its margins.
-- Run from the repository root: build/passend tools/gen_frames.lua
local P = require("passend")
local path = assert(package.searchpath("passend.monitor.example", package.path))
local E = assert(loadfile(path))(P)
local out = assert(io.open("examples/frames/voorbeeld_swv_frame.csv", "wb"))
out:write("swv,sector,regio,grootte,panel\n")
for _, s in ipairs(E.frame()) do
  out:write(string.format("%s,%s,%s,%s,%d\n", s.id, s.sector, s.regio, s.grootte, s.panel and 1 or 0))
end
out:close()
