/**
 * The analysis period grid: which period length suits the data span, the dense run of periods up to the
 * as-of date, and each date's place in it. The calendar arithmetic is the model's (model/calendar.ts).
 */
import { PeriodKind, periodIndexOf, periodLabel, periodStartSerial, periodEndSerial } from "../model/calendar";

/** Span (days) from which years are used: five or more years of data read best by year. */
export const YEAR_SPAN_DAYS = 5 * 365;
/** Span (days) from which quarters are used: eight months or more read best by quarter. */
export const QUARTER_SPAN_DAYS = 243;

export interface PeriodChoice {
  kind: PeriodKind;
  chosenBy: "user" | "data";
  reason: string;
}

/**
 * The period length for a data span (ours): under ~8 months by month, from ~8 months to 5 years by quarter,
 * 5 years or more by year — so a typical export shows roughly 4 to 20 periods.
 */
export function choosePeriod(firstSerial: number, lastSerial: number, userKind?: PeriodKind): PeriodChoice {
  if (userKind) return { kind: userKind, chosenBy: "user", reason: `${userKind} chosen by the user` };
  const span = lastSerial - firstSerial;
  if (!Number.isFinite(span)) return { kind: "quarter", chosenBy: "data", reason: "no dates in the data; quarter by default" };
  const days = Math.round(span);
  if (span >= YEAR_SPAN_DAYS) return { kind: "year", chosenBy: "data", reason: `the data spans ${days} days (5 years or more): by year` };
  if (span >= QUARTER_SPAN_DAYS) return { kind: "quarter", chosenBy: "data", reason: `the data spans ${days} days (8 months to 5 years): by quarter` };
  return { kind: "month", chosenBy: "data", reason: `the data spans ${days} days (under 8 months): by month` };
}

/** A dense run of periods from the first to the last index, with their bounds. */
export interface PeriodGrid {
  kind: PeriodKind;
  /** Absolute index of the first period. */
  first: number;
  labels: string[];
  /** First serial day of each period. */
  start: number[];
  /** First serial day after each period. */
  end: number[];
  /** The period lies wholly on or before the as-of date. */
  complete: boolean[];
}

/** Build the grid of periods covering [firstSerial, asOf]; asOf closes the last period. */
export function buildGrid(kind: PeriodKind, firstSerial: number, asOf: number): PeriodGrid {
  const grid: PeriodGrid = { kind, first: 0, labels: [], start: [], end: [], complete: [] };
  if (!Number.isFinite(firstSerial) || !Number.isFinite(asOf) || asOf < firstSerial) return grid;
  const a = periodIndexOf(firstSerial, kind);
  const b = periodIndexOf(asOf, kind);
  grid.first = a;
  for (let p = a; p <= b; p++) {
    grid.labels.push(periodLabel(p, kind));
    const s = periodStartSerial(p, kind);
    const e = periodEndSerial(p, kind);
    grid.start.push(s);
    grid.end.push(e);
    // complete when the as-of day is the period's last day or later
    grid.complete.push(Math.floor(asOf) >= e - 1);
  }
  return grid;
}

/** Longest span (days) we map through a lookup table; beyond it each date is converted arithmetically. */
const MAX_TABLE_DAYS = 400_000;

/**
 * Grid position (0-based) of every date in `serials`; -1 for a missing date or one outside the grid
 * (before the first period or after the as-of date). One linear pass through a day -> period table.
 */
export function assignPeriods(serials: Float64Array, grid: PeriodGrid, asOf: number, out?: Int32Array): Int32Array {
  const n = serials.length;
  const res = out ?? new Int32Array(n);
  const P = grid.labels.length;
  if (P === 0) {
    res.fill(-1);
    return res;
  }
  const lo = grid.start[0];
  const hi = Math.floor(asOf); // last day counted
  const spanDays = hi - lo + 1;
  if (spanDays <= MAX_TABLE_DAYS) {
    const table = new Int32Array(spanDays);
    for (let p = 0; p < P; p++) {
      const s = Math.max(grid.start[p], lo) - lo;
      const e = Math.min(grid.end[p], hi + 1) - lo;
      for (let d = s; d < e; d++) table[d] = p;
    }
    for (let i = 0; i < n; i++) {
      const v = serials[i];
      // NaN fails both comparisons, so it falls to -1
      if (v >= lo && v < hi + 1) res[i] = table[Math.floor(v) - lo];
      else res[i] = -1;
    }
    return res;
  }
  for (let i = 0; i < n; i++) {
    const v = serials[i];
    res[i] = v >= lo && v < hi + 1 ? periodIndexOf(v, grid.kind) - grid.first : -1;
  }
  return res;
}
