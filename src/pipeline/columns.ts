/**
 * Column builders: one cell at a time into dictionary-encoded text columns and typed-array number and
 * date columns. No object is allocated per cell; problems go to the sheet's DiagnosticSink.
 */
import type { CategoryColumn, DateFormatChoice } from "./types";
import { DiagnosticSink, type ColumnRef } from "./diagnostics";
import { isErrorText, NumberIssue, numberParse, parseNumberText } from "./values";
import {
  decideOrder, parseTextDate, resolveAmbiguous, serialFromDate, serialFromNumber, type TextDate,
} from "./dates";
import { shortText } from "./text";
import { ABSENT, StringIndex } from "./dictionary";

/** Moves the entries whose keep flag is 1 to the front, in order (rows dropped after reading). */
export function keepOnly(xs: Int32Array | Float64Array, keep: Uint8Array, n: number): void {
  let j = 0;
  for (let k = 0; k < n; k++) if (keep[k] === 1) xs[j++] = xs[k];
}

/** Dictionary code of an error cell inside the text map (never stored in a column). */
const ERROR_CODE = -2;

/** Distinct labels after which a text column moves from a JS Map to the typed-array index. */
const INDEX_SWITCH = 20000;

/** Text column: each distinct trimmed text gets a code; blanks are -1. Numbers become their text. */
export class CategoryBuilder {
  readonly codes: Int32Array;
  readonly labels: string[] = [];
  /** Sheet row where each label first appeared (only when built with trackFirstRow). */
  readonly firstRow: number[] = [];
  /** Raw text → code (labels, untrimmed spellings, blanks, errors) while the column has few labels. */
  private map: Map<string, number> | null = new Map<string, number>();
  /** Past INDEX_SWITCH labels: labels → code through the typed-array index, other raw texts in `variants`. */
  private index: StringIndex | null = null;
  private variants: Map<string, number> | null = null;
  private numMap: Map<number, number> | null = null;
  private lastK = 0;
  private lastText: string | null = null;
  private lastCode = -1;

  constructor(capacity: number, readonly ref: ColumnRef, private readonly sink: DiagnosticSink, private readonly trackFirstRow = false) {
    this.codes = new Int32Array(capacity);
  }

  /** Stores the cell's code at k and returns it (-1 blank or unusable). */
  put(k: number, v: unknown, row: number): number {
    this.lastK = k;
    const c = this.code(v, row);
    this.codes[k] = c;
    return c;
  }

  code(v: unknown, row: number): number {
    if (typeof v === "string") {
      // Runs of one value (sorted exports, shared strings) skip the hash lookup.
      if (v === this.lastText) return this.lastCode;
      let c: number;
      if (this.map !== null) {
        const m = this.map.get(v);
        c = m === undefined ? this.addText(v, row) : m;
      } else {
        c = this.index!.get(v);
        if (c === ABSENT) {
          const m = this.variants!.get(v);
          c = m === undefined ? this.addText(v, row) : m;
        }
      }
      if (c === ERROR_CODE) {
        this.errorCell(v, row);
        return -1;
      }
      this.lastText = v;
      this.lastCode = c;
      return c;
    }
    if (v === null || v === undefined) return -1;
    if (typeof v === "number") {
      if (this.numMap === null) this.numMap = new Map();
      let c = this.numMap.get(v);
      if (c === undefined) {
        c = v === v ? this.label(String(v), row, false) : -1;
        this.numMap.set(v, c);
      }
      return c;
    }
    if (typeof v === "boolean") return this.label(v ? "TRUE" : "FALSE", row, false);
    if (v instanceof Date) return this.label(shortText(v).slice(0, 10), row, false);
    return this.label(String(v), row, false);
  }

  /** A raw text not seen before (in index mode, the index's last lookup was this very text). */
  private addText(v: string, row: number): number {
    const t = v.trim();
    let c: number;
    if (t === "") c = -1;
    else if (t.charCodeAt(0) === 35 && isErrorText(t)) c = ERROR_CODE;
    else {
      c = this.label(t, row, t === v);
      if (t === v) return c;
    }
    if (this.map !== null) this.map.set(v, c);
    else this.variants!.set(v, c);
    return c;
  }

