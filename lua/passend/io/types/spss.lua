-- SPSS files through ReadStat (src/io/readstat_read.c, readstat_write.c): .sav and .zsav read
-- and written, .por read, with labels, value labels and user-missing codes.
local core = require "passend.core"
return { name = "spss", extensions = { "sav", "zsav", "por" }, read = core.readers.sav, write = core.writers.sav,
         direct = true,
         read_options = { encoding = "string" } }
