/**
 * The host-free core of the custom functions: cell arguments in, a grid of result cells out, GtmError
 * (carrying the Excel error code and a message) for a call that cannot run. Excel (functions.ts), the Node
 * entry (index.ts) and tests all call these.
 */
import { GtmError } from "../engine/errors";
import { Cell, asGtmError } from "./cells";

export { gtmCompassGrid, COMPASS_FIELDS, COMPASS_COLUMNS } from "./compass-cells";
export { funnelYieldGrid, leadsNeededGrid, capacityNeededGrid, rateNeededGrid, funnelSpecFromCells, FUNNEL_FIELDS, MAX_STAGES } from "./funnel-cells";
export { cacFlagGrid, cacThresholdsFromCells, CAC_FIELDS, CAC_COLUMNS, CAC_THRESHOLD_ORDER, BLEND_LABEL } from "./cac-cells";
export { magicNumberGrid, burnMultipleGrid, RATIO_FIELDS, MAGIC_THRESHOLD_ORDER, BURN_THRESHOLD_ORDER } from "./ratio-cells";
export type { Cell } from "./cells";

/** Runs a grid function so that only GtmError ever escapes it. */
export function guarded(run: () => Cell[][]): Cell[][] {
  try {
    return run();
  } catch (e) {
    throw asGtmError(e);
  }
}

/** The error of a one-row result whose every cell is that same error (one product or period that failed). */
export function wholeCallError(grid: Cell[][]): GtmError | null {
  if (grid.length !== 1) return null;
  const first = grid[0][0];
  if (!(first instanceof GtmError)) return null;
  for (const c of grid[0]) if (c !== first) return null;
  return first;
}

/** Excel shows a 1x1 array as a plain value; so does the Node entry. A single failed row is thrown. */
export function unwrapSingle(grid: Cell[][]): Cell | Cell[][] {
  const failed = wholeCallError(grid);
  if (failed) throw failed;
  return grid.length === 1 && grid[0].length === 1 ? grid[0][0] : grid;
}
