/** Random cell arguments: the functions return or throw only GtmError (an Excel error), never anything else. */
import fc from "fast-check";
import { CAC_FLAG, FUNNEL_YIELD, GTM_COMPASS, LEADS_NEEDED } from "../../src/index";
import { GtmError } from "../../src/engine/errors";
import { arg, cell } from "./support";

function onlyExcelErrors(call: () => unknown): boolean {
  try {
    const out = call();
    if (Array.isArray(out)) {
      for (const row of out) {
        if (!Array.isArray(row)) return false;
        for (const c of row) if (!(typeof c === "number" || typeof c === "string" || c instanceof GtmError)) return false;
        for (const c of row) if (typeof c === "number" && !Number.isFinite(c)) return false;
      }
      return true;
    }
    return typeof out === "string" || (typeof out === "number" && Number.isFinite(out));
  } catch (e) {
    return e instanceof GtmError && typeof e.code === "string" && e.message.length > 0;
  }
}

describe("the four functions over random arguments", () => {
  const runs = { numRuns: 400 };
  test("FUNNEL_YIELD", () => {
    fc.assert(fc.property(arg, arg, arg, arg, fc.constantFrom(undefined, "wins", "yield", "overflow", "stages", "x"), (v, r, c, d, f) => onlyExcelErrors(() => FUNNEL_YIELD(v, r, c, d, f))), runs);
  });
  test("LEADS_NEEDED", () => {
    fc.assert(fc.property(arg, arg, arg, arg, (t, r, c, d) => onlyExcelErrors(() => LEADS_NEEDED(t, r, c, d))), runs);
  });
  test("CAC_FLAG", () => {
    fc.assert(
      fc.property(arg, arg, arg, arg, arg, arg, fc.constantFrom(undefined, "flag", "reason", "cac", "payback", "ltv", "ltv_cac", "all", 7), (s, n, r, g, ch, t, f) =>
        onlyExcelErrors(() => CAC_FLAG(s, n, r, g, ch, t, f)),
      ),
      runs,
    );
  });
  test("GTM_COMPASS", () => {
    const ratings = fc.oneof(arg, fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 4 }));
    fc.assert(fc.property(ratings, arg, arg, fc.constantFrom(undefined, "all", "lead", "note", "x"), (r, w, a, f) => onlyExcelErrors(() => GTM_COMPASS(r, w, a, f))), runs);
  });

  test("FUNNEL_YIELD wins never exceed the volume nor, without overflow conversion, any stage's capacity x later rates", () => {
    const stage = fc.record({ r: fc.double({ min: 0, max: 1, noNaN: true }), c: fc.oneof(fc.constant(""), fc.double({ min: 0, max: 1e5, noNaN: true })) });
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 20 }), fc.array(stage, { minLength: 1, maxLength: 6 }), (vols, stages) => {
        const rates = [stages.map((s) => s.r)];
        const caps = [stages.map((s) => s.c)];
        const out = FUNNEL_YIELD(vols.map((v) => [v]), rates, caps);
        const rows = (Array.isArray(out) ? out : [[out]]) as number[][];
        return rows.every(([w], i) => {
          if (w > vols[i] * (1 + 1e-12)) return false;
          return stages.every((s, k) => {
            if (s.c === "") return true;
            const bound = stages.slice(k).reduce((b, t) => b * t.r, s.c as number);
            return w <= bound * (1 + 1e-9) + 1e-12;
          });
        });
      }),
      { numRuns: 300 },
    );
  });
});