  /** Code of a label, adding it if new; `missed`: the index's last lookup was t and found nothing. */
  private label(t: string, row: number, missed: boolean): number {
    if (this.map !== null) {
      const m = this.map.get(t);
      if (m !== undefined && m >= 0) return m;
    } else if (!missed) {
      const p = this.index!.get(t);
      if (p !== ABSENT) return p;
    }
    const c = this.labels.length;
    this.labels.push(t);
    if (this.trackFirstRow) this.firstRow.push(row);
    if (this.map !== null) {
      this.map.set(t, c);
      if (this.map.size > INDEX_SWITCH) this.toIndex();
    } else this.index!.addAfterMiss(c);
    return c;
  }

  private toIndex(): void {
    // Size the table for the distinct values the rest of the column will likely bring.
    const capacity = this.codes.length;
    const expected = Math.min(capacity, Math.ceil((this.labels.length / (this.lastK + 1)) * capacity * 1.1));
    this.index = new StringIndex(this.labels, expected);
    this.variants = new Map();
    for (const [k, c] of this.map!) if (c < 0 || this.labels[c] !== k) this.variants.set(k, c);
    this.map = null;
  }

  private errorCell(v: string, row: number): void {
    this.sink.cell(this.ref, "error-cell", "error", row, v, () => `Error cell ${v.trim()} in ${this.ref.header ?? "this column"}: left blank.`, "error cells left blank");
  }

  drop(keep: Uint8Array, n: number): void {
    keepOnly(this.codes, keep, n);
  }

  finish(n: number): CategoryColumn {
    return { codes: this.codes.subarray(0, n), labels: this.labels };
  }
}

export interface NumberOptions {
  /** Warn about negative values (amounts). */
  warnNegative?: boolean;
  /** A percentage ("25%") is not a valid value here (amounts): report and leave blank. */
  rejectPercent?: boolean;
}

/** Texts such as "1.054" that read as 1054 when the column writes "." between thousands: at most this many are remembered. */
const DOT_GROUP_LIMIT = 1 << 20;

/** Number column: numeric cells straight in; text through the currency-aware parser. */
export class NumberBuilder {
  readonly values: Float64Array;
  /** Entries written "1.054" (one dot, three digits after it), and the evidence for the column's decimal mark. */
  private dotGroups: number[] = [];
  private commaDecimals = 0;
  private dotDecimals = 0;
  private settled = false;
  /** When the column's "." was read as a thousands separator: how many cells, and one of them. */
  thousandsDots: { cells: number; example: string } | null = null;
  private example = "";

  constructor(capacity: number, readonly ref: ColumnRef, private readonly sink: DiagnosticSink, private readonly opts: NumberOptions = {}) {
    this.values = new Float64Array(capacity);
  }

  put(k: number, v: unknown, row: number): number {
    let x: number;
    if (typeof v === "number") {
      x = v === v && v !== Infinity && v !== -Infinity ? v : NaN;
      if (x !== x) this.bad(v, row, "not-a-number");
    } else if (v === "" || v === null || v === undefined) {
      x = NaN;
    } else if (typeof v === "string") {
      x = parseNumberText(v);
      if (numberParse.dotGroup) this.dotGroup(k, v);
      else if (numberParse.commaDecimal) this.commaDecimals++;
      else if (numberParse.dotDecimal) this.dotDecimals++;
      if (x !== x) {
        if (numberParse.issue === NumberIssue.Error) this.bad(v, row, "error-cell");
        else if (numberParse.issue !== NumberIssue.Blank) this.bad(v, row, "not-a-number");
      } else if (numberParse.percent && this.opts.rejectPercent) {
        this.bad(v, row, "percent-in-amount");
        x = NaN;
      }
    } else {
      x = NaN;
      this.bad(v, row, "not-a-number");
    }
    if (x < 0 && this.opts.warnNegative) this.negative(v, row);
    this.values[k] = x;
    return x;
  }

  /**
   * A repeat of a text cell put() read as a plain number (not negative, no group, comma or percent): stored
   * as put() stores it. Its "." was counted by that put(), and only whether any was counted matters.
   */
  putPlain(k: number, x: number): void {
    this.values[k] = x;
  }

  private dotGroup(k: number, v: string): void {
    if (this.dotGroups.length < DOT_GROUP_LIMIT) this.dotGroups.push(k);
    if (this.example === "") this.example = v.trim();
  }

