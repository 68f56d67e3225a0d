import { renameSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { readPipeline, PipelineError } from "../pipeline";
import type { PipelineData, PipelineWarning } from "../pipeline/types";
import { analyze } from "../engine/analyze";
import { buildReport } from "../report/build";
import { toJsonSummary } from "../report/summary-json";
import type { ReportInsight, WorkbookReport } from "../report/types";
import type { Period } from "./args";
import { CliError, EXIT_OUTPUT } from "./errors";
import { loadBook, type LoadedBook } from "./load";
import { checkOutputs, defaultOutPath, registerTemp, releaseTemp, tempPathFor } from "./output-guard";
import { selectSources } from "./select-sheets";

export interface RunOptions {
  /** The pipeline file (.xlsx or .csv). */
  file: string;
  /** Analysis workbook path; default `<input>-analysis.xlsx` beside the input. */
  out?: string;
  /** JSON summary path, or "-" to return it in `jsonText` for standard output. */
  json?: string;
  period?: Period;
  map?: Record<string, string>;
  inputs?: string;
  leads?: string;
  /** A table of stage changes: a file, or a sheet of the input workbook. */
  history?: string;
  sheet?: string;
  force?: boolean;
  /** Values of the stage / status column that mean won / lost (`--won`, `--lost`). */
  won?: string[];
  lost?: string[];
  /** "Today" as an Excel serial (`--as-of`); default: the latest actual event in the data. */
  asOf?: number;
  /** Warnings stop the run (exit code 1) before anything is written. */
  strict?: boolean;
  /** Called once with the reading's loud warnings, before anything is written. */
  onWarnings?: (warnings: PipelineWarning[]) => void;
  /** Files already read (two files given positionally are read once to tell leads from deals). */
  loaded?: LoadedBook[];
  /** Phase label and overall fraction done (0..1). */
  onProgress?: (phase: string, fraction: number) => void;
}

export interface RunResult {
  out: string;
  /** "new" or "replace" (a previous GTM Compass output was replaced). */
  outStatus: "new" | "replace";
  json?: string;
  /** The JSON summary text when `json` was "-". */
  jsonText?: string;
  from: { deals: string; leads?: string; inputs?: string; history?: string };
  rows: PipelineData["rows"];
  /** The reading's loud warnings (also given to onWarnings). */
  warnings: PipelineWarning[];
  /** Which columns decided won / lost / open, and why. */
  outcome?: PipelineData["outcome"];
  sheets: string[];
  insights: ReportInsight[];
  /** The workbook description that was written (the task pane writes the same one). */
  report: WorkbookReport;
}

/**
 * The whole command-line path: read the file(s), run the shared pipeline, engine and report, write the
 * analysis to a workbook of its own and optionally the JSON summary. The input files are only read.
 */
export async function runAnalysis(opts: RunOptions): Promise<RunResult> {
  const progress = opts.onProgress ?? (() => undefined);
  const inputs = [opts.file, opts.inputs, opts.leads, opts.history].filter((p): p is string => Boolean(p));
  const out = resolve(opts.out ?? defaultOutPath(opts.file));
  // Check every output path against every input, by path and by file identity, before anything is read
  // at length or written, so a refusal comes at once and nothing is half written.
  const { outStatus } = await checkOutputs({ out, json: opts.json, inputs, force: Boolean(opts.force) });

  const book = opts.loaded?.find((b) => b.file === opts.file) ?? await loadBook(opts.file, (f) => progress(`Reading ${basename(opts.file)}`, 0.6 * f));
  const map = opts.map ?? {};
  const outcomes = opts.won || opts.lost ? { won: opts.won, lost: opts.lost } : undefined;
  const sources = await selectSources(book, { sheet: opts.sheet, leads: opts.leads, inputs: opts.inputs, history: opts.history, mapped: Object.keys(map).length > 0, loaded: opts.loaded, outcomes });

  progress("Reading the pipeline", 0.6);
  let data: PipelineData;
  try {
    data = readPipeline(sources.deals, {
      map: Object.keys(map).length > 0 ? map : undefined,
      leads: sources.leads,
      inputs: sources.inputs,
      history: sources.history,
      outcomes,
      onProgress: (done: number, total: number) => progress("Reading the pipeline", 0.6 + (0.15 * done) / Math.max(1, total)),
    });
  } catch (e) {
    if (e instanceof PipelineError) throw new CliError(e.message);
    throw e;
  }
  if (data.rows.read === 0) {
    throw new CliError(`${sources.from.deals} has a header row but no data rows under it: nothing to analyse.`);
  }

  opts.onWarnings?.(data.warnings);
  if (opts.strict && data.warnings.length > 0) {
    const n = data.warnings.length;
    throw new CliError(`${n} warning${n > 1 ? "s" : ""} about how ${sources.from.deals} was read (above) and --strict: stopped, nothing written.`);
  }

  progress("Analysing", 0.75);
  const analysis = analyze(data, { period: opts.period, asOf: opts.asOf });
  progress("Writing the analysis", 0.85);
  const report = buildReport(analysis, data, { source: sources.from.deals });
  // ExcelJS is loaded only now, to write: reading never needs it.
  const { writeReportFile } = await import("./write-xlsx");
  await writing(out, async () => {
    const tmp = tempPathFor(out);
    registerTemp(tmp);
    try {
      await writeReportFile(report, out);
    } finally {
      releaseTemp(tmp);
    }
  });

  let jsonText: string | undefined;
  if (opts.json) {
    const text = `${JSON.stringify(toJsonSummary(analysis, data), null, 2)}\n`;
    jsonText = text;
    if (opts.json !== "-") await writing(opts.json, async () => writeThroughTemp(opts.json as string, text));
  }
  progress("Done", 1);
  return {
    out,
    outStatus,
    json: opts.json && opts.json !== "-" ? resolve(opts.json) : undefined,
    jsonText: opts.json === "-" ? jsonText : undefined,
    from: sources.from,
    rows: data.rows,
    warnings: data.warnings,
    outcome: data.outcome,
    sheets: report.sheets.map((s) => s.name),
    insights: report.insights,
    report,
  };
}

/** Write a small file through a temporary one and a rename: never through a link into another file. */
function writeThroughTemp(path: string, text: string): void {
  const tmp = tempPathFor(path);
  registerTemp(tmp);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
    throw e;
  } finally {
    releaseTemp(tmp);
  }
}

/** A file-system refusal while writing (no such folder, no permission, disk full) is the user's to fix. */
async function writing(path: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why: Record<string, string> = {
      ENOENT: "its folder does not exist",
      EACCES: "permission denied",
      EPERM: "permission denied",
      EROFS: "the disk is read-only",
      ENOSPC: "the disk is full",
      EISDIR: "it is a folder",
      EBUSY: "the file is open in another program",
    };
    if (code && why[code]) throw new CliError(`Cannot write ${path}: ${why[code]}.`, EXIT_OUTPUT);
    throw e;
  }
}
