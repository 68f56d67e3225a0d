// Stage history at scale: a table of 5,000,000 stage changes (an OpportunityHistory export: OpportunityId,
// CreatedDate, StageName, Amount, CloseDate) for 1,000,000 deals, read into the model's history table and
// joined to the deals, then analysed (the stage-to-stage funnel, the waterfall, slippage and velocity).
// Measured twice on the same rows: in date order (a query of the history table: each deal's changes
// scattered, the hard case) and grouped by deal (a CRM report grouped by opportunity). Target (issue 12):
// read + analysed <= 3 s.
// Run `npm run build:node` first; bench/run.js does.
"use strict";
const path = require("path");
const { throughJson } = require("./office-values");

const DEALS = 1000000;
const CHANGES = 5000000;
const RUNS = 3;
const TARGET_MS = 3000;

const dist = path.join(__dirname, "../dist/node");
const { mulberry32 } = require(path.join(dist, "cli/sample.js"));

const OPEN = ["Prospecting", "Qualification", "Proposal", "Negotiation"];
const BASE = 44927; // 2023-01-01

/**
 * Deals (id, final stage, amount, created, close date, owner) and their changes: deal i has 3 + i % 5
 * changes (5 on average): entering Prospecting, then stage moves (some back), amount changes and close-date
 * slips, and for most a last change to Closed Won or Closed Lost. History rows are put in date order.
 */
function grids(deals) {
  const rand = mulberry32(20261212);
  const owners = Array.from({ length: 60 }, (_, i) => `Rep ${String(i + 1).padStart(2, "0")}`);
  const dealRows = new Array(deals + 1);
  dealRows[0] = ["Opportunity ID", "Stage", "Amount", "Created Date", "Close Date", "Opportunity Owner"];
  const changes = [];
  const dayOf = [];
  for (let i = 0; i < deals; i++) {
    const id = "006" + (5000000 + i).toString(36).toUpperCase().padStart(12, "0");
    let day = BASE + Math.floor(rand() * 730);
    const created = day;
    let amount = Math.round((500 + rand() * 49500) * 100) / 100;
    let close = day + 30 + Math.floor(rand() * 90);
    let stage = 0;
    let final = OPEN[0];
    let closedAt = "";
    const k = 3 + (i % 5);
    for (let j = 0; j < k; j++) {
      if (j > 0) {
        day += 1 + Math.floor(rand() * 30);
        const u = rand();
        if (j === k - 1 && u < 0.75) {
          final = u < 0.4 ? "Closed Won" : "Closed Lost";
          closedAt = day;
          close = day;
        } else if (u < 0.2) close += 7 + Math.floor(rand() * 60);
        else if (u < 0.35) amount = Math.round(amount * (0.7 + rand() * 0.6) * 100) / 100;
        else {
          stage = rand() < 0.15 && stage > 0 ? stage - 1 : Math.min(OPEN.length - 1, stage + 1);
          final = OPEN[stage];
        }
      }
      changes.push([id, day, final, amount, close]);
      dayOf.push(day - BASE);
    }
    dealRows[i + 1] = [id, final, amount, created, closedAt, owners[Math.floor(rand() * rand() * owners.length)]];
  }
  // date order, as a query of the history table by CreatedDate returns it (a counting sort by day)
  const maxDay = Math.max(...dayOf.slice(0, 1000), 0) + 2000;
  const count = new Int32Array(maxDay + 1);
  for (const d of dayOf) count[d + 1]++;
  for (let d = 0; d < maxDay; d++) count[d + 1] += count[d];
  const history = new Array(changes.length + 1);
  history[0] = ["OpportunityId", "CreatedDate", "StageName", "Amount", "CloseDate"];
  for (let r = 0; r < changes.length; r++) history[1 + count[dayOf[r]]++] = changes[r];
  // the same changes grouped by deal (generated so), each row a fresh object in that order as a reader makes it
  const byDeal = [history[0], ...changes];
  throughJson(dealRows);
  throughJson(history);
  throughJson(byDeal);
  return {
    deals: { name: "Opportunities", values: dealRows },
    history: { name: "OpportunityHistory", values: history },
    historyByDeal: { name: "OpportunityHistory", values: byDeal },
  };
}

// garbage-collection pauses, as V8 reports them (Node delivers them from a timer: after one, not one setImmediate)
const { PerformanceObserver } = require("perf_hooks");
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ["gc"] });
const timerTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

async function once(fn) {
  await timerTurn();
  const g0 = gcMs;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const out = fn();
  const c = process.cpuUsage(c0);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  await timerTurn();
  return { ms, cpuMs: (c.user + c.system) / 1000, gcMs: gcMs - g0, out };
}

const r1 = (x) => Math.round(x * 10) / 10;
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = (runs) => {
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { bestMs: r1(best.ms), medianMs: r1(median(runs.map((x) => x.ms))), bestCpuMs: r1(Math.min(...runs.map((x) => x.cpuMs))), gcMsInBest: r1(best.gcMs), bestMinusGcMs: r1(best.ms - best.gcMs) };
};

