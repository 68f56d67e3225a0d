/**
 * The data region of a sheet: where the header row is, which rows below it hold data, which are hidden,
 * and how sheet rows and columns are numbered for diagnostics.
 */
import type { FieldMapping } from "./types";
import type { Table } from "./table";
import type { ColumnRef } from "./diagnostics";

export { isBlankCells as isBlankRow } from "./table";

export interface Region {
  /** 0-based index of the first data row in grid.values. */
  start: number;
  /** One past the last non-blank row. */
  end: number;
  firstRow: number;
  firstColumn: number;
  /** 1 for each grid row index the user has hidden; null when none is. */
  hidden: Uint8Array | null;
}

export function dataRegion(t: Table, headerIndex: number): Region {
  const end = lastDataRow(t, headerIndex);
  const firstRow = t.firstRow;
  let hidden: Uint8Array | null = null;
  if (t.hiddenRows.length > 0) {
    hidden = new Uint8Array(t.rows);
    for (const r of t.hiddenRows) {
      const i = r - firstRow;
      if (i >= 0 && i < t.rows) hidden[i] = 1;
    }
  }
  return { start: headerIndex + 1, end, firstRow, firstColumn: t.firstColumn, hidden };
}

/** A table's mapped fields: the grid column of each, and one diagnostic ref object per field. */
export interface FieldColumns {
  /** 0-based grid column of a field; -1 when unmapped. */
  colOf(field: string): number;
  /** The field's ref, the same object on every call: diagnostics are capped per (ref, reason). */
  ref(field: string): ColumnRef;
}

export function fieldColumns(mapping: readonly FieldMapping[], firstColumn: number): FieldColumns {
  const byField = new Map(mapping.map((m) => [m.field, m]));
  const refs = new Map<string, ColumnRef>();
  return {
    colOf: (field) => byField.get(field)?.column ?? -1,
    ref: (field) => {
      let r = refs.get(field);
      if (!r) {
        const m = byField.get(field);
        r = m ? { column: firstColumn + m.column, header: m.header, field } : { column: 0, field };
        refs.set(field, r);
      }
      return r;
    },
  };
}

/** Calls onProgress at most ~100 times over `total` rows. */
export class Progress {
  private next: number;
  private readonly step: number;
  constructor(private readonly total: number, private readonly onProgress?: (done: number, total: number) => void) {
    this.step = Math.max(1, Math.ceil(total / 100));
    this.next = onProgress ? this.step : Infinity;
  }
  /** Cheap to call every row: one comparison unless a tick is due. */
  tick(done: number): void {
    if (done < this.next) return;
    this.next += this.step;
    this.onProgress?.(done, this.total);
  }
  end(): void {
    this.onProgress?.(this.total, this.total);
  }
}

/** Last non-blank row index + 1 (scans up from the bottom). */
export function lastDataRow(t: Table, after: number): number {
  let end = t.rows;
  while (end > after + 1 && t.isBlankRow(end - 1)) end--;
  return end;
}
