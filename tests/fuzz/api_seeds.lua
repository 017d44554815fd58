-- tests/fuzz/api_seeds.lua: writes the seed corpus of fuzz_api (tests/fuzz/fuzz_api.c):
-- for every function of tests/support/hostile.lua one input that calls it with arguments
-- that get past its checks, plus a few multi-call programs. Rerun after changing the pool:
--   mkdir -p /tmp/seeds && cd /tmp/seeds && <repo>/build/passend <repo>/tests/fuzz/api_seeds.lua <repo>/tests/fuzz/corpus/api
local out = assert(arg[1], "usage: api_seeds.lua <corpus dir>")
local here = debug.getinfo(1, "S").source:match("^@(.*)/tests/fuzz/[^/]*$") or "."
package.path = here .. "/tests/support/?.lua;" .. package.path
local P = require "passend.core"  -- every C function (the Lua layers are not C)
local H = require "hostile"

H.prepare(P)
local funcs = H.functions(P)
local pool = H.pool(P)

local function slot(pred)
  for i = 1, pool.n do
    local ok, yes = pcall(pred, pool[i])
    if ok and yes then return i - 1 end
  end
  error("no such pool value")
end
local function is_ds(v) return P.is_dataset(v) end
local function is_col(v) return type(v) == "userdata" and (getmetatable(v) or {}).__name == "column" end
local function str(s) return slot(function(v) return v == s end) end
local function int(n) return slot(function(v) return math.type(v) == "integer" and v == n end) end
local function plain(v) return type(v) == "table" and getmetatable(v) == nil end

