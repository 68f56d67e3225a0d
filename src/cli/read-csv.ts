import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import { isUtf8 } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import { CellKind, cutText, SheetBuilder, SheetLimitError, type ColumnarSheet } from "../pipeline/sheet";
import { lazySheet, type XlsxSheet } from "./read-xlsx";
import { columnLetter } from "../pipeline/text";
import { ByteInterner } from "./intern";
import { CliError } from "./errors";
import { MAX_CELL_TEXT, MAX_CELLS, MAX_COLUMN, MAX_TEXT_CHARS } from "./limits";

/**
 * Delimiters we recognise, in the order we prefer them when several split every line evenly: tabs and
 * semicolons rarely occur inside values, while commas do (thousands separators, decimal commas, names).
 */
const DELIMITERS = ["\t", ";", ",", "|"] as const;

/** A row (one record, quoted line breaks included) must fit in this many bytes. */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;
const CHUNK = 1 << 20;

export interface CsvReadOptions {
  /** Force a delimiter instead of detecting it. */
  delimiter?: string;
  /** Called with the fraction of the file read (0..1). */
  onProgress?: (fraction: number) => void;
  /** Cells the file may hold (default MAX_CELLS). */
  maxCells?: number;
}

/** The bytes were not UTF-8 after all: read again as a single-byte (Windows) file. */
class NotUtf8 extends Error {}

/**
 * Read a CSV/TSV file into one sheet of text cells (the pipeline coerces numbers and dates), read by the
 * pipeline through its columns (its `values` grid is made only when asked for). Handles quoted fields with
 * embedded delimiters, quotes and newlines, a UTF-8 or UTF-16 byte-order mark, Windows-1252 files (Excel's
 * "CSV" on Windows), and `,` `;` tab `|` delimiters.
 */
export async function readCsv(path: string, options: CsvReadOptions = {}): Promise<XlsxSheet> {
  return lazySheet(await readCsvColumns(path, options), false, false);
}

/**
 * The file streamed into typed columns: no whole-file string, one pass over the bytes, each field's
 * bytes interned without a string per cell. Several-GB files are read in bounded memory or refused at the
 * cell limit; a field over Excel's 32,767-character cell limit is kept cut to it (noted with its row and
 * column), the rest of it skipped without being held, and a quote never closed is refused.
 */
export async function readCsvColumns(path: string, options: CsvReadOptions = {}): Promise<ColumnarSheet> {
  try {
    return await readOnce(path, options, "utf8");
  } catch (e) {
    if (e instanceof NotUtf8) return readOnce(path, options, "latin1");
    throw e;
  }
}

type Source = "utf8" | "latin1" | "utf16le" | "utf16be";

