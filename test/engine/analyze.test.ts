/** analyze(): options, CAC per period and per source, magic number, the compass check, NO DATA paths. */
import { analyze } from "../../src/engine/analyze";
import { buildData, DealRow, serial } from "../support/deals-builder";

const Q_MID = ["2017-02-15", "2017-05-15", "2017-08-15", "2017-11-15"];

describe("options", () => {
  const rows: DealRow[] = [
    { outcome: "won", account: "a", amount: 10, created: "2016-10-20", closed: "2017-01-10" },
    { outcome: "won", account: "b", amount: 20, created: "2017-03-01", closed: "2017-12-31" },
  ];

  test("period from the data span (14 months -> quarter), or the user's pick", () => {
    expect(analyze(buildData(rows)).period).toMatchObject({ kind: "quarter", chosenBy: "data" });
    const m = analyze(buildData(rows), { period: "month" });
    expect(m.period).toMatchObject({ kind: "month", chosenBy: "user" });
    expect(m.period.labels[0]).toBe("2016-10");
    expect(m.period.labels.length).toBe(15);
  });

  test("as-of defaults to the latest date in the data; an earlier as-of drops later events from periods", () => {
    expect(analyze(buildData(rows)).period.asOf).toBe(serial("2017-12-31"));
    const early = analyze(buildData(rows), { asOf: serial("2017-06-30"), period: "quarter" });
    expect(early.period.labels[early.period.labels.length - 1]).toBe("2017-Q2");
    expect(early.levers.periods.reduce((s, p) => s + p.revenue, 0)).toBe(10);
    expect(early.levers.notes.join(" ")).toMatch(/after the as-of date/);
  });

  test("threshold overrides: options win over the inputs sheet; unknown names are refused", () => {
    const data = buildData(rows, { inputs: { grossMargin: 0.6, thresholds: { grossMarginWatch: 0.55 } } });
    expect(analyze(data).timeBombs.find((b) => b.id === "cost-of-goods")!.status).toBe("OK");
    expect(analyze(data, { thresholds: { grossMarginWatch: 0.7 } }).timeBombs.find((b) => b.id === "cost-of-goods")!.status).toBe("WATCH");
    expect(() => analyze(data, { thresholds: { noSuchThing: 1 } })).toThrow(/Unknown threshold/);
  });

  test("an empty pipeline gives an analysis full of NO DATA, not an exception", () => {
    const a = analyze(buildData([]));
    expect(a.levers.periods).toEqual([]);
    expect(a.timeBombs.every((b) => b.status === "NO DATA")).toBe(true);
    expect(a.funnel.winRate).toBeNaN();
    expect(a.segments.status).toBe("NO DATA");
    expect(a.notes.join(" ")).toMatch(/No usable date/);
  });
});

describe("CAC per period, per source, and the magic number", () => {
  // Q1: 4 new customers (3 marketing-sourced, 1 sales); Q2: 2 new (marketing) + a repeat purchase by q0-0
  const rows: DealRow[] = [
    ...[0, 1, 2].map((i) => ({ outcome: "won" as const, account: `m${i}`, source: "marketing" as const, amount: 1000, created: "2017-01-01", closed: Q_MID[0] })),
    { outcome: "won", account: "s0", source: "sales", amount: 1000, created: "2017-01-01", closed: Q_MID[0] },
    ...[3, 4].map((i) => ({ outcome: "won" as const, account: `m${i}`, source: "marketing" as const, amount: 2000, created: "2017-04-01", closed: Q_MID[1] })),
    { outcome: "won", account: "m0", source: "marketing", amount: 4000, created: "2017-04-01", closed: Q_MID[1] },
  ];
  const inputs = {
    periods: [
      { period: "2017-01", marketingSpend: 1000, salesSpend: 1000 },
      { period: "2017-02", marketingSpend: 1000, salesSpend: 1000 },
      { period: "2017-03", marketingSpend: 1000, salesSpend: 1000 },
      { period: "2017-Q2", marketingSpend: 6000 },
    ],
    revenuePerCustomerMonth: 500,
    grossMargin: 0.8,
  };
  const a = analyze(buildData(rows, { inputs }), { period: "quarter", asOf: serial("2017-06-30") });

  test("monthly spend rows sum into the quarter; new customers = first won deal in the period", () => {
    expect(a.cac.periods.map((p) => [p.period, p.spend, p.newCustomers, p.cac])).toEqual([
      ["2017-Q1", 6000, 4, 1500],
      ["2017-Q2", 6000, 2, 3000],
    ]);
    // payback = CAC / (500 x 0.8)
    expect(a.cac.periods[1].paybackMonths).toBeCloseTo(7.5, 12);
    expect(a.cac.periods[1].flag).toBe("HEALTHY");
  });

  test("CAC per source: marketing spend over marketing-sourced new customers", () => {
    const m = a.cac.bySource.find((s) => s.source === "marketing")!;
    expect(m).toMatchObject({ spend: 9000, newCustomers: 5 });
    expect(m.cac).toBeCloseTo(1800, 12);
    expect(a.cac.bySource.find((s) => s.source === "sales")).toMatchObject({ spend: 3000, newCustomers: 1, cac: 3000 });
  });

  test("magic number for Q2 = (8,000 - 4,000) x 4 / 6,000", () => {
    expect(a.cac.magicNumbers).toEqual([{ period: "2017-Q2", value: (4000 * 4) / 6000, verdict: "invest" }]);
  });

  test("a yearly spend row cannot be split into quarters: left out and said so", () => {
    const b = analyze(buildData(rows, { inputs: { periods: [{ period: "2017", marketingSpend: 5 }] } }), { period: "quarter" });
    expect(b.cac.available).toBe(false);
    expect(b.cac.notes.join(" ")).toMatch(/longer period/);
  });
});

describe("Leslie's Compass and the identity-crisis check", () => {
  const rows: DealRow[] = [{ outcome: "won", amount: 1, created: "2017-01-01", closed: "2017-01-05" }];

  test("every factor at the sales pole, with 20% of spend on sales: over-invested in marketing", () => {
    const a = analyze(buildData(rows, { inputs: { compassRatings: [5, 5, 5, 5, 5, 5, 5], periods: [{ period: "2017-01", marketingSpend: 800, salesSpend: 200 }] } }));
    expect(a.compass).toMatchObject({ lead: "Sales-led", salesIntensity: 100, recommendedSalesShare: 0.85, identityCrisis: "Over-invested in marketing" });
    expect(a.compass!.actualSalesShare).toBeCloseTo(0.2, 12);
    expect(a.compass!.actualShareBasis).toMatch(/spend/);
  });

  test("Crest: every factor at the marketing pole; no share given -> no verdict", () => {
    const a = analyze(buildData(rows, { inputs: { compassRatings: [1, 1, 1, 1, 1, 1, 1] } }));
    expect(a.compass).toMatchObject({ lead: "Marketing-led", salesIntensity: 0, identityCrisis: "NO DATA" });
  });

  test("too few ratings: no placement, and the note says why", () => {
    const a = analyze(buildData(rows, { inputs: { compassRatings: [5, 5, NaN, NaN, NaN, NaN, NaN] } }));
    expect(a.compass).toBeNull();
    expect(a.notes.join(" ")).toMatch(/Compass not placed/);
  });

  test("no ratings: no compass", () => {
    expect(analyze(buildData(rows)).compass).toBeNull();
  });
});
