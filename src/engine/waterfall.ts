/**
 * The pipeline waterfall and close-date slippage, from a history of changes (or snapshots) with amounts and
 * close dates. Per period: open pipeline at the start + created + pulled in + increased - decreased - pushed
 * out - won - lost = open pipeline at the end, to the cent (sums are kept in whole cents), with the deals
 * behind each bar. Slippage: how often and how far open deals' expected close dates moved out, per rep and
 * per stage.
 */
import { OUTCOME_OPEN, OUTCOME_WON, StageHistory } from "../model/tables";
import { medianOwned, ratio } from "../model/stats";
import { AnalysisContext } from "./context";
import { SlipRow, Slippage, Waterfall, WATERFALL_BARS, WaterfallBar, WaterfallDeal, WaterfallPeriod } from "./history-types";
import { currentStep, stageMaps } from "./timeline";

export const WATERFALL_DEFINITION_DUE =
  "The pipeline of a period is the open deals expected to close by its last day (an earlier, overdue close " +
  "date included). Created: deals that entered it by being created (or reopened); pulled in: open deals whose " +
  "close date moved into it from later (a deal won or lost early counts as pulled in, then won or lost); " +
  "increased / decreased: amount changes of deals in it; pushed out: close dates moved past the period's end; " +
  "won / lost: deals in it that closed. A won or lost deal's close date is the day it closed.";
export const WATERFALL_DEFINITION_OPEN =
  "Without close dates in the history the pipeline of a period is every open deal: nothing can be pulled in " +
  "or pushed out. Created: deals created (or reopened); increased / decreased: amount changes; won / lost: " +
  "deals that closed.";

/** Deals listed per bar and period (the largest movers; counts are complete). */
export const MAX_BAR_DEALS = 50;

const BAR = { created: 0, pulledIn: 1, increased: 2, decreased: 3, pushedOut: 4, won: 5, lost: 6 } as const;
const NBARS = WATERFALL_BARS.length;

/** The largest movers of one bar in one period: trimmed to MAX_BAR_DEALS now and then, so it stays small. */
class BarList {
  items: { d: number; cents: number }[] = [];
  count = 0;
  private floor = 0;
  add(d: number, cents: number): void {
    this.count++;
    if (cents < this.floor) return;
    this.items.push({ d, cents });
    if (this.items.length >= 4 * MAX_BAR_DEALS) this.trim();
  }
  trim(): void {
    this.items.sort((a, b) => b.cents - a.cents || a.d - b.d);
    this.items.length = Math.min(this.items.length, MAX_BAR_DEALS);
    if (this.items.length === MAX_BAR_DEALS) this.floor = this.items[MAX_BAR_DEALS - 1].cents;
  }
}

export interface WaterfallResult {
  waterfall: Waterfall;
  slippage: Slippage | null;
}

