/**
 * The one pass over a deals table's data rows into the column builders: which rows are deals (report
 * rows, blank rows and rows without a stage are skipped and reported) and each deal's cells. Office.js
 * grids (and any other table) are read a row at a time; the command line's typed columns are read
 * without making rows, a text cell by its dictionary code (see coded.ts). Both give the same columns
 * and the same diagnostics in the same order.
 */
import { ColumnTable, type Table } from "./table";
import type { CategoryBuilder, DateBuilder, NumberBuilder } from "./columns";
import type { ColumnRef, DiagnosticSink } from "./diagnostics";
import type { Progress } from "./region";
import { REPORT_ROW_KINDS } from "./report-rows";
import { shortText } from "./text";
import { CodedCategory, CodedDate, CodedNumber } from "./coded";
import { CellKind } from "./sheet";
import type { IdBuilder } from "./ids";

export type RowCounts = { k: number; blank: number; report: number; noStage: number };

/** Everything the row pass reads from, as its own locals. */
export interface RowPass {
  grid: Table;
  start: number;
  end: number;
  firstRow: number;
  hidden: Uint8Array | null;
  skipKinds: Uint8Array | null;
  stageOnly: boolean;
  stageB: CategoryBuilder | null;
  stageCol: number;
  outcomeB: CategoryBuilder[];
  outcomeC: Int32Array;
  amountB: NumberBuilder | null;
  amountCol: number;
  estimateB: NumberBuilder | null;
  estimateCol: number;
  dateB: DateBuilder[];
  dateC: Int32Array;
  priceB: NumberBuilder | null;
  priceCol: number;
  catB: CategoryBuilder[];
  catCol: Int32Array;
  sink: DiagnosticSink;
  rowRef: ColumnRef;
  noStageRef: ColumnRef;
  progress: Progress;
}

/**
 * The one pass over the data rows into the column builders. A function of its own, kept small: the
 * optimising compiler then inlines the builders' put() into this loop, which it stops doing once the loop
 * sits inside a function as large as readDeals.
 */
export function readRows(p: RowPass, sourceRow: Int32Array): RowCounts {
  const { grid, start, end, firstRow, hidden, skipKinds, stageOnly, stageB, stageCol, outcomeB, outcomeC, amountB, amountCol,
    estimateB, estimateCol, dateB, dateC, priceB, priceCol, catB, catCol, sink, rowRef, noStageRef, progress } = p;
  // The columns this loop reads: a row made from typed columns fills only those.
  const need = Int32Array.from(new Set([stageCol, ...outcomeC, amountCol, estimateCol, ...dateC, priceCol, ...catCol].filter((c) => c >= 0)));
  let k = 0;
  let blank = 0;
  let report = 0;
  let noStage = 0;
  for (let r = start; r < end; r++) {
    progress.tick(r - start);
    const sheetRow = firstRow + r;
    const row = grid.rowView(r, need);
    if (skipKinds !== null && skipKinds[r] !== 0) {
      report++;
      reportKind(sink, rowRef, skipKinds[r], sheetRow, grid.row(r));
      continue;
    }
    if (grid.isBlankRow(r)) {
      blank++;
      reportRow(sink, rowRef, "blank-row", sheetRow, "");
      continue;
    }
    if (stageOnly && stageB !== null) {
      if (stageB.put(k, row[stageCol], sheetRow) < 0) {
        noStage++;
        reportRow(sink, noStageRef, "no-stage", sheetRow, row[stageCol]);
        continue;
      }
    } else if (outcomeB.length > 0 && !rowSaysOutcome(outcomeB, outcomeC, k, row, sheetRow)) {
      noStage++;
      reportRow(sink, noStageRef, "no-stage", sheetRow, row[outcomeC[0]]);
      continue;
    }
    if (hidden !== null && hidden[r] === 1) reportRow(sink, rowRef, "hidden-row", sheetRow, "");
    sourceRow[k] = sheetRow;
    if (amountB !== null) amountB.put(k, row[amountCol], sheetRow);
    if (estimateB !== null) estimateB.put(k, row[estimateCol], sheetRow);
    for (let j = 0; j < dateB.length; j++) dateB[j].put(k, row[dateC[j]], sheetRow);
    if (priceB !== null) priceB.put(k, row[priceCol], sheetRow);
    for (let j = 0; j < catB.length; j++) catB[j].put(k, row[catCol[j]], sheetRow);
    k++;
  }
  return { k, blank, report, noStage };
}


