/**
 * A stage history kept as a table of its own (Salesforce's OpportunityHistory shape: one row per change),
 * read by the task pane beside the deals: the pane's GTM Stages holds the same stage funnel as the command
 * line's `--history` on the same rows, its Results carry the history figures, and the companion is picked
 * by its name.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { runAnalysis as runCli } from "../../src/cli/run";
import { pickHistory } from "../../src/taskpane/companions";
import { listWorkbook } from "../../src/taskpane/excel/sources";
import { runAnalysis } from "../../src/taskpane/run";
import { inspectSheet } from "../../src/pipeline";
import type { SheetGrid } from "../../src/pipeline/types";
import { dealsSheet, generateHistory, opportunityHistorySheet } from "../support/history-gen";
import { gridToCsv } from "../support/csv-grid";
import { makeDouble } from "./double-host";

const dir = mkdtempSync(join(tmpdir(), "gtm-pane-history-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cells = (grid: SheetGrid) => grid.values.map((r) => r.map((v) => (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : v)));

describe("a stage-history table in the task pane", () => {
  const g = generateHistory(20241, { deals: 120 });
  const deals = dealsSheet(g, false);
  const history = opportunityHistorySheet(g);

  it("is picked by its name, read beside the deals, and gives the command line's stage funnel", async () => {
    const { d, host } = makeDouble({ sheets: [{ name: "Deals", values: cells(deals) }, { name: "Opportunity History", values: cells(history) }, { name: "Notes", values: [["my notes"]] }] });
    const listing = await listWorkbook(host, inspectSheet);
    const source = listing.sources.find((s) => s.sheet === "Deals")!;
    const picked = pickHistory(listing.sources, source);
    expect(picked?.sheet).toBe("Opportunity History");
    const out = await runAnalysis(host, { source, map: {}, history: { source: picked! }, period: "quarter" });
    expect(out.summary.history?.shape).toBe("table");
    expect(d.sheetNames()).toEqual(expect.arrayContaining(["GTM Stages", "GTM Velocity"]));

    // The command line on the same rows (CSV exports of both tables), its GTM Stages read back with ExcelJS.
    writeFileSync(join(dir, "deals.csv"), gridToCsv(deals, [3, 4]));
    writeFileSync(join(dir, "history.csv"), gridToCsv(history, [1, 4]));
    const cli = await runCli({ file: join(dir, "deals.csv"), history: join(dir, "history.csv"), out: join(dir, "out.xlsx"), period: "quarter" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(cli.out);
    const ws = wb.getWorksheet("GTM Stages")!;
    const cliRows: unknown[][] = [];
    ws.eachRow((row, number) => {
      const v = (row.values as unknown[]).slice(1, 15).map((x) => (x && typeof x === "object" && "result" in (x as object) ? (x as { result: unknown }).result : x ?? ""));
      cliRows[number - 1] = v;
    });
    for (let i = 0; i < cliRows.length; i++) cliRows[i] ??= [];
    const start = cliRows.findIndex((r) => r[0] === "Stage" && r[1] === "Deals entering");
    const pane = d.valuesOf("GTM Stages")!;
    const paneStart = pane.findIndex((r) => r[0] === "Stage" && r[1] === "Deals entering");
    expect(paneStart).toBe(start);
    const n = out.summary.history!.stages.length;
    expect(n).toBeGreaterThan(2);
    // entered, advanced, lost there, moved back, still open, median and 90th-percentile days: the same numbers
    const pick = (r: unknown[]) => [r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[8], r[9]];
    expect(pane.slice(paneStart + 1, paneStart + 1 + n).map(pick)).toEqual(cliRows.slice(start + 1, start + 1 + n).map(pick));
    // and the Results figures are those rows
    expect(out.summary.history!.stages.map((f) => [f.stage, f.deals, f.entered, f.advanced, f.lost])).toEqual(pane.slice(paneStart + 1, paneStart + 1 + n).map((r) => [r[0], r[1], r[2], r[3], r[4]]));
    // moves back are there (the generator makes them), so the table shape is more than the columns could say
    expect(out.summary.history!.stages.some((f) => f.entered > f.deals)).toBe(true);
  });

  it("is not offered when nothing is named like a history", async () => {
    const { host } = makeDouble({ sheets: [{ name: "Deals", values: cells(deals) }, { name: "Changes log", values: cells(history) }] });
    const listing = await listWorkbook(host, inspectSheet);
    const source = listing.sources.find((s) => s.sheet === "Deals")!;
    expect(pickHistory(listing.sources, source)).toBeNull();
  });
});