export function analyzeWaterfall(ctx: AnalysisContext): WaterfallResult {
  const h = ctx.data.history as StageHistory;
  const deals = ctx.deals;
  const m = stageMaps(h, deals);
  const grid = ctx.grid;
  const P = grid.labels.length;
  const scoped = h.closeDate !== null;
  const period = periodLookup(grid, ctx.asOf);
  const ends = grid.end;
  const bars = new Float64Array(P * NBARS);
  const lists: BarList[] = Array.from({ length: P * NBARS }, () => new BarList());
  const start = new Float64Array(P);
  const end = new Float64Array(P);
  const owners = deals.owner.labels.length;
  const L = m.labels.length;
  // slippage: per rep (owner code + 1; 0 = no owner) and per stage, deals with a close date while open, deals
  // that slipped, and each move out's days
  const repBase = new Float64Array(owners + 1);
  const repSlipped = new Float64Array(owners + 1);
  const repSeenBase = new Int32Array(owners + 1).fill(-1);
  const repSeenSlip = new Int32Array(owners + 1).fill(-1);
  const stageBase = new Float64Array(L);
  const stageSlipped = new Float64Array(L);
  const stageSeenBase = new Int32Array(L).fill(-1);
  const stageSeenSlip = new Int32Array(L).fill(-1);
  let slipCap = 1024;
  let slipDays: Float64Array = new Float64Array(slipCap);
  let slipRep: Int32Array = new Int32Array(slipCap);
  let slipStage: Int32Array = new Int32Array(slipCap);
  let slips = 0;
  let totalBase = 0;
  let totalSlipped = 0;
  let unknownAmount = 0;
  let beyondAsOf = 0;
  let withHistory = 0;
  let closedAdded = 0;

  const bar = (p: number, b: number, d: number, cents: number) => {
    bars[p * NBARS + b] += cents;
    lists[p * NBARS + b].add(d, cents);
  };

  for (let d = 0; d < deals.count; d++) {
    const a = h.dealStart[d];
    const b = h.dealStart[d + 1];
    if (a === b) continue;
    withHistory++;
    const rep = deals.owner.codes[d] + 1;
    // a deal the deals table has won or lost while its history ends open closes on its close date
    const x = currentStep(m, h, deals, d);
    const lastDate = h.date[b - 1];
    const xDate = x >= 0 && m.outcome[x] !== OUTCOME_OPEN && deals.closed[d] === deals.closed[d] ? Math.max(deals.closed[d], lastDate) : NaN;
    const steps = b - a + (xDate === xDate ? 1 : 0);
    if (steps > b - a) closedAdded++;
    let existed = false;
    let open = false;
    let close = NaN;
    let stage = -1;
    let cur = -1;
    // the deal's value in cents: the history's latest amount, else the deals table's, else 0 (reported)
    const fallback = deals.amount[d];
    let cents = fallback === fallback ? Math.round(fallback * 100) : 0;
    let noAmount = fallback !== fallback;
    for (let k = 0; k < steps; k++) {
      const isExtra = k === b - a;
      const j = a + k;
      const t = isExtra ? xDate : h.date[j];
      const p = period(t);
      if (p < 0) {
        beyondAsOf++;
        break;
      }
      // the state so far holds to the end of each period before p and the start of each after it
      if (existed && open) {
        for (let q = cur; q < p; q++) {
          if (!scoped || close < ends[q]) end[q] += cents;
          if (!scoped || close < ends[q + 1]) start[q + 1] += cents;
        }
      }
      cur = p;
      const s = isExtra ? x : h.stage.codes[j];
      const o = m.outcome[s];
      const rowAmount = isExtra ? deals.amount[d] : h.amount === null ? NaN : h.amount[j];
      const rowClose = isExtra || h.closeDate === null ? NaN : h.closeDate[j];
      const first = !existed;
      const openB = open;
      const inB = existed && open && (!scoped || close < ends[p]);
      const vB = inB ? cents : 0;
      const closeB = close;
      if (rowAmount === rowAmount) {
        cents = Math.round(rowAmount * 100);
        noAmount = false;
      }
      if (rowClose === rowClose) close = rowClose;
      existed = true;
      if (o === OUTCOME_OPEN) {
        open = true;
        const inA = !scoped || close < ends[p];
        const vA = cents;
        if (!openB) {
          if (inA) bar(p, BAR.created, d, vA);
        } else if (inB && inA) {
          if (vA > vB) bar(p, BAR.increased, d, vA - vB);
          else if (vA < vB) bar(p, BAR.decreased, d, vB - vA);
        } else if (inA) bar(p, BAR.pulledIn, d, vA);
        else if (inB) bar(p, BAR.pushedOut, d, vB);
        if (openB && closeB === closeB && close === close && close > closeB) {
          // a move out of the expected close date
          if (slips === slipCap) {
            slipCap *= 2;
            slipDays = grow64(slipDays, slipCap);
            slipRep = grow32(slipRep, slipCap);
            slipStage = grow32(slipStage, slipCap);
          }
          slipDays[slips] = Math.floor(close) - Math.floor(closeB);
          slipRep[slips] = rep;
          slipStage[slips++] = stage;
          if (repSeenSlip[rep] !== d) {
            repSeenSlip[rep] = d;
            repSlipped[rep]++;
          }
          if (stage >= 0 && stageSeenSlip[stage] !== d) {
            stageSeenSlip[stage] = d;
            stageSlipped[stage]++;
          }
        }
        stage = s;
        if (close === close) {
          if (repSeenBase[rep] !== d) {
            repSeenBase[rep] = d;
            repBase[rep]++;
            totalBase++;
          }
          if (stageSeenBase[s] !== d) {
            stageSeenBase[s] = d;
            stageBase[s]++;
          }
        }
      } else if (openB || first) {
        // closing (or created already closed): in the window on the day it closes
        open = false;
        const vA = cents;
        if (first) bar(p, BAR.created, d, vA);
        else if (inB) {
          if (vA > vB) bar(p, BAR.increased, d, vA - vB);
          else if (vA < vB) bar(p, BAR.decreased, d, vB - vA);
        } else bar(p, BAR.pulledIn, d, vA);
        bar(p, o === OUTCOME_WON ? BAR.won : BAR.lost, d, vA);
        stage = s;
      } else stage = s;
    }
    if (existed && open) {
      for (let q = cur; q < P; q++) {
        if (!scoped || close < ends[q]) end[q] += cents;
        if (q + 1 < P && (!scoped || close < ends[q + 1])) start[q + 1] += cents;
      }
    }
    if (noAmount) unknownAmount++;
  }
  // each deal has one rep, so the reps' slipped deals add up to the deals that slipped
  for (let r = 0; r <= owners; r++) totalSlipped += repSlipped[r];

  const periods: WaterfallPeriod[] = grid.labels.map((period, p) => {
    const cents = (k: number) => bars[p * NBARS + k] / 100;
    const dealsOf = {} as WaterfallPeriod["deals"];
    WATERFALL_BARS.forEach((name: WaterfallBar, k) => {
      const list = lists[p * NBARS + k];
      list.trim();
      dealsOf[name] = { count: list.count, list: list.items.map(({ d, cents: c }): WaterfallDeal => ({ row: deals.sourceRow[d], id: idOf(ctx, d), amount: c / 100 })) };
    });
    return {
      period,
      complete: grid.complete[p],
      start: start[p] / 100,
      created: cents(BAR.created),
      pulledIn: scoped ? cents(BAR.pulledIn) : NaN,
      increased: h.amount ? cents(BAR.increased) : NaN,
      decreased: h.amount ? cents(BAR.decreased) : NaN,
      pushedOut: scoped ? cents(BAR.pushedOut) : NaN,
      won: cents(BAR.won),
      lost: cents(BAR.lost),
      end: end[p] / 100,
      deals: dealsOf,
    };
  });

  const notes: string[] = [];
  const without = deals.count - withHistory;
  if (without > 0) notes.push(`${without.toLocaleString("en-US")} deal(s) have no history: they are not in the waterfall.`);
  if (!h.amount) notes.push("The history has no amounts: each deal counts at its amount on the deals table throughout, so increases and decreases are not known.");
  if (unknownAmount > 0) notes.push(`${unknownAmount.toLocaleString("en-US")} deal(s) have no known amount: they count as 0 in the waterfall.`);
  if (closedAdded > 0) notes.push(`${closedAdded.toLocaleString("en-US")} deal(s) are won or lost on the deals table although their history ends open: they close on their close date.`);
  if (beyondAsOf > 0) notes.push(`${beyondAsOf.toLocaleString("en-US")} deal(s) have history after the as-of date: those changes are left out.`);

  const slippage = scoped ? slippageOf(ctx, m.labels, m.order, { repBase, repSlipped, stageBase, stageSlipped, slipDays, slipRep, slipStage, slips, totalBase, totalSlipped }) : null;
  return {
    waterfall: {
      definition: scoped ? WATERFALL_DEFINITION_DUE : WATERFALL_DEFINITION_OPEN,
      scope: scoped ? "due" : "open",
      amountsOverTime: h.amount !== null,
      closeDatesOverTime: scoped,
      periods,
      sheet: deals.sheet,
      notes,
    },
    slippage,
  };
}

