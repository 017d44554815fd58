-- passend/sandbox.lua: the Lua environment of a sandboxed run (`passend --sandbox --out DIR`),
-- built from an allow-list as Redis builds the environment of its scripts: every global, every
-- field of the standard libraries and every loaded module that is not listed below is removed
-- before the script runs, so whatever a future Lua or library adds stays out until someone
-- decides to let it in. What remains reads and writes files only through passend's path gate
-- (src/io/pathgate.c: writes below --out, reads of the files and folders docs/sandbox.md lists).
-- The global table is changed in place: passend's own Lua code sees the same restricted world.
local M = ...

-- Standard functions a script may use, per library ("_G" = the base library).
local allowed = {
  _G = { "assert", "collectgarbage", "error", "getmetatable", "ipairs", "next", "pairs", "pcall",
    "print", "rawequal", "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber",
    "tostring", "type", "warn", "xpcall", "_VERSION", "_G", "arg" },
  string = { "byte", "char", "dump", "find", "format", "gmatch", "gsub", "len", "lower", "match",
    "pack", "packsize", "rep", "reverse", "sub", "unpack", "upper" },
  table = { "concat", "insert", "move", "pack", "remove", "sort", "unpack" },
  math = { "abs", "acos", "asin", "atan", "ceil", "cos", "deg", "exp", "floor", "fmod", "huge",
    "log", "max", "maxinteger", "min", "mininteger", "modf", "pi", "rad", "random", "randomseed",
    "sin", "sqrt", "tan", "tointeger", "type", "ult" },
  utf8 = { "char", "charpattern", "codepoint", "codes", "len", "offset" },
  coroutine = { "close", "create", "isyieldable", "resume", "running", "status", "wrap", "yield" },
  os = { "clock", "date", "difftime", "time", "exit" },
  io = { "close", "read", "write", "type", "stdin", "stdout", "stderr" },
  package = { "config", "loaded", "preload", "path" },
}
-- Modules that stay in package.loaded (passend's own: every name starting with "passend").
local allowed_modules = { _G = true, string = true, table = true, math = true, utf8 = true,
  coroutine = true, os = true, io = true, package = true, debug = true }

local function keep_only(t, names)
  local keep = {}
  for _, k in ipairs(names) do keep[k] = true end
  for k in pairs(t) do
    if not keep[k] then t[k] = nil end
  end
end

-- A fresh table with only the listed fields of lib.
local function copy_of(lib, names)
  local t = {}
  for _, k in ipairs(names) do t[k] = lib[k] end
  return t
end

-- io.lines(path, ...) closes the file after the last line, as Lua's own does.
local function lines_closing(f, ...)
  local it = f:lines(...)
  return function()
    local v = table.pack(it())
    if v[1] == nil then f:close() end
    return table.unpack(v, 1, v.n)
  end
end

function M._enter_sandbox()
  M._load_all()  -- every lazy part first: the allow-list is built from what M has
  local G = _G
  local real_io, real_os, real_load = io, os, load
  local string, table, math, utf8, coroutine = string, table, math, utf8, coroutine
  local package, require, traceback = package, require, debug.traceback
  local pairs, ipairs, type = pairs, ipairs, type
  local open, loadfile_, dofile_ = M._open, M._sandbox_loadfile, M._sandbox_dofile

  -- io and os: new tables with the allowed fields and the gated file functions
  local sio = copy_of(real_io, allowed.io)
  sio.open = open
  sio.lines = function(path, ...)
    if path == nil then return real_io.lines() end
    local f = assert(open(path, "r"))
    return lines_closing(f, ...)
  end
  sio.input = function(f)
    if type(f) == "string" then f = assert(open(f, "r")) end
    return real_io.input(f)
  end
  sio.output = function(f)
    if type(f) == "string" then f = assert(open(f, "w")) end
    return real_io.output(f)
  end
  local sos = copy_of(real_os, allowed.os)
  sos.remove, sos.rename = M._remove, M._rename

  -- package: one searcher (text only, through the gate); no C loaders, no loadlib, no cpath
  local preload_searcher = package.searchers[1]
  keep_only(package, allowed.package)
  package.searchers = { preload_searcher, M._sandbox_searcher }

  -- globals: the allowed base functions, passend's public verbs, and the tables above
  local public = {}
  for k, v in pairs(M) do
    if type(k) == "string" and k:sub(1, 1) ~= "_" and G[k] == v then public[k] = true end
  end
  for k in pairs(G) do
    local keep = public[k] or k == "passend"
    for _, name in ipairs(allowed._G) do if name == k then keep = true end end
    if not keep then G[k] = nil end
  end
  G.string, G.table, G.math, G.utf8, G.coroutine = string, table, math, utf8, coroutine
  keep_only(string, allowed.string)
  keep_only(table, allowed.table)
  keep_only(math, allowed.math)
  keep_only(utf8, allowed.utf8)
  keep_only(coroutine, allowed.coroutine)
  G.io, G.os, G.package = sio, sos, package
  G.debug = { traceback = traceback }
  G.require = require
  G.passend = M
  -- text chunks only: crafted bytecode can break out of any sandbox (Lua does not verify it)
  G.load = function(chunk, name, _, env)
    if type(chunk) == "string" and chunk:byte(1) == 27 then
      return nil, "sandbox: binary chunks are not loaded in a sandboxed run (see docs/sandbox.md)"
    end
    if env == nil then return real_load(chunk, name, "t") end
    return real_load(chunk, name, "t", env)
  end
  G.loadfile, G.dofile = loadfile_, dofile_

  local loaded = package.loaded
  for k in pairs(loaded) do
    if not allowed_modules[k] and not (type(k) == "string" and k:find("^passend")) then loaded[k] = nil end
  end
  loaded._G, loaded.io, loaded.os, loaded.debug, loaded.package = G, sio, sos, G.debug, package

  M._enter_sandbox = nil
end
