/**
 * The funnel in the data (METHODS §8): stage conversion in stage order, win rate, median won cycle,
 * pipeline coverage, volume in vs wins one median cycle later, off-profile deals against the core, the
 * lead-to-won funnel by origin, and open deals per rep against capacity.
 */
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
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
import { DAYS_PER_PERIOD } from "../model/calendar";
import { Placement, SEGMENT_IDS } from "./segments";
import { correlation, medianOwned, ratio, slope } from "../model/stats";

export const FUNNEL_DEFINITION =
  "Created cohort, furthest stage reached: every deal in the data counts once, at each stage up to the one it " +
  "is in now; won deals passed every stage; lost deals count as entering the first stage only, because the " +
  "data does not say where they were lost.";

/** The definition when a lost deal's created date shows it reached a later stage (see datedStage). */
function definitionWithDatedStage(stage: string, first: string): string {
  return (
    "Created cohort, furthest stage reached: every deal in the data counts once, at each stage up to the one it " +
    `is in now; won deals passed every stage; a lost deal counts up to the furthest stage its own dates show: ${stage} ` +
    `when it has a created date (open deals at ${first} have none, open deals from ${stage} on have one), else ${first}.`
  );
}

/** A stage's open deals carry a created date this often or more: the date marks reaching that stage. */
const DATED_SHARE = 0.5;

/**
 * The first stage whose open deals carry a created date, when the first stage's open deals mostly do not
 * (an "engage date" filled on engaging): a lost deal with that date reached it. 0 when the first stage's
 * deals carry the date too (a plain creation date says nothing about stages) or nothing can be told.
 */
function datedStage(ctx: AnalysisContext, labelPos: Int32Array, stages: number): number {
  if (stages < 2) return 0;
  const withDate = new Float64Array(stages);
  const all = new Float64Array(stages);
  const { outcome, created } = ctx.deals;
  const codes = ctx.deals.stage.codes;
  for (let i = 0; i < ctx.deals.count; i++) {
    if (outcome[i] !== OUTCOME_OPEN || codes[i] < 0) continue;
    const s = labelPos[codes[i]];
    if (s < 0) continue;
    all[s]++;
    if (created[i] === created[i]) withDate[s]++;
  }
  if (!(all[0] > 0) || withDate[0] / all[0] >= DATED_SHARE) return 0;
  for (let s = 1; s < stages; s++) if (all[s] > 0 && withDate[s] / all[s] >= DATED_SHARE) return s;
  return 0;
}

/** Won and lost value over deals with a positive amount, and the win rate by amount when it can be told. */
function winRateByAmount(ctx: AnalysisContext): { rate: number; won: number; lost: number; note: string } {
  const { outcome, amount } = ctx.deals;
  let won = 0;
  let lost = 0;
  let nWon = 0;
  let nLost = 0;
  let wonWith = 0;
  let lostWith = 0;
  for (let i = 0; i < ctx.deals.count; i++) {
    const o = outcome[i];
    const a = amount[i];
    if (o === OUTCOME_WON) {
      nWon++;
      if (a > 0) {
        won += a;
        wonWith++;
      }
    } else if (o === OUTCOME_LOST) {
      nLost++;
      if (a > 0) {
        lost += a;
        lostWith++;
      }
    }
  }
  const count = (n: number, what: string) => `${n.toLocaleString("en-US")} ${what}${n === 1 ? "" : "s"}`;
  if (nWon + nLost === 0) return { rate: NaN, won, lost, note: "not known: no closed deal" };
  if (wonWith === 0 && lostWith === 0) return { rate: NaN, won, lost, note: "not known: no closed deal has an amount" };
  // CRMs write 0 (or nothing) on lost deals: a lost value of 0 would make every win rate by amount 100%
  if (nLost > 0 && lostWith < DATED_SHARE * nLost) {
    return { rate: NaN, won, lost, note: `not known: only ${lostWith.toLocaleString("en-US")} of ${count(nLost, "lost deal")} carry an amount (the export writes 0 or nothing on lost deals)` };
  }
  if (nWon > 0 && wonWith < DATED_SHARE * nWon) {
    return { rate: NaN, won, lost, note: `not known: only ${wonWith.toLocaleString("en-US")} of ${count(nWon, "won deal")} carry an amount` };
  }
  const over = wonWith + lostWith;
  const note = `won value / (won + lost value) over the ${count(over, "closed deal")} with an amount${over < nWon + nLost ? ` (of ${(nWon + nLost).toLocaleString("en-US")})` : ""}`;
  return { rate: won / (won + lost), won, lost, note };
}

/** Stage order for the funnel: the user's or the inferred one, else a single "Open" stage. */
function stageOrder(ctx: AnalysisContext): string[] {
  return ctx.data.stageOrder.length ? ctx.data.stageOrder.slice() : ["Open"];
}

