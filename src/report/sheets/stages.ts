/**
 * "GTM Stages" (when the data has a stage history): the stage-to-stage funnel with each stage's balance as a
 * live formula, days in stage, the two conversions, where deals die, and the clogged stages with their deals.
 */
import { Analysis } from "../../engine/analysis";
import { StageFlow } from "../../engine/history-types";
import { a1, numCell } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const STAGES_SHEET = "GTM Stages";

export interface StagesSheet {
  sheet: ReportSheet;
  anchors: { flow: ReportAnchor };
}

/** The sheet, or null when the data has no stage history (the GTM Velocity sheet says so). */
export function stagesSheet(analysis: Analysis): StagesSheet | null {
  const h = analysis.history;
  const s: StageFlow | null = h.stages;
  if (!s) return null;
  const layout = new SheetLayout(STAGES_SHEET, [h.note, `Definitions: ${s.definition}`]);
  const flow = layout.add({
    title: "Stage to stage (each entry ends one way: advanced, lost there, moved back or still open)",
    headers: ["Stage", "Deals entering", "Entries", "Advanced", "Lost there", "Moved back", "Still open", "Sum of the four",
      "Median days in stage", "90th percentile days", "Timed stays", "Any-stage conversion", "Deals in order", "All-stages-in-order conversion"],
    formats: [undefined, "integer", "integer", "integer", "integer", "integer", "integer", "integer", "days", "days", "integer", "percent", "integer", "percent"],
    rows: [
      ...s.rows.map((r) => [r.stage, r.deals, r.entered, r.advanced, r.lost, r.movedBack, r.open, null, numCell(r.medianDays), numCell(r.p90Days), r.timedStays, numCell(r.anyStageConversion), r.inOrderDeals, numCell(r.inOrderConversion)]),
      ["Won", s.won.deals, null, null, null, null, null, null, null, null, null, null, s.won.inOrderDeals, null],
    ],
    tableName: "GTM_Stage_Flow",
  });
  layout.freezeAt(flow);
  // a live SUM beside each stage: the reader sees the four ways out add up to the entries
  const block = layout.sheet.blocks[flow];
  s.rows.forEach((r, i) => {
    const row = block.row + 1 + i;
    block.rows[i][7] = { formula: `SUM(${a1(row, 3)}:${a1(row, 6)})`, result: r.advanced + r.lost + r.movedBack + r.open };
  });
  if (s.rows.length > 0) layout.chart({ type: "bar", title: "Days in stage (median and 90th percentile)", block: flow, series: [8, 9] });

  if (s.whereDealsDie.length > 0) {
    const die = layout.add({
      title: "Where deals die (the last open stage of each lost deal)",
      headers: ["Stage", "Lost deals", "Share of lost deals"],
      formats: [undefined, "integer", "percent"],
      rows: s.whereDealsDie.map((x) => [x.stage, x.lost, numCell(x.share)]),
      tableName: "GTM_Where_Deals_Die",
    });
    layout.chart({ type: "column", title: "Where deals die", block: die, series: [1] });
  }

  const t = analysis.thresholds;
  layout.add({
    title: `Clogged stages (open deals in a stage longer than ${t.clogAgeMultiple} x its median days; TIME BOMB from ${Math.round(t.stageClogShareBomb * 100)}% of them)`,
    headers: ["Stage", "Status", "Open deals", "Past the line", "Share", "Line (days)"],
    formats: [undefined, undefined, "integer", "integer", "percent", "days"],
    rows: s.rows.map((r) => [r.stage, r.clog.status, r.clog.openDeals, r.clog.clogged, numCell(r.clog.share), numCell(r.clog.limitDays)]),
    tableName: "GTM_Clogged_Stages",
    statusColumns: [1],
  });
  const clogged = s.rows.flatMap((r) => r.clog.deals.map((d) => [r.stage, d.id, d.row, d.owner, d.daysInStage, numCell(d.amount)]));
  if (clogged.length > 0) {
    layout.add({
      title: `Clogged deals, longest in the stage first (at most 50 a stage; rows of sheet "${s.sheet}")`,
      headers: ["Stage", "Deal", "Sheet row", "Owner", "Days in stage", "Amount"],
      formats: [undefined, undefined, "integer", undefined, "days", "currency"],
      rows: clogged,
      tableName: "GTM_Clogged_Deals",
    });
  }
  const notes = [`${s.dealsWithHistory.toLocaleString("en-US")} deals have a stage history.`, ...s.notes];
  layout.add({ title: "Notes", headers: ["Note"], rows: notes.map((n) => [n]) });
  return { sheet: layout.done(), anchors: { flow: layout.anchor(flow, 0, 2) } };
}
