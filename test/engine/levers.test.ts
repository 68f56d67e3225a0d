import fc from "fast-check";
import "../support/fast-check-seed";
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

  test("across a zero: the analytical limit puts the whole change on the lever that is zero (Ang & Liu 2007)", () => {
    const up = lmdiSplit(f(0, NaN, NaN), f(10, 1, 5));
    expect(up).toMatchObject({ defined: true, revenueChange: 50, customers: 50, frequency: 0, averageDeal: 0 });
    expect(up.reason).toMatch(/earlier period.*new customers/);
    const down = lmdiSplit(f(10, 1, 5), f(0, NaN, NaN));
    expect(down).toMatchObject({ defined: true, revenueChange: -50, customers: -50, frequency: 0, averageDeal: 0 });
    expect(down.reason).toMatch(/later period.*customers lost/);
    expect(lmdiSplit(f(0, NaN, NaN), f(0, NaN, NaN))).toMatchObject({ defined: true, revenueChange: 0, customers: 0, frequency: 0, averageDeal: 0 });
    // customers whose won deals are all worth 0: the zero sits in the average deal
    expect(lmdiSplit(f(4, 1, 0), f(4, 1, 25))).toMatchObject({ customers: 0, frequency: 0, averageDeal: 100 });
  });

  test("the limit is what LMDI tends to as the zero side shrinks (e -> 0), computed here with the formula itself", () => {
    const L = (a: number, b: number) => (a - b) / (Math.log(a) - Math.log(b));
    const to = { c: 12, f: 1.5, a: 800 };
    const r1 = to.c * to.f * to.a;
    let last = 0;
    for (const e of [1e-3, 1e-6, 1e-12, 1e-30]) {
      const from = { c: e, f: 2, a: 500 };
      const r0 = from.c * from.f * from.a;
      const customers = L(r1, r0) * Math.log(to.c / from.c);
      const frequency = L(r1, r0) * Math.log(to.f / from.f);
      expect(customers + frequency + L(r1, r0) * Math.log(to.a / from.a)).toBeCloseTo(r1 - r0, 6);
      last = customers;
      expect(Math.abs(frequency)).toBeLessThan(r1 * 0.2);
    }
    expect(Math.abs(last - r1) / r1).toBeLessThan(0.05);
  });

  test("negative revenue (credits outweigh sales): no split, said so", () => {
    const p = lmdiSplit(f(2, 1, -5), f(3, 1, 10));
    expect(p.defined).toBe(false);
    expect(p.customers).toBeNaN();
    expect(p.reason).toMatch(/negative/);
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

  test("a month with no wins: both changes touching it are split by the limit, all customers, and the note says so", () => {
    const rows: DealRow[] = [
      { outcome: "won", account: "a", amount: 10, created: "2017-01-01", closed: "2017-01-10" },
      { outcome: "lost", account: "b", amount: 10, created: "2017-01-01", closed: "2017-02-10" },
      { outcome: "won", account: "a", amount: 10, created: "2017-01-01", closed: "2017-03-10" },
    ];
    const ctx = buildContext(buildData(rows), t, { period: "month" });
    const lev = analyzeLevers(ctx, wonByPeriod(ctx));
    expect(lev.periods.map((p) => p.revenue)).toEqual([10, 0, 10]);
    expect(lev.changes.map((c) => c.defined)).toEqual([true, true]);
    expect(lev.changes.map((c) => [c.revenueChange, c.customers, c.frequency, c.averageDeal])).toEqual([
      [-10, -10, 0, 0],
      [10, 10, 0, 0],
    ]);
    expect(lev.changes[0].note).toMatch(/later period/);
    expect(lev.notes.join(" ")).toMatch(/all new customers/);
  });
});

describe("every change row sums to its change (property)", () => {
  const t = resolveThresholds();
  test("random pipelines with empty months, repeat customers and zero-value wins", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            month: fc.integer({ min: 0, max: 11 }),
            account: fc.integer({ min: 0, max: 6 }),
            amount: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e6, noNaN: true })),
            won: fc.boolean(),
          }),
          { minLength: 1, maxLength: 60 },
        ),
        (deals) => {
          const rows: DealRow[] = deals.map((d) => ({
            outcome: d.won ? "won" : "lost",
            account: `a${d.account}`,
            amount: d.amount,
            created: "2017-01-01",
            closed: `2017-${String(d.month + 1).padStart(2, "0")}-15`,
          }));
          const ctx = buildContext(buildData(rows), t, { period: "month" });
          const lev = analyzeLevers(ctx, wonByPeriod(ctx));
          // an independent revenue per month from the rows themselves
          const byMonth = new Map<string, number>();
          for (const d of deals) if (d.won) byMonth.set(`2017-${String(d.month + 1).padStart(2, "0")}`, (byMonth.get(`2017-${String(d.month + 1).padStart(2, "0")}`) ?? 0) + d.amount);
          for (const p of lev.periods) expect(p.revenue).toBeCloseTo(byMonth.get(p.period) ?? 0, 4);
          for (const c of lev.changes) {
            expect(c.defined).toBe(true);
            const sum = c.customers + c.frequency + c.averageDeal;
            expect(Math.abs(sum - c.revenueChange)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.revenueChange), ...lev.periods.map((p) => p.revenue)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