function idOf(ctx: AnalysisContext, d: number): string {
  const c = ctx.deals.id.codes[d];
  return c >= 0 ? ctx.deals.id.labels[c] : "";
}

/** Longest span (days) looked up through a table; beyond it each date is placed by a scan of the periods. */
const MAX_TABLE_DAYS = 400_000;

/** Grid position of a serial day (-1 before the grid or after the as-of date), through a day -> period table. */
function periodLookup(grid: AnalysisContext["grid"], asOf: number): (t: number) => number {
  const P = grid.labels.length;
  if (P === 0) return () => -1;
  const lo = grid.start[0];
  const hi = Math.floor(asOf);
  const span = hi - lo + 1;
  if (span > MAX_TABLE_DAYS) {
    return (t) => {
      if (!(t >= lo) || t >= hi + 1) return -1;
      for (let p = 0; p < P; p++) if (t < grid.end[p]) return p;
      return -1;
    };
  }
  const table = new Int32Array(Math.max(0, span));
  for (let p = 0; p < P; p++) {
    for (let day = Math.max(grid.start[p], lo) - lo; day < Math.min(grid.end[p], hi + 1) - lo; day++) table[day] = p;
  }
  return (t) => (t >= lo && t < hi + 1 ? table[Math.floor(t) - lo] : -1);
}

