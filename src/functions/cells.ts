/**
 * Cell arguments as Excel (or a Node caller) passes them: scalars or 2-D ranges of numbers, text, booleans,
 * blanks and error values. Turns them into numbers or a GtmError that says which argument and cell is wrong.
 */
import { EXCEL_ERROR_CODES, ExcelErrorCode, GtmError, invalid } from "../engine/errors";

/** A result cell: a number, text, or an error shown in that cell. */
export type Cell = number | string | GtmError;
export type Grid = unknown[][];

/** Larger than any Excel sheet column (1,048,576 rows) times a few columns; stops runaway input early. */
export const MAX_CELLS = 4_000_000;

export const isBlank = (v: unknown): boolean => v === null || v === undefined || v === "";

/** The Excel error code an input cell holds (CustomFunctions.Error, GtmError, {code}/{type} objects), else null. */
export function errorCodeOf(v: unknown): ExcelErrorCode | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const raw = (v as { code?: unknown }).code ?? (v as { type?: unknown }).type;
  if (typeof raw !== "string") return null;
  const code = raw.toUpperCase();
  return (EXCEL_ERROR_CODES as readonly string[]).includes(code) ? (code as ExcelErrorCode) : "#VALUE!";
}

/** Describes a cell for a message: `"abc"`, `TRUE`, `#N/A`, `blank`. */
export function show(v: unknown): string {
  if (isBlank(v)) return "blank";
  if (typeof v === "string") return `text "${v.length > 40 ? v.slice(0, 40) + "…" : v}"`;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  const code = errorCodeOf(v);
  if (code) return code;
  if (Array.isArray(v)) return "a range";
  const text = String(v);
  return text.length > 40 ? text.slice(0, 40) + "…" : text;
}

/**
 * A number from one cell. what names it for the message ("Volume in row 3"). Errors in the input keep
 * their code; text, booleans and blanks are #VALUE!; NaN and ±Infinity are #NUM!.
 */
export function toNumber(v: unknown, what: string): number {
  if (typeof v === "number") {
    if (Number.isFinite(v)) return v;
    throw new GtmError("#NUM!", `${what} must be a finite number; got ${String(v)}.`);
  }
  const code = errorCodeOf(v);
  if (code) {
    const msg = (v as { message?: unknown }).message;
    throw new GtmError(code, `${what} holds an error (${code}${typeof msg === "string" && msg ? `: ${msg}` : ""}); fix that cell first.`);
  }
  if (isBlank(v)) throw invalid(`${what} is blank; enter a number.`);
  throw invalid(`${what} is ${show(v)}, not a number; enter a number${typeof v === "string" ? " (without text or units)" : ""}.`);
}

/** Like toNumber, but a blank (or an omitted argument) is null. */
export function toOptionalNumber(v: unknown, what: string): number | null {
  return isBlank(v) ? null : toNumber(v, what);
}

/** Scalars become 1x1 grids, a flat array becomes one row; ragged grids are #VALUE!. */
export function toGrid(x: unknown, what: string, checkRows = true): Grid {
  if (!Array.isArray(x)) return [[x]];
  if (x.length === 0) throw invalid(`${what} is empty.`);
  if (!Array.isArray(x[0])) return [x];
  const width = (x[0] as unknown[]).length;
  if (width === 0) throw invalid(`${what} is empty.`);
  if (x.length * width > MAX_CELLS) {
    throw invalid(`${what} has ${x.length} × ${width} cells; the most GTM Compass takes is ${MAX_CELLS.toLocaleString("en-US")}. Use a smaller range.`);
  }
  if (checkRows) for (let i = 0; i < x.length; i++) checkRow(x[i], i, width, what);
  return x as Grid;
}

/** Throws #VALUE! unless row i is an array of the grid's width (hot loops call this themselves, in passing). */
export function checkRow(row: unknown, i: number, width: number, what: string): void {
  if (!Array.isArray(row) || row.length !== width) throw invalid(`${what} is not a rectangular range (row ${i + 1} differs).`);
}

/** True for an omitted optional argument: undefined, null, a blank cell or a 1x1 blank range. */
export function isOmitted(x: unknown): boolean {
  if (Array.isArray(x)) return x.length === 1 && Array.isArray(x[0]) && x[0].length === 1 && isBlank(x[0][0]);
  return isBlank(x);
}

/** The cells of a single row or column (or one cell), in order; a 2-D block is #VALUE!. */
export function toVector(x: unknown, what: string, maxLength: number): unknown[] {
  const g = toGrid(x, what);
  let out: unknown[];
  if (g.length === 1) out = g[0];
  else if (g[0].length === 1) out = g.map((row) => row[0]);
  else throw invalid(`${what} must be one row or one column; got ${g.length} rows × ${g[0].length} columns.`);
  if (out.length > maxLength) throw invalid(`${what} has ${out.length} cells; the most it takes is ${maxLength}.`);
  return out;
}

/** A scalar argument given as a cell, possibly as a 1x1 range. */
export function toScalar(x: unknown, what: string): unknown {
  if (!Array.isArray(x)) return x;
  const g = toGrid(x, what);
  if (g.length !== 1 || g[0].length !== 1) throw invalid(`${what} must be a single cell; got ${g.length} × ${g[0].length}.`);
  return g[0][0];
}

/** The chosen field name, matched case-insensitively; blank is the default. */
export function toField<F extends string>(x: unknown, allowed: readonly F[], fallback: F): F {
  const v = toScalar(x, "field");
  if (isBlank(v)) return fallback;
  if (typeof v === "string") {
    const key = v.trim().toLowerCase().replace(/[\s:-]+/g, "_");
    const hit = allowed.find((f) => f === key);
    if (hit) return hit;
  }
  throw invalid(`field is ${show(v)}; use one of: ${allowed.join(", ")}.`);
}

/** A row of n copies of one error, so a bad row shows its error in every column of a spill. */
export const errorRow = (e: GtmError, n: number): Cell[] => {
  const row = new Array<Cell>(n);
  for (let j = 0; j < n; j++) row[j] = e;
  return row;
};

/**
 * Notes row i in errorRows when the row holds an error cell. The grid functions call it as each row is
 * built (while the row is still in cache), so the Excel face converts those rows only instead of walking
 * a 100,000-row spill again; callers that keep GtmError cells pass no errorRows.
 */
export function noteErrors(row: readonly Cell[], i: number, errorRows: number[] | undefined): void {
  if (errorRows === undefined) return;
  for (let j = 0; j < row.length; j++) {
    if (row[j] instanceof GtmError) {
      errorRows.push(i);
      return;
    }
  }
}

/** Re-throws anything that is not a GtmError as a #VALUE! GtmError, so callers only ever see Excel errors. */
export function asGtmError(e: unknown): GtmError {
  if (e instanceof GtmError) return e;
  return invalid(`Unexpected problem: ${e instanceof Error ? e.message : String(e)}.`);
}
