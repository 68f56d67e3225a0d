/**
 * One pipeline, two ways in: the command line hands over the typed columns its readers filled, the task
 * pane hands over Office.js `range.values` (a row-major grid, "" for a blank cell). Both must give the
 * same PipelineData — tables, mapping, diagnostics and warnings — on the fixtures and the real datasets.
 * The grids here are plain arrays copied out of the file, so the grid path cannot reuse the columns.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../cli/helpers";
import { readPipeline, type PipelineOptions, type SheetGrid } from "../../src/pipeline";
import { Table } from "../../src/pipeline/table";
import { loadBook, dataSheets, type LoadedBook } from "../../src/cli/load";
import type { XlsxSheet } from "../../src/cli/read-xlsx";

const fixtures = join(__dirname, "../fixtures");
const sample = join(__dirname, "../../samples/gtm-sample.xlsx");

/** The sheet as Office.js would hand it over: a fresh array per row, blanks as "" (or null, as a file grid has them). */
function officeGrid(s: XlsxSheet, blank: "" | null): SheetGrid {
  const values = s.values.map((row) => Array.from(row, (v) => (v === null || v === "" ? blank : v)));
  return { name: s.name, values, firstRow: s.firstRow, firstColumn: s.firstColumn, hiddenRows: [...s.hiddenRows], date1904: s.date1904 };
}

type Sources = { deals: XlsxSheet; leads?: XlsxSheet; inputs?: XlsxSheet; history?: XlsxSheet };

function run(src: Sources, how: "columns" | "" | null): unknown {
  const as = (s: XlsxSheet | undefined) => (s === undefined ? undefined : how === "columns" ? s : officeGrid(s, how));
  const options: PipelineOptions = { leads: as(src.leads), inputs: as(src.inputs), history: as(src.history) };
  try {
    return readPipeline(as(src.deals)!, options);
  } catch (e) {
    return { error: (e as Error).message, diagnostics: (e as { diagnostics?: unknown }).diagnostics };
  }
}

function expectSame(src: Sources): void {
  expect(src.deals).toBeInstanceOf(Table);
  const columns = run(src, "columns");
  expect(run(src, "")).toEqual(columns);
  expect(run(src, null)).toEqual(columns);
}

const books = new Map<string, LoadedBook>();
async function book(path: string): Promise<LoadedBook> {
  if (!books.has(path)) books.set(path, await loadBook(path));
  return books.get(path)!;
}

describe("readPipeline: typed columns and an Office.js grid give the same data", () => {
  const files = [
    "chart-pivot/pipeline-with-chart-and-pivot.xlsx",
    "maven-crm/sales_pipeline.csv",
    "maven-crm/accounts.csv",
    "maven-crm/products.csv",
    "maven-crm/sales_teams.csv",
    "maven-crm/data_dictionary.csv",
    "olist-funnel/olist_closed_deals_dataset.csv",
    "olist-funnel/olist_marketing_qualified_leads_dataset.csv",
  ];
  it.each(files)("every sheet of %s", async (f) => {
    const b = await book(join(fixtures, f));
    const sheets = dataSheets(b);
    expect(sheets.length).toBeGreaterThan(0);
    for (const s of sheets) expectSame({ deals: s });
  });

  it("the Maven pipeline with a stage history table made from its own dates", async () => {
    const deals = (await book(join(fixtures, "maven-crm/sales_pipeline.csv"))).sheets[0];
    const lines = readFileSync(join(fixtures, "maven-crm/sales_pipeline.csv"), "utf8").split("\n").filter((l) => l.trim() !== "");
    const head = lines[0].split(",");
    const at = (name: string) => head.indexOf(name);
    const out = ["opportunity_id,deal_stage,date"];
    for (const l of lines.slice(1)) {
      const r = l.split(",");
      if (r[at("engage_date")]) out.push(`${r[at("opportunity_id")]},Engaging,${r[at("engage_date")]}`);
      if (r[at("close_date")]) out.push(`${r[at("opportunity_id")]},${r[at("deal_stage")]},${r[at("close_date")]}`);
    }
    const path = join(tempDir("columns-identity"), "history.csv");
    writeFileSync(path, out.join("\n"));
    const history = (await book(path)).sheets[0];
    expect(history.rows).toBeGreaterThan(1000);
    expectSame({ deals, history });
  });

  it("olist deals joined to their leads", async () => {
    const deals = (await book(join(fixtures, "olist-funnel/olist_closed_deals_dataset.csv"))).sheets[0];
    const leads = (await book(join(fixtures, "olist-funnel/olist_marketing_qualified_leads_dataset.csv"))).sheets[0];
    expectSame({ deals, leads });
  });

  it("the sample workbook with its leads and inputs", async () => {
    const b = await book(sample);
    const by = (re: RegExp) => b.sheets.find((s) => re.test(s.name));
    const src = { deals: by(/^deals$/i)!, leads: by(/lead/i), inputs: by(/input/i) };
    expect(src.leads && src.inputs).toBeTruthy();
    expectSame(src);
    // and each sheet on its own
    for (const s of dataSheets(b)) expectSame({ deals: s });
  });
});
