/**
 * A real xlsx as the Excel host double's seed: cell values as Office.js gives them (dates as serial
 * numbers, formulas as their cached result, rich text as its text) and the workbook's tables.
 */
import ExcelJS from "exceljs";

export interface XlsxSeed {
  sheets: { name: string; values: unknown[][] }[];
  tables: { name: string; sheet: string; address: string }[];
}

/** Excel serial day number of a UTC date (what Office.js range.values gives for a date cell). */
export function serial(d: Date): number {
  return (d.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
}

function officeValue(v: ExcelJS.CellValue): unknown {
  if (v instanceof Date) return serial(v);
  if (v === null || v === undefined) return "";
  if (typeof v !== "object") return v;
  if ("result" in v) return officeValue((v as { result?: ExcelJS.CellValue }).result ?? null);
  return String((v as { text?: string }).text ?? "");
}

export async function seedFromXlsx(file: string): Promise<XlsxSeed> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const tables: XlsxSeed["tables"] = [];
  const sheets = wb.worksheets.map((ws) => {
    const values: unknown[][] = [];
    const width = ws.columnCount; // computed from every row on each access: read it once
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const out: unknown[] = [];
      for (let c = 1; c <= width; c++) out.push(officeValue(row.getCell(c).value));
      values[r - 1] = out;
    });
    for (const t of ws.getTables()) {
      const model = (t as unknown as { table: { name: string; tableRef: string } }).table;
      tables.push({ name: model.name, sheet: ws.name, address: model.tableRef });
    }
    return { name: ws.name, values };
  });
  return { sheets, tables };
}
