-- The registry of documented functions (passend.doc) and the argument layer (passend.args),
-- issue 15/16: every documented function that takes options registers its option spec and an
-- example (valid arguments) with its help; an unknown option is an error naming it and the
-- closest known name, a misspelt column in a column-valued option is an error with the right
-- column, values of the wrong kind are errors. Walks the whole registry, so a new function
-- that takes options without a spec makes this spec fail.
local doc = require "passend.doc"
local args = require "passend.args"
local core = require "passend.core"

-- Documented names whose usage line has a table with named fields that are not options, and why.
local NOT_OPTIONS = {
  ["Dataset:rename"] = "d:rename{old = \"new\"}: the keys are the data's column names (checked as columns)",
}

-- Does the usage line (the help's first line) take options: opts, settings, overrides or a
-- table with named fields?
local function takes_options(name, usage)
  if name:match("^_") then return false end   -- the C layer's own helpers (_factor, ...)
  if NOT_OPTIONS[name] then return false end
  return usage:find("opts", 1, true) or usage:find("settings", 1, true) or usage:find("overrides", 1, true)
    or usage:find("[{,]%s*[%a_][%w_]*%s*=") ~= nil
end

local function documented_with_options()
  local out = {}
  for name, text in pairs(doc.all()) do
    if takes_options(name, text:match("^[^\n]*")) then out[#out + 1] = name end
  end
  table.sort(out)
  return out
end

-- The function a documented name stands for.
local function fn_of(name)
  local P = require "passend"
  local path = name:gsub(":", ".")
  if name:match("^Dataset:") then return core._dataset_methods[name:match(":(.*)$")] end
  local v = P
  for part in path:gmatch("[^.]+") do
    if type(v) ~= "table" then return nil end
    v = v[part]
  end
  if v == nil then v = P[name] end
  return v
end

-- The example's arguments and the position of the options table among them.
local function example_args(name)
  local ex, at = doc.example(name)
  local a = table.pack(ex())
  at = at or a.n
  return a, at
end

-- the files sample.temp_path names, never anything else below the temporary folder
local tmp = (os.getenv("TMPDIR") or "/tmp") .. "/passend-example-"
local function remove_temp_files(a)
  for i = 1, a.n do
    local v = a[i]
    if type(v) == "string" and v:sub(1, #tmp) == tmp then os.remove(v) end
  end
end

-- Calls fn with a, the options table at position at replaced by opts merged into it (a copy).
local function call_with(fn, a, at, extra)
  local b = {}
  for i = 1, a.n do b[i] = a[i] end
  local merged = {}
  if type(a[at]) == "table" then for k, v in pairs(a[at]) do merged[k] = v end end
  for k, v in pairs(extra or {}) do merged[k] = v end
  b[at] = merged
  return pcall(fn, table.unpack(b, 1, math.max(a.n, at)))
end

-- pcall(f) with io.write and print going to a scratch file (lessons and explain print).
local function quietly(f)
  local out = io.output()
  local path = os.tmpname()
  io.output(path)
  local p = print
  print = function() end
  local r = table.pack(pcall(f))
  print = p
  io.output():close()
  io.output(out)
  os.remove(path)
  return table.unpack(r, 1, r.n)
end

-- A misspelling of an existing column: its last letter dropped (a name ending in a digit, as
-- vraag4, loses its first letter instead, so that the closest column is still that one).
local function misspell(c)
  if c:match("%a$") and #c > 1 then return c:sub(1, -2) end
  return c:sub(2)
end

local function column_names(data)
  if core.is_dataset(data) then return data.columns end
  if type(data) == "table" and core.is_dataset(data[1]) then return data[1].columns end   -- a list of tables
  if type(data) == "table" and type(data[1]) == "table" and type(data[1][1]) == "string" then
    local out = {}
    for i, c in ipairs(data) do out[i] = c[1] end
    return out
  end
  return nil
end

describe("the registry of documented functions", function()
  local names = documented_with_options()

  it("finds the functions that take options (about 70)", function()
    assert.is_true(#names >= 60, #names .. " functions")
    for _, n in ipairs({ "estimate", "freq", "crosstab", "alpha", "stats.t_test", "percentages", "read",
                         "Dataset:write", "rules.protect", "weight.trim", "report", "scale", "lesson" }) do
      local found = false
      for _, m in ipairs(names) do if m == n then found = true end end
      assert.is_true(found, n)
    end
  end)

  it("has an option spec and an example for every function that takes options", function()
    local missing = {}
    for _, name in ipairs(names) do
      if not args.is_spec(doc.options(name) or false) then missing[#missing + 1] = name .. " (no spec)" end
      if not doc.example(name) then missing[#missing + 1] = name .. " (no example)" end
      if type(fn_of(name)) ~= "function" then missing[#missing + 1] = name .. " (not found)" end
    end
    assert.are.same({}, missing)
  end)

  it("calls every example without an error (the examples are valid)", function()
    local failed = {}
    for _, name in ipairs(names) do
      local a, at = example_args(name)
      local ok, err = quietly(function() assert(call_with(fn_of(name), a, at)) end)
      remove_temp_files(a)
      if not ok then failed[#failed + 1] = name .. ": " .. tostring(err) end
    end
    require("passend.io").unregister("_voorbeeld")
    assert.are.same({}, failed)
  end)

  it("rejects an unknown option in every one of them, naming it and the closest known one", function()
    for _, name in ipairs(names) do
      local a, at = example_args(name)
      local _, ok, err = quietly(function() return call_with(fn_of(name), a, at, { wieght = 1 }) end)
      remove_temp_files(a)
      assert.is_false(ok, name .. " accepted wieght = 1")
      err = tostring(err)
      assert.is_truthy(err:find('"wieght"', 1, true), name .. ": " .. err)
      assert.is_truthy(err:find("unknown", 1, true), name .. ": " .. err)
      if doc.options(name).entries.weight then
        assert.is_truthy(err:find('(did you mean "weight"?)', 1, true), name .. ": " .. err)
      end
    end
  end)

  it("resolves every column-valued option against the data: a misspelt column names the right one", function()
    local checked = 0
    for _, name in ipairs(names) do
      local spec = doc.options(name)
      for _, o in ipairs(spec.names) do
        local e = spec.entries[o]
        if args.names_columns(e) then
          local a, at = example_args(name)
          local data = a[e.of or 1]
          local cols = column_names(data)
          assert.is_truthy(cols, name .. ": option " .. o .. " names columns but argument " .. (e.of or 1)
            .. " of the example is not data")
          local given = type(a[at]) == "table" and a[at][o]
          local col = type(given) == "string" and given or type(given) == "table" and given[1] or cols[1]
          local wrong = misspell(col)
          local _, ok, err = quietly(function() return call_with(fn_of(name), a, at, { [o] = wrong }) end)
          remove_temp_files(a)
          err = tostring(err)
          assert.is_false(ok, string.format("%s accepted %s = %q", name, o, wrong))
          assert.is_truthy(err:find(string.format("%q", wrong), 1, true), name .. ": " .. err)
          assert.is_truthy(err:find("did you mean", 1, true) and err:find(string.format("%q", col), 1, true),
            name .. " " .. o .. ": " .. err)
          checked = checked + 1
        end
      end
    end
    assert.is_true(checked >= 40, checked .. " column options")
  end)
end)

describe("option values of the wrong kind", function()
  local s = require "passend.sample"
  local function err(f) local ok, e = pcall(f); assert.is_false(ok); return tostring(e) end

  it("a column name that is not a string, an empty by, a negative count, a choice outside its set", function()
    local d = s.data()
    assert.are.equal("crosstab: option weight must be a column name, got 3",
      err(function() crosstab(d, "sector", "groep", { weight = 3 }) end))
    assert.are.equal("freq: option by must be a column name, a grouping or a non-empty list of them, got a table",
      err(function() freq(d, "vraag1", { by = {} }) end))
    assert.are.equal("top2: option k must be a whole number >= 0, got -1",
      err(function() stats.top2(d, "vraag1", { points = 5, k = -1 }) end))
    assert.are.equal("top2: option k must be at least 1, got 0", err(function() stats.top2(d, "vraag1", { points = 5, k = 0 }) end))
    assert.are.equal('factor: option method must be one of "minres", "ml", "pca", got "foo"',
      err(function() factor(d, s.items(), { method = "foo" }) end))
    assert.are.equal('factor: option method must be one of "minres", "ml", "pca", got "minre" (did you mean "minres"?)',
      err(function() factor(d, s.items(), { method = "minre" }) end))
    assert.are.equal("compare: option conf must be less than 1, got 95",
      err(function() compare(d, "cijfer", "meting", { conf = 95 }) end))
    assert.are.equal("estimate: option threads must be a whole number >= 0, got 1.5",
      err(function() estimate(d, "cijfer", { threads = 1.5 }) end))
    assert.are.equal("percentages: option filter must be a function, or a table, got \"po\"",
      err(function() percentages(d, "vraag1", { filter = "po" }) end))
    assert.are.equal("alpha: options must be a table {name = value, ...}, got string",
      err(function() alpha(d, s.items(), "sector") end))
  end)

  it("a misspelt column in an option or a by: the closest columns", function()
    local d = s.data()
    assert.are.equal('crosstab: option weight: no column "gewigt" in the data (did you mean "gewicht"?)',
      err(function() crosstab(d, "sector", "groep", { weight = "gewigt" }) end))
    assert.are.equal('freq: option by: no column or grouping "sectr" in the data (did you mean "sector"?)',
      err(function() freq(d, "vraag1", { by = "sectr" }) end))
    assert.are.equal('percentages: option by: no column "Sector" in the data (did you mean "sector"?)',
      err(function() percentages(d, "vraag1", { by = "Sector" }) end))
  end)

  it("toolkit functions no longer ignore unknown options (issue 15)", function()
    local d = s.data()
    assert.matches('percentages: unknown option "wieght" %(did you mean "weight"%?%)', err(function()
      percentages(d, "vraag1", { wieght = "gewicht" }) end))
    -- the same function with the right name weighs
    local w, u = percentages(d, "vraag1", { weight = "gewicht" }), percentages(d, "vraag1")
    assert.are_not.equal(w:get(1, "Totaal"), u:get(1, "Totaal"))
  end)

  it("constructor tables: unknown fields with the closest name", function()
    assert.matches('scale "s": unknown field "reverse" %(did you mean "reversed"%?%)',
      err(function() scale{ "s", items = { "a", "b" }, reverse = { "b" } } end))
    assert.matches('format.register: unknown field "extension" %(did you mean "extensions"%?%)',
      err(function() format.register{ name = "x", extension = { "x" }, render = tostring } end))
  end)
end)

describe("file types and the C readers agree on option names", function()
  -- the names in src/lua/lcsv.c's known[] lists (the C functions check them again)
  local function c_known(which)
    local f = assert(io.open("src/lua/lcsv.c"))
    local src = f:read("a")
    f:close()
    local lists = {}
    for body in src:gmatch("known%[%]%s*=%s*{(.-)NULL") do
      local names = {}
      for n in body:gmatch('"([%w_]+)"') do names[#names + 1] = n end
      table.sort(names)
      lists[#lists + 1] = names
    end
    return lists[which]
  end
  local io_ = require "passend.io"

  it("CSV read options: the Lua spec lists exactly what the C reader takes", function()
    assert.are.same(c_known(1), io_.spec_of(io_.type("csv"), "read").names)
  end)

  it("CSV write options: every option of the C writer is in the Lua spec", function()
    local spec = io_.spec_of(io_.type("csv"), "write")
    for _, n in ipairs(c_known(2)) do assert.is_truthy(spec.entries[n], n) end
  end)
end)
