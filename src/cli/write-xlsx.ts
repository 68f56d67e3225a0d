import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import {
  CHART_SIZE,
  NUMBER_FORMATS,
  OWNER_MARKER,
  STATUS_COLORS,
  type NoteStyle,
  type NumberFormatName,
  type ReportBlock,
  type ReportCell,
  type ReportChart,
  type ReportSheet,
  type WorkbookReport,
} from "../report/types";
import { planSheetNames, quoteSheetName } from "../report/sheet-names";
import { uniqueHeaders, uniqueTableName } from "../report/table-names";
import { blockWidth, columnAlign, fittedWidths, frozenRows, LINE_HEIGHT, MIN_COLUMN_WIDTH, sheetColumn, spanChars, spanOf, wrappedLines, wraps } from "../report/widths";
import { columnLetter } from "../pipeline/text";
import { ChartData } from "./xlsx-charts";
import { addChartsAndLinks, SheetExtras } from "./xlsx-package";

/** The house look: dark blue titles, grey headings, a light tile background. */
const INK = "1F4E79";
const GREY = "595959";
const HEADER_FILL = "F2F2F2";
const TILE_FILL = "EEF3F8";

/** The workbook's font (ExcelJS's default); every font we set names it, or LibreOffice falls back to a serif. */
const FACE = "Calibri";

const NOTE_FONTS: Record<NoteStyle, Partial<ExcelJS.Font>> = {
  title: { name: FACE, bold: true, size: 16, color: { argb: `FF${INK}` } },
  subtitle: { name: FACE, size: 10, color: { argb: `FF${GREY}` } },
  headline: { name: FACE, bold: true, size: 13 },
  warning: { name: FACE, bold: true, size: 11, color: { argb: "FF9C0006" } },
  plain: { name: FACE, size: 11 },
};

/** A rendered workbook and what ExcelJS cannot write into it (charts, links to cells), added afterwards. */
export interface RenderedReport {
  workbook: ExcelJS.Workbook;
  extras: SheetExtras[];
}

/**
 * Render a workbook description as a new ExcelJS workbook: values, number formats, headings aligned like
 * their values, wrapped text in fitted columns, Excel tables, status colours by conditional formatting,
 * notes on blank cells, dashboard tiles, print setup (one page wide, heading rows repeated, header and
 * footer), and our owner marker in row 1 of a hidden column on every sheet. Strings are always text cells,
 * never formulas. Charts and links to cells come back in `extras` (see writeReportFile).
 */
export function renderWorkbook(report: WorkbookReport): RenderedReport {
  const wb = new ExcelJS.Workbook();
  wb.creator = "GTM Compass";
  wb.keywords = OWNER_MARKER;
  const plan = planSheetNames(report.sheets.map((s) => s.name), []);
  const names = (n: string): string => plan.names[n] ?? n;
  const tableNames = new Set<string>();
  const extras = report.sheets.map((sheet) => renderSheet(wb, sheet, names(sheet.name), tableNames, names));
  return { workbook: wb, extras };
}

/** The ExcelJS workbook alone (without the charts and links spliced in by writeReportFile). */
export function renderReport(report: WorkbookReport): ExcelJS.Workbook {
  return renderWorkbook(report).workbook;
}

/**
 * Write the report to `path` through a temporary file in the same folder, so an interrupted run never
 * leaves a half-written workbook where the previous result was.
 */
export async function writeReportFile(report: WorkbookReport, path: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    const { workbook, extras } = renderWorkbook(report);
    const bytes = await workbook.xlsx.writeBuffer();
    writeFileSync(tmp, await addChartsAndLinks(bytes as ArrayBuffer, extras));
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw e;
  }
}

