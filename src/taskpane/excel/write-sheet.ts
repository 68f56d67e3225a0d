/**
 * One ReportSheet onto a new worksheet: values in row chunks first, then status colours (conditional
 * formats) and tables, then the sheet's plan from src/report/render-plan.ts, the same one the command line
 * renders: merged cells and tiles, fonts, fills, rules, alignment, wrapping, indents, number formats, row
 * heights, column widths, notes on blank figures, links to the cell a number comes from, page breaks and
 * the print setup (one page wide, heading rows repeated, header and footer); then the frozen header and
 * the native charts.
 */
import { CHART_SIZE, STATUS_COLORS, type ReportBlock, type ReportCell, type ReportChart, type ReportSheet } from "../../report/types";
import { uniqueHeaders, uniqueTableName } from "../../report/table-names";
import { blockWidth, frozenRows, sheetColumn } from "../../report/widths";
import { FACE, HEADER_RULE, sheetPlan, type CellLook, type PlannedLook, type PlannedPrint } from "../../report/render-plan";
import { quoteSheetName } from "../../report/sheet-names";
import { a1, isFormula, toInput, type ExcelInput } from "./cells";
import { estimateRowBytes, rowsPerChunk } from "./chunks";
import type { WriteBatcher, WriteItem } from "./batch";

/** Excel column width in points for a width in characters of the default font. */
const pointsFor = (chars: number): number => Math.round(chars * 5.7 + 5);
/** Small fixed cost of one queued command, for batching. */
const COMMAND_BYTES = 120;

const CHART_TYPES: Record<ReportChart["type"], string> = {
  bar: "BarClustered",
  column: "ColumnClustered",
  line: "Line",
  columnStacked: "ColumnStacked",
  scatter: "XYScatter",
};

/** A rectangle of inputs to write at a 0-based position. */
interface Rect {
  row: number;
  col: number;
  rows: ExcelInput[][];
  formulas: boolean;
}

function rectsOf(sheet: ReportSheet): Rect[] {
  const rects: Rect[] = [];
  const notes = sheet.notes ?? [];
  if (notes.length) rects.push({ row: 0, col: 0, rows: notes.map((n) => [toInput(n)]), formulas: false });
  for (const b of sheet.blocks) {
    if (b.title && b.row > 0 && b.display !== "tiles") rects.push({ row: b.row - 1, col: b.col, rows: [[toInput(b.title)]], formulas: false });
    const width = blockWidth(b);
    if (width === 0) continue;
    // each block column at its first sheet column (a spanned column is merged over the ones after it)
    const at = b.headers.map((_, c) => sheetColumn(b, c) - b.col);
    const line = (cells: (ReportCell | undefined)[]): ExcelInput[] => {
      const out: ExcelInput[] = new Array(width).fill("");
      at.forEach((k, c) => (out[k] = toInput(cells[c])));
      return out;
    };
    const headers = uniqueHeaders(b.headers);
    const body = (b.display === "tiles" ? b.rows.slice(0, 2) : b.rows).map((r) => line(r));
    const formulas = b.rows.some((r) => r.some(isFormula));
    rects.push({ row: b.row, col: b.col, rows: [line(headers), ...body], formulas });
  }
  return rects;
}

/** Write items for one rectangle, in row chunks under the byte budget; each chunk can split itself. */
function rectItems(ws: Excel.Worksheet, rect: Rect, budget: number): WriteItem[] {
  const width = rect.rows[0]?.length ?? 0;
  if (!width) return [];
  const perRow = Math.max(8, estimateRowBytes(rect.rows));
  const size = rowsPerChunk(perRow, width, budget);
  const make = (start: number, end: number): WriteItem => ({
    bytes: (end - start) * perRow + COMMAND_BYTES,
    apply() {
      const range = ws.getRangeByIndexes(rect.row + start, rect.col, end - start, width);
      const part = rect.rows.slice(start, end);
      if (rect.formulas) range.formulas = part;
      else range.values = part;
    },
    split: end - start > 1 ? () => [make(start, start + Math.floor((end - start) / 2)), make(start + Math.floor((end - start) / 2), end)] : undefined,
  });
  const items: WriteItem[] = [];
  for (let s = 0; s < rect.rows.length; s += size) items.push(make(s, Math.min(rect.rows.length, s + size)));
  return items;
}

