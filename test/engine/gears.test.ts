/** Growth gears (METHODS §7): bands, the bottleneck as the first low gear in order, overall = minimum. */
import { analyze } from "../../src/engine/analyze";
import { bandScore } from "../../src/engine/gears";
import { buildData, DealRow, LeadRow } from "../support/deals-builder";

test("band scores: 0-20% scores 1, 80% and up scores 5", () => {
  expect([0, 0.19, 0.2, 0.45, 0.6, 0.79, 0.8, 1].map((x) => bandScore(x, 0.2))).toEqual([1, 1, 2, 3, 4, 4, 5, 5]);
  expect(bandScore(NaN, 0.2)).toBeNaN();
});

describe("gears from the data", () => {
  // 10 lost deals, 3 with a reason (30% -> 2); 10 won (win rate 50% -> 5); all in one segment
  const rows: DealRow[] = [
    ...Array.from({ length: 10 }, (_, i) => ({ outcome: "lost" as const, amount: 100, complexityLabel: "Low", lossReason: i < 3 ? "Price" : null, lead: i })),
    ...Array.from({ length: 10 }, () => ({ outcome: "won" as const, amount: 100, complexityLabel: "Low" })),
  ];
  const leads: LeadRow[] = Array.from({ length: 40 }, () => ({ channel: "web" }));

  test("insight from recorded loss reasons; execution is the lower of lead-to-opportunity and win rate", () => {
    const g = analyze(buildData(rows, { leads })).gears;
    const [insight, strategy, execution] = g.gears;
    expect(insight.metrics[0].value).toBeCloseTo(0.3, 12);
    expect(insight.score).toBe(2);
    // no targets: the core segment (S1) stands in, and every deal is in it
    expect(strategy.score).toBe(5);
    // 10 of 40 leads reached an opportunity (25% -> 2); win rate 50% -> 5
    expect(execution.metrics.map((m) => m.value)).toEqual([0.25, 0.5]);
    expect(execution.score).toBe(2);
    expect(g.bottleneck).toBe("Insight");
    expect(g.overall).toBe(2);
  });

  test("targeted segments from the inputs; no reason column leaves Insight unscored and says so", () => {
    const plain = rows.map((r) => ({ ...r, lossReason: null }));
    const g = analyze(buildData(plain, { inputs: { targetSegments: ["S4"] } })).gears;
    expect(g.gears[0].score).toBeNaN();
    expect(g.gears[0].note).toMatch(/No win\/loss reason column/);
    expect(g.gears[1].score).toBe(1);
    expect(g.bottleneck).toBe("Strategy");
  });
});
