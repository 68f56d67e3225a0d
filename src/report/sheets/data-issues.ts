/**
 * "GTM Data Issues": every diagnostic (sheet, row, column, header, value, message), rows read/used/skipped,
 * the column mapping used and the date formats chosen. User text is written as plain values.
 */
import { Analysis } from "../../engine/analysis";
import { PipelineData } from "../../pipeline/types";
import { count, plain, serialToIso } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const DATA_ISSUES_SHEET = "GTM Data Issues";
/** More lines than this would bury the summary; the rest are counted. */
export const MAX_DIAGNOSTICS = 20000;

export interface DataIssuesSheet {
  sheet: ReportSheet;
  anchors: { skipped: ReportAnchor; issues: ReportAnchor };
}

export function dataIssuesSheet(analysis: Analysis, data: PipelineData): DataIssuesSheet {
  const diags = data.diagnostics;
  const found = diags.reduce((s, d) => s + (d.count ?? 1), 0);
  const layout = new SheetLayout(DATA_ISSUES_SHEET, [
    { text: "Data issues: what could not be used, and how the data was read", style: "title" },
    plain(`${count(data.rows.read, "row")} read, ${data.rows.used} used, ${data.rows.skipped} skipped; ${count(found, "issue")} found. As of ${serialToIso(analysis.period.asOf)}; periods: ${analysis.period.reason}.`),
  ]);
  const shown = diags.slice(0, MAX_DIAGNOSTICS);
  const issues = layout.add({
    title: "Issues",
    headers: ["Sheet", "Row", "Column", "Header", "Field", "Value", "Severity", "Message"],
    formats: [undefined, "integer", undefined, undefined, undefined, "text", undefined, undefined],
    rows: shown.map((d) => [d.sheet, d.row || null, d.column, d.header ?? "", d.field ?? "", d.value ?? "", d.severity, plain(d.count && d.count > 1 ? `${d.message} (${d.count} cells)` : d.message)]),
    tableName: "GTM_Data_Issues",
  });
  if (diags.length > MAX_DIAGNOSTICS) {
    layout.add({ headers: ["Note"], rows: [[`${diags.length - MAX_DIAGNOSTICS} more issues are not listed here.`]] });
  }
  const counts = layout.add({
    title: "Rows",
    headers: ["Rows read", "Rows used", "Rows skipped", "Issues found"],
    formats: ["integer", "integer", "integer", "integer"],
    rows: [[data.rows.read, data.rows.used, data.rows.skipped, found]],
    tableName: "GTM_Rows",
  });
  const mapping = [...data.mapping.map((m) => ({ ...m, table: data.deals.sheet })), ...(data.leadMapping ?? []).map((m) => ({ ...m, table: data.leads?.sheet ?? "Leads" }))];
  layout.add({
    title: "Column mapping used",
    headers: ["Sheet", "Field", "Header", "Column", "Matched by", "Confidence"],
    formats: [undefined, undefined, "text", "integer", undefined, "percent"],
    rows: mapping.map((m) => [m.table, m.field, m.header, m.column + 1, m.how, m.confidence]),
    tableName: "GTM_Mapping",
  });
  if (data.dateFormats.length) {
    layout.add({
      title: "Date formats chosen",
      headers: ["Sheet", "Header", "Format", "Why"],
      formats: [undefined, "text", undefined, undefined],
      rows: data.dateFormats.map((d) => [d.sheet, d.header, d.format, d.reason]),
      tableName: "GTM_Date_Formats",
    });
  }
  layout.add({ title: "Stage order used", headers: ["Stage"], rows: (data.stageOrder.length ? data.stageOrder : ["(none given or inferred)"]).map((s) => [s]), tableName: "GTM_Stage_Order" });
  const notes = [...(data.warnings ?? []).map((w) => `Warning: ${w.message}${w.fix ? ` Fix: ${w.fix}` : ""}`), ...analysis.notes];
  if (notes.length) layout.add({ title: "Analysis notes", headers: ["Note"], rows: notes.map((n) => [plain(n)]) });
  // the long list of issues comes first, so its heading row is the one kept in view and repeated in print
  layout.freezeAt(issues);
  return { sheet: layout.done(), anchors: { skipped: layout.anchor(counts, 0, 2), issues: layout.anchor(counts, 0, 3) } };
}
