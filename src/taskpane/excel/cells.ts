/**
 * Report cells as Excel input. Text is written so Excel keeps it as text: a leading apostrophe stops "=",
 * "+", "-", "@" from becoming a formula and stops numeric or date-like text from being converted. Only
 * ReportFormula cells, which GTM Compass authored, become formulas.
 */
import { columnLetter } from "../../pipeline/text";
import type { ReportCell } from "../../report/types";

export type ExcelInput = string | number | boolean;

// Text Excel would turn into a boolean or a date even though it starts with a letter ("true", "Jan 5").
const COERCIBLE = /^(true|false)$|^[a-z]{3,9}[\s\-/.]+\d/i;

/** Text as Excel input that stays exactly this text. */
export function textInput(s: string): string {
  if (s === "") return "";
  if (/^\p{L}/u.test(s) && !COERCIBLE.test(s)) return s;
  return `'${s}`;
}

export function isFormula(cell: ReportCell | undefined): cell is { formula: string } {
  return typeof cell === "object" && cell !== null && typeof (cell as { formula?: unknown }).formula === "string";
}

/** One report cell as a value for Range.values / Range.formulas. */
export function toInput(cell: ReportCell | undefined): ExcelInput {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : "";
  if (typeof cell === "boolean") return cell;
  if (typeof cell === "string") return textInput(cell);
  return `=${cell.formula.replace(/^=/, "")}`;
}

/** A1 address of a 0-based cell or block. */
export function a1(row: number, col: number, rows = 1, cols = 1): string {
  const start = `${columnLetter(col + 1)}${row + 1}`;
  if (rows === 1 && cols === 1) return start;
  return `${start}:${columnLetter(col + cols)}${row + rows}`;
}
