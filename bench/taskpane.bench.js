// Task pane adapter: read + analyse + write 100,000 pipeline rows through the Office.js adapter against the
// host double (test/support/excel-double.js). Reports syncs, time, and the share of time in our code vs in
// the double (the double's time is what it spends executing the queued commands inside context.sync()).
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "dist", "taskpane-node");

function newest(dir) {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return n;
}

/** Compile the adapter (and the pipeline, engine and report it uses) for Node when stale. */
function ensureCompiled() {
  const main = path.join(OUT, "taskpane", "run.js");
  if (fs.existsSync(main) && fs.statSync(main).mtimeMs >= newest(path.join(ROOT, "src"))) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.taskpane-node.json"], { cwd: ROOT, stdio: "pipe" });
}

/** A deterministic CRM-like export: ids, reps, products, accounts, stages, Excel-serial dates, amounts. */
function pipelineSheet(n) {
  const rows = [["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"]];
  const stages = ["Won", "Won", "Lost", "Lost", "Engaging", "Prospecting"];
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const stage = stages[Math.floor(rnd() * stages.length)];
    const created = 42370 + Math.floor(rnd() * 700);
    const closed = stage === "Won" || stage === "Lost" ? created + 5 + Math.floor(rnd() * 120) : "";
    rows.push([`OPP${String(i).padStart(8, "0")}`, `Rep ${Math.floor(rnd() * 40)}`, `Product ${Math.floor(rnd() * 7)}`, `Account ${Math.floor(rnd() * 900)}`, stage, created, closed, stage === "Won" ? Math.round(500 + rnd() * 9500) : stage === "Lost" ? "" : Math.round(500 + rnd() * 9500)]);
  }
  return rows;
}

async function once(rowsCount) {
  const double = require(path.join(ROOT, "test", "support", "excel-double.js"));
  const { runAnalysis } = require(path.join(OUT, "taskpane", "run.js"));
  const { listSources } = require(path.join(OUT, "taskpane", "excel", "sources.js"));
  const { inspectSheet } = require(path.join(OUT, "pipeline", "index.js"));
  const d = double.createHost({ sheets: [{ name: "Pipeline", values: pipelineSheet(rowsCount) }] });
  const host = { run: (b) => d.Excel.run(b), settings: () => d.settings };
  const sources = await listSources(host, inspectSheet);
  d.resetStats();
  const t0 = performance.now();
  const outcome = await runAnalysis(host, { source: sources[0], map: {} });
  const total = performance.now() - t0;
  const s = d.workbook.stats;
  return {
    rows: rowsCount,
    syncs: { total: s.syncs, read: s.syncs - outcome.write.syncs, write: outcome.write.syncs },
    ms: { total: Math.round(total), read: Math.round(outcome.timings.read), analyse: Math.round(outcome.timings.analyse), write: Math.round(outcome.timings.write) },
    hostDoubleMs: Math.round(s.ms),
    oursMs: Math.round(total - s.ms),
    oursShare: Number(((total - s.ms) / total).toFixed(3)),
    largestRequestBytes: Math.max(...s.requestBytes),
    largestResponseBytes: Math.max(...s.responseBytes),
    refusedTransfers: s.refused,
    sheetsWritten: Object.keys(outcome.write.names).length,
  };
}

async function run() {
  ensureCompiled();
  const small = await once(10);
  const big = await once(100000);
  return { rows100k: big, rows10: { syncs: small.syncs, ms: small.ms.total } };
}

module.exports = { run };
if (require.main === module) run().then((r) => console.log(JSON.stringify(r, null, 2)));
