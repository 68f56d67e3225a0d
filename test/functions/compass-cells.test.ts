import { GTM_COMPASS } from "../../src/index";
import { thrown, isErr } from "./support";

const CREST = [1, 1, 1, 1, 1, 1, 1];
const JET = [5, 5, 5, 5, 5, 5, 5];

describe("GTM_COMPASS on cells", () => {
  test("one product row spills the whole result row", () => {
    const [row] = GTM_COMPASS([CREST]) as unknown[][];
    expect(row).toEqual([
      "Marketing-led",
      0,
      0.15,
      "Self-serve / e-commerce (retail for physical consumer goods)",
      1,
      "",
      "",
    ]);
  });

  test("a column of 7 is one product, the same as the row", () => {
    expect(GTM_COMPASS(JET.map((r) => [r]))).toEqual(GTM_COMPASS([JET]));
    expect((GTM_COMPASS([JET]) as unknown[][])[0].slice(0, 4)).toEqual(["Sales-led", 100, 0.85, "Direct field sales"]);
  });

  test("several rows rate several products; numbers stay numbers", () => {
    // middle product: ratings 3 everywhere -> p = 0.5, intensity 50, share 0.15 + 0.35 = 0.5
    const out = GTM_COMPASS([CREST, [3, 3, 3, 3, 3, 3, 3], JET], null, null, "intensity") as number[][];
    expect(out).toEqual([[0], [50], [100]]);
    expect(GTM_COMPASS([[3, 3, 3, 3, 3, 3, 3]], null, null, "sales_share")).toBeCloseTo(0.5, 12);
  });

  test("one field for a single product is a plain value", () => {
    expect(GTM_COMPASS([CREST], null, null, "lead")).toBe("Marketing-led");
    expect(GTM_COMPASS([JET], null, null, "MODEL")).toBe("Direct field sales");
  });

  test("actual sales share: one for all products or one per product; blank leaves the verdict empty", () => {
    expect(GTM_COMPASS([CREST, JET], null, 0.5, "identity")).toEqual([["Over-invested in sales"], ["Over-invested in marketing"]]);
    expect(GTM_COMPASS([CREST, JET], null, [[0.2], [0.8]], "identity")).toEqual([["Aligned"], ["Aligned"]]);
    expect(GTM_COMPASS([CREST, JET], null, [[0.2], [""]], "identity")).toEqual([["Aligned"], [""]]);
  });

  test("weights: blank weight counts as 1", () => {
    // price=5 weight 3, rest 1 weight blank: (3*1)/(3+6) = 1/3 -> intensity 33.33
    expect(GTM_COMPASS([[5, 1, 1, 1, 1, 1, 1]], [[3, "", "", "", "", "", ""]], null, "intensity")).toBeCloseTo(100 / 3, 9);
  });

  test("split signals are named in the note", () => {
    expect(GTM_COMPASS([[5, 1, 1, 1, 1, 1, 5]], null, null, "note")).toMatch(/split signals: price, touch/);
  });

  test("a bad product row errors across its row; the other products still place", () => {
    const out = GTM_COMPASS([CREST, [1, 2, "", "", "", "", ""], [1, 1, 9, 1, 1, 1, 1], [1, "high", 1, 1, 1, 1, 1], JET]) as unknown[][];
    expect(out[0][0]).toBe("Marketing-led");
    expect(out[1].every((c) => isErr(c, "#N/A"))).toBe(true);
    expect((out[1][0] as Error).message).toMatch(/Only 2 of 7 factors are rated.*product row 2/);
    expect(out[2].every((c) => isErr(c, "#VALUE!"))).toBe(true);
    expect((out[2][0] as Error).message).toMatch(/complexity rating must be a number from 1 to 5.*got 9.*product row 3/);
    expect((out[3][0] as Error).message).toMatch(/market size rating \(product row 4\) is text "high"/);
    expect(out[4][0]).toBe("Sales-led");
  });

  test.each([
    ["fewer than 3 rated", () => GTM_COMPASS([[1, "", "", "", "", "", 2]]), "#N/A", /Only 2 of 7/],
    ["all blank", () => GTM_COMPASS([["", "", "", "", "", "", ""]]), "#N/A", /Only 0 of 7/],
    ["rating 0", () => GTM_COMPASS([[0, 1, 1, 1, 1, 1, 1]]), "#VALUE!", /price rating/],
    ["rating 6", () => GTM_COMPASS([[1, 1, 1, 1, 1, 1, 6]]), "#VALUE!", /touch rating/],
    ["boolean rating", () => GTM_COMPASS([[true, 1, 1, 1, 1, 1, 1]]), "#VALUE!", /TRUE/],
    ["error in ratings", () => GTM_COMPASS([[{ code: "#REF!" }, 1, 1, 1, 1, 1, 1]]), "#REF!", /holds an error/],
    ["NaN rating", () => GTM_COMPASS([[NaN, 1, 1, 1, 1, 1, 1]]), "#NUM!", /finite/],
    ["5 columns", () => GTM_COMPASS([[1, 1, 1, 1, 1]]), "#VALUE!", /7 cells per product/],
    ["a scalar", () => GTM_COMPASS(3), "#VALUE!", /7 cells per product/],
    ["weights of 6", () => GTM_COMPASS([CREST], [[1, 1, 1, 1, 1, 1]]), "#VALUE!", /weights need 7/],
    ["negative weight", () => GTM_COMPASS([CREST], [[1, 1, -1, 1, 1, 1, 1]]), "#VALUE!", /complexity weight/],
    ["all-zero weights", () => GTM_COMPASS([CREST], [[0, 0, 0, 0, 0, 0, 0]]), "#N/A", /weight above 0/],
    ["share above 1", () => GTM_COMPASS([CREST], null, 40), "#VALUE!", /fraction from 0 to 1/],
    ["share count mismatch", () => GTM_COMPASS([CREST, JET, CREST], null, [[0.1], [0.2]]), "#VALUE!", /one per product \(3\)/],
    ["unknown field", () => GTM_COMPASS([CREST], null, null, "score"), "#VALUE!", /lead, intensity/],
  ])("%s", (_name, call, code, message) => {
    const e = thrown(call);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });
});
