-- bench/run.lua: `make bench`. Times passend side by side with the tools analysts would
-- otherwise use, on the same generated data, in one run, and prints each figure as the
-- median of BENCH_REPS runs with the min-max next to it, the peak memory (max RSS) and
-- the ratio against passend:
--   1. CSV load of four file shapes (numeric; text-heavy; ID-heavy; quoted line feeds),
--      passend on 1 and 2 threads vs Polars (nodejs-polars), DuckDB (@duckdb/node-api),
--      R data.table::fread (each on 1 and 2 threads) and sqlite3 '.import'
--   2. 30 scale scores + estimate() by actor x onderwijstype with clusters and strata vs
--      R survey::svyby (numbers checked equal); passend alone on 1,000,000 respondents
--   3. many domains: a mean in each of 6,760 groups of 50,000 rows (srvyr issue #164)
--      vs R survey::svyby
--   4. referral share per samenwerkingsverband x year on a register of 1,000,000 and
--      10,000,000 rows vs sqlite3, DuckDB and Polars group-by (the query alone)
--   5. shell start (hyperfine when installed) next to lua5.4, and `make demo`
-- Times are the timed step inside each process where it reports one ("TIME s": the load or
-- the computation, not start-up); otherwise the whole process. A peer that cannot run here
-- is skipped with a note. The npm peers are installed into build/bench-node (not committed).
--
-- Environment: BENCH_DIR (data, default build/bench), BENCH_QUICK=1 (a tenth of the sizes),
-- BENCH_REPS (runs per figure, default 3; a run over BENCH_SLOW seconds, default 20, is not
-- repeated), BENCH_ONLY (sections to run, e.g. "load,start"; default all), BENCH_PEERS=0
-- (passend alone).

local bin = arg and arg[-1] or "build/passend"
if not bin:match("passend") then bin = "build/passend" end
local dir = os.getenv("BENCH_DIR") or "build/bench"
local quick = os.getenv("BENCH_QUICK") == "1"
local REPS = tonumber(os.getenv("BENCH_REPS") or "3")
local SLOW = tonumber(os.getenv("BENCH_SLOW") or "20")
local only = os.getenv("BENCH_ONLY")
local want_peers = os.getenv("BENCH_PEERS") ~= "0"
local N_SMALL, N_BIG, N_REG, N_REG1, N_DOM = 200000, 1000000, 10000000, 1000000, 50000
if quick then N_SMALL, N_BIG, N_REG, N_REG1 = 20000, 100000, 1000000, 100000 end

local function section(name) return not only or (("," .. only .. ","):find("," .. name .. ",", 1, true)) end
local function q(s) return "'" .. tostring(s):gsub("'", "'\\''") .. "'" end

local function sh(cmd)
  local p = io.popen(cmd .. " 2>&1")
  local out = p:read("a")
  local ok = p:close()
  return out, ok
end

local function exists(path)
  local f = io.open(path)
  if f then f:close() return true end
  return false
end

local function abspath(p)
  return (sh("cd " .. q(p:match("^(.*)/") or ".") .. " && pwd -P"):gsub("\n", "")) .. "/" .. p:match("[^/]*$")
end

-- Runs cmd under /usr/bin/time: {wall, rss (MB), inner (the TIME line), out, ok}.
local function run_once(cmd)
  local tf = os.tmpname()
  local out, ok = sh("/usr/bin/time -f '%e %M' -o " .. q(tf) .. " " .. cmd)
  local f = io.open(tf)
  local wall, rss = f:read("n", "n")
  f:close()
  os.remove(tf)
  local inner = tonumber(out:match("TIME ([%d%.e%-]+)"))
  return { wall = wall, rss = rss and rss / 1024, inner = inner, out = out, ok = ok and (wall ~= nil) }
end

-- reps runs of cmd (fewer when one takes over SLOW seconds): the median, min and max of the
-- timed step (inner, else the whole process), the largest peak memory, and whether all ran.
local function measure(cmd, reps)
  local times, m = {}, { ok = true, rss = 0, runs = 0 }
  for _ = 1, reps or REPS do
    local r = run_once(cmd)
    m.runs = m.runs + 1
    if not r.ok then m.ok, m.out = false, r.out break end
    local t = r.inner or r.wall
    times[#times + 1] = t
    m.rss = math.max(m.rss, r.rss or 0)
    m.out = r.out
    if t > SLOW then break end
  end
  if #times > 0 then
    table.sort(times)
    local n = #times
    m.med = n % 2 == 1 and times[(n + 1) // 2] or (times[n // 2] + times[n // 2 + 1]) / 2
    m.min, m.max = times[1], times[n]
  end
  return m
end

local function fmt_t(m)
  if not m or not m.med then return string.format("%-27s", "failed") end
  if m.runs == 1 or m.min == m.max then return string.format("%8.3f s %-16s", m.med, "(1 run)") end
  return string.format("%8.3f s %-16s", m.med, string.format("(%.3f-%.3f)", m.min, m.max))
end

-- name, m [, ref: the passend figure this is compared with, as "passend is N x faster"]
local function report(name, m, ref, note)
  local ratio = ""
  if ref and ref.med and m and m.med and ref.med > 0 then
    local r = m.med / ref.med
    ratio = r >= 1 and string.format("  passend %.2fx faster", r) or string.format("  passend %.2fx slower", 1 / r)
  end
  print(string.format("  %-34s %s %6.0f MB%s%s", name, fmt_t(m), m and m.rss or 0, ratio, note and ("  " .. note) or ""))
  if m and not m.ok then print("    (command failed)\n    " .. (m.out or ""):sub(1, 600):gsub("\n", "\n    ")) end
end

local function skip(what, why) print(string.format("  %-34s skipped: %s", what, why)) end

local function passend_has(fn)
  return (sh(q(bin) .. " -e " .. q("io.write(type(" .. fn .. "))"))) == "function"
end

-- peers -----------------------------------------------------------------------------------
local peers = { notes = {} }
local function note(s) peers.notes[#peers.notes + 1] = s end
if want_peers then
  peers.sqlite3 = (sh("command -v sqlite3")):match("sqlite3") ~= nil
  if not peers.sqlite3 then note("sqlite3: not installed (make deps-bench)") end
  local rs = (sh("command -v Rscript")):match("Rscript") ~= nil
  peers.fread = rs and select(2, sh("Rscript -e 'suppressMessages(library(data.table))'"))
  peers.survey = rs and select(2, sh("Rscript -e 'suppressMessages(library(survey))'"))
  if not peers.fread then note("R data.table: not installed (make deps-bench)") end
  if not peers.survey then note("R survey: not installed (make deps-test)") end
  -- npm peers, installed once into build/bench-node
  local node_dir = abspath("build") .. "/bench-node"
  local pkgs = "nodejs-polars@0.25.2 nodejs-polars-linux-x64-gnu@0.25.2 @duckdb/node-api@1.5.6-r.1"
  if (sh("command -v node")):match("node") then
    local function have(mod) return exists(node_dir .. "/node_modules/" .. mod .. "/package.json") end
    if not (have("nodejs-polars") and have("nodejs-polars-linux-x64-gnu") and have("@duckdb/node-api")) then
      if (sh("command -v npm")):match("npm") then
        io.write("installing the npm peers into build/bench-node ... ")
        io.flush()
        local out, ok = sh("mkdir -p " .. q(node_dir) .. " && npm install --prefix " .. q(node_dir) ..
          " --no-audit --no-fund --no-save --loglevel=error -E " .. pkgs)
        print(ok and "done" or ("failed:\n" .. out))
      end
    end
    local env = "env NODE_PATH=" .. q(node_dir .. "/node_modules") .. " "
    peers.node_env = env
    peers.polars = select(2, sh(env .. "node -e \"require('nodejs-polars')\""))
    peers.duckdb = select(2, sh(env .. "node -e \"require('@duckdb/node-api')\""))
    if not peers.polars then note("Polars: nodejs-polars@0.25.2 could not be installed or loaded from npm") end
    if not peers.duckdb then note("DuckDB: @duckdb/node-api could not be installed or loaded from npm") end
  else
    note("Polars, DuckDB: node is not installed")
  end
else
  note("peers: left out (BENCH_PEERS=0)")
end

-- data ---------------------------------------------------------------------------------------
os.execute("mkdir -p " .. q(dir))
local gens = {}
for _, g in ipairs { "gen_survey", "gen_register", "gen_text", "gen_domains" } do
  gens[g] = dir .. "/" .. g
  assert(os.execute("cc -O2 -o " .. q(gens[g]) .. " bench/" .. g .. ".c"), "cannot compile bench/" .. g .. ".c")
end
local function data(name, gen, ...)
  local path = dir .. "/" .. name
  if not exists(path) then
    local args = { ... }
    for i = 1, #args do args[i] = q(args[i]) end
    assert(os.execute(q(gens[gen]) .. " " .. table.concat(args, " ") .. " " .. q(path)))
  end
  return path
end
local function mb(path)
  local f = io.open(path, "rb")
  local n = f:seek("end")
  f:close()
  return n / 2^20
end

local load_now = sh("cat /proc/loadavg"):match("^(%S+ %S+ %S+)")
print(string.format("passend benchmark (%s); median (min-max) of %d runs, a run over %g s not repeated",
  (sh(q(bin) .. " --version"):gsub("\n", "")), REPS, SLOW))
print(string.format("machine: %s cores, %s; load average at start %s",
  (sh("nproc"):gsub("\n", "")), (sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"):gsub("^%s+", ""):gsub("\n", "")), load_now))
for _, n in ipairs(peers.notes) do print("note: " .. n) end

local summary = {}
local function check(what, ok, detail)
  summary[#summary + 1] = string.format("  [%s] %s: %s", ok == nil and "----" or ok and "met " or "NOT ", what, detail)
end

-- 1. CSV load ---------------------------------------------------------------------------------
local loads = {}
if section("load") and passend_has("read") then
  local shapes = {
    { key = "numeric", title = "numeric survey", file = data("survey_" .. N_BIG .. ".csv", "gen_survey", N_BIG), cols = 66 },
    { key = "text", title = "text-heavy", file = data("text_" .. N_BIG .. ".csv", "gen_text", "text", N_BIG), cols = 60 },
    { key = "id", title = "ID-heavy (respondent code, postcode)", file = data("id_" .. N_BIG .. ".csv", "gen_text", "id", N_BIG), cols = 60 },
    { key = "qnl", title = "ID-heavy with quoted line feeds", file = data("qnl_" .. N_BIG .. ".csv", "gen_text", "qnl", N_BIG), cols = 60 },
  }
  print("\n1. CSV load, " .. N_BIG .. " rows (timed: the load alone)")
  for _, s in ipairs(shapes) do
    print(string.format("\n %s, %d columns, %.0f MB", s.title, s.cols, mb(s.file)))
    local f = s.file
    local r = {}
    for _, t in ipairs { 1, 2 } do
      r["p" .. t] = measure(q(bin) .. " -e " .. q("local t = passend.clock(); local d = read('" .. f .. "', { threads = " .. t ..
        " }); io.write('TIME ', passend.clock() - t, '\\n')"))
      report("passend, " .. t .. " thread" .. (t > 1 and "s" or ""), r["p" .. t], nil,
        t == 2 and r.p1.med and r.p2.med and string.format("(%.2fx one thread)", r.p1.med / r.p2.med) or nil)
    end
    for _, t in ipairs { 1, 2 } do
      if peers.polars then
        r["pl" .. t] = measure(peers.node_env .. "POLARS_MAX_THREADS=" .. t .. " node bench/peers/polars.js load " .. q(f))
        report("Polars 0.25.2, " .. t .. " thread" .. (t > 1 and "s" or ""), r["pl" .. t], r["p" .. t])
      end
    end
    for _, t in ipairs { 1, 2 } do
      if peers.duckdb then
        r["dd" .. t] = measure(peers.node_env .. "node bench/peers/duckdb.js load " .. q(f) .. " " .. t)
        report("DuckDB, " .. t .. " thread" .. (t > 1 and "s" or ""), r["dd" .. t], r["p" .. t])
      end
    end
    for _, t in ipairs { 1, 2 } do
      if peers.fread then
        r["dt" .. t] = measure("Rscript -e " .. q("suppressMessages(library(data.table)); t0 <- Sys.time(); d <- fread('" ..
          f .. "', nThread = " .. t .. "); cat('TIME', as.numeric(Sys.time() - t0, units = 'secs'), '\\n')"))
        report("data.table fread, " .. t .. " thread" .. (t > 1 and "s" or ""), r["dt" .. t], r["p" .. t])
      end
    end
    if peers.sqlite3 then
      r.sq = measure("sqlite3 :memory: -cmd '.mode csv' " .. q(".import " .. f .. " t") .. " 'select 1' >/dev/null")
      report("sqlite3 .import (process)", r.sq, r.p1)
    end
    loads[s.key] = r
    if r.p1.med and r.p2.med then
      check("2 threads never slower than 1: " .. s.key, r.p2.med <= r.p1.med,
        string.format("%.3f s vs %.3f s (%.2fx)", r.p2.med, r.p1.med, r.p1.med / r.p2.med))
    end
  end
  for _, key in ipairs { "text", "id" } do
    local r = loads[key]
    for _, t in ipairs { 1, 2 } do
      if r["pl" .. t] and r["pl" .. t].med and r["p" .. t].med then
        check(string.format("%s CSV, %d thread%s: passend at least as fast as Polars", key, t, t > 1 and "s" or ""),
          r["p" .. t].med <= r["pl" .. t].med, string.format("%.3f s vs %.3f s", r["p" .. t].med, r["pl" .. t].med))
      else
        check(string.format("%s CSV, %d thread(s) vs Polars", key, t), nil, "Polars did not run")
      end
    end
  end
  local best = 0
  for _, r in pairs(loads) do
    if r.p1.med and r.p2.med then best = math.max(best, r.p1.med / r.p2.med) end
  end
  local r = loads.numeric
  print(string.format("\n  peak memory, numeric file on 2 threads: %.0f MB = %.2fx the raw numeric size %.0f MB",
    r.p2.rss or 0, (r.p2.rss or 0) / (N_BIG * 66 * 8 / 2^20), N_BIG * 66 * 8 / 2^20))
end

-- 2. scale scores + estimates -----------------------------------------------------------------
local function passend_est(file, threads, write)
  return q(bin) .. " -e " .. q([[
    local d = read(']] .. file .. [[')
    local scales = {}
    for k = 1, 30 do
      scales[k] = scale{ "s" .. k, items = { "q" .. (2 * k - 1), "q" .. (2 * k) }, points = 5,
        missing = { 8, 9 }, min_valid = 1 }
    end
    local t = passend.clock()
    local r = estimate(d, scales, { by = { "actor", "onderwijstype" }, weight = "w",
      cluster = "swv", strata = "stratum", threads = ]] .. (threads or 0) .. [[ })
    io.write('TIME ', passend.clock() - t, '\n')
    ]] .. (write and ("r:write('" .. write .. "')") or ""))
end

if section("estimate") then
  print("\n2. 30 scale scores + estimate by actor x onderwijstype, clusters and strata (timed: scores + estimate)")
  if not (passend_has("data.scores") and passend_has("estimate")) then
    print("  skipped: data.scores()/estimate() are not in this build")
  else
    local small, big = data("survey_" .. N_SMALL .. ".csv", "gen_survey", N_SMALL), data("survey_" .. N_BIG .. ".csv", "gen_survey", N_BIG)
    local out_p, out_r = dir .. "/est_passend.csv", dir .. "/est_r.csv"
    local p_est = measure(passend_est(small, 0, out_p))
    report("passend, " .. N_SMALL .. " respondents", p_est)
    if peers.survey then
      local r_script = dir .. "/est.R"
      local f = assert(io.open(r_script, "w"))
      f:write([=[
suppressMessages({library(data.table); library(survey)})
d <- as.data.frame(fread("]=] .. small .. [=["))
for (j in 1:60) { v <- d[[paste0("q", j)]]; v[v %in% c(8, 9)] <- NA; d[[paste0("q", j)]] <- v }
t0 <- Sys.time()
for (k in 1:30) d[[paste0("s", k)]] <- rowMeans(d[, paste0("q", c(2*k-1, 2*k))], na.rm = TRUE)
des <- svydesign(ids = ~swv, strata = ~stratum, weights = ~w, data = d, nest = TRUE)
res <- NULL
for (k in 1:30) {
  f <- as.formula(paste0("~s", k))
  b <- svyby(f, ~actor + onderwijstype, subset(des, !is.na(d[[paste0("s", k)]])), svymean, na.rm = TRUE)
  res <- rbind(res, data.frame(actor = b$actor, onderwijstype = b$onderwijstype, scale = paste0("s", k),
                               mean = coef(b), se = SE(b)))
}
cat("TIME", as.numeric(Sys.time() - t0, units = "secs"), "\n")
write.csv(res, "]=] .. out_r .. [=[", row.names = FALSE)
]=])
      f:close()
      local r_est = measure("Rscript " .. q(r_script), 1)
      report("R survey svyby", r_est, p_est)
      local agree = sh(q(bin) .. " -e " .. q([[
        local a, b = read(']] .. out_p .. [['), read(']] .. out_r .. [[')
        local key = function(r) return r.actor .. '|' .. r.onderwijstype .. '|' .. r.scale end
        local ref = {}
        for i = 1, #b do local r = b[i]; ref[key(r)] = r end
        local worst, n = 0, 0
        for i = 1, #a do
          local r = a[i]; local o = ref[key(r)]
          if o then
            n = n + 1
            for _, c in ipairs{ 'mean', 'se' } do
              local rel = math.abs(r[c] - o[c]) / math.max(math.abs(o[c]), 1e-300)
              if rel > worst then worst = rel end
            end
          end
        end
        io.write(string.format('%d cells compared, largest relative difference %.2e', n, worst))]]))
      print("  agreement with R: " .. agree)
    else
      skip("R survey svyby", "R survey is not installed")
    end
    local p1 = measure(passend_est(big, 1))
    report("passend, " .. N_BIG .. ", 1 thread", p1)
    local p2 = measure(passend_est(big, 2))
    report("passend, " .. N_BIG .. ", 2 threads", p2, nil,
      p1.med and p2.med and string.format("(%.2fx one thread)", p1.med / p2.med) or nil)
    if p1.med then check("1,000,000 x 30 scales on one core under 1 s", p1.med < 1, string.format("%.3f s", p1.med)) end
  end
end

-- 3. many domains -------------------------------------------------------------------------------
if section("domains") and passend_has("estimate") then
  local f = data("domains_" .. N_DOM .. ".csv", "gen_domains", N_DOM)
  print("\n3. many domains: weighted mean of y in each of 6,760 groups (grp1 x grp2 x grp3), " .. N_DOM ..
    " rows (srvyr #164; timed: the estimate)")
  local p = measure(q(bin) .. " -e " .. q("local d = read('" .. f .. "'); local t = passend.clock(); " ..
    "local r = estimate(d, { 'y' }, { by = { 'grp1', 'grp2', 'grp3' }, weight = 'weight' }); " ..
    "io.write('TIME ', passend.clock() - t, '\\nROWS ', #r, '\\n')"))
  report("passend estimate", p, nil, p.out and p.out:match("ROWS (%d+)") and (p.out:match("ROWS (%d+)") .. " groups") or nil)
  if peers.survey then
    local r = measure("timeout 900 Rscript -e " .. q("suppressMessages({library(data.table); library(survey)}); " ..
      "d <- as.data.frame(fread('" .. f .. "')); t0 <- Sys.time(); " ..
      "des <- svydesign(ids = ~1, weights = ~weight, data = d); " ..
      "b <- svyby(~y, ~grp1 + grp2 + grp3, des, svymean); " ..
      "cat('TIME', as.numeric(Sys.time() - t0, units = 'secs'), '\\nROWS', nrow(b), '\\n')"), 1)
    report("R survey svyby", r, p, r.out and r.out:match("ROWS (%d+)") and (r.out:match("ROWS (%d+)") .. " groups") or nil)
  else
    skip("R survey svyby", "R survey is not installed")
  end
end

-- 4. register group-by ---------------------------------------------------------------------------
if section("register") then
  print("\n4. referral share per samenwerkingsverband x year (timed: the group-by after loading; " ..
    "passend's estimate also gives se and intervals)")
  local reg_p = {}
  for _, n in ipairs { N_REG1, N_REG } do
    local reg = data("register_" .. n .. ".csv", "gen_register", n)
    print(string.format("\n register, %d rows, %.0f MB", n, mb(reg)))
    local p
    if passend_has("estimate") then
      for _, t in ipairs { 1, 2 } do
        local m = measure(q(bin) .. " -e " .. q("local d = read('" .. reg .. "'); local t = passend.clock(); " ..
          "local r = estimate(d, { 'referred' }, { by = { 'swv', 'year' }, threads = " .. t .. " }); io.write('TIME ', passend.clock() - t, '\\n')"))
        report("passend estimate, " .. t .. " thread" .. (t > 1 and "s" or ""), m)
        if t == 2 then p = m end
        reg_p[n .. ":" .. t] = m
      end
    end
    local dd
    if peers.duckdb then
      for _, t in ipairs { 1, 2 } do
        local m = measure(peers.node_env .. "node bench/peers/duckdb.js groupby " .. q(reg) .. " " .. t)
        report("DuckDB group by, " .. t .. " thread" .. (t > 1 and "s" or ""), m, reg_p[n .. ":" .. t])
        if t == 2 then dd = m end
      end
    end
    if peers.polars then
      for _, t in ipairs { 1, 2 } do
        local m = measure(peers.node_env .. "POLARS_MAX_THREADS=" .. t .. " node bench/peers/polars.js groupby " .. q(reg))
        report("Polars group_by, " .. t .. " thread" .. (t > 1 and "s" or ""), m, reg_p[n .. ":" .. t])
      end
    end
    if peers.sqlite3 then
      local db = dir .. "/register_" .. n .. ".db"
      if not exists(db) then sh("sqlite3 " .. q(db) .. " -cmd '.mode csv' " .. q(".import " .. reg .. " r")) end
      local m = measure("sh -c " .. q("echo 'select swv, year, avg(referred) from r group by swv, year;' | sqlite3 -cmd '.timer on' " ..
        q(db) .. " | tail -1 | sed -E 's/.*real ([0-9.]+).*/TIME \\1/'"))
      report("sqlite3 group by", m, reg_p[n .. ":1"])
    end
    if n == N_REG and p and p.med then
      local met = nil
      if dd and dd.med then met = p.med <= dd.med end
      check("register group-by (10,000,000) vs DuckDB, 2 threads", met,
        dd and dd.med and string.format("%.3f s vs %.3f s", p.med, dd.med) or string.format("%.3f s; DuckDB did not run", p.med))
      print(string.format("  peak memory (load + estimate): %.0f MB = %.2fx the raw numeric size %.0f MB",
        p.rss or 0, (p.rss or 0) / (n * 4 * 8 / 2^20), n * 4 * 8 / 2^20))
    end
  end
  local a, b = reg_p[N_REG1 .. ":1"], reg_p[N_REG .. ":1"]
  if a and b and a.med and b.med then
    print(string.format("  scaling %d -> %d rows, one thread: %.1fx the time for %dx the rows", N_REG1, N_REG, b.med / a.med, N_REG // N_REG1))
    check("register estimate scales linearly 1e6 -> 1e7 (one thread)", b.med / a.med <= 10 * 1.15,
      string.format("%.1fx the time for 10x the rows", b.med / a.med))
  end
end

-- 5. start-up and demo ----------------------------------------------------------------------------
if section("start") then
  print("\n5. shell start: `passend -e ''` next to `lua5.4 -e ''` (wall clock)")
  local st
  if (sh("command -v hyperfine")):match("hyperfine") then
    local json = os.tmpname()
    sh("hyperfine -N --warmup 5 --runs 100 --export-json " .. q(json) .. " " .. q(bin .. " -e ''") .. " " .. q("lua5.4 -e ''"))
    local f = io.open(json)
    local text = f and f:read("a") or ""
    if f then f:close() end
    os.remove(json)
    local res = {}
    for block in text:gmatch('"command":(.-)"exit_codes"') do
      local function num(k) return tonumber(block:match('"' .. k .. '":%s*([%d%.e%-]+)')) end
      res[#res + 1] = { cmd = block:match('^%s*"(.-)"'), mean = num("mean"), sd = num("stddev"), med = num("median"),
        min = num("min"), max = num("max"), user = num("user"), system = num("system") }
    end
    for _, r in ipairs(res) do
      print(string.format("  %-22s median %5.1f ms (%.1f-%.1f), mean %5.1f ms +- %.1f; CPU %.1f ms user + %.1f ms system  (hyperfine, 100 runs)",
        r.cmd, r.med * 1000, r.min * 1000, r.max * 1000, r.mean * 1000, r.sd * 1000, r.user * 1000, r.system * 1000))
    end
    st = res[1] and res[1].med * 1000
  else
    local runs = 50
    local m = run_once("sh -c " .. q("for i in $(seq " .. runs .. "); do " .. bin .. " -e '' ; done"))
    local l = run_once("sh -c " .. q("for i in $(seq " .. runs .. "); do lua5.4 -e '' ; done"))
    print(string.format("  passend -e ''  mean of %d: %5.1f ms; lua5.4 -e '': %5.1f ms (a sh loop; install hyperfine for medians)",
      runs, m.wall / runs * 1000, l.wall / runs * 1000))
    st = m.wall / runs * 1000
  end
  if st then check("start <= 12 ms", st <= 12, string.format("%.1f ms median", st)) end
  local prof = sh("PASSEND_PROFILE_START=1 " .. q(bin) .. " -e ''")
  local steps = {}
  for name, ms in prof:gmatch("([^\n]-)%s+([%d%.]+) ms CPU") do
    steps[#steps + 1] = string.format("%s %s", name:gsub("%s+$", ""), ms)
  end
  print("  where one start's CPU goes (PASSEND_PROFILE_START, ms): " .. table.concat(steps, "; "))
  local demo = measure("make -s demo >/dev/null", 1)
  report("make demo (end to end)", demo)
end

print("\nload average at the end " .. sh("cat /proc/loadavg"):match("^(%S+ %S+ %S+)"))
if #summary > 0 then
  print("\nsummary (issue 20's targets)")
  for _, s in ipairs(summary) do print(s) end
end
