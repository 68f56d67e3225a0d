/** The headline figures on the Maven pipeline and on Olist (no amounts), against counts taken from the CSVs here. */
import * as fs from "fs";
import * as path from "path";
import { readPipeline } from "../../src/pipeline";
import { analyze } from "../../src/engine/analyze";
import { headlineFigures } from "../../src/report/headline";
import { parseCsv } from "../support/csv-grid";

const FIX = path.resolve(__dirname, "..", "fixtures");
const csv = (p: string) => parseCsv(fs.readFileSync(path.join(FIX, p), "utf8"));

describe("headline figures", () => {
  test("Maven: win rate and counts match the CSV", () => {
    const rows = csv("maven-crm/sales_pipeline.csv");
    const stageCol = rows[0].indexOf("deal_stage");
    const won = rows.slice(1).filter((r) => r[stageCol] === "Won").length;
    const lost = rows.slice(1).filter((r) => r[stageCol] === "Lost").length;
    const data = readPipeline({ name: "sales_pipeline", values: rows });
    const h = headlineFigures(analyze(data), data);
    const win = h.find((x) => x.id === "winRate")!;
    expect(win.value).toBeCloseTo(won / (won + lost), 12);
    expect(win.detail).toBe(`${won.toLocaleString("en-US")} won, ${lost.toLocaleString("en-US")} lost`);
    expect(h.find((x) => x.id === "wonRevenue")!.value).toBeGreaterThan(0);
    expect(h.some((x) => x.id === "leadToWon")).toBe(false);
  });

  test("Olist: no amounts gives blanks with a reason, never 0; lead to won from the two files", () => {
    const deals = csv("olist-funnel/olist_closed_deals_dataset.csv");
    const leads = csv("olist-funnel/olist_marketing_qualified_leads_dataset.csv");
    const data = readPipeline({ name: "deals", values: deals }, { leads: { name: "mql", values: leads } });
    const h = headlineFigures(analyze(data), data);
    for (const id of ["wonRevenue", "openPipeline", "coverage"] as const) {
      const f = h.find((x) => x.id === id)!;
      expect(f.value).toBeNull();
      expect(f.unknown).toMatch(/^not known: /);
    }
    const l2w = h.find((x) => x.id === "leadToWon")!;
    expect(l2w.value).toBeCloseTo((deals.length - 1) / (leads.length - 1), 12);
    // every Olist deal is a won one joined to its lead
    expect(l2w.detail).toBe(`${(leads.length - 1).toLocaleString("en-US")} leads → ${(deals.length - 1).toLocaleString("en-US")} opportunities → ${(deals.length - 1).toLocaleString("en-US")} won`);
    expect(h[0].id).toBe("leadToWon");
    // the win rate by amount: no deal has one, so not known, never 0% or 100%
    const byAmount = h.find((x) => x.id === "winRateByAmount")!;
    expect(byAmount.value).toBeNull();
    expect(byAmount.unknown).toMatch(/^not known: /);
  });
});
