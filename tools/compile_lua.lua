-- tools/compile_lua.lua LUADIR CACHEDIR: dumps every .lua file under LUADIR as bytecode
-- to the same relative path under CACHEDIR (with a trailing 'c'), for src/lua/luacache.c.
-- Run by the built shell so the bytecode matches the Lua it links; chunk names are the
-- files' absolute source paths, so error messages and `here` lookups stay right.
local luadir, cachedir = assert(arg[1], "usage: compile_lua LUADIR CACHEDIR"), assert(arg[2])
local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
local abs = io.popen("cd " .. q(luadir) .. " && pwd -P"):read("l")
local n = 0
for rel in io.popen("cd " .. q(abs) .. " && find . -name '*.lua' | sort"):lines() do
  rel = rel:sub(3)
  local src = abs .. "/" .. rel
  local f = io.open(src, "rb")
  local text = f:read("a")
  f:close()
  local chunk = assert(load(text, "@" .. src, "t"))
  local out = cachedir .. "/" .. rel .. "c"
  os.execute("mkdir -p " .. q(out:match("^(.*)/")))
  local tmp = out .. ".tmp"
  local o = assert(io.open(tmp, "wb"))
  o:write(string.dump(chunk))
  o:close()
  assert(os.rename(tmp, out))
  n = n + 1
end
io.write(string.format("compiled %d Lua files into %s\n", n, cachedir))
