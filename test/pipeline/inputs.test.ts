import { inputsTemplate, readInputs, readPipeline } from "../../src/pipeline";
import { THRESHOLD_NAMES, DEFAULT_THRESHOLDS, resolveThresholds } from "../../src/model/thresholds";
import { deepFreeze, grid } from "./helpers";

/** Writes values into a copy of the template, the way a user fills it: by the label in column A. */
function fill(template: unknown[][], byLabel: Record<string, unknown[]>, periods: unknown[][] = []): unknown[][] {
  const rows = template.map((r) => r.slice());
  for (const [label, cells] of Object.entries(byLabel)) {
    const row = rows.find((r) => r[0] === label);
    if (!row) throw new Error(`template has no row "${label}"`);
    cells.forEach((v, i) => (row[1 + i] = v));
  }
  return [...rows, ...periods];
}

describe("inputs sheet", () => {
  it("the template has every section, each threshold by its engine name with its default, and reads back as empty inputs", () => {
    const t = deepFreeze(inputsTemplate());
    const labels = t.map((r) => r[0]);
    for (const s of ["Setting", "Segment", "Compass factor", "Threshold", "Period"]) expect(labels).toContain(s);
    for (const n of THRESHOLD_NAMES) {
      const row = t.find((r) => r[0] === n);
      expect(row?.[2]).toBe(DEFAULT_THRESHOLDS[n]);
    }
    expect(labels.filter((l) => /^S[1-4]$/.test(String(l)))).toEqual(["S1", "S2", "S3", "S4"]);
    const width = t[0].length;
    expect(t.every((r) => r.length === width)).toBe(true);
    const { inputs, diagnostics } = readInputs(grid(t as unknown[][], { name: "GTM Inputs" }));
    expect(inputs).toEqual({ periods: [], thresholds: {} });
    expect(diagnostics).toEqual([]);
  });

  it("reads a filled template: settings, percentages, market share, ratings, stage order, thresholds, periods", () => {
    const values = fill(inputsTemplate(), {
      "Sales reps": [12],
      "Rep cost per year": ["$150,000"],
      "Gross margin": ["72%"],
      "Monthly churn": [2],
      "Stage order": ["Lead, Qualified, Proposal → Negotiation"],
      "Target segments": ["S3, S4"],
      S1: [0.1], S2: ["20%"], S4: [0.4],
      Price: [5, 2], "Market size": [4], Touch: [5],
      paybackHealthyMonths: [9],
      grossMarginWatch: ["60%"],
    }, [
      ["2017-Q1", 10000, 20000, 5, 12, "", ""],
      ["Q2 2017", "12,000", 21000, 6, "", 0.7, ""],
      [42917, 1, 2, 3],
      ["July 2018", "", "", "", "", "", 5000],
      ["next year", 1, 1],
      ["2019", "lots", 1],
    ]);
    const { inputs, diagnostics } = readInputs(grid(values, { name: "Inputs" }));
    expect(inputs.reps).toBe(12);
    expect(inputs.repCostPerYear).toBe(150000);
    expect(inputs.grossMargin).toBeCloseTo(0.72, 12);
    expect(inputs.churnMonth).toBeCloseTo(0.02, 12);
    expect(inputs.stageOrder).toEqual(["Lead", "Qualified", "Proposal", "Negotiation"]);
    expect(inputs.targetSegments).toEqual(["S3", "S4"]);
    expect(inputs.marketShare).toEqual({ S1: 0.1, S2: 0.2, S4: 0.4 });
    expect(inputs.compassRatings?.map((x) => (Number.isNaN(x) ? null : x))).toEqual([5, 4, null, null, null, null, 5]);
    expect(inputs.compassWeights).toEqual([2, 1, 1, 1, 1, 1, 1]);
    expect(inputs.thresholds).toEqual({ paybackHealthyMonths: 9, grossMarginWatch: 0.6 });
    // The engine accepts the thresholds as read.
    expect(resolveThresholds(inputs.thresholds).paybackHealthyMonths).toBe(9);
    expect(inputs.periods).toEqual([
      { period: "2017-Q1", marketingSpend: 10000, salesSpend: 20000, reps: 5, newCustomers: 12 },
      { period: "2017-Q2", marketingSpend: 12000, salesSpend: 21000, reps: 6, grossMargin: 0.7 },
      { period: "2017-07", marketingSpend: 1, salesSpend: 2, reps: 3 },
      { period: "2018-07", netBurn: 5000 },
      { period: "2019", salesSpend: 1 },
    ]);
    const bad = diagnostics.filter((d) => d.severity === "error");
    expect(bad.map((d) => d.reason)).toEqual(["bad-period", "not-a-number"]);
    expect(bad[0].value).toBe("next year");
    expect(bad[1]).toMatchObject({ value: "lots", column: "B" });
    expect(diagnostics.some((d) => d.reason === "percent-assumed" && /Monthly churn: 2 read as 2%/.test(d.message))).toBe(true);
  });

  it("reports labels it does not know and ratings outside 1-5, without failing", () => {
    const { inputs, diagnostics } = readInputs(grid([["Setting", "Value"], ["Favourite colour", "blue"], ["Price", 7], ["Touch", 3], ["Gross margin", "#N/A"]]));
    expect(inputs.compassRatings?.[6]).toBe(3);
    expect(Number.isNaN(inputs.compassRatings?.[0])).toBe(true);
    expect(inputs.grossMargin).toBeUndefined();
    expect(diagnostics.map((d) => d.reason)).toEqual(["unknown-input", "bad-rating", "not-a-number"]);
    expect(diagnostics[0]).toMatchObject({ row: 2, column: "A", value: "Favourite colour" });
  });

  it("readPipeline takes the stage order from the inputs sheet unless one is given", () => {
    const deals = grid([["Stage", "Amount"], ["Beta", 1], ["Alpha", 2], ["Won", 3]]);
    const inputs = grid(fill(inputsTemplate(), { "Stage order": ["Alpha", "Beta"] }), { name: "Inputs" });
    expect(readPipeline(deals, { inputs }).stageOrder).toEqual(["Alpha", "Beta"]);
    expect(readPipeline(deals, { inputs, stageOrder: ["Beta", "Alpha"] }).stageOrder).toEqual(["Beta", "Alpha"]);
  });
});
