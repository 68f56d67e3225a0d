/** "GTM Summary": headline figures, what to act on (insights with where their number is), bombs and gears. */
import { Analysis } from "../../engine/analysis";
import { PipelineData } from "../../pipeline/types";
import { headlineChange } from "../insights";
import { numCell, serialToIso } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportInsight, ReportSheet } from "../types";
import { reading } from "./timebombs";

export const SUMMARY_SHEET = "GTM Summary";

export interface SummarySheet {
  sheet: ReportSheet;
  gearAnchor: ReportAnchor;
}

export function summarySheet(a: Analysis, data: PipelineData, insights: ReportInsight[]): SummarySheet {
  const p = a.period;
  const layout = new SheetLayout(SUMMARY_SHEET, [
    `GTM Compass analysis of ${data.deals.sheet}: ${data.rows.used} deal rows used of ${data.rows.read} read, by ${p.kind} (${p.chosenBy === "user" ? "chosen by you" : "chosen from the data span"}), as of ${serialToIso(p.asOf)}.`,
  ], "1F4E79");
  const lastComplete = [...a.levers.periods].reverse().find((x) => x.complete);
  const change = headlineChange(a);
  const firing = a.timeBombs.filter((b) => b.status === "TIME BOMB").length;
  const watching = a.timeBombs.filter((b) => b.status === "WATCH").length;
  const key = layout.add({
    title: "Key figures",
    headers: [
      lastComplete ? `Won revenue ${lastComplete.period}` : "Won revenue (latest complete period)",
      change ? `Change ${change.from} to ${change.to}` : "Change vs prior period",
      "Win rate",
      "Median won cycle",
      "Open pipeline value",
      "Pipeline coverage",
      "Time bombs",
      "Watch",
    ],
    formats: ["currency", "currency", "percent", "days", "currency", "decimal", "integer", "integer"],
    rows: [[lastComplete ? lastComplete.revenue : null, change ? change.revenueChange : null, numCell(a.funnel.winRate), numCell(a.funnel.medianWonCycleDays), numCell(a.funnel.openValue), numCell(a.funnel.coverage), firing, watching]],
  });
  layout.freezeAt(key);
  layout.add({
    title: "What to act on (most urgent first)",
    headers: ["#", "Status", "Finding", "Number in"],
    formats: ["integer", undefined, undefined, undefined],
    rows: insights.map((x, i) => [i + 1, x.status ?? "", x.text, x.anchor ? `${x.anchor.sheet}!${x.anchor.cell}` : ""]),
    tableName: "GTM_Insights",
    statusColumns: [1],
  });
  layout.add({
    title: "Time bombs",
    headers: ["Time bomb", "Status", "Reading"],
    rows: a.timeBombs.map((b) => [b.name, b.status, reading(b)]),
    statusColumns: [1],
  });
  const gears = layout.add({
    title: `Growth gears (Insight -> Strategy -> Execution; bottleneck: ${a.gears.bottleneck ?? "none"})`,
    headers: ["Gear", "Score (1-5)", "Measured by", "Value", "Note"],
    formats: [undefined, "integer", undefined, "percent", undefined],
    rows: a.gears.gears.map((g) => [g.gear, numCell(g.score), g.metrics.map((m) => m.name).join("; ") || "not measured", g.metrics.length ? numCell(g.metrics[0].value) : null, g.note]),
  });
  const bottleneckRow = Math.max(0, a.gears.gears.findIndex((g) => g.gear === a.gears.bottleneck));
  return { sheet: layout.done(), gearAnchor: layout.anchor(gears, bottleneckRow, 1) };
}
