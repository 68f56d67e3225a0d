/**
 * Located diagnostics: one per cell that could not be used, capped per (column, reason) so a sheet with a
 * million bad cells stays readable, with a summary line that keeps the exact count.
 */
import type { Diagnostic, Severity } from "./types";
import { columnLetter, shortText } from "./text";

/** Stored diagnostics per (sheet column, reason); the rest are counted in one summary line. */
export const DIAGNOSTICS_PER_REASON = 20;

/** Raised for input the pipeline cannot read at all; the message says what was seen and what to do. */
export class PipelineError extends Error {
  diagnostics: Diagnostic[];
  constructor(message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = "PipelineError";
    this.diagnostics = diagnostics;
    Object.setPrototypeOf(this, PipelineError.prototype);
  }
}

export interface ColumnRef {
  /** 1-based sheet column. */
  column: number;
  header?: string;
  field?: string;
}

interface Bucket {
  count: number;
  reason: string;
  severity: Severity;
  ref: ColumnRef;
  summary: string;
}

/** A cell() call held back while columns are read one after another (see DiagnosticSink.defer). */
interface Held {
  key: number;
  ref: ColumnRef;
  reason: string;
  severity: Severity;
  row: number;
  value: unknown;
  message: () => string;
  summary: string;
  count?: number;
}

/** Slots per row in a held call's key (row * SLOTS + slot). */
const SLOTS = 64;

/** Collects diagnostics for one sheet. */
export class DiagnosticSink {
  readonly sheet: string;
  private readonly stored: Diagnostic[] = [];
  private readonly buckets = new Map<ColumnRef, Map<string, Bucket>>();
  /** Calls held back while deferring (null otherwise), and per (ref, reason, slot) how many came. */
  private held: Held[] | null = null;
  private heldCounts = new Map<ColumnRef, Map<string, number[]>>();
  private slot = 0;

  constructor(sheet: string) {
    this.sheet = sheet;
  }

  /**
   * Records one located problem. `message` is only called for the diagnostics that are stored, so a
   * million bad cells cost a counter each, not a string each. Caps count per (ref object, reason): pass
   * the same ref object for one column.
   */
  cell(ref: ColumnRef, reason: string, severity: Severity, row: number, value: unknown, message: () => string, summary: string, count?: number): void {
    if (this.held !== null) {
      this.hold(ref, reason, severity, row, value, message, summary, count);
      return;
    }
    let byReason = this.buckets.get(ref);
    if (!byReason) {
      byReason = new Map();
      this.buckets.set(ref, byReason);
    }
    let b = byReason.get(reason);
    if (!b) {
      b = { count: 0, reason, severity, ref, summary };
      byReason.set(reason, b);
    }
    b.count++;
    if (b.count > DIAGNOSTICS_PER_REASON) return;
    this.stored.push({
      sheet: this.sheet,
      row,
      column: ref.column > 0 ? columnLetter(ref.column) : "",
      header: ref.header,
      field: ref.field,
      value: shortText(value),
      severity,
      message: message(),
      reason,
      ...(count === undefined ? {} : { count }),
    });
  }

  /**
   * From now on cell() calls are held back, each keyed by its row and the slot set by at(), until flush()
   * records them in row order (and slot order within a row, arrival order within a slot): the order they
   * would have come in had the cells been read row by row, slot after slot. Each slot's calls must come in
   * row order; only the first DIAGNOSTICS_PER_REASON per (ref, reason, slot) are kept, the rest counted.
   */
  defer(): void {
    this.held = [];
    this.slot = 0;
  }

  /** The slot (a column, in the row-by-row order) the next calls come from. */
  at(slot: number): void {
    this.slot = slot;
  }

  private hold(ref: ColumnRef, reason: string, severity: Severity, row: number, value: unknown, message: () => string, summary: string, count?: number): void {
    let byReason = this.heldCounts.get(ref);
    if (!byReason) {
      byReason = new Map();
      this.heldCounts.set(ref, byReason);
    }
    let perSlot = byReason.get(reason);
    if (!perSlot) {
      perSlot = [];
      byReason.set(reason, perSlot);
    }
    const n = (perSlot[this.slot] ?? 0) + 1;
    perSlot[this.slot] = n;
    if (n > DIAGNOSTICS_PER_REASON) return;
    this.held!.push({ key: row * SLOTS + this.slot, ref, reason, severity, row, value, message, summary, count });
  }

  /** Records the held calls in row order and stops holding them back. */
  flush(): void {
    const held = this.held;
    if (held === null) return;
    this.held = null;
    held.sort((a, b) => a.key - b.key);
    for (const h of held) this.cell(h.ref, h.reason, h.severity, h.row, h.value, h.message, h.summary, h.count);
    for (const [ref, byReason] of this.heldCounts) {
      for (const [reason, perSlot] of byReason) {
        let over = 0;
        for (const n of perSlot) if (n !== undefined && n > DIAGNOSTICS_PER_REASON) over += n - DIAGNOSTICS_PER_REASON;
        if (over > 0) this.buckets.get(ref)!.get(reason)!.count += over;
      }
    }
    this.heldCounts.clear();
  }

  /** A whole-sheet, whole-column (row 0) or whole-row (column 0) message, never capped. */
  note(severity: Severity, reason: string, message: string, ref?: ColumnRef, row = 0, value?: unknown, count?: number): void {
    this.stored.push({
      sheet: this.sheet,
      row,
      column: ref && ref.column > 0 ? columnLetter(ref.column) : "",
      header: ref?.header,
      field: ref?.field,
      value: value === undefined ? undefined : shortText(value),
      severity,
      message,
      reason,
      count,
    });
  }

  /** How many times a reason was reported (all columns), stored or not. */
  count(reason: string): number {
    let n = 0;
    for (const byReason of this.buckets.values()) n += byReason.get(reason)?.count ?? 0;
    return n;
  }

  /** The stored diagnostics plus one "and N more like this" line per capped (column, reason). */
  finish(): Diagnostic[] {
    const out = this.stored.slice();
    for (const b of [...this.buckets.values()].flatMap((m) => [...m.values()])) {
      if (b.count <= DIAGNOSTICS_PER_REASON) continue;
      const more = b.count - DIAGNOSTICS_PER_REASON;
      out.push({
        sheet: this.sheet,
        row: 0,
        column: b.ref.column > 0 ? columnLetter(b.ref.column) : "",
        header: b.ref.header,
        field: b.ref.field,
        severity: b.severity,
        message: `and ${more.toLocaleString("en-US")} more like this (${b.count.toLocaleString("en-US")} in all): ${b.summary}`,
        reason: b.reason,
        count: b.count,
      });
    }
    return out;
  }
}
