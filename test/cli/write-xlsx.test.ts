import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writeReportFile } from "../../src/cli/write-xlsx";
import { readXlsx } from "../../src/cli/read-xlsx";
import { OWNER_MARKER, type WorkbookReport } from "../../src/report/types";
import { libreOfficeSheets, loNumber, zipEntry } from "./helpers";

const dir = mkdtempSync(join(tmpdir(), "gtm-write-xlsx-"));

/** A hand-written report exercising every feature the writer renders. */
const report: WorkbookReport = {
  insights: [],
  sheets: [
    {
      name: "GTM Summary",
      notes: ["What moved revenue, and what to look at first."],
      blocks: [
        {
          row: 2,
          col: 0,
          title: "Time bombs",
          headers: ["Time bomb", "Status", "Metric", "Threshold"],
          rows: [
            ["Sales team", "TIME BOMB", 0.5, 0.3333],
            ["Partners", "WATCH", 0.15, 0.2],
            ["=HYPERLINK(\"http://x\")", "OK", null, null],
            ["+1 555 0100", "NO DATA", null, null],
            ["-5 dropped", "OK", null, null],
            ["@SUM(A1:A2)", "OK", null, null],
          ],
          formats: [undefined, undefined, "percent", "percent"],
          tableName: "GTM_TimeBombs",
          statusColumns: [1],
        },
      ],
      charts: [{ type: "column", title: "Revenue by quarter", block: 0, series: [2] }] as never,
    },
    {
      name: "GTM Levers",
      blocks: [
        {
          row: 0,
          col: 0,
          headers: ["Period", "Revenue", "Customers", "Days"],
          rows: [
            ["2024-Q1", 100000, 1000, 30],
            ["2024-Q2", 133100, 1100, 45.5],
          ],
          formats: [undefined, "currency", "integer", "days"],
          tableName: "GTM_Levers",
        },
        { row: 4, col: 0, headers: ["Total"], rows: [[{ formula: "SUM(B2:B3)", result: 233100 }]], formats: ["currency"] },
      ],
    },
  ],
};
report.sheets[0].charts = [{ type: "column", title: "Revenue by quarter", block: 0, series: [2], row: 12, col: 0 }];

describe("writeReportFile (ExcelJS)", () => {
  const out = join(dir, "report.xlsx");
  beforeAll(async () => {
    await writeReportFile(report, out);
  });

  it("writes values, number formats, bold frozen headers, tables and the owner marker", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["GTM Summary", "GTM Levers"]);
    const s = wb.getWorksheet("GTM Summary")!;
    expect(s.getCell("A1").value).toBe("What moved revenue, and what to look at first.");
    expect(s.getCell("A2").value).toBe("Time bombs");
    expect(s.getCell("A3").value).toBe("Time bomb");
    expect(s.getCell("A3").font?.bold).toBe(true);
    expect(s.getCell("B4").value).toBe("TIME BOMB");
    expect(s.getCell("C4").value).toBe(0.5);
    expect(s.getCell("C4").numFmt).toBe("0.0%");
    expect(s.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    // The marker sits in row 1 of a hidden column right of the content.
    expect(s.getCell("F1").value).toBe(OWNER_MARKER);
    expect(s.getColumn(6).hidden).toBe(true);
    const l = wb.getWorksheet("GTM Levers")!;
    expect(l.getCell("B3").value).toBe(133100);
    expect(l.getCell("B3").numFmt).toBe("#,##0;[Red]-#,##0");
    expect(l.getCell("D3").numFmt).toBe('0" days"');
    expect(l.getCell("A6").value).toMatchObject({ formula: "SUM(B2:B3)", result: 233100 });
    const tables = await zipEntry(out, "xl/tables/table1.xml");
    expect(tables).toMatch(/name="GTM_TimeBombs"/);
    expect(tables).toMatch(/ref="A3:D9"/);
  });

  it("never writes user text that starts with = + - @ as a formula", async () => {
    const xml = (await zipEntry(out, "xl/worksheets/sheet1.xml"))!;
    expect(xml).not.toMatch(/<f>/);
    const levers = (await zipEntry(out, "xl/worksheets/sheet2.xml"))!;
    expect(levers).toMatch(/<f>SUM\(B2:B3\)<\/f>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const s = wb.getWorksheet("GTM Summary")!;
    expect(s.getCell("A6").value).toBe('=HYPERLINK("http://x")');
    expect(s.getCell("A7").value).toBe("+1 555 0100");
    expect(s.getCell("A9").value).toBe("@SUM(A1:A2)");
  });

  it("colours status cells by conditional formatting on the exact status text", async () => {
    const xml = (await zipEntry(out, "xl/worksheets/sheet1.xml"))!;
    expect(xml).toMatch(/<conditionalFormatting sqref="B4:B9">/);
    expect(xml).toMatch(/type="cellIs"[^>]*operator="equal"><formula>&quot;TIME BOMB&quot;<\/formula>/);
    const styles = (await zipEntry(out, "xl/styles.xml"))!;
    expect(styles).toMatch(/FFFFC7CE/);
  });

  it("writes the chart as a native chart part, drawn from the block's cells", async () => {
    const chart = (await zipEntry(out, "xl/charts/chart1.xml"))!;
    expect(chart).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="clustered"\/>/);
    expect(chart).toContain("<c:f>'GTM Summary'!$C$4:$C$9</c:f>");
    expect(chart).toContain("<c:f>'GTM Summary'!$A$4:$A$9</c:f>");
    const drawing = (await zipEntry(out, "xl/drawings/drawing1.xml"))!;
    expect(drawing).toMatch(/<xdr:from><xdr:col>0<\/xdr:col><xdr:colOff>0<\/xdr:colOff><xdr:row>12<\/xdr:row>/);
    const sheet = (await zipEntry(out, "xl/worksheets/sheet1.xml"))!;
    expect(sheet).toMatch(/<drawing r:id="rId\d+"\/><tableParts/);
    const types = (await zipEntry(out, "[Content_Types].xml"))!;
    expect(types).toContain('<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>');
  });

  it("is read back as GTM-owned by our reader", async () => {
    const book = await readXlsx(out);
    expect(book.sheets.every((s) => s.owned)).toBe(true);
  });

  it("opens in LibreOffice with the same values, formula text kept as text", () => {
    const sheets = libreOfficeSheets(out);
    const s = sheets.get("GTM Summary")!;
    expect(s[2].slice(0, 4)).toEqual(["Time bomb", "Status", "Metric", "Threshold"]);
    expect(s[3][1]).toBe("TIME BOMB");
    expect(loNumber(s[3][2])).toBeCloseTo(0.5, 6);
    expect(s[5][0]).toBe('=HYPERLINK("http://x")');
    expect(s[8][0]).toBe("@SUM(A1:A2)");
    const l = sheets.get("GTM Levers")!;
    expect(loNumber(l[2][1])).toBe(133100);
    expect(loNumber(l[5][0])).toBe(233100);
  });
});
