/**
 * CAC_FLAG on cell arguments: one period per cell of spend (a column of periods spills one flag each);
 * the other inputs are one cell for every period or a range the same shape as spend.
 */
import { CacMeasures, cacMeasures, cacReason, checkCacThresholds } from "../engine/cac";
import { GtmError, invalid, unavailable } from "../engine/errors";
import { DEFAULT_THRESHOLDS, ThresholdError, Thresholds, resolveThresholds } from "../model/thresholds";
import { Cell, Grid, asGtmError, errorRow, isBlank, isOmitted, noteErrors, show, toField, toGrid, toNumber, toOptionalNumber, toVector } from "./cells";

export const CAC_FIELDS = ["flag", "reason", "cac", "payback", "ltv", "ltv_cac", "all"] as const;
export type CacField = (typeof CAC_FIELDS)[number];

/** Column order of the "all" row. */
export const CAC_COLUMNS = ["flag", "cac", "payback", "ltv", "ltv_cac", "reason"] as const;

/** The four limits a one-row thresholds argument gives, in order. */
export const CAC_THRESHOLD_ORDER = ["paybackHealthyMonths", "paybackWatchMonths", "ltvCacHealthy", "ltvCacWatch"] as const;

/**
 * thresholds as cells: either a row/column of up to four numbers (payback healthy, payback watch, LTV:CAC
 * healthy, LTV:CAC watch; blank = default) or a two-column range of threshold name and value.
 */
export function cacThresholdsFromCells(x: unknown): Thresholds {
  if (isOmitted(x)) return DEFAULT_THRESHOLDS;
  const g = toGrid(x, "thresholds");
  const overrides: Record<string, number> = {};
  const named = g[0].length === 2 && g.some((row) => typeof row[0] === "string" && row[0].trim() !== "");
  if (named) {
    g.forEach((row, i) => {
      if (isBlank(row[0]) && isBlank(row[1])) return;
      if (typeof row[0] !== "string") throw invalid(`thresholds row ${i + 1}: the first column must name a threshold; got ${show(row[0])}.`);
      const v = toOptionalNumber(row[1], `Threshold "${row[0]}" (thresholds row ${i + 1})`);
      if (v !== null) overrides[row[0]] = v;
    });
  } else {
    let cells: unknown[];
    try {
      cells = toVector(x, "thresholds", CAC_THRESHOLD_ORDER.length);
    } catch {
      throw invalid(
        `thresholds must be one row of up to 4 numbers (payback healthy, payback watch, LTV:CAC healthy, LTV:CAC watch) or a two-column range of threshold names and values; got ${g.length} × ${g[0].length}.`,
      );
    }
    cells.forEach((c, i) => {
      const v = toOptionalNumber(c, `Threshold ${i + 1} (${CAC_THRESHOLD_ORDER[i]})`);
      if (v !== null) overrides[CAC_THRESHOLD_ORDER[i]] = v;
    });
  }
  let t: Thresholds;
  try {
    t = resolveThresholds(overrides);
  } catch (e) {
    if (e instanceof ThresholdError) throw invalid(e.message);
    throw e;
  }
  checkCacThresholds(t);
  return t;
}

const divZero = (message: string): GtmError => new GtmError("#DIV/0!", message);

function cellFor(r: CacMeasures, f: Exclude<CacField, "all">): Cell {
  switch (f) {
    case "flag":
      return r.status ?? unavailable(r.reason);
    case "reason":
      return r.reason;
    case "cac":
      return r.cac === Infinity ? divZero("No new customers: CAC (spend / new customers) is undefined.") : r.cac;
    case "payback":
      if (r.paybackMonths === null) return unavailable(`Payback left out: ${r.leftOut[0]}.`);
      return r.paybackMonths === Infinity ? divZero("Payback never comes: no new customers, or revenue × gross margin is 0.") : r.paybackMonths;
    case "ltv":
      return r.ltv ?? unavailable(`LTV left out: ${r.leftOut[r.leftOut.length - 1]}.`);
    case "ltv_cac":
      if (r.ltvCac === null) return unavailable(`LTV:CAC left out: ${r.leftOut[r.leftOut.length - 1]}.`);
      return r.ltvCac === Infinity ? divZero("CAC is 0, so LTV:CAC is undefined.") : r.ltvCac;
  }
}

