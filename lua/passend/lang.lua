-- passend/lang.lua: the session's language ("nl", the default, or "en") and numbers written
-- the way that language writes them (4,25 and 3.586 in Dutch; 4.25 and 3,586 in English).
-- Every user-visible text that is not the analyst's own follows lang.settings.lang.
local core = require "passend.core"

local L = {}

L.settings = { lang = os.getenv("PASSEND_LANG") == "en" and "en" or "nl" }

L.marks = {
  nl = { decimal = ",", thousands = "." },
  en = { decimal = ".", thousands = "," },
}

-- The language to use: the one asked for, else the session's. An unknown one is an error.
function L.resolve(lang)
  lang = lang or L.settings.lang
  if not L.marks[lang] then
    error(string.format("unknown language %q (expected \"nl\" or \"en\")", tostring(lang)), 3)
  end
  return lang
end

-- x with `decimals` decimals (nil: its shortest exact form), rounded half-up on the decimal
-- string (0.15 -> "0,2"), decimal comma in Dutch; thousands = true adds separators.
-- nil and NaN give "".
function L.number(x, decimals, lang, thousands)
  if x == nil or x ~= x then return "" end
  local m = L.marks[L.resolve(lang)]
  return core._numstr(x, decimals or -1, m.decimal, thousands and m.thousands or "")
end

-- A whole count with thousands separators: 3.586 (nl), 3,586 (en).
function L.count(n, lang)
  return L.number(n, 0, lang, true)
end

-- "1 rij" / "3.586 rijen": a count with the singular or plural noun of the language.
function L.counted(n, singular, plural, lang)
  return L.count(n, lang) .. " " .. (n == 1 and singular or plural)
end

return L
