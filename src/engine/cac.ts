/**
 * Customer acquisition cost and its flag (METHODS.md §3, time bomb 1): CAC, months to pay it back,
 * lifetime value, LTV:CAC, and HEALTHY / WATCH / TIME BOMB as the worse of the two checks.
 * Also the two efficiency ratios users expect beside it: magic number and burn multiple.
 */
import { DEFAULT_THRESHOLDS, Thresholds } from "../model/thresholds";
import { GtmError, invalid, unavailable } from "./errors";
import { shown } from "./funnel";

export type CacStatus = "HEALTHY" | "WATCH" | "TIME BOMB";

export interface CacInput {
  /** Sales & marketing spend in the period. */
  spend: number;
  newCustomers: number;
  /** Monthly revenue per customer (optional). */
  revenuePerCustomerMonth?: number | null;
  /** Gross margin as a fraction 0..1 (optional). */
  grossMargin?: number | null;
  /** Monthly churn as a fraction, above 0 up to 1 (optional). */
  churnMonth?: number | null;
}

export interface CacMeasures extends Omit<CacResult, "status"> {
  /** null when neither check could run and the spend found customers: nothing to judge the CAC against. */
  status: CacStatus | null;
}

export interface CacResult {
  status: CacStatus;
  /** spend / new customers; Infinity when there is spend and no new customer. */
  cac: number;
  /** Months; null when left out; Infinity when a customer never pays it back. */
  paybackMonths: number | null;
  paybackStatus: CacStatus | null;
  ltv: number | null;
  /** null when left out; Infinity when CAC is 0. */
  ltvCac: number | null;
  ltvCacStatus: CacStatus | null;
  /** The checks that could not run, each with why: e.g. "LTV:CAC (no monthly churn given)". */
  leftOut: string[];
  /** The flag in words: each check's value against its limit, and what was left out. */
  reason: string;
}

const RANK: Record<CacStatus, number> = { HEALTHY: 0, WATCH: 1, "TIME BOMB": 2 };

/** Tolerates binary noise at a limit: 12.000000000000002 months is still "at most 12". */
const atMost = (x: number, limit: number): boolean => x <= limit + 1e-9 * Math.max(1, Math.abs(limit));
const atLeast = (x: number, limit: number): boolean => x >= limit - 1e-9 * Math.max(1, Math.abs(limit));

/** en-US style with thousands separators; hand-rolled because toLocaleString costs microseconds per call. */
export function fmt(x: number, digits = 2): string {
  if (x === Infinity) return "infinite";
  const scale = 10 ** digits;
  const s = String(Math.round(x * scale) / scale);
  if (s.includes("e")) return s;
  const dot = s.indexOf(".");
  const int = dot < 0 ? s : s.slice(0, dot);
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (dot < 0 ? "" : s.slice(dot));
}

function present(name: string, v: number | null | undefined, check: (x: number) => string | null): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) throw invalid(`${name} must be a finite number; got ${String(v)}.`);
  const problem = check(v);
  if (problem) throw invalid(`${name} ${problem}; got ${String(v)}.`);
  return v;
}

/** Checks the four CAC limits are in order, so a flag can never be both HEALTHY and TIME BOMB. */
export function checkCacThresholds(t: Thresholds): void {
  if (!(t.paybackHealthyMonths >= 0 && t.paybackWatchMonths >= t.paybackHealthyMonths)) {
    throw invalid(`Payback limits must satisfy 0 <= healthy <= watch; got healthy ${t.paybackHealthyMonths}, watch ${t.paybackWatchMonths}.`);
  }
  if (!(t.ltvCacWatch >= 0 && t.ltvCacHealthy >= t.ltvCacWatch)) {
    throw invalid(`LTV:CAC limits must satisfy 0 <= watch <= healthy; got healthy ${t.ltvCacHealthy}, watch ${t.ltvCacWatch}.`);
  }
}

/**
 * Flags one period. Throws GtmError: #VALUE! for negative or non-numeric input, #N/A for zero spend and
 * zero customers, and #N/A when neither check can run and the spend has found customers (no flag to give).
 * Pass thresholds already resolved (resolveThresholds) and checked (checkCacThresholds).
 */
