/**
 * Formatted ("grouped") report exports: Salesforce's formatted report, HubSpot's and Dynamics 365's grouped
 * exports, an Excel sheet made with Data > Subtotal. Their group value stands only on the first row of each
 * group (or on a group header row above it, or in a merged cell whose lower cells read blank), and subtotal,
 * total, record-count, footer and copyright rows sit between the deals. This finds those rows and which
 * columns are grouped, so the reader can skip the one and fill the other down.
 *
 * Ordinary exports pay for a look at a few hundred rows: the full pass runs only when that look finds a
 * report word or a grouped column.
 */
import { isBlankCell } from "./values";
import type { Table } from "./table";
import { compactKey } from "./text";

export const ROW_DATA = 0;
export const ROW_SUBTOTAL = 1;
export const ROW_TOTAL = 2;
export const ROW_RECORD_COUNT = 3;
export const ROW_FOOTER = 4;
export const ROW_GROUP_HEADER = 5;

/** Diagnostic reason and plain name of each kind of report row. */
export const REPORT_ROW_KINDS: Record<number, { reason: string; what: string }> = {
  [ROW_SUBTOTAL]: { reason: "subtotal-row", what: "a subtotal row" },
  [ROW_TOTAL]: { reason: "total-row", what: "a total row" },
  [ROW_RECORD_COUNT]: { reason: "record-count-row", what: "a record-count row" },
  [ROW_FOOTER]: { reason: "footer-row", what: "a footer (confidentiality or copyright) row" },
  [ROW_GROUP_HEADER]: { reason: "group-header-row", what: "a group header row" },
};

