/**
 * The stage-to-stage funnel from stage history: per open stage, the entries and what became of each
 * (advanced, lost there, moved back, still open: they add up exactly), days in stage (median, 90th
 * percentile), the two conversions HubSpot reports ("any stage" and "all stages in order"), where lost deals
 * left from, and the clogged stages (open deals older than twice the stage's median), with the deals listed.
 * Nothing is kept per entry: counts and day histograms per stage, so millions of entries cost no memory.
 */
import { Deals, OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON, StageHistory } from "../model/tables";
import { histogramQuantile, quantilesOwned, ratio } from "../model/stats";
import { Status } from "./analysis";
import { AnalysisContext } from "./context";
import { ClogDeal, DeathRow, StageClog, StageFlow, StageFlowRow } from "./history-types";
import { currentStep, stageMaps, StageMaps } from "./timeline";

export const STAGE_FLOW_DEFINITION =
  "From the stage history: each time a deal enters an open stage is one entry, and each entry ends in exactly " +
  "one way: advanced (to a later stage or won), lost there, moved back (to an earlier stage), or still open. " +
  "Days in stage are the calendar days from the entry to the next step (or the export's date exited), over " +
  "finished stays. \"Any stage\" conversion: deals that entered the next stage / deals that entered this one, " +
  "whatever their path (above 100% when deals skip this stage); \"all stages in order\": only deals that " +
  "entered every stage up to it, in order.";

/** Clogged deals listed per stage (the count is always complete). */
export const MAX_CLOG_DEALS = 50;
export const NO_OPEN_STAGE = "(no open stage recorded)";

