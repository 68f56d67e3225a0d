import { join } from "node:path";
import ExcelJS from "exceljs";
import { generateSample, mulberry32, SAMPLE_END, SAMPLE_START } from "../../src/cli/sample";
import { readInputs } from "../../src/pipeline/inputs";

const COMMITTED = join(__dirname, "../../samples/gtm-sample.xlsx");

/** A cell as the generator writes it: numbers (dates are serials), strings, or null for blank. */
function plain(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Math.round(v.getTime() / 86400000 + 25569);
  return v as string | number;
}

describe("sample workbook generator", () => {
  const sample = generateSample();

  it("mulberry32 is seeded and repeatable", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(8)()).not.toBe(xs[0]);
  });

  it("the committed samples/gtm-sample.xlsx holds exactly what the generator makes (npm run sample)", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(COMMITTED);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Deals", "Leads", "Inputs"]);
    for (const table of [sample.deals, sample.leads, sample.inputs]) {
      const ws = wb.getWorksheet(table.name)!;
      const width = table.rows[0].length;
      const read: (string | number | null)[][] = [];
      ws.eachRow({ includeEmpty: true }, (row, n) => {
        read[n - 1] = Array.from({ length: width }, (_, c) => plain(row.getCell(c + 1).value));
      });
      for (let r = 0; r < table.rows.length; r++) if (!read[r]) read[r] = new Array(width).fill(null);
      expect(read.length).toBe(table.rows.length);
      expect(read).toEqual(table.rows.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null)));
    }
  });

  it("is a realistic two-year pipeline: leads and deals, three source kinds, reps, partners, competitors", () => {
    const deals = sample.deals.rows.slice(1);
    const h = sample.deals.rows[0];
    const col = (name: string): number => h.indexOf(name);
    expect(sample.leads.rows.length - 1).toBeGreaterThan(2000);
    expect(deals.length).toBeGreaterThan(600);
    const created = deals.map((r) => r[col("Created Date")] as number);
    expect(Math.min(...created)).toBeLessThan(SAMPLE_START + 30);
    expect(Math.max(...created)).toBeGreaterThan(SAMPLE_END - 30);
    const sources = new Set(deals.map((r) => r[col("Lead Source")]));
    expect(sources).toEqual(new Set(["Paid search", "Webinar", "Content / SEO", "Trade show", "Outbound (SDR)", "Partner referral"]));
    expect(new Set(deals.map((r) => r[col("Opportunity Owner")])).size).toBe(5);
    expect(new Set(deals.map((r) => r[col("Partner")]).filter(Boolean)).size).toBe(4);
    // Every deal's lead exists.
    const leadIds = new Set(sample.leads.rows.slice(1).map((r) => r[0]));
    expect(deals.every((r) => leadIds.has(r[col("Lead ID")]))).toBe(true);
  });

  it("losses naming a competitor rise from the first year to the last half year", () => {
    const h = sample.deals.rows[0];
    const deals = sample.deals.rows.slice(1).filter((r) => r[h.indexOf("Stage")] === "Closed Lost");
    const share = (from: number, to: number): number => {
      const inRange = deals.filter((r) => (r[h.indexOf("Close Date")] as number) >= from && (r[h.indexOf("Close Date")] as number) <= to);
      return inRange.filter((r) => r[h.indexOf("Competitor")]).length / inRange.length;
    };
    const first = share(SAMPLE_START, SAMPLE_START + 364);
    const last = share(SAMPLE_END - 183, SAMPLE_END);
    expect(last).toBeGreaterThan(0.4);
    expect(first).toBeLessThan(0.25);
  });

  it("two of five reps win less than their fully loaded cost in the last two quarters", () => {
    const { inputs } = readInputs({ name: "Inputs", values: sample.inputs.rows });
    expect(inputs.repCostPerYear).toBe(180000);
    expect(inputs.periods.map((p) => p.period)).toEqual(["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    expect(inputs.compassRatings?.filter((x) => x === x)).toHaveLength(7);
    const perQuarterCost = inputs.repCostPerYear! / 4;
    const h = sample.deals.rows[0];
    const from = 45474; // 2024-07-01
    const won = new Map<string, number>();
    for (const r of sample.deals.rows.slice(1)) {
      const rep = r[h.indexOf("Opportunity Owner")] as string;
      if (!won.has(rep)) won.set(rep, 0);
      if (r[h.indexOf("Stage")] === "Closed Won" && (r[h.indexOf("Close Date")] as number) >= from) won.set(rep, won.get(rep)! + (r[h.indexOf("Amount")] as number));
    }
    const below = [...won].filter(([, v]) => v / 2 < perQuarterCost).map(([k]) => k).sort();
    expect(below).toEqual(["Casey Lindqvist", "Morgan Diaz"]);
  });
});
