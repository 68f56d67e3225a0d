/**
 * The whole-pipeline analysis: one call from AnalysisInput to every METHODS §3-8 result (and §1 when the
 * inputs rate the product). Pure: "today" is the as-of date, by default the latest actual event in the data (never an expected close date).
 */
import type { AnalysisInput } from "../model/tables";
import { Analysis, CompassAnalysis } from "./analysis";
import { analyzeAcquisition } from "./acquisition";
import { placeCompass } from "./compass";
import { buildContext } from "./context";
import { analyzeFunnel } from "./datafunnel";
import { isGtmError } from "./errors";
import { analyzeGears } from "./gears";
import { analyzeLevers, wonByPeriod } from "./levers";
import { PeriodKind } from "../model/calendar";
import { analyzeSegments, placeDeals } from "./segments";
import { resolveThresholds, Thresholds } from "../model/thresholds";
import { analyzeTimeBombs } from "./timebombs";
import { analyzeHistory } from "./history";
import { analyzeVelocity } from "./velocity";

export interface AnalyzeOptions {
  period?: PeriodKind;
  /** Threshold overrides by name (on top of the inputs sheet's; these win). */
  thresholds?: Record<string, number>;
  /** Excel serial of "today"; default = the latest actual event in the data (the engine reads no clock). */
  asOf?: number;
}

export function analyze(data: AnalysisInput, options: AnalyzeOptions = {}): Analysis {
  const t = resolveThresholds({ ...(data.inputs?.thresholds ?? {}), ...(options.thresholds ?? {}) });
  const ctx = buildContext(data, t, { period: options.period, asOf: options.asOf });
  const notes: string[] = [];
  if (ctx.grid.labels.length === 0) notes.push("No usable date in the data: period analyses (levers, trends) are empty.");
  if (ctx.createdOutside > 0) notes.push(`${ctx.createdOutside} deal(s) were created after the as-of date; they count in totals but in no period.`);

  const levers = analyzeLevers(ctx, wonByPeriod(ctx));
  const placement = placeDeals(ctx);
  const segments = analyzeSegments(ctx, placement);
  const funnel = analyzeFunnel(ctx, placement);
  const cac = analyzeAcquisition(ctx, levers);
  const timeBombs = analyzeTimeBombs(ctx, cac, funnel.capacity);
  const gears = analyzeGears(ctx, placement, segments, funnel);
  const compass = compassFor(data, t, notes);

  return {
    period: {
      kind: ctx.grid.kind,
      chosenBy: ctx.choice.chosenBy,
      reason: ctx.choice.reason,
      labels: ctx.grid.labels,
      complete: ctx.grid.complete,
      asOf: ctx.asOf,
    },
    thresholds: t,
    levers,
    timeBombs,
    funnel,
    segments,
    gears,
    cac,
    compass,
    history: analyzeHistory(ctx),
    velocity: analyzeVelocity(ctx),
    notes,
  };
}

/** Leslie's Compass and the identity-crisis check, when the inputs rate the product. */
function compassFor(data: AnalysisInput, t: Thresholds, notes: string[]): CompassAnalysis | null {
  const inputs = data.inputs;
  const ratings = inputs?.compassRatings;
  if (!inputs || !ratings || !ratings.some((r) => Number.isFinite(r))) return null;
  let actual = inputs.actualSalesShare;
  let basis = actual !== undefined ? "given on the inputs sheet" : "";
  if (actual === undefined) {
    let m = 0;
    let s = 0;
    for (const p of inputs.periods) {
      m += p.marketingSpend ?? 0;
      s += p.salesSpend ?? 0;
    }
    if (m + s > 0) {
      actual = s / (m + s);
      basis = "sales spend / (marketing + sales spend) over the periods on the inputs sheet";
    }
  }
  try {
    const r = placeCompass(
      ratings.map((x) => (Number.isFinite(x) ? x : null)),
      { weights: inputs.compassWeights?.map((w) => (Number.isFinite(w) ? w : null)), actualSalesShare: actual ?? null, thresholds: t },
    );
    return {
      salesIntensity: r.salesIntensity,
      position: r.position,
      lead: r.lead,
      salesModel: r.salesModel,
      agreement: r.agreement,
      recommendedSalesShare: r.recommendedSalesShare,
      notes: r.note ? [r.note] : [],
      actualSalesShare: actual ?? NaN,
      actualShareBasis: basis || "no actual sales share and no spend given",
      identityCrisis: r.identity ?? "NO DATA",
      ratings: ratings.slice(),
    };
  } catch (e) {
    if (!isGtmError(e)) throw e;
    notes.push(`Leslie's Compass not placed: ${e.message}`);
    return null;
  }
}