async function readOnce(path: string, options: CsvReadOptions, guess: "utf8" | "latin1"): Promise<ColumnarSheet> {
  const name = basename(path);
  const total = Math.max(1, statSync(path).size);
  const input = createReadStream(path, { highWaterMark: CHUNK });
  let source: Source | undefined;
  let decoder: StringDecoder | undefined;
  let odd: Buffer | null = null;
  let sawNonAscii = false;
  let interner: ByteInterner | undefined;
  let builder: SheetBuilder | undefined;
  let parser: CsvParser | undefined;
  let pending: Buffer | null = null;
  let read = 0;
  let reported = -1;
  try {
    for await (const raw of input as AsyncIterable<Buffer>) {
      let chunk = raw;
      read += raw.length;
      if (source === undefined) {
        // The first chunk decides the encoding (a BOM, else UTF-8 unless its bytes are not).
        if (chunk.length >= 2 && chunk[0] === 0xff && chunk[1] === 0xfe) (source = "utf16le"), (chunk = chunk.subarray(2));
        else if (chunk.length >= 2 && chunk[0] === 0xfe && chunk[1] === 0xff) (source = "utf16be"), (chunk = chunk.subarray(2));
        else {
          if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
          source = guess === "latin1" || !isUtf8(trimPartial(chunk)) ? "latin1" : "utf8";
        }
        if (source === "utf16le" || source === "utf16be") decoder = new StringDecoder("utf16le");
      }
      // UTF-16 is turned into UTF-8 bytes so one byte scanner serves every encoding.
      if (decoder) {
        if (source === "utf16be") {
          const joined: Buffer = odd ? Buffer.concat([odd, chunk]) : Buffer.from(chunk);
          const even = joined.length & ~1;
          odd = even < joined.length ? joined.subarray(even) : null;
          chunk = Buffer.from(decoder.write(joined.subarray(0, even).swap16()), "utf8");
        } else chunk = Buffer.from(decoder.write(chunk), "utf8");
      } else if (source === "utf8") {
        for (let i = 0; i < chunk.length; i++) {
          if (chunk[i] >= 0x80) {
            sawNonAscii = true;
            break;
          }
        }
        if (sawNonAscii && !isUtf8(trimPartial(chunk, pending))) throw new NotUtf8();
      }
      const b: Buffer = pending && pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      if (!parser) {
        const text = b.toString(source === "latin1" ? "latin1" : "utf8", 0, Math.min(b.length, 65536));
        const delimiter = options.delimiter ?? detectDelimiter(text);
        interner = new ByteInterner(source === "latin1" ? "latin1" : "utf8");
        builder = new SheetBuilder(name, interner, { cells: 0, max: options.maxCells ?? MAX_CELLS });
        parser = new CsvParser(name, delimiter.charCodeAt(0), builder, interner, source === "latin1" ? "latin1" : "utf8");
      }
      const used = parser.scan(b, false);
      pending = used < b.length ? b.subarray(used) : null;
      if (pending && pending.length > MAX_RECORD_BYTES) parser.refuseLongRecord(pending.length);
      if (options.onProgress && read / total - reported >= 0.01) {
        reported = read / total;
        options.onProgress(Math.min(1, reported));
      }
    }
    if (decoder) {
      const rest = Buffer.from(decoder.end(), "utf8");
      pending = pending ? Buffer.concat([pending, rest]) : rest;
    }
    if (!parser || !builder || !interner) {
      throw new CliError(`${name} is empty: nothing to analyse.`);
    }
    if (pending && pending.length > 0) parser.scan(pending, true);
    parser.end();
  } catch (e) {
    if (e instanceof SheetLimitError) {
      throw new CliError(`${name} holds ${e.message} (stopped at row ${(parser?.row ?? 0).toLocaleString("en-US")}): more than GTM Compass reads in one run; split the file or keep only the columns the analysis needs.`);
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") throw new CliError(`Cannot read ${name}: permission denied.`);
    if (code === "EISDIR") throw new CliError(`${name} is a folder, not a file.`);
    throw e;
  } finally {
    input.destroy();
  }
  const sheet = builder.finish({ date1904: false, blank: "" });
  interner.seal();
  options.onProgress?.(1);
  return sheet;
}

/** The chunk without a UTF-8 sequence cut at its end (the next chunk completes it). */
function trimPartial(chunk: Buffer, before?: Buffer | null): Buffer {
  let end = chunk.length;
  // Step back over at most 3 continuation bytes to the lead byte of a possibly cut sequence.
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const c = chunk[end - i];
    if ((c & 0xc0) === 0x80) continue;
    if (c >= 0xc0) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      if (i < need) end -= i;
    }
    break;
  }
  // A sequence cut at the previous chunk's end: skip its continuation bytes here (the pending tail held them).
  let start = 0;
  if (before && before.length > 0) while (start < end && start < 3 && (chunk[start] & 0xc0) === 0x80) start++;
  return chunk.subarray(start, end);
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * A byte-level CSV record scanner: scans whole records, returning where an incomplete one starts so the
 * caller can carry it over. Quoted fields may hold delimiters, doubled quotes and line breaks; text after a
 * closing quote is kept as written. Every non-blank field goes into the builder as an interned code.
 */
class CsvParser {
  /** 1-based number of the last record read. */
  row = 0;
  private scratch = Buffer.allocUnsafe(1 << 16);
  /**
   * A field longer than Excel's cell limit being skipped across chunks: its first characters are kept
   * (code), the rest is only counted, so memory stays bounded whatever its length.
   */
  private skip: { col: number; quoted: boolean; code: number; bytes: number } | null = null;
  /** After a skipped field ends: the record goes on at its next delimiter, in this column. */
  private resume = -1;

  constructor(
    private readonly name: string,
    private readonly delimiter: number,
    private readonly builder: SheetBuilder,
    private readonly interner: ByteInterner,
    private readonly encoding: "utf8" | "latin1",
  ) {}

  /** The file ended: a field still being skipped ends with it, unless it sits inside a quote never closed. */
  end(): void {
    const k = this.skip;
    if (k === null) return;
    if (k.quoted) this.tooLong(k.col, k.bytes, true);
    this.skip = null;
    this.putCut(k.col, k.code, k.bytes);
    this.row++;
  }

