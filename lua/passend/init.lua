-- passend/init.lua: the passend module, assembled from its layers. luaopen_passend
-- (src/lua/lpassend.c) has put the C functions in package.loaded["passend.core"] and returns
-- what this file returns. Each layer is a module that requires what it uses:
--
--   passend.core (C)  passend.args  passend.doc  passend.lang  passend.lazy
--   passend.io        the registry of file types: read, d:write, d:format
--   passend.data      the dataset surface: preview, describe, scales, codebook, recoding
--   passend.rules     the monitor's flag, suppression and bands; disclosure control
--   passend.stats     every statistic     passend.weighting   weights and calibration
--   passend.format    renderers           passend.monitor     the Doelstellingenmonitor
--   passend.shell     what the prompt calls (printing, help, completion, globals, sandbox)
--
-- Here they become the public module: the prompt's verbs (P.globals) and the namespaces
-- stats, data, weight, rules, format and monitor; the Dataset methods are installed here.
local core = require "passend.core"
local doc = require "passend.doc"
local io_ = require "passend.io"
local data = require "passend.data"
local preview = require "passend.data.preview"
local rules = require "passend.rules"
local stats = require "passend.stats"
local weighting = require "passend.weighting"
local format = require "passend.format"
local monitor = require "passend.monitor"
local help = require "passend.shell.help"
local pretty = require "passend.shell.pretty"
local args = require "passend.args"

local P = {}

-- --- the prompt's verbs ---------------------------------------------------------------------

P.read = doc.def("read", io_.read, [[
read(path [, opts])

Reads a data file into a dataset, with the file type of the extension (.csv .tsv .sav .zsav
.por .dta .sas7bdat "file.db:table") or opts.format. CSV options:
  sep = ";"                separator; default: detected among , ; tab |
  decimal = ","            decimal mark; default "." with sep ",", otherwise detected
  encoding = "utf-8"       or "windows-1252", "latin-1"; default: UTF-8, and
                           Windows-1252 when the file is not valid UTF-8
  header = false           the first row is data; columns are V1, V2, ...
  na = {"", "NA", "#N/A"}  unquoted fields read as missing (the default list)
  types = {swv = "text"}   force a type ("text" | "number"); otherwise a column is
                           numbers when every non-missing field is a number
  missing = {q1 = {8, 9}}  user-missing codes per column; {8, 9}: every number column
  threads = 2              parse in this many chunks in parallel (1 = one pass); default
                           0: the machine's cores (at most 8) for files of 4 MB and more
A quoted field is never missing ("" is the empty string in a text column).
Errors name file:line:column; a failed read changes nothing. See docs/data.md.
Other file types take their own options (.sav: encoding; "file.db:table": table).]], {
  options = io_.spec_of(io_.type("csv"), "read"),
  example = function() return P.example_file("data/respons_meting2023.csv"), { sep = "," } end,
})
P.dataset, P.sql, P.save, P.tables = core.dataset, core.sql, core.save, core.tables
P.scale = data.scale
P.estimate, P.freq, P.crosstab, P.compare = stats.estimate, stats.freq, stats.crosstab, stats.compare
P.alpha, P.descriptives, P.percentages, P.factor = stats.alpha, stats.descriptives, stats.percentages, stats.factor
P.rake, P.poststratify = weighting.rake, weighting.poststratify
P.report = require("passend.monitor.report").report
P.explain = require("passend.monitor.explain").explain
local teach = require "passend.teach.install"
P.lesson = teach.lesson
P.help = help.help
P.monitor = monitor

-- The prompt's globals (shell.install_globals), each documented; everything else lives in
-- the namespaces.
P.globals = { "read", "dataset", "scale", "estimate", "freq", "crosstab", "compare", "alpha", "descriptives",
  "percentages", "factor", "rake", "poststratify", "report", "explain", "lesson", "lesson_handout", "help",
  "monitor", "sql", "save", "tables" }

-- --- the namespaces -------------------------------------------------------------------------

local function documented(t)
  local out = {}
  for k, v in pairs(t) do
    if type(v) ~= "function" or doc.get(v) then out[k] = v end
  end
  return out
end

P.stats = stats
P.data = data
P.weight = documented(weighting)
P.rules = rules
P.format = format
P.namespaces = { "stats", "data", "weight", "rules", "format" }

