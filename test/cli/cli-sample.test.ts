/**
 * The demo path: the CLI, run as a child process on the committed sample workbook, writes an analysis
 * workbook in which the sales-team time bomb really fires; LibreOffice reads the same values from it.
 */
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { generateSample } from "../../src/cli/sample";
import { ensureBuilt, libreOfficeSheets, loNumber, runCli, sha256, tempDir, type CliRun } from "./helpers";

const SAMPLE = join(__dirname, "../../samples/gtm-sample.xlsx");

/** All cells of a sheet as ExcelJS reads them: [row][col] (1-based rows/cols mapped to 0-based). */
function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      // ExcelJS gives the cells merged into another the first one's value; a spreadsheet shows them empty
      const v = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      cells[c - 1] = v !== null && typeof v === "object" && "result" in v ? v.result : v;
    });
    rows[r - 1] = cells;
  });
  return rows;
}

describe("gtm-compass analyze samples/gtm-sample.xlsx (child process)", () => {
  let dir: string;
  let input: string;
  let out: string;
  let run: CliRun;
  let before: string;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    ensureBuilt();
    dir = tempDir("cli-sample");
    input = join(dir, "gtm-sample.xlsx");
    copyFileSync(SAMPLE, input);
    before = sha256(input);
    run = runCli(["analyze", "gtm-sample.xlsx"], dir);
    out = join(dir, "gtm-sample-analysis.xlsx");
    wb = new ExcelJS.Workbook();
    if (existsSync(out)) await wb.xlsx.readFile(out);
  });

  it("exits 0, says where the result is, and prints one plain final line on a non-terminal stderr", () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Analysis written to gtm-sample-analysis\.xlsx\n/);
    expect(run.stdout).toMatch(/leads: gtm-sample\.xlsx › Leads/);
    expect(run.stdout).toMatch(/inputs: gtm-sample\.xlsx › Inputs/);
    expect(run.stdout).toMatch(/Top insights:\n  \[TIME BOMB\] A comfortable, inefficient sales team: 2 of 5 reps/);
    const lines = run.stderr.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^gtm-compass: gtm-sample\.xlsx › Deals: 992 rows read, 992 used, 0 skipped, in \d+\.\d s$/);
    expect(run.stderr).not.toMatch(/[\r\x1b]/);
  });

  it("leaves the input file byte for byte as it was", () => {
    expect(sha256(input)).toBe(before);
  });

  it("writes the GTM sheets, and the sales-team time bomb fires for the two reps below their cost", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "GTM Summary", "GTM Levers", "GTM Time Bombs", "GTM Funnel", "GTM Segments", "GTM Compass", "GTM Data Issues",
    ]);
    const bombs = sheetValues(wb.getWorksheet("GTM Time Bombs")!);
    const row = bombs.find((r) => r.some((v) => typeof v === "string" && /inefficient sales team/i.test(v)));
    expect(row).toBeDefined();
    expect(row).toContain("TIME BOMB");
    // Independently: reps whose 2024 won revenue per quarter is below the inputs' 180,000 a year / 4.
    const s = generateSample();
    const h = s.deals.rows[0];
    const won = new Map<string, number>();
    for (const r of s.deals.rows.slice(1)) {
      const rep = r[h.indexOf("Opportunity Owner")] as string;
      const close = r[h.indexOf("Close Date")] as number;
      if (!won.has(rep)) won.set(rep, 0);
      if (r[h.indexOf("Stage")] === "Closed Won" && close >= 45292) won.set(rep, won.get(rep)! + (r[h.indexOf("Amount")] as number));
    }
    const below = [...won].filter(([, v]) => v / 4 < 45000).map(([k]) => k);
    expect(below.sort()).toEqual(["Casey Lindqvist", "Morgan Diaz"]);
    const text = bombs.flat().filter((v) => typeof v === "string").join("\n");
    for (const rep of below) expect(text).toContain(rep);
  });

  it("opens in LibreOffice with the same values on every sheet", () => {
    const lo = libreOfficeSheets(out);
    expect([...lo.keys()].sort()).toEqual(wb.worksheets.map((w) => w.name).sort());
    let numbers = 0;
    let texts = 0;
    for (const ws of wb.worksheets) {
      const ours = sheetValues(ws);
      const theirs = lo.get(ws.name)!;
      ours.forEach((row, r) =>
        (row ?? []).forEach((v, c) => {
          const cell = theirs[r]?.[c] ?? "";
          if (typeof v === "number") {
            expect(loNumber(cell)).toBeCloseTo(v, 6);
            numbers++;
          } else if (typeof v === "string") {
            expect(cell).toBe(v);
            texts++;
          } else if (v === null || v === undefined) expect(cell).toBe("");
        }),
      );
    }
    expect(numbers).toBeGreaterThan(100);
    expect(texts).toBeGreaterThan(100);
  });

  it("a rerun replaces its own earlier analysis", () => {
    const again = runCli(["analyze", "gtm-sample.xlsx"], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Analysis written to gtm-sample-analysis\.xlsx \(replacing the previous analysis\)/);
    expect(sha256(input)).toBe(before);
  });
});
