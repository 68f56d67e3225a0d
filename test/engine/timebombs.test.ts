/** Every time bomb firing, not firing, and saying NO DATA, on small hand-built pipelines (METHODS §5). */
import { analyze } from "../../src/engine/analyze";
import { TimeBomb, TimeBombId } from "../../src/engine/analysis";
import { buildData, DealRow, serial } from "../support/deals-builder";
import { Inputs } from "../../src/pipeline/types";

const bomb = (rows: DealRow[], id: TimeBombId, inputs?: Partial<Inputs>, asOf?: string): TimeBomb => {
  const a = analyze(buildData(rows, { inputs }), { period: "quarter", asOf: asOf ? serial(asOf) : undefined });
  const b = a.timeBombs.find((x) => x.id === id);
  if (!b) throw new Error(`no ${id}`);
  return b;
};

const Q_END = ["2017-03-31", "2017-06-30", "2017-09-30", "2017-12-31"];
const Q_MID = ["2017-02-15", "2017-05-15", "2017-08-15", "2017-11-15"];

/** `n` new accounts each winning one deal of `amount` in quarter q (0-based, 2017). */
function newWins(q: number, n: number, amount = 3000, extra: Partial<DealRow> = {}): DealRow[] {
  return Array.from({ length: n }, (_, i) => ({ outcome: "won" as const, account: `q${q}-${i}`, amount, created: "2017-01-01", closed: Q_MID[q], ...extra }));
}

describe("every analysis returns six time bombs with a question each", () => {
  test("ids, names and questions", () => {
    const a = analyze(buildData(newWins(0, 2)));
    expect(a.timeBombs.map((b) => b.id)).toEqual(["high-cac", "inefficient-sales-team", "partners-leaving", "cost-of-goods", "generation-behind", "clogged-funnel"]);
    for (const b of a.timeBombs) {
      expect(b.question).toMatch(/\?$/);
      expect(b.name.length).toBeGreaterThan(5);
    }
  });
});

describe("1. high customer acquisition cost", () => {
  const rows = [...newWins(0, 10), ...newWins(1, 10)];
  const inputs = (spendQ2: number): Partial<Inputs> => ({
    periods: [
      { period: "2017-Q1", marketingSpend: 30000, salesSpend: 20000 },
      { period: "2017-Q2", marketingSpend: spendQ2 / 2, salesSpend: spendQ2 / 2 },
    ],
    revenuePerCustomerMonth: 1000,
    grossMargin: 0.8,
    churnMonth: 0.02,
  });

  test("NO DATA without spend", () => {
    const b = bomb(rows, "high-cac", undefined, "2017-06-30");
    expect(b.status).toBe("NO DATA");
    expect(b.metric).toBeNaN();
    expect(b.notes.join(" ")).toMatch(/spend/);
  });

  test("OK: CAC 5,000 pays back in 6.25 months", () => {
    const b = bomb(rows, "high-cac", inputs(50000), "2017-06-30");
    expect(b.status).toBe("OK");
    expect(b.metric).toBeCloseTo(5000 / 800, 10);
  });

  test("WATCH: Skok's case, CAC 12,000 -> payback 15 months (LTV:CAC 3.33 healthy)", () => {
    const b = bomb(rows, "high-cac", inputs(120000), "2017-06-30");
    expect(b.status).toBe("WATCH");
    expect(b.metric).toBeCloseTo(15, 10);
    expect(b.evidence.periods).toEqual(["2017-Q2"]);
  });

  test("TIME BOMB: CAC 30,000 -> payback 37.5 months", () => {
    const b = bomb(rows, "high-cac", inputs(300000), "2017-06-30");
    expect(b.status).toBe("TIME BOMB");
    expect(b.metric).toBeCloseTo(37.5, 10);
    expect(b.table?.rows.map((r) => r[3])).toEqual([5000, 30000]);
  });

  test("WATCH when CAC rises three periods running, even while each period is healthy", () => {
    const r = [...newWins(0, 10), ...newWins(1, 10), ...newWins(2, 10), ...newWins(3, 10)];
    const spend = [20000, 30000, 40000, 50000];
    const b = bomb(r, "high-cac", { ...inputs(0), periods: spend.map((s, q) => ({ period: `2017-Q${q + 1}`, marketingSpend: s })) }, "2017-12-31");
    expect(b.table?.rows.map((x) => x[6])).toEqual(["HEALTHY", "HEALTHY", "HEALTHY", "HEALTHY"]);
    expect(b.status).toBe("WATCH");
    expect(b.evidence.facts.join(" ")).toMatch(/risen 3 period/);
  });
});

