-- SQLite files: "file.db:table" reads and writes one table (src/lua/ldb.c), with its column
-- metadata; the session database is save() and sql().
local core = require "passend.core"
return { name = "sqlite", extensions = { "db", "sqlite", "sqlite3" }, read = core.readers.db, write = core.writers.db,
         direct = true,
         read_options = { table = "string" }, options = { table = "string" } }
