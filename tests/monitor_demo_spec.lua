-- `make demo` (scripts/demo.lua): runs, writes the tabellenboek and charts, byte for byte the same
-- on a second run.
local run = dofile("tests/support/run.lua")

describe("scripts/demo.lua", function()
  it("writes the same bytes twice and prints the monitor summary", function()
    local a, b = run.tmpname(""), run.tmpname("")
    local out1, err1, c1 = run.passend("scripts/demo.lua " .. run.q(a))
    local out2, _, c2 = run.passend("scripts/demo.lua " .. run.q(b))
    assert.are.equal(0, c1, err1)
    assert.are.equal(0, c2)
    assert.matches("7 doelstellingen, 71 subindicatoren, 29 tabellen, 298 gepubliceerde waarden", out1)
    assert.are.equal(out1:gsub(a:gsub("%p", "%%%0"), "DIR"), (out2:gsub(b:gsub("%p", "%%%0"), "DIR")))
    local files = { "tabellenboek.md", "tabellenboek.html", "tabellenboek.xlsx", "verwijzing_bo.svg",
                    "verwijzing_vo.svg", "tabel_2_1.svg", "echte_cijfers.md", "echte_cijfers.html",
                    "echte_cijfers.xlsx" }
    if not estimate then files = { "tabellenboek.md", "tabellenboek.html" } end
    for _, f in ipairs(files) do
      local x, y = run.slurp(a .. "/" .. f), run.slurp(b .. "/" .. f)
      assert.is_true(#x > 0, f)
      assert.are.equal(x, y, f)
    end
    if estimate then
      assert.matches("298 van de 298 gepubliceerde cellen", out1)
      -- the tabellenboek holds every monitor table with its published values
      local html = run.slurp(a .. "/tabellenboek.html")
      assert.truthy(html:find("Tabel 8.4 Doelstelling 7", 1, true))
    end
    for _, f in ipairs(files) do os.remove(a .. "/" .. f); os.remove(b .. "/" .. f) end
    os.remove(a); os.remove(b)
  end)
end)