describe("2. a comfortable, inefficient sales team", () => {
  /** Won revenue per quarter per rep, over four quarters, each deal its own account. */
  function team(perRep: Record<string, number>): DealRow[] {
    const rows: DealRow[] = [];
    for (let q = 0; q < 4; q++) {
      for (const [rep, amount] of Object.entries(perRep)) rows.push({ outcome: "won", owner: rep, account: `${rep}${q}`, amount, created: "2017-01-01", closed: Q_MID[q] });
    }
    return rows;
  }

  test("TIME BOMB: 2 of 4 reps win less than their 10,000 cost per quarter", () => {
    const b = bomb(team({ Ana: 40000, Ben: 40000, Cy: 5000, Dee: 5000 }), "inefficient-sales-team", { repCostPerPeriod: 10000 }, "2017-12-31");
    expect(b.status).toBe("TIME BOMB");
    expect(b.metric).toBe(0.5);
    expect(b.evidence.reps?.sort()).toEqual(["Cy", "Dee"]);
  });

  test("OK: 1 of 4 below breakeven; cost per year is turned into cost per quarter", () => {
    const b = bomb(team({ Ana: 40000, Ben: 40000, Cy: 12000, Dee: 5000 }), "inefficient-sales-team", { repCostPerYear: 40000 }, "2017-12-31");
    expect(b.status).toBe("OK");
    expect(b.metric).toBe(0.25);
    expect(b.evidence.reps).toEqual(["Dee"]);
  });

  test("without a cost: below half the median rep's yield", () => {
    const fires = bomb(team({ Ana: 40000, Ben: 40000, Cy: 5000, Dee: 5000 }), "inefficient-sales-team", undefined, "2017-12-31");
    expect(fires.status).toBe("TIME BOMB");
    const calm = bomb(team({ Ana: 40000, Ben: 40000, Cy: 35000, Dee: 5000 }), "inefficient-sales-team", undefined, "2017-12-31");
    expect(calm.status).toBe("OK");
    expect(calm.evidence.reps).toEqual(["Dee"]);
    expect(calm.notes.join(" ")).toMatch(/cost of a rep/);
  });

  test("WATCH: the team's win rate falls from 80% to 50% while headcount holds", () => {
    const rows: DealRow[] = [];
    const add = (q: number, won: number, lost: number) => {
      for (let i = 0; i < won; i++) rows.push({ outcome: "won", owner: i % 2 ? "Ana" : "Ben", account: `w${q}${i}`, amount: 10000, created: "2017-01-01", closed: Q_MID[q] });
      for (let i = 0; i < lost; i++) rows.push({ outcome: "lost", owner: i % 2 ? "Ana" : "Ben", account: `l${q}${i}`, amount: 10000, created: "2017-01-01", closed: Q_MID[q] });
    };
    add(2, 8, 2);
    add(3, 5, 5);
    const b = bomb(rows, "inefficient-sales-team", { repCostPerPeriod: 1000 }, "2017-12-31");
    expect(b.status).toBe("WATCH");
    expect(b.evidence.facts.join(" ")).toMatch(/80%.*50%/);
  });

  test("NO DATA without an owner column", () => {
    expect(bomb(newWins(0, 3), "inefficient-sales-team").status).toBe("NO DATA");
  });
});

