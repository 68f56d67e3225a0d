/**
 * What the pipeline reads a sheet through: cells by row and column from an origin, whatever holds them.
 * The command line hands over the typed columns its readers filled (ColumnTable over a ColumnarSheet:
 * strings as dictionary codes, no object per cell, no row-major grid); the task pane hands over Office.js
 * `range.values` as it came (GridTable, no copy). Every step of the pipeline (header search, layout, column
 * classification, deal building) reads cells only through this class, so both take one code path. Cells
 * come back as Office.js gives them: number, string, boolean, or the sheet's blank.
 *
 * Row and column indices are 0-based from the origin: `cell(r, c)` is sheet row `firstRow + r`, sheet
 * column `firstColumn + c`. `rows` and `width` bound them.
 */
import { CellKind, type ColumnarSheet, type CutCell, type SheetColumn } from "./sheet";
import type { SheetGrid } from "./types";

const NO_CELLS: readonly unknown[] = Object.freeze([]);
const NO_COLUMN: SheetColumn = { kinds: new Uint8Array(0), values: new Float64Array(0) };

export abstract class Table {
  abstract readonly name: string;
  abstract readonly firstRow: number;
  abstract readonly firstColumn: number;
  /** Rows from the origin to the last row holding a cell. */
  abstract readonly rows: number;
  /** Columns from the origin to the last column holding a cell. */
  abstract readonly width: number;
  /** 1-based sheet rows the user has hidden. */
  abstract readonly hiddenRows: readonly number[];
  abstract readonly date1904: boolean;
  /** Cells whose text the file reader cut to Excel's limit (and how many in all). */
  cut: readonly CutCell[] = [];
  cutCount = 0;

  /** The cell at table row r, column c, as Office.js gives it. */
  abstract cell(r: number, c: number): unknown;
  /**
   * Row r's cells for the loops over every row, valid until the next call: the grid's own row, or one
   * reused array filled from the columns (only the columns in `need`, when given: read no others). One
   * call per row keeps those loops small (the builders' put() stays inlined in them).
   */
  abstract rowView(r: number, need?: Int32Array): readonly unknown[];
  /** >= 0 when row r holds something (a stored row, a grid row that is there); -1 when it is absent. */
  abstract stored(r: number): number;
  /** The row's cells (a fresh array, or the grid's own row: read only). */
  abstract row(r: number): readonly unknown[];
  /** True when every cell of the row is blank ("" / null / whitespace). */
  isBlankRow(r: number): boolean {
    return this.stored(r) < 0 || isBlankCells(this.row(r));
  }
  /** Cells in row r as its source has them (the grid row's length; the table's width for columns). */
  abstract rowWidth(r: number): number;

  /** The same sheet with some columns' cells replaced (a formatted report's groups carried down). */
  withColumns(replaced: ReadonlyMap<number, readonly unknown[]>): Table {
    return new FilledTable(this, replaced);
  }
}

/** Typed columns (a ColumnarSheet) seen from an origin. */
export class ColumnTable extends Table {
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
  /** The sheet's blank cell as Office.js gives it: null (xlsx) or "" (csv text). */
  readonly blank: null | "";

  constructor(readonly sheet: ColumnarSheet, origin?: { firstRow?: number; firstColumn?: number; rows?: number; width?: number; hiddenRows?: readonly number[] }) {
    super();
    this.name = sheet.name;
    if (sheet.cut) {
      this.cut = sheet.cut;
      this.cutCount = sheet.cutCount ?? sheet.cut.length;
    }
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
    const i = r + this.rowShift;
    return i >= 0 && i < this.sheet.rowCount ? i : -1;
  }

