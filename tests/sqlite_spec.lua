-- The session database (save, sql, tables, --db) and SQLite files as read("file.db:table").
local run = dofile("tests/support/run.lua")
local eq = dofile("tests/support/dataset_eq.lua")

-- os.tmpname reserves a unique name (mkstemp): concurrent runs never share the directory
local stamp = os.tmpname()
local dir = stamp .. "-sqlite"
os.execute("mkdir -p " .. run.q(dir))

local function sh(cmd)
  local ok = os.execute(cmd .. " >/dev/null 2>&1")
  assert(ok == true or ok == 0, "command failed: " .. cmd)
end

-- A small monitor-like dataset with every kind of column metadata.
local function sample()
  local d = dataset {
    { "id", { 1, 2, 3, 4, 5 } },
    { "actor", { "ouder", "leraar", nil, "ib'er", "ouder" } },
    { "w", { 1.25, 0.75, 1.5, 2, 0.1 } },
    { "q1", { 4, 8, 9, 3, nil } },
    { "q2", { 5, 95, 2, 8, 1 } },
  }
  d:set_info("actor", { label = "Actor (vragenlijst)" })
  d:set_info("w", { label = "Weegfactor", decimals = 3 })
  d:set_info("q1", { label = "Overleg met ouders", value_labels = { [1] = "helemaal oneens", [5] = "helemaal eens",
    [8] = "weet niet", [9] = "n.v.t." }, missing = { 8, 9 }, decimals = 0 })
  d:set_info("q2", { label = "Tevreden?", missing = { 8 }, missing_range = { 90, 99 },
    value_labels = { [8] = "geen zicht op", [2.5] = "half" } })
  return d
end

local function contains(list, x)
  for _, v in ipairs(list) do if v == x then return true end end
  return false
end

