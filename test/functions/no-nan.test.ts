/**
 * No NaN or ±Infinity ever reaches a cell: 48,000 fuzzed calls, 6,000 per function, with the extreme
 * numbers that overflow or underflow (1e308, 5e-324, values near 0 under a division, NaN and Infinity from
 * Node callers) in every argument, as single cells and as scenario ranges. A result is a finite number,
 * text or an Excel error (#NUM! with a message where the figure is beyond the doubles).
 */
import fc from "fast-check";
import * as gtm from "../../src/index";
import { GtmError } from "../../src/engine/errors";

const extreme = fc.oneof(
  fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 5e-324, -5e-324, 1e-300, 1e-10, 0, -0, 1, 0.5, 0.999999, 3, 7, 1e15, 1e300),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double(), // NaN and ±Infinity too: a Node caller can pass them
);
const cell = fc.oneof({ weight: 6, arbitrary: extreme }, { weight: 1, arbitrary: fc.constantFrom(null, "", "x") });
const range = fc.integer({ min: 1, max: 4 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 4 }));
const arg = fc.oneof(cell, range);

/** Finite numbers, text and errors only; a failure names the bad cell. */
function noNaN(out: unknown): boolean {
  const cells = Array.isArray(out) ? (out as unknown[][]).flat() : [out];
  for (const c of cells) {
    if (typeof c === "number" && !Number.isFinite(c)) throw new Error(`a cell holds ${c}`);
    if (!(typeof c === "number" || typeof c === "string" || c instanceof GtmError)) throw new Error(`a cell holds ${String(c)}`);
    if (c instanceof GtmError && c.code === "#NUM!" && c.message.length < 20) throw new Error("#NUM! without a message");
  }
  return true;
}

function call(run: () => unknown): boolean {
  try {
    return noNaN(run());
  } catch (e) {
    if (e instanceof GtmError) return true;
    throw e;
  }
}

const runs = { numRuns: 6000 };
const stage = fc.oneof(fc.constantFrom(1, 2, 3), extreme);

describe("no NaN or Infinity in any cell, over 48,000 fuzzed calls", () => {
  test("FUNNEL_YIELD", () => {
    fc.assert(fc.property(arg, range, fc.oneof(fc.constant(null), range), arg, fc.constantFrom(undefined, "wins", "yield", "overflow", "stages"), (v, r, c, d, f) => call(() => gtm.FUNNEL_YIELD(v, r, c, d, f))), runs);
  });
  test("LEADS_NEEDED", () => {
    fc.assert(fc.property(arg, range, fc.oneof(fc.constant(null), range), arg, (t, r, c, d) => call(() => gtm.LEADS_NEEDED(t, r, c, d))), runs);
  });
  test("CAPACITY_NEEDED", () => {
    fc.assert(fc.property(arg, arg, range, stage, fc.oneof(fc.constant(null), range), arg, (t, v, r, s, c, d) => call(() => gtm.CAPACITY_NEEDED(t, v, r, s, c, d))), runs);
  });
  test("RATE_NEEDED", () => {
    fc.assert(fc.property(arg, arg, range, stage, fc.oneof(fc.constant(null), range), arg, (t, v, r, s, c, d) => call(() => gtm.RATE_NEEDED(t, v, r, s, c, d))), runs);
  });
  test("CAC_FLAG", () => {
    fc.assert(
      fc.property(arg, arg, arg, arg, arg, fc.constantFrom(undefined, "flag", "reason", "cac", "payback", "ltv", "ltv_cac", "all"), (s, n, r, g, ch, f) =>
        call(() => gtm.CAC_FLAG(s, n, r, g, ch, null, f)),
      ),
      runs,
    );
  });
  test("MAGIC_NUMBER", () => {
    fc.assert(fc.property(arg, arg, arg, fc.constantFrom(undefined, "value", "rating", "all"), (a, b, c, f) => call(() => gtm.MAGIC_NUMBER(a, b, c, null, f))), runs);
  });
  test("BURN_MULTIPLE", () => {
    fc.assert(fc.property(arg, arg, fc.constantFrom(undefined, "value", "rating", "all"), (a, b, f) => call(() => gtm.BURN_MULTIPLE(a, b, null, f))), runs);
  });
  test("GTM_COMPASS", () => {
    const ratings = fc.array(fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), extreme), { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 3 });
    const weights = fc.oneof(fc.constant(null), fc.array(fc.array(extreme, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 1 }));
    fc.assert(fc.property(ratings, weights, arg, fc.constantFrom(undefined, "all", "intensity", "sales_share", "agreement"), (r, w, a, f) => call(() => gtm.GTM_COMPASS(r, w, a, f))), runs);
  });
});
