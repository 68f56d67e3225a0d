/**
 * Real history to test on: the Maven CRM pipeline's own dates as a stage history (engage date -> Engaging,
 * close date -> Won or Lost), read as a history table through the pipeline, and the stage funnel checked
 * against an independent count of the CSV.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { readPipeline } from "../../src/pipeline";
import { analyze } from "../../src/engine/analyze";
import { csvToGrid } from "../support/csv-grid";
import type { SheetGrid } from "../../src/pipeline/types";

const text = readFileSync(join(__dirname, "../fixtures/maven-crm/sales_pipeline.csv"), "utf8");

/** M/D/YYYY -> days since 1970 (JavaScript's Date, independent of the pipeline's date reading). */
const days = (mdy: string) => {
  const [m, d, y] = mdy.split("/").map(Number);
  return Date.UTC(y, m - 1, d) / 86400000;
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k] : (s[k - 1] + s[k]) / 2;
};

/** The CSV split on commas (it has no quoted fields), and the history the stages' own dates give. */
function fromCsv() {
  const [head, ...lines] = text.split("\n").filter((l) => l !== "");
  const h = head.split(",");
  const col = (name: string) => h.indexOf(name);
  const rows = lines.map((l) => l.split(","));
  const history: unknown[][] = [["opportunity_id", "deal_stage", "date"]];
  const count = { engaged: 0, won: 0, lost: 0, engagingNow: 0, prospecting: 0 };
  const stays: number[] = [];
  let latest = 0;
  const engagingSince: number[] = [];
  for (const r of rows) {
    const [id, stage, engage, close] = [r[col("opportunity_id")], r[col("deal_stage")], r[col("engage_date")], r[col("close_date")]];
    if (engage) {
      history.push([id, "Engaging", engage]);
      count.engaged++;
      latest = Math.max(latest, days(engage));
    } else count.prospecting++;
    if (close) {
      history.push([id, stage, close]);
      latest = Math.max(latest, days(close));
      if (engage) stays.push(days(close) - days(engage));
    }
    if (stage === "Won") count.won++;
    if (stage === "Lost") count.lost++;
    if (stage === "Engaging") {
      count.engagingNow++;
      engagingSince.push(days(engage));
    }
  }
  const limit = 2 * median(stays);
  const clogged = engagingSince.filter((e) => latest - e > limit).length;
  return { history: { name: "Maven history", values: history } as SheetGrid, count, medianStay: median(stays), clogged, deals: rows.length };
}

describe("Maven CRM: a stage history from the pipeline's own dates", () => {
  const expected = fromCsv();
  const data = readPipeline(csvToGrid(text, "sales_pipeline"), { history: expected.history });
  const s = analyze(data).history.stages!;

  it("joins every history row to its deal", () => {
    expect(data.history?.shape).toBe("table");
    expect(data.history?.count).toBe(expected.history.values.length - 1);
    expect(data.diagnostics.filter((x) => x.reason === "no-matching-deal")).toEqual([]);
  });

  it("counts the Engaging stage as the independent count does", () => {
    expect(s.rows.map((r) => r.stage)).toEqual(["Engaging"]);
    const e = s.rows[0];
    expect([e.deals, e.entered, e.advanced, e.lost, e.movedBack, e.open]).toEqual([
      expected.count.engaged, expected.count.engaged, expected.count.won, expected.count.lost, 0, expected.count.engagingNow,
    ]);
    expect(expected.count).toMatchObject({ won: 4238, lost: 2473, engagingNow: 1589, prospecting: 500 });
    expect(e.medianDays).toBe(expected.medianStay);
    expect(e.anyStageConversion).toBeCloseTo(expected.count.won / expected.count.engaged, 12);
  });

  it("says where deals die, which deals have no history, and which Engaging deals are clogged", () => {
    expect(s.whereDealsDie).toEqual([{ stage: "Engaging", lost: expected.count.lost, share: 1 }]);
    expect(s.won.deals).toBe(expected.count.won);
    expect(s.dealsWithout).toBe(expected.count.prospecting);
    expect(s.rows[0].clog.clogged).toBe(expected.clogged);
    expect(s.rows[0].clog.openDeals).toBe(expected.count.engagingNow);
    expect(s.rows[0].clog.deals.length).toBe(Math.min(50, expected.clogged));
  });
});