/** Position in the stage order of each stage label (-1 = not in the order). */
function labelPositions(ctx: AnalysisContext, order: string[]): Int32Array {
  const pos = new Map(order.map((s, i) => [s.trim().toLowerCase(), i]));
  return Int32Array.from(ctx.deals.stage.labels, (l) => pos.get(l.trim().toLowerCase()) ?? -1);
}

/** Open stages in order, then "Won": reached(s) = open deals at stage s or beyond, won deals, and lost deals up to the stage they reached. */
function stageFunnel(order: string[], atStage: Float64Array, won: number, lostAt: Float64Array): FunnelStage[] {
  const reached: number[] = [];
  let beyond = won;
  for (let s = order.length - 1; s >= 0; s--) {
    beyond += atStage[s] + lostAt[s];
    reached[s] = beyond;
  }
  const stages: FunnelStage[] = order.map((stage, s) => ({ stage, reached: reached[s], conversionToNext: NaN }));
  stages.push({ stage: "Won", reached: won, conversionToNext: NaN });
  for (let s = 0; s + 1 < stages.length; s++) stages[s].conversionToNext = ratio(stages[s + 1].reached, stages[s].reached);
  return stages;
}

/** The segment with most won revenue is the core; everything placed elsewhere is off-profile. One pass each. */
function offProfile(ctx: AnalysisContext, placement: Placement): OffProfile | null {
  const d = ctx.deals;
  const n = d.count;
  const useColumn = ctx.has.segment;
  const codes: Int32Array | Int8Array = useColumn ? d.segment.codes : placement.segment;
  const groups = useColumn ? d.segment.labels.length : 4;
  const { outcome, amount } = d;
  // branch-free passes (outcomes are too irregular to predict): slot 0 takes the rows that do not count
  const revenueS = new Float64Array(groups + 1);
  for (let i = 0; i < n; i++) {
    const a = amount[i];
    revenueS[(+(outcome[i] === OUTCOME_WON) & +(a === a)) * (codes[i] + 1)] += a;
  }
  const revenue = revenueS.subarray(1);
  let core = -1;
  for (let g = 0; g < groups; g++) if (revenue[g] > 0 && (core < 0 || revenue[g] > revenue[core])) core = g;
  if (core < 0) return null;
  // slots 1-3: deals, won, lost in the core; 4-6: the same off-profile
  const stats = new Float64Array(7);
  // one buffer: core cycles fill it from the front, off-profile cycles from the back
  const buf = ctx.scratch;
  let front = 0;
  let back = n - 1;
  const cycle = ctx.cycle;
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    const placed = +(g >= 0);
    const off = +(g !== core);
    const base = 1 + 3 * off;
    const o = outcome[i];
    const won = +(o === OUTCOME_WON);
    stats[placed * base]++;
    stats[(placed & won) * (base + 1)]++;
    stats[(placed & +(o === OUTCOME_LOST)) * (base + 2)]++;
    const c = cycle[i];
    const keep = placed & won & +(c === c);
    buf[front] = c;
    front += keep & (off ^ 1);
    buf[back] = c;
    back -= keep & off;
  }
  const nc = [front, n - 1 - back];
  const profile = (k: number): ProfileStats => ({
    deals: stats[1 + 3 * k],
    won: stats[2 + 3 * k],
    lost: stats[3 + 3 * k],
    winRate: ratio(stats[2 + 3 * k], stats[2 + 3 * k] + stats[3 + 3 * k]),
    medianWonCycleDays: medianOwned(k === 0 ? buf.subarray(0, nc[0]) : buf.subarray(n - nc[1], n)),
  });
  return {
    basis: useColumn ? "segment column" : "sweet-spot segment",
    coreSegment: useColumn ? d.segment.labels[core] : SEGMENT_IDS[core],
    core: profile(0),
    offProfile: profile(1),
  };
}

