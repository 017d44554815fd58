// bench/peers/polars.js OP FILE: a peer of `make bench` (nodejs-polars; threads from the
// POLARS_MAX_THREADS environment variable). OP load: time pl.readCSV(FILE). OP groupby: read
// the register, then time the mean of referred per swv x year. Prints "TIME <seconds>".
const pl = require("nodejs-polars");
const [op, file] = process.argv.slice(2);
const now = () => Number(process.hrtime.bigint()) / 1e9;
let t0 = now();
const df = pl.readCSV(file);
if (op === "load") {
  console.log(`TIME ${now() - t0}`);
  console.log(`ROWS ${df.height} COLS ${df.width}`);
} else if (op === "groupby") {
  t0 = now();
  const r = df.groupBy(["swv", "year"]).agg(pl.col("referred").mean());
  console.log(`TIME ${now() - t0}`);
  console.log(`ROWS ${r.height}`);
} else {
  throw new Error("unknown op " + op);
}
