/** "GTM Compass" (only when the inputs rate the product): Leslie's Compass placement and identity check. */
import { Analysis } from "../../engine/analysis";
import { COMPASS_FACTORS } from "../../engine/compass";
import { numCell } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const COMPASS_SHEET = "GTM Compass";

export interface CompassSheet {
  sheet: ReportSheet;
  anchors: { intensity: ReportAnchor; identity: ReportAnchor };
}

export function compassSheet(analysis: Analysis): CompassSheet | null {
  const c = analysis.compass;
  if (!c) return null;
  const layout = new SheetLayout(COMPASS_SHEET, [
    { text: "Leslie's Compass: should marketing or sales lead?", style: "title" },
    "Ratings: 1 = marketing pole (bought), 5 = sales pole (sold). Sales intensity 0 = all marketing, 100 = all sales.",
  ]);
  const pos = layout.add({
    title: "Position",
    headers: ["Sales intensity", "Lead", "Sales model", "Agreement", "Recommended sales share", "Actual sales share", "Identity check"],
    formats: ["decimal", undefined, undefined, "percent", "percent", "percent", undefined],
    rows: [[c.salesIntensity, c.lead, c.salesModel, c.agreement, c.recommendedSalesShare, numCell(c.actualSalesShare), c.identityCrisis]],
    tableName: "GTM_Compass_Position",
    cellNotes: Number.isFinite(c.actualSalesShare) ? [] : [{ row: 0, col: 5, text: `Not known: ${c.actualShareBasis}.` }],
  });
  layout.freezeAt(pos);
  const ratings = layout.add({
    title: "Ratings",
    headers: ["Factor", "Rating (1-5)"],
    formats: [undefined, "integer"],
    rows: COMPASS_FACTORS.map((f, i) => [f, numCell(c.ratings[i])]),
    tableName: "GTM_Compass_Ratings",
  });
  layout.chart({ type: "bar", title: "Factor ratings (1 marketing - 5 sales)", block: ratings, series: [1], dataLabels: true, height: 200, width: 360 });
  const split = layout.add({
    title: "Go-to-market spend split",
    headers: ["Function", "Recommended share", "Actual share"],
    formats: [undefined, "percent", "percent"],
    rows: [
      ["Marketing", 1 - c.recommendedSalesShare, numCell(1 - c.actualSalesShare)],
      ["Sales", c.recommendedSalesShare, numCell(c.actualSalesShare)],
    ],
    tableName: "GTM_Compass_Split",
  });
  layout.chart({ type: "column", title: "Spend split: recommended vs actual", block: split, series: [1, 2], height: 180, width: 360 });
  layout.add({ title: "Notes", headers: ["Note"], rows: [`Actual sales share: ${c.actualShareBasis}.`, ...c.notes].map((n) => [n]) });
  return { sheet: layout.done(), anchors: { intensity: layout.anchor(pos, 0, 0), identity: layout.anchor(pos, 0, 6) } };
}
