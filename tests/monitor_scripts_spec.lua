-- The shared scripts reproduce the published numbers; the example data hit the published cells.
local csv = dofile("tests/support/csv.lua")
local run = dofile("tests/support/run.lua")

local function script(name, opts)
  local saved = _G.arg
  _G.arg = { [0] = "scripts/" .. name .. ".lua" }
  local ok, res = pcall(function() return assert(loadfile("scripts/" .. name .. ".lua"))(opts or { quiet = true }) end)
  _G.arg = saved
  if not ok then error(res, 0) end
  return res
end

local function column(d, name)
  local out = {}
  for i = 1, #d do out[i] = d:get(i, name) end
  return out
end

describe("scripts/inspectie_eindoordelen.lua", function()
  local res = script("inspectie_eindoordelen")

  it("recomputes every count of 003 Tabel 1 from the swv-level rows", function()
    local pub = csv.read("examples/data/inspectie_oordelen_2022_2025.csv")
    assert.are.equal(14, #pub)
    local t = res.tabel
    local row_of = {}
    for i = 1, #t do row_of[t:get(i, "standaard")] = i end
    for _, p in ipairs(pub) do
      local i = assert(row_of[p.standaard], p.standaard)
      for _, o in ipairs({ "onvoldoende", "voldoende", "goed" }) do
        assert.are.equal(tonumber(p[o]), t:get(i, p.sector .. "_" .. o), p.standaard .. " " .. p.sector .. " " .. o)
      end
    end
  end)

  it("gives the shares and the sentences the text quotes", function()
    local q = res.quoted
    -- "een kwart (po) tot een derde (vo)" (003 l. 13): 17/66 and 23/66
    assert.are.equal(17 / 66 * 100, q.po_onvoldoende_pct)
    assert.are.equal(23 / 66 * 100, q.vo_onvoldoende_pct)
    assert.is_true(math.abs(q.po_onvoldoende_pct - 25) < 1)
    assert.is_true(math.abs(q.vo_onvoldoende_pct - 100 / 3) < 2)
    -- "Bij 16 van de 40 onvoldoende samenwerkingsverbanden" (003 l. 35)
    assert.are.equal(40, q.onvoldoende)
    assert.are.equal(16, q.onvoldoende_dekkend_netwerk)
    -- every row of the shares table sums to 66 swvs per sector
    for i = 1, #res.aandelen do
      assert.are.equal(66, res.aandelen:get(i, "po_n"))
      assert.are.equal(66, res.aandelen:get(i, "vo_n"))
    end
  end)
end)

describe("scripts/respons_000.lua", function()
  local res = script("respons_000")

  it("reproduces 000 Tabel 1.1", function()
    local t = res.tabel_1_1
    assert.are.same({ 54, 50, 104 }, column(t, "respons_n"))
    assert.are.same({ 52, 48 }, column(t, "respons_pct"))
    assert.are.same({ 76, 75, 151 }, column(t, "populatie_n"))
    assert.are.same({ 50, 50 }, column(t, "populatie_pct"))
    assert.are.equal(69, math.floor(100 * res.respons / res.populatie + 0.5))  -- "69%" (000 l. 198)
  end)

  it("reproduces 000 Tabel 1.2", function()
    local t = res.tabel_1_2
    assert.are.same({ "Zuid-Holland", "Groningen", "Friesland", "Drenthe", "Overijssel", "Flevoland",
      "Gelderland", "Utrecht", "Noord-Holland", "Zeeland", "Noord-Brabant", "Limburg" }, column(t, "provincie"))
    assert.are.same({ 25, 1, 3, 4, 7, 4, 13, 8, 17, 2, 13, 4 }, column(t, "respons_pct"))
    assert.are.same({ 23, 2, 3, 4, 7, 4, 13, 7, 14, 3, 13, 8 }, column(t, "populatie_pct"))
  end)
end)

describe("scripts/respons_001.lua", function()
  it("reproduces 001 Tabel 1.1 and Bijlage Tabel A, and PO 51 = 68%", function()
    local res = script("respons_001")
    local t = res.tabel
    assert.are.same({ 50, 50, 50, 81, 67, 58, 68, 71, 36, 80, 50, 81 }, column(t, "respons_pct_totaal"))
    assert.are.same({ 100, 67, 0, 90, 100, 67, 60, 64, 50, 80, 33, 72 }, column(t, "respons_pct_po"))
    assert.are.same({ 33, 33, 67, 73, 50, 50, 78, 80, 20, 80, 67, 92 }, column(t, "respons_pct_vo"))
    assert.are.equal(51, res.po.r)
    assert.are.equal(68, res.po_pct)
    assert.are.equal(50, res.vo.r)
  end)
end)

describe("scripts/inspectie_verwijzingen.lua", function()
  it("has the published means over samenwerkingsverbanden: bo 0,3 %, vo 0,4 %", function()
    local res = script("inspectie_verwijzingen")
    local s = res.samenvatting
    assert.are.equal("0.30", string.format("%.2f", s:get(1, "gemiddeld_pct")))
    assert.are.equal("0.40", string.format("%.2f", s:get(2, "gemiddeld_pct")))
  end)
end)

describe("scripts/tabel_a1_respons.lua on the example data", function()
  it("counts the respondents of Tabel A.1 exactly", function()
    local res = script("tabel_a1_respons")
    local pub = csv.read("examples/data/respons_meting2023.csv")
    local t = res.tabel
    for i, p in ipairs(pub) do
      for _, k in ipairs({ "po", "vo", "bao", "sbo", "vo_school", "vso", "totaal" }) do
        local want = p[k] ~= "" and tonumber((p[k]:gsub("%*", ""))) or nil
        assert.are.equal(want, t:get(i, k), p.actor .. " " .. k)
      end
      assert.are.equal(p.niet_weergegeven, t:get(i, "niet_weergegeven") or "", p.actor)
    end
  end)
end)

describe("monitor.example", function()
  it("lands every published cell of meting 2023 on its published value (one decimal)", function()
    local cal = monitor.example_calibration()
    local n, hit = 0, 0
    for _, c in ipairs(cal) do
      if c.published then
        n = n + 1
        if math.floor(c.mean * 10 + 0.5) / 10 == c.published then hit = hit + 1 end
      end
    end
    assert.are.equal(298, n)
    assert.are.equal(n, hit)
  end)

  it("gives, through monitor.compute, every published cell shown with the report's value and *", function()
    if not estimate then return pending("estimate() not in this build") end
    local d = monitor.example{ meting = "2023" }
    local n, shown, hit, agree = 0, 0, 0, 0
    for _, t in ipairs(monitor.defs.tables) do
      local r = monitor.compute(d, t.id)
      for i = 1, #r do
        local x = r[i]
        local v, star = monitor.value(t.id, x.scale, x.actor)
        if v ~= nil then
          n = n + 1
          if x.shown == 1 then shown = shown + 1 end
          if math.floor(x.mean * 10 + 0.5) / 10 == v then hit = hit + 1 end
          if (x.flag == "*") == star then agree = agree + 1 end
        end
      end
    end
    assert.are.equal(298, n)
    assert.are.equal(298, shown)
    assert.are.equal(298, hit)
    assert.are.equal(298, agree)
  end)

  it("has the contract's columns, missing codes and value labels", function()
    local d = monitor.example()
    local cols = d.columns
    assert.are.same({ "meting", "swv", "regio", "grootte", "stratum", "school", "onderwijstype", "sector",
      "actor", "w", "w_design" }, { table.unpack(cols, 1, 11) })
    assert.are.equal("d1_i1_s1_1", cols[12])
    local info = d:info("d1_i1_s1_1")
    assert.are.same({ 8, 9 }, info.missing)
    assert.are.equal("weet niet", info.value_labels[8])
    assert.are.equal("helemaal mee eens", info.value_labels[5])
    local m = d:values("meting")
    local n23 = 0
    for i = 1, #d do if m[i] == "2023" then n23 = n23 + 1 end end
    assert.are.equal(1780, n23)  -- Tabel A.1 total
  end)

  it("rakes w to the frame's regio and grootte distribution within each stratum", function()
    if not rake then return pending("rake() not in this build") end
    local frame = csv.read("examples/frames/voorbeeld_swv_frame.csv")
    local d = monitor.example{ meting = "2023" }
    local st, w, w0 = d:values("stratum"), d:values("w"), d:values("w_design")
    for _, var in ipairs({ "regio", "grootte" }) do
      local v = d:values(var)
      local fN, fT, sw, sT, s0 = {}, {}, {}, {}, {}
      for _, f in ipairs(frame) do
        fN[f.sector .. f[var]] = (fN[f.sector .. f[var]] or 0) + 1
        fT[f.sector] = (fT[f.sector] or 0) + 1
      end
      for i = 1, #d do
        sw[st[i] .. v[i]] = (sw[st[i] .. v[i]] or 0) + w[i]
        sT[st[i]] = (sT[st[i]] or 0) + w[i]
        s0[st[i]] = (s0[st[i]] or 0) + w0[i]
      end
      for k, n in pairs(fN) do
        local sector = k:sub(1, 2)
        assert.is_true(math.abs(sw[k] / sT[sector] - n / fT[sector]) < 1e-6, var .. " " .. k)
      end
      for sector, t in pairs(sT) do assert.is_true(math.abs(t - s0[sector]) < 1e-6 * t) end
    end
  end)

  it("is deterministic across processes", function()
    local code = "local d = monitor.example(); io.write(d:format('csv'))"
    local a, e1, c1 = run.passend("-e " .. run.q(code))
    local b, _, c2 = run.passend("-e " .. run.q(code))
    assert.are.equal(0, c1, e1)
    assert.are.equal(0, c2)
    assert.is_true(#a > 100000)
    assert.are.equal(a, b)
  end)
end)

describe("scripts/voorbeelddata.lua", function()
  it("writes the example data as csv and sav with labels, and the committed codebook", function()
    local dir = run.tmpname("")
    local res = script("voorbeelddata", { quiet = true, dir = dir })
    local sav = read(dir .. "/voorbeeld_monitor.sav")
    assert.are.equal(#res.data, #sav)
    assert.are.same(res.data.columns, sav.columns)
    local info = sav:info("d7_i1_s3_1")
    assert.are.same({ 8, 9 }, info.missing)
    assert.are.equal("n.v.t.", info.value_labels[9])
    assert.are.equal(res.data:get(100, "d1_i1_s1_1"), sav:get(100, "d1_i1_s1_1"))
    -- the codebook under examples/data is the one the generator gives
    assert.are.equal(run.slurp("examples/data/voorbeeld_codebook.csv"), run.slurp(dir .. "/voorbeeld_codebook.csv"))
    for _, f in ipairs({ "voorbeeld_monitor.csv", "voorbeeld_monitor.sav", "voorbeeld_codebook.csv" }) do
      os.remove(dir .. "/" .. f)
    end
    os.remove(dir)
  end)
end)

describe("scripts/tabel_*.lua", function()
  it("each lays out its published table from the example data, values as published", function()
    if not estimate then return pending("estimate() not in this build") end
    local d = monitor.example{ meting = "2023" }
    for _, t in ipairs(monitor.defs.tables) do
      local name = "tabel_" .. t.id:match("Tabel (.*)"):gsub("%.", "_")
      local res = script(name, { quiet = true, data = d })
      assert.are.equal(t.id, res.def.id)
      local text = res.table:format("text", { color = false })
      assert.matches(t.id, text, 1, true)
      for _, p in ipairs(monitor.published) do
        if p.table == t.id then
          local v = format.number(p.value, 1) .. (p.asterisk and "*" or "")
          assert.is_truthy(text:find(v, 1, true), t.id .. " " .. p.sub .. " " .. p.actor .. " " .. v)
        end
      end
    end
  end)

  it("runs as a shared script in the sandbox", function()
    local out, err, code = run.passend("--sandbox scripts/tabel_5_1.lua")
    assert.are.equal(0, code, err)
    assert.matches("Tabel 5.1 Doelstelling 4: De ouder is gelijkwaardig partner %(bao%)", out)
  end)
end)
