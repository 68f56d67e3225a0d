import { FUNNEL_YIELD, LEADS_NEEDED } from "../../src/index";
import { thrown, isErr } from "./support";

const RATES = [[0.3, 0.5, 0.2]];
const CAPS = [[400, 100, null]];

describe("FUNNEL_YIELD on cells", () => {
  test("a single volume gives a number (wins by default)", () => {
    expect(FUNNEL_YIELD(1000, RATES)).toBeCloseTo(1000 * 0.3 * 0.5 * 0.2, 12);
    expect(typeof FUNNEL_YIELD(1000, RATES)).toBe("number");
  });

  test("rates as a column or a row give the same result; capacity blank cells are unlimited", () => {
    expect(FUNNEL_YIELD(1000, [[0.3], [0.5], [0.2]], [[400], [100], [""]])).toBeCloseTo(10, 12);
    expect(FUNNEL_YIELD(1000, RATES, CAPS)).toBeCloseTo(10, 12);
  });

  test("a column of volumes spills one result per scenario", () => {
    const out = FUNNEL_YIELD([[100], [1000], [5000]], RATES, CAPS) as number[][];
    // 100: A2=30, W2=30 -> A3=15 -> 3 ; 1000: 10 (see engine test) ; 5000: still 10 (capacity)
    expect(out.map((r) => r.length)).toEqual([1, 1, 1]);
    expect(out[0][0]).toBeCloseTo(3, 12);
    expect(out[1][0]).toBeCloseTo(10, 12);
    expect(out[2][0]).toBeCloseTo(10, 12);
  });

  test("a grid of volumes gives a grid of the same shape (a what-if table in one formula)", () => {
    const out = FUNNEL_YIELD([[100, 200], [300, 400]], [[0.5]]) as number[][];
    expect(out).toEqual([[50, 100], [150, 200]]);
  });

  test("fields: yield, overflow, stages", () => {
    expect(FUNNEL_YIELD(1000, RATES, CAPS, 0, "yield")).toBeCloseTo(0.01, 12);
    expect(FUNNEL_YIELD(1000, RATES, CAPS, 0, "overflow")).toBeCloseTo(620, 12);
    expect(FUNNEL_YIELD(1000, RATES, CAPS, null, " Stages ")).toEqual([[1000, 120, 50, 10]]);
    const rows = FUNNEL_YIELD([[1000], [100]], RATES, CAPS, 0.1, "stages") as number[][];
    expect(rows).toHaveLength(2);
    expect(rows[0][3]).toBeCloseTo(10.38, 10);
    expect(rows[1]).toEqual([100, 30, 15, 3]);
  });

  test("one bad scenario gets its own error; the others still compute", () => {
    const out = FUNNEL_YIELD([[1000], ["lots"], [true], [-5], [""], [{ code: "#DIV/0!" }], [[1, 2]]], [[0.5]]) as unknown[][];
    expect(out[0][0]).toBe(500);
    expect(isErr(out[1][0], "#VALUE!") && (out[1][0] as Error).message).toMatch(/row 2 is text "lots"/);
    expect(isErr(out[2][0], "#VALUE!") && (out[2][0] as Error).message).toMatch(/TRUE/);
    expect(isErr(out[3][0], "#VALUE!") && (out[3][0] as Error).message).toMatch(/0 or above/);
    expect(out[4][0]).toBe(""); // a blank scenario stays blank
    expect(isErr(out[5][0], "#DIV/0!")).toBe(true); // an error cell keeps its code
    expect((out[6][0] as Error).message).toMatch(/is a range, not a number/); // a nested array is not a number
  });

  test("a column with field yield or overflow spills one row per scenario, a zero volume's yield is #DIV/0! for its row only", () => {
    // One stage, rate 0.5, capacity 100: wins = 0.5 · min(V, 100); overflow = V − min(V, 100).
    const volumes = [[300], [0], [""], [40]];
    const yields = FUNNEL_YIELD(volumes, [[0.5]], [[100]], null, "yield") as unknown[][];
    expect(yields.map((r) => r.length)).toEqual([1, 1, 1, 1]);
    expect(yields[0][0]).toBeCloseTo(50 / 300, 12);
    expect(isErr(yields[1][0], "#DIV/0!") && (yields[1][0] as Error).message).toMatch(/Volume in row 2 is 0/);
    expect(yields[2][0]).toBe("");
    expect(yields[3][0]).toBe(0.5);
    const overflow = FUNNEL_YIELD(volumes, [[0.5]], [[100]], null, "overflow") as unknown[][];
    expect(overflow).toEqual([[200], [0], [""], [0]]);
    // Each scenario's row is its own array: a caller editing one result leaves the others alone.
    (overflow[0] as number[])[0] = -1;
    expect(overflow[1][0]).toBe(0);
    expect(new Set(overflow).size).toBe(4);
  });

  test("a grid of volumes with field yield names row and column of a zero volume", () => {
    const out = FUNNEL_YIELD([[10, 0], [20, 5]], [[0.5]], null, null, "yield") as unknown[][];
    expect([out[0][0], out[1][0], out[1][1]]).toEqual([0.5, 0.5, 0.5]);
    expect(isErr(out[0][1], "#DIV/0!") && (out[0][1] as Error).message).toMatch(/Volume in row 1, column 2 is 0/);
  });

  test("a bad row of stages fills the whole row with its error", () => {
    const out = FUNNEL_YIELD([[1000], ["x"]], RATES, null, null, "stages") as unknown[][];
    expect(out[1]).toHaveLength(4);
    expect(out[1].every((c) => isErr(c, "#VALUE!"))).toBe(true);
  });

  test("yield of zero volume is #DIV/0!; all-zero inputs otherwise work", () => {
    expect(thrown(() => FUNNEL_YIELD(0, [[0]], null, null, "yield")).code).toBe("#DIV/0!");
    expect(FUNNEL_YIELD(0, [[0, 0]], [[0, 0]])).toBe(0);
  });

  test.each([
    ["text volume", () => FUNNEL_YIELD("1000", RATES), "#VALUE!", /text "1000"/],
    ["blank volume", () => FUNNEL_YIELD(null, RATES), "#VALUE!", /blank/],
    ["boolean volume", () => FUNNEL_YIELD(false, RATES), "#VALUE!", /FALSE/],
    ["NaN volume", () => FUNNEL_YIELD(NaN, RATES), "#NUM!", /finite/],
    ["Infinity volume", () => FUNNEL_YIELD(Infinity, RATES), "#NUM!", /finite/],
    ["rate above 1", () => FUNNEL_YIELD(10, [[0.3, 25]]), "#VALUE!", /rate 2 must be a fraction/],
    ["negative rate", () => FUNNEL_YIELD(10, [[-0.3]]), "#VALUE!", /rate 1/],
    ["blank rate", () => FUNNEL_YIELD(10, [[0.3, ""]]), "#VALUE!", /rate 2 is blank/],
    ["text rate", () => FUNNEL_YIELD(10, [["30%"]]), "#VALUE!", /text "30%"/],
    ["error in rates", () => FUNNEL_YIELD(10, [[0.3, { code: "#N/A", message: "lookup failed" }]]), "#N/A", /lookup failed/],
    ["capacity shape mismatch", () => FUNNEL_YIELD(10, RATES, [[1, 2]]), "#VALUE!", /capacity has 2 columns but rates has 3 stages/],
    ["negative capacity", () => FUNNEL_YIELD(10, RATES, [[1, -2, 3]]), "#VALUE!", /Capacity 2/],
    ["overflow above 1", () => FUNNEL_YIELD(10, RATES, null, 1.5), "#VALUE!", /overflow_conversion/],
    ["overflow as text", () => FUNNEL_YIELD(10, RATES, null, "some"), "#VALUE!", /overflow_conversion/],
    ["unknown field", () => FUNNEL_YIELD(10, RATES, null, null, "profit"), "#VALUE!", /wins, yield, overflow, stages/],
    ["stages over a grid", () => FUNNEL_YIELD([[1, 2]], RATES, null, null, "stages"), "#VALUE!", /one column/],
    ["ragged range", () => FUNNEL_YIELD([[1, 2], [3]], RATES), "#VALUE!", /rectangular/],
    ["empty range", () => FUNNEL_YIELD([], RATES), "#VALUE!", /empty/],
    ["a whole row of rates", () => FUNNEL_YIELD(10, [new Array(16384).fill(0.5)]), "#VALUE!", /the most it takes is 100/],
  ])("%s", (_name, call, code, message) => {
    const e = thrown(call);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  test("a huge range of scenarios is refused with a message rather than run", () => {
    const huge: unknown[][] = new Array(5_000_000); // 5M rows, sparse so the test does not allocate them
    huge[0] = [1];
    const e = thrown(() => FUNNEL_YIELD(huge, RATES));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/the most GTM Compass takes is 4,000,000/);
  });

  test("a full Excel column of volumes (1,048,576 rows, mostly blank) spills only down to its last used row", () => {
    const col: unknown[][] = Array.from({ length: 1_048_576 }, (_, i) => [i < 3 ? (i + 1) * 100 : i === 5 ? 40 : null]);
    const out = FUNNEL_YIELD(col, [[0.5]]) as unknown[][];
    expect(out).toEqual([[50], [100], [150], [""], [""], [20]]); // the blank rows inside the used part stay
  });
});

describe("LEADS_NEEDED on cells", () => {
  test("uncapped: target / product of rates", () => {
    expect(LEADS_NEEDED(30, RATES)).toBeCloseTo(30 / 0.03, 9);
  });

  test("a column of targets spills; an unreachable one is #N/A with the reachable maximum", () => {
    const out = LEADS_NEEDED([[6], [10], [11], [""]], RATES, CAPS) as unknown[][];
    expect(out[0][0]).toBeCloseTo(200, 9); // 6 wins <- 30 at stage 3 <- 60 at stage 2 <- 200 leads
    expect(out[1][0]).toBeCloseTo(1000 / 3, 9);
    expect(isErr(out[2][0], "#N/A")).toBe(true);
    expect((out[2][0] as Error).message).toMatch(/at most 10 wins/);
    expect(out[3][0]).toBe("");
  });

  test("overflow conversion makes a capped target reachable", () => {
    // one stage r=0.5, c=100, d=0.2: wins(V) = 50 + 0.1 (V - 100) -> 60 wins at V = 200
    expect(LEADS_NEEDED(60, [[0.5]], [[100]], 0.2)).toBeCloseTo(200, 9);
  });

  test("round trip: FUNNEL_YIELD of the answer reaches the target", () => {
    const v = LEADS_NEEDED(7.5, RATES, CAPS, 0.05) as number;
    expect(FUNNEL_YIELD(v, RATES, CAPS, 0.05) as number).toBeGreaterThanOrEqual(7.5);
    expect(FUNNEL_YIELD(v * 0.999, RATES, CAPS, 0.05) as number).toBeLessThan(7.5);
  });

  test("bad targets and rates", () => {
    expect(thrown(() => LEADS_NEEDED(-1, RATES)).code).toBe("#VALUE!");
    expect(thrown(() => LEADS_NEEDED("ten", RATES)).message).toMatch(/Target wins is text "ten"/);
    expect(thrown(() => LEADS_NEEDED(5, [[0.5, 0]])).code).toBe("#N/A");
    expect(thrown(() => LEADS_NEEDED(5, RATES, [[1]])).code).toBe("#VALUE!");
  });
});
