/** The funnel in the data (METHODS §8) on hand-built pipelines, every figure worked out by hand. */
import { analyze } from "../../src/engine/analyze";
import { buildData, DealRow, LeadRow, serial } from "../support/deals-builder";

const rep = (n: number, row: DealRow): DealRow[] => Array.from({ length: n }, () => ({ ...row }));

describe("stage conversion, win rate, won cycle", () => {
  const rows: DealRow[] = [
    ...rep(4, { stage: "Prospecting", outcome: "open", created: "2017-03-01" }),
    ...rep(3, { stage: "Engaging", outcome: "open", created: "2017-03-01" }),
    ...[10, 20, 30, 40, 100].map((c) => ({ stage: "Won", outcome: "won" as const, amount: 1000, created: serial("2017-01-01"), closed: serial("2017-01-01") + c })),
    ...rep(8, { stage: "Lost", outcome: "lost", created: "2017-01-01", closed: "2017-02-01" }),
  ];
  const a = analyze(buildData(rows, { stageOrder: ["Prospecting", "Engaging"] }), { asOf: serial("2017-06-30") });

  test("created cohort, furthest stage reached; lost deals count at the first stage only", () => {
    expect(a.funnel.stages.map((s) => [s.stage, s.reached])).toEqual([
      ["Prospecting", 20],
      ["Engaging", 8],
      ["Won", 5],
    ]);
    expect(a.funnel.stages[0].conversionToNext).toBeCloseTo(0.4, 12);
    expect(a.funnel.stages[1].conversionToNext).toBeCloseTo(0.625, 12);
    expect(a.funnel.definition).toMatch(/Created cohort/);
  });

  test("win rate = won / (won + lost); median won cycle in days", () => {
    expect([a.funnel.won, a.funnel.lost, a.funnel.open]).toEqual([5, 8, 7]);
    expect(a.funnel.winRate).toBeCloseTo(5 / 13, 12);
    expect(a.funnel.medianWonCycleDays).toBe(30);
    expect(a.funnel.wonCycleDeals).toBe(5);
  });

  test("median open age against the as-of date", () => {
    expect(a.funnel.medianOpenAgeDays).toBe(serial("2017-06-30") - serial("2017-03-01"));
  });

  test("a close date before the created date is left out of the cycle", () => {
    const b = analyze(buildData([{ outcome: "won", amount: 1, created: "2017-02-01", closed: "2017-01-01" }, { outcome: "won", amount: 1, created: "2017-01-01", closed: "2017-01-11" }]));
    expect(b.funnel.medianWonCycleDays).toBe(10);
    expect(b.funnel.wonCycleDeals).toBe(1);
  });
});

describe("pipeline coverage", () => {
  test("open value over average won revenue of the last complete periods; missing amounts take the product's median", () => {
    const rows: DealRow[] = [
      { outcome: "won", amount: 1000, product: "A", created: "2017-01-01", closed: "2017-01-15" },
      { outcome: "won", amount: 3000, product: "A", created: "2017-01-01", closed: "2017-02-15" },
      { outcome: "open", amount: 500, product: "A", created: "2017-02-01" },
      { outcome: "open", product: "A", created: "2017-02-01" },
    ];
    const a = analyze(buildData(rows), { period: "month", asOf: serial("2017-02-28") });
    // open value 500 + median of A (2000) = 2500; average won per month over Jan, Feb = 2000
    expect(a.funnel.openValue).toBe(2500);
    expect(a.funnel.openValueEstimated).toBe(true);
    expect(a.funnel.coverage).toBeCloseTo(1.25, 12);
  });
});

