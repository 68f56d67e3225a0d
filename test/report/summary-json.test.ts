/** The --json summary: the keys the CLI promises, JSON-safe numbers, and LMDI parts that sum to each change. */
import { analyze } from "../../src/engine/analyze";
import { toJsonSummary } from "../../src/report/summary-json";
import { buildData, DealRow } from "../support/deals-builder";

const rows: DealRow[] = [
  { outcome: "won", account: "a", amount: 100, created: "2017-01-01", closed: "2017-01-20" },
  { outcome: "won", account: "b", amount: 300, created: "2017-01-01", closed: "2017-02-20" },
  { outcome: "won", account: "b", amount: 200, created: "2017-01-01", closed: "2017-02-21" },
  { outcome: "lost", account: "c", amount: 50, created: "2017-01-01", closed: "2017-03-10" },
  { outcome: "open", account: "d", created: "2017-03-01" },
];

describe("toJsonSummary", () => {
  const data = buildData(rows);
  const json = toJsonSummary(analyze(data, { period: "month" }), data);
  const parsed = JSON.parse(JSON.stringify(json));

  test("keys promised by the CLI", () => {
    expect(parsed.rows).toEqual({ read: 5, used: 5, skipped: 0 });
    expect(parsed.funnel).toMatchObject({ won: 3, lost: 1, open: 1, winRate: 0.75, medianWonCycleDays: 50, leads: null, leadToWon: null });
    // won 600 against lost 50, by amount
    expect(parsed.funnel.winRateByAmount).toBeCloseTo(600 / 650, 12);
    expect(parsed.levers.period).toBe("month");
    expect(parsed.levers.periods[0]).toEqual({ period: "2017-01", revenue: 100, customers: 1, deals: 1, frequency: 1, averageDeal: 100, complete: true });
    expect(Object.keys(parsed.levers.changes[0]).sort()).toEqual(["averageDeal", "customers", "defined", "frequency", "from", "revenueChange", "to"].sort());
    for (const c of parsed.levers.changes) expect(c.customers + c.frequency + c.averageDeal).toBeCloseTo(c.revenueChange, 9);
    expect(parsed.timeBombs.map((b: { id: string }) => b.id)).toHaveLength(6);
    for (const b of parsed.timeBombs) expect(Object.keys(b)).toEqual(expect.arrayContaining(["id", "status", "metric", "threshold"]));
    expect(parsed.segments.map((s: { segment: string }) => s.segment)).toEqual(["S1", "S2", "S3", "S4"]);
    for (const s of parsed.segments) expect(typeof s.classification).toBe("string");
    expect(parsed.mapping).toMatchObject({ amount: "Amount", owner: "Owner" });
  });

  test("numbers that could not be computed are null, not NaN", () => {
    const march = parsed.levers.periods[2];
    expect(march).toMatchObject({ period: "2017-03", revenue: 0, frequency: null, averageDeal: null });
    // March has no won revenue: the change into it is all customers lost (the limit of the method)
    expect(parsed.levers.changes[1]).toMatchObject({ defined: true, revenueChange: -500, customers: -500, frequency: 0, averageDeal: 0 });
    expect(JSON.stringify(json)).not.toMatch(/NaN|Infinity/);
  });

  test("the LMDI parts sum to each defined change: Jan 100 (1 x 1 x 100) -> Feb 500 (1 x 2 x 250)", () => {
    const c = parsed.levers.changes[0];
    expect(c.revenueChange).toBe(400);
    expect(c.customers).toBe(0);
    const L = 400 / Math.log(5);
    expect(c.frequency).toBeCloseTo(L * Math.log(2), 9);
    expect(c.averageDeal).toBeCloseTo(L * Math.log(2.5), 9);
    expect(c.customers + c.frequency + c.averageDeal).toBeCloseTo(400, 9);
  });
});

describe("toJsonSummary with a leads table", () => {
  test("funnel.leads and funnel.leadToWon count the leads and those whose deal was won", () => {
    const leads = [
      { id: "l1", created: "2017-01-01", channel: "web" },
      { id: "l2", created: "2017-01-02", channel: "web" },
      { id: "l3", created: "2017-01-03", channel: "event" },
      { id: "l4", created: "2017-01-04", channel: "event" },
    ];
    const deals: DealRow[] = [
      { outcome: "won", amount: 100, created: "2017-01-05", closed: "2017-01-20", lead: 0 },
      { outcome: "lost", amount: 100, created: "2017-01-05", closed: "2017-01-20", lead: 2 },
    ];
    const data = buildData(deals, { leads });
    const json = toJsonSummary(analyze(data), data);
    expect(json.funnel.leads).toBe(4);
    expect(json.funnel.leadToWon).toBeCloseTo(1 / 4, 12);
  });
});
