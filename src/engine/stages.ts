/**
 * The stage-to-stage funnel from stage history: per open stage, the entries and what became of each
 * (advanced, lost there, moved back, still open: they add up exactly), days in stage (median, 90th
 * percentile), the two conversions HubSpot reports ("any stage" and "all stages in order"), where lost deals
 * left from, and the clogged stages (open deals older than twice the stage's median), with the deals listed.
 */
import { Deals, OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON, StageHistory } from "../model/tables";
import { medianOwned, quantileOwned, ratio } from "../model/stats";
import { Status } from "./analysis";
import { AnalysisContext } from "./context";
import { ClogDeal, DeathRow, StageClog, StageFlow, StageFlowRow } from "./history-types";
import { currentStep, stageMaps, StageMaps } from "./timeline";

export const STAGE_FLOW_DEFINITION =
  "From the stage history: each time a deal enters an open stage is one entry, and each entry ends in exactly " +
  "one way: advanced (to a later stage or won), lost there, moved back (to an earlier stage), or still open. " +
  "Days in stage run from the entry to the next step (or the export's date exited), over finished stays. " +
  "\"Any stage\" conversion: deals that entered the next stage / deals that entered this one, whatever their " +
  "path; \"all stages in order\": only deals that entered every stage up to it, in order.";

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
  const extra = new Int32Array(n).fill(-1);
  let added = 0;
  let dealsWith = 0;
  for (let d = 0; d < n; d++) {
    if (h.dealStart[d + 1] === h.dealStart[d]) continue;
    dealsWith++;
    const x = currentStep(m, h, deals, d);
    extra[d] = x;
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
  // finished stays: stage code and days, one slot per possible stay
  const cap = h.count + added;
  const stayCode = new Int32Array(cap);
  const stayDays = new Float64Array(cap);
  let stays = 0;
  // the stay each deal is still in, when open
  const openCode = new Int32Array(n);
  const openEnter = new Float64Array(n);
  const openDeal = new Int32Array(n);
  let opens = 0;
  let untimedEnd = 0;

  const { outcome } = m;
  const { date, exited } = h;
  for (let d = 0; d < n; d++) {
    const a = h.dealStart[d];
    const b = h.dealStart[d + 1];
    if (a === b) continue;
    const x = extra[d];
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
        const days = exit - prevEnter;
        if (days >= 0) {
          stayCode[stays] = prev;
          stayDays[stays++] = days;
        } else untimedEnd++;
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
      prevExit = isExtra ? NaN : exited[a + k];
    }
    reach[next]++;
    if (outcome[prev] === OUTCOME_OPEN) {
      stillOpen[prev]++;
      openCode[opens] = prev;
      openEnter[opens] = prevEnter;
      openDeal[opens++] = d;
    } else if (outcome[prev] === OUTCOME_LOST) {
      if (lastOpen >= 0) die[lastOpen]++;
      else dieNone++;
    }
  }

  const stats = stayStats(stayCode, stayDays, stays, L);
  const inOrder = new Float64Array(S + 1);
  for (let k = S - 1; k >= 0; k--) inOrder[k] = inOrder[k + 1] + reach[k + 1];
  const clogs = clogChecks(ctx, m, order, stats.median, openCode, openEnter, openDeal, opens);
  const rows: StageFlowRow[] = order.map((c, k) => ({
    stage: m.labels[c],
    deals: dealsIn[c],
    entered: entered[c],
    advanced: advanced[c],
    lost: lostThere[c],
    movedBack: movedBack[c],
    open: stillOpen[c],
    timedStays: stats.count[c],
    medianDays: stats.median[c],
    p90Days: stats.p90[c],
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
  if (untimedEnd > 0) notes.push(`${untimedEnd.toLocaleString("en-US")} finished stay(s) have no known length (an undated step): they count in the flows but not in days in stage.`);
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

/** Median and 90th percentile of the finished stays' days, per stage code (one counting sort). */
function stayStats(code: Int32Array, days: Float64Array, n: number, L: number): { count: Float64Array; median: Float64Array; p90: Float64Array } {
  const count = new Float64Array(L);
  for (let i = 0; i < n; i++) count[code[i]]++;
  const start = new Int32Array(L + 1);
  for (let c = 0; c < L; c++) start[c + 1] = start[c] + count[c];
  const fill = start.slice(0, L);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[fill[code[i]]++] = days[i];
  const median = new Float64Array(L).fill(NaN);
  const p90 = new Float64Array(L).fill(NaN);
  for (let c = 0; c < L; c++) {
    if (count[c] === 0) continue;
    const part = sorted.subarray(start[c], start[c + 1]);
    median[c] = medianOwned(part);
    p90[c] = quantileOwned(part, 0.9);
  }
  return { count, median, p90 };
}

/** Per ordered stage: open deals whose time in the stage passes clogAgeMultiple x its median days. */
function clogChecks(ctx: AnalysisContext, m: StageMaps, order: number[], median: Float64Array, code: Int32Array, enter: Float64Array, deal: Int32Array, n: number): StageClog[] {
  const t = ctx.t;
  const L = m.labels.length;
  const open = new Float64Array(L);
  const clogged = new Float64Array(L);
  const cand: number[] = [];
  for (let i = 0; i < n; i++) {
    const age = ctx.asOf - enter[i];
    if (!(age >= 0)) continue;
    const c = code[i];
    open[c]++;
    const limit = t.clogAgeMultiple * median[c];
    if (age > limit) {
      clogged[c]++;
      cand.push(i);
    }
  }
  const byStage = new Map<number, number[]>();
  for (const i of cand) {
    const list = byStage.get(code[i]);
    if (list) list.push(i);
    else byStage.set(code[i], [i]);
  }
  const d: Deals = ctx.deals;
  return order.map((c): StageClog => {
    const limitDays = t.clogAgeMultiple * median[c];
    let status: Status;
    if (!(median[c] === median[c])) status = "NO DATA";
    else if (clogged[c] === 0) status = "OK";
    else status = clogged[c] / open[c] >= t.stageClogShareBomb ? "TIME BOMB" : "WATCH";
    const list = oldest(byStage.get(c) ?? [], (i) => ctx.asOf - enter[i]).map((i): ClogDeal => {
      const k = deal[i];
      const id = d.id.codes[k];
      const owner = d.owner.codes[k];
      return { row: d.sourceRow[k], id: id >= 0 ? d.id.labels[id] : "", owner: owner >= 0 ? d.owner.labels[owner] : "", daysInStage: ctx.asOf - enter[i], amount: d.amount[k] };
    });
    return { status, openDeals: open[c], clogged: clogged[c], share: ratio(clogged[c], open[c]), limitDays, deals: status === "NO DATA" ? [] : list };
  });
}

/** The MAX_CLOG_DEALS items with the largest age, largest first (ties in deal order). */
function oldest(items: number[], age: (i: number) => number): number[] {
  if (items.length > MAX_CLOG_DEALS) {
    const ages = Float64Array.from(items, age).sort();
    const line = ages[ages.length - MAX_CLOG_DEALS];
    items = items.filter((i) => age(i) >= line);
  }
  return items.sort((a, b) => age(b) - age(a) || a - b).slice(0, MAX_CLOG_DEALS);
}
