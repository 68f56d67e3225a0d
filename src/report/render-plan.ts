/**
 * How a report sheet looks, cell by cell, decided once for both writers: which cells merge, how each range
 * is aligned, wrapped, indented, filled, bordered and number-formatted, which fonts titles, headings, tiles
 * and links use, row heights for wrapped text, cell notes, links to other cells, page breaks and the print
 * setup. The command line (ExcelJS) and the task pane (Office.js) both render this plan and nothing else of
 * their own, so a workbook looks the same whichever wrote it.
 */
import { CHART_SIZE, NUMBER_FORMATS, type NoteStyle, type NumberFormatName, type ReportBlock, type ReportSheet } from "./types";
import { blockWidth, columnAlign, fittedWidths, LINE_HEIGHT, MIN_COLUMN_WIDTH, sheetColumn, spanChars, spanOf, wrappedLines, wraps } from "./widths";
import { uniqueHeaders } from "./table-names";

/** The house look: dark blue titles, grey headings, a light tile background, one font. */
export const INK = "1F4E79";
export const GREY = "595959";
export const HEADER_FILL = "F2F2F2";
export const TILE_FILL = "EEF3F8";
export const WARNING_FILL = "FFC7CE";
export const LINK_COLOR = "0563C1";
export const HEADER_RULE = "8EA9C1";
/** Every font names it (LibreOffice falls back to a serif otherwise). */
export const FACE = "Calibri";
/** Footer on every printed page. */
export const PAGE_FOOTER = "Page &P of &N";

export interface PlanFont {
  bold?: boolean;
  size?: number;
  /** RGB hex, no "#". */
  color?: string;
  underline?: boolean;
}

/** What a range of cells looks like; a writer applies the properties given and leaves the rest. */
export interface CellLook {
  font?: PlanFont;
  /** RGB hex, no "#". */
  fill?: string;
  horizontal?: "left" | "right" | "center";
  vertical?: "top" | "middle" | "bottom";
  wrap?: boolean;
  indent?: number;
  /** An Excel number-format code. */
  numberFormat?: string;
  /** A thin rule under a heading, or the white gaps between dashboard tiles. */
  border?: "headingRule" | "tileGap";
}

/** A rectangle (0-based) and its look. */
export interface PlannedLook {
  row: number;
  col: number;
  rows: number;
  cols: number;
  look: CellLook;
}