function grow64(a: Float64Array, n: number): Float64Array {
  const b = new Float64Array(n);
  b.set(a);
  return b;
}

function grow32(a: Int32Array, n: number): Int32Array {
  const b = new Int32Array(n);
  b.set(a);
  return b;
}

interface SlipCounts {
  repBase: Float64Array;
  repSlipped: Float64Array;
  stageBase: Float64Array;
  stageSlipped: Float64Array;
  slipDays: Float64Array;
  slipRep: Int32Array;
  slipStage: Int32Array;
  slips: number;
  totalBase: number;
  totalSlipped: number;
}

/** Slippage per rep (most moves out first) and per open stage (funnel order). */
function slippageOf(ctx: AnalysisContext, labels: string[], order: number[], s: SlipCounts): Slippage {
  const owners = ctx.deals.owner.labels;
  const row = (group: string, deals: number, slipped: number, days: Float64Array): SlipRow => {
    let total = 0;
    for (let i = 0; i < days.length; i++) total += days[i];
    return { group, deals, slipped, share: ratio(slipped, deals), slips: days.length, medianDays: medianOwned(days), totalDays: total };
  };
  const groupDays = (key: Int32Array, groups: number): Float64Array[] => {
    const count = new Int32Array(groups);
    for (let i = 0; i < s.slips; i++) if (key[i] >= 0) count[key[i]]++;
    const out = Array.from(count, (c) => new Float64Array(c));
    const fill = new Int32Array(groups);
    for (let i = 0; i < s.slips; i++) {
      const g = key[i];
      if (g >= 0) out[g][fill[g]++] = s.slipDays[i];
    }
    return out;
  };
  const repDays = groupDays(s.slipRep, owners.length + 1);
  const byRep: SlipRow[] = [];
  for (let r = 0; r <= owners.length; r++) {
    if (s.repBase[r] === 0) continue;
    byRep.push(row(r === 0 ? "(no owner)" : owners[r - 1], s.repBase[r], s.repSlipped[r], repDays[r]));
  }
  byRep.sort((a, b) => b.slips - a.slips || b.totalDays - a.totalDays || a.group.localeCompare(b.group));
  const stageDays = groupDays(s.slipStage, labels.length);
  const byStage = order.filter((c) => s.stageBase[c] > 0).map((c) => row(labels[c], s.stageBase[c], s.stageSlipped[c], stageDays[c]));
  const total = row("All deals", s.totalBase, s.totalSlipped, s.slipDays.slice(0, s.slips));
  const notes = [
    "A slip is a move of an open deal's expected close date to a later day; how far is the days it moved. " +
      "How often: the share of deals that had a close date while open (in that stage, for the stage rows) whose date moved out at least once.",
  ];
  if (!ctx.has.owner) notes.push("No owner column: slippage per rep is not known.");
  return { total, byRep: ctx.has.owner ? byRep : [], byStage, notes };
}
