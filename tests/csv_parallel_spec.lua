-- The parallel CSV parse (read's threads option): for every input the result must be
-- the sequential parse's: same columns, types, values, missing values, and on failure
-- the same file:line:col message. Each case is read with threads = 1 and 2, 3, 7 and
-- the outcomes compared in full; split points fall at len * k / n, so the cases are
-- also shifted by padding rows to move the tricky spots across them.
local tmpdir = os.getenv("TMPDIR") or "/tmp"
local counter = 0
local function write_tmp(text)
  counter = counter + 1
  local path = string.format("%s/passend-csvpar-%d-%d.csv", tmpdir, math.random(1, 1e9), counter)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
  return path
end

local function outcome(path, opts, threads)
  local o = {}
  for k, v in pairs(opts or {}) do o[k] = v end
  o.threads = threads
  local ok, res = pcall(read, path, o)
  if ok then return res, nil end
  return nil, (tostring(res):gsub("^.-" .. path:gsub("%p", "%%%0"), "f.csv"))
end

-- Every value of every column, typed, with missing as a marker.
local function dump(d)
  local out = { columns = d.columns, n = #d, types = {}, values = {} }
  for _, name in ipairs(d.columns) do
    out.types[name] = d:info(name).type
    local vals = d:values(name)
    local col = {}
    for i = 1, #d do
      local v = vals[i]
      col[i] = v == nil and "<NA>" or v
    end
    out.values[name] = col
  end
  return out
end

-- The same outcome with threads 1 and 2, 3, 7; returns the sequential one.
local function check(text, opts)
  local path = write_tmp(text)
  local d1, e1 = outcome(path, opts, 1)
  local ref = d1 and dump(d1)
  for _, t in ipairs({ 2, 3, 7 }) do
    local d, e = outcome(path, opts, t)
    if e1 then
      assert.are.equal(e1, e, "threads = " .. t)
    else
      assert.is_nil(e, "threads = " .. t)
      assert.are.same(ref, dump(d), "threads = " .. t)
    end
  end
  os.remove(path)
  return d1, e1
end

-- A header, pad plain rows, then body; rows of n columns.
local function padded(header, pad, row, body)
  local parts = { header }
  for i = 1, pad do parts[#parts + 1] = row(i) end
  parts[#parts + 1] = body
  return table.concat(parts)
end

local function plain(i) return string.format("%d,%d,x%d\n", i, i * 2, i % 5) end

describe("the parallel CSV parse", function()
  it("matches the sequential parse for quoted fields with newlines and doubled quotes", function()
    for pad = 0, 12 do
      local body = '100,"a\nb, ""c""\n\nd",1\n101,"""",2\n102,"x\r\ny",3\n103,"",4\n104,plain,5\n'
      local d = check(padded("a,b,c\n", pad, plain, body .. body), nil)
      assert.are.equal(pad + 10, #d)
      assert.are.equal('a\nb, "c"\n\nd', d:get(pad + 1, "b"))
    end
  end)

  it("matches it for CRLF, lone CR and blank lines", function()
    for pad = 0, 8 do
      local crlf = padded("a,b,c\r\n", pad, function(i) return plain(i):gsub("\n", "\r\n") end, "7,8,9\r\n")
      check(crlf)
      check(padded("a,b,c\r", pad, function(i) return plain(i):gsub("\n", "\r") end, "7,8,9\r"))
      check(padded("a,b,c\n", pad, plain, "7,8,9\r10,11,12\n13,14,15\r"))
      check(padded("a,b,c\n\n\n", pad, function(i) return plain(i) .. "\n\r\n" end, string.rep("\n", 50) .. "1,2,3\n"))
    end
    check("a,b\n" .. string.rep("\n", 200))
    check("a,b\n" .. string.rep("\r\n", 200) .. "1,2")
  end)

  it("matches it when a column turns from numbers to text in a later chunk, and the reverse", function()
    local rows = {}
    for i = 1, 60 do rows[i] = string.format("%d,%s,%s\n", i, i == 45 and "n/a" or tostring(i), i < 10 and "t" .. i or tostring(i)) end
    local d = check("id,late,early\n" .. table.concat(rows))
    assert.are.equal("text", d:info("late").type)
    assert.are.equal("text", d:info("early").type)
    assert.are.equal("44", d:get(44, "late"))
    -- levels in first-seen order across chunks, NA kept missing
    local r2 = {}
    for i = 1, 80 do r2[i] = string.format("%s;%s\n", ({ "b", "a", "", "NA", "c", "b" })[i % 6 + 1], i % 7 == 0 and "z" .. i % 3 or i) end
    check("k;v\n" .. table.concat(r2))
  end)

  it("matches it with forced types, NA strings, missing codes and no header", function()
    local rows = {}
    for i = 1, 50 do rows[i] = string.format("%d;%s;%s\n", i % 9, i % 4 == 0 and "-" or tostring(i), i % 6 == 0 and "." or "0" .. i) end
    local text = "a;b;c\n" .. table.concat(rows)
    check(text, { types = { c = "text", a = "number" }, na = { "-", "." }, missing = { a = { 8 } } })
    check(text, { na = { "-", ".", "" } })
    check(text, { header = false })
    -- a forced number column meeting text in a later chunk: the same error
    local _, e = check(text .. "1;2;x\n3;oops;5\n", { types = { b = "number" }, na = { "." } })
    assert.are.equal('f.csv:5:3: expected a number in column "b", found "-"', e)
  end)

  it("matches it for the decimal comma found only in a later chunk, or found differently per chunk", function()
    local rows = {}
    for i = 1, 60 do rows[i] = string.format("%d;%d\n", i, i * 3) end
    -- first decimal mark late: comma
    check("x;y\n" .. table.concat(rows) .. "1,5;2\n")
    -- a point in y early in a later part, a comma in x later: x turns text
    local mid = {}
    for i = 1, 60 do mid[i] = string.format("%d;%s\n", i, i == 20 and "4.5" or tostring(i)) end
    local d = check("x;y\n" .. table.concat(mid) .. table.concat(rows) .. "1,5;6\n")
    assert.are.equal("text", d:info("x").type)
    assert.are.equal(4.5, d:get(20, "y"))
    -- a text column holding "1,5" in a later chunk must not set the mark for the others
    local t = {}
    for i = 1, 40 do t[i] = string.format("%s;%d\n", i == 1 and "abc" or tostring(i), i) end
    for i = 41, 80 do t[i] = string.format("%s;%s\n", i == 70 and "1,5" or tostring(i), i == 75 and "2.5" or tostring(i)) end
    local e = check("a;b\n" .. table.concat(t))
    assert.are.equal("number", e:info("b").type)
    assert.are.equal(2.5, e:get(75, "b"))
    check("a;b\n" .. table.concat(t), { decimal = "," })
  end)

  it("matches it for Latin-1 input and a last line without a line end", function()
    local rows = {}
    for i = 1, 40 do rows[i] = string.format("%d,caf\xE9 %d,\"na\xEFef\n%d\"\n", i, i % 3, i) end
    check("id,naam,tekst\n" .. table.concat(rows))
    check("id,naam,tekst\n" .. table.concat(rows), { encoding = "latin-1" })
    check("a,b\n" .. table.concat(rows):gsub("\n$", ""):gsub(",\"", ",\"x"), nil)
    check("a,b\n1,2\n3,4")
    -- UTF-8 checked in parts: multi-byte characters across the part bounds, one bad byte late
    for pad = 0, 6 do
      local u = {}
      for i = 1, 30 do u[i] = string.format("%d,\u{E9}\u{20AC}%s\n", i, string.rep("\u{E9}", (i + pad) % 4)) end
      local good = "id,naam\n" .. table.concat(u)
      local d = check(good)
      assert.are.equal("\u{E9}\u{20AC}", d:get(1, "naam"):sub(1, 5))
      local bad = good .. "31,caf\xE9\n" .. table.concat(u)
      check(bad)
      local _, e = check(bad, { encoding = "utf-8" })
      assert.are.equal('f.csv:32:7: expected UTF-8 text (encoding = "utf-8"), found byte 0xE9', e)
      _, e = check(good .. "31,a\0b\n" .. table.concat(u))
      assert.are.equal("f.csv:32:5: expected text, found a NUL byte (is this a CSV file?)", e)
    end
  end)

  it("gives the same errors: extra and missing fields in a later chunk, an unclosed quote", function()
    local rows = {}
    for i = 1, 40 do rows[i] = plain(i) end
    local body = table.concat(rows)
    local _, e = check("a,b,c\n" .. body .. "1,2,3,4,5\n" .. body)
    assert.are.equal("f.csv:42:7: expected 3 fields as in the header, found 5", e)
    _, e = check("a,b,c\n" .. body .. body .. "1,2\n")
    assert.are.equal("f.csv:82:4: expected 3 fields as in the header, found 2", e)
    _, e = check("a,b,c\n" .. body .. '1,"open,3\n' .. body)
    assert.truthy(e:find("^f.csv:42:3: expected a closing quote"), e)
    _, e = check("a,b,c\n" .. body .. '1,"x"y,3\n' .. body)
    assert.truthy(e:find("^f.csv:42:6: expected a separator"), e)
    _, e = check("a,b,c\n" .. body .. "1,2,3,4\n" .. body .. "5,6\n")
    assert.truthy(e:find("^f.csv:42:"), e)
    -- a long field quoted in the message: cut with "...", line ends shown as \n (ASan checks the buffer)
    _, e = check('a\n1\n"' .. string.rep("x", 57) .. '\n' .. string.rep("y", 20) .. '"\n', { types = { a = "number" } })
    assert.are.equal('f.csv:3:1: expected a number in column "a", found "' .. string.rep("x", 57) .. '..."', e)
  end)

  it("matches it on random inputs with quotes, blanks, CRs, numbers and text", function()
    local rng = 12345
    local function rand(n)  -- a small LCG: the same inputs on every run
      rng = (rng * 1103515245 + 12345) % 2147483648
      return rng % n
    end
    local pieces = { "1", "2.5", "-3", "1,5", "x", "", "NA", '"q"', '"a,b"', '"l1\nl2"', '""""', " 7 ", "1e3", '"3"' }
    local ends = { "\n", "\n", "\n", "\r\n", "\n\n", "\r" }
    for _ = 1, 25 do
      local ncol = 1 + rand(4)
      local sep = ({ ",", ";", "\t" })[1 + rand(3)]
      local lines = { table.concat({ "a", "b", "c", "d" }, sep, 1, ncol) .. "\n" }
      for _ = 1, 20 + rand(200) do
        local f = {}
        local nf = rand(20) == 0 and ncol + 1 or ncol
        for k = 1, nf do
          local p = pieces[1 + rand(#pieces)]
          if sep ~= "," and p == '"a,b"' then p = '"a' .. sep .. 'b"' end
          f[k] = p
        end
        lines[#lines + 1] = table.concat(f, sep) .. ends[1 + rand(#ends)]
      end
      check(table.concat(lines), rand(2) == 0 and { sep = sep } or nil)
    end
  end)

  it("splits a big file by itself and still matches the sequential parse", function()
    local rows = { "id,g,v,w\n" }
    for i = 1, 200000 do
      rows[#rows + 1] = string.format("%d,%s,%d.%d,%s\n", i, ({ "aap-aap", "noot-noot", "mies-mies" })[i % 3 + 1], i % 97, i % 10,
        i == 100000 and '"laat\ntekst"' or tostring(i % 13))
    end
    local path = write_tmp(table.concat(rows))
    local seq = outcome(path, nil, 1)
    local auto = read(path)
    local zero = read(path, { threads = 0 })
    os.remove(path)
    assert.are.same(dump(seq), dump(auto))
    assert.are.same(dump(seq), dump(zero))
    assert.are.equal("text", auto:info("w").type)
    assert.are.equal("laat\ntekst", auto:get(100000, "w"))
  end)

  it("reads ID-like columns, many levels and text merged across chunks the same on any number of threads", function()
    -- id: all distinct; pc: mostly distinct with repeats early and late; late: distinct
    -- for 6000 rows, then the same values again (read as ID-like, then settled);
    -- many: 3000 levels; turn: numbers, then distinct text (turns to text after the
    -- sample); sparse: distinct codes in every 3rd row, NA in between
    local n = 20000
    local rows = { "id,pc,late,many,turn,sparse\n" }
    for i = 1, n do
      local x = (i * 7919) % 1000003
      rows[#rows + 1] = string.format("R%07d,%d %s,v%d,%s,%s,%s\n", x, 1000 + (i * 37) % 9000,
        string.char(65 + i % 3), (i - 1) % 6000 + 1, "lvl" .. (i * 13) % 3000,
        i < 15000 and tostring(i) or "t" .. i, i % 3 == 0 and "S" .. i or "NA")
    end
    local d = check(table.concat(rows))
    assert.are.equal(n, #d)
    local function distinct(name) return #d[name]:freq() - (d[name]:freq():get(#d[name]:freq(), "value") == nil and 1 or 0) end
    assert.are.equal(n, distinct("id"))
    assert.are.equal(6000, distinct("late"))
    assert.are.equal(3000, distinct("many"))
    assert.are.equal("text", d:info("turn").type)
    assert.are.equal("14999", d:get(14999, "turn"))
    assert.are.equal("t15000", d:get(15000, "turn"))
    assert.are.equal(n // 3, distinct("sparse"))
    assert.is_nil(d:get(1, "sparse"))
    assert.are.equal(d:get(1, "late"), d:get(6001, "late"))
    assert.are.equal(d:get(2, "pc"), d:get(2 + 9000, "pc"))
    -- the same read in one pass and through the threads' merge, with the automatic split
    local path = write_tmp(string.rep(table.concat(rows, "", 2), 12):gsub("^", rows[1]))
    local one, auto = outcome(path, nil, 1), read(path, { threads = 0 })
    os.remove(path)
    assert.are.same(dump(one), dump(auto))
  end)

  it("checks the threads option", function()
    local path = write_tmp("a\n1\n")
    assert.has_error(function() read(path, { threads = -1 }) end, "read: option threads must be a whole number >= 0, got -1")
    assert.has_error(function() read(path, { threads = 1.5 }) end, "read: option threads must be a whole number >= 0, got 1.5")
    assert.has_error(function() read(path, { threads = 65 }) end, "read: option threads must be at most 64, got 65")
    assert.are.equal(1, #read(path, { threads = 64 }))
    -- 0 is the default: the machine's cores for a big file, one pass for a small one
    assert.are.same(dump(read(path)), dump(read(path, { threads = 0 })))
    os.remove(path)
  end)
end)
