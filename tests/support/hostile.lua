-- tests/support/hostile.lua: every Lua-callable C function of passend, in a fixed order,
-- and a pool of hostile arguments. Shared by tests/api_hostile_spec.lua (a fixed matrix of
-- calls) and the libFuzzer target tests/fuzz/fuzz_api.c (calls decoded from fuzz input).
--
-- Writes: the pool's paths are plain relative names ("x.csv", "x.db:t", ...), never an
-- absolute path, "." or "..", so everything a call writes lands in the current directory.
-- Both callers run in a fresh temporary directory for that reason.
local H = {}

-- C functions on the module left out of the calls, and why. Everything else is called.
H.excluded = {
  clock = "takes no arguments; its result (the time) would make fuzz runs irreproducible",
}

-- Makes the metatables that the C code creates on first use, so that functions() finds
-- their metamethods: rows views, blocks, the session database and its statements, the
-- estimation pool, a calibration run, the ReadStat metadata box.
function H.prepare(P)
  local d = P.dataset{ { "a", { 1, 2 } }, { "g", { "x", "y" } } }
  d:rows()
  d:sort("a")
  P.sql("select 1 as a")
  P._estimate(d, { vars = {} })
  P._calib_run(d, { kind = "poststratify", name = "w",
    margins = { { cell = { 1, 2 }, ncells = 2, pop = { 1, 1 } } } })
  pcall(P.read_spss, "does-not-exist.sav")
end

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  return keys
end

local function is_c(f)
  return type(f) == "function" and debug.getinfo(f, "S").what == "C"
end

