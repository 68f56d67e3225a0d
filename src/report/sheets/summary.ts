/**
 * "GTM Summary": a one-page dashboard. The headline sentence (from the lead when a leads table is joined),
 * any loud warning about the reading, the headline figures as tiles, a chart of revenue by period split
 * into the three levers (or of volume in and wins out without amounts), the funnel, the findings most
 * urgent first with links to their numbers, and the six time bombs. The charts' data sits in a band to the
 * right of the page, outside the print area.
 */
import { Analysis } from "../../engine/analysis";
import { PipelineData } from "../../pipeline/types";
import { count, numCell, plain, serialToIso, show, formatFor } from "../format";
import { headlineFigures, leadHeadline, HeadlineFigure } from "../headline";
import { headlineChange } from "../insights";
import { SheetLayout, chartRows } from "../layout";
import { NumberFormatName, ReportAnchor, ReportCell, ReportInsight, ReportSheet } from "../types";
import { reading } from "./timebombs";

export const SUMMARY_SHEET = "GTM Summary";

/** The dashboard grid: 8 columns of this many characters (about a portrait page at 90%). */
export const SUMMARY_COLUMNS = 8;
const COLUMN_CHARS = 13.5;
/** Where the chart data band starts (one narrow gap column after the grid). */
const DATA_COL = SUMMARY_COLUMNS + 1;
const CHART_HEIGHT = 200;

export interface SummarySheet {
  sheet: ReportSheet;
}

/** The one sentence a VP reads first. */
export function headlineSentence(a: Analysis): string {
  const lead = leadHeadline(a);
  const c = headlineChange(a);
  const last = [...a.levers.periods].reverse().find((p) => p.complete);
  const parts: string[] = [];
  if (lead) parts.push(lead);
  if (c && last) {
    const from = a.levers.periods.find((p) => p.period === c.from);
    const rel = from && from.revenue > 0 ? ` (${show(Math.abs(c.revenueChange) / from.revenue, "percent")})` : "";
    parts.push(`won revenue ${last.period} ${show(last.revenue, "currency")}, ${c.revenueChange >= 0 ? "up" : "down"} ${show(Math.abs(c.revenueChange), "currency")}${rel} on ${c.from}`);
  } else if (!a.levers.periods.some((p) => p.revenue > 0)) {
    parts.push("won revenue not known (no deal has an amount)");
  }
  const f = a.funnel;
  if (f.won + f.lost > 0 && !lead) parts.push(`win rate ${show(f.winRate, "percent")} over ${count(f.won + f.lost, "closed deal")}`);
  const s = parts.join("; ");
  return s ? `${s[0].toUpperCase()}${s.slice(1)}.` : "No closed deal in the data yet.";
}

function tileRow(figures: HeadlineFigure[]) {
  return {
    headers: figures.map((x) => x.label),
    // a tile has room for the reason's first clause; the note on the cell keeps all of it
    rows: [figures.map((x) => x.value) as ReportCell[], figures.map((x) => (x.value === null ? (x.unknown ?? "not known").replace(/ \(.*\)$/, "") : x.detail ?? ""))],
    formats: figures.map((x) => formatFor(x.format)) as (NumberFormatName | undefined)[],
    spans: figures.map(() => 2),
    display: "tiles" as const,
    cellNotes: figures.flatMap((x, i) => (x.value === null ? [{ row: 0, col: i, text: (x.unknown ?? "not known").replace(/^not known: /, "Not known: ") }] : [])),
  };
}

