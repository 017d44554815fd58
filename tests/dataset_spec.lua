-- The native dataset: construction, access, metadata, operations, column objects,
-- preview and describe, completion.
local R = dofile("tests/support/r.lua")

local function column(d, name)
  local out = {}
  for i = 1, #d do out[i] = d:get(i, name) end
  return out
end

local function sample()
  return dataset{
    { "id", { 1, 2, 3, 4, 5, 6 } },
    { "actor", { "ouder", "leraar", "ouder", nil, "ib'er", "leraar" } },
    { "q1", { 3, 8, 4, 9, nil, 5 }, label = "Overleg", missing = { 8, 9 },
      value_labels = { [8] = "weet niet", [9] = "n.v.t." } },
    { "q2", { 1, 2, 3, 4, 5, 2 } },
    n = 6,
  }
end

describe("dataset{} and access", function()
  it("builds typed columns in order, with holes as missing", function()
    local d = sample()
    assert.are.equal(6, #d)
    assert.are.same({ "id", "actor", "q1", "q2" }, d.columns)
    assert.are.equal(4, d:ncol())
    assert.are.equal("text", d:info("actor").type)
    assert.are.equal("number", d:info("q1").type)
    assert.is_nil(d:get(4, "actor"))
    assert.is_nil(d:get(5, "q1"))
    assert.are.equal(8, d:get(2, "q1"))  -- user-missing stays its number
    assert.are.equal("integer", math.type(d:get(1, "id")))
    assert.are.same({ id = 2, actor = "leraar", q1 = 8, q2 = 2 }, d[2])
    assert.is_nil(d[7])
    assert.is_nil(d[0])
    assert.are.same({ 3, 8, 4, 9, nil, 5 }, d:values("q1"))
    assert.is_true(data.is_dataset(d))
    assert.is_false(data.is_dataset({}))
  end)

  it("takes the length from n, the longest column, or a column object", function()
    local d = dataset{ { "a", { 1 } }, { "b", { nil, nil, "x" } } }
    assert.are.equal(3, #d)
    local e = dataset{ { "a", {} }, n = 4 }
    assert.are.equal(4, #e)
    local f = dataset{ { "c", d.a } }
    assert.are.equal(3, #f)
    assert.are.equal(1, f:get(1, "c"))
    local g = dataset{ { "t", { true, false } }, meta = { title = "T" } }
    assert.are.same({ 1, 0 }, column(g, "t"))
    assert.are.equal("T", g:meta().title)
  end)

  it("rejects mixed types, duplicate names and bad entries", function()
    assert.has_error(function() dataset{ { "a", { 1, "x" } } } end, 'column "a" row 2: expected a number (as the first value), found string')
    assert.has_error(function() dataset{ { "a", { 1 } }, { "a", { 2 } } } end, 'dataset: column "a" given twice')
    assert.has_error(function() dataset{ { 1, { 2 } } } end)
    assert.has_error(function() dataset{ { "a", { x = 1 } } } end)
  end)

  it("get and row check their arguments", function()
    local d = sample()
    assert.has_error(function() d:get(7, "id") end, "row 7 is out of range (the dataset has 6 rows)")
    assert.has_error(function() d:get(1, "nope") end, 'no column "nope" in the data')
    assert.is_nil(d.nope)
    assert.is_true(d:has("q1"))
    assert.is_false(d:has("nope"))
  end)
end)

describe("metadata", function()
  it("info reports label, value labels, missing codes and range", function()
    local d = sample()
    local info = d:info("q1")
    assert.are.same({ name = "q1", type = "number", label = "Overleg", missing = { 8, 9 },
      value_labels = { [8] = "weet niet", [9] = "n.v.t." } }, info)
  end)

  it("set_info changes in place, false clears, and a bad table changes nothing", function()
    local d = sample()
    local shared = d:select("q1")  -- shares the column
    d:set_info("q1", { label = "Nieuw", missing = { 9 }, missing_range = { 90, 99 }, decimals = 2 })
    local info = d:info("q1")
    assert.are.equal("Nieuw", info.label)
    assert.are.same({ 9 }, info.missing)
    assert.are.same({ 90, 99 }, info.missing_range)
    assert.are.equal(2, info.decimals)
    assert.are.equal("Overleg", shared:info("q1").label)  -- the shared copy is untouched
    d:set_info("q1", { label = false, value_labels = false, missing_range = false })
    assert.is_nil(d:info("q1").label)
    assert.are.same({}, d:info("q1").value_labels)
    assert.is_nil(d:info("q1").missing_range)
    local before = d:info("q2")
    assert.has_error(function() d:set_info("q2", { label = "ok", missing = { "x" } }) end,
      'column "q2": missing codes must be numbers, found string')
    assert.are.same(before, d:info("q2"))
    assert.has_error(function() d:set_info("actor", { missing = { 9 } }) end)
    assert.has_error(function() d:set_info("q2", { missing_range = { 5, 1 } }) end)
  end)

  it("a missing range makes values user-missing", function()
    local d = dataset{ { "x", { 1, 2, 97, 98, 99 } } }
    d:set_info("x", { missing_range = { 97, 99 } })
    assert.are.equal(1.5, d.x:mean())
    assert.are.equal(2, d.x:count())
  end)

  it("meta() is a mutable table that operations carry along", function()
    local d = sample()
    d:meta().title = "Meting 2023"
    d:meta().notes = { "a" }
    assert.are.equal("Meting 2023", d:meta().title)
    local f = d:filter(function(r) return r.q2 > 2 end)
    assert.are.equal("Meting 2023", f:meta().title)
    f:meta().title = "ander"
    assert.are.equal("Meting 2023", d:meta().title)
  end)
end)

describe("operations", function()
  it("filter with a function or a mask column", function()
    local d = sample()
    local f = d:filter(function(r) return r.actor == "ouder" end)
    assert.are.same({ 1, 3 }, column(f, "id"))
    assert.are.same({ "Overleg" }, { f:info("q1").label })
    local g = d:filter(d.q2:ge(3))
    assert.are.same({ 3, 4, 5 }, column(g, "id"))
    local h = d:filter(d.actor:eq("leraar"))
    assert.are.same({ 2, 6 }, column(h, "id"))
    assert.are.equal(0, #d:filter(function() return false end))
    assert.has_error(function() d:filter(d.actor) end)
  end)

  it("callbacks get a read-only row view: fields, pairs, printing", function()
    local d = sample()
    local seen, keys = nil, nil
    d:filter(function(r)
      if r.id == 4 then
        seen = tostring(r)
        keys = {}
        for k, v in pairs(r) do keys[#keys + 1] = k .. "=" .. tostring(v) end
      end
      return true
    end)
    assert.are.equal('row 4 { id = 4, actor = nil, q1 = 9, q2 = 4 }', seen)
    assert.are.same({ "id=4", "q1=9", "q2=4" }, keys)
    assert.has_error(function() d:filter(function(r) r.q1 = 1 end) end,
      'a row is read-only here (set "q1" with d:derive or d.q1 = ...)')
    -- a field that is not a column is an error with the closest names, in filter, derive and
    -- rows(), at the line that reads it: a misspelt r.actr must not quietly read as missing
    local function raises(msg, f)
      local ok, e = pcall(f)
      assert.is_false(ok)
      assert.is_truthy(tostring(e):find(msg, 1, true), tostring(e))
      assert.matches("^tests/dataset_spec%.lua:%d+: ", tostring(e))
    end
    raises('no column "actr" in the data (did you mean "actor"?)',
      function() d:filter(function(r) return r.actr == "ouder" end) end)
    raises('no column "nope" in the data', function() d:derive("x", function(r) return r.nope end) end)
    for _, r in d:rows() do
      raises('no column "Q1" in the data (did you mean "q1" or "q2"?)', function() return r.Q1 end)
      break
    end
    assert.is_false(d:has("nope"))   -- how code asks whether a column exists
    -- a view kept after the call still reads its row
    local kept
    d:filter(function(r) if r.id == 2 then kept = r end end)
    assert.are.equal("leraar", kept.actor)
  end)

  it("select, drop and rename build new datasets", function()
    local d = sample()
    assert.are.same({ "q2", "id" }, d:select("q2", "id").columns)
    assert.are.same({ "q2", "id" }, d:select{ "q2", "id" }.columns)
    assert.are.same({ "id", "q2" }, d:drop("actor", "q1").columns)
    local r = d:rename{ q1 = "overleg", id = "nr" }
    assert.are.same({ "nr", "actor", "overleg", "q2" }, r.columns)
    assert.are.same({ "id", "actor", "q1", "q2" }, d.columns)
    assert.are.same({ 8, 9 }, r:info("overleg").missing)
    local s = d:rename{ q1 = "q2", q2 = "q1" }
    assert.are.same(column(d, "q2"), column(s, "q1"))
    assert.has_error(function() d:select("nope") end, 'no column "nope" in the data')
    assert.has_error(function() d:select("id", "id") end)
    assert.has_error(function() d:drop("nope") end)
    assert.has_error(function() d:rename{ q1 = "q2" } end, 'rename: two columns would be called "q2"')
    assert.has_error(function() d:rename{ nope = "x" } end)
  end)

  it("derive with a function adds a column in place and returns the dataset", function()
    local d = sample()
    local r = d:derive("sector", function(row) return row.q2 > 2 and "vo" or "po" end)
    assert.are.equal(d, r)
    assert.are.same({ "po", "po", "vo", "vo", "vo", "po" }, column(d, "sector"))
    d:derive("dubbel", function(row) return row.q1 and row.q1 * 2 end)
    assert.are.same({ 6, 16, 8, 18, nil, 10 }, column(d, "dubbel"))
    d:derive("vlag", function(row) return row.id % 2 == 0 end)
    assert.are.same({ 0, 1, 0, 1, 0, 1 }, column(d, "vlag"))
    d:derive("q2", function(row) return -row.q2 end)  -- replaces in place, same position
    assert.are.equal("q2", d.columns[4])
    assert.are.equal(-1, d:get(1, "q2"))
    local cols = #d.columns
    assert.has_error(function() d:derive("bad", function(row) return row.id == 3 and "x" or 1 end) end,
      'derive "bad": row 3 gave string, earlier rows gave numbers')
    assert.are.equal(cols, #d.columns)
  end)

  it("derive column-wise in C, and d.x = ...", function()
    local d = sample()
    d:derive("s", d.q1 + d.q2)
    assert.are.same({ 4, nil, 7, nil, nil, 7 }, column(d, "s"))  -- user-missing 8, 9 give missing
    d.t = (d.q2 * 2 - 1) / 2
    assert.are.same({ 0.5, 1.5, 2.5, 3.5, 4.5, 1.5 }, column(d, "t"))
    d.u = { 1, 2 }
    assert.are.same({ 1, 2 }, { d:get(1, "u"), d:get(2, "u") })
    assert.is_nil(d:get(3, "u"))
    d.u = nil
    assert.is_false(d:has("u"))
    assert.has_error(function() d.v = { 1, 2, 3, 4, 5, 6, 7 } end)
  end)

  it("sort: several keys, descending, stable, missing last", function()
    local d = dataset{
      { "g", { "b", "a", "b", nil, "a", "c" } },
      { "x", { 2, 1, nil, 5, 1, 0 } },
      { "i", { 1, 2, 3, 4, 5, 6 } },
    }
    assert.are.same({ 2, 5, 1, 3, 6, 4 }, column(d:sort("g"), "i"))
    assert.are.same({ 6, 1, 3, 2, 5, 4 }, column(d:sort("-g"), "i"))
    assert.are.same({ 4, 1, 2, 5, 6, 3 }, column(d:sort("-x"), "i"))
    assert.are.same({ 2, 5, 1, 3, 6, 4 }, column(d:sort("g", "-x"), "i"))
    assert.are.same({ 2, 5, 1, 3, 6, 4 }, column(d:sort{ "g", "-x" }, "i"))
    assert.has_error(function() d:sort() end)
    -- stability on a larger input (merge sort path)
    local n, gs, is = 200, {}, {}
    for k = 1, n do gs[k] = k % 3; is[k] = k end
    local big = dataset{ { "g", gs }, { "i", is } }:sort("g")
    for k = 2, n do
      local a, b = big:get(k - 1, "g"), big:get(k, "g")
      assert.is_true(a < b or (a == b and big:get(k - 1, "i") < big:get(k, "i")))
    end
  end)

  it("head and tail", function()
    local d = sample()
    assert.are.same({ 1, 2 }, column(d:head(2), "id"))
    assert.are.same({ 5, 6 }, column(d:tail(2), "id"))
    assert.are.equal(6, #d:head())
    assert.are.equal(0, #d:head(0))
  end)

  it("join: left join with repeats, no match, missing keys, suffix, several keys", function()
    local d = dataset{ { "school", { 1, 2, 3, nil } }, { "v", { "a", "b", "c", "d" } } }
    local s = dataset{ { "school", { 2, 1, 2, 9 } }, { "regio", { "N", "Z", "O", "W" } }, { "v", { 10, 20, 30, 40 } } }
    local j = d:join(s, "school")
    assert.are.same({ "school", "v", "regio", "v_2" }, j.columns)
    assert.are.same({ "a", "b", "b", "c", "d" }, column(j, "v"))
    assert.are.same({ "Z", "N", "O", nil, nil }, column(j, "regio"))
    assert.are.same({ 20, 10, 30 }, { j:get(1, "v_2"), j:get(2, "v_2"), j:get(3, "v_2") })
    local k = d:join(s, "school", { suffix = ".s" })
    assert.is_true(k:has("v.s"))
    local a = dataset{ { "m", { "2022", "2023" } }, { "swv", { 1, 1 } } }
    local b = dataset{ { "m", { "2023", "2022" } }, { "swv", { 1, 1 } }, { "n", { 5, 7 } } }
    assert.are.same({ 7, 5 }, column(a:join(b, { "m", "swv" }), "n"))
    assert.has_error(function() d:join(s, "nope") end)
    local t = dataset{ { "school", { "1" } } }
    assert.has_error(function() d:join(t, "school") end,
      'join: key "school" is number in the first dataset and text in the other')
  end)

  it("stack: rows of several datasets, columns matched by name", function()
    local a = dataset{ { "meting", { "2022", "2022" } }, { "q1", { 1, 8 }, missing = { 8 }, label = "Q" } }
    local b = dataset{ { "q1", { 3, 9 }, missing = { 9 } }, { "meting", { "2023", "2022" } }, { "extra", { 1, 2 } } }
    local s = data.stack(a, b)
    assert.are.same({ "meting", "q1", "extra" }, s.columns)
    assert.are.same({ "2022", "2022", "2023", "2022" }, column(s, "meting"))
    assert.are.same({ 1, 8, 3, 9 }, column(s, "q1"))
    assert.are.same({ nil, nil, 1, 2 }, column(s, "extra"))
    assert.are.same({ 8, 9 }, s:info("q1").missing)
    assert.are.equal("Q", s:info("q1").label)
    assert.are.equal(4, #data.stack{ a, b })
    local c = dataset{ { "q1", { "x" } } }
    assert.has_error(function() data.stack(a, c) end, 'stack: column "q1" is number in dataset 1..1 and text in dataset 2')
    assert.has_error(function() data.stack() end)
  end)
end)

describe("column objects", function()
  it("statistics leave out system- and user-missing values, as R does", function()
    R.require_available()
    local xs, n = {}, 57
    for k = 1, n do xs[k] = (k * 37 % 11) + k / 7 end
    xs[5], xs[9] = nil, 8
    local d = dataset{ { "x", xs, missing = { 8 } }, n = n }
    local vals = {}
    for k = 1, n do if xs[k] ~= nil and xs[k] ~= 8 then vals[#vals + 1] = xs[k] end end
    local res = R.run([[ out("mean", mean(d$x)); out("sd", sd(d$x)); out("sum", sum(d$x)) ]],
      { data = { { "x", vals } } })
    R.assert_close(d.x:mean(), res.mean[1], "mean")
    R.assert_close(d.x:sd(), res.sd[1], "sd")
    R.assert_close(d.x:sum(), res.sum[1], "sum")
    assert.are.equal(#vals, d.x:count())
    assert.are.equal(2, d.x:nmissing())
  end)

  it("min, max, and nil when nothing is valid", function()
    local d = sample()
    assert.are.equal(3, d.q1:min())
    assert.are.equal(5, d.q1:max())
    local e = dataset{ { "x", { 8 }, missing = { 8 } } }
    assert.is_nil(e.x:mean())
    assert.is_nil(e.x:sd())
    assert.has_error(function() return d.actor:mean() end, 'mean: column "actor" is text, expected numbers')
  end)

  it("arithmetic propagates missing values; comparisons give 1/0; & | ~ use three-valued logic", function()
    local d = dataset{ { "a", { 1, 2, nil, 4 } }, { "b", { 2, 0, 1, 8 }, missing = { 8 } } }
    assert.are.same({ 3, 2, nil, nil }, (d.a + d.b):values())
    assert.are.same({ -1, 2 }, { (d.a - d.b)[1], (d.a - d.b)[2] })
    assert.are.same({ 0.5, math.huge }, { (d.a / d.b)[1], (d.a / d.b)[2] })
    assert.are.same({ 0, 1, 0 }, { (d.a // 2)[1], (d.a // 2)[2], (d.a % 2)[2] })
    assert.are.equal(1, (d.a ^ 2)[1])
    assert.are.equal(16, (2 ^ d.a)[4])
    assert.are.equal(-4, (-d.a)[4])
    assert.are.same({ 0, 1, nil, nil }, d.a:gt(d.b):values())
    assert.are.same({ 1, 1, nil, 1 }, d.a:ge(1):values())
    assert.are.same({ 1, 0, nil, 0 }, d.a:lt(2):values())
    assert.are.same({ 1, 1, nil, 0 }, d.a:le(2):values())
    assert.are.same({ 0, 1, nil, 0 }, d.a:eq(2):values())
    assert.are.same({ 1, 0, nil, 1 }, d.a:ne(2):values())
    local t, f, m = d.a:eq(1), d.a:eq(2), d.a:eq(3)  -- row 3 is missing in all
    assert.are.same({ 0, 0, nil, 0 }, (t & f):values())
    assert.are.same({ 1, 1, nil, 0 }, (t | f):values())
    assert.are.same({ 0, 1, nil, 1 }, (~t):values())
    local z = dataset{ { "x", { 0, 1, nil } }, { "y", { nil, nil, nil } }, n = 3 }
    assert.are.same({ 0, nil, nil }, (z.x & z.y):values())  -- false and missing = false
    assert.are.same({ nil, 1, nil }, (z.x | z.y):values())  -- true or missing = true
    assert.are.same({ 1, 2, 0, 4 }, d.a:fill(0):values())
    assert.are.same({ 0, 0, 1, 0 }, d.a:ismissing():values())
    assert.are.same({ 1, 0, nil, 1 }, d.a:pmin(d.b:fill(1)):values())
    assert.are.same({ 2, 2, nil, 4 }, d.a:pmax(2):values())
    local _ = m
  end)

  it("text columns compare with eq/ne and refuse arithmetic", function()
    local d = sample()
    assert.are.same({ 1, 0, 1, nil, 0, 0 }, { table.unpack(d.actor:eq("ouder"):values(), 1, 6) })
    assert.are.same({ 0, 1, 0 }, { table.unpack(d.actor:ne("ouder"):values(), 1, 3) })
    assert.are.same({ 0, 0, 0 }, { table.unpack(d.actor:eq("niemand"):values(), 1, 3) })
    assert.has_error(function() return d.actor + 1 end, "'+' on column \"actor\": it is text, expected numbers")
    local other = dataset{ { "x", { 1, 2 } } }
    assert.has_error(function() return d.q2 + other.x end)
  end)

  it("freq: counts with value labels, user- and system-missing rows", function()
    local d = sample()
    local f = d.q1:freq()
    assert.are.same({ 3, 4, 5, 8, 9, nil }, { f:get(1, "value"), f:get(2, "value"), f:get(3, "value"),
      f:get(4, "value"), f:get(5, "value"), f:get(6, "value") })
    assert.are.same({ "", "", "", "weet niet", "n.v.t.", "" }, column(f, "label"))
    assert.are.same({ 1, 1, 1, 1, 1, 1 }, column(f, "n"))
    assert.are.same({ "", "", "", "user", "user", "system" }, column(f, "missing"))
    assert.are.equal(100 / 3, f:get(1, "valid_percent"))
    assert.are.equal(100 / 6, f:get(1, "percent"))
    assert.is_nil(f:get(4, "valid_percent"))
    local t = d.actor:freq()
    assert.are.same({ "ib'er", "leraar", "ouder" }, { t:get(1, "value"), t:get(2, "value"), t:get(3, "value") })
    assert.are.same({ 1, 2, 2, 1 }, column(t, "n"))
    assert.are.equal("freq", t:meta().kind)
  end)

  it("index, length, name and printing", function()
    local d = sample()
    assert.are.equal(6, #d.q1)
    assert.are.equal(3, d.q1[1])
    assert.is_nil(d.q1[7])
    assert.are.equal("q1", d.q1:name())
    assert.are.equal("Overleg", d.q1:label())
    assert.are.equal("text", d.actor:type())
    assert.are.equal('column "q1" (number): 6 rows, 3 valid: 3, 8, 4, 9, NA, 5', tostring(d.q1))
    assert.are.equal('column "actor" (text): 6 rows, 5 valid: "ouder", "leraar", "ouder", NA, "ib\'er", "leraar"',
      tostring(d.actor))
    local big = dataset{ { "x", { 1, 2, 3, 4, 5, 6, 7, 8, 9.5 } } }
    assert.are.equal('column "x" (number): 9 rows, 9 valid: 1, 2, 3, 4, 5, 6, 7, 8, ...', tostring(big.x))
  end)

  it("labels() turns codes into their value labels", function()
    local d = sample()
    local t = d.q1:labels()
    assert.are.equal("text", t:type())
    assert.are.same({ "3", "weet niet", "4", "n.v.t.", nil, "5" }, { t[1], t[2], t[3], t[4], t[5], t[6] })
    assert.are.equal("Overleg", t:label())
    assert.has_error(function() d.actor:labels() end)
  end)

  it("rows() walks the rows as views", function()
    local d = sample()
    local ids, n = {}, 0
    for i, r in d:rows() do
      n = n + 1
      ids[i] = r.id * 10
    end
    assert.are.equal(6, n)
    assert.are.same({ 10, 20, 30, 40, 50, 60 }, ids)
    for _ in dataset{ { "x", {} } }:rows() do error("no rows expected") end
  end)
end)

describe("preview and describe", function()
  local function lines(s)
    local t = {}
    for l in (s .. "\n"):gmatch("(.-)\n") do t[#t + 1] = l end
    return t
  end

  it("shows size, types and rows, missing as NA", function()
    local p = sample():preview{ width = 80 }
    local l = lines(p)
    assert.are.equal("dataset: 6 rows x 4 columns", l[1])
    assert.matches("^%s+id actor%s+q1%s+q2$", l[2])
    assert.matches("^%s+<num> <text>%s+<num> <num>$", l[3])
    assert.matches("^4%s+4 NA%s+9%s+4$", l[7])
    assert.are.equal(9, #l)
    assert.are.equal(p, tostring(sample()))  -- __tostring is the preview (at the terminal width)
  end)

  it("cuts wide tables to the width and long ones to 10 rows, naming what is left out", function()
    local cols = {}
    for k = 1, 30 do cols[k] = { "kolom_" .. k, { k * 1.5 } } end
    cols.n = 25
    local d = dataset(cols)
    local l = lines(d:preview{ width = 60 })
    for _, line in ipairs(l) do assert.is_true(utf8.len(line) <= 60, line) end
    assert.are.equal(2 + 1 + 10 + 1, #l)
    assert.matches("^# 15 more rows; %d+ more columns: kolom_%d+, kolom_", l[#l])
    local e = dataset{ { "x", { 1 } } }
    assert.are.equal(4, #lines(e:preview{ width = 60 }))
  end)

  it("lines decimals up and marks long text and newlines", function()
    local d = dataset{ { "w", { 1, 0.75, 1.125 } }, { "t", { string.rep("x", 30), "a\nb", "" } } }
    local l = lines(d:preview{ width = 80 })
    assert.matches("1.000 x+…", l[4])
    assert.matches("0.750 a↵b", l[5])
  end)

  it("respects the title and column decimals", function()
    local d = dataset{ { "m", { 3.14159 }, decimals = 1 }, meta = { title = "Tabel 2.1" } }
    local l = lines(d:preview{ width = 80 })
    assert.are.equal("Tabel 2.1  (dataset: 1 rows x 1 columns)", l[1])
    assert.matches("3.1$", l[4])
  end)

  it("describe: one row per column with missing codes, labels and top categories", function()
    local d = sample()
    local s = d:describe()
    assert.are.same({ "column", "type", "valid", "missing", "distinct", "mean", "min", "max", "top", "label" }, s.columns)
    assert.are.same({ "id", "actor", "q1", "q2" }, column(s, "column"))
    assert.are.same({ 6, 5, 3, 6 }, column(s, "valid"))
    assert.are.equal("8 weet niet: 1; 9 n.v.t.: 1; NA: 1", s:get(3, "missing"))
    assert.are.equal("NA: 1", s:get(2, "missing"))
    assert.are.equal(4, s:get(3, "mean"))
    assert.are.equal("leraar 40%, ouder 40%, ib'er 20%", s:get(2, "top"))
    assert.are.equal("3 33%, 4 33%, 5 33%", s:get(3, "top"))
    assert.are.equal("Overleg", s:get(3, "label"))
    assert.are.equal(3, s:get(2, "distinct"))
    -- all rows show, wrapped to the width
    local text = s:preview{ width = 60 }
    for _, line in ipairs(lines(text)) do assert.is_true(utf8.len(line) <= 60, line) end
    assert.matches("weet niet", text, 1, true)
    local e = dataset{ { "t", { "", "", "x" } } }:describe()
    assert.are.equal('"" 67%, x 33%', e:get(1, "top"))
  end)
end)

describe("completion", function()
  it("offers column names after '.' and methods after ':'", function()
    local passend = require("passend")
    _G.__spec_d = sample()
    local dot = require("passend.shell").complete("__spec_d.q")
    assert.are.same({ "__spec_d.q1", "__spec_d.q2" }, dot)
    local colon = require("passend.shell").complete("__spec_d:des")
    assert.are.same({ "__spec_d:describe" }, colon)
    local all = require("passend.shell").complete("__spec_d.")
    local set = {}
    for _, w in ipairs(all) do set[w] = true end
    assert.is_true(set["__spec_d.actor"] and set["__spec_d.columns"] and set["__spec_d.filter"])
    _G.__spec_d = nil
  end)
end)
