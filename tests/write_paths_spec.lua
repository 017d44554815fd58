-- Where a write lands outside the sandbox: a path that is a symbolic link is written through
-- to the file it points to (as editors and cp do), the link stays a link; a new file gets the
-- mode of the one it replaces. Every writer goes through the same gate (src/io/pathgate.c).
local run = dofile("tests/support/run.lua")

local function sh(cmd) return os.execute(cmd) == true end
local function is_link(p) return sh("test -L " .. run.q(p)) end

describe("writing to a symbolic link", function()
  local dir
  before_each(function()
    dir = run.tmpname("-links")
    assert.is_true(sh("mkdir -p " .. run.q(dir .. "/real")))
  end)
  after_each(function() sh("rm -rf " .. run.q(dir)) end)

  local d = dataset{ { "a", { 1, 2, 3 } }, { "b", { "x", "y", "z" } } }
  for _, ext in ipairs({ "csv", "tsv", "sav", "dta", "html", "md", "json", "xlsx", "db" }) do
    it("writes ." .. ext .. " through to the target and keeps the link", function()
      local target = dir .. "/real/data." .. ext
      local link = dir .. "/link." .. ext
      run.write(target, "old")
      assert.is_true(sh("ln -s real/data." .. ext .. " " .. run.q(link)))
      local path = ext == "db" and (link .. ":t") or link
      if ext == "db" then os.remove(target) end
      d:write(path)
      assert.is_true(is_link(link))
      assert.are_not.equal("old", run.slurp(target))
      assert.is_true(#run.slurp(target) > 0)
      if ext == "csv" or ext == "sav" or ext == "dta" then assert.are.equal(3, #read(link)) end
    end)
  end

  it("follows a dangling link to create its target", function()
    assert.is_true(sh("ln -s real/new.csv " .. run.q(dir .. "/new.csv")))
    data.write_csv(d, dir .. "/new.csv")
    assert.is_true(is_link(dir .. "/new.csv"))
    assert.are.equal(3, #read(dir .. "/real/new.csv"))
  end)

  it("keeps the mode of the file it replaces", function()
    local p = dir .. "/m.csv"
    run.write(p, "old")
    assert.is_true(sh("chmod 640 " .. run.q(p)))
    d:write(p)
    local mode = io.popen("stat -c %a " .. run.q(p)):read("l")
    assert.are.equal("640", mode)
  end)
end)

describe("passend's Lua library", function()
  it("opens, renames and removes files only through the path gate", function()
    -- io.open and friends bypass the gate (src/io/pathgate.c): the library uses passend._open,
    -- _temp_for, _rename and _remove. Only the sandbox module wraps Lua's own.
    local p = io.popen("grep -rnE 'io\\.(open|lines|output|input)|os\\.(remove|rename)' lua"
      .. " | grep -v '^lua/passend/shell/sandbox.lua' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*--'")
    local hits = p:read("a")
    p:close()
    assert.are.equal("", hits)
  end)
end)
