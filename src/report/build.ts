/** Analysis -> workbook description: the GTM sheets in order and the insights, shared by both writers. */
import { Analysis } from "../engine/analysis";
import { PipelineData } from "../pipeline/types";
import { buildInsights, dataInsight, SheetAnchors } from "./insights";
import { compassSheet } from "./sheets/compass";
import { dataIssuesSheet } from "./sheets/data-issues";
import { funnelSheet } from "./sheets/funnel";
import { leversSheet } from "./sheets/levers";
import { segmentsSheet } from "./sheets/segments";
import { summarySheet } from "./sheets/summary";
import { stagesSheet } from "./sheets/stages";
import { velocitySheet } from "./sheets/velocity";
import { timeBombsSheet } from "./sheets/timebombs";
import { ReportInsight, WorkbookReport } from "./types";

export function buildReport(analysis: Analysis, data: PipelineData): WorkbookReport {
  const s: SheetAnchors = {
    levers: leversSheet(analysis),
    bombs: timeBombsSheet(analysis),
    funnel: funnelSheet(analysis),
    segments: segmentsSheet(analysis),
    compass: compassSheet(analysis),
    issues: dataIssuesSheet(analysis, data),
  };
  const issues = data.diagnostics.reduce((n, d) => n + (d.count ?? 1), 0);
  const insights: ReportInsight[] = buildInsights(analysis, s);
  const dq = dataInsight(data.rows, issues, s);
  if (dq) insights.push(dq);
  // the gears block sits below the insights on the summary, so its anchor is known only after layout
  const summary = summarySheet(analysis, data, insights);
  for (const x of insights) if (x.kind === "gear") x.anchor = summary.gearAnchor;
  const refresh = summarySheet(analysis, data, insights);
  return {
    sheets: [refresh.sheet, s.levers.sheet, s.bombs.sheet, s.funnel.sheet, s.segments.sheet, ...(s.compass ? [s.compass.sheet] : []), ...historySheets(analysis), s.issues.sheet],
    insights,
  };
}

/** GTM Stages (when the data has a stage history) and GTM Velocity. */
function historySheets(analysis: Analysis) {
  const stages = stagesSheet(analysis);
  return [...(stages ? [stages.sheet] : []), velocitySheet(analysis).sheet];
}