/**
 * The row pass over typed columns: which rows are deals (report, blank, stage: the same calls as
 * readRows), then each field's column in one loop of its own over the deals. The diagnostics are held
 * back and recorded in the order a row-by-row read gives them (DiagnosticSink.defer).
 */
export function readColumnRows(p: RowPass, t: ColumnTable, sourceRow: Int32Array): RowCounts {
  const { start, end, firstRow, hidden, skipKinds, stageOnly, stageB, stageCol, outcomeB, outcomeC, amountB, amountCol,
    estimateB, estimateCol, dateB, dateC, priceB, priceCol, catB, catCol, sink, rowRef, noStageRef, progress } = p;
  const strings = t.strings;
  const blankCell = t.blank;
  const cat = (b: CategoryBuilder, c: number) => new CodedCategory(b, t.column(c), strings);
  const num = (b: NumberBuilder | null, c: number) => (b === null ? null : new CodedNumber(b, t.column(c), strings, blankCell));
  const stage = stageB !== null ? cat(stageB, stageCol) : null;
  const outs = outcomeB.map((b, j) => cat(b, outcomeC[j]));
  // the stored row of each deal
  const at = new Int32Array(sourceRow.length);
  let k = 0;
  let blank = 0;
  let report = 0;
  let noStage = 0;
  sink.defer();
  try {
    for (let r = start; r < end; r++) {
      progress.tick(r - start);
      const sheetRow = firstRow + r;
      if (skipKinds !== null && skipKinds[r] !== 0) {
        report++;
        reportKind(sink, rowRef, skipKinds[r], sheetRow, t.row(r));
        continue;
      }
      if (t.isBlankRow(r)) {
        blank++;
        reportRow(sink, rowRef, "blank-row", sheetRow, "");
        continue;
      }
      const i = t.stored(r);
      if (stageOnly && stage !== null) {
        if (stage.put(k, i, sheetRow) < 0) {
          noStage++;
          reportRow(sink, noStageRef, "no-stage", sheetRow, t.cell(r, stageCol));
          continue;
        }
      } else if (outs.length > 0) {
        let said = -1;
        for (let j = 0; j < outs.length; j++) said = Math.max(said, outs[j].put(k, i, sheetRow));
        if (said < 0) {
          noStage++;
          reportRow(sink, noStageRef, "no-stage", sheetRow, t.cell(r, outcomeC[0]));
          continue;
        }
      }
      if (hidden !== null && hidden[r] === 1) reportRow(sink, rowRef, "hidden-row", sheetRow, "");
      sourceRow[k] = sheetRow;
      at[k] = i;
      k++;
    }
    // the columns, each in the slot it takes in a row (amount, estimate, dates, price, text)
    let slot = 1;
    const amount = num(amountB, amountCol);
    if (amount !== null) putNumbers(amount, k, at, sourceRow, sink, slot++);
    const estimate = num(estimateB, estimateCol);
    if (estimate !== null) putNumbers(estimate, k, at, sourceRow, sink, slot++);
    for (let j = 0; j < dateB.length; j++) putDates(new CodedDate(dateB[j], t.column(dateC[j]), strings, blankCell), k, at, sourceRow, sink, slot++);
    const price = num(priceB, priceCol);
    if (price !== null) putNumbers(price, k, at, sourceRow, sink, slot++);
    for (let j = 0; j < catB.length; j++) putTexts(cat(catB[j], catCol[j]), k, at, sourceRow, sink, slot++);
  } finally {
    sink.flush();
  }
  return { k, blank, report, noStage };
}

function putNumbers(w: CodedNumber, n: number, at: Int32Array, sourceRow: Int32Array, sink: DiagnosticSink, slot: number): void {
  sink.at(slot);
  for (let k = 0; k < n; k++) w.put(k, at[k], sourceRow[k]);
}

