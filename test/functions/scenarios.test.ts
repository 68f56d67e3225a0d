/**
 * Scenario rows and two-way grids (every argument a block, broadcast as Excel broadcasts arrays), the
 * solvers on cells, MAGIC_NUMBER and BURN_MULTIPLE, CAC per channel, and arguments as Excel passes them:
 * data-type cells, error cells, whole-column references. Every expected figure is worked by hand here.
 */
import { BURN_MULTIPLE, CAC_FLAG, CAPACITY_NEEDED, FUNNEL_YIELD, GTM_COMPASS, LEADS_NEEDED, MAGIC_NUMBER, RATE_NEEDED } from "../../src/index";
import { isErr, thrown } from "./support";

const col = (...xs: unknown[]) => xs.map((x) => [x]);
const num = (c: unknown) => c as number;

describe("FUNNEL_YIELD: one row of rates and capacities per scenario", () => {
  test("each volume runs through its own row of rates and capacities", () => {
    const out = FUNNEL_YIELD(col(1000, 1000, 1000), [[0.3, 0.5], [0.2, 0.5], [0.3, 0.5]], [[null, null], [null, null], [200, 50]]) as number[][];
    // 1000 x .3 x .5 = 150; 1000 x .2 x .5 = 100; stage 1 works 200 -> 60, stage 2 works 50 -> 25
    expect(out.map((r) => r[0])).toEqual([150, 100, 25]);
  });

  test("a single row still applies to every scenario, beside a block of capacities", () => {
    const out = FUNNEL_YIELD(col(1000, 2000), [[0.5, 0.5]], [[300, null], [800, null]]) as number[][];
    // 1000: works 300 -> 150 -> 75; 2000: works 800 -> 400 -> 200
    expect(out).toEqual([[75], [200]]);
  });

  test("a single column of rates is still one funnel (its stages down the column), as before", () => {
    expect(FUNNEL_YIELD(col(100, 200), col(0.5, 0.1))).toEqual([[5], [10]]);
  });

  test("a column of volumes against a row of overflow conversions gives the two-way grid a Data Table would", () => {
    const out = FUNNEL_YIELD(col(100, 400), [[0.5]], [[200]], [[0, 0.5, 1]]) as number[][];
    // 100 leads, under capacity: 50 whatever d; 400: 0.5 x 200 + d x 0.5 x 200 = 100 + 100 d
    expect(out).toEqual([
      [50, 50, 50],
      [100, 150, 200],
    ]);
  });

  test("a row of volumes against a block of funnels: funnels down, volumes across", () => {
    const out = FUNNEL_YIELD([[100, 200]], [[0.5, 1], [0.1, 1]]) as number[][];
    expect(out).toEqual([
      [50, 100],
      [10, 20],
    ]);
  });

  test("a shorter block leaves #N/A in the scenarios it does not reach, as Excel does for arrays", () => {
    const out = FUNNEL_YIELD(col(100, 200, 300), [[0.5, 1], [0.1, 1]]) as unknown[][];
    expect(out[0][0]).toBe(50);
    expect(out[1][0]).toBeCloseTo(20, 12);
    expect(isErr(out[2][0], "#N/A") && (out[2][0] as Error).message).toMatch(/rates has 2 rows, so scenario row 3 has no rates/);
  });

  test("a bad rate in one scenario's row errors that scenario only, naming row and stage", () => {
    const out = FUNNEL_YIELD(col(100, 100, 100), [[0.5, 0.5], [0.5, 1.5], [0.5, "x"]]) as unknown[][];
    expect(out[0][0]).toBe(25);
    expect((out[1][0] as Error).message).toBe("Conversion rate 2 in row 2 must be a fraction from 0 to 1 (25% is 0.25); got 1.5.");
    expect((out[2][0] as Error).message).toMatch(/Conversion rate 2 in row 3 is text "x"/);
  });

  test("stages spill per scenario with per-row rates", () => {
    expect(FUNNEL_YIELD(col(100, 100), [[0.5, 0.5], [0.1, 1]], null, null, "stages")).toEqual([
      [100, 50, 25],
      [100, 10, 10],
    ]);
  });
});

