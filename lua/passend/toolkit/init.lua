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
