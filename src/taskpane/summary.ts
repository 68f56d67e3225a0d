/**
 * The Results dashboard's data: what one run found, small enough to keep in the workbook's settings so
 * reopening the pane shows the last run again. Built from the analysis with the report's own definitions
 * (headlineFigures, headlineChange); parseSummary checks a stored one before it is shown.
 */
import type { Analysis } from "../engine/analysis";
import type { OutcomeDecision, PipelineData, PipelineWarning } from "../pipeline/types";
import { headlineFigures, type HeadlineFigure } from "../report/headline";
import { historyFigures, type HistoryFigures } from "../report/history-figures";
import { headlineChange } from "../report/insights";
import type { ReportInsight } from "../report/types";

/** An insight with its anchor pointing at the sheet name actually written. */
export interface ResultInsight extends ReportInsight {
  anchor?: { sheet: string; cell: string };
}

/** Enough of the source to tell, later, whether it changed: its size and a hash of its first and last rows. */
export interface SourceFingerprint {
  rowCount: number;
  columnCount: number;
  head: string;
  tail: string;
}

export interface LeverSplit {
  from: string;
  to: string;
  revenueChange: number;
  customers: number;
  frequency: number;
  averageDeal: number;
  defined: boolean;
  note?: string;
}

export interface RunSummary {
  version: 1;
  /** When the run finished (ISO 8601). */
  when: string;
  source: { id: string; label: string; sheet: string; address: string };
  rows: { read: number; used: number; skipped: number };
  /** Rows left out because a filter (or the user) hid them. */
  hidden?: { rows: number };
  headline: HeadlineFigure[];
  /** Deals known to have reached each stage, in funnel order. */
  funnel: { stage: string; reached: number }[];
  /** The latest period-over-period revenue change split into the three levers, when there is one. */
  levers: LeverSplit | null;
  /** Stage conversion and days in stage, when the data has a stage history (the report's own figures). */
  history?: HistoryFigures | null;
  insights: ResultInsight[];
  warnings: PipelineWarning[];
  outcome?: OutcomeDecision;
  /** Names of the sheets written, in order. */
  sheets: string[];
  dataIssuesSheet?: string;
  replaced: string[];
  renamed: { wanted: string; actual: string }[];
  /** Sheets written without their print setup because Excel refused it. */
  unprinted?: string[];
  fingerprint?: SourceFingerprint;
}

/** Findings kept with a stored run (the dashboard shows the first few; the sheets hold them all). */
export const STORED_INSIGHTS = 40;

export function summarize(args: {
  when: Date;
  source: RunSummary["source"];
  analysis: Analysis;
  data: PipelineData;
  insights: ResultInsight[];
  sheets: string[];
  dataIssuesSheet?: string;
  replaced: string[];
  renamed: RunSummary["renamed"];
  hidden?: RunSummary["hidden"];
  fingerprint?: SourceFingerprint;
  /** Wanted sheet name -> the name it was written under. */
  names?: Record<string, string>;
  unprinted?: string[];
}): RunSummary {
  const { analysis: a, data } = args;
  const change = headlineChange(a);
  return {
    version: 1,
    when: args.when.toISOString(),
    source: args.source,
    rows: data.rows,
    hidden: args.hidden,
    headline: headlineFigures(a, data),
    funnel: a.funnel.stages.filter((s) => s.reached >= 0).map((s) => ({ stage: s.stage, reached: s.reached })),
    levers: change
      ? { from: change.from, to: change.to, revenueChange: change.revenueChange, customers: change.customers, frequency: change.frequency, averageDeal: change.averageDeal, defined: change.defined, note: change.note }
      : null,
    history: historyOf(a, args.names ?? {}),
    insights: args.insights.slice(0, STORED_INSIGHTS),
    warnings: data.warnings ?? [],
    outcome: data.outcome,
    sheets: args.sheets,
    dataIssuesSheet: args.dataIssuesSheet,
    replaced: args.replaced,
    renamed: args.renamed,
    unprinted: args.unprinted?.length ? args.unprinted : undefined,
    fingerprint: args.fingerprint,
  };
}

/** The history figures with their anchor on the sheet name actually written. */
function historyOf(a: Analysis, names: Record<string, string>): HistoryFigures | null {
  const h = historyFigures(a);
  if (!h) return null;
  return { ...h, anchor: { sheet: names[h.anchor.sheet] ?? h.anchor.sheet, cell: h.anchor.cell } };
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** A stored summary, if it has the shape this version writes; null otherwise (then nothing is shown). */
export function parseSummary(x: unknown): RunSummary | null {
  if (!isObj(x) || x.version !== 1 || typeof x.when !== "string" || Number.isNaN(Date.parse(x.when))) return null;
  if (!isObj(x.source) || typeof x.source.id !== "string" || typeof x.source.label !== "string") return null;
  if (!isObj(x.rows) || typeof x.rows.read !== "number") return null;
  for (const key of ["headline", "funnel", "insights", "warnings", "sheets"]) if (!Array.isArray(x[key])) return null;
  return x as unknown as RunSummary;
}

/** FNV-1a of some rows' JSON: a cheap, stable stand-in for "these rows are the same". */
export function hashRows(rows: readonly (readonly unknown[])[]): string {
  const s = JSON.stringify(rows);
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** What changed in the source since a run, in words; null when it looks the same. */
export function sourceChange(before: SourceFingerprint | undefined, now: SourceFingerprint | null): string | null {
  if (!before) return null;
  if (!now) return "it is no longer in the workbook";
  const n = (x: number) => x.toLocaleString("en-US");
  if (now.rowCount !== before.rowCount) return `it has ${n(now.rowCount)} rows now, ${n(before.rowCount)} then`;
  if (now.columnCount !== before.columnCount) return `it has ${n(now.columnCount)} columns now, ${n(before.columnCount)} then`;
  if (now.head !== before.head) return "its first rows have changed";
  if (now.tail !== before.tail) return "its last rows have changed";
  return null;
}
