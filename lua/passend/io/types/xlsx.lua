-- Excel workbooks (libxlsxwriter, src/lua/lxlsx.c): one table per sheet; format.write_xlsx
-- writes several.
return { name = "xlsx", extensions = { "xlsx" }, write = require("passend.format.xlsx").write,
         options = { sheet = "string", created = { "count", max = 253402300799 } } }
