import { toGrid, type ColumnarSheet } from "../pipeline/sheet";
import { ColumnTable } from "../pipeline/table";
import type { SheetGrid } from "../pipeline/types";
import { readXlsxColumns, type ReadOptions } from "./xlsx/read";

/**
 * One worksheet of a file: its typed columns, read by the pipeline through the Table it is. `values` (the
 * row-major grid) is made only if something asks for it; the analysis never does.
 */
export class XlsxSheet extends ColumnTable {
  private grid: SheetGrid | undefined;
  constructor(
    /** The sheet as typed columns (what the reader filled). */
    readonly columns: ColumnarSheet,
    /**
     * Written by GTM Compass: holds OWNER_MARKER in its first rows (the command line) or carries the
     * task pane's OWNER_PROPERTY custom property. Never read as pipeline input.
     */
    readonly owned: boolean,
    /** The sheet tab is hidden or very hidden. */
    readonly hidden: boolean,
  ) {
    super(columns);
  }
  /** The row-major grid of the sheet (for inspection and tests; made on first use). */
  get values(): unknown[][] {
    return (this.grid ??= toGrid(this.columns)).values;
  }
}

export interface XlsxBook {
  file: string;
  sheets: XlsxSheet[];
  date1904: boolean;
}

export type XlsxReadOptions = ReadOptions;

/** A sheet of typed columns as the pipeline reads it. */
export function lazySheet(columns: ColumnarSheet, owned: boolean, hidden: boolean): XlsxSheet {
  return new XlsxSheet(columns, owned, hidden);
}

/**
 * Read every worksheet of an .xlsx file (our own streaming reader, src/cli/xlsx/). Dates stay Excel serial
 * numbers in the workbook's own date system (`date1904` says which), formulas give their cached result,
 * error cells their "#N/A"-style text, rich text its plain text; hidden rows are listed. The file is only
 * read, never written.
 */
export async function readXlsx(path: string, options: XlsxReadOptions = {}): Promise<XlsxBook> {
  const book = await readXlsxColumns(path, options);
  return { file: path, date1904: book.date1904, sheets: book.sheets.map((s) => lazySheet(s.sheet, s.owned, s.hidden)) };
}
