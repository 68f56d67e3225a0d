import { readFileSync } from "fs";
import { join } from "path";
import { readPipeline, inspectSheet, OUTCOME_WON, OUTCOME_LOST, OUTCOME_OPEN, serialToParts } from "../../src/pipeline";
import { csvToGrid } from "../support/csv-grid";

const file = join(__dirname, "../fixtures/maven-crm/sales_pipeline.csv");
const text = readFileSync(file, "utf8");

/** Independent reading of the CSV: plain split on commas (the file has no quoted fields). */
function independent() {
  const lines = text.split("\n").filter((l) => l !== "");
  const header = lines[0].split(",");
  const col = (name: string) => header.indexOf(name);
  const rows = lines.slice(1).map((l) => l.split(","));
  const counts = { Won: 0, Lost: 0, open: 0 };
  const wonByQuarter = new Map<string, number>();
  let earliestEngage = "";
  for (const r of rows) {
    const stage = r[col("deal_stage")];
    if (stage === "Won") counts.Won++;
    else if (stage === "Lost") counts.Lost++;
    else counts.open++;
    if (stage === "Won") {
      const [m, , y] = r[col("close_date")].split("/").map(Number);
      const q = `${y}-Q${Math.ceil(m / 3)}`;
      wonByQuarter.set(q, (wonByQuarter.get(q) ?? 0) + Number(r[col("close_value")]));
    }
    const e = r[col("engage_date")];
    if (e) {
      const [m, d, y] = e.split("/").map(Number);
      const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
      if (!earliestEngage || iso < earliestEngage) earliestEngage = iso;
    }
  }
  return { rows: rows.length, counts, wonByQuarter, earliestEngage, quoted: text.includes('"') };
}

describe("Maven CRM sales_pipeline.csv (8,800 real opportunities)", () => {
  const grid = csvToGrid(text, "sales_pipeline");
  const expected = independent();

  it("has no quoted fields, so the independent split-on-commas reading is valid", () => {
    expect(expected.quoted).toBe(false);
    expect(expected.rows).toBe(8800);
  });

  it("maps every header without help", () => {
    const data = readPipeline(grid);
    const m = Object.fromEntries(data.mapping.map((x) => [x.field, x.header]));
    expect(m).toMatchObject({
      id: "opportunity_id", owner: "sales_agent", amount: "close_value", created: "engage_date",
      closed: "close_date", stage: "deal_stage", product: "product", account: "account",
    });
    const insp = inspectSheet(grid);
    expect(insp.looksLikePipeline).toBe(true);
    expect(insp.missingRequired).toEqual([]);
    expect(insp.dataRows).toBe(8800);
  });

  it("counts won, lost and open deals as an independent count does", () => {
    const data = readPipeline(grid);
    const d = data.deals;
    let won = 0, lost = 0, open = 0;
    for (let i = 0; i < d.count; i++) {
      if (d.outcome[i] === OUTCOME_WON) won++;
      else if (d.outcome[i] === OUTCOME_LOST) lost++;
      else if (d.outcome[i] === OUTCOME_OPEN) open++;
    }
    expect({ won, lost, open }).toEqual({ won: expected.counts.Won, lost: expected.counts.Lost, open: expected.counts.open });
    expect(data.rows).toEqual({ read: 8800, used: 8800, skipped: 0 });
  });

  it("gives the same won revenue per quarter (by close date) as the independent computation", () => {
    const d = readPipeline(grid).deals;
    const got = new Map<string, number>();
    for (let i = 0; i < d.count; i++) {
      if (d.outcome[i] !== OUTCOME_WON) continue;
      const p = serialToParts(d.closed[i]);
      const q = `${p.year}-Q${Math.ceil(p.month / 3)}`;
      got.set(q, (got.get(q) ?? 0) + d.amount[i]);
    }
    expect([...got.entries()].sort()).toEqual([...expected.wonByQuarter.entries()].sort());
    expect(got.size).toBeGreaterThanOrEqual(4);
  });

  it("reads its M/D/YYYY dates month first and says why", () => {
    const data = readPipeline(grid);
    const engage = data.dateFormats.find((f) => f.header === "engage_date");
    expect(engage?.format).toBe("M/D/YYYY");
    expect(engage?.reason).toMatch(/second part above 12/);
    let min = Infinity;
    for (let i = 0; i < data.deals.count; i++) if (data.deals.created[i] < min) min = data.deals.created[i];
    const p = serialToParts(min);
    const iso = `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
    expect(iso).toBe(expected.earliestEngage);
  });

  it("keeps open deals' blank close value as missing, not zero, and orders Prospecting before Engaging", () => {
    const data = readPipeline(grid);
    const d = data.deals;
    for (let i = 0; i < d.count; i++) if (d.outcome[i] === OUTCOME_OPEN) expect(Number.isNaN(d.amount[i])).toBe(true);
    expect(data.stageOrder).toEqual(["Prospecting", "Engaging"]);
    // No cell-level errors in this clean export: only notes (mapping, stage order, date formats).
    expect(data.diagnostics.filter((x) => x.severity === "error")).toEqual([]);
  });
});
