import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../src/cli/main";
import { runAnalysis } from "../../src";
import ExcelJS from "exceljs";
import { inputsTemplate } from "../../src/pipeline/inputs";
import { OWNER_MARKER } from "../../src/report/types";
import { captureIO, tempDir } from "./helpers";

const CSV = [
  "Opportunity ID,Stage,Amount,Created Date,Close Date,Opportunity Owner,Account Name",
  "O1,Closed Won,1000,2024-01-05,2024-02-10,Ana,Acme",
  "O2,Closed Lost,500,2024-01-07,2024-03-01,Ben,Bolt",
  "O3,Closed Won,3000,2024-04-02,2024-05-20,Ana,Acme",
  "O4,Closed Won,2000,2024-04-09,2024-06-20,Ben,Core",
  "O5,Proposal,800,2024-05-01,,Ben,Core",
].join("\n");

describe("main(argv) in process", () => {
  const dir = tempDir("main");
  writeFileSync(join(dir, "a.csv"), CSV);
  writeFileSync(join(dir, "b.csv"), CSV);

  it("--json - prints only the JSON summary on standard output", async () => {
    const cap = captureIO(dir);
    const code = await main(["analyze", join(dir, "a.csv"), "--json", "-", "--period", "quarter"], cap.io);
    expect(code).toBe(0);
    const j = JSON.parse(cap.out());
    // By hand: 3 won, 1 lost, 1 open; Q1 revenue 1,000 (1 customer), Q2 5,000 (2 customers, 2 deals).
    expect(j.funnel).toMatchObject({ won: 3, lost: 1, open: 1, winRate: 0.75 });
    expect(j.levers.periods.map((p: { period: string; revenue: number; customers: number }) => [p.period, p.revenue, p.customers])).toEqual([
      ["2024-Q1", 1000, 1],
      ["2024-Q2", 5000, 2],
    ]);
    const change = j.levers.changes[0];
    expect(change.customers + change.frequency + change.averageDeal).toBeCloseTo(4000, 9);
    expect(existsSync(join(dir, "a-analysis.xlsx"))).toBe(true);
  });

  it("several inputs each get their own analysis workbook", async () => {
    const cap = captureIO(dir);
    const code = await main(["analyze", join(dir, "a.csv"), join(dir, "b.csv")], cap.io);
    expect(code).toBe(0);
    expect(cap.out().match(/^Analysis written to /gm)).toHaveLength(2);
    expect(existsSync(join(dir, "b-analysis.xlsx"))).toBe(true);
    expect(cap.err().split("\n").filter(Boolean)).toHaveLength(2);
  });

  it("a missing file is one line and exit 1", async () => {
    const cap = captureIO(dir);
    expect(await main(["analyze", join(dir, "nope.xlsx")], cap.io)).toBe(1);
    expect(cap.err()).toMatch(/^gtm-compass: Cannot open .*nope\.xlsx: no such file\.\n$/);
  });

  it("an output folder that does not exist is one line and exit 3", async () => {
    const cap = captureIO(dir);
    expect(await main(["analyze", join(dir, "a.csv"), "--out", join(dir, "no", "such", "r.xlsx")], cap.io)).toBe(3);
    expect(cap.err()).toMatch(/^gtm-compass: Cannot write .*r\.xlsx: its folder does not exist\.\n$/);
  });

  it("--inputs takes a separate inputs workbook: the rep cost there decides who is below breakeven", async () => {
    const grid = inputsTemplate();
    const row = grid.findIndex((r) => r[0] === "Rep cost per year");
    // 500 a quarter. The data ends 2024-06-20, so the last complete quarter is 2024-Q1, in which Ana won
    // 1,000 (above) and Ben nothing (below).
    grid[row][1] = 2000;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("My inputs");
    grid.forEach((r) => ws.addRow(r));
    await wb.xlsx.writeFile(join(dir, "inputs.xlsx"));
    const cap = captureIO(dir);
    const code = await main(["analyze", join(dir, "a.csv"), "--inputs", join(dir, "inputs.xlsx"), "--json", "-", "--period", "quarter", "--out", join(dir, "with-inputs.xlsx")], cap.io);
    expect(code).toBe(0);
    const team = JSON.parse(cap.out()).timeBombs.find((b: { id: string }) => b.id === "inefficient-sales-team");
    expect(team.evidence.reps).toEqual(["Ben"]);
    expect(team.evidence.facts.join(" ")).toMatch(/fully loaded cost of 500 per quarter \(2024-Q1\)/);
  });

  it("--sheet, --leads and --inputs name sheets of the same workbook", async () => {
    const cap = captureIO(dir);
    const sample = join(__dirname, "../../samples/gtm-sample.xlsx");
    const code = await main(["analyze", sample, "--sheet", "deals", "--leads", "Leads", "--inputs", "INPUTS", "--out", join(dir, "named.xlsx")], cap.io);
    expect(code).toBe(0);
    expect(cap.out()).toMatch(/leads: gtm-sample\.xlsx › Leads\n  inputs: gtm-sample\.xlsx › Inputs/);
    expect(cap.err()).toMatch(/gtm-sample\.xlsx › Deals: 992 rows read/);
  });

  it("never reads a sheet GTM Compass wrote, even one that looks like a pipeline", async () => {
    const wb = new ExcelJS.Workbook();
    const ours = wb.addWorksheet("GTM Deals copy");
    ours.addRow(["Deal ID", "Stage", "Amount", "Created Date", "Close Date", "", OWNER_MARKER]);
    for (let i = 0; i < 50; i++) ours.addRow([`X${i}`, "Closed Won", 10, "2024-01-01", "2024-02-01"]);
    const mine = wb.addWorksheet("Deals");
    CSV.split("\n").forEach((line) => mine.addRow(line.split(",")));
    await wb.xlsx.writeFile(join(dir, "mixed.xlsx"));
    const cap = captureIO(dir);
    expect(await main(["analyze", join(dir, "mixed.xlsx"), "--quiet"], cap.io)).toBe(0);
    expect(existsSync(join(dir, "mixed-analysis.xlsx"))).toBe(true);
    const r = await runAnalysis({ file: join(dir, "mixed.xlsx"), out: join(dir, "mixed-2.xlsx") });
    expect(r.from.deals).toBe("mixed.xlsx › Deals");
    expect(r.rows.read).toBe(5);
  });

  it("runAnalysis from the package entry does the same without a command line", async () => {
    const r = await runAnalysis({ file: join(dir, "a.csv"), out: join(dir, "api.xlsx"), period: "quarter" });
    expect(r.out).toBe(join(dir, "api.xlsx"));
    expect(r.rows).toEqual({ read: 5, used: 5, skipped: 0 });
    expect(r.sheets[0]).toBe("GTM Summary");
    expect(existsSync(r.out)).toBe(true);
  });
});
