/**
 * The native charts the command line writes, as LibreOffice draws them: one sheet per kind of chart the
 * report uses, printed to PDF and rasterised (pdftoppm); where the chart sits, the page must hold the
 * chart's ink, and the same workbook written without its charts must be blank there. LibreOffice also
 * re-saves the workbook with every chart still a chart (it read them as charts, not as damage), and every
 * chart part is in the element order Excel's schema requires.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { writeReportFile } from "../../src/cli/write-xlsx";
import { chartXml, xmlText } from "../../src/cli/xlsx-charts";
import { ReportChart, ReportSheet, WorkbookReport } from "../../src/report/types";
import { orderProblems } from "../support/ooxml-order";

const dir = mkdtempSync(join(tmpdir(), "gtm-charts-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sheet with one small table at the top and one chart well below it. */
function sheet(name: string, chart: Omit<ReportChart, "row" | "col" | "block">, headers: string[], rows: (string | number)[][]): ReportSheet {
  return {
    name,
    blocks: [{ row: 0, col: 0, headers, rows, formats: [undefined, ...headers.slice(1).map(() => "integer" as const)] }],
    charts: [{ ...chart, block: 0, row: 10, col: 0, width: 360, height: 200 }],
    print: { orientation: "portrait", fitHeight: 1, header: { left: name, right: "charts" } },
  };
}

const quarters = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];
const report: WorkbookReport = {
  insights: [],
  sheets: [
    sheet("Funnel", { type: "bar", title: "Deals reaching each stage", series: [1], dataLabels: true }, ["Stage", "Deals"], [["Prospecting", 880], ["Engaging", 530], ["Won", 424]]),
    sheet("Columns", { type: "column", title: "Lead share vs won share", series: [1, 2] }, ["Segment", "Leads", "Won"], [["S1", 40, 10], ["S2", 20, 30], ["S3", 25, 45], ["S4", 15, 15]]),
    sheet(
      "Levers",
      { type: "columnStacked", title: "Revenue change by lever", series: [1, 2, 3, 4], lineSeries: [4], secondary: [4] },
      ["Period", "Customers", "Frequency", "Average deal", "Revenue"],
      quarters.map((q, i) => [q, 5000 - 3000 * i, 1200 * (i % 2 ? -1 : 1), 800 * i, 100000 + 9000 * i]),
    ),
    sheet("Lines", { type: "line", title: "Volume in and wins out", series: [1, 2], secondary: [2] }, ["Period", "Leads", "Wins"], quarters.map((q, i) => [q, 1000 + 400 * i, 90 + 5 * i])),
    sheet("Scatter", { type: "scatter", title: "Wins against leads", series: [1] }, ["Leads", "Wins"], [[100, 9], [200, 17], [300, 30], [400, 33]]),
  ],
};

/** A PPM (P6) image: width, height and RGB bytes. */
function readPpm(path: string): { w: number; h: number; px: Buffer } {
  const buf = readFileSync(path);
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 50).toString("latin1"))!;
  return { w: Number(header[1]), h: Number(header[2]), px: buf.subarray(header[0].length) };
}

/** Share of non-white pixels in the rows [from, to) of the page (fractions of its height). */
function ink(img: { w: number; h: number; px: Buffer }, from: number, to: number): number {
  let n = 0;
  const r0 = Math.floor(img.h * from);
  const r1 = Math.floor(img.h * to);
  for (let y = r0; y < r1; y++) {
    for (let x = 0; x < img.w; x++) {
      const i = 3 * (y * img.w + x);
      if (img.px[i] < 235 || img.px[i + 1] < 235 || img.px[i + 2] < 235) n++;
    }
  }
  return n / ((r1 - r0) * img.w);
}

function print(xlsx: string, name: string): { w: number; h: number; px: Buffer }[] {
  const out = join(dir, name);
  execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(dir, "profile")}`, "--convert-to", "pdf", "--outdir", out, xlsx], { stdio: "pipe", timeout: 120000 });
  const pdf = readdirSync(out).find((f) => f.endsWith(".pdf"))!;
  execFileSync("pdftoppm", ["-r", "40", join(out, pdf), join(out, "page")], { stdio: "pipe" });
  return readdirSync(out)
    .filter((f) => f.endsWith(".ppm"))
    .sort()
    .map((f) => readPpm(join(out, f)));
}

describe("native charts in LibreOffice", () => {
  const withCharts = join(dir, "charts.xlsx");
  const without = join(dir, "plain.xlsx");
  let drawn: ReturnType<typeof print>;
  let plain: ReturnType<typeof print>;

  beforeAll(async () => {
    await writeReportFile(report, withCharts);
    await writeReportFile({ ...report, sheets: report.sheets.map((s) => ({ ...s, charts: [] })) }, without);
    drawn = print(withCharts, "drawn");
    plain = print(without, "plain");
  }, 240000);

  test("each chart sheet prints on its own page", () => {
    expect(drawn).toHaveLength(report.sheets.length);
    expect(plain).toHaveLength(report.sheets.length);
  });

  test.each(report.sheets.map((s, i) => [s.name, i] as const))("%s: the chart area holds the chart, and is blank without it", (_name, i) => {
    // the table takes the top of the page; the chart sits below it, from about a quarter of the way down
    const area: [number, number] = [0.25, 0.6];
    expect(ink(plain[i], ...area)).toBeLessThan(0.002);
    expect(ink(drawn[i], ...area)).toBeGreaterThan(0.03);
  });

  test("LibreOffice re-saves the workbook with every chart still a chart", async () => {
    const out = join(dir, "resaved");
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(dir, "profile")}`, "--convert-to", "xlsx", "--outdir", out, withCharts], { stdio: "pipe", timeout: 120000 });
    const zip = await JSZip.loadAsync(readFileSync(join(out, "charts.xlsx")));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(report.sheets.length);
    const kinds = await Promise.all(charts.map(async (f) => /<c:(barChart|lineChart|scatterChart)>/.exec(await zip.file(f)!.async("string"))?.[1]));
    expect(kinds.sort()).toEqual(["barChart", "barChart", "barChart", "lineChart", "scatterChart"]);
  });

  test("every part we write is in schema order, and XML text is escaped", async () => {
    const zip = await JSZip.loadAsync(readFileSync(withCharts));
    for (const f of Object.keys(zip.files).filter((x) => /^xl\/(charts|drawings|worksheets)\/[^/]+\.xml$/.test(x))) {
      expect({ f, problems: orderProblems(await zip.file(f)!.async("string")) }).toEqual({ f, problems: [] });
    }
    expect(xmlText('A & B <"c">\u0001')).toBe("A &amp; B &lt;&quot;c&quot;&gt;");
    const xml = chartXml({
      type: "column",
      title: "R&D <spend>",
      categoriesRef: "'Q&A'!$A$2:$A$3",
      categories: ["a<b", "c"],
      series: [{ nameRef: "'Q&A'!$B$1", name: "x", valuesRef: "'Q&A'!$B$2:$B$3", values: [1, null], line: false, secondary: false }],
      format: "#,##0",
      dataLabels: false,
    });
    expect(xml).toContain("<a:t>R&amp;D &lt;spend&gt;</a:t>");
    // a blank cell is a gap in the chart, not a zero
    expect(xml).toContain('<c:ptCount val="2"/><c:pt idx="0"><c:v>1</c:v></c:pt></c:numCache>');
    expect(orderProblems(xml)).toEqual([]);
  });
});
