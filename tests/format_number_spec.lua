-- Numbers in the output formats: half-up rounding on the shortest decimal string, Dutch and
-- English marks, thousands separators, display widths.
local core = require "passend.core"
local P = require "passend"
local num = P.format.number

describe("format.number", function()
  it("rounds half-up on the decimal string, not on the binary value", function()
    -- 0.15 and 1.005 are stored just below the tie; a person rounding the printed number rounds up
    assert.are.equal("0,2", num(0.15, 1))
    assert.are.equal("1,01", num(1.005, 2))
    assert.are.equal("2,3", num(2.25, 1))
    assert.are.equal("2,4", num(2.35, 1))
    assert.are.equal("3,0", num(2.95, 1))
    assert.are.equal("10,0", num(9.96, 1))
    assert.are.equal("100,0", num(99.95, 1))
    assert.are.equal("-3", num(-2.5, 0))
    assert.are.equal("3,4", num(3.449, 1))
  end)

  it("prints no minus sign on a value that rounds to zero", function()
    assert.are.equal("0,0", num(-0.04, 1))
    assert.are.equal("0", num(-0.0, 0))
  end)

  it("uses the decimal comma in Dutch (default) and the point in English", function()
    assert.are.equal("4,4", num(4.4, 1))
    assert.are.equal("4.4", num(4.4, 1, "en"))
    assert.are.equal("4,0", num(4, 1, "nl"))
    assert.are.equal("1.234.567,89", num(1234567.891, 2, "nl", true))
    assert.are.equal("1,234,567.89", num(1234567.891, 2, "en", true))
    assert.are.equal("999", num(999, 0, "nl", true))
    assert.are.equal("-1.000", num(-1000, 0, "nl", true))
  end)

  it("without decimals gives the shortest exact form", function()
    assert.are.equal("0,1", num(0.1))
    assert.are.equal("3.14159", num(3.14159, nil, "en"))
    assert.are.equal("0,0000001", num(1e-7))
    assert.are.equal("100000000000000000000", num(1e20, nil, "en"))
  end)

  it("prints nothing for nil and NaN, and rejects an unknown language", function()
    assert.are.equal("", num(nil, 1))
    assert.are.equal("", num(0 / 0, 1))
    assert.has_error(function() num(1, 1, "de") end, 'format: unknown language "de" (expected "nl" or "en")')
  end)
end)

describe("display widths", function()
  it("count wide characters twice and combining marks not at all", function()
    assert.are.equal(6, core._dispwidth("Ib’ers"))
    assert.are.equal(6, core._dispwidth("漢字ab"))
    assert.are.equal(4, core._dispwidth("cafe\204\129")) -- e + combining acute
    local head, rest = core._cut("漢字ab", 3)
    assert.are.equal("漢", head)
    assert.are.equal("字ab", rest)
  end)
end)

describe("the format registry", function()
  it("knows the built-in formats by name and extension", function()
    for _, name in ipairs({ "text", "md", "csv", "json", "html", "tex", "xlsx", "svg" }) do
      assert.is_table(require("passend.io").type(name), name)
    end
    local io_ = require "passend.io"
    assert.are.equal("html", io_.type_of("x/Tabel.HTML").name)
    assert.are.equal("md", io_.type_of("a.b/c.md").name)
    assert.is_nil(io_.type_of("noext"))
  end)

  it("rejects a registration without a name or a render/write function", function()
    assert.has_error(function() P.format.register{ extensions = { "x" } } end)
    assert.has_error(function() P.format.register{ name = "x" } end,
      'format.register: type "x" needs a read(path, opts), write(d, path, opts) or render(d, opts) function')
  end)
end)
