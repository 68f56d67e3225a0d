/**
 * Leslie's Compass (METHODS.md §1): place a product between "bought" (marketing pole) and "sold" (sales pole)
 * from seven factor ratings, and say which function should lead and how to split go-to-market spend.
 */
import { DEFAULT_THRESHOLDS, Thresholds } from "../model/thresholds";
import { GtmError, invalid, unavailable } from "./errors";

/** The seven factors in METHODS order; a ratings array is indexed by this order. */
export const COMPASS_FACTORS = [
  "price",
  "market size",
  "complexity",
  "fit & finish",
  "customer",
  "relationship",
  "touch",
] as const;

export const COMPASS_FACTOR_COUNT = COMPASS_FACTORS.length;

export type CompassLead = "Marketing-led" | "Sales-led" | "Danger zone";

export const SALES_MODELS = {
  selfServe: "Self-serve / e-commerce (retail for physical consumer goods)",
  inside: "Inside sales / telesales fed by marketing",
  none: "None until a lead is chosen",
  insideChannel: "Inside sales with channel partners",
  field: "Direct field sales",
} as const;

export type SalesModel = (typeof SALES_MODELS)[keyof typeof SALES_MODELS];

export type IdentityVerdict = "Over-invested in sales" | "Over-invested in marketing" | "Aligned";

export interface CompassResult {
  /** Weighted mean of (rating - 1) / 4 over the rated factors: 0 = marketing pole, 1 = sales pole. */
  position: number;
  /** position x 100. */
  salesIntensity: number;
  lead: CompassLead;
  /** Recommended sales share of go-to-market spend; marketing gets the rest. */
  recommendedSalesShare: number;
  recommendedMarketingShare: number;
  salesModel: SalesModel;
  /** 1 - 2 x (weighted population standard deviation of the normalized ratings), clipped to [0, 1]. */
  agreement: number;
  splitSignals: boolean;
  /** With split signals: the factors on the other side of the midpoint from the position (shared, read-only). */
  pullingOtherWay: readonly string[];
  /** "split signals: ..." or "" */
  note: string;
  ratedFactors: number;
  /** Present when the actual sales share was given. */
  actualSalesShare: number | null;
  identity: IdentityVerdict | null;
}

export interface CompassOptions {
  /** One weight per factor (>= 0); null/undefined = 1. */
  weights?: ReadonlyArray<number | null | undefined>;
  /** Actual sales share of spend or headcount, 0..1. */
  actualSalesShare?: number | null;
  thresholds?: Thresholds;
}

// Every possible "pulling the other way" list and note, built once: 100,000 products then share 256 strings.
const NONE: readonly string[] = Object.freeze([]);
const PULLING: readonly (readonly string[])[] = Array.from({ length: 1 << COMPASS_FACTOR_COUNT }, (_, mask) =>
  Object.freeze(COMPASS_FACTORS.filter((_f, i) => mask & (1 << i))),
);
const noteFor = (pole: string) =>
  PULLING.map((names) => `split signals: ${names.length ? names.join(", ") : "no factor"} pull${names.length === 1 ? "s" : ""} toward the ${pole} pole`);
const NOTE_TOWARD_MARKETING = noteFor("marketing");
const NOTE_TOWARD_SALES = noteFor("sales");

/** The danger-zone note: no lead, so both sides' factors are named. */
const DANGER_NOTES = new Map<number, string>();
function dangerNote(towardSales: number, towardMarketing: number): string {
  const key = (towardSales << COMPASS_FACTOR_COUNT) | towardMarketing;
  let note = DANGER_NOTES.get(key);
  if (note === undefined) {
    const side = (mask: number, pole: string): string | null => {
      const names = PULLING[mask];
      return names.length ? `${names.join(", ")} pull${names.length === 1 ? "s" : ""} toward the ${pole} pole` : null;
    };
    const parts = [side(towardSales, "sales"), side(towardMarketing, "marketing")].filter((p): p is string => p !== null);
    note = `split signals, no lead: ${parts.length ? parts.join("; ") : "no factor leans either way"}`;
    DANGER_NOTES.set(key, note);
  }
  return note;
}

/** Rounds away binary noise so a position of exactly 0.6 compares as 0.6. */
const clean = (x: number): number => Math.round(x * 1e12) / 1e12;

/**
 * Places one product. ratings: seven entries in COMPASS_FACTORS order, each 1..5 or null/undefined (not rated).
 * Throws GtmError: #VALUE! for a bad rating/weight/share, #N/A when fewer than the minimum factors are rated.
 */
