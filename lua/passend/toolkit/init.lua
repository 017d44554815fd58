-- passend/toolkit/init.lua: the survey-report toolkit (issue 10): bases and percentage
-- tables, batteries, multiple response, collapsing and recoding, group tests, typologies,
-- rank aggregation, quantity words and audits of published tables. Each part receives M.
local M = ...
M._tk = M._tk or {}
local parts = {
  "passend.toolkit.frame",
  "passend.toolkit.tables",
  "passend.toolkit.derive",
  "passend.toolkit.tests",
  "passend.toolkit.typology",
  "passend.toolkit.rank",
  "passend.toolkit.words",
  "passend.toolkit.audit",
}
for _, name in ipairs(parts) do
  local f = package.searchpath(name, package.path)
  if f then assert(loadfile(f))(M) end
end

if M.topic then
  M.topic("toolkit", [[
toolkit: the everyday tables of survey reports (docs/toolkit.md)

Bases and tables: percentages, battery, mr_table, as_table.
Derived variables: top_box, at_least, in_codes, any_of, count_of, threshold, derive;
recode, code_open, code_other.
Group tests (as R): chisq_test, fisher_test, t_test, wilcox_test, compare_groups, mark, pool.
Typologies: typology{...} with :points, :classify, :distribution, :table, :profiles.
Rankings: rank_means. Words: quantity, quantity_range, count_phrase, compare_phrase.
Audits: audit, feasible_n. Reproductions: scripts/s001_*.lua, s002_*.lua, s003_*.lua.]])
end