const FOOTER_RE = /^confidential\b|do not distribute|^copyright\b|\(c\)\s*(19|20)\d\d|^©|all rights reserved|alle rechte vorbehalten|tous droits r[eé]serv[eé]s|todos los derechos reservados|todos os direitos reservados|alle rechten voorbehouden|^vertraulich\b|^generated (by|on|at)\b|^report generated\b|^powered by\b/i;
const SUBTOTAL_RE = /^(sub[- ]?totals?|zwischensumme|teilsumme|teilergebnis|sous[- ]total|subtotaal)(\s*[:(\-].*)?$/i;
const TOTAL_RE = /^(grand[- ]totals?|totals?|gesamt(summe|ergebnis)?|summe|total g[eé]n[eé]ral|total general|totaal|gesamtergebnis)(\s*[:(\-].*)?$/i;
/** Excel's Data > Subtotal labels: "Won Total", "Won Count", "Gewonnen Ergebnis", "Grand Total". */
const EXCEL_SUBTOTAL_RE = /^.{1,80}\s(total|count|ergebnis|anzahl|somme|nombre|totaal)$/i;
const COUNT_RE = /^(\(?\s*\d[\d,.\s']*\s+(records?|rows?|datens[aä]tze|enregistrements|registros|deals?|opportunit(y|ies))\s*\)?|record count|row count|anzahl( der)? datens[aä]tze|nombre d'enregistrements|recuento de registros|n[uú]mero de registros)(\s*[:(].*)?$/i;
const RECORDS_SUFFIX = /\s*\(\s*\d[\d,.\s']*\s*(records?|rows?|datens[aä]tze|enregistrements|registros)?\s*\)\s*$/i;

/** The kind of report row a cell's text announces, or ROW_DATA. */
export function reportWord(v: unknown): number {
  if (typeof v !== "string") return ROW_DATA;
  const t = v.trim();
  if (t.length < 3 || t.length > 160) return ROW_DATA;
  if (FOOTER_RE.test(t)) return ROW_FOOTER;
  if (t.length > 80) return ROW_DATA;
  if (SUBTOTAL_RE.test(t)) return ROW_SUBTOTAL;
  if (COUNT_RE.test(t)) return ROW_RECORD_COUNT;
  if (TOTAL_RE.test(t)) return ROW_TOTAL;
  return ROW_DATA;
}

export interface ReportShape {
  /** Per grid row index: ROW_DATA, or the kind of report row; null for a plain export. */
  kinds: Uint8Array | null;
  /** The table with group cells filled down (the input is never changed); null when none is. */
  table: Table | null;
  filled: { column: number; header: string; cells: number }[];
  /** Report rows by kind. */
  counts: Map<number, number>;
}

const PLAIN: ReportShape = { kinds: null, table: null, filled: [], counts: new Map() };

/** A row's cells, or undefined when the row holds no cell. */
function rowAt(t: Table, r: number): readonly unknown[] | undefined {
  return t.stored(r) < 0 ? undefined : t.row(r);
}

/** Rows per sampled block and blocks sampled, for the cheap look. */
const BLOCK = 32;
const BLOCKS = 16;
const TAIL_ROWS = 16;

function rowReportKind(row: readonly unknown[] | undefined, idCol: number): number {
  if (!row) return ROW_DATA;
  let kind = ROW_DATA;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== "string" || v === "") continue;
    const k = reportWord(v);
    // A footer is a line of its own; a deal whose note mentions copyright is still a deal.
    if (k === ROW_FOOTER) {
      if (nonBlankCells(row) <= 2) return ROW_FOOTER;
      continue;
    }
    if (k !== ROW_DATA && kind === ROW_DATA) kind = k;
  }
  // A deal row with an id is never a report row, whatever its text says.
  const hasId = idCol >= 0 && !isBlankCell(row[idCol]) && reportWord(row[idCol]) === ROW_DATA;
  if (kind !== ROW_DATA) return hasId ? ROW_DATA : kind;
  // Excel's Data > Subtotal rows ("Won Total", "Won Count"): a label and a sum or two, no id.
  if (!hasId && nonBlankCells(row) <= 3) {
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v === "string" && v.length <= 90 && EXCEL_SUBTOTAL_RE.test(v.trim())) return ROW_SUBTOTAL;
    }
  }
  return ROW_DATA;
}

function nonBlankCells(row: readonly unknown[]): number {
  let n = 0;
  for (let c = 0; c < row.length; c++) if (!isBlankCell(row[c])) n++;
  return n;
}

/** The cheap look: report words near the end or in sampled blocks, lone-cell rows, or a column blank below its values. */
function looksLikeReport(t: Table, start: number, end: number, columns: readonly number[], idCol: number, firstColumn: number): boolean {
  let seen = 0;
  for (let r = end - 1; r >= start && seen < TAIL_ROWS; r--) {
    const row = rowAt(t, r);
    if (!row || nonBlankCells(row) === 0) continue;
    seen++;
    if (rowReportKind(row, idCol) !== ROW_DATA) return true;
  }
  const n = end - start;
  const blocks = n <= BLOCK * BLOCKS ? 1 : BLOCKS;
  const len = n <= BLOCK * BLOCKS ? n : BLOCK;
  const filled = new Int32Array(columns.length);
  const thenBlank = new Int32Array(columns.length);
  const blank = new Int32Array(columns.length);
  let rows = 0;
  let lone = 0;
  for (let b = 0; b < blocks; b++) {
    const from = start + Math.floor((b * (n - len)) / Math.max(1, blocks - 1));
    let next = rowAt(t, from);
    for (let r = from; r < from + len && r < end; r++) {
      const row = next;
      next = r + 1 < from + len ? rowAt(t, r + 1) : undefined;
      if (!row) continue;
      const cells = nonBlankCells(row);
      if (cells === 0) continue;
      if (rowReportKind(row, idCol) !== ROW_DATA) return true;
      if (cells === 1) lone++;
      rows++;
      for (let j = 0; j < columns.length; j++) {
        const c = columns[j];
        if (isBlankCell(row[c])) blank[j]++;
        else {
          filled[j]++;
          if (next && nonBlankCells(next) > 1 && isBlankCell(next[c])) thenBlank[j]++;
        }
      }
    }
  }
  if (lone >= 2 && lone * 20 >= rows) return true;
  // a leftmost column blank below nearly each of its values: the grouping column of a formatted report
  for (let j = 0; j < columns.length; j++) {
    if (columns[j] > firstColumn + 1) continue;
    if (blank[j] >= 0.2 * rows && filled[j] >= 2 && thenBlank[j] >= 0.9 * filled[j]) return true;
  }
  return false;
}

/** "Stage: Won (4,238 records)" → the column headed Stage and the value "Won"; a lone value in column c → c. */
function groupTarget(row: readonly unknown[], headerKeys: readonly string[]): { column: number; value: string } | null {
  let at = -1;
  for (let c = 0; c < row.length; c++) {
    if (isBlankCell(row[c])) continue;
    if (at >= 0) return null;
    at = c;
  }
  if (at < 0) return null;
  const v = row[at];
  if (typeof v !== "string") return null;
  const text = v.trim().replace(RECORDS_SUFFIX, "");
  const colon = text.indexOf(":");
  if (colon > 0) {
    const key = compactKey(text.slice(0, colon));
    const column = headerKeys.indexOf(key);
    if (column >= 0) return { column, value: text.slice(colon + 1).trim() };
  }
  return text === "" ? null : { column: at, value: text };
}

/**
 * Finds report rows and grouped columns between `start` (the first data row) and `end`. `columns` are
 * the mapped columns that may be grouped; `idCol` the deal-id column (-1 none).
 */
export function detectReportShape(
  t: Table, start: number, end: number, headers: readonly string[],
  columns: readonly number[], idCol: number,
): ReportShape {
  const firstColumn = headers.findIndex((h) => h !== "");
  if (end <= start || !looksLikeReport(t, start, end, columns, idCol, firstColumn)) return PLAIN;
  const kinds = new Uint8Array(t.rows);
  const counts = new Map<number, number>();
  const headerKeys = headers.map((h) => compactKey(h));
  const groupAt: ({ column: number; value: string } | null)[] = [];
  let dataRows = 0;
  for (let r = start; r < end; r++) {
    const row = rowAt(t, r);
    if (!row || nonBlankCells(row) === 0) continue;
    let k = rowReportKind(row, idCol);
    if (k === ROW_DATA) {
      const g = nonBlankCells(row) === 1 ? groupTarget(row, headerKeys) : null;
      if (g) {
        k = ROW_GROUP_HEADER;
        groupAt[r] = g;
      }
    }
    if (k !== ROW_DATA) {
      kinds[r] = k;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    } else dataRows++;
  }

  // Grouped columns: blank below each value (and under each group header) down to the next value. A
  // column qualifies when nearly every value is followed by blanks, and it is one of the table's leftmost
  // columns (formatted reports put their grouping columns first) or group header rows name it: a column
  // that is merely sparse (a won date, a partner) is never filled down.
  const cands = new Map<number, { from: Int32Array; cells: number; headed: boolean }>();
  for (const c of columns) {
    const from = new Int32Array(t.rows).fill(-1);
    let current = -1; // grid row holding the value in force (a data row, or a group header row)
    let nonBlank = 0;
    let thenBlank = 0;
    let fillable = 0;
    let headersHere = 0;
    let prevData = -1;
    for (let r = start; r < end; r++) {
      const k = kinds[r];
      if (t.stored(r) < 0) continue;
      if (k === ROW_DATA && t.isBlankRow(r)) continue;
      if (k === ROW_TOTAL || k === ROW_FOOTER) {
        current = -1;
        continue;
      }
      if (k === ROW_GROUP_HEADER) {
        if (groupAt[r]!.column === c) {
          current = r;
          headersHere++;
        }
        continue;
      }
      if (k !== ROW_DATA) continue;
      if (isBlankCell(t.cell(r, c))) {
        if (prevData >= 0 && !isBlankCell(t.cell(prevData, c))) thenBlank++;
        if (current >= 0) {
          from[r] = current;
          fillable++;
        }
      } else {
        nonBlank++;
        current = r;
      }
      prevData = r;
    }
    const signature = (nonBlank > 0 && thenBlank >= 0.9 * nonBlank) || (nonBlank === 0 && headersHere > 0);
    if (fillable >= Math.max(2, 0.1 * dataRows) && signature) cands.set(c, { from, cells: fillable, headed: headersHere > 0 });
  }
  const filled: ReportShape["filled"] = [];
  const fillFrom: Int32Array[] = [];
  const tableColumns = headers.map((h, c) => (h !== "" ? c : -1)).filter((c) => c >= 0);
  let prefix = true;
  for (const c of tableColumns) {
    const cand = cands.get(c);
    if (!cand) {
      prefix = false;
      continue;
    }
    if (!prefix && !cand.headed) continue;
    filled.push({ column: c, header: headers[c] ?? "", cells: cand.cells });
    fillFrom.push(cand.from);
  }
  if (counts.size === 0 && filled.length === 0) return PLAIN;

  let out: Table | null = null;
  if (filled.length > 0) {
    const replaced = new Map<number, unknown[]>();
    for (let j = 0; j < filled.length; j++) {
      const c = filled[j].column;
      const col = new Array<unknown>(t.rows);
      for (let r = 0; r < t.rows; r++) {
        const src = r >= start && r < end ? fillFrom[j][r] : -1;
        col[r] = src < 0 ? t.cell(r, c) : kinds[src] === ROW_GROUP_HEADER ? groupAt[src]!.value : t.cell(src, c);
      }
      replaced.set(c, col);
    }
    out = t.withColumns(replaced);
  }
  return { kinds: counts.size > 0 ? kinds : null, table: out, filled, counts };
}
