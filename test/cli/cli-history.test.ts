/**
 * `gtm-compass analyze deals.csv --history history.csv` end to end: a seeded CRM export with stage moves
 * back and close-date slips, written as CSV files; the analysis workbook opened in LibreOffice, whose own
 * formulas must show every stage and every waterfall period balancing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dealsSheet, generateHistory, opportunityHistorySheet } from "../support/history-gen";
import type { SheetGrid } from "../../src/pipeline/types";
import { ensureBuilt, libreOfficeSheets, loNumber, runCli, tempDir } from "./helpers";

/** Serial day -> ISO date (JavaScript's Date), the way a CRM writes dates in a CSV export. */
const iso = (s: number) => new Date(Math.round((s - 25569) * 86400000)).toISOString().slice(0, 10);

function toCsv(grid: SheetGrid, dateColumns: number[]): string {
  return grid.values
    .map((row, r) => row.map((v, c) => {
      if (r > 0 && dateColumns.includes(c) && typeof v === "number") return iso(v);
      if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
      const t = String(v ?? "");
      return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    }).join(","))
    .join("\n") + "\n";
}

describe("gtm-compass analyze --history", () => {
  const dir = tempDir("history");
  const g = generateHistory(20241, { deals: 120 });
  writeFileSync(join(dir, "deals.csv"), toCsv(dealsSheet(g, false), [3, 4]));
  writeFileSync(join(dir, "history.csv"), toCsv(opportunityHistorySheet(g), [1, 4]));
  let run: ReturnType<typeof runCli>;

  beforeAll(() => {
    ensureBuilt();
    run = runCli(["analyze", "deals.csv", "--history", "history.csv", "--period", "quarter", "--out", "out.xlsx", "--json", "out.json"], dir);
  });

  it("reads the history, says where from, and writes GTM Stages and GTM Velocity", () => {
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/stage history: history\.csv/);
    expect(run.stdout).toMatch(/GTM Stages, GTM Velocity, GTM Data Issues/);
  });

  it("writes the history into the JSON summary: every stage and every waterfall period balance", () => {
    const j = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"));
    expect(j.history.shape).toBe("table");
    expect(j.stages.map((s: { stage: string }) => s.stage)).toEqual(["Prospecting", "Qualification", "Proposal", "Negotiation"]);
    for (const s of j.stages) expect(s.entered).toBe(s.advanced + s.lost + s.movedBack + s.open);
    const c = (x: number | null) => Math.round((x ?? 0) * 100);
    expect(j.waterfall.periods.length).toBeGreaterThan(2);
    for (const p of j.waterfall.periods) {
      expect(c(p.start) + c(p.created) + c(p.pulledIn) + c(p.increased) - c(p.decreased) - c(p.pushedOut) - c(p.won) - c(p.lost)).toBe(c(p.end));
    }
    expect(j.velocity.changes.some((x: { defined: boolean }) => x.defined)).toBe(true);
  });

  it("opens in LibreOffice, whose formulas show each stage's ways out adding up to its entries", () => {
    const lo = libreOfficeSheets(join(dir, "out.xlsx"));
    const stages = lo.get("GTM Stages")!;
    const head = stages.findIndex((r) => r[0] === "Stage" && r[2] === "Entries");
    expect(head).toBeGreaterThan(0);
    const rows = stages.slice(head + 1, head + 5);
    expect(rows.map((r) => r[0])).toEqual(["Prospecting", "Qualification", "Proposal", "Negotiation"]);
    for (const r of rows) expect(loNumber(r[7])).toBe(loNumber(r[2]));
    const v = lo.get("GTM Velocity")!;
    const wf = v.findIndex((r) => r[0] === "Period" && r[1] === "Start");
    const periods = v.slice(wf + 1).filter((r, i, all) => /^\d{4}-Q\d$/.test(r[0]) && all.slice(0, i).every((x) => /^\d{4}-Q\d$/.test(x[0])));
    expect(periods.length).toBeGreaterThan(2);
    for (const r of periods) expect(Math.round(loNumber(r[10]) * 100)).toBe(Math.round(loNumber(r[9]) * 100));
  });

  it("refuses a history file that is not there, in one line", () => {
    const r = runCli(["analyze", "deals.csv", "--history", "missing.csv", "--out", "x.xlsx"], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/missing\.csv/);
  });
});

