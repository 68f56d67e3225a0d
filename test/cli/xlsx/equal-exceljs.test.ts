/**
 * Our reader against ExcelJS's whole-workbook reader, cell for cell, on every workbook fixture, on random
 * workbooks written by ExcelJS and on one written by LibreOffice (soffice --convert-to xlsx of a csv).
 * ExcelJS's values are turned into Office.js values here, independently of the reader under test.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { readXlsx } from "../../../src/cli/read-xlsx";
import { tempDir } from "../helpers";

const dir = tempDir("equal-exceljs");

function officeValue(v: unknown, date1904: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569 - (date1904 ? 1462 : 0);
  const o = v as Record<string, unknown>;
  if ("error" in o) return String(o.error);
  if ("richText" in o) return (o.richText as { text: string }[]).map((r) => r.text).join("");
  // ExcelJS's reader drops a cached formula result of 0 (a falsy value): nothing to compare then.
  if ("formula" in o || "sharedFormula" in o) return o.result === undefined ? undefined : officeValue(o.result, date1904);
  if ("text" in o) return String(o.text);
  return String(v);
}

async function expectSameAsExcelJs(path: string): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ours = await readXlsx(path);
  const date1904 = Boolean(wb.properties.date1904);
  expect(ours.date1904).toBe(date1904);
  let cells = 0;
  expect(ours.sheets.map((s) => s.name)).toEqual(wb.worksheets.map((w) => w.name));
  for (const ws of wb.worksheets) {
    const sheet = ours.sheets.find((s) => s.name === ws.name)!;
    const first = sheet.firstRow ?? 1;
    const firstCol = sheet.firstColumn ?? 1;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const want = officeValue(cell.value, date1904);
        if (want === undefined) return;
        const got = sheet.values[r - first]?.[c - firstCol] ?? null;
        if (want === null || want === "") expect([ws.name, cell.address, got === "" ? null : got, JSON.stringify(cell.value)]).toEqual([ws.name, cell.address, null, JSON.stringify(cell.value)]);
        else expect([ws.name, cell.address, got]).toEqual([ws.name, cell.address, want]);
        cells++;
      });
    });
    // Nothing of ours that ExcelJS does not hold.
    sheet.values.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== null && v !== "") expect(ws.getCell(first + i, firstCol + j).value).not.toBeNull();
      }),
    );
  }
  return cells;
}

describe("the reader gives ExcelJS's values", () => {
  const fixtures = join(__dirname, "../../fixtures");
  const books = [join(__dirname, "../../../samples/gtm-sample.xlsx")];
  for (const d of readdirSync(fixtures, { withFileTypes: true })) {
    if (d.isDirectory()) for (const f of readdirSync(join(fixtures, d.name))) if (f.endsWith(".xlsx")) books.push(join(fixtures, d.name, f));
  }

  it.each(books)("on the fixture %s", async (book) => {
    expect(await expectSameAsExcelJs(book)).toBeGreaterThan(0);
  });

  it("on random workbooks written by ExcelJS (numbers, text with markup and controls, dates, booleans, errors, formulas, rich text, gaps)", async () => {
    let seed = 12345;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const texts = ["Won", "a & b < c > d", "  spaced  ", 'quote " apos \'', "line\nbreak", "tab\tin", "é ü 漢字 😀", "_x0041_ literal", "=not a formula", ""];
    for (let k = 0; k < 6; k++) {
      const wb = new ExcelJS.Workbook();
      if (k % 3 === 2) wb.properties.date1904 = true;
      for (let s = 0; s < 2; s++) {
        const ws = wb.addWorksheet(`S${k}-${s}`);
        for (let r = 1; r <= 60; r++) {
          if (rnd() < 0.1) continue;
          for (let c = 1; c <= 12; c++) {
            const u = rnd();
            const cell = ws.getCell(r, c);
            if (u < 0.15) continue;
            else if (u < 0.35) cell.value = Math.round((rnd() - 0.3) * 1e6) / 100;
            else if (u < 0.4) cell.value = rnd() * 1e-7;
            else if (u < 0.6) cell.value = texts[Math.floor(rnd() * texts.length)];
            else if (u < 0.68) cell.value = new Date(Date.UTC(2000 + Math.floor(rnd() * 30), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28), Math.floor(rnd() * 24)));
            else if (u < 0.73) cell.value = rnd() < 0.5;
            else if (u < 0.78) cell.value = { error: "#N/A" } as ExcelJS.CellErrorValue;
            else if (u < 0.85) cell.value = { formula: "1+1", result: Math.floor(rnd() * 100) } as ExcelJS.CellFormulaValue;
            else if (u < 0.9) cell.value = { formula: "\"a\"&\"b\"", result: "ab" } as ExcelJS.CellFormulaValue;
            else if (u < 0.95) cell.value = { richText: [{ text: "rich " }, { text: "text", font: { bold: true } }] };
            else cell.value = `id-${r}-${c}`;
          }
        }
        if (s === 1) ws.getRow(3).hidden = true;
      }
      const p = join(dir, `random-${k}.xlsx`);
      await wb.xlsx.writeFile(p);
      expect(await expectSameAsExcelJs(p)).toBeGreaterThan(100);
    }
  });

  it("on a workbook written by LibreOffice", async () => {
    const csv = join(dir, "lo-source.csv");
    const lines = ["Deal,Stage,Amount,Created,Note"];
    for (let i = 0; i < 300; i++) lines.push(`D${i},${i % 2 ? "Closed Won" : "Closed Lost"},${(i * 37.5).toFixed(2)},2024-0${1 + (i % 9)}-1${i % 10},"note, ${i} & <more>"`);
    writeFileSync(csv, lines.join("\n"));
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--convert-to", "xlsx", "--outdir", dir, csv], { stdio: "pipe", timeout: 120000 });
    const cells = await expectSameAsExcelJs(join(dir, "lo-source.xlsx"));
    expect(cells).toBe(301 * 5);
  });
});
