/**
 * What every analysis needs and should compute only once: the period grid, each deal's created and close
 * period, which columns hold data, and the won-cycle sample. Built in a few linear passes.
 */
import { AnalysisInput, CategoryColumn, Deals, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import { Thresholds } from "../model/thresholds";
import { PeriodKind } from "../model/calendar";
import { PeriodChoice, PeriodGrid, assignPeriods, buildGrid, choosePeriod } from "./periods";
import { medianOwned } from "../model/stats";

export interface ColumnPresence {
  account: boolean;
  owner: boolean;
  partner: boolean;
  source: boolean;
  channel: boolean;
  product: boolean;
  segment: boolean;
  lossReason: boolean;
  competitor: boolean;
  created: boolean;
  closed: boolean;
  amount: boolean;
  price: boolean;
  complexity: boolean;
  complexityLabel: boolean;
  leads: boolean;
}

export interface AnalysisContext {
  data: AnalysisInput;
  deals: Deals;
  t: Thresholds;
  asOf: number;
  choice: PeriodChoice;
  grid: PeriodGrid;
  /** Grid position of each deal's close date (-1 missing or outside the grid). */
  closedP: Int32Array;
  /** Grid position of each deal's created date (-1 missing or outside the grid). */
  createdP: Int32Array;
  has: ColumnPresence;
  /** Won deals with both dates, close not before created and not after the as-of date (the won-cycle sample). */
  wonCycleCount: number;
  medianWonCycle: number;
  /** close - created in days for closed deals (won or lost) with both dates in order; NaN otherwise. */
  cycle: Float64Array;
  medianClosedCycle: number;
  /** Median age (as-of - created) of open deals, in days. */
  medianOpenAge: number;
  /** Deals with a created date after the as-of date. */
  createdOutside: number;
  /** Grid position of the last complete period, -1 when none. */
  lastComplete: number;
  /** Scratch space, one slot per deal, for medians; any analysis may overwrite it (one call's, never shared). */
  scratch: Float64Array;
}

export function hasCategory(c: CategoryColumn | undefined): boolean {
  if (!c || c.labels.length === 0) return false;
  const codes = c.codes;
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) return true;
  return false;
}

export function hasNumber(xs: Float64Array | undefined): boolean {
  if (!xs) return false;
  for (let i = 0; i < xs.length; i++) if (xs[i] === xs[i]) return true;
  return false;
}

/** Earliest and latest finite value across arrays (NaN, NaN when none). */
function dateRange(arrays: Float64Array[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const xs of arrays) {
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i];
      // selects, not branches: NaN compares false and leaves both untouched
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
  }
  return lo === Infinity ? [NaN, NaN] : [lo, hi];
}

/** Added to a value: NaN_UNLESS[0] makes it NaN, NaN_UNLESS[1] keeps it (a select without a branch). */
const NAN_UNLESS = new Float64Array([NaN, 0]);

export interface ContextOptions {
  period?: PeriodKind;
  asOf?: number;
}

/** Latest close date of a won or lost deal: an open deal's date is an expectation, not an event. */
function lastActualClose(closed: Float64Array, outcome: Uint8Array): number {
  let hi = -Infinity;
  for (let i = 0; i < closed.length; i++) {
    const v = closed[i];
    hi = v > hi && outcome[i] !== OUTCOME_OPEN ? v : hi;
  }
  return hi;
}

export function buildContext(data: AnalysisInput, t: Thresholds, options: ContextOptions = {}): AnalysisContext {
  const d = data.deals;
  const dateArrays = [d.created];
  if (data.leads) dateArrays.push(data.leads.created);
  // a stage change is as much a date in the data as a creation or a close
  if (data.history) dateArrays.push(data.history.date);
  const [firstEvent, lastEvent] = dateRange(dateArrays);
  // "Today" is the latest actual event (created, won, lost, a lead's first contact), never an expected date.
  const [firstClose] = dateRange([d.closed]);
  const lastClose = lastActualClose(d.closed, d.outcome);
  const first = firstEvent === firstEvent ? (firstClose < firstEvent ? firstClose : firstEvent) : firstClose;
  const lastOf = Math.max(lastEvent === lastEvent ? lastEvent : -Infinity, lastClose);
  const last = lastOf === -Infinity ? NaN : lastOf;
  const asOf = options.asOf !== undefined && Number.isFinite(options.asOf) ? options.asOf : last;
  const choice = choosePeriod(first, Math.min(last, asOf), options.period);
  const grid = buildGrid(choice.kind, first, asOf);
  const closedP = assignPeriods(d.closed, grid, asOf);
  const createdP = assignPeriods(d.created, grid, asOf);

  // one fused pass: sales cycles, dates outside the grid, whether any source is known, and the cycle
  // samples in one scratch buffer: won cycles (closed by the as-of date) from the front, the other closed
  // cycles from the back; branch-free, since outcomes are too irregular to predict
  const n = d.count;
  const { outcome, created, closed, sourceKind } = d;
  const cycle = new Float64Array(n);
  const scratch = new Float64Array(n);
  let createdOutside = 0;
  let source = false;
  let front = 0;
  let back = n - 1;
  for (let i = 0; i < n; i++) {
    const k = created[i];
    const c = closed[i] - k;
    const inOrder = +(c >= 0) & +(outcome[i] !== OUTCOME_OPEN);
    const v = c + NAN_UNLESS[inOrder];
    cycle[i] = v;
    const won = inOrder & +(outcome[i] === OUTCOME_WON) & +(closed[i] <= asOf);
    scratch[front] = v;
    front += won;
    scratch[back] = v;
    back -= inOrder & (won ^ 1);
    createdOutside += +(k === k) & +(createdP[i] < 0);
    source = source || sourceKind[i] >= 0;
  }
  const wonCycleCount = front;
  const medianWonCycle = medianOwned(scratch.subarray(0, front));
  // the other closed cycles join the won ones (the won median only reordered the front)
  scratch.copyWithin(front, back + 1, n);
  const medianClosedCycle = medianOwned(scratch.subarray(0, front + (n - 1 - back)));
  let m = 0;
  for (let i = 0; i < n; i++) {
    const age = asOf - created[i];
    scratch[m] = age;
    m += +(outcome[i] === OUTCOME_OPEN) & +(age >= 0);
  }
  const medianOpenAge = medianOwned(scratch.subarray(0, m));

  let lastComplete = -1;
  for (let p = grid.complete.length - 1; p >= 0; p--) {
    if (grid.complete[p]) {
      lastComplete = p;
      break;
    }
  }

  return {
    data,
    deals: d,
    t,
    asOf,
    choice,
    grid,
    closedP,
    createdP,
    has: {
      account: hasCategory(d.account),
      owner: hasCategory(d.owner),
      partner: hasCategory(d.partner),
      source,
      channel: hasCategory(d.channel),
      product: hasCategory(d.product),
      segment: hasCategory(d.segment),
      lossReason: hasCategory(d.lossReason),
      competitor: hasCategory(d.competitor),
      created: hasNumber(d.created),
      closed: hasNumber(d.closed),
      amount: hasNumber(d.amount),
      price: hasNumber(d.price),
      complexity: hasNumber(d.complexity),
      complexityLabel: hasCategory(d.complexityLabel),
      leads: !!data.leads && data.leads.count > 0,
    },
    wonCycleCount,
    medianWonCycle,
    cycle,
    medianClosedCycle,
    medianOpenAge,
    scratch,
    createdOutside,
    lastComplete,
  };
}
