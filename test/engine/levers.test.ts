import { lmdiSplit, logMean } from "../../src/engine/lmdi";
import { analyzeLevers, wonByPeriod } from "../../src/engine/levers";
import { buildContext } from "../../src/engine/context";
import { resolveThresholds } from "../../src/model/thresholds";
import { buildData, DealRow } from "../support/deals-builder";

const f = (customers: number, frequency: number, averageDeal: number) => ({ customers, frequency, averageDeal });

describe("LMDI split (METHODS §4 cases)", () => {
  test("1000/2.0/50 -> 1100/2.2/55: each lever +11,033.33", () => {
    const p = lmdiSplit(f(1000, 2, 50), f(1100, 2.2, 55));
    expect(p.revenueChange).toBeCloseTo(33100, 6);
    expect(p.customers).toBeCloseTo(11033.33, 2);
    expect(p.frequency).toBeCloseTo(11033.33, 2);
    expect(p.averageDeal).toBeCloseTo(11033.33, 2);
  });

  test("1000/2.0/50 -> 1100/2.0/45: +9,483.28 / 0 / -10,483.28", () => {
    const p = lmdiSplit(f(1000, 2, 50), f(1100, 2, 45));
    expect(p.customers).toBeCloseTo(9483.28, 2);
    expect(p.frequency).toBe(0);
    expect(p.averageDeal).toBeCloseTo(-10483.28, 2);
    expect(p.revenueChange).toBeCloseTo(-1000, 6);
  });

  test("200/3/120 -> 180/3.5/130: -8,096.30 / +11,845.52 / +6,150.78", () => {
    const p = lmdiSplit(f(200, 3, 120), f(180, 3.5, 130));
    expect(p.customers).toBeCloseTo(-8096.3, 2);
    expect(p.frequency).toBeCloseTo(11845.52, 2);
    expect(p.averageDeal).toBeCloseTo(6150.78, 2);
  });

  test("the parts sum to the change with no residual, whatever the numbers", () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let k = 0; k < 500; k++) {
      const a = f(1 + rnd() * 1e4, 1 + rnd() * 3, 1 + rnd() * 1e5);
      const b = f(1 + rnd() * 1e4, 1 + rnd() * 3, 1 + rnd() * 1e5);
      const p = lmdiSplit(a, b);
      const dR = b.customers * b.frequency * b.averageDeal - a.customers * a.frequency * a.averageDeal;
      expect(Math.abs(p.customers + p.frequency + p.averageDeal - dR)).toBeLessThan(1e-9 * Math.max(1, Math.abs(dR)) + 1e-6);
    }
  });

  test("order of factors does not matter (unlike sequential substitution)", () => {
    const p = lmdiSplit(f(200, 3, 120), f(180, 3.5, 130));
    // swapping which number plays "customers" and "average deal" just swaps their parts
    const swapped = lmdiSplit(f(120, 3, 200), f(130, 3.5, 180));
    expect(swapped.customers).toBeCloseTo(p.averageDeal, 9);
    expect(swapped.averageDeal).toBeCloseTo(p.customers, 9);
  });

  test("zero revenue on either side: undefined, and said so", () => {
    const p = lmdiSplit(f(0, NaN, NaN), f(10, 1, 5));
    expect(p.defined).toBe(false);
    expect(p.customers).toBeNaN();
    expect(p.reason).toMatch(/earlier period/);
    expect(lmdiSplit(f(10, 1, 5), f(0, NaN, NaN)).reason).toMatch(/later period/);
  });

  test("logarithmic mean", () => {
    expect(logMean(5, 5)).toBe(5);
    expect(logMean(Math.E, 1)).toBeCloseTo((Math.E - 1) / 1, 12);
    expect(logMean(100000, 100000 * (1 + 1e-13))).toBeCloseTo(100000, 6);
    expect(logMean(0, 1)).toBeNaN();
  });
});

/** Customers `c` each buying `k` deals of `amount`, plus `extra` customers buying one more deal. */
function cohort(prefix: string, customers: number, perCustomer: number, extraDeals: number, amount: number, closed: string): DealRow[] {
  const rows: DealRow[] = [];
  for (let c = 0; c < customers; c++) {
    const k = perCustomer + (c < extraDeals ? 1 : 0);
    for (let j = 0; j < k; j++) rows.push({ outcome: "won", account: `${prefix}${c}`, amount, created: "2017-01-01", closed });
  }
  return rows;
}

