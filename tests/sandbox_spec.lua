-- passend --sandbox, attacked through the real binary as a shared script would attack it:
-- processes, C modules, bytecode, every writer in the registry, SQL, links, `..`, reads of
-- files that were not given, the user's start-up file, time and memory. Each attack leaves a
-- file outside the output folder that must stay untouched, and must end in a refusal.
-- Also --max-memory for ordinary runs. docs/sandbox.md says what the sandbox promises.
local run = dofile("tests/support/run.lua")

local function sh(cmd) return os.execute(cmd) == true end

-- Runs code as a sandboxed script; extra = more command-line options (before the script),
-- args = what comes after the script. Returns stdout, stderr, exit code.
-- A run.passend with an environment prefix: run.passend puts its args after the binary.
local function with_env(env, args, stdin)
  if not env then return run.passend(args, stdin) end
  local saved = run.bin
  run.bin = "env " .. env .. " " .. saved
  local o, e, rc = run.passend(args, stdin)
  run.bin = saved
  return o, e, rc
end

local function sandboxed(code, outdir, extra, args, env)
  local f = run.write(run.tmpname(".lua"), code)
  local out, err, rc = with_env(env, "--sandbox " .. (outdir and ("--out " .. run.q(outdir) .. " ") or "")
    .. (extra or "") .. " " .. run.q(f) .. " " .. (args or ""))
  os.remove(f)
  return out, err, rc
end

local function refused(err, rc)
  assert.are_not.equal(0, rc, err)
  assert.is_true(rc < 128, "the process died of a signal: " .. tostring(rc) .. "\n" .. err)
  assert.is_truthy(err:find("sandbox", 1, true) or err:find("nil value", 1, true)
    or err:find("not found", 1, true), err)
end

