-- Every format on a fixed result, compared with golden files in tests/golden/ (regenerate with
-- PASSEND_GOLDEN_UPDATE=1 build/passend --test tests/format_golden_spec.lua and review the diff).
-- HTML and SVG are parsed with xmllint, the xlsx is unzipped and its sheet XML checked.
local core = require "passend.core"
local P = require "passend"
local run = dofile("tests/support/run.lua")
local pub = dofile("tests/support/published.lua")

local UPDATE = os.getenv("PASSEND_GOLDEN_UPDATE") == "1"
local function golden(name, text)
  local path = "tests/golden/" .. name
  if UPDATE then run.write(path, text) end
  local f = io.open(path, "rb")
  assert(f, path .. " is missing: run with PASSEND_GOLDEN_UPDATE=1 and review it")
  local want = f:read("a")
  f:close()
  assert.are.equal(want, text, path)
end

local function sh(cmd)
  local ok = os.execute(cmd .. " >/dev/null 2>&1")
  return ok == true
end

local function well_formed(text, suffix)
  local f = run.write(run.tmpname(suffix), text)
  local ok = sh("xmllint --noout " .. run.q(f))
  os.remove(f)
  return ok
end

-- The fixed inputs: Tabel 2.1 and the wide Tabel 4.1 from the published values, and a small
-- estimate-shaped result.
local r = pub.result()
local t21 = P.monitor.table(r, 1, "bao")
local t41 = P.monitor.table(r, 3, "bao")
local est = pub.result(function(p) return p.table == "Tabel 2.1" end)
est:meta().title = "Schaalscores doelstelling 1 (bao)"