function putDates(w: CodedDate, n: number, at: Int32Array, sourceRow: Int32Array, sink: DiagnosticSink, slot: number): void {
  sink.at(slot);
  for (let k = 0; k < n; k++) w.put(k, at[k], sourceRow[k]);
}

function putTexts(w: CodedCategory, n: number, at: Int32Array, sourceRow: Int32Array, sink: DiagnosticSink, slot: number): void {
  sink.at(slot);
  for (let k = 0; k < n; k++) w.put(k, at[k], sourceRow[k]);
}

/** The row pass for any table: typed columns by their codes, any other table a row at a time. */
export function readDealRows(p: RowPass, sourceRow: Int32Array): RowCounts {
  return p.grid instanceof ColumnTable ? readColumnRows(p, p.grid, sourceRow) : readRows(p, sourceRow);
}

/**
 * The deals' ids, in a pass of its own (it keeps the id bitmap in cache). A typed column's text ids go by
 * their string code (see IdBuilder.putCode).
 */
export function readIds(grid: Table, idB: IdBuilder, idCol: number, sourceRow: Int32Array, n: number): void {
  const firstRow = grid.firstRow;
  if (!(grid instanceof ColumnTable)) {
    for (let i = 0; i < n; i++) {
      const sr = sourceRow[i];
      idB.put(i, grid.cell(sr - firstRow, idCol), sr);
    }
    return;
  }
  const { kinds, values } = grid.column(idCol);
  const strings = grid.strings;
  for (let i = 0; i < n; i++) {
    const sr = sourceRow[i];
    const si = grid.stored(sr - firstRow);
    const kind = si < kinds.length ? kinds[si] : CellKind.BLANK;
    if (kind === CellKind.STRING || kind === CellKind.ERROR) {
      const s = values[si] | 0;
      idB.putCode(i, s, strings[s], sr, strings.length);
    } else idB.put(i, grid.cell(sr - firstRow, idCol), sr);
  }
}

/** Several stage-like columns (a stage and a status, or yes/no flags): a row is a deal when any of them says something. */
function rowSaysOutcome(builders: CategoryBuilder[], cols: Int32Array, k: number, row: readonly unknown[], sheetRow: number): boolean {
  let said = -1;
  for (let j = 0; j < builders.length; j++) said = Math.max(said, builders[j].put(k, row[cols[j]], sheetRow));
  return said >= 0;
}

/**
 * One row-level diagnostic. Kept out of the row loops: a message closure there would capture loop
 * variables and cost an allocation on every row, reported or not.
 */
export function reportRow(sink: DiagnosticSink, ref: ColumnRef, reason: "blank-row" | "no-stage" | "hidden-row" | "won-without-amount", row: number, v: unknown): void {
  if (reason === "blank-row") sink.cell(ref, reason, "info", row, "", () => `Row ${row} is blank: skipped.`, "blank rows skipped");
  else if (reason === "hidden-row") sink.cell(ref, reason, "info", row, "", () => `Row ${row} is hidden in the sheet: it is used like any other row.`, "hidden rows used");
  else if (reason === "no-stage") sink.cell(ref, reason, "warning", row, v, () => `Row ${row} has no stage${v === "" || v == null ? "" : ` (${shortText(v)})`}: won, lost or open cannot be told, so the row is not used.`, "rows without a stage not used");
  else sink.cell(ref, reason, "warning", row, "", () => `Row ${row} is a won deal with no usable amount: counted as a win with no revenue.`, "won deals without an amount (no revenue counted)");
}

/** A subtotal, total, record-count, footer or group header row of a formatted report: not a deal. */
function reportKind(sink: DiagnosticSink, ref: ColumnRef, kind: number, row: number, cells: readonly unknown[]): void {
  const k = REPORT_ROW_KINDS[kind];
  if (!k) return;
  let text = "";
  for (let c = 0; c < cells.length && text === ""; c++) if (typeof cells[c] === "string" && (cells[c] as string).trim() !== "") text = (cells[c] as string).trim();
  sink.cell(ref, k.reason, "info", row, text, () => `Row ${row} is ${k.what} of a formatted report${text ? ` ("${shortText(text, 50)}")` : ""}: not a deal, skipped.`, `${k.what}s of a formatted report skipped`);
}

