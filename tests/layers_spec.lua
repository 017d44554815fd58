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