export interface PlannedPrint {
  orientation: "portrait" | "landscape";
  /** Pages wide and tall to fit into; 0 tall = as many as needed. */
  fitWidth: 1;
  fitHeight: 0 | 1;
  /** Rows (0-based, inclusive) repeated at the top of every page. */
  titleRows?: [number, number];
  /** Print only these columns (0-based, inclusive) down to `lastRow` (0-based). */
  area?: { firstCol: number; lastCol: number; lastRow: number };
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Header text (Excel's header codes: "&&" is a literal "&"). */
  header: { left: string; right: string };
  footer: { center: string };
}

export interface SheetPlan {
  /** Single-row merges: `cols` sheet columns from (row, col), 0-based. */
  merges: { row: number; col: number; cols: number }[];
  /** Applied in order; a later look adds to (and overrides) an earlier one on the same cells. */
  looks: PlannedLook[];
  /** Row heights in points by 0-based row, where the default would clip wrapped text. */
  heights: Map<number, number>;
  /** Column widths in characters, by 0-based column. */
  widths: number[];
  /** Cell notes (why a blank is blank). */
  notes: { row: number; col: number; text: string }[];
  /** Cells that link to a cell of the workbook; `sheet` is the wanted sheet name (a writer maps renames). */
  links: { row: number; col: number; sheet: string; cell: string }[];
  /** 0-based rows that start a new printed page. */
  pageBreaks: number[];
  print?: PlannedPrint;
  /** Last row and column (0-based) anything is written to. */
  lastRow: number;
  lastCol: number;
}

/** Fonts of the lines above the blocks. */
export const NOTE_FONTS: Record<NoteStyle, PlanFont> = {
  title: { bold: true, size: 16, color: INK },
  subtitle: { size: 10, color: GREY },
  headline: { bold: true, size: 13 },
  warning: { bold: true, size: 11, color: "9C0006" },
  plain: { size: 11 },
};

/** The cell's number format: the column's, else (for a number) the row's in a key-figure list. */
export function cellFormat(block: ReportBlock, r: number, c: number): NumberFormatName | undefined {
  const col = block.formats?.[c];
  if (col) return col;
  return typeof block.rows[r]?.[c] === "number" ? block.rowFormats?.[r] : undefined;
}

/** The plan of one sheet. */
export function sheetPlan(sheet: ReportSheet): SheetPlan {
  const widths = fittedWidths(sheet);
  const plan: SheetPlan = { merges: [], looks: [], heights: new Map(), widths: [], notes: [], links: [], pageBreaks: [], lastRow: 0, lastCol: 0 };
  const need = (row: number, points: number) => plan.heights.set(row, Math.max(plan.heights.get(row) ?? 0, points));
  const look = (row: number, col: number, rows: number, cols: number, l: CellLook) => {
    if (rows > 0 && cols > 0) plan.looks.push({ row, col, rows, cols, look: l });
  };

  const span = Math.max(1, sheet.noteSpan ?? 1);
  (sheet.notes ?? []).forEach((note, i) => {
    const style = sheet.noteStyles?.[i] ?? "plain";
    const font = NOTE_FONTS[style];
    look(i, 0, 1, 1, { font, ...(style === "warning" ? { fill: WARNING_FILL } : {}) });
    if (span > 1) {
      plan.merges.push({ row: i, col: 0, cols: span });
      look(i, 0, 1, 1, { wrap: true, vertical: "middle" });
      const size = font.size ?? 11;
      const lines = wrappedLines(note, (spanChars(widths, 0, span) * 11) / size);
      need(i, Math.max(style === "title" ? 24 : 0, lines * LINE_HEIGHT * (size / 11) + 3));
    }
  });
  let lastRow = (sheet.notes?.length ?? 0) - 1;
  let lastCol = 0;
  for (const block of sheet.blocks) {
    const end = block.display === "tiles" ? planTiles(plan, block, need, look) : planBlock(plan, block, widths, need, look);
    lastRow = Math.max(lastRow, end.row);
    lastCol = Math.max(lastCol, end.col);
    for (const l of block.links ?? []) {
      const row = block.row + 1 + l.row;
      const col = sheetColumn(block, l.col);
      plan.links.push({ row, col, sheet: l.to.sheet, cell: l.to.cell });
      look(row, col, 1, 1, { font: { color: LINK_COLOR, underline: true } });
    }
  }
  const columns = Math.max(lastCol + 1, widths.length);
  for (let c = 0; c < columns; c++) plan.widths.push(widths[c] ?? MIN_COLUMN_WIDTH);
  if (sheet.print && sheet.print.fitHeight === 0) plan.pageBreaks = pageBreaks(sheet, widths, oneBased(plan.heights));
  plan.lastRow = Math.max(0, lastRow);
  plan.lastCol = columns - 1;
  const p = sheet.print;
  if (p) {
    plan.print = {
      orientation: p.orientation,
      fitWidth: 1,
      fitHeight: p.fitHeight,
      titleRows: p.repeatRows,
      area: p.columns ? { firstCol: p.columns[0], lastCol: p.columns[1], lastRow: Math.max(0, lastRow) } : undefined,
      margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
      header: { left: `&"-,Bold"${escapeHeader(p.header.left)}`, right: escapeHeader(p.header.right) },
      footer: { center: PAGE_FOOTER },
    };
  }
  return plan;
}

/** "&" in header text is Excel's code character: a literal one is doubled. */
function escapeHeader(s: string): string {
  return s.replace(/&/g, "&&");
}

function oneBased(heights: Map<number, number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const [r, h] of heights) out.set(r + 1, h);
  return out;
}

type Need = (row: number, points: number) => void;
type Look = (row: number, col: number, rows: number, cols: number, l: CellLook) => void;

/** Dashboard tiles: a label, the figure large, and a line under it; each tile spans its columns. */
function planTiles(plan: SheetPlan, b: ReportBlock, need: Need, look: Look): { row: number; col: number } {
  const top = b.row;
  for (let c = 0; c < b.headers.length; c++) {
    const left = sheetColumn(b, c);
    const cols = spanOf(b, c);
    const parts: [number, PlanFont][] = [
      [top, { size: 9, color: GREY }],
      [top + 1, { size: 18, bold: true, color: INK }],
      [top + 2, { size: 8, color: GREY }],
    ];
    for (const [row, font] of parts) {
      if (cols > 1) plan.merges.push({ row, col: left, cols });
      look(row, left, 1, cols, { fill: TILE_FILL, border: "tileGap" });
      look(row, left, 1, 1, { font, horizontal: "center", vertical: row === top + 2 ? "top" : "middle", wrap: row === top + 2 });
    }
    const fmt = b.formats?.[c];
    if (fmt) look(top + 1, left, 1, 1, { numberFormat: NUMBER_FORMATS[fmt] });
    for (const n of b.cellNotes ?? []) if (n.col === c) plan.notes.push({ row: top + 1 + n.row, col: left, text: n.text });
  }
  need(top, 16);
  need(top + 1, 30);
  need(top + 2, 34);
  return { row: top + 2, col: b.col + blockWidth(b) - 1 };
}

