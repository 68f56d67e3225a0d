/** Maps the core's GtmError to CustomFunctions.Error, the only error Excel shows with its own message. */
import { ExcelErrorCode, GtmError } from "../engine/errors";
import { Cell, asGtmError } from "./cells";
import { wholeCallError } from "./core";

/** Excel displays a custom message only for #VALUE! and #N/A; the others carry just their code. */
const TAKES_MESSAGE: ReadonlySet<ExcelErrorCode> = new Set<ExcelErrorCode>(["#VALUE!", "#N/A"]);

const ERROR_CODE: Record<ExcelErrorCode, CustomFunctions.ErrorCode> = {
  "#VALUE!": "#VALUE!" as CustomFunctions.ErrorCode.invalidValue,
  "#N/A": "#N/A" as CustomFunctions.ErrorCode.notAvailable,
  "#DIV/0!": "#DIV/0!" as CustomFunctions.ErrorCode.divisionByZero,
  "#NUM!": "#NUM!" as CustomFunctions.ErrorCode.invalidNumber,
  "#NULL!": "#NULL!" as CustomFunctions.ErrorCode.nullReference,
  "#NAME?": "#NAME?" as CustomFunctions.ErrorCode.invalidName,
  "#REF!": "#REF!" as CustomFunctions.ErrorCode.invalidReference,
};

export function toExcelError(e: GtmError): CustomFunctions.Error {
  const code = ERROR_CODE[e.code];
  return TAKES_MESSAGE.has(e.code) ? new CustomFunctions.Error(code, e.message) : new CustomFunctions.Error(code);
}

export type ExcelCell = number | string | CustomFunctions.Error;

/**
 * One list of noted rows, emptied by each call: calls run one at a time (synchronously), and a separate call
 * per cell should not pay for a fresh array.
 */
const ERROR_ROWS: number[] = [];

/**
 * Runs a core grid function for Excel: error cells become CustomFunctions.Error in place (one bad row does
 * not spoil the spill); a call that cannot run, or a single-cell error, is thrown as CustomFunctions.Error.
 * The grid function notes the rows that hold errors as it builds them, so only those rows are revisited.
 */
export function forExcel(run: (errorRows: number[]) => Cell[][]): ExcelCell[][] {
  const errorRows = ERROR_ROWS;
  if (errorRows.length !== 0) errorRows.length = 0; // setting length is a runtime call: only when needed
  let grid: Cell[][];
  try {
    grid = run(errorRows);
  } catch (e) {
    throw toExcelError(asGtmError(e));
  }
  const failed = wholeCallError(grid);
  if (failed) throw toExcelError(failed);
  for (let k = 0; k < errorRows.length; k++) {
    const row = grid[errorRows[k]] as (Cell | CustomFunctions.Error)[];
    for (let j = 0; j < row.length; j++) {
      const c = row[j];
      if (c instanceof GtmError) row[j] = toExcelError(c);
    }
  }
  return grid as ExcelCell[][];
}
