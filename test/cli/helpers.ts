import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";
import { parseCsv } from "../support/csv-grid";

/** The text of one part of a zip package (an .xlsx), or undefined when absent. */
export async function zipEntry(path: string, entry: string): Promise<string | undefined> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  return zip.file(entry)?.async("string");
}

export async function zipEntries(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  return Object.keys(zip.files);
}

/**
 * Open a workbook in LibreOffice Calc (headless, fresh profile) and export every sheet as CSV with raw
 * (unformatted) values; returns sheet name -> rows. This is a real spreadsheet application reading our file.
 */
export function libreOfficeSheets(xlsx: string): Map<string, string[][]> {
  const work = mkdtempSync(join(tmpdir(), "gtm-lo-"));
  try {
    execFileSync(
      "soffice",
      [
        "--headless",
        `-env:UserInstallation=file://${join(work, "profile")}`,
        "--convert-to",
        // 44 = comma, 34 = quote, 76 = UTF-8, values not as shown (percentages keep a "%"), -1 = one file per sheet.
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1",
        "--outdir",
        join(work, "out"),
        xlsx,
      ],
      { stdio: "pipe", timeout: 120000 },
    );
    const base = basename(xlsx).replace(/\.xlsx$/i, "");
    const out = new Map<string, string[][]>();
    for (const f of readdirSync(join(work, "out"))) {
      const sheet = f.slice(base.length + 1).replace(/\.csv$/, "");
      out.set(sheet, parseCsv(readFileSync(join(work, "out", f), "utf8")));
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A number from LibreOffice's CSV text ("0.25", "150%", "-3"); NaN for anything else. */
export function loNumber(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return NaN;
  const t = text.trim();
  if (t.endsWith("%")) return Number(t.slice(0, -1)) / 100;
  return Number(t);
}

const ROOT = join(__dirname, "..", "..");
const MAIN_JS = join(ROOT, "dist", "node", "cli", "main.js");

/** Newest modification time of the .ts files under a folder. */
function newestTs(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestTs(p));
    else if (e.name.endsWith(".ts")) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Build dist/node (npm run build:node) when it is missing or older than the sources. */
export function ensureBuilt(): void {
  const built = existsSync(MAIN_JS) ? statSync(MAIN_JS).mtimeMs : 0;
  if (built > newestTs(join(ROOT, "src"))) return;
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(ROOT, "tsconfig.node.json")], { cwd: ROOT, stdio: "pipe" });
  } catch {
    // tsc still emits when another part of the tree has type errors; main.js must exist below.
  }
  if (!existsSync(MAIN_JS)) throw new Error("dist/node/cli/main.js was not built");
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `node bin/gtm-compass.js <args>` as a child process (stderr is a pipe, not a terminal). */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "gtm-compass.js"), ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, ...env, GTM_COMPASS_DEBUG: "" },
    timeout: 120000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `gtm-${prefix}-`));
}

/** A string-capturing stand-in for the process streams main() writes to. */
export function captureIO(cwd: string): { io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean; isTTY: boolean }; env: Record<string, string>; cwd: string }; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    io: {
      stdout: { write: (t: string) => ((out += t), true) },
      stderr: { write: (t: string) => ((err += t), true), isTTY: false },
      env: {},
      cwd,
    },
    out: () => out,
    err: () => err,
  };
}
