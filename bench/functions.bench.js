// Speed of the custom functions through the built Node entry (dist/node), the same core Excel calls:
// one FUNNEL_YIELD call spilling 100,000 scenarios against 100,000 separate calls, GTM_COMPASS over
// 100,000 products and CAC_FLAG over 100,000 periods. Medians of several timed runs after a warm-up.
"use strict";
const path = require("path");
const { performance } = require("perf_hooks");

const N = 100000;
const RUNS = 15;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median wall time (ms) of fn over RUNS runs after two warm-up runs; keeps the last result. The previous
 * run's result is let go first, as a recalculation replaces the old spill.
 */
function time(fn) {
  let out;
  for (let i = 0; i < 2; i++) out = fn();
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    out = null;
    const t0 = performance.now();
    out = fn();
    ms.push(performance.now() - t0);
  }
  return { ms: median(ms), min_ms: Math.min(...ms), out };
}

const round = (x, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

async function run() {
  const g = require(path.join(__dirname, "..", "dist", "node", "index.js"));
  // Deterministic inputs: a planner's lead scenarios, four stages with capacity on two of them.
  const volumes = Array.from({ length: N }, (_, i) => [500 + (i % 5000)]);
  const rates = [[0.3, 0.5, 0.4, 0.25]];
  const capacity = [[2000, 600, "", ""]];

  const vec = time(() => g.FUNNEL_YIELD(volumes, rates, capacity, 0.1));
  // 100,000 cells each calling the function, with the arguments Excel hands a call (range parameters
  // arrive as fresh 2-D arrays); they are built before timing, so only the function's own work is timed.
  const calls = volumes.map((row) => [[[row[0]]], [rates[0].slice()], [capacity[0].slice()]]);
  const sep = time(() => {
    const out = new Array(N);
    for (let i = 0; i < N; i++) out[i] = g.FUNNEL_YIELD(calls[i][0], calls[i][1], calls[i][2], 0.1);
    return out;
  });
  // The cheapest possible separate call, for comparison: a plain number and the same rate arrays every time.
  const scalar = time(() => {
    const out = new Array(N);
    for (let i = 0; i < N; i++) out[i] = g.FUNNEL_YIELD(volumes[i][0], rates, capacity, 0.1);
    return out;
  });
  // All paths must agree, or the comparison means nothing.
  for (let i = 0; i < N; i += 997) {
    if (vec.out[i][0] !== sep.out[i] || sep.out[i] !== scalar.out[i]) throw new Error(`vectorised and separate results differ at ${i}`);
  }

  const products = Array.from({ length: N }, (_, i) => Array.from({ length: 7 }, (_, k) => 1 + ((i + k * 3) % 5)));
  const compass = time(() => g.GTM_COMPASS(products));

  const spend = Array.from({ length: N }, (_, i) => [50000 + (i % 1000) * 100]);
  const customers = Array.from({ length: N }, (_, i) => [5 + (i % 20)]);
  const revenue = Array.from({ length: N }, (_, i) => [800 + (i % 400)]);
  const cac = time(() => g.CAC_FLAG(spend, customers, revenue, 0.78, 0.02));

  const targets = Array.from({ length: N }, (_, i) => [1 + (i % 50)]);
  const leads = time(() => g.LEADS_NEEDED(targets, rates, capacity, 0.1));

  const us = (ms) => round((ms * 1000) / N, 4);
  return {
    scenarios: N,
    runs: RUNS,
    node: process.version,
    funnel_yield_vectorised: { ms: round(vec.ms), us_per_scenario: us(vec.ms) },
    funnel_yield_separate_calls: { ms: round(sep.ms), us_per_scenario: us(sep.ms), arguments: "as Excel passes them: fresh 2-D arrays per call" },
    vectorised_speedup_per_scenario: round(sep.ms / vec.ms, 1),
    funnel_yield_separate_scalar_calls: { ms: round(scalar.ms), us_per_scenario: us(scalar.ms), arguments: "Node shortcut: a plain number, shared rate arrays" },
    vectorised_speedup_vs_scalar_calls: round(scalar.ms / vec.ms, 1),
    gtm_compass_products: { ms: round(compass.ms), us_per_product: us(compass.ms) },
    cac_flag_periods: { ms: round(cac.ms), us_per_period: us(cac.ms) },
    leads_needed_targets: { ms: round(leads.ms), us_per_target: us(leads.ms) },
    targets: { each_under_ms: 100, vectorised_speedup_at_least: 10 },
  };
}

module.exports = { run };
