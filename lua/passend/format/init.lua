-- passend/format/init.lua: the format registry and the prepared table every format renders.
-- See docs/formats.md for how a dataset carries its display information (title, notes,
-- source, helper columns _kind, _band:COL, _flag:COL, _state:COL ...).
local M = ...
local F = M.format or {}
M.format = F

F.formats, F.by_ext = {}, {}
F.settings = { lang = "nl" }

local function doc(name, fn, text) M._setdoc(name, fn, text) end

-- Words that formats print themselves (titles, notes, labels set by the user print as given).
F.words = {
  nl = {
    source = "Bron: ", decimal = ",", thousands = ".",
    flag_note = "*  Dit getal heeft een range die tussen de %s en %s ligt.",
    legend = "Kleur", contents = "Inhoud",
    bands = { rood = "rood", geel = "geel", lichtgroen = "lichtgroen", donkergroen = "donkergroen" },
    marks = { rood = "R", geel = "G", lichtgroen = "LG", donkergroen = "DG" },
    columns = { scale = "schaal", label = "omschrijving", points = "punten", n = "n",
      n_w = "n (gewogen)", mean = "gemiddelde", sd = "sd", se = "se", lo = "ondergrens",
      hi = "bovengrens", range = "range", df = "df", reason = "reden", band = "kleur" },
  },
  en = {
    source = "Source: ", decimal = ".", thousands = ",",
    flag_note = "*  The range of this value lies between %s and %s.",
    legend = "Colour", contents = "Contents",
    bands = { rood = "red", geel = "yellow", lichtgroen = "light green", donkergroen = "dark green" },
    marks = { rood = "R", geel = "Y", lichtgroen = "LG", donkergroen = "DG" },
    columns = { scale = "scale", label = "label", points = "points", n = "n",
      n_w = "n (weighted)", mean = "mean", sd = "sd", se = "se", lo = "lower",
      hi = "upper", range = "range", df = "df", reason = "reason", band = "band" },
  },
}

-- The report's four bands, low to high, with fills (HTML/xlsx/tex/svg) and ANSI backgrounds.
F.bands = {
  { id = "rood", fill = "F4A09A", ansi = "48;5;217" },
  { id = "geel", fill = "FFE58A", ansi = "48;5;229" },
  { id = "lichtgroen", fill = "C5E5B4", ansi = "48;5;151" },
  { id = "donkergroen", fill = "6DBE7D", ansi = "48;5;114" },
}
F.band = {}
for i, b in ipairs(F.bands) do b.order = i; F.band[b.id] = b end

function F.words_for(lang)
  local w = F.words[lang or F.settings.lang]
  if not w then error(string.format("format: unknown language %q (expected \"nl\" or \"en\")", tostring(lang)), 3) end
  return w
end

-- format.number(x, decimals, lang, thousands): x rounded half-up on its shortest decimal string.
function F.number(x, decimals, lang, thousands)
  if x == nil or x ~= x then return "" end
  local w = F.words_for(lang)
  return M._numstr(x, decimals or -1, w.decimal, thousands and w.thousands or "")
end
doc("format.number", F.number, [[
format.number(x, decimals, lang, thousands) -> string

x with `decimals` decimals (nil: its shortest exact form), rounded half-up on the decimal
string (0.15 -> "0,2"), with the decimal comma (lang "nl", default) or point ("en");
thousands = true adds separators. nil and NaN give "".]])

-- --- the registry ------------------------------------------------------------------------

function F.register(spec)
  if type(spec) ~= "table" or type(spec.name) ~= "string" or spec.name == "" then
    error("format.register: expected {name = \"...\", extensions = {...}, render = fn | write = fn}", 2)
  end
  if type(spec.render) ~= "function" and type(spec.write) ~= "function" then
    error("format.register: format \"" .. spec.name .. "\" needs a render(d, opts) or write(d, path, opts) function", 2)
  end
  spec.extensions = spec.extensions or {}
  F.formats[spec.name] = spec
  for _, e in ipairs(spec.extensions) do F.by_ext[(e:gsub("^%.", "")):lower()] = spec.name end
  return spec
end
doc("format.register", F.register, [[
format.register{ name = "x", extensions = {"x"}, render = function(d, opts) ... end }

Adds an output format. render(d, opts) returns the text; a binary format gives
write(d, path, opts) instead. Afterwards d:format("x") and d:write("file.x") use it.
format.layout(d, opts) gives the prepared table the built-in formats render.]])