describe("volume in vs wins one median cycle later", () => {
  /** Leads per month and wins, with a 27-day won cycle (rounds to a one-month lag). */
  function build(leadsPerMonth: number[], winsPerMonth: number[]) {
    const leads: LeadRow[] = [];
    leadsPerMonth.forEach((n, m) => {
      for (let i = 0; i < n; i++) leads.push({ created: `2017-${String(m + 1).padStart(2, "0")}-05`, channel: "web" });
    });
    const deals: DealRow[] = [];
    winsPerMonth.forEach((n, m) => {
      for (let i = 0; i < n; i++) {
        const closed = serial(`2017-${String(m + 1).padStart(2, "0")}-28`);
        deals.push({ outcome: "won", amount: 100, created: closed - 27, closed });
      }
    });
    return analyze(buildData(deals, { leads }), { period: "month", asOf: serial("2017-06-30") });
  }

  test("wins that double when leads double: elasticity 1, not clogged", () => {
    const a = build([10, 20, 40, 80, 160, 320], [5, 5, 10, 20, 40, 80]);
    const v = a.funnel.volume!;
    expect(v.basis).toBe("leads");
    expect(v.lagPeriods).toBe(1);
    expect(v.periods[0]).toMatchObject({ period: "2017-01", volumeIn: 10, wins: 5, winsLater: 5 });
    expect(v.elasticity).toBeCloseTo(1, 10);
    expect(v.correlation).toBeCloseTo(1, 10);
    expect(v.clogged).toBe(false);
  });

  test("leads grow eightfold while wins stay flat: elasticity 0, clogged", () => {
    const a = build([10, 20, 40, 80, 80, 80], [7, 7, 7, 7, 7, 7]);
    const v = a.funnel.volume!;
    expect(v.elasticity).toBeCloseTo(0, 10);
    expect(v.volumeGrew).toBe(true);
    expect(v.clogged).toBe(true);
  });
});

describe("lead-to-won funnel by origin (two tables joined)", () => {
  test("per origin and in total", () => {
    const leads: LeadRow[] = [
      { channel: "paid_search", created: "2017-01-01" },
      { channel: "paid_search", created: "2017-01-01" },
      { channel: "paid_search", created: "2017-01-01" },
      { channel: "organic", created: "2017-01-01" },
      { created: "2017-01-01" },
    ];
    const deals: DealRow[] = [
      { outcome: "won", amount: 1, lead: 0, created: "2017-01-02", closed: "2017-01-09" },
      { outcome: "lost", amount: 1, lead: 1, created: "2017-01-02", closed: "2017-01-09" },
      { outcome: "won", amount: 1, lead: 3, created: "2017-01-02", closed: "2017-01-09" },
    ];
    const f = analyze(buildData(deals, { leads })).funnel.leadFunnel!;
    expect(f.find((r) => r.origin === "paid_search")).toMatchObject({ leads: 3, opportunities: 2, won: 1 });
    expect(f.find((r) => r.origin === "paid_search")!.leadToWon).toBeCloseTo(1 / 3, 12);
    expect(f.find((r) => r.origin === "organic")).toMatchObject({ leads: 1, opportunities: 1, won: 1, leadToWon: 1 });
    expect(f.find((r) => r.origin === "(no origin)")).toMatchObject({ leads: 1, opportunities: 0 });
    expect(f[f.length - 1]).toMatchObject({ origin: "All origins", leads: 5, opportunities: 3, won: 2 });
  });

  test("no leads table: no lead funnel", () => {
    expect(analyze(buildData([{ outcome: "won", amount: 1 }])).funnel.leadFunnel).toBeNull();
  });
});

describe("open deals per rep against capacity", () => {
  const rows: DealRow[] = [...rep(5, { outcome: "open", owner: "Ana" }), ...rep(1, { outcome: "open", owner: "Ben" }), { outcome: "won", owner: "Cy", amount: 1 }];

  test("reps from the inputs", () => {
    const c = analyze(buildData(rows, { inputs: { reps: 2, dealsPerRep: 2 } })).funnel.capacity!;
    expect(c).toMatchObject({ reps: 2, repsBasis: "input", openDeals: 6, openPerRep: 3, overCapacity: true });
    expect(c.perRep).toEqual([
      { rep: "Ana", open: 5, overCapacity: true },
      { rep: "Ben", open: 1, overCapacity: false },
    ]);
  });

  test("without a rep count: owners of open deals; without capacity: not judged", () => {
    const c = analyze(buildData(rows)).funnel.capacity!;
    expect(c).toMatchObject({ reps: 2, repsBasis: "owners of open deals", openPerRep: 3, overCapacity: null });
  });
});