function renderSheet(wb: ExcelJS.Workbook, sheet: ReportSheet, name: string, tableNames: Set<string>, names: (n: string) => string): SheetExtras {
  const ws = wb.addWorksheet(name, sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {});
  const widths = fittedWidths(sheet);
  const extras: SheetExtras = { name, charts: [], links: [] };
  const heights = new Map<number, number>();
  const needHeight = (row: number, points: number) => heights.set(row, Math.max(heights.get(row) ?? 0, points));

  const span = Math.max(1, sheet.noteSpan ?? 1);
  (sheet.notes ?? []).forEach((note, i) => {
    const style = sheet.noteStyles?.[i] ?? "plain";
    const cell = ws.getCell(i + 1, 1);
    cell.value = note;
    cell.font = NOTE_FONTS[style];
    if (style === "warning") cell.fill = solid("FFC7CE");
    if (span > 1) {
      ws.mergeCells(i + 1, 1, i + 1, span);
      cell.alignment = { wrapText: true, vertical: "middle" };
      const size = NOTE_FONTS[style].size ?? 11;
      const lines = wrappedLines(note, (spanChars(widths, 0, span) * 11) / size);
      needHeight(i + 1, Math.max(style === "title" ? 24 : 0, lines * LINE_HEIGHT * (size / 11) + 3));
    }
  });
  let lastRow = sheet.notes?.length ?? 0;
  let lastCol = 1;
  for (const block of sheet.blocks) {
    const end = block.display === "tiles" ? renderTiles(ws, block, needHeight) : renderBlock(ws, block, tableNames, widths, needHeight);
    lastRow = Math.max(lastRow, end.row);
    lastCol = Math.max(lastCol, end.col);
    for (const l of block.links ?? []) {
      const ref = `${columnLetter(sheetColumn(block, l.col) + 1)}${block.row + 2 + l.row}`;
      extras.links.push({ ref, location: `${quoteSheetName(names(l.to.sheet))}!${l.to.cell}`, tooltip: `Go to ${names(l.to.sheet)}!${l.to.cell}` });
      ws.getCell(ref).font = { name: FACE, color: { argb: "FF0563C1" }, underline: true };
    }
  }
  for (const [row, h] of heights) ws.getRow(row).height = Math.round(h * 10) / 10;
  if (sheet.print && sheet.print.fitHeight === 0) {
    for (const row of pageBreaks(sheet, widths, heights)) ws.getRow(row).addPageBreak();
  }
  for (let c = 0; c < Math.max(lastCol, widths.length); c++) ws.getColumn(c + 1).width = widths[c] ?? MIN_COLUMN_WIDTH;
  const freeze = frozenRows(sheet);
  if (freeze > 0) ws.views = [{ state: "frozen", ySplit: freeze, xSplit: 0 }];
  for (const chart of sheet.charts ?? []) {
    const data = chartData(sheet, chart, name);
    if (data) extras.charts.push({ data, row: chart.row, col: chart.col, width: chart.width ?? CHART_SIZE.width, height: chart.height ?? CHART_SIZE.height });
  }
  printSetup(ws, sheet, lastRow, Math.max(lastCol, widths.length));
  // The owner marker: row 1 of a hidden column one past the content, so reruns know the sheet is ours.
  const markerCol = Math.max(lastCol, widths.length) + 2;
  ws.getColumn(markerCol).hidden = true;
  ws.getCell(1, markerCol).value = OWNER_MARKER;
  return extras;
}

/** Letter paper less our margins, in points: the smaller of Letter and A4 each way, so either prints. */
const PRINTABLE = { width: 8.27 * 72 - 72, height: 11 * 72 - 1.4 * 72 - 30 };
/** Excel's column width (characters of the default font) in points: 7 pixels a character and 5 of padding. */
const columnPoints = (chars: number): number => ((chars * 7 + 5) * 3) / 4;

/**
 * Rows (1-based) before which a printed page should break, so no table's title is parted from it and no
 * chart is cut in two: each table with its title, and each chart, is a unit; a unit that would cross the
 * bottom of a page starts the next one. The page's height is taken at the scale that fits the sheet's
 * width on one page.
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

/** Print one page wide (the summary on one page), heading rows repeated, the title and source on top, page x of y below. */
function printSetup(ws: ExcelJS.Worksheet, sheet: ReportSheet, lastRow: number, lastCol: number): void {
  const p = sheet.print;
  if (!p) return;
  const setup: Partial<ExcelJS.PageSetup> = {
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: p.fitHeight,
    margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
  };
  if (p.repeatRows) setup.printTitlesRow = `${p.repeatRows[0] + 1}:${p.repeatRows[1] + 1}`;
  // ExcelJS prefixes each part with "$": "A$1:H$40" becomes the absolute $A$1:$H$40
  if (p.columns) setup.printArea = `${columnLetter(p.columns[0] + 1)}$1:${columnLetter(p.columns[1] + 1)}$${Math.max(1, lastRow)}`;
  ws.pageSetup = setup as ExcelJS.PageSetup;
  const esc = (s: string) => s.replace(/&/g, "&&");
  ws.headerFooter = {
    oddHeader: `&L&"-,Bold"${esc(p.header.left)}&R${esc(p.header.right)}`,
    oddFooter: "&CPage &P of &N",
  } as ExcelJS.HeaderFooter;
}

