/**
 * Time bomb 2 (METHODS §5.2; Leslie & Holloway 2006): reps whose yield (won revenue per period) is below the
 * fully loaded rep cost; without a cost, below half the median rep's yield. Also a falling team win rate.
 */
import { OUTCOME_LOST, OUTCOME_WON } from "../../model/tables";
import { TimeBomb } from "../analysis";
import { AnalysisContext } from "../context";
import { PERIODS_PER_YEAR } from "../../model/calendar";
import { median } from "../../model/stats";
import { baseBomb, money, pct } from "./common";

/** The last `recentPeriods` complete periods (or, with none complete, every period): [from, to]. */
export function recentWindow(ctx: AnalysisContext): [number, number] {
  const n = Math.max(1, Math.round(ctx.t.recentPeriods));
  const to = ctx.lastComplete >= 0 ? ctx.lastComplete : ctx.grid.labels.length - 1;
  return [Math.max(0, to - n + 1), to];
}

export function salesTeam(ctx: AnalysisContext): TimeBomb {
  const t = ctx.t;
  const bomb = baseBomb("inefficient-sales-team", "Share of reps below breakeven", "percent", t.repsBelowBreakevenShare, `more than ${pct(t.repsBelowBreakevenShare)} of reps below breakeven is a TIME BOMB`);
  const d = ctx.deals;
  if (!ctx.has.owner || ctx.grid.labels.length === 0) {
    bomb.notes.push("No owner / rep column: rep yield cannot be measured.");
    return bomb;
  }
  if (!ctx.has.amount) {
    // a yield of 0 for every rep would read "OK 0%": without amounts the check cannot run
    bomb.notes.push("No deal has an amount: rep yield (won revenue per period) cannot be measured.");
    return bomb;
  }
  const [from, to] = recentWindow(ctx);
  const periods = to - from + 1;
  const R = d.owner.labels.length;
  const P = ctx.grid.labels.length;
  const last = ctx.lastComplete;
  const ownerCodes = d.owner.codes;
  const { outcome, amount } = d;
  const closedP = ctx.closedP;
  const createdP = ctx.createdP;
  // one branch-free pass (outcomes are too irregular to predict): every array is indexed by code + 1,
  // and slot 0 takes the rows that do not count (no period, no owner, not won, ...)
  const revenueS = new Float64Array(R + 1);
  const activeS = new Uint8Array(R + 1);
  const prevS = new Uint8Array(R + 1); // active in the last two complete periods
  const lastS = new Uint8Array(R + 1);
  const wonS = new Float64Array(P + 1);
  const lostS = new Float64Array(P + 1);
  for (let i = 0; i < d.count; i++) {
    const o1 = ownerCodes[i] + 1;
    const cp = closedP[i];
    const kp = createdP[i];
    const out = outcome[i];
    const won = +(out === OUTCOME_WON);
    wonS[won * (cp + 1)]++;
    lostS[+(out === OUTCOME_LOST) * (cp + 1)]++;
    const inClose = +(cp >= from) & +(cp <= to);
    activeS[o1 * (inClose | (+(kp >= from) & +(kp <= to)))] = 1;
    const a = amount[i];
    revenueS[o1 * (inClose & won & +(a === a))] += a;
    prevS[o1 * (+(cp === last - 1) | +(kp === last - 1))] = 1;
    lastS[o1 * (+(cp === last) | +(kp === last))] = 1;
  }
  const revenue = revenueS.subarray(1);
  const active = activeS.subarray(1);
  const wonP = wonS.subarray(1);
  const lostP = lostS.subarray(1);
  const repsP = [prevS.subarray(1), lastS.subarray(1)];
  const yields: number[] = [];
  const reps: number[] = [];
  for (let o = 0; o < R; o++) {
    if (!active[o]) continue;
    reps.push(o);
    yields.push(revenue[o] / periods);
  }
  if (reps.length === 0) {
    bomb.notes.push("No rep owns a deal in the recent periods.");
    return bomb;
  }
  const inputs = ctx.data.inputs;
  const perYear = PERIODS_PER_YEAR[ctx.grid.kind];
  const cost = inputs?.repCostPerPeriod ?? (inputs?.repCostPerYear !== undefined ? inputs.repCostPerYear / perYear : NaN);
  const med = median(yields);
  const line = cost === cost ? cost : t.repYieldFractionOfMedian * med;
  const below = reps.map((o, j) => ({ rep: d.owner.labels[o], y: yields[j] })).filter((r) => r.y < line).sort((a, b) => a.y - b.y);
  const share = below.length / reps.length;
  const window = from === to ? ctx.grid.labels[from] : `${ctx.grid.labels[from]} to ${ctx.grid.labels[to]}`;
  bomb.metric = share;
  bomb.evidence.reps = below.map((r) => r.rep);
  bomb.evidence.periods = ctx.grid.labels.slice(from, to + 1);
  bomb.evidence.facts.push(
    cost === cost
      ? `${below.length} of ${reps.length} reps won less than their fully loaded cost of ${money(cost)} per ${ctx.grid.kind} (${window}).`
      : `No rep cost given: ${below.length} of ${reps.length} reps won less than half the median rep's ${money(med)} per ${ctx.grid.kind} (${window}).`,
  );
  if (cost !== cost) bomb.notes.push("Give the fully loaded cost of a rep on the inputs sheet to measure breakeven itself.");
  let status: TimeBomb["status"] = share > t.repsBelowBreakevenShare ? "TIME BOMB" : "OK";

  // WATCH: the team's win rate fell by winRateDropWatch (relative) across the last two periods, headcount held
  if (status === "OK" && last >= 1) {
    const w0 = wonP[last - 1] / (wonP[last - 1] + lostP[last - 1]);
    const w1 = wonP[last] / (wonP[last] + lostP[last]);
    let h0 = 0;
    let h1 = 0;
    for (let o = 0; o < R; o++) {
      h0 += repsP[0][o];
      h1 += repsP[1][o];
    }
    if (w0 > 0 && w1 === w1 && (w0 - w1) / w0 >= t.winRateDropWatch && h1 >= h0) {
      status = "WATCH";
      bomb.evidence.facts.push(`Team win rate fell from ${pct(w0)} in ${ctx.grid.labels[last - 1]} to ${pct(w1)} in ${ctx.grid.labels[last]} while active reps went ${h0} -> ${h1}.`);
    }
  }
  bomb.status = status;
  bomb.table = {
    title: `Won revenue per ${ctx.grid.kind} per rep (${window})`,
    headers: ["Rep", `Won revenue per ${ctx.grid.kind}`, "Below breakeven"],
    formats: ["text", "currency", "text"],
    rows: reps
      .map((o, j) => [d.owner.labels[o], yields[j], yields[j] < line ? "yes" : "no"] as (string | number)[])
      .sort((a, b) => (a[1] as number) - (b[1] as number)),
  };
  return bomb;
}