  private putCut(col: number, code: number, bytes: number): void {
    this.builder.setCode(col, CellKind.STRING, code);
    this.builder.noteCut(col, bytes, true);
  }

  /**
   * The kept start of an over-long field [s, e): at most the bytes that can hold MAX_CELL_TEXT characters,
   * unquoted, decoded and cut to the limit.
   */
  private headCode(b: Buffer, s: number, e: number, quoted: boolean): number {
    let stop = Math.min(e, s + MAX_CELL_TEXT * 4);
    if (this.encoding === "utf8") while (stop > s && stop < e && (b[stop] & 0xc0) === 0x80) stop--;
    let text = b.toString(this.encoding, s, stop);
    if (quoted) text = text.replace(/""/g, '"');
    return this.interner.codeString(cutText(text, MAX_CELL_TEXT));
  }

  /** Starts skipping an over-long field whose end is not in this chunk. */
  private startSkip(b: Buffer, s: number, end: number, col: number, quoted: boolean): void {
    if (this.builder.currentRow !== this.row + 1) this.builder.startRow(this.row + 1);
    if (col >= MAX_COLUMN) {
      throw new CliError(`${this.name}: row ${(this.row + 1).toLocaleString("en-US")} has more than ${MAX_COLUMN.toLocaleString("en-US")} fields, Excel's last column: this is not a table GTM Compass can read.`);
    }
    this.skip = { col, quoted, code: this.headCode(b, s, end, quoted), bytes: end - s };
  }

  /**
   * Goes on skipping from the chunk's start; returns where the record continues (at the delimiter or line
   * end after the field), or -1 when the whole chunk was skipped.
   */
  private skipOn(b: Buffer, final: boolean): number {
    const k = this.skip!;
    const d = this.delimiter;
    const end = b.length;
    let p = 0;
    if (k.quoted) {
      for (;;) {
        const q = b.indexOf(QUOTE, p);
        if (q < 0) {
          k.bytes += end - p;
          return -1;
        }
        if (q + 1 >= end && !final) {
          // Is it a doubled quote? The next chunk says: keep the quote for it.
          k.bytes += q - p;
          return q;
        }
        if (q + 1 < end && b[q + 1] === QUOTE) {
          k.bytes += q + 2 - p;
          p = q + 2;
          continue;
        }
        k.bytes += q - p;
        p = q + 1;
        k.quoted = false;
        break;
      }
    }
    let t = p;
    while (t < end && b[t] !== d && b[t] !== LF && b[t] !== CR) t++;
    k.bytes += t - p;
    if (t >= end && !final) return -1;
    this.skip = null;
    this.putCut(k.col, k.code, k.bytes);
    this.resume = k.col;
    return t;
  }

  refuseLongRecord(bytes: number): never {
    throw new CliError(`${this.name}: row ${(this.row + 1).toLocaleString("en-US")} runs over ${(bytes / 1048576).toFixed(0)} MB without ending: a quote is probably not closed.`);
  }

  private tooLong(col: number, length: number, quoted: boolean): never {
    const at = `row ${(this.row + 1).toLocaleString("en-US")}, column ${columnLetter(col + 1)}`;
    // Past 4 bytes a character the text was not decoded: its byte count is what is known.
    const size = length > MAX_CELL_TEXT * 4 ? `${length.toLocaleString("en-US")} bytes` : `${length.toLocaleString("en-US")} characters`;
    throw new CliError(
      `${this.name}: the cell at ${at} is over Excel's limit of ${MAX_CELL_TEXT.toLocaleString("en-US")} characters for one cell (${size}${quoted ? "; a quote that is not closed?" : ""}).`,
    );
  }

