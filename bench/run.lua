-- bench/run.lua: `make bench`. Times passend side by side with its peers on the same
-- generated data, in one run, and prints each figure with the ratio:
--   1. CSV load: passend read() vs sqlite3 '.import' vs R data.table::fread
--   2. 30 scale scores + estimate() by actor x onderwijstype with clusters and strata vs
--      R survey::svyby (numbers checked equal), and passend alone on 1,000,000 respondents
--   3. referral share per samenwerkingsverband x year on a 10,000,000-row register vs sqlite3
--   4. shell start and `make demo` end to end
-- Peak memory (max RSS) of each process is printed next to its time. Timings are taken
-- inside each process where it can report them (load/compute only), and for the whole
-- process by /usr/bin/time.
--
-- Each figure is the best of BENCH_REPS runs (default 3; R survey's one minute runs once).
-- Environment: BENCH_DIR (data, default build/bench), BENCH_QUICK=1 (smaller data), BENCH_REPS.

local bin = arg and arg[-1] or "build/passend"
if not bin:match("passend") then bin = "build/passend" end
local dir = os.getenv("BENCH_DIR") or "build/bench"
local quick = os.getenv("BENCH_QUICK") == "1"
local N_SMALL, N_BIG, N_REG = 200000, 1000000, 10000000
if quick then N_SMALL, N_BIG, N_REG = 20000, 100000, 1000000 end

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

-- Runs cmd under /usr/bin/time; returns {wall, rss_mb, inner, out}. The command may print
-- "TIME <seconds>" for the part it times itself.
local function measure_once(cmd)
  local tf = os.tmpname()
  local out, ok = sh("/usr/bin/time -f '%e %M' -o " .. q(tf) .. " " .. cmd)
  local f = io.open(tf)
  local wall, rss = f:read("n", "n")
  f:close()
  os.remove(tf)
  local inner = out:match("TIME ([%d%.e%-]+)")
  return { wall = wall, rss = rss and rss / 1024, inner = tonumber(inner), out = out, ok = ok }
end

-- The best of REPS runs (by the timed step, else the whole process): page faults, huge-page
-- compaction and other work on a shared machine add noise to single runs. Every tool that
-- takes seconds or less gets the same number of runs; R survey (a minute) runs once.
local REPS = tonumber(os.getenv("BENCH_REPS") or "3")
local function measure(cmd, reps)
  local best
  for _ = 1, reps or REPS do
    local m = measure_once(cmd)
    local t, bt = m.inner or m.wall, best and (best.inner or best.wall)
    if not best or (m.ok and t and (not bt or t < bt)) then best = m end
  end
  return best
end

local function fmt_s(x) return x and string.format("%8.3f s", x) or "       n/a" end
local function fmt_mb(x) return x and string.format("%7.0f MB", x) or "      n/a" end

local rows = {}
local function report(section, name, m, peer)
  local t = m.inner or m.wall
  local ratio = ""
  if peer and (peer.inner or peer.wall) and t and t > 0 then
    ratio = string.format("  passend is %.1fx faster", (peer.inner or peer.wall) / t)
  end
  local line = string.format("  %-34s %s (process %s) %s%s", name, fmt_s(m.inner), fmt_s(m.wall),
    fmt_mb(m.rss), ratio)
  print(line)
  rows[#rows + 1] = { section = section, name = name, m = m }
  if not m.ok then print("    (command failed)\n" .. m.out:gsub("\n", "\n    ")) end
end

local function passend_has(fn)
  local out = sh(q(bin) .. " -e " .. q("io.write(type(" .. fn .. "))"))
  return out == "function"
end

-- data ---------------------------------------------------------------------------------
os.execute("mkdir -p " .. q(dir))
local gen_s, gen_r = dir .. "/gen_survey", dir .. "/gen_register"
assert(os.execute("cc -O2 -o " .. q(gen_s) .. " bench/gen_survey.c && cc -O2 -o " .. q(gen_r) .. " bench/gen_register.c"))
local small, big, reg = dir .. "/survey_" .. N_SMALL .. ".csv", dir .. "/survey_" .. N_BIG .. ".csv",
  dir .. "/register_" .. N_REG .. ".csv"
for _, g in ipairs { { gen_s, N_SMALL, small }, { gen_s, N_BIG, big }, { gen_r, N_REG, reg } } do
  if not exists(g[3]) then assert(os.execute(q(g[1]) .. " " .. g[2] .. " " .. q(g[3]))) end
end

print(string.format("passend benchmark (%s); best of %d runs; machine: %s cores, %s", sh(q(bin) .. " --version"):gsub("\n", ""), REPS,
  sh("nproc"):gsub("\n", ""), sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"):gsub("^%s+", ""):gsub("\n", "")))

-- 1. CSV load ---------------------------------------------------------------------------
if not passend_has("read") then
  print("\nread() is not in this build: nothing to compare yet")
  os.exit(0)
end
print("\n1. CSV load (" .. N_BIG .. " rows x 66 columns)")
local raw_mb = N_BIG * 66 * 8 / 2^20
local p_load = measure(q(bin) .. " -e " .. q("local t = passend.clock(); local d = read('" .. big .. "'); io.write('TIME ', passend.clock() - t, '\\n')"))
local s_load = measure("sqlite3 :memory: -cmd '.mode csv' " .. q(".import " .. big .. " t") .. " 'select 1' >/dev/null; true")
local r_load = measure("Rscript -e " .. q("suppressMessages(library(data.table)); t0 <- Sys.time(); d <- fread('" .. big ..
  "'); cat('TIME', as.numeric(Sys.time() - t0, units = 'secs'), '\\n')"))
local p_load1 = measure(q(bin) .. " -e " .. q("local t = passend.clock(); local d = read('" .. big .. "', { threads = 1 }); io.write('TIME ', passend.clock() - t, '\\n')"))
report("load", "passend read()", p_load)
report("load", "  the same on one thread", p_load1)
report("load", "sqlite3 .import", s_load)
report("load", "R data.table::fread", r_load)
print(string.format("  ratios: passend vs sqlite3 %.1fx faster (target >= 5x); vs fread %.2fx (target >= 1x)",
  (s_load.wall) / (p_load.inner or p_load.wall), (r_load.inner or r_load.wall) / (p_load.inner or p_load.wall)))
print(string.format("  peak memory: passend %.0f MB = %.2fx the raw numeric size %.0f MB (target <= 1.5x)",
  p_load.rss or 0, (p_load.rss or 0) / raw_mb, raw_mb))

-- 2. scale scores + estimates -------------------------------------------------------------
print("\n2. 30 scale scores + estimate by actor x onderwijstype, clusters and strata")
if not (passend_has("scores") and passend_has("estimate")) then
  print("  skipped: data.scores()/estimate() are not in this build")
else
  local out_p, out_r = dir .. "/est_passend.csv", dir .. "/est_r.csv"
  local function passend_est(file, write, threads)
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
      ]] .. (write and ("r:write('" .. out_p .. "')") or ""))
  end
  local p_est = measure(passend_est(small, true))
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
  report("estimate", "passend scores+estimate", p_est)
  report("estimate", "R survey svyby", r_est, nil)
  print(string.format("  ratio: passend %.0fx faster than R survey (target >= 50x)",
    (r_est.inner or r_est.wall) / (p_est.inner or p_est.wall)))
  -- the same numbers?
  local check = sh(q(bin) .. " -e " .. q([[
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
  print("  agreement with R: " .. check)
  local p_big = measure(passend_est(big, false))
  report("estimate", "passend, " .. N_BIG .. " respondents", p_big)
  local p_big1 = measure(passend_est(big, false, 1))
  report("estimate", "  the same on one thread", p_big1)
end

-- 3. register group-by ----------------------------------------------------------------------
print("\n3. referral share per samenwerkingsverband x year (" .. N_REG .. " rows)")
local db = dir .. "/register.db"
if not exists(db) then
  sh("sqlite3 " .. q(db) .. " -cmd '.mode csv' " .. q(".import " .. reg .. " r"))
end
local s_grp = measure("sh -c " .. q("echo 'select swv, year, avg(referred) from r group by swv, year;' | sqlite3 -cmd '.timer on' " ..
  q(db) .. " | tail -1 | sed -E 's/.*real ([0-9.]+).*/TIME \\1/'"))
local p_grp
if passend_has("estimate") then
  p_grp = measure(q(bin) .. " -e " .. q("local d = read('" .. reg .. "'); local t = passend.clock(); " ..
    "local r = estimate(d, { 'referred' }, { by = { 'swv', 'year' } }); io.write('TIME ', passend.clock() - t, '\\n')"))
  report("register", "passend estimate by swv x year", p_grp)
end
report("register", "sqlite3 group by", s_grp)
if p_grp then
  print(string.format("  ratio: passend %.1fx faster than sqlite3 (target >= 3x)",
    (s_grp.inner or s_grp.wall) / (p_grp.inner or p_grp.wall)))
  local reg_raw = N_REG * 4 * 8 / 2^20
  print(string.format("  peak memory (load + estimate): %.0f MB = %.2fx the raw numeric size %.0f MB (target <= 1.5x)",
    p_grp.rss or 0, (p_grp.rss or 0) / reg_raw, reg_raw))
end

-- 4. start-up and demo ------------------------------------------------------------------------
print("\n4. shell start and make demo")
local runs = 20
local start = measure_once("sh -c " .. q("for i in $(seq " .. runs .. "); do " .. bin .. " -e '' ; done"))
print(string.format("  shell start (mean of %d)            %8.1f ms (target < 20 ms)", runs, start.wall / runs * 1000))
local demo = measure("make -s demo >/dev/null", 1)
report("demo", "make demo (end to end)", demo)