describe("LEADS_NEEDED, CAPACITY_NEEDED, RATE_NEEDED on cells", () => {
  test("LEADS_NEEDED with a row of rates per scenario", () => {
    const out = LEADS_NEEDED(col(10, 10), [[0.5, 0.5], [0.1, 0.5]]) as number[][];
    expect(out[0][0]).toBeCloseTo(40, 12); // 10 / .25
    expect(out[1][0]).toBeCloseTo(200, 9); // 10 / .05
  });

  test("=GTM.LEADS_NEEDED(3.6, 0.3, 12) is 12, not #N/A", () => {
    expect(LEADS_NEEDED(3.6, 0.3, 12)).toBe(12);
    expect(FUNNEL_YIELD(LEADS_NEEDED(3.6, 0.3, 12), 0.3, 12)).toBe(0.3 * 12);
  });

  test("CAPACITY_NEEDED: one stage's capacity for each target; a row of stages against a column of targets", () => {
    // 2,000 leads at 30/40/30% with capacities -/300/120 give 36 wins
    const rates = [[0.3, 0.4, 0.3]];
    const caps = [[null, 300, 120]];
    expect(CAPACITY_NEEDED(30, 2000, rates, 3, caps)).toBeCloseTo(100, 12);
    const grid = CAPACITY_NEEDED(col(12, 30), 2000, rates, [[1, 2, 3]], caps) as number[][];
    // t wins need t/0.3 proposals (stage 3), t/0.3/0.4 qualified worked (stage 2), that /0.3 leads (stage 1)
    [12, 30].forEach((t, i) => [t / 0.3 / 0.4 / 0.3, t / 0.3 / 0.4, t / 0.3].forEach((c, s) => expect(grid[i][s]).toBeCloseTo(c, 9)));
    const out = CAPACITY_NEEDED(col(30, 40), 2000, rates, 3, caps) as unknown[][];
    expect(isErr(out[1][0], "#N/A") && (out[1][0] as Error).message).toMatch(/at most 36 wins/);
  });

  test("RATE_NEEDED: one stage's rate for each target", () => {
    expect(RATE_NEEDED(30, 2000, [[0.3, 0.4, 0.3]], 3, [[null, 300, 120]])).toBeCloseTo(0.25, 14);
    // 100 leads at 50% bring 50 to stage 2: 12 wins need 12 / 50; 200 leads bring 100: 24 / 100
    expect(RATE_NEEDED(col(12, 24), col(100, 200), [[0.5, 0.5]], 2) as number[][]).toEqual([[0.24], [0.24]]);
  });

  test("the stage is checked: a whole number naming one of the rates, and required", () => {
    expect(thrown(() => RATE_NEEDED(1, 10, [[0.5]], 2)).message).toMatch(/stage must be a whole number from 1 to 1/);
    expect(thrown(() => CAPACITY_NEEDED(1, 10, [[0.5]], null)).message).toMatch(/Give the stage to solve for/);
  });
});

describe("CAC_FLAG scenarios and channels", () => {
  test("a column of spend against a row of new customers: a grid of flags", () => {
    // CAC = spend / customers; payback = CAC / 800 (1,000 x 80%); LTV:CAC = 40,000 / CAC
    const out = CAC_FLAG(col(100000, 500000), [[10, 40]], 1000, 0.8, 0.02) as string[][];
    // 10,000: 12.5 months WATCH (LTV:CAC 4) | 2,500: HEALTHY ; 50,000: TIME BOMB | 12,500: 15.6 months WATCH
    expect(out).toEqual([
      ["WATCH", "HEALTHY"],
      ["TIME BOMB", "WATCH"],
    ]);
  });

  test("thresholds as a row per scenario", () => {
    // Skok's case (payback 15 months) judged against 12 months, then 16
    expect(CAC_FLAG(120000, 10, 1000, 0.8, 0.02, [[12, 18], [16, 24]])).toEqual([["WATCH"], ["HEALTHY"]]);
  });

  test("per channel: spend and customers summed per channel, one row each and the blend", () => {
    const channel = col("Paid", "Organic", "paid ", "Events", "");
    const spend = col(30000, 5000, 30000, 20000, null);
    const customers = col(3, 5, 2, 0, null);
    const out = CAC_FLAG(spend, customers, 1000, 0.8, 0.02, null, "all", channel) as unknown[][];
    // Paid: 60,000 / 5 = 12,000 -> payback 15 (WATCH), LTV:CAC 3.33 -> WATCH
    // Organic: 5,000 / 5 = 1,000 -> payback 1.25, LTV:CAC 40 -> HEALTHY
    // Events: 20,000 and no customer -> TIME BOMB, CAC #DIV/0!
    // Blend: 85,000 / 10 = 8,500 -> payback 10.6, LTV:CAC 4.7 -> HEALTHY: the blend hides the paid channel
    expect(out.map((r) => r[0])).toEqual(["Paid", "Organic", "Events", "All channels (blended)"]);
    expect(out.map((r) => r[1])).toEqual(["WATCH", "HEALTHY", "TIME BOMB", "HEALTHY"]);
    expect(out[0][2]).toBe(12000);
    expect(out[0][3]).toBeCloseTo(15, 12);
    expect(out[1][2]).toBe(1000);
    expect(isErr(out[2][2], "#DIV/0!")).toBe(true);
    expect(out[3][2]).toBe(8500);
    expect(out[3][5]).toBeCloseTo(40000 / 8500, 12);
  });

  test("per channel: a bad row errors its channel and the blend, located", () => {
    const out = CAC_FLAG(col(100, "n/a", 50), col(1, 1, 1), 1000, 0.8, null, null, "cac", col("A", "B", "A")) as unknown[][];
    expect(out[0]).toEqual(["A", 75]);
    expect(isErr(out[1][1], "#VALUE!") && (out[1][1] as Error).message).toMatch(/Spend \(row 2, channel "B"\) is text "n\/a"/);
    expect(isErr(out[2][1], "#VALUE!")).toBe(true);
  });
});

