import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parseCommand, usage, type AnalyzeCommand } from "./args";
import { CliError, EXIT_INTERNAL, EXIT_OK } from "./errors";
import { cleanUpOnSignals } from "./output-guard";
import { Progress, type ProgressSink } from "./progress";
import { runAnalysis, type RunResult } from "./run";
import { planRuns } from "./select-sheets";
import { safeLine, safeText } from "./terminal";

/** The outside world main() talks to; tests pass their own. */
export interface CliIO {
  stdout: { write(text: string): unknown };
  stderr: ProgressSink;
  env: Record<string, string | undefined>;
  cwd: string;
}

const nodeIO = (): CliIO => ({
  stdout: process.stdout,
  stderr: {
    write: (t: string) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns,
  },
  env: process.env,
  cwd: process.cwd(),
});

/** How many insights the final message lists. */
const TOP_INSIGHTS = 5;

/**
 * `gtm-compass <command> ...`: returns the exit code. A user's mistake prints one line on stderr and no
 * stack; an unexpected failure prints one line too (the stack only with GTM_COMPASS_DEBUG=1).
 */
export async function main(argv: string[], given?: CliIO): Promise<number> {
  // Run as the command (not from a test): remove our temporary files if interrupted.
  if (!given) cleanUpOnSignals();
  const io = given ?? nodeIO();
  try {
    const cmd = parseCommand(argv);
    if (cmd.command === "help") {
      io.stdout.write(`${usage()}\n`);
      return EXIT_OK;
    }
    if (cmd.command === "version") {
      io.stdout.write(`${version()}\n`);
      return EXIT_OK;
    }
    return await analyzeFiles(cmd, io);
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`gtm-compass: ${safeLine(e.message)}\n`);
      return e.exitCode;
    }
    const err = e as Error;
    io.stderr.write(`gtm-compass: unexpected error: ${safeLine(String(err?.message ?? err).split("\n")[0])} (a bug in GTM Compass; rerun with GTM_COMPASS_DEBUG=1 for details).\n`);
    if (io.env.GTM_COMPASS_DEBUG) io.stderr.write(`${safeText(err?.stack ?? "")}\n`);
    return EXIT_INTERNAL;
  }
}

async function analyzeFiles(cmd: AnalyzeCommand, io: CliIO): Promise<number> {
  const plan = await planRuns(cmd.files, cmd.leads, Boolean(cmd.out || (cmd.json && cmd.json !== "-")));
  if (plan.note && !cmd.quiet) io.stderr.write(`${safeLine(`gtm-compass: ${plan.note}`)}\n`);
  for (const run of plan.runs) {
    const progress = new Progress(io.stderr, !cmd.quiet);
    const result = await runAnalysis({
      file: run.file,
      out: cmd.out,
      json: cmd.json,
      period: cmd.period,
      map: cmd.map,
      inputs: cmd.inputs,
      leads: run.leads,
      history: cmd.history,
      sheet: cmd.sheet,
      force: cmd.force,
      won: cmd.won,
      lost: cmd.lost,
      asOf: cmd.asOf,
      strict: cmd.strict,
      loaded: plan.loaded,
      // Warnings are printed even with --quiet: they say the figures may be wrong.
      onWarnings: (ws) => {
        progress.finish();
        for (const w of ws) io.stderr.write(`${safeLine(`gtm-compass: WARNING: ${w.message}${w.fix ? ` Fix: ${w.fix}.` : ""}`)}\n`);
      },
      onProgress: (phase, f) => progress.update(safeLine(phase), f),
    });
    progress.finish(
      safeLine(`gtm-compass: ${result.from.deals}: ${n(result.rows.read)} rows read, ${n(result.rows.used)} used, ` +
        `${n(result.rows.skipped)} skipped, in ${progress.elapsed().toFixed(1)} s`),
    );
    if (result.jsonText) io.stdout.write(result.jsonText);
    else if (!cmd.quiet) io.stdout.write(safeText(describe(result, io.cwd)));
  }
  return EXIT_OK;
}

/** What the user reads at the end: where the result is and what to look at first. */
export function describe(result: RunResult, cwd: string): string {
  const rel = (p: string): string => {
    const r = relative(cwd, p);
    return r && !r.startsWith("..") ? r : p;
  };
  const lines = [`Analysis written to ${rel(result.out)}${result.outStatus === "replace" ? " (replacing the previous analysis)" : ""}`];
  lines.push(`  sheets: ${result.sheets.join(", ")}`);
  if (result.from.leads) lines.push(`  leads: ${result.from.leads}`);
  if (result.from.inputs) lines.push(`  inputs: ${result.from.inputs}`);
  if (result.from.history) lines.push(`  stage history: ${result.from.history}`);
  // Say which column decided the outcome when the table offered more than one.
  if (result.outcome && result.outcome.columns.length > 1) lines.push(`  won / lost / open: ${result.outcome.why}`);
  if (result.json) lines.push(`JSON summary written to ${rel(result.json)}`);
  const top = result.insights.slice(0, TOP_INSIGHTS);
  if (top.length > 0) {
    lines.push("Top insights:");
    // Insight texts usually name their status already; tag the ones that do not.
    for (const i of top) lines.push(`  ${i.status && !i.text.includes(i.status) ? `[${i.status}] ` : ""}${i.text}`);
  }
  return `${lines.join("\n")}\n`;
}

function n(x: number): string {
  return x.toLocaleString("en-US");
}

/** The version from our package.json (found upward from this file: src/cli or dist/node/cli). */
function version(): string {
  for (let dir = __dirname, i = 0; i < 5; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "gtm-compass") return `gtm-compass ${pkg.version ?? "unknown"}`;
    } catch {
      // not here: look one folder up
    }
  }
  return "gtm-compass (version unknown)";
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
