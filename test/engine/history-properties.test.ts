/**
 * Properties over random histories (test/support/history-gen.ts, seeded by fast-check): the waterfall
 * balances to the cent in every period, every stage balances exactly, the velocity split adds up to the
 * change, and HubSpot-style columns and an OpportunityHistory-style table give the same stage funnel.
 */
import fc from "fast-check";
import { analyze } from "../../src/engine/analyze";
import { readPipeline } from "../../src/pipeline";
import { buildData } from "../support/deals-builder";
import { buildHistory } from "../support/history-builder";
import { dealsSheet, generateHistory, OPEN_STAGES, opportunityHistorySheet } from "../support/history-gen";
import { WATERFALL_BARS } from "../../src/engine/history-types";

const cents = (x: number) => Math.round(x * 100);

function analysed(seed: number, period: "month" | "quarter") {
  const g = generateHistory(seed);
  const data = buildData(g.deals, { stageOrder: OPEN_STAGES });
  data.history = buildHistory(data.deals, g.history, { stageOrder: OPEN_STAGES });
  return { g, a: analyze(data, { period, asOf: g.lastDay }) };
}

describe("over random histories", () => {
  const runs = { numRuns: 150 };

  test("start + created + pulled in + increased - decreased - pushed out - won - lost = end, to the cent", () => {
    fc.assert(fc.property(fc.integer(), fc.constantFrom("month" as const, "quarter" as const), (seed, period) => {
      const w = analysed(seed, period).a.history.waterfall!;
      return w.periods.length > 0 && w.periods.every((p) => {
        const flow = cents(p.start) + cents(p.created) + cents(p.pulledIn) + cents(p.increased) - cents(p.decreased) - cents(p.pushedOut) - cents(p.won) - cents(p.lost);
        const counted = WATERFALL_BARS.every((b) => p.deals[b].count >= p.deals[b].list.length);
        return flow === cents(p.end) && counted;
      });
    }), runs);
  });

  test("one period's end is the open pipeline due by its end, counted independently from the rows", () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const { g, a } = analysed(seed, "quarter");
      const last = a.history.waterfall!.periods[a.history.waterfall!.periods.length - 1];
      const endOfGrid = a.period.labels.length ? g.lastDay + 1 : 0;
      // replay each deal's rows to the as-of date: open deals whose close date is on or before the last period's end
      let due = 0;
      const lastEnd = quarterEnd(g.lastDay);
      g.deals.forEach((_, d) => {
        let open = false;
        let amount = NaN;
        let close = NaN;
        for (const h of g.history.filter((x) => x.deal === d).sort((x, y) => Number(x.date) - Number(y.date))) {
          if (Number(h.date) >= endOfGrid) break;
          open = OPEN_STAGES.includes(h.stage);
          if (typeof h.amount === "number") amount = h.amount;
          if (typeof h.closeDate === "number") close = h.closeDate;
        }
        if (open && close < lastEnd) due += cents(amount);
      });
      return cents(last.end) === due;
    }), runs);
  });

  test("every stage: entered = advanced + lost + moved back + open", () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const s = analysed(seed, "quarter").a.history.stages!;
      return s.rows.every((r) => r.entered === r.advanced + r.lost + r.movedBack + r.open && r.deals <= r.entered);
    }), runs);
  });

  test("the velocity split adds up to the change", () => {
    fc.assert(fc.property(fc.integer(), fc.constantFrom("month" as const, "quarter" as const), (seed, period) => {
      const v = analysed(seed, period).a.velocity;
      return v.changes.every((c) => !c.defined || Math.abs(c.opportunities + c.winRate + c.averageDeal + c.cycle - c.change) <= 1e-9 * Math.max(1, Math.abs(c.change)));
    }), runs);
  });

  test("HubSpot-style columns and an OpportunityHistory-style table give the same stage funnel", () => {
    fc.assert(fc.property(fc.integer(), (seed) => {
      const g = generateHistory(seed, { noReentry: true });
      const byColumns = analyze(readPipeline(dealsSheet(g, true)), { asOf: g.lastDay }).history.stages!;
      const byTable = analyze(readPipeline(dealsSheet(g, false), { history: opportunityHistorySheet(g) }), { asOf: g.lastDay }).history.stages!;
      const rows = (s: typeof byColumns) => s.rows.map((r) => [r.stage, r.deals, r.entered, r.advanced, r.lost, r.movedBack, r.open, r.medianDays, r.p90Days, r.inOrderDeals]);
      expect(rows(byTable)).toEqual(rows(byColumns));
      expect(byTable.whereDealsDie).toEqual(byColumns.whereDealsDie);
      expect(byTable.won).toEqual(byColumns.won);
      return true;
    }), { numRuns: 40 });
  });
});

/** First serial day after the quarter holding `serial` (through JavaScript's Date, not the engine's calendar). */
function quarterEnd(serialDay: number): number {
  const d = new Date((serialDay - 25569) * 86400000);
  const q = Math.floor(d.getUTCMonth() / 3);
  return Date.UTC(d.getUTCFullYear(), q * 3 + 3, 1) / 86400000 + 25569;
}
