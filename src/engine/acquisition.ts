/**
 * Customer acquisition cost per period from the inputs sheet's spend (METHODS §3): CAC, payback, LTV:CAC
 * and the flag per period (through cacFlag), CAC per source, and the magic number per quarter.
 */
import { OUTCOME_WON, PeriodInput } from "../model/tables";
import { CacAnalysis, CacBySource, CacPeriod, LeverAnalysis, MagicNumber } from "./analysis";
import { cacFlag, magicNumber } from "./cac";
import { AnalysisContext } from "./context";
import { isGtmError } from "./errors";
import { MONTHS_PER_PERIOD, PeriodKind, labelToIndex, periodLabel } from "../model/calendar";

const SOURCE_NAMES = ["marketing", "sales", "partner", "other"];

interface SpendSeries {
  marketing: Float64Array;
  sales: Float64Array;
  given: Uint8Array;
  newCustomers: Float64Array;
  newCustomersGiven: Uint8Array;
  coarser: number;
}

/** Spend (and user-given new customers) per period of `kind`, positions relative to `first`. */
function spendSeries(periods: PeriodInput[], kind: PeriodKind, first: number, count: number): SpendSeries {
  const s: SpendSeries = {
    marketing: new Float64Array(count),
    sales: new Float64Array(count),
    given: new Uint8Array(count),
    newCustomers: new Float64Array(count),
    newCustomersGiven: new Uint8Array(count),
    coarser: 0,
  };
  for (const row of periods) {
    if (row.marketingSpend === undefined && row.salesSpend === undefined && row.newCustomers === undefined) continue;
    const idx = labelToIndex(row.period, kind);
    if (idx !== idx) {
      s.coarser++;
      continue;
    }
    const p = idx - first;
    if (p < 0 || p >= count) continue;
    if (row.marketingSpend !== undefined || row.salesSpend !== undefined) {
      s.marketing[p] += row.marketingSpend ?? 0;
      s.sales[p] += row.salesSpend ?? 0;
      s.given[p] = 1;
    }
    if (row.newCustomers !== undefined) {
      s.newCustomers[p] += row.newCustomers;
      s.newCustomersGiven[p] = 1;
    }
  }
  return s;
}

/** Per period: customers whose first won deal closes then, and the source of that first deal. */
function firstWins(ctx: AnalysisContext): { perPeriod: Float64Array; bySource: Float64Array[] } {
  const d = ctx.deals;
  const P = ctx.grid.labels.length;
  const perPeriod = new Float64Array(P);
  const bySource = SOURCE_NAMES.map(() => new Float64Array(P));
  const count = (i: number) => {
    const p = ctx.closedP[i];
    if (p < 0) return;
    perPeriod[p]++;
    const k = d.sourceKind[i];
    if (k >= 0 && k < bySource.length) bySource[k][p]++;
  };
  if (!ctx.has.account) {
    for (let i = 0; i < d.count; i++) if (d.outcome[i] === OUTCOME_WON) count(i);
    return { perPeriod, bySource };
  }
  const A = d.account.labels.length;
  const firstDeal = new Int32Array(A).fill(-1);
  const { outcome, closed } = d;
  const accounts = d.account.codes;
  for (let i = 0; i < d.count; i++) {
    if (outcome[i] !== OUTCOME_WON) continue;
    const a = accounts[i];
    if (a < 0) {
      count(i); // an unnamed customer is new each time
      continue;
    }
    const f = firstDeal[a];
    if (f < 0 || closed[i] < closed[f]) firstDeal[a] = i;
  }
  for (let a = 0; a < A; a++) if (firstDeal[a] >= 0) count(firstDeal[a]);
  return { perPeriod, bySource };
}