function volumeCheck(ctx: AnalysisContext, winsPerPeriod: Float64Array, createdPerPeriod: Float64Array): VolumeCheck | null {
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
    volume.set(createdPerPeriod);
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
function capacityCheck(ctx: AnalysisContext, openDeals: number, perOwner: Float64Array): CapacityCheck | null {
  const d = ctx.deals;
  const inputs = ctx.data.inputs;
  const dealsPerRep = inputs?.dealsPerRep ?? NaN;
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
  const n = d.count;
  const notes: string[] = [];
  const P = ctx.grid.labels.length;
  const P1 = P + 1;
  const order = stageOrder(ctx);
  const labelPos = labelPositions(ctx, order);
  // lookups indexed by stage code + 1 (code -1 = blank): the stage slot (1-based, unknown -> first stage)
  const stageSlot = new Int32Array(labelPos.length + 1).fill(1);
  const stageOff = new Int32Array(labelPos.length + 1).fill(1);
  labelPos.forEach((pos, c) => {
    stageSlot[c + 1] = (pos >= 0 ? pos : 0) + 1;
    stageOff[c + 1] = pos >= 0 ? 0 : 1;
  });
  // accumulators whose slot 0 is scratch: each row adds to its slot, or to slot 0 when it does not count
  const byOutcomePeriod = new Float64Array(3 * P1);
  const wonRevenueSlots = new Float64Array(P1);
  const createdSlots = new Float64Array(P1);
  const stageSlots = new Float64Array(order.length + 1);
  const ownerSlots = new Float64Array(d.owner.labels.length + 1);
  const value = new Float64Array(2);
  const estimatedValue = new Float64Array(2);
  const outcomes = new Float64Array(3);
  const { outcome, amount } = d;
  const stageCodes = d.stage.codes;
  const ownerCodes = d.owner.codes;
  const closedP = ctx.closedP;
  const createdP = ctx.createdP;
  const price = placement.price;
  let estimated = 0;
  let unpriced = 0;
  let offOrder = 0;
  // one fused, branch-free pass (outcomes are too irregular to predict): outcomes per period, won
  // revenue, volume in, open deals per stage and per rep, and the open pipeline value
  for (let i = 0; i < n; i++) {
    const o = outcome[i];
    const p = closedP[i];
    const a = amount[i];
    outcomes[o]++;
    byOutcomePeriod[o * P1 + p + 1]++;
    createdSlots[createdP[i] + 1]++;
    wonRevenueSlots[(+(o === OUTCOME_WON) & +(a === a)) * (p + 1)] += a;
    const isOpen = +(o === OUTCOME_OPEN);
    const sc = stageCodes[i] + 1;
    stageSlots[isOpen * stageSlot[sc]]++;
    offOrder += isOpen & stageOff[sc];
    ownerSlots[isOpen * (ownerCodes[i] + 1)]++;
    const hasAmount = +(a === a);
    const pr = price[i];
    const noAmount = isOpen & (hasAmount ^ 1);
    const hasPrice = +(pr === pr);
    value[isOpen & hasAmount] += a;
    estimatedValue[noAmount & hasPrice] += pr;
    estimated += noAmount & hasPrice;
    unpriced += noAmount & (hasPrice ^ 1);
  }
  const won = outcomes[OUTCOME_WON];
  const lost = outcomes[OUTCOME_LOST];
  // lost deals: at the first stage, or at the stage their created date shows they reached
  const dated = datedStage(ctx, labelPos, order.length);
  const lostAt = new Float64Array(order.length);
  if (dated > 0) {
    const created = d.created;
    for (let i = 0; i < n; i++) if (outcome[i] === OUTCOME_LOST) lostAt[created[i] === created[i] ? dated : 0]++;
    const k = (x: number) => `${x.toLocaleString("en-US")} lost deal${x === 1 ? "" : "s"}`;
    notes.push(`${k(lostAt[dated])} with a created date count as having reached ${order[dated]}; ${k(lostAt[0])} without one count at ${order[0]} only.`);
  } else if (order.length) {
    lostAt[0] = lost;
  }
  const byAmount = winRateByAmount(ctx);
  const open = n - won - lost;
  const wonP = byOutcomePeriod.slice(OUTCOME_WON * P1 + 1, OUTCOME_WON * P1 + P1);
  const lostP = byOutcomePeriod.slice(OUTCOME_LOST * P1 + 1, OUTCOME_LOST * P1 + P1);
  const wonRevenueP = wonRevenueSlots.subarray(1);
  const createdPerPeriod = createdSlots.subarray(1);
  const atStage = stageSlots.subarray(1);
  const openPerOwner = ownerSlots.subarray(1);
  // with no amount anywhere the pipeline's value is not known (a sum of nothing is not a value of 0)
  const openValue = ctx.has.amount || ctx.has.price ? value[1] + estimatedValue[1] : NaN;
  if (offOrder > 0 && ctx.data.stageOrder.length > 0) notes.push(`${offOrder} open deal(s) sit at a stage outside the stage order and count at the first stage.`);
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
    definition: dated > 0 ? definitionWithDatedStage(order[dated], order[0]) : FUNNEL_DEFINITION,
    stages: stageFunnel(order, atStage, won, lostAt),
    total: d.count,
    won,
    lost,
    open,
    winRate: ratio(won, won + lost),
    winRateByAmount: byAmount.rate,
    winRateByAmountNote: byAmount.note,
    wonValue: byAmount.won,
    lostValue: byAmount.lost,
    medianWonCycleDays: ctx.medianWonCycle,
    wonCycleDeals: ctx.wonCycleCount,
    openValue: open > 0 ? openValue : openValue === openValue ? 0 : NaN,
    openValueEstimated: estimated > 0,
    coverage,
    coverageNote,
    medianOpenAgeDays: ctx.medianOpenAge,
    winRateByPeriod,
    volume: volumeCheck(ctx, wonP, createdPerPeriod),
    offProfile: offProfile(ctx, placement),
    leadFunnel: leadFunnel(ctx),
    capacity: capacityCheck(ctx, open, openPerOwner),
    notes,
  };
}
