/**
 * The host-free core of the four custom functions: cell arguments in, a grid of result cells out, GtmError
 * (carrying the Excel error code and a message) for a call that cannot run. Excel (functions.ts), the Node
 * entry (index.ts) and tests all call these.
 */
import { GtmError } from "../engine/errors";
import { Cell, asGtmError } from "./cells";

export { gtmCompassGrid, COMPASS_FIELDS, COMPASS_COLUMNS } from "./compass-cells";
export { funnelYieldGrid, leadsNeededGrid, funnelSpecFromCells, FUNNEL_FIELDS, MAX_STAGES } from "./funnel-cells";
export { cacFlagGrid, cacThresholdsFromCells, CAC_FIELDS, CAC_COLUMNS, CAC_THRESHOLD_ORDER } from "./cac-cells";
export type { Cell } from "./cells";

/** Runs a grid function so that only GtmError ever escapes it. */
export function guarded(run: () => Cell[][]): Cell[][] {
  try {
    return run();
  } catch (e) {
    throw asGtmError(e);
  }
}

/** Excel shows a 1x1 array as a plain value; so does the Node entry. A lone error cell is thrown. */
export function unwrapSingle(grid: Cell[][]): Cell | Cell[][] {
  if (grid.length !== 1 || grid[0].length !== 1) return grid;
  const only = grid[0][0];
  if (only instanceof GtmError) throw only;
  return only;
}