async function run() {
  const { readPipeline } = require(path.join(dist, "pipeline/index.js"));
  const { readHistoryTable } = require(path.join(dist, "pipeline/history-table.js"));
  const { finishHistory } = require(path.join(dist, "pipeline/history.js"));
  const { buildContext } = require(path.join(dist, "engine/context.js"));
  const { analyzeHistory } = require(path.join(dist, "engine/history.js"));
  const { analyzeVelocity } = require(path.join(dist, "engine/velocity.js"));
  const { analyze } = require(path.join(dist, "engine/analyze.js"));
  const { resolveThresholds } = require(path.join(dist, "model/thresholds.js"));
  const load = require("os").loadavg();
  const build = await once(() => grids(DEALS));
  const { deals: dealsGrid, history: historyGrid, historyByDeal } = build.out;
  const base = readPipeline(dealsGrid);
  const t = resolveThresholds();

  const readHistory = (grid, data) => {
    const r = readHistoryTable(grid, data.deals, [], []);
    return finishHistory(r.parts, data.deals, {});
  };
  const analyseHistory = (data) => {
    const ctx = buildContext(data, t);
    return { history: analyzeHistory(ctx), velocity: analyzeVelocity(ctx) };
  };

  // warm up on a slice so the timed runs measure compiled code
  const warmDeals = { name: "w", values: dealsGrid.values.slice(0, 20001) };
  const warmBase = readPipeline(warmDeals);
  const warmHistory = { name: "wh", values: historyGrid.values.slice(0, 200001) };
  for (let i = 0; i < 2; i++) analyseHistory({ ...warmBase, history: readHistory(warmHistory, warmBase) });

  const measure = async (grid) => {
    const reads = [];
    const analyses = [];
    const totals = [];
    let history;
    let result;
    for (let k = 0; k < RUNS; k++) {
      history = result = undefined;
      const r = await once(() => readHistory(grid, base));
      history = r.out;
      const a = await once(() => analyseHistory({ ...base, history }));
      result = a.out;
      reads.push(r);
      analyses.push(a);
      totals.push({ ms: r.ms + a.ms, cpuMs: r.cpuMs + a.cpuMs, gcMs: r.gcMs + a.gcMs });
    }
    return { history, result, total: summary(totals), readHistory: summary(reads), analyseHistory: summary(analyses) };
  };
  const grouped = await measure(historyByDeal);
  const dated = await measure(historyGrid);
  const { history, result, total } = dated;
  const whole = await once(() => analyze({ ...base, history }));
  const s = result.history.stages;
  const w = result.history.waterfall;
  return {
    deals: base.deals.count,
    changes: historyGrid.values.length - 1,
    entries: history.count,
    runs: RUNS,
    loadAverageAtStart: load.map(r1),
    gridBuildMs: Math.round(build.ms),
    targetMs: TARGET_MS,
    totalMs: total.bestMs,
    totalMedianMs: total.medianMs,
    totalGcMs: total.gcMsInBest,
    meetsTarget: total.bestMs <= TARGET_MS,
    readHistory: dated.readHistory,
    analyseHistory: dated.analyseHistory,
    groupedByDeal: {
      totalMs: grouped.total.bestMs,
      totalMedianMs: grouped.total.medianMs,
      totalGcMs: grouped.total.gcMsInBest,
      meetsTarget: grouped.total.bestMs <= TARGET_MS,
      readHistory: grouped.readHistory,
      analyseHistory: grouped.analyseHistory,
      sameStages: JSON.stringify(grouped.result.history.stages.rows.map((x) => [x.entered, x.advanced, x.lost, x.movedBack, x.open])) === JSON.stringify(result.history.stages.rows.map((x) => [x.entered, x.advanced, x.lost, x.movedBack, x.open])),
    },
    wholeAnalyzeWithHistoryMs: r1(whole.ms),
    check: {
      stages: s.rows.map((x) => [x.stage, x.entered, x.advanced, x.lost, x.movedBack, x.open]),
      balanced: s.rows.every((x) => x.entered === x.advanced + x.lost + x.movedBack + x.open),
      waterfallPeriods: w.periods.length,
      waterfallBalanced: w.periods.every((p) => Math.round(p.start * 100) + Math.round(p.created * 100) + Math.round(p.pulledIn * 100) + Math.round(p.increased * 100) - Math.round(p.decreased * 100) - Math.round(p.pushedOut * 100) - Math.round(p.won * 100) - Math.round(p.lost * 100) === Math.round(p.end * 100)),
      slips: result.history.slippage.total.slips,
      velocityPeriods: result.velocity.periods.length,
    },
    heapUsedMB: Math.round(process.memoryUsage().heapUsed / 1048576),
  };
}

module.exports = { run, grids };

if (require.main === module) run().then((r) => console.log(JSON.stringify(r, null, 2)));
