/**
 * Every threshold and default the analyses use, in one place. Callers override any of them by name
 * (custom-function arguments, the inputs sheet, CLI options); METHODS.md says where each comes from.
 */

interface ThresholdInfo {
  value: number;
  description: string;
  /** Who states it; "ours" = a documented, adjustable operationalization. */
  source: string;
}

const info = <T extends Record<string, ThresholdInfo>>(t: T): T => t;

export const THRESHOLD_INFO = info({
  // Leslie's Compass (METHODS §1)
  compassMarketingLedBelow: { value: 0.4, description: "Position below this is Marketing-led", source: "ours, on Leslie (2017)" },
  compassSalesLedAbove: { value: 0.6, description: "Position above this is Sales-led", source: "ours, on Leslie (2017)" },
  compassMinRated: { value: 3, description: "Fewest rated factors for a placement", source: "ours" },
  compassSplitBelow: { value: 0.5, description: "Agreement below this adds the note 'split signals'", source: "ours" },
  compassSalesShareBase: { value: 0.15, description: "Recommended sales share of spend at the marketing pole", source: "ours" },
  compassSalesShareSlope: { value: 0.7, description: "Added sales share from the marketing to the sales pole", source: "ours" },
  compassIdentityGap: { value: 0.2, description: "Actual vs recommended sales share gap that flags an identity crisis", source: "ours" },
  compassSelfServeBelow: { value: 0.2, description: "Position below this suits self-serve / e-commerce", source: "ours" },
  compassFieldSalesAbove: { value: 0.8, description: "Position above this suits direct field sales", source: "ours" },
  // CAC (METHODS §3)
  paybackHealthyMonths: { value: 12, description: "CAC payback at or under this many months is HEALTHY", source: "Skok (< 12 months)" },
  paybackWatchMonths: { value: 18, description: "CAC payback at or under this many months is WATCH; above, TIME BOMB", source: "Bessemer cloud law #6 (SMB 6-18)" },
  ltvCacHealthy: { value: 3, description: "LTV:CAC at or above this is HEALTHY", source: "Skok (> 3)" },
  ltvCacWatch: { value: 1, description: "LTV:CAC at or above this is WATCH; below, TIME BOMB", source: "ours" },
  magicNumberInvest: { value: 0.75, description: "Magic number above this: invest in growth", source: "industry convention" },
  magicNumberFix: { value: 0.5, description: "Magic number below this: fix go-to-market efficiency", source: "industry convention" },
  burnMultipleAmazing: { value: 1, description: "Burn multiple below this is amazing", source: "Sacks (2020)" },
  burnMultipleGreat: { value: 1.5, description: "Burn multiple at or below this (and not amazing) is great", source: "Sacks (2020)" },
  burnMultipleGood: { value: 2, description: "Burn multiple at or below this (and not great) is good; above, suspect", source: "Sacks (2020)" },
  burnMultipleBad: { value: 3, description: "Burn multiple above this is bad", source: "Sacks (2020)" },
  cacRisingPeriods: { value: 3, description: "CAC rising this many periods running is WATCH", source: "ours" },
  // Time bomb 2: the sales team (Leslie & Holloway 2006)
  repsBelowBreakevenShare: { value: 1 / 3, description: "Share of reps below breakeven above which the team is a TIME BOMB", source: "ours, on Leslie & Holloway (2006)" },
  winRateDropWatch: { value: 0.1, description: "Relative fall in team win rate across the last two periods that is WATCH", source: "ours" },
  repYieldFractionOfMedian: { value: 0.5, description: "Without rep cost: a rep below this fraction of the median rep's yield is below breakeven", source: "ours" },
  // Time bomb 3: channel partners
  partnerRevenueDropBomb: { value: 0.2, description: "Partner-sourced won revenue falling more than this is a TIME BOMB", source: "ours" },
  partnerRevenueDropWatch: { value: 0.1, description: "Partner-sourced won revenue falling more than this is WATCH", source: "ours" },
  partnersLostShareBomb: { value: 0.25, description: "Share of previously active partners now inactive that is a TIME BOMB", source: "ours" },
  // Time bomb 4: cost of goods (Bessemer: cloud gross margin averages 65-70%)
  grossMarginBomb: { value: 0.5, description: "Gross margin below this is a TIME BOMB", source: "ours, on Bessemer" },
  grossMarginWatch: { value: 0.65, description: "Gross margin below this is WATCH", source: "Bessemer" },
  // Time bomb 5: products a generation behind
  competitiveLossBomb: { value: 0.4, description: "Share of losses to a competitor or product gap (and rising) that is a TIME BOMB", source: "ours" },
  competitiveLossWatch: { value: 0.25, description: "Share of losses to a competitor or product gap that is WATCH", source: "ours" },
  // Time bomb 6: the clogged funnel (seed 004)
  clogAgeMultiple: { value: 2, description: "Median open-deal age above this multiple of the median won cycle is a clog", source: "ours" },
  // Funnel (METHODS §2, §8)
  overflowConversion: { value: 0, description: "Fraction of the normal conversion that unworked overflow still achieves", source: "ours, on Oldroyd et al. (2011)" },
  elasticityClogged: { value: 0.5, description: "Lead-to-win elasticity below this while leads grew means the funnel is clogged", source: "ours" },
  // Sweet spot (METHODS §6)
  segmentPresence: { value: 0.15, description: "A segment share at or above this counts as present (tau)", source: "ours" },
  segmentPriceThreshold: { value: 0, description: "Deal price above this is high price; 0 = the median won amount", source: "METHODS §6 default" },
  // Whole-pipeline analysis windows
  recentPeriods: { value: 4, description: "Complete periods averaged for rep yield and pipeline coverage", source: "ours" },
  // Growth gears (METHODS §7)
  gearBottleneckBelow: { value: 3, description: "A gear scoring below this is a bottleneck", source: "ours" },
  gearShareBand: { value: 0.2, description: "Width of each 1-5 score band for a gear's share (0-20% scores 1, 80%+ scores 5)", source: "ours" },
  gearWinRateFull: { value: 0.5, description: "Win rate that earns the Execution gear a full 5 (bands scale to it)", source: "ours" },
});

export type ThresholdName = keyof typeof THRESHOLD_INFO;
export type Thresholds = Record<ThresholdName, number>;

export const THRESHOLD_NAMES = Object.keys(THRESHOLD_INFO) as ThresholdName[];

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze(
  Object.fromEntries(THRESHOLD_NAMES.map((k) => [k, THRESHOLD_INFO[k].value])) as Thresholds,
);

/** Thrown for an override that names no threshold or is not a finite number. */
export class ThresholdError extends Error {}

/** The defaults with the caller's overrides applied; names are matched case-insensitively. */
export function resolveThresholds(overrides?: Partial<Record<string, number>>): Thresholds {
  const out: Thresholds = { ...DEFAULT_THRESHOLDS };
  if (!overrides) return out;
  const byLower = new Map(THRESHOLD_NAMES.map((k) => [k.toLowerCase(), k]));
  for (const [rawName, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const name = byLower.get(rawName.trim().toLowerCase());
    if (!name) {
      throw new ThresholdError(`Unknown threshold "${rawName}". Known thresholds: ${THRESHOLD_NAMES.join(", ")}.`);
    }
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new ThresholdError(`Threshold "${name}" must be a finite number, got ${String(value)}.`);
    }
    out[name] = value;
  }
  return out;
}
