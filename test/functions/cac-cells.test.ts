import { CAC_FLAG } from "../../src/index";
import { thrown, isErr } from "./support";

// Skok's case: CAC 12,000 (120,000 / 10), 1,000 a month, 80% margin, 2% monthly churn.
const SKOK = [120000, 10, 1000, 0.8, 0.02] as const;

describe("CAC_FLAG on cells", () => {
  test("Skok's case: WATCH by default, and each field by hand", () => {
    expect(CAC_FLAG(...SKOK)).toBe("WATCH");
    expect(CAC_FLAG(...SKOK, null, "cac")).toBe(12000);
    expect(CAC_FLAG(...SKOK, null, "payback")).toBeCloseTo(15, 12);
    expect(CAC_FLAG(...SKOK, null, "ltv")).toBeCloseTo(40000, 9);
    expect(CAC_FLAG(...SKOK, null, "ltv_cac")).toBeCloseTo(10 / 3, 12);
    expect(CAC_FLAG(...SKOK, null, "reason")).toMatch(/payback 15 months is over the 12-month healthy limit/);
  });

  test('"all" spills flag, cac, payback, ltv, ltv_cac, reason', () => {
    const [row] = CAC_FLAG(...SKOK, null, "all") as unknown[][];
    expect(row).toHaveLength(6);
    expect(row.slice(0, 3)).toEqual(["WATCH", 12000, 15]);
    expect(row[3]).toBeCloseTo(40000, 9);
    expect(typeof row[4]).toBe("number");
    expect(typeof row[5]).toBe("string");
  });

  test("a column of periods spills one flag each; shared inputs can be single cells", () => {
    // payback = spend/customers/(1000*0.8): 9,600/1 -> 12 HEALTHY; 14,400 -> 18 WATCH; 20,000 -> 25 TIME BOMB
    const out = CAC_FLAG([[9600], [14400], [20000]], [[1], [1], [1]], 1000, 0.8);
    expect(out).toEqual([["HEALTHY"], ["WATCH"], ["TIME BOMB"]]);
  });

  test("thresholds as a row of four numbers (blank = default)", () => {
    expect(CAC_FLAG(...SKOK, [[15, "", "", ""]])).toBe("HEALTHY");
    expect(CAC_FLAG(...SKOK, [[6, 12]])).toBe("TIME BOMB");
    expect(CAC_FLAG(...SKOK, [["", "", 4, ""]])).toBe("WATCH"); // LTV:CAC 3.33 < 4 -> WATCH, payback WATCH
  });

  test("thresholds as a two-column name/value range", () => {
    expect(CAC_FLAG(...SKOK, [["paybackHealthyMonths", 15], ["", ""]])).toBe("HEALTHY");
    expect(CAC_FLAG(...SKOK, [["LTVCACHEALTHY", 4], ["paybackWatchMonths", 24]])).toBe("WATCH");
  });

  test("spend with zero new customers is a TIME BOMB; its CAC is #DIV/0!", () => {
    expect(CAC_FLAG(5000, 0)).toBe("TIME BOMB");
    expect(thrown(() => CAC_FLAG(5000, 0, null, null, null, null, "cac")).code).toBe("#DIV/0!");
    expect(CAC_FLAG(5000, 0, null, null, null, null, "reason")).toMatch(/found no new customer/);
  });

  test("missing inputs leave checks out and say so; CAC alone still computes", () => {
    expect(CAC_FLAG(120000, 10, 1000, 0.8)).toBe("WATCH");
    expect(CAC_FLAG(120000, 10, 1000, 0.8, null, null, "reason")).toMatch(/Left out: LTV:CAC \(no monthly churn given\)/);
    expect(thrown(() => CAC_FLAG(120000, 10, 1000, 0.8, null, null, "ltv_cac")).code).toBe("#N/A");
    expect(CAC_FLAG(120000, 10, null, null, null, null, "cac")).toBe(12000);
    const e = thrown(() => CAC_FLAG(120000, 10));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/nothing to judge it against/);
  });

  test("one bad period errors in its own row; the rest still flag", () => {
    const out = CAC_FLAG([[9600], [-5], ["n/a"], [0], [""]], [[1], [1], [1], [0], [""]], 1000, 0.8, null, null, "all") as unknown[][];
    expect(out[0][0]).toBe("HEALTHY");
    expect(out[1].every((c) => isErr(c, "#VALUE!"))).toBe(true);
    expect((out[1][0] as Error).message).toMatch(/Spend cannot be negative.*period row 2/);
    expect((out[2][0] as Error).message).toMatch(/Spend \(period row 3\) is text "n\/a"/);
    expect(out[3].every((c) => isErr(c, "#N/A"))).toBe(true); // zero spend, zero customers
    expect(out[4]).toEqual(["", "", "", "", "", ""]); // an empty period stays empty
  });

  test.each([
    ["negative spend", () => CAC_FLAG(-1, 3, 100, 0.5), "#VALUE!", /Spend cannot be negative/],
    ["text customers", () => CAC_FLAG(100, "ten", 100, 0.5), "#VALUE!", /New customers is text "ten"/],
    ["blank spend", () => CAC_FLAG("", 3, 100, 0.5), "#VALUE!", /Spend is blank/],
    ["boolean churn", () => CAC_FLAG(100, 3, 100, 0.5, true), "#VALUE!", /Monthly churn is TRUE/],
    ["margin as a percent number", () => CAC_FLAG(100, 3, 100, 80), "#VALUE!", /80% is 0.8/],
    ["zero churn", () => CAC_FLAG(100, 3, 100, 0.5, 0), "#VALUE!", /above 0/],
    ["all zero", () => CAC_FLAG(0, 0, 0, 0, null), "#N/A", /No spend and no new customers/],
    ["error value", () => CAC_FLAG({ code: "#N/A" }, 3), "#N/A", /holds an error/],
    ["Infinity spend", () => CAC_FLAG(Infinity, 3), "#NUM!", /finite/],
    ["all over a row of periods", () => CAC_FLAG([[1, 2]], 1, 100, 0.5, null, null, "all"), "#VALUE!", /one column/],
    ["unknown threshold name", () => CAC_FLAG(...SKOK, [["payback", 12]]), "#VALUE!", /Unknown threshold "payback"/],
    ["healthy above watch", () => CAC_FLAG(...SKOK, [[20, 18]]), "#VALUE!", /healthy <= watch/],
    ["thresholds block five wide", () => CAC_FLAG(...SKOK, [[1, 2, 3, 4, 5], [1, 2, 3, 4, 5]]), "#VALUE!", /row of up to 4 numbers/],
    ["five thresholds", () => CAC_FLAG(...SKOK, [[1, 2, 3, 4, 5]]), "#VALUE!", /row of up to 4 numbers/],
    ["a whole column of channels with spend of another length", () => CAC_FLAG([[1], [2]], [[1], [1]], null, null, null, null, "cac", [["a"], ["b"], ["c"]]), "#VALUE!", /one column of 3 rows/],
    ["unknown field", () => CAC_FLAG(...SKOK, null, "magic"), "#VALUE!", /flag, reason, cac/],
  ])("%s", (_name, call, code, message) => {
    const e = thrown(call as () => unknown);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});
