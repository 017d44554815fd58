// bench/peers/duckdb.js OP FILE THREADS: a peer of `make bench` (@duckdb/node-api, an
// in-memory database with THREADS threads). OP load: time CREATE TABLE AS read_csv(FILE).
// OP groupby: load the register, then time the mean of referred per swv x year.
// Prints "TIME <seconds>".
const { DuckDBInstance } = require("@duckdb/node-api");
const [op, file, threads] = process.argv.slice(2);
const now = () => Number(process.hrtime.bigint()) / 1e9;
(async () => {
  const db = await DuckDBInstance.create(":memory:", { threads: String(threads || 2) });
  const con = await db.connect();
  const path = file.replace(/'/g, "''");
  let t0 = now();
  await con.run(`CREATE TABLE t AS SELECT * FROM read_csv('${path}')`);
  if (op === "load") {
    console.log(`TIME ${now() - t0}`);
  } else if (op === "groupby") {
    t0 = now();
    const r = await con.runAndReadAll("SELECT swv, year, avg(referred) FROM t GROUP BY swv, year");
    console.log(`TIME ${now() - t0}`);
    console.log(`ROWS ${r.getRows().length}`);
  } else {
    throw new Error("unknown op " + op);
  }
  const n = await con.runAndReadAll("SELECT count(*) FROM t");
  console.log(`ROWS ${n.getRows()[0][0]}`);
})().catch((e) => { console.error(e); process.exit(1); });
