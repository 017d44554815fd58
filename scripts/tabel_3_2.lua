-- scripts/tabel_3_2.lua: Tabel 3.2 Doelstelling 2: De leerling wordt gehoord (vo) (004, meting 2023),
-- computed from respondent data: scale scores per respondent, weighted means by onderwijstype and
-- actor with the design's clusters and strata, the `*`, suppression and colour bands.
--   passend scripts/tabel_3_2.lua [data.csv|.sav] [meting]     (default: the example data, meting 2023)
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
return C.monitor_table("Tabel 3.2", ...)