local S = {
  d3 = slot(function(v) return is_ds(v) and #v == 3 end),
  d12 = slot(function(v) return is_ds(v) and #v == 12 and v:ncol() == 6 end),
  dw = slot(function(v) return is_ds(v) and v:has("wp") end),
  d0 = slot(function(v) return is_ds(v) and #v == 0 and v:ncol() == 2 end),
  col_q1 = slot(function(v) return is_col(v) and v:name() == "q1" and #v == 3 end),
  col_g = slot(function(v) return is_col(v) and v:name() == "g" end),
  cal = slot(function(v) return type(v) == "userdata" and (getmetatable(v) or {}).__name == "passend.Calibration" end),
  row = slot(function(v) return type(v) == "userdata" and (getmetatable(v) or {}).__name == "row" end),
  empty = slot(function(v) return plain(v) and next(v) == nil end),
  nums12 = slot(function(v) return plain(v) and #v == 12 and v[1] == 1 and v[2] == 2 and v[3] == 3 end),
  codes_a = slot(function(v) return plain(v) and #v == 12 and v[2] == 2 and v[3] == 1 end),
  codes_b = slot(function(v) return plain(v) and #v == 12 and v[1] == 1 and v[7] == 2 end),
  cols2 = slot(function(v) return plain(v) and #v == 2 and plain(v[1]) and #v[1] == 12 end),
  t2x2 = slot(function(v) return plain(v) and #v == 2 and plain(v[1]) and v[1][1] == 1 and v[2][2] == 4 end),
  design = slot(function(v) return plain(v) and v.strata_names and v.data end),
  specs = slot(function(v) return plain(v) and plain(v[1]) and v[1].items end),
  est = slot(function(v) return plain(v) and v.vars end),
  rake = slot(function(v) return plain(v) and v.kind == "rake" end),
  info = slot(function(v) return plain(v) and v.value_labels and v.decimals end),
  csvopts = slot(function(v) return plain(v) and v.sep == ";" end),
  nl = slot(function(v) return plain(v) and v.dialect end),
  suffix = slot(function(v) return plain(v) and v.suffix end),
  book = slot(function(v) return plain(v) and v.sheets end),
  names = slot(function(v) return plain(v) and v[1] == "q1" and v[2] == "g" end),
  dspec = slot(function(v) return plain(v) and plain(v[1]) and v[1][1] == "q1" end),
  fn_true = slot(function(v) return type(v) == "function" and debug.getinfo(v, "S").what == "Lua" end),
}
S.fn_q1 = S.fn_true + 1

-- arguments per function (by the name in H.functions); others get d3, "q1", {}
local A = {
  _alpha = { S.cols2, int(10) },
  _svychisq = { S.codes_a, S.codes_b, int(2), int(2), S.design },
  _svyttest = { S.nums12, S.codes_a, S.design },
  _scores = { S.d12, S.specs },
  _estimate = { S.d12, S.est },
  _groups = { S.d12, S.names },
  _calib_run = { S.d12, S.rake },
  _calib_with_weights = { S.dw, str("w"), S.nums12, str("wp") },
  _calib_residualize = { S.cal, S.nums12 },
  _calib_check = { S.dw, str("wp"), S.nums12 },
  _calib_describe = { S.cal },
  _fisher_p = { S.t2x2 },
  _wilcox_dist = { int(3), int(5) },
  _xlsx_write = { str("x.xlsx"), S.book },
  _numstr = { slot(function(v) return v == 2.5 end), int(2), str("a"), str("x") },
  _cut = { str(string.rep("é", 400)), int(10) },
  _dispwidth = { str(string.rep("é", 400)) },
  _rename = { str("in.csv"), str("x.csv") },
  _setdoc = { str("x"), S.d3, str("a") },
  _doc = { str("x") },
  dataset = { S.dspec },
  is_dataset = { S.d3 },
  pt = { slot(function(v) return v == 2.5 end), int(10) },
  qt = { slot(function(v) return v == 0.5 end), int(10) },
  pf = { slot(function(v) return v == 2.5 end), int(3), int(10) },
  pchisq = { slot(function(v) return v == 2.5 end), int(3) },
  pnorm = { slot(function(v) return v == 2.5 end) },
  qnorm = { slot(function(v) return v == 0.5 end) },
  read = { str("in.csv") },
  read_csv = { str("in.csv"), S.csvopts },
  read_spss = { str("in.sav") },
  save = { S.d3, str("t") },
  sql = { str("select 1 as a") },
  stack = { S.d3, S.d12 },
  tables = {},
  write_csv = { S.d3, str("x.csv"), S.nl },
  write_dta = { S.d3, str("x.dta") },
  write_sav = { S.d3, str("x.sav") },
  ["readers.db"] = { str("x.db:t") },
  ["writers.db"] = { S.d3, str("x.db:t") },
  ["writers.dta"] = { S.d3, str("x.dta") },
  ["passend.Dataset:filter"] = { S.d3, S.fn_true },
  ["passend.Dataset:derive"] = { S.d3, str("x"), S.fn_q1 },
  ["passend.Dataset:join"] = { S.d3, S.d12, str("g"), S.suffix },
  ["passend.Dataset:sort"] = { S.d12, str("-q1"), str("g") },
  ["passend.Dataset:set_info"] = { S.d3, str("q1"), S.info },
  ["passend.Dataset:get"] = { S.d3, int(2), str("q1") },
  ["passend.Dataset:head"] = { S.d12, int(3) },
  ["passend.Dataset:tail"] = { S.d12, int(3) },
  ["passend.Dataset:select"] = { S.d12, S.names },
  ["passend.Dataset:drop"] = { S.d12, str("g") },
  ["passend.Dataset.__newindex"] = { S.d3, str("x"), S.col_q1 },
  ["passend.Row.__index"] = { S.row, str("q1") },
  ["passend.Row.__pairs"] = { S.row },
  ["passend.Row.__tostring"] = { S.row },
  ["passend.Calibration.__tostring"] = { S.cal },
}

local function emit(name, bytes)
  local f = assert(io.open(out .. "/" .. name, "wb"))
  f:write(string.char(table.unpack(bytes)))
  f:close()
end

local index = {}
for i, f in ipairs(funcs) do index[f[1]] = i - 1 end
local function call(fname, args)
  local b = { 0, index[fname], #args }
  for _, a in ipairs(args) do b[#b + 1] = a end
  return b
end

for i, f in ipairs(funcs) do
  local name = f[1]
  local args = A[name]
  if not args then
    if name:match("^passend%.Column") then args = { S.col_q1, int(2) }
    else args = { S.d3, str("q1"), S.empty } end
  end
  local b = call(name, args)
  emit(string.format("call-%03d", i - 1), b)
  -- the same call with the allocator failing after a few allocations (op 4)
  b[1] = 4
  table.insert(b, 3, (i * 7) % 40)
  emit(string.format("fault-%03d", i - 1), b)
end

-- programs: save then read back through sql and the db reader; write then read; a column
-- freed by its __gc and then used; a dataset freed by hand inside filter's callback
local function program(name, calls)
  local b = {}
  for _, c in ipairs(calls) do for _, x in ipairs(call(c[1], c[2])) do b[#b + 1] = x end end
  emit(name, b)
end
program("prog-save-sql", { { "save", { S.d3, str("t") } }, { "sql", { str("select * from t") } } })
program("prog-db", { { "writers.db", { S.d12, str("x.db:t") } }, { "readers.db", { str("x.db") } },
  { "tables", { str("x.db") } } })
program("prog-sav", { { "write_sav", { S.d3, str("x.sav") } }, { "read", { str("x.sav") } } })
program("prog-csv", { { "write_csv", { S.d12, str("x.csv") } }, { "read_csv", { str("x.csv"), S.csvopts } } })
program("prog-gc", { { "passend.Column.__gc", { S.col_q1 } }, { "passend.Column:mean", { S.col_q1 } },
  { "passend.Dataset.__gc", { S.d3 } }, { "passend.Dataset:row", { S.d3, int(1) } },
  { "passend.Row.__index", { S.row, str("q1") } } })
