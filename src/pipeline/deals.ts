/**
 * The deals table: one pass over the data rows into column builders, then per-column finishing (stages,
 * text dates, sources) and cross-column checks (duplicate ids, close before created).
 */
import {
  OUTCOME_WON, type CategoryColumn, type DateFormatChoice, type Deals, type FieldMapping, type SheetGrid,
} from "./types";
import { CategoryBuilder, DateBuilder, NumberBuilder, blankCategory, blankNumbers, keepOnly } from "./columns";
import { IdBuilder, type RepeatedId } from "./ids";
import type { ColumnRef, DiagnosticSink } from "./diagnostics";
import { dataRegion, fieldColumns, isBlankRow, Progress } from "./region";
import { finishStages, stagesFromWonDate, type StageResult } from "./stage-column";
import { classifySource } from "./sources";
import { parseNumberText } from "./values";
import { shortText } from "./text";

export interface DealsReadOptions {
  stageOrder?: readonly string[];
  /** 0-based grid column of the join key to the leads table, when there is one. */
  joinColumn?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DealsRead {
  deals: Deals;
  dateFormats: DateFormatChoice[];
  stageOrder: string[];
  rows: { read: number; used: number; skipped: number };
  /** The join key per deal (codes into labels), when a join column was given. */
  joinKey?: CategoryColumn;
}

type Putter = { put(k: number, v: unknown, row: number): unknown; drop(keep: Uint8Array, n: number): void };

/** Cells of two rows are equal (blank = blank, dates by instant). */
function sameRow(a: readonly unknown[], b: readonly unknown[]): boolean {
  const len = Math.max(a.length, b.length);
  for (let c = 0; c < len; c++) {
    const x = a[c];
    const y = b[c];
    if (x === y) continue;
    const xb = x === "" || x === null || x === undefined;
    const yb = y === "" || y === null || y === undefined;
    if (xb && yb) continue;
    if (x instanceof Date && y instanceof Date && x.getTime() === y.getTime()) continue;
    return false;
  }
  return true;
}

export function readDeals(grid: SheetGrid, headerIndex: number, mapping: readonly FieldMapping[], sink: DiagnosticSink, opts: DealsReadOptions = {}): DealsRead {
  const region = dataRegion(grid, headerIndex);
  const { start, end, firstRow, firstColumn, hidden } = region;
  const values = grid.values;
  const cap = Math.max(0, end - start);
  const date1904 = grid.date1904 === true;
  const { ref, colOf } = fieldColumns(mapping, firstColumn);
  const rowRef: ColumnRef = { column: 0 };

  const tracked = new Set(["stage", "source", "partner"]);
  const cat = (f: string) => (colOf(f) >= 0 ? new CategoryBuilder(cap, ref(f), sink, tracked.has(f)) : null);
  const date = (f: string) => (colOf(f) >= 0 ? new DateBuilder(cap, ref(f), sink, date1904) : null);
  const stageB = cat("stage");
  const idB = colOf("id") >= 0 ? new IdBuilder(cap, ref("id"), sink) : null;
  const amountB = colOf("amount") >= 0 ? new NumberBuilder(cap, ref("amount"), sink, { warnNegative: true, rejectPercent: true }) : null;
  const priceB = colOf("price") >= 0 ? new NumberBuilder(cap, ref("price"), sink, { warnNegative: true }) : null;
  const createdB = date("created");
  const closedB = date("closed");
  const wonDateB = date("wonDate");
  const text: Record<string, CategoryBuilder | null> = {};
  for (const f of ["owner", "account", "source", "partner", "product", "segment", "complexity", "lossReason", "competitor"]) text[f] = cat(f);
  const joinCol = opts.joinColumn ?? -1;
  const joinB = joinCol >= 0 && joinCol !== colOf("id") ? new CategoryBuilder(cap, { column: firstColumn + joinCol, header: String(values[headerIndex]?.[joinCol] ?? "") }, sink) : null;

  // builders grouped by class, so each call in the row loop sees one class and can be inlined; cells are
  // still read in the old column order (amount, dates, price, text), which orders the diagnostics
  const dateB = [createdB, closedB, wonDateB].filter((b): b is DateBuilder => b !== null);
  const dateC = Int32Array.from(["created", "closed", "wonDate"].filter((f) => colOf(f) >= 0).map(colOf));
  const textFields = Object.keys(text).filter((f) => text[f] !== null);
  const catB = textFields.map((f) => text[f] as CategoryBuilder);
  const catC = textFields.map(colOf);
  if (joinB) {
    catB.push(joinB);
    catC.push(joinCol);
  }
  const catCol = Int32Array.from(catC);
  const amountCol = colOf("amount");
  const priceCol = colOf("price");
  const restB: Putter[] = [...(amountB ? [amountB] : []), ...dateB, ...(priceB ? [priceB] : []), ...catB];
  const stageCol = colOf("stage");
  const sourceRow = new Int32Array(cap);
  const progress = new Progress(cap, opts.onProgress);
  let k = 0;
  let blank = 0;
  for (let r = start; r < end; r++) {
    progress.tick(r - start);
    const row = values[r];
    const sheetRow = firstRow + r;
    if (isBlankRow(row)) {
      blank++;
      reportRow(sink, rowRef, "blank-row", sheetRow, "");
      continue;
    }
    if (stageB !== null && stageB.put(k, row[stageCol], sheetRow) < 0) {
      reportRow(sink, ref("stage"), "no-stage", sheetRow, row[stageCol]);
      continue;
    }
    if (hidden !== null && hidden[r] === 1) reportRow(sink, rowRef, "hidden-row", sheetRow, "");
    sourceRow[k] = sheetRow;
    if (amountB !== null) amountB.put(k, row[amountCol], sheetRow);
    for (let j = 0; j < dateB.length; j++) dateB[j].put(k, row[dateC[j]], sheetRow);
    if (priceB !== null) priceB.put(k, row[priceCol], sheetRow);
    for (let j = 0; j < catB.length; j++) catB[j].put(k, row[catCol[j]], sheetRow);
    k++;
  }
  progress.end();
  let n = k;
  if (idB) {
    // A pass of its own keeps the id hash bitmap in cache (ids are nearly all distinct).
    const idCol = colOf("id");
    for (let i = 0; i < n; i++) {
      const sr = sourceRow[i];
      idB.put(i, values[sr - firstRow][idCol], sr);
    }
  }
  const repeats = idB ? idB.repeats() : [];
  if (repeats.length > 0) {
    const keep = sortRepeats(repeats, values, sourceRow, firstRow, colOf("id"), ref("id"), sink, k);
    if (keep) {
      const before = n;
      n = 0;
      for (let i = 0; i < before; i++) if (keep[i] === 1) n++;
      keepOnly(sourceRow, keep, before);
      if (stageB) stageB.drop(keep, before);
      if (idB) idB.drop(keep, before);
      for (const b of restB) b.drop(keep, before);
    }
  }
  const rows = { read: cap, used: n, skipped: cap - n };
  if (blank > 0) sink.note("info", "blank-rows", `${blank.toLocaleString("en-US")} blank row(s) between the header and the last row were skipped.`, undefined, 0, undefined, blank);

  const src = sourceRow.subarray(0, n);
  const dateFormats: DateFormatChoice[] = [];
  const nan = blankNumbers(n);
  const none = blankCategory(n);
  const created = createdB ? createdB.finish(n, src, grid.name, dateFormats) : nan;
  let closed = closedB ? closedB.finish(n, src, grid.name, dateFormats) : nan;
  const wonDate = wonDateB ? wonDateB.finish(n, src, grid.name, dateFormats) : null;
  if (wonDate) closed = mergeClosed(closed, wonDate, n, closedB !== null);

  let st: StageResult;
  if (stageB) {
    st = finishStages(stageB.codes.subarray(0, n), stageB.labels, stageB.firstRow, n, created, ref("stage"), sink, opts.stageOrder);
  } else if (wonDate) {
    st = stagesFromWonDate(wonDate, n, ref("wonDate"), sink);
  } else {
    throw new Error("readDeals needs a stage or a won-date column");
  }
  if (createdB && (closedB || wonDateB)) checkCycle(created, closed, src, n, ref(closedB ? "closed" : "wonDate"), sink);
  const amount = amountB ? amountB.finish(n) : nan;
  if (amountB) checkWonAmounts(amount, st.outcome, src, n, ref("amount"), sink);

  const channel = text.source ? text.source.finish(n) : none;
  const partner = text.partner ? text.partner.finish(n) : none;
  const sourceKind = sourceKinds(channel, partner, n, ref("source"), text.source?.firstRow ?? [], sink);
  const complexity = text.complexity ? splitComplexity(text.complexity.finish(n), n) : { score: nan, label: none };
  const deals: Deals = {
    count: n,
    sheet: grid.name,
    sourceRow: src,
    id: idB ? idB.finish(n, repeats) : none,
    outcome: st.outcome,
    stage: st.stage,
    amount,
    created,
    closed,
    expectedClose: nan,
    owner: text.owner ? text.owner.finish(n) : none,
    account: text.account ? text.account.finish(n) : none,
    sourceKind,
    channel,
    partner,
    product: text.product ? text.product.finish(n) : none,
    segment: text.segment ? text.segment.finish(n) : none,
    price: priceB ? priceB.finish(n) : nan,
    complexity: complexity.score,
    complexityLabel: complexity.label,
    lossReason: text.lossReason ? text.lossReason.finish(n) : none,
    competitor: text.competitor ? text.competitor.finish(n) : none,
    leadIndex: new Int32Array(n).fill(-1),
  };
  const joinKey = joinCol < 0 ? undefined : joinB ? joinB.finish(n) : deals.id;
  return { deals, dateFormats, stageOrder: st.stageOrder, rows, joinKey };
}

/**
 * One row-level diagnostic. Kept out of the row loops: a message closure there would capture loop
 * variables and cost an allocation on every row, reported or not.
 */
function reportRow(sink: DiagnosticSink, ref: ColumnRef, reason: "blank-row" | "no-stage" | "hidden-row" | "won-without-amount", row: number, v: unknown): void {
  if (reason === "blank-row") sink.cell(ref, reason, "info", row, "", () => `Row ${row} is blank: skipped.`, "blank rows skipped");
  else if (reason === "hidden-row") sink.cell(ref, reason, "info", row, "", () => `Row ${row} is hidden in the sheet: it is used like any other row.`, "hidden rows used");
  else if (reason === "no-stage") sink.cell(ref, reason, "warning", row, v, () => `Row ${row} has no stage${v === "" || v == null ? "" : ` (${shortText(v)})`}: won, lost or open cannot be told, so the row is not used.`, "rows without a stage not used");
  else sink.cell(ref, reason, "warning", row, "", () => `Row ${row} is a won deal with no usable amount: counted as a win with no revenue.`, "won deals without an amount (no revenue counted)");
}

function reportCycle(sink: DiagnosticSink, ref: ColumnRef, row: number, days: number): void {
  sink.cell(ref, "close-before-created", "warning", row, "", () => `Row ${row}: the close date is ${days} day(s) before the created date. Both kept; the deal is left out of sales-cycle figures.`, "close dates before the created date (left out of cycle figures)");
}

/**
 * Reports repeated ids: a deal repeating an earlier row cell for cell is an export copy and is dropped;
 * one with different values is kept. Returns the keep flags when a copy is dropped, else null.
 */
function sortRepeats(repeats: readonly RepeatedId[], values: readonly (readonly unknown[])[], sourceRow: Int32Array, firstRow: number, col: number, ref: ColumnRef, sink: DiagnosticSink, n: number): Uint8Array | null {
  let keep: Uint8Array | null = null;
  for (const { dup, first } of repeats) {
    const sheetRow = sourceRow[dup];
    const firstSheetRow = sourceRow[first];
    const row = values[sheetRow - firstRow];
    const v = row[col];
    if (sameRow(values[firstSheetRow - firstRow], row)) {
      if (!keep) keep = new Uint8Array(n).fill(1);
      keep[dup] = 0;
      sink.cell(ref, "duplicate-row", "warning", sheetRow, v, () => `Row ${sheetRow} repeats row ${firstSheetRow} cell for cell (id ${shortText(v)}): the copy is not used.`, "exact copies of an earlier row not used");
    } else {
      sink.cell(ref, "duplicate-id", "warning", sheetRow, v, () => `Id ${shortText(v)} is also on row ${firstSheetRow} with different values: both rows are used.`, "duplicate ids: both rows used");
    }
  }
  return keep;
}

/** Close date = the close column, or the won date where the close column is blank (or absent). */
function mergeClosed(closed: Float64Array, wonDate: Float64Array, n: number, hasClosed: boolean): Float64Array {
  if (!hasClosed) return wonDate;
  for (let i = 0; i < n; i++) if (closed[i] !== closed[i]) closed[i] = wonDate[i];
  return closed;
}

/** Reports deals closed before they were created (both dates kept). */
export function checkCycle(created: Float64Array, closed: Float64Array, src: Int32Array, n: number, ref: ColumnRef, sink: DiagnosticSink): void {
  for (let i = 0; i < n; i++) {
    const a = created[i];
    const b = closed[i];
    if (Math.floor(b) < Math.floor(a)) reportCycle(sink, ref, src[i], Math.floor(a) - Math.floor(b));
  }
}

function checkWonAmounts(amount: Float64Array, outcome: Uint8Array, src: Int32Array, n: number, ref: ColumnRef, sink: DiagnosticSink): void {
  for (let i = 0; i < n; i++) {
    if (outcome[i] === OUTCOME_WON && amount[i] !== amount[i]) reportRow(sink, ref, "won-without-amount", src[i], "");
  }
}

/** marketing / sales / partner / other per deal from its channel; a partner name alone means partner. */
function sourceKinds(channel: CategoryColumn, partner: CategoryColumn, n: number, ref: ColumnRef, firstRow: readonly number[], sink: DiagnosticSink): Int8Array {
  const kindOf = new Int8Array(channel.labels.length);
  channel.labels.forEach((label, j) => {
    const c = classifySource(label);
    kindOf[j] = c.index;
    if (!c.known) sink.cell(ref, "unknown-source", "info", firstRow[j] ?? 0, label, () => `Source "${label}" is not a channel GTM Compass recognises: counted as "other".`, "other unrecognised sources counted as other");
  });
  const out = new Int8Array(n);
  const partnerIndex = 2;
  for (let i = 0; i < n; i++) {
    const c = channel.codes[i];
    out[i] = c >= 0 ? kindOf[c] : partner.codes[i] >= 0 ? partnerIndex : -1;
  }
  return out;
}

/** A complexity column holds scores ("3") or labels ("High"): numbers go to `score`, text to `label`. */
function splitComplexity(col: CategoryColumn, n: number): { score: Float64Array; label: CategoryColumn } {
  const numOf = col.labels.map((l) => parseNumberText(l));
  const labels: string[] = [];
  const labelOf = numOf.map((x, j) => (x === x ? -1 : labels.push(col.labels[j]) - 1));
  const score = new Float64Array(n);
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = col.codes[i];
    score[i] = c >= 0 ? numOf[c] : NaN;
    codes[i] = c >= 0 ? labelOf[c] : -1;
  }
  return { score, label: { codes, labels } };
}
