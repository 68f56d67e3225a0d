/**
 * How a report sheet is laid out for reading, decided once for both writers: column widths fitted to what
 * the cells show, long text wrapped in a column sized for it, headings aligned like the values under them,
 * row heights for wrapped text, and the rows kept frozen above the first block's data.
 */
import { NumberFormatName, ReportBlock, ReportCell, ReportSheet } from "./types";

/** Fitted column widths stay within these many characters. */
export const MIN_COLUMN_WIDTH = 8;
export const MAX_COLUMN_WIDTH = 60;
/** Text longer than this wraps in a column this wide instead of widening it. */
export const WRAP_WIDTH = 40;
/** A heading longer than this wraps onto a second line rather than widening a column of short figures. */
const HEADER_WRAP = 14;
/** Points per line of 11-point text, as Excel and LibreOffice lay it out. */
export const LINE_HEIGHT = 15;

const NUMERIC_FORMATS: ReadonlySet<NumberFormatName> = new Set(["currency", "currency2", "percent", "integer", "decimal", "days", "months", "date"]);

/** Characters a cell is likely to show in its number format, for fitting widths without a spreadsheet. */
export function displayLength(cell: ReportCell | undefined, format?: NumberFormatName): number {
  if (cell === null || cell === undefined) return 0;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return 0;
    if (format === "percent") return 7;
    if (format === "date") return 10;
    return Math.round(cell).toLocaleString("en-US").length + (format === "days" ? 5 : format === "months" ? 7 : 0);
  }
  if (typeof cell === "string") return Math.max(0, ...cell.split("\n").map((l) => l.length));
  if (typeof cell === "boolean") return 5;
  return 10;
}

/** Sheet columns block column `c` covers (1 unless the block spans it wider). */
export function spanOf(block: ReportBlock, c: number): number {
  return Math.max(1, block.spans?.[c] ?? 1);
}

/** The 0-based sheet column where block column `c` starts. */
export function sheetColumn(block: ReportBlock, c: number): number {
  let col = block.col;
  for (let k = 0; k < c; k++) col += spanOf(block, k);
  return col;
}

/** Sheet columns a block covers in all. */
export function blockWidth(block: ReportBlock): number {
  return sheetColumn(block, block.headers.length) - block.col;
}

/**
 * How a column's values and its heading are aligned: numbers (and their heading) right, text left, so a
 * heading always sits over its own figures.
 */
export function columnAlign(block: ReportBlock, c: number): "left" | "right" {
  const given = block.align?.[c];
  if (given) return given;
  const f = block.formats?.[c];
  if (f === "text") return "left";
  if (f && NUMERIC_FORMATS.has(f)) return "right";
  // a key-figure list may hold a yes or no among its figures: the figures decide
  let numbers = 0;
  let texts = 0;
  for (const r of block.rows) {
    const v = r[c];
    if (typeof v === "string" && v !== "") texts++;
    else if (typeof v === "number" || (v !== null && typeof v === "object")) numbers++;
  }
  return numbers > texts ? "right" : "left";
}

/** Whether a column's text wraps (it is longer than a column should be wide). */
export function wraps(block: ReportBlock, c: number): boolean {
  if (spanOf(block, c) > 1) return true;
  const f = block.formats?.[c];
  for (const r of block.rows) if (displayLength(r[c], f) > WRAP_WIDTH) return true;
  return false;
}

/**
 * Width in characters per column, up to the widest block: the sheet's own where given, else fitted to the
 * headers and cells of its blocks (long text wraps at WRAP_WIDTH, long headings wrap onto two lines);
 * undefined for a column no block reaches. Cells merged across several columns do not widen any of them.
 */
export function fittedWidths(sheet: ReportSheet): (number | undefined)[] {
  const seen: number[] = [];
  for (const b of sheet.blocks) {
    if (b.display === "tiles") continue;
    for (let c = 0; c < b.headers.length; c++) {
      const col = sheetColumn(b, c);
      if (spanOf(b, c) > 1) {
        if (seen[col] === undefined) seen[col] = 0;
        continue;
      }
      const fmt = b.formats?.[c];
      const header = String(b.headers[c]);
      const longestWord = Math.max(0, ...header.split(/\s+/).map((w) => w.length));
      let w = header.length > HEADER_WRAP ? Math.max(HEADER_WRAP, longestWord) : header.length;
      for (const r of b.rows) w = Math.max(w, Math.min(WRAP_WIDTH, displayLength(r[c], fmt)));
      if (!(seen[col] >= w)) seen[col] = w;
    }
  }
  const out: (number | undefined)[] = [];
  const n = Math.max(seen.length, sheet.columnWidths?.length ?? 0);
  for (let c = 0; c < n; c++) {
    const given = sheet.columnWidths?.[c];
    out[c] = given ?? (seen[c] === undefined ? undefined : Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, seen[c] + 2)));
  }
  return out;
}

/** Lines a text needs in a cell `chars` wide (word-wrapped; explicit line breaks kept). */
export function wrappedLines(text: string, chars: number): number {
  // proportional fonts fit about a tenth more characters than the width counts in digits
  const fit = Math.max(4, Math.floor(chars * 1.1) - 1);
  let lines = 0;
  for (const para of text.split("\n")) {
    let line = 0;
    let n = 1;
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const w = word.length;
      if (line === 0) line = w;
      else if (line + 1 + w <= fit) line += 1 + w;
      else {
        n++;
        line = w;
      }
      while (line > fit) {
        n++;
        line -= fit;
      }
    }
    lines += n;
  }
  return Math.max(1, lines);
}

/** Total width in characters of sheet columns [from, from + span). */
export function spanChars(widths: (number | undefined)[], from: number, span: number): number {
  let w = 0;
  for (let c = from; c < from + span; c++) w += widths[c] ?? MIN_COLUMN_WIDTH;
  return w;
}

/** Rows to freeze: the sheet's choice, else everything above the first block's data. */
export function frozenRows(sheet: ReportSheet): number {
  return sheet.freezeRows ?? (sheet.blocks.length > 0 ? sheet.blocks[0].row + 1 : 0);
}
