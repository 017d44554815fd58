-- Tab-separated values: CSV with a tab between the fields.
local core = require "passend.core"
local csv = require "passend.format.csv"
local csv_type = require "passend.io.types.csv"
return { name = "tsv", extensions = { "tsv" }, read = core.readers.tsv, write = core.writers.tsv, direct = true,
         render = function(d, opts) return csv.render(d, setmetatable({ sep = "\t" }, { __index = opts })) end,
         read_options = csv_type.read_options, options = csv_type.options }