-- --- passend itself -------------------------------------------------------------------------

P.version = core.version
P.clock = doc.rename("clock", "passend.clock", core.clock)
P.sandbox_info = doc.rename("sandbox_info", "passend.sandbox_info", core.sandbox_info)
P.pretty = pretty.pretty
P.topic = doc.def("passend.topic", doc.topic, [[
passend.topic(name, text)

Adds a help topic that is not a function (a concept such as "scales" or "bands");
help(name) prints it.]])
P.def = doc.def("passend.def", function(t)
  local name, value, text = t[1], t[2], t[3]
  if type(name) ~= "string" or name == "" then error("passend.def{ \"name\", fn, \"help\" }: the name comes first", 2) end
  P[name] = value
  if text then doc.def(name, value, text) end
  return value
end, [[
passend.def{ "name", fn, "help" }

Adds fn to passend under name, with its help text (usage line, blank line, explanation), so
help(fn) and help() show it.]])
P.luadir = core.luadir
P.lesson_handout, P.example_file, P.teach = teach.lesson_handout, teach.example_file, teach.teach

-- --- Dataset methods --------------------------------------------------------------------------

-- At the prompt a long crosstab prints as its table (the wide layout, protected as every shown
-- table is), the test under it when no cell is hidden (a hidden cell takes the test along).
preview.views.crosstab = function(d, width)
  local w = require("passend.stats.crosstab").wide_of(d)
  if not w then return nil end
  local text = io_.render(w, "text", { width = width, lang = require("passend.lang").settings.lang }):gsub("\n$", "")
  local lines = {}
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do lines[#lines + 1] = line end
  local shown = require("passend.rules.disclosure").protect(w, {})
  return lines, shown:meta().test == nil
end

do
  local methods, mt = core._dataset_methods, core._dataset_mt
  for k, v in pairs(preview.methods) do methods[k] = v end
  -- the options of the text type (each type checks its own: passend.io)
  local text_options = io_.spec_of(io_.type("text"), "write")
  methods.format = doc.def("Dataset:format", function(d, name, opts) return io_.render(d, name or "text", opts) end, [[
d:format(name, opts) -> string

The dataset in format name ("text", "md", "csv", "json", "html", "tex", "svg" or one added
with format.register). opts: lang ("nl"|"en"), decimals = {col = k}, columns, width, color,
marks ... (docs/formats.md); each format adds its own (csv: sep, dialect ...).]], {
    options = text_options,
    example = function() return require("passend.sample").data(), "text", { lang = "en", columns = { "regio", "cijfer" } } end,
  })
  methods.write = doc.def("Dataset:write", io_.write, [[
d:write(path, opts) -> path

Writes the dataset to path, the file type chosen by the extension (.txt .md .csv .json .html .tex
.xlsx .svg, or a data file: .csv .sav .dta "file.db:table" ...) or opts.format. Transactional: a
failed write leaves an existing file untouched. .csv writes the data (all columns, full
precision; opts.display = true: the formatted table). Disclosure control applies to every table.
opts: those of d:format, and each file type's own (csv: sep, dialect ...; xlsx: sheet).]], {
    options = text_options,
    example = function()
      local path = require("passend.sample").temp_path("txt")  -- the registry's test removes it
      return require("passend.sample").data(), path, { lang = "en" }
    end,
  })
  -- d:join(other, key, {suffix}): the C join, its options checked here
  local c_join = methods.join
  local JOIN = args.spec{ suffix = "string" }
  methods.join = doc.def("Dataset:join", function(d, other, key, opts)
    args.options("join", opts, JOIN)
    return c_join(d, other, key, opts)
  end, (doc.get("Dataset:join")), {
    options = JOIN,
    example = function()
      local s = require "passend.sample"
      return s.data(), s.frame(), "regio", { suffix = "_pop" }
    end,
  })
  -- At the prompt a display table (one with a _kind column, e.g. monitor.table or response())
  -- prints as the text format (bands in colour on a terminal, fitted to its width); other
  -- datasets print their preview (d:preview() shows the raw columns of any dataset).
  mt.__tostring = function(d)
    for _, c in ipairs(d.columns) do
      if c == "_kind" then return (io_.render(d, "text", {}):gsub("\n$", "")) end
    end
    return preview.preview(d, { view = true })
  end
end

return P
