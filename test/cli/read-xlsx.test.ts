import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import JSZip from "jszip";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { readXlsx } from "../../src/cli/read-xlsx";
import { zipPartSizes } from "../../src/cli/zip-sizes";
import { OWNER_MARKER, OWNER_PROPERTY } from "../../src/report/types";

const dir = mkdtempSync(join(tmpdir(), "gtm-read-xlsx-"));

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const p = join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe("readXlsx (our streaming reader into columns)", () => {
  it("gives values as Office.js would: serial dates, cached formula results, error text, rich text, hidden rows", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Deals");
    ws.addRow(["Deal", "Amount", "Created", "Won?", "Note"]);
    ws.addRow(["D1", 1200.5, new Date(Date.UTC(2024, 0, 15)), true, { richText: [{ text: "big " }, { text: "one", font: { bold: true } }] }]);
    ws.addRow(["D2", { formula: "B2*2", result: 2401 }, new Date(Date.UTC(2024, 1, 29, 12)), false, { error: "#N/A" }]);
    ws.addRow([]);
    ws.addRow(["D3", { error: "#REF!" }, "3/4/2024", null, { formula: "\"a\"&\"b\"", result: "ab" }]);
    ws.getCell("C2").numFmt = "yyyy-mm-dd";
    ws.getCell("C3").numFmt = "yyyy-mm-dd hh:mm";
    ws.getRow(3).hidden = true;
    const book = await readXlsx(await save(wb, "values.xlsx"));
    expect(book.date1904).toBe(false);
    expect(book.sheets).toHaveLength(1);
    const s = book.sheets[0];
    expect(s.name).toBe("Deals");
    expect(s.owned).toBe(false);
    expect(s.values).toHaveLength(5);
    // 2024-01-15 is serial 45306 in the 1900 system; 2024-02-29 noon is 45351.5.
    expect(s.values[1]).toEqual(["D1", 1200.5, 45306, true, "big one"]);
    expect(s.values[2]).toEqual(["D2", 2401, 45351.5, false, "#N/A"]);
    expect(s.values[3]).toEqual([null, null, null, null, null]);
    expect(s.values[4]).toEqual(["D3", "#REF!", "3/4/2024", null, "ab"]);
    expect(s.hiddenRows).toEqual([3]);
  });

  it("reports the 1904 date system and keeps serials in it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet("S");
    ws.addRow(["Created"]);
    ws.addRow([100]);
    const book = await readXlsx(await save(wb, "d1904.xlsx"));
    expect(book.date1904).toBe(true);
    expect(book.sheets[0].date1904).toBe(true);
    expect(book.sheets[0].values[1]).toEqual([100]);
  });

  it("marks sheets written by GTM Compass and hidden sheets", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Mine").addRow(["Deal", "Stage"]);
    const ours = wb.addWorksheet("GTM Summary");
    ours.getCell("A1").value = "GTM Summary";
    ours.getCell("H1").value = OWNER_MARKER;
    const hid = wb.addWorksheet("Lists");
    hid.state = "hidden";
    hid.addRow(["x"]);
    const book = await readXlsx(await save(wb, "owned.xlsx"));
    expect(book.sheets.map((s) => [s.name, s.owned, s.hidden])).toEqual([
      ["Mine", false, false],
      ["GTM Summary", true, false],
      ["Lists", false, true],
    ]);
  });

  it("recognises a sheet the task pane wrote by its owner custom property", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("GTM Levers").addRow(["Period", "Revenue"]);
    wb.addWorksheet("Deals").addRow(["Deal", "Stage"]);
    const p = await save(wb, "taskpane.xlsx");
    // Excel saves a worksheet custom property as <customPr> in the sheet part (its value in a binary part).
    const zip = await JSZip.loadAsync(readFileSync(p));
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", xml.replace("</worksheet>", `<customProperties><customPr name="${OWNER_PROPERTY}" r:id="rId9"/></customProperties></worksheet>`));
    writeFileSync(p, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const book = await readXlsx(p);
    expect(book.sheets.map((s) => [s.name, s.owned])).toEqual([["GTM Levers", true], ["Deals", false]]);
  });

  it("names the sheets even when xl/workbook.xml comes after them in the package", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Pipeline").addRow(["Deal", "Stage"]);
    wb.addWorksheet("Notes").addRow(["hello"]);
    const src = await JSZip.loadAsync(readFileSync(await save(wb, "order-src.xlsx")));
    // Zip part order is free: shared strings, then the sheets, and the workbook part last.
    const first = ["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"];
    const rest = Object.keys(src.files).filter((n) => !src.files[n].dir && !first.includes(n) && n !== "xl/workbook.xml");
    const out = new JSZip();
    for (const n of [...first, ...rest, "xl/workbook.xml"]) out.file(n, await src.file(n)!.async("nodebuffer"));
    const p = join(dir, "late-workbook-part.xlsx");
    writeFileSync(p, await out.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const book = await readXlsx(p);
    expect(book.sheets.map((s) => [s.name, s.values])).toEqual([["Pipeline", [["Deal", "Stage"]]], ["Notes", [["hello"]]]]);
  });

  it("refuses a zip that is not a workbook with one clear message", async () => {
    const p = join(dir, "not-a-book.xlsx");
    writeFileSync(p, Buffer.from("PK\u0003\u0004garbage that is not a zip at all", "latin1"));
    await expect(readXlsx(p)).rejects.toThrow(/not-a-book\.xlsx .*(could not be read|not an Excel workbook)/);
  });

  it("reports progress through the sheet XML, not only through the file's bytes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Deals");
    ws.addRow(["Deal", "Stage", "Amount", "Owner"]);
    for (let i = 0; i < 20000; i++) ws.addRow([`D${i}`, i % 3 ? "Won" : "Lost", i * 7, `Rep ${i % 13}`]);
    const p = await save(wb, "progress.xlsx");
    const seen: number[] = [];
    const book = await readXlsx(p, { onProgress: (f) => seen.push(f) });
    expect(book.sheets[0].values).toHaveLength(20001);
    expect(seen[seen.length - 1]).toBe(1);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    // Reading the sheet XML is reported step by step, not only at the end.
    expect(seen.filter((f) => f > 0.05 && f < 0.95).length).toBeGreaterThan(5);
  });
});

describe("zipPartSizes", () => {
  it("reads each part's uncompressed size from the central directory", async () => {
    const p = join(__dirname, "../fixtures/chart-pivot/pipeline-with-chart-and-pivot.xlsx");
    const sizes = zipPartSizes(p);
    const zip = await JSZip.loadAsync(readFileSync(p));
    const files = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect([...sizes.keys()].sort()).toEqual(files.sort());
    for (const n of files) expect(sizes.get(n)).toBe((await zip.file(n)!.async("nodebuffer")).length);
  });

  it("returns nothing for a file that is not a zip", () => {
    const p = join(dir, "plain.txt");
    writeFileSync(p, "not a zip");
    expect(zipPartSizes(p).size).toBe(0);
  });
});