describe("SQLite", function()
  teardown(function() os.execute("rm -rf " .. run.q(dir)); os.remove(stamp) end)

  describe("the session database", function()

    it("save then sql gives identical data and metadata back", function()
      local d = sample()
      save(d, "meting2023")
      local e = sql("select * from meting2023")
      eq.assert_same(d, e, "session db")
      -- a column taken from the table keeps its metadata under another name too
      local f = sql("select q1 as vraag1, q1 + 0 as som from meting2023 order by id")
      assert.are.equal("Overleg met ouders", f:info("vraag1").label)
      assert.are.same({ 8, 9 }, f:info("vraag1").missing)
      assert.is_nil(f:info("som").label)
    end)

    it("replaces a table of the same name and lists tables without passend's own", function()
      save(dataset { { "x", { 1, 2 } } }, "tijdelijk")
      save(dataset { { "y", { "a" } } }, "tijdelijk")
      local t = sql("select * from tijdelijk")
      assert.are.same({ "y" }, t.columns)
      assert.are.equal(1, #t)
      local names = tables()
      assert.is_true(contains(names, "tijdelijk"))
      for _, n in ipairs(names) do assert.is_nil(n:match("^_passend_"), n) end
      local sorted = { table.unpack(names) }
      table.sort(sorted)
      assert.are.same(sorted, names)
    end)

    it("quotes table and column names", function()
      local d = dataset { { 'kolom "met" quotes', { 1, 2 } }, { "select", { "a", "b" } }, { "met spatie", { 3, 4 } } }
      d:set_info("select", { label = "gereserveerd woord" })
      save(d, 'tabel "raar"; drop table meting2023; --')
      assert.is_true(contains(tables(), 'tabel "raar"; drop table meting2023; --'))
      assert.is_true(contains(tables(), "meting2023"))
      eq.assert_same(d, sql('select * from "tabel ""raar""; drop table meting2023; --"'), "quoted names")
    end)

    it("binds parameters instead of pasting them", function()
      save(sample(), "p")
      local evil = "x'); drop table p; --"
      local r = sql("select ? as s, ?2 + 1 as n", evil, 41)
      assert.are.equal(evil, r:get(1, "s"))
      assert.are.equal(42, r:get(1, "n"))
      assert.is_true(contains(tables(), "p"))
      local o = sql("select id from p where actor = :actor and w > :w order by id", { actor = "ouder", w = 0.5 })
      assert.are.same({ 1 }, o:values("id"))
      local ok, err = pcall(sql, "select ? + ?", 1)
      assert.is_false(ok)
      assert.matches("the statement has 2 parameters, 1 value given", err)
      ok, err = pcall(sql, "select ?", {})
      assert.is_true(ok, err)
    end)

    it("types result columns from declared types, else from the values", function()
      local r = sql("select 1 as i, 1.5 as f, 'x' as t, null as n, '12' as tnum")
      assert.are.equal("number", r:info("i").type)
      assert.are.equal("number", r:info("f").type)
      assert.are.equal("text", r:info("t").type)
      assert.are.equal("number", r:info("n").type)
      assert.are.equal("text", r:info("tnum").type)
      sql("create table typed (a INTEGER, b TEXT, c REAL, d)")
      sql("insert into typed values (1, '007', 2.5, 'vrij'), (2, 8, null, 3)")
      local t = sql("select * from typed order by a")
      assert.are.equal("number", t:info("a").type)
      assert.are.equal("text", t:info("b").type)      -- declared TEXT stays text
      assert.are.same({ "007", "8" }, t:values("b"))
      assert.are.equal("number", t:info("c").type)
      assert.are.equal("text", t:info("d").type)      -- no type, mixed values: text
      assert.are.same({ "vrij", "3" }, t:values("d"))
      -- statements without rows give the number of changed rows
      assert.are.equal(2, sql("update typed set c = 1"))
    end)

    it("forgets the metadata of a table dropped through sql()", function()
      save(sample(), "weg")
      sql("drop table weg")
      sql("create table weg (q1 REAL, w REAL)")
      sql("insert into weg values (8, 1)")
      local d = sql("select * from weg")
      assert.is_nil(d:info("q1").label)
      assert.are.same({}, d:info("q1").missing or {})
      assert.is_nil(d:info("w").decimals)
    end)

    it("names the SQL error", function()
      local ok, err = pcall(sql, "select * from bestaat_niet")
      assert.is_false(ok)
      assert.matches("sql: no such table: bestaat_niet", err)
      ok, err = pcall(sql, "selekt 1")
      assert.is_false(ok)
      assert.matches("sql: near \"selekt\": syntax error", err)
    end)

    it("a failed save leaves the database as it was (rollback)", function()
      local d = sample()
      save(d, "veilig")
      local before = sql("select * from veilig")
      local ntables = #tables()
      -- "A" and "a" are one column name to SQLite: the create fails after the old table was dropped
      local bad = dataset { { "A", { 1 } }, { "a", { 2 } } }
      local ok, err = pcall(save, bad, "veilig")
      assert.is_false(ok)
      assert.matches('save%("veilig"%): duplicate column name: a', err)
      eq.assert_same(before, sql("select * from veilig"), "after the failed save")
      assert.are.equal(ntables, #tables())
      -- a failure in a new table leaves no table behind either
      ok = pcall(save, bad, "nieuw")
      assert.is_false(ok)
      assert.is_false(contains(tables(), "nieuw"))
      -- inside a transaction of the user's own, the failed save undoes only itself
      sql("begin")
      save(dataset { { "z", { 1 } } }, "in_tx")
      assert.is_false(pcall(save, bad, "in_tx"))
      sql("commit")
      assert.are.same({ 1 }, sql("select z from in_tx"):values("z"))
      -- reserved names
      ok, err = pcall(save, d, "_passend_columns")
      assert.is_false(ok)
      assert.matches("reserved", err)
    end)
  end)

  describe("SQLite files", function()
    it("reads a table of a file made by the sqlite3 tool as file.db:table", function()
      local db = dir .. "/extern.db"
      os.remove(db)
      sh(string.format("sqlite3 %s %s", run.q(db), run.q(
        "create table scholen (brin TEXT, leerlingen INTEGER, aandeel REAL, naam);" ..
        "insert into scholen values ('00AA', 120, 0.25, 'De Linde'), ('01BB', null, 0.5, 'Noorderlicht');" ..
        "create table leeg (x INTEGER);")))
      local d = read(db .. ":scholen")
      assert.are.same({ "brin", "leerlingen", "aandeel", "naam" }, d.columns)
      assert.are.equal(2, #d)
      assert.are.equal("text", d:info("brin").type)
      assert.are.equal("00AA", d:get(1, "brin"))
      assert.are.equal(120, d:get(1, "leerlingen"))
      assert.is_nil(d:get(2, "leerlingen"))
      assert.are.equal(0.5, d:get(2, "aandeel"))
      assert.are.equal("text", d:info("naam").type)
      assert.are.same({ "leeg", "scholen" }, tables(db))
      local ok, err = pcall(read, db .. ":bestaat_niet")
      assert.is_false(ok)
      assert.matches('extern%.db: no table "bestaat_niet" %(tables: leeg, scholen%)', err)
      ok, err = pcall(read, db)
      assert.is_false(ok)
      assert.matches("name the table", err)
      local notdb = run.write(dir .. "/nep.db", "dit is geen database, maar tekst die lang genoeg is om te tellen\n")
      ok, err = pcall(read, notdb .. ":t")
      assert.is_false(ok)
      assert.matches("nep%.db: file is not a database", err)
    end)

    it("d:write('file.db:table') and read back keep data and metadata", function()
      local d = sample()
      local db = dir .. "/rt.db"
      d:write(db .. ":meting")
      d:write(db .. ":kopie")
      eq.assert_same(d, read(db .. ":meting"), "file round trip")
      assert.are.same({ "kopie", "meting" }, tables(db))
    end)

    it("passend --db file keeps saved tables across two runs", function()
      local db = dir .. "/sessie.db"
      os.remove(db)
      local _, err, code = run.passend("--db " .. run.q(db) .. " -e " .. run.q(
        'local d = dataset{ {"q1", {4, 8, 2}}, {"actor", {"ouder", "leraar", "ouder"}} }\n' ..
        'd:set_info("q1", { label = "Overleg", missing = {8}, value_labels = {[8] = "weet niet"} })\n' ..
        'save(d, "m")'))
      assert.are.equal(0, code, err)
      local out
      out, err, code = run.passend("--db " .. run.q(db) .. " -e " .. run.q(
        'local d = sql("select * from m")\n' ..
        'local i = d:info("q1")\n' ..
        'print(table.concat(tables(), ","), #d, d:get(2, "actor"), i.label, i.missing[1], i.value_labels[8], d.q1:mean())'))
      assert.are.equal(0, code, err)
      assert.are.equal("m\t3\tleraar\tOverleg\t8\tweet niet\t3.0\n", out)
      -- without --db the session database is in memory: nothing saved before
      out, err, code = run.passend("-e " .. run.q("print(#tables())"))
      assert.are.equal(0, code, err)
      assert.are.equal("0\n", out)
    end)
  end)
end)
