-- passend/data: the dataset surface, as the `data` namespace: reading and writing data files
-- by their own functions (read_csv, write_sav, ...), stacking, scales and scale scores, the
-- codebook, and derived variables and recoding (recode.lua). Datasets themselves are C
-- (src/kernel/dataset.c, src/lua/ldataset*.c); their preview and describe() are preview.lua.
local core = require "passend.core"
local doc = require "passend.doc"
local args = require "passend.args"

local data = {}

-- C functions, documented under their names here
for _, name in ipairs({ "read_csv", "write_csv", "read_spss", "write_sav", "write_dta", "stack", "is_dataset" }) do
  data[name] = doc.rename(name, "data." .. name, core[name])
end

-- The readers and writer that take options: their options checked here first (with the
-- closest names for a typo; the C functions know only the names), as read() and d:write do.
local function checked(name, c_fn, kind, example)
  local io_ = require "passend.io"
  local spec = name == "write_csv" and args.spec(require("passend.format.csv").WRITE_OPTIONS)
    or io_.spec_of(io_.type(kind), "read")
  local at = name == "write_csv" and 3 or 2
  local fn = function(...)
    args.options(name, (select(at, ...)), spec)
    return c_fn(...)
  end
  data[name] = doc.def("data." .. name, fn, (doc.get(c_fn)), { options = spec, example = example })
end
checked("read_csv", data.read_csv, "csv", function()
  return require("passend.teach.install").example_file("data/respons_meting2023.csv"), { sep = "," }
end)
checked("write_csv", data.write_csv, "csv", function()
  local path = require("passend.sample").temp_path("csv")  -- the registry's test removes it
  return require("passend.sample").data(), path, { dialect = "nl" }
end)
checked("read_spss", data.read_spss, "spss", function()
  -- a .sav of the sample in a temporary file (the registry's test removes it)
  local path = require("passend.sample").temp_path("sav")  -- the registry's test removes it
  require("passend.sample").data():write(path)
  return path, {}
end)

local scale = require "passend.data.scale"
data.scale, data.scores = scale.scale, scale.scores
data.codebook = require("passend.data.codebook").codebook
for k, v in pairs(require "passend.data.recode") do
  if type(v) == "function" and doc.get(v) then data[k] = v end
end

return data
