-- passend/format/xlsx.lua: Excel workbooks through libxlsxwriter (src/lua/lxlsx.c).
-- One sheet per table: title, header, body (numbers stay numbers, with a number format
-- holding the decimals and the flag, e.g. 0.0"*"; band cells get their fill), notes, the
-- band legend and the source line. format.write_xlsx({d1, d2, ...}, path) writes several.
local core = require "passend.core"
local docs = require "passend.doc"
local F = require "passend.format.layout"
local args = require "passend.args"

local R = {}

local function sheet_name(s, used)
  s = tostring(s or "Tabel"):gsub("[%[%]:%*%?/\\]", " "):gsub("^'+", ""):gsub("'+$", "")
  s = s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if s == "" then s = "Tabel" end
  -- at most 31 characters (Excel counts UTF-16 units; cut on a UTF-8 boundary)
  local function cut(x, n) return (core._cut(x, n)) end
  s = cut(s, 31)
  local base, k = s, 1
  while used[s:lower()] do
    k = k + 1
    local suffix = " (" .. k .. ")"
    s = cut(base, 31 - #suffix) .. suffix
  end
  used[s:lower()] = true
  return s
end

local function num_format(decimals, flag)
  local f = (decimals and decimals > 0) and ("0." .. string.rep("0", decimals)) or "0"
  if flag and flag ~= "" then f = f .. '"' .. flag:gsub('"', "") .. '"' end
  return f
end

-- Builds the book table for _xlsx_write from a list of {layout = t, name = sheet name}.
function R.book(items, opts)
  opts = opts or {}
  local formats, fid = {}, {}
  local function fmt(spec)
    local key = string.format("%s|%s|%s|%s|%s|%s|%s|%s", spec.bold and 1 or 0, spec.italic and 1 or 0,
      spec.bg or "", spec.num or "", spec.align or "", spec.top and 1 or 0, spec.bottom and 1 or 0,
      spec.indent or 0) .. "|" .. (spec.size or "") .. (spec.wrap and "w" or "")
    if not fid[key] then
      formats[#formats + 1] = spec
      fid[key] = #formats
    end
    return fid[key]
  end
  local sheets, used = {}, {}
  for _, item in ipairs(items) do
    local t = item.layout
    local cells, widths, merges = {}, {}, {}
    local r = 0
    local function put(row, col, v, f) cells[#cells + 1] = { row, col, v, f } end
    if t.title then put(r, 0, t.title, fmt { bold = true, size = 12 }); r = r + 2 end
    local ncol = #t.columns
    -- column order: stub first, as in the other formats
    local order = { t.stub }
    for j = 1, ncol do if j ~= t.stub then order[#order + 1] = j end end
    for k, j in ipairs(order) do
      local c = t.columns[j]
      put(r, k - 1, c.label, fmt { bold = true, bottom = true, wrap = k > 1,
        align = (k > 1 and c.align == "right") and "right" or "left" })
      widths[k - 1] = math.max(widths[k - 1] or 0, k == 1 and 12 or math.min(core._dispwidth(c.label) + 2, 16), 8)
    end
    r = r + 1
    for _, row in ipairs(t.rows) do
      for k, j in ipairs(order) do
        local cell = row.cells[j]
        local col = t.columns[j]
        if row.kind == "header" then
          if k == 1 then put(r, 0, cell.text, fmt { bold = true, indent = row.indent ~= 0 and row.indent or nil }) end
        else
          local spec = { bold = row.kind == "total" or nil, top = row.kind == "total" or nil }
          if k == 1 then
            spec.indent = (row.indent or 0) > 0 and row.indent or nil
            put(r, 0, cell.text, fmt(spec))
          elseif cell.text == "" then
            if spec.bold then put(r, k - 1, nil, fmt(spec)) end
          else
            local b = cell.band and F.band[cell.band]
            if b then spec.bg = b.fill end
            if type(cell.value) == "number" and cell.value == cell.value and not (col.value_labels and col.value_labels[cell.value]) then
              spec.num = num_format(col.decimals, cell.flag)
              spec.align = "right"
              put(r, k - 1, cell.value, fmt(spec))
            else
              spec.align = col.align
              put(r, k - 1, cell.text, fmt(spec))
            end
          end
          local w = core._dispwidth(cell.text) + 2 + (k == 1 and 2 * (row.indent or 0) or 0)
          widths[k - 1] = math.max(widths[k - 1] or 0, math.min(w, k == 1 and 70 or 30))
        end
      end
      r = r + 1
    end
    r = r + 1
    for _, s in ipairs(t.notes) do put(r, 0, s, fmt { italic = true }); r = r + 1 end
    if #t.bands > 0 then
      local W = t.words
      put(r, 0, W.legend .. ":", fmt { italic = true })
      for k, id in ipairs(t.bands) do
        if k < ncol then put(r, k, W.bands[id], fmt { bg = F.band[id].fill, align = "center" }) end
      end
      r = r + 1
    end
    if t.source then put(r, 0, t.source, fmt { italic = true }) end
    sheets[#sheets + 1] = { name = sheet_name(item.name or (t.title and t.title:match("^([^:]+)")) or "Tabel", used),
      widths = widths, cells = cells, merges = merges }
  end
  local fm = {}
  for i, s in ipairs(formats) do fm[i] = s end
  return { formats = fm, sheets = sheets, created = opts.created }
end

-- format.write_xlsx(list, path, opts): several tables, one sheet each. Items are datasets
-- or {d, name = "sheet"}; opts go to format.layout (lang, decimals ...).
local BOOK = args.spec(F.OPTIONS, { created = { "count", max = 253402300799 } })
R.BOOK = BOOK

function R.write_book(list, path, opts)
  if type(list) ~= "table" then error("format.write_xlsx: expected a list of tables", 2) end
  local checked = args.options("format.write_xlsx", opts, BOOK)
  local items = {}
  for _, x in ipairs(list) do
    local d, name = x, nil
    if type(x) == "table" and not getmetatable(x) and x[1] then d, name = x[1], x.name end
    if core.is_dataset(d) then args.options("format.write_xlsx", opts, BOOK, d) end   -- its columns
    items[#items + 1] = { layout = x.columns and x.rows and x.words and x or F.layout(d, opts), name = name }
  end
  if #items == 0 then error("format.write_xlsx: no tables to write", 2) end
  opts = checked
  local book = R.book(items, opts)
  require("passend.io").atomic_write(path, function(tmp) core._xlsx_write(tmp, book) end)
  return path
end
docs.def("format.write_xlsx", R.write_book, [[
format.write_xlsx({d1, d2, ...}, path, opts)

Writes several tables into one Excel workbook, one sheet per table (named after the title
up to its first ':' or {d, name = "sheet"}). Numbers stay numbers with a number format for
their decimals and flag; band cells are filled; notes and source follow each table.
opts: those of format.layout (lang, decimals, columns ...) and created (the document's time).]], {
  options = BOOK,
  example = function()
    local path = require("passend.sample").temp_path("xlsx")  -- the registry's test removes it
    return { require("passend.sample").data() }, path, { lang = "en" }
  end,
})

-- the file type's writer: one table, one sheet (io writes it through a temporary file)
function R.write(d, tmp, opts)
  core._xlsx_write(tmp, R.book({ { layout = F.layout(d, opts), name = opts.sheet } }, opts))
end

return R