describe("levers from deals", () => {
  const t = resolveThresholds();

  test("METHODS case 1 rebuilt from rows: 2,000 deals of 50 for 1,000 customers, then 2,420 of 55 for 1,100", () => {
    const rows = [...cohort("a", 1000, 2, 0, 50, "2017-02-15"), ...cohort("b", 1100, 2, 220, 55, "2017-05-15")];
    const ctx = buildContext(buildData(rows), t, { period: "quarter" });
    const lev = analyzeLevers(ctx, wonByPeriod(ctx));
    expect(lev.periods.map((p) => [p.period, p.revenue, p.customers, p.deals])).toEqual([
      ["2017-Q1", 100000, 1000, 2000],
      ["2017-Q2", 133100, 1100, 2420],
    ]);
    expect(lev.periods[1].frequency).toBeCloseTo(2.2, 12);
    const ch = lev.changes[0];
    expect(ch.revenueChange).toBe(33100);
    for (const part of [ch.customers, ch.frequency, ch.averageDeal]) expect(part).toBeCloseTo(11033.33, 2);
    expect(ch.customers + ch.frequency + ch.averageDeal).toBeCloseTo(ch.revenueChange, 8);
    expect(lev.customerBasis).toBe("account");
  });

  test("the same customer in two periods counts once in each; lost and open deals do not count", () => {
    const rows: DealRow[] = [
      { outcome: "won", account: "x", amount: 10, created: "2017-01-01", closed: "2017-01-10" },
      { outcome: "won", account: "x", amount: 30, created: "2017-01-01", closed: "2017-01-20" },
      { outcome: "won", account: "x", amount: 20, created: "2017-01-01", closed: "2017-02-10" },
      { outcome: "lost", account: "y", amount: 99, created: "2017-01-01", closed: "2017-02-10" },
      { outcome: "open", account: "z", amount: 99, created: "2017-01-01" },
    ];
    const ctx = buildContext(buildData(rows), t, { period: "month" });
    const lev = analyzeLevers(ctx, wonByPeriod(ctx));
    expect(lev.periods.map((p) => [p.revenue, p.customers, p.deals])).toEqual([
      [40, 1, 2],
      [20, 1, 1],
    ]);
  });

  test("no customer column: C = N and F = 1, said so", () => {
    const rows: DealRow[] = [
      { outcome: "won", amount: 10, created: "2017-01-01", closed: "2017-01-10" },
      { outcome: "won", amount: 30, created: "2017-01-01", closed: "2017-01-20" },
      { outcome: "won", amount: 20, created: "2017-01-01", closed: "2017-02-10" },
    ];
    const ctx = buildContext(buildData(rows), t, { period: "month" });
    const lev = analyzeLevers(ctx, wonByPeriod(ctx));
    expect(lev.customerBasis).toBe("deals");
    expect(lev.periods.map((p) => [p.customers, p.frequency])).toEqual([
      [2, 1],
      [1, 1],
    ]);
    expect(lev.changes[0].frequency).toBe(0);
    expect(lev.notes.join(" ")).toMatch(/No customer \(account\) column/);
  });

  test("a month with no wins: both changes touching it are undefined, and the note says why", () => {
    const rows: DealRow[] = [
      { outcome: "won", account: "a", amount: 10, created: "2017-01-01", closed: "2017-01-10" },
      { outcome: "lost", account: "b", amount: 10, created: "2017-01-01", closed: "2017-02-10" },
      { outcome: "won", account: "a", amount: 10, created: "2017-01-01", closed: "2017-03-10" },
    ];
    const ctx = buildContext(buildData(rows), t, { period: "month" });
    const lev = analyzeLevers(ctx, wonByPeriod(ctx));
    expect(lev.periods.map((p) => p.revenue)).toEqual([10, 0, 10]);
    expect(lev.changes.map((c) => c.defined)).toEqual([false, false]);
    expect(lev.changes[0].revenueChange).toBe(-10);
    expect(lev.changes[0].note).toMatch(/later period/);
    expect(lev.notes.join(" ")).toMatch(/undefined/);
  });
});
