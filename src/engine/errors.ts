/**
 * The one error type the engine and the custom functions raise for bad or insufficient input.
 * It carries the Excel error code the cell should show, so every face (Excel, Node, CLI) reports the same thing.
 */

export type ExcelErrorCode = "#VALUE!" | "#NUM!" | "#N/A" | "#DIV/0!" | "#NULL!" | "#NAME?" | "#REF!";

export const EXCEL_ERROR_CODES: readonly ExcelErrorCode[] = ["#VALUE!", "#NUM!", "#N/A", "#DIV/0!", "#NULL!", "#NAME?", "#REF!"];

export class GtmError extends Error {
  readonly code: ExcelErrorCode;

  constructor(code: ExcelErrorCode, message: string) {
    super(message);
    this.name = "GtmError";
    this.code = code;
  }
}

/** Bad input the user must fix (wrong type, shape or range): #VALUE! so Excel can show the message. */
export const invalid = (message: string): GtmError => new GtmError("#VALUE!", message);

/** Nothing to compute from what was given (too few ratings, unreachable target, no data). */
export const unavailable = (message: string): GtmError => new GtmError("#N/A", message);

export const isGtmError = (x: unknown): x is GtmError => x instanceof GtmError;