export function cacFlag(input: CacInput, t: Thresholds = DEFAULT_THRESHOLDS): CacResult {
  const m = cacMeasures(input, t);
  if (m.status === null) throw unavailable(m.reason);
  return m as CacResult;
}

/**
 * Like cacFlag, but when no check can run it still returns the CAC, with status null and the reason.
 * explain = false leaves reason empty: for callers that only want the numbers, the text is most of the cost.
 */
export function cacMeasures(input: CacInput, t: Thresholds = DEFAULT_THRESHOLDS, explain = true): CacMeasures {
  const spend = present("Spend", input.spend, negative);
  const customers = present("New customers", input.newCustomers, negative);
  if (spend === null) throw invalid("Spend is required.");
  if (customers === null) throw invalid("New customers is required.");
  const revenue = present("Revenue per customer per month", input.revenuePerCustomerMonth, negative);
  const margin = present("Gross margin", input.grossMargin, notMargin);
  const churn = present("Monthly churn", input.churnMonth, notChurn);
  if (spend === 0 && customers === 0) {
    throw unavailable("No spend and no new customers in this period: there is no acquisition cost to judge.");
  }

  const cac = customers === 0 ? Infinity : spend / customers;
  if (cac === Infinity && customers !== 0) throw tooLarge(`CAC (spend ${shown(spend)} / new customers ${shown(customers)})`);
  const leftOut: string[] = [];

  let paybackMonths: number | null = null;
  let paybackStatus: CacStatus | null = null;
  const monthlyGross = revenue !== null && margin !== null ? revenue * margin : null;
  if (monthlyGross === null) {
    leftOut.push(`payback (${missing({ "revenue per customer per month": revenue, "gross margin": margin })})`);
  } else {
    paybackMonths = cac === 0 ? 0 : monthlyGross === 0 || cac === Infinity ? Infinity : cac / monthlyGross;
    if (paybackMonths === Infinity && monthlyGross !== 0 && cac !== Infinity) throw tooLarge(`Payback (CAC ${shown(cac)} / monthly gross profit ${shown(monthlyGross)})`);
    paybackStatus = atMost(paybackMonths, t.paybackHealthyMonths)
      ? "HEALTHY"
      : atMost(paybackMonths, t.paybackWatchMonths)
        ? "WATCH"
        : "TIME BOMB";
  }

  let ltv: number | null = null;
  let ltvCac: number | null = null;
  let ltvCacStatus: CacStatus | null = null;
  if (monthlyGross === null || churn === null) {
    leftOut.push(`LTV:CAC (${missing({ "revenue per customer per month": revenue, "gross margin": margin, "monthly churn": churn })})`);
  } else {
    ltv = monthlyGross / churn;
    if (!Number.isFinite(ltv)) throw tooLarge(`LTV (monthly gross profit ${shown(monthlyGross)} / churn ${shown(churn)})`);
    ltvCac = cac === 0 ? Infinity : ltv / cac;
    if (ltvCac === Infinity && cac !== 0) throw tooLarge(`LTV:CAC (LTV ${shown(ltv)} / CAC ${shown(cac)})`);
    ltvCacStatus = atLeast(ltvCac, t.ltvCacHealthy) ? "HEALTHY" : atLeast(ltvCac, t.ltvCacWatch) ? "WATCH" : "TIME BOMB";
  }

  // Spend that found no customer cannot pay back, whatever else is known.
  const status: CacStatus | null =
    customers === 0 ? "TIME BOMB" : paybackStatus === null && ltvCacStatus === null ? null : worse(paybackStatus, ltvCacStatus);
  const m: CacMeasures = { status, cac, paybackMonths, paybackStatus, ltv, ltvCac, ltvCacStatus, leftOut, reason: "" };
  if (explain) m.reason = cacReason(m, spend, t);
  return m;
}

