-- CSV reader and writer: dialect detection, every read/write option, every error case,
-- round trips. Fixture files are in tests/fixtures; the rest are written here.
local counter = 0
local function tmpfile(text, ext)
  counter = counter + 1
  local base = os.tmpname()   -- mkstemp-unique, also across concurrent test runs
  os.remove(base)
  local path = string.format("%s-passend-csv-%d%s", base, counter, ext or ".csv")
  if text then
    local f = assert(io.open(path, "wb"))
    f:write(text)
    f:close()
  end
  return path
end
local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
local function read_text(text, opts, ext)
  local path = tmpfile(text, ext)
  local ok, d = pcall(read, path, opts)
  os.remove(path)
  if not ok then error(d, 0) end
  return d
end
-- The error message of read on text, with the temporary path replaced by "f.csv".
local function read_error(text, opts)
  local path = tmpfile(text)
  local ok, err = pcall(read, path, opts)
  os.remove(path)
  assert.is_false(ok, "expected the read to fail")
  return (tostring(err):gsub(path:gsub("%p", "%%%0"), "f.csv"))
end
local function column(d, name)
  local out = {}
  for i = 1, #d do out[i] = d:get(i, name) end
  return out
end

describe("CSV dialects", function()
  it("reads a plain comma file with a header and infers column types", function()
    local d = read_text("a,b,c\n1,x,2.5\n2,y,-3e2\n")
    assert.are.same({ "a", "b", "c" }, d.columns)
    assert.are.equal(2, #d)
    assert.are.equal("number", d:info("a").type)
    assert.are.equal("text", d:info("b").type)
    assert.are.same({ 2.5, -300 }, column(d, "c"))
    assert.are.same({ "x", "y" }, column(d, "b"))
  end)

  for _, case in ipairs({ { ";", "semicolon" }, { "\t", "tab" }, { "|", "pipe" }, { ",", "comma" } }) do
    it("detects the " .. case[2] .. " separator", function()
      local s = case[1]
      local d = read_text(table.concat({ "a", "b", "c" }, s) .. "\n" .. table.concat({ "1", '"two, or not"', "3" }, s)
        .. "\n" .. table.concat({ "4", "5", "6" }, s) .. "\n")
      assert.are.same({ "a", "b", "c" }, d.columns)
      assert.are.same({ "two, or not", "5" }, column(d, "b"))
      assert.are.same({ 3, 6 }, column(d, "c"))
    end)
  end

  it("takes sep from the options, and tab for .tsv files", function()
    local d = read_text("a;b|c\n1;2|3\n", { sep = "|" })
    assert.are.same({ "a;b", "c" }, d.columns)
    local t = read_text("a,b\tc\n1,2\t3\n", nil, ".tsv")
    assert.are.same({ "a,b", "c" }, t.columns)
    local u = read_text("a\tb\n1\t2\n", { sep = "tab" })
    assert.are.same({ "a", "b" }, u.columns)
  end)

  it("detects the decimal comma in a semicolon file", function()
    local d = read_text("x;y\n1,5;2\n-0,25;3\n")
    assert.are.equal("number", d:info("x").type)
    assert.are.same({ 1.5, -0.25 }, column(d, "x"))
  end)

  it("forces the decimal mark with decimal=", function()
    local d = read_text("x\ty\n1,5\t2,75\n", { decimal = "," })
    assert.are.same({ 1.5 }, column(d, "x"))
    local e = read_text("x;y\n1.5;2\n", { decimal = "." })
    assert.are.same({ 1.5 }, column(e, "x"))
    -- with decimal = "." a comma number is text
    local f = read_text("x;y\n1,5;2\n", { decimal = "." })
    assert.are.equal("text", f:info("x").type)
    assert.has_error(function() read_text("x;y\n1;2\n", { decimal = ";", sep = ";" }) end)
  end)

  it("parses numbers exactly, with signs, exponents and blanks", function()
    local d = read_text("x\n0.1\n+2\n .5 \n1.\n1e-300\n-0\n123456789.123456789\n0.30000000000000004\n")
    assert.are.same({ 0.1, 2, 0.5, 1, 1e-300, 0, 123456789.123456789, 0.30000000000000004 }, column(d, "x"))
    for _, notnum in ipairs({ "1.2.3", "1e", "--1", "1 2", "0x10", "." }) do
      local t = read_text("x\n1\n" .. notnum .. "\n")
      assert.are.equal("text", t:info("x").type, notnum)
      assert.are.same({ "1", notnum }, column(t, "x"))
    end
  end)

  it("handles quotes: separators, \"\" escapes and newlines inside, CRLF outside", function()
    local d = read_text('id,naam\r\n1,"a, b"\r\n2,"zei ""ja"""\r\n3,"regel 1\r\nregel 2"\r\n4,gewoon\r\n')
    assert.are.equal(4, #d)
    assert.are.same({ "a, b", 'zei "ja"', "regel 1\r\nregel 2", "gewoon" }, column(d, "naam"))
    local f = read("tests/fixtures/bom_crlf.csv")
    assert.are.same({ "id", "naam", "score" }, f.columns)  -- the BOM is not part of the first name
    assert.are.same({ "Jan\r\nJansen", '"Piet"' }, { f:get(1, "naam"), f:get(2, "naam") })
    assert.is_nil(f:get(3, "naam"))
    assert.are.same({ 3.5, 4 }, { f:get(1, "score"), f:get(2, "score") })
    assert.is_nil(f:get(3, "score"))
  end)

  it("keeps a quoted empty field as \"\" and reads an unquoted one as missing", function()
    local d = read_text('a,b\nx,""\ny,\nz,"NA"\nw,NA\n')
    assert.are.same({ "" }, { d:get(1, "b") })
    assert.is_nil(d:get(2, "b"))
    assert.are.equal("NA", d:get(3, "b"))
    assert.is_nil(d:get(4, "b"))
  end)

  it("reads old Mac line ends (CR only)", function()
    local d = read_text("a,b\r1,2\r3,4\r5,6\r7,8")
    assert.are.same({ 1, 3, 5, 7 }, column(d, "a"))
    assert.are.same({ 8 }, { d:get(4, "b") })
  end)

  it("skips blank lines", function()
    local d = read_text("a,b\n\n1,2\n\r\n3,4\n\n\n")
    assert.are.same({ 1, 3 }, column(d, "a"))
  end)

  it("reads a file without a final newline", function()
    local d = read_text("a,b\n1,2\n3,4")
    assert.are.same({ 2, 4 }, column(d, "b"))
  end)

  it("reads the Dutch fixture: ; with decimal comma, quoted ids", function()
    local d = read("tests/fixtures/dutch.csv", { types = { school = "text" }, missing = { q1 = { 8, 9 } } })
    assert.are.same({ "0012", "0013", "0014" }, column(d, "school"))
    assert.are.same({ "Noord", "Zuid; Oost", "Noord" }, column(d, "regio"))
    assert.are.same({ 4.5, nil, 2 }, column(d, "q2"))
    assert.are.same({ 1.25, 0.75, 1 }, column(d, "w"))
    assert.are.same({ 8, 9 }, d:info("q1").missing)
    assert.are.equal(3, d.q1:mean())  -- 8 and 9 are user-missing
    -- without the override the quoted numbers are numbers
    local e = read("tests/fixtures/dutch.csv")
    assert.are.same({ 12, 13, 14 }, column(e, "school"))
  end)
end)

describe("CSV numbers against R", function()
  it("reads a Dutch ; / decimal comma file to the same numbers as R's read.csv2", function()
    local R = dofile("tests/support/r.lua")
    R.require_available()
    math.randomseed(20231)
    local lines, forms = { "id;a;b" }, {
      function() return tostring(math.random(-500, 500)) end,
      function() return string.format("%d,%d", math.random(0, 9999), math.random(0, 999)) end,
      function() return string.format("-%d,%05d", math.random(0, 99), math.random(0, 99999)) end,
      function() return string.format("%d,%dE%d", math.random(1, 9), math.random(0, 99), math.random(-30, 30)) end,
      function() return string.format("0,%012d", math.random(0, 999999999)) end,
      function() return "" end,
    }
    for i = 1, 400 do
      lines[#lines + 1] = string.format("%d;%s;%s", i, forms[math.random(#forms)](), forms[math.random(#forms)]())
    end
    local path = tmpfile(table.concat(lines, "\n") .. "\n")
    local d = read(path)
    assert.are.equal("number", d:info("a").type)
    assert.are.equal("number", d:info("b").type)
    local res = R.run(string.format([[
      x <- read.csv2(%q, na.strings = "")
      out("a", x$a); out("b", x$b)
    ]], path))
    for _, name in ipairs({ "a", "b" }) do
      assert.are.equal(400, #res[name])
      for i = 1, #d do
        local mine, theirs = d:get(i, name), res[name][i]
        if theirs ~= theirs then
          assert.is_nil(mine, name .. " row " .. i)
        else
          assert.are.equal(theirs, mine, name .. " row " .. i .. ": " .. lines[i + 1])
        end
      end
    end
    os.remove(path)
  end)
end)

describe("CSV encodings", function()
  local expect = { "Renée", "José", 'Chloë "C"' }

  it("detects Windows-1252 and converts it to UTF-8", function()
    local d = read("tests/fixtures/cp1252.csv")
    assert.are.same(expect, column(d, "naam"))
    assert.are.same({ "Den Haag", "Utrecht", "\u{201C}Zwolle\u{201D}" }, column(d, "plaats"))
    assert.are.equal("\u{20AC} 5", d:get(2, "bedrag"))  -- the euro sign makes this column text
  end)

  it("reads with encoding = \"windows-1252\" and \"latin-1\"", function()
    local d = read("tests/fixtures/cp1252.csv", { encoding = "windows-1252" })
    assert.are.same(expect, column(d, "naam"))
    local l = read("tests/fixtures/cp1252.csv", { encoding = "latin-1" })
    assert.are.same(expect, column(l, "naam"))
    assert.are.equal("\u{80} 5", l:get(2, "bedrag"))  -- Latin-1 0x80 is a control character
  end)

  it("fails with line and column when encoding = \"utf-8\" is forced on other text", function()
    local ok, err = pcall(read, "tests/fixtures/cp1252.csv", { encoding = "utf-8" })
    assert.is_false(ok)
    assert.are.equal("tests/fixtures/cp1252.csv:2:5: expected UTF-8 text (encoding = \"utf-8\"), found byte 0xE9",
      err:match("tests/fixtures.*"))
  end)

  it("leaves valid UTF-8 alone and strips a BOM", function()
    local d = read_text("\xEF\xBB\xBFnaam\nRenée\n€\n")
    assert.are.same({ "naam" }, d.columns)
    assert.are.same({ "Renée", "€" }, column(d, "naam"))
  end)

  it("rejects an unknown encoding name", function()
    assert.has_error(function() read_text("a\n1\n", { encoding = "ebcdic" }) end)
  end)
end)

describe("CSV read options", function()
  it("header = false names the columns V1..Vn", function()
    local d = read_text("1,2\n3,4\n", { header = false })
    assert.are.same({ "V1", "V2" }, d.columns)
    assert.are.same({ 1, 3 }, column(d, "V1"))
  end)

  it("names empty header fields V<k> and trims blanks around names", function()
    local d = read_text(" a ,,c\n1,2,3\n")
    assert.are.same({ "a", "V2", "c" }, d.columns)
  end)

  it("types = forces text (keeping leading zeros) or number", function()
    local d = read_text("swv,q\n007,1\n010,2\n", { types = { swv = "text", q = "number" } })
    assert.are.same({ "007", "010" }, column(d, "swv"))
    assert.are.equal("number", d:info("q").type)
  end)

  it("na = replaces the missing strings (unquoted fields only)", function()
    local d = read_text('a,b\n-99,x\n1,NA\n2,"-99"\n', { na = { "-99" } })
    assert.are.same({ nil, 1, 2 }, column(d, "a"))
    assert.are.same({ "x", "NA", "-99" }, column(d, "b"))
    local e = read_text("a\n#N/A\n1\nNA\n")  -- the default list
    assert.are.equal("number", e:info("a").type)
    assert.are.same({ nil, 1, nil }, column(e, "a"))
    local f = read_text("a\n\n.\n1\n", { na = "." })
    assert.are.same({ nil, 1 }, column(f, "a"))
  end)

  it("missing = sets user-missing codes per column or for every number column", function()
    local d = read_text("q1,q2,t\n1,8,x\n9,2,y\n", { missing = { q1 = { 8, 9 } } })
    assert.are.same({ 8, 9 }, d:info("q1").missing)
    assert.are.same({}, d:info("q2").missing)
    assert.are.equal(1, d.q1:mean())
    local e = read_text("q1,q2,t\n1,8,x\n9,2,y\n", { missing = { 8, 9 } })
    assert.are.same({ 8, 9 }, e:info("q2").missing)
    assert.are.same({ 8, 9 }, e:info("q1").missing)
    assert.are.same({}, e:info("t").missing)
  end)

  it("a number column that meets text becomes text with its earlier fields as written", function()
    local d = read_text("x,y\n1.50,1\n007,2\n,3\nvier,4\n")
    assert.are.equal("text", d:info("x").type)
    assert.are.same({ "1.50", "007", nil, "vier" }, column(d, "x"))
  end)

  it("a column of only missing values is a number column", function()
    local d = read_text("a,b\n,1\nNA,2\n")
    assert.are.equal("number", d:info("a").type)
    assert.are.same({}, column(d, "a"))
  end)

  it("reads a header-only file as zero rows", function()
    local d = read_text("a,b\n")
    assert.are.equal(0, #d)
    assert.are.same({ "a", "b" }, d.columns)
  end)

  it("rejects unknown options and bad option values", function()
    assert.has_error(function() read_text("a\n1\n", { seperator = ";" }) end,
      "read: unknown option \"seperator\" (known: decimal, encoding, format, header, missing, na, sep, threads, types)")
    assert.has_error(function() read_text("a\n1\n", { decmial = "," }) end,
      "read: unknown option \"decmial\" (did you mean \"decimal\"?) (known: decimal, encoding, format, header, missing, na, sep, threads, types)")
    assert.has_error(function() read_text("a\n1\n", { header = "no" }) end, 'read: option header must be true or false, got "no"')
    assert.has_error(function() read_text("a\n1\n", { types = { a = "date" } }) end)
    assert.has_error(function() read_text("a\n1\n", { sep = ";;" }) end)
  end)
end)

describe("CSV errors", function()
  it("ragged row with too many fields", function()
    assert.are.equal('f.csv:3:5: expected 2 fields as in the header, found 4', read_error("a,b\n1,2\n3,4,5,6\n"))
  end)

  it("ragged row with too few fields", function()
    assert.are.equal('f.csv:3:2: expected 3 fields as in the header, found 1', read_error("a,b,c\n1,2,3\n4\n5,6,7\n"))
  end)

  it("unterminated quote", function()
    assert.are.equal('f.csv:3:3: expected a closing quote for the field that starts here, found the end of the file',
      read_error('a,b\n1,2\n3,"open\nmore\n'))
  end)

  it("text after a closing quote", function()
    assert.are.equal('f.csv:2:7: expected a separator or the end of the line after the closing quote, found "x"',
      read_error('a,b\n1,"ok"x\n'))
  end)

  it("text in a column forced to numbers, with line and column counted in characters", function()
    assert.are.equal('f.csv:3:7: expected a number in column "q3", found "vier"',
      read_error("naam,q3\nAnne,1\nRenée,vier\n", { types = { q3 = "number" } }))
  end)

  it("duplicate column names", function()
    assert.are.equal('f.csv:1:5: expected unique column names, found "a" twice', read_error("a,b,a\n1,2,3\n"))
  end)

  it("empty files, NUL bytes, missing files, unknown columns in options", function()
    assert.are.equal("f.csv: expected a header row, found an empty file", read_error(""))
    assert.are.equal("f.csv: expected a header row, found an empty file", read_error("\xEF\xBB\xBF\n\n"))
    assert.are.equal("f.csv:2:2: expected text, found a NUL byte (is this a CSV file?)", read_error("a\n1\0\n"))
    assert.are.equal('f.csv: types: no column "z" in the file', read_error("a\n1\n", { types = { z = "text" } }))
    assert.are.equal('f.csv: missing: no column "z" in the file', read_error("a\n1\n", { missing = { z = { 9 } } }))
    assert.are.equal('f.csv: missing: column "a" is text, missing codes need numbers',
      read_error("a\nx\n", { missing = { a = { 9 } } }))
    local ok, err = pcall(read, "/nonexistent/dir/x.csv")
    assert.is_false(ok)
    assert.matches("/nonexistent/dir/x.csv: cannot open: No such file", err, 1, true)
  end)

  it("a failed read leaves existing data untouched", function()
    local d = read_text("a,b\n1,2\n")
    local path = tmpfile("a,b\n1,2\n3\n")
    assert.has_error(function() d = read(path) end)
    os.remove(path)
    assert.are.equal(1, #d)
    assert.are.same({ "a", "b" }, d.columns)
  end)
end)

describe("read() dispatch", function()
  it("chooses the reader by extension, or by opts.format", function()
    local core = require("passend.core")
    assert.is_function(core.readers.csv)
    assert.is_function(core.readers.tsv)
    local path = tmpfile("a;b\n1;2\n", ".dat")
    local ok, err = pcall(read, path)
    assert.is_false(ok)
    assert.matches('no reader for "dat" files', err, 1, true)
    local d = read(path, { format = "csv" })
    assert.are.same({ "a", "b" }, d.columns)
    os.remove(path)
  end)

  it("records the file in the metadata", function()
    local d = read("tests/fixtures/dutch.csv")
    assert.are.equal("tests/fixtures/dutch.csv", d:meta().file)
  end)
end)

describe("CSV writer", function()
  local function sample()
    return dataset{
      { "id", { 1, 2, 3, 4 } },
      { "x", { 0.1, 1 / 3, nil, -1234.5 } },
      { "t", { 'zei "ja"', "a,b", nil, "" } },
      { "s", { " spatie", "NA", "regel\nnieuw", "gewoon" } },
    }
  end

  it("writes plain CSV by default, quoting only when needed", function()
    local path = tmpfile(nil)
    data.write_csv(sample(), path)
    assert.are.equal('id,x,t,s\n1,0.1,"zei ""ja"""," spatie"\n2,0.3333333333333333,"a,b","NA"\n'
      .. '3,,,"regel\nnieuw"\n4,-1234.5,"",gewoon\n', slurp(path))
    os.remove(path)
  end)

  it("quotes text equal to the NA string and writes NA for missing", function()
    local path = tmpfile(nil)
    data.write_csv(sample():select("id", "s", "t"), path, { na = "NA" })
    assert.are.equal('id,s,t\n1," spatie","zei ""ja"""\n2,"NA","a,b"\n3,"regel\nnieuw",NA\n4,gewoon,""\n', slurp(path))
    os.remove(path)
  end)

  it("writes the Dutch dialect: ; decimal comma, BOM, CRLF", function()
    local path = tmpfile(nil)
    data.write_csv(sample():select("id", "x"), path, { dialect = "nl" })
    assert.are.equal("\xEF\xBB\xBFid;x\r\n1;0,1\r\n2;0,3333333333333333\r\n3;\r\n4;-1234,5\r\n", slurp(path))
    os.remove(path)
  end)

  it("honours sep, decimal, header, quote, crlf, bom one by one", function()
    local d = sample():select("id", "x", "t")
    local path = tmpfile(nil)
    data.write_csv(d:head(2), path, { sep = "\t", decimal = ",", header = false, quote = "all" })
    assert.are.equal('1\t0,1\t"zei ""ja"""\n2\t0,3333333333333333\t"a,b"\n', slurp(path))
    data.write_csv(d:head(1):select("id"), path, { crlf = true, bom = true })
    assert.are.equal("\xEF\xBB\xBFid\r\n1\r\n", slurp(path))
    assert.has_error(function() data.write_csv(d, path, { sep = ",", decimal = "," }) end)
    assert.has_error(function() data.write_csv(d, path, { quote = "some" }) end)
    assert.has_error(function() data.write_csv(d, path, { dialect = "fr" }) end)
    os.remove(path)
  end)

  it("replaces the target in one step and leaves no temporary file behind", function()
    local dir = tmpfile(nil, "")
    os.execute("mkdir -p " .. dir)
    local path = dir .. "/uit.csv"
    data.write_csv(sample(), path)
    data.write_csv(sample():head(1), path)
    assert.are.equal(1, #read(path))
    local p = io.popen("ls -a " .. dir)
    local names = p:read("a")
    p:close()
    assert.are.equal(".\n..\nuit.csv\n", names)
    local ok, err = pcall(data.write_csv, sample(), dir .. "/nope/uit.csv")
    assert.is_false(ok)
    assert.matches("nope/uit.csv: cannot write: No such file or directory", err, 1, true)
    os.execute("rm -rf " .. dir)
  end)

  it("d:write uses write_csv for .csv and .tsv (tab) with the dialect options", function()
    local d = sample():select("id", "x")
    local tsv = tmpfile(nil, ".tsv")
    d:head(2):write(tsv)
    assert.are.equal("id\tx\n1\t0.1\n2\t0.3333333333333333\n", slurp(tsv))
    local csv = tmpfile(nil, ".csv")
    d:head(1):write(csv, { dialect = "nl" })
    assert.are.equal("\xEF\xBB\xBFid;x\r\n1;0,1\r\n", slurp(csv))
    os.remove(tsv)
    os.remove(csv)
  end)

  it("round-trips data and metadata: read -> write -> read is identical", function()
    local weird = { 0.1, 1 / 3, 1e-300, -2.5e300, 123456789.123456789, 2 ^ 53, -0.0, 5e-324, 8, 9 }
    local texts = { 'q"uote', "a,b", "a;b", "regel\r\nnieuw", " lead", "trail ", "", "NA", "Renée €", "x" }
    local d = dataset{ { "n", weird }, { "t", texts }, { "m", { 1, nil, 3, nil, 5, 8, 9, nil, 2, 1 } }, n = 10 }
    local opts = { types = { t = "text" }, missing = { m = { 8, 9 } } }
    for _, wopts in ipairs({ {}, { dialect = "nl" }, { sep = "\t", na = "NA" }, { quote = "all", sep = "|" } }) do
      local path = tmpfile(nil)
      data.write_csv(d, path, wopts)
      local ropts = { types = opts.types, missing = opts.missing, na = wopts.na and { wopts.na } or nil }
      local back = read(path, ropts)
      local path2 = tmpfile(nil)
      data.write_csv(back, path2, wopts)
      local again = read(path2, ropts)
      for _, e in ipairs({ back, again }) do
        assert.are.same(d.columns, e.columns)
        assert.are.equal(#d, #e)
        for i = 1, #d do
          for _, name in ipairs(d.columns) do
            assert.are.equal(d:get(i, name), e:get(i, name), name .. " row " .. i)
          end
        end
        assert.are.same({ 8, 9 }, e:info("m").missing)
        assert.are.equal("text", e:info("t").type)
      end
      assert.are.equal(slurp(path), slurp(path2))
      os.remove(path)
      os.remove(path2)
    end
  end)
end)
