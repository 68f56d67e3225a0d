/**
 * Pipeline velocity per period: open opportunities x win rate x average deal / cycle length, the revenue per
 * day the pipeline is moving at; and each period-over-period change split exactly into those four causes by
 * LMDI (Ang 2005), the cycle entering with exponent -1. Needs only the deals table.
 */
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import { ratio } from "../model/stats";
import { AnalysisContext } from "./context";
import { lmdiFactors } from "./lmdi";
import { VelocityAnalysis, VelocityChange, VelocityPeriod } from "./history-types";

export const VELOCITY_DEFINITION =
  "Velocity = open opportunities x win rate x average deal / cycle length, in revenue per day. Per period: " +
  "opportunities are the deals open at some time in it (created by its end and not closed before its start); " +
  "win rate is won / (won + lost) of the deals closed in it; the average deal is won revenue / won deals with " +
  "an amount, closed in it; the cycle is the mean days from created to close of the deals won in it.";

/** Factor order in the LMDI split, and their exponents (the cycle divides). */
const EXPONENTS = [1, 1, 1, -1];

export function analyzeVelocity(ctx: AnalysisContext): VelocityAnalysis {
  const d = ctx.deals;
  const P = ctx.grid.labels.length;
  const notes: string[] = [];
  const inPlay = new Float64Array(P + 1);
  const won = new Float64Array(P);
  const lost = new Float64Array(P);
  const wonRevenue = new Float64Array(P);
  const wonWithAmount = new Float64Array(P);
  const cycleSum = new Float64Array(P);
  const cycleCount = new Float64Array(P);
  let noCreated = 0;
  let closedUndated = 0;
  for (let i = 0; i < d.count; i++) {
    const o = d.outcome[i];
    const cp = ctx.closedP[i];
    if (o !== OUTCOME_OPEN && cp >= 0) {
      if (o === OUTCOME_WON) {
        won[cp]++;
        const a = d.amount[i];
        if (a === a) {
          wonRevenue[cp] += a;
          wonWithAmount[cp]++;
        }
        const c = ctx.cycle[i];
        if (c === c) {
          cycleSum[cp] += c;
          cycleCount[cp]++;
        }
      } else if (o === OUTCOME_LOST) lost[cp]++;
    }
    // in play from the period it was created in to the one it closed in (open deals: to the last period)
    const from = ctx.createdP[i];
    if (from < 0) {
      if (d.created[i] !== d.created[i]) noCreated++;
      continue;
    }
    let to: number;
    if (o === OUTCOME_OPEN || d.closed[i] > ctx.asOf) to = P - 1;
    else if (cp >= 0) to = cp;
    else {
      closedUndated++;
      continue;
    }
    if (to < from) continue;
    inPlay[from]++;
    inPlay[to + 1]--;
  }
  const periods: VelocityPeriod[] = [];
  let running = 0;
  for (let p = 0; p < P; p++) {
    running += inPlay[p];
    const winRate = ratio(won[p], won[p] + lost[p]);
    const averageDeal = ratio(wonRevenue[p], wonWithAmount[p]);
    const cycleDays = ratio(cycleSum[p], cycleCount[p]);
    const velocity = cycleDays > 0 ? (running * winRate * averageDeal) / cycleDays : NaN;
    periods.push({ period: ctx.grid.labels[p], opportunities: running, won: won[p], lost: lost[p], winRate, averageDeal, cycleDays, velocity, complete: ctx.grid.complete[p] });
  }
  const changes: VelocityChange[] = [];
  for (let p = 1; p < P; p++) changes.push(split(periods[p - 1], periods[p]));
  if (noCreated > 0) notes.push(`${noCreated.toLocaleString("en-US")} deal(s) have no created date: they are not counted as opportunities (when they were open is not known).`);
  if (closedUndated > 0) notes.push(`${closedUndated.toLocaleString("en-US")} closed deal(s) have no close date: they are not counted as opportunities.`);
  if (!ctx.has.amount) notes.push("No amount column: the average deal, and so velocity, are not known.");
  if (periods.some((x) => x.cycleDays === 0)) notes.push("A period whose won deals all closed the day they were created has a cycle of 0 days: its velocity is not defined.");
  return { definition: VELOCITY_DEFINITION, periods, changes, notes };
}

function factors(p: VelocityPeriod): number[] {
  return [p.opportunities, p.winRate, p.averageDeal, p.cycleDays];
}

/** The LMDI split of one change; undefined (NaN parts, with the reason) when a factor is zero or unknown. */
function split(a: VelocityPeriod, b: VelocityPeriod): VelocityChange {
  const s = lmdiFactors(factors(a), factors(b), EXPONENTS);
  const change = b.velocity - a.velocity;
  if (s === null) {
    const names = ["open opportunities", "win rate", "average deal", "cycle length"];
    const bad = (p: VelocityPeriod) => factors(p).map((x, i) => (x > 0 && Number.isFinite(x) ? "" : names[i])).filter(Boolean);
    const missing = [...new Set([...bad(a), ...bad(b)])];
    return {
      from: a.period, to: b.period, change: Number.isFinite(change) ? change : NaN,
      opportunities: NaN, winRate: NaN, averageDeal: NaN, cycle: NaN, defined: false,
      note: `not split: ${missing.join(", ")} ${missing.length > 1 ? "are" : "is"} zero or not known in ${bad(a).length > 0 && bad(b).length > 0 ? "both periods" : bad(a).length > 0 ? a.period : b.period} (a log of zero)`,
    };
  }
  const [opportunities, winRate, averageDeal, cycle] = s.parts;
  return { from: a.period, to: b.period, change: s.change, opportunities, winRate, averageDeal, cycle, defined: true };
}
