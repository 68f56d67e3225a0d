/**
 * The real command line (`node bin/gtm-compass.js analyze FILE --json -`) on the Maven pipeline re-exported
 * as each CRM writes it: exit 0, no warning, and every figure of the JSON summary equal to a count made from
 * the original CSV; or, for a shape no vocabulary can read, exit 1 with one line naming the flags, and the
 * right figures once they are given.
 */
import { rmSync } from "node:fs";
import { basename } from "node:path";
import { ensureBuilt, runCli, tempDir } from "./helpers";
import { readMaven, SHAPES } from "../support/crm-reexport";
import { mavenFigures } from "../support/maven-figures";

const maven = readMaven();
const want = mavenFigures(maven);
const dir = tempDir("crm-cli");
beforeAll(() => ensureBuilt());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Summary {
  rows: { read: number; used: number; skipped: number };
  asOf: number;
  funnel: { won: number; lost: number; open: number; winRate: number; medianWonCycleDays: number };
  levers: { periods: { period: string; revenue: number }[] };
  mapping: Record<string, string>;
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort();

describe("gtm-compass analyze on each CRM's export of the same pipeline", () => {
  for (const shape of SHAPES) {
    it(`${shape.crm}: ${shape.needs ? "one-line refusal naming the flags, then" : "exit 0, no warning,"} the figures of the original CSV`, async () => {
      const file = await shape.write(maven, dir);
      const name = basename(file);
      if (shape.needs) {
        const refused = runCli(["analyze", name, "--json", "-"], dir);
        expect(refused.code).toBe(1);
        const lines = refused.stderr.split("\n").filter(Boolean);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^gtm-compass: .*--won VALUE --lost VALUE.*--map stage=/);
      }
      const r = runCli(["analyze", name, "--json", "-", "--period", "quarter", "--out", `${shape.name}-analysis.xlsx`, ...(shape.needs ?? [])], dir);
      expect(r.stderr).not.toMatch(/WARNING/);
      expect(r.code).toBe(0);
      const j = JSON.parse(r.stdout) as Summary;
      expect(j.funnel).toMatchObject({ won: want.won, lost: want.lost, open: want.open });
      expect(j.funnel.winRate).toBeCloseTo(want.winRate, 12);
      if (shape.times) expect(Math.abs(j.funnel.medianWonCycleDays - want.medianWonCycle)).toBeLessThan(1);
      else expect(j.funnel.medianWonCycleDays).toBe(want.medianWonCycle);
      expect(Math.floor(j.asOf)).toBe(want.latestEvent);
      const revenue = new Map(j.levers.periods.filter((p) => p.revenue !== 0).map((p) => [p.period, Math.round(p.revenue * 100) / 100]));
      expect(sorted(revenue)).toEqual(sorted(want.wonRevenueByQuarter));
      // no period after the data's last actual event, however far open deals' expected close dates reach
      expect(j.levers.periods[j.levers.periods.length - 1].period).toBe("2017-Q4");
      expect(j.rows.used).toBe(8800);
      expect(j.mapping.owner).toBeTruthy();
    });
  }

  it("--strict stops a run whose reading is unsure: the warning on standard error, exit 1, nothing written", async () => {
    const board = SHAPES.find((s) => s.name === "status-board")!;
    const file = basename(await board.write(maven, dir));
    // Only "Done" is declared: no deal is lost, and the lost deals' "Stuck" reads as an open stage.
    const r = runCli(["analyze", file, "--won", "Done", "--strict", "--out", "strict.xlsx"], dir);
    expect(r.code).toBe(1);
    const lines = r.stderr.split("\n").filter(Boolean);
    expect(lines.some((l) => /^gtm-compass: WARNING: /.test(l))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/--strict: stopped, nothing written\.$/);
    const loose = runCli(["analyze", file, "--won", "Done", "--out", "loose.xlsx", "--quiet"], dir);
    expect(loose.code).toBe(0);
    // --quiet keeps the warnings: they say the figures may be wrong
    expect(loose.stderr).toMatch(/WARNING/);
  });
});
