-- passend/toolkit/rank.lua: rank aggregation for top-k questions (001 chapter 7): the mean
-- position per item, a configurable score for unranked items, ties kept, and the top-k
-- extended when items tie at the boundary ('gedeelde derde plaats').
local core = require "passend.core"
local doc = require "passend.doc"
local F = require "passend.data.frame"
local args = require "passend.args"

local M = {}

local SPEC = args.spec{ items = "list", choices = "columns", k = { "count", min = 1 }, unranked = "number",
  filter = { "either", "function", "table" }, tie_decimals = "count", top = "count", title = "string" }

M.rank_means = doc.def("stats.rank_means", function(d, opts)
  local acc = F.input(d, "rank_means")
  opts = args.options("rank_means", opts, SPEC, acc)
  -- in position form the items are the columns holding each item's position
  if type(opts.items) == "table" and not opts.choices then args.columns("rank_means", acc, opts.items, "option items") end
  local k = opts.k or 3
  local unranked = opts.unranked or (k + 1)
  local items = opts.items
  if type(items) ~= "table" or #items == 0 then error("rank_means: opts.items (the items ranked) is required", 2) end
  local rows = F.rows(acc, opts.filter)
  local sums, ranked = {}, {}
  for _, it in ipairs(items) do sums[it] = 0; ranked[it] = 0 end
  local voters = 0
  if opts.choices then
    -- choice form: opts.choices = {"keuze1", "keuze2", ...}; the j-th column names the item at position j
    if #opts.choices > k then
      error(string.format("rank_means: %d choice columns for a top %d", #opts.choices, k), 2)
    end
    local cols = {}
    for j, c in ipairs(opts.choices) do cols[j] = acc.get(c) end
    for _, i in ipairs(rows) do
      local pos = {}
      for j = 1, #cols do
        local it = cols[j][i]
        if it ~= nil and it == it then
          if sums[it] == nil then error(string.format("rank_means: row %d names item %q, not in opts.items", i, tostring(it)), 2) end
          if pos[it] then error(string.format("rank_means: row %d ranks item %q twice", i, tostring(it)), 2) end
          pos[it] = j
        end
      end
      voters = voters + 1
      for _, it in ipairs(items) do
        if pos[it] then sums[it] = sums[it] + pos[it]; ranked[it] = ranked[it] + 1
        else sums[it] = sums[it] + unranked end
      end
    end
  else
    -- position form: one column per item holding the position given, missing = unranked
    local cols = {}
    for _, it in ipairs(items) do cols[it] = acc.get(it) end
    for _, i in ipairs(rows) do
      voters = voters + 1
      for _, it in ipairs(items) do
        local p = cols[it][i]
        if p ~= nil and p == p then
          if p < 1 or p > k then error(string.format("rank_means: row %d gives %q position %s, expected 1..%d", i, it, tostring(p), k), 2) end
          sums[it] = sums[it] + p; ranked[it] = ranked[it] + 1
        else
          sums[it] = sums[it] + unranked
        end
      end
    end
  end
  if voters == 0 then error("rank_means: no rows to aggregate", 2) end
  local order = {}
  for idx, it in ipairs(items) do order[idx] = { item = it, mean = sums[it] / voters, n = ranked[it], idx = idx } end
  local dec = opts.tie_decimals
  local function key(m) return dec and F.round(m, dec) or m end
  table.sort(order, function(a, b)
    local ka, kb = key(a.mean), key(b.mean)
    if math.abs(ka - kb) > 1e-9 then return ka < kb end
    return a.idx < b.idx
  end)
  -- competition ranks (1, 2, 3, 3, 5), ties within 1e-9 (or equal after rounding to tie_decimals)
  local names, means, ns, rk, top = {}, {}, {}, {}, {}
  for j, o in ipairs(order) do
    names[j], means[j], ns[j] = o.item, o.mean, o.n
    if j > 1 and math.abs(key(o.mean) - key(order[j - 1].mean)) <= 1e-9 then rk[j] = rk[j - 1] else rk[j] = j end
    top[j] = rk[j] <= (opts.top or k) and 1 or 0
  end
  return F.output({ { "item", names, type = "text" }, { "gem_positie", means }, { "n_gerangschikt", ns },
    { "rang", rk }, { "top", top } }, #order,
    { kind = "rank_means", voters = voters, k = k, unranked = unranked, decimals = 1, int_columns = { n_gerangschikt = true, rang = true, top = true }, title = opts.title,
      notes = { string.format("Gemiddelde positie (1 = door iedereen als belangrijkste genoemd; niet in de top %d = %s).",
        k, tostring(unranked)) } })
end, [==[
stats.rank_means(d, opts) -> table

Aggregates top-k rankings (001 chapter 7): the mean position per item over all voters, where
an item a voter did not rank scores opts.unranked (default k + 1). Data in position form (one
column per item in opts.items holding the position 1..k, missing = unranked) or choice form
(opts.choices = the columns naming the item at position 1, 2, ...). opts.k (3). Rows sorted by
mean position; ties keep the same rank (1, 2, 3, 3) and the top (column top = 1) is extended
on ties at the boundary ('gedeelde derde plaats'); opts.tie_decimals judges ties on rounded
means, opts.top changes the cut.]==], {
  options = SPEC,
  example = function()
    return require("passend.sample").data(), { items = { "x", "y", "z" }, choices = { "keuze1", "keuze2" } }
  end,
})

return M
