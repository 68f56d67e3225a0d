/**
 * Builds the model's StageHistory from plain rows for engine tests, independent of the pipeline: entries
 * sorted by deal and date here with a plain stable sort, stage labels taken from the deals plus new ones,
 * won / lost told by the words "won" / "lost" in the label.
 */
import { Deals, HistoryShape, OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON, StageHistory } from "../../src/model/tables";
import { DateLike, serial } from "./deals-builder";

export interface HistoryRow {
  /** Index of the deal in the deals table. */
  deal: number;
  stage: string;
  date: DateLike;
  amount?: number | null;
  closeDate?: DateLike;
  exited?: DateLike;
}

const toSerial = (d: DateLike): number => (d === null || d === undefined || d === "" ? NaN : typeof d === "number" ? d : serial(d));

/** `has`: which of the optional columns the source has (amount and close date by default, not exited). */
export function buildHistory(deals: Deals, rows: HistoryRow[], opts: { stageOrder: string[]; shape?: HistoryShape; has?: { amount?: boolean; closeDate?: boolean; exited?: boolean } }): StageHistory {
  const has = { amount: true, closeDate: true, exited: false, ...opts.has };
  const labels = deals.stage.labels.slice();
  for (const r of rows) if (!labels.includes(r.stage)) labels.push(r.stage);
  const outcome = Uint8Array.from(labels, (l) => (/won/i.test(l) ? OUTCOME_WON : /lost/i.test(l) ? OUTCOME_LOST : OUTCOME_OPEN));
  const sorted = rows.map((r, i) => ({ r, i, t: toSerial(r.date) })).sort((a, b) => a.r.deal - b.r.deal || a.t - b.t || a.i - b.i);
  const dealStart = new Int32Array(deals.count + 1);
  for (const { r } of sorted) dealStart[r.deal + 1]++;
  for (let d = 0; d < deals.count; d++) dealStart[d + 1] += dealStart[d];
  return {
    shape: opts.shape ?? "table",
    count: sorted.length,
    sheet: "History",
    sourceRow: Int32Array.from(sorted, (x) => x.i + 2),
    deal: Int32Array.from(sorted, (x) => x.r.deal),
    dealStart,
    stage: { codes: Int32Array.from(sorted, (x) => labels.indexOf(x.r.stage)), labels },
    stageOutcome: outcome,
    stageOrder: opts.stageOrder,
    date: Float64Array.from(sorted, (x) => x.t),
    exited: has.exited ? Float64Array.from(sorted, (x) => toSerial(x.r.exited)) : null,
    amount: has.amount ? Float64Array.from(sorted, (x) => (x.r.amount === null || x.r.amount === undefined ? NaN : x.r.amount)) : null,
    closeDate: has.closeDate ? Float64Array.from(sorted, (x) => toSerial(x.r.closeDate)) : null,
  };
}
