/**
 * A workbook description: what the add-in writes, as plain data. Both writers (ExcelJS in the CLI,
 * Office.js in the task pane) render exactly this, and tests read it without any spreadsheet.
 */

/** A cell value the writers put down as-is. Strings are always written as text, never as formulas. */
export type ReportValue = string | number | boolean | null;

/** A formula the add-in itself authored (never user text); written without the leading "=". */
export interface ReportFormula {
  formula: string;
  /** The value the formula evaluates to, so readers without a calc engine still see it. */
  result?: ReportValue;
}

export type ReportCell = ReportValue | ReportFormula;

/** Excel number-format codes we use; a writer passes them through unchanged. */
export const NUMBER_FORMATS = {
  currency: '#,##0;[Red]-#,##0',
  currency2: '#,##0.00;[Red]-#,##0.00',
  percent: "0.0%",
  integer: "#,##0",
  decimal: "0.00",
  days: '0" days"',
  months: '0.0" months"',
  date: "yyyy-mm-dd",
  text: "@",
} as const;
export type NumberFormatName = keyof typeof NUMBER_FORMATS;

/** Status words and their colours; conditional formats key on the text. */
export const STATUS_COLORS: Record<string, { fill: string; font: string }> = {
  OK: { fill: "C6EFCE", font: "006100" },
  HEALTHY: { fill: "C6EFCE", font: "006100" },
  WATCH: { fill: "FFEB9C", font: "9C5700" },
  "TIME BOMB": { fill: "FFC7CE", font: "9C0006" },
  "NO DATA": { fill: "EDEDED", font: "595959" },
  INFO: { fill: "DDEBF7", font: "1F4E79" },
};

/** A rectangular block of cells on a sheet, optionally an Excel table. */
export interface ReportBlock {
  /** 0-based top-left position on the sheet. */
  row: number;
  col: number;
  /** Optional title written one row above the block (bold). */
  title?: string;
  /** Header row (written bold, frozen when it is the sheet's first block). */
  headers: string[];
  rows: ReportCell[][];
  /** Number format name per column (by index); undefined = General. */
  formats?: (NumberFormatName | undefined)[];
  /** Number format per data row, for the number cells of columns without a column format (key-figure lists). */
  rowFormats?: (NumberFormatName | undefined)[];
  /** Make it an Excel table with this name (unique in the workbook, letters/digits/underscore). */
  tableName?: string;
  /** Column indexes whose text is a status word coloured by conditional formatting. */
  statusColumns?: number[];
  /**
   * Sheet columns each block column spans (merged per row), for dashboard rows and text that runs across
   * the sheet; absent = 1 each. A block with spans is never an Excel table (Excel refuses merged cells there).
   */
  spans?: number[];
  /** Alignment per column, where the values alone do not say (a key-figure list's figures are right). */
  align?: ("left" | "right")[];
  /** "tiles": headers are tile labels, rows[0] the figures, rows[1] (optional) a line under each. */
  display?: "table" | "tiles";
  /** Cell notes (comments) on data cells, e.g. why a blank is blank; `row` is the data row index. */
  cellNotes?: { row: number; col: number; text: string }[];
  /** Data cells that link to another cell of the workbook (a hyperlink to a sheet and cell). */
  links?: { row: number; col: number; to: ReportAnchor }[];
}

/** A line of text above the blocks and how it looks. */
export type NoteStyle = "title" | "subtitle" | "headline" | "warning" | "plain";

/**
 * A native chart: Office.js draws it in the task pane, the command line writes it as DrawingML into the
 * xlsx (src/cli/xlsx-charts.ts). Both read the same spec.
 */
export interface ReportChart {
  /** bar = horizontal bars (a funnel reads top-down), column = vertical; columnStacked stacks the series. */
  type: "bar" | "column" | "line" | "columnStacked" | "scatter";
  title: string;
  /** Index into `sheet.blocks` of the data block; columns 0 = categories, `series` = value columns. */
  block: number;
  series: number[];
  /** Of `series`, those drawn as a line with markers over the columns (a combo chart). */
  lineSeries?: number[];
  /** Of `series`, those on a second value axis at the right (a different unit or scale). */
  secondary?: number[];
  /** Show each point's value on the chart. */
  dataLabels?: boolean;
  /** Where to anchor the chart (0-based cell) and its size in points. */
  row: number;
  col: number;
  width?: number;
  height?: number;
}

/** Default chart size in points (the task pane and the command line draw the same). */
export const CHART_SIZE = { width: 432, height: 216 } as const;

/** How a sheet prints: one page wide (and one page tall for the summary), heading rows repeated on each page. */
export interface ReportPrint {
  orientation: "portrait" | "landscape";
  /** Pages tall to fit into; 0 = as many as needed. */
  fitHeight: 0 | 1;
  /** Rows (0-based, inclusive range) repeated at the top of every printed page. */
  repeatRows?: [number, number];
  /** Print only these columns (0-based, inclusive), e.g. a dashboard without its chart data beside it. */
  columns?: [number, number];
  /** Header line: the sheet's title (left) and the source file (right). */
  header: { left: string; right: string };
}

/** A pointer from an insight to the cell that holds its number (for links in the task pane). */
export interface ReportAnchor {
  sheet: string;
  /** A1 address on that sheet. */
  cell: string;
}

export interface ReportSheet {
  /** The name we want; a writer may rename it when a user sheet already holds the name. */
  name: string;
  /** Plain-language lines shown above the blocks (one per row, column A). */
  notes?: string[];
  /** How each note looks (by index); absent = plain. */
  noteStyles?: NoteStyle[];
  /** Notes run across this many columns, wrapping (the command line merges them). */
  noteSpan?: number;
  blocks: ReportBlock[];
  charts?: ReportChart[];
  /** Column widths in characters, by column index; missing ones are fitted to content. */
  columnWidths?: number[];
  /** Freeze rows above this 0-based row (e.g. the first block's header). */
  freezeRows?: number;
  tabColor?: string;
  print?: ReportPrint;
}

/** One line of the summary the user should act on, most urgent first. */
export interface ReportInsight {
  kind: "timeBomb" | "lever" | "funnel" | "segment" | "gear" | "compass" | "data";
  status?: string;
  /** The whole finding as one plain sentence (or a few). */
  text: string;
  anchor?: ReportAnchor;
  /** A short headline for a card (a few words), e.g. "2 of 5 reps below their cost". */
  headline?: string;
  /** The evidence behind it, one plain fact per line (for a "Why?" expander). */
  why?: string[];
  /** The question a manager should ask next. */
  ask?: string;
}

export interface WorkbookReport {
  /** Sheets in the order to write them. Names all start with "GTM ". */
  sheets: ReportSheet[];
  /** What was analysed, as the user named it (file and sheet), for print headers. */
  source?: string;
  insights: ReportInsight[];
}

/** Written into each sheet the add-in owns (hidden cell / custom property) so reruns replace only ours. */
export const OWNER_MARKER = "gtm-compass:generated";

/**
 * The worksheet custom property (ExcelApi 1.12) the task pane sets to OWNER_MARKER on the sheets it writes.
 * Saved in the .xlsx as `<customPr name="GTMCompassOwner">` on the sheet, which file readers look for.
 */
export const OWNER_PROPERTY = "GTMCompassOwner";
