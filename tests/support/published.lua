-- tests/support/published.lua: the published cells of the Doelstellingenmonitor (meting 2023,
-- monitor.published) as an estimate()-shaped result, for the format and layout specs.
-- Bands are the report's colour bands of the printed value (5-point: <=3 rood, <=3.5 geel,
-- <=4.25 lichtgroen, else donkergroen; 3-point: 2, 2.5, 2.75), enough for a fixed result.
local P = require "passend"
local S = {}

local function band(v, points)
  local c = points == 3 and { 2, 2.5, 2.75 } or { 3, 3.5, 4.25 }
  if v <= c[1] then return "rood" elseif v <= c[2] then return "geel"
  elseif v <= c[3] then return "lichtgroen" else return "donkergroen" end
end
S.band = band

-- filter(p) -> bool chooses published cells (default all).
function S.result(filter)
  local cols = { ot = {}, actor = {}, scale = {}, points = {}, n = {}, mean = {}, lo = {}, hi = {},
    flag = {}, shown = {}, band = {} }
  local k = 0
  for _, p in ipairs(P.monitor.published) do
    if not filter or filter(p) then
      k = k + 1
      cols.ot[k], cols.actor[k], cols.scale[k], cols.points[k] = p.onderwijstype, p.actor, p.sub, p.points
      cols.n[k], cols.mean[k] = 40 + k % 50, p.value
      local half = p.asterisk and 0.35 or 0.15
      cols.lo[k], cols.hi[k] = p.value - half, p.value + half
      cols.flag[k], cols.shown[k], cols.band[k] = p.asterisk and "*" or "", 1, band(p.value, p.points)
    end
  end
  return P.dataset{ { "onderwijstype", cols.ot }, { "actor", cols.actor }, { "scale", cols.scale },
    { "points", cols.points }, { "n", cols.n }, { "mean", cols.mean }, { "lo", cols.lo }, { "hi", cols.hi },
    { "flag", cols.flag }, { "shown", cols.shown }, { "band", cols.band }, n = k,
    meta = { kind = "estimate", by = { "onderwijstype", "actor" },
      settings = { flag = { lo = 0.5, hi = 1.0 } } } }
end

return S
