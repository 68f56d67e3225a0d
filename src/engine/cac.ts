/**
 * Customer acquisition cost and its flag (METHODS.md §3, time bomb 1): CAC, months to pay it back,
 * lifetime value, LTV:CAC, and HEALTHY / WATCH / TIME BOMB as the worse of the two checks.
 * Also the two efficiency ratios users expect beside it: magic number and burn multiple.
 */
import { DEFAULT_THRESHOLDS, Thresholds } from "../model/thresholds";
import { invalid, unavailable } from "./errors";

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
  const leftOut: string[] = [];

  let paybackMonths: number | null = null;
  let paybackStatus: CacStatus | null = null;
  const monthlyGross = revenue !== null && margin !== null ? revenue * margin : null;
  if (monthlyGross === null) {
    leftOut.push(`payback (${missing({ "revenue per customer per month": revenue, "gross margin": margin })})`);
  } else {
    paybackMonths = cac === 0 ? 0 : monthlyGross === 0 ? Infinity : cac / monthlyGross;
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
    ltvCac = cac === 0 ? Infinity : ltv / cac;
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
  const verdict: MagicNumberVerdict = value > t.magicNumberInvest ? "INVEST" : value < t.magicNumberFix ? "FIX" : "HOLD";
  return { value, verdict };
}

export type BurnMultipleVerdict = "AMAZING" | "OK" | "BAD";

export interface BurnMultipleResult {
  /** net burn / net new ARR; null when ARR did not grow while cash burned (no multiple exists). */
  value: number | null;
  verdict: BurnMultipleVerdict;
}

/** Sacks (2020): net burn / net new ARR; below the amazing line is amazing, above the bad line is bad. */
export function burnMultiple(netBurn: number, netNewArr: number, t: Thresholds = DEFAULT_THRESHOLDS): BurnMultipleResult {
  present("Net burn", netBurn, () => null);
  present("Net new ARR", netNewArr, () => null);
  if (netBurn <= 0) return { value: netNewArr > 0 ? netBurn / netNewArr : null, verdict: "AMAZING" }; // cash-generative
  if (netNewArr <= 0) return { value: null, verdict: "BAD" }; // burning cash without growing
  const value = netBurn / netNewArr;
  return { value, verdict: value < t.burnMultipleAmazing ? "AMAZING" : value > t.burnMultipleBad ? "BAD" : "OK" };
}