  /**
   * Decides the column's decimal mark once all cells are in: "1.054" is 1054 when the column never uses "."
   * as a decimal point and either writes "," as one elsewhere or has three or more such cells.
   */
  settle(): void {
    if (this.settled) return;
    this.settled = true;
    const g = this.dotGroups;
    if (g.length === 0 || this.dotDecimals > 0 || (this.commaDecimals === 0 && g.length < 3)) return;
    for (const k of g) this.values[k] = Math.round(this.values[k] * 1000 * 1e6) / 1e6;
    this.thousandsDots = { cells: g.length, example: this.example };
  }

  /** Out of put(): a message closure there would cost an allocation on every cell. */
  private negative(v: unknown, row: number): void {
    this.sink.cell(this.ref, "negative-amount", "warning", row, v, () => `Negative ${this.name()} ${shortText(v)}: kept as given (a refund or credit?).`, "negative values kept as given");
  }

  private name(): string {
    return (this.ref.field ?? "value").toLowerCase();
  }

  private bad(v: unknown, row: number, reason: string): void {
    const what = this.ref.header ? `"${this.ref.header}"` : "this column";
    if (reason === "error-cell") {
      this.sink.cell(this.ref, reason, "error", row, v, () => `Error cell ${shortText(v)} in ${what}: left blank.`, "error cells left blank");
    } else if (reason === "percent-in-amount") {
      this.sink.cell(this.ref, reason, "error", row, v, () => `A percentage (${shortText(v)}) is not a ${this.name()}: left blank.`, "percentages left blank");
    } else {
      const kind = typeof v === "boolean" ? "TRUE/FALSE" : v instanceof Date ? "a date" : `"${shortText(v)}"`;
      this.sink.cell(this.ref, reason, "error", row, v, () => `${kind} in ${what} is not a number: left blank.`, "cells that are not numbers left blank");
    }
  }

  drop(keep: Uint8Array, n: number): void {
    this.settle();
    keepOnly(this.values, keep, n);
  }

  finish(n: number): Float64Array {
    this.settle();
    return this.values.subarray(0, n);
  }
}

/**
 * Date column: numbers are Excel serials (1904 system converted), Date objects are converted, text is
 * collected by distinct value and resolved at the end, once the column's day/month order is known.
 */
export class DateBuilder {
  readonly values: Float64Array;
  private textCodes: Int32Array | null = null;
  private readonly texts: string[] = [];
  private readonly textCounts: number[] = [];
  private readonly textMap = new Map<string, number>();
  private numbers = 0;
  /** An empty-text cell was seen (kept apart from `texts` so blanks cost no lookup). */
  private blankText = false;

  constructor(private readonly capacity: number, readonly ref: ColumnRef, private readonly sink: DiagnosticSink, private readonly date1904: boolean) {
    this.values = new Float64Array(capacity);
  }

  put(k: number, v: unknown, row: number): void {
    if (v === "") {
      // blank text (open deals' close dates): no lookup, but finish() still sees it as a text cell
      this.values[k] = NaN;
      this.blankText = true;
      if (this.textCodes !== null) this.textCodes[k] = -1;
      return;
    }
    if (typeof v === "number") {
      const s = serialFromNumber(v, this.date1904);
      this.values[k] = s;
      this.numbers++;
      if (s !== s) this.notDate(v, row, true);
    } else if (typeof v === "string") {
      let c = this.textMap.get(v);
      if (c === undefined) {
        c = this.texts.length;
        this.texts.push(v);
        this.textCounts.push(0);
        this.textMap.set(v, c);
      }
      this.textCounts[c]++;
      if (this.textCodes === null) this.textCodes = new Int32Array(this.capacity).fill(-1);
      this.textCodes[k] = c;
      this.values[k] = NaN;
      return;
    } else if (v === null || v === undefined) {
      this.values[k] = NaN;
    } else if (v instanceof Date) {
      this.values[k] = serialFromDate(v);
    } else {
      this.values[k] = NaN;
      this.notDate(v, row, false);
    }
    if (this.textCodes !== null) this.textCodes[k] = -1;
  }

  /** The index of a non-blank text in the column's distinct texts (added when new). */
  textIndex(v: string): number {
    let c = this.textMap.get(v);
    if (c === undefined) {
      c = this.texts.length;
      this.texts.push(v);
      this.textCounts.push(0);
      this.textMap.set(v, c);
    }
    return c;
  }

  /** Stores at k the text cell whose index textIndex() gave: what put() does for that text. */
  putText(k: number, c: number): void {
    this.textCounts[c]++;
    if (this.textCodes === null) this.textCodes = new Int32Array(this.capacity).fill(-1);
    this.textCodes[k] = c;
    this.values[k] = NaN;
  }

