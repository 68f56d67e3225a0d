/**
 * One analysis run from the task pane: read the chosen source (and optional leads, stage-history and inputs sheets)
 * through the adapter, run the shared pipeline, engine and report, write the report back. Stages are
 * reported for the progress bar; Cancel is honoured between chunks and between sheets.
 */
import { PipelineError, readPipeline } from "../pipeline";
import type { PipelineData, SheetGrid } from "../pipeline/types";
import { analyze } from "../engine/analyze";
import type { PeriodKind } from "../model/calendar";
import { buildReport } from "../report/build";
import type { WorkbookReport } from "../report/types";
import { readBlock, readFingerprint, readSheet } from "./excel/read";
import type { SourceCandidate } from "./excel/sources";
import { throwIfCancelled, type ExcelHost } from "./excel/host";
import { writeReport, type WriteResult } from "./excel/write";
import { summarize, type ResultInsight, type RunSummary } from "./summary";

export type { ResultInsight } from "./summary";

export const DATA_ISSUES_SHEET = "GTM Data Issues";

export interface RunRequest {
  source: SourceCandidate;
  /** Field -> header ("none" = not in this table). */
  map: Record<string, string>;
  leads?: { source: SourceCandidate; map?: Record<string, string>; joinKey?: { deals?: string; leads?: string } };
  inputsSheet?: string;
  /** A table of stage changes (deal id, stage, date; amount, close date), joined on the deal id. */
  history?: { source: SourceCandidate };
  period?: PeriodKind;
  /** Outcome-column values the user declared won or lost. */
  outcomes?: { won?: string[]; lost?: string[] };
  /** Read rows a filter (or the user) hid too; by default only the visible rows are read. */
  includeHidden?: boolean;
  /** Ids of the sheets the user agreed to replace (default: the last recorded run's). */
  replace?: readonly string[];
}

export type RunStage =
  | { kind: "reading"; done: number; total: number }
  | { kind: "analysing" }
  | { kind: "writing"; index: number; count: number; sheet: string };

export interface RunOutcome {
  report: WorkbookReport;
  write: WriteResult;
  rows: { read: number; used: number; skipped: number };
  insights: ResultInsight[];
  /** The name the data-issues sheet was written under, when there is one. */
  dataIssuesSheet?: string;
  /** What the Results dashboard shows (and what is kept in the workbook for next time). */
  summary: RunSummary;
  /** Milliseconds spent in each phase (for the benchmark). */
  timings: { read: number; analyse: number; write: number };
}

export interface RunOptions {
  onStage?: (stage: RunStage) => void;
  signal?: AbortSignal;
  /** Bytes per transfer (tests lower it). */
  budget?: number;
  /** The clock (tests fix it). */
  now?: () => Date;
}

const clock = (): number => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** The pipeline refused a table whose outcome column holds nothing that reads as a stage. */
export function isNoStageValues(e: unknown): boolean {
  if (!(e instanceof PipelineError)) return false;
  const reason = (e as PipelineError & { reason?: string }).reason;
  return reason === "no-stage-values" || e.diagnostics.some((d) => d.reason === "no-stage-values");
}

/**
 * A grid read with hidden rows left out numbers its rows 1, 2, 3, ...: put the real sheet rows back into
 * what the pipeline located (rows of deals and leads, diagnostics and their "Row n" wording).
 */
export function remapRows(data: PipelineData, sheet: string, rowMap: readonly number[], table: "deals" | "leads", diagnostics = true): void {
  const real = (r: number): number => (r >= 1 && r <= rowMap.length ? rowMap[r - 1] : r);
  const rows = table === "deals" ? data.deals.sourceRow : data.leads?.sourceRow;
  if (rows) for (let i = 0; i < rows.length; i++) rows[i] = real(rows[i]);
  for (const d of diagnostics ? data.diagnostics : []) {
    if (d.sheet !== sheet || d.row <= 0) continue;
    d.row = real(d.row);
    d.message = d.message.replace(/\b([Rr]ow) (\d+)\b/g, (_, w: string, n: string) => `${w} ${real(Number(n))}`);
  }
}

