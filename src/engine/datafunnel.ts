/**
 * The funnel in the data (METHODS §8): stage conversion in stage order, win rate, median won cycle,
 * pipeline coverage, volume in vs wins one median cycle later, off-profile deals against the core, the
 * lead-to-won funnel by origin, and open deals per rep against capacity.
 */
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../pipeline/types";
import {
  CapacityCheck,
  DataFunnel,
  FunnelStage,
  OffProfile,
  OriginFunnel,
  ProfileStats,
  VolumeCheck,
  WinRatePeriod,
} from "./analysis";
import { AnalysisContext } from "./context";
import { DAYS_PER_PERIOD } from "./periods";
import { Placement, SEGMENT_IDS } from "./segments";
import { correlation, median, ratio, slope } from "./stats";

export const FUNNEL_DEFINITION =
  "Created cohort, furthest stage reached: every deal in the data counts once, at each stage up to the one it " +
  "is in now; won deals passed every stage; lost deals count as entering the first stage only, because the " +
  "data does not say where they were lost.";

/** Open stages in order, then "Won"; deals at a stage not in the order count at the first stage. */
function stageFunnel(ctx: AnalysisContext, notes: string[]): FunnelStage[] {
  const d = ctx.deals;
  let order = ctx.data.stageOrder.slice();
  if (order.length === 0) order = ["Open"];
  const pos = new Map(order.map((s, i) => [s.trim().toLowerCase(), i]));
  const labelPos = d.stage.labels.map((l) => pos.get(l.trim().toLowerCase()) ?? -1);
  const atStage = new Float64Array(order.length);
  let won = 0;
  let lost = 0;
  let unknown = 0;
  for (let i = 0; i < d.count; i++) {
    const o = d.outcome[i];
    if (o === OUTCOME_WON) won++;
    else if (o === OUTCOME_LOST) lost++;
    else {
      const c = d.stage.codes[i];
      let p = c >= 0 ? labelPos[c] : -1;
      if (p < 0) {
        unknown++;
        p = 0;
      }
      atStage[p]++;
    }
  }
  if (unknown > 0 && ctx.data.stageOrder.length > 0) {
    notes.push(`${unknown} open deal(s) sit at a stage outside the stage order and count at the first stage.`);
  }
  const reached: number[] = [];
  let beyond = won;
  for (let s = order.length - 1; s >= 0; s--) {
    beyond += atStage[s];
    reached[s] = beyond + (s === 0 ? lost : 0);
  }
  const stages: FunnelStage[] = order.map((stage, s) => ({ stage, reached: reached[s], conversionToNext: NaN }));
  stages.push({ stage: "Won", reached: won, conversionToNext: NaN });
  for (let s = 0; s + 1 < stages.length; s++) stages[s].conversionToNext = ratio(stages[s + 1].reached, stages[s].reached);
  return stages;
}

function profile(ctx: AnalysisContext, include: (i: number) => boolean): ProfileStats {
  const d = ctx.deals;
  let deals = 0;
  let won = 0;
  let lost = 0;
  const cycles: number[] = [];
  for (let i = 0; i < d.count; i++) {
    if (!include(i)) continue;
    deals++;
    if (d.outcome[i] === OUTCOME_WON) {
      won++;
      const c = d.closed[i] - d.created[i];
      if (c >= 0) cycles.push(c);
    } else if (d.outcome[i] === OUTCOME_LOST) lost++;
  }
  return { deals, won, lost, winRate: ratio(won, won + lost), medianWonCycleDays: median(cycles) };
}

/** The segment with most won revenue is the core; everything placed elsewhere is off-profile. */
function offProfile(ctx: AnalysisContext, placement: Placement): OffProfile | null {
  const d = ctx.deals;
  const useColumn = ctx.has.segment;
  const codes: ArrayLike<number> = useColumn ? d.segment.codes : placement.segment;
  const groups = useColumn ? d.segment.labels.length : 4;
  const revenue = new Float64Array(groups);
  for (let i = 0; i < d.count; i++) {
    const g = codes[i];
    if (g >= 0 && d.outcome[i] === OUTCOME_WON && d.amount[i] === d.amount[i]) revenue[g] += d.amount[i];
  }
  let core = -1;
  for (let g = 0; g < groups; g++) if (revenue[g] > 0 && (core < 0 || revenue[g] > revenue[core])) core = g;
  if (core < 0) return null;
  return {
    basis: useColumn ? "segment column" : "sweet-spot segment",
    coreSegment: useColumn ? d.segment.labels[core] : SEGMENT_IDS[core],
    core: profile(ctx, (i) => codes[i] === core),
    offProfile: profile(ctx, (i) => codes[i] >= 0 && codes[i] !== core),
  };
}

