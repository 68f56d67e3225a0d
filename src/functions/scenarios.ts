/**
 * Scenario arguments broadcast as Excel broadcasts arrays: every per-scenario argument is one cell (used for
 * every scenario), a column (one row per scenario), a row (one column per scenario) or a block; the result
 * takes the larger size in each direction, so a column of one input against a row of another gives the
 * two-way grid a Data Table would. As in Excel, a cell beyond a shorter argument's rows or columns is #N/A.
 * Stage arguments (rates, capacity) are blocks whose columns are the stages and whose rows are scenarios.
 */
import { GtmError, invalid, unavailable } from "../engine/errors";
import { Grid, MAX_CELLS, SHEET_ROWS, isBlank, isOmitted, plain, show } from "./cells";

/** One per-scenario value per cell. g is null when the argument was left out. */
export interface ScalarArg {
  name: string;
  g: Grid | null;
  rows: number;
  cols: number;
  /** A whole-column reference cut at its last used row: rows past its end read as blank. */
  whole: boolean;
}

/** A block of stage values: `k` columns (stages), one row per scenario (or one row for all). */
export interface StageArg {
  name: string;
  /** Cell (scenario row i, stage s); i is already 0 when the block has one row. */
  cell: (i: number, s: number) => unknown;
  rows: number;
  k: number;
  whole: boolean;
}

/** Rows of a whole-column reference (Excel's last row) cut after the last non-blank one. */
function cutWholeColumn(g: unknown[][]): { g: unknown[][]; whole: boolean } {
  if (g.length < SHEET_ROWS) return { g, whole: false };
  let last = g.length - 1;
  for (; last > 0; last--) {
    const row = g[last];
    if (!Array.isArray(row)) break;
    let blank = true;
    for (let j = 0; j < row.length && blank; j++) blank = isBlank(plain(row[j]));
    if (!blank) break;
  }
  return { g: g.slice(0, last + 1), whole: true };
}

/** A range argument as a rectangular grid: scalars become 1×1, a flat list one row; whole columns are cut. */
export function gridOf(x: unknown, what: string): { g: Grid; whole: boolean } {
  if (!Array.isArray(x)) return { g: [[x]], whole: false };
  if (x.length === 0) throw invalid(`${what} is empty.`);
  if (!Array.isArray(x[0])) return { g: [x], whole: false };
  const cut = cutWholeColumn(x as unknown[][]);
  const g = cut.g;
  const width = (g[0] as unknown[]).length;
  if (width === 0) throw invalid(`${what} is empty.`);
  if (g.length * width > MAX_CELLS) {
    throw invalid(`${what} has ${g.length} × ${width} cells; the most GTM Compass takes is ${MAX_CELLS.toLocaleString("en-US")}. Use a smaller range.`);
  }
  for (let i = 0; i < g.length; i++) {
    const row = g[i];
    if (!Array.isArray(row) || row.length !== width) throw invalid(`${what} is not a rectangular range (row ${i + 1} differs).`);
  }
  return { g, whole: cut.whole };
}

/** A per-scenario argument; an omitted optional one has g = null and counts as one cell. */
export function scalarArg(x: unknown, name: string, optional = false): ScalarArg {
  if (optional && isOmitted(x)) return { name, g: null, rows: 1, cols: 1, whole: false };
  const { g, whole } = gridOf(x, name);
  return { name, g, rows: g.length, cols: g[0].length, whole };
}

/**
 * A stage block: a row of k values (one set for every scenario), a column of k values when `columnIsOneSet`
 * says so (the long-standing form of rates), or a block of k columns with a row per scenario.
 */
