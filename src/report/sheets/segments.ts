/** "GTM Segments": the S1-S4 sweet-spot map with k, q, m, classes, alignment index and uncaptured leads. */
import { Analysis } from "../../engine/analysis";
import { numCell } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const SEGMENTS_SHEET = "GTM Segments";

export interface SegmentsSheet {
  sheet: ReportSheet;
  anchors: { alignment: ReportAnchor; uncaptured: ReportAnchor; rows: ReportAnchor[] };
}

export function segmentsSheet(analysis: Analysis): SegmentsSheet {
  const s = analysis.segments;
  const tau = analysis.thresholds.segmentPresence;
  const layout = new SheetLayout(SEGMENTS_SHEET, [
    `Segments by price x complexity. Price: ${s.priceBasis}. Complexity: ${s.complexityBasis}.`,
    `k = share of marketing leads (${s.leadBasis}), q = share of won deals, m = share of the market; a share of ${Math.round(tau * 100)}% or more counts as present.`,
  ]);
  const main = layout.add({
    title: "Sweet-spot map",
    headers: ["Segment", "Price / complexity", "Deals", "Won", "Won revenue", "Marketing leads", "k (lead share)", "q (won share)", "m (market share)", "Classification"],
    formats: [undefined, undefined, "integer", "integer", "currency", "integer", "percent", "percent", "percent", undefined],
    rows: s.rows.map((r) => [r.segment, r.label, r.deals, r.won, r.wonRevenue, r.leads, numCell(r.k), numCell(r.q), numCell(r.m), r.classification]),
    tableName: "GTM_Segments",
  });
  layout.freezeAt(main);
  layout.chart({ type: "column", title: "Lead share vs won share by segment", block: main, series: [6, 7] });
  const summary = layout.add({
    headers: ["Alignment index", "Uncaptured marketing leads", "Deals not placed"],
    formats: ["percent", "integer", "integer"],
    rows: [[numCell(s.alignmentIndex), s.uncaptured.count, s.unplaced]],
  });
  const lines = [
    `Alignment index = sum over segments of min(m, k, q); 100% would mean marketing, sales and the market line up exactly.`,
    `Uncaptured leads: ${s.uncaptured.basis}.`,
  ];
  if (s.uncaptured.rows.length) lines.push(`First uncaptured rows on sheet ${s.uncaptured.sheet}: ${s.uncaptured.rows.slice(0, 20).join(", ")}${s.uncaptured.count > 20 ? " ..." : ""}`);
  layout.add({ title: "Notes", headers: ["Note"], rows: [...lines, ...s.notes].map((n) => [n]) });
  return {
    sheet: layout.done(),
    anchors: {
      alignment: layout.anchor(summary, 0, 0),
      uncaptured: layout.anchor(summary, 0, 1),
      rows: s.rows.map((_, i) => layout.anchor(main, i, 9)),
    },
  };
}
