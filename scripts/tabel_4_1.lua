-- scripts/tabel_4_1.lua: Tabel 4.1 Doelstelling 3: De leraar wordt ondersteund en toegerust (bao) (004, meting 2023),
-- computed from respondent data: scale scores per respondent, weighted means by onderwijstype and
-- actor with the design's clusters and strata, the `*`, suppression and colour bands.
--   passend scripts/tabel_4_1.lua [data.csv|.sav] [meting]     (default: the example data, meting 2023)
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
return C.monitor_table("Tabel 4.1", ...)