/** The flag in words: each check's value against its limit, and what was left out. */
export function cacReason(m: Omit<CacMeasures, "reason">, spend: number, t: Thresholds = DEFAULT_THRESHOLDS): string {
  if (m.status === null) {
    return `CAC is ${fmt(m.cac)}, but there is nothing to judge it against: give revenue per customer per month and gross margin (and monthly churn for LTV:CAC).`;
  }
  const parts: string[] = [];
  if (m.cac === Infinity) parts.push(`spend of ${fmt(spend)} found no new customer`);
  if (m.paybackMonths !== null) {
    parts.push(
      `payback ${fmt(m.paybackMonths, 1)} months ${
        m.paybackStatus === "HEALTHY"
          ? `is within the ${fmt(t.paybackHealthyMonths)}-month healthy limit`
          : m.paybackStatus === "WATCH"
            ? `is over the ${fmt(t.paybackHealthyMonths)}-month healthy limit but within ${fmt(t.paybackWatchMonths)}`
            : `is over the ${fmt(t.paybackWatchMonths)}-month limit`
      } (${m.paybackStatus})`,
    );
  }
  if (m.ltvCac !== null) {
    parts.push(
      `LTV:CAC ${fmt(m.ltvCac)} ${
        m.ltvCacStatus === "HEALTHY"
          ? `is at or above ${fmt(t.ltvCacHealthy)}`
          : m.ltvCacStatus === "WATCH"
            ? `is below ${fmt(t.ltvCacHealthy)} but at or above ${fmt(t.ltvCacWatch)}`
            : `is below ${fmt(t.ltvCacWatch)}`
      } (${m.ltvCacStatus})`,
    );
  }
  let reason = `${m.status}: ${parts.join("; ")}`;
  if (m.paybackStatus !== null && m.ltvCacStatus !== null && m.cac !== Infinity) reason += "; the flag is the worse of the two";
  if (m.leftOut.length) reason += `. Left out: ${m.leftOut.join("; ")}`;
  return reason + ".";
}

/** #NUM! for a figure beyond the doubles (an extreme input): never NaN or Infinity in a cell. */
const tooLarge = (what: string): GtmError =>
  new GtmError("#NUM!", `${what} is beyond the numbers Excel can hold (about 1.8E+308); check for an extreme input, such as a value close to 0 under a division.`);

const negative = (x: number): string | null => (x < 0 ? "cannot be negative" : null);
const notMargin = (x: number): string | null => (x < 0 || x > 1 ? "must be a fraction from 0 to 1 (80% is 0.8)" : null);
const notChurn = (x: number): string | null => (x <= 0 || x > 1 ? "must be a fraction above 0 and at most 1 (2% a month is 0.02)" : null);

function worse(a: CacStatus | null, b: CacStatus | null): CacStatus {
  if (a === null) return b as CacStatus;
  if (b === null) return a;
  return RANK[a] >= RANK[b] ? a : b;
}

function missing(inputs: Record<string, number | null>): string {
  const names = Object.keys(inputs).filter((k) => inputs[k] === null);
  return `no ${names.join(" or ")} given`;
}

export type MagicNumberVerdict = "INVEST" | "HOLD" | "FIX";

export interface MagicNumberResult {
  value: number;
  verdict: MagicNumberVerdict;
}

/** (revenue this quarter - last) x 4 / last quarter's S&M spend; > invest line: invest, < fix line: fix. */
export function magicNumber(
  revenueThisQuarter: number,
  revenueLastQuarter: number,
  spendLastQuarter: number,
  t: Thresholds = DEFAULT_THRESHOLDS,
): MagicNumberResult {
  present("Revenue this quarter", revenueThisQuarter, () => null);
  present("Revenue last quarter", revenueLastQuarter, () => null);
  present("Last quarter's sales & marketing spend", spendLastQuarter, (x) => (x <= 0 ? "must be above 0" : null));
  const value = ((revenueThisQuarter - revenueLastQuarter) * 4) / spendLastQuarter;
  if (!Number.isFinite(value)) throw tooLarge(`The magic number ((revenue this quarter ${shown(revenueThisQuarter)} - last ${shown(revenueLastQuarter)}) x 4 / spend ${shown(spendLastQuarter)})`);
  const verdict: MagicNumberVerdict = value > t.magicNumberInvest ? "INVEST" : value < t.magicNumberFix ? "FIX" : "HOLD";
  return { value, verdict };
}

/** Sacks (2020): below 1 amazing, up to 1.5 great, up to 2 good, up to 3 suspect, above 3 bad. */
export type BurnMultipleVerdict = "AMAZING" | "GREAT" | "GOOD" | "SUSPECT" | "BAD";