function volumeCheck(ctx: AnalysisContext, winsPerPeriod: Float64Array): VolumeCheck | null {
  const P = ctx.grid.labels.length;
  if (P === 0) return null;
  const volume = new Float64Array(P);
  const leads = ctx.data.leads;
  let basis: VolumeCheck["basis"];
  if (leads && leads.count > 0) {
    basis = "leads";
    const first = ctx.grid.start[0];
    for (let i = 0; i < leads.count; i++) {
      const v = leads.created[i];
      if (v >= first && v < ctx.asOf + 1) {
        // leads are few next to deals; a scan of the period starts is cheap
        let p = P - 1;
        while (p > 0 && v < ctx.grid.start[p]) p--;
        volume[p]++;
      }
    }
  } else {
    basis = "deals created";
    for (let i = 0; i < ctx.deals.count; i++) if (ctx.createdP[i] >= 0) volume[ctx.createdP[i]]++;
  }
  const cycle = ctx.medianWonCycle;
  const lag = cycle === cycle ? Math.round(cycle / DAYS_PER_PERIOD[ctx.grid.kind]) : 0;
  const last = ctx.lastComplete;
  const xs: number[] = [];
  const ys: number[] = [];
  const t: number[] = [];
  const periods = ctx.grid.labels.map((period, p) => {
    const later = p + lag <= last ? winsPerPeriod[p + lag] : NaN;
    if (later === later && p <= last) {
      xs.push(volume[p]);
      ys.push(later);
      t.push(p);
    }
    return { period, volumeIn: volume[p], wins: winsPerPeriod[p], winsLater: later };
  });
  const lx: number[] = [];
  const ly: number[] = [];
  for (let j = 0; j < xs.length; j++) {
    if (xs[j] > 0 && ys[j] > 0) {
      lx.push(Math.log(xs[j]));
      ly.push(Math.log(ys[j]));
    }
  }
  const elasticity = slope(lx, ly);
  const volumeGrew = xs.length >= 2 && slope(t, xs) > 0;
  const clogged = elasticity === elasticity ? elasticity < ctx.t.elasticityClogged && volumeGrew : null;
  const what = basis === "leads" ? "leads" : "deals created";
  let note: string;
  if (cycle !== cycle) note = "No won deal has both dates, so the lag defaults to 0 periods.";
  else note = `Wins are taken ${lag} period(s) after the ${what} (the median won cycle is ${Math.round(cycle)} days).`;
  if (elasticity !== elasticity) note += ` Fewer than 3 complete periods pair ${what} with later wins: no elasticity.`;
  else if (clogged) note += ` Wins grew less than half as fast as ${what}: the funnel behaves like a clogged sink.`;
  return { basis, lagPeriods: lag, periods, correlation: correlation(xs, ys), elasticity, volumeGrew, clogged, note };
}

function leadFunnel(ctx: AnalysisContext): OriginFunnel[] | null {
  const leads = ctx.data.leads;
  if (!leads || leads.count === 0) return null;
  const labels = leads.channel.labels;
  const G = labels.length + 1; // last slot: no origin given
  const n = new Float64Array(G);
  const opp = new Float64Array(G);
  const won = new Float64Array(G);
  for (let i = 0; i < leads.count; i++) {
    const c = leads.channel.codes[i];
    const g = c >= 0 ? c : G - 1;
    n[g]++;
    const di = leads.dealIndex[i];
    if (di >= 0) {
      opp[g]++;
      if (ctx.deals.outcome[di] === OUTCOME_WON) won[g]++;
    }
  }
  const rows: OriginFunnel[] = [];
  for (let g = 0; g < G; g++) {
    if (n[g] === 0) continue;
    rows.push({
      origin: g < labels.length ? labels[g] : "(no origin)",
      leads: n[g],
      opportunities: opp[g],
      won: won[g],
      leadToOpportunity: opp[g] / n[g],
      leadToWon: won[g] / n[g],
    });
  }
  rows.sort((a, b) => b.leads - a.leads || a.origin.localeCompare(b.origin));
  const tot = rows.reduce((s, r) => [s[0] + r.leads, s[1] + r.opportunities, s[2] + r.won], [0, 0, 0]);
  rows.push({ origin: "All origins", leads: tot[0], opportunities: tot[1], won: tot[2], leadToOpportunity: tot[1] / tot[0], leadToWon: tot[2] / tot[0] });
  return rows;
}

