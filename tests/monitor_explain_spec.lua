-- explain() recomputes a cell from the data and agrees with estimate(); the lessons run.
local run = dofile("tests/support/run.lua")

describe("explain", function()
  if not estimate then
    it("needs estimate()", function() pending("estimate() not in this build") end)
    return
  end
  local d = monitor.example{ meting = "2023" }

  it("recomputes mean and standard error of every cell of a table as estimate() does", function()
    -- 8.1 has reversed (**) scales, 4.1 sector-level actors and 3-point scales
    for _, id in ipairs({ "Tabel 8.1", "Tabel 4.1" }) do
    local r = monitor.compute(d, id)
    assert.is_true(#r >= 5)
    for k = 1, #r do
      local e = explain(r, k, { quiet = true })
      local x = r[k]
      assert.are.equal(x.n, e.n)
      assert.is_true(math.abs(e.mean - x.mean) <= 1e-9 * math.abs(x.mean), "mean row " .. k)
      assert.is_true(math.abs(e.se - x.se) <= 1e-9 * x.se, "se row " .. k)
    end
    end
  end)

  it("prints the steps: reversed items, missing answers, weighted mean, interval, flag and band", function()
    local r = monitor.compute(d, "Tabel 8.1")
    local k
    for i = 1, #r do if monitor.sub(r:get(i, "scale")).reversed then k = i; break end end
    local e = explain(r, k, { quiet = true })
    assert.matches("Omgepoold: ", e.text)
    assert.matches("x' = 5 %+ 1 %- x", e.text)
    assert.matches("Weggelaten antwoorden: ", e.text)
    assert.matches("Gewogen gemiddelde: som%(w%*y%) / som%(w%)", e.text)
    assert.matches("95%%%-interval", e.text)
    assert.matches("Kleurband: ", e.text)
    local en = explain(r, k, { quiet = true, lang = "en" })
    assert.matches("Weighted mean", en.text)
  end)

  it("fails clearly without the data or with a bad row", function()
    local r = monitor.compute(d, "Tabel 2.1")
    assert.has_error(function() explain(r, 0) end, "explain: row 0 is not in 1.." .. #r)
    local plain = estimate(d, monitor.scales{ doelstelling = 1 })
    assert.has_error(function() explain(plain, 1) end,
      "explain: pass the data the result was computed from: explain(r, row, d)")
    assert.has_error(function() explain(d, 1) end)
  end)
end)

describe("lesson", function()
  it("lists the lessons and runs each one in Dutch and English", function()
    local out, err, code = run.passend("-e " .. run.q("lesson(); for k = 1, 9 do lesson(k) end; for k = 1, 9 do lesson(k, 'en') end"))
    assert.are.equal(0, code, err)
    assert.matches("9  Je eigen indicator in Lua", out)
    for k = 1, 9 do assert.matches("Les " .. k .. ": ", out) end
    assert.matches("Lesson 1: The scale score", out)
    assert.matches("Lesson 9: Your own indicator in Lua", out)
    local _, err2, code2 = run.passend("-e " .. run.q("lesson(42)"))
    assert.are.equal(1, code2)
    assert.matches("there is no lesson 42", err2)
  end)
end)