  /** Scan records from b; returns the index of the first byte not consumed. */
  scan(b: Buffer, final: boolean): number {
    const d = this.delimiter;
    const end = b.length;
    let p = 0;
    if (this.skip !== null) {
      const at = this.skipOn(b, final);
      if (at < 0) return end;
      p = at;
      if (this.skip !== null) return p;
    }
    while (p < end || this.resume >= 0) {
      const recordStart = p;
      // A record whose over-long field was skipped goes on after it (in the column after that field).
      const resumed = this.resume;
      this.resume = -1;
      let col = resumed >= 0 ? resumed : 0;
      let started = resumed >= 0;
      let complete = false;
      let again = resumed >= 0;
      // Not complete in this chunk: scanned again from here with the next one (still after the skipped field).
      const back = (): number => {
        this.resume = resumed;
        return recordStart;
      };
      // One record.
      for (;;) {
        let s = p;
        let e = p;
        let quoted = false;
        let escaped = false;
        if (again) {
          again = false;
        } else if (p < end && b[p] === QUOTE) {
          quoted = true;
          s = p + 1;
          let q = s;
          for (;;) {
            q = b.indexOf(QUOTE, q);
            if (q < 0 || q >= end) {
              if (end - s > MAX_CELL_TEXT * 4) {
                if (final) this.tooLong(col, end - s, true);
                this.startSkip(b, s, end, col, true);
                return end;
              }
              if (!final) return back();
              // An unclosed quote at the end of the file: the rest is the field.
              q = end;
              break;
            }
            if (q + 1 < end && b[q + 1] === QUOTE) {
              escaped = true;
              q += 2;
              continue;
            }
            if (q + 1 >= end && !final) return back();
            break;
          }
          e = q;
          p = q < end ? q + 1 : end;
          // Text between the closing quote and the delimiter is kept as written (lenient, like Excel).
          let tail = p;
          while (tail < end && b[tail] !== d && b[tail] !== LF && b[tail] !== CR) tail++;
          if (tail > p) {
            if (tail >= end && !final) return back();
            escaped = true;
            e = tail;
          }
          p = tail;
        } else {
          s = p;
          while (p < end) {
            const c = b[p];
            if (c === d || c === LF || c === CR) break;
            p++;
          }
          e = p;
          if (p >= end && !final && p - s > MAX_CELL_TEXT * 4) {
            this.startSkip(b, s, end, col, false);
            return end;
          }
        }
        if (p >= end && !final) return back();
        // The field [s, e).
        if (e > s) {
          if (col >= MAX_COLUMN) {
            throw new CliError(`${this.name}: row ${(this.row + 1).toLocaleString("en-US")} has more than ${MAX_COLUMN.toLocaleString("en-US")} fields, Excel's last column: this is not a table GTM Compass can read.`);
          }
          if (!started) {
            this.builder.startRow(this.row + 1);
            started = true;
          }
          this.field(b, s, e, col, quoted, escaped);
        }
        col++;
        if (p >= end) {
          complete = true;
          break;
        }
        const c = b[p];
        if (c === d) {
          p++;
          continue;
        }
        // End of record: \n, \r\n or \r.
        if (c === CR) {
          if (p + 1 >= end && !final) return back();
          p += p + 1 < end && b[p + 1] === LF ? 2 : 1;
        } else p++;
        complete = true;
        break;
      }
      if (complete) this.row++;
    }
    return end;
  }

  private field(b: Buffer, s: number, e: number, col: number, quoted: boolean, escaped: boolean): void {
    let src = b;
    let from = s;
    let to = e;
    if (escaped) {
      // Undo doubled quotes (and drop the closing quote before kept trailing text) into a scratch buffer.
      if (this.scratch.length < e - s) this.scratch = Buffer.allocUnsafe(Math.max(e - s, this.scratch.length * 2));
      let n = 0;
      let i = s;
      let inQuotes = quoted;
      while (i < e) {
        const c = b[i];
        if (inQuotes && c === QUOTE) {
          if (i + 1 < e && b[i + 1] === QUOTE) {
            this.scratch[n++] = QUOTE;
            i += 2;
            continue;
          }
          inQuotes = false;
          i++;
          continue;
        }
        this.scratch[n++] = c;
        i++;
      }
      src = this.scratch;
      from = 0;
      to = n;
    }
    if (to - from > MAX_CELL_TEXT) {
      // Longer than Excel's limit: kept cut to it, with a located note.
      const whole = to - from <= MAX_CELL_TEXT * 4;
      const text = whole ? src.toString(this.encoding, from, to) : "";
      if (!whole || text.length > MAX_CELL_TEXT) {
        const code = whole ? this.interner.codeString(cutText(text, MAX_CELL_TEXT)) : this.headCode(src, from, to, false);
        this.builder.setCode(col, CellKind.STRING, code);
        this.builder.noteCut(col, whole ? text.length : to - from, !whole);
        return;
      }
    }
    const code = this.interner.code(src, from, to);
    if (this.interner.bytes > MAX_TEXT_CHARS) {
      throw new SheetLimitError(`more than ${MAX_TEXT_CHARS / 1048576} MB of distinct text`);
    }
    this.builder.setCode(col, CellKind.STRING, code);
  }
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
