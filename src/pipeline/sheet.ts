/**
 * A worksheet as typed columns: the form the file readers (xlsx, csv) fill without an object per cell, and
 * the form the pipeline reads (through a Table, src/pipeline/table.ts). `toGrid()` gives the row-major
 * SheetGrid for the few who want one (tests, inspection); the analysis never does.
 *
 * The contract (read-only for consumers):
 * - Rows are *stored rows*: only rows that hold at least one cell are stored, in sheet order.
 *   `rowNumbers[i]` is the 1-based sheet row of stored row i (strictly increasing); `dense` is true when
 *   stored row i is sheet row `firstRow + i` for every i (no gaps), the usual case.
 * - `columns[c]` is sheet column `firstColumn + c`, or undefined when that column holds no cell at all (a
 *   stray cell far right costs one short column, never a padded row). A column's arrays may be shorter
 *   than `rowCount`: stored rows past its end are blank there.
 * - A cell is `kinds[i]` (CellKind) and `values[i]`: the number for NUMBER; the string code for STRING and
 *   ERROR (an index into `strings`); 1 or 0 for BOOLEAN; unspecified for BLANK.
 * - `strings` holds each distinct text once: equal codes mean equal text and different codes different
 *   text, across every column of the book, so a code is a dictionary code and each distinct string needs
 *   to be classified once. The same `strings` array may be shared by every sheet of a workbook.
 * - Numbers are as the file holds them: dates are Excel serials in the workbook's own date system
 *   (`date1904`), formulas their cached result.
 */
import type { SheetGrid } from "./types";

export const enum CellKind {
  BLANK = 0,
  NUMBER = 1,
  /** values[i] is a code into `strings`. */
  STRING = 2,
  /** values[i] is 1 (TRUE) or 0 (FALSE). */
  BOOLEAN = 3,
  /** An Excel error such as "#N/A": values[i] is a code into `strings`. */
  ERROR = 4,
}

export interface SheetColumn {
  /** CellKind per stored row. */
  readonly kinds: Uint8Array;
  /** Number, string code or 0/1 per stored row (see CellKind). */
  readonly values: Float64Array;
}

export interface ColumnarSheet {
  name: string;
  /** 1-based sheet row of stored row 0 (1 for an empty sheet). */
  firstRow: number;
  /** 1-based sheet column of columns[0]. */
  firstColumn: number;
  /** Stored rows (see the contract above). */
  rowCount: number;
  /** 1-based sheet row of each stored row, strictly increasing. */
  rowNumbers: Int32Array;
  /** rowNumbers[i] === firstRow + i for every stored row. */
  dense: boolean;
  columns: (SheetColumn | undefined)[];
  /** Distinct texts; shared by the sheets of one workbook. */
  strings: readonly string[];
  /** 1-based sheet rows the user has hidden, ascending (rows without cells included). */
  hiddenRows: number[];
  /** The workbook uses the 1904 date system. */
  date1904: boolean;
  /** How the file wrote a blank cell for `toGrid()`: null (xlsx, as Office.js gives) or "" (csv text). */
  blank: null | "";
  /** Cells whose text was longer than Excel's 32,767 characters and was cut (the first CUT_NOTES of them). */
  cut?: CutCell[];
  /** How many cells were cut in all. */
  cutCount?: number;
}

/** A cell whose text was cut to Excel's limit: 1-based sheet row and column, and its length as found. */
export interface CutCell {
  row: number;
  column: number;
  /** Characters in the file (or bytes, when `bytes`: the text was not decoded past the limit). */
  length: number;
  bytes?: boolean;
}

/** Cut cells listed one by one; past that only counted. */
export const CUT_NOTES = 1000;

/** Text cut to `max` UTF-16 units, never between the two halves of a surrogate pair. */
export function cutText(s: string, max: number): string {
  if (s.length <= max) return s;
  const c = s.charCodeAt(max - 1);
  return s.slice(0, c >= 0xd800 && c <= 0xdbff ? max - 1 : max);
}

/** Number of columns (the last one holding a cell, counted from firstColumn). */
export function columnCount(s: ColumnarSheet): number {
  return s.columns.length;
}

/** Last 1-based sheet row holding a cell (0 for an empty sheet). */
export function lastRow(s: ColumnarSheet): number {
  return s.rowCount > 0 ? s.rowNumbers[s.rowCount - 1] : 0;
}

