/**
 * The deal columns read straight from the typed columns the command line's readers fill (a ColumnTable):
 * no row of JS values is made, and a text cell is its dictionary code into the workbook's strings, so
 * each distinct text is classified once per column (its label code, its text-date index) and every
 * other cell holding it is an array lookup. Each reader stores a cell exactly as its builder's put()
 * would store the value Office.js gives for it: the same codes, labels, first rows and diagnostics, in
 * the same order.
 */
import { CellKind, type SheetColumn } from "./sheet";
import type { CategoryBuilder, DateBuilder, NumberBuilder } from "./columns";
import { NumberIssue, numberParse } from "./values";

/** A text column: per string code, the label code once it is known. */
export class CodedCategory {
  private readonly kinds: Uint8Array;
  private readonly values: Float64Array;
  /** Per string code: 0 not seen yet, label code + 2 once known, -1 an error text (reported on every cell). */
  private readonly known: Int32Array;

  constructor(readonly b: CategoryBuilder, col: SheetColumn, private readonly strings: readonly string[]) {
    this.kinds = col.kinds;
    this.values = col.values;
    this.known = new Int32Array(strings.length);
  }

  /** Stores the cell of stored row i at k; returns its code (-1 blank or unusable), as put() does. */
  put(k: number, i: number, row: number): number {
    const kinds = this.kinds;
    if (i >= kinds.length) {
      this.b.codes[k] = -1;
      return -1;
    }
    const kind = kinds[i];
    if (kind === CellKind.STRING || kind === CellKind.ERROR) {
      const s = this.values[i] | 0;
      const e = this.known[s];
      if (e > 0) {
        this.b.codes[k] = e - 2;
        return e - 2;
      }
      return this.text(k, s, e, row);
    }
    if (kind === CellKind.NUMBER) return this.b.put(k, this.values[i], row);
    if (kind === CellKind.BOOLEAN) return this.b.put(k, this.values[i] !== 0, row);
    this.b.codes[k] = -1;
    return -1;
  }

  /** A text the column has not coded yet (or an error text, reported again on every cell). */
  private text(k: number, s: number, e: number, row: number): number {
    const t = this.strings[s];
    const c = this.b.put(k, t, row);
    // -1 from a text that is not blank: an error cell
    if (e === 0) this.known[s] = c === -1 && t.trim() !== "" ? -1 : c + 2;
    return c;
  }
}

/** A date column: serials straight in; per string code, its index among the column's distinct texts. */
export class CodedDate {
  private readonly kinds: Uint8Array;
  private readonly values: Float64Array;
  /** Per string code: 0 not seen yet, text index + 1 once known, -1 the empty text. */
  private readonly known: Int32Array;

  constructor(readonly b: DateBuilder, col: SheetColumn, private readonly strings: readonly string[], private readonly blank: null | "") {
    this.kinds = col.kinds;
    this.values = col.values;
    this.known = new Int32Array(strings.length);
  }

  put(k: number, i: number, row: number): void {
    const kinds = this.kinds;
    const kind = i < kinds.length ? kinds[i] : CellKind.BLANK;
    if (kind === CellKind.NUMBER) this.b.put(k, this.values[i], row);
    else if (kind === CellKind.STRING || kind === CellKind.ERROR) {
      const s = this.values[i] | 0;
      const e = this.known[s];
      if (e > 0) this.b.putText(k, e - 1);
      else if (e === 0) this.text(k, s, row);
      else this.b.put(k, "", row);
    } else if (kind === CellKind.BOOLEAN) this.b.put(k, this.values[i] !== 0, row);
    else this.b.put(k, this.blank, row);
  }

  private text(k: number, s: number, row: number): void {
    const t = this.strings[s];
    if (t === "") {
      this.known[s] = -1;
      this.b.put(k, t, row);
      return;
    }
    const c = this.b.textIndex(t);
    this.known[s] = c + 1;
    this.b.putText(k, c);
  }
}

/**
 * A number column: numbers straight in, text through the builder's parser. A text that reads as a plain
 * number (not negative, no "1.054"-style group, comma decimal or percent: nothing the builder notes or warns
 * about per cell) is parsed once per string code and its number reused.
 */
export class CodedNumber {
  private readonly kinds: Uint8Array;
  private readonly values: Float64Array;
  /** Per string code: NaN not read yet, -Infinity parsed per cell, else its plain number (one array: one read a cell). */
  private number: Float64Array | null = null;

  constructor(readonly b: NumberBuilder, col: SheetColumn, private readonly strings: readonly string[], private readonly blank: null | "") {
    this.kinds = col.kinds;
    this.values = col.values;
  }

  put(k: number, i: number, row: number): void {
    const kinds = this.kinds;
    const kind = i < kinds.length ? kinds[i] : CellKind.BLANK;
    if (kind === CellKind.NUMBER) this.b.put(k, this.values[i], row);
    else if (kind === CellKind.STRING || kind === CellKind.ERROR) {
      const s = this.values[i];
      const x = this.number !== null ? this.number[s] : NaN;
      if (x >= 0) this.b.putPlain(k, x);
      else if (x === -Infinity) this.b.put(k, this.strings[s], row);
      else this.text(k, s, row);
    } else if (kind === CellKind.BOOLEAN) this.b.put(k, this.values[i] !== 0, row);
    else this.b.put(k, this.blank, row);
  }

  private text(k: number, s: number, row: number): void {
    const number = this.number ?? (this.number = new Float64Array(this.strings.length).fill(NaN));
    const t = this.strings[s];
    const x = this.b.put(k, t, row);
    const p = numberParse;
    // -0 is parsed per cell: `x >= 0` holds for it, but a stored -0 must stay -0
    number[s] = x >= 0 && !Object.is(x, -0) && !p.dotGroup && !p.commaDecimal && !p.percent && p.issue === NumberIssue.None ? x : -Infinity;
  }
}