export function stageArg(x: unknown, name: string, maxStages: number, k: number | null): StageArg {
  const { g, whole } = gridOf(x, name);
  const m = g.length;
  const w = g[0].length;
  // A single column is one set of stages (rates down a column), unless the stages are known to be 1 wide.
  if (m > 1 && w === 1 && (k === null ? true : k === m && k > 1)) {
    if (m > maxStages) throw invalid(`${name} has ${m} cells; the most it takes is ${maxStages}.`);
    return { name, cell: (_i, s) => g[s][0], rows: 1, k: m, whole: false };
  }
  if (w > maxStages) throw invalid(`${name} has ${w} columns; the most it takes is ${maxStages}.`);
  if (k !== null && w !== k) {
    throw invalid(
      `${name} has ${w} column${w === 1 ? "" : "s"} but rates has ${k} stage${k === 1 ? "" : "s"}; give one ${name === "capacity" ? "capacity" : "value"} per rate (blank = unlimited), in a row, or a block with one row per scenario.`,
    );
  }
  if (m === 1) return { name, cell: (_i, s) => g[0][s], rows: 1, k: w, whole };
  return { name, cell: (i, s) => (i < m ? g[i][s] : null), rows: m, k: w, whole };
}

export interface Shape {
  m: number;
  n: number;
  /** How many rows each whole-column argument is read to (the longest of them), else 0. */
  wholeRows: number;
}

/**
 * The broadcast shape of the arguments: in each direction the larger size (Excel's rule). Whole-column
 * arguments all extend to the longest of them, so their rows stay matched.
 */
export function broadcast(args: { rows: number; cols: number; whole: boolean }[]): Shape {
  let wholeRows = 0;
  for (const a of args) if (a.whole && a.rows > wholeRows) wholeRows = a.rows;
  let m = 1;
  let n = 1;
  for (const a of args) {
    const rows = a.whole ? wholeRows : a.rows;
    if (rows > m) m = rows;
    if (a.cols > n) n = a.cols;
  }
  if (m * n > MAX_CELLS) throw invalid(`The scenarios make ${m} × ${n} results; the most GTM Compass returns is ${MAX_CELLS.toLocaleString("en-US")}. Use smaller ranges.`);
  return { m, n, wholeRows };
}

/** Blank, for a scenario past the end of a whole-column argument. */
const PAST_END = null;

/**
 * The cell of a per-scenario argument for scenario (i, j), or a GtmError (#N/A) when the argument is
 * shorter than the result in that direction and is not one cell there (Excel's rule for mismatched arrays).
 */
export function argAt(a: ScalarArg, i: number, j: number): unknown {
  const g = a.g;
  if (g === null) return null;
  let r = 0;
  if (a.rows !== 1) {
    if (i >= a.rows) return a.whole ? PAST_END : beyond(a, "row", i, a.rows);
    r = i;
  }
  let c = 0;
  if (a.cols !== 1) {
    if (j >= a.cols) return beyond(a, "column", j, a.cols);
    c = j;
  }
  return g[r][c];
}

/** The stage row for scenario row i, or the #N/A for a block shorter than the scenarios. */
export function stageRowOk(a: StageArg, i: number): GtmError | null {
  if (a.rows === 1 || i < a.rows || a.whole) return null;
  return beyond(a, "row", i, a.rows);
}

function beyond(a: { name: string }, dir: "row" | "column", index: number, size: number): GtmError {
  return unavailable(`${a.name} has ${size} ${dir}${size === 1 ? "" : "s"}, so scenario ${dir} ${index + 1} has no ${a.name}; give one cell, or one per scenario ${dir}.`);
}

/** Where a scenario sits, for messages: nothing for a single scenario, else its row (and column). */
export const where = (shape: Shape, i: number, j: number): string =>
  shape.m * shape.n === 1 ? "" : shape.n === 1 ? ` in row ${i + 1}` : shape.m === 1 ? ` in column ${j + 1}` : ` in row ${i + 1}, column ${j + 1}`;

/** A plain number for a scenario cell, or null when it is not one (data types unwrapped). */
export function numberAt(v: unknown): number | null {
  if (typeof v === "number") return v;
  const p = plain(v);
  return typeof p === "number" ? p : null;
}

/** The message text of a cell that is not a usable number, e.g. `text "abc"`. */
export const describe = show;
