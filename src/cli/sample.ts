/**
 * The demo workbook file (npm run sample → samples/gtm-sample.xlsx): the seeded sample data of
 * src/sample/generate.ts written with ExcelJS.
 */
import ExcelJS from "exceljs";
import { generateSample, SAMPLE_SEED, type SampleWorkbook } from "../sample/generate";

export { mulberry32, generateSample, SAMPLE_SEED, SAMPLE_START, SAMPLE_END, type SampleTable, type SampleWorkbook } from "../sample/generate";

/** The sample as an ExcelJS workbook: Deals, Leads and Inputs sheets with formats a person would use. */
export function sampleWorkbook(sample: SampleWorkbook = generateSample()): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "GTM Compass sample generator";
  // A fixed timestamp keeps the file identical from run to run.
  wb.created = new Date(Date.UTC(2025, 0, 1));
  wb.modified = wb.created;
  for (const table of [sample.deals, sample.leads, sample.inputs]) {
    const ws = wb.addWorksheet(table.name);
    for (const row of table.rows) ws.addRow(row);
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: "frozen", ySplit: 1 }];
    const width = table.rows[0].length;
    for (let c = 0; c < width; c++) {
      ws.getColumn(c + 1).width = Math.min(40, Math.max(10, ...table.rows.slice(0, 200).map((r) => String(r[c] ?? "").length + 2)));
      const fmt = table.dateColumns.includes(c) ? "yyyy-mm-dd" : table.moneyColumns.includes(c) ? "#,##0" : undefined;
      if (!fmt) continue;
      for (let r = table.formatFromRow ?? 1; r < table.rows.length; r++) ws.getCell(r + 1, c + 1).numFmt = fmt;
    }
  }
  return wb;
}

/** Write the sample workbook (npm run sample → samples/gtm-sample.xlsx). */
export async function writeSample(path: string, seed = SAMPLE_SEED): Promise<void> {
  await sampleWorkbook(generateSample(seed)).xlsx.writeFile(path);
}

if (require.main === module) {
  const path = process.argv[2] ?? "samples/gtm-sample.xlsx";
  writeSample(path).then(
    () => process.stdout.write(`Sample workbook written to ${path}\n`),
    (e: Error) => {
      process.stderr.write(`gtm-compass sample: ${e.message}\n`);
      process.exitCode = 1;
    },
  );
}