describe("3. channel partners leaving", () => {
  /** Partner-sourced wins: amounts per partner in Q1 and Q2. */
  function partners(q1: Record<string, number>, q2: Record<string, number>): DealRow[] {
    const rows: DealRow[] = [];
    [q1, q2].forEach((m, q) => {
      for (const [p, amount] of Object.entries(m)) rows.push({ outcome: "won", partner: p, source: "partner", account: `${p}${q}`, amount, created: Q_MID[q], closed: Q_MID[q] });
    });
    return rows;
  }
  const q1 = { P1: 25000, P2: 25000, P3: 25000, P4: 25000 };

  test("TIME BOMB: partner revenue down 30%", () => {
    const b = bomb(partners(q1, { P1: 20000, P2: 20000, P3: 15000, P4: 15000 }), "partners-leaving", undefined, "2017-06-30");
    expect(b.status).toBe("TIME BOMB");
    expect(b.metric).toBeCloseTo(0.3, 12);
  });

  test("WATCH: down 15% with every partner still active", () => {
    const b = bomb(partners(q1, { P1: 25000, P2: 25000, P3: 25000, P4: 10000 }), "partners-leaving", undefined, "2017-06-30");
    expect(b.status).toBe("WATCH");
    expect(b.metric).toBeCloseTo(0.15, 12);
    expect(b.evidence.partners).toEqual([]);
  });

  test("TIME BOMB: revenue held but half the partners went quiet", () => {
    const b = bomb(partners(q1, { P1: 50000, P2: 50000 }), "partners-leaving", undefined, "2017-06-30");
    expect(b.status).toBe("TIME BOMB");
    // the measure shown is the one that fired: 2 of the 4 partners active before had no deal after
    expect(b.metric).toBeCloseTo(2 / 4, 12);
    expect(b.metricName).toBe("Share of partners gone quiet");
    expect(b.threshold).toBe(0.25);
    expect(b.evidence.facts[0]).toMatch(/^2 of 4 partners/);
    expect(b.evidence.partners).toEqual(["P3", "P4"]);
  });

  test("OK: down 5%", () => {
    expect(bomb(partners(q1, { P1: 25000, P2: 25000, P3: 25000, P4: 20000 }), "partners-leaving", undefined, "2017-06-30").status).toBe("OK");
  });

  test("NO DATA without partner data, or with one complete period only", () => {
    expect(bomb(newWins(0, 3), "partners-leaving").status).toBe("NO DATA");
    expect(bomb(partners(q1, q1), "partners-leaving", undefined, "2017-06-29").status).toBe("NO DATA");
  });
});

describe("4. prohibitive cost of goods", () => {
  test.each([
    [0.45, "TIME BOMB"],
    [0.6, "WATCH"],
    [0.7, "OK"],
  ])("gross margin %p -> %s", (gm, status) => {
    const b = bomb(newWins(0, 3), "cost-of-goods", { grossMargin: gm });
    expect(b.status).toBe(status);
    expect(b.metric).toBe(gm);
  });

  test("the latest period's margin wins over the single figure", () => {
    const b = bomb(newWins(0, 3), "cost-of-goods", { grossMargin: 0.8, periods: [{ period: "2017-Q1", grossMargin: 0.7 }, { period: "2017-Q2", grossMargin: 0.48 }] });
    expect(b.status).toBe("TIME BOMB");
    expect(b.evidence.periods).toEqual(["2017-Q2"]);
  });

  test("NO DATA without a margin", () => {
    expect(bomb(newWins(0, 3), "cost-of-goods").status).toBe("NO DATA");
  });
});

