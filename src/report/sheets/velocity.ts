/**
 * "GTM Velocity": pipeline velocity per period and the LMDI split of each change (with a live sum of the
 * parts), then, when a table of stage changes allows it, the pipeline waterfall per period with a live check
 * of its balance, the deals behind each bar of the latest complete period, and close-date slippage per rep
 * and per stage.
 */
import { Analysis } from "../../engine/analysis";
import { SlipRow, WATERFALL_BARS, WaterfallBar, WaterfallPeriod } from "../../engine/history-types";
import { a1, numCell } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportCell, ReportSheet } from "../types";

export const VELOCITY_SHEET = "GTM Velocity";

const BAR_NAMES: Record<WaterfallBar, string> = {
  created: "Created",
  pulledIn: "Pulled in",
  increased: "Increased",
  decreased: "Decreased",
  pushedOut: "Pushed out",
  won: "Won",
  lost: "Lost",
};
/** Bars that take value out of the pipeline (shown negative in the waterfall chart). */
const OUT: ReadonlySet<WaterfallBar> = new Set(["decreased", "pushedOut", "won", "lost"]);

export interface VelocitySheet {
  sheet: ReportSheet;
  anchors: { velocity: ReportAnchor };
}

export function velocitySheet(analysis: Analysis): VelocitySheet {
  const v = analysis.velocity;
  const h = analysis.history;
  const layout = new SheetLayout(VELOCITY_SHEET, [v.definition, h.note]);
  const periods = layout.add({
    title: `Pipeline velocity by ${analysis.period.kind}`,
    headers: ["Period", "Open opportunities", "Won", "Lost", "Win rate", "Average deal", "Cycle (days)", "Velocity (per day)", "Complete period"],
    formats: [undefined, "integer", "integer", "integer", "percent", "currency", "decimal", "currency2", undefined],
    rows: v.periods.map((p) => [p.period, p.opportunities, p.won, p.lost, numCell(p.winRate), numCell(p.averageDeal), numCell(p.cycleDays), numCell(p.velocity), p.complete ? "yes" : "no (still running)"]),
    tableName: "GTM_Velocity",
  });
  layout.freezeAt(periods);
  if (v.periods.length > 0) layout.chart({ type: "line", title: "Pipeline velocity (revenue per day)", block: periods, series: [7] });
  const changes = layout.add({
    title: "Velocity change split into its four causes (LMDI: the parts add up to the change exactly)",
    headers: ["Period", "Compared with", "Velocity change", "From opportunities", "From win rate", "From average deal", "From cycle length", "Sum of parts", "Note"],
    formats: [undefined, undefined, "currency2", "currency2", "currency2", "currency2", "currency2", "currency2", undefined],
    rows: v.changes.map((c) => [c.to, c.from, numCell(c.change), numCell(c.opportunities), numCell(c.winRate), numCell(c.averageDeal), numCell(c.cycle), null, c.note ?? ""]),
    tableName: "GTM_Velocity_Changes",
  });
  const cb = layout.sheet.blocks[changes];
  v.changes.forEach((c, i) => {
    if (!c.defined) return;
    const r = cb.row + 1 + i;
    cb.rows[i][7] = { formula: `SUM(${a1(r, 3)}:${a1(r, 6)})`, result: c.opportunities + c.winRate + c.averageDeal + c.cycle };
  });
  if (v.changes.some((c) => c.defined)) layout.chart({ type: "columnStacked", title: "Velocity change by cause", block: changes, series: [3, 4, 5, 6] });

  const w = h.waterfall;
  if (w) {
    const wf = layout.add({
      title: `Pipeline waterfall by ${analysis.period.kind} (${w.scope === "due" ? "open deals expected to close by the period's end" : "all open deals"})`,
      headers: ["Period", "Start", "Created", "Pulled in", "Increased", "Decreased", "Pushed out", "Won", "Lost", "End", "Start + in - out", "Complete period"],
      formats: [undefined, "currency2", "currency2", "currency2", "currency2", "currency2", "currency2", "currency2", "currency2", "currency2", "currency2", undefined],
      rows: w.periods.map((p) => [p.period, p.start, p.created, numCell(p.pulledIn), numCell(p.increased), numCell(p.decreased), numCell(p.pushedOut), p.won, p.lost, p.end, null, p.complete ? "yes" : "no (still running)"]),
      tableName: "GTM_Waterfall",
    });
    // the check column is a live formula, so a reader sees the bars account for the whole change
    const wb = layout.sheet.blocks[wf];
    w.periods.forEach((p, i) => {
      const r = wb.row + 1 + i;
      const c = (k: number) => a1(r, k);
      wb.rows[i][10] = { formula: `${c(1)}+${c(2)}+${c(3)}+${c(4)}-${c(5)}-${c(6)}-${c(7)}-${c(8)}`, result: p.end };
    });
    const focus = focusPeriod(w.periods);
    if (focus) {
      const bars = layout.add({
        title: `Waterfall of ${focus.period} (what moved the pipeline, bar by bar)`,
        headers: ["Bar", "Amount", "Deals"],
        formats: [undefined, "currency2", "integer"],
        rows: [
          ["Start", focus.start, null],
          ...WATERFALL_BARS.map((b): ReportCell[] => [BAR_NAMES[b], numCell(OUT.has(b) ? -focus[b] : focus[b]), focus.deals[b].count]),
          ["End", focus.end, null],
        ],
        tableName: "GTM_Waterfall_Bars",
      });
      layout.chart({ type: "column", title: `Pipeline waterfall, ${focus.period}`, block: bars, series: [1] });
      const listed = WATERFALL_BARS.flatMap((b) => focus.deals[b].list.map((d) => [BAR_NAMES[b], d.id, d.row, OUT.has(b) ? -d.amount : d.amount]));
      if (listed.length > 0) {
        layout.add({
          title: `Deals in each bar, ${focus.period} (the largest 50 a bar; rows of sheet "${w.sheet}")`,
          headers: ["Bar", "Deal", "Sheet row", "Amount"],
          formats: [undefined, undefined, "integer", "currency2"],
          rows: listed,
          tableName: "GTM_Waterfall_Deals",
        });
      }
    }
  }
  const slip = h.slippage;
  if (slip) {
    const head = ["Deals with a close date", "Slipped", "How often", "Moves out", "Median days moved", "Total days moved"];
    const fmt = ["integer", "integer", "percent", "integer", "decimal", "integer"] as const;
    const cells = (r: SlipRow) => [r.deals, r.slipped, numCell(r.share), r.slips, numCell(r.medianDays), r.totalDays];
    layout.add({
      title: "Close-date slippage per rep (expected close dates moved out while the deal was open)",
      headers: ["Rep", ...head],
      formats: [undefined, ...fmt],
      rows: [...slip.byRep.map((r) => [r.group, ...cells(r)]), [slip.total.group, ...cells(slip.total)]],
      tableName: "GTM_Slippage_Reps",
    });
    layout.add({
      title: "Close-date slippage per stage (the stage the deal was in when its date moved)",
      headers: ["Stage", ...head],
      formats: [undefined, ...fmt],
      rows: slip.byStage.map((r) => [r.group, ...cells(r)]),
      tableName: "GTM_Slippage_Stages",
    });
  }
  const notes = [
    ...v.notes,
    ...(w ? [`Waterfall: ${w.definition}`, ...w.notes] : ["The pipeline waterfall and close-date slippage need a table of stage changes (or snapshots) with amounts and close dates: not known from this data."]),
    ...(slip ? slip.notes : []),
  ];
  if (notes.length) layout.add({ title: "Notes", headers: ["Note"], rows: notes.map((n) => [n]) });
  return { sheet: layout.done(), anchors: { velocity: layout.anchor(periods, Math.max(0, v.periods.length - 1), 7) } };
}

/** The latest complete period in which anything moved (else the latest period). */
function focusPeriod(periods: WaterfallPeriod[]): WaterfallPeriod | undefined {
  const moved = (p: WaterfallPeriod) => WATERFALL_BARS.some((b) => p.deals[b].count > 0);
  for (let i = periods.length - 1; i >= 0; i--) if (periods[i].complete && moved(periods[i])) return periods[i];
  return periods[periods.length - 1];
}