describe("MAGIC_NUMBER and BURN_MULTIPLE", () => {
  test("magic number by hand, with its rating and reason", () => {
    // (1,200 - 1,000) x 4 / 800 = 1 -> INVEST (above 0.75)
    expect(MAGIC_NUMBER(1200, 1000, 800)).toBe(1);
    expect(MAGIC_NUMBER(1200, 1000, 800, null, "rating")).toBe("INVEST");
    expect(MAGIC_NUMBER(1120, 1000, 800, null, "rating")).toBe("HOLD"); // 0.6
    expect(MAGIC_NUMBER(900, 1000, 800, null, "all")).toEqual([[-0.5, "FIX", expect.stringMatching(/revenue shrank/)]]);
    expect(MAGIC_NUMBER(1120, 1000, 800, [[0.5, 0.25]], "rating")).toBe("INVEST"); // invest above 0.5
    expect(MAGIC_NUMBER(1120, 1000, 800, [["magicNumberInvest", 0.7], ["magicNumberFix", 0.65]], "rating")).toBe("FIX");
    expect(thrown(() => MAGIC_NUMBER(1, 1, 0)).message).toMatch(/must be above 0/);
    expect(thrown(() => MAGIC_NUMBER(1120, 1000, 800, [[0.5, 0.6]])).message).toMatch(/fix <= invest/);
  });

  test("magic number over a column of quarters", () => {
    expect(MAGIC_NUMBER(col(1100, 1300), col(1000, 1100), col(400, 400), null, "rating")).toEqual([["INVEST"], ["INVEST"]]); // 1, 2
  });

  test("burn multiple on Sacks' scale; a shrinking ARR is never rated well", () => {
    expect(BURN_MULTIPLE(col(500, 1000, 1800, 2500, 4000), 1000, null, "all")).toEqual([
      [0.5, "AMAZING", expect.any(String)],
      [1, "GREAT", expect.any(String)],
      [1.8, "GOOD", expect.any(String)],
      [2.5, "SUSPECT", expect.any(String)],
      [4, "BAD", expect.any(String)],
    ]);
    expect(BURN_MULTIPLE(500, -1000, null, "rating")).toBe("BAD");
    const e = thrown(() => BURN_MULTIPLE(500, -1000));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/ARR shrank by 1000/);
    expect(BURN_MULTIPLE(2500, 1000, [[1, 1.5, 2.5, 3]], "rating")).toBe("GOOD"); // good now up to 2.5
  });
});

