-- Resilience: an error or Ctrl-C (SIGINT) during a load, a computation or a save leaves the
-- session's datasets and its database (--db) as they were; a failed report write leaves no half
-- file; the same input and script give the same bytes.
local run = dofile("tests/support/run.lua")

local ROWS = 300000

local function exists(p) local f = io.open(p, "rb"); if f then f:close() return true end return false end

local function sleep(s) os.execute("sleep " .. s) end

-- the big CSV every interrupt test reads (generated once per run)
local big
local function big_csv()
  if big then return big end
  big = run.tmpname(".csv")
  local f = assert(io.open(big, "wb"))
  f:write("id,g,x,y,s\n")
  local t = {}
  for i = 1, ROWS do
    t[#t + 1] = string.format("%d,%d,%.3f,%d,s%d\n", i, i % 7, i * 0.001, i % 5, i % 100)
    if #t == 5000 then f:write(table.concat(t)); t = {} end
  end
  f:write(table.concat(t))
  f:close()
  return big
end

-- starts `passend args` in the background; returns its pid and the files of its output
local function spawn(args)
  local pidf, out, err = run.tmpname(".pid"), run.tmpname(".out"), run.tmpname(".err")
  os.execute(string.format("%s %s </dev/null >%s 2>%s & echo $! >%s", run.bin, args, out, err, pidf))
  local pid = run.slurp(pidf):match("%d+")
  os.remove(pidf)
  return pid, out, err
end

local function alive(pid) return os.execute("kill -0 " .. pid .. " 2>/dev/null") == true end

local function wait_for(pred, limit)
  for _ = 1, (limit or 600) do
    if pred() then return true end
    sleep(0.02)
  end
  return false
end

local function db_query(db, code)
  local out, err, rc = run.passend("--db " .. run.q(db) .. " -e " .. run.q(code))
  assert.are.equal(0, rc, err)
  return out
end

describe("Ctrl-C in a child passend", function()
  teardown(function() if big then os.remove(big) end end)

  it("during read, computation and save leaves the --db database old or whole", function()
    local csv = big_csv()
    local interrupted, phases, rolled_back = 0, {}, 0
    -- interrupt at several moments after each phase starts
    -- On a busy machine a save may slip past the fixed delays: more tries inside save()
    -- (a different delay each) until one is caught there.
    local cases = { { "read", 0 }, { "derive", 0.05 }, { "save", 0 }, { "save", 0.1 }, { "save", 0.25 } }
    local retries = { 0.05, 0.15, 0.02, 0.35, 0.08, 0.5 }
    local k = 0
    while true do
      k = k + 1
      if k > #cases then
        if rolled_back > 0 or #retries == 0 then break end
        cases[k] = { "save", table.remove(retries, 1) }
      end
      local phase, delay = cases[k][1], cases[k][2]
      local db = run.tmpname(".db")
      db_query(db, 'save(dataset{ {"id", {1, 2, 3}}, {"old", {"a", "b", "c"}} }, "big")')
      local mark = run.tmpname(".mark")
      local script = run.write(run.tmpname(".lua"), string.format([[
local mark = %q
local function at(p) local f = io.open(mark .. "." .. p, "w"); f:close() end
at("read")
local d = read(%q)
at("derive")
d:derive("z", function(r) return r.x * 2 + r.y end)
at("save")
save(d, "big")
at("done")
]], mark, csv))
      local pid, out, err = spawn("--db " .. run.q(db) .. " " .. run.q(script))
      assert.is_true(wait_for(function() return exists(mark .. "." .. phase) or not alive(pid) end))
      if delay > 0 then sleep(delay) end
      os.execute("kill -INT " .. pid .. " 2>/dev/null")
      assert.is_true(wait_for(function() return not alive(pid) end, 1500), "passend did not stop")
      local done = exists(mark .. ".done")
      if not done then interrupted = interrupted + 1; phases[#phases + 1] = phase end
      -- the database: whole and either the old table or the new one, never a part
      local res = db_query(db, [[
print(sql("pragma integrity_check"):get(1, "integrity_check"))
local t = sql("select count(*) as n from big"):get(1, "n")
local cols = sql("select * from big limit 1").columns
print(t, table.concat(cols, ","))]])
      local check, n, cols = res:match("^(%S+)\n(%d+)%s+(%S+)")
      assert.are.equal("ok", check, res)
      if done then
        assert.are.equal(tostring(ROWS), n)
      else
        assert.is_true(n == "3" or n == tostring(ROWS), "rows in the table: " .. tostring(n))
        if n == "3" then assert.are.equal("id,old", cols) end
        -- stopped inside save(): rolled back, the old table stays. The error can also be
        -- raised as save() returns, when Ctrl-C came after its commit: then the new table
        -- is there whole (checked above), and the run does not count as a rollback.
        if run.slurp(err):find("in function '[%w_%.]*save'") and n == "3" then
          rolled_back = rolled_back + 1
        end
      end
      if n == tostring(ROWS) then assert.are.equal("id,g,x,y,s,z", cols) end
      for _, p in ipairs{ "read", "derive", "save", "done" } do os.remove(mark .. "." .. p) end
      for _, f in ipairs{ db, db .. "-journal", db .. "-wal", script, out, err } do os.remove(f) end
    end
    -- the test is about interrupts: most runs must have been stopped before they finished
    assert.is_true(interrupted >= 3, "only " .. interrupted .. " runs interrupted")
    assert.is_true(rolled_back >= 1, "no run was stopped inside save()")
  end)

  it("inside a session: an interrupted derive or save leaves the dataset and database as they were", function()
    local csv = big_csv()
    local db = run.tmpname(".db")
    local mark = run.tmpname(".mark")
    local script = run.write(run.tmpname(".lua"), string.format([[
local mark = %q
save(dataset{ {"id", {1, 2}} }, "t")
local d = read(%q)
local function sum(col) local s = 0; for _, v in pairs(d:values(col)) do s = s + v end; return s end
local cols0, x0, n0 = table.concat(d.columns, ","), sum("x"), #d
local f = io.open(mark, "w"); f:close()
-- as the prompt does: the interrupt is an error the session survives
local ok, err = pcall(function()
  for _ = 1, 50 do d:derive("x", function(r) return r.x + 1 end) end
end)
print("first", ok, tostring(err):match("interrupted") ~= nil)
print("same", table.concat(d.columns, ",") == cols0, #d == n0)
-- a derive that replaces x either happened completely or not at all
local x1 = sum("x")
print("whole", (x1 - x0) %% n0 == 0 or math.abs(((x1 - x0) / n0) - math.floor((x1 - x0) / n0 + 0.5)) < 1e-6)
-- an error (not an interrupt) in a save: the database keeps its table
local ok2 = pcall(save, "not a dataset", "t")
print("db", ok2, #sql("select * from t"))
]], mark, csv))
    local pid, out, err = spawn("--db " .. run.q(db) .. " " .. run.q(script))
    assert.is_true(wait_for(function() return exists(mark) or not alive(pid) end))
    sleep(0.2)
    os.execute("kill -INT " .. pid .. " 2>/dev/null")
    assert.is_true(wait_for(function() return not alive(pid) end, 1500))
    local o, e = run.slurp(out), run.slurp(err)
    assert.matches("first\tfalse\ttrue", o, nil, true)
    assert.matches("same\ttrue\ttrue", o, nil, true)
    assert.matches("whole\ttrue", o, nil, true)
    assert.matches("db\tfalse\t2", o, nil, true)
    assert.are.equal("", e:gsub("%s", ""), e)
    for _, f in ipairs{ db, mark, script, out, err } do os.remove(f) end
  end)
end)

describe("a failing write", function()
  local dir
  before_each(function() dir = run.tmpname("-dir"); os.execute("mkdir -p " .. run.q(dir)) end)
  after_each(function() os.execute("rm -rf " .. run.q(dir)) end)

  local function listing()
    local p = io.popen("ls -A " .. run.q(dir))
    local s = p:read("a"); p:close()
    return s
  end

  it("leaves the old file intact and no temporary file, for every format", function()
    local d = dataset{ { "a", { 1, 2 } } }
    -- a format that writes half its output and then fails
    format.register{ name = "halfway", extensions = { "halfway" }, write = function(_, path)
      local f = assert(io.open(path, "wb")); f:write("half"); f:close()
      error("disk full (simulated)")
    end }
    local target = dir .. "/r.halfway"
    run.write(target, "old report")
    local ok, err = pcall(function() d:write(target) end)
    assert.is_false(ok)
    assert.matches("disk full", err)
    assert.are.equal("old report", run.slurp(target))
    assert.are.equal("r.halfway\n", listing())
    -- a rendering error in each text format and in xlsx: nothing replaced, nothing left
    for _, ext in ipairs{ "csv", "html", "md", "json", "svg", "xlsx", "txt", "sav" } do
      local path = dir .. "/r." .. ext
      run.write(path, "old " .. ext)
      local bad = dataset{ { "a", { 1, 2 } } }
      bad:meta().title = setmetatable({}, { __tostring = function() error("boom") end,
        __concat = function() error("boom") end })
      local okw = pcall(function() bad:write(path, ext == "csv" and { display = true } or nil) end)
      if not okw then assert.are.equal("old " .. ext, run.slurp(path), ext) end
    end
    local names = listing()
    assert.is_nil(names:find("tmp", 1, true), names)
  end)

  it("report(): a failure leaves the old tabellenboek", function()
    local path = dir .. "/boek.html"
    run.write(path, "old book")
    local ok = pcall(report, dataset{ { "a", { 1 } } }, path)
    assert.is_false(ok)
    assert.are.equal("old book", run.slurp(path))
    assert.are.equal("boek.html\n", listing())
  end)
end)

describe("determinism", function()
  it("the same input and script give byte-identical csv, html, md, json, svg and xlsx", function()
    local script = run.write(run.tmpname(".lua"), [[
local dir = arg[1]
local n = 400
local g, a, w, s = {}, {}, {}, {}
for i = 1, n do
  g[i] = ({ "po", "vo", "so" })[i % 3 + 1]
  a[i] = (i * 7919) % 5 + 1
  w[i] = 0.5 + ((i * 31) % 17) / 10
  s[i] = (i % 4) + ((i * 13) % 7) / 3
end
local d = dataset{ { "sector", g }, { "antwoord", a }, { "w", w }, { "score", s } }
local c = crosstab(d, "sector", "antwoord", { layout = "wide", show = "row", weight = "w" })
local f = freq(d, "antwoord", { weight = "w" })
local m = descriptives(d, { "score" }, { by = "sector", weight = "w" })
for _, ext in ipairs{ "csv", "html", "md", "json", "xlsx" } do
  c:write(dir .. "/c." .. ext, ext == "csv" and { display = true } or nil)
  f:write(dir .. "/f." .. ext)
  m:write(dir .. "/m." .. ext)
end
d:write(dir .. "/data.csv")
f:write(dir .. "/f.svg", { chart = "bars" })
m:write(dir .. "/m.svg", { chart = "spread", value = "mean" })
]])
    local a, b = run.tmpname("-a"), run.tmpname("-b")
    os.execute("mkdir -p " .. run.q(a) .. " " .. run.q(b))
    local _, e1, c1 = run.passend(run.q(script) .. " " .. run.q(a))
    assert.are.equal(0, c1, e1)
    local _, e2, c2 = run.passend(run.q(script) .. " " .. run.q(b))
    assert.are.equal(0, c2, e2)
    local files = { "data.csv", "f.svg", "m.svg" }
    for _, x in ipairs{ "c", "f", "m" } do
      for _, ext in ipairs{ "csv", "html", "md", "json", "xlsx" } do files[#files + 1] = x .. "." .. ext end
    end
    for _, name in ipairs(files) do
      local x, y = run.slurp(a .. "/" .. name), run.slurp(b .. "/" .. name)
      assert.is_true(#x > 0, name)
      assert.is_true(x == y, name .. " differs between two runs")
    end
    os.execute("rm -rf " .. run.q(a) .. " " .. run.q(b))
    os.remove(script)
  end)
end)

