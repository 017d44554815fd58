-- The C layers (docs/internals.md): src/kernel (statistics and data structures, plain C),
-- src/io (files: CSV, ReadStat, SQLite, the path gate), src/lua (the bindings), src/shell (the
-- executable). A layer includes only itself and the layers below it; kernel and io never see
-- Lua; no header includes itself round about.
local rank = { kernel = 1, io = 2, lua = 3, shell = 4 }

local function files()
  local p = io.popen("ls src/*/*.c src/*/*.h")
  local out = {}
  for line in p:lines() do out[#out + 1] = line end
  p:close()
  return out
end

local function includes(path)
  local out = {}
  for line in io.lines(path) do
    local sys = line:match('^%s*#%s*include%s*<([^>]+)>')
    local own = line:match('^%s*#%s*include%s*"([^"]+)"')
    if sys then out[#out + 1] = { sys = sys } end
    if own then out[#out + 1] = { own = own } end
  end
  return out
end

describe("the C layers", function()
  local all = files()

  it("has every source file in one of the four layers", function()
    assert.is_true(#all > 40)
    for _, f in ipairs(all) do
      local layer = f:match("^src/([^/]+)/")
      assert.is_truthy(rank[layer], f)
    end
    local p = io.popen("ls src/*.c src/*.h 2>/dev/null")
    assert.are.equal("", p:read("a"))
    p:close()
  end)

  it("includes only the same or a lower layer, and kernel and io no Lua", function()
    for _, f in ipairs(all) do
      local layer = f:match("^src/([^/]+)/")
      for _, inc in ipairs(includes(f)) do
        if inc.own then
          local to = inc.own:match("^([^/]+)/")
          assert.is_truthy(rank[to], f .. " includes \"" .. inc.own .. "\" without its layer folder")
          assert.is_true(rank[to] <= rank[layer], f .. " (" .. layer .. ") includes " .. inc.own)
        elseif rank[layer] <= rank.io then
          assert.is_falsy(inc.sys:match("^lua") or inc.sys:match("^lauxlib") or inc.sys:match("^lualib"),
            f .. " includes <" .. inc.sys .. ">")
        end
      end
    end
  end)

  it("has no files that depend on each other (a .c with its .h is one unit)", function()
    local unit_of = function(f) return (f:gsub("%.[ch]$", "")) end
    local deps = {}
    for _, f in ipairs(all) do
      local u = unit_of(f)
      deps[u] = deps[u] or {}
      for _, inc in ipairs(includes(f)) do
        if inc.own then
          local v = unit_of("src/" .. inc.own)
          if v ~= u then deps[u][v] = true end
        end
      end
    end
    local state = {}
    local function visit(u, path)
      if state[u] == "done" then return end
      assert.are_not.equal("open", state[u], "units depend on each other: " .. table.concat(path, " -> ") .. " -> " .. u)
      state[u] = "open"
      path[#path + 1] = u
      for v in pairs(deps[u] or {}) do visit(v, path) end
      path[#path] = nil
      state[u] = "done"
    end
    for u in pairs(deps) do visit(u, {}) end
  end)

  it("keeps no mutable state at file scope in the library (kernel, io, lua)", function()
    -- the one exception: libxlsxwriter's function table, filled once by dlsym under pthread_once
    -- (src/lua/lxlsx.c); the executable's signal flags and libedit callbacks live in src/shell
    local allowed = { ["src/lua/lxlsx.c"] = { lx = true, lx_once = true, lx_error = true } }
    for _, f in ipairs(all) do
      local layer = f:match("^src/([^/]+)/")
      if layer ~= "shell" and f:match("%.c$") then
        local in_static_struct = false
        for line in io.lines(f) do
          local name
          if line:match("^static ") and not line:find("(", 1, true) and not line:match("^static%s+const")
             and not line:match("^static%s+inline") then
            if line:match("{%s*$") then in_static_struct = true
            else
              local decl = line:gsub("=.*$", ""):gsub("%[.*$", ""):gsub(";.*$", "")
              name = decl:match("([%w_]+)%s*$")
            end
          elseif in_static_struct and line:match("^}") then
            in_static_struct = false
            name = line:match("^}%s*([%w_]+)")
          end
          if name then
            assert.is_truthy((allowed[f] or {})[name], f .. ": file-scope state \"" .. name .. "\": " .. line)
          end
        end
      end
    end
  end)

  it("has no include cycles", function()
    local graph = {}
    for _, f in ipairs(all) do
      if f:match("%.h$") then
        graph[f] = {}
        for _, inc in ipairs(includes(f)) do
          if inc.own then graph[f][#graph[f] + 1] = "src/" .. inc.own end
        end
      end
    end
    local state = {}
    local function visit(h, path)
      if state[h] == "done" then return end
      assert.are_not.equal("open", state[h], "include cycle: " .. table.concat(path, " -> ") .. " -> " .. h)
      state[h] = "open"
      path[#path + 1] = h
      for _, n in ipairs(graph[h] or {}) do visit(n, path) end
      path[#path] = nil
      state[h] = "done"
    end
    for h in pairs(graph) do visit(h, {}) end
  end)
end)
