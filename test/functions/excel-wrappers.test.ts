/**
 * functions.ts as Excel calls it. Excel cannot run here, so a small stand-in provides the CustomFunctions
 * global (its Error class and codes); the wrappers and the core underneath are the real ones.
 */
class StandInError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: StandInError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
  associate: () => undefined,
};

import { cacFlag, funnelYield, gtmCompass, leadsNeeded } from "../../src/functions/functions";

const thrownExcel = (f: () => unknown): StandInError => {
  try {
    f();
  } catch (e) {
    if (e instanceof StandInError) return e;
    throw new Error(`expected a CustomFunctions.Error, got ${String(e)}`);
  }
  throw new Error("expected a CustomFunctions.Error");
};

describe("the Excel wrappers", () => {
  test("results are 2-D arrays, numbers stay numbers", () => {
    const out = funnelYield([[1000]], [[0.3, 0.5, 0.2]]);
    expect(out).toHaveLength(1);
    expect(typeof out[0][0]).toBe("number");
    expect(out[0][0]).toBeCloseTo(30, 12);
    expect(gtmCompass([[1, 1, 1, 1, 1, 1, 1]], [[""]], [[""]], "lead")).toEqual([["Marketing-led"]]);
    expect(cacFlag([[120000]], [[10]], [[1000]], [[0.8]], [[0.02]])).toEqual([["WATCH"]]);
  });

  test("optional arguments Excel leaves out arrive as undefined or null and use their defaults", () => {
    expect(funnelYield([[1000]], [[0.5]], undefined, null, undefined)[0][0]).toBe(500);
    expect(leadsNeeded([[50]], [[0.5]], [[null]], null)[0][0]).toBe(100);
  });

  test("a call that cannot run throws CustomFunctions.Error with the message (#VALUE!, #N/A)", () => {
    const e = thrownExcel(() => funnelYield([[1000]], [[0.5, 7]]));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/Conversion rate 2/);
    const na = thrownExcel(() => leadsNeeded([[11]], [[0.3, 0.5, 0.2]], [[400, 100, ""]]));
    expect(na.code).toBe("#N/A");
    expect(na.message).toMatch(/at most 10 wins/);
  });

  test("codes Excel shows without a message are raised without one", () => {
    const e = thrownExcel(() => cacFlag([[5000]], [[0]], null as unknown as unknown[][], undefined, undefined, undefined, "cac"));
    expect(e.code).toBe("#DIV/0!");
    expect(e.message).toBeUndefined();
  });

  test("one bad row in a spill becomes a CustomFunctions.Error in that row only", () => {
    const out = funnelYield([[1000], ["oops"], [500]], [[0.5]]);
    expect(out[0][0]).toBe(500);
    expect(out[1][0]).toBeInstanceOf(StandInError);
    expect((out[1][0] as StandInError).code).toBe("#VALUE!");
    expect((out[1][0] as StandInError).message).toMatch(/row 2 is text "oops"/);
    expect(out[2][0]).toBe(250);
  });

  test("a single product that cannot be placed throws instead of spilling seven errors", () => {
    const e = thrownExcel(() => gtmCompass([[1, 2, "", "", "", "", ""]]));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/rate at least 3/);
  });
});
