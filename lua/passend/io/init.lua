-- passend/io: the one registry of file types. A type is
--   { name = "csv", extensions = {"csv"}, read = fn(path, opts) -> dataset,
--     write = fn(d, path, opts), render = fn(d, opts) -> text, direct = true,
--     read_options = {...}, options = {...} }
-- with any of read, write and render; read_options and options are the passend.args entries of
-- the options its reader and its writer/renderer take besides the common ones (IO.OPTIONS and
-- format.layout's); a type without them takes only those. read(path) reads with the type of the extension,
-- d:write(path) writes with it (write, else the rendered text), d:format(name) renders. A new
-- type is one file (lua/passend/io/types/ has the built-in ones; format.register adds one).
--
-- Every write is transactional and goes through the path gate (src/io/pathgate.c): C writers
-- (direct = true) do both themselves, everything else writes a temporary file from
-- core._temp_for that is renamed over the target when complete. Every table written or
-- rendered passes disclosure control first (passend.rules.disclosure).
local core = require "passend.core"
local disclosure = require "passend.rules.disclosure"
local args = require "passend.args"

local IO = {}

local types, by_ext, order = {}, {}, {}

-- The extension of path; "file.db:table" names a table inside file.db: the extension is "db".
local function extension(path)
  local ext = path:match("%.([^./\\:]+):[^/\\]*$") or path:match("%.([^./\\]+)$")
  return ext and ext:lower()
end
IO.extension = extension

local function fail(fn, fmt, ...)
  error(fn .. ": " .. string.format(fmt, ...), 0)
end

local FIELDS = args.spec{ name = "string", extensions = "list", read = "function", write = "function",
  render = "function", direct = "boolean", label = "string", read_options = "table", options = "table" }

-- Options every write and rendering takes: the type, the shown table (display), the text
-- format's colour and width, disclosure control (passend.rules.disclosure). The prepared
-- table's own (lang, decimals, columns ...) are format.layout's.
IO.OPTIONS = {
  format = "string", display = "boolean", color = "boolean", width = { "either", "count", { "one_of", false } },
  min_n = "count", protect = "boolean", note = "string",
}

-- The option spec of a type, for reading ("read") or writing and rendering; made once.
local specs = setmetatable({}, { __mode = "k" })
local function spec_of(t, how)
  specs[t] = specs[t] or {}
  local s = specs[t][how]
  if not s then
    if how == "read" then s = args.spec({ format = "string" }, t.read_options or {})
    else s = args.spec(IO.OPTIONS, require("passend.format.layout").OPTIONS, t.options or {}) end
    specs[t][how] = s
  end
  return s
end
IO.spec_of = spec_of
IO.FIELDS = FIELDS

function IO.register(spec)
  if type(spec) ~= "table" or type(spec.name) ~= "string" or spec.name == "" then
    error("format.register: expected {name = \"...\", extensions = {...}, read = fn | write = fn | render = fn}", 2)
  end
  args.fields("format.register", spec, FIELDS)
  if type(spec.render) ~= "function" and type(spec.write) ~= "function" and type(spec.read) ~= "function" then
    error("format.register: type \"" .. spec.name .. "\" needs a read(path, opts), write(d, path, opts) or "
      .. "render(d, opts) function", 2)
  end
  spec.extensions = spec.extensions or {}
  if not types[spec.name] then order[#order + 1] = spec.name end
  types[spec.name] = spec
  for _, e in ipairs(spec.extensions) do by_ext[(e:gsub("^%.", "")):lower()] = spec end
  return spec
end

-- The type for a path (by extension, or opts.format by name or extension) and the extension.
local function type_for(fn, path, opts)
  local name = opts and opts.format
  if name ~= nil then
    if type(name) ~= "string" then fail(fn, "format must be a type name such as \"csv\", got %s", type(name)) end
    local t = types[name] or by_ext[name:lower()]
    if not t then
      fail(fn, "unknown format %q (known: %s)", name, table.concat(IO.names(), ", "))
    end
    return t, extension(path) or name
  end
  local ext = extension(path)
  return ext and by_ext[ext], ext
end

-- The names of the registered types, sorted.
function IO.names(has)
  local out = {}
  for _, n in ipairs(order) do
    if not has or types[n][has] then out[#out + 1] = n end
  end
  table.sort(out)
  return out
end

function IO.type(name) return types[name] end

-- Removes a type (one a script or test registered) and its extensions.
function IO.unregister(name)
  local t = types[name]
  if not t then return end
  types[name] = nil
  for e, tt in pairs(by_ext) do if tt == t then by_ext[e] = nil end end
  for i, n in ipairs(order) do if n == name then table.remove(order, i) break end end
end

-- The type a path's extension names (nil when none), and the extension.
function IO.type_of(path)
  local ext = extension(path)
  return ext and by_ext[ext], ext
end

-- --- reading -----------------------------------------------------------------------------

function IO.read(path, opts)
  if type(path) ~= "string" then fail("read", "expected a file name, got %s", type(path)) end
  if opts ~= nil and type(opts) ~= "table" then fail("read", "options must be a table, got %s", type(opts)) end
  local t, ext = type_for("read", path, opts)
  if t and t.read then args.options("read", opts, spec_of(t, "read")) end
  if not t or not t.read then
    local exts = {}
    for e, tt in pairs(by_ext) do if tt.read then exts[#exts + 1] = e end end
    table.sort(exts)
    local what = t and string.format("passend writes %s files but does not read them", t.name)
      or string.format("no reader for \"%s\" files", ext or "extensionless")
    fail("read", "%s: %s (it reads: %s; or pass {format = \"csv\"})", path, what, table.concat(exts, ", "))
  end
  local d = t.read(path, opts or {})
  if not core.is_dataset(d) then fail("read", "%s: the %s reader returned no dataset", path, t.name) end
  return d
end

-- --- writing -----------------------------------------------------------------------------

-- Drops "file.lua:12: " from a message that names the user's file.
local function plain(err)
  return (tostring(err):gsub("^[^\n]-%.lua:%d+: ", "", 1))
end

-- Writes through a temporary file next to path (core._temp_for: through the path gate, named
-- like x.tmpXXXXXX.csv so writers see the extension), renamed over path when complete; a
-- failure leaves the old file and no temporary. writer(tmp) writes the file by name.
function IO.atomic_write(path, writer)
  local ok, tf = pcall(core._temp_for, path)
  if not ok then error(plain(tf), 0) end
  local tmp = tf:name()
  local wok, err = pcall(writer, tmp)
  if not wok then
    tf:abort()
    err = plain(err)
    local i, j = err:find(tmp, 1, true)
    if i then err = err:sub(1, i - 1) .. path .. err:sub(j + 1) end
    error(err, 0)
  end
  tf:commit()
end

function IO.write_text(path, text)
  IO.atomic_write(path, function(tmp)
    local f, err = core._open(tmp, "wb")
    if not f then error(path .. ": cannot write: " .. tostring(err), 0) end
    local ok, werr = f:write(text)
    local cok, cerr = f:close()
    if not ok then error(path .. ": " .. tostring(werr), 0) end
    if not cok then error(path .. ": " .. tostring(cerr), 0) end
  end)
end

-- d:write(path [, opts]): the type of the extension (or opts.format) writes d: its writer
-- (data files: .csv .sav .dta "file.db:table" ...), else its rendered text (.txt .md .html
-- ...). opts.display = true writes the rendered table also where a data writer exists (a .csv
-- of the formatted table). Disclosure control applies to every table written.
function IO.write(d, path, opts)
  opts = opts or {}
  if type(path) ~= "string" then fail("write", "expected a file name, got %s", type(path)) end
  if type(opts) ~= "table" then fail("write", "options must be a table, got %s", type(opts)) end
  local t, ext = type_for("write", path, opts)
  if not t or not (t.write or t.render) then
    fail("write", "%s: no format for extension %q (known: %s); give opts.format", path, tostring(ext),
      table.concat(IO.names(), ", "))
  end
  args.options("write", opts, spec_of(t, "write"), d)
  d = disclosure.protect(d, opts)
  if t.write and not (opts.display and t.render) then
    if t.direct then t.write(d, path, opts)
    else IO.atomic_write(path, function(tmp) t.write(d, tmp, opts, path) end) end
  else
    local o = setmetatable({ color = opts.color or false, width = opts.width or false }, { __index = opts })
    IO.write_text(path, t.render(d, args.mark_checked(o)))
  end
  return path
end

-- d:format(name [, opts]): the table as text in the type's rendering.
function IO.render(d, name, opts)
  name = name or "text"
  local t = types[name]
  if not t then
    fail("format", "unknown format %q (known: %s)", tostring(name), table.concat(IO.names("render"), ", "))
  end
  if not t.render then
    error("format: " .. name .. " writes files only: use d:write(\"file." .. (t.extensions[1] or name) .. "\")", 2)
  end
  args.options("format", opts, spec_of(t, "write"), d)
  opts = args.mark_checked(opts or {})
  return t.render(disclosure.protect(d, opts), opts)
end

-- The built-in types, one file each.
for _, name in ipairs({ "csv", "tsv", "text", "md", "json", "html", "tex", "xlsx", "svg", "spss", "stata",
                        "sas", "sqlite" }) do
  IO.register(require("passend.io.types." .. name))
end

return IO
