-- scripts/lib/common.lua: what every shared script needs: where the repository is, how to
-- show a result at the terminal, how to read the options a test passes.
--   local C = dofile((arg and arg[0] or ""):match("^(.*)/[^/]*$") .. "/lib/common.lua")
local C = {}

-- the repository root, from this file's own path (scripts/lib/common.lua)
local src = debug and debug.getinfo and debug.getinfo(1, "S").source
C.root = (src and src:match("^@(.*)/scripts/lib/common%.lua$"))
  or (arg and arg[0] and arg[0]:match("^(.*)/scripts/[^/]*$")) or "."

function C.path(rel) return C.root .. "/" .. rel end

-- Prints a dataset with the text format when there is one, else the preview.
function C.show(d)
  if type(d) == "userdata" and d.format then
    local ok, s = pcall(d.format, d, "text")
    if ok and s then io.write(s, s:sub(-1) == "\n" and "" or "\n"); return end
  end
  print(d)
end

-- Script options: a test passes a table as the first script argument ({quiet = true}).
function C.opts(...)
  local a = ...
  if type(a) == "table" then return a end
  return {}
end

-- Largest-remainder-free plain rounding, half up, to `dec` decimals (the report's way).
function C.round(x, dec)
  local f = 10 ^ (dec or 0)
  return math.floor(x * f + 0.5) / f
end


-- One published monitor table from respondent data (default: the example data, meting 2023):
-- the estimates (monitor.compute), laid out as the report prints them when monitor.table is
-- there, next to the published values.
function C.monitor_table(id, ...)
  local opts = C.opts(...)
  local a1, a2 = ...
  local file = opts.file or (type(a1) == "string" and a1 ~= "" and a1 or nil)
  local meting = tostring(opts.meting or (type(a2) == "string" and a2) or "2023")
  local d = opts.data or (file and read(file)) or monitor.example()
  if d:has("meting") then d = d:filter(function(r) return r.meting == meting end) end
  local t = monitor.find_table(id)
  local r = monitor.compute(d, id)
  local shown = r
  if monitor.table then shown = monitor.table(r, t.id) end
  if not opts.quiet then C.show(shown) end
  return { result = r, table = shown, def = t }
end

return C
