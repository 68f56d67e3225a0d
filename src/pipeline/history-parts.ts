/**
 * A stage history as the readers hand it on: one entry per used row, already grouped by deal (sheet order
 * within a deal), before the stages are merged with the deals table's and each deal's entries are put in
 * date order. Everything here works in place on typed arrays: a history of millions of rows is never copied.
 */
import type { HistoryShape } from "./types";
import type { ColumnRef, DiagnosticSink } from "./diagnostics";

export interface HistoryParts {
  shape: HistoryShape;
  sheet: string;
  count: number;
  /** Deal index of each entry; -1 marks an entry to drop (see compactParts). */
  deal: Int32Array;
  /** Entries of deal d are [dealStart[d], dealStart[d + 1]); length deals + 1. */
  dealStart: Int32Array;
  sourceRow: Int32Array;
  /** Stage of each entry as a code into rawLabels; -1 = blank (the deal's previous stage holds). */
  stageCodes: Int32Array;
  rawLabels: readonly string[];
  /** Sheet row where each raw label first appears. */
  labelFirstRow: readonly number[];
  date: Float64Array;
  exited: Float64Array | null;
  amount: Float64Array | null;
  closeDate: Float64Array | null;
  stageRef: ColumnRef;
  sink: DiagnosticSink;
}

function columns(p: HistoryParts): (Int32Array | Float64Array)[] {
  const out: (Int32Array | Float64Array)[] = [p.sourceRow, p.stageCodes, p.date];
  if (p.exited) out.push(p.exited);
  if (p.amount) out.push(p.amount);
  if (p.closeDate) out.push(p.closeDate);
  return out;
}

/** Drops the entries marked deal -1, in place, keeping the grouping and rebuilding the offsets. */
export function compactParts(p: HistoryParts, deals: number): void {
  const cols = columns(p);
  let j = 0;
  for (let k = 0; k < p.count; k++) {
    const d = p.deal[k];
    if (d < 0) continue;
    if (j !== k) {
      p.deal[j] = d;
      for (const c of cols) c[j] = c[k];
    }
    j++;
  }
  p.count = j;
  p.deal = p.deal.subarray(0, j);
  p.sourceRow = p.sourceRow.subarray(0, j);
  p.stageCodes = p.stageCodes.subarray(0, j);
  p.date = p.date.subarray(0, j);
  if (p.exited) p.exited = p.exited.subarray(0, j);
  if (p.amount) p.amount = p.amount.subarray(0, j);
  if (p.closeDate) p.closeDate = p.closeDate.subarray(0, j);
  const start = new Int32Array(deals + 1);
  for (let k = 0; k < j; k++) start[p.deal[k] + 1]++;
  for (let d = 0; d < deals; d++) start[d + 1] += start[d];
  p.dealStart = start;
}

/** Groups longer than this are ordered through an index sort instead of insertion. */
const INSERTION_MAX = 64;

/**
 * Each deal's entries in date order, ties kept in sheet order (a stable insertion sort: a deal has few
 * entries, and a history already in date order costs one comparison per entry).
 */
export function sortWithinDeals(p: HistoryParts): void {
  const cols = columns(p);
  const date = p.date;
  const tmp = new Float64Array(cols.length);
  for (let d = 0; d + 1 < p.dealStart.length; d++) {
    const a = p.dealStart[d];
    const b = p.dealStart[d + 1];
    if (b - a < 2) continue;
    if (b - a > INSERTION_MAX) {
      const order = Array.from({ length: b - a }, (_, i) => a + i).sort((x, y) => date[x] - date[y] || x - y);
      for (const c of cols) {
        const copy = Array.from(order, (k) => c[k]);
        for (let i = 0; i < copy.length; i++) c[a + i] = copy[i];
      }
      continue;
    }
    for (let i = a + 1; i < b; i++) {
      const t = date[i];
      if (date[i - 1] <= t) continue;
      for (let c = 0; c < cols.length; c++) tmp[c] = cols[c][i];
      let j = i - 1;
      while (j >= a && date[j] > t) {
        for (const c of cols) c[j + 1] = c[j];
        j--;
      }
      for (let c = 0; c < cols.length; c++) cols[c][j + 1] = tmp[c];
    }
  }
}