/** What the host can do beyond the add-in's baseline (ExcelApi 1.12). */
export interface HostFeatures {
  /** Office.context.requirements.isSetSupported("ExcelApi", "1.18"): cell notes; without it, comments. */
  notes: boolean;
}

/** Queue values, then formats, for one sheet through the batcher; false when the host refused its print setup. */
export async function writeSheet(
  ws: Excel.Worksheet,
  sheet: ReportSheet,
  batcher: WriteBatcher,
  budget: number,
  tableNames: Set<string>,
  names: (wanted: string) => string = (n) => n,
  features: HostFeatures = { notes: false },
): Promise<boolean> {
  for (const rect of rectsOf(sheet)) for (const item of rectItems(ws, rect, budget)) await batcher.add(item);
  await batcher.flush();

  const small = (apply: () => void): Promise<void> => batcher.add({ bytes: COMMAND_BYTES, apply });
  for (const b of sheet.blocks) await formatBlock(ws, b, tableNames, small);

  const plan = sheetPlan(sheet);
  for (const m of plan.merges) if (m.cols > 1) await small(() => ws.getRangeByIndexes(m.row, m.col, 1, m.cols).merge(false));
  for (const l of plan.looks) await applyLook(ws, l, batcher, budget, small);
  for (const [row, h] of plan.heights) await small(() => (ws.getRangeByIndexes(row, 0, 1, 1).format.rowHeight = Math.round(h * 10) / 10));
  for (let c = 0; c < plan.widths.length; c++) {
    const w = plan.widths[c];
    await small(() => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = pointsFor(w)));
  }
  for (const n of plan.notes) {
    await small(() => {
      const cell = ws.getRangeByIndexes(n.row, n.col, 1, 1);
      // a note (ExcelApi 1.18) where the host has them, else a comment (ExcelApi 1.10) on the same cell
      if (features.notes) ws.notes.add(cell, n.text);
      else ws.comments.add(cell, n.text);
    });
  }
  const values = linkTexts(sheet);
  for (const l of plan.links) {
    const target = names(l.sheet);
    const text = values.get(`${l.row},${l.col}`);
    await small(() => {
      ws.getRangeByIndexes(l.row, l.col, 1, 1).hyperlink = {
        documentReference: `${quoteSheetName(target)}!${l.cell}`,
        screenTip: `Go to ${target}!${l.cell}`,
        ...(text !== undefined ? { textToDisplay: text } : {}),
      };
    });
  }
  const freeze = frozenRows(sheet);
  if (freeze > 0) await small(() => ws.freezePanes.freezeRows(freeze));
  for (const chart of sheet.charts ?? []) {
    const block = sheet.blocks[chart.block];
    if (block && block.rows.length > 0 && chart.series.length > 0) await small(() => addChart(ws, block, chart));
  }
  await batcher.flush();
  // The print setup in a sync of its own: a host that refuses part of it leaves the sheet as written, unprinted.
  const print = plan.print;
  if (!print && plan.pageBreaks.length === 0) return true;
  return batcher.isolated(() => {
    for (const row of plan.pageBreaks) ws.horizontalPageBreaks.add(ws.getRangeByIndexes(row, 0, 1, 1));
    if (print) pageLayout(ws, print);
  });
}

/** The text of each linked cell (a link shows the cell's own text), keyed "row,col" (0-based). */
function linkTexts(sheet: ReportSheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const b of sheet.blocks) {
    for (const l of b.links ?? []) {
      const v = b.rows[l.row]?.[l.col];
      if (typeof v === "string" && v !== "") out.set(`${b.row + 1 + l.row},${sheetColumn(b, l.col)}`, v);
    }
  }
  return out;
}