describe("arguments as Excel passes them", () => {
  test("data-type cells are read as their values: formatted numbers, doubles, entities with a basic value", () => {
    const d = (basicValue: unknown, type = "Double") => ({ type, basicValue, basicType: typeof basicValue === "number" ? "Double" : "String" });
    expect(FUNNEL_YIELD([[d(1000)]], [[d(0.3, "FormattedNumber"), 0.5, 0.2]])).toBeCloseTo(30, 12);
    expect(CAC_FLAG([[d(120000)]], [[10]], [[{ type: "Entity", text: "Plan A", basicValue: 1000, properties: {} }]], 0.8, 0.02)).toBe("WATCH");
    expect(GTM_COMPASS([[1, 1, 1, 1, 1, 1, d(1)]], null, null, { type: "String", basicValue: "lead" })).toBe("Marketing-led");
    const e = thrown(() => FUNNEL_YIELD([[{ type: "Entity", text: "Acme Corp", properties: {} }]], [[0.5]]));
    expect(e.message).toMatch(/Volume is an entity value "Acme Corp", not a number/);
  });

  test("an error cell reaches its own row of the spill, in Excel's data-type form too", () => {
    const out = FUNNEL_YIELD(col(100, { type: "Error", basicType: "Error", basicValue: "#N/A", errorType: "NotAvailable" }, 300), [[0.5]]) as unknown[][];
    expect(out[0][0]).toBe(50);
    expect(isErr(out[1][0], "#N/A")).toBe(true);
    expect(out[2][0]).toBe(150);
    const ref = FUNNEL_YIELD(col(100, { type: "Error", errorType: "Ref" }), [[0.5]]) as unknown[][];
    expect(isErr(ref[1][0], "#REF!")).toBe(true);
  });

  test("whole-column references are cut at the last row any of them uses, together", () => {
    const whole = (values: unknown[]) => Array.from({ length: 1_048_576 }, (_, i) => [i < values.length ? values[i] : null]);
    const out = CAC_FLAG(whole([120000, 96000, null, 50000]), whole([10, 10]), 1000, 0.8, 0.02) as unknown[][];
    // rows 1-4: WATCH (15 months), HEALTHY (12), blank, and 50,000 with no customers -> TIME BOMB
    expect(out).toEqual([["WATCH"], ["HEALTHY"], [""], [expect.anything()]]);
    expect(isErr(out[3][0], "#VALUE!") && (out[3][0] as Error).message).toMatch(/New customers \(period row 4\) is blank/);
    const ratings = Array.from({ length: 1_048_576 }, (_, i) => (i === 0 ? [1, 1, 1, 1, 1, 1, 1] : new Array(7).fill(null)));
    expect(GTM_COMPASS(ratings, null, null, "lead")).toBe("Marketing-led"); // 7.3 million cells, one product
  });
});

describe("GTM_COMPASS: weights of 0 and the danger zone", () => {
  test("a factor weighted 0 is not rated and is named in no note", () => {
    // price 5 with weight 0; the six others at 1: position 0, all agree -> no note
    const r = GTM_COMPASS([[5, 1, 1, 1, 1, 1, 1]], [[0, 1, 1, 1, 1, 1, 1]]) as unknown[][];
    expect(r[0][0]).toBe("Marketing-led");
    expect(r[0][4]).toBe(1);
    expect(r[0][6]).toBe("");
    // only two factors with a weight above 0: too few to place the product
    expect(thrown(() => GTM_COMPASS([[5, 1, 1, "", "", "", ""]], [[0, 1, 1, 1, 1, 1, 1]])).code).toBe("#N/A");
  });

  test("in the danger zone the note names the factors on both sides", () => {
    // 5,5,5,1,1,1,3: position (3 x 1 + 3 x 0 + 0.5) / 7 = 0.5 -> Danger zone, agreement low
    const note = GTM_COMPASS([[5, 5, 5, 1, 1, 1, 3]], null, null, "note");
    expect(note).toBe("split signals, no lead: price, market size, complexity pull toward the sales pole; fit & finish, customer, relationship pull toward the marketing pole");
  });

  test("weights beyond the doubles are #NUM!, never NaN", () => {
    expect(thrown(() => GTM_COMPASS([[1, 2, 3, 4, 5, 1, 2]], [[1e308, 1e308, 1, 1, 1, 1, 1]])).code).toBe("#NUM!");
  });
});

describe("no cell reads NaN or Infinity: extreme inputs give #NUM! with a message", () => {
  test.each([
    ["overflow over many stages", () => FUNNEL_YIELD(1e308, [new Array(5).fill(1)], [new Array(5).fill(0)], 1, "overflow")],
    ["LTV with churn near 0", () => CAC_FLAG(1, 1, 1e308, 1, 5e-324, null, "ltv")],
    ["LTV:CAC overflow", () => CAC_FLAG(5e-324, 1, 1e300, 1, 1e-10, null, "ltv_cac")],
    ["CAC with customers near 0", () => CAC_FLAG(1e308, 1e-300, null, null, null, null, "cac")],
    ["magic number overflow", () => MAGIC_NUMBER(1e308, -1e308, 1)],
    ["burn multiple overflow", () => BURN_MULTIPLE(1e308, 1e-300)],
  ])("%s", (_name, call) => {
    const e = thrown(call as () => unknown);
    expect(e.code).toBe("#NUM!");
    expect(e.message.length).toBeGreaterThan(30);
  });
  test("the funnel's extreme volume still gives numbers", () => {
    expect(num(FUNNEL_YIELD(1e308, [[1, 1]]))).toBe(1e308);
  });
});
