-- passend --sandbox: a shared script can analyse but not escape; --max-memory turns
-- exhaustion into an error.
local run = dofile("tests/support/run.lua")

local function sandboxed(code, outdir)
  local f = run.write(run.tmpname(".lua"), code)
  local out, err, rc = run.passend("--sandbox " .. (outdir and ("--out " .. run.q(outdir) .. " ") or "") .. run.q(f))
  os.remove(f)
  return out, err, rc
end

describe("passend --sandbox", function()
  local outdir, outside
  before_each(function()
    outdir = run.tmpname("-out")
    outside = run.tmpname("-outside.txt")
    os.execute("mkdir -p " .. run.q(outdir))
  end)
  after_each(function()
    os.execute("rm -rf " .. run.q(outdir))
    os.remove(outside)
  end)

  local escapes = {
    ["os.execute"] = "os.execute('touch OUTSIDE')",
    ["io.popen"] = "io.popen('touch OUTSIDE')",
    ["package.loadlib"] = "package.loadlib('/usr/lib/x86_64-linux-gnu/liblua5.4.so', 'luaopen_os')",
    ["a C module"] = "require 'lfs'",
    ["io.open for writing outside"] = "io.open('OUTSIDE', 'w')",
    ["io.open appending outside"] = "io.open('OUTSIDE', 'a+')",
    ["io.output outside"] = "io.output('OUTSIDE')",
    ["os.rename to outside"] = "local f = io.open('OUT/a', 'w') f:close() os.rename('OUT/a', 'OUTSIDE')",
    ["os.remove outside"] = "os.remove('OUTSIDE')",
    ["a path climbing out"] = "io.open('OUT/../x-escape', 'w')",
    ["binary chunks"] = "load(string.dump(function() end))()",
    ["the debug registry"] = "debug.getregistry()",
    ["passend's own writers"] = "passend._check_write('OUTSIDE')",
  }

  for name, code in pairs(escapes) do
    it("refuses " .. name, function()
      run.write(outside, "untouched")
      code = code:gsub("OUTSIDE", outside):gsub("OUT/", outdir .. "/")
      local _, err, rc = sandboxed(code, outdir)
      assert.are.equal(1, rc)
      assert.is_true(err:find("sandbox", 1, true) ~= nil or err:find("not found", 1, true) ~= nil
        or err:find("nil value", 1, true) ~= nil, err)
      assert.are.equal("untouched", run.slurp(outside))
    end)
  end

  it("refuses a symbolic link in the output directory that points outside", function()
    os.execute("ln -s " .. run.q(outside) .. " " .. run.q(outdir .. "/link"))
    run.write(outside, "untouched")
    local _, err, rc = sandboxed("io.open('" .. outdir .. "/link', 'w'):write('x')", outdir)
    assert.are.equal(1, rc)
    assert.matches("sandbox: writing", err)
    assert.are.equal("untouched", run.slurp(outside))
  end)

  it("allows reading anywhere and writing under --out", function()
    local out, err, rc = sandboxed(
      "local f = assert(io.open('" .. outdir .. "/tabel.txt', 'w')) f:write('ok') f:close()\n" ..
      "print(io.open('tests/shell_spec.lua'):read('l') ~= nil)\n", outdir)
    assert.are.equal(0, rc, err)
    assert.are.equal("true\n", out)
    assert.are.equal("ok", run.slurp(outdir .. "/tabel.txt"))
  end)

  it("allows no writes at all without --out", function()
    local _, err, rc = sandboxed("io.open('" .. outdir .. "/x', 'w')")
    assert.are.equal(1, rc)
    assert.matches("has no output directory", err)
  end)

  it("does not sandbox a normal run", function()
    local out, err, rc = run.passend("-e " .. run.q("print(passend._sandboxed(), type(os.execute), type(debug.getregistry))"))
    assert.are.equal(0, rc, err)
    assert.are.equal("false\tfunction\tfunction\n", out)
  end)
end)

describe("passend --max-memory", function()
  it("turns exhaustion into an error and the prompt goes on", function()
    local out, err, rc = run.passend("--max-memory 32M -i -e 'kept = 5'",
      "t = {} for i = 1, 1e8 do t[i] = i end\nt = nil\nkept + 1\n")
    assert.are.equal(0, rc)
    assert.matches("not enough memory", err)
    assert.matches("6\n", out)
  end)

  it("rejects a malformed size", function()
    local _, err, rc = run.passend("--max-memory lots -e 1")
    assert.are.equal(2, rc)
    assert.matches("expects a size", err)
  end)
end)
