/**
 * "GTM Segments": the S1-S4 sweet-spot map with k, q, m, classes, alignment index and uncaptured leads,
 * and the growth gears (insight -> strategy -> execution) that say which gear holds the others back.
 */
import { Analysis } from "../../engine/analysis";
import { numCell, plain } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const SEGMENTS_SHEET = "GTM Segments";

export interface SegmentsSheet {
  sheet: ReportSheet;
  anchors: { alignment: ReportAnchor; uncaptured: ReportAnchor; rows: ReportAnchor[]; gear: ReportAnchor };
}

export function segmentsSheet(analysis: Analysis): SegmentsSheet {
  const s = analysis.segments;
  const tau = analysis.thresholds.segmentPresence;
  const amounts = analysis.levers.periods.some((p) => p.revenue > 0);
  const layout = new SheetLayout(SEGMENTS_SHEET, [
    { text: "Sweet spot: where marketing, sales and the market meet", style: "title" },
    `Segments by price x complexity. Price: ${s.priceBasis}. Complexity: ${s.complexityBasis}.`,
    `k = share of marketing leads (${s.leadBasis}), q = share of won deals, m = share of the market; a share of ${Math.round(tau * 100)}% or more counts as present.`,
  ]);
  const main = layout.add({
    title: "Sweet-spot map",
    headers: ["Segment", "Price / complexity", "Deals", "Won", "Won revenue", "Marketing leads", "k (lead share)", "q (won share)", "m (market share)", "Classification"],
    formats: [undefined, undefined, "integer", "integer", "currency", "integer", "percent", "percent", "percent", undefined],
    rows: s.rows.map((r) => [r.segment, r.label, r.deals, r.won, amounts ? r.wonRevenue : null, r.leads, numCell(r.k), numCell(r.q), numCell(r.m), r.classification]),
    tableName: "GTM_Segments",
    cellNotes: s.rows.flatMap((r, i) => [
      ...(amounts ? [] : [{ row: i, col: 4, text: "Not known: no won deal has an amount." }]),
      ...(Number.isFinite(r.k) ? [] : [{ row: i, col: 6, text: "Not known: lead sources are not known." }]),
      ...(Number.isFinite(r.m) ? [] : [{ row: i, col: 8, text: "Not given: add market shares on the inputs sheet (every segment then counts as in the market)." }]),
    ]),
  });
  layout.freezeAt(main);
  layout.chart({ type: "column", title: "Lead share vs won share by segment", block: main, series: [6, 7], height: 200 });
  const summary = layout.add({
    title: "Alignment",
    headers: ["Alignment index", "Uncaptured marketing leads", "Deals not placed"],
    formats: ["percent", "integer", "integer"],
    rows: [[numCell(s.alignmentIndex), s.uncaptured.count, s.unplaced]],
    tableName: "GTM_Alignment",
    cellNotes: Number.isFinite(s.alignmentIndex) ? [] : [{ row: 0, col: 0, text: "Not known: the segments could not be classified." }],
  });
  const g = analysis.gears;
  const gears = layout.add({
    title: `Growth gears: insight -> strategy -> execution (bottleneck: ${g.bottleneck ?? "none"})`,
    headers: ["Gear", "Score (1-5)", "Measured by", "Value", "Note"],
    formats: [undefined, "integer", undefined, "percent", undefined],
    rows: g.gears.map((x) => [x.gear, numCell(x.score), x.metrics.map((m) => m.name).join("; ") || "not measured", x.metrics.length ? numCell(x.metrics[0].value) : null, plain(x.note)]),
    // its two columns of sentences run across the map's columns instead of widening them
    spans: [1, 1, 3, 1, 4],
    cellNotes: g.gears.flatMap((x, i) => (Number.isFinite(x.score) ? [] : [{ row: i, col: 1, text: plain(x.note || "Not scored: no data for this gear.") }])),
  });
  const lines = [
    `Alignment index = sum over segments of min(m, k, q); 100% would mean marketing, sales and the market line up exactly.`,
    `Uncaptured leads: ${s.uncaptured.basis}.`,
  ];
  if (s.uncaptured.rows.length) lines.push(`First uncaptured rows on sheet ${s.uncaptured.sheet}: ${s.uncaptured.rows.slice(0, 20).join(", ")}${s.uncaptured.count > 20 ? " ..." : ""}`);
  layout.add({ title: "Notes", headers: ["Note"], rows: [...lines, ...s.notes].map((n) => [plain(n)]) });
  const bottleneckRow = Math.max(0, g.gears.findIndex((x) => x.gear === g.bottleneck));
  return {
    sheet: layout.done(),
    anchors: {
      alignment: layout.anchor(summary, 0, 0),
      uncaptured: layout.anchor(summary, 0, 1),
      rows: s.rows.map((_, i) => layout.anchor(main, i, 9)),
      gear: layout.anchor(gears, bottleneckRow, 1),
    },
  };
}
