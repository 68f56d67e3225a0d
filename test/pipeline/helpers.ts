import type { Diagnostic, SheetGrid } from "../../src/pipeline/types";

/** Freezes a grid and every row in it, so any write by the code under test throws. */
export function deepFreeze<T>(x: T): T {
  if (x && typeof x === "object" && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as Record<string, unknown>)) deepFreeze(v);
  }
  return x;
}

export function grid(values: unknown[][], extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name: "Deals", values, ...extra };
}

/** Excel serial of a calendar date, from a known anchor: 2017-03-01 is serial 42795 in Excel. */
export function serialOf(y: number, m: number, d: number): number {
  const days = (Date.UTC(y, m - 1, d) - Date.UTC(2017, 2, 1)) / 86400000;
  return 42795 + days;
}

export function byReason(diags: readonly Diagnostic[], reason: string): Diagnostic[] {
  return diags.filter((d) => d.reason === reason);
}
