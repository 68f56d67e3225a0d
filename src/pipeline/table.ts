/**
 * What the pipeline reads a sheet through: a ColumnarSheet (typed columns, strings as dictionary codes)
 * seen from an origin row and column. The command line hands over the columns its readers filled; the task
 * pane's grid (Office.js `range.values`) is turned into the same columns first (`tableOf`), so both take
 * one code path. Cells come back as Office.js gives them: number, string, boolean, or the sheet's blank.
 *
 * Row and column indices are 0-based from the origin: `cell(r, c)` is sheet row `firstRow + r`, sheet
 * column `firstColumn + c`. `rows` and `width` bound them.
 */
import { CellKind, SheetBuilder, StringTable, type ColumnarSheet, type SheetColumn } from "./sheet";
import type { SheetGrid } from "./types";
import { serialFromDate, DATE1904_OFFSET } from "./dates";

const NO_COLUMN: SheetColumn = { kinds: new Uint8Array(0), values: new Float64Array(0) };

export class Table {
  readonly name: string;
  readonly firstRow: number;
  readonly firstColumn: number;
  /** Rows from the origin to the last row holding a cell. */
  readonly rows: number;
  /** Columns from the origin to the last column holding a cell. */
  readonly width: number;
  /** 1-based sheet rows the user has hidden. */
  readonly hiddenRows: readonly number[];
  readonly date1904: boolean;
  readonly strings: readonly string[];
  /** Column c of the table (NO_COLUMN where the sheet has none). */
  private readonly cols: SheetColumn[];
  /** Stored row of each table row (-1 none), or null when stored row = r + rowShift. */
  private readonly map: Int32Array | null;
  private readonly rowShift: number;
  private readonly blank: null | "";
  /** Columns whose cells were replaced (a formatted report's groups carried down): values by table row. */
  private over: (readonly unknown[] | undefined)[] | null = null;

  constructor(readonly sheet: ColumnarSheet, origin?: { firstRow?: number; firstColumn?: number; rows?: number; width?: number; hiddenRows?: readonly number[] }) {
    this.name = sheet.name;
    this.firstRow = origin?.firstRow ?? sheet.firstRow;
    this.firstColumn = origin?.firstColumn ?? sheet.firstColumn;
    const last = sheet.rowCount > 0 ? sheet.rowNumbers[sheet.rowCount - 1] : this.firstRow - 1;
    this.rows = Math.max(origin?.rows ?? 0, last - this.firstRow + 1, 0);
    const colShift = sheet.firstColumn - this.firstColumn;
    this.width = Math.max(origin?.width ?? 0, sheet.columns.length > 0 ? sheet.columns.length + colShift : 0);
    this.cols = new Array<SheetColumn>(this.width);
    for (let c = 0; c < this.width; c++) this.cols[c] = sheet.columns[c - colShift] ?? NO_COLUMN;
    this.rowShift = this.firstRow - sheet.firstRow;
    if (sheet.dense) this.map = null;
    else {
      this.map = new Int32Array(this.rows).fill(-1);
      for (let i = 0; i < sheet.rowCount; i++) {
        const r = sheet.rowNumbers[i] - this.firstRow;
        if (r >= 0 && r < this.rows) this.map[r] = i;
      }
    }
    this.hiddenRows = origin?.hiddenRows ?? sheet.hiddenRows;
    this.date1904 = sheet.date1904;
    this.strings = sheet.strings;
    this.blank = sheet.blank;
  }

  /** Stored row of table row r, or -1. */
  stored(r: number): number {
    if (this.map !== null) return r >= 0 && r < this.rows ? this.map[r] : -1;
    return r + this.rowShift;
  }

  /** The cell at table row r, column c, as Office.js gives it (the sheet's blank where none). */
  cell(r: number, c: number): unknown {
    if (this.over !== null) {
      const o = this.over[c];
      if (o !== undefined) return r >= 0 && r < o.length ? o[r] : this.blank;
    }
    const col = this.cols[c];
    if (col === undefined) return this.blank;
    const i = this.map !== null ? (r >= 0 && r < this.rows ? this.map[r] : -1) : r + this.rowShift;
    if (i < 0 || i >= col.kinds.length) return this.blank;
    switch (col.kinds[i]) {
      case CellKind.NUMBER:
        return col.values[i];
      case CellKind.STRING:
      case CellKind.ERROR:
        return this.strings[col.values[i]];
      case CellKind.BOOLEAN:
        return col.values[i] !== 0;
      default:
        return this.blank;
    }
  }