/** Reps for capacity: the inputs (latest period's count, else the single figure), else owners of open deals. */
export function capacityCheck(ctx: AnalysisContext): CapacityCheck | null {
  const d = ctx.deals;
  const inputs = ctx.data.inputs;
  const dealsPerRep = inputs?.dealsPerRep ?? NaN;
  let openDeals = 0;
  const perOwner = new Float64Array(d.owner.labels.length);
  for (let i = 0; i < d.count; i++) {
    if (d.outcome[i] !== OUTCOME_OPEN) continue;
    openDeals++;
    const o = d.owner.codes[i];
    if (o >= 0) perOwner[o]++;
  }
  const periodReps = inputs?.periods.filter((p) => p.reps !== undefined).map((p) => p.reps as number) ?? [];
  let reps = periodReps.length ? periodReps[periodReps.length - 1] : inputs?.reps ?? NaN;
  let repsBasis: CapacityCheck["repsBasis"] = "input";
  if (!(reps > 0)) {
    reps = 0;
    for (let o = 0; o < perOwner.length; o++) if (perOwner[o] > 0) reps++;
    repsBasis = "owners of open deals";
  }
  if (reps === 0 && !(dealsPerRep > 0)) return null;
  const perRep = [];
  for (let o = 0; o < perOwner.length; o++) {
    if (perOwner[o] > 0) perRep.push({ rep: d.owner.labels[o], open: perOwner[o], overCapacity: dealsPerRep > 0 && perOwner[o] > dealsPerRep });
  }
  perRep.sort((a, b) => b.open - a.open || a.rep.localeCompare(b.rep));
  const openPerRep = ratio(openDeals, reps);
  return {
    reps,
    repsBasis,
    dealsPerRep,
    openDeals,
    openPerRep,
    overCapacity: dealsPerRep > 0 && openPerRep === openPerRep ? openPerRep > dealsPerRep : null,
    perRep,
  };
}

export function analyzeFunnel(ctx: AnalysisContext, placement: Placement): DataFunnel {
  const d = ctx.deals;
  const notes: string[] = [];
  const stages = stageFunnel(ctx, notes);
  const P = ctx.grid.labels.length;
  const wonP = new Float64Array(P);
  const lostP = new Float64Array(P);
  const wonRevenueP = new Float64Array(P);
  let won = 0;
  let lost = 0;
  let open = 0;
  let openValue = 0;
  let estimated = 0;
  let unpriced = 0;
  const ages = new Float64Array(d.count);
  let nAges = 0;
  for (let i = 0; i < d.count; i++) {
    const o = d.outcome[i];
    const p = ctx.closedP[i];
    if (o === OUTCOME_WON) {
      won++;
      if (p >= 0) {
        wonP[p]++;
        if (d.amount[i] === d.amount[i]) wonRevenueP[p] += d.amount[i];
      }
    } else if (o === OUTCOME_LOST) {
      lost++;
      if (p >= 0) lostP[p]++;
    } else {
      open++;
      const age = ctx.asOf - d.created[i];
      if (age >= 0) ages[nAges++] = age;
      const a = d.amount[i];
      if (a === a) openValue += a;
      else if (placement.price[i] === placement.price[i]) {
        openValue += placement.price[i];
        estimated++;
      } else unpriced++;
    }
  }
  if (estimated) notes.push(`${estimated} open deal(s) have no amount; their product's median won amount stands in for the pipeline value.`);
  if (unpriced) notes.push(`${unpriced} open deal(s) have no amount and no product price: left out of the pipeline value.`);

  // coverage: open pipeline value against the average won revenue of the recent complete periods
  const window = Math.max(1, Math.round(ctx.t.recentPeriods));
  let recent = 0;
  let k = 0;
  for (let p = ctx.lastComplete; p >= 0 && k < window; p--, k++) recent += wonRevenueP[p];
  const avgWon = k > 0 ? recent / k : NaN;
  const coverage = open > 0 || openValue > 0 ? ratio(openValue, avgWon) : NaN;
  const coverageNote =
    k > 0
      ? `Open pipeline value / average won revenue per ${ctx.grid.kind} over the last ${k} complete ${ctx.grid.kind}(s) (no quota given).`
      : "No complete period to compare the open pipeline with.";

  const winRateByPeriod: WinRatePeriod[] = ctx.grid.labels.map((period, p) => ({
    period,
    won: wonP[p],
    lost: lostP[p],
    winRate: ratio(wonP[p], wonP[p] + lostP[p]),
  }));

  return {
    definition: FUNNEL_DEFINITION,
    stages,
    total: d.count,
    won,
    lost,
    open,
    winRate: ratio(won, won + lost),
    medianWonCycleDays: ctx.medianWonCycle,
    wonCycleDeals: ctx.wonCycles.length,
    openValue: open > 0 ? openValue : 0,
    openValueEstimated: estimated > 0,
    coverage,
    coverageNote,
    medianOpenAgeDays: median(ages.subarray(0, nAges)),
    winRateByPeriod,
    volume: volumeCheck(ctx, wonP),
    offProfile: offProfile(ctx, placement),
    leadFunnel: leadFunnel(ctx),
    capacity: capacityCheck(ctx),
    notes,
  };
}