/** Print setup (Worksheet.pageLayout, ExcelApi 1.9): orientation, fit to pages, margins, repeated rows, print area, header and footer. */
function pageLayout(ws: Excel.Worksheet, p: PlannedPrint): void {
  const layout = ws.pageLayout;
  layout.orientation = (p.orientation === "landscape" ? "Landscape" : "Portrait") as Excel.PageOrientation;
  // zoom is set as one object (setting zoom.scale alone is not applied)
  layout.zoom = { horizontalFitToPages: p.fitWidth, verticalFitToPages: p.fitHeight };
  const inch = 72;
  layout.leftMargin = p.margins.left * inch;
  layout.rightMargin = p.margins.right * inch;
  layout.topMargin = p.margins.top * inch;
  layout.bottomMargin = p.margins.bottom * inch;
  layout.headerMargin = p.margins.header * inch;
  layout.footerMargin = p.margins.footer * inch;
  if (p.titleRows) layout.setPrintTitleRows(`$${p.titleRows[0] + 1}:$${p.titleRows[1] + 1}`);
  if (p.area) layout.setPrintArea(ws.getRangeByIndexes(0, p.area.firstCol, p.area.lastRow + 1, p.area.lastCol - p.area.firstCol + 1));
  const hf = layout.headersFooters.defaultForAllPages;
  hf.leftHeader = p.header.left;
  hf.rightHeader = p.header.right;
  hf.centerFooter = p.footer.center;
}

const HORIZONTAL: Record<NonNullable<CellLook["horizontal"]>, string> = { left: "Left", right: "Right", center: "Center" };
const VERTICAL: Record<NonNullable<CellLook["vertical"]>, string> = { top: "Top", middle: "Center", bottom: "Bottom" };

/** One planned look on its range: fonts, fill, rules, alignment as range formats; number formats in row chunks. */
async function applyLook(ws: Excel.Worksheet, p: PlannedLook, batcher: WriteBatcher, budget: number, small: (apply: () => void) => Promise<void>): Promise<void> {
  const l = p.look;
  const range = () => ws.getRangeByIndexes(p.row, p.col, p.rows, p.cols);
  if (l.font || l.fill || l.border || l.horizontal || l.vertical || l.wrap !== undefined || l.indent !== undefined) {
    await small(() => {
      const f = range().format;
      if (l.font) {
        f.font.name = FACE;
        if (l.font.bold !== undefined) f.font.bold = l.font.bold;
        if (l.font.size !== undefined) f.font.size = l.font.size;
        if (l.font.color) f.font.color = `#${l.font.color}`;
        if (l.font.underline) f.font.underline = "Single" as Excel.RangeUnderlineStyle;
      }
      if (l.fill) f.fill.color = `#${l.fill}`;
      if (l.border === "headingRule") {
        const e = f.borders.getItem("EdgeBottom" as Excel.BorderIndex);
        e.style = "Continuous" as Excel.BorderLineStyle;
        e.weight = "Thin" as Excel.BorderWeight;
        e.color = `#${HEADER_RULE}`;
      } else if (l.border === "tileGap") {
        for (const side of ["EdgeLeft", "EdgeRight"]) {
          const e = f.borders.getItem(side as Excel.BorderIndex);
          e.style = "Continuous" as Excel.BorderLineStyle;
          e.weight = "Thick" as Excel.BorderWeight;
          e.color = "#FFFFFF";
        }
      }
      if (l.horizontal) f.horizontalAlignment = HORIZONTAL[l.horizontal] as Excel.HorizontalAlignment;
      if (l.vertical) f.verticalAlignment = VERTICAL[l.vertical] as Excel.VerticalAlignment;
      if (l.wrap !== undefined) f.wrapText = l.wrap;
      if (l.indent !== undefined) f.indentLevel = l.indent;
    });
  }
  const fmt = l.numberFormat;
  if (!fmt) return;
  // one format string per cell, chunked like values
  const perRow = (fmt.length + 6) * p.cols;
  const size = rowsPerChunk(perRow, p.cols, budget);
  for (let s = 0; s < p.rows; s += size) {
    const e = Math.min(p.rows, s + size);
    await batcher.add({
      bytes: (e - s) * perRow + COMMAND_BYTES,
      apply: () => (ws.getRangeByIndexes(p.row + s, p.col, e - s, p.cols).numberFormat = Array.from({ length: e - s }, () => new Array(p.cols).fill(fmt))),
    });
  }
}

