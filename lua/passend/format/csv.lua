-- passend/format/csv.lua: RFC 4180 CSV, in the international (',' and decimal point) or the
-- Dutch Excel dialect (';' and decimal comma, with a UTF-8 byte order mark so Excel reads
-- UTF-8, and CRLF line ends like the data layer's writer). Data mode (default) writes every
-- column at full precision, byte for byte what d:write("x.csv") writes, so the file reads back
-- as the same dataset (an empty text value is written "" to tell it from missing); display = true writes the shown table (labels, rounded numbers, flags).
local core = require "passend.core"
local F = require "passend.format.layout"

local R = {}

-- The options (passend.args entries): of the C reader, of the C writer (src/lua/lcsv.c checks
-- them again; data.write_csv takes these), and those the rendering adds (d:format("csv"),
-- display = true).
R.READ_OPTIONS = { sep = "string", decimal = "string", encoding = "string", header = "boolean",
  na = { "either", "string", "list" }, types = "table", missing = "table", threads = { "count", max = 64 } }
R.WRITE_OPTIONS = { sep = "string", decimal = "string", na = "string", header = "boolean", crlf = "boolean",
  bom = "boolean", quote = { "one_of", "needed", "all" }, dialect = { "one_of", "nl", "excel", "plain" },
  format = "string" }
R.OPTIONS = { delimiter = "string", eol = "string" }
for k, v in pairs(R.WRITE_OPTIONS) do R.OPTIONS[k] = v end

local function quote(s, sep)
  if s:find('[\r\n"]', 1) or s:find(sep, 1, true) or s:match("^%s") or s:match("%s$") then
    return '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

local function dialect(opts)
  local sep = opts.sep or opts.delimiter
  local excel = opts.dialect == "nl" or opts.dialect == "excel"
  if opts.dialect == "nl" then sep = sep or ";" end
  sep = sep or ","
  local dec = opts.decimal or (sep == ";" and "," or ".")
  if dec == sep then error("csv: the decimal mark and the separator are both '" .. sep .. "'", 4) end
  local bom = opts.bom
  if bom == nil then bom = excel or sep == ";" end
  local eol = opts.eol or ((opts.crlf or (opts.crlf == nil and excel)) and "\r\n" or "\n")
  return sep, dec, bom, eol
end

local function render(d, opts)
  local sep, dec, bom, eol = dialect(opts)
  local out = {}
  if opts.display then
    local o = setmetatable({ lang = dec == "," and "nl" or "en" }, { __index = opts })
    local t = F.layout(d, o)
    local head = {}
    for j, c in ipairs(t.columns) do head[j] = quote(c.label, sep) end
    out[1] = table.concat(head, sep)
    for _, r in ipairs(t.rows) do
      local cells = {}
      for j, c in ipairs(r.cells) do cells[j] = quote(c.text, sep) end
      out[#out + 1] = table.concat(cells, sep)
    end
  else
    local names, n = d.columns, #d
    local vals, num = {}, {}
    local head = {}
    for j, c in ipairs(names) do
      head[j] = quote(c, sep)
      vals[j] = F.column_values(d, c, n)
      num[j] = (d:info(c) or {}).type ~= "text"
    end
    out[1] = table.concat(head, sep)
    local numstr = core._numstr
    for i = 1, n do
      local cells = {}
      for j = 1, #names do
        local v = vals[j][i]
        if v == nil then cells[j] = ""
        elseif num[j] then cells[j] = v ~= v and "" or numstr(v, -1, dec, "")
        elseif v == "" then cells[j] = '""' -- quoted: the empty string, not missing
        else cells[j] = quote(tostring(v), sep) end
      end
      out[i + 1] = table.concat(cells, sep)
    end
  end
  return (bom and "\239\187\191" or "") .. table.concat(out, eol) .. eol
end

R.render = render

return R
