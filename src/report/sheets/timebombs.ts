/**
 * "GTM Time Bombs": the six checks in one coloured table, then one section per check: its status, its
 * number in a real format (blank with "not known" when the check could not run) against its line, the
 * evidence (reps, partners, periods, rows), the question to ask next and any detail table.
 */
import { Analysis, TimeBomb } from "../../engine/analysis";
import { formatFor, numCell, plain, show } from "../format";
import { keyFigureBlock } from "../figures";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const TIME_BOMBS_SHEET = "GTM Time Bombs";
const MAX_LIST = 20;

export interface TimeBombsSheet {
  sheet: ReportSheet;
  /** Anchor of each bomb's measured value (or its status when there is no value). */
  anchors: Map<string, ReportAnchor>;
}

/** "15.0 months payback" style reading for the overview table. */
export function reading(b: TimeBomb): string {
  if (b.status === "NO DATA" || !Number.isFinite(b.metric)) return "not measured";
  // "CAC payback (months)" reads "13.7 months (CAC payback)": the unit is in the number already
  const name = b.metricName.replace(/\s*\([^)]*\)$/, "").replace(/\b([A-Z][a-z]+)\b/g, (w) => w.toLowerCase());
  return `${show(b.metric, b.metricFormat)} (${name})`;
}

function list(label: string, items: string[] | undefined): string[] {
  if (!items || items.length === 0) return [];
  const shown = items.slice(0, MAX_LIST).join(", ");
  return [`${label}: ${shown}${items.length > MAX_LIST ? ` and ${items.length - MAX_LIST} more` : ""}`];
}

export function timeBombsSheet(analysis: Analysis): TimeBombsSheet {
  const layout = new SheetLayout(TIME_BOMBS_SHEET, [
    { text: "Time bombs: what could go off", style: "title" },
    "Six checks: OK, WATCH, TIME BOMB, or NO DATA when the data or the inputs sheet lacks what the check needs.",
  ]);
  const bombs = analysis.timeBombs;
  const overview = layout.add({
    title: "Time bombs",
    headers: ["Time bomb", "Status", "Reading", "Ask next"],
    rows: bombs.map((b) => [b.name, b.status, reading(b), b.question]),
    tableName: "GTM_Time_Bombs",
    statusColumns: [1],
  });
  layout.freezeAt(overview);
  const anchors = new Map<string, ReportAnchor>();

  bombs.forEach((b, n) => {
    const fmt = formatFor(b.metricFormat);
    const measured = Number.isFinite(b.metric);
    const why = plain(b.notes[0] ?? "the check could not run");
    const idx = layout.add({
      ...keyFigureBlock(`${n + 1}. ${b.name}`, [
        { label: "Status", value: b.status },
        { label: b.metricName, value: numCell(b.metric), format: fmt, note: measured ? "" : `not known: ${why.replace(/\.$/, "")}` },
        { label: "Line", value: numCell(b.threshold), format: fmt, note: b.thresholdText },
      ]),
      statusColumns: [1],
    });
    anchors.set(b.id, layout.anchor(idx, measured ? 1 : 0, 1));
    const e = b.evidence;
    const lines = [
      ...e.facts,
      ...list("Reps", e.reps),
      ...list("Partners", e.partners),
      ...list("Competitors", e.competitors),
      ...list("Periods", e.periods),
      ...(e.rows && e.rows.length ? [`Rows on sheet ${e.sheet ?? "the deals sheet"}: ${e.rows.slice(0, MAX_LIST).join(", ")}${e.rows.length > MAX_LIST ? " ..." : ""}`] : []),
      ...b.notes,
      `Ask next: ${b.question}`,
    ].map(plain);
    layout.add({ headers: ["Evidence"], rows: lines.map((l) => [l]) });
    if (b.table && b.table.rows.length) {
      layout.add({
        title: b.table.title,
        headers: b.table.headers,
        formats: b.table.formats.map((f) => formatFor(f)),
        rows: b.table.rows.map((r) => r.map((v) => (typeof v === "number" ? numCell(v) : v))),
        statusColumns: b.table.headers.includes("Flag") ? [b.table.headers.indexOf("Flag")] : undefined,
        tableName: `GTM_Bomb_${n + 1}_Detail`,
      });
    }
    if (b.id === "high-cac") cacExtras(analysis, layout);
  });
  return { sheet: layout.done(), anchors };
}

function cacExtras(analysis: Analysis, layout: SheetLayout): void {
  const cac = analysis.cac;
  if (cac.bySource.length) {
    layout.add({
      title: "CAC per source (blended CAC can hide a channel that loses money)",
      headers: ["Source", "Spend", "New customers", "CAC", "Note"],
      formats: [undefined, "currency", "integer", "currency", undefined],
      rows: cac.bySource.map((s) => [s.source, numCell(s.spend), s.newCustomers, numCell(s.cac), s.cac === Infinity ? "spend found no customer" : Number.isFinite(s.cac) ? plain(s.note ?? "") : `not known${s.note ? `: ${plain(s.note)}` : ""}`]),
      tableName: "GTM_CAC_Source",
    });
  }
  if (cac.magicNumbers.length) {
    layout.add({
      title: `Magic number per quarter (above ${analysis.thresholds.magicNumberInvest}: invest; below ${analysis.thresholds.magicNumberFix}: fix)`,
      headers: ["Quarter", "Magic number", "Verdict"],
      formats: [undefined, "decimal", undefined],
      rows: cac.magicNumbers.map((m) => [m.period, numCell(m.value), m.verdict]),
      tableName: "GTM_Magic_Number",
    });
  }
  if (cac.notes.length) layout.add({ headers: ["CAC notes"], rows: cac.notes.map((x) => [plain(x)]) });
}
