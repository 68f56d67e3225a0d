/**
 * The deal-id column: nearly every id is distinct, so instead of a dictionary lookup per row (a cache miss
 * in a table the size of the sheet) each id is hashed into a 2 MB bitmap while the rows are read, and only
 * ids whose bucket was already taken are checked again, exactly, at the end.
 */
import type { CategoryColumn } from "./types";
import type { ColumnRef, DiagnosticSink } from "./diagnostics";
import { isErrorText } from "./values";
import { shortText } from "./text";
import { keepOnly } from "./columns";

const BUCKET_BITS = 24;

function hashText(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** Test-and-set of a bucket's bit; true when it was already set. */
function testAndSet(bits: Uint32Array, hash: number): boolean {
  const b = (hash >>> 8) & ((1 << BUCKET_BITS) - 1);
  const w = b >>> 5;
  const m = 1 << (b & 31);
  if ((bits[w] & m) !== 0) return true;
  bits[w] |= m;
  return false;
}

/** Counts 32-bit hashes (once / more than once) in an open-addressing table sized for `count` of them. */
class HashCounts {
  private readonly mask: number;
  private readonly keys: Int32Array;
  /** 0 empty, 1 seen once, 2 seen more than once. */
  private readonly seen: Uint8Array;

  constructor(count: number) {
    let size = 1024;
    while (size < 2 * count) size *= 2;
    this.mask = size - 1;
    this.keys = new Int32Array(size);
    this.seen = new Uint8Array(size);
  }

  private slot(h: number): number {
    let i = h & this.mask;
    while (this.seen[i] !== 0 && this.keys[i] !== h) i = (i + 1) & this.mask;
    return i;
  }

  add(h: number): void {
    const i = this.slot(h);
    if (this.seen[i] === 0) this.keys[i] = h;
    this.seen[i] = this.seen[i] === 0 ? 1 : 2;
  }

  repeated(h: number): boolean {
    return this.seen[this.slot(h)] === 2;
  }
}

/** One repeated id: deal `dup` repeats the id of the earlier deal `first` (deal indexes). */
export interface RepeatedId {
  dup: number;
  first: number;
}

export class IdBuilder {
  /** Per deal: index into `texts` (one entry per deal with an id), -1 blank. */
  private codes: Int32Array;
  private texts: string[] = [];
  private hashes: Int32Array;
  /** Deal index of each entry in `texts`. */
  private deal: Int32Array;
  private readonly bits = new Uint32Array(1 << (BUCKET_BITS - 5));
  /** Buckets that two ids fell into (allocated at the first such bucket). */
  private shared: Uint32Array | null = null;
  /** Set by repeats(): per entry, the entry that first had its text; null when every id is distinct. */
  private firstEntry: Int32Array | null = null;
  /**
   * Ids of a typed column compared by string code (putCode): per code, the entry + 1 of the first id
   * holding it; null when no id came that way, or once an id came as anything else (then every id so far
   * is hashed, and all are compared as text).
   */
  private byCode: Int32Array | null = null;
  /** Repeats found by code, in entry order, and the (entry, first entry) pairs behind them. */
  private codeRepeats: RepeatedId[] = [];
  private codePairs: number[] = [];

  constructor(capacity: number, readonly ref: ColumnRef, private readonly sink: DiagnosticSink) {
    this.codes = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.deal = new Int32Array(capacity);
  }

  put(k: number, v: unknown, row: number): void {
    let t: string;
    if (typeof v === "string") {
      const n = v.length;
      if (n === 0) {
        this.codes[k] = -1;
        return;
      }
      const a = v.charCodeAt(0);
      const z = v.charCodeAt(n - 1);
      t = a > 32 && z > 32 && a !== 160 && z !== 160 ? v : v.trim();
      if (t === "" || (t.charCodeAt(0) === 35 && isErrorText(t))) {
        if (t !== "") this.errorCell(t, v, row);
        this.codes[k] = -1;
        return;
      }
    } else if (v === null || v === undefined || (typeof v === "number" && v !== v)) {
      this.codes[k] = -1;
      return;
    } else if (typeof v === "boolean") t = v ? "TRUE" : "FALSE";
    else if (v instanceof Date) t = shortText(v).slice(0, 10);
    else t = String(v);
    if (this.byCode !== null) this.hashAll();
    const c = this.texts.length;
    const h = hashText(t);
    this.texts.push(t);
    this.hashes[c] = h;
    this.deal[c] = k;
    this.codes[k] = c;
    if (testAndSet(this.bits, h)) {
      if (this.shared === null) this.shared = new Uint32Array(this.bits.length);
      testAndSet(this.shared, h);
    }
  }

  /**
   * The id cell holding string code s (text v) of a typed column, where equal codes are equal texts. An id
   * written as it reads (no space around it) is its code: no hash, no bitmap. Anything else goes to put(),
   * which from then on compares every id as text.
   */
  putCode(k: number, s: number, v: string, row: number, codeCount: number): void {
    const n = v.length;
    if (n === 0) {
      this.codes[k] = -1;
      return;
    }
    const a = v.charCodeAt(0);
    const z = v.charCodeAt(n - 1);
    // U+FFFD: bytes that were not text may have been read as the same text under two codes
    if ((this.byCode === null && this.texts.length > 0) || a <= 32 || z <= 32 || a === 160 || z === 160 || v.indexOf("\uFFFD") >= 0) {
      this.put(k, v, row);
      return;
    }
    if (a === 35 && isErrorText(v)) {
      this.errorCell(v, v, row);
      this.codes[k] = -1;
      return;
    }
    if (this.byCode === null) this.byCode = new Int32Array(codeCount);
    const c = this.texts.length;
    this.texts.push(v);
    this.deal[c] = k;
    this.codes[k] = c;
    const f = this.byCode[s];
    if (f === 0) this.byCode[s] = c + 1;
    else {
      this.codeRepeats.push({ dup: k, first: this.deal[f - 1] });
      this.codePairs.push(c, f - 1);
    }
  }

  /** Hashes the ids taken by code so far, as put() would have, and leaves comparing by code. */
  private hashAll(): void {
    this.byCode = null;
    this.codeRepeats = [];
    this.codePairs = [];
    for (let c = 0; c < this.texts.length; c++) {
      const h = hashText(this.texts[c]);
      this.hashes[c] = h;
      if (testAndSet(this.bits, h)) {
        if (this.shared === null) this.shared = new Uint32Array(this.bits.length);
        testAndSet(this.shared, h);
      }
    }
  }

  /** Out of put(): a message closure there would cost an allocation on every id. */
  private errorCell(t: string, v: unknown, row: number): void {
    this.sink.cell(this.ref, "error-cell", "error", row, v, () => `Error cell ${t} in "${this.ref.header}": left blank.`, "error cells left blank");
  }

  /** Repeated ids, in sheet order, each with the first deal that had it. */
  repeats(): RepeatedId[] {
    this.firstEntry = null;
    if (this.byCode !== null) return this.repeatsByCode();
    const shared = this.shared;
    if (shared === null) return [];
    const n = this.texts.length;
    const hashes = this.hashes;
    // Only ids in a bucket that two ids fell into can repeat, and of those only ids whose whole hash
    // another one shares: a small table of the candidates' hashes leaves the exact check very few ids.
    const cand: number[] = [];
    for (let c = 0; c < n; c++) {
      const b = (hashes[c] >>> 8) & ((1 << BUCKET_BITS) - 1);
      if ((shared[b >>> 5] & (1 << (b & 31))) !== 0) cand.push(c);
    }
    const seen = new HashCounts(cand.length);
    for (const c of cand) seen.add(hashes[c]);
    const firstOf = new Map<string, number>();
    const out: RepeatedId[] = [];
    const dupOf: number[] = [];
    for (const c of cand) {
      if (!seen.repeated(hashes[c])) continue;
      const t = this.texts[c];
      const f = firstOf.get(t);
      if (f === undefined) firstOf.set(t, c);
      else {
        out.push({ dup: this.deal[c], first: this.deal[f] });
        dupOf.push(c, f);
      }
    }
    if (dupOf.length > 0) {
      // entry -> the entry that first had its text (itself for all but the repeats)
      const first = new Int32Array(n);
      for (let c = 0; c < n; c++) first[c] = c;
      for (let j = 0; j < dupOf.length; j += 2) first[dupOf[j]] = dupOf[j + 1];
      this.firstEntry = first;
    }
    return out;
  }

  /** The repeats putCode found: each entry whose code an earlier entry had. */
  private repeatsByCode(): RepeatedId[] {
    const pairs = this.codePairs;
    if (pairs.length > 0) {
      const first = new Int32Array(this.texts.length);
      for (let c = 0; c < first.length; c++) first[c] = c;
      for (let j = 0; j < pairs.length; j += 2) first[pairs[j]] = pairs[j + 1];
      this.firstEntry = first;
    }
    return this.codeRepeats;
  }

  drop(keep: Uint8Array, n: number): void {
    keepOnly(this.codes, keep, n);
  }

  /**
   * The id column: one code per distinct id, labels in order of first appearance. A first appearance is
   * never a dropped copy, so each entry's code is the rank of its first entry among the first entries.
   */
  finish(n: number, repeats: readonly RepeatedId[]): CategoryColumn {
    const codes = this.codes.subarray(0, n);
    const first = this.firstEntry;
    if (repeats.length === 0 || first === null) return { codes, labels: this.texts };
    // in place: first[] becomes each entry's code, texts[] keeps the first entries only
    const m = this.texts.length;
    const labels = this.texts;
    let next = 0;
    for (let c = 0; c < m; c++) {
      const f = first[c];
      if (f === c) {
        labels[next] = labels[c];
        first[c] = next++;
      } else first[c] = first[f];
    }
    labels.length = next;
    for (let k = 0; k < n; k++) {
      const c = codes[k];
      if (c >= 0) codes[k] = first[c];
    }
    this.firstEntry = null;
    return { codes, labels };
  }
}
