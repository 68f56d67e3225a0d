/**
 * A workbook the command line wrote, then opened in Excel: the task pane must know the GTM sheets as its
 * own (the command line marks them with a value in row 1, not a custom property) and replace them on a run.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeReportFile } from "../../src/cli/write-xlsx";
import { OWNER_MARKER, OWNER_PROPERTY, type WorkbookReport } from "../../src/report/types";
import { listRawSources } from "../../src/taskpane/excel/read";
import { planReplacement, writeReport } from "../../src/taskpane/excel/write";
import { seedFromXlsx, type XlsxSeed } from "../support/xlsx-seed";
import { makeDouble, pipelineRows } from "./double-host";

function report(wins: number): WorkbookReport {
  return {
    insights: [],
    sheets: [
      {
        name: "GTM Summary",
        notes: ["What to act on first."],
        blocks: [{ row: 2, col: 0, headers: ["Metric", "Value"], rows: [["Wins", wins], ["Win rate", 0.25]], tableName: "GTM_Summary" }],
      },
      {
        name: "GTM Data Issues",
        blocks: [{ row: 0, col: 0, headers: ["Sheet", "Row", "Problem"], rows: [["Pipeline", 7, "Amount is not a number"]], tableName: "GTM_DataIssues" }],
      },
    ],
  };
}

const pipeline = { name: "Pipeline", values: pipelineRows(12) };
let cliSeed: XlsxSeed;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), "gtm-cli-book-")), "analysis.xlsx");
  await writeReportFile(report(3), file);
  cliSeed = await seedFromXlsx(file);
});

describe("a workbook written by the command line", () => {
  it("carries the marker as a value in row 1 and no custom property (what the task pane has to go by)", () => {
    const summary = cliSeed.sheets.find((s) => s.name === "GTM Summary")!;
    expect(summary.values[0]).toContain(OWNER_MARKER);
    expect(cliSeed.tables.map((t) => t.name).sort()).toEqual(["GTM_DataIssues", "GTM_Summary"]);
  });

  it("lists its GTM sheets as unrecorded and keeps them unless the user agrees to replace them", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline, ...cliSeed.sheets], tables: cliSeed.tables });
    const plan = await planReplacement(host);
    expect(plan.replace).toEqual([]);
    expect(plan.unrecorded.map((x) => x.name)).toEqual(["GTM Summary", "GTM Data Issues"]);
    const res = await writeReport(host, report(5));
    expect(res.replaced).toEqual([]);
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Data Issues", "GTM Summary (2)", "GTM Data Issues (2)"]);
    expect(d.valueAt("GTM Summary", "B4")).toBe(3);
  });

  it("has its GTM sheets replaced by a task-pane run the user agreed to, not duplicated, and its tables' names reused", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline, ...cliSeed.sheets], tables: cliSeed.tables });
    const plan = await planReplacement(host);
    const res = await writeReport(host, report(5), { replace: plan.unrecorded.map((x) => x.id) });
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Data Issues"]);
    expect(res.replaced.sort()).toEqual(["GTM Data Issues", "GTM Summary"]);
    expect(res.renamed).toEqual([]);
    expect(d.valueAt("GTM Summary", "B4")).toBe(5);
    expect(d.sheet("GTM Summary")!.customProperties.get(OWNER_PROPERTY.toLowerCase())!.value).toBe(OWNER_MARKER);
    expect(d.workbook.tables.map((t) => t.name).sort()).toEqual(["GTM_DataIssues", "GTM_Summary"]);
    expect(d.valuesOf("Pipeline")).toEqual(pipeline.values);
  });

  it("is not offered as a pipeline source", async () => {
    const { host } = makeDouble({ sheets: [pipeline, ...cliSeed.sheets], tables: cliSeed.tables });
    const sources = await listRawSources(host);
    expect(sources.map((s) => s.sheet)).not.toContain("GTM Data Issues");
    expect(sources.map((s) => s.sheet)).not.toContain("GTM Summary");
    expect(sources.map((s) => s.sheet)).toContain("Pipeline");
  });

  it("a user's sheet with our name and the marker text below row 1 stays theirs", async () => {
    const theirs = { name: "GTM Summary", values: [["My notes"], ["pasted from an export:"], [OWNER_MARKER]] };
    const { d, host } = makeDouble({ sheets: [pipeline, theirs] });
    const res = await writeReport(host, report(5));
    expect(res.names["GTM Summary"]).toBe("GTM Summary (2)");
    expect(res.replaced).toEqual([]);
    expect(d.valuesOf("GTM Summary")).toEqual(theirs.values);
  });
});
