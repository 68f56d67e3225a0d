/**
 * A planner's what-if workbook recalculated by a real formula engine (HyperFormula), with the four functions
 * registered under their GTM. names and calling the real core.
 */
import { HyperFormula } from "hyperformula";
import { GtmHyperFormulaPlugin } from "./gtm-hyperformula";

HyperFormula.registerFunctionPlugin(GtmHyperFormulaPlugin, {
  enGB: { GTM_COMPASS: "GTM.GTM_COMPASS", FUNNEL_YIELD: "GTM.FUNNEL_YIELD", CAC_FLAG: "GTM.CAC_FLAG", LEADS_NEEDED: "GTM.LEADS_NEEDED" },
});

/**
 * Sheet "Plan":
 *   A1:A5  lead scenarios 500..2500 ; B1:D1 stage rates ; B2:D2 stage capacities (D2 blank = unlimited)
 *   F1     =GTM.FUNNEL_YIELD(A1:A5, B1:D1, B2:D2)          -> spills F1:F5
 *   G1     =SUM(F1:F5) ; G2 =INDEX(F1:F5, 3)
 *   H1     =GTM.FUNNEL_YIELD(A1, B1:D1, B2:D2, 0, "stages") -> spills H1:K1
 *   A8:G9  two products' ratings ; A11 =GTM.GTM_COMPASS(A8:G9) -> spills A11:G12
 *   A14:A16 spend ; B14:B16 new customers ; C14 =GTM.CAC_FLAG(A14:A16, B14:B16, 1000, 0.8, 0.02) -> C14:C16
 *   A18     target wins ; B18 =GTM.LEADS_NEEDED(A18, B1:D1, B2:D2)
 */
function plan(): HyperFormula {
  const hf = HyperFormula.buildFromSheets(
    {
      Plan: [
        [500, 0.3, 0.5, 0.2, null, "=GTM.FUNNEL_YIELD(A1:A5, B1:D1, B2:D2)", "=SUM(F1:F5)", '=GTM.FUNNEL_YIELD(A1, B1:D1, B2:D2, 0, "stages")'],
        [1000, 400, 100, null, null, null, "=INDEX(F1:F5, 3)"],
        [1500],
        [2000],
        [2500],
        [],
        [],
        [1, 1, 1, 1, 1, 1, 1],
        [5, 5, 5, 5, 5, 5, 5],
        [],
        ["=GTM.GTM_COMPASS(A8:G9)"],
        [],
        [],
        [120000, 10, "=GTM.CAC_FLAG(A14:A16, B14:B16, 1000, 0.8, 0.02)"],
        [96000, 10],
        [250000, 10],
        [],
        [6, "=GTM.LEADS_NEEDED(A18, B1:D1, B2:D2)"],
      ],
    },
    { licenseKey: "gpl-v3" },
  );
  return hf;
}

/** Wins by hand for rates .3/.5/.2 and capacities 400/100/unlimited with no overflow conversion. */
const winsByHand = (v: number): number => 0.2 * Math.min(0.5 * Math.min(0.3 * Math.min(v, 400), 100), Infinity);

describe("a what-if workbook in a real formula engine", () => {
  let hf: HyperFormula;
  const sheet = 0;
  const at = (a1: string) => hf.simpleCellAddressFromString(a1, sheet)!;
  const value = (a1: string) => hf.getCellValue(at(a1));

  beforeEach(() => {
    hf = plan();
  });
  afterEach(() => hf.destroy());

  test("the funnel spills one result per scenario, matching the formula by hand", () => {
    const spilled = [1, 2, 3, 4, 5].map((r) => value(`F${r}`) as number);
    const expected = [500, 1000, 1500, 2000, 2500].map(winsByHand);
    spilled.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 10));
  });

  test("SUM and INDEX over the spill work", () => {
    const total = [500, 1000, 1500, 2000, 2500].map(winsByHand).reduce((a, b) => a + b, 0);
    expect(value("G1")).toBeCloseTo(total, 10);
    expect(value("G2")).toBeCloseTo(winsByHand(1500), 10);
  });

  test("changing an input cell recalculates the spilled results", () => {
    const before = value("F1") as number;
    hf.setCellContents(at("A1"), [[100]]); // below capacity now: 100 x .3 x .5 x .2 = 3
    expect(value("F1")).toBeCloseTo(3, 12);
    expect(before).not.toBeCloseTo(3, 6);
    expect(value("F2")).toBeCloseTo(10, 12); // 1000 leads: stage 1 works 400 -> 120, stage 2 works 100 -> 50 -> 10
    hf.setCellContents(at("C2"), [[1000]]); // raise stage-2 capacity: now all 120 are worked -> 60 -> 12
    expect(value("F2")).toBeCloseTo(12, 12);
    expect(value("G2")).toBeCloseTo(12, 12); // INDEX into the spill follows too
  });

  test("the stages field spills a row of stage volumes", () => {
    expect(["H1", "I1", "J1", "K1"].map((c) => value(c))).toEqual([500, 120, 50, 10]);
  });

  test("GTM_COMPASS spills a row per product", () => {
    expect(value("A11")).toBe("Marketing-led");
    expect(value("B11")).toBe(0);
    expect(value("A12")).toBe("Sales-led");
    expect(value("D12")).toBe("Direct field sales");
    hf.setCellContents(at("A8"), [[[5, 5, 5, 5, 5, 5, 5]][0]]);
    expect(value("A11")).toBe("Sales-led");
  });

  test("CAC_FLAG spills one flag per period and follows its inputs", () => {
    // payback = spend / 10 / 800: 15 WATCH, 12 HEALTHY, 31.25 TIME BOMB
    expect([value("C14"), value("C15"), value("C16")]).toEqual(["WATCH", "HEALTHY", "TIME BOMB"]);
    hf.setCellContents(at("B16"), [[100]]); // 2,500 CAC -> 3.1 months
    expect(value("C16")).toBe("HEALTHY");
  });

  test("LEADS_NEEDED answers the target and turns #N/A when capacity makes it unreachable", () => {
    expect(value("B18")).toBeCloseTo(200, 9);
    hf.setCellContents(at("A18"), [[50]]);
    const err = value("B18") as { type?: string; message?: string };
    expect(err.type).toBe("NA");
    expect(err.message).toMatch(/at most 10 wins/);
  });

  test("a bad scenario shows its own error in the spill while the others compute", () => {
    hf.setCellContents(at("A3"), [["fifteen hundred"]]);
    const err = value("F3") as { type?: string; message?: string };
    expect(err.type).toBe("VALUE");
    expect(err.message).toMatch(/row 3 is text "fifteen hundred"/);
    expect(value("F2")).toBeCloseTo(winsByHand(1000), 12);
    // SUM over a spill with an error is an error, as in Excel
    expect((value("G1") as { type?: string }).type).toBe("VALUE");
  });
});