export function analyzeStages(ctx: AnalysisContext): StageFlow {
  const h = ctx.data.history as StageHistory;
  const deals = ctx.deals;
  const m = stageMaps(h, deals);
  const L = m.labels.length;
  const n = deals.count;
  const codes = h.stage.codes;

  // which open stages any deal entered (entries and current-stage steps): the funnel's stages
  const visited = new Uint8Array(L);
  let added = 0;
  let dealsWith = 0;
  for (let d = 0; d < n; d++) {
    if (h.dealStart[d + 1] === h.dealStart[d]) continue;
    dealsWith++;
    const x = currentStep(m, h, deals, d);
    if (x >= 0) {
      added++;
      visited[x] = 1;
    }
  }
  for (let j = 0; j < h.count; j++) visited[codes[j]] = 1;
  const order = m.order.filter((c) => visited[c] === 1);
  const pos = new Int32Array(L).fill(-1);
  order.forEach((c, i) => (pos[c] = i));
  const S = order.length;

  const dealsIn = new Float64Array(L);
  const entered = new Float64Array(L);
  const advanced = new Float64Array(L);
  const lostThere = new Float64Array(L);
  const movedBack = new Float64Array(L);
  const stillOpen = new Float64Array(L);
  const seen = new Int32Array(L).fill(-1);
  const die = new Float64Array(L);
  let dieNone = 0;
  const reach = new Float64Array(S + 1);
  let wonDeals = 0;
  let wonInOrder = 0;
  let lostDeals = 0;
  // finished stays in whole days, counted per stage (no list of stays, however long the history)
  const stays = Array.from({ length: L }, () => new DayCounts());
  let untimed = 0;

  const { outcome } = m;
  const { date, exited } = h;
  for (let d = 0; d < n; d++) {
    const a = h.dealStart[d];
    const b = h.dealStart[d + 1];
    if (a === b) continue;
    const x = currentStep(m, h, deals, d);
    const steps = b - a + (x >= 0 ? 1 : 0);
    let prev = -1;
    let prevEnter = NaN;
    let prevExit = NaN;
    let next = 0;
    let won = false;
    let lost = false;
    let lastOpen = -1;
    for (let k = 0; k < steps; k++) {
      const isExtra = k === b - a;
      const code = isExtra ? x : codes[a + k];
      if (code === prev) continue;
      const t = isExtra ? (deals.outcome[d] === OUTCOME_OPEN ? NaN : deals.closed[d]) : date[a + k];
      if (prev >= 0 && outcome[prev] === OUTCOME_OPEN) {
        // the stay in prev ends here: how, and how long it lasted
        const o = outcome[code];
        if (o === OUTCOME_WON) advanced[prev]++;
        else if (o === OUTCOME_LOST) lostThere[prev]++;
        else if (pos[code] > pos[prev]) advanced[prev]++;
        else movedBack[prev]++;
        const exit = prevExit === prevExit ? prevExit : t;
        const days = Math.floor(exit) - Math.floor(prevEnter);
        if (days >= 0) stays[prev].add(days);
        else untimed++;
      }
      entered[code]++;
      if (seen[code] !== d) {
        seen[code] = d;
        dealsIn[code]++;
      }
      const o = outcome[code];
      if (o === OUTCOME_WON) {
        if (!won) {
          won = true;
          wonDeals++;
          if (next === S) wonInOrder++;
        }
      } else if (o === OUTCOME_LOST) {
        if (!lost) {
          lost = true;
          lostDeals++;
        }
      } else {
        if (pos[code] === next) next++;
        lastOpen = code;
      }
      prev = code;
      prevEnter = t;
      prevExit = isExtra || exited === null ? NaN : exited[a + k];
    }
    reach[next]++;
    if (outcome[prev] === OUTCOME_OPEN) stillOpen[prev]++;
    else if (outcome[prev] === OUTCOME_LOST) {
      if (lastOpen >= 0) die[lastOpen]++;
      else dieNone++;
    }
  }

  const median = Float64Array.from(stays, (x) => x.quantile(0.5));
  const p90 = Float64Array.from(stays, (x) => x.quantile(0.9));
  const inOrder = new Float64Array(S + 1);
  for (let k = S - 1; k >= 0; k--) inOrder[k] = inOrder[k + 1] + reach[k + 1];
  const clogs = clogChecks(ctx, m, h, order, median);
  const rows: StageFlowRow[] = order.map((c, k) => ({
    stage: m.labels[c],
    deals: dealsIn[c],
    entered: entered[c],
    advanced: advanced[c],
    lost: lostThere[c],
    movedBack: movedBack[c],
    open: stillOpen[c],
    timedStays: stays[c].n,
    medianDays: median[c],
    p90Days: p90[c],
    anyStageConversion: ratio(k + 1 < S ? dealsIn[order[k + 1]] : wonDeals, dealsIn[c]),
    inOrderDeals: inOrder[k],
    inOrderConversion: ratio(k + 1 < S ? inOrder[k + 1] : wonInOrder, inOrder[k]),
    clog: clogs[k],
  }));
  let lostWithHistory = dieNone;
  for (let c = 0; c < L; c++) lostWithHistory += die[c];
  const whereDealsDie: DeathRow[] = order
    .filter((c) => die[c] > 0)
    .map((c) => ({ stage: m.labels[c], lost: die[c], share: ratio(die[c], lostWithHistory) }))
    .sort((p, q) => q.lost - p.lost);
  if (dieNone > 0) whereDealsDie.push({ stage: NO_OPEN_STAGE, lost: dieNone, share: ratio(dieNone, lostWithHistory) });

  const notes: string[] = [];
  const without = n - dealsWith;
  if (without > 0) notes.push(`${without.toLocaleString("en-US")} of ${n.toLocaleString("en-US")} deals have no stage history: they are left out of this funnel (the GTM Funnel sheet still counts them at their current stage).`);
  if (added > 0) notes.push(`${added.toLocaleString("en-US")} deal(s) are now in another stage than their last history entry says: their current stage from the deals table is added as their last step (dated by the close date for won and lost deals, undated for open ones).`);
  if (untimed > 0) notes.push(`${untimed.toLocaleString("en-US")} finished stay(s) have no known length (an undated step): they count in the flows but not in days in stage.`);
  const unordered = m.order.length - order.length;
  if (unordered > 0) notes.push(`${unordered} open stage(s) of the deals table appear in no deal's history and are not shown.`);
  return {
    definition: STAGE_FLOW_DEFINITION,
    rows,
    won: { deals: wonDeals, inOrderDeals: wonInOrder },
    lostDeals,
    whereDealsDie,
    dealsWithHistory: dealsWith,
    dealsWithout: without,
    currentStageAdded: added,
    sheet: deals.sheet,
    notes,
  };
}

