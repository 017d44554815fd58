-- monitor.table: the report's table layout, checked against the rows as seeds/004 prints them.
local P = require "passend"
local pub = dofile("tests/support/published.lua")

-- The report's printed rows (tests/fixtures/seed004_table_lines.txt, from seeds/004).
local seed = {}
for l in io.lines("tests/fixtures/seed004_table_lines.txt") do
  local k, t = l:match("^(%d+)\t(.*)$")
  if k then seed[tonumber(k)] = t end
end
-- Lines where the PDF text dump lost or added an empty cell: compare the values only.
local dump_artefacts = { [1056] = true, [1064] = true, [2805] = true }

local function row_line(row)
  local parts = {}
  for j = 2, #row.cells do parts[#parts + 1] = row.cells[j].text end
  return (row.cells[1].text .. " " .. table.concat(parts, " ")):gsub("%s+$", "")
end

describe("monitor.table", function()
  local r = pub.result()

  it("prints every row of the 29 published tables as the report does", function()
    local src = {}
    for _, p in ipairs(P.monitor.published) do src[p.table .. "|" .. p.sub] = p.src_line end
    local checked = 0
    for _, T in ipairs(P.monitor.defs.tables) do
      local t = P.monitor.table(r, T.id)
      local L = P.format.layout(t)
      for i, row in ipairs(L.rows) do
        local line = row.kind == "row" and src[T.id .. "|" .. t:get(i, "_id")]
        if line then
          local got, want = row_line(row), seed[line]:gsub("%s+$", "")
          if dump_artefacts[line] then
            assert.are.equal(want:gsub("^.-(%d)", "%1"):gsub("%s+", " "), got:gsub("^.-%s(%d)", "%1"):gsub("%s+", " "))
          else
            assert.are.equal(want, got, T.id .. " line " .. line)
          end
          checked = checked + 1
        end
      end
    end
    assert.are.equal(218, checked)
  end)

  it("has the report's title, header rows, notes and source", function()
    local t = P.monitor.table(r, 1, "bao")
    local m = t:meta()
    assert.are.equal("Tabel 2.1 Doelstelling 1: De ondersteuningsbehoefte is leidend (bao)", m.title)
    assert.are.equal("Bron: Vragenlijst intern begeleiders, ouders en leerlingen", m.source)
    assert.are.same({ "rij", "ib", "ouder", "leerling" }, { t.columns[1], t.columns[2], t.columns[3], t.columns[4] })
    local L = P.format.layout(t)
    assert.are.same({ "(Sub)indicatoren", "Ib’ers", "Ouders", "Leerlingen" },
      { L.columns[1].label, L.columns[2].label, L.columns[3].label, L.columns[4].label })
    assert.are.equal("header", L.rows[1].kind)
    assert.are.equal("Indicator 1: Overleg over ondersteuning", L.rows[1].cells[1].text)
    assert.are.same({ "*  Dit getal heeft een range die tussen de 0,5 en 1,0 ligt." }, L.notes)
    assert.are.equal("not_asked", t:get(2, "_state:leerling"))
    assert.are.equal("donkergroen", t:get(2, "_band:ib"))
    -- (v)so by its label, and the reversed-item note after the * note
    assert.are.equal("Tabel 2.4", P.monitor.table(r, 1, "(v)so"):meta().table)
    local L41 = P.format.layout(P.monitor.table(r, 3, "bao"))
    assert.are.same({ "*  Dit getal heeft een range die tussen de 0,5 en 1,0 ligt.",
      "** Een hoge score geeft aan dat er weinig gevoel van belasting is." }, L41.notes)
  end)

  it("speaks English on request: numbers, the * note, Source:, the words it adds", function()
    local s = P.monitor.table(r, 3, "bao", { lang = "en" }):format("text", { width = false })
    assert.truthy(s:find("\n(Sub)indicators ", 1, true))
    assert.truthy(s:find("Pedagogische/didactische vaardigheden leraren (3-point scale)", 1, true))
    assert.truthy(s:find("3.6*", 1, true))
    assert.truthy(s:find("*  The range of this value lies between 0.5 and 1.0.", 1, true))
    assert.truthy(s:find("\nSource: Vragenlijst ondersteuners", 1, true))
  end)

  it("prints a suppressed cell empty and keeps why", function()
    local r2 = pub.result(function(p) return p.table == "Tabel 2.1" end)
    local shown = r2:values("shown")
    shown[1] = 0
    r2:derive("shown", shown)
    local t = P.monitor.table(r2, 1, "bao")
    assert.are.equal("suppressed", t:get(2, "_state:ib"))
    assert.is_nil(t:get(2, "ib"))
    local L = P.format.layout(t, { marks = { suppressed = "x" } })
    assert.are.equal("x", L.rows[2].cells[2].text)
  end)

  it("names what is wrong", function()
    assert.has_error(function() P.monitor.table(r, 1, "mbo") end,
      'monitor.table: unknown onderwijstype "mbo" (bao, sbo, vo, vso or (v)so)')
    assert.has_error(function() P.monitor.table(r, 9, "bao") end,
      "monitor.table: no table for doelstelling 9 and onderwijstype bao")
    assert.has_error(function() P.monitor.table(42, 1, "bao") end,
      "monitor.table: expected an estimate() result or respondent data, got number")
  end)
end)
