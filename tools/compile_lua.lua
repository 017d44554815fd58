-- tools/compile_lua.lua LUADIR CACHEDIR: dumps every .lua file under LUADIR as bytecode
-- to the same relative path under CACHEDIR (with a trailing 'c'), for src/lua/luacache.c,
-- and all of them into one file, CACHEDIR/bundle, that the shell maps at start (a text
-- header "passend-luac-bundle 1", the count, one "path<TAB>size" line per chunk, then
-- the chunks). Run by the built shell so the bytecode matches the Lua it links; chunk
-- names are the files' absolute source paths, so error messages and `here` lookups stay
-- right. Only regular files are compiled: a link is read from its source.
local luadir, cachedir = assert(arg[1], "usage: compile_lua LUADIR CACHEDIR"), assert(arg[2])
local function q(s) return "'" .. s:gsub("'", "'\\''") .. "'" end
local abs = io.popen("cd " .. q(luadir) .. " && pwd -P"):read("l")
local n = 0
local names, chunks = {}, {}
local function write_file(out, data)
  local tmp = out .. ".tmp"
  local o = assert(io.open(tmp, "wb"))
  o:write(data)
  o:close()
  assert(os.rename(tmp, out))
end
for rel in io.popen("cd " .. q(abs) .. " && find . -type f -name '*.lua' | sort"):lines() do
  rel = rel:sub(3)
  assert(not rel:find("[\t\n]"), "a tab or line feed in a file name: " .. rel)
  local src = abs .. "/" .. rel
  local f = io.open(src, "rb")
  local text = f:read("a")
  f:close()
  local chunk = assert(load(text, "@" .. src, "t"))
  local out = cachedir .. "/" .. rel .. "c"
  os.execute("mkdir -p " .. q(out:match("^(.*)/")))
  local code = string.dump(chunk)
  write_file(out, code)
  names[#names + 1], chunks[#chunks + 1] = rel, code
  n = n + 1
end
local header = { "passend-luac-bundle 1", tostring(n) }
for i, rel in ipairs(names) do header[#header + 1] = rel .. "\t" .. #chunks[i] end
write_file(cachedir .. "/bundle", table.concat(header, "\n") .. "\n" .. table.concat(chunks))
io.write(string.format("compiled %d Lua files into %s\n", n, cachedir))
