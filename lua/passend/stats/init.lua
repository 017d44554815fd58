-- passend/stats: every statistic, as the `stats` namespace. The parts: estimate (design-based
-- means with the monitor's rules), alpha, freq, crosstab, compare, summaries (descriptives,
-- top2, add_classes), response, factor (exploratory factor analysis as psych), the survey-report toolkit (tables: percentages, battery,
-- mr_table; tests: chisq_test ... compare_groups; typology, rank, audit) and the distributions
-- from C. The numeric work is in C (src/kernel: svy.c, alpha.c, svytest.c, tkdist.c, distr.c).
local core = require "passend.core"
local doc = require "passend.doc"

local stats = {}

for _, part in ipairs({ "estimate", "grouping", "alpha", "freq", "crosstab", "compare", "summaries",
                        "response", "factor", "tables", "tests", "typology", "rank", "audit" }) do
  for k, v in pairs(require("passend.stats." .. part)) do
    -- the documented functions are the public ones; the rest are the parts' own helpers
    if type(v) == "function" and doc.get(v) then stats[k] = v end
  end
end

-- the distributions (src/kernel/distr.c), documented under their names here
for _, name in ipairs({ "pnorm", "qnorm", "pt", "qt", "pchisq", "pf" }) do
  stats[name] = doc.rename(name, "stats." .. name, core[name])
end

doc.topic("toolkit", [[
toolkit: the everyday tables of survey reports (docs/toolkit.md)

Bases and tables: percentages, stats.battery, stats.mr_table, stats.as_table.
Derived variables: data.top_box, data.at_least, data.in_codes, data.any_of, data.count_of,
data.threshold, data.derive; data.recode, data.code_open, data.code_other.
Group tests (as R): stats.chisq_test, stats.fisher_test, stats.t_test, stats.wilcox_test,
stats.compare_groups, stats.mark, stats.pool.
Typologies: stats.typology{...} with :points, :classify, :distribution, :table, :profiles.
Rankings: stats.rank_means. Words: format.quantity, format.quantity_range,
format.count_phrase, format.compare_phrase.
Audits: stats.audit, stats.feasible_n. Reproductions: scripts/s001_*.lua, s002_*.lua, s003_*.lua.]])

return stats
