/**
 * The join of a stage history to its deals: a history row's id cell to the deal it belongs to, through a
 * fingerprint table of the deals' ids (trimmed like the deals' own id column, numbers by their text, 15- and
 * 18-character Salesforce ids of one record matching each other).
 */
import type { Deals } from "./types";
import { ABSENT, StringIndex } from "./dictionary";
import { isErrorText } from "./values";
import { shortText } from "./text";

/** Salesforce ids: 15 case-sensitive characters, or the same 15 plus a 3-character checksum. */
const SF15 = /^[A-Za-z0-9]{15}$/;
const SF18 = /^[A-Za-z0-9]{18}$/;

/** dealOf() results other than a deal index. */
export const NO_ID = -1;
export const NO_DEAL = -2;
export const ERROR_ID = -3;

/** Two independent 32-bit hashes of a text (FNV-1a and a multiply-xorshift), read in one pass. */
let hashB = 0;
function hashA(s: string): number {
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    a = Math.imul(a ^ ch, 0x01000193);
    b = Math.imul(b ^ ch, 0x5bd1e995);
    b ^= b >>> 15;
  }
  hashB = b;
  return a;
}

/**
 * The deals' ids by a 64-bit fingerprint (two 32-bit hashes): a lookup reads the history's id once and probes
 * one table, without fetching the deal's id text (a history of millions of rows in date order makes every
 * such fetch a cache miss). Two deal ids sharing a fingerprint are found when the table is built, and ids
 * that land on one are looked up exactly; an id of no deal matching a deal's fingerprint is about a
 * one-in-10^13 event per row for a million deals.
 */
class FingerprintIndex {
  private readonly mask: number;
  /** slots[3i] = hash A, slots[3i + 1] = hash B, slots[3i + 2] = value + 1 (0 empty, -1 shared by several ids). */
  private readonly slots: Int32Array;
  private exact: StringIndex | null = null;

  /** `values[c]`: what a lookup of labels[c] returns (a non-negative number, kept in the slot itself). */
  constructor(private readonly labels: readonly string[], private readonly values: Int32Array) {
    let size = 1024;
    while (size < 2 * labels.length) size *= 2;
    this.mask = size - 1;
    const t = new Int32Array(3 * size);
    this.slots = t;
    for (let c = 0; c < labels.length; c++) {
      const a = hashA(labels[c]);
      const b = hashB;
      let i = a & this.mask;
      for (;;) {
        const e = t[3 * i + 2];
        if (e === 0) {
          t[3 * i] = a;
          t[3 * i + 1] = b;
          t[3 * i + 2] = values[c] + 1;
          break;
        }
        if (t[3 * i] === a && t[3 * i + 1] === b) {
          t[3 * i + 2] = -1;
          break;
        }
        i = (i + 1) & this.mask;
      }
    }
  }

  get(s: string): number {
    const a = hashA(s);
    const b = hashB;
    const t = this.slots;
    let i = a & this.mask;
    for (;;) {
      const e = t[3 * i + 2];
      if (e === 0) return ABSENT;
      if (t[3 * i] === a && t[3 * i + 1] === b) {
        if (e > 0) return e - 1;
        if (this.exact === null) this.exact = new StringIndex(this.labels, this.labels.length);
        const c = this.exact.get(s);
        return c === ABSENT ? ABSENT : this.values[c];
      }
      i = (i + 1) & this.mask;
    }
  }
}

/**
 * The deals' ids, looked up by the text of a history row's id cell: trimmed like the deals' own id column,
 * numbers by their text; 15- and 18-character Salesforce ids of one record match each other.
 */
export class DealIds {
  private readonly index: FingerprintIndex;
  private readonly first: Int32Array;
  private short: Map<string, number> | null = null;
  byPrefix = 0;
  private lastText: unknown = undefined;
  private lastDeal = NO_ID;
  /** The last lookup matched by the other Salesforce id length (a repeat of it counts again). */
  private lastByPrefix = false;
  /** Per string code looked up by dealOfCode: the code's id was matched by the other Salesforce id length. */
  private codeByPrefix: Uint8Array | null = null;

  constructor(private readonly deals: Deals) {
    const ids = deals.id;
    this.first = new Int32Array(ids.labels.length).fill(-1);
    for (let i = 0; i < deals.count; i++) {
      const c = ids.codes[i];
      if (c >= 0 && this.first[c] < 0) this.first[c] = i;
    }
    // the table holds each id's deal itself: a lookup touches nothing else
    this.index = new FingerprintIndex(ids.labels, this.first);
  }

  /** Deal index of a cell's id; NO_ID (blank), ERROR_ID (an error cell) or NO_DEAL (no such deal). */
  dealOf(v: unknown): number {
    // runs of one deal's changes (exports sorted by deal) skip the lookup
    if (v === this.lastText && v !== undefined) {
      if (this.lastByPrefix) this.byPrefix++;
      return this.lastDeal;
    }
    const before = this.byPrefix;
    let t: string;
    if (typeof v === "string") {
      const n = v.length;
      const a = n > 0 ? v.charCodeAt(0) : 0;
      const z = n > 0 ? v.charCodeAt(n - 1) : 0;
      t = a > 32 && z > 32 && a !== 160 && z !== 160 ? v : v.trim();
      if (t === "") return NO_ID;
      if (t.charCodeAt(0) === 35 && isErrorText(t)) return ERROR_ID;
    } else if (v === null || v === undefined || (typeof v === "number" && v !== v)) return NO_ID;
    else if (typeof v === "boolean") t = v ? "TRUE" : "FALSE";
    else if (v instanceof Date) t = shortText(v).slice(0, 10);
    else t = String(v);
    let d = this.index.get(t);
    if (d === ABSENT) d = this.salesforce(t);
    if (d === ABSENT) d = NO_DEAL;
    this.lastText = v;
    this.lastDeal = d;
    this.lastByPrefix = this.byPrefix !== before;
    return d;
  }

  /**
   * dealOf() of a text cell given by its string code s: `known[2 * s]` keeps the answer + 4 once looked
   * up, so each distinct id is looked up once however many changes it has (`known[2 * s + 1]` is the caller's).
   */
  dealOfCode(s: number, strings: readonly string[], known: Int32Array): number {
    const e = known[2 * s];
    if (e !== 0) {
      if (this.codeByPrefix !== null && this.codeByPrefix[s] === 1) this.byPrefix++;
      return e - 4;
    }
    const before = this.byPrefix;
    const d = this.dealOf(strings[s]);
    known[2 * s] = d + 4;
    if (this.byPrefix !== before) (this.codeByPrefix ??= new Uint8Array(known.length >> 1))[s] = 1;
    return d;
  }

  /** The deal of a 15- or 18-character Salesforce id given in the other length; ABSENT when none. */
  private salesforce(t: string): number {
    let d = ABSENT;
    if (SF18.test(t)) d = this.index.get(t.slice(0, 15));
    else if (SF15.test(t)) {
      if (this.short === null) {
        const short = new Map<string, number>();
        this.deals.id.labels.forEach((l, c) => {
          if (SF18.test(l)) short.set(l.slice(0, 15), this.first[c]);
        });
        this.short = short;
      }
      d = this.short.get(t) ?? ABSENT;
    }
    if (d !== ABSENT) this.byPrefix++;
    return d;
  }
}
