import { existsSync, readFileSync, realpathSync, statSync, unlinkSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { CliError, EXIT_OUTPUT } from "./errors";
import { detectFileKind } from "./file-kind";
import { readXlsx } from "./read-xlsx";

/** `<input>-analysis.xlsx` beside the input: the analysis is a workbook of its own. */
export function defaultOutPath(input: string): string {
  const base = basename(input, extname(input));
  return join(dirname(input), `${base}-analysis.xlsx`);
}

/** The temporary file an output is first written to (in its own folder, so the final rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

/** A file's identity: device and inode (a hard link or a second path to a file shares them). */
function identity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}

function samePath(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return realpathSync(p);
    } catch {
      // Not there yet: its folder may still be a link to the input's folder.
      try {
        return join(realpathSync(dirname(resolve(p))), basename(p));
      } catch {
        return resolve(p);
      }
    }
  };
  return real(a) === real(b);
}

/** Is `out` the same file as `input`, by path (links resolved) or by device and inode? */
export function sameFile(out: string, input: string): boolean {
  if (samePath(out, input)) return true;
  const a = identity(out);
  return a !== undefined && a === identity(input);
}

export interface OutputPlan {
  out: string;
  outStatus: "new" | "replace";
  json?: string;
}

/**
 * Check every output path against every input (by path and by file identity) and against each other,
 * and that each can be written, all before anything is read at length or written. Exit 3 on a refusal.
 */
export async function checkOutputs(opts: { out: string; json?: string; inputs: string[]; force: boolean }): Promise<OutputPlan> {
  const outStatus = await checkWorkbookOutput(opts.out, opts.inputs, opts.force);
  if (opts.json && opts.json !== "-") {
    checkJsonOutput(opts.json, opts.inputs, opts.force);
    if (sameFile(opts.json, opts.out)) {
      throw new CliError(`--json and --out name the same file (${basename(opts.json)}): give the JSON summary a name of its own.`, EXIT_OUTPUT);
    }
  }
  return { out: opts.out, outStatus, json: opts.json };
}

/**
 * May we write the analysis workbook to `out`? A new path: yes. A workbook GTM Compass wrote (every sheet
 * holds our marker): yes, it is replaced. Anything else: only with --force. An input file: never.
 */
export async function checkWorkbookOutput(out: string, inputs: string[], force: boolean): Promise<"new" | "replace"> {
  for (const input of inputs) {
    if (sameFile(out, input)) {
      throw new CliError(`Refusing to write the analysis over your input ${basename(input)}: GTM Compass never changes your file; choose another --out.`, EXIT_OUTPUT);
    }
  }
  if (!existsSync(dirname(resolve(out)))) throw new CliError(`Cannot write ${out}: its folder does not exist.`, EXIT_OUTPUT);
  if (!existsSync(out)) return "new";
  const st = statSync(out);
  if (st.isDirectory()) throw new CliError(`--out ${out} is a folder: give a file name ending in .xlsx.`, EXIT_OUTPUT);
  if (!st.isFile()) throw new CliError(`--out ${out} is not a regular file (a device or a pipe): give a file name ending in .xlsx.`, EXIT_OUTPUT);
  if (force) return "replace";
  if (await writtenByUs(out)) return "replace";
  throw new CliError(
    `${basename(out)} already exists and was not written by GTM Compass: choose another --out, or add --force to replace it.`,
    EXIT_OUTPUT,
  );
}

/** The same rule for the JSON summary: ours has the summary's top-level keys. */
export function checkJsonOutput(json: string, inputs: string[], force: boolean): void {
  if (json === "-") return;
  for (const input of inputs) {
    if (sameFile(json, input)) throw new CliError(`Refusing to write the JSON summary over your input ${basename(input)}.`, EXIT_OUTPUT);
  }
  if (!existsSync(dirname(resolve(json)))) throw new CliError(`Cannot write ${json}: its folder does not exist.`, EXIT_OUTPUT);
  if (!existsSync(json)) return;
  const st = statSync(json);
  if (st.isDirectory()) throw new CliError(`--json ${json} is a folder: give a file name.`, EXIT_OUTPUT);
  if (!st.isFile()) throw new CliError(`--json ${json} is not a regular file (a device or a pipe): give a file name, or - for standard output.`, EXIT_OUTPUT);
  if (force) return;
  try {
    // A summary is small; anything large is not ours (and is not read whole).
    if (st.size < 16 * 1024 * 1024) {
      const existing = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>;
      if (existing && typeof existing === "object" && "rows" in existing && "funnel" in existing && "levers" in existing) return;
    }
  } catch {
    // not JSON: not ours
  }
  throw new CliError(`${basename(json)} already exists and is not a GTM Compass summary: choose another --json, or add --force.`, EXIT_OUTPUT);
}

async function writtenByUs(path: string): Promise<boolean> {
  try {
    if (detectFileKind(path) !== "xlsx") return false;
    const book = await readXlsx(path);
    return book.sheets.length > 0 && book.sheets.every((s) => s.owned);
  } catch {
    return false;
  }
}

/** Temporary files being written: removed if the run is interrupted (Ctrl-C, kill). */
const temps = new Set<string>();

export function registerTemp(path: string): void {
  temps.add(path);
}

export function releaseTemp(path: string): void {
  temps.delete(path);
}

/** Remove every temporary file still registered (on SIGINT / SIGTERM, before exiting). */
export function removeTemps(): void {
  for (const p of temps) {
    try {
      unlinkSync(p);
    } catch {
      // not written yet, or already renamed
    }
  }
  temps.clear();
}

let installed = false;

/** On SIGINT / SIGTERM: remove the temporary files, then exit as a signalled process would (130 / 143). */
export function cleanUpOnSignals(): void {
  if (installed) return;
  installed = true;
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    process.on(signal, () => {
      removeTemps();
      process.exit(code);
    });
  }
}
