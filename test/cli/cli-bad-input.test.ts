/**
 * Bad input through the command line, as a child process: each case ends with one clear line on stderr
 * and the right exit code, never a stack trace; the user's files are never changed.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ensureBuilt, runCli, sha256, tempDir, zipEntries, type CliRun } from "./helpers";

const CHART_PIVOT = join(__dirname, "../fixtures/chart-pivot/pipeline-with-chart-and-pivot.xlsx");

/** Exactly one line on stderr, starting with our name, and no stack trace. */
function oneLine(run: CliRun): string {
  const lines = run.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^gtm-compass: /);
  expect(run.stderr).not.toMatch(/\n\s+at |Error:|\.ts:\d+|\.js:\d+/);
  return lines[0];
}

async function xlsx(path: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

const DEALS_CSV = [
  "Deal ID,Stage,Amount,Created Date,Close Date,Owner,Account",
  "D1,Closed Won,1000,2024-01-05,2024-02-10,Ana,Acme",
  "D2,Closed Lost,500,2024-01-07,2024-03-01,Ben,Bolt",
  "D3,Closed Won,1500,2024-04-02,2024-05-20,Ana,Acme",
  "D4,Negotiation,800,2024-05-01,,Ben,Core",
].join("\n");

describe("gtm-compass analyze: bad input", () => {
  let dir: string;
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir("cli-bad");
  });

  it("a file that is not a workbook: exit 1, one line", () => {
    writeFileSync(join(dir, "photo.xlsx"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
    const r = runCli(["analyze", "photo.xlsx"], dir);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(/photo\.xlsx is not a workbook/);
  });

  it("an empty sheet and an empty file: exit 1, one line", async () => {
    await xlsx(join(dir, "empty.xlsx"), (wb) => wb.addWorksheet("Sheet1"));
    const r = runCli(["analyze", "empty.xlsx"], dir);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(/empty\.xlsx has no data/);
    writeFileSync(join(dir, "empty.csv"), "");
    const c = runCli(["analyze", "empty.csv"], dir);
    expect(c.code).toBe(1);
    expect(oneLine(c)).toMatch(/empty\.csv is empty/);
  });

  it("no header row (numbers only): exit 1, one line that says what to map", () => {
    writeFileSync(join(dir, "noheader.csv"), "1,2,3\n4,5,6\n7,8,9\n");
    const r = runCli(["analyze", "noheader.csv"], dir);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(/header|--map/);
  });

  it("unknown headers: one line asking for --map, and --map then makes it work", () => {
    writeFileSync(join(dir, "odd.csv"), "Step,Deal Worth,Opened\nWon,100,2024-01-01\nLost,50,2024-02-01\nProposal,70,2024-03-01\n");
    const r = runCli(["analyze", "odd.csv"], dir);
    expect(r.code).toBe(1);
    const line = oneLine(r);
    expect(line).toMatch(/no column found for the required field/);
    expect(line).toMatch(/--map stage=/);
    const ok = runCli(["analyze", "odd.csv", "--map", "stage=Step", "--map", "amount=Deal Worth", "--map", "created=Opened", "--quiet"], dir);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe("");
  });

  it("a mistake on the command line: exit 2, one line", () => {
    for (const args of [[], ["analyse", "x.csv"], ["analyze"], ["analyze", "x.csv", "--period", "weekly"], ["analyze", "x.csv", "--bogus"], ["analyze", "x.csv", "--map", "amount"]]) {
      const r = runCli(args, dir);
      expect(r.code).toBe(2);
      oneLine(r);
    }
    const help = runCli(["--help"], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: gtm-compass analyze/);
  });

  it("a missing --sheet lists the sheets there are", () => {
    copyFileSync(CHART_PIVOT, join(dir, "cp.xlsx"));
    const r = runCli(["analyze", "cp.xlsx", "--sheet", "Deals"], dir);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toBe('gtm-compass: No sheet named "Deals" in cp.xlsx for --sheet (its sheets: "Data", "Pivot").');
  });

  it("cell text starting with = + - @ is written as text, never as a live formula", async () => {
    const owners = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+SUM(1,2)", "-2+3", "@SUM(A1:A9)"];
    const rows = ["Deal ID,Stage,Amount,Created Date,Close Date,Owner"];
    owners.forEach((o, i) => {
      const quoted = `"${o.replace(/"/g, '""')}"`;
      rows.push(`W${i},Closed Won,${1000 + i},2024-01-0${i + 1},2024-02-1${i},${quoted}`);
      rows.push(`L${i},Closed Lost,${500 + i},2024-01-0${i + 1},2024-03-1${i},${quoted}`);
    });
    writeFileSync(join(dir, "formulas.csv"), rows.join("\n"));
    const r = runCli(["analyze", "formulas.csv", "--quiet"], dir);
    expect(r.code).toBe(0);
    const out = join(dir, "formulas-analysis.xlsx");
    const zip = await JSZip.loadAsync(readFileSync(out));
    const shared = await zip.file("xl/sharedStrings.xml")!.async("string");
    const xmlText = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
    for (const o of owners) expect(shared.includes(`<t>${xmlText(o)}</t>`) || shared.includes(`>${xmlText(o)}<`)).toBe(true);
    const sheets = (await zipEntries(out)).filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p));
    expect(sheets.length).toBeGreaterThan(3);
    for (const p of sheets) {
      const xml = await zip.file(p)!.async("string");
      for (const f of xml.match(/<f[^>]*>[^<]*<\/f>/g) ?? []) {
        // the only formulas are the levers' own sums of their three parts
        expect(f).toMatch(/^<f>SUM\([A-Z]+\d+:[A-Z]+\d+\)<\/f>$/);
        expect(f).not.toMatch(/HYPERLINK|2\+3/);
      }
    }
    // ExcelJS reads them back as plain strings.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const texts = new Set<string>();
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => typeof c.value === "string" && texts.add(c.value))));
    for (const o of owners) expect(texts.has(o)).toBe(true);
  });

  it("an earlier GTM Compass output at --out is replaced", () => {
    writeFileSync(join(dir, "deals.csv"), DEALS_CSV);
    const first = runCli(["analyze", "deals.csv", "--out", "result.xlsx"], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Analysis written to result\.xlsx\n/);
    const second = runCli(["analyze", "odd.csv", "--map", "stage=Step", "--map", "amount=Deal Worth", "--out", "result.xlsx"], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^Analysis written to result\.xlsx \(replacing the previous analysis\)/);
  });

  it("a user's workbook at --out is refused (exit 3, file unchanged) unless --force", async () => {
    const mine = await xlsx(join(dir, "budget.xlsx"), (wb) => wb.addWorksheet("Budget").addRow(["Q1", 100]));
    const before = sha256(mine);
    const r = runCli(["analyze", "deals.csv", "--out", "budget.xlsx"], dir);
    expect(r.code).toBe(3);
    expect(oneLine(r)).toBe("gtm-compass: budget.xlsx already exists and was not written by GTM Compass: choose another --out, or add --force to replace it.");
    expect(sha256(mine)).toBe(before);
    const forced = runCli(["analyze", "deals.csv", "--out", "budget.xlsx", "--force", "--quiet"], dir);
    expect(forced.code).toBe(0);
    expect(sha256(mine)).not.toBe(before);
  });

  it("the output can never be the input file", () => {
    copyFileSync(CHART_PIVOT, join(dir, "own.xlsx"));
    const before = sha256(join(dir, "own.xlsx"));
    const r = runCli(["analyze", "own.xlsx", "--out", "own.xlsx", "--force"], dir);
    expect(r.code).toBe(3);
    expect(oneLine(r)).toMatch(/never changes your file/);
    expect(sha256(join(dir, "own.xlsx"))).toBe(before);
  });

  it("an analysis workbook given as input is refused", () => {
    const r = runCli(["analyze", "result.xlsx"], dir);
    expect(r.code).toBe(1);
    expect(oneLine(r)).toMatch(/holds only sheets written by GTM Compass/);
  });

  it("a workbook with a chart and a pivot table is read, never rewritten: bytes and chart/pivot parts unchanged", async () => {
    const input = join(dir, "with-chart.xlsx");
    copyFileSync(CHART_PIVOT, input);
    const before = sha256(input);
    const zipBefore = await JSZip.loadAsync(readFileSync(input));
    const parts = Object.keys(zipBefore.files).filter((p) => /chart|drawing|pivot/i.test(p) && !zipBefore.files[p].dir);
    expect(parts).toEqual(expect.arrayContaining(["xl/charts/chart1.xml", "xl/pivotTables/pivotTable1.xml", "xl/pivotCache/pivotCacheDefinition1.xml"]));
    const partText = new Map(await Promise.all(parts.map(async (p) => [p, await zipBefore.file(p)!.async("string")] as [string, string])));
    const r = runCli(["analyze", "with-chart.xlsx"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Analysis written to with-chart-analysis\.xlsx\n/);
    expect(r.stderr).toMatch(/with-chart\.xlsx › Data: 20 rows read, 20 used/);
    expect(sha256(input)).toBe(before);
    const zipAfter = await JSZip.loadAsync(readFileSync(input));
    for (const [p, text] of partText) expect(await zipAfter.file(p)!.async("string")).toBe(text);
    // The analysis is a workbook of its own: our sheets only, none of the user's.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, "with-chart-analysis.xlsx"));
    expect(wb.worksheets.every((w) => w.name.startsWith("GTM "))).toBe(true);
  });
});
