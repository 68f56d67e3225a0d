import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { isUtf8 } from "node:buffer";
import { parseString } from "@fast-csv/parse";
import type { SheetGrid } from "../pipeline/types";
import { CliError } from "./errors";

/**
 * Delimiters we recognise, in the order we prefer them when several split every line evenly: tabs and
 * semicolons rarely occur inside values, while commas do (thousands separators, decimal commas, names).
 */
const DELIMITERS = ["\t", ";", ",", "|"] as const;

export interface CsvReadOptions {
  /** Force a delimiter instead of detecting it. */
  delimiter?: string;
  /** Called with the fraction of rows parsed (0..1). */
  onProgress?: (fraction: number) => void;
}

/**
 * Read a CSV/TSV file into one grid of text cells (the pipeline coerces numbers and dates). Handles quoted
 * fields with embedded delimiters, quotes and newlines, a UTF-8 or UTF-16LE byte-order mark, Windows-1252
 * files (Excel's "CSV" on Windows), and `,` `;` tab `|` delimiters.
 */
export async function readCsv(path: string, options: CsvReadOptions = {}): Promise<SheetGrid> {
  const bytes = readFileSync(path);
  const text = decode(bytes);
  return parseCsvText(text, basename(path), options);
}

/** Parse CSV text already in memory (used by readCsv and by tests). */
export async function parseCsvText(text: string, name: string, options: CsvReadOptions = {}): Promise<SheetGrid> {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const expected = Math.max(1, countNewlines(text));
  const rows: string[][] = [];
  await new Promise<void>((resolve, reject) => {
    const stream = parseString<string[], string[]>(text, { delimiter, headers: false, ignoreEmpty: false });
    stream.on("data", (row: string[]) => {
      rows.push(row);
      if (options.onProgress && rows.length % 20000 === 0) options.onProgress(Math.min(1, rows.length / expected));
    });
    stream.on("error", (e: Error) => reject(new CliError(`${name} could not be read as CSV: ${e.message}.`)));
    stream.on("end", () => resolve());
  });
  // A trailing newline or blank lines at the end are not data rows.
  while (rows.length > 0 && rows[rows.length - 1].every((v) => v === "")) rows.pop();
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  for (const r of rows) while (r.length < width) r.push("");
  options.onProgress?.(1);
  return { name, values: rows, firstRow: 1, firstColumn: 1 };
}

function decode(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node has no UTF-16BE decoder: swap the byte pairs into little-endian.
    const le = Buffer.from(bytes.subarray(2));
    le.swap16();
    return le.toString("utf16le");
  }
  if (isUtf8(bytes)) return bytes.toString("utf8");
  // Not valid UTF-8: a legacy single-byte export; latin1 keeps every byte as one character.
  return bytes.toString("latin1");
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/**
 * Pick the delimiter that splits the most of the first lines into the same number of fields as the header
 * (outside quotes); ties go to the preference order. A file with one column falls back to ",".
 */
export function detectDelimiter(text: string): string {
  const lines = firstLines(text.slice(0, 65536), 30);
  let best: string = ",";
  let bestScore = 0;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    if (counts.length === 0 || counts[0] === 0) continue;
    const consistent = counts.filter((c) => c === counts[0]).length / counts.length;
    const score = consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/** Split into logical lines, keeping newlines that sit inside quotes within their line. */
function firstLines(sample: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  let inQuotes = false;
  for (let i = 0; i < sample.length && out.length < max; i++) {
    const ch = sample[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === "\n" && !inQuotes) {
      const line = sample.slice(start, i).replace(/\r$/, "");
      if (line.trim() !== "") out.push(line);
      start = i + 1;
    }
  }
  // The last piece counts only when the sample holds the whole file.
  if (out.length === 0 && start < sample.length) out.push(sample.slice(start).replace(/\r$/, ""));
  return out;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let inQuotes = false;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === d && !inQuotes) n++;
  }
  return n;
}
