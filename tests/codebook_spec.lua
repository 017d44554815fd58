-- codebook(): from Lua tables, monitor.defs, CSV codebooks (item and scale rows), datasets
-- and .sav files; lookups, printing, round trip of examples/data/voorbeeld_codebook.csv, errors.
local run = dofile("tests/support/run.lua")

local stamp = os.tmpname()
local dir = stamp .. "-codebook"
os.execute("mkdir -p " .. run.q(dir))
local EXAMPLE = "examples/data/voorbeeld_codebook.csv"

local function write(name, text)
  local path = dir .. "/" .. name
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

local function err_of(f, ...)
  local ok, e = pcall(f, ...)
  assert.is_false(ok, "expected an error")
  return tostring(e)
end

local function slurp(p)
  local f = assert(io.open(p, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function names(list)
  local out = {}
  for i, s in ipairs(list) do out[i] = s.name end
  return out
end

-- A small respondent dataset with items on a 5-point and a 3-point scale.
local function small_data()
  local n = 40
  local a1, a2, a3, b1, b2, grp = {}, {}, {}, {}, {}, {}
  for i = 1, n do
    a1[i] = (i * 7) % 5 + 1
    a2[i] = (i % 9 == 0) and 8 or ((i * 3) % 5 + 1)
    a3[i] = (i % 11 == 0) and 7 or ((i * 2) % 5 + 1)
    b1[i] = (i % 3) + 1
    b2[i] = (i % 13 == 0) and 9 or ((i * 5) % 3 + 1)
    grp[i] = (i % 2 == 0) and "x" or "y"
  end
  local d = dataset{ { "g", grp }, { "a_1", a1 }, { "a_2", a2 }, { "a_3", a3 }, { "b_1", b1 }, { "b_2", b2 } }
  local five = { [1] = "helemaal oneens", [2] = "oneens", [3] = "neutraal", [4] = "eens", [5] = "helemaal eens",
                 [7] = "Doe dit niet", [8] = "weet niet" }
  for _, c in ipairs({ "a_1", "a_2", "a_3" }) do
    d:set_info(c, { label = "Overleg met ouders (item " .. c .. ")", value_labels = five, missing = { 8 } })
  end
  for _, c in ipairs({ "b_1", "b_2" }) do
    d:set_info(c, { label = "Inspraak", value_labels = { [1] = "nee", [2] = "soms", [3] = "ja", [9] = "n.v.t." } })
  end
  return d
end

describe("codebook", function()
  teardown(function() os.execute("rm -rf " .. run.q(dir) .. " " .. run.q(stamp)) end)

  describe("from Lua tables", function()
    local cb = data.codebook{
      { "d1_i1_s1", items = { "a_1", "a_2", "a_3" }, reversed = { "a_3" }, actor = { "ouder", "leraar" }, label = "Overleg" },
      { "inspraak", items = { "b_1", "b_2" }, points = 3, doelstelling = 2, indicator = "2a", subindicator = "2a.1", actor = "leerling" },
      { "d1_i2_s1", items = { "a_1", "a_2" } },
    }
    it("groups scales by doelstelling, indicator and subindicator (from the d<k>_i<k>_s<k> name when not given)", function()
      assert.are.equal(3, #cb)
      local s = cb:scale("d1_i1_s1")
      assert.are.equal(1, s.doelstelling)
      assert.are.equal(1, s.indicator)
      assert.are.equal("d1_i1_s1", s.subindicator)
      assert.are.equal("2a.1", cb:scale("inspraak").subindicator)
      local tree = cb:tree()
      assert.are.equal(2, #tree)
      assert.are.equal(1, tree[1].doelstelling)
      assert.are.equal(2, #tree[1].indicators)
      assert.are.equal("2a", tree[2].indicators[1].indicator)
      assert.are.same({ "d1_i1_s1", "d1_i2_s1" }, names(cb:scales{ doelstelling = 1 }))
      assert.are.same({ "d1_i2_s1" }, names(cb:scales{ doelstelling = 1, indicator = 2 }))
      assert.are.same({ "inspraak" }, names(cb:scales{ points = 3 }))
    end)
    it("filters per actor; a scale without actors is asked of every actor", function()
      assert.are.same({ "d1_i1_s1", "d1_i2_s1" }, names(cb:scales{ actor = "ouder" }))
      assert.are.same({ "inspraak", "d1_i2_s1" }, names(cb:scales{ actor = "leerling" }))
      assert.are.same({ "ouder", "leraar", "leerling" }, cb:actors())
      assert.are.same({ "d1_i2_s1" }, names(cb:tree{ actor = "directeur" }[1].indicators[1].subindicators[1].scales))
    end)
    it("prints readably", function()
      local s = tostring(cb)
      assert.truthy(s:find("codebook: 3 scales, actors ouder, leraar, leerling", 1, true))
      assert.truthy(s:find("doelstelling 2", 1, true))
      assert.truthy(s:find("2a.1: inspraak  3-pt, 2 items", 1, true))
      assert.truthy(s:find("d1_i1_s1  5-pt, 3 items, 1 reversed  Overleg  [ouder, leraar]", 1, true))
    end)
    it("gives scale{} objects that data.scores() and estimate() take as they are", function()
      local d = small_data()
      local via = data.scores(d, cb:scales{ actor = "ouder" })
      local direct = data.scores(d, { scale{ "d1_i1_s1", items = { "a_1", "a_2", "a_3" }, reversed = { "a_3" } },
                                 scale{ "d1_i2_s1", items = { "a_1", "a_2" } } })
      assert.are.same(direct:values("d1_i1_s1"), via:values("d1_i1_s1"))
      assert.are.same(direct:values("d1_i2_s1"), via:values("d1_i2_s1"))
      local r1 = estimate(d, cb:scales{ actor = "leerling" }, { by = { "g" } })
      local r2 = estimate(d, { scale{ "inspraak", items = { "b_1", "b_2" }, points = 3 },
                               scale{ "d1_i2_s1", items = { "a_1", "a_2" } } }, { by = { "g" } })
      assert.are.same(r2:values("mean"), r1:values("mean"))
      assert.are.same(r2:values("se"), r1:values("se"))
    end)
    it("rejects duplicate scales, bad entries and unknown filters", function()
      assert.truthy(err_of(data.codebook, { { "s", items = { "a" } }, { "s", items = { "b" } } })
        :find('codebook: duplicate scale "s" (entries 1 and 2)', 1, true))
      assert.truthy(err_of(data.codebook, { { "s", items = { "a" }, reversed = { "b" } } })
        :find('scale "s": reversed item "b" is not one of its items', 1, true))
      assert.truthy(err_of(data.codebook, { { "s", items = { "a" }, points = 12 } }):find("points must be a whole number from 2 to 11", 1, true))
      assert.truthy(err_of(function() return cb:scales{ sector = "po" } end):find('unknown filter "sector"', 1, true))
      assert.truthy(err_of(data.codebook, 42):find("expected a CSV or .sav path", 1, true))
    end)
  end)

  describe("from monitor.defs", function()
    it("has every subindicator's example items, reversed items and the actors of the report's tables", function()
      local cb = data.codebook(monitor.defs)
      local n = 0
      for _, D in ipairs(monitor.defs.doelstellingen) do
        for _, I in ipairs(D.indicators) do
          for _, S in ipairs(I.subindicators) do
            n = n + 1
            local s = cb:scale(S.scale)
            assert.are.same(S.items, s.items)
            assert.are.same(S.reversed_items, s.reversed)
            assert.are.equal(D.nr, s.doelstelling)
            assert.are.equal(I.nr, s.indicator)
          end
        end
      end
      assert.are.equal(n, #cb)
      -- Tabel 2.1's first subindicator row lists the actors asked
      local row
      for _, r in ipairs(monitor.defs.tables[1].rows) do if r.kind == "sub" then row = r; break end end
      for _, a in ipairs(row.actors) do
        local found = false
        for _, s in ipairs(cb:scales{ actor = a }) do if s.subindicator == row.id then found = true end end
        assert.is_true(found, a)
      end
    end)
  end)

  describe("from a CSV codebook", function()
    it("reads the example codebook: the scales of monitor.defs, missing codes 8 and 9", function()
      local cb = data.codebook(EXAMPLE)
      local n = 0
      for _, D in ipairs(monitor.defs.doelstellingen) do
        for _, I in ipairs(D.indicators) do
          for _, S in ipairs(I.subindicators) do
            n = n + 1
            local s = cb:scale(S.scale)
            assert.are.same(S.items, s.items)
            assert.are.same(S.reversed_items, s.reversed)
            assert.are.equal(S.points, s.points)
            assert.are.same({ 8, 9 }, s.missing)
            assert.are.equal(D.nr, s.doelstelling)
            assert.are.equal(S.title, s.label)
          end
        end
      end
      assert.are.equal(n, #cb)
    end)
    it("round-trips the example codebook byte for byte", function()
      local cb = data.codebook(EXAMPLE)
      local out = dir .. "/rt.csv"
      cb:write(out)
      assert.are.equal(slurp(EXAMPLE), slurp(out))
      local again = data.codebook(out)
      assert.are.equal(tostring(cb):gsub("%(.-%)\n", ""), tostring(again):gsub("%(.-%)\n", ""))
    end)
    it("reads one row per scale, with groups, actors, labels and min_valid", function()
      local p = write("scales.csv", table.concat({
        "doelstelling;indicator;subindicator;scale;label;actor;items;reversed;points;missing;min_valid",
        "1;1;1.1a;overleg;\"Overleg; met ouders\";ouder, leraar;a_1 a_2 a_3;a_3;5;8;2",
        "2;3;2.3b;inspraak;Inspraak;leerling;b_1 b_2;b_2;3;9;",
        "", }, "\r\n"))
      local cb = data.codebook(p)
      local s = cb:scale("overleg")
      assert.are.same({ "a_1", "a_2", "a_3" }, s.items)
      assert.are.same({ "a_3" }, s.reversed)
      assert.are.equal("Overleg; met ouders", s.label)
      assert.are.equal(2, s.min_valid)
      assert.are.same({ "ouder", "leraar" }, s.actors)
      assert.are.equal("1.1a", s.subindicator)
      assert.are.equal(3, cb:scale("inspraak").points)
      assert.are.same({ "inspraak" }, names(cb:scales{ actor = "leerling", doelstelling = 2 }))
      -- the codebook's scales score the data as scale{} does
      local d = small_data()
      local via = data.scores(d, cb:scales{ actor = "ouder" })
      local direct = data.scores(d, scale{ "overleg", items = { "a_1", "a_2", "a_3" }, reversed = { "a_3" }, missing = { 8 }, min_valid = 2 })
      assert.are.same(direct:values("overleg"), via:values("overleg"))
    end)
    it("takes missing codes from value labels such as 'geen zicht op'", function()
      local p = write("labels.csv", table.concat({
        "item,scale,label,waarden,points",
        "q_1,q,Vraag 1,\"1=nee; 2=soms; 3=ja; 6=Geen zicht op; 7=anders\",3",
        "q_2,q,Vraag 2,\"1=nee; 2=soms; 3=ja; 6=geen zicht op\",3", "" }, "\n"))
      local cb = data.codebook(p)
      assert.are.same({ 6 }, cb:scale("q").missing)
      assert.are.equal("Vraag", cb:scale("q").label)
    end)

    describe("errors name file:line:column", function()
      local function bad(name, lines)
        return err_of(data.codebook, write(name, table.concat(lines, "\n") .. "\n"))
      end
      it("unknown column", function()
        local e = bad("u.csv", { "item,scale,punten,kleur", "a,s,5,rood" })
        assert.truthy(e:find("u.csv:1:19: unknown column \"kleur\"", 1, true), e)
      end)
      it("points outside 2..11, after a field with a line break", function()
        local e = bad("p.csv", { "item,label,scale,points", "a_1,\"twee", "regels\",s,5", "a_2,x,s,12" })
        assert.truthy(e:find("p.csv:4:9: points must be from 2 to 11, found 12", 1, true), e)
        e = bad("p3.csv", { "item;label;scale;points", "a_1;prijs \x80;s;12" })  -- Windows-1252: one byte, one character
        assert.truthy(e:find("p3.csv:2:15: points must be from 2 to 11, found 12", 1, true), e)
        e = bad("p4.csv", { "item;label;scale;points", "a_1;prijs \xe2\x82\xac;s;1" }) -- UTF-8
        assert.truthy(e:find("p4.csv:2:15: points must be from 2 to 11, found 1", 1, true), e)
        e = bad("p2.csv", { "item;scale;points", "a_1;s;vijf" })
        assert.truthy(e:find("p2.csv:2:7: expected points from 2 to 11, found \"vijf\"", 1, true), e)
      end)
      it("reversed item not among the items", function()
        local e = bad("r.csv", { "scale,items,reversed", "s,a_1;a_2,a_3" })
        assert.truthy(e:find('r.csv:2:11: reversed item "a_3" is not among the items of scale "s" (a_1, a_2)', 1, true), e)
        e = bad("r2.csv", { "item,scale,reversed", "a_1,s,0", "a_2,s,a_9" })
        assert.truthy(e:find('r2.csv:3:7: reversed item "a_9" is not this row\'s item "a_2"', 1, true), e)
      end)
      it("duplicate scale", function()
        local e = bad("d.csv", { "scale,items", "s,a_1", "", "t,b_1", "s,a_2" })
        assert.truthy(e:find('d.csv:5:1: duplicate scale "s" (first defined at ' .. dir .. "/d.csv:2:1)", 1, true), e)
        e = bad("d2.csv", { "item,scale", "a_1,s", "b_1,t", "a_2,s" })
        assert.truthy(e:find('d2.csv:4:5: duplicate scale "s": its items must be on consecutive rows', 1, true), e)
        e = bad("d3.csv", { "item,scale", "a_1,s", "a_1,s" })
        assert.truthy(e:find('d3.csv:3:1: item "a_1" is listed twice in scale "s"', 1, true), e)
      end)
      it("conflicting scale fields, bad missing codes, min_valid, no item column, unreadable file", function()
        local e = bad("c.csv", { "item,scale,points", "a_1,s,5", "a_2,s,3" })
        assert.truthy(e:find('c.csv:3:7: scale "s" has points 3 here but 5 on line 2', 1, true), e)
        e = bad("m.csv", { "item,scale,missing", "a_1,s,8;negen" })
        assert.truthy(e:find('m.csv:2:7: expected missing codes as numbers (8;9), found "negen"', 1, true), e)
        e = bad("v.csv", { "scale,items,min_valid", "s,a_1 a_2,3" })
        assert.truthy(e:find('v.csv:2:11: min_valid of scale "s" must be from 1 to 2', 1, true), e)
        e = bad("n.csv", { "scale,label", "s,x" })
        assert.truthy(e:find("n.csv:1:1: the codebook needs a column item", 1, true), e)
        e = err_of(data.codebook, dir .. "/absent.csv")
        assert.truthy(e:find("absent.csv", 1, true), e)
      end)
    end)
  end)

  describe("from a dataset or .sav", function()
    it("finds scales by the <scale>_<k> rule; missing codes from user-missing codes and labels; points from the labels", function()
      local d = small_data()
      local p = dir .. "/small.sav"
      d:write(p)
      for _, cb in ipairs({ data.codebook(d), data.codebook(p) }) do
        assert.are.same({ "a", "b" }, names(cb:scales()))
        local a, b = cb:scale("a"), cb:scale("b")
        assert.are.same({ "a_1", "a_2", "a_3" }, a.items)
        assert.are.same({ 7, 8 }, a.missing)       -- 8 user-missing, 7 'Doe dit niet'
        assert.are.equal(5, a.points)
        assert.are.same({ 9 }, b.missing)          -- 'n.v.t.'
        assert.are.equal(3, b.points)
        assert.are.equal("Overleg met ouders", a.label)
      end
      -- 7 is missing only through its label: scale{} alone also leaves it out, so the scores agree
      local s1 = data.scores(d, data.codebook(p):scales())
      local s2 = data.scores(d, { scale{ "a", items = { "a_1", "a_2", "a_3" } }, scale{ "b", items = { "b_1", "b_2" }, points = 3 } })
      assert.are.same(s2:values("a"), s1:values("a"))
      assert.are.same(s2:values("b"), s1:values("b"))
    end)
    it("reads the example monitor data's .sav: the scales of the example codebook", function()
      local d = monitor.example()
      local p = dir .. "/voorbeeld.sav"
      d:write(p)
      local from_sav, from_csv = data.codebook(p), data.codebook(EXAMPLE)
      assert.are.equal(#from_csv, #from_sav)
      -- the actors with valid answers in the data are those of the report's tables
      local ref = data.codebook(monitor.defs)
      for _, s in ipairs(from_sav.list) do
        local a, b = { table.unpack(s.actors) }, { table.unpack(ref:scale(s.name).actors) }
        table.sort(a); table.sort(b)
        assert.are.same(b, a)
      end
      assert.are.same({}, data.codebook(d, { actor = false }):actors())
      assert.truthy(err_of(data.codebook, d, { actor = "vragenlijst" }):find('opts.actor: "vragenlijst" is not a variable of the data', 1, true))
      for _, s in ipairs(from_csv.list) do
        local t = from_sav:scale(s.name)
        assert.are.same(s.items, t.items)
        assert.are.same(s.missing, t.missing)
        assert.are.equal(s.points, t.points)
        assert.are.equal(s.label, t.label)
      end
    end)
    it("takes given item lists, reversed items, actors and points", function()
      local d = small_data()
      local cb = data.codebook(d, { scales = { { "overleg", items = { "a_1", "a_3" }, reversed = { "a_3" }, doelstelling = 1, indicator = 2 } },
                               actors = { overleg = { "ouder" } } })
      local s = cb:scale("overleg")
      assert.are.same({ "a_1", "a_3" }, s.items)
      assert.are.same({ "a_3" }, s.reversed)
      assert.are.same({ "overleg" }, names(cb:scales{ actor = "ouder", doelstelling = 1, indicator = 2 }))
      cb = data.codebook(d, { scales = { x = { "b_1", "b_2" } }, points = 5 })
      assert.are.equal(5, cb:scale("x").points)
    end)
    it("names the item that the data lacks, and a text item", function()
      local d = small_data()
      local e = err_of(data.codebook, d, { scales = { overleg = { "a_1", "a_9" } } })
      assert.truthy(e:find('codebook: scale "overleg": item "a_9" is not a variable of the data', 1, true), e)
      local p = dir .. "/small2.sav"
      d:write(p)
      e = err_of(data.codebook, p, { scales = { overleg = { "a_1", "a_9" } } })
      assert.truthy(e:find('item "a_9" is not a variable of ' .. p, 1, true), e)
      e = err_of(data.codebook, d, { scales = { overleg = { "a_1", "g" } } })
      assert.truthy(e:find('item "g" is a text variable', 1, true), e)
      e = err_of(data.codebook, dataset{ { "x", { 1, 2 } } })
      assert.truthy(e:find("no scale items found", 1, true), e)
    end)
  end)
end)
