/**
 * The real datasets through the command line (in process, via main(argv)), checked against independent
 * counts computed here from the raw CSV text.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { captureIO, tempDir } from "./helpers";

const MAVEN = join(__dirname, "../fixtures/maven-crm/sales_pipeline.csv");
const OLIST_DEALS = join(__dirname, "../fixtures/olist-funnel/olist_closed_deals_dataset.csv");
const OLIST_LEADS = join(__dirname, "../fixtures/olist-funnel/olist_marketing_qualified_leads_dataset.csv");

/** "10/20/2016" → days since 1970-01-01 (UTC). */
function mdy(s: string): number {
  const [m, d, y] = s.split("/").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
}
function quarterOf(days: number): string {
  const d = new Date(days * 86400000);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const L = (a: number, b: number): number => (a === b ? a : (a - b) / (Math.log(a) - Math.log(b)));

interface Summary {
  rows: { read: number; used: number; skipped: number };
  funnel: {
    won: number;
    lost: number;
    open: number;
    winRate: number;
    medianWonCycleDays: number;
    leadsByOrigin: { origin: string; leads: number; won: number; leadToWon: number | null }[] | null;
  };
  levers: {
    period: string;
    periods: { period: string; revenue: number; customers: number; deals: number; frequency: number | null; averageDeal: number | null }[];
    changes: { from: string; to: string; revenueChange: number; customers: number | null; frequency: number | null; averageDeal: number | null; defined: boolean }[];
  };
  timeBombs: { id: string; status: string; metric: number | null; threshold: number | null }[];
  segments: { segment: string; classification: string }[];
  mapping: Record<string, string>;
}

describe("Maven CRM sales_pipeline.csv (8,800 opportunities)", () => {
  const dir = tempDir("maven");
  const json = join(dir, "maven.json");
  let code: number;
  let summary: Summary;
  let stderr: string;

  // The independent computation: plain string splitting (the file has no quoted fields).
  const lines = readFileSync(MAVEN, "utf8").trim().split("\n");
  const header = lines[0].split(",");
  const col = (n: string): number => header.indexOf(n);
  const recs = lines.slice(1).map((l) => l.split(","));
  const won = recs.filter((r) => r[col("deal_stage")] === "Won");
  const lost = recs.filter((r) => r[col("deal_stage")] === "Lost");
  const byQuarter = new Map<string, { revenue: number; deals: number; accounts: Set<string> }>();
  for (const r of won) {
    const q = quarterOf(mdy(r[col("close_date")]));
    const e = byQuarter.get(q) ?? { revenue: 0, deals: 0, accounts: new Set<string>() };
    e.revenue += Number(r[col("close_value")]);
    e.deals++;
    e.accounts.add(r[col("account")]);
    byQuarter.set(q, e);
  }

  beforeAll(async () => {
    const cap = captureIO(dir);
    code = await main(["analyze", MAVEN, "--out", join(dir, "maven.xlsx"), "--json", json, "--period", "quarter"], cap.io);
    stderr = cap.err();
    summary = JSON.parse(readFileSync(json, "utf8")) as Summary;
  });

  it("maps its headers without help", () => {
    expect(code).toBe(0);
    expect(stderr).toMatch(/^gtm-compass: sales_pipeline\.csv: 8,800 rows read, 8,800 used, 0 skipped/);
    expect(summary.mapping).toMatchObject({
      id: "opportunity_id", stage: "deal_stage", amount: "close_value", created: "engage_date",
      closed: "close_date", owner: "sales_agent", account: "account", product: "product",
    });
    expect(summary.rows).toEqual({ read: 8800, used: 8800, skipped: 0 });
  });

  it("counts won, lost and open deals, the win rate and the median won cycle as computed here", () => {
    expect(summary.funnel.won).toBe(won.length);
    expect(summary.funnel.lost).toBe(lost.length);
    expect(summary.funnel.open).toBe(recs.length - won.length - lost.length);
    expect(summary.funnel.winRate).toBeCloseTo(won.length / (won.length + lost.length), 12);
    const cycles = won.map((r) => mdy(r[col("close_date")]) - mdy(r[col("engage_date")]));
    expect(summary.funnel.medianWonCycleDays).toBe(median(cycles));
  });

  it("has won revenue, customers and deals per quarter as computed here", () => {
    expect(summary.levers.period).toBe("quarter");
    const withRevenue = summary.levers.periods.filter((p) => p.revenue > 0);
    expect(withRevenue.map((p) => p.period)).toEqual([...byQuarter.keys()].sort());
    for (const p of summary.levers.periods) {
      const e = byQuarter.get(p.period);
      expect(p.revenue).toBe(e?.revenue ?? 0);
      expect(p.deals).toBe(e?.deals ?? 0);
      expect(p.customers).toBe(e?.accounts.size ?? 0);
    }
  });

  it("splits each quarter's change into LMDI parts that sum to it exactly", () => {
    const defined = summary.levers.changes.filter((c) => c.defined);
    expect(defined.length).toBeGreaterThanOrEqual(3);
    expect(defined.length).toBe(summary.levers.changes.length);
    for (const c of defined) {
      const r0 = byQuarter.get(c.from);
      const r1 = byQuarter.get(c.to)!;
      if (!r0) {
        // out of a quarter with no wins: the limit of LMDI gives the whole change to customers
        expect([c.customers, c.frequency, c.averageDeal]).toEqual([r1.revenue, 0, 0]);
        continue;
      }
      expect(c.revenueChange).toBeCloseTo(r1.revenue - r0.revenue, 6);
      expect(c.customers! + c.frequency! + c.averageDeal!).toBeCloseTo(r1.revenue - r0.revenue, 6);
      const w = L(r1.revenue, r0.revenue);
      expect(c.customers!).toBeCloseTo(w * Math.log(r1.accounts.size / r0.accounts.size), 6);
      expect(c.averageDeal!).toBeCloseTo(w * Math.log(r1.revenue / r1.deals / (r0.revenue / r0.deals)), 6);
    }
  });

  it("lists the six time bombs and the four segments", () => {
    expect(summary.timeBombs).toHaveLength(6);
    for (const b of summary.timeBombs) expect(["OK", "WATCH", "TIME BOMB", "NO DATA"]).toContain(b.status);
    expect(summary.segments.map((s) => s.segment)).toEqual(["S1", "S2", "S3", "S4"]);
  });
});

describe("Olist leads + closed deals (--leads)", () => {
  const dir = tempDir("olist");
  const out = join(dir, "olist-analysis.xlsx");
  let code: number;
  let funnelSheet: unknown[][];
  let summary: Summary;

  // Independent: leads per origin, and which of them closed (deals joined on mql_id).
  const leadLines = readFileSync(OLIST_LEADS, "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.split(","));
  const dealIds = new Set(readFileSync(OLIST_DEALS, "utf8").trim().split(/\r?\n/).slice(1).map((l) => l.slice(0, l.indexOf(","))));
  const expected = new Map<string, { leads: number; won: number }>();
  for (const [id, , , origin] of leadLines) {
    const key = origin === "" ? "(no origin)" : origin;
    const e = expected.get(key) ?? { leads: 0, won: 0 };
    e.leads++;
    if (dealIds.has(id)) e.won++;
    expected.set(key, e);
  }

  beforeAll(async () => {
    const cap = captureIO(dir);
    code = await main(["analyze", OLIST_DEALS, "--leads", OLIST_LEADS, "--out", out, "--json", join(dir, "olist.json")], cap.io);
    summary = JSON.parse(readFileSync(join(dir, "olist.json"), "utf8")) as Summary;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    funnelSheet = [];
    wb.getWorksheet("GTM Funnel")!.eachRow((row, r) => {
      funnelSheet[r - 1] = (row.values as unknown[]).slice(1);
    });
  });

  it("joins the 842 closed deals to their leads", () => {
    expect(code).toBe(0);
    expect(summary.rows.read).toBe(842);
    expect(summary.funnel.won).toBe(842);
    expect([...expected.values()].reduce((n, e) => n + e.won, 0)).toBe(842);
  });

  it("writes the lead-to-won funnel by origin, matching the counts computed here", () => {
    const title = funnelSheet.findIndex((r) => r && typeof r[0] === "string" && /funnel by origin/i.test(r[0] as string));
    expect(title).toBeGreaterThan(0);
    const headers = funnelSheet[title + 1] as string[];
    const at = (h: RegExp): number => headers.findIndex((x) => typeof x === "string" && h.test(x));
    const [cLeads, cWon, cRate] = [at(/^Leads$/), at(/^Won$/), at(/^Lead to won$/)];
    const seen = new Map<string, { leads: number; won: number; rate: number }>();
    for (let r = title + 2; funnelSheet[r] && funnelSheet[r][0]; r++) {
      const row = funnelSheet[r];
      seen.set(String(row[0]), { leads: row[cLeads] as number, won: row[cWon] as number, rate: row[cRate] as number });
    }
    for (const [origin, e] of expected) {
      expect({ origin, ...seen.get(origin)! }).toEqual({ origin, leads: e.leads, won: e.won, rate: expect.any(Number) });
      expect(seen.get(origin)!.rate).toBeCloseTo(e.won / e.leads, 12);
    }
    expect(seen.get("All origins")).toMatchObject({ leads: 8000, won: 842 });
  });

  it("gives the same lead-to-won funnel by origin in the JSON summary", () => {
    const rows = summary.funnel.leadsByOrigin!;
    expect(rows[rows.length - 1]).toMatchObject({ origin: "All origins", leads: 8000, won: 842 });
    for (const [origin, e] of expected) {
      const row = rows.find((x) => x.origin === origin)!;
      expect({ origin, leads: row.leads, won: row.won }).toEqual({ origin, ...e });
      expect(row.leadToWon).toBeCloseTo(e.won / e.leads, 12);
    }
  });
});
