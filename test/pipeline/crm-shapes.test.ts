/**
 * The Maven pipeline re-exported the way real CRMs write it (test/support/crm-reexport.ts), read back with
 * the command line's file readers and the shared pipeline, and every figure checked against a count made
 * from the original CSV (test/support/maven-figures.ts). A wrong figure with no error is what these catch.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBook } from "../../src/cli/load";
import { selectSources } from "../../src/cli/select-sheets";
import { readPipeline, PipelineError, OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON, serialToParts, type PipelineData } from "../../src/pipeline";
import { analyze } from "../../src/engine/analyze";
import { readMaven, SHAPES, type Shape } from "../support/crm-reexport";
import { mavenFigures } from "../support/maven-figures";

const maven = readMaven();
const want = mavenFigures(maven);
const dir = mkdtempSync(join(tmpdir(), "gtm-crm-shapes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(shape: Shape, outcomes?: { won?: string[]; lost?: string[] }): Promise<PipelineData> {
  const file = await shape.write(maven, dir);
  const book = await loadBook(file);
  const src = await selectSources(book, { mapped: false, outcomes });
  return readPipeline(src.deals, { outcomes });
}

function outcomesOf(shape: Shape): { won?: string[]; lost?: string[] } | undefined {
  if (!shape.needs) return undefined;
  const won: string[] = [];
  const lost: string[] = [];
  for (let i = 0; i < shape.needs.length; i += 2) (shape.needs[i] === "--won" ? won : lost).push(shape.needs[i + 1]);
  return { won, lost };
}

function figures(data: PipelineData) {
  const d = data.deals;
  let won = 0;
  let lost = 0;
  let open = 0;
  const rev = new Map<string, number>();
  let ownersFilled = 0;
  const reps = new Set<number>();
  for (let i = 0; i < d.count; i++) {
    const o = d.outcome[i];
    if (o === OUTCOME_WON) won++;
    else if (o === OUTCOME_LOST) lost++;
    else if (o === OUTCOME_OPEN) open++;
    if (d.owner.codes[i] >= 0) {
      ownersFilled++;
      reps.add(d.owner.codes[i]);
    }
    if (o === OUTCOME_WON && d.closed[i] === d.closed[i]) {
      const p = serialToParts(d.closed[i]);
      const k = `${p.year}-Q${Math.ceil(p.month / 3)}`;
      rev.set(k, Math.round(((rev.get(k) ?? 0) + d.amount[i]) * 100) / 100);
    }
  }
  return { won, lost, open, rev, ownersFilled, reps: reps.size };
}

const sorted = (m: Map<string, number>) => [...m.entries()].sort();

describe("Maven re-exported as each CRM writes it: every figure as counted from the original CSV", () => {
  it("the independent count itself", () => {
    expect(want.won + want.lost + want.open).toBe(8800);
    expect(want.wonRevenueByQuarter.size).toBeGreaterThanOrEqual(4);
  });

  for (const shape of SHAPES) {
    it(`${shape.crm}: ${shape.needs ? `refused without ${shape.needs.filter((_, i) => i % 2 === 0).join(" / ")}, then` : "read right with no flag:"} won, lost, open, revenue per quarter, owners, cycle, as-of`, async () => {
      if (shape.needs) {
        let err: unknown;
        try {
          await read(shape);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(PipelineError);
        const msg = (err as PipelineError).message;
        expect((err as PipelineError).diagnostics[0]?.reason).toBe("no-stage-values");
        expect(msg).toMatch(/--won VALUE --lost VALUE/);
        expect(msg).toMatch(/--map stage=/);
        expect(msg).not.toMatch(/\n/);
      }
      const data = await read(shape, outcomesOf(shape));
      const got = figures(data);
      expect({ won: got.won, lost: got.lost, open: got.open }).toEqual({ won: want.won, lost: want.lost, open: want.open });
      expect(sorted(got.rev)).toEqual(sorted(want.wonRevenueByQuarter));
      expect(got.ownersFilled).toBe(want.ownersFilled);
      expect(got.reps).toBe(want.reps);
      expect(data.rows.used).toBe(8800);
      expect(data.warnings).toEqual([]);

      const a = analyze(data, { period: "quarter" });
      expect(a.funnel.winRate).toBeCloseTo(want.winRate, 12);
      // a time of day moves each cycle by less than a day, so the median moves by less than a day
      if (shape.times) expect(Math.abs(a.funnel.medianWonCycleDays - want.medianWonCycle)).toBeLessThan(1);
      else expect(a.funnel.medianWonCycleDays).toBe(want.medianWonCycle);
      // "today" is the last actual event, never an open deal's expected close date in 2018
      expect(Math.floor(a.period.asOf)).toBe(want.latestEvent);
      const periods = new Map(a.levers.periods.filter((p) => p.revenue !== 0).map((p) => [p.period, Math.round(p.revenue * 100) / 100]));
      expect(sorted(periods)).toEqual(sorted(want.wonRevenueByQuarter));
    });
  }
});