describe("off-profile deals against the core", () => {
  test("core = segment with most won revenue; win rate and won cycle side by side", () => {
    const rows: DealRow[] = [
      ...rep(3, { outcome: "won", segment: "Enterprise", amount: 50000, created: serial("2017-01-01"), closed: serial("2017-01-01") + 60 }),
      ...rep(1, { outcome: "lost", segment: "Enterprise", amount: 50000, created: "2017-01-01", closed: "2017-02-01" }),
      ...rep(1, { outcome: "won", segment: "SMB", amount: 1000, created: serial("2017-01-01"), closed: serial("2017-01-01") + 120 }),
      ...rep(3, { outcome: "lost", segment: "SMB", amount: 1000, created: "2017-01-01", closed: "2017-02-01" }),
    ];
    const o = analyze(buildData(rows)).funnel.offProfile!;
    expect(o.basis).toBe("segment column");
    expect(o.coreSegment).toBe("Enterprise");
    expect(o.core).toMatchObject({ deals: 4, won: 3, lost: 1, winRate: 0.75, medianWonCycleDays: 60 });
    expect(o.offProfile).toMatchObject({ deals: 4, won: 1, lost: 3, winRate: 0.25, medianWonCycleDays: 120 });
  });
});

describe("lost deals at the furthest stage their own dates show (an engage date marks Engaging)", () => {
  // Maven's shape: open Prospecting deals have no engage date, open Engaging deals do; lost deals have one
  const rows: DealRow[] = [
    ...rep(4, { stage: "Prospecting", outcome: "open" }),
    ...rep(3, { stage: "Engaging", outcome: "open", created: "2017-03-01" }),
    ...rep(5, { stage: "Won", outcome: "won", amount: 1000, created: "2017-01-01", closed: "2017-02-01" }),
    ...rep(6, { stage: "Lost", outcome: "lost", amount: 0, created: "2017-01-01", closed: "2017-02-01" }),
    ...rep(2, { stage: "Lost", outcome: "lost", amount: 0, closed: "2017-02-01" }),
  ];
  const a = analyze(buildData(rows, { stageOrder: ["Prospecting", "Engaging"] }), { asOf: serial("2017-06-30") });

  test("Prospecting: every deal (20); Engaging: 3 open + 5 won + 6 lost with a date (14); Won 5", () => {
    expect(a.funnel.stages.map((s) => [s.stage, s.reached])).toEqual([
      ["Prospecting", 20],
      ["Engaging", 14],
      ["Won", 5],
    ]);
    expect(a.funnel.definition).toMatch(/Engaging when it has a created date/);
    expect(a.funnel.notes.join(" ")).toMatch(/6 lost deals with a created date count as having reached Engaging; 2 lost deals without one/);
  });

  test("when open deals at the first stage carry the created date too, lost deals stay at the first stage", () => {
    const plain = rows.map((r) => (r.stage === "Prospecting" ? { ...r, created: "2017-03-01" } : r));
    const b = analyze(buildData(plain, { stageOrder: ["Prospecting", "Engaging"] }), { asOf: serial("2017-06-30") });
    expect(b.funnel.stages.map((s) => s.reached)).toEqual([20, 8, 5]);
  });

  test("win rate by amount is not known when lost deals carry 0 (the export's habit), never 100%", () => {
    expect(a.funnel.winRate).toBeCloseTo(5 / 13, 12);
    expect(a.funnel.winRateByAmount).toBeNaN();
    expect(a.funnel.winRateByAmountNote).toMatch(/^not known: only 0 of 8 lost deals carry an amount/);
  });

  test("win rate by amount: won value over won + lost value", () => {
    const priced = rows.map((r) => (r.outcome === "lost" ? { ...r, amount: 250 } : r));
    const b = analyze(buildData(priced, { stageOrder: ["Prospecting", "Engaging"] }), { asOf: serial("2017-06-30") });
    expect(b.funnel.winRateByAmount).toBeCloseTo(5000 / (5000 + 8 * 250), 12);
    expect(b.funnel.winRateByAmountNote).toMatch(/over the 13 closed deals with an amount/);
  });

  test("no amount anywhere: the open pipeline's value is not known (NaN), not 0", () => {
    const bare = rows.map((r) => ({ ...r, amount: null }));
    const b = analyze(buildData(bare, { stageOrder: ["Prospecting", "Engaging"] }), { asOf: serial("2017-06-30") });
    expect(b.funnel.openValue).toBeNaN();
    expect(b.funnel.coverage).toBeNaN();
    expect(b.timeBombs.find((x) => x.id === "inefficient-sales-team")!.status).toBe("NO DATA");
  });
});
