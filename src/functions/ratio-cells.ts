/**
 * MAGIC_NUMBER and BURN_MULTIPLE on cell arguments: each input one cell or a range of scenarios (quarters,
 * plans), broadcast as Excel does; the value, its rating, the reason, or all three per scenario.
 */
import { burnMultiple, checkBurnThresholds, checkMagicThresholds, magicNumber, magicNumberReason } from "../engine/cac";
import { GtmError, invalid, unavailable } from "../engine/errors";
import { Thresholds } from "../model/thresholds";
import { Cell, asGtmError, errorRow, finishRow, isBlank, plain, toField, toNumber } from "./cells";
import { ScalarArg, argAt, broadcast, scalarArg } from "./scenarios";
import { ThresholdsArg, thresholdsArg } from "./threshold-cells";

export const RATIO_FIELDS = ["value", "rating", "reason", "all"] as const;
export type RatioField = (typeof RATIO_FIELDS)[number];

export const MAGIC_THRESHOLD_ORDER = ["magicNumberInvest", "magicNumberFix"] as const;
export const BURN_THRESHOLD_ORDER = ["burnMultipleAmazing", "burnMultipleGreat", "burnMultipleGood", "burnMultipleBad"] as const;

interface Rated {
  value: number | null;
  rating: string;
  reason: string;
}

/** The cells a scenario shows for the field asked for ("all": value, rating, reason). */
function cellsFor(r: Rated, f: RatioField, noValue: string): Cell[] {
  const value: Cell = r.value === null ? unavailable(noValue + " " + r.reason) : r.value;
  if (f === "value") return [value];
  if (f === "rating") return [r.rating];
  if (f === "reason") return [r.reason];
  return [value, r.rating, r.reason];
}

function ratioGrid(
  inputs: { x: unknown; name: string; label: string }[],
  th: ThresholdsArg,
  field: unknown,
  rate: (xs: number[], t: Thresholds) => Rated,
  noValue: string,
  what: string,
  errorRows?: number[],
): Cell[][] {
  const f = toField(field, RATIO_FIELDS, "value");
  const args: ScalarArg[] = inputs.map((a) => scalarArg(a.x, a.name));
  const shape = broadcast([...args, { rows: th.rows, cols: 1, whole: th.whole }]);
  const { m, n } = shape;
  if (f === "all" && n !== 1) throw invalid(`With field "all", give the scenarios as one column (each spills a row of value, rating, reason); got ${n} columns.`);
  const multi = m * n > 1;
  const width = f === "all" ? 3 : n;
  const loc = (i: number, j: number): string => (!multi ? "" : n === 1 ? ` (row ${i + 1})` : ` (row ${i + 1}, column ${j + 1})`);
  const xs = new Array<number>(args.length);
  const out = new Array<Cell[]>(m);
  for (let i = 0; i < m; i++) {
    const o = new Array<Cell>(width);
    const t = th.at(i);
    for (let j = 0; j < n; j++) {
      let cells: Cell[];
      if (t instanceof GtmError) cells = errorRow(t, f === "all" ? 3 : 1);
      else {
        try {
          if (multi && args.every((a) => isBlank(plain(argAt(a, i, j))))) cells = new Array<Cell>(f === "all" ? 3 : 1).fill("");
          else {
            for (let k = 0; k < args.length; k++) {
              const v = argAt(args[k], i, j);
              xs[k] = typeof v === "number" && Number.isFinite(v) ? v : toNumber(v, inputs[k].label + loc(i, j));
            }
            cells = cellsFor(rate(xs, t), f, noValue);
          }
        } catch (e) {
          const err = asGtmError(e);
          const at = loc(i, j);
          if (at && !err.message.includes(at)) err.message = err.message.replace(/\.$/, "") + `${at}.`;
          cells = errorRow(err, f === "all" ? 3 : 1);
        }
      }
      if (f === "all") for (let k = 0; k < 3; k++) o[k] = cells[k];
      else o[j] = cells[0];
    }
    out[i] = o;
    finishRow(o, i, errorRows, what);
  }
  return out;
}

/** GTM.MAGIC_NUMBER: (revenue this quarter − last) × 4 / last quarter's S&M spend, rated INVEST / HOLD / FIX. */
export function magicNumberGrid(revenueThisQuarter: unknown, revenueLastQuarter: unknown, smSpendLastQuarter: unknown, thresholds?: unknown, field?: unknown, errorRows?: number[]): Cell[][] {
  const th = thresholdsArg(thresholds, MAGIC_THRESHOLD_ORDER, "invest above, fix below", checkMagicThresholds);
  return ratioGrid(
    [
      { x: revenueThisQuarter, name: "revenue_this_quarter", label: "Revenue this quarter" },
      { x: revenueLastQuarter, name: "revenue_last_quarter", label: "Revenue last quarter" },
      { x: smSpendLastQuarter, name: "sm_spend_last_quarter", label: "Last quarter's sales and marketing spend" },
    ],
    th,
    field,
    ([now, before, spend], t) => {
      const r = magicNumber(now, before, spend, t);
      return { value: r.value, rating: r.verdict, reason: magicNumberReason(r, t) };
    },
    "No magic number:",
    "The magic number",
    errorRows,
  );
}

/** GTM.BURN_MULTIPLE: net burn / net new ARR, rated on Sacks' scale; ARR that did not grow is BAD. */
export function burnMultipleGrid(netBurn: unknown, netNewArr: unknown, thresholds?: unknown, field?: unknown, errorRows?: number[]): Cell[][] {
  const th = thresholdsArg(thresholds, BURN_THRESHOLD_ORDER, "amazing below, great up to, good up to, bad above", checkBurnThresholds);
  return ratioGrid(
    [
      { x: netBurn, name: "net_burn", label: "Net burn" },
      { x: netNewArr, name: "net_new_arr", label: "Net new ARR" },
    ],
    th,
    field,
    ([burn, arr], t) => {
      const r = burnMultiple(burn, arr, t);
      return { value: r.value, rating: r.verdict, reason: r.reason };
    },
    "No burn multiple:",
    "The burn multiple",
    errorRows,
  );
}