async function formatBlock(ws: Excel.Worksheet, b: ReportBlock, tableNames: Set<string>, small: (apply: () => void) => Promise<void>): Promise<void> {
  const width = b.headers.length;
  const n = b.rows.length;
  if (!width || n === 0 || b.display === "tiles") return;
  for (const c of b.statusColumns ?? []) {
    if (c < 0 || c >= width) continue;
    await small(() => {
      const range = ws.getRangeByIndexes(b.row + 1, sheetColumn(b, c), n, 1);
      for (const [word, colors] of Object.entries(STATUS_COLORS)) {
        const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
        cf.cellValue.format.font.color = `#${colors.font}`;
        cf.cellValue.format.fill.color = `#${colors.fill}`;
        cf.cellValue.rule = { formula1: `="${word}"`, operator: "EqualTo" };
      }
    });
  }
  // never a table over merged cells (Excel refuses): a block with spans stays plain cells, as on the command line
  if (b.tableName && !(b.spans ?? []).some((s) => s > 1)) {
    const name = uniqueTableName(b.tableName, tableNames);
    await small(() => {
      const table = ws.tables.add(a1(b.row, b.col, n + 1, width), true);
      table.name = name;
      table.style = "TableStyleLight9";
    });
  }
}

/**
 * One ReportChart as a native chart, the same spec the command line writes as DrawingML: series from the
 * block's columns with its first column as categories; a series listed in `lineSeries` drawn as a line with
 * markers over the columns (ChartSeries.chartType, ExcelApi 1.7), one in `secondary` on the second value
 * axis (ChartSeries.axisGroup, ExcelApi 1.8), values as labels (ChartSeries.hasDataLabels, ExcelApi 1.7),
 * a bar funnel read top-down (ChartAxis.reversePlotOrder, ExcelApi 1.7), and its size in points.
 */
function addChart(ws: Excel.Worksheet, block: ReportBlock, chart: ReportChart): void {
  const n = block.rows.length;
  const categories = ws.getRangeByIndexes(block.row + 1, block.col, n, 1);
  const [first, ...rest] = chart.series;
  // The first series with its header row, so Excel names it; the others added by the series API.
  const c = ws.charts.add(CHART_TYPES[chart.type] as Excel.ChartType, ws.getRangeByIndexes(block.row, block.col + first, n + 1, 1), "Columns" as Excel.ChartSeriesBy);
  c.title.text = chart.title;
  const all = [c.series.getItemAt(0)];
  for (const s of rest) {
    const series = c.series.add(block.headers[s] ?? `Series ${s}`);
    series.setValues(ws.getRangeByIndexes(block.row + 1, block.col + s, n, 1));
    all.push(series);
  }
  all.forEach((series, k) => {
    const s = chart.series[k];
    series.setXAxisValues(categories);
    if (chart.lineSeries?.includes(s)) series.chartType = "LineMarkers" as Excel.ChartType;
    if (chart.secondary?.includes(s)) series.axisGroup = "Secondary" as Excel.ChartAxisGroup;
    if (chart.dataLabels) series.hasDataLabels = true;
  });
  if (chart.type === "bar") c.axes.categoryAxis.reversePlotOrder = true;
  c.setPosition(a1(chart.row, chart.col));
  c.width = chart.width ?? CHART_SIZE.width;
  c.height = chart.height ?? CHART_SIZE.height;
}
