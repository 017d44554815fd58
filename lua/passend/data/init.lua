-- passend/data: the dataset surface, as the `data` namespace: reading and writing data files
-- by their own functions (read_csv, write_sav, ...), stacking, scales and scale scores, the
-- codebook, and derived variables and recoding (recode.lua). Datasets themselves are C
-- (src/kernel/dataset.c, src/lua/ldataset*.c); their preview and describe() are preview.lua.
local core = require "passend.core"
local doc = require "passend.doc"

local data = {}

-- C functions, documented under their names here
for _, name in ipairs({ "read_csv", "write_csv", "read_spss", "write_sav", "write_dta", "stack", "is_dataset" }) do
  data[name] = doc.rename(name, "data." .. name, core[name])
end

local scale = require "passend.data.scale"
data.scale, data.scores = scale.scale, scale.scores
data.codebook = require("passend.data.codebook").codebook
for k, v in pairs(require "passend.data.recode") do
  if type(v) == "function" and doc.get(v) then data[k] = v end
end

return data
