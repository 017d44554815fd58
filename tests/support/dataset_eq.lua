-- tests/support/dataset_eq.lua: compare two datasets cell by cell and column metadata by
-- metadata; raises an error naming the first difference (row, column, what).
local M = {}

local function same_value(a, b)
  if type(a) == "number" and type(b) == "number" then
    if a ~= a then return b ~= b end
    return a == b
  end
  return a == b
end

local function deep_equal(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return same_value(a, b) end
  for k, v in pairs(a) do if not deep_equal(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end
M.deep_equal = deep_equal

local function show(v)
  if type(v) ~= "table" then return tostring(v) end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(x, y) return tostring(x) < tostring(y) end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. show(v[k]) end
  return "{" .. table.concat(parts, ", ") .. "}"
end
M.show = show

-- Column metadata that must survive a round trip (the name is compared separately).
local function info_of(d, name)
  local i = d:info(name)
  return { type = i.type, label = i.label, value_labels = i.value_labels or {}, missing = i.missing or {},
           missing_range = i.missing_range, decimals = i.decimals }
end
M.info_of = info_of

-- Asserts that a and b hold the same columns (order, names, metadata) and values.
-- opts.skip_meta = {decimals = true, ...} leaves those info fields out.
function M.assert_same(a, b, what, opts)
  what = what or "dataset"
  local skip = opts and opts.skip_meta or {}
  assert(#a == #b, string.format("%s: %d rows vs %d", what, #a, #b))
  local ca, cb = a.columns, b.columns
  assert(#ca == #cb, string.format("%s: columns %s vs %s", what, table.concat(ca, ","), table.concat(cb, ",")))
  for j, name in ipairs(ca) do
    assert(name == cb[j], string.format("%s: column %d is %q vs %q", what, j, name, cb[j]))
    local ia, ib = info_of(a, name), info_of(b, name)
    for k in pairs(skip) do ia[k], ib[k] = nil, nil end
    assert(deep_equal(ia, ib), string.format("%s: column %q metadata %s vs %s", what, name, show(ia), show(ib)))
    for r = 1, #a do
      local x, y = a:get(r, name), b:get(r, name)
      assert(same_value(x, y), string.format("%s: row %d column %q: %s vs %s", what, r, name, tostring(x), tostring(y)))
    end
  end
end

return M
