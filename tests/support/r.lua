-- tests/support/r.lua: run R (Rscript) on data a spec generates and read back its numbers.
--
--   local R = dofile("tests/support/r.lua")
--   local res = R.run([[
--     library(survey)
--     out("mean", mean(d$y))            -- out(name, numeric vector): one line per call
--   ]], { data = { {"y", {1, 2, nil, 4}, n = 4}, {"g", {"a", "b", "a", "b"}} } })
--   res.mean[1]                          -- numbers, parsed from %.17g
--
-- data: ordered columns {name, values} (numbers or strings; nil = NA; give n = rows when the
-- column may end in nil). The data frame is `d` in R (strings stay character). out(name, x)
-- prints x with full precision; NA comes back as NaN (0/0); calling out() again with the same
-- name (in a loop) appends. Loading survey takes seconds: do one R.run per spec block. R errors raise a Lua error
-- carrying R's stderr. R.available() says whether Rscript and the packages are installed;
-- specs that need R call R.require_available() so a missing R fails loudly, never silently.
local R = {}

local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

local tmpdir = os.getenv("TMPDIR") or "/tmp"
local counter = 0
local function tmpname(suffix) -- mkstemp-unique, also across concurrent runs
  counter = counter + 1
  local base = os.tmpname()
  os.remove(base)
  return string.format("%s-passend-r-%d%s", base, counter, suffix)
end

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return "" end
  local s = f:read("a")
  f:close()
  return s
end

local function csv_field(v)
  if v == nil then return "NA" end
  if type(v) == "number" then
    if v ~= v then return "NA" end
    if math.type(v) == "integer" then return tostring(v) end
    return string.format("%.17g", v)
  end
  return '"' .. tostring(v):gsub('"', '""') .. '"'
end

-- Writes columns as CSV; returns the path.
local function write_csv(cols)
  local n = 0
  for _, c in ipairs(cols) do n = math.max(n, c.n or #c[2]) end
  local lines = {}
  local head = {}
  for i, c in ipairs(cols) do head[i] = csv_field(c[1]) end
  lines[1] = table.concat(head, ",")
  for r = 1, n do
    local row = {}
    for i, c in ipairs(cols) do row[i] = csv_field(c[2][r]) end
    lines[#lines + 1] = table.concat(row, ",")
  end
  local path = tmpname(".csv")
  local f = assert(io.open(path, "wb"))
  f:write(table.concat(lines, "\n"), "\n")
  f:close()
  return path
end

local prelude = [[
options(warn = 1)
out <- function(name, x) {
  x <- as.numeric(x)
  cat(name, paste(ifelse(is.na(x), "NA", sprintf("%.17g", x)), collapse = "\t"), sep = "\t")
  cat("\n")
}
]]

local available
function R.available()
  if available == nil then
    local ok = os.execute("Rscript -e 'suppressMessages({library(survey); library(psych)})' >/dev/null 2>&1")
    available = ok == true or ok == 0
  end
  return available
end

function R.require_available()
  assert(R.available(), "Rscript with the survey and psych packages is needed for this test")
end

-- Runs code with data frame d; returns { name = {numbers...} }.
function R.run(code, opts)
  opts = opts or {}
  local script, outp, errp = tmpname(".R"), tmpname(".out"), tmpname(".err")
  local parts = { prelude }
  local csv
  if opts.data then
    csv = write_csv(opts.data)
    parts[#parts + 1] = string.format(
      "d <- read.csv(%q, stringsAsFactors = FALSE, na.strings = 'NA')\n", csv)
  end
  parts[#parts + 1] = "suppressMessages({\n" .. code .. "\n})\n"
  local f = assert(io.open(script, "wb"))
  f:write(table.concat(parts))
  f:close()
  local ok = os.execute(string.format("Rscript --vanilla %s > %s 2> %s", q(script), q(outp), q(errp)))
  local out, err = slurp(outp), slurp(errp)
  os.remove(script); os.remove(outp); os.remove(errp)
  if csv then os.remove(csv) end
  if not (ok == true or ok == 0) then error("Rscript failed:\n" .. err, 2) end
  local res = {}
  for line in out:gmatch("[^\n]+") do
    local fields = {}
    for fld in (line .. "\t"):gmatch("([^\t]*)\t") do fields[#fields + 1] = fld end
    local name = table.remove(fields, 1)
    local vals = {}
    for i, s in ipairs(fields) do vals[i] = (s == "NA") and (0 / 0) or tonumber(s) end
    local prev = res[name]
    if prev then   -- out() called again under the same name (in a loop): append
      for _, v in ipairs(vals) do prev[#prev + 1] = v end
    else
      res[name] = vals
    end
  end
  return res
end

-- Relative closeness used across the R cross-checks: |a - b| <= tol * max(|a|, |b|, tiny).
function R.close(a, b, tol)
  tol = tol or 1e-9
  if a ~= a or b ~= b then return a ~= a and b ~= b end
  if a == b then return true end
  return math.abs(a - b) <= tol * math.max(math.abs(a), math.abs(b), 1e-300)
end

-- assert-style helper: checks a against b (numbers or arrays) and names what differs.
function R.assert_close(a, b, what, tol)
  if type(a) == "table" or type(b) == "table" then
    assert(type(a) == "table" and type(b) == "table", (what or "value") .. ": table vs number")
    assert(#a == #b, string.format("%s: %d values vs %d from R", what or "value", #a, #b))
    for i = 1, #a do R.assert_close(a[i], b[i], string.format("%s[%d]", what or "value", i), tol) end
    return
  end
  assert(type(a) == "number" and type(b) == "number",
    string.format("%s: expected numbers, got %s and %s", what or "value", type(a), type(b)))
  if not R.close(a, b, tol) then
    error(string.format("%s: passend %.17g vs R %.17g (rel. diff %.3g)", what or "value", a, b,
      math.abs(a - b) / math.max(math.abs(a), math.abs(b))), 2)
  end
end

return R
