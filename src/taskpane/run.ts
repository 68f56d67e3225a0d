/**
 * One analysis run from the task pane: read the chosen source (and optional leads and inputs sheets)
 * through the adapter, run the shared pipeline, engine and report, write the report back. Stages are
 * reported for the progress bar; Cancel is honoured between chunks and between sheets.
 */
import { readPipeline } from "../pipeline";
import type { SheetGrid } from "../pipeline/types";
import { analyze } from "../engine/analyze";
import type { PeriodKind } from "../model/calendar";
import { buildReport } from "../report/build";
import type { ReportInsight, WorkbookReport } from "../report/types";
import { readBlock, readSheet } from "./excel/read";
import type { SourceCandidate } from "./excel/sources";
import { throwIfCancelled, type ExcelHost } from "./excel/host";
import { writeReport, type WriteResult } from "./excel/write";

export const DATA_ISSUES_SHEET = "GTM Data Issues";

export interface RunRequest {
  source: SourceCandidate;
  /** Field -> header ("none" = not in this table). */
  map: Record<string, string>;
  leads?: { source: SourceCandidate; map?: Record<string, string>; joinKey?: { deals?: string; leads?: string } };
  inputsSheet?: string;
  period?: PeriodKind;
}

export type RunStage =
  | { kind: "reading"; done: number; total: number }
  | { kind: "analysing" }
  | { kind: "writing"; index: number; count: number; sheet: string };

/** An insight with its anchor pointing at the sheet name actually written. */
export interface ResultInsight extends ReportInsight {
  anchor?: { sheet: string; cell: string };
}

export interface RunOutcome {
  report: WorkbookReport;
  write: WriteResult;
  rows: { read: number; used: number; skipped: number };
  insights: ResultInsight[];
  /** The name the data-issues sheet was written under, when there is one. */
  dataIssuesSheet?: string;
  /** Milliseconds spent in each phase (for the benchmark). */
  timings: { read: number; analyse: number; write: number };
}

export interface RunOptions {
  onStage?: (stage: RunStage) => void;
  signal?: AbortSignal;
  /** Bytes per transfer (tests lower it). */
  budget?: number;
}

const clock = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

export async function runAnalysis(host: ExcelHost, req: RunRequest, options: RunOptions = {}): Promise<RunOutcome> {
  const { signal } = options;
  const t0 = clock();
  const total = req.source.rowCount + (req.leads?.source.rowCount ?? 0);
  let before = 0;
  const progress = (done: number): void => options.onStage?.({ kind: "reading", done: before + done, total });
  progress(0);
  const deals = (await readBlock(host, req.source, { onProgress: progress, signal, budget: options.budget })).grid;
  before = req.source.rowCount;
  let leads: SheetGrid | undefined;
  if (req.leads) leads = (await readBlock(host, req.leads.source, { onProgress: progress, signal, budget: options.budget })).grid;
  const inputs = req.inputsSheet ? await readSheet(host, req.inputsSheet, { signal }) : undefined;
  throwIfCancelled(signal);
  const t1 = clock();

  options.onStage?.({ kind: "analysing" });
  // Let the progress bar paint before the synchronous analysis takes the thread.
  await new Promise((r) => setTimeout(r, 0));
  const data = readPipeline(deals, {
    map: Object.keys(req.map).length ? req.map : undefined,
    leads,
    leadMap: req.leads?.map,
    joinKey: req.leads?.joinKey,
    inputs,
  });
  const analysis = analyze(data, { period: req.period });
  const report = buildReport(analysis, data);
  throwIfCancelled(signal);
  const t2 = clock();

  const write = await writeReport(host, report, {
    signal,
    budget: options.budget,
    onSheet: (index, count, sheet) => options.onStage?.({ kind: "writing", index, count, sheet }),
  });
  const t3 = clock();
  const insights = report.insights.map((i) => ({
    ...i,
    anchor: i.anchor ? { sheet: write.names[i.anchor.sheet] ?? i.anchor.sheet, cell: i.anchor.cell } : undefined,
  }));
  return {
    report,
    write,
    rows: data.rows,
    insights,
    dataIssuesSheet: write.names[DATA_ISSUES_SHEET],
    timings: { read: t1 - t0, analyse: t2 - t1, write: t3 - t2 },
  };
}

/** The progress bar's value (0-1) and words for a stage. */
export function describeStage(stage: RunStage): { value: number | undefined; text: string } {
  const n = (x: number): string => x.toLocaleString("en-US");
  switch (stage.kind) {
    case "reading":
      return { value: stage.total ? 0.6 * (stage.done / stage.total) : 0, text: `Reading rows ${n(stage.done)} of ${n(stage.total)}` };
    case "analysing":
      return { value: undefined, text: "Analysing" };
    case "writing":
      return { value: 0.7 + 0.3 * ((stage.index - 1) / Math.max(1, stage.count)), text: `Writing sheet ${stage.index} of ${stage.count}: ${stage.sheet}` };
  }
}
