/**
 * The task pane draws the same charts from the same ReportChart specs as the command line: every chart of
 * the sample's report reaches the (strict) host double with its kind, its line-over-column and second-axis
 * series, its value labels, a funnel read top-down and its size.
 */
import { join } from "node:path";
import ExcelJS from "exceljs";
import { writeReport } from "../../src/taskpane/excel/write";
import { readPipeline } from "../../src/pipeline";
import { analyze } from "../../src/engine/analyze";
import { buildReport } from "../../src/report/build";
import { CHART_SIZE } from "../../src/report/types";
import { makeDouble } from "./double-host";

/** Cell values of a sheet of the sample workbook, as Office.js would hand them over. */
async function grid(book: ExcelJS.Workbook, name: string): Promise<unknown[][]> {
  const ws = book.getWorksheet(name)!;
  const rows: unknown[][] = [];
  ws.eachRow((row, r) => {
    const values = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.getTime() / 86400000 + 25569 : v ?? ""));
    rows[r - 1] = values;
  });
  return rows;
}

test("every chart spec of the sample's report is drawn with its options", async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(join(__dirname, "..", "..", "samples", "gtm-sample.xlsx"));
  const data = readPipeline({ name: "Deals", values: await grid(book, "Deals") }, { leads: { name: "Leads", values: await grid(book, "Leads") } });
  const report = buildReport(analyze(data), data);
  const { d, host } = makeDouble({});
  await writeReport(host, report);
  let drawn = 0;
  for (const sheet of report.sheets) {
    const written = d.sheet(sheet.name)! as unknown as { charts: { title: string; width: number; height: number; reversedCategories: boolean; series: { chartType?: string; axisGroup?: string; hasDataLabels?: boolean }[] }[] };
    const specs = (sheet.charts ?? []).filter((c) => sheet.blocks[c.block].rows.length > 0);
    expect(written.charts.map((c) => c.title)).toEqual(specs.map((c) => c.title));
    specs.forEach((spec, i) => {
      const chart = written.charts[i];
      expect(chart.width).toBe(spec.width ?? CHART_SIZE.width);
      expect(chart.height).toBe(spec.height ?? CHART_SIZE.height);
      expect(chart.reversedCategories).toBe(spec.type === "bar");
      expect(chart.series).toHaveLength(spec.series.length);
      spec.series.forEach((s, k) => {
        expect(chart.series[k].chartType).toBe((spec.lineSeries ?? []).includes(s) ? "LineMarkers" : undefined);
        expect(chart.series[k].axisGroup).toBe((spec.secondary ?? []).includes(s) ? "Secondary" : undefined);
        expect(Boolean(chart.series[k].hasDataLabels)).toBe(Boolean(spec.dataLabels));
      });
      drawn++;
    });
  }
  // the summary's two, the levers', funnel's, segments' and compass' charts
  expect(drawn).toBeGreaterThanOrEqual(10);
  const summary = d.sheet("GTM Summary")! as unknown as { charts: { series: { axisGroup?: string; chartType?: string }[] }[] };
  expect(summary.charts[0].series.some((s) => s.axisGroup === "Secondary" && s.chartType === "LineMarkers")).toBe(true);
});