const INPUT_NAMES = ["spend", "new_customers", "revenue_per_customer_month", "gross_margin", "churn_month"] as const;
const INPUT_LABELS = ["Spend", "New customers", "Revenue per customer per month", "Gross margin", "Monthly churn"] as const;

/** GTM.CAC_FLAG: one result (or one "all" row) per period; rows holding an error cell are noted in errorRows when given. */
export function cacFlagGrid(
  spend: unknown,
  newCustomers: unknown,
  revenuePerCustomerMonth?: unknown,
  grossMargin?: unknown,
  churnMonth?: unknown,
  thresholds?: unknown,
  field?: unknown,
  errorRows?: number[],
): Cell[][] {
  const t = cacThresholdsFromCells(thresholds);
  const f = toField(field, CAC_FIELDS, "flag");
  const args = [spend, newCustomers, revenuePerCustomerMonth, grossMargin, churnMonth];
  const grids: (Grid | null)[] = args.map((a, i) => (i >= 2 && isOmitted(a) ? null : toGrid(a, INPUT_NAMES[i])));
  // Every range that is not a single cell must have spend's shape (or, if spend is one cell, one shared shape).
  let m = 1;
  let n = 1;
  let shapeFrom = "";
  grids.forEach((g, i) => {
    if (!g || (g.length === 1 && g[0].length === 1)) return;
    if (!shapeFrom) {
      m = g.length;
      n = g[0].length;
      shapeFrom = INPUT_NAMES[i];
    } else if (g.length !== m || g[0].length !== n) {
      throw invalid(`${INPUT_NAMES[i]} is ${g.length} × ${g[0].length} but ${shapeFrom} is ${m} × ${n}; give one cell or a range the same shape.`);
    }
  });
  if (f === "all" && n !== 1) throw invalid(`With field "all", give the periods as one column (each spills a row); got ${n} columns.`);
  const multi = m * n > 1;
  const width = f === "all" ? CAC_COLUMNS.length : n;
  const explain = f === "reason" || f === "all";
  const cellAt = (g: Grid | null, i: number, j: number): unknown => (g === null ? null : g.length === 1 && g[0].length === 1 ? g[0][0] : g[i][j]);
  const input = { spend: 0, newCustomers: 0, revenuePerCustomerMonth: null as number | null, grossMargin: null as number | null, churnMonth: null as number | null };
  const loc = (i: number, j: number): string => (!multi ? "" : n === 1 ? ` (period row ${i + 1})` : ` (row ${i + 1}, column ${j + 1})`);
  // Plain finite numbers skip the labelled coercion, so no message text is built for good cells.
  const num = (k: number, i: number, j: number): number => {
    const v = cellAt(grids[k], i, j);
    return typeof v === "number" && Number.isFinite(v) ? v : toNumber(v, INPUT_LABELS[k] + loc(i, j));
  };
  const optNum = (k: number, i: number, j: number): number | null => {
    const v = cellAt(grids[k], i, j);
    return typeof v === "number" && Number.isFinite(v) ? v : toOptionalNumber(v, INPUT_LABELS[k] + loc(i, j));
  };
  const out = new Array<Cell[]>(m);
  for (let i = 0; i < m; i++) {
    const o = new Array<Cell>(width);
    for (let j = 0; j < n; j++) {
      let cell: Cell;
      let r: CacMeasures | null = null;
      try {
        if (multi && isBlank(cellAt(grids[0], i, j)) && isBlank(cellAt(grids[1], i, j))) {
          cell = ""; // an empty period in a range stays empty
        } else {
          input.spend = num(0, i, j);
          input.newCustomers = num(1, i, j);
          input.revenuePerCustomerMonth = optNum(2, i, j);
          input.grossMargin = optNum(3, i, j);
          input.churnMonth = optNum(4, i, j);
          r = cacMeasures(input, t, explain);
          if (!explain && r.status === null) r.reason = cacReason(r, input.spend, t); // the #N/A needs its message
          cell = f === "all" ? "" : cellFor(r, f);
        }
      } catch (e) {
        const err = asGtmError(e);
        const at = loc(i, j);
        if (at && !err.message.includes(at)) err.message = err.message.replace(/\.$/, "") + `${at}.`;
        cell = err;
      }
      if (f !== "all") o[j] = cell;
      else if (r) for (let k = 0; k < width; k++) o[k] = cellFor(r, CAC_COLUMNS[k]);
      else for (let k = 0; k < width; k++) o[k] = cell;
    }
    out[i] = o;
    noteErrors(o, i, errorRows);
  }
  return out;
}
