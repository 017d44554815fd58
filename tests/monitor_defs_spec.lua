-- monitor.defs and monitor.published against the transcription of the report (004).
local csv = dofile("tests/support/csv.lua")

describe("monitor.defs", function()
  local defs = monitor.defs

  it("has the 7 doelstellingen, 4 onderwijstypen and 29 tables of the report", function()
    assert.are.equal(7, #defs.doelstellingen)
    assert.are.equal(4, #defs.onderwijstypen)
    assert.are.equal(29, #defs.tables)
    assert.are.equal(14, #defs.questionnaires)
    -- every doelstelling has one table per onderwijstype (Tabel 6.5 adds the beleidsambtenaren)
    for d = 1, 7 do
      for _, ot in ipairs(defs.onderwijstypen) do
        local t = monitor.find_table(d, ot.id)
        assert.is_truthy(t, "doelstelling " .. d .. " " .. ot.id)
        assert.are.equal(d + 1, tonumber(t.id:match("Tabel (%d)")))
      end
    end
    assert.are.equal("gemeente", monitor.find_table("Tabel 6.5").onderwijstype)
  end)

  it("keeps table columns and rows as printed", function()
    local t = monitor.find_table("Tabel 2.1")
    assert.are.same({ "ib", "ouder", "leerling" }, t.actors)
    assert.are.equal("Bron: Vragenlijst intern begeleiders, ouders en leerlingen", t.source)
    assert.are.same({ kind = "indicator", nr = 1, title = "Overleg over ondersteuning" }, t.rows[1])
    assert.are.equal("d1_i1_s2", t.rows[3].id)
    assert.are.same({ "ib", "leerling" }, t.rows[3].actors)
    -- Tabel 2.2 prints a row without values
    local empty = 0
    for _, r in ipairs(monitor.find_table("Tabel 2.2").rows) do if r.empty then empty = empty + 1 end end
    assert.are.equal(1, empty)
    -- the same subindicator has the same id across onderwijstypen
    assert.are.equal(monitor.find_table("Tabel 2.2").rows[2].id, t.rows[2].id)
  end)

  it("marks 3-point ib'er/oco scales and reversed (**) scales", function()
    local s = monitor.sub("d3_i2_s5")
    assert.are.equal("Pedagogische/didactische vaardigheden leraren", s.title)
    assert.are.equal(3, s.points)
    local belasting = monitor.sub("d3_i3_s3")
    assert.are.equal("Gevoel van belasting", belasting.title)
    assert.is_true(belasting.reversed)
    assert.are.same(belasting.items, belasting.reversed_items)
    assert.is_false(monitor.sub("d1_i1_s1").reversed)
    assert.are.same({}, monitor.sub("d1_i1_s1").reversed_items)
  end)

  it("resolves actor aliases and reporting roles", function()
    assert.are.equal("ib", monitor.actor("Ib’ers").id)
    assert.are.equal("oco", monitor.actor("ondersteuningscoördinator").id)
    assert.are.equal("ib_oco", monitor.role("oco"))
    assert.are.equal("ib_oco", monitor.role("ib'er"))
    assert.are.equal("leraar_mentor", monitor.role({ actor = "groepsmentor" }))
    assert.are.equal("ouder", monitor.role("Ouders"))
    assert.is_nil(monitor.actor("directeur"))
    assert.has_error(function() monitor.actor(3) end)
  end)

  it("holds every published value of the transcription, and nothing else", function()
    local cells = csv.read("examples/data/tabellen_meting2023.csv")
    assert.are.equal(677, #cells)
    local n = 0
    for _, c in ipairs(cells) do
      if c.value ~= "" then
        n = n + 1
        local t = monitor.find_table(c.table_id)
        local actor = monitor.actor(c.actor).id
        local sub
        for _, r in ipairs(t.rows) do if r.kind == "sub" and r.title == c.subindicator then sub = r.id end end
        local v, star = monitor.value(c.table_id, sub, actor)
        assert.are.equal(tonumber(c.value), v, c.table_id .. " " .. c.subindicator .. " " .. c.actor)
        assert.are.equal(c.asterisk == "1", star)
      end
    end
    assert.are.equal(298, n)
    assert.are.equal(298, #monitor.published)
  end)

  it("has the report's definition of every indicator", function()
    local n = 0
    for _, D in ipairs(monitor.defs.doelstellingen) do
      for _, I in ipairs(D.indicators) do
        n = n + 1
        assert.is_true(#I.definition > 100, D.nr .. "." .. I.nr)
        assert.is_nil(I.definition:find("%d,%d"), "table values in definition " .. D.nr .. "." .. I.nr)
      end
    end
    assert.are.equal(22, n)
    local _, I = monitor.sub("d1_i1_s1")
    assert.matches("^Dit betekent dat scholen ondersteuning afstemmen met ouders en leerlingen%.", I.definition)
  end)

  it("gives every subindicator example items named <scale>_<k>", function()
    local scales = monitor.scales()
    assert.are.equal(71, #scales)  -- distinct subindicators in Tabel 2.1-8.4
    for _, s in ipairs(scales) do
      local name = s.name or s[1]
      assert.is_true(#s.items >= 3)
      assert.are.equal(name .. "_1", s.items[1])
    end
  end)
end)
