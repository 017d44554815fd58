-- SAS data files through ReadStat, read only.
local core = require "passend.core"
return { name = "sas", extensions = { "sas7bdat" }, read = core.readers.sas7bdat,
         read_options = { encoding = "string" } }
