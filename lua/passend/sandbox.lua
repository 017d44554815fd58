-- passend/sandbox.lua: `passend --sandbox [--out DIR] script.lua` runs a script a colleague
-- shared with analysis powers only: no processes (os.execute, io.popen), no C modules
-- (package.loadlib, the C searchers), no binary chunks, no debug library, and files
-- written only below the --out directory (checked here for Lua's io/os and in C, by
-- pl_check_write, for passend's own writers).
local M = ...

local function refuse(what)
  return function() error("sandbox: " .. what .. " is not allowed in a sandboxed run", 2) end
end

local function writes(mode)
  return mode ~= nil and mode:find("[wa+]") ~= nil
end

function M._enter_sandbox()
  local check_write = M._check_write
  local function check(path)
    local ok, err = pcall(check_write, path)
    if not ok then error(err, 3) end
  end
  local io_open, io_output, os_remove, os_rename = io.open, io.output, os.remove, os.rename
  local load_, loadfile_ = load, loadfile

  os.execute = refuse("os.execute")
  io.popen = refuse("io.popen")
  os.tmpname = refuse("os.tmpname")
  package.loadlib = refuse("package.loadlib")
  package.cpath = ""
  package.searchers[3] = nil -- C loader
  package.searchers[4] = nil -- all-in-one C loader

  io.open = function(path, mode)
    if writes(mode) then check(path) end
    return io_open(path, mode)
  end
  io.output = function(f)
    if type(f) == "string" then check(f) end
    return io_output(f)
  end
  os.remove = function(path) check(path); return os_remove(path) end
  os.rename = function(a, b) check(a); check(b); return os_rename(a, b) end

  -- Text chunks only: crafted bytecode can break out of any sandbox.
  load = function(chunk, name, _, env) return load_(chunk, name, "t", env or _G) end
  loadfile = function(path, _, env) return loadfile_(path, "t", env or _G) end
  dofile = function(path)
    local f = assert(loadfile(path))
    return f()
  end
  loadstring = nil

  local traceback = debug.traceback
  debug = { traceback = traceback }
  package.loaded.debug = debug

  M._enter_sandbox = nil
end
