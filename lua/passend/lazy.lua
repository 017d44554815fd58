-- passend/lazy.lua: a table built on first use, to keep start-up fast: build() runs at the
-- first lookup and the proxy then reads from its result (t[k] and ipairs work; pairs reads
-- the real table too).
local L = {}

function L.table(build)
  local real
  local function get() real = real or build() return real end
  return setmetatable({}, {
    __index = function(_, k) return get()[k] end,
    __pairs = function() return next, get(), nil end,
    __len = function() return #get() end,
  })
end

return L
