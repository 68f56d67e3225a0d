// readPipeline on a full Excel sheet (1,048,576 rows = header + 1,048,575 deals, 9 columns), against a
// single pass over the same cells that only touches each value (the floor any reader pays).
// Run `npm run build:node` first; bench/run.js does.
"use strict";
const path = require("path");
const { throughJson } = require("./office-values");

const ROWS = 1048576;
const STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];
const SOURCES = ["Paid Search", "Organic Search", "Outbound", "Partner Referral", "Webinar", "Email", "Event", "Reseller"];
const PRODUCTS = ["Basic", "Pro", "Plus", "Enterprise", "Add-on", "Services", "Support"];

/** Deterministic pseudo-random numbers (the sample workbook's seeded mulberry32), so every run is the same. */
const { mulberry32: rng } = require(path.join(__dirname, "../dist/node/cli/sample.js"));

/**
 * Cells as the faces give them: numbers, serial dates, text. With `viaJson`, the grid goes through JSON
 * as Office.js `range.values` does (every text cell a string of its own, short ones interned by V8);
 * without, repeated labels share one string, as an xlsx reader's shared-strings table gives them.
 */
function syntheticGrid(rows, viaJson = true) {
  const copy = (s) => s;
  const rand = rng(42);
  const owners = Array.from({ length: 60 }, (_, i) => `Rep ${i + 1}`);
  const accounts = Array.from({ length: 20000 }, (_, i) => `Account ${i + 1}`);
  const values = new Array(rows);
  values[0] = ["Deal ID", "Stage", "Amount", "Created Date", "Close Date", "Owner", "Account", "Lead Source", "Product"];
  for (let r = 1; r < rows; r++) {
    const stage = STAGES[Math.floor(rand() * STAGES.length)];
    const created = 42370 + Math.floor(rand() * 1460);
    const closedFlag = stage === "Closed Won" || stage === "Closed Lost";
    values[r] = [
      "OPP-" + (1000000 + r),
      copy(stage),
      Math.round(rand() * 50000 * 100) / 100,
      created,
      closedFlag ? created + 1 + Math.floor(rand() * 180) : "",
      copy(owners[Math.floor(rand() * owners.length)]),
      copy(accounts[Math.floor(rand() * accounts.length)]),
      copy(SOURCES[Math.floor(rand() * SOURCES.length)]),
      copy(PRODUCTS[Math.floor(rand() * PRODUCTS.length)]),
    ];
  }
  if (viaJson) throughJson(values);
  return { name: "Deals", values };
}

/** The floor: one pass reading every cell once and folding it into a number (no parsing, no storage). */
function floorPass(values) {
  let h = 0;
  for (let r = 1; r < values.length; r++) {
    const row = values[r];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      h = (h + (typeof v === "number" ? v : v.length)) | 0;
    }
  }
  return h;
}

/** Wall time and this process's CPU time (the machine may be shared: CPU time is the steadier one). */
function time(fn) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const out = fn();
  const c = process.cpuUsage(c0);
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, cpuMs: (c.user + c.system) / 1000, out };
}

/** The worst case: every text cell a substring of a longer string, as a CSV parser may give them. */
function measureCsvLike(readPipeline) {
  return measure(readPipeline, false, (grid) => {
    for (let r = 1; r < grid.values.length; r++) {
      const row = grid.values[r];
      for (let c = 0; c < row.length; c++) if (typeof row[c] === "string" && row[c] !== "") row[c] = (" " + row[c]).slice(1);
    }
    return grid;
  });
}

function measure(readPipeline, viaJson, transform = (g) => g) {
  const t0 = time(() => transform(syntheticGrid(ROWS, viaJson)));
  const grid = t0.out;
  // One warm-up on a slice so the timed runs measure steady code, not compilation.
  readPipeline({ name: "Warm", values: grid.values.slice(0, 20000) });
  floorPass(grid.values.slice(0, 20000));
  const runs = [];
  const cpu = [];
  let data;
  for (let i = 0; i < 3; i++) {
    data = undefined; // let the previous result go before the next run
    const t = time(() => readPipeline(grid));
    data = t.out;
    runs.push(t.ms);
    cpu.push(t.cpuMs);
  }
  const floors = [];
  for (let i = 0; i < 3; i++) floors.push(time(() => floorPass(grid.values)).ms);
  const best = Math.min(...runs);
  const floor = Math.min(...floors);
  return {
    readPipelineMs: Math.round(best),
    runsMs: runs.map(Math.round),
    cpuMs: Math.round(Math.min(...cpu)),
    rowsPerSecond: Math.round(((ROWS - 1) / best) * 1000),
    floorMs: Math.round(floor * 10) / 10,
    ratioToFloor: Math.round((best / floor) * 10) / 10,
    dealsRead: data.deals.count,
    diagnostics: data.diagnostics.length,
    gridBuildMs: Math.round(t0.ms),
  };
}

async function run() {
  const { readPipeline } = require(path.join(__dirname, "../dist/node/pipeline/index.js"));
  const fresh = measure(readPipeline, true);
  const shared = measure(readPipeline, false);
  const csvLike = measureCsvLike(readPipeline);
  return {
    rows: ROWS,
    columns: 9,
    distinctIds: ROWS - 1,
    // Headline: cells as Office.js gives them (through JSON).
    readPipelineMs: fresh.readPipelineMs,
    rowsPerSecond: fresh.rowsPerSecond,
    floorMs: fresh.floorMs,
    ratioToFloor: fresh.ratioToFloor,
    officeJsLike: fresh,
    sharedStrings: shared,
    substringsLikeCsv: csvLike,
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576),
  };
}

module.exports = { run, syntheticGrid };

if (require.main === module) run().then((r) => console.log(JSON.stringify(r, null, 2)));