  /** Column c's typed arrays (empty where the sheet has none), indexed by stored row; null when replaced. */
  column(c: number): SheetColumn | null {
    if (this.over !== null && this.over[c] !== undefined) return null;
    return this.cols[c] ?? NO_COLUMN;
  }

  /** The row's cells from the origin to `width` (for the few places that look at a whole row). */
  row(r: number): unknown[] {
    const out = new Array(this.width);
    for (let c = 0; c < this.width; c++) out[c] = this.cell(r, c);
    return out;
  }

  /** True when every cell of the row is blank ("" / null / whitespace). */
  isBlankRow(r: number): boolean {
    if (this.over !== null) return isBlankCells(this.row(r));
    const i = this.stored(r);
    if (i < 0) return true;
    const w = this.width;
    for (let c = 0; c < w; c++) {
      const col = this.cols[c];
      if (i >= col.kinds.length) continue;
      const k = col.kinds[i];
      if (k === CellKind.BLANK) continue;
      if (k === CellKind.STRING) {
        const v = this.strings[col.values[i]];
        const first = v.charCodeAt(0);
        if (first > 32 && first !== 160) return false;
        if (v === "" || v.trim() === "") continue;
      }
      return false;
    }
    return true;
  }

  /** The same sheet with some columns' cells replaced (a formatted report's groups carried down). */
  withColumns(replaced: ReadonlyMap<number, readonly unknown[]>): Table {
    const t = Object.create(Table.prototype) as Table;
    Object.assign(t, this);
    const over = this.over ? this.over.slice() : new Array<readonly unknown[] | undefined>(this.width);
    for (const [c, col] of replaced) over[c] = col;
    t.over = over;
    return t;
  }
}

/** True when every cell is blank ("" / null / whitespace). Most rows exit at the first cell. */
export function isBlankCells(row: readonly unknown[]): boolean {
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === "" || v === null || v === undefined) continue;
    if (typeof v === "string") {
      const first = v.charCodeAt(0);
      if (first > 32 && first !== 160) return false;
      if (v.trim() === "") continue;
    }
    return false;
  }
  return true;
}

/** A sheet the pipeline is given: a grid (Office.js values, tests) or a table over typed columns. */
export type SheetInput = SheetGrid | Table;

/** A grid's cells into typed columns, kept as they were: "" stays an empty text, null stays blank. */
export function tableOf(x: SheetInput): Table {
  if (x instanceof Table) return x;
  const grid = x;
  const table = new StringTable();
  const b = new SheetBuilder(grid.name, table, { cells: 0, max: Number.MAX_SAFE_INTEGER });
  const firstRow = grid.firstRow ?? 1;
  const firstColumn = grid.firstColumn ?? 1;
  const values = grid.values ?? [];
  const empty = table.code("");
  let width = 0;
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (!row) continue;
    if (row.length > width) width = row.length;
    let started = false;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined) continue;
      if (!started) {
        b.startRow(firstRow + r);
        started = true;
      }
      const col = firstColumn - 1 + c;
      if (typeof v === "number") b.setNumber(col, v);
      else if (v === "") b.setCode(col, CellKind.STRING, empty);
      else if (typeof v === "string") b.setCode(col, CellKind.STRING, table.code(v));
      else if (typeof v === "boolean") b.setBoolean(col, v);
      else if (v instanceof Date) b.setNumber(col, serialFromDate(v) - (grid.date1904 ? DATE1904_OFFSET : 0));
      else b.setString(col, String(v));
    }
  }
  const sheet = b.finish({ date1904: Boolean(grid.date1904), blank: null });
  return new Table(sheet, { firstRow, firstColumn, rows: values.length, width, hiddenRows: grid.hiddenRows ?? [] });
}
