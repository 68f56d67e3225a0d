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

import fc from "fast-check";
import { GtmError } from "../../src/engine/errors";
import { forExcel } from "../../src/functions/excel-errors";
import * as excel from "../../src/functions/functions";

// Excel passes whatever the cell holds (a field typed as a choice still arrives as text), so call loosely.
type Loose = (...args: unknown[]) => unknown[][];
const { cacFlag, funnelYield, gtmCompass, leadsNeeded } = excel as unknown as Record<"cacFlag" | "funnelYield" | "gtmCompass" | "leadsNeeded", Loose>;
import { arg, cell } from "./support";

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

  test("only the rows a grid function noted are revisited to convert errors", () => {
    const noted = new GtmError("#VALUE!", "noted");
    const unnoted = new GtmError("#VALUE!", "not noted");
    const out = forExcel((errorRows) => {
      errorRows.push(1);
      return [[1], [noted], [unnoted]];
    });
    expect(out[1][0]).toBeInstanceOf(StandInError);
    expect(out[2][0]).toBe(unnoted); // proof the pass is gone: a row nobody noted is not walked
  });
});

/** Only what Excel can show: numbers, text and CustomFunctions.Error, in a result or thrown. */
function onlyExcelCells(call: () => unknown[][]): boolean {
  try {
    return call().every((row) => row.every((c) => typeof c === "number" || typeof c === "string" || c instanceof StandInError));
  } catch (e) {
    return e instanceof StandInError;
  }
}

describe("the Excel wrappers over random arguments: every error cell reaches Excel as CustomFunctions.Error", () => {
  const runs = { numRuns: 300 };
  const a = arg as fc.Arbitrary<unknown[][]>;
  test("FUNNEL_YIELD", () => {
    fc.assert(fc.property(a, a, a, a, fc.constantFrom(undefined, "wins", "yield", "overflow", "stages"), (v, r, c, d, f) => onlyExcelCells(() => funnelYield(v, r, c, d, f))), runs);
  });
  test("LEADS_NEEDED", () => {
    fc.assert(fc.property(a, a, a, a, (t, r, c, d) => onlyExcelCells(() => leadsNeeded(t, r, c, d))), runs);
  });
  test("CAC_FLAG", () => {
    fc.assert(
      fc.property(a, a, a, a, a, a, fc.constantFrom(undefined, "flag", "cac", "payback", "ltv", "ltv_cac", "all"), (s, n, r, g, ch, t, f) =>
        onlyExcelCells(() => cacFlag(s, n, r, g, ch, t, f)),
      ),
      runs,
    );
  });
  test("GTM_COMPASS", () => {
    const ratings = fc.oneof(a, fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 4 })) as fc.Arbitrary<unknown[][]>;
    fc.assert(fc.property(ratings, a, a, fc.constantFrom(undefined, "all", "lead", "identity"), (r, w, s, f) => onlyExcelCells(() => gtmCompass(r, w, s, f))), runs);
  });
});
