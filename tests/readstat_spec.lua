-- SPSS / Stata / SAS files through ReadStat: reading a file made by a real tool (ReadStat's
-- `readstat` command), cross-checks with R (foreign, haven), round trips, bad input.
local run = dofile("tests/support/run.lua")
local R = dofile("tests/support/r.lua")
local eq = dofile("tests/support/dataset_eq.lua")

local FIX = "tests/fixtures/readstat/"
-- os.tmpname reserves a unique name (mkstemp): concurrent runs never share the directory
local stamp = os.tmpname()
local dir = stamp .. "-readstat"
os.execute("mkdir -p " .. run.q(dir))

local function sh(cmd)
  local ok = os.execute(cmd .. " >/dev/null 2>&1")
  assert(ok == true or ok == 0, "command failed: " .. cmd)
end

-- The fixture: readstat converts CSV + JSON metadata to .sav (see tests/fixtures/readstat/README.md).
local function make_fixture(name)
  local path = dir .. "/" .. name
  os.remove(path)
  sh(string.format("readstat %s %s %s", run.q(FIX .. "monitor.csv"), run.q(FIX .. "monitor.json"), run.q(path)))
  return path
end

local function bytes(path) return run.slurp(path) end

local function files_in(d)
  local p = io.popen("ls -A " .. run.q(d))
  local list = {}
  for l in p:lines() do list[#list + 1] = l end
  p:close()
  table.sort(list)
  return table.concat(list, " ")
end

local function rstr(s) return "'" .. s:gsub("\\", "\\\\"):gsub("'", "\\'") .. "'" end

local expected = {
  id = { 1, 2, 3, 4, 5, 6 },
  meting = { "2023", "2023", "2023", "2022", "2022", "2022" },
  swv = { "PV2601", "PV2601", "PV2702", "PV2702", nil, "PV2801" },
  actor = { "ouder", "leraar", "ouder", "ib'er", "leraar", "ouder, stief" },
  w = { 1.25, 0.75, 1.5, 2, 1, 0.5 },
  q1 = { 4, 8, 9, 3, 5, 1 },
  q2 = { 5, 2, nil, 99, 8, 93 },
  uren = { 12.5, 3, 0.25, nil, 40, 7.75 },
}

describe("SPSS files through ReadStat", function()
  local sav
  setup(function() sav = make_fixture("monitor.sav") end)

  it("reads a .sav written by ReadStat's readstat tool: values, types, labels, missing codes", function()
    local d = read(sav)
    assert.are.equal(6, #d)
    assert.are.same({ "id", "meting", "swv", "actor", "w", "q1", "q2", "uren" }, d.columns)
    for name, values in pairs(expected) do
      for r = 1, 6 do
        assert.are.equal(values[r], d:get(r, name), name .. "[" .. r .. "]")
      end
    end
    assert.are.equal("number", d:info("id").type)
    assert.are.equal("text", d:info("meting").type)
    local q1 = d:info("q1")
    assert.are.equal("Overleg met ouders over ondersteuning", q1.label)
    assert.are.same({ [1] = "helemaal oneens", [3] = "neutraal", [5] = "helemaal eens",
                      [8] = "weet niet", [9] = "n.v.t." }, q1.value_labels)
    assert.are.same({ 8, 9 }, q1.missing)
    assert.is_nil(q1.missing_range)
    local q2 = d:info("q2")
    assert.are.equal("Tevredenheid (één keer per jaar gevraagd)", q2.label)
    assert.are.same({ 8 }, q2.missing)
    assert.are.same({ 90, 99 }, q2.missing_range)
    assert.are.same({ [8] = "geen zicht op", [99] = "geweigerd" }, q2.value_labels)
    -- readstat 1.1.8 writes every number as F8.2; the decimals come from that format
    assert.are.equal(2, d:info("w").decimals)
    assert.is_nil(d:info("actor").decimals)
  end)

  it("agrees with R's foreign::read.spss on values, user-missing codes and valid means", function()
    local d = read(sav)
    local res = R.run(string.format([==[
      library(foreign)
      raw <- read.spss(%s, to.data.frame = FALSE, use.value.labels = FALSE, use.missings = FALSE)
      na  <- read.spss(%s, to.data.frame = FALSE, use.value.labels = FALSE, use.missings = TRUE)
      m <- attr(raw, "missings")
      for (v in c("id", "w", "q1", "q2", "uren")) out(v, raw[[v]])
      out("q1_missing", m$q1$value)
      out("q2_missing", m$q2$value)
      out("q1_mean", mean(na$q1, na.rm = TRUE))
      out("q2_mean", mean(na$q2, na.rm = TRUE))
      out("q1_labels", sort(attr(raw$q1, "value.labels")))
    ]==], rstr(sav), rstr(sav)))
    for _, v in ipairs { "id", "w", "q1", "q2", "uren" } do
      local mine = {}
      for r = 1, #d do mine[r] = d:get(r, v) or 0 / 0 end
      R.assert_close(mine, res[v], v)
    end
    assert.are.same(res.q1_missing, d:info("q1").missing)
    -- R lists a range plus a code as lo, hi, code
    local q2 = d:info("q2")
    assert.are.same(res.q2_missing, { q2.missing_range[1], q2.missing_range[2], q2.missing[1] })
    R.assert_close(d.q1:mean(), res.q1_mean[1], "mean of valid q1")
    R.assert_close(d.q2:mean(), res.q2_mean[1], "mean of valid q2")
    local codes = {}
    for k in pairs(d:info("q1").value_labels) do codes[#codes + 1] = k end
    table.sort(codes)
    assert.are.same(res.q1_labels, codes)
  end)

  it("round trips .sav and .zsav: read -> write -> read gives identical data and metadata", function()
    local d = read(sav)
    d:meta().title = "Monitor passend onderwijs 2023"
    d:meta().notes = { "Bron: Doelstellingenmonitor", "Tweede regel" }
    for _, ext in ipairs { "sav", "zsav" } do
      local out = dir .. "/rt." .. ext
      d:write(out)
      local e = read(out)
      eq.assert_same(d, e, ext)
      assert.are.equal("Monitor passend onderwijs 2023", e:meta().title)
      assert.are.same({ "Bron: Doelstellingenmonitor", "Tweede regel" }, e:meta().notes)
      -- a note longer than SPSS's 80-byte document line comes back as lines, split at spaces
      local long = string.rep("Onderdrukt wegens te weinig respondenten; ", 4) .. "éénmaal"
      d:meta().notes = { long }
      d:write(out)
      local lines = read(out):meta().notes
      assert.is_true(#lines >= 3)
      for _, l in ipairs(lines) do assert.is_true(#l <= 80 and utf8.len(l) ~= nil, l) end
      assert.are.equal(long, table.concat(lines, " "))
      d:meta().notes = { "Bron: Doelstellingenmonitor", "Tweede regel" }
      -- and once more from what was read back
      local out2 = dir .. "/rt2." .. ext
      e:write(out2)
      eq.assert_same(e, read(out2), ext .. " second round")
    end
  end)

  it("writes .sav that R (haven) reads with the same labels and user-missing codes", function()
    local d = read(sav)
    local out = dir .. "/forR.sav"
    data.write_sav(d, out)
    local res = R.run(string.format([==[
      library(haven)
      x <- read_sav(%s, user_na = TRUE)
      out("q1_na", attr(x$q1, "na_values"))
      out("q2_na", c(attr(x$q2, "na_range"), attr(x$q2, "na_values")))
      out("q1_codes", unname(attr(x$q1, "labels")))
      out("w", as.numeric(x$w))
      out("nlab", nchar(attr(x$q2, "label"), type = "chars"))
    ]==], rstr(out)))
    assert.are.same({ 8, 9 }, res.q1_na)
    assert.are.same({ 90, 99, 8 }, res.q2_na)
    assert.are.same({ 1, 3, 5, 8, 9 }, res.q1_codes)
    R.assert_close({ 1.25, 0.75, 1.5, 2, 1, 0.5 }, res.w, "w")
    assert.are.equal(utf8.len(d:info("q2").label), res.nlab[1])
  end)

  it("round trips .dta: user-missing codes travel as Stata's .a, .b and come back", function()
    local d = read(sav)
    d:meta().title = "Monitor 2023"
    local out = dir .. "/rt.dta"
    d:write(out)
    local e = read(out)
    eq.assert_same(d, e, "dta", { skip_meta = { decimals = true } })
    assert.are.equal("Monitor 2023", e:meta().title)
    assert.is_nil(e:meta().notes) -- passend's own missing-code notes stay internal
    -- the same data through write_dta and a second round keep the decimals too
    data.write_dta(e, dir .. "/rt2")
    eq.assert_same(e, read(dir .. "/rt2.dta"), "dta second round")
    -- Stata's view (through haven): user-missing codes are extended missing values
    local res = R.run(string.format([==[
      library(haven)
      x <- read_dta(%s)
      out("q1_tag", match(na_tag(x$q1), letters))
      out("q2_tag", match(na_tag(x$q2), letters))
      out("q1_mean", mean(x$q1, na.rm = TRUE))
      out("q2", as.numeric(x$q2))
    ]==], rstr(out)))
    -- q1: 8 -> .a, 9 -> .b; q2: codes 8, 93 and 99 (the last two in its range 90..99)
    local nan = 0 / 0
    R.assert_close({ nan, 1, 2, nan, nan, nan }, res.q1_tag, "q1 tags")
    R.assert_close({ nan, nan, nan, 3, 1, 2 }, res.q2_tag, "q2 tags")
    R.assert_close(d.q1:mean(), res.q1_mean[1], "Stata-side mean of q1 leaves the codes out")
    R.assert_close({ 5, 2, nan, nan, nan, nan }, res.q2, "q2 values")
  end)

  it("reads SPSS portable (.por) and SAS (.sas7bdat) files made by readstat", function()
    local sas = dir .. "/monitor.sas7bdat"
    sh(string.format("readstat %s %s", run.q(sav), run.q(sas)))
    local d, s = read(sav), read(sas)
    assert.are.equal(#d, #s)
    for _, v in ipairs { "id", "w", "q1", "q2", "uren", "actor", "swv" } do
      for r = 1, #d do assert.are.equal(d:get(r, v), s:get(r, v), v .. "[" .. r .. "]") end
    end
    assert.are.equal("Weegfactor", s:info("w").label)
    -- .por wants upper-case names: convert a small file with those
    local csv = run.write(dir .. "/por.csv", "ID,Q1\n1,4\n2,8\n3,\n")
    local json = run.write(dir .. "/por.json", [[{"type":"SPSS","variables":[{"type":"NUMERIC","name":"ID"},
      {"type":"NUMERIC","name":"Q1","label":"Vraag 1","categories":[{"code":8,"label":"weet niet"}],
       "missing":{"type":"DISCRETE","values":[8]}}]}]])
    os.remove(dir .. "/por.sav"); os.remove(dir .. "/x.por")
    sh(string.format("readstat %s %s %s", run.q(csv), run.q(json), run.q(dir .. "/por.sav")))
    sh(string.format("readstat %s %s", run.q(dir .. "/por.sav"), run.q(dir .. "/x.por")))
    local p = read(dir .. "/x.por")
    assert.are.equal(3, #p)
    assert.are.same({ "ID", "Q1" }, p.columns)
    assert.are.equal(8, p:get(2, "Q1"))
    assert.is_nil(p:get(3, "Q1"))
    assert.are.same({ 8 }, p:info("Q1").missing)
    assert.are.same({ [8] = "weet niet" }, p:info("Q1").value_labels)
  end)

  it("opts.encoding overrides the file's character set (old Stata files)", function()
    -- the fixture's UTF-8 bytes read as Windows-1252: each byte becomes its own character
    local d = read(sav, { encoding = "windows-1252" })
    local utf8_label = read(sav):info("q2").label
    local expected = utf8_label:gsub("[\128-\255]", function(c) return utf8.char(c:byte()) end)
    assert.are.equal(expected, d:info("q2").label)
    assert.are_not.equal(utf8_label, expected)
    local ok, err = pcall(read, sav, { encoding = "klingon" })
    assert.is_false(ok)
    assert.matches("unsupported character set", err)
    ok, err = pcall(read, sav, { sep = ";" })
    assert.is_false(ok)
    assert.matches('unknown option "sep"', err)
  end)

  it("shortens labels longer than a format holds at a character boundary", function()
    local d = dataset { { "q", { 1, 2 } } }
    local label, vlabel = "x" .. string.rep("é", 300), "x" .. string.rep("é", 100)
    d:set_info("q", { label = label, value_labels = { [1] = vlabel } })
    d:meta().title = "t" .. string.rep("é", 200)
    -- SPSS: 256 bytes for a variable label, 120 for a value label, 64 for the file label
    for _, case in ipairs { { "sav", 256, 120, 64 }, { "dta", 320, nil, 256 } } do
      local f = dir .. "/labels." .. case[1]
      d:write(f)
      local e = read(f)
      local l, v, t = e:info("q").label, e:info("q").value_labels[1], e:meta().title
      for _, s in ipairs { l, v, t } do assert.is_truthy(utf8.len(s), case[1] .. ": invalid UTF-8") end
      assert.is_true(#l <= case[2] and #l > case[2] - 4 and label:sub(1, #l) == l, case[1] .. " label")
      if case[3] then assert.is_true(#v <= case[3] and #v > case[3] - 4 and vlabel:sub(1, #v) == v)
      else assert.are.equal(vlabel, v) end
      assert.is_true(#t <= case[4] and #t > case[4] - 4, case[1] .. " title")
    end
  end)

  it("keeps long text in .dta (strL) and text with quotes and UTF-8", function()
    local long = string.rep("lang antwoord ", 200) -- 2800 bytes, past Stata's str2045
    local d = dataset { { "id", { 1, 2, 3 } }, { "open", { long, "één \"quote\"" } } }
    d:write(dir .. "/long.dta")
    local e = read(dir .. "/long.dta")
    assert.are.equal(long, e:get(1, "open"))
    assert.are.equal("één \"quote\"", e:get(2, "open"))
    assert.is_nil(e:get(3, "open"))
  end)
end)

describe("bad SPSS and Stata files", function()
  local sav
  setup(function() sav = make_fixture("bad-src.sav") end)
  teardown(function() os.execute("rm -rf " .. run.q(dir)); os.remove(stamp) end)

  it("a truncated .sav fails naming the file and what is wrong, and loads nothing", function()
    local d = read(sav)
    local src = bytes(sav)
    for _, cut in ipairs { 40, #src // 2, #src - 1 } do
      local trunc = run.write(dir .. "/trunc.sav", src:sub(1, cut))
      local ok, err = pcall(read, trunc)
      assert.is_false(ok)
      assert.matches(trunc:gsub("%p", "%%%0") .. ": truncated or damaged SPSS %.sav file", err)
    end
    -- the dataset read before is untouched
    assert.are.equal(6, #d)
    assert.are.equal(4, d:get(1, "q1"))
  end)

  it("a .dta cut anywhere, even only its closing tag, fails", function()
    local d = read(sav)
    d:write(dir .. "/whole.dta")
    local src = bytes(dir .. "/whole.dta")
    for _, cut in ipairs { 100, #src // 2, #src - 1 } do
      local trunc = run.write(dir .. "/trunc.dta", src:sub(1, cut))
      local ok, err = pcall(read, trunc)
      assert.is_false(ok, "cut at " .. cut)
      assert.matches("trunc%.dta: truncated", err)
    end
  end)

  it("a missing file and a file that is no SPSS file give clear errors", function()
    local ok, err = pcall(read, dir .. "/nope.sav")
    assert.is_false(ok)
    assert.matches("nope%.sav: No such file or directory", err)
    local fake = run.write(dir .. "/fake.sav", "id,q1\n1,2\n")
    ok, err = pcall(read, fake)
    assert.is_false(ok)
    assert.matches("fake%.sav: .*SPSS %.sav file", err)
  end)

  it("a failed write leaves the existing file as it was and no temporary files", function()
    local d = read(sav)
    local sub = dir .. "/w"
    os.execute("mkdir -p " .. run.q(sub))
    local target = sub .. "/keep.sav"
    d:write(target)
    local before = bytes(target)
    -- four discrete missing codes: SPSS holds three
    local bad = dataset { { "q", { 1, 2, 3 } } }
    bad:set_info("q", { missing = { 7, 8, 9, 99 } })
    local ok, err = pcall(bad.write, bad, target)
    assert.is_false(ok)
    assert.matches("keep%.sav: column \"q\" has 4 user%-missing codes; SPSS allows at most 3", err)
    assert.are.equal(before, bytes(target))
    assert.are.equal("keep.sav", files_in(sub))
    -- a name SPSS refuses
    local bad2 = dataset { { "a b", { 1 } } }
    ok, err = pcall(data.write_sav, bad2, target)
    assert.is_false(ok)
    assert.matches("column \"a b\" cannot be written to SPSS", err)
    assert.are.equal(before, bytes(target))
    assert.are.equal("keep.sav", files_in(sub))
    -- Stata labels whole numbers only
    local bad3 = dataset { { "x", { 1.5 } } }
    bad3:set_info("x", { value_labels = { [1.5] = "anderhalf" } })
    ok, err = pcall(data.write_dta, bad3, sub .. "/x.dta")
    assert.is_false(ok)
    assert.matches("column \"x\": Stata labels whole numbers only, not 1.5", err)
    assert.are.equal("keep.sav", files_in(sub))
  end)
end)