/** Whole-day counts in a growing histogram: exact medians and percentiles without keeping each stay. */
class DayCounts {
  counts = new Int32Array(64);
  n = 0;

  add(days: number): void {
    if (days >= this.counts.length) {
      let size = this.counts.length * 2;
      while (size <= days) size *= 2;
      const grown = new Int32Array(size);
      grown.set(this.counts);
      this.counts = grown;
    }
    this.counts[days]++;
    this.n++;
  }

  quantile(p: number): number {
    return histogramQuantile(this.counts, this.n, 0, p);
  }
}

/**
 * Median and 90th percentile (Excel PERCENTILE.INC) of day counts (the array may be reordered).
 */
export function medianAndP90(values: Float64Array): [number, number] {
  const [m, p90] = quantilesOwned(values, [0.5, 0.9]);
  return [m, p90];
}

/**
 * Per ordered stage: the open deals still in it, and those that have been there longer than clogAgeMultiple x
 * its median days (whole days to the as-of date). A second walk, over each deal's last entries only.
 */
function clogChecks(ctx: AnalysisContext, m: StageMaps, h: StageHistory, order: number[], median: Float64Array): StageClog[] {
  const t = ctx.t;
  const d: Deals = ctx.deals;
  const L = m.labels.length;
  const open = new Float64Array(L);
  const clogged = new Float64Array(L);
  const cand: number[][] = Array.from({ length: L }, () => []);
  const today = Math.floor(ctx.asOf);
  const codes = h.stage.codes;
  for (let k = 0; k < d.count; k++) {
    const a = h.dealStart[k];
    const b = h.dealStart[k + 1];
    if (a === b) continue;
    const x = currentStep(m, h, d, k);
    let stage: number;
    let enter: number;
    if (x >= 0) {
      // the current stage comes from the deals table, undated: how long the deal has been in it is not known
      stage = x;
      enter = NaN;
    } else {
      stage = codes[b - 1];
      let j = b - 1;
      while (j > a && codes[j - 1] === stage) j--;
      enter = h.date[j];
    }
    if (m.outcome[stage] !== OUTCOME_OPEN) continue;
    const age = today - Math.floor(enter);
    if (!(age >= 0)) continue;
    open[stage]++;
    if (age > t.clogAgeMultiple * median[stage]) {
      clogged[stage]++;
      cand[stage].push(k, age);
    }
  }
  return order.map((c): StageClog => {
    const limitDays = t.clogAgeMultiple * median[c];
    let status: Status;
    if (!(median[c] === median[c])) status = "NO DATA";
    else if (clogged[c] === 0) status = "OK";
    else status = clogged[c] / open[c] >= t.stageClogShareBomb ? "TIME BOMB" : "WATCH";
    const list = oldest(cand[c]).map(([k, age]): ClogDeal => {
      const id = d.id.codes[k];
      const owner = d.owner.codes[k];
      return { row: d.sourceRow[k], id: id >= 0 ? d.id.labels[id] : "", owner: owner >= 0 ? d.owner.labels[owner] : "", daysInStage: age, amount: d.amount[k] };
    });
    return { status, openDeals: open[c], clogged: clogged[c], share: ratio(clogged[c], open[c]), limitDays, deals: status === "NO DATA" ? [] : list };
  });
}

/** From (deal, age) pairs, the MAX_CLOG_DEALS with the largest age, largest first (ties in deal order). */
function oldest(pairs: number[]): [number, number][] {
  let line = -Infinity;
  const count = pairs.length / 2;
  if (count > MAX_CLOG_DEALS) {
    const ages = new Float64Array(count);
    for (let i = 0; i < count; i++) ages[i] = pairs[2 * i + 1];
    ages.sort();
    line = ages[count - MAX_CLOG_DEALS];
  }
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) if (pairs[2 * i + 1] >= line) out.push([pairs[2 * i], pairs[2 * i + 1]]);
  return out.sort((p, q) => q[1] - p[1] || p[0] - q[0]).slice(0, MAX_CLOG_DEALS);
}
