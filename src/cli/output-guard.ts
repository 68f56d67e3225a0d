import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, extname, join, resolve } from "node:path";
import { CliError, EXIT_OUTPUT } from "./errors";
import { detectFileKind } from "./file-kind";
import { readXlsx } from "./read-xlsx";

/** `<input>-analysis.xlsx` beside the input: the analysis is a workbook of its own. */
export function defaultOutPath(input: string): string {
  const base = basename(input, extname(input));
  return join(dirname(input), `${base}-analysis.xlsx`);
}

function samePath(a: string, b: string): boolean {
  const real = (p: string): string => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

/**
 * May we write the analysis workbook to `out`? A new path: yes. A workbook GTM Compass wrote (every sheet
 * holds our marker): yes, it is replaced. Anything else: only with --force. An input file: never.
 */
export async function checkWorkbookOutput(out: string, inputs: string[], force: boolean): Promise<"new" | "replace"> {
  for (const input of inputs) {
    if (samePath(out, input)) {
      throw new CliError(`Refusing to write the analysis over your input ${basename(input)}: GTM Compass never changes your file; choose another --out.`, EXIT_OUTPUT);
    }
  }
  if (!existsSync(dirname(out))) throw new CliError(`Cannot write ${out}: its folder does not exist.`, EXIT_OUTPUT);
  if (!existsSync(out)) return "new";
  if (statSync(out).isDirectory()) throw new CliError(`--out ${out} is a folder: give a file name ending in .xlsx.`, EXIT_OUTPUT);
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
    if (samePath(json, input)) throw new CliError(`Refusing to write the JSON summary over your input ${basename(input)}.`, EXIT_OUTPUT);
  }
  if (!existsSync(json) || force) return;
  try {
    const existing = JSON.parse(readFileSync(json, "utf8")) as Record<string, unknown>;
    if (existing && typeof existing === "object" && "rows" in existing && "funnel" in existing && "levers" in existing) return;
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
