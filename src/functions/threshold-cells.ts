/**
 * A thresholds argument, as CAC_FLAG, MAGIC_NUMBER and BURN_MULTIPLE take it: a row (or column) of up to N
 * numbers in the function's own order, a two-column range of threshold names and values (the form of the
 * GTM Inputs sheet), or a block of numbers with one row per scenario. Blank keeps the default.
 */
import { GtmError, invalid, unavailable } from "../engine/errors";
import { DEFAULT_THRESHOLDS, ThresholdError, ThresholdName, Thresholds, resolveThresholds } from "../model/thresholds";
import { asGtmError, isBlank, isOmitted, plain, show, toOptionalNumber } from "./cells";
import { gridOf } from "./scenarios";

export interface ThresholdsArg {
  /** 1 when one set applies to every scenario, else one set per scenario row. */
  rows: number;
  whole: boolean;
  /** The thresholds of scenario row i (or the error that row gets). */
  at(i: number): Thresholds | GtmError;
}

function resolved(overrides: Record<string, number>, check: (t: Thresholds) => void): Thresholds {
  let t: Thresholds;
  try {
    t = resolveThresholds(overrides);
  } catch (e) {
    if (e instanceof ThresholdError) throw invalid(e.message);
    throw e;
  }
  check(t);
  return t;
}

/**
 * order: the thresholds a row of numbers gives, in order; labels: how the message names them
 * ("payback healthy, payback watch, LTV:CAC healthy, LTV:CAC watch"); check: the order the limits must keep.
 */
export function thresholdsArg(x: unknown, order: readonly ThresholdName[], labels: string, check: (t: Thresholds) => void): ThresholdsArg {
  if (isOmitted(x)) return { rows: 1, whole: false, at: () => DEFAULT_THRESHOLDS };
  const { g, whole } = gridOf(x, "thresholds");
  const m = g.length;
  const w = g[0].length;
  const named = w === 2 && g.some((row) => typeof plain(row[0]) === "string" && String(plain(row[0])).trim() !== "");
  if (named) {
    const overrides: Record<string, number> = {};
    g.forEach((row, i) => {
      const name = plain(row[0]);
      if (isBlank(name) && isBlank(plain(row[1]))) return;
      if (typeof name !== "string") throw invalid(`thresholds row ${i + 1}: the first column must name a threshold; got ${show(name)}.`);
      const v = toOptionalNumber(row[1], `Threshold "${name}" (thresholds row ${i + 1})`);
      if (v !== null) overrides[name] = v;
    });
    const t = resolved(overrides, check);
    return { rows: 1, whole: false, at: () => t };
  }
  const shapeHelp = `thresholds must be one row of up to ${order.length} numbers (${labels}), a two-column range of threshold names and values, or a block of up to ${order.length} columns with one row per scenario`;
  const fromCells = (cells: unknown[], at: string): Thresholds => {
    const overrides: Record<string, number> = {};
    cells.forEach((c, s) => {
      const v = toOptionalNumber(c, `Threshold ${s + 1} (${order[s]})${at}`);
      if (v !== null) overrides[order[s]] = v;
    });
    return resolved(overrides, check);
  };
  if (m === 1 || w === 1) {
    const cells = m === 1 ? g[0] : g.map((row) => row[0]);
    if (cells.length > order.length) throw invalid(`${shapeHelp}; got ${m} × ${w}.`);
    const t = fromCells(cells, "");
    return { rows: 1, whole: false, at: () => t };
  }
  if (w > order.length) throw invalid(`${shapeHelp}; got ${m} × ${w}.`);
  let last = -1;
  let cached: Thresholds | GtmError = DEFAULT_THRESHOLDS;
  return {
    rows: m,
    whole,
    at(i: number) {
      if (i >= m) return whole ? DEFAULT_THRESHOLDS : asGtmError(unavailable(`thresholds has ${m} rows, so scenario row ${i + 1} has none; give one row, or one per scenario row.`));
      if (i !== last) {
        last = i;
        try {
          cached = fromCells(g[i], ` in thresholds row ${i + 1}`);
        } catch (e) {
          const err = asGtmError(e);
          if (!err.message.includes(`row ${i + 1}`)) err.message = err.message.replace(/\.$/, "") + ` (thresholds row ${i + 1}).`;
          cached = err;
        }
      }
      return cached;
    },
  };
}