describe("5. products a generation behind", () => {
  /** Per quarter: [competitive losses, other losses]. */
  function losses(spec: [number, number][], competitorColumn = false): DealRow[] {
    const rows: DealRow[] = [];
    spec.forEach(([comp, other], q) => {
      for (let i = 0; i < comp; i++) rows.push({ outcome: "lost", amount: 1, created: "2017-01-01", closed: Q_MID[q], lossReason: competitorColumn ? "Price" : "Lost to competitor", competitor: competitorColumn ? (i % 2 ? "Acme" : "Globex") : undefined });
      for (let i = 0; i < other; i++) rows.push({ outcome: "lost", amount: 1, created: "2017-01-01", closed: Q_MID[q], lossReason: "No budget" });
      rows.push({ outcome: "won", amount: 1, created: "2017-01-01", closed: Q_MID[q], competitor: competitorColumn ? "Acme" : undefined });
    });
    return rows;
  }

  test("TIME BOMB: 50% of losses to a competitor, up from 30%", () => {
    const b = bomb(losses([[3, 7], [5, 5]]), "generation-behind", undefined, "2017-06-30");
    expect(b.status).toBe("TIME BOMB");
    expect(b.metric).toBe(0.5);
    expect(b.evidence.rows?.length).toBe(8);
  });

  test("WATCH: 50% but falling from 60%", () => {
    const b = bomb(losses([[6, 4], [5, 5]]), "generation-behind", undefined, "2017-06-30");
    expect(b.status).toBe("WATCH");
  });

  test("OK: 20%", () => {
    expect(bomb(losses([[3, 7], [2, 8]]), "generation-behind", undefined, "2017-06-30").status).toBe("OK");
  });

  test("a competitor column counts too, and gives a win rate per competitor", () => {
    const b = bomb(losses([[2, 8], [6, 4]], true), "generation-behind", undefined, "2017-06-30");
    expect(b.status).toBe("TIME BOMB");
    const acme = b.table?.rows.find((r) => r[0] === "Acme");
    // Acme: 2 wins (one per quarter), losses 1 (Q1) + 3 (Q2) -> 2 / 6 overall
    expect(acme?.[1]).toBe(6);
    expect(acme?.[2]).toBeCloseTo(2 / 6, 12);
    expect(acme?.[4]).toBeCloseTo(1 / 4, 12);
  });

  test("NO DATA without reason or competitor columns", () => {
    expect(bomb(newWins(0, 3), "generation-behind").status).toBe("NO DATA");
  });
});

describe("6. the clogged funnel", () => {
  /** Won deals taking 30 days; open deals created `openAge` days before 2017-12-31, owned by two reps. */
  function pipeline(openAge: number, openDeals: number): DealRow[] {
    const rows: DealRow[] = [];
    for (let i = 0; i < 10; i++) rows.push({ outcome: "won", owner: "Ana", amount: 100, created: serial("2017-10-01"), closed: serial("2017-10-31") });
    for (let i = 0; i < openDeals; i++) rows.push({ outcome: "open", owner: i % 2 ? "Ana" : "Ben", amount: 100, created: serial("2017-12-31") - openAge });
    return rows;
  }

  test("OK: open deals younger than twice the won cycle and within capacity", () => {
    const b = bomb(pipeline(20, 6), "clogged-funnel", { dealsPerRep: 5 }, "2017-12-31");
    expect(b.status).toBe("OK");
    expect(b.metric).toBeCloseTo(20 / 30, 12);
  });

  test("WATCH: old open deals (100 days vs a 30-day cycle), no capacity input", () => {
    const b = bomb(pipeline(100, 6), "clogged-funnel", undefined, "2017-12-31");
    expect(b.status).toBe("WATCH");
    expect(b.evidence.rows?.length).toBe(6);
    expect(b.notes.join(" ")).toMatch(/Capacity not checked/);
  });

  test("WATCH: young deals but 6 open per rep against a capacity of 2", () => {
    const b = bomb(pipeline(10, 12), "clogged-funnel", { dealsPerRep: 2 }, "2017-12-31");
    expect(b.status).toBe("WATCH");
    expect(b.evidence.reps?.sort()).toEqual(["Ana", "Ben"]);
  });

  test("TIME BOMB: both", () => {
    expect(bomb(pipeline(100, 12), "clogged-funnel", { dealsPerRep: 2 }, "2017-12-31").status).toBe("TIME BOMB");
  });

  test("NO DATA: no dates and no capacity", () => {
    const rows: DealRow[] = [{ outcome: "open", amount: 1 }, { outcome: "won", amount: 1 }];
    expect(bomb(rows, "clogged-funnel").status).toBe("NO DATA");
  });
});
