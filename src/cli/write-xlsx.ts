import { renameSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import ExcelJS from "exceljs";
import {
  NUMBER_FORMATS,
  OWNER_MARKER,
  STATUS_COLORS,
  type ReportBlock,
  type ReportCell,
  type ReportSheet,
  type WorkbookReport,
} from "../report/types";
import { planSheetNames } from "../report/sheet-names";
import { uniqueHeaders, uniqueTableName } from "../report/table-names";
import { fittedWidths, frozenRows, MIN_COLUMN_WIDTH } from "../report/widths";

/** What the command line says about charts: ExcelJS writes none, the add-in draws them. */
export const CHARTS_NOTE =
  "Charts: this workbook was written by the gtm-compass command line, which cannot draw Excel charts; " +
  "the GTM Compass add-in draws them in Excel. Data for the charts:";

/**
 * Render a workbook description as a new ExcelJS workbook: values, number formats, bold and frozen
 * headers, fitted column widths, Excel tables, status colours by conditional formatting, and our owner
 * marker in row 1 of a hidden column on every sheet. Strings are always text cells, never formulas.
 */
export function renderReport(report: WorkbookReport): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "GTM Compass";
  wb.keywords = OWNER_MARKER;
  const plan = planSheetNames(report.sheets.map((s) => s.name), []);
  const tableNames = new Set<string>();
  for (const sheet of report.sheets) renderSheet(wb, sheet, plan.names[sheet.name] ?? sheet.name, tableNames);
  return wb;
}

/**
 * Write the report to `path` through a temporary file in the same folder, so an interrupted run never
 * leaves a half-written workbook where the previous result was.
 */
export async function writeReportFile(report: WorkbookReport, path: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await renderReport(report).xlsx.writeFile(tmp);
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

function renderSheet(wb: ExcelJS.Workbook, sheet: ReportSheet, name: string, tableNames: Set<string>): void {
  const ws = wb.addWorksheet(name, sheet.tabColor ? { properties: { tabColor: { argb: argb(sheet.tabColor) } } } : {});
  (sheet.notes ?? []).forEach((note, i) => {
    ws.getCell(i + 1, 1).value = note;
  });
  let lastRow = sheet.notes?.length ?? 0;
  let lastCol = 1;
  for (const block of sheet.blocks) {
    const end = renderBlock(ws, block, tableNames);
    lastRow = Math.max(lastRow, end.row);
    lastCol = Math.max(lastCol, end.col);
  }
  if (sheet.charts && sheet.charts.length > 0) {
    // ExcelJS cannot create charts: say so where the chart would be expected instead of leaving a gap.
    const at = lastRow + 2;
    ws.getCell(at, 1).value = CHARTS_NOTE;
    sheet.charts.forEach((c, i) => {
      const block = sheet.blocks[c.block];
      const series = block ? c.series.map((s) => block.headers[s]).filter(Boolean).join(", ") : "";
      ws.getCell(at + 1 + i, 1).value = `- ${c.title} (${c.type}${series ? `: ${series}` : ""})`;
    });
  }
  // Widths: the ones given, else fitted to the block cells (notes overflow into empty cells, as in Excel).
  const widths = fittedWidths(sheet);
  for (let c = 0; c < lastCol; c++) ws.getColumn(c + 1).width = widths[c] ?? MIN_COLUMN_WIDTH;
  const freeze = frozenRows(sheet);
  if (freeze > 0) ws.views = [{ state: "frozen", ySplit: freeze, xSplit: 0 }];
  // The owner marker: row 1 of a hidden column one past the content, so reruns know the sheet is ours.
  const markerCol = ws.getColumn(lastCol + 2);
  markerCol.hidden = true;
  ws.getCell(1, lastCol + 2).value = OWNER_MARKER;
}

/** Write one block; returns its last used row and column (1-based). */
function renderBlock(ws: ExcelJS.Worksheet, block: ReportBlock, tableNames: Set<string>): { row: number; col: number } {
  const top = block.row + 1;
  const left = block.col + 1;
  const width = block.headers.length;
  if (block.title && top > 1) {
    const t = ws.getCell(top - 1, left);
    t.value = block.title;
    t.font = { bold: true, size: 12 };
  }
  const headers = uniqueHeaders(block.headers);
  const rows = block.rows.map((r) => headers.map((_, c) => cellValue(r[c])));
  const tableName = block.tableName && rows.length > 0 ? uniqueTableName(block.tableName, tableNames) : undefined;
  if (tableName) {
    ws.addTable({
      name: tableName,
      displayName: tableName,
      ref: ws.getCell(top, left).address,
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleLight9", showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows,
    });
  } else {
    headers.forEach((h, c) => (ws.getCell(top, left + c).value = h));
    rows.forEach((r, i) => r.forEach((v, c) => (ws.getCell(top + 1 + i, left + c).value = v)));
  }
  for (let c = 0; c < width; c++) {
    const h = ws.getCell(top, left + c);
    h.font = { bold: true };
    const fmtName = block.formats?.[c];
    const fmt = fmtName ? NUMBER_FORMATS[fmtName] : undefined;
    if (fmt) for (let i = 0; i < rows.length; i++) ws.getCell(top + 1 + i, left + c).numFmt = fmt;
  }
  if (block.statusColumns && rows.length > 0) {
    for (const c of block.statusColumns) {
      const col = ws.getColumn(left + c).letter;
      ws.addConditionalFormatting({ ref: `${col}${top + 1}:${col}${top + rows.length}`, rules: statusRules() });
    }
  }
  return { row: top + rows.length, col: block.col + width };
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
      font: { color: { argb: argb(c.font) } },
    },
  }));
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
