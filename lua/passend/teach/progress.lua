-- passend/teach/progress.lua: where each user is in each lesson, kept between sessions in
-- one small file: PASSEND_STATE/lessen.tsv, else $XDG_STATE_HOME/passend/lessen.tsv, else
-- ~/.local/state/passend/lessen.tsv. One line per lesson: id <TAB> step <TAB> klaar|bezig.
-- Written through the path gate (passend._temp_for, via format.write_text), replaced whole.
-- A sandboxed run saves nothing (its writes are limited to --out).
local C = require("passend.teach.catalog")

local G = {}

function G.enabled()
  return not require("passend.core")._sandboxed()
end

function G.dir()
  local env = C.env
  if env.state and env.state ~= "" then return env.state end
  if env.xdg_state and env.xdg_state ~= "" then return env.xdg_state .. "/passend" end
  if env.home and env.home ~= "" then return env.home .. "/.local/state/passend" end
  return nil
end

function G.file()
  local d = G.dir()
  return d and (d .. "/lessen.tsv")
end

-- { [id] = { step = k, done = bool } }
function G.load()
  local t = {}
  local path = G.file()
  if not path then return t end
  local ok, f = pcall(require("passend.core")._open, path, "rb")
  if not ok or not f then return t end
  for line in f:lines() do
    local id, step, status = line:match("^([^\t]+)\t(%d+)\t(%a+)$")
    if id then t[id] = { step = tonumber(step), done = status == "klaar" } end
  end
  f:close()
  return t
end

local function mkdir_p(dir)
  local path = dir:sub(1, 1) == "/" and "" or "."
  for part in dir:gmatch("[^/]+") do
    path = path .. "/" .. part
    local ok, err = require("passend.core")._mkdir(path)
    if not ok then return nil, err end
  end
  return true
end

-- Records step (and done) for lesson id. Returns true, or nil and why not.
function G.save(id, step, done)
  if not G.enabled() then return nil, "sandbox" end
  local path = G.file()
  if not path then return nil, "no HOME" end
  local t = G.load()
  t[id] = { step = step, done = done }
  local ids = {}
  for k in pairs(t) do ids[#ids + 1] = k end
  table.sort(ids)
  local lines = {}
  for _, k in ipairs(ids) do
    lines[#lines + 1] = string.format("%s\t%d\t%s\n", k, t[k].step, t[k].done and "klaar" or "bezig")
  end
  local ok, err = pcall(function()
    assert(mkdir_p(G.dir()))
    require("passend.io").write_text(path, table.concat(lines))
  end)
  if not ok then return nil, tostring(err) end
  return true
end

return G
