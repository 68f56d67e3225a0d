/** Helpers for the function tests: catch a GtmError's code and message, find error cells in a grid. */
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