  /** Out of put(): a message closure there would cost an allocation on every cell. */
  private notDate(v: unknown, row: number, serial: boolean): void {
    if (serial) this.sink.cell(this.ref, "not-a-date", "error", row, v, () => `${shortText(v)} in "${this.ref.header}" is not a plausible date (as a serial it is before 1910 or after 9999): left blank.`, "numbers that are not plausible dates left blank");
    else this.sink.cell(this.ref, "not-a-date", "error", row, v, () => `${shortText(v)} in "${this.ref.header}" is not a date: left blank.`, "cells that are not dates left blank");
  }

  drop(keep: Uint8Array, n: number): void {
    keepOnly(this.values, keep, n);
    if (this.textCodes !== null) keepOnly(this.textCodes, keep, n);
  }

  /** Resolves text dates (per-column day/month order), reports unreadable ones, returns the column. */
  finish(n: number, sourceRow: Int32Array, sheet: string, choices: DateFormatChoice[]): Float64Array {
    const out = this.values.subarray(0, n);
    // Serials with blank cells: Office.js gives a blank as "", a file reader as null; the same column reads alike.
    if (this.texts.length === 0 && (!this.blankText || this.numbers > 0)) {
      if (this.numbers > 0) choices.push({ sheet, header: this.ref.header ?? "", format: "Excel serial", reason: "date cells (serial numbers)" });
      return out;
    }
    // an empty text reads as an unreadable text date (nothing reported): it only shapes the format line
    const parsed: TextDate[] = this.texts.map(parseTextDate);
    if (this.blankText) parsed.push(parseTextDate(""));
    const serials = new Float64Array(parsed.length);
    const formats: string[] = [];
    const reasons: string[] = [];
    for (const sep of ["/", "-", "."]) {
      if (!parsed.some((t) => t.shape === "ambiguous" && t.sep === sep)) continue;
      const d = decideOrder(parsed, this.textCounts, sep);
      formats.push(d.order === "MDY" ? `M${sep}D${sep}YYYY` : `D${sep}M${sep}YYYY`);
      reasons.push(d.reason);
      for (let i = 0; i < parsed.length; i++) {
        if (parsed[i].shape === "ambiguous" && parsed[i].sep === sep) parsed[i].serial = resolveAmbiguous(parsed[i], d.order);
      }
      if (d.mixed) this.sink.note("warning", "mixed-date-order", `"${this.ref.header}": ${d.reason}.`, this.ref);
    }
    if (parsed.some((t) => t.shape === "iso")) formats.push("YYYY-MM-DD");
    if (parsed.some((t) => t.shape === "named")) formats.push("D Mon YYYY");
    if (parsed.some((t) => t.shape === "compact")) formats.push("YYYYMMDD");
    if (this.numbers > 0 || parsed.some((t) => t.shape === "serial")) formats.push("Excel serial");
    if (parsed.some((t) => t.dayFraction > 0)) reasons.push("times of day kept as day fractions");
    for (let i = 0; i < parsed.length; i++) serials[i] = parsed[i].serial;
    const codes = this.textCodes;
    for (let k = 0; codes !== null && k < n; k++) {
      const c = codes[k];
      if (c < 0) continue;
      const s = serials[c];
      out[k] = s;
      if (s !== s) this.unreadable(this.texts[c], sourceRow[k]);
    }
    choices.push({ sheet, header: this.ref.header ?? "", format: formats.join(" + "), reason: reasons.join("; ") || "unambiguous formats" });
    return out;
  }

  private unreadable(text: string, row: number): void {
    const t = text.trim();
    if (t === "") return;
    if (t.charCodeAt(0) === 35 && isErrorText(t)) {
      this.sink.cell(this.ref, "error-cell", "error", row, text, () => `Error cell ${t} in "${this.ref.header}": left blank.`, "error cells left blank");
      return;
    }
    this.sink.cell(this.ref, "not-a-date", "error", row, text, () => `"${shortText(text)}" in "${this.ref.header}" is not a date this reader knows (or not a real calendar date): left blank.`, "texts that are not dates left blank");
  }
}

/** One typed array of NaN / one code array of -1 shared by every unmapped column of a table (read-only). */
export function blankNumbers(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

export function blankCategory(n: number): CategoryColumn {
  return { codes: new Int32Array(n).fill(-1), labels: [] };
}
