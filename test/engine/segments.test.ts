/** The sweet-spot map (METHODS §6) on hand-built pipelines. */
import { analyze } from "../../src/engine/analyze";
import { classifySegment } from "../../src/engine/segments";
import { buildData, DealRow, LeadRow } from "../support/deals-builder";

describe("classification with tau = 0.15", () => {
  test.each([
    [0.3, 0.3, 0.3, "Sweet spot"],
    [0.3, 0.3, 0.1, "Uncaptured lead"],
    [0.3, 0.1, 0.3, "Lead deficit"],
    [0.1, 0.3, 0.1, "Ineffective strategy"],
    [0.1, 0.1, 0.3, "Ineffective strategy"],
    [0.3, 0.1, 0.1, "Unserved"],
    [0.1, 0.1, 0.1, "Out of play"],
    [NaN, 0.3, 0.3, "Sweet spot"],
    [NaN, 0.1, 0.1, "Unserved"],
    [0.3, NaN, 0.3, "NO DATA"],
    [0.15, 0.15, 0.15, "Sweet spot"],
  ])("m=%p k=%p q=%p -> %s", (m, k, q, expected) => {
    expect(classifySegment(m, k, q, 0.15)).toBe(expected);
  });
});

/** Deals at two prices (100 / 10,000) and two complexities, won or lost, marketing- or sales-sourced. */
function deal(price: "low" | "high", cx: "Low" | "High", outcome: "won" | "lost" | "open", source: "marketing" | "sales", owner: string | null = "Ana"): DealRow {
  return { outcome, amount: price === "low" ? 100 : 10000, complexityLabel: cx, source, owner, created: "2017-01-01", closed: outcome === "open" ? undefined : "2017-02-01" };
}

describe("segments from price x complexity", () => {
  const rows: DealRow[] = [
    // won: 2 low/low, 1 high/low, 5 high/high
    ...Array.from({ length: 2 }, () => deal("low", "Low", "won", "sales")),
    deal("high", "Low", "won", "sales"),
    ...Array.from({ length: 5 }, () => deal("high", "High", "won", "sales")),
    // marketing-sourced deals (stand-ins for leads): 6 in S1, 2 in S2, 2 in S4
    ...Array.from({ length: 6 }, () => deal("low", "Low", "lost", "marketing")),
    ...Array.from({ length: 2 }, () => deal("low", "High", "open", "marketing", null)),
    ...Array.from({ length: 2 }, () => deal("high", "High", "lost", "marketing")),
  ];

  test("price threshold = median won amount; a deal at the threshold is low price", () => {
    const s = analyze(buildData(rows)).segments;
    // won amounts: 100, 100, 10000 x 6 -> median 10,000; only amounts above it are high, so every deal is low price
    expect(s.priceThreshold).toBe(10000);
    expect(s.rows.map((r) => r.deals)).toEqual([9, 9, 0, 0]);
  });

  test("with a user price line of 1,000: k, q, classification and the alignment index by hand", () => {
    const s = analyze(buildData(rows), { thresholds: { segmentPriceThreshold: 1000 } }).segments;
    expect(s.rows.map((r) => r.deals)).toEqual([8, 2, 1, 7]);
    expect(s.rows.map((r) => r.won)).toEqual([2, 0, 1, 5]);
    expect(s.leadBasis).toBe("marketing-sourced deals");
    expect(s.rows.map((r) => r.leads)).toEqual([6, 2, 0, 2]);
    const k = [0.6, 0.2, 0, 0.2];
    const q = [0.25, 0, 0.125, 0.625];
    s.rows.forEach((r, i) => {
      expect(r.k).toBeCloseTo(k[i], 12);
      expect(r.q).toBeCloseTo(q[i], 12);
      expect(r.m).toBeNaN();
    });
    expect(s.rows.map((r) => r.classification)).toEqual(["Sweet spot", "Uncaptured lead", "Unserved", "Sweet spot"]);
    // m absent counts as 1: sum of min(k, q) = 0.25 + 0 + 0 + 0.2
    expect(s.alignmentIndex).toBeCloseTo(0.45, 12);
    expect(s.complexityBasis).toMatch(/complexity column/);
  });

  test("market shares from the inputs change the classes and the index", () => {
    const s = analyze(buildData(rows, { inputs: { marketShare: { S1: 0.1, S2: 0.2, S3: 0.3, S4: 0.4 } } }), { thresholds: { segmentPriceThreshold: 1000 } }).segments;
    expect(s.rows.map((r) => r.classification)).toEqual(["Ineffective strategy", "Uncaptured lead", "Unserved", "Sweet spot"]);
    expect(s.alignmentIndex).toBeCloseTo(0.1 + 0 + 0 + 0.2, 12);
  });

  test("uncaptured: marketing-sourced deals nobody owns, with their rows", () => {
    const s = analyze(buildData(rows)).segments;
    expect(s.uncaptured.count).toBe(2);
    expect(s.uncaptured.rows).toEqual([16, 17]); // data rows 15 and 16 (1-based) sit on sheet rows 16 and 17
  });

  test("no source and no leads table: k unknown, segments not classified", () => {
    const plain = rows.map((r) => ({ ...r, source: null }));
    const s = analyze(buildData(plain)).segments;
    expect(s.leadBasis).toBe("none");
    expect(s.rows.every((r) => r.classification === "NO DATA")).toBe(true);
    expect(s.notes.join(" ")).toMatch(/not classified/);
  });

  test("no price at all: NO DATA", () => {
    const s = analyze(buildData([{ outcome: "won", complexityLabel: "High" }])).segments;
    expect(s.status).toBe("NO DATA");
  });
});

describe("complexity proxy and leads table", () => {
  test("without a complexity column, a product's median cycle above the median marks it complex", () => {
    const rows: DealRow[] = [
      { outcome: "won", product: "Quick", amount: 100, created: "2017-01-01", closed: "2017-01-11" },
      { outcome: "won", product: "Quick", amount: 100, created: "2017-01-01", closed: "2017-01-11" },
      { outcome: "won", product: "Slow", amount: 100, created: "2017-01-01", closed: "2017-04-11" },
      { outcome: "open", product: "Slow", created: "2017-03-01" },
    ];
    const s = analyze(buildData(rows)).segments;
    expect(s.complexityBasis).toMatch(/proxy/);
    // Slow's open deal has no amount: it takes Slow's median won amount (100), not above the 100 line
    expect(s.rows.map((r) => r.deals)).toEqual([2, 2, 0, 0]);
  });

  test("lead segment labels S1..S4 in a leads table are used as given; unworked leads are uncaptured", () => {
    const leads: LeadRow[] = [{ segment: "S1" }, { segment: "S1" }, { segment: "S4 - enterprise" }, { segment: "other" }];
    const deals: DealRow[] = [{ outcome: "won", amount: 100, complexityLabel: "Low", owner: "Ana", lead: 0 }];
    const s = analyze(buildData(deals, { leads })).segments;
    expect(s.leadBasis).toBe("leads table");
    expect(s.rows.map((r) => r.leads)).toEqual([2, 0, 0, 1]);
    expect(s.uncaptured.count).toBe(3);
    expect(s.uncaptured.rows).toEqual([3, 4, 5]);
    expect(s.uncaptured.sheet).toBe("Leads");
  });
});
