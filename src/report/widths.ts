/**
 * How a report sheet is laid out for reading, decided once for both writers: column widths fitted to what
 * the cells show, and the rows kept frozen above the first block's data.
 */
import { NumberFormatName, ReportCell, ReportSheet } from "./types";

/** Fitted column widths stay within these many characters. */
export const MIN_COLUMN_WIDTH = 8;
export const MAX_COLUMN_WIDTH = 60;

/** Characters a cell is likely to show in its number format, for fitting widths without a spreadsheet. */
export function displayLength(cell: ReportCell | undefined, format?: NumberFormatName): number {
  if (cell === null || cell === undefined) return 0;
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return 0;
    if (format === "percent") return 7;
    if (format === "date") return 10;
    // two decimals (currency2, decimal) add ".00"
    const decimals = format === "currency2" || format === "decimal" ? 3 : 0;
    return Math.round(cell).toLocaleString("en-US").length + decimals + (format === "days" ? 5 : format === "months" ? 7 : 0);
  }
  if (typeof cell === "string") return Math.max(0, ...cell.split("\n").map((l) => l.length));
  if (typeof cell === "boolean") return 5;
  return 10;
}

/**
 * Width in characters per column, up to the widest block: the sheet's own where given, else fitted to the
 * headers and cells of its blocks; undefined for a column no block reaches (notes overflow into it).
 */
export function fittedWidths(sheet: ReportSheet): (number | undefined)[] {
  const seen: number[] = [];
  for (const b of sheet.blocks) {
    for (let c = 0; c < b.headers.length; c++) {
      const fmt = b.formats?.[c];
      let w = String(b.headers[c]).length;
      for (const r of b.rows) w = Math.max(w, displayLength(r[c], fmt));
      const col = b.col + c;
      if (!(seen[col] >= w)) seen[col] = w;
    }
  }
  const out: (number | undefined)[] = [];
  for (let c = 0; c < seen.length; c++) {
    const given = sheet.columnWidths?.[c];
    out[c] = given ?? (seen[c] === undefined ? undefined : Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, seen[c] + 2)));
  }
  return out;
}

/** Rows to freeze: the sheet's choice, else everything above the first block's data. */
export function frozenRows(sheet: ReportSheet): number {
  return sheet.freezeRows ?? (sheet.blocks.length > 0 ? sheet.blocks[0].row + 1 : 0);
}
