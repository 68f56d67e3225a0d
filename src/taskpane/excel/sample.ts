/**
 * "Try the sample pipeline": the seeded demo data (the same rows `npm run sample` writes) as three new
 * sheets of the user's workbook: deals, leads and a filled inputs sheet. Nothing existing is touched: a
 * name already in use gets " (2)". The sheets are ordinary data, the user's to keep or delete.
 */
import { generateSample, type SampleTable } from "../../sample/generate";
import { planSheetNames } from "../../report/sheet-names";
import { textInput, type ExcelInput } from "./cells";
import type { ExcelHost } from "./host";
import { listSheets } from "./owned";
import { protectionProblem } from "./write";

export const SAMPLE_SHEETS = { deals: "Sample Deals", leads: "Sample Leads", inputs: "Sample Inputs" } as const;

export interface SampleResult {
  deals: string;
  leads: string;
  inputs: string;
  rows: number;
}

function cell(v: string | number | null | undefined): ExcelInput {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? v : textInput(v);
}

function writeTable(ws: Excel.Worksheet, table: SampleTable): void {
  const width = Math.max(...table.rows.map((r) => r.length));
  const rows = table.rows.map((r) => Array.from({ length: width }, (_, c) => cell(r[c])));
  ws.getRangeByIndexes(0, 0, rows.length, width).values = rows;
  ws.getRangeByIndexes(0, 0, 1, width).format.font.bold = true;
  const from = table.formatFromRow ?? 1;
  const n = table.rows.length - from;
  if (n > 0) {
    for (const c of table.dateColumns) ws.getRangeByIndexes(from, c, n, 1).numberFormat = Array.from({ length: n }, () => ["yyyy-mm-dd"]);
    for (const c of table.moneyColumns) ws.getRangeByIndexes(from, c, n, 1).numberFormat = Array.from({ length: n }, () => ["#,##0"]);
  }
  ws.freezePanes.freezeRows(1);
  ws.getRangeByIndexes(0, 0, 1, width).format.autofitColumns();
}

/** Write the sample into new sheets, one sync per sheet (each well under Excel's 5 MB per request). */
export async function writeSampleSheets(host: ExcelHost): Promise<SampleResult> {
  const sample = generateSample();
  return host.run(async (context) => {
    const info = await listSheets(context);
    const problem = protectionProblem([], info.workbookProtected);
    if (problem) throw problem;
    const plan = planSheetNames(Object.values(SAMPLE_SHEETS), info.sheets.map((s) => ({ name: s.name, ownedByUs: false })));
    const names = { deals: plan.names[SAMPLE_SHEETS.deals], leads: plan.names[SAMPLE_SHEETS.leads], inputs: plan.names[SAMPLE_SHEETS.inputs] };
    const sheets = context.workbook.worksheets;
    for (const key of ["deals", "leads", "inputs"] as const) {
      const ws = sheets.add(names[key]);
      writeTable(ws, sample[key]);
      if (key === "deals") ws.activate();
      await context.sync();
    }
    return { ...names, rows: sample.deals.rows.length - 1 };
  });
}