describe("passend --sandbox", function()
  local base, outdir, outside
  before_each(function()
    base = run.tmpname("-sbx")
    outdir = base .. "/out"
    outside = base .. "/outside.txt"
    assert.is_true(sh("mkdir -p " .. run.q(outdir)))
    run.write(outside, "untouched")
  end)
  after_each(function()
    sh("rm -rf " .. run.q(base))
  end)

  local function untouched()
    assert.are.equal("untouched", run.slurp(outside))
  end
  local function fill(code)
    return (code:gsub("{OUTSIDE}", outside):gsub("{OUTDIR}", outdir):gsub("{BASE}", base))
  end

  describe("has no way to run programs or native code", function()
    local attacks = {
      ["os.execute"] = "os.execute('echo x > {OUTSIDE}')",
      ["io.popen"] = "io.popen('echo x > {OUTSIDE}')",
      ["package.loadlib"] = "package.loadlib('/usr/lib/x86_64-linux-gnu/liblua5.4.so', 'luaopen_os')",
      ["a C module"] = "require 'lfs'",
      -- the C loaders must be gone whatever searchers the cache added: an all-in-one name
      -- (x.y-os) through package.cpath pointing at the Lua library gave the real os back
      ["the C searcher through package.cpath"] = [[
        package.cpath = '/usr/lib/x86_64-linux-gnu/liblua5.4.so;/usr/lib/x86_64-linux-gnu/liblua5.4.so.0'
        local s = package.searchers
        local all = {}
        for i = 1, 10 do all[#all + 1] = s[i] end
        for i = 1, 10 do s[i] = all[i] end
        local ok, m = pcall(require, 'x.y-os')
        local o = ok and type(m) == 'table' and m or os
        o.execute('echo x > {OUTSIDE}')]],
      ["any searcher left in package.searchers"] = [[
        package.cpath = '/usr/lib/x86_64-linux-gnu/liblua5.4.so'
        for _, s in pairs(package.searchers) do
          local ok, f = pcall(s, 'x.y-os')
          if ok and type(f) == 'function' then f('x.y-os', '/usr/lib/x86_64-linux-gnu/liblua5.4.so').execute('echo x > {OUTSIDE}') end
        end
        error('sandbox: no searcher gave os')]],
      ["the debug library"] = "debug.getregistry()",
      ["debug through package.loaded"] = "package.loaded.debug.getregistry()",
      ["os.getenv"] = "print(os.getenv('HOME'))",
      ["os.tmpname"] = "os.tmpname()",
      ["binary chunks through load"] = "load(string.dump(function() end))()",
      ["binary chunks with mode b"] = "assert(load(string.dump(function() end), 'x', 'b'))()",
      ["io.popen through the io metatable"] = "getmetatable(io.stdout).__index.popen('echo x > {OUTSIDE}')",
    }
    for name, code in pairs(attacks) do
      it("refuses " .. name, function()
        local _, err, rc = sandboxed(fill(code), outdir)
        refused(err, rc)
        untouched()
      end)
    end

    it("refuses bytecode from a file of its own, by any route", function()
      -- {OUTDIR}/evil.luac holds bytecode printing BYTECODE; every way to load it must refuse.
      -- The cache route: a library path climbing out with .. to evil.lua, whose "cached"
      -- evil.luac the old cache loader took as passend's own compiled library.
      local code = fill([[
        local f = assert(io.open('{OUTDIR}/evil.lua', 'w')) f:write("print('TEXT')") f:close()
        f = assert(io.open('{OUTDIR}/evil.luac', 'wb'))  -- newer than evil.lua: a "fresh cache"
        f:write(string.dump(function() print('BYTECODE') end)) f:close()
        f = assert(io.open('{OUTDIR}/evilmod.lua', 'wb'))
        f:write(string.dump(function() print('BYTECODE') return {} end)) f:close()
        local climb = passend.luadir .. '/' .. ('../'):rep(40) .. ('{OUTDIR}'):sub(2) .. '/evil.lua'
        print(pcall(dofile, climb))
        print(pcall(loadfile, '{OUTDIR}/evil.luac'))
        print(pcall(dofile, '{OUTDIR}/evil.luac'))
        package.path = '{OUTDIR}/?.lua;' .. package.path
        print(pcall(require, 'evilmod'))
        print(pcall(load, io.open('{OUTDIR}/evil.luac', 'rb'):read('a')))
      ]])
      local out, err, rc = sandboxed(code, outdir)
      assert.are.equal(0, rc, err)
      assert.is_nil(out:find("BYTECODE", 1, true), out)
      assert.matches("TEXT", out)  -- the climbing path loads the text file, never the .luac
      assert.matches("attempt to load a binary chunk", out)
    end)
  end)

  describe("writes only under --out", function()
    -- every writer the registry holds, by d:write and by calling it directly
    it("refuses every registered data writer and every format outside --out", function()
      local code = fill([[
        local d = dataset{ {"a", {1, 2}}, {"b", {"x", "y"}} }
        local exts = {}
        local io_, core = require 'passend.io', require 'passend.core'
        for ext in pairs(core.writers) do exts[#exts + 1] = ext end
        for _, name in ipairs(io_.names()) do
          for _, ext in ipairs(io_.type(name).extensions) do exts[#exts + 1] = ext end
        end
        table.sort(exts)
        local escapes, refusals = 0, 0
        for _, ext in ipairs(exts) do
          for _, target in ipairs({ '{OUTSIDE}.' .. ext, '{OUTDIR}/../esc.' .. ext, '{OUTSIDE}.' .. ext .. ':t' }) do
            local ok, err = pcall(function() d:write(target) end)
            if ok then escapes = escapes + 1; print('ESCAPE d:write ' .. target)
            elseif tostring(err):find('sandbox', 1, true) then refusals = refusals + 1
            else print('OTHER ' .. target .. ' ' .. tostring(err)) end
          end
          local w = core.writers[ext]
          if w then
            local ok = pcall(w, d, '{OUTSIDE}.' .. ext, {})
            if ok then escapes = escapes + 1; print('ESCAPE writer ' .. ext) end
          end
        end
        for _, f in ipairs({ 'write_csv', 'write_sav', 'write_dta' }) do
          if pcall(data[f], d, '{OUTSIDE}') then escapes = escapes + 1; print('ESCAPE ' .. f) end
        end
        print('escapes', escapes, 'refusals', refusals, 'formats', #exts)
      ]])
      local out, err, rc = sandboxed(code, outdir)
      assert.are.equal(0, rc, err)
      assert.matches("escapes\t0\t", out)
      assert.is_nil(out:find("ESCAPE", 1, true), out)
      local formats = tonumber(out:match("formats\t(%d+)"))
      assert.is_true(formats >= 12, out)  -- csv tsv txt sav zsav dta db ... html md json tex xlsx svg
      local p = io.popen("ls " .. run.q(base))
      local listing = p:read("a")
      p:close()
      assert.are.equal("out\noutside.txt\n", listing)
      untouched()
    end)

    local attacks = {
      ["io.open for writing"] = "io.open('{OUTSIDE}', 'w')",
      ["io.open appending"] = "io.open('{OUTSIDE}', 'a+')",
      ["io.open for update"] = "io.open('{OUTSIDE}', 'r+')",
      ["io.output"] = "io.output('{OUTSIDE}')",
      ["os.rename out of --out"] = "local f = io.open('{OUTDIR}/a', 'w') f:close() os.rename('{OUTDIR}/a', '{OUTSIDE}')",
      ["os.remove"] = "os.remove('{OUTSIDE}')",
      ["a path climbing out"] = "io.open('{OUTDIR}/../outside.txt', 'w')",
      ["the user's start-up file"] = "data.write_csv(dataset{{'a',{1}}}, '{BASE}/home/.passendrc.lua')",
      ["a report outside"] = "report(monitor.example(), '{BASE}/rapport.html')",
      ["the session database"] = "save(dataset{{'a',{1}}}, 't'); sql([[ATTACH DATABASE '{BASE}/x.db' AS x]])",
      ["VACUUM INTO"] = "save(dataset{{'a',{1}}}, 't'); sql([[VACUUM INTO '{BASE}/x.db']])",
      ["extension loading"] = "sql([[select load_extension('/usr/lib/x86_64-linux-gnu/liblua5.4.so')]])",
      ["SQLite's temporary folder"] = "sql([[PRAGMA temp_store_directory = '{BASE}']])",
      ["a TempFile outside"] = "local t = require('passend.core')._temp_for('{OUTSIDE}')",
    }
    for name, code in pairs(attacks) do
      it("refuses " .. name, function()
        sh("mkdir -p " .. run.q(base .. "/home"))
        local _, err, rc = sandboxed(fill(code), outdir, nil, nil, "HOME=" .. run.q(base .. "/home"))
        refused(err, rc)
        untouched()
        assert.are.equal("", run.slurp(base .. "/home/.passendrc.lua"))
        assert.is_false(sh("test -e " .. run.q(base .. "/x.db")))
        assert.is_false(sh("test -e " .. run.q(base .. "/rapport.html")))
      end)
    end

    it("refuses a hard link in --out to a file outside, by every writer", function()
      assert.is_true(sh("ln " .. run.q(outside) .. " " .. run.q(outdir .. "/link.csv")))
      for _, code in ipairs({ "io.open('{OUTDIR}/link.csv', 'w'):write('x')",
          "io.open('{OUTDIR}/link.csv', 'a'):write('x')",
          "dataset{{'a',{1}}}:write('{OUTDIR}/link.csv')",
          "data.write_csv(dataset{{'a',{1}}}, '{OUTDIR}/link.csv')",
          "os.remove('{OUTDIR}/link.csv')" }) do
        local _, err, rc = sandboxed(fill(code), outdir)
        refused(err, rc)
        assert.matches("hard link", err)
        untouched()
      end
    end)

    it("refuses symbolic links in --out that point outside, to files and to folders", function()
      assert.is_true(sh("ln -s " .. run.q(outside) .. " " .. run.q(outdir .. "/link.txt")))
      assert.is_true(sh("mkdir -p " .. run.q(base .. "/elsewhere") .. " && ln -s " .. run.q(base .. "/elsewhere")
        .. " " .. run.q(outdir .. "/sub")))
      for _, code in ipairs({ "io.open('{OUTDIR}/link.txt', 'w'):write('x')",
          "dataset{{'a',{1}}}:write('{OUTDIR}/link.txt')",
          "dataset{{'a',{1}}}:write('{OUTDIR}/sub/x.csv')",
          "io.open('{OUTDIR}/sub/x.txt', 'w')" }) do
        local _, err, rc = sandboxed(fill(code), outdir)
        refused(err, rc)
        untouched()
      end
      assert.are.equal("", (io.popen("ls " .. run.q(base .. "/elsewhere")):read("a")))
    end)

    it("writes nothing at all without --out", function()
      local _, err, rc = sandboxed(fill("io.open('{OUTDIR}/x', 'w')"))
      refused(err, rc)
      assert.matches("has no output directory", err)
    end)

    it("refuses an --out that holds passend's own library, and a --db outside --out", function()
      local _, err, rc = run.passend("--sandbox --out lua -e 1")
      assert.are.equal(1, rc)
      assert.matches("overlaps passend's own library", err)
      _, err, rc = run.passend("--sandbox --out " .. run.q(outdir) .. " --db " .. run.q(base .. "/s.db") .. " -e 1")
      assert.are.equal(1, rc)
      assert.matches("keeps its database under %-%-out", err)
      assert.is_false(sh("test -e " .. run.q(base .. "/s.db")))
    end)
  end)

  describe("reads only what it was given", function()
    it("refuses system files, other folders and hidden files, also through links", function()
      sh("mkdir -p " .. run.q(base .. "/script/.secret") .. " && echo geheim > " .. run.q(base .. "/script/.secret/key"))
      sh("ln -s /etc/passwd " .. run.q(base .. "/script/pw"))
      local script = run.write(base .. "/script/s.lua", fill([[
        for _, p in ipairs({ '/etc/passwd', '/etc/shadow', '{BASE}/outside.txt', '{BASE}/script/.secret/key',
                             '{BASE}/script/pw', '/proc/self/environ' }) do
          local ok, err = pcall(function() return io.open(p):read('a') end)
          print(p, ok and 'READ' or (tostring(err):find('sandbox', 1, true) and 'refused' or tostring(err)))
        end
        for _, p in ipairs({ '/etc/passwd', '{BASE}/outside.txt' }) do
          print(p, pcall(read, p) and 'READ' or 'refused', pcall(codebook, p) and 'READ' or 'refused',
                pcall(dofile, p) and 'READ' or 'refused', pcall(io.lines, p) and 'READ' or 'refused')
        end
      ]]))
      local out, err, rc = run.passend("--sandbox --out " .. run.q(outdir) .. " " .. run.q(script))
      assert.are.equal(0, rc, err)
      assert.is_nil(out:find("READ", 1, true), out)
      local refusals = select(2, out:gsub("refused", ""))
      assert.are.equal(6 + 8, refusals, out)
    end)

    it("reads the script's folder, files named after the script, --allow-read and --out", function()
      local data = run.write(base .. "/data.csv", "a,b\n1,x\n2,y\n")
      sh("mkdir -p " .. run.q(base .. "/script") .. " " .. run.q(base .. "/extra"))
      run.write(base .. "/script/helper.lua", "return { n = 41 }")
      run.write(base .. "/extra/e.csv", "c\n7\n")
      local script = run.write(base .. "/script/s.lua", fill([[
        package.path = '{BASE}/script/?.lua;' .. package.path
        local h = require 'helper'
        local d = read(arg[1])
        local e = read('{BASE}/extra/e.csv')
        d:write('{OUTDIR}/copy.csv')
        print(h.n + #d - 1, e:get(1, 'c'), #read('{OUTDIR}/copy.csv'), #monitor.example() > 0)
      ]]))
      local out, err, rc = run.passend("--sandbox --out " .. run.q(outdir) .. " --allow-read " .. run.q(base .. "/extra")
        .. " " .. run.q(script) .. " " .. run.q(data))
      assert.are.equal(0, rc, err)
      assert.are.equal("42\t7\t2\ttrue\n", out)
      -- the same script without --allow-read may not read the extra folder
      local _, err2, rc2 = run.passend("--sandbox --out " .. run.q(outdir) .. " " .. run.q(script) .. " " .. run.q(data))
      assert.are.equal(1, rc2)
      assert.matches("reading '" .. base:gsub("%p", "%%%0") .. "/extra/e.csv' is not allowed", err2)
    end)

    it("does a whole analysis: estimate, every format, a tabellenboek, the session database", function()
      local code = fill([[
        local d = monitor.example()
        local r = estimate(d, monitor.scales(), { by = {'onderwijstype', 'actor'}, weight = 'w', cluster = 'swv', strata = 'stratum' })
        for _, ext in ipairs({ 'csv', 'tsv', 'sav', 'dta', 'html', 'md', 'json', 'tex', 'xlsx', 'svg' }) do
          r:write('{OUTDIR}/r.' .. ext)
        end
        r:write('{OUTDIR}/r.db:resultaat')
        report(d, '{OUTDIR}/tabellenboek.html')
        save(r, 'r')
        print(#sql('select * from r') == #r, #read('{OUTDIR}/r.db:resultaat') == #r, #read('{OUTDIR}/r.sav') == #r)
      ]])
      local out, err, rc = sandboxed(code, outdir, "--db " .. run.q(outdir .. "/sessie.db"))
      assert.are.equal(0, rc, err)
      assert.are.equal("true\ttrue\ttrue\n", out)
      for _, f in ipairs({ "r.csv", "r.xlsx", "r.html", "tabellenboek.html", "sessie.db" }) do
        assert.is_true(sh("test -s " .. run.q(outdir .. "/" .. f)), f)
      end
      -- no temporaries left behind
      local p = io.popen("ls " .. run.q(outdir) .. " | grep -c tmp")
      assert.are.equal("0\n", p:read("a"))
      p:close()
    end)
  end)

  describe("limits", function()
    it("stops a script at the time limit, also one that catches the error", function()
      local _, err, rc = sandboxed("while true do pcall(function() while true do end end) end", outdir, "--timeout 1")
      assert.are.equal(1, rc, err)
      assert.matches("time limit of 1 s", err)
    end)

    it("ends a run stuck where the hook cannot reach (a coroutine)", function()
      local _, err, rc = sandboxed("coroutine.wrap(function() while true do end end)()", outdir, "--timeout 1")
      assert.is_true(rc == 124 or rc == 1, tostring(rc))
      assert.matches("time limit", err)
    end)

    it("has a memory cap by default", function()
      local _, err, rc = sandboxed("local t = {} for i = 1, 8 do t[i] = string.rep('x', 2^30 - i) end", outdir)
      assert.are.equal(1, rc)
      assert.matches("not enough memory", err)
    end)

    it("says what it may do, and the kernel holds the same walls", function()
      local out, err, rc = sandboxed([[
        local t = passend.sandbox_info()
        print(t.out, t.timeout, t.max_memory, t.seccomp, t.landlock)
        print(#t.read_folders > 0, #t.read_files)
      ]], outdir, "--timeout 30")
      assert.are.equal(0, rc, err)
      local real = io.popen("realpath " .. run.q(outdir)):read("l")
      assert.matches("^" .. real:gsub("%p", "%%%0") .. "\t30\t4294967296\ttrue\t%d+\n", out)
      local landlock = tonumber(out:match("\t(%d+)\n"))
      if landlock == 0 then print("\n(note: this kernel has no Landlock; the path gate and seccomp stand alone)") end
      assert.are.equal("nil\n", (run.passend("-e " .. run.q("print(passend.sandbox_info())"))))
    end)

    it("never runs the user's start-up file", function()
      sh("mkdir -p " .. run.q(base .. "/home"))
      run.write(base .. "/home/.passendrc.lua", "io.stderr:write('RC RAN\\n')")
      local _, err = with_env("HOME=" .. run.q(base .. "/home"), "--sandbox --out " .. run.q(outdir) .. " -i", "1\n")
      assert.is_nil(err:find("RC RAN", 1, true), err)
      local _, err2 = with_env("HOME=" .. run.q(base .. "/home"), "-i", "1\n")
      assert.matches("RC RAN", err2)
    end)
  end)

  it("does not sandbox a normal run", function()
    local out, err, rc = run.passend("-e " .. run.q("print(require('passend.core')._sandboxed(), type(os.execute), type(debug.getregistry))"))
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