describe("formats on a fixed result", function()
  it("text (Dutch, no colour when not on a terminal)", function()
    golden("tabel_2_1.txt", t21:format("text", { color = false, width = false }))
    golden("estimate.txt", est:format("text", { color = false, width = false }))
  end)

  it("a display table prints as the text format; other datasets as the data preview", function()
    assert.are.equal(t21:format("text"), tostring(t21) .. "\n")
    assert.matches("%(dataset: 12 rows x 11 columns%)", tostring(est))
  end)

  it("text in English", function()
    local s = t21:format("text", { lang = "en", color = false, width = false })
    assert.matches("4%.4", s)
    assert.matches("%*  The range of this value lies between 0%.5 and 1%.0%.", s)
    assert.matches("\nSource: Vragenlijst intern begeleiders", s)
    golden("tabel_2_1_en.txt", s)
  end)

  it("text colours bands with ANSI codes only when asked or on a terminal", function()
    assert.is_nil(t21:format("text", { color = false }):find("\27[", 1, true))
    assert.truthy(t21:format("text", { color = true }):find("\27[48;5;114;30m", 1, true))
    -- the shell's stdout in the test run is not a terminal: no colour by default
    local out = run.passend("-e " .. run.q('io.write(monitor.table(dofile("tests/support/published.lua").result(), 1, "bao"):format("text"))'))
    assert.is_nil(out:find("\27[", 1, true))
    assert.matches("Indicator 1: Overleg over ondersteuning", out)
  end)

  it("text fits a wide table in 80 columns", function()
    local s = t41:format("text", { width = 80, color = false })
    for line in s:gmatch("[^\n]+") do
      assert.is_true(core._dispwidth(line) <= 80, line)
    end
    golden("tabel_4_1_80.txt", s)
    -- 14 columns cannot fit side by side: blocks that repeat the row labels
    local cols = { { "naam", { "één", "twee", "drie" } } }
    for k = 1, 14 do cols[#cols + 1] = { "kolom_" .. k, { k + 0.25, k * 100 + 0.5, -k } } end
    local wide = P.dataset(cols)
    local w = wide:format("text", { width = 80, color = false })
    local blocks = 0
    for line in w:gmatch("[^\n]+") do
      assert.is_true(core._dispwidth(line) <= 80, line)
      if line:match("^naam ") then blocks = blocks + 1 end
    end
    assert.is_true(blocks >= 2)
    golden("wide_80.txt", w)
  end)

  it("md", function()
    golden("tabel_2_1.md", t21:format("md"))
    golden("estimate.md", est:format("md", { lang = "en" }))
  end)

  it("csv: data (all columns, full precision) and the Dutch display dialect", function()
    golden("estimate.csv", est:format("csv"))
    -- data mode is byte for byte what the data layer's writer writes, in both dialects
    for _, o in ipairs({ {}, { dialect = "nl" } }) do
      local path = run.tmpname(".csv")
      est:write(path, o)
      assert.are.equal(run.slurp(path), est:format("csv", o))
      os.remove(path)
    end
    local nl = t21:format("csv", { dialect = "nl", display = true })
    assert.are.equal("\239\187\191(Sub)indicatoren;Ib’ers;Ouders;Leerlingen\r\n", nl:match("^[^\n]*\n"))
    assert.truthy(nl:find("School overlegt ondersteuning met kind;3,6;;3,7*\r\n", 1, true))
    golden("tabel_2_1_nl.csv", nl)
  end)

  it("json", function()
    local s = t21:format("json")
    golden("tabel_2_1.json", s)
    if sh("command -v python3") then
      local f = run.write(run.tmpname(".json"), s)
      assert.is_true(sh("python3 -c 'import json,sys; json.load(open(sys.argv[1]))' " .. run.q(f)))
      os.remove(f)
    end
  end)

  it("html: well-formed, bands as colour and as text, the * note and the source", function()
    local s = t21:format("html")
    assert.is_true(well_formed(s, ".html"))
    assert.truthy(s:find('<td class="num band-donkergroen" title="donkergroen">4,4<span class="mark" aria-hidden="true">DG</span><span class="sr"> (donkergroen)</span></td>', 1, true))
    assert.truthy(s:find("*  Dit getal heeft een range die tussen de 0,5 en 1,0 ligt.", 1, true))
    assert.truthy(s:find('<p class="source">Bron: Vragenlijst intern begeleiders, ouders en leerlingen</p>', 1, true))
    assert.truthy(s:find("@media print", 1, true))
    assert.is_nil(s:find("<script", 1, true))
    assert.is_nil(s:find("src=", 1, true))
    golden("tabel_2_1.html", s)
    assert.is_true(well_formed(t41:format("html", { lang = "en" }), ".html"))
  end)

  it("tex", function()
    golden("tabel_2_1.tex", t21:format("tex"))
    local s = t41:format("tex", { standalone = true })
    assert.truthy(s:find("\\usepackage{booktabs}", 1, true))
    assert.truthy(s:find("Tevredenheid over aanbod \\& faciliteiten", 1, true))
  end)

  it("svg charts: well-formed, deterministic", function()
    local dots = est:format("svg")
    assert.is_true(well_formed(dots, ".svg"))
    assert.are.equal(dots, est:format("svg"))
    golden("estimate_dots.svg", dots)
    local spread = P.dataset{ { "swv", { "PO2201", "PO2202", "PO2203", "PO2204", "PO2205", "PO2206" } },
      { "pct", { 0.31, 0.12, 0.55, 0.41, 0.2, 0.28 } } }
    local s = P.format.chart.spread(spread, { value = "pct", percent = true, decimals = 2, title = "Verwijzing naar het (v)so" })
    assert.is_true(well_formed(s, ".svg"))
    assert.truthy(s:find("gemiddeld 0,31%", 1, true))
    golden("spread.svg", s)
    local freq = P.dataset{ { "antwoord", { "ja", "nee", "weet niet" } }, { "n", { 10, 20, 5 } },
      { "pct", { 28.6, 57.1, 14.3 } } }
    local b = freq:format("svg", { title = "Kent u het ouder- en jeugdsteunpunt?" })
    assert.is_true(well_formed(b, ".svg"))
    golden("bars.svg", b)
  end)

  it("svg: the referral spread per sector as seeds/003 (bo 0,3%, vo 0,4% on average) and freq() bars", function()
    local v = P.read("examples/data/inspectie_verwijzing.csv")
    local s = P.format.chart.spread(v, { value = "pct_verwezen", group = "sector", percent = true, decimals = 1 })
    assert.is_true(well_formed(s, ".svg"))
    assert.truthy(s:find(">gemiddeld 0,3%</text>", 1, true))
    assert.truthy(s:find(">gemiddeld 0,4%</text>", 1, true))
    assert.truthy(s:find('font-weight="bold">bo</text>', 1, true))
    local f = P.freq(P.dataset{ { "q", { 1, 2, 2, 8, 1, 2 }, value_labels = { [1] = "ja", [2] = "nee", [8] = "weet niet" }, missing = { 8 } } }, "q")
    local b = P.format.chart.bars(f)
    assert.is_true(well_formed(b, ".svg"))
    assert.truthy(b:find(">weet niet</text>", 1, true))
    assert.is_nil(b:find(">Totaal</text>", 1, true)) -- the total row is no bar
  end)

  it("xlsx: one sheet per table, numbers with formats, band fills", function()
    local dir = run.tmpname("")
    assert.is_true(sh("mkdir -p " .. run.q(dir)))
    local path = dir .. "/tabellen.xlsx"
    P.format.write_xlsx({ t21, t41 }, path)
    assert.is_true(sh("cd " .. run.q(dir) .. " && unzip -q tabellen.xlsx"))
    local wb = run.slurp(dir .. "/xl/workbook.xml")
    assert.truthy(wb:find('<sheet name="Tabel 2.1 Doelstelling 1"', 1, true))
    assert.truthy(wb:find('<sheet name="Tabel 4.1 Doelstelling 3"', 1, true))
    local sheet = run.slurp(dir .. "/xl/worksheets/sheet1.xml")
    assert.truthy(sheet:find("<v>4.4</v>", 1, true))     -- a number, not text
    assert.truthy(sheet:find("<v>3.7</v>", 1, true))
    local styles = run.slurp(dir .. "/xl/styles.xml")
    assert.truthy(styles:find('formatCode="0.0"', 1, true))
    assert.truthy(styles:find('formatCode="0.0&quot;*&quot;"', 1, true))
    assert.truthy(styles:find('rgb="FF6DBE7D"', 1, true)) -- donkergroen fill
    local strings = run.slurp(dir .. "/xl/sharedStrings.xml")
    assert.truthy(strings:find("Bron: Vragenlijst intern begeleiders, ouders en leerlingen", 1, true))
    assert.truthy(strings:find("Indicator 1: Overleg over ondersteuning", 1, true))
    -- the same tables give the same bytes
    P.format.write_xlsx({ t21, t41 }, dir .. "/again.xlsx")
    assert.are.equal(run.slurp(path), run.slurp(dir .. "/again.xlsx"))
    sh("rm -rf " .. run.q(dir))
  end)
end)

describe("d:write", function()
  it("chooses the format by extension and replaces the file only when complete", function()
    local dir = run.tmpname("")
    assert.is_true(sh("mkdir -p " .. run.q(dir)))
    t21:write(dir .. "/t.md")
    assert.are.equal(t21:format("md"), run.slurp(dir .. "/t.md"))
    t21:write(dir .. "/t.html")
    assert.are.equal(t21:format("html"), run.slurp(dir .. "/t.html"))
    -- a format that fails midway leaves the old file and no temporary file behind
    P.format.register{ name = "kapot", extensions = { "kapot" }, write = function(_, tmp)
      local f = io.open(tmp, "w"); f:write("half"); f:close(); error("kapot: halfway") end }
    run.write(dir .. "/t.kapot", "old")
    assert.has_error(function() t21:write(dir .. "/t.kapot") end, "kapot: halfway")
    assert.are.equal("old", run.slurp(dir .. "/t.kapot"))
    local p = io.popen("ls " .. run.q(dir))
    local listing = p:read("a")
    p:close()
    assert.are.equal("t.html\nt.kapot\nt.md\n", listing)
    -- .csv stays the data layer's writer: the data, all columns
    est:write(dir .. "/e.csv")
    assert.are.equal(P.read(dir .. "/e.csv").columns[1], "onderwijstype")
    assert.are.equal(#est, #P.read(dir .. "/e.csv"))
    assert.has_error(function() t21:write(dir .. "/t.onbekend") end)
    -- an unwritable place names the file asked for, not the temporary one
    assert.has_error(function() t21:write(dir .. "/geen/map/t.xlsx") end,
      dir .. "/geen/map/t.xlsx: cannot write: No such file or directory")
    assert.has_error(function() t21:write(dir .. "/geen/map/t.html") end,
      dir .. "/geen/map/t.html: cannot write: No such file or directory")
    sh("rm -rf " .. run.q(dir))
    require("passend.io").unregister("kapot")
  end)

  it("renders an empty dataset and refuses one with nothing to show", function()
    local e = P.dataset{ { "a", {} }, { "b", {} }, n = 0 }
    for _, f in ipairs({ "text", "md", "csv", "json", "html", "tex" }) do assert.is_string(e:format(f)) end
    assert.is_true(well_formed(e:format("html"), ".html"))
    local h = P.dataset{ { "_x", { 1 } } }
    assert.has_error(function() h:format("md") end,
      "format: the dataset has no columns to show (names starting with _ are hidden helpers)")
  end)

  it("d:format names the formats it knows when asked for another", function()
    assert.has_error(function() t21:format("docx") end,
      'format: unknown format "docx" (known: csv, html, json, md, svg, tex, text, tsv)')
    assert.has_error(function() t21:format("xlsx") end, 'format: xlsx writes files only: use d:write("file.xlsx")')
  end)
end)
