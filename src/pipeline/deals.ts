/**
 * The deals table: one pass over the data rows into column builders, then per-column finishing (stages,
 * text dates, sources) and cross-column checks (duplicate ids, close before created).
 */
import type { CategoryColumn, DateFormatChoice, Deals, FieldMapping } from "./types";
import type { Table } from "./table";
// outcome codes from the model itself: through "./types" each read in a loop is a getter call
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import { CategoryBuilder, DateBuilder, NumberBuilder, blankCategory, blankNumbers, keepOnly } from "./columns";
import { IdBuilder, type RepeatedId } from "./ids";
import type { ColumnRef, DiagnosticSink } from "./diagnostics";
import { dataRegion, fieldColumns, Progress } from "./region";
import { finishStages, stagesFromDates, type RawLabels, type StageResult } from "./stage-column";
import type { DeclaredOutcomes } from "./stages";
import { readDealRows, readIds, reportRow } from "./deal-rows";
import { classifySource } from "./sources";
import { parseNumberText } from "./values";
import { shortText } from "./text";

export interface DealsReadOptions {
  stageOrder?: readonly string[];
  /** Won / lost values the user declared (and those read from the evidence). */
  declared?: DeclaredOutcomes;
  /** The yes/no columns "isWon" / "isClosed" decide the outcome (no text column does). */
  flagsDecide?: boolean;
  /** Report rows of a formatted export, per grid row index (see report-rows.ts); null = none. */
  reportRows?: Uint8Array | null;
  /** 0-based grid column of the join key to the leads table, when there is one. */
  joinColumn?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DealsRead {
  deals: Deals;
  dateFormats: DateFormatChoice[];
  stageOrder: string[];
  rows: { read: number; used: number; skipped: number };
  /** Why rows were skipped: blank, report rows of a formatted export, no stage, exact copies. */
  skippedRows: { blank: number; report: number; noStage: number; copies: number };
  /** What the reader saw that the warnings need. */
  facts: DealsFacts;
  /** The join key per deal (codes into labels), when a join column was given. */
  joinKey?: CategoryColumn;
}

/** Counts the loud warnings are made of. */
export interface DealsFacts {
  /** Some value of the deciding column is a known stage (or declared, or read from evidence). */
  stageLike: boolean;
  /** Deals whose status said open while their stage said won or lost. */
  conflicts: number;
  /** Rows without a stage / status (not used). */
  noStage: number;
  /** Exact copies not used. */
  copies: number;
  /** Won or lost deals with no actual close date (won / lost time, closed on, close date). */
  closedWithoutDate: number;
  /** Of those, how many have an expected close date (never used to place them). */
  closedWithExpectedOnly: number;
  /** Won deals whose amount came from the estimated amount column. */
  amountFromEstimate: number;
  /** A number column whose "." was read as a thousands separator. */
  thousandsDots: { header: string; cells: number; example: string }[];
}

type Putter = { drop(keep: Uint8Array, n: number): void };

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

export function readDeals(grid: Table, headerIndex: number, mapping: readonly FieldMapping[], sink: DiagnosticSink, opts: DealsReadOptions = {}): DealsRead {
  const region = dataRegion(grid, headerIndex);
  const { start, end, firstRow, firstColumn, hidden } = region;
  const cap = Math.max(0, end - start);
  const date1904 = grid.date1904;
  const { ref, colOf } = fieldColumns(mapping, firstColumn);
  const rowRef: ColumnRef = { column: 0 };

  const tracked = new Set(["stage", "outcome", "source", "partner"]);
  const cat = (f: string) => (colOf(f) >= 0 ? new CategoryBuilder(cap, ref(f), sink, tracked.has(f)) : null);
  const date = (f: string) => (colOf(f) >= 0 ? new DateBuilder(cap, ref(f), sink, date1904) : null);
  const stageB = cat("stage");
  const outB = cat("outcome");
  const closedFlagB = opts.flagsDecide && colOf("isClosed") >= 0 ? new CategoryBuilder(cap, ref("isClosed"), sink, true) : null;
  const wonFlagB = opts.flagsDecide && colOf("isWon") >= 0 ? new CategoryBuilder(cap, ref("isWon"), sink, true) : null;
  const idB = colOf("id") >= 0 ? new IdBuilder(cap, ref("id"), sink) : null;
  const amountB = colOf("amount") >= 0 ? new NumberBuilder(cap, ref("amount"), sink, { warnNegative: true, rejectPercent: true }) : null;
  const estimateB = colOf("estimatedAmount") >= 0 ? new NumberBuilder(cap, ref("estimatedAmount"), sink, { warnNegative: true, rejectPercent: true }) : null;
  const priceB = colOf("price") >= 0 ? new NumberBuilder(cap, ref("price"), sink, { warnNegative: true }) : null;
  const createdB = date("created");
  const closedB = date("closed");
  const wonDateB = date("wonDate");
  const lostDateB = date("lostDate");
  const expectedB = date("expectedClose");
  const text: Record<string, CategoryBuilder | null> = {};
  for (const f of ["owner", "account", "source", "partner", "product", "segment", "complexity", "lossReason", "competitor"]) text[f] = cat(f);
  const joinCol = opts.joinColumn ?? -1;
  const joinB = joinCol >= 0 && joinCol !== colOf("id") ? new CategoryBuilder(cap, { column: firstColumn + joinCol, header: String(grid.cell(headerIndex, joinCol) ?? "") }, sink) : null;

  // builders grouped by class, so each call in the row loop sees one class and can be inlined; cells are
  // still read in the old column order (amount, dates, price, text), which orders the diagnostics
  const dateFields = ["created", "closed", "wonDate", "lostDate", "expectedClose"];
  const dateB = [createdB, closedB, wonDateB, lostDateB, expectedB].filter((b): b is DateBuilder => b !== null);
  const dateC = Int32Array.from(dateFields.filter((f) => colOf(f) >= 0).map(colOf));
  const textFields = Object.keys(text).filter((f) => text[f] !== null);
  const catB = textFields.map((f) => text[f] as CategoryBuilder);
  const catC = textFields.map(colOf);
  if (joinB) {
    catB.push(joinB);
    catC.push(joinCol);
  }
  const catCol = Int32Array.from(catC);
  const priceCol = colOf("price");
  const amountCol = colOf("amount");
  const estimateCol = colOf("estimatedAmount");
  // Stage-like builders: the stage, a status deciding the outcome, yes/no columns deciding it.
  const outcomeB = [stageB, outB, closedFlagB, wonFlagB].filter((b): b is CategoryBuilder => b !== null);
  const outcomeC = Int32Array.from(["stage", "outcome", "isClosed", "isWon"].filter((f, j) => [stageB, outB, closedFlagB, wonFlagB][j] !== null).map(colOf));
  const restB: Putter[] = [...outcomeB.slice(1), ...(amountB ? [amountB] : []), ...(estimateB ? [estimateB] : []), ...dateB, ...(priceB ? [priceB] : []), ...catB];
  // the usual table: one stage column, read by its own call site
  const stageOnly = stageB !== null && outcomeB.length === 1;
  const stageCol = colOf("stage");
  const skipKinds = opts.reportRows ?? null;
  const noStageRef = ref(stageB ? "stage" : outB ? "outcome" : "isClosed");
  const sourceRow = new Int32Array(cap);
  const progress = new Progress(cap, opts.onProgress);
  const counts = readDealRows({
    grid, start, end, firstRow, hidden, skipKinds, stageOnly, stageB, stageCol, outcomeB, outcomeC, amountB, amountCol,
    estimateB, estimateCol, dateB, dateC, priceB, priceCol, catB, catCol, sink, rowRef, noStageRef, progress,
  }, sourceRow);
  const k = counts.k;
  const blank = counts.blank;
  const reportCount = counts.report;
  const noStage = counts.noStage;
  progress.end();
  let n = k;
  if (idB) {
    // A pass of its own keeps the id hash bitmap in cache (ids are nearly all distinct).
    readIds(grid, idB, colOf("id"), sourceRow, n);
  }
  const repeats = idB ? idB.repeats() : [];
  if (repeats.length > 0) {
    const keep = sortRepeats(repeats, grid, sourceRow, firstRow, colOf("id"), ref("id"), sink, k);
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
  const closeCol = closedB ? closedB.finish(n, src, grid.name, dateFormats) : null;
  const wonDate = wonDateB ? wonDateB.finish(n, src, grid.name, dateFormats) : null;
  const lostDate = lostDateB ? lostDateB.finish(n, src, grid.name, dateFormats) : null;
  const expectedCol = expectedB ? expectedB.finish(n, src, grid.name, dateFormats) : null;

  let st: StageResult;
  const raw = (b: CategoryBuilder | null, f: string): RawLabels | undefined =>
    b ? { codes: b.codes.subarray(0, n), labels: b.labels, firstRow: b.firstRow, ref: ref(f) } : undefined;
  if (stageB || outB || closedFlagB) {
    const closedFlags = raw(closedFlagB, "isClosed");
    st = finishStages({
      stage: raw(stageB, "stage"),
      outcome: raw(outB, "outcome"),
      flags: closedFlags ? { closed: closedFlags, won: raw(wonFlagB, "isWon") } : undefined,
    }, n, created, sink, opts.stageOrder, opts.declared);
  } else if (wonDate || lostDate) {
    st = stagesFromDates(wonDate, lostDate, n, ref(wonDate ? "wonDate" : "lostDate"), sink);
  } else {
    throw new Error("readDeals needs a stage, a status or a won-date column");
  }
  const dates = closeDates(st.outcome, n, closeCol, wonDate, lostDate, expectedCol, nan);
  const closed = dates.closed;
  if (createdB && (closedB || wonDateB || lostDateB)) checkCycle(created, closed, src, n, ref(closedB ? "closed" : wonDateB ? "wonDate" : "lostDate"), sink);
  let amount = amountB ? amountB.finish(n) : nan;
  let amountFromEstimate = 0;
  if (estimateB) {
    const est = estimateB.finish(n);
    if (!amountB) amount = est;
    else {
      for (let i = 0; i < n; i++) {
        if (amount[i] !== amount[i] && est[i] === est[i]) {
          amount[i] = est[i];
          amountFromEstimate += +(st.outcome[i] === OUTCOME_WON);
        }
      }
    }
  }
  if (amountB || estimateB) checkWonAmounts(amount, st.outcome, src, n, ref(amountB ? "amount" : "estimatedAmount"), sink);
  const thousandsDots: DealsFacts["thousandsDots"] = [];
  for (const [b, f] of [[amountB, "amount"], [estimateB, "estimatedAmount"], [priceB, "price"]] as const) {
    const t = b?.thousandsDots;
    if (!t) continue;
    const h = ref(f).header ?? f;
    thousandsDots.push({ header: h, cells: t.cells, example: t.example });
    sink.note("info", "decimal-mark", `"${h}": ${t.cells.toLocaleString("en-US")} cell(s) such as "${t.example}" read with "." as the thousands separator: the column never uses "." as a decimal point.`, ref(f));
  }

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
    expectedClose: dates.expected,
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
  const facts: DealsFacts = {
    stageLike: st.stageLike, conflicts: st.conflicts, noStage, copies: rows.skipped - blank - reportCount - noStage,
    closedWithoutDate: dates.closedWithoutDate, closedWithExpectedOnly: dates.closedWithExpectedOnly, amountFromEstimate, thousandsDots,
  };
  const skippedRows = { blank, report: reportCount, noStage, copies: facts.copies };
  return { deals, dateFormats, stageOrder: st.stageOrder, rows, skippedRows, joinKey, facts };
}

/**
 * Close dates mean what they say: a won deal's close date is its won time, else the close column; a lost
 * deal's its lost time, else the close column; an open deal has none. The expected close date is its own
 * column, never a close date: an open deal's value in the close column (Salesforce, HubSpot and Zoho keep
 * the expected date there until the deal closes) goes to it when the sheet has no expected-close column.
 * The close column's array is reused for the result when there is one.
 */
function closeDates(outcome: Uint8Array, n: number, closeCol: Float64Array | null, wonDate: Float64Array | null, lostDate: Float64Array | null, expectedCol: Float64Array | null, nan: Float64Array) {
  const closed = closeCol ?? (wonDate || lostDate ? new Float64Array(n).fill(NaN) : nan);
  let expected = expectedCol;
  let closedWithoutDate = 0;
  let closedWithExpectedOnly = 0;
  const OPEN = OUTCOME_OPEN;
  const WON = OUTCOME_WON;
  const LOST = OUTCOME_LOST;
  for (let i = 0; i < n; i++) {
    const o = outcome[i];
    if (o === OPEN) {
      const c = closed[i];
      if (c === c) {
        if (expected === null) expected = new Float64Array(n).fill(NaN);
        if (expectedCol === null) expected[i] = c;
        closed[i] = NaN;
      }
      continue;
    }
    const d = o === WON ? (wonDate !== null ? wonDate[i] : NaN) : o === LOST && lostDate !== null ? lostDate[i] : NaN;
    if (d === d) closed[i] = d;
    if (closed[i] !== closed[i]) {
      closedWithoutDate++;
      if (expectedCol !== null && expectedCol[i] === expectedCol[i]) closedWithExpectedOnly++;
    }
  }
  return { closed, expected: expected ?? nan, closedWithoutDate, closedWithExpectedOnly };
}

function reportCycle(sink: DiagnosticSink, ref: ColumnRef, row: number, days: number): void {
  sink.cell(ref, "close-before-created", "warning", row, "", () => `Row ${row}: the close date is ${days} day(s) before the created date. Both kept; the deal is left out of sales-cycle figures.`, "close dates before the created date (left out of cycle figures)");
}

/**
 * Reports repeated ids: a deal repeating an earlier row cell for cell is an export copy and is dropped;
 * one with different values is kept. Returns the keep flags when a copy is dropped, else null.
 */
function sortRepeats(repeats: readonly RepeatedId[], grid: Table, sourceRow: Int32Array, firstRow: number, col: number, ref: ColumnRef, sink: DiagnosticSink, n: number): Uint8Array | null {
  let keep: Uint8Array | null = null;
  for (const { dup, first } of repeats) {
    const sheetRow = sourceRow[dup];
    const firstSheetRow = sourceRow[first];
    const row = grid.row(sheetRow - firstRow);
    const v = row[col];
    if (sameRow(grid.row(firstSheetRow - firstRow), row)) {
      if (!keep) keep = new Uint8Array(n).fill(1);
      keep[dup] = 0;
      sink.cell(ref, "duplicate-row", "warning", sheetRow, v, () => `Row ${sheetRow} repeats row ${firstSheetRow} cell for cell (id ${shortText(v)}): the copy is not used.`, "exact copies of an earlier row not used");
    } else {
      sink.cell(ref, "duplicate-id", "warning", sheetRow, v, () => `Id ${shortText(v)} is also on row ${firstSheetRow} with different values: both rows are used.`, "duplicate ids: both rows used");
    }
  }
  return keep;
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