export interface BurnMultipleResult {
  /** net burn / net new ARR; null when ARR did not grow (no multiple exists: a shrinking ARR is never rated well). */
  value: number | null;
  verdict: BurnMultipleVerdict;
  /** The rating in words, with the limits it was judged against. */
  reason: string;
}

/** Checks the burn-multiple limits are in order (amazing <= great <= good <= bad). */
export function checkBurnThresholds(t: Thresholds): void {
  const { burnMultipleAmazing: a, burnMultipleGreat: g, burnMultipleGood: o, burnMultipleBad: b } = t;
  if (!(a <= g && g <= o && o <= b)) {
    throw invalid(`Burn-multiple limits must satisfy amazing <= great <= good <= bad; got ${shown(a)}, ${shown(g)}, ${shown(o)}, ${shown(b)}.`);
  }
}

/** Checks the magic-number limits are in order (fix <= invest). */
export function checkMagicThresholds(t: Thresholds): void {
  if (!(t.magicNumberFix <= t.magicNumberInvest)) {
    throw invalid(`Magic-number limits must satisfy fix <= invest; got invest ${shown(t.magicNumberInvest)}, fix ${shown(t.magicNumberFix)}.`);
  }
}

/**
 * Sacks (2020): net burn / net new ARR. ARR that did not grow is BAD whatever the burn (a negative multiple
 * must never read as amazing); a business that grew ARR without burning cash is AMAZING.
 */
export function burnMultiple(netBurn: number, netNewArr: number, t: Thresholds = DEFAULT_THRESHOLDS): BurnMultipleResult {
  present("Net burn", netBurn, () => null);
  present("Net new ARR", netNewArr, () => null);
  if (netNewArr < 0) return { value: null, verdict: "BAD", reason: `BAD: ARR shrank by ${shown(-netNewArr)}; a shrinking ARR is never rated well, whatever the burn.` };
  if (netNewArr === 0) return { value: null, verdict: "BAD", reason: `BAD: ARR did not grow, so ${netBurn > 0 ? `a burn of ${shown(netBurn)} bought no growth` : "there is no growth to judge the burn against"}.` };
  const value = netBurn / netNewArr;
  if (!Number.isFinite(value)) throw tooLarge(`The burn multiple (net burn ${shown(netBurn)} / net new ARR ${shown(netNewArr)})`);
  if (netBurn <= 0) return { value, verdict: "AMAZING", reason: `AMAZING: ARR grew by ${shown(netNewArr)} without burning cash.` };
  const verdict: BurnMultipleVerdict =
    value < t.burnMultipleAmazing ? "AMAZING" : value <= t.burnMultipleGreat ? "GREAT" : value <= t.burnMultipleGood ? "GOOD" : value <= t.burnMultipleBad ? "SUSPECT" : "BAD";
  const band =
    verdict === "AMAZING"
      ? `below ${shown(t.burnMultipleAmazing)}`
      : verdict === "GREAT"
        ? `from ${shown(t.burnMultipleAmazing)} to ${shown(t.burnMultipleGreat)}`
        : verdict === "GOOD"
          ? `above ${shown(t.burnMultipleGreat)} up to ${shown(t.burnMultipleGood)}`
          : verdict === "SUSPECT"
            ? `above ${shown(t.burnMultipleGood)} up to ${shown(t.burnMultipleBad)}`
            : `above ${shown(t.burnMultipleBad)}`;
  return { value, verdict, reason: `${verdict}: burn multiple ${fmt(value)} (each 1 of net new ARR cost ${fmt(value)} of net burn) is ${band}.` };
}

/** The magic-number verdict in words, with the limits it was judged against. */
export function magicNumberReason(m: MagicNumberResult, t: Thresholds = DEFAULT_THRESHOLDS): string {
  const band =
    m.verdict === "INVEST"
      ? `above ${shown(t.magicNumberInvest)}: each 1 of sales and marketing spend adds more than ${shown(t.magicNumberInvest)} of annualised revenue, so invest in growth`
      : m.verdict === "FIX"
        ? `below ${shown(t.magicNumberFix)}: fix go-to-market efficiency before spending more`
        : `from ${shown(t.magicNumberFix)} to ${shown(t.magicNumberInvest)}: hold spend and improve`;
  return `${m.verdict}: magic number ${fmt(m.value)} is ${band}${m.value < 0 ? " (revenue shrank)" : ""}.`;
}