export async function runAnalysis(host: ExcelHost, req: RunRequest, options: RunOptions = {}): Promise<RunOutcome> {
  const { signal } = options;
  const t0 = clock();
  const total = req.source.rowCount + (req.leads?.source.rowCount ?? 0) + (req.history?.source.rowCount ?? 0);
  let before = 0;
  const progress = (done: number): void => options.onStage?.({ kind: "reading", done: before + done, total });
  progress(0);
  const hiddenIn = (s: SourceCandidate) => !req.includeHidden && s.visibleRows !== undefined && s.visibleRows < s.rowCount;
  const dealsRead = await readBlock(host, req.source, { onProgress: progress, signal, budget: options.budget, visibleOnly: hiddenIn(req.source) });
  const deals = dealsRead.grid;
  before = req.source.rowCount;
  let leads: SheetGrid | undefined;
  let leadsMap: number[] | undefined;
  if (req.leads) {
    const r = await readBlock(host, req.leads.source, { onProgress: progress, signal, budget: options.budget, visibleOnly: hiddenIn(req.leads.source) });
    leads = r.grid;
    leadsMap = r.rowMap;
  }
  let history: SheetGrid | undefined;
  if (req.history) {
    before += req.leads?.source.rowCount ?? 0;
    // every change counts: a history is read whole, whatever a filter shows
    history = (await readBlock(host, req.history.source, { onProgress: progress, signal, budget: options.budget })).grid;
  }
  const inputs = req.inputsSheet ? await readSheet(host, req.inputsSheet, { signal }) : undefined;
  const fingerprint = await readFingerprint(host, req.source);
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
    history,
    outcomes: req.outcomes && (req.outcomes.won?.length || req.outcomes.lost?.length) ? req.outcomes : undefined,
  });
  if (dealsRead.rowMap) remapRows(data, deals.name, dealsRead.rowMap, "deals");
  // Two tables on one sheet: a diagnostic's row cannot say which table it is in, so only the deals' are mapped.
  if (leads && leadsMap) remapRows(data, leads.name, leadsMap, "leads", !(dealsRead.rowMap && leads.name === deals.name));
  const analysis = analyze(data, { period: req.period });
  const report = buildReport(analysis, data);
  throwIfCancelled(signal);
  const t2 = clock();

  const write = await writeReport(host, report, {
    signal,
    budget: options.budget,
    replace: req.replace,
    onSheet: (index, count, sheet) => options.onStage?.({ kind: "writing", index, count, sheet }),
  });
  const t3 = clock();
  const insights = report.insights.map((i) => ({
    ...i,
    anchor: i.anchor ? { sheet: write.names[i.anchor.sheet] ?? i.anchor.sheet, cell: i.anchor.cell } : undefined,
  }));
  const dataIssuesSheet = write.names[DATA_ISSUES_SHEET];
  const summary = summarize({
    when: options.now ? options.now() : new Date(),
    source: { id: req.source.id, label: req.source.label, sheet: req.source.sheet, address: req.source.address },
    analysis,
    data,
    insights,
    sheets: report.sheets.map((s) => write.names[s.name] ?? s.name),
    dataIssuesSheet,
    replaced: write.replaced,
    renamed: write.renamed,
    hidden: dealsRead.rowMap ? { rows: req.source.rowCount - deals.values.length } : undefined,
    fingerprint: fingerprint ?? undefined,
    names: write.names,
    unprinted: write.unprinted,
  });
  return {
    report,
    write,
    rows: data.rows,
    insights,
    dataIssuesSheet,
    summary,
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
      return { value: undefined, text: "Analyzing" };
    case "writing":
      return { value: 0.7 + 0.3 * ((stage.index - 1) / Math.max(1, stage.count)), text: `Writing sheet ${stage.index} of ${stage.count}: ${stage.sheet}` };
  }
}
