/**
 * One ReportSheet onto a new worksheet: values in row chunks first, then number formats, bold headers,
 * status colours (conditional formats), tables, frozen header, column widths and native charts.
 */
import { CHART_SIZE, NUMBER_FORMATS, STATUS_COLORS, type ReportBlock, type ReportCell, type ReportChart, type ReportSheet } from "../../report/types";
import { uniqueHeaders, uniqueTableName } from "../../report/table-names";
import { fittedWidths, frozenRows } from "../../report/widths";
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
    if (b.title && b.row > 0) rects.push({ row: b.row - 1, col: b.col, rows: [[toInput(b.title)]], formulas: false });
    const width = b.headers.length;
    const headers = b.tableName ? uniqueHeaders(b.headers) : b.headers;
    const body = b.rows.map((r) => {
      const out: ExcelInput[] = new Array(width);
      for (let c = 0; c < width; c++) out[c] = toInput(r[c]);
      return out;
    });
    const formulas = b.rows.some((r) => r.some(isFormula));
    if (width > 0) rects.push({ row: b.row, col: b.col, rows: [headers.map((h) => toInput(h)), ...body], formulas });
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

/** Queue values, then formats, for one sheet through the batcher. */
export async function writeSheet(
  ws: Excel.Worksheet,
  sheet: ReportSheet,
  batcher: WriteBatcher,
  budget: number,
  tableNames: Set<string>,
): Promise<void> {
  for (const rect of rectsOf(sheet)) for (const item of rectItems(ws, rect, budget)) await batcher.add(item);
  await batcher.flush();

  const small = (apply: () => void): Promise<void> => batcher.add({ bytes: COMMAND_BYTES, apply });
  for (const b of sheet.blocks) await formatBlock(ws, b, batcher, budget, tableNames, small);

  const freeze = frozenRows(sheet);
  if (freeze > 0) await small(() => ws.freezePanes.freezeRows(freeze));
  const widths = fittedWidths(sheet);
  for (let c = 0; c < widths.length; c++) {
    const w = widths[c];
    if (w !== undefined && w > 0) await small(() => (ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = pointsFor(w)));
  }
  for (const chart of sheet.charts ?? []) {
    const block = sheet.blocks[chart.block];
    if (block && block.rows.length > 0 && chart.series.length > 0) await small(() => addChart(ws, block, chart));
  }
  await batcher.flush();
}

async function formatBlock(
  ws: Excel.Worksheet,
  b: ReportBlock,
  batcher: WriteBatcher,
  budget: number,
  tableNames: Set<string>,
  small: (apply: () => void) => Promise<void>,
): Promise<void> {
  const width = b.headers.length;
  const n = b.rows.length;
  if (!width) return;
  if (b.title && b.row > 0) await small(() => (ws.getRangeByIndexes(b.row - 1, b.col, 1, 1).format.font.bold = true));
  await small(() => (ws.getRangeByIndexes(b.row, b.col, 1, width).format.font.bold = true));
  if (n === 0) return;
  // Number formats column by column, chunked like values (one format string per cell).
  for (let c = 0; c < width; c++) {
    const name = b.formats?.[c];
    if (!name) continue;
    const fmt = NUMBER_FORMATS[name];
    const perRow = fmt.length + 6;
    const size = rowsPerChunk(perRow, 1, budget);
    for (let s = 0; s < n; s += size) {
      const e = Math.min(n, s + size);
      await batcher.add({
        bytes: (e - s) * perRow + COMMAND_BYTES,
        apply: () => (ws.getRangeByIndexes(b.row + 1 + s, b.col + c, e - s, 1).numberFormat = Array.from({ length: e - s }, () => [fmt])),
      });
    }
  }
  for (const c of b.statusColumns ?? []) {
    if (c < 0 || c >= width) continue;
    await small(() => {
      const range = ws.getRangeByIndexes(b.row + 1, b.col + c, n, 1);
      for (const [word, colors] of Object.entries(STATUS_COLORS)) {
        const cf = range.conditionalFormats.add("CellValue" as Excel.ConditionalFormatType);
        cf.cellValue.format.font.color = `#${colors.font}`;
        cf.cellValue.format.fill.color = `#${colors.fill}`;
        cf.cellValue.rule = { formula1: `="${word}"`, operator: "EqualTo" };
      }
    });
  }
  if (b.tableName) {
    const name = uniqueTableName(b.tableName, tableNames);
    await small(() => {
      const table = ws.tables.add(a1(b.row, b.col, n + 1, width), true);
      table.name = name;
      table.style = "TableStyleLight9";
    });
  } else {
    await small(() => (ws.getRangeByIndexes(b.row, b.col, 1, width).format.fill.color = "#F2F2F2"));
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
