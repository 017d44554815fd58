-- CSV: the data (read and written in C: src/io/csv_read.c, csv_write.c; every column at full
-- precision) or, with d:write(path, {display = true}) and d:format("csv"), the shown table.
local core = require "passend.core"
local csv = require "passend.format.csv"
return { name = "csv", extensions = { "csv" }, read = core.readers.csv, write = core.writers.csv, direct = true,
         render = csv.render, read_options = csv.READ_OPTIONS, options = csv.OPTIONS }
