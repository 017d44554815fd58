-- report(): the tabellenboek in html, md, xlsx and text, with its table of contents; from
-- respondent data also Tabel A.1 (checked against the published response), Bijlage B and C.
local P = require "passend"
local run = dofile("tests/support/run.lua")
local pub = dofile("tests/support/published.lua")

local function sh(cmd) return os.execute(cmd .. " >/dev/null 2>&1") == true end
local function count(s, pat)
  local n = 0
  for _ in s:gmatch(pat) do n = n + 1 end
  return n
end

describe("report", function()
  local dir
  before_each(function()
    dir = run.tmpname("")
    assert.is_true(sh("mkdir -p " .. run.q(dir)))
  end)
  after_each(function() sh("rm -rf " .. run.q(dir)) end)

  it("writes every monitor table with a table of contents (from an estimate result)", function()
    local r = pub.result()
    local path, sections = P.report(r, dir .. "/boek.html")
    assert.are.equal(dir .. "/boek.html", path)
    assert.are.equal(1, #sections)
    assert.are.equal(29, #sections[1].tables)
    local html = run.slurp(path)
    assert.is_true(sh("xmllint --noout " .. run.q(path)))
    assert.are.equal(29, count(html, '<li><a href="#t%d+">Tabel %d%.%d'))
    assert.truthy(html:find('<section class="table" id="t1">', 1, true))
    assert.truthy(html:find("<caption>Tabel 8.4 Doelstelling 7: Er is acceptabele administratieve belasting ((v)so)</caption>", 1, true))
    local md = run.slurp(P.report(r, dir .. "/boek.md"))
    assert.truthy(md:find("\n## Inhoud\n", 1, true))
    assert.are.equal(29, count(md, "\n%*%*Tabel %d%.%d"))
    local txt = run.slurp(P.report(r, dir .. "/boek.txt"))
    assert.truthy(txt:find("School overlegt ondersteuning met ouders                  4,4     4,0\n", 1, true))
    P.report(r, dir .. "/boek.xlsx")
    assert.is_true(sh("cd " .. run.q(dir) .. " && unzip -q boek.xlsx"))
    local wb = run.slurp(dir .. "/xl/workbook.xml")
    assert.are.equal(30, count(wb, "<sheet "))
    assert.truthy(wb:find('<sheet name="Inhoud"', 1, true))
    assert.truthy(wb:find('<sheet name="Tabel 6.5"', 1, true))
    -- charts under a table: Tabel 4.1 has 5- and 3-point scales, one dots chart each
    local c = run.slurp(P.report(r, dir .. "/c.html", { charts = true, tables = { "Tabel 4.1" } }))
    assert.is_true(sh("xmllint --noout " .. run.q(dir .. "/c.html")))
    assert.are.equal(2, count(c, '<figure class="chart"><svg '))
    assert.truthy(c:find("<title>Tabel 4.1 (3-puntsschalen)</title>", 1, true))
    assert.truthy(c:find(">Gevoel van belasting – Leraren</text>", 1, true))
    assert.has_error(function() P.report(r, dir .. "/boek.pdf") end, "report: " .. dir .. "/boek.pdf: write .html, .md, .xlsx or .txt")
  end)

  it("from respondent data adds Tabel A.1 as published, Bijlage B and Bijlage C", function()
    if type(P.estimate) ~= "function" then pending("needs estimate() (issue 4)") return end
    local d = P.monitor.example()
    -- a factual question outside every scale, with value labels
    local kent = {}
    for i = 1, #d do kent[i] = (i % 3 == 0) and 8 or (i % 2) + 1 end
    d:derive("kent_steunpunt", kent)
    d:set_info("kent_steunpunt", { label = "Kent u het ouder- en jeugdsteunpunt?",
      value_labels = { [1] = "ja", [2] = "nee", [8] = "weet niet" }, missing = { 8 } })
    local path, sections = P.report(d, dir .. "/boek.html")
    assert.is_true(sh("xmllint --noout " .. run.q(path)))
    local titles = {}
    for _, s in ipairs(sections) do titles[#titles + 1] = s.title end
    assert.are.same({ "Tabellen per doelstelling en onderwijstype", "Bijlage A Respons",
      "Bijlage B Schalen en items", "Bijlage C Feitelijke vragen" }, titles)
    -- Tabel A.1 counts equal the published response (examples/data/respons_meting2023.csv)
    local a1 = sections[2].tables[1]
    local L = P.format.layout(a1)
    local got = {}
    for _, row in ipairs(L.rows) do
      local cells = {}
      for j = 2, #row.cells do cells[#cells + 1] = row.cells[j].text end
      got[row.cells[1].text] = table.concat(cells, ",")
    end
    local want = P.read("examples/data/respons_meting2023.csv")
    for i = 1, #want do
      local w = want[i]
      local cells = {}
      for _, k in ipairs({ "po", "vo", "bao", "sbo", "vo_school", "vso", "totaal" }) do
        cells[#cells + 1] = w[k] and string.format("%d", w[k]) or ""
      end
      assert.are.equal(table.concat(cells, ","), got[w.actor:gsub("'", "’")], w.actor)
    end
    -- Bijlage B: one table per monitor table; its scale rows agree with the monitor table
    assert.are.equal(29, #sections[3].tables)
    local b1, t21 = sections[3].tables[1], sections[1].tables[1]
    assert.are.equal("Tabel B.1 Doelstelling 1: De ondersteuningsbehoefte is leidend (bao)", b1:meta().title)
    assert.are.equal(t21:get(2, "ib"), b1:get(6, "ib"))
    assert.are.equal("total", b1:get(6, "_kind"))
    -- Bijlage C: the factual question
    local c1 = sections[4].tables[1]
    assert.are.equal("Tabel C.1 Kent u het ouder- en jeugdsteunpunt?", c1:meta().title)
    local html = run.slurp(path)
    assert.truthy(html:find("Tabel C.1 Kent u het ouder- en jeugdsteunpunt?", 1, true))
    -- monitor.table on the same raw data gives the same table as the report
    assert.are.equal(t21:format("md"), P.monitor.table(d, 1, "bao"):format("md"))
  end)
end)
