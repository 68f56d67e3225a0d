// analyze() (every METHODS §3-8 analysis) and buildReport() on a synthetic 1,048,576-row PipelineData built
// directly from typed arrays, against a single pass over the same columns that only folds each value into
// a number (the floor any analysis pays). Run `npm run build:node` first; bench/run.js does.
"use strict";
const path = require("path");

const ROWS = 1048576;

/** Deterministic pseudo-random numbers (the sample workbook's seeded mulberry32), so every run is the same. */
const { mulberry32: rng } = require(path.join(__dirname, "../dist/node/cli/sample.js"));

const labels = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
const column = (codes, names) => ({ codes, labels: names });

/** A two-year pipeline: 60 reps, 20,000 accounts, 25 partners, 8 products, loss reasons naming competitors. */
function syntheticData(n) {
  const rand = rng(7);
  const outcome = new Uint8Array(n);
  const stage = new Int32Array(n);
  const amount = new Float64Array(n);
  const created = new Float64Array(n);
  const closed = new Float64Array(n);
  const owner = new Int32Array(n);
  const account = new Int32Array(n);
  const sourceKind = new Int8Array(n);
  const channel = new Int32Array(n);
  const partner = new Int32Array(n);
  const product = new Int32Array(n);
  const lossReason = new Int32Array(n);
  const competitor = new Int32Array(n);
  const sourceRow = new Int32Array(n);
  const id = new Int32Array(n);
  const productPrice = [50, 500, 1100, 3400, 4800, 5500, 26000, 900];
  for (let i = 0; i < n; i++) {
    sourceRow[i] = i + 2;
    id[i] = i;
    const u = rand();
    const o = u < 0.42 ? 1 : u < 0.75 ? 2 : 0;
    outcome[i] = o;
    const p = Math.floor(rand() * 8);
    product[i] = p;
    created[i] = 42736 + Math.floor(rand() * 700);
    if (o === 0) {
      stage[i] = Math.floor(rand() * 3);
      closed[i] = NaN;
      amount[i] = rand() < 0.5 ? NaN : productPrice[p];
    } else {
      stage[i] = o === 1 ? 3 : 4;
      closed[i] = Math.min(43465, created[i] + 5 + Math.floor(rand() * 120));
      amount[i] = o === 1 ? productPrice[p] * (0.8 + 0.4 * rand()) : 0;
    }
    owner[i] = Math.floor(rand() * 60);
    account[i] = Math.floor(rand() * 20000);
    const s = Math.floor(rand() * 4);
    sourceKind[i] = s;
    channel[i] = s * 2 + (rand() < 0.5 ? 0 : 1);
    partner[i] = s === 2 ? Math.floor(rand() * 25) : -1;
    lossReason[i] = o === 2 ? Math.floor(rand() * 5) : -1;
    competitor[i] = o === 2 && rand() < 0.3 ? Math.floor(rand() * 4) : -1;
  }
  const empty = () => column(new Int32Array(n).fill(-1), []);
  const deals = {
    count: n,
    sheet: "Deals",
    sourceRow,
    id: column(id, []),
    outcome,
    stage: column(stage, ["Prospecting", "Qualification", "Proposal", "Won", "Lost"]),
    amount,
    created,
    closed,
    owner: column(owner, labels("Rep", 60)),
    account: column(account, labels("Account", 20000)),
    sourceKind,
    channel: column(channel, ["Paid Search", "Webinar", "Outbound", "Event", "Partner Referral", "Reseller", "Other", "Unknown"]),
    partner: column(partner, labels("Partner", 25)),
    product: column(product, labels("Product", 8)),
    segment: empty(),
    price: new Float64Array(n).fill(NaN),
    complexity: new Float64Array(n).fill(NaN),
    complexityLabel: empty(),
    lossReason: column(lossReason, ["Price", "No budget", "Lost to competitor", "Missing feature", "No decision"]),
    competitor: column(competitor, ["Acme", "Globex", "Initech", "Umbrella"]),
    leadIndex: new Int32Array(n).fill(-1),
  };
  const quarters = ["2017-Q1", "2017-Q2", "2017-Q3", "2017-Q4", "2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"];
  return {
    deals,
    inputs: {
      periods: quarters.map((q, k) => ({ period: q, marketingSpend: 4e7 + 3e6 * k, salesSpend: 6e7 + 5e6 * k, reps: 60 })),
      repCostPerYear: 180000,
      dealsPerRep: 400,
      grossMargin: 0.62,
      revenuePerCustomerMonth: 2500,
      churnMonth: 0.02,
      compassRatings: [4, 3, 4, 3, 4, 4, 3],
      thresholds: {},
    },
    mapping: [],
    dateFormats: [],
    stageOrder: ["Prospecting", "Qualification", "Proposal"],
    diagnostics: [],
    rows: { read: n, used: n, skipped: 0 },
  };
}

/** The floor: one pass over the same columns, folding every value into a number (no grouping, no output). */
function floorPass(d) {
  let h = 0;
  let s = 0;
  for (let i = 0; i < d.count; i++) {
    h = (h + d.outcome[i] + d.stage.codes[i] + d.owner.codes[i] + d.account.codes[i] + d.sourceKind[i] + d.partner.codes[i] + d.product.codes[i] + d.lossReason.codes[i] + d.competitor.codes[i]) | 0;
    const a = d.amount[i];
    const c = d.closed[i] - d.created[i];
    if (a === a) s += a;
    if (c === c) s += c;
  }
  return h + s;
}

/** Wall and CPU milliseconds (CPU time is steadier when other processes share the two cores). */
function time(fn, runs) {
  const ms = [];
  const cpu = [];
  let out;
  for (let k = 0; k < runs; k++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    out = fn();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.push(process.cpuUsage(c0).user / 1000);
  }
  ms.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(runs / 2);
  return { median: ms[mid], min: ms[0], cpu: cpu[mid], out };
}

async function run() {
  const dist = path.join(__dirname, "../dist/node");
  const { analyze } = require(path.join(dist, "engine/analyze.js"));
  const { buildReport } = require(path.join(dist, "report/build.js"));
  const data = syntheticData(ROWS);
  // one warm-up each so the JIT has compiled the hot loops before we time them
  floorPass(data.deals);
  analyze(data);
  const floor = time(() => floorPass(data.deals), 5);
  const analysis = time(() => analyze(data), 5);
  const report = time(() => buildReport(analysis.out, data), 3);
  const a = analysis.out;
  return {
    rows: ROWS,
    floorSinglePassMs: round(floor.median),
    floorSinglePassCpuMs: round(floor.cpu),
    analyzeMs: round(analysis.median),
    analyzeMinMs: round(analysis.min),
    analyzeCpuMs: round(analysis.cpu),
    buildReportMs: round(report.median),
    ratioToFloor: round(analysis.median / floor.median),
    ratioToFloorCpu: round(analysis.cpu / floor.cpu),
    targetRatio: 5,
    periods: a.period.labels.length,
    timeBombs: Object.fromEntries(a.timeBombs.map((b) => [b.id, b.status])),
  };
}

function round(x) {
  return Math.round(x * 100) / 100;
}

module.exports = { run, syntheticData };

if (require.main === module) run().then((r) => console.log(JSON.stringify(r, null, 2)));