export function summarySheet(a: Analysis, data: PipelineData, insights: ReportInsight[], anchors: { bombs: Map<string, ReportAnchor> }, source?: string): SummarySheet {
  const p = a.period;
  const warnings = (data.warnings ?? []).map((w) => ({ text: plain(`WARNING: ${w.message}${w.fix ? ` Fix: ${w.fix}` : ""}`), style: "warning" as const }));
  const layout = new SheetLayout(
    SUMMARY_SHEET,
    [
      { text: `GTM Compass: ${source ?? data.deals.sheet}`, style: "title" },
      {
        text: plain(`${count(data.rows.used, "deal")} used of ${data.rows.read} read${data.leads ? `, ${count(data.leads.count, "lead")}` : ""}; by ${p.kind} (${p.chosenBy === "user" ? "chosen by you" : "chosen from the data span"}); as of ${serialToIso(p.asOf)}.`),
        style: "subtitle",
      },
      ...warnings,
      { text: headlineSentence(a), style: "headline" },
    ],
    "1F4E79",
  );
  layout.sheet.columnWidths = [...Array.from({ length: SUMMARY_COLUMNS }, () => COLUMN_CHARS), 3];
  layout.sheet.noteSpan = SUMMARY_COLUMNS;

  // ---- tiles: four to a row -------------------------------------------------------------------------
  const figures = headlineFigures(a, data);
  let first = -1;
  for (let i = 0; i < figures.length; i += 4) {
    const t = layout.place(tileRow(figures.slice(i, i + 4)), layout.row, 0);
    if (first < 0) first = t;
  }

  // ---- chart data, in a band right of the page, and the two charts ----------------------------------
  const chartTop = layout.row;
  let dataRow = chartTop;
  const band = (spec: Parameters<SheetLayout["place"]>[0]): number => {
    const i = layout.placeAside(spec, dataRow + 1, DATA_COL);
    dataRow = dataRow + spec.rows.length + 3;
    return i;
  };
  const lev = a.levers;
  const hasAmounts = lev.periods.some((x) => x.revenue > 0);
  if (hasAmounts && lev.changes.length > 0) {
    const revenue = new Map(lev.periods.map((x) => [x.period, x.revenue]));
    const b = band({
      title: "Chart data: revenue change by lever",
      headers: ["Period", "From customers", "From frequency", "From average deal", "Won revenue (right axis)"],
      formats: [undefined, "currency", "currency", "currency", "currency"],
      rows: lev.changes.map((c) => [c.to, numCell(c.customers), numCell(c.frequency), numCell(c.averageDeal), revenue.get(c.to) ?? null]),
      tableName: "GTM_Summary_Levers",
    });
    layout.sheet.charts!.push({ type: "columnStacked", title: "Won revenue and its change by lever", block: b, series: [1, 2, 3, 4], lineSeries: [4], secondary: [4], row: chartTop, col: 0, width: 4 * COLUMN_CHARS * 5.7, height: CHART_HEIGHT });
  } else if (a.funnel.volume && a.funnel.volume.periods.length > 0) {
    const v = a.funnel.volume;
    const b = band({
      title: `Chart data: ${v.basis} and wins per ${p.kind}`,
      headers: ["Period", v.basis === "leads" ? "Leads" : "Deals created", "Wins (right axis)"],
      formats: [undefined, "integer", "integer"],
      rows: v.periods.map((x) => [x.period, x.volumeIn, x.wins]),
      tableName: "GTM_Summary_Volume",
    });
    layout.sheet.charts!.push({ type: "line", title: `${v.basis === "leads" ? "Leads" : "New deals"} in, wins out`, block: b, series: [1, 2], secondary: [2], row: chartTop, col: 0, width: 4 * COLUMN_CHARS * 5.7, height: CHART_HEIGHT });
  }
  const all = a.funnel.leadFunnel?.find((o) => o.origin === "All origins");
  const funnelRows: ReportCell[][] = all
    ? [
        ["Leads", all.leads],
        ["Opportunities", all.opportunities],
        ["Won", all.won],
      ]
    : a.funnel.stages.map((s) => [s.stage, s.reached]);
  const fb = band({ title: "Chart data: funnel", headers: ["Stage", all ? "Count" : "Deals reaching it"], formats: [undefined, "integer"], rows: funnelRows, tableName: "GTM_Summary_Funnel" });
  layout.sheet.charts!.push({ type: "bar", title: all ? "From lead to won" : "Deals reaching each stage", block: fb, series: [1], dataLabels: true, row: chartTop, col: 4, width: 4 * COLUMN_CHARS * 5.7, height: CHART_HEIGHT });
  layout.skip(chartRows(CHART_HEIGHT) + 1);

  // ---- findings, most urgent first ----------------------------------------------------------------
  layout.add({
    title: "What to act on (most urgent first)",
    headers: ["Status", "Finding", "Number in"],
    spans: [1, 5, 2],
    rows: insights.map((x) => [x.status ?? "INFO", x.text, x.anchor ? `${x.anchor.sheet}!${x.anchor.cell}` : ""]),
    statusColumns: [0],
    links: insights.flatMap((x, i) => (x.anchor ? [{ row: i, col: 2, to: x.anchor }] : [])),
  });

  // ---- the six time bombs at a glance -------------------------------------------------------------
  layout.add({
    title: "Time bombs",
    headers: ["Time bomb", "Status", "Reading"],
    spans: [3, 1, 4],
    rows: a.timeBombs.map((b) => [b.name, b.status, reading(b)]),
    statusColumns: [1],
    links: a.timeBombs.flatMap((b, i) => {
      const to = anchors.bombs.get(b.id);
      return to ? [{ row: i, col: 0, to }] : [];
    }),
  });
  const sheet = layout.done();
  sheet.noteSpan = SUMMARY_COLUMNS;
  sheet.print = { orientation: "portrait", fitHeight: 1, columns: [0, SUMMARY_COLUMNS - 1], header: { left: SUMMARY_SHEET, right: source ?? "" } };
  // a dashboard scrolls as one page: nothing frozen
  sheet.freezeRows = 0;
  return { sheet };
}
