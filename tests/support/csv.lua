-- tests/support/csv.lua: a small, independent CSV reader for specs (RFC 4180 quoting,
-- header row), so checks against published figures do not depend on passend's own reader.
local C = {}

function C.parse(text)
  local rows, row, field, i, n, inq = {}, {}, {}, 1, #text, false
  while i <= n do
    local c = text:sub(i, i)
    if inq then
      if c == '"' then
        if text:sub(i + 1, i + 1) == '"' then field[#field + 1] = '"'; i = i + 1 else inq = false end
      else field[#field + 1] = c end
    elseif c == '"' then inq = true
    elseif c == "," then row[#row + 1] = table.concat(field); field = {}
    elseif c == "\n" or c == "\r" then
      if c == "\r" and text:sub(i + 1, i + 1) == "\n" then i = i + 1 end
      row[#row + 1] = table.concat(field); field = {}
      rows[#rows + 1] = row; row = {}
    else field[#field + 1] = c end
    i = i + 1
  end
  if #field > 0 or #row > 0 then row[#row + 1] = table.concat(field); rows[#rows + 1] = row end
  local header = table.remove(rows, 1)
  local out = {}
  for _, r in ipairs(rows) do
    local t = {}
    for k, name in ipairs(header) do t[name] = r[k] or "" end
    out[#out + 1] = t
  end
  return out, header
end

function C.read(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("a")
  f:close()
  return C.parse(text)
end

return C
