import { toGrid, type ColumnarSheet } from "../pipeline/sheet";
import type { SheetGrid } from "../pipeline/types";
import { readXlsxColumns, type ReadOptions } from "./xlsx/read";

/**
 * One worksheet of a file: its typed columns, and (on first use of `values`) the row-major grid the
 * pipeline reads today, so a sheet that is never picked is never turned into a grid.
 */
export interface XlsxSheet extends SheetGrid {
  /**
   * Written by GTM Compass: holds OWNER_MARKER in its first rows (the command line) or carries the
   * task pane's OWNER_PROPERTY custom property. Never read as pipeline input.
   */
  owned: boolean;
  /** The sheet tab is hidden or very hidden. */
  hidden: boolean;
  /** The sheet as typed columns (what the reader filled). */
  columns: ColumnarSheet;
}

export interface XlsxBook {
  file: string;
  sheets: XlsxSheet[];
  date1904: boolean;
}

export type XlsxReadOptions = ReadOptions;

/** A sheet whose grid is made from its columns when first read. */
export function lazySheet(columns: ColumnarSheet, owned: boolean, hidden: boolean): XlsxSheet {
  let grid: SheetGrid | undefined;
  const get = (): SheetGrid => (grid ??= toGrid(columns));
  return {
    name: columns.name,
    owned,
    hidden,
    columns,
    date1904: columns.date1904,
    get values() {
      return get().values;
    },
    get firstRow() {
      return get().firstRow;
    },
    get firstColumn() {
      return get().firstColumn;
    },
    get hiddenRows() {
      return get().hiddenRows;
    },
  };
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
