-- Memory safety of every Lua-callable C function (issue 14): each function of
-- tests/support/hostile.lua (module functions, readers/writers, metamethods and methods of
-- every passend.* metatable, C-made iterators) is called with a fixed matrix of hostile
-- arguments in a child process, which must finish normally: no crash, no sanitizer report,
-- no leak (`make test-san` runs the children under ASan, UBSan and LSan via PASSEND_BIN).
-- Then regression cases for each defect found: they raise a clear error now.
local run = dofile("tests/support/run.lua")
local H = dofile("tests/support/hostile.lua")
local P = require "passend.core"  -- every C function (the Lua layers are not C)

local root = io.popen("pwd"):read("l")
local bin = run.bin:sub(1, 1) == "/" and run.bin or root .. "/" .. run.bin

-- The child: calls functions from..to (1-based, H.functions order) with
--   f(), f(a) for every pool value a, f(s, a) and f(s, a, t) for a few first arguments s
--   (datasets of 3, 0 rows and 0 columns, a column, a calibration, a row view, a path, a
--   table, an array of numbers, a list of arrays) and third arguments t (a name, a count,
--   tables with hostile n), each call in pcall, on a fresh pool for every s.
-- It names each function on stderr before calling it and prints "done <calls>" at the end.
local CHILD = [==[
local root, from, to = arg[1], tonumber(arg[2]), tonumber(arg[3])
package.path = root .. "/tests/support/?.lua;" .. package.path
local P = require "passend.core"  -- every C function (the Lua layers are not C)
local H = require "hostile"
H.prepare(P)
local funcs = H.functions(P)
local function find(pool, pred)
  for i = 1, pool.n do if pred(pool[i]) then return pool[i] end end
end
local function kind(v) local mt = getmetatable(v); return type(mt) == "table" and mt.__name end
local firsts = {
  function(p) return find(p, function(v) return P.is_dataset(v) and #v == 3 end) end,
  function(p) return find(p, function(v) return P.is_dataset(v) and #v == 0 end) end,
  function(p) return find(p, function(v) return P.is_dataset(v) and v:ncol() == 0 and #v == 4 end) end,
  function(p) return find(p, function(v) return kind(v) == "column" end) end,
  function(p) return find(p, function(v) return kind(v) == "passend.Calibration" end) end,
  function(p) return find(p, function(v) return kind(v) == "row" end) end,
  function() return "x.csv" end,
  function() return {} end,
  function(p) return find(p, function(v) return type(v) == "table" and #v == 12 and v[3] == 3 end) end,
  function(p) return find(p, function(v) return type(v) == "table" and #v == 2 and type(v[1]) == "table" and #v[1] == 12 end) end,
}
local thirds = { "q1", 3, {}, { n = -5 }, { n = 1 << 53 }, { n = 12, w = { 1 }, strata = { 1, 3 }, strata_names = { "a" } } }
local calls = 0
local function try(f, ...)
  calls = calls + 1
  pcall(f, ...)
end
for i = from, math.min(to, #funcs) do
  local name, f = funcs[i][1], funcs[i][2]
  io.stderr:write("F ", name, "\n")
  local pool = H.pool(P)
  try(f)
  for k = 1, pool.n do try(f, pool[k]) end
  for _, first in ipairs(firsts) do
    pool = H.pool(P)
    local s = first(pool)
    for k = 1, pool.n do
      try(f, s, pool[k])
      for _, t in ipairs(thirds) do try(f, s, pool[k], t) end
    end
  end
  collectgarbage()
end
print("done " .. calls)
]==]

local CHILD_SECONDS = 300  -- per group of functions (about 1 s normally, longer under ASan)

local function child(from, to)
  local dir = run.tmpname(".d")
  local script = run.tmpname(".lua")
  run.write(script, CHILD)
  local out, err = run.tmpname(".out"), run.tmpname(".err")
  -- a hang is a failure too (timeout's status 124 / 137)
  local cmd = string.format("mkdir -p %s && cd %s && timeout -s KILL %d %s %s %s %d %d </dev/null >%s 2>%s",
    run.q(dir), run.q(dir), CHILD_SECONDS, run.q(bin), run.q(script), run.q(root), from, to, run.q(out), run.q(err))
  local ok, how, code = os.execute(cmd)
  local o, e = run.slurp(out), run.slurp(err)
  os.execute("rm -rf " .. run.q(dir))
  os.remove(script); os.remove(out); os.remove(err)
  return ok and 0 or (how == "exit" and code or 128 + (code or 0)), o, e
end

describe("every Lua-callable C function with hostile arguments", function()
  H.prepare(P)
  local funcs = H.functions(P)
  local CHUNK = 16

  it("lists the module's C functions, readers/writers and every metatable's methods", function()
    local names = {}
    for _, f in ipairs(funcs) do names[f[1]] = true end
    for _, n in ipairs{ "dataset", "_svyttest", "_alpha", "_svychisq", "_xlsx_write", "sql", "readers.db",
                        "passend.Dataset:filter", "passend.Column.__add", "passend.Row.__index",
                        "passend.Calibration.__gc", "passend.Box.__gc", "Dataset:rows() iterator" } do
      assert.is_true(names[n], n)
    end
    assert.is_nil(names.clock)  -- excluded (H.excluded says why)
  end)

  for from = 1, #funcs, CHUNK do
    local to = math.min(from + CHUNK - 1, #funcs)
    it(string.format("functions %d..%d (%s .. %s) finish without a crash", from, to, funcs[from][1], funcs[to][1]), function()
      local code, out, err = child(from, to)
      if code ~= 0 or not out:match("^done %d+") then
        local last = nil
        for name in err:gmatch("F ([^\n]+)") do last = name end
        error(string.format("the child exited with %d while calling %s\n%s", code, tostring(last),
          err:gsub("F [^\n]+\n", ""):sub(-3000)), 0)
      end
    end)
  end
end)

-- error message of f(...), or nil when it succeeds
local function err_of(f, ...)
  local ok, e = pcall(f, ...)
  if ok then return nil end
  return tostring(e)
end

describe("regressions: hostile counts raise clear errors", function()
  it("dataset{}: n negative, huge, fractional, NaN or not a number; a value past 2^31 rows", function()
    assert.matches("bad argument #1 to '[%w.]*dataset' %(n must be a whole number from 0 to 2147483647, got %-5%)",
      err_of(P.dataset, { { "a", { 1 } }, n = -5 }))
    assert.matches("n must be a whole number .* got 9007199254740992", err_of(P.dataset, { { "a", { 1 } }, n = 1 << 53 }))
    assert.matches("got 0.5", err_of(P.dataset, { { "a", { 1 } }, n = 0.5 }))
    assert.matches("n must be", err_of(P.dataset, { { "a", { 1 } }, n = 0 / 0 }))
    assert.matches("got string", err_of(P.dataset, { { "a", { 1 } }, n = "3" }))
    assert.matches("entry 1 has a value at row 1099511627776", err_of(P.dataset, { { "a", { [1 << 40] = 1 } } }))
    assert.are.equal(4, #P.dataset{ { "a", { 1 } }, n = 4 })  -- valid n unchanged
  end)

  it("_svyttest: design.n negative or huge, arrays longer than n", function()
    assert.matches("bad argument #3 to '[%w.]*_svyttest' %(design.n must be a whole number from 0 to 2147483647, got %-5%)",
      err_of(P._svyttest, { 1 }, { 1 }, { n = -5 }))
    assert.matches("design.n must be", err_of(P._svyttest, { 1 }, { 1 }, { n = math.maxinteger }))
    assert.matches("y has 3 values, more than n = 2", err_of(P._svyttest, { 1, 2, 3 }, { 1, 2 }, { n = 2 }))
    assert.matches("group code 3 in row 1 is more than 2", err_of(P._svyttest, { 1, 2 }, { 3, 1 }, { n = 2 }))
    assert.matches("design.w has 3 values, more than n = 2",
      err_of(P._svyttest, { 1, 2 }, { 1, 2 }, { n = 2, w = { 1, 1, 1 } }))
  end)

  it("_alpha: n negative or huge, a column longer than n, too many columns", function()
    assert.matches("bad argument #2 to '[%w.]*_alpha' %(n must be a whole number from 0 to 2147483647, got %-5%)",
      err_of(P._alpha, { { 1, 2 } }, -5))
    assert.matches("got 1099511627776", err_of(P._alpha, { { 1, 2 } }, 1 << 40))
    assert.matches("a column has 3 values, more than n = 2", err_of(P._alpha, { { 1, 2, 3 } }, 2))
    local lying = setmetatable({}, { __len = function() return 1 << 62 end })
    assert.matches("expected at most 10000 columns", err_of(P._alpha, lying, 2))
  end)

  it("_svychisq: nr/nc out of range, codes beyond them, n inconsistent", function()
    local des = { n = 4 }
    assert.matches("nr must be a whole number from 0 to 4096, got 2147483648",
      err_of(P._svychisq, { 1, 2, 1, 2 }, { 1, 1, 2, 2 }, 1 << 31, 2, des))
    assert.matches("at most 4096 can be tested", err_of(P._svychisq, { 1 }, { 1 }, 100, 100, des))
    assert.matches("row code 7 in row 2 is more than 2", err_of(P._svychisq, { 1, 7, 1, 2 }, { 1, 1, 2, 2 }, 2, 2, des))
    assert.matches("column code 3 in row 4 is more than 2", err_of(P._svychisq, { 1, 2, 1, 2 }, { 1, 1, 2, 3 }, 2, 2, des))
    assert.matches("design.n must be", err_of(P._svychisq, {}, {}, 2, 2, { n = -1 }))
    assert.matches("row code has 4 values, more than n = 3", err_of(P._svychisq, { 1, 2, 1, 2 }, {}, 2, 2, { n = 3 }))
  end)

  it("designs: strata names must be strings naming every code; data must be a dataset", function()
    local y, g = { 1, 2, 3 }, { 1, 2, 1 }
    assert.matches("strata_names must be a list of strings",
      err_of(P._svyttest, y, g, { n = 3, strata = { 1, 2, 2 }, strata_names = { "a", 7 } }))
    assert.matches("strata code 5 in row 2 has no name",
      err_of(P._svyttest, y, g, { n = 3, strata = { 1, 5, 2 }, strata_names = { "a", "b" } }))
    assert.matches("design.data must be a dataset",
      err_of(P._svyttest, y, g, { n = 3, w = { 1, 1, 1 }, data = {}, weight = "w" }))
  end)

  it("_fisher_p and _wilcox_dist: table size, max_tables NaN, message formats", function()
    local big = {}
    for i = 1, 200 do big[i] = {} for j = 1, 100 do big[i][j] = 0 end end
    assert.matches("200 x 100 cells, at most 10000", err_of(P._fisher_p, big))
    assert.matches("max_tables must be a number >= 0", err_of(P._fisher_p, { { 1, 2 }, { 3, 4 } }, 0 / 0))
    assert.matches("table total 2000000 too large", err_of(P._fisher_p, { { 1000000, 1000000 }, { 0, 0 } }))
    assert.matches("more than 1.0 tables to enumerate", err_of(P._fisher_p, { { 3, 4 }, { 5, 6 } }, 1))
    assert.matches("sample size must be 1..100", err_of(P._wilcox_dist, -5, 3))
  end)

  it("_calib_*: cell counts, pop length, ncross, maxit, lying lengths", function()
    local d = P.dataset{ { "g", { "a", "b", "a" } } }
    local function spec(m)
      local s = { kind = "poststratify", name = "w", margins = { { cell = { 1, 2, 1 }, ncells = 2, pop = { 5, 5 } } } }
      for k, v in pairs(m or {}) do s.margins[1][k] = v end
      return s
    end
    assert.matches("ncells must be a whole number from 1 to 2147483647", err_of(P._calib_run, d, spec{ ncells = (1 << 61) + 1 }))
    assert.matches("pop has 2 values, expected 3", err_of(P._calib_run, d, spec{ ncells = 3 }))
    local rake = { kind = "rake", name = "w", ncross = 9, cross = { 1, 2, 1 },
      margins = { { cell = { 1, 2, 1 }, ncells = 2, pop = { 5, 5 } } } }
    assert.matches("ncross %(9%) is more than the rows %(3%)", err_of(P._calib_run, d, rake))
    rake.ncross, rake.maxit = 2, 0.5
    assert.matches("maxit must be a whole number from 0 to 2147483647, got 0.5", err_of(P._calib_run, d, rake))
    local lying = setmetatable({ 1, 2 }, { __len = function() return (1 << 61) + 1 end })
    assert.is_false(P._calib_check(d, "w", lying))  -- sized by its real length, no overflow
  end)

  it("freed objects: a column or dataset whose __gc ran raises instead of reading freed memory", function()
    local d = P.dataset{ { "q1", { 1, 2, 3 } } }
    local c = d.q1
    local mean, index = c.mean, getmetatable(c).__index
    getmetatable(c).__gc(c)
    assert.matches("column has been freed", err_of(mean, c))
    assert.matches("column has been freed", err_of(index, c, 1))
    local it = d:rows()
    local _, row = it()
    P._dataset_mt.__gc(d)
    assert.matches("its dataset has been freed", err_of(function() return row.q1 end))
    assert.matches("dataset has been freed", err_of(d.ncol, d))
    local e = P.dataset{ { "q1", { 1, 2, 3 } } }
    assert.matches("dataset has been freed",
      err_of(e.filter, e, function() P._dataset_mt.__gc(e); return true end))
    local f = P.dataset{ { "q1", { 1, 2, 3 } } }
    assert.matches("dataset has been freed",
      err_of(f.derive, f, "x", function(r) P._dataset_mt.__gc(f); return 1 end))
  end)

  it("set_info survives an info table whose metamethods drop the column", function()
    local d = P.dataset{ { "q1", { 1, 2 } }, { "q2", { 3, 4 } } }
    local info = setmetatable({}, { __index = function(_, k) if k == "label" then d.q1 = nil; return "L" end end })
    assert.matches('no column "q1"', err_of(d.set_info, d, "q1", info))
    assert.are.same({ "q2" }, d.columns)
  end)

  it("sql with a zero byte raises (it looped forever)", function()
    assert.matches("the query contains a zero byte", err_of(P.sql, "select 1 as a;\0select 2"))
  end)

  it("xlsx: created past the year 9999 (a NULL from gmtime), rows and columns out of range, huge merges", function()
    local path = run.tmpname(".xlsx")
    assert.matches("created must be seconds from 1970 to 9999",
      err_of(P._xlsx_write, path, { created = math.maxinteger, sheets = { { name = "a" } } }))
    assert.matches("row %-1 out of range", err_of(P._xlsx_write, path, { sheets = { { cells = { { -1, 0, 1 } } } } }))
    assert.matches("column 65536 out of range", err_of(P._xlsx_write, path, { sheets = { { cells = { { 0, 65536, 1 } } } } }))
    assert.matches("a merge of 17179869184.0 cells",
      err_of(P._xlsx_write, path, { sheets = { { merges = { { 0, 0, 1048575, 16383, "x" } } } } }))
    os.remove(path)
  end)

  it("stack{} of more datasets than fit on the Lua stack raises", function()
    local d = P.dataset{ { "a", { 1 } } }
    local many = {}
    for i = 1, 100001 do many[i] = d end
    assert.matches("too many datasets", err_of(P.stack, many))
  end)

  it("small helpers: decimals, file descriptors, summary sizes, row keys", function()
    assert.matches("at most 300 decimals, got 4294967301", err_of(P._numstr, 1.5, (1 << 32) + 5))
    assert.matches("fd must be a whole number", err_of(P._isatty, -1))
    local d = P.dataset{ { "q1", { 1, 2, 2 } } }
    assert.are.equal(2, #d.q1:_summary(math.maxinteger).top)
    assert.is_nil(d[math.huge])
    assert.is_nil(d[0 / 0])
    assert.are.equal(1, d[1.0].q1)
  end)

  it("write_sav/write_dta of datasets without columns (ReadStat hands the writer NULL, 0)", function()
    for _, ext in ipairs{ "sav", "dta" } do
      local path = run.tmpname("." .. ext)
      local d = P.dataset{ n = 3 }
      assert.are.equal(d, P.writers[ext](d, path))  -- under UBSan: fwrite(NULL, ...) failed here
      assert.is_truthy(io.open(path, "rb"))
      os.remove(path)
    end
  end)

  it("write_sav/write_dta size meta.notes by its real length", function()
    local d = P.dataset{ { "q1", { 1, 2 } } }
    d:meta().notes = setmetatable({ "een", "twee" }, { __len = function() return (1 << 61) + 1 end })
    local path = run.tmpname(".sav")
    P.write_sav(d, path)
    assert.are.same({ "een", "twee" }, read(path):meta().notes)
    os.remove(path)
  end)
end)
