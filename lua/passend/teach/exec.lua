-- passend/teach/exec.lua: running lesson code the way the prompt runs a line (src/repl.c:
-- `return <code>;` first so an expression gives its value, else the code as statements), in a
-- given environment, and capturing what it prints (for handouts, checks and silent replays).
local E = {}

local pack, unpack = table.pack, table.unpack

-- Compiles code as the prompt does. Returns the function, or nil and the message.
function E.compile(code, name, env)
  local f = load("return " .. code .. ";", name, "t", env)
  if f then return f end
  return load(code, name, "t", env)
end

-- Runs code; returns true, values (table.pack) or false, message.
function E.run(code, name, env)
  local f, err = E.compile(code, name, env)
  if not f then return false, err end
  local res = pack(xpcall(f, function(m) return tostring(m) end))
  if not res[1] then return false, res[2] end
  return true, pack(unpack(res, 2, res.n))
end

-- Calls fn(...) with print and io.write collecting into a string instead of the terminal.
-- Returns the text, then what pcall(fn, ...) returns. Nested captures each get their own text.
function E.capture(fn, ...)
  local out = {}
  local old_print, old_write = print, io.write
  _G.print = function(...)
    local n = select("#", ...)
    for i = 1, n do
      out[#out + 1] = tostring((select(i, ...)))
      if i < n then out[#out + 1] = "\t" end
    end
    out[#out + 1] = "\n"
  end
  io.write = function(...)
    for i = 1, select("#", ...) do
      local v = select(i, ...)
      out[#out + 1] = type(v) == "number" and tostring(v) or v
    end
    return io.stdout
  end
  local res = pack(pcall(fn, ...))
  _G.print, io.write = old_print, old_write
  return table.concat(out), unpack(res, 1, res.n)
end

-- The code as it is shown: without the first and last empty lines.
function E.tidy(code)
  code = code:gsub("^%s*\n", ""):gsub("%s+$", "")
  if not code:find("\n") then code = code:gsub("^%s+", "") end
  return code
end

return E