/** Dashboard tiles: a label, the figure large, and a line under it; each tile spans its columns. */
function renderTiles(ws: ExcelJS.Worksheet, b: ReportBlock, needHeight: (row: number, points: number) => void): { row: number; col: number } {
  const top = b.row + 1;
  const border: Partial<ExcelJS.Borders> = { left: { style: "thick", color: { argb: "FFFFFFFF" } }, right: { style: "thick", color: { argb: "FFFFFFFF" } } };
  for (let c = 0; c < b.headers.length; c++) {
    const left = sheetColumn(b, c) + 1;
    const right = left + spanOf(b, c) - 1;
    const parts: [number, ReportCell, Partial<ExcelJS.Font>][] = [
      [top, b.headers[c], { name: FACE, size: 9, color: { argb: `FF${GREY}` } }],
      [top + 1, b.rows[0]?.[c] ?? null, { name: FACE, size: 18, bold: true, color: { argb: `FF${INK}` } }],
      [top + 2, b.rows[1]?.[c] ?? null, { name: FACE, size: 8, color: { argb: `FF${GREY}` } }],
    ];
    for (const [row, value, font] of parts) {
      if (right > left) ws.mergeCells(row, left, row, right);
      const cell = ws.getCell(row, left);
      cell.value = cellValue(value);
      cell.font = font;
      cell.alignment = { horizontal: "center", vertical: row === top + 2 ? "top" : "middle", wrapText: row === top + 2 };
      for (let k = left; k <= right; k++) {
        ws.getCell(row, k).fill = solid(TILE_FILL);
        ws.getCell(row, k).border = border;
      }
    }
    const fmt = b.formats?.[c];
    if (fmt) ws.getCell(top + 1, left).numFmt = NUMBER_FORMATS[fmt];
    for (const n of b.cellNotes ?? []) if (n.col === c) ws.getCell(top + 1 + n.row, left).note = n.text;
  }
  needHeight(top, 16);
  needHeight(top + 1, 30);
  needHeight(top + 2, 34);
  return { row: top + 2, col: b.col + blockWidth(b) };
}

/** Write one block; returns its last used row and column (1-based). */
function renderBlock(
  ws: ExcelJS.Worksheet,
  block: ReportBlock,
  tableNames: Set<string>,
  widths: (number | undefined)[],
  needHeight: (row: number, points: number) => void,
): { row: number; col: number } {
  const top = block.row + 1;
  const width = block.headers.length;
  const spanned = (block.spans ?? []).some((s) => s > 1);
  const at = (c: number) => sheetColumn(block, c) + 1;
  if (block.title && top > 1) {
    const t = ws.getCell(top - 1, block.col + 1);
    t.value = block.title;
    t.font = { name: FACE, bold: true, size: 12, color: { argb: `FF${INK}` } };
  }
  const headers = uniqueHeaders(block.headers);
  const rows = block.rows.map((r) => headers.map((_, c) => cellValue(r[c])));
  const tableName = block.tableName && rows.length > 0 && !spanned ? uniqueTableName(block.tableName, tableNames) : undefined;
  if (tableName) {
    ws.addTable({
      name: tableName,
      displayName: tableName,
      ref: ws.getCell(top, block.col + 1).address,
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows,
    });
  } else {
    headers.forEach((h, c) => (ws.getCell(top, at(c)).value = h));
    rows.forEach((r, i) => r.forEach((v, c) => (ws.getCell(top + 1 + i, at(c)).value = v)));
  }
  const align = headers.map((_, c) => columnAlign(block, c));
  const wrap = headers.map((_, c) => wraps(block, c));
  let headerLines = 1;
  for (let c = 0; c < width; c++) {
    const left = at(c);
    const span = spanOf(block, c);
    const chars = spanChars(widths, left - 1, span);
    const h = ws.getCell(top, left);
    // the heading's look is set on the cells, so it reads the same where table styles are not drawn (LibreOffice)
    h.font = { name: FACE, bold: true, color: { argb: `FF${INK}` } };
    // text after a column of figures gets an indent, so "30,858" and "yes" do not run together
    const indent = align[c] === "left" && c > 0 ? 1 : 0;
    h.alignment = { horizontal: align[c], vertical: "bottom", wrapText: true, indent };
    headerLines = Math.max(headerLines, wrappedLines(headers[c], chars));
    for (let k = left; k < left + span; k++) {
      ws.getCell(top, k).fill = solid(HEADER_FILL);
      ws.getCell(top, k).border = { bottom: { style: "thin", color: { argb: "FF8EA9C1" } } };
    }
    if (span > 1 && !tableName) ws.mergeCells(top, left, top, left + span - 1);
    const colFmt = block.formats?.[c];
    for (let i = 0; i < rows.length; i++) {
      const cell = ws.getCell(top + 1 + i, left);
      const fmt: NumberFormatName | undefined = colFmt ?? (typeof rows[i][c] === "number" ? block.rowFormats?.[i] : undefined);
      if (fmt) cell.numFmt = NUMBER_FORMATS[fmt];
      cell.alignment = { horizontal: align[c], vertical: "top", wrapText: wrap[c], indent };
      if (span > 1) ws.mergeCells(top + 1 + i, left, top + 1 + i, left + span - 1);
      const v = rows[i][c];
      if (wrap[c] && typeof v === "string") needHeight(top + 1 + i, wrappedLines(v, chars) * LINE_HEIGHT + 2);
    }
  }
  if (headerLines > 1) needHeight(top, headerLines * LINE_HEIGHT + 2);
  if (block.statusColumns && rows.length > 0) {
    for (const c of block.statusColumns) {
      const col = columnLetter(at(c));
      ws.addConditionalFormatting({ ref: `${col}${top + 1}:${col}${top + rows.length}`, rules: statusRules() });
    }
  }
  for (const n of block.cellNotes ?? []) {
    if (n.row < rows.length && n.col < width) ws.getCell(top + 1 + n.row, at(n.col)).note = n.text;
  }
  return { row: top + rows.length, col: block.col + blockWidth(block) };
}

