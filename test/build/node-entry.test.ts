/** The package's Node entry as a script would load it: plain `node`, the built dist/node, no test tooling. */
import { execFileSync } from "child_process";
import { ROOT, ensureNodeBuild } from "./ensure-build";

const runNode = (code: string): unknown => JSON.parse(execFileSync(process.execPath, ["-e", code], { cwd: ROOT, encoding: "utf8" }));

beforeAll(() => ensureNodeBuild());

describe("require('gtm-compass') from plain node", () => {
  test("exports the four functions under their Excel names and the engine", () => {
    const names = runNode(`console.log(JSON.stringify(Object.keys(require("./")).sort()))`) as string[];
    for (const n of ["GTM_COMPASS", "FUNNEL_YIELD", "CAC_FLAG", "LEADS_NEEDED", "placeCompass", "funnelYield", "leadsNeeded", "cacFlag", "magicNumber", "burnMultiple", "resolveThresholds", "DEFAULT_THRESHOLDS", "GtmError"]) {
      expect(names).toContain(n);
    }
  });

  test("calls work like cells: scalars in give a value, ranges give rows", () => {
    const out = runNode(`
      const g = require("./");
      console.log(JSON.stringify({
        wins: g.FUNNEL_YIELD(1000, [[0.3, 0.5, 0.2]], [[400, 100, null]]),
        spill: g.FUNNEL_YIELD([[100], [1000]], [[0.5]]),
        flag: g.CAC_FLAG(120000, 10, 1000, 0.8, 0.02),
        lead: g.GTM_COMPASS([[1, 1, 1, 1, 1, 1, 1]], null, null, "lead"),
        leads: g.LEADS_NEEDED(6, [[0.3, 0.5, 0.2]], [[400, 100, null]]),
      }));
    `) as Record<string, unknown>;
    expect(out.wins).toBeCloseTo(10, 12);
    expect(out.spill).toEqual([[50], [500]]);
    expect(out.flag).toBe("WATCH");
    expect(out.lead).toBe("Marketing-led");
    expect(out.leads).toBeCloseTo(200, 9);
  });

  test("bad input throws an error carrying the Excel code and a message", () => {
    const out = runNode(`
      const g = require("./");
      try { g.CAC_FLAG(-5, 1); } catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, isGtm: e instanceof g.GtmError })); }
    `) as { code: string; message: string; isGtm: boolean };
    expect(out).toEqual({ code: "#VALUE!", message: expect.stringMatching(/Spend cannot be negative/), isGtm: true });
  });
});
