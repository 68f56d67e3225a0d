/**
 * CAC_FLAG on cell arguments. Every input may hold scenarios (one cell for all, a column of periods, a row,
 * a block) and they broadcast as Excel does (scenarios.ts); thresholds may be one set or a row per scenario.
 * With a channel column, spend and new customers are summed per channel: one row per channel plus the blend.
 */
import { CacMeasures, cacMeasures, cacReason, checkCacThresholds } from "../engine/cac";
import { GtmError, invalid, unavailable } from "../engine/errors";
import { Thresholds } from "../model/thresholds";
import { Cell, asGtmError, errorRow, finishRow, isBlank, isOmitted, plain, toField, toNumber, toOptionalNumber } from "./cells";
import { ScalarArg, argAt, broadcast, gridOf, scalarArg } from "./scenarios";
import { thresholdsArg } from "./threshold-cells";

export const CAC_FIELDS = ["flag", "reason", "cac", "payback", "ltv", "ltv_cac", "all"] as const;
export type CacField = (typeof CAC_FIELDS)[number];

/** Column order of the "all" row. */
export const CAC_COLUMNS = ["flag", "cac", "payback", "ltv", "ltv_cac", "reason"] as const;

/** The four limits a one-row thresholds argument gives, in order. */
export const CAC_THRESHOLD_ORDER = ["paybackHealthyMonths", "paybackWatchMonths", "ltvCacHealthy", "ltvCacWatch"] as const;
const CAC_THRESHOLD_LABELS = "payback healthy, payback watch, LTV:CAC healthy, LTV:CAC watch";

/** The label of the blended row in a per-channel result. */
export const BLEND_LABEL = "All channels (blended)";

/** thresholds as cells (one set): a row of up to four numbers or a two-column range of names and values. */
export function cacThresholdsFromCells(x: unknown): Thresholds {
  const t = cacThresholdsArg(x);
  if (t.rows !== 1) throw invalid("thresholds must be one set here (a row of numbers or a range of names and values).");
  return t.at(0) as Thresholds;
}

const cacThresholdsArg = (x: unknown) => thresholdsArg(x, CAC_THRESHOLD_ORDER, CAC_THRESHOLD_LABELS, checkCacThresholds);

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

interface CacInputs {
  spend: number;
  newCustomers: number;
  revenuePerCustomerMonth: number | null;
  grossMargin: number | null;
  churnMonth: number | null;
}

/** One period's (or channel's) cells: the field asked for, or the six of "all". */
function periodCells(input: CacInputs, t: Thresholds, f: CacField, width: number): Cell[] {
  const explain = f === "reason" || f === "all";
  const r = cacMeasures(input, t, explain);
  if (!explain && r.status === null) r.reason = cacReason(r, input.spend, t); // the #N/A needs its message
  if (f !== "all") {
    const o = new Array<Cell>(width);
    o[0] = cellFor(r, f);
    return o;
  }
  return CAC_COLUMNS.map((c) => cellFor(r, c));
}

/** Adds a location to a message once: "Spend cannot be negative (period row 2)." */
function located(e: unknown, at: string): GtmError {
  const err = asGtmError(e);
  if (at && !err.message.includes(at)) err.message = err.message.replace(/\.$/, "") + `${at}.`;
  return err;
}

/**
 * GTM.CAC_FLAG: one result (or one "all" row) per period of the broadcast shape, or with `channel` one row
 * per channel plus the blend; rows holding an error cell are noted in errorRows when given.
 */
export function cacFlagGrid(
  spend: unknown,
  newCustomers: unknown,
  revenuePerCustomerMonth?: unknown,
  grossMargin?: unknown,
  churnMonth?: unknown,
  thresholds?: unknown,
  field?: unknown,
  channel?: unknown,
  errorRows?: number[],
): Cell[][] {
  const th = cacThresholdsArg(thresholds);
  const f = toField(field, CAC_FIELDS, "flag");
  const args: ScalarArg[] = [spend, newCustomers, revenuePerCustomerMonth, grossMargin, churnMonth].map((a, i) => scalarArg(a, INPUT_NAMES[i], i >= 2));
  if (!isOmitted(channel)) return byChannel(args, th.rows === 1 ? (th.at(0) as Thresholds) : null, f, channel, errorRows);
  const shape = broadcast([...args, { rows: th.rows, cols: 1, whole: th.whole }]);
  const { m, n } = shape;
  if (f === "all" && n !== 1) throw invalid(`With field "all", give the periods as one column (each spills a row); got ${n} columns.`);
  const multi = m * n > 1;
  const width = f === "all" ? CAC_COLUMNS.length : n;
  const loc = (i: number, j: number): string => (!multi ? "" : n === 1 ? ` (period row ${i + 1})` : ` (row ${i + 1}, column ${j + 1})`);
  // Plain finite numbers skip the labelled coercion, so no message text is built for good cells.
  const num = (k: number, i: number, j: number): number => {
    const v = argAt(args[k], i, j);
    return typeof v === "number" && Number.isFinite(v) ? v : toNumber(v, INPUT_LABELS[k] + loc(i, j));
  };
  const optNum = (k: number, i: number, j: number): number | null => {
    const v = argAt(args[k], i, j);
    return typeof v === "number" && Number.isFinite(v) ? v : toOptionalNumber(v, INPUT_LABELS[k] + loc(i, j));
  };
  const input: CacInputs = { spend: 0, newCustomers: 0, revenuePerCustomerMonth: null, grossMargin: null, churnMonth: null };
  const out = new Array<Cell[]>(m);
  for (let i = 0; i < m; i++) {
    const o = new Array<Cell>(width);
    const t = th.at(i);
    for (let j = 0; j < n; j++) {
      let cells: Cell[];
      if (t instanceof GtmError) cells = errorRow(t, f === "all" ? width : 1);
      else {
        try {
          if (multi && isBlank(plain(argAt(args[0], i, j))) && isBlank(plain(argAt(args[1], i, j)))) {
            cells = errorRowOf("", f === "all" ? width : 1); // an empty period in a range stays empty
          } else {
            input.spend = num(0, i, j);
            input.newCustomers = num(1, i, j);
            input.revenuePerCustomerMonth = optNum(2, i, j);
            input.grossMargin = optNum(3, i, j);
            input.churnMonth = optNum(4, i, j);
            cells = periodCells(input, t, f, 1);
          }
        } catch (e) {
          cells = errorRow(located(e, loc(i, j)), f === "all" ? width : 1);
        }
      }
      if (f === "all") for (let k = 0; k < width; k++) o[k] = cells[k];
      else o[j] = cells[0];
    }
    out[i] = o;
    finishRow(o, i, errorRows, "The CAC figure");
  }
  return out;
}

