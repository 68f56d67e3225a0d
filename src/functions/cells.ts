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

/** Excel's data-type error names (ErrorCellValue.errorType) and their codes. */
const DATA_TYPE_ERRORS: Record<string, ExcelErrorCode> = {
  notavailable: "#N/A",
  div0: "#DIV/0!",
  value: "#VALUE!",
  ref: "#REF!",
  name: "#NAME?",
  num: "#NUM!",
  null: "#NULL!",
};

const asCode = (raw: string): ExcelErrorCode | null => {
  const code = raw.toUpperCase();
  return (EXCEL_ERROR_CODES as readonly string[]).includes(code) ? (code as ExcelErrorCode) : null;
};

/**
 * The Excel error code an input cell holds, else null: a CustomFunctions.Error or GtmError ({code}), an Excel
 * data-type error ({type: "Error", basicValue: "#N/A"} or its errorType), or a {code} object from a host.
 * Any other error-like code (#SPILL!, #CALC!, #BUSY!, ...) is #VALUE!.
 */
export function errorCodeOf(v: unknown): ExcelErrorCode | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as { code?: unknown; type?: unknown; basicValue?: unknown; basicType?: unknown; errorType?: unknown };
  if (typeof o.code === "string") return asCode(o.code) ?? "#VALUE!";
  if (o.type === "Error" || o.basicType === "Error") {
    if (typeof o.basicValue === "string" && asCode(o.basicValue)) return asCode(o.basicValue);
    if (typeof o.errorType === "string") return DATA_TYPE_ERRORS[o.errorType.toLowerCase()] ?? "#VALUE!";
    return "#VALUE!";
  }
  return null;
}

/**
 * A cell's plain value. Excel passes data-type cells to `any` parameters as objects (allowCustomDataForDataTypeAny):
 * a formatted number {type: "Double" | "FormattedNumber", basicValue: 1000}, text, booleans and entities that
 * carry a basic value; those become that value. Errors and anything else are returned as they are.
 */
export function plain(v: unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  const o = v as { code?: unknown; basicValue?: unknown; basicType?: unknown; type?: unknown };
  if (typeof o.code === "string" || o.type === "Error" || o.basicType === "Error") return v;
  const b = o.basicValue;
  if (typeof b === "number" || typeof b === "string" || typeof b === "boolean") return b;
  if (o.type === "Empty" || (("basicValue" in o) && (b === null || b === undefined))) return null;
  return v;
}

/** A data-type object with no basic value Excel could reduce it to (an entity card, an image), for messages. */
function dataTypeName(v: unknown): string | null {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return null;
  const o = v as { type?: unknown; text?: unknown };
  if (typeof o.type !== "string") return null;
  const text = typeof o.text === "string" && o.text ? ` "${o.text.length > 40 ? o.text.slice(0, 40) + "…" : o.text}"` : "";
  return `${/^[aeiou]/i.test(o.type) ? "an" : "a"} ${o.type.toLowerCase()} value${text}`;
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
  const dt = dataTypeName(v);
  if (dt) return dt;
  const text = String(v);
  return text.length > 40 ? text.slice(0, 40) + "…" : text;
}

/**
 * A number from one cell. what names it for the message ("Volume in row 3"). Errors in the input keep
 * their code; text, booleans and blanks are #VALUE!; NaN and ±Infinity are #NUM!.
 */
export function toNumber(v: unknown, what: string): number {
  if (typeof v === "object" && v !== null) v = plain(v);
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
  if (typeof v === "object" && v !== null) v = plain(v);
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
  if (Array.isArray(x)) return x.length === 1 && Array.isArray(x[0]) && x[0].length === 1 && isBlank(plain(x[0][0]));
  return isBlank(plain(x));
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
  if (!Array.isArray(x)) return plain(x);
  const g = toGrid(x, what);
  if (g.length !== 1 || g[0].length !== 1) throw invalid(`${what} must be a single cell; got ${g.length} × ${g[0].length}.`);
  return plain(g[0][0]);
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

/** The #NUM! a result cell gets instead of NaN or ±Infinity: no such number ever reaches a cell. */
export function notANumber(what: string): GtmError {
  return new GtmError(
    "#NUM!",
    `${what} cannot be computed from these inputs: the result is beyond the numbers Excel can hold (about 1.8E+308) or undefined. Check for an extreme value, such as a rate or churn close to 0 or a number that is far too large.`,
  );
}

/**
 * Finishes row i of a result as it is built (while the row is still in cache): a NaN or ±Infinity becomes
 * #NUM! with a message (what names the result for it), and the row is noted in errorRows when it holds an
 * error cell, so the Excel face converts those rows only instead of walking a 100,000-row spill again.
 */
export function finishRow(row: Cell[], i: number, errorRows: number[] | undefined, what = "The result"): void {
  let noted = errorRows === undefined;
  for (let j = 0; j < row.length; j++) {
    const c = row[j];
    if (typeof c === "number") {
      if (c - c !== 0) row[j] = notANumber(what); // NaN and ±Infinity only: x - x is 0 for every finite x
      else continue;
    } else if (!(c instanceof GtmError)) continue;
    if (!noted) {
      (errorRows as number[]).push(i);
      noted = true;
    }
  }
}

/** Kept for callers that build rows without numbers of their own: notes row i when it holds an error cell. */
export function noteErrors(row: Cell[], i: number, errorRows: number[] | undefined): void {
  finishRow(row, i, errorRows);
}

/** Excel's last row: a reference with this many rows is a whole column (A:A). */
export const SHEET_ROWS = 1_048_576;

const blankRow = (row: unknown): boolean => {
  if (!Array.isArray(row)) return false;
  for (let j = 0; j < row.length; j++) if (!isBlank(plain(row[j]))) return false;
  return true;
};

/**
 * Whole-column references (A:A, B2:B1048576 …) trimmed to their last non-blank row, together: every
 * grid that reaches Excel's last row is cut at the same row, the last one any of them uses, so rows stay
 * matched; other grids are returned as they are. At least one row is kept.
 */
export function trimWholeColumns<G extends unknown[][] | null>(grids: G[]): G[] {
  let last = -1;
  let any = false;
  for (const g of grids) {
    if (g === null || g.length < SHEET_ROWS) continue;
    any = true;
    for (let i = g.length - 1; i > last; i--) {
      if (!blankRow(g[i])) {
        last = i;
        break;
      }
    }
  }
  if (!any) return grids;
  const keep = Math.max(1, last + 1);
  return grids.map((g) => (g === null || g.length < SHEET_ROWS ? g : (g.slice(0, keep) as G)));
}

/** Re-throws anything that is not a GtmError as a #VALUE! GtmError, so callers only ever see Excel errors. */
export function asGtmError(e: unknown): GtmError {
  if (e instanceof GtmError) return e;
  return invalid(`Unexpected problem: ${e instanceof Error ? e.message : String(e)}.`);
}
