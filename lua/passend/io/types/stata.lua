-- Stata .dta through ReadStat, read and written (user-missing codes as extended missing values).
local core = require "passend.core"
return { name = "stata", extensions = { "dta" }, read = core.readers.dta, write = core.writers.dta, direct = true,
         read_options = { encoding = "string" } }