local function lookup(name)
  local spec = F.formats[name]
  if not spec then
    local names = {}
    for k in pairs(F.formats) do names[#names + 1] = k end
    table.sort(names)
    error(string.format("format: unknown format %q (known: %s)", tostring(name), table.concat(names, ", ")), 3)
  end
  return spec
end

function F.for_path(path)
  -- "file.db:table" names a table inside file.db: the extension is "db"
  local ext = path:match("%.([^./\\:]+):[^/\\]*$") or path:match("%.([^./\\]+)$")
  return ext and F.by_ext[ext:lower()], ext
end

-- Disclosure control (passend/disclosure.lua) on every table a format shows.
function F.protect(d, opts)
  if M.disclosure and type(d) == "userdata" then return M.disclosure.protect(d, opts) end
  return d
end

function F.render(d, name, opts)
  local spec = lookup(name)
  if not spec.render then
    error("format: " .. name .. " writes files only: use d:write(\"file." .. (spec.extensions[1] or name) .. "\")", 2)
  end
  opts = opts or {}
  return spec.render(F.protect(d, opts), opts)
end

-- Writes through a temporary file next to path (M._temp_for: through the path gate, named
-- like x.tmpXXXXXX.csv so writers see the extension), renamed over path when complete; a
-- failure leaves the old file and no temporary.
function F.atomic_write(path, writer)
  local ok, tf = pcall(M._temp_for, path)
  if not ok then error((tostring(tf):gsub("^[^\n]-%.lua:%d+: ", "", 1)), 0) end
  local tmp = tf:name()
  local wok, err = pcall(writer, tmp)
  if not wok then
    tf:abort()
    -- the message names the file the user gave, without our source position
    err = tostring(err):gsub("^[^\n]-%.lua:%d+: ", "", 1)
    local i, j = err:find(tmp, 1, true)
    if i then err = err:sub(1, i - 1) .. path .. err:sub(j + 1) end
    error(err, 0)
  end
  tf:commit()
end

function F.write_text(path, text)
  F.atomic_write(path, function(tmp)
    local f, err = M._open(tmp, "wb")
    if not f then error(path .. ": cannot write: " .. tostring(err), 0) end
    local ok, werr = f:write(text)
    local cok, cerr = f:close()
    if not ok then error(path .. ": " .. tostring(werr), 0) end
    if not cok then error(path .. ": " .. tostring(cerr), 0) end
  end)
end

function F.write(d, path, opts)
  opts = opts or {}
  if type(path) ~= "string" then error("write: expected a file name, got " .. type(path), 2) end
  local name = opts.format
  if not name then
    local ext
    name, ext = F.for_path(path)
    if not name then
      if F.data_writer(ext) then return F.data_write(d, path, opts) end
      error(string.format("write: %s: no format for extension %q; give opts.format", path, tostring(ext)), 2)
    end
  end
  if not F.formats[name] and F.data_writer(name) then
    F.call_data_writer(F.data_writer(name), name, F.protect(d, opts), path, opts)
    return path
  end
  local spec = lookup(name)
  d = F.protect(d, opts)
  if spec.write then
    F.atomic_write(path, function(tmp) spec.write(d, tmp, opts, path) end)
  else
    local o = setmetatable({ color = opts.color or false, width = opts.width or false }, { __index = opts })
    F.write_text(path, spec.render(d, o))
  end
  return path
end

-- --- reading a dataset -------------------------------------------------------------------

local function meta_of(d)
  local ok, m = pcall(function() return d:meta() end)
  return ok and type(m) == "table" and m or {}
end
F.meta_of = meta_of

local function column_values(d, name, n)
  local ok, v = pcall(function() return d:values(name) end)
  if ok and type(v) == "table" then return v end
  v = {}
  for i = 1, n do v[i] = d:get(i, name) end
  return v
end
F.column_values = column_values

local function has(set, x) for _, y in ipairs(set or {}) do if y == x then return true end end end

local estimate_decimals = { mean = 1, sd = 2, lo = 2, hi = 2, range = 2, se = 3, n_w = 1,
  n = 0, df = 0, points = 0 }

-- Fewest decimals (0..3) that show every value of vals exactly.
local function auto_decimals(vals, n)
  local best = 0
  for i = 1, n do
    local x = vals[i]
    if type(x) == "number" and x == x and x ~= math.floor(x) and math.abs(x) < 1e15 then
      local k = best
      while k < 3 and tonumber(M._numstr(x, k, ".", "")) ~= x do k = k + 1 end
      best = k
      if best == 3 then break end
    end
  end
  return best
end

-- format.layout(d, opts): the prepared table (see docs/formats.md).
function F.layout(d, opts)
  opts = opts or {}
  local meta = meta_of(d)
  local lang = opts.lang or meta.lang or F.settings.lang
  local W = F.words_for(lang)
  local n = #d
  if opts.max_rows and n > opts.max_rows then n = opts.max_rows end
  local names = d.columns
  local present = {}
  for _, c in ipairs(names) do present[c] = true end

  local cellmap = meta.cells
  if not cellmap and meta.kind == "estimate" and present.mean then
    cellmap = { mean = { band = present.band and "band" or nil, flag = present.flag and "flag" or nil,
      shown = present.shown and "shown" or nil } }
  end
  cellmap = cellmap or {}
  local consumed = {}
  for _, m in pairs(cellmap) do
    if m.flag then consumed[m.flag] = true end
    if m.shown then consumed[m.shown] = true end
    if m.state then consumed[m.state] = true end
  end

  local shown = {}
  if opts.columns then
    for _, c in ipairs(opts.columns) do
      if not present[c] then error(string.format("format: no column %q in the dataset", c), 3) end
      shown[#shown + 1] = c
    end
  else
    for _, c in ipairs(names) do
      if c:sub(1, 1) ~= "_" and not consumed[c] and not has(meta.hidden, c) and not has(opts.hidden, c) then
        shown[#shown + 1] = c
      end
    end
  end

  local cache = {}
  local function col(name)
    if not name or not present[name] then return nil end
    local v = cache[name]
    if not v then v = column_values(d, name, n); cache[name] = v end
    return v
  end

  local stubname = meta.stub or opts.stub or shown[1]
  local columns, stub = {}, 1
  for j, c in ipairs(shown) do
    local info = d:info(c) or {}
    local label = (opts.labels and opts.labels[c]) or (meta.labels and meta.labels[c])
    if not label and info.label and info.label ~= "" then label = info.label end
    if not label and meta.kind == "estimate" then label = W.columns[c] end
    local dec = (opts.decimals and opts.decimals[c]) or (meta.decimals and meta.decimals[c])
      or info.decimals
    if dec == nil and info.type == "number" then
      if meta.kind == "estimate" and estimate_decimals[c] then dec = estimate_decimals[c]
      else dec = auto_decimals(col(c), n) end
    end
    if c == stubname then stub = j end
    local m = cellmap[c] or {}
    columns[j] = { name = c, label = label or c, type = info.type or "number", decimals = dec,
      align = info.type == "text" and "left" or "right", value_labels = info.value_labels,
      band = col(m.band or ("_band:" .. c)), flag = col(m.flag or ("_flag:" .. c)),
      state = col(m.state or ("_state:" .. c)), shownv = col(m.shown) }
  end
  if #columns == 0 then
    error("format: the dataset has no columns to show (names starting with _ are hidden helpers)", 3)
  end
  columns[stub].align = "left"

  local kinds, indents = col("_kind"), col("_indent")
  local rows, used_bands, flagged = {}, {}, false
  for i = 1, n do
    local kind = kinds and kinds[i] or "row"
    if kind == "" or kind == "sub" then kind = "row" elseif kind == "indicator" then kind = "header" end
    local cells = {}
    for j, c in ipairs(columns) do
      local v = col(c.name)[i]
      local band = c.band and c.band[i] or nil
      local flag = c.flag and c.flag[i] or ""
      local state = c.state and c.state[i] or ""
      if c.shownv and c.shownv[i] == 0 then state = "suppressed" end
      if band == "" then band = nil end
      local text
      if state ~= "" and state ~= nil then
        text = opts.marks and opts.marks[state] or ""
        band, flag = nil, ""
      elseif v == nil then
        text, band, flag = "", nil, ""
      elseif type(v) == "number" then
        local lab = c.value_labels and c.value_labels[v]
        text = lab or F.number(v, c.decimals, lang, opts.thousands)
      else
        text = tostring(v)
      end
      if flag and flag ~= "" and text ~= "" then
        text = text .. flag
        if flag:match("^%*") and not flag:match("^%*%*") then flagged = true end
      else
        flag = ""
      end
      if band and kind ~= "header" then used_bands[band] = true end
      if kind == "header" and j ~= stub then text, band = "", nil end
      cells[j] = { text = text, value = v, band = band, flag = flag, state = state or "" }
    end
    rows[i] = { kind = kind, indent = indents and indents[i] or 0, cells = cells }
  end

  local notes = {}
  for _, s in ipairs(meta.notes or {}) do notes[#notes + 1] = tostring(s) end
  if flagged and meta.flag_note ~= false then
    local have = false
    for _, s in ipairs(notes) do if s:match("^%*[^*]") then have = true end end
    if not have then
      -- the * note comes first, as in the report (before ** notes)
      if type(meta.flag_note) == "string" then table.insert(notes, 1, meta.flag_note)
      else
        local f = meta.settings and meta.settings.flag or {}
        table.insert(notes, 1, string.format(W.flag_note, F.number(f.lo or f[1] or 0.5, 1, lang),
          F.number(f.hi or f[2] or 1.0, 1, lang)))
      end
    end
  end
  local source = meta.source
  if source and source ~= "" then
    -- the prefix in the table's language, whichever the source was written with
    source = W.source .. tostring(source):gsub("^Bron:%s*", ""):gsub("^Source:%s*", "")
  else
    source = nil
  end
  local bands = {}
  for _, b in ipairs(F.bands) do if used_bands[b.id] then bands[#bands + 1] = b.id end end
  return { title = opts.title or meta.title, notes = notes, source = source, lang = lang,
    words = W, columns = columns, rows = rows, stub = stub, bands = bands, kind = meta.kind,
    truncated = #d > n and #d or nil }
end
doc("format.layout", F.layout, [[
format.layout(d, opts) -> table

The prepared table every built-in format renders: title, notes (with the generated * note),
source (with its 'Bron: ' prefix), lang, words, columns {name, label, align, decimals, type},
rows {kind = "header"|"row"|"total", indent, cells {text, value, band, flag, state}},
stub (index of the row-label column), bands (band names used). See docs/formats.md.]])

-- --- the built-in formats ----------------------------------------------------------------

local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
for _, name in ipairs({ "text", "md", "csv", "json", "html", "tex", "xlsx", "svg" }) do
  assert(loadfile(here .. "/" .. name .. ".lua"))(M, F)
end

-- --- dataset methods ---------------------------------------------------------------------

-- d:format(name, opts) and d:write(path, opts) on every dataset. The data layer's writers
-- (M.writers[ext]: CSV, .sav, .dta ...) stay in charge of data files: d:write("x.csv") goes
-- to its CSV writer (opts.display = true: the formatted table instead), and extensions no
-- format claims go to a writer registered for them. Either way the write is transactional.
function F.data_writer(ext)
  local w = type(M.writers) == "table" and ext and M.writers[ext:lower()]
  return type(w) == "function" and w or nil
end

function F.data_write(d, path, opts)
  local _, ext = F.for_path(path)
  local w = F.data_writer(ext)
  if not w then error(string.format("write: %s: no format or writer for extension %q", path, tostring(ext)), 3) end
  -- a display table written as data is published too: protected like any format
  F.call_data_writer(w, ext, F.protect(d, opts), path, opts)
  return path
end

-- Writers that are transactional themselves (temporary file + rename, or one SQLite
-- transaction into "file.db:table") are listed in M._direct_writers and get the real path.
function F.call_data_writer(w, ext, d, path, opts)
  if type(M._direct_writers) == "table" and ext and M._direct_writers[ext:lower()] then
    w(d, path, opts)
  else
    F.atomic_write(path, function(tmp) w(d, tmp, opts) end)
  end
end

local function dataset_write(d, path, opts)
  opts = opts or {}
  if type(path) ~= "string" then error("write: expected a file name, got " .. type(path), 2) end
  local name, ext = F.for_path(path)
  if not opts.format and not opts.display and name == "csv" and F.data_writer(ext) then
    return F.data_write(d, path, opts)
  end
  return F.write(d, path, opts)
end

function F.install_methods()
  local methods = M._dataset_methods
  if type(methods) ~= "table" then
    local mt = debug.getregistry()["passend.Dataset"]
    methods = type(mt) == "table" and type(mt.methods) == "table" and mt.methods or nil
  end
  if not methods then return end
  methods.format = function(d, name, opts) return F.render(d, name or "text", opts) end
  methods.write = dataset_write
  M._setdoc("Dataset:format", methods.format, [[
d:format(name, opts) -> string

The dataset in format name ("text", "md", "csv", "json", "html", "tex", "svg" or one added
with format.register). opts: lang ("nl"|"en"), decimals = {col = k}, columns, width, color,
marks ... (docs/formats.md).]])
  M._setdoc("Dataset:write", methods.write, [[
d:write(path, opts) -> path

Writes the dataset to path, the format chosen by the extension (.txt .md .csv .json .html .tex
.xlsx .svg, or a data writer such as .sav) or opts.format. Through a temporary file renamed
over path: a failed write leaves an existing file untouched. .csv writes the data (all
columns, full precision; opts.display = true: the formatted table).]])
end
F.install_methods()

-- At the prompt a display table (one with a _kind column, e.g. monitor.table or response())
-- prints as the text format (bands in colour on a terminal, fitted to its width); other
-- datasets keep the data preview (d:preview() shows the raw columns of any dataset).
do
  local mt = M._dataset_mt
  if type(mt) == "table" and not mt.__passend_display then
    local plain = mt.__tostring
    mt.__tostring = function(d)
      local ok, is_display = pcall(function()
        for _, c in ipairs(d.columns) do if c == "_kind" then return true end end
        return false
      end)
      if ok and is_display then return (F.render(d, "text", {}):gsub("\n$", "")) end
      return plain(d)
    end
    mt.__passend_display = true
  end
end
