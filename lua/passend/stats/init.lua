-- passend/stats/init.lua: the statistics the sources use besides the monitor's estimates
-- (issue 4): alpha, freq, crosstab, compare, descriptives, top2, response; factor (issue 19).
-- Each part receives the module table M; the numeric work is in C (src/alpha.c,
-- src/svytest.c, src/factor.c).
local M = ...
for _, name in ipairs({
  "passend.stats.common",
  "passend.stats.alpha",
  "passend.stats.factor",
  "passend.stats.freq",
  "passend.stats.crosstab",
  "passend.stats.compare",
  "passend.stats.summaries",
  "passend.stats.response",
}) do
  local f = assert(package.searchpath(name, package.path))
  assert(loadfile(f))(M)
end
