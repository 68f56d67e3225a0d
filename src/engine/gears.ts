/**
 * Growth gears (METHODS §7; Saxby & Hayes): Insight -> Strategy -> Execution, each scored 1-5 by bands of a
 * share measured in the data; the bottleneck is the first gear, in order, below the line; overall = minimum.
 */
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import { DataFunnel, Gear, GearsAnalysis, SegmentAnalysis } from "./analysis";
import { AnalysisContext } from "./context";
import { Placement, SEGMENT_IDS } from "./segments";

/** 1 + whole bands of `width` in x, clipped to 1..5 (0-20% scores 1, ..., 80%+ scores 5 by default). */
export function bandScore(x: number, width: number): number {
  if (!Number.isFinite(x)) return NaN;
  return Math.max(1, Math.min(5, 1 + Math.floor(x / width + 1e-9)));
}

function insight(ctx: AnalysisContext): Gear {
  const d = ctx.deals;
  const gear: Gear = { gear: "Insight", score: NaN, metrics: [], note: "" };
  if (!ctx.has.lossReason && !ctx.has.competitor) {
    gear.note = "No win/loss reason column in the data. If the CRM records none, sales is not feeding back what it learns: score this gear 1.";
    return gear;
  }
  let closed = 0;
  let lost = 0;
  let closedWith = 0;
  let lostWith = 0;
  let wonWith = 0;
  const { outcome } = d;
  const reasons = d.lossReason.codes;
  const competitors = d.competitor.codes;
  for (let i = 0; i < d.count; i++) {
    const o = outcome[i];
    if (o === OUTCOME_OPEN) continue;
    const has = reasons[i] >= 0 || competitors[i] >= 0;
    closed++;
    if (has) closedWith++;
    if (o === OUTCOME_LOST) {
      lost++;
      if (has) lostWith++;
    } else if (o === OUTCOME_WON && has) wonWith++;
  }
  // when no won deal carries a reason, the CRM asks for one on losses only: judge losses
  const share = wonWith > 0 ? closedWith / closed : lostWith / lost;
  const basis = wonWith > 0 ? "closed deals" : "lost deals";
  gear.metrics.push({ name: `Share of ${basis} with a recorded reason`, value: share, format: "percent" });
  gear.score = bandScore(share, ctx.t.gearShareBand);
  gear.note = `Sales feeding back what it learns: ${basis} whose win/loss reason or competitor is recorded.`;
  return gear;
}

function strategy(ctx: AnalysisContext, placement: Placement, segments: SegmentAnalysis): Gear {
  const d = ctx.deals;
  const gear: Gear = { gear: "Strategy", score: NaN, metrics: [], note: "" };
  const targets = ctx.data.inputs?.targetSegments?.map((s) => s.trim().toLowerCase()).filter((s) => s) ?? [];
  // targets as masks over S1-S4 and over the segment column's labels, so the pass needs no callback
  const segTarget = new Uint8Array(4);
  let labelTarget = new Uint8Array(d.segment.labels.length);
  let basis: string;
  if (targets.length) {
    targets.forEach((s) => {
      if (/^s[1-4]$/.test(s)) segTarget[Number(s[1]) - 1] = 1;
    });
    labelTarget = Uint8Array.from(d.segment.labels, (l) => (targets.includes(l.trim().toLowerCase()) ? 1 : 0));
    basis = `targeted segments from the inputs (${targets.join(", ")})`;
  } else {
    // no targets given: the segment that wins most revenue is the de facto target
    let best = -1;
    segments.rows.forEach((r, s) => {
      if (r.wonRevenue > 0 && (best < 0 || r.wonRevenue > segments.rows[best].wonRevenue)) best = s;
    });
    if (best < 0) {
      gear.note = "No targeted segments given and no segment with won revenue: strategy focus cannot be measured.";
      return gear;
    }
    segTarget[best] = 1;
    basis = `no targets given: the segment with most won revenue (${SEGMENT_IDS[best]}) stands in`;
  }
  let open = 0;
  let openIn = 0;
  let allIn = 0;
  const all = d.count;
  const seg = placement.segment;
  const labels = d.segment.codes;
  const outcome = d.outcome;
  for (let i = 0; i < all; i++) {
    const sg = seg[i];
    const lb = labels[i];
    const t = (sg >= 0 && segTarget[sg] === 1) || (lb >= 0 && labelTarget[lb] === 1);
    if (t) allIn++;
    if (outcome[i] === OUTCOME_OPEN) {
      open++;
      if (t) openIn++;
    }
  }
  const share = open > 0 ? openIn / open : allIn / all;
  gear.metrics.push({ name: open > 0 ? "Share of open deals in targeted segments" : "Share of deals in targeted segments", value: share, format: "percent" });
  gear.score = bandScore(share, ctx.t.gearShareBand);
  gear.note = `Pipeline inside the segments the strategy targets; ${basis}.`;
  return gear;
}

function execution(ctx: AnalysisContext, funnel: DataFunnel): Gear {
  const gear: Gear = { gear: "Execution", score: NaN, metrics: [], note: "" };
  const scores: number[] = [];
  const leads = ctx.data.leads;
  if (leads && leads.count > 0) {
    let anyKind = false;
    for (let i = 0; i < leads.count; i++) if (leads.sourceKind[i] >= 0) anyKind = true;
    let n = 0;
    let opp = 0;
    for (let i = 0; i < leads.count; i++) {
      if (anyKind && leads.sourceKind[i] !== 0) continue;
      n++;
      if (leads.dealIndex[i] >= 0) opp++;
    }
    if (n > 0) {
      gear.metrics.push({ name: "Marketing leads reaching an opportunity", value: opp / n, format: "percent" });
      scores.push(bandScore(opp / n, ctx.t.gearShareBand));
    }
  }
  if (funnel.winRate === funnel.winRate) {
    gear.metrics.push({ name: "Win rate", value: funnel.winRate, format: "percent" });
    scores.push(bandScore((funnel.winRate / ctx.t.gearWinRateFull) * (5 * ctx.t.gearShareBand), ctx.t.gearShareBand));
  }
  gear.score = scores.length ? Math.min(...scores) : NaN;
  gear.note = scores.length
    ? `Marketing leads that become opportunities, and deals won (a win rate of ${Math.round(ctx.t.gearWinRateFull * 100)}% or more scores 5); the lower score counts.`
    : "No leads table and no closed deal: execution cannot be measured.";
  return gear;
}

export function analyzeGears(ctx: AnalysisContext, placement: Placement, segments: SegmentAnalysis, funnel: DataFunnel): GearsAnalysis {
  const gears = [insight(ctx), strategy(ctx, placement, segments), execution(ctx, funnel)];
  const line = ctx.t.gearBottleneckBelow;
  const bottleneck = gears.find((g) => g.score === g.score && g.score < line)?.gear ?? null;
  const scored = gears.filter((g) => g.score === g.score).map((g) => g.score);
  return { gears, bottleneck, overall: scored.length ? Math.min(...scored) : NaN };
}
