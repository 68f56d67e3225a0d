import { cacFlag, magicNumber, burnMultiple, checkCacThresholds } from "../../src/engine/cac";
import { codeOf } from "../support/gtm-error";
import { resolveThresholds } from "../../src/model/thresholds";

describe("cacFlag — Skok's worked case (METHODS §3)", () => {
  // CAC 12,000 (120,000 spend / 10 customers); 1,000/month; 80% margin; 2%/month churn.
  const r = cacFlag({ spend: 120000, newCustomers: 10, revenuePerCustomerMonth: 1000, grossMargin: 0.8, churnMonth: 0.02 });
  test("CAC, payback, LTV, LTV:CAC by hand", () => {
    expect(r.cac).toBe(12000);
    expect(r.paybackMonths).toBeCloseTo(12000 / 800, 12); // 15
    expect(r.ltv).toBeCloseTo(800 / 0.02, 9); // 40,000
    expect(r.ltvCac).toBeCloseTo(40000 / 12000, 12); // 3.33
  });
  test("payback WATCH, LTV:CAC HEALTHY, flag the worse: WATCH", () => {
    expect(r.paybackStatus).toBe("WATCH");
    expect(r.ltvCacStatus).toBe("HEALTHY");
    expect(r.status).toBe("WATCH");
    expect(r.leftOut).toEqual([]);
    expect(r.reason).toMatch(/payback 15 months/);
    expect(r.reason).toMatch(/12-month/);
  });
});

describe("cacFlag — rules", () => {
  test("limits are inclusive: payback exactly 12 is HEALTHY, exactly 18 WATCH, above TIME BOMB", () => {
    const base = { newCustomers: 1, revenuePerCustomerMonth: 1000, grossMargin: 1 };
    expect(cacFlag({ ...base, spend: 12000 }).status).toBe("HEALTHY");
    expect(cacFlag({ ...base, spend: 18000 }).status).toBe("WATCH");
    expect(cacFlag({ ...base, spend: 18001 }).status).toBe("TIME BOMB");
    // 0.1 x 3 style noise at the limit still counts as at the limit
    expect(cacFlag({ spend: 3.6, newCustomers: 1, revenuePerCustomerMonth: 0.1 * 3, grossMargin: 1 }).paybackMonths).toBeCloseTo(12, 9);
    expect(cacFlag({ spend: 3.6, newCustomers: 1, revenuePerCustomerMonth: 0.1 * 3, grossMargin: 1 }).status).toBe("HEALTHY");
  });

  test("LTV:CAC below 1 is a TIME BOMB even with a quick payback", () => {
    // CAC 100, monthly gross 50 -> payback 2 (HEALTHY); churn 0.9 -> LTV 55.6 -> 0.56 (TIME BOMB)
    const r = cacFlag({ spend: 100, newCustomers: 1, revenuePerCustomerMonth: 50, grossMargin: 1, churnMonth: 0.9 });
    expect(r.paybackStatus).toBe("HEALTHY");
    expect(r.ltvCac).toBeCloseTo(50 / 0.9 / 100, 12);
    expect(r.status).toBe("TIME BOMB");
  });

  test("a missing input leaves its check out and says so", () => {
    const r = cacFlag({ spend: 120000, newCustomers: 10, revenuePerCustomerMonth: 1000, grossMargin: 0.8 });
    expect(r.ltvCac).toBeNull();
    expect(r.status).toBe("WATCH");
    expect(r.leftOut).toHaveLength(1);
    expect(r.leftOut[0]).toMatch(/monthly churn/);
    expect(r.reason).toMatch(/Left out: LTV:CAC/);
  });

  test("spend with zero new customers is a TIME BOMB", () => {
    const r = cacFlag({ spend: 5000, newCustomers: 0 });
    expect(r.status).toBe("TIME BOMB");
    expect(r.cac).toBe(Infinity);
    expect(r.reason).toMatch(/found no new customer/);
  });

  test("zero spend and zero customers is #N/A; only CAC known is #N/A (nothing to judge)", () => {
    expect(codeOf(() => cacFlag({ spend: 0, newCustomers: 0 }))).toBe("#N/A");
    expect(codeOf(() => cacFlag({ spend: 100, newCustomers: 4 }))).toBe("#N/A");
  });

  test("overridden thresholds change the flag", () => {
    const t = resolveThresholds({ paybackHealthyMonths: 15 });
    expect(cacFlag({ spend: 120000, newCustomers: 10, revenuePerCustomerMonth: 1000, grossMargin: 0.8 }, t).status).toBe("HEALTHY");
    expect(codeOf(() => checkCacThresholds(resolveThresholds({ paybackHealthyMonths: 20 })))).toBe("#VALUE!");
  });

  test.each([
    [{ spend: -1, newCustomers: 1 }],
    [{ spend: 1, newCustomers: -1 }],
    [{ spend: NaN, newCustomers: 1 }],
    [{ spend: 1, newCustomers: Infinity }],
    [{ spend: 1, newCustomers: 1, grossMargin: 80, revenuePerCustomerMonth: 10 }],
    [{ spend: 1, newCustomers: 1, grossMargin: 0.8, revenuePerCustomerMonth: 10, churnMonth: 0 }],
    [{ spend: 1, newCustomers: 1, revenuePerCustomerMonth: -5, grossMargin: 0.5 }],
  ])("bad input %p is #VALUE!", (input) => {
    expect(codeOf(() => cacFlag(input))).toBe("#VALUE!");
  });
});

describe("magic number and burn multiple", () => {
  test("magic number = (this quarter - last) x 4 / last quarter's spend", () => {
    expect(magicNumber(1200, 1000, 800).value).toBeCloseTo(1, 12); // 200*4/800
    expect(magicNumber(1200, 1000, 800).verdict).toBe("INVEST");
    expect(magicNumber(1050, 1000, 800).verdict).toBe("FIX"); // 0.25
    expect(magicNumber(1120, 1000, 800).verdict).toBe("HOLD"); // 0.6
    expect(codeOf(() => magicNumber(1, 1, 0))).toBe("#VALUE!");
  });
  test("burn multiple = net burn / net new ARR on Sacks' scale: < 1 amazing, 1-1.5 great, 1.5-2 good, 2-3 suspect, > 3 bad", () => {
    const rated = (burn: number, arr: number) => {
      const r = burnMultiple(burn, arr);
      return [r.value, r.verdict];
    };
    expect(rated(500, 1000)).toEqual([0.5, "AMAZING"]);
    expect(rated(1000, 1000)).toEqual([1, "GREAT"]); // 1 is not below 1
    expect(rated(1500, 1000)).toEqual([1.5, "GREAT"]);
    expect(rated(2000, 1000)).toEqual([2, "GOOD"]);
    expect(rated(2500, 1000)).toEqual([2.5, "SUSPECT"]);
    expect(rated(3000, 1000)).toEqual([3, "SUSPECT"]);
    expect(rated(4000, 1000)).toEqual([4, "BAD"]);
    expect(rated(-100, 1000)).toEqual([-0.1, "AMAZING"]); // grew without burning cash
  });
  test("a shrinking or flat ARR is never rated well, whatever the burn", () => {
    for (const burn of [-5000, 0, 100, 4000]) {
      expect(burnMultiple(burn, -1000).verdict).toBe("BAD");
      expect(burnMultiple(burn, -1000).value).toBeNull(); // a negative multiple would read as amazing
      expect(burnMultiple(burn, 0).verdict).toBe("BAD");
    }
    expect(burnMultiple(4000, -1000).reason).toMatch(/ARR shrank by 1000/);
  });
});
