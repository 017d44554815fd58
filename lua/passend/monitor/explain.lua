-- passend/monitor/explain.lua: explain(result, row [, data]): every step of how one cell of an
-- estimate() result was computed, recomputed here in plain Lua from the data so a student can
-- follow (and check) each number: the items, dropped missing answers, reversed items, a few
-- respondents' scale scores, the weighted mean, the standard error by linearisation, the
-- interval, the `*` and the colour band.
local doc = require "passend.doc"
local lazy = require "passend.lazy"
local compute = require "passend.monitor.compute"

local defs = lazy.table(function() return require "passend.monitor.defs" end)

local M = {}

local function fmt(x, d)
  if x == nil then return "-" end
  if x ~= x then return "NaN" end
  return string.format("%." .. (d or 3) .. "f", x)
end

local function is_missing(v, codes)
  if v == nil or v ~= v then return true end
  for _, c in ipairs(codes) do if v == c then return true end end
  return false
end

-- Scale score of one row: mean of valid items after reversal; nil below min_valid.
local function score(row, s, miss_of)
  local used, dropped, shown = {}, {}, {}
  local rev = {}
  for _, it in ipairs(s.reversed or {}) do rev[it] = true end
  for _, it in ipairs(s.items) do
    local v = row[it]
    if is_missing(v, miss_of(it)) then
      dropped[#dropped + 1] = it .. "=" .. (v == nil and "." or tostring(v))
    else
      local x = rev[it] and (s.points + 1 - v) or v
      used[#used + 1] = x
      shown[#shown + 1] = rev[it] and string.format("%s=%s->%s", it, tostring(v), tostring(x)) or (it .. "=" .. tostring(v))
    end
  end
  local min_valid = s.min_valid or 1
  if min_valid < 1 then min_valid = math.ceil(min_valid * #s.items) end
  if #used < min_valid or #used == 0 then return nil, used, dropped, shown end
  local sum = 0
  for _, x in ipairs(used) do sum = sum + x end
  return sum / #used, used, dropped, shown
end

-- Why a cell is not shown, in the words of the rule (rules.settings.suppress, or a user rule).
local function suppressed_text(x, settings, T)
  local sup = settings.suppress or {}
  local why
  if x.reason == "n" then
    why = string.format(T("minder dan %d respondenten met een geldige score (rules.settings.suppress.min_n)",
      "fewer than %d respondents with a valid score (rules.settings.suppress.min_n)"), sup.min_n or 15)
  elseif x.reason == "range" then
    why = string.format(T("het %d%%-interval is %s of breder (rules.settings.suppress.max_range)",
      "the %d%% interval is %s or wider (rules.settings.suppress.max_range)"),
      math.floor((settings.conf or 0.95) * 100 + 0.5), fmt(sup.max_range or 1, 1))
  else
    why = string.format(T("de eigen regel '%s' (rules.settings.extra)", "the user rule '%s' (rules.settings.extra)"),
      tostring(x.reason))
  end
  return string.format(T("\nDeze cel wordt niet getoond (onderdrukt, reden '%s'): %s.\n"
      .. "Daarom geeft explain() er geen aantallen, scores, gemiddelde, standaardfout of interval van: "
      .. "die zouden de waarde prijsgeven.",
    "\nThis cell is not shown (suppressed, reason '%s'): %s.\n"
      .. "So explain() gives no counts, scores, mean, standard error or interval for it: "
      .. "they would give the value away."), tostring(x.reason), why)
end

local SPEC = require("passend.args").spec{ lang = { "one_of", "nl", "en" }, quiet = "boolean" }

local function explain(r, k, d, opts)
  if type(d) == "table" and opts == nil then d, opts = nil, d end
  opts = require("passend.args").options("explain", opts, SPEC)
  local en = opts.lang == "en"
  local function T(nl, e) return en and e or nl end
  if type(r) ~= "userdata" or not r.meta then error("explain: expected an estimate() result as first argument", 2) end
  local meta = r:meta()
  if meta.kind ~= "estimate" then error("explain: expected an estimate() result (meta.kind \"estimate\"), got " .. tostring(meta.kind), 2) end
  if type(k) ~= "number" or k < 1 or k > #r then error(string.format("explain: row %s is not in 1..%d", tostring(k), #r), 2) end
  d = d or compute.data_of[r] or meta.data
  if not d then error("explain: pass the data the result was computed from: explain(r, row, d)", 2) end
  local x = r[k]
  local by = meta.by or {}
  local settings = meta.settings or {}
  local s = (meta.scales or {})[x.scale]
  local out = {}
  local function say(...) out[#out + 1] = string.format(...) end

  -- 1. the cell
  local group = {}
  for _, b in ipairs(by) do group[#group + 1] = b .. " = " .. tostring(x[b]) end
  say(T("Cel %d: schaal %s%s, groep %s", "Cell %d: scale %s%s, group %s"), k, x.scale,
    (x.label and x.label ~= "") and (" (" .. x.label .. ")") or "", #group > 0 and table.concat(group, ", ") or T("alle respondenten", "all respondents"))
  if not s then
    say(T("  (een gewone variabele, geen schaal: de waarde per respondent is de variabele zelf)",
          "  (a plain variable, not a scale: the value per respondent is the variable itself)"))
    s = { items = { x.scale }, points = nil, missing = {}, plain = true }
  end

  -- 2. the scale
  local miss_cache = {}
  local function miss_of(it)
    if miss_cache[it] then return miss_cache[it] end
    local codes, seen = {}, {}
    local function add(c) if not seen[c] then seen[c] = true; codes[#codes + 1] = c end end
    for _, c in ipairs(s.missing or {}) do add(c) end
    local ok, info = pcall(d.info, d, it)
    if ok and info and info.missing then for _, c in ipairs(info.missing) do add(c) end end
    table.sort(codes)
    miss_cache[it] = codes
    return codes
  end
  if not s.plain then
    say(T("\n1. De schaal: %d items (%s), %d-puntsschaal.", "\n1. The scale: %d items (%s), %d-point scale."),
      #s.items, table.concat(s.items, ", "), s.points)
    if s.reversed and #s.reversed > 0 then
      say(T("   Omgepoold: %s (x' = %d + 1 - x).", "   Reversed: %s (x' = %d + 1 - x)."), table.concat(s.reversed, ", "), s.points)
    else
      say(T("   Geen omgepoolde items.", "   No reversed items."))
    end
    say(T("   Ontbrekend (telt niet mee): codes %s; een respondent heeft minstens %s geldige item(s) nodig.",
          "   Missing (left out): codes %s; a respondent needs at least %s valid item(s)."),
      table.concat(miss_of(s.items[1]), ", "), tostring(s.min_valid or 1))
  end

  -- a suppressed cell: why, and nothing computed from its respondents (their number, scores
  -- or mean would give the value away)
  if x.shown == 0 then
    say("%s", suppressed_text(x, settings, T))
    local text = table.concat(out, "\n") .. "\n"
    if not opts.quiet then io.write(text) end
    return { text = text, suppressed = true, reason = x.reason }
  end

  -- 3. the respondents of the group
  local cols = {}
  for _, b in ipairs(by) do cols[b] = d:values(b) end
  local wcol = settings.weight and d:values(settings.weight)
  local rows, ys, ws = {}, {}, {}
  local nin, dropped_count = 0, {}
  for i = 1, #d do
    local inside = true
    for _, b in ipairs(by) do if cols[b][i] ~= x[b] then inside = false; break end end
    if inside then
      nin = nin + 1
      local row = d[i]
      local y, used, dropped, shown
      if s.plain then
        local v = row[x.scale]
        if not is_missing(v, miss_of(x.scale)) then y = v; shown = { x.scale .. "=" .. tostring(v) } end
        used, dropped = { y }, {}
      else
        y, used, dropped, shown = score(row, s, miss_of)
      end
      for _, dd in ipairs(dropped) do
        local code = dd:match("=(.*)$")
        dropped_count[code] = (dropped_count[code] or 0) + 1
      end
      if y then
        local w = wcol and wcol[i] or 1
        rows[#rows + 1] = { i = i, y = y, w = w, used = used, dropped = dropped, shown = shown }
        ys[i], ws[i] = y, w
      end
    end
  end
  say(T("\n2. In deze groep: %d respondenten; %d met een geldige score.", "\n2. In this group: %d respondents; %d with a valid score."), nin, #rows)
  local codes = {}
  for c in pairs(dropped_count) do codes[#codes + 1] = c end
  table.sort(codes)
  if #codes > 0 then
    local parts = {}
    for _, c in ipairs(codes) do
      local lab = c == "." and T("leeg (niet gevraagd)", "empty (not asked)")
        or defs.missing[tonumber(c)] or c
      parts[#parts + 1] = string.format("%s (%s): %d", c, lab, dropped_count[c])
    end
    say(T("   Weggelaten antwoorden: %s.", "   Answers left out: %s."), table.concat(parts, "; "))
  end

  -- 4. a few respondents
  say(T("\n3. Enkele respondenten:", "\n3. A few respondents:"))
  local shown_rows = 0
  for _, rr in ipairs(rows) do
    if shown_rows < 3 or (#rr.dropped > 0 and shown_rows < 4) then
      shown_rows = shown_rows + 1
      local sum = 0
      for _, v in ipairs(rr.used) do sum = sum + v end
      say("   %s %d: %s%s -> (%s) / %d = %s, %s %s", T("rij", "row"), rr.i, table.concat(rr.shown, " "),
        #rr.dropped > 0 and ("; " .. T("weg: ", "left out: ") .. table.concat(rr.dropped, " ")) or "",
        table.concat(rr.used, " + "), #rr.used, fmt(rr.y), T("gewicht", "weight"), fmt(rr.w))
    end
    if shown_rows >= 4 then break end
  end

  -- 5. weighted mean
  local sw, swy = 0, 0
  for _, rr in ipairs(rows) do sw, swy = sw + rr.w, swy + rr.w * rr.y end
  local mean = sw > 0 and swy / sw or nil
  say(T("\n4. Gewogen gemiddelde: som(w*y) / som(w) = %s / %s = %s  (resultaat: %s)",
        "\n4. Weighted mean: sum(w*y) / sum(w) = %s / %s = %s  (result: %s)"),
    fmt(swy), fmt(sw), fmt(mean, 4), fmt(x.mean, 4))

  -- 6. standard error by linearisation: z_i = w_i (y_i - mean) / sum(w) inside the group, 0
  -- outside; totals per cluster; variance = sum over strata n_h/(n_h-1) sum (z_hj - mean_h)^2
  local cl = settings.cluster and d:values(settings.cluster)
  local st = settings.strata and d:values(settings.strata)
  local psu, strata = {}, {}
  if mean then
    for i = 1, #d do
      local h = st and tostring(st[i]) or "1"
      local j = cl and tostring(cl[i]) or tostring(i)
      strata[h] = strata[h] or {}
      local z = ys[i] and ws[i] * (ys[i] - mean) / sw or 0
      strata[h][j] = (strata[h][j] or 0) + z
      psu[h .. "|" .. j] = true
    end
  end
  local var, nstr, npsu = 0, 0, 0
  local hs = {}
  for h in pairs(strata) do hs[#hs + 1] = h end
  table.sort(hs)
  for _, h in ipairs(hs) do
    nstr = nstr + 1
    local tot, n = 0, 0
    for _, z in pairs(strata[h]) do tot, n = tot + z, n + 1 end
    npsu = npsu + n
    if n > 1 then
      local m, ss = tot / n, 0
      for _, z in pairs(strata[h]) do ss = ss + (z - m) ^ 2 end
      var = var + n / (n - 1) * ss
    end
  end
  local se = math.sqrt(var)
  say(T("\n5. Standaardfout (linearisatie, %s; %d strata, %d clusters): se = %s  (resultaat: %s)",
        "\n5. Standard error (linearisation, %s; %d strata, %d clusters): se = %s  (result: %s)"),
    (settings.cluster and (T("clusters ", "clusters ") .. settings.cluster) or T("zonder clusters", "no clusters"))
      .. (settings.strata and (", strata " .. settings.strata) or ""), nstr, npsu, fmt(se, 4), fmt(x.se, 4))
  if x.se and x.se > 0 and x.hi then
    local q = (x.hi - x.mean) / x.se
    say(T("   95%%-interval: %s -/+ %s * %s = %s tot %s; range = %s (df = %s)",
          "   95%% interval: %s -/+ %s * %s = %s to %s; range = %s (df = %s)"),
      fmt(x.mean), fmt(q), fmt(x.se, 4), fmt(x.lo), fmt(x.hi), fmt(x.range), tostring(x.df))
  end

  -- 7. flag, suppression, band
  local fl = settings.flag or {}
  say(T("\n6. De *: range %s ligt %s [%s, %s) -> vlag '%s'.", "\n6. The *: range %s is %s [%s, %s) -> flag '%s'."),
    fmt(x.range, 2), (x.flag == "*") and T("in", "in") or T("niet in", "not in"),
    tostring(fl.lo or fl[1] or 0.5), tostring(fl.hi or fl[2] or 1.0), x.flag or "")
  say(T("   Getoond.", "   Shown."))
  local cuts = (x.points == 3) and "2 / 2,5 / 2,75" or "3 / 3,5 / 4,25"
  say(T("\n7. Kleurband: %s op een %s-puntsschaal (grenzen %s) -> %s.", "\n7. Colour band: %s on a %s-point scale (cuts %s) -> %s."),
    fmt(x.mean, 2), tostring(x.points or "-"), cuts, (x.band ~= "" and x.band) or T("geen", "none"))
  local text = table.concat(out, "\n") .. "\n"
  if not opts.quiet then io.write(text) end
  return { text = text, n = #rows, mean = mean, se = se, sum_w = sw, sum_wy = swy }
end

M.explain = doc.def("explain", explain, [==[
explain(result, row [, data [, {lang = "en", quiet = true}]])

Teaching: prints every step of how one cell of an estimate() result was computed, recomputed
from the data: the scale's items and reversed items, the answers left out ('weet niet',
'n.v.t.', not asked), a few respondents' scale scores, the weighted mean with its sums, the
standard error by linearisation over the clusters and strata (next to the result's), the 95%
interval, the * decision and the colour band. Results of monitor.compute() keep their data;
for others pass the data estimate() was given. Returns {text, n, mean, se, sum_w, sum_wy}.
A suppressed cell (shown = 0) is explained by its rule only: which scale and group, and why it
is not shown, with no number computed from its respondents; it returns {text, suppressed =
true, reason}.]==], {
  options = SPEC,
  example = function()
    local d = require("passend.monitor.example").example{ meting = "2023" }
    return require("passend.monitor.compute").compute(d, "Tabel 2.1"), 1, d, { quiet = true }
  end,
})

return M
