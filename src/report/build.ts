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
import { timeBombsSheet } from "./sheets/timebombs";
import { ReportInsight, WorkbookReport } from "./types";

export interface BuildOptions {
  /** What was analysed as the user names it (e.g. "pipeline.xlsx › Deals"), for titles and print headers. */
  source?: string;
}

export function buildReport(analysis: Analysis, data: PipelineData, options: BuildOptions = {}): WorkbookReport {
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
  const summary = summarySheet(analysis, data, insights, { bombs: s.bombs.anchors }, options.source);
  const sheets = [summary.sheet, s.levers.sheet, s.bombs.sheet, s.funnel.sheet, s.segments.sheet, ...(s.compass ? [s.compass.sheet] : []), s.issues.sheet];
  const source = options.source ?? data.deals.sheet;
  for (const sheet of sheets) if (sheet.print) sheet.print.header = { left: sheet.name, right: source };
  return { sheets, insights, source };
}
