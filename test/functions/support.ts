/** Helpers for the function tests: catch a GtmError's code and message, find error cells in a grid. */
import fc from "fast-check";
import { GtmError } from "../../src/engine/errors";

export function thrown(f: () => unknown): GtmError {
  try {
    f();
  } catch (e) {
    if (e instanceof GtmError) return e;
    throw new Error(`expected a GtmError, got ${String(e)}`);
  }
  throw new Error("expected a GtmError, but the call returned");
}

export const isErr = (c: unknown, code?: string): c is GtmError => c instanceof GtmError && (code === undefined || c.code === code);

/** Anything a cell (or a careless Node caller) can hold. */
export const cell = fc.oneof(
  fc.double(),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: -5, max: 10 }),
  fc.constantFrom("", null, undefined, true, false, "abc", "12", "#N/A"),
  fc.constantFrom({ code: "#N/A" }, { code: "#DIV/0!", message: "x" }, { type: "REF" }, {}),
);
const grid = fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 5 }));
/** A random argument: one cell, a rectangular range, or a flat list. */
export const arg = fc.oneof(cell, grid, fc.array(cell, { maxLength: 4 }));