/**
 * The Maven CRM pipeline as two exports of another shape: the deals as a German-locale CSV (";" delimiter,
 * day-first dates, "1.054" with "." between thousands) and its stage history built from its own dates as
 * a Salesforce OpportunityHistory CSV (every field quoted, CreatedDate a timestamp, amounts "1054.00", in
 * date order). Every figure is checked against a count of the fixture written here.
 */
describe("gtm-compass analyze --history on the Maven deals in other export shapes", () => {
  const dir = tempDir("history-maven");
  const lines = readFileSync(join(__dirname, "..", "fixtures", "maven-crm", "sales_pipeline.csv"), "utf8").trim().split(/\r?\n/).slice(1);
  const deals = lines.map((l) => {
    const [id, agent, product, account, stage, engage, close, value] = l.split(",");
    return { id, agent, product, account, stage, engage, close, value };
  });
  const ymd = (us: string) => {
    const [m, d, y] = us.split("/").map(Number);
    return { y, m, d };
  };
  const two = (n: number) => String(n).padStart(2, "0");
  const de = (us: string) => (us ? (({ y, m, d }) => `${two(d)}.${two(m)}.${y}`)(ymd(us)) : "");
  const isoOf = (us: string) => (({ y, m, d }) => `${y}-${two(m)}-${two(d)}`)(ymd(us));
  writeFileSync(join(dir, "deals.csv"), ["Opportunity ID;Vertriebsmitarbeiter;Produkt;Kunde;Phase;Erstellt am;Abschlussdatum;Betrag",
    ...deals.map((x) => [x.id, x.agent, x.product, x.account, x.stage, de(x.engage), de(x.close), x.value ? Number(x.value).toLocaleString("de-DE") : ""].join(";"))].join("\n") + "\n");
  const changes: string[][] = [];
  for (const x of deals) {
    const amount = Number(x.value || 0).toFixed(2);
    if (x.engage) changes.push([x.id, `${isoOf(x.engage)}T09:30:00.000+0000`, "Engaging", amount, x.close ? isoOf(x.close) : ""]);
    if (x.close && (x.stage === "Won" || x.stage === "Lost")) changes.push([x.id, `${isoOf(x.close)}T09:30:00.000+0000`, x.stage, amount, isoOf(x.close)]);
  }
  changes.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] < b[0] ? -1 : 1));
  writeFileSync(join(dir, "history.csv"), [["OpportunityId", "CreatedDate", "StageName", "Amount", "CloseDate"], ...changes].map((r) => r.map((v) => `"${v}"`).join(",")).join("\n") + "\n");

  it("gives the stage funnel, the won revenue per quarter and the waterfall's won bars of an independent count", () => {
    ensureBuilt();
    const run = runCli(["analyze", "deals.csv", "--history", "history.csv", "--period", "quarter", "--out", "out.xlsx", "--json", "out.json"], dir);
    expect(run.code).toBe(0);
    const j = JSON.parse(readFileSync(join(dir, "out.json"), "utf8"));
    const won = deals.filter((x) => x.stage === "Won");
    const lost = deals.filter((x) => x.stage === "Lost");
    const engaged = deals.filter((x) => x.engage);
    const quarterRevenue = new Map<string, number>();
    for (const x of won) {
      const { y, m } = ymd(x.close);
      const q = `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
      quarterRevenue.set(q, (quarterRevenue.get(q) ?? 0) + Number(x.value));
    }
    expect(j.rows).toEqual({ read: deals.length, used: deals.length, skipped: 0 });
    expect(j.funnel.won).toBe(won.length);
    expect(j.history.shape).toBe("table");
    const engaging = j.stages.find((s: { stage: string }) => s.stage === "Engaging");
    expect([engaging.entered, engaging.advanced, engaging.lost, engaging.open]).toEqual([
      engaged.length,
      won.filter((x) => x.engage).length,
      lost.filter((x) => x.engage).length,
      engaged.filter((x) => x.stage !== "Won" && x.stage !== "Lost").length,
    ]);
    const byQuarter = (periods: { period: string }[], key: string) => Object.fromEntries(periods.map((p) => [p.period, (p as unknown as Record<string, number>)[key]]).filter(([, v]) => v !== 0));
    expect(byQuarter(j.levers.periods, "revenue")).toEqual(Object.fromEntries(quarterRevenue));
    expect(byQuarter(j.waterfall.periods, "won")).toEqual(Object.fromEntries(quarterRevenue));
  });
});
