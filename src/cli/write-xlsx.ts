import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type ExcelJS from "exceljs";
import {
  CHART_SIZE,
  NUMBER_FORMATS,
  OWNER_MARKER,
  STATUS_COLORS,
  type ReportBlock,
  type ReportCell,
  type ReportChart,
  type ReportSheet,
  type WorkbookReport,
} from "../report/types";
import { planSheetNames, quoteSheetName } from "../report/sheet-names";
import { uniqueHeaders, uniqueTableName } from "../report/table-names";
import { frozenRows, sheetColumn } from "../report/widths";
import { FACE, HEADER_RULE, sheetPlan, type CellLook, type PlanFont, type PlannedLook, type SheetPlan } from "../report/render-plan";
import { columnLetter } from "../pipeline/text";
import { ChartData } from "./xlsx-charts";
import { addChartsAndLinks, SheetExtras } from "./xlsx-package";
import { excelJS } from "./exceljs";

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
  const wb = new (excelJS().Workbook)();
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
    // Parts stored, not compressed: the package is compressed once, when the charts are in (addChartsAndLinks).
    const bytes = await workbook.xlsx.writeBuffer({ zip: { compression: "STORE" } });
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
  const plan = sheetPlan(sheet);
  const extras: SheetExtras = { name, charts: [], links: [] };

  (sheet.notes ?? []).forEach((note, i) => (ws.getCell(i + 1, 1).value = note));
  for (const block of sheet.blocks) {
    if (block.display === "tiles") writeTiles(ws, block);
    else writeBlock(ws, block, tableNames);
  }
  for (const m of plan.merges) if (m.cols > 1) ws.mergeCells(m.row + 1, m.col + 1, m.row + 1, m.col + m.cols);
  for (const l of plan.looks) applyLook(ws, l);
  for (const n of plan.notes) ws.getCell(n.row + 1, n.col + 1).note = n.text;
  for (const l of plan.links) {
    const ref = `${columnLetter(l.col + 1)}${l.row + 1}`;
    extras.links.push({ ref, location: `${quoteSheetName(names(l.sheet))}!${l.cell}`, tooltip: `Go to ${names(l.sheet)}!${l.cell}` });
  }
  for (const [row, h] of plan.heights) ws.getRow(row + 1).height = Math.round(h * 10) / 10;
  // ExcelJS breaks after the row given: after 1-based row r is before 0-based row r
  for (const row of plan.pageBreaks) ws.getRow(row).addPageBreak();
  plan.widths.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  const freeze = frozenRows(sheet);
  if (freeze > 0) ws.views = [{ state: "frozen", ySplit: freeze, xSplit: 0 }];
  for (const chart of sheet.charts ?? []) {
    const data = chartData(sheet, chart, name);
    if (data) extras.charts.push({ data, row: chart.row, col: chart.col, width: chart.width ?? CHART_SIZE.width, height: chart.height ?? CHART_SIZE.height });
  }
  printSetup(ws, plan);
  // The owner marker: row 1 of a hidden column one past the content, so reruns know the sheet is ours.
  const markerCol = plan.widths.length + 2;
  ws.getColumn(markerCol).hidden = true;
  ws.getCell(1, markerCol).value = OWNER_MARKER;
  return extras;
}

/** Print one page wide (the summary on one page), heading rows repeated, the title and source on top, page x of y below. */
function printSetup(ws: ExcelJS.Worksheet, plan: SheetPlan): void {
  const p = plan.print;
  if (!p) return;
  const setup: Partial<ExcelJS.PageSetup> = {
    orientation: p.orientation,
    fitToPage: true,
    fitToWidth: p.fitWidth,
    fitToHeight: p.fitHeight,
    margins: p.margins,
  };
  if (p.titleRows) setup.printTitlesRow = `${p.titleRows[0] + 1}:${p.titleRows[1] + 1}`;
  // ExcelJS prefixes each part with "$": "A$1:H$40" becomes the absolute $A$1:$H$40
  if (p.area) setup.printArea = `${columnLetter(p.area.firstCol + 1)}$1:${columnLetter(p.area.lastCol + 1)}$${p.area.lastRow + 1}`;
  ws.pageSetup = setup as ExcelJS.PageSetup;
  ws.headerFooter = {
    oddHeader: `&L${p.header.left}&R${p.header.right}`,
    oddFooter: `&C${p.footer.center}`,
  } as ExcelJS.HeaderFooter;
}

/** One planned look on each cell of its range, added to what the cell has. */
function applyLook(ws: ExcelJS.Worksheet, p: PlannedLook): void {
  const l = p.look;
  const font = l.font ? fontOf(l.font) : undefined;
  const fill = l.fill ? solid(l.fill) : undefined;
  const border = l.border ? BORDERS[l.border] : undefined;
  const align: Partial<ExcelJS.Alignment> = {};
  if (l.horizontal) align.horizontal = l.horizontal;
  if (l.vertical) align.vertical = l.vertical;
  if (l.wrap !== undefined) align.wrapText = l.wrap;
  if (l.indent !== undefined) align.indent = l.indent;
  const aligns = Object.keys(align).length > 0;
  for (let r = p.row; r < p.row + p.rows; r++) {
    for (let c = p.col; c < p.col + p.cols; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      if (font) cell.font = { ...cell.font, ...font };
      if (fill) cell.fill = fill;
      if (border) cell.border = border;
      if (aligns) cell.alignment = { ...cell.alignment, ...align };
      if (l.numberFormat) cell.numFmt = l.numberFormat;
    }
  }
}

const BORDERS: Record<NonNullable<CellLook["border"]>, Partial<ExcelJS.Borders>> = {
  headingRule: { bottom: { style: "thin", color: { argb: argb(HEADER_RULE) } } },
  tileGap: { left: { style: "thick", color: { argb: "FFFFFFFF" } }, right: { style: "thick", color: { argb: "FFFFFFFF" } } },
};

function fontOf(f: PlanFont): Partial<ExcelJS.Font> {
  const out: Partial<ExcelJS.Font> = { name: FACE };
  if (f.bold !== undefined) out.bold = f.bold;
  if (f.size !== undefined) out.size = f.size;
  if (f.color) out.color = { argb: argb(f.color) };
  if (f.underline) out.underline = true;
  return out;
}

/** Dashboard tiles' values: a label, the figure, and a line under it, at the first column of each tile. */
function writeTiles(ws: ExcelJS.Worksheet, b: ReportBlock): void {
  for (let c = 0; c < b.headers.length; c++) {
    const col = sheetColumn(b, c) + 1;
    ws.getCell(b.row + 1, col).value = cellValue(b.headers[c]);
    ws.getCell(b.row + 2, col).value = cellValue(b.rows[0]?.[c] ?? null);
    ws.getCell(b.row + 3, col).value = cellValue(b.rows[1]?.[c] ?? null);
  }
}

/** One block's title and values: an Excel table where it is one, else plain cells at each column's start. */
function writeBlock(ws: ExcelJS.Worksheet, block: ReportBlock, tableNames: Set<string>): void {
  const top = block.row + 1;
  const spanned = (block.spans ?? []).some((s) => s > 1);
  const at = (c: number) => sheetColumn(block, c) + 1;
  if (block.title && top > 1) ws.getCell(top - 1, block.col + 1).value = block.title;
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
  if (block.statusColumns && rows.length > 0) {
    for (const c of block.statusColumns) {
      const col = columnLetter(at(c));
      ws.addConditionalFormatting({ ref: `${col}${top + 1}:${col}${top + rows.length}`, rules: statusRules() });
    }
  }
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