export function analyzeAcquisition(ctx: AnalysisContext, levers: LeverAnalysis): CacAnalysis {
  const inputs = ctx.data.inputs;
  const notes: string[] = [];
  const empty: CacAnalysis = { available: false, periods: [], bySource: [], magicNumbers: [], notes };
  const P = ctx.grid.labels.length;
  if (!inputs || P === 0) {
    notes.push("No spend in the inputs: CAC, payback and the magic number need marketing and sales spend per period.");
    return empty;
  }
  const s = spendSeries(inputs.periods, ctx.grid.kind, ctx.grid.first, P);
  if (s.coarser) notes.push(`${s.coarser} spend row(s) cover a longer period than a ${ctx.grid.kind} and cannot be split: left out.`);
  if (!s.given.some((g) => g === 1)) {
    notes.push("No spend in the inputs for any period of the data: CAC, payback and the magic number need marketing and sales spend.");
    return empty;
  }
  const fw = firstWins(ctx);
  if (!ctx.has.account) notes.push("No customer column: every won deal counts as a new customer.");
  else if (ctx.grid.labels.length) notes.push(`New customers are accounts whose first won deal in the data closes in the period; in ${ctx.grid.labels[0]} some may be older customers whose earlier deals the data does not hold.`);
  const months = MONTHS_PER_PERIOD[ctx.grid.kind];
  let derivedRevenue = false;

  const periods: CacPeriod[] = [];
  for (let p = 0; p < P; p++) {
    if (!s.given[p]) continue;
    const spend = s.marketing[p] + s.sales[p];
    const newCustomers = s.newCustomersGiven[p] ? s.newCustomers[p] : fw.perPeriod[p];
    const lp = levers.periods[p];
    let rpc = inputs.revenuePerCustomerMonth;
    if (rpc === undefined && lp && lp.customers > 0) {
      rpc = lp.revenue / lp.customers / months;
      derivedRevenue = true;
    }
    const row = inputs.periods.find((r) => labelToIndex(r.period, ctx.grid.kind) - ctx.grid.first === p && r.grossMargin !== undefined);
    const margin = row?.grossMargin ?? inputs.grossMargin;
    const base = { period: ctx.grid.labels[p], spend, newCustomers };
    try {
      const r = cacFlag({ spend, newCustomers, revenuePerCustomerMonth: rpc ?? null, grossMargin: margin ?? null, churnMonth: inputs.churnMonth ?? null }, ctx.t);
      periods.push({
        ...base,
        cac: r.cac,
        paybackMonths: r.paybackMonths ?? NaN,
        ltv: r.ltv ?? NaN,
        ltvToCac: r.ltvCac ?? NaN,
        flag: r.status,
        reason: r.reason,
      });
    } catch (e) {
      if (!isGtmError(e)) throw e;
      periods.push({ ...base, cac: newCustomers > 0 ? spend / newCustomers : NaN, paybackMonths: NaN, ltv: NaN, ltvToCac: NaN, flag: "NO DATA", reason: e.message });
    }
  }
  if (derivedRevenue) notes.push(`No revenue per customer per month given: it is taken from the data as won revenue per customer in the ${ctx.grid.kind} divided by ${months} month(s).`);

  // CAC per source: marketing spend buys marketing-sourced customers, sales spend sales-sourced ones
  const bySource: CacBySource[] = [];
  if (ctx.has.source) {
    let mSpend = 0;
    let sSpend = 0;
    const newBy = [0, 0, 0, 0];
    for (let p = 0; p < P; p++) {
      if (!s.given[p]) continue;
      mSpend += s.marketing[p];
      sSpend += s.sales[p];
      for (let k = 0; k < 4; k++) newBy[k] += fw.bySource[k][p];
    }
    bySource.push({ source: "marketing", spend: mSpend, newCustomers: newBy[0], cac: newBy[0] > 0 ? mSpend / newBy[0] : mSpend > 0 ? Infinity : NaN });
    bySource.push({ source: "sales", spend: sSpend, newCustomers: newBy[1], cac: newBy[1] > 0 ? sSpend / newBy[1] : sSpend > 0 ? Infinity : NaN });
    bySource.push({ source: "partner", spend: NaN, newCustomers: newBy[2], cac: NaN, note: "no partner spend in the inputs" });
    if (newBy[3] > 0) bySource.push({ source: "other", spend: NaN, newCustomers: newBy[3], cac: NaN, note: "no spend for other sources" });
  } else {
    notes.push("No source column: CAC per source cannot be told apart from the blended CAC.");
  }

  return { available: true, periods, bySource, magicNumbers: magicNumbers(ctx, levers, inputs.periods, notes), notes };
}

/** Magic number per quarter: (revenue this quarter - last) x 4 / last quarter's spend; quarters only. */
function magicNumbers(ctx: AnalysisContext, levers: LeverAnalysis, inputs: PeriodInput[], notes: string[]): MagicNumber[] {
  const kind = ctx.grid.kind;
  if (kind === "year") {
    notes.push("The magic number is quarterly: not computed when the analysis runs by year.");
    return [];
  }
  const perQuarter = kind === "quarter" ? 1 : 3;
  const firstQ = kind === "quarter" ? ctx.grid.first : Math.floor(ctx.grid.first / 3);
  const lastQ = kind === "quarter" ? ctx.grid.first + levers.periods.length - 1 : Math.floor((ctx.grid.first + levers.periods.length - 1) / 3);
  const Q = lastQ - firstQ + 1;
  const revenue = new Float64Array(Q);
  const covered = new Int32Array(Q);
  const complete = new Uint8Array(Q).fill(1);
  levers.periods.forEach((lp, p) => {
    const q = kind === "quarter" ? p : Math.floor((ctx.grid.first + p) / 3) - firstQ;
    revenue[q] += lp.revenue;
    covered[q]++;
    if (!lp.complete) complete[q] = 0;
  });
  const spend = spendSeries(inputs, "quarter", firstQ, Q);
  const out: MagicNumber[] = [];
  for (let q = 1; q < Q; q++) {
    // a quarter the data only partly covers would understate revenue
    if (!complete[q] || covered[q] < perQuarter || covered[q - 1] < perQuarter) continue;
    if (!spend.given[q - 1]) continue;
    const sp = spend.marketing[q - 1] + spend.sales[q - 1];
    const label = periodLabel(firstQ + q, "quarter");
    if (!(sp > 0)) {
      out.push({ period: label, value: NaN, verdict: "NO DATA" });
      continue;
    }
    const m = magicNumber(revenue[q], revenue[q - 1], sp, ctx.t);
    out.push({ period: label, value: m.value, verdict: m.verdict === "INVEST" ? "invest" : m.verdict === "FIX" ? "fix" : "hold" });
  }
  return out;
}