/** Stored row index of a 1-based sheet row, or -1 when that row holds no cell. */
export function storedRow(s: ColumnarSheet, sheetRow: number): number {
  if (s.dense) {
    const i = sheetRow - s.firstRow;
    return i >= 0 && i < s.rowCount ? i : -1;
  }
  let lo = 0;
  let hi = s.rowCount - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = s.rowNumbers[mid];
    if (r === sheetRow) return mid;
    if (r < sheetRow) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The cell at a stored row and column index (0-based into columns) as Office.js would give it. */
export function cellAt(s: ColumnarSheet, row: number, column: number): number | string | boolean | null {
  const col = s.columns[column];
  if (!col || row < 0 || row >= col.kinds.length) return s.blank;
  switch (col.kinds[row]) {
    case CellKind.NUMBER:
      return col.values[row];
    case CellKind.STRING:
    case CellKind.ERROR:
      return s.strings[col.values[row]];
    case CellKind.BOOLEAN:
      return col.values[row] !== 0;
    default:
      return s.blank;
  }
}

/** Cells holding anything (not BLANK). */
export function filledCells(s: ColumnarSheet): number {
  let n = 0;
  for (const col of s.columns) {
    if (!col) continue;
    const k = col.kinds;
    for (let i = 0; i < k.length; i++) if (k[i] !== CellKind.BLANK) n++;
  }
  return n;
}

/** True when some cell holds anything (stops at the first). */
export function hasCells(s: ColumnarSheet): boolean {
  for (const col of s.columns) {
    if (!col) continue;
    const k = col.kinds;
    for (let i = 0; i < k.length; i++) if (k[i] !== CellKind.BLANK) return true;
  }
  return false;
}

/** A rectangle is padded only while it holds at most this many times the filled cells (plus slack). */
const PAD_FACTOR = 4;
const PAD_SLACK = 1 << 16;

/**
 * The sheet as a row-major grid (what the pipeline reads today), from `firstRow` to the last row holding
 * a cell, and from `firstColumn`. Rows without cells are one shared frozen blank
 * row. Rows are padded to a rectangle unless that would more than quadruple the cells (a stray cell far
 * to the right then leaves the other rows short instead of padding each to its column).
 */
export function toGrid(s: ColumnarSheet): SheetGrid {
  const width = s.columns.length;
  const rows = s.rowCount === 0 ? 0 : lastRow(s) - s.firstRow + 1;
  const filled = filledCells(s);
  const rectangle = s.rowCount * width <= PAD_FACTOR * filled + PAD_SLACK;
  const blankRow: unknown[] = Object.freeze(new Array(rectangle ? width : 0).fill(s.blank)) as unknown[];
  const values: unknown[][] = new Array(rows);
  for (let r = 0; r < rows; r++) values[r] = blankRow;
  // Each row's own width: its last cell (or the rectangle's).
  const widths = new Int32Array(s.rowCount);
  if (rectangle) widths.fill(width);
  else {
    for (let c = 0; c < width; c++) {
      const col = s.columns[c];
      if (!col) continue;
      const k = col.kinds;
      for (let i = 0; i < k.length; i++) if (k[i] !== CellKind.BLANK) widths[i] = c + 1;
    }
  }
  const built: unknown[][] = new Array(s.rowCount);
  for (let i = 0; i < s.rowCount; i++) built[i] = new Array(widths[i]).fill(s.blank);
  const strings = s.strings;
  for (let c = 0; c < width; c++) {
    const col = s.columns[c];
    if (!col) continue;
    const { kinds, values: nums } = col;
    for (let i = 0; i < kinds.length; i++) {
      const k = kinds[i];
      if (k === CellKind.BLANK) continue;
      const v = k === CellKind.NUMBER ? nums[i] : k === CellKind.BOOLEAN ? nums[i] !== 0 : strings[nums[i]];
      built[i][c] = v;
    }
  }
  for (let i = 0; i < s.rowCount; i++) {
    if (widths[i] === 0 && !rectangle) continue;
    values[s.rowNumbers[i] - s.firstRow] = built[i];
  }
  return {
    name: s.name,
    values,
    firstRow: s.firstRow,
    firstColumn: s.firstColumn,
    hiddenRows: s.hiddenRows.filter((r) => r >= s.firstRow && r <= s.firstRow + rows - 1),
    date1904: s.date1904,
  };
}

/** Raised by a builder when a limit is passed; the reader turns it into a located one-line message. */
export class SheetLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SheetLimitError";
  }
}

/** Column capacity reserved from a sheet's declared dimension, at most (9 bytes a cell). */
const HINT_BYTES = 192 * 1024 * 1024;

/** A column being filled: arrays grow by doubling; `length` is one past its last cell. */
class ColumnBuilder {
  kinds: Uint8Array;
  values: Float64Array;
  length = 0;
  constructor(capacity: number) {
    this.kinds = new Uint8Array(capacity);
    this.values = new Float64Array(capacity);
  }
  grow(min: number, hint: number): void {
    let cap = Math.max(this.kinds.length * 2, 16);
    while (cap < min) cap *= 2;
    if (hint >= min && hint > this.kinds.length) cap = hint;
    const k = new Uint8Array(cap);
    k.set(this.kinds.subarray(0, this.length));
    const v = new Float64Array(cap);
    v.set(this.values.subarray(0, this.length));
    this.kinds = k;
    this.values = v;
  }
}

