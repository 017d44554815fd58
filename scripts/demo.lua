-- scripts/demo.lua: the main job (`make demo`). Prints the monitor summary at the terminal and
-- writes the tabellenboek (HTML, xlsx, Markdown) and charts to out/ (or the directory given as
-- first argument). Deterministic: the same build gives the same bytes. Parts whose pieces are
-- not in this build are skipped with a line saying so; nothing is made up.
local C = dofile(((debug and debug.getinfo and debug.getinfo(1, "S").source:match("^@(.-)[^/]*$")) or (arg and arg[0] or ""):match("^(.-)[^/]*$") or "") .. "lib/common.lua")
local outdir = (...) or "out"
local function say(...) io.write(string.format(...), "\n") end
local function skipped(what, why) say("  (%s overgeslagen: %s)", what, why) end
local function mkdir(dir)
  local f = io.open(dir .. "/.passend", "wb")
  if f then f:close(); os.remove(dir .. "/.passend"); return true end
  return os.execute("mkdir -p '" .. dir:gsub("'", "'\\''") .. "'")
end

say("%s", passend.version())
local defs = monitor.defs
local nsub = 0
for _, D in ipairs(defs.doelstellingen) do for _, I in ipairs(D.indicators) do nsub = nsub + #I.subindicators end end
say("Doelstellingenmonitor passend onderwijs (meting 2023): %d doelstellingen, %d subindicatoren, %d tabellen, %d gepubliceerde waarden",
  #defs.doelstellingen, nsub, #defs.tables, #monitor.published)
for _, D in ipairs(defs.doelstellingen) do say("  %d. %s", D.nr, D.title) end

local book = {}   -- display tables: the real-data tables (echte_cijfers.*), or all when report() is missing
local example     -- the example data, when the tabellenboek comes from report()
local charts = {} -- {path, dataset, opts}

-- 1. Real data: the inspectorate's judgements and the response tables
say("\nEchte cijfers (herberekend uit bestanden op eenheidsniveau):")
if not dataset or not read then
  skipped("inspectie en respons", "datasets (issue 3) zitten nog niet in deze build")
else
  local insp = assert(loadfile(C.path("scripts/inspectie_eindoordelen.lua")))({ quiet = true })
  C.show(insp.tabel)
  say("  Eindoordeel onvoldoende: po %s%%, vo %s%% (\"een kwart tot een derde\"); %d van de %d onvoldoende "
    .. "samenwerkingsverbanden met een tekort in het dekkend netwerk.",
    format and format.number(insp.quoted.po_onvoldoende_pct, 1) or string.format("%.1f", insp.quoted.po_onvoldoende_pct),
    format and format.number(insp.quoted.vo_onvoldoende_pct, 1) or string.format("%.1f", insp.quoted.vo_onvoldoende_pct),
    insp.quoted.onvoldoende_dekkend_netwerk, insp.quoted.onvoldoende)
  book[#book + 1] = { insp.tabel, "Inspectie" }
  book[#book + 1] = { insp.aandelen, "Inspectie %" }
  local r000 = assert(loadfile(C.path("scripts/respons_000.lua")))({ quiet = true })
  book[#book + 1] = { r000.tabel_1_1, "000 Tabel 1.1" }
  book[#book + 1] = { r000.tabel_1_2, "000 Tabel 1.2" }
  local r001 = assert(loadfile(C.path("scripts/respons_001.lua")))({ quiet = true })
  book[#book + 1] = { r001.tabel, "001 Tabel 1.1" }
  say("  Respons 000: %d van %d samenwerkingsverbanden; 001: po %d van %d (%d%%).", r000.respons, r000.populatie,
    r001.po.r, r001.po.n, r001.po_pct)
  local ver = assert(loadfile(C.path("scripts/inspectie_verwijzingen.lua")))({ quiet = true })
  book[#book + 1] = { ver.samenvatting, "Verwijzing" }
  for _, s in ipairs({ "bo", "vo" }) do
    charts[#charts + 1] = { "verwijzing_" .. s .. ".svg", ver.charts[s],
      { chart = "spread", value = "pct_verwezen", percent = true, decimals = 2 } }
  end
end

-- 2. Example data: the 29 tables
say("\nVoorbeelddata (gegenereerd, gekalibreerd op de gepubliceerde waarden):")
if not dataset then
  skipped("voorbeelddata", "datasets (issue 3) zitten nog niet in deze build")
elseif not estimate or not scale then
  skipped("de 29 tabellen", "estimate() (issue 4) zit nog niet in deze build")
else
  local d = monitor.example{ meting = "2023" }
  if report then example = d end
  local a1 = assert(loadfile(C.path("scripts/tabel_a1_respons.lua")))({ quiet = true, data = d })
  if not example then book[#book + 1] = { a1.tabel, "Tabel A.1" } end
  local within, total, flags = 0, 0, 0
  local first
  for _, t in ipairs(defs.tables) do
    local res = C.monitor_table(t.id, { quiet = true, data = d })
    for i = 1, #res.result do
      local x = res.result[i]
      local pub = monitor.value(t.id, x.scale, x.actor)
      if pub then
        total = total + 1
        if math.abs(C.round(x.mean, 1) - pub) < 1e-9 then within = within + 1 end
        if (x.flag == "*") == select(2, monitor.value(t.id, x.scale, x.actor)) then flags = flags + 1 end
      end
    end
    if not example then book[#book + 1] = { res.table, t.id } end
    first = first or res
  end
  say("  %d van de %d gepubliceerde cellen komen afgerond op één decimaal uit op de gepubliceerde waarde;", within, total)
  say("  bij %d van de %d staat de * zoals in het rapport.", flags, total)
  say("")
  C.show(first.table)
  charts[#charts + 1] = { "tabel_2_1.svg", first.result, { chart = "dots" } }
end

-- 3. Files
say("\nBestanden in %s/:", outdir)
if not format or #book == 0 then
  skipped("tabellenboek", not format and "formats (issue 6) zitten nog niet in deze build" or "geen tabellen")
else
  mkdir(outdir)
  -- the real-data tables (and, without report(), the monitor tables too) as one book
  local base = example and "echte_cijfers" or "tabellenboek"
  local title = example and "Echte cijfers: inspectie en respons, herberekend"
    or "Tabellenboek Doelstellingenmonitor passend onderwijs"
  local md, html = {}, {}
  for _, b in ipairs(book) do
    md[#md + 1] = b[1]:format("md")
    html[#html + 1] = b[1]:format("html", { fragment = true })
  end
  format.write_text(outdir .. "/" .. base .. ".md", table.concat(md, "\n"))
  format.write_text(outdir .. "/" .. base .. ".html", format.html_page(title, "nl", table.concat(html, "\n")))
  local list = {}
  for _, b in ipairs(book) do list[#list + 1] = b[1] end
  local ok, err = pcall(format.write_xlsx, list, outdir .. "/" .. base .. ".xlsx")
  say("  %s.md, %s.html%s (%d tabellen)", base, base, ok and (", " .. base .. ".xlsx") or "", #book)
  if not ok then say("  (xlsx niet geschreven: %s)", tostring(err)) end
  -- the tabellenboek of the example data: every monitor table, Tabel A.1, Bijlage B and C
  if example then
    local n
    for _, ext in ipairs({ "html", "xlsx", "md" }) do
      local _, sections = report(example, outdir .. "/tabellenboek." .. ext, { charts = ext == "html" })
      n = 0
      for _, sec in ipairs(sections) do n = n + #sec.tables end
    end
    say("  tabellenboek.html, tabellenboek.xlsx, tabellenboek.md (voorbeelddata, %d tabellen)", n)
  end
  for _, c in ipairs(charts) do
    local okc, errc = pcall(c[2].write, c[2], outdir .. "/" .. c[1], c[3])
    if okc then say("  %s", c[1]) else say("  (%s niet geschreven: %s)", c[1], tostring(errc)) end
  end
end