  /** The cell at table row r, column c, as Office.js gives it (the sheet's blank where none). */
  cell(r: number, c: number): unknown {
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

  private view: unknown[] = [];
  rowView(r: number, need?: Int32Array): readonly unknown[] {
    const w = this.width;
    const out = this.view.length === w ? this.view : (this.view = new Array<unknown>(w).fill(this.blank));
    const i = this.stored(r);
    const blank = this.blank;
    const n = need === undefined ? w : need.length;
    for (let j = 0; j < n; j++) {
      const c = need === undefined ? j : need[j];
      const col = this.cols[c];
      if (col === undefined) continue;
      if (i < 0 || i >= col.kinds.length) {
        out[c] = blank;
        continue;
      }
      const k = col.kinds[i];
      out[c] = k === CellKind.NUMBER ? col.values[i] : k === CellKind.STRING || k === CellKind.ERROR ? this.strings[col.values[i]] : k === CellKind.BOOLEAN ? col.values[i] !== 0 : blank;
    }
    return out;
  }

  /** Column c's typed arrays (empty where the sheet has none), indexed by stored row. */
  column(c: number): SheetColumn {
    return this.cols[c] ?? NO_COLUMN;
  }

  rowWidth(r: number): number {
    return this.stored(r) >= 0 ? this.width : 0;
  }

  /** The row's cells from the origin to `width` (for the few places that look at a whole row). */
  row(r: number): unknown[] {
    const out = new Array(this.width);
    for (let c = 0; c < this.width; c++) out[c] = this.cell(r, c);
    return out;
  }

  /**
   * Per string code, once looked at: 1 a text with something in it, 2 blank (empty or whitespace only).
   * A row's texts are judged by their codes, not by fetching each text (on millions of rows in no order
   * of their texts, each fetch would be a cache miss).
   */
  private textBlank: Uint8Array | null = null;

  /** True when every cell of the row is blank ("" / null / whitespace). */
  override isBlankRow(r: number): boolean {
    const i = this.stored(r);
    if (i < 0) return true;
    const w = this.width;
    const judged = this.textBlank ?? (this.textBlank = new Uint8Array(this.strings.length));
    for (let c = 0; c < w; c++) {
      const col = this.cols[c];
      if (i >= col.kinds.length) continue;
      const k = col.kinds[i];
      if (k === CellKind.BLANK) continue;
      if (k === CellKind.STRING) {
        const s = col.values[i];
        let e = judged[s];
        if (e === 0) {
          const v = this.strings[s];
          const first = v.charCodeAt(0);
          e = judged[s] = first > 32 && first !== 160 ? 1 : v === "" || v.trim() === "" ? 2 : 1;
        }
        if (e === 2) continue;
      }
      return false;
    }
    return true;
  }

}

/** Office.js `range.values` (or any grid) as it came: no copy, cells read where they are. */
export class GridTable extends Table {
  readonly name: string;
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly rows: number;
  readonly width: number;
  readonly hiddenRows: readonly number[];
  readonly date1904: boolean;
  private readonly values: readonly (readonly unknown[] | undefined)[];

  constructor(grid: SheetGrid) {
    super();
    this.name = grid.name;
    this.values = grid.values ?? [];
    this.firstRow = grid.firstRow ?? 1;
    this.firstColumn = grid.firstColumn ?? 1;
    this.rows = this.values.length;
    let width = 0;
    for (const row of this.values) if (row && row.length > width) width = row.length;
    this.width = width;
    this.hiddenRows = grid.hiddenRows ?? [];
    this.date1904 = grid.date1904 === true;
  }

  cell(r: number, c: number): unknown {
    const row = this.values[r];
    return row === undefined ? undefined : row[c];
  }

  rowView(r: number): readonly unknown[] {
    return this.values[r] ?? NO_CELLS;
  }
  // (`need` is not needed: the grid's row is there already.)

  stored(r: number): number {
    return this.values[r] ? r : -1;
  }

  row(r: number): readonly unknown[] {
    return this.values[r] ?? [];
  }

  rowWidth(r: number): number {
    return this.values[r]?.length ?? 0;
  }

  override isBlankRow(r: number): boolean {
    const row = this.values[r];
    return !row || isBlankCells(row);
  }
}

/** A table with some columns replaced by values per row (a formatted report's groups filled down). */
class FilledTable extends Table {
  readonly name: string;
  readonly firstRow: number;
  readonly firstColumn: number;
  readonly rows: number;
  readonly width: number;
  readonly hiddenRows: readonly number[];
  readonly date1904: boolean;
  private readonly over: (readonly unknown[] | undefined)[];

  constructor(private readonly base: Table, replaced: ReadonlyMap<number, readonly unknown[]>) {
    super();
    this.name = base.name;
    this.firstRow = base.firstRow;
    this.firstColumn = base.firstColumn;
    this.rows = base.rows;
    this.width = base.width;
    this.hiddenRows = base.hiddenRows;
    this.date1904 = base.date1904;
    this.cut = base.cut;
    this.cutCount = base.cutCount;
    this.over = [];
    for (const [c, col] of replaced) this.over[c] = col;
  }

  cell(r: number, c: number): unknown {
    const o = this.over[c];
    return o === undefined ? this.base.cell(r, c) : o[r];
  }

  rowView(r: number): readonly unknown[] {
    return this.row(r);
  }

  stored(r: number): number {
    return this.base.stored(r);
  }

  rowWidth(r: number): number {
    return this.base.rowWidth(r);
  }

  row(r: number): readonly unknown[] {
    const row = this.base.row(r).slice();
    this.over.forEach((o, c) => {
      if (o !== undefined && (c < row.length || o[r] !== undefined)) row[c] = o[r];
    });
    return row;
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

/** A sheet the pipeline is given: a grid (Office.js values, tests) or a table. */
export type SheetInput = SheetGrid | Table;

/** The table to read: a Table as it is, a grid read where it lies. */
export function tableOf(x: SheetInput): Table {
  return x instanceof Table ? x : new GridTable(x);
}