/** A block: its title, a heading aligned like its values, the values formatted, wrapped and merged across spans. */
function planBlock(plan: SheetPlan, block: ReportBlock, widths: (number | undefined)[], need: Need, look: Look): { row: number; col: number } {
  const top = block.row;
  const n = block.rows.length;
  const headers = uniqueHeaders(block.headers);
  const merged = (block.spans ?? []).some((s) => s > 1);
  const table = Boolean(block.tableName) && n > 0 && !merged;
  if (block.title && top > 0) look(top - 1, block.col, 1, 1, { font: { bold: true, size: 12, color: INK } });
  let headerLines = 1;
  for (let c = 0; c < headers.length; c++) {
    const left = sheetColumn(block, c);
    const cols = spanOf(block, c);
    const chars = spanChars(widths, left, cols);
    const align = columnAlign(block, c);
    const wrap = wraps(block, c);
    // text after a column of figures gets an indent, so "30,858" and "yes" do not run together
    const indent = align === "left" && c > 0 ? 1 : 0;
    // the heading's look is set on the cells, so it reads the same where table styles are not drawn (LibreOffice)
    look(top, left, 1, cols, { fill: HEADER_FILL, border: "headingRule" });
    look(top, left, 1, 1, { font: { bold: true, color: INK }, horizontal: align, vertical: "bottom", wrap: true, indent });
    headerLines = Math.max(headerLines, wrappedLines(headers[c], chars));
    if (cols > 1 && !table) plan.merges.push({ row: top, col: left, cols });
    if (n > 0) look(top + 1, left, n, 1, { horizontal: align, vertical: "top", wrap, indent });
    const colFmt = block.formats?.[c];
    if (colFmt && n > 0) look(top + 1, left, n, 1, { numberFormat: NUMBER_FORMATS[colFmt] });
    for (let i = 0; i < n; i++) {
      if (!colFmt) {
        const fmt = cellFormat(block, i, c);
        if (fmt) look(top + 1 + i, left, 1, 1, { numberFormat: NUMBER_FORMATS[fmt] });
      }
      if (cols > 1) plan.merges.push({ row: top + 1 + i, col: left, cols });
      const v = block.rows[i][c];
      if (wrap && typeof v === "string") need(top + 1 + i, wrappedLines(v, chars) * LINE_HEIGHT + 2);
    }
  }
  if (headerLines > 1) need(top, headerLines * LINE_HEIGHT + 2);
  for (const note of block.cellNotes ?? []) {
    if (note.row < n && note.col < headers.length) plan.notes.push({ row: top + 1 + note.row, col: sheetColumn(block, note.col), text: note.text });
  }
  return { row: top + n, col: block.col + blockWidth(block) - 1 };
}

/** Letter paper less our margins, in points: the smaller of Letter and A4 each way, so either prints. */
const PRINTABLE = { width: 8.27 * 72 - 72, height: 11 * 72 - 1.4 * 72 - 30 };
/** Excel's column width (characters of the default font) in points: 7 pixels a character and 5 of padding. */
const columnPoints = (chars: number): number => ((chars * 7 + 5) * 3) / 4;

/**
 * Rows (1-based) before which a printed page should break, so no table's title is parted from it and no
 * chart is cut in two: each table with its title, and each chart, is a unit; a unit that would cross the
 * bottom of a page starts the next one. The page's height is taken at the scale that fits the sheet's
 * width on one page. `heights` is keyed by 1-based row. A returned row r breaks after 1-based row r, so r is
 * also the 0-based index of the row that starts the next page.
 */
export function pageBreaks(sheet: ReportSheet, widths: (number | undefined)[], heights: Map<number, number>): number[] {
  const units: [number, number][] = [];
  for (const b of sheet.blocks) units.push([b.row - (b.title ? 1 : 0) + 1, b.row + 1 + b.rows.length]);
  let right = 0;
  for (let c = 0; c < widths.length; c++) right += columnPoints(widths[c] ?? MIN_COLUMN_WIDTH);
  for (const ch of sheet.charts ?? []) {
    const h = ch.height ?? CHART_SIZE.height;
    units.push([ch.row + 1, ch.row + 1 + Math.ceil(h / LINE_HEIGHT)]);
    let left = 0;
    for (let c = 0; c < ch.col; c++) left += columnPoints(widths[c] ?? MIN_COLUMN_WIDTH);
    right = Math.max(right, left + (ch.width ?? CHART_SIZE.width));
  }
  units.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const scale = Math.min(1, PRINTABLE.width / Math.max(1, right));
  const top = (row: number): number => {
    let y = 0;
    for (let r = 1; r < row; r++) y += heights.get(r) ?? LINE_HEIGHT;
    return y;
  };
  const repeat = sheet.print?.repeatRows;
  const repeated = repeat ? top(repeat[1] + 2) - top(repeat[0] + 1) : 0;
  const page = (PRINTABLE.height * 0.96) / scale - repeated;
  const breaks: number[] = [];
  let pageTop = top(Math.max(1, units[0]?.[0] ?? 1));
  for (const [from, to] of units) {
    const y0 = top(from);
    const y1 = top(to + 1);
    while (y1 - pageTop > page) {
      if (y0 > pageTop && y1 - y0 <= page) {
        breaks.push(from - 1);
        pageTop = y0;
      } else {
        pageTop += page;
      }
    }
  }
  return [...new Set(breaks)].filter((r) => r > 0);
}