/** Where a builder's strings go: each distinct text gets one code, an index into `strings`. */
export interface Interner {
  readonly strings: readonly string[];
  codeString(s: string): number;
}

/** Strings interned once per workbook (or csv file): text → code. */
export class StringTable implements Interner {
  readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();
  /** UTF-16 code units held, for the reader's memory bound. */
  chars = 0;
  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(s);
      this.codes.set(s, c);
      this.chars += s.length;
    }
    return c;
  }
  codeString(s: string): number {
    return this.code(s);
  }
  /** Code of a text already interned, or -1. */
  find(s: string): number {
    return this.codes.get(s) ?? -1;
  }
  /** Drop the lookup map once reading is done (the strings stay). */
  seal(): void {
    this.codes.clear();
  }
}

export interface BuilderLimits {
  /** Cells the stored rectangle may hold across the book (sum of column lengths). */
  maxCells: number;
}

/**
 * Fills a ColumnarSheet row by row: `startRow(sheetRow)` then `set*(column, …)` with 0-based sheet
 * columns (A = 0). Rows must come in ascending order; a row given twice is merged. Nothing is allocated
 * per cell.
 */
export class SheetBuilder {
  private readonly cols: (ColumnBuilder | undefined)[] = [];
  private rowNums = new Int32Array(1024);
  private rows = 0;
  /** Stored index of the current row. */
  private cur = -1;
  private minCol = Infinity;
  private maxCol = -1;
  hiddenRows: number[] = [];
  readonly cut: CutCell[] = [];
  cutCount = 0;
  /** Column capacity hint (rows), from the sheet's declared dimension. */
  rowHint = 0;

  constructor(
    readonly name: string,
    readonly table: Interner,
    private readonly budget: { cells: number; readonly max: number; allocated?: number },
  ) {}

  /** Rows stored so far. */
  get storedRows(): number {
    return this.rows;
  }

  /** The current stored row's sheet row number (0 before the first). */
  get currentRow(): number {
    return this.cur < 0 ? 0 : this.rowNums[this.cur];
  }

  startRow(sheetRow: number): void {
    if (this.cur >= 0 && this.rowNums[this.cur] === sheetRow) return;
    if (this.rows === this.rowNums.length) {
      const n = new Int32Array(this.rows * 2);
      n.set(this.rowNums);
      this.rowNums = n;
    }
    this.rowNums[this.rows] = sheetRow;
    this.cur = this.rows++;
  }

  private column(c: number): ColumnBuilder {
    let col = this.cols[c];
    if (col === undefined) {
      while (this.cols.length < c) this.cols.push(undefined);
      col = new ColumnBuilder(this.cur < 64 ? 64 : 0);
      this.cols[c] = col;
      if (c < this.minCol) this.minCol = c;
      if (c > this.maxCol) this.maxCol = c;
    }
    const i = this.cur;
    if (i >= col.length) {
      // Blank cells between the column's last cell and this one count against the budget too.
      this.budget.cells += i + 1 - col.length;
      if (this.budget.cells > this.budget.max) {
        throw new SheetLimitError(`more than ${this.budget.max.toLocaleString("en-US")} cells`);
      }
      if (i >= col.kinds.length) {
        // The declared dimension sizes a column at once, while the capacity it reserves stays bounded.
        const before = col.kinds.length;
        const hint = (this.budget.allocated ?? 0) + 9 * this.rowHint <= HINT_BYTES ? this.rowHint : 0;
        col.grow(i + 1, hint);
        this.budget.allocated = (this.budget.allocated ?? 0) + 9 * (col.kinds.length - before);
      }
      col.length = i + 1;
    }
    return col;
  }

  setNumber(c: number, v: number): void {
    const col = this.column(c);
    col.kinds[this.cur] = CellKind.NUMBER;
    col.values[this.cur] = v;
  }
  setCode(c: number, kind: CellKind.STRING | CellKind.ERROR, code: number): void {
    const col = this.column(c);
    col.kinds[this.cur] = kind;
    col.values[this.cur] = code;
  }
  setString(c: number, s: string): void {
    this.setCode(c, CellKind.STRING, this.table.codeString(s));
  }
  /** The current row's cell in 0-based column c had its text cut from `length` characters (or bytes). */
  noteCut(c: number, length: number, bytes = false): void {
    this.cutCount++;
    if (this.cut.length < CUT_NOTES) this.cut.push({ row: this.currentRow, column: c + 1, length, ...(bytes ? { bytes } : {}) });
  }
  setBoolean(c: number, v: boolean): void {
    const col = this.column(c);
    col.kinds[this.cur] = CellKind.BOOLEAN;
    col.values[this.cur] = v ? 1 : 0;
  }

