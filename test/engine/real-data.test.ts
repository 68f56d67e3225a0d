/**
 * The whole path on real data: the Maven CRM pipeline (8,800 opportunities) and the Olist marketing funnel,
 * read by the real readers and pipeline, analysed, and checked against independent computations written
 * here (plain string splitting and JavaScript dates, no engine code).
 */
import { readFileSync } from "fs";
import { join } from "path";
import { readCsv } from "../../src/cli/read-csv";
import { readPipeline } from "../../src/pipeline";
import { analyze } from "../../src/engine/analyze";
import { buildReport } from "../../src/report/build";
import { toJsonSummary } from "../../src/report/summary-json";
import { PipelineData } from "../../src/pipeline/types";

const fixtures = join(__dirname, "../fixtures");

/** M/D/YYYY -> days since 1970 (UTC). */
const day = (s: string): number => {
  const [m, d, y] = s.split("/").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
};

function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Independent figures from sales_pipeline.csv: no quotes in the file, so a split on commas is exact. */
function maven() {
  const lines = readFileSync(join(fixtures, "maven-crm/sales_pipeline.csv"), "utf8").split("\n").filter((l) => l.trim() !== "");
  const rows = lines.slice(1).map((l) => l.split(","));
  // opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
  const won = rows.filter((r) => r[4] === "Won");
  const lost = rows.filter((r) => r[4] === "Lost");
  const quarters = new Map<string, { revenue: number; deals: number; accounts: Set<string> }>();
  for (const r of won) {
    const [m, , y] = r[6].split("/").map(Number);
    const q = `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    const e = quarters.get(q) ?? { revenue: 0, deals: 0, accounts: new Set<string>() };
    e.revenue += Number(r[7]);
    e.deals++;
    e.accounts.add(r[3]);
    quarters.set(q, e);
  }
  return {
    total: rows.length,
    won: won.length,
    lost: lost.length,
    open: rows.length - won.length - lost.length,
    engaging: rows.filter((r) => r[4] === "Engaging").length,
    lostEngaged: lost.filter((r) => r[5] !== "").length,
    wonCycle: medianOf(won.map((r) => day(r[6]) - day(r[5]))),
    quarters,
  };
}

describe("Maven CRM: figures agree with an independent computation", () => {
  const expected = maven();
  let data: PipelineData;
  let json: ReturnType<typeof toJsonSummary>;
  let a: ReturnType<typeof analyze>;

  beforeAll(async () => {
    data = readPipeline(await readCsv(join(fixtures, "maven-crm/sales_pipeline.csv")));
    a = analyze(data);
    json = JSON.parse(JSON.stringify(toJsonSummary(a, data)));
  });

  test("won / lost / open, win rate and median won cycle", () => {
    expect(json.funnel).toMatchObject({ won: expected.won, lost: expected.lost, open: expected.open });
    expect(json.funnel.winRate).toBeCloseTo(expected.won / (expected.won + expected.lost), 12);
    expect(json.funnel.medianWonCycleDays).toBe(expected.wonCycle);
  });

  test("stage conversion: every deal reached Prospecting; Engaging = engaging + won + lost deals with an engage date", () => {
    expect(expected.lostEngaged).toBeGreaterThan(0);
    expect(json.funnel.stages.map((s) => s.reached)).toEqual([expected.total, expected.engaging + expected.won + expected.lostEngaged, expected.won]);
  });

  test("won revenue, deals and customers per quarter", () => {
    expect(json.levers.period).toBe("quarter");
    for (const p of json.levers.periods) {
      const e = expected.quarters.get(p.period);
      expect(p.revenue).toBe(e ? e.revenue : 0);
      expect(p.deals).toBe(e ? e.deals : 0);
      expect(p.customers).toBe(e ? e.accounts.size : 0);
    }
    expect(json.levers.periods.reduce((s, p) => s + p.revenue, 0)).toBe([...expected.quarters.values()].reduce((s, q) => s + q.revenue, 0));
  });

  test("LMDI parts sum to each quarter's change and match the textbook formula", () => {
    let checked = 0;
    for (const c of json.levers.changes) {
      const e0 = expected.quarters.get(c.from);
      const e1 = expected.quarters.get(c.to)!;
      expect(c.revenueChange).toBe(e1.revenue - (e0 ? e0.revenue : 0));
      if (!e0) {
        // from a quarter with no wins: the limit of the method, all new customers
        expect([c.defined, c.customers, c.frequency, c.averageDeal]).toEqual([true, e1.revenue, 0, 0]);
        continue;
      }
      const L = (e1.revenue - e0.revenue) / Math.log(e1.revenue / e0.revenue);
      const C = [e0.accounts.size, e1.accounts.size];
      const F = [e0.deals / C[0], e1.deals / C[1]];
      const A = [e0.revenue / e0.deals, e1.revenue / e1.deals];
      expect(c.customers!).toBeCloseTo(L * Math.log(C[1] / C[0]), 6);
      expect(c.frequency!).toBeCloseTo(L * Math.log(F[1] / F[0]), 6);
      expect(c.averageDeal!).toBeCloseTo(L * Math.log(A[1] / A[0]), 6);
      expect(Math.abs(c.customers! + c.frequency! + c.averageDeal! - c.revenueChange)).toBeLessThan(1e-6);
      checked++;
    }
    expect(checked).toBe(3);
  });

  test("the mapping was found without help and the report is complete", () => {
    expect(json.mapping).toMatchObject({ stage: "deal_stage", amount: "close_value", owner: "sales_agent", account: "account", closed: "close_date" });
    const report = buildReport(a, data);
    expect(report.sheets.map((s) => s.name)).toEqual(["GTM Summary", "GTM Levers", "GTM Time Bombs", "GTM Funnel", "GTM Segments", "GTM Data Issues"]);
    expect(report.insights.length).toBeGreaterThan(2);
    // no rep cost and no spend: the checks that need inputs say NO DATA, the others give a status
    const status = Object.fromEntries(json.timeBombs.map((b) => [b.id, b.status]));
    expect(status["high-cac"]).toBe("NO DATA");
    expect(status["cost-of-goods"]).toBe("NO DATA");
    expect(status["inefficient-sales-team"]).not.toBe("NO DATA");
    expect(status["clogged-funnel"]).not.toBe("NO DATA");
  });
});

describe("Olist: the lead-to-won funnel by origin", () => {
  test("leads and closed deals per origin, joined on mql_id, agree with an independent count", async () => {
    const mqlText = readFileSync(join(fixtures, "olist-funnel/olist_marketing_qualified_leads_dataset.csv"), "utf8");
    const dealText = readFileSync(join(fixtures, "olist-funnel/olist_closed_deals_dataset.csv"), "utf8");
    // mql_id,first_contact_date,landing_page_id,origin — no quotes; deals: mql_id is the first field
    const mqls = mqlText.split(/\r?\n/).slice(1).filter((l) => l !== "").map((l) => l.split(","));
    const closed = new Set(dealText.split(/\r?\n/).slice(1).filter((l) => l !== "").map((l) => l.split(",")[0]));
    const leads = new Map<string, number>();
    const won = new Map<string, number>();
    for (const r of mqls) {
      const origin = r[3] === "" ? "(no origin)" : r[3];
      leads.set(origin, (leads.get(origin) ?? 0) + 1);
      if (closed.has(r[0])) won.set(origin, (won.get(origin) ?? 0) + 1);
    }

    const data = readPipeline(await readCsv(join(fixtures, "olist-funnel/olist_closed_deals_dataset.csv")), {
      leads: await readCsv(join(fixtures, "olist-funnel/olist_marketing_qualified_leads_dataset.csv")),
    });
    const f = analyze(data).funnel.leadFunnel!;
    expect(f).not.toBeNull();
    for (const [origin, n] of leads) {
      const row = f.find((r) => r.origin === origin);
      expect(row).toBeDefined();
      expect(row!.leads).toBe(n);
      expect(row!.won).toBe(won.get(origin) ?? 0);
      expect(row!.leadToWon).toBeCloseTo((won.get(origin) ?? 0) / n, 12);
    }
    const all = f[f.length - 1];
    expect(all).toMatchObject({ origin: "All origins", leads: mqls.length, won: [...won.values()].reduce((s, x) => s + x, 0) });
  });
});
