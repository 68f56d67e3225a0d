/**
 * The data region of a sheet: where the header row is, which rows below it hold data, which are hidden,
 * and how sheet rows and columns are numbered for diagnostics.
 */
import type { FieldMapping, SheetGrid } from "./types";
import type { ColumnRef } from "./diagnostics";

/** True when every cell of the row is blank ("" / null / whitespace). Most rows exit at the first cell. */
export function isBlankRow(row: readonly unknown[] | null | undefined): boolean {
  if (!row) return true;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (v === "" || v === null || v === undefined) continue;
    if (typeof v === "string") {
      const first = v.charCodeAt(0);
      if (first > 32 && first !== 160) return false;
      if (v.trim() === "") continue;
    }
    return false;
  }
  return true;
}

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

export function dataRegion(grid: SheetGrid, headerIndex: number): Region {
  const values = grid.values;
  let end = values.length;
  while (end > headerIndex + 1 && isBlankRow(values[end - 1])) end--;
  const firstRow = grid.firstRow ?? 1;
  let hidden: Uint8Array | null = null;
  if (grid.hiddenRows && grid.hiddenRows.length > 0) {
    hidden = new Uint8Array(values.length);
    for (const r of grid.hiddenRows) {
      const i = r - firstRow;
      if (i >= 0 && i < values.length) hidden[i] = 1;
    }
  }
  return { start: headerIndex + 1, end, firstRow, firstColumn: grid.firstColumn ?? 1, hidden };
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
export function lastDataRow(values: readonly (readonly unknown[])[], after: number): number {
  let end = values.length;
  while (end > after + 1 && isBlankRow(values[end - 1])) end--;
  return end;
}
