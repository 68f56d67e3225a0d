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
  /** Make it an Excel table with this name (unique in the workbook, letters/digits/underscore). */
  tableName?: string;
  /** Column indexes whose text is a status word coloured by conditional formatting. */
  statusColumns?: number[];
}

/** A native chart (drawn by Office.js; the ExcelJS writer cannot create charts and says so). */
export interface ReportChart {
  type: "bar" | "column" | "line" | "columnStacked" | "scatter";
  title: string;
  /** Index into `sheet.blocks` of the data block; columns 0 = categories, `series` = value columns. */
  block: number;
  series: number[];
  /** Where to anchor the chart (0-based cell). */
  row: number;
  col: number;
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
  blocks: ReportBlock[];
  charts?: ReportChart[];
  /** Column widths in characters, by column index; missing ones are fitted to content. */
  columnWidths?: number[];
  /** Freeze rows above this 0-based row (e.g. the first block's header). */
  freezeRows?: number;
  tabColor?: string;
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
  insights: ReportInsight[];
}

/** Written into each sheet the add-in owns (hidden cell / custom property) so reruns replace only ours. */
export const OWNER_MARKER = "gtm-compass:generated";

/**
 * The worksheet custom property (ExcelApi 1.12) the task pane sets to OWNER_MARKER on the sheets it writes.
 * Saved in the .xlsx as `<customPr name="GTMCompassOwner">` on the sheet, which file readers look for.
 */
export const OWNER_PROPERTY = "GTMCompassOwner";