/** A row of n copies of one cell (blank rows of a spill). */
const errorRowOf = (c: Cell, n: number): Cell[] => new Array<Cell>(n).fill(c);

/**
 * Per-channel CAC: spend and new customers summed over the rows of each channel (first-seen order, names
 * matched ignoring case and outer spaces), one row per channel and a last row for all of them blended,
 * each row led by its channel's name. A paid channel that loses money shows here though the blend may not.
 */
function byChannel(args: ScalarArg[], t: Thresholds | null, f: CacField, channel: unknown, errorRows?: number[]): Cell[][] {
  if (t === null) throw invalid("With a channel column, give one set of thresholds for every channel.");
  const ch = gridOf(channel, "channel");
  if (ch.g[0].length !== 1) throw invalid(`channel must be one column (the channel of each row of spend and new customers); got ${ch.g[0].length} columns.`);
  const rows = ch.g.length;
  for (const k of [0, 1]) {
    const a = args[k];
    if (a.cols !== 1 || (a.rows !== rows && !(a.whole && ch.whole))) {
      throw invalid(`With a channel column of ${rows} rows, ${a.name} must be one column of ${rows} rows (one per row of the channel column); got ${a.rows} × ${a.cols}.`);
    }
  }
  const shared: (number | null)[] = [];
  for (const k of [2, 3, 4]) {
    const a = args[k];
    if (a.rows * a.cols > 1) throw invalid(`With a channel column, ${a.name} must be one cell for every channel; got ${a.rows} × ${a.cols}.`);
    shared.push(a.g === null ? null : toOptionalNumber(a.g[0][0], INPUT_LABELS[k]));
  }
  const order: string[] = [];
  const sums = new Map<string, { label: string; spend: number; customers: number; error: GtmError | null }>();
  const blend = { label: BLEND_LABEL, spend: 0, customers: 0, error: null as GtmError | null };
  for (let i = 0; i < rows; i++) {
    const s = argAt(args[0], i, 0);
    const c = argAt(args[1], i, 0);
    const name = plain(ch.g[i][0]);
    if (isBlank(plain(s)) && isBlank(plain(c))) continue; // an empty row counts for no channel
    const label = isBlank(name) ? "(no channel)" : typeof name === "string" ? name.trim() : String(name);
    const key = label.toLowerCase();
    let sum = sums.get(key);
    if (!sum) {
      sum = { label, spend: 0, customers: 0, error: null };
      sums.set(key, sum);
      order.push(key);
    }
    try {
      const at = ` (row ${i + 1}, channel "${label}")`;
      const sp = toNumber(s, `Spend${at}`);
      const cu = toNumber(c, `New customers${at}`);
      if (sp < 0) throw invalid(`Spend${at} cannot be negative; got ${sp}.`);
      if (cu < 0) throw invalid(`New customers${at} cannot be negative; got ${cu}.`);
      sum.spend += sp;
      sum.customers += cu;
      blend.spend += sp;
      blend.customers += cu;
    } catch (e) {
      const err = asGtmError(e);
      sum.error ??= err;
      blend.error ??= err;
    }
  }
  if (order.length === 0) throw unavailable("No row has spend or new customers, so there is no channel to judge.");
  const width = (f === "all" ? CAC_COLUMNS.length : 1) + 1;
  const groups = [...order.map((k) => sums.get(k)!), blend];
  return groups.map((g, i) => {
    let cells: Cell[];
    try {
      if (g.error) throw g.error;
      const input: CacInputs = { spend: g.spend, newCustomers: g.customers, revenuePerCustomerMonth: shared[0], grossMargin: shared[1], churnMonth: shared[2] };
      cells = periodCells(input, t, f, 1);
    } catch (e) {
      cells = errorRow(located(e, ` (channel "${g.label}")`), width - 1);
    }
    const row: Cell[] = [g.label, ...cells];
    finishRow(row, i, errorRows, "The CAC figure");
    return row;
  });
}