/** A chart spec resolved to the cells of its block and their values. */
function chartData(sheet: ReportSheet, chart: ReportChart, sheetName: string): ChartData | null {
  const b = sheet.blocks[chart.block];
  if (!b || b.rows.length === 0 || chart.series.length === 0) return null;
  const q = quoteSheetName(sheetName);
  const first = b.row + 2;
  const last = b.row + 1 + b.rows.length;
  const ref = (c: number, from: number, to: number) => {
    const col = columnLetter(sheetColumn(b, c) + 1);
    return from === to ? `${q}!$${col}$${from}` : `${q}!$${col}$${from}:$${col}$${to}`;
  };
  const num = (v: ReportCell | undefined): number | null => {
    if (typeof v === "number") return Number.isFinite(v) ? v : null;
    if (v !== null && typeof v === "object" && typeof v.result === "number") return v.result;
    return null;
  };
  const formatOf = (c: number) => NUMBER_FORMATS[b.formats?.[c] ?? "integer"] ?? "General";
  const primary = chart.series.find((s) => !(chart.secondary ?? []).includes(s)) ?? chart.series[0];
  const secondary = (chart.secondary ?? [])[0];
  return {
    type: chart.type,
    title: chart.title,
    categoriesRef: ref(0, first, last),
    categories: b.rows.map((r) => (r[0] === null || r[0] === undefined ? "" : String(typeof r[0] === "object" ? r[0].result ?? "" : r[0]))),
    xValues: chart.type === "scatter" ? b.rows.map((r) => num(r[0])) : undefined,
    series: chart.series.map((s) => ({
      nameRef: ref(s, first - 1, first - 1),
      name: b.headers[s] ?? `Series ${s}`,
      valuesRef: ref(s, first, last),
      values: b.rows.map((r) => num(r[s])),
      line: (chart.lineSeries ?? []).includes(s),
      secondary: (chart.secondary ?? []).includes(s),
    })),
    format: formatOf(primary),
    secondaryFormat: secondary !== undefined ? formatOf(secondary) : undefined,
    dataLabels: Boolean(chart.dataLabels),
  };
}

/** One rule per status word, exact match on the cell text. */
function statusRules(): ExcelJS.ConditionalFormattingRule[] {
  return Object.entries(STATUS_COLORS).map(([word, c], i) => ({
    type: "cellIs",
    operator: "equal",
    priority: i + 1,
    formulae: [`"${word}"`],
    style: {
      fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(c.fill) } },
      font: { color: { argb: argb(c.font) }, bold: true },
    },
  }));
}

function solid(hex: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) } };
}

/**
 * A report cell as an ExcelJS value. Plain strings stay strings (ExcelJS stores them as text, so "=1+2" or
 * "@x" typed by a user is never a live formula); only ReportFormula objects, authored by GTM Compass, are.
 */
function cellValue(v: ReportCell | undefined): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  const result = v.result === null || v.result === undefined ? undefined : v.result;
  return { formula: v.formula.replace(/^=/, ""), result: result as number | string | boolean | undefined } as ExcelJS.CellFormulaValue;
}

function argb(hex: string): string {
  const h = hex.replace(/^#/, "").toUpperCase();
  return h.length === 6 ? `FF${h}` : h;
}