-- { {name, fn}, ... }: the module's C functions by name, the readers' and writers' C
-- functions by extension, then the metamethods and methods of every "passend.*"
-- metatable in the registry, by metatable and name. A function reachable under several
-- names is listed once, under the first. Call H.prepare(P) first.
function H.functions(P)
  local list, seen = {}, {}
  local function add(name, f)
    if is_c(f) and not seen[f] then
      seen[f] = true
      list[#list + 1] = { name, f }
    end
  end
  for _, k in ipairs(sorted_keys(P)) do
    if not H.excluded[k] then add(k, P[k]) end
  end
  for _, t in ipairs{ "readers", "writers" } do
    for _, ext in ipairs(sorted_keys(P[t])) do add(t .. "." .. ext, P[t][ext]) end
  end
  local reg = debug.getregistry()
  local names = {}
  for k, v in pairs(reg) do
    if type(k) == "string" and k:match("^passend%.") and type(v) == "table" then names[#names + 1] = k end
  end
  table.sort(names)
  for _, mtname in ipairs(names) do
    local mt = reg[mtname]
    for _, k in ipairs(sorted_keys(mt)) do add(mtname .. "." .. tostring(k), mt[k]) end
    for _, sub in ipairs{ "methods", "__index" } do
      if type(mt[sub]) == "table" then
        for _, k in ipairs(sorted_keys(mt[sub])) do add(mtname .. ":" .. tostring(k), mt[sub][k]) end
      end
    end
  end
  -- iterators made by C: d:rows() (a closure over its own small dataset) and pairs(row)
  local iter = P.dataset{ { "a", { 1, 2, 3 } } }:rows()
  add("Dataset:rows() iterator", iter)
  local _, row = iter()
  add("passend.Row.__pairs iterator", (getmetatable(row).__pairs(row)))
  return list
end

-- Field names the fuzzer combines into tables (option, spec and design tables).
H.keys = {
  "n", "w", "fpc", "cluster", "strata", "strata_names", "lonely", "data", "weight", "name",
  "items", "points", "min_valid", "missing", "missing_labels", "reversed_set", "label",
  "value_labels", "missing_range", "decimals", "kind", "base", "margins", "cell", "ncells",
  "pop", "cross", "ncross", "maxit", "epsilon", "lo", "hi", "sheets", "cells", "merges",
  "formats", "widths", "created", "bold", "bg", "num", "align", "size", "indent", "suffix",
  "sep", "decimal", "header", "na", "types", "threads", "encoding", "format", "table", "by",
  "vars", "column", "mode", "values", "meta", "quote", "dialect", "bom", "crlf", "q1", "g",
  1, 2, 3, 0,
}

local function write(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

-- The hostile values: fresh objects on every call (calls may change or free them). Writes
-- a few input files into the current directory for the readers.
function H.pool(P)
  write("in.csv", "q1,g,w\n1,a,1\n8,b,2\n,a,1.5\n")
  write("bad.csv", "a,b\n1,\"2\n")
  write("in.sav", "$FL2 not really a system file")
  local d3 = P.dataset{
    { "q1", { 1, 2, 8 }, label = "Vraag 1", missing = { 8 },
      value_labels = { [1] = "ja", [2] = "nee", [8] = "weet niet" } },
    { "g", { "a", "b", "a" } },
    { "w", { 1, 2, 1.5 } },
    { "q2", { 5, 4, 3 } },
    meta = { title = "drie", notes = { "een", "twee" } },
  }
  local d12 = P.dataset{
    { "q1", { 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, nil, 9 }, missing_range = { 9, 10 } },
    { "q2", { 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 3, 3 } },
    { "g", { "a", "b", "a", "b", "a", "b", "a", "b", "a", "b", "a", "b" } },
    { "s", { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 } },
    { "c", { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6 } },
    { "w", { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 } },
  }
  local d0 = P.dataset{ { "q1", {} }, { "g", {} }, n = 0 }
  local dnocol = P.dataset{ n = 4 }
  local dempty = P.dataset{}
  local dw = P._calib_run(d12, { kind = "poststratify", name = "wp",
    margins = { { cell = { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 }, ncells = 2, pop = { 60, 40 } } } })
  local cal = dw:meta().calibration
  local rows = d3:rows()
  local _, row = rows()
  return table.pack(
    -- scalars
    nil, true, false, 0, 1, 2, 3, 5, 10, -1, -5, 1 << 31, 1 << 53, math.maxinteger, math.mininteger,
    0.5, 2.5, -0.0, 1e-300, 1e308, math.huge, -math.huge, 0 / 0,
    -- strings: names, paths (relative only), SQL, hostile bytes
    "", "q1", "-q1", "g", "w", "wp", "a", "t", "x", "number", "text", "adjust", "rake", "poststratify",
    "x.csv", "x.tsv", "x.txt", "x.sav", "x.zsav", "x.dta", "x.por", "x.sas7bdat", "x.db", "x.db:t",
    "x.sqlite", "x.xlsx", "x", "in.csv", "bad.csv", "in.sav", "missing.csv", "x.csv\0.sav",
    "a\0b", "\0", "\255\254", string.rep("x", 5000), string.rep("é", 400), "%s%n%d",
    "select 1 as a", "select * from t", "create table t(a, b)", "insert into t values (?, ?)",
    "select :a as a, ? as b", "drop table t", "select 1; select 2 as b", "vacuum",
    -- tables: empty, counts, arrays, nested
    {}, { n = -5 }, { n = 1 << 53 }, { n = math.huge }, { n = 0.5 }, { n = 3 }, { n = 12 },
    { 1, 2, 3 }, { 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2 }, { "a", "b", "a" }, { 1, nil, 3 },
    { 1.5, "x", true }, { 0, -1, 3 }, { 3, 3, 3, 3 }, { [1 << 40] = 1 },
    { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 }, { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 },
    { { 1, 2, 3, 4, 5, 1, 2, 3, 4, 5, nil, 9 }, { 5, 4, 3, 2, 1, 5, 4, 3, 2, 1, 3, 3 } },
    { { 1, 2 }, { 3, 4 } }, { { 0, 0 }, { 0, 0 } }, { { 5 } }, { { 1, 2, 3 }, { 4 } },
    { { "q1", { 1, 2 } }, { "g", { "a" } } }, { "q1", "g" },
    { { "q1", { 1 } }, n = -5 }, { { "q1", { 1 } }, n = 1 << 53 }, { { "q1", { 1, 2 } }, n = 1 },
    setmetatable({}, { __len = function() return 1 << 40 end, __index = function(_, k) return k end }),
    -- datasets (incl. 0 rows, 0 columns, none at all), columns, a calibration, row views
    d3, d12, d0, dnocol, dempty, dw, d3.q1, d3.g, d12.w, d0.q1, cal, row, rows,
    -- spec, design, option and book tables as the Lua front ends build them
    { n = 12, w = { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 }, cluster = { 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6 },
      strata = { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 }, strata_names = { "een", "twee" },
      lonely = "adjust", data = dw, weight = "wp" },
    { n = 3, w = { 1, 2 }, strata = { 1, 5, 2 }, strata_names = { "a", 7 } },
    { { name = "s", items = { "q1", "q2" }, points = 5, missing = { 9 } } },
    { by = { "g" }, weight = "w", cluster = "c", strata = "s", lonely = "average",
      vars = { { name = "v", column = "q1" }, { name = "s", items = { "q1", "q2" }, points = 5, mode = "items" } } },
    { kind = "rake", name = "wr", margins = {
        { cell = { 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2 }, ncells = 2, pop = { 60, 40 } },
        { cell = { 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2 }, ncells = 2, pop = { 50, 50 } } },
      cross = { 1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4 }, ncross = 4, maxit = 5, epsilon = 1e-6 },
    { label = "L", value_labels = { [1] = "een" }, missing = { 9 }, missing_range = { 1, 2 }, decimals = 2 },
    { sep = ";", header = false, na = { "NA" }, types = { q1 = "text" }, missing = { 8 }, threads = 2 },
    { format = "csv" }, { suffix = "_x" }, { table = "t" }, { encoding = "latin1" },
    { dialect = "nl", quote = "all" },
    { sheets = { { name = "s", cells = { { 0, 0, 1.5, 1 }, { 1, 1, "x" } }, merges = { { 2, 0, 2, 3, "m", 1 } },
        widths = { [0] = 10 } } },
      formats = { [1] = { bold = true, bg = "FF0000", num = "0.0", align = "center", size = 12, indent = 1 } } },
    -- functions for filter / derive / callbacks
    function() return true end,
    function(r) return r.q1 end,
    function(r) return r.g end,
    function() error("boom") end,
    function() return {} end)
end

return H
