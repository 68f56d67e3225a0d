/** Pipeline velocity and its LMDI split: a worked case computed by hand, and the undefined cases. */
import { analyze } from "../../src/engine/analyze";
import { lmdiFactors } from "../../src/engine/lmdi";
import { buildData, DealRow, serial } from "../support/deals-builder";

/**
 * Q1 2024: 10 deals created (4 won after 30 days at 1,000 each, 4 lost, 2 still open).
 * Q2 2024: the 2 open deals carry over, 10 more created (3 won after 45 days at 1,200 each, 1 lost, 6 open).
 *
 * By hand:
 *   Q1: N = 10, W = 4 / 8 = 0.5,  A = 1,000, L = 30 -> V0 = 10 x 0.5 x 1,000 / 30  = 166.667 a day
 *   Q2: N = 12, W = 3 / 4 = 0.75, A = 1,200, L = 45 -> V1 = 12 x 0.75 x 1,200 / 45 = 240.000 a day
 *   dV = 73.333; L(V1, V0) = 73.333 / ln(240 / 166.667) = 73.333 / ln 1.44 = 73.333 / 0.364643 = 201.110
 *   opportunities  201.110 x ln 1.2         = +36.667 (half of dV: ln 1.2 is half of ln 1.44)
 *   win rate       201.110 x ln 1.5         = +81.543
 *   average deal   201.110 x ln 1.2         = +36.667
 *   cycle         -201.110 x ln (45 / 30)   = -81.543 (a longer cycle slows the pipeline by what the win rate gained)
 *   sum = 36.667 + 81.543 + 36.667 - 81.543 = 73.333 = dV
 */
function workedCase(): DealRow[] {
  const rows: DealRow[] = [];
  for (let i = 0; i < 4; i++) rows.push({ outcome: "won", amount: 1000, created: "2024-01-01", closed: "2024-01-31" });
  for (let i = 0; i < 4; i++) rows.push({ outcome: "lost", amount: 500, created: "2024-01-02", closed: "2024-02-15" });
  for (let i = 0; i < 2; i++) rows.push({ outcome: "open", stage: "Proposal", amount: 800, created: "2024-02-01" });
  for (let i = 0; i < 3; i++) rows.push({ outcome: "won", amount: 1200, created: "2024-04-01", closed: "2024-05-16" });
  rows.push({ outcome: "lost", amount: 700, created: "2024-04-03", closed: "2024-05-01" });
  for (let i = 0; i < 6; i++) rows.push({ outcome: "open", stage: "Proposal", amount: 900, created: "2024-05-01" });
  return rows;
}

describe("pipeline velocity", () => {
  const a = analyze(buildData(workedCase(), { stageOrder: ["Proposal"] }), { period: "quarter", asOf: serial("2024-06-30") });
  const v = a.velocity;

  test("per period, as computed by hand", () => {
    expect(v.periods.map((p) => [p.period, p.opportunities, p.winRate, p.averageDeal, p.cycleDays])).toEqual([
      ["2024-Q1", 10, 0.5, 1000, 30],
      ["2024-Q2", 12, 0.75, 1200, 45],
    ]);
    expect(v.periods[0].velocity).toBeCloseTo(166.667, 3);
    expect(v.periods[1].velocity).toBeCloseTo(240, 9);
  });

  test("the change split into its four causes, as computed by hand", () => {
    const c = v.changes[0];
    expect(c.defined).toBe(true);
    expect(c.change).toBeCloseTo(73.333, 3);
    expect(c.opportunities).toBeCloseTo(36.667, 3);
    expect(c.winRate).toBeCloseTo(81.543, 3);
    expect(c.averageDeal).toBeCloseTo(36.667, 3);
    expect(c.cycle).toBeCloseTo(-81.543, 3);
    expect(c.opportunities + c.winRate + c.averageDeal + c.cycle).toBeCloseTo(c.change, 10);
  });

  test("a period without a win cannot be split, and says why", () => {
    const rows = workedCase().filter((r) => !(r.outcome === "won" && String(r.created).startsWith("2024-04")));
    const w = analyze(buildData(rows, { stageOrder: ["Proposal"] }), { period: "quarter", asOf: serial("2024-06-30") }).velocity;
    expect(w.changes[0].defined).toBe(false);
    expect(w.changes[0].opportunities).toBeNaN();
    expect(w.changes[0].note).toMatch(/win rate, average deal, cycle length are zero or not known in 2024-Q2/);
  });

  test("the general split: order of factors does not matter, exponents may be negative", () => {
    const s = lmdiFactors([10, 0.5, 1000, 30], [12, 0.75, 1200, 45], [1, 1, 1, -1])!;
    const t = lmdiFactors([30, 1000, 0.5, 10], [45, 1200, 0.75, 12], [-1, 1, 1, 1])!;
    [3, 2, 1, 0].forEach((k, i) => expect(t.parts[i]).toBeCloseTo(s.parts[k], 10));
    expect(lmdiFactors([0, 1], [1, 1], [1, 1])).toBeNull();
  });
});
