-- passend/format: tables as text, Markdown, CSV, JSON, HTML, LaTeX, Excel and SVG, as the
-- `format` namespace. layout.lua prepares the table every renderer draws (one file per
-- renderer in this folder); the file types they serve are registered in passend.io, which
-- format.register adds to.
local doc = require "passend.doc"
local layout = require "passend.format.layout"
local io_ = require "passend.io"
local words = require "passend.format.words"

local format = {
  settings = layout.settings,
  number = layout.number,
  layout = layout.public_layout,
  render = io_.render,
  write_xlsx = require("passend.format.xlsx").write_book,
  chart = require("passend.format.svg").chart,
  quantity = words.quantity, quantity_range = words.quantity_range,
  count_phrase = words.count_phrase, compare_phrase = words.compare_phrase,
}

format.register = doc.def("format.register", io_.register, [[
format.register{ name = "x", extensions = {"x"}, render = fn(d, opts) | write = fn(d, path, opts) | read = fn(path, opts) }

Adds a file type: render(d, opts) returns the table as text (d:format("x") and d:write("f.x")
use it), write(d, path, opts) writes a binary file (given a temporary path that replaces the
target when complete), read(path, opts) returns a dataset (read("f.x")). format.layout(d, opts)
gives the prepared table the built-in formats render. One file per type: see
lua/passend/io/types/ for the built-in ones. read_options and options list the options its reader
and its writer or renderer take besides the common ones ({sep = "string", ...}: passend.args
entries); without them a type takes only the common options.]], {
  options = io_.FIELDS, options_at = 1,
  example = function() return { name = "_voorbeeld", extensions = { "voorbeeld" }, render = function() return "" end } end,
})

-- A table written as a page of its own: several tables in one .html (helpers for scripts that
-- write their own books, such as scripts/demo.lua).
format.html_page = require("passend.format.html").page
format.write_text = io_.write_text

return format