  /** Rows that hold no cell at all are not stored (a row element of blank styled cells, say). */
  private dropEmptyRows(): void {
    // A row was stored when it started; keep only rows where some column has a cell. A column with a
    // cell on every row (an id column, say) shows at once that every row holds one.
    for (const col of this.cols) {
      if (!col || col.length < this.rows) continue;
      const k = col.kinds;
      let i = 0;
      while (i < this.rows && k[i] !== CellKind.BLANK) i++;
      if (i === this.rows) return;
    }
    const keep = new Uint8Array(this.rows);
    for (const col of this.cols) {
      if (!col) continue;
      const k = col.kinds;
      for (let i = 0; i < col.length; i++) if (k[i] !== CellKind.BLANK) keep[i] = 1;
    }
    let all = true;
    for (let i = 0; i < this.rows; i++) if (!keep[i]) all = false;
    if (all) return;
    const map = new Int32Array(this.rows);
    let n = 0;
    for (let i = 0; i < this.rows; i++) {
      map[i] = n;
      if (keep[i]) this.rowNums[n++] = this.rowNums[i];
    }
    for (const col of this.cols) {
      if (!col) continue;
      let len = 0;
      for (let i = 0; i < col.length; i++) {
        if (!keep[i]) continue;
        const j = map[i];
        col.kinds[j] = col.kinds[i];
        col.values[j] = col.values[i];
        if (col.kinds[j] !== CellKind.BLANK) len = j + 1;
      }
      col.length = len;
    }
    this.rows = n;
  }

  finish(extra: { date1904: boolean; blank: null | "" }): ColumnarSheet {
    this.dropEmptyRows();
    // Columns that ended up without a cell are dropped; the first and last holding one bound the sheet.
    let first = -1;
    let last = -1;
    for (let c = 0; c < this.cols.length; c++) {
      const col = this.cols[c];
      if (col && col.length > 0) {
        if (first < 0) first = c;
        last = c;
      }
    }
    const columns: (SheetColumn | undefined)[] = [];
    for (let c = first; first >= 0 && c <= last; c++) {
      const col = this.cols[c];
      if (!col || col.length === 0) {
        columns.push(undefined);
        continue;
      }
      // A column sized from a dimension larger than its data gives the spare capacity back.
      const tight = col.length < col.kinds.length / 2;
      columns.push({
        kinds: tight ? col.kinds.slice(0, col.length) : col.kinds.subarray(0, col.length),
        values: tight ? col.values.slice(0, col.length) : col.values.subarray(0, col.length),
      });
    }
    const rowNumbers = this.rowNums.slice(0, this.rows);
    const firstRow = this.rows > 0 ? rowNumbers[0] : 1;
    const dense = this.rows === 0 || rowNumbers[this.rows - 1] - firstRow === this.rows - 1;
    const hidden = [...new Set(this.hiddenRows)].sort((a, b) => a - b);
    const lastSheetRow = this.rows > 0 ? rowNumbers[this.rows - 1] : 0;
    return {
      name: this.name,
      firstRow,
      firstColumn: first >= 0 ? first + 1 : 1,
      rowCount: this.rows,
      rowNumbers,
      dense,
      columns,
      strings: this.table.strings,
      hiddenRows: hidden.filter((r) => r <= lastSheetRow),
      date1904: extra.date1904,
      blank: extra.blank,
      ...(this.cutCount > 0 ? { cut: this.cut, cutCount: this.cutCount } : {}),
    };
  }
}

/** Build a ColumnarSheet from a grid of Office.js-style values (the task pane's path into the same columns). */
export function fromGrid(grid: SheetGrid, table = new StringTable()): ColumnarSheet {
  const b = new SheetBuilder(grid.name, table, { cells: 0, max: Number.MAX_SAFE_INTEGER });
  const firstRow = grid.firstRow ?? 1;
  const firstColumn = grid.firstColumn ?? 1;
  grid.values.forEach((row, r) => {
    if (!row) return;
    let started = false;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === "") continue;
      if (!started) {
        b.startRow(firstRow + r);
        started = true;
      }
      const col = firstColumn - 1 + c;
      if (typeof v === "number") b.setNumber(col, v);
      else if (typeof v === "boolean") b.setBoolean(col, v);
      else b.setString(col, v instanceof Date ? v.toISOString() : String(v));
    }
  });
  b.hiddenRows = [...(grid.hiddenRows ?? [])];
  return b.finish({ date1904: Boolean(grid.date1904), blank: null });
}