export function placeCompass(
  ratings: ReadonlyArray<number | null | undefined>,
  opts: CompassOptions = {},
): CompassResult {
  const t = opts.thresholds ?? DEFAULT_THRESHOLDS;
  if (ratings.length !== COMPASS_FACTOR_COUNT) {
    throw invalid(`Leslie's Compass needs ${COMPASS_FACTOR_COUNT} ratings (${COMPASS_FACTORS.join(", ")}); got ${ratings.length}.`);
  }
  const weights = opts.weights;
  if (weights && weights.length !== COMPASS_FACTOR_COUNT) {
    throw invalid(`weights need ${COMPASS_FACTOR_COUNT} values, one per factor; got ${weights.length}.`);
  }
  let rated = 0;
  let wSum = 0;
  let wx = 0;
  for (let i = 0; i < COMPASS_FACTOR_COUNT; i++) {
    const r = ratings[i];
    if (r === null || r === undefined) continue;
    if (typeof r !== "number" || !Number.isFinite(r) || r < 1 || r > 5) {
      throw invalid(`The ${COMPASS_FACTORS[i]} rating must be a number from 1 to 5 (or blank); got ${String(r)}.`);
    }
    const w = weightAt(weights, i);
    if (w === 0) continue; // a factor weighted 0 is not rated: it moves nothing and is named in no note
    rated++;
    wSum += w;
    wx += w * ((r - 1) / 4);
  }
  if (!Number.isFinite(wSum)) {
    throw new GtmError("#NUM!", "The weights add up to more than Excel can hold (about 1.8E+308); use smaller weights (only their proportions matter).");
  }
  if (rated < t.compassMinRated) {
    throw unavailable(
      `Only ${rated} of ${COMPASS_FACTOR_COUNT} factors are rated with a weight above 0; rate at least ${t.compassMinRated} (1-5, weight above 0) to place the product.`,
    );
  }

  const position = clean(wx / wSum);
  let varSum = 0;
  for (let i = 0; i < COMPASS_FACTOR_COUNT; i++) {
    const r = ratings[i];
    if (r === null || r === undefined) continue;
    const d = (r - 1) / 4 - position;
    varSum += weightAt(weights, i) * d * d;
  }
  if (!Number.isFinite(varSum)) {
    throw new GtmError("#NUM!", "The weights are too large to compute the agreement (beyond about 1.8E+308); use smaller weights (only their proportions matter).");
  }
  const agreement = clean(Math.min(1, Math.max(0, 1 - 2 * Math.sqrt(varSum / wSum))));

  const lead: CompassLead =
    position < t.compassMarketingLedBelow ? "Marketing-led" : position > t.compassSalesLedAbove ? "Sales-led" : "Danger zone";
  const salesModel = modelFor(position, t);
  const recommendedSalesShare = clean(t.compassSalesShareBase + t.compassSalesShareSlope * position);

  const splitSignals = agreement < t.compassSplitBelow;
  // The "other way" is the opposite side of the midpoint from where the product sits; in the danger zone
  // there is no lead to pull against, so the note names the factors on both sides. Bit masks of factors.
  const danger = lead === "Danger zone";
  const salesSide = position >= 0.5;
  let towardMarketing = 0;
  let towardSales = 0;
  if (splitSignals) {
    for (let i = 0; i < COMPASS_FACTOR_COUNT; i++) {
      const r = ratings[i];
      if (r === null || r === undefined || weightAt(weights, i) === 0) continue;
      const n = (r - 1) / 4;
      if (n < 0.5) towardMarketing |= 1 << i;
      else if (n > 0.5) towardSales |= 1 << i;
    }
  }
  let pullingOtherWay: readonly string[] = NONE;
  let note = "";
  if (splitSignals) {
    if (danger) {
      pullingOtherWay = PULLING[towardMarketing | towardSales];
      note = dangerNote(towardSales, towardMarketing);
    } else {
      const mask = salesSide ? towardMarketing : towardSales;
      pullingOtherWay = PULLING[mask];
      note = (salesSide ? NOTE_TOWARD_MARKETING : NOTE_TOWARD_SALES)[mask];
    }
  }

  const actual = opts.actualSalesShare;
  let identity: IdentityVerdict | null = null;
  if (actual !== null && actual !== undefined) {
    if (typeof actual !== "number" || !Number.isFinite(actual) || actual < 0 || actual > 1) {
      throw invalid(`The actual sales share must be a fraction from 0 to 1 (e.g. 0.4 for 40%); got ${String(actual)}.`);
    }
    const gap = clean(actual - recommendedSalesShare);
    identity = gap > t.compassIdentityGap ? "Over-invested in sales" : gap < -t.compassIdentityGap ? "Over-invested in marketing" : "Aligned";
  }

  return {
    position,
    salesIntensity: clean(position * 100),
    lead,
    recommendedSalesShare,
    recommendedMarketingShare: clean(1 - recommendedSalesShare),
    salesModel,
    agreement,
    splitSignals,
    pullingOtherWay,
    note,
    ratedFactors: rated,
    actualSalesShare: actual ?? null,
    identity,
  };
}

function weightAt(weights: ReadonlyArray<number | null | undefined> | undefined, i: number): number {
  const w = weights ? weights[i] : undefined;
  if (w === null || w === undefined) return 1;
  if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
    throw invalid(`The ${COMPASS_FACTORS[i]} weight must be a number 0 or above (or blank for 1); got ${String(w)}.`);
  }
  return w;
}

/** The sales model band for a position (METHODS §1), aligned with the lead bands. */
export function modelFor(position: number, t: Thresholds = DEFAULT_THRESHOLDS): SalesModel {
  if (position < t.compassSelfServeBelow) return SALES_MODELS.selfServe;
  if (position < t.compassMarketingLedBelow) return SALES_MODELS.inside;
  if (position <= t.compassSalesLedAbove) return SALES_MODELS.none;
  if (position <= t.compassFieldSalesAbove) return SALES_MODELS.insideChannel;
  return SALES_MODELS.field;
}
