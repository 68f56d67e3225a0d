/**
 * Time bomb 6 (seed 004, METHODS §5): open deals per rep above capacity, or the median open deal older than
 * twice the median won cycle: one is WATCH, both is a TIME BOMB.
 */
import { OUTCOME_OPEN } from "../../model/tables";
import { CapacityCheck, TimeBomb } from "../analysis";
import { AnalysisContext } from "../context";
import { baseBomb } from "./common";

export function cloggedFunnel(ctx: AnalysisContext, capacity: CapacityCheck | null): TimeBomb {
  const t = ctx.t;
  const bomb = baseBomb("clogged-funnel", "Median open-deal age / median won cycle", "ratio", t.clogAgeMultiple, `open deals older than ${t.clogAgeMultiple}x the won cycle, or more open deals per rep than capacity: WATCH; both: TIME BOMB`);
  const d = ctx.deals;
  const medAge = ctx.medianOpenAge;
  const cycle = ctx.medianWonCycle;
  const ageRatio = medAge === medAge && cycle > 0 ? medAge / cycle : NaN;
  const old = ageRatio === ageRatio ? ageRatio > t.clogAgeMultiple : null;
  const over = capacity && capacity.overCapacity !== null ? capacity.overCapacity : null;
  if (old === null && over === null) {
    bomb.notes.push("Neither check can run: the open-deal age needs created dates and won deals with both dates; capacity needs deals a rep can work (inputs).");
    return bomb;
  }
  bomb.metric = ageRatio;
  if (old !== null) {
    bomb.evidence.facts.push(`The median open deal is ${Math.round(medAge)} days old; the median won deal took ${Math.round(cycle)} days (${Math.round(ageRatio * 100) / 100}x).`);
    if (old) {
      // the oldest open deals are the ones to review first
      const limit = t.clogAgeMultiple * cycle;
      const rows: number[] = [];
      for (let i = 0; i < d.count && rows.length < 50; i++) {
        if (d.outcome[i] === OUTCOME_OPEN && ctx.asOf - d.created[i] > limit) rows.push(d.sourceRow[i]);
      }
      bomb.evidence.rows = rows;
      bomb.evidence.sheet = d.sheet;
    }
  } else {
    bomb.notes.push("Open-deal age not checked: it needs created dates and won deals with both dates.");
    bomb.metric = capacity ? capacity.openPerRep / capacity.dealsPerRep : NaN;
    bomb.metricName = "Open deals per rep / capacity";
    bomb.threshold = 1;
  }
  if (over !== null && capacity) {
    bomb.evidence.facts.push(`${capacity.openDeals} open deals across ${capacity.reps} reps (${Math.round(capacity.openPerRep * 10) / 10} each) against a capacity of ${capacity.dealsPerRep} per rep.`);
    bomb.evidence.reps = capacity.perRep.filter((r) => r.overCapacity).map((r) => r.rep);
  } else {
    bomb.notes.push("Capacity not checked: give the deals a rep can work at once on the inputs sheet.");
  }
  bomb.status = old && over ? "TIME BOMB" : old || over ? "WATCH" : "OK";
  return bomb;
}
