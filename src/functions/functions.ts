/**
 * The GTM custom functions Excel calls. Thin wrappers: the JSDoc below is the metadata (functions.json) Excel
 * shows in autocomplete and the Function Arguments dialog; the work happens in the host-free core.
 * Ids are stored in workbooks: never rename one. Excel refuses to load an add-in whose function has a
 * required parameter after an optional one (office-js issue 1749), so optional parameters always come last.
 * Each @helpurl points at the function's section of the help page published with the add-in (docs/functions.md).
 */
import {
  burnMultipleGrid,
  cacFlagGrid,
  capacityNeededGrid,
  funnelYieldGrid,
  gtmCompassGrid,
  leadsNeededGrid,
  magicNumberGrid,
  rateNeededGrid,
} from "./core";
import { forExcel } from "./excel-errors";

/**
 * Which GTM_COMPASS result to return.
 * @customenum {string}
 */
export enum CompassFieldChoice {
  /** The whole row of seven results (default) */
  all = "all",
  /** Marketing-led, Sales-led or Danger zone */
  lead = "lead",
  /** Sales intensity 0-100 */
  intensity = "intensity",
  /** Recommended sales share of go-to-market spend */
  sales_share = "sales_share",
  /** Recommended sales model */
  model = "model",
  /** How much the ratings agree, 0-1 */
  agreement = "agreement",
  /** Identity-crisis verdict against the actual sales share */
  identity = "identity",
  /** The split-signals note */
  note = "note",
}

/**
 * Which FUNNEL_YIELD result to return.
 * @customenum {string}
 */
export enum FunnelFieldChoice {
  /** Wins out of the last stage (default) */
  wins = "wins",
  /** Wins / volume */
  yield = "yield",
  /** Volume no stage could work */
  overflow = "overflow",
  /** A row: the volume entering each stage, then wins */
  stages = "stages",
}

/**
 * Which CAC_FLAG result to return.
 * @customenum {string}
 */
export enum CacFieldChoice {
  /** HEALTHY, WATCH or TIME BOMB (default) */
  flag = "flag",
  /** The flag in words */
  reason = "reason",
  /** Spend / new customers */
  cac = "cac",
  /** Months to pay the CAC back */
  payback = "payback",
  /** Lifetime value of a customer */
  ltv = "ltv",
  /** LTV / CAC */
  ltv_cac = "ltv_cac",
  /** A row: flag, cac, payback, ltv, ltv_cac, reason */
  all = "all",
}

/**
 * Which MAGIC_NUMBER or BURN_MULTIPLE result to return.
 * @customenum {string}
 */
export enum RatioFieldChoice {
  /** The ratio itself (default) */
  value = "value",
  /** Its rating */
  rating = "rating",
  /** The rating in words */
  reason = "reason",
  /** A row: value, rating, reason */
  all = "all",
}

/**
 * Leslie's Compass: should marketing or sales lead this product, and how to split go-to-market spend.
 * @customfunction GTM_COMPASS
 * @helpurl https://localhost:3000/help/functions.html#gtm_compass
 * @param ratings Seven ratings 1-5: price, market size, complexity, fit & finish, customer, relationship, touch (1 = marketing pole). A row per product.
 * @param [weights] Seven weights, 0 or above (blank = 1; 0 leaves the factor out).
 * @param [actual_sales_share] Share of go-to-market spend now in sales, 0-1: one cell, or one per product.
 * @param [field] One result instead of the row of seven (default "all").
 * @returns One row per product.
 */
export function gtmCompass(ratings: unknown[][], weights?: unknown[][], actual_sales_share?: unknown[][], field?: CompassFieldChoice): unknown[][] {
  return forExcel((errorRows) => gtmCompassGrid(ratings, weights, actual_sales_share, field, errorRows));
}

/**
 * Wins from a funnel whose stages have limited capacity, one result per scenario.
 * @customfunction FUNNEL_YIELD
 * @helpurl https://localhost:3000/help/functions.html#funnel_yield
 * @param volume Volume entering stage 1 (leads): one cell, or a range of scenarios.
 * @param rates Conversion of each stage, 0-1 (25% = 0.25): one row, or a block with one row per scenario.
 * @param [capacity] What each stage can work, one per rate (blank = unlimited): one row, or one row per scenario.
 * @param [overflow_conversion] Fraction 0-1 of the normal conversion unworked overflow achieves (default 0); a range gives scenarios.
 * @param [field] "wins" (default), "yield", "overflow" or "stages".
 * @returns Wins, yield, overflow or stage volumes per scenario.
 */
export function funnelYield(volume: unknown[][], rates: unknown[][], capacity?: unknown[][], overflow_conversion?: unknown[][], field?: FunnelFieldChoice): unknown[][] {
  return forExcel((errorRows) => funnelYieldGrid(volume, rates, capacity, overflow_conversion, field, errorRows));
}

/**
 * Customer acquisition cost flagged HEALTHY, WATCH or TIME BOMB from payback and LTV:CAC, per period or per channel.
 * @customfunction CAC_FLAG
 * @helpurl https://localhost:3000/help/functions.html#cac_flag
 * @param spend Sales and marketing spend: one cell, or a range of periods or scenarios.
 * @param new_customers New customers won: one cell, or a range matched to spend.
 * @param [revenue_per_customer_month] Monthly revenue per customer (for payback and LTV).
 * @param [gross_margin] Gross margin 0-1 (80% = 0.8; for payback and LTV).
 * @param [churn_month] Monthly churn 0-1 (2% = 0.02; for LTV:CAC).
 * @param [thresholds] Limits instead of 12, 18, 3, 1: a row of up to 4 numbers, a range of names and values, or a row per scenario.
 * @param [field] "flag" (default), "reason", "cac", "payback", "ltv", "ltv_cac" or "all".
 * @param [channel] The channel of each row of spend: one row per channel plus the blend.
 * @returns The flag, or the field asked for, per period.
 */
export function cacFlag(
  spend: unknown[][],
  new_customers: unknown[][],
  revenue_per_customer_month?: unknown[][],
  gross_margin?: unknown[][],
  churn_month?: unknown[][],
  thresholds?: unknown[][],
  field?: CacFieldChoice,
  channel?: unknown[][],
): unknown[][] {
  return forExcel((errorRows) =>
    cacFlagGrid(spend, new_customers, revenue_per_customer_month, gross_margin, churn_month, thresholds, field, channel, errorRows),
  );
}

/**
 * The least volume entering the funnel that reaches a target number of wins.
 * @customfunction LEADS_NEEDED
 * @helpurl https://localhost:3000/help/functions.html#leads_needed
 * @param target_wins Wins wanted: one cell, or a range of targets.
 * @param rates Conversion of each stage, 0-1: one row, or a block with one row per scenario.
 * @param [capacity] What each stage can work, one per rate (blank = unlimited): one row, or one row per scenario.
 * @param [overflow_conversion] Fraction 0-1 of the normal conversion unworked overflow achieves (default 0).
 * @returns The volume needed per target; #N/A where capacity makes it unreachable.
 */
export function leadsNeeded(target_wins: unknown[][], rates: unknown[][], capacity?: unknown[][], overflow_conversion?: unknown[][]): unknown[][] {
  return forExcel((errorRows) => leadsNeededGrid(target_wins, rates, capacity, overflow_conversion, errorRows));
}

/**
 * The least capacity at one stage for which a volume reaches a target number of wins.
 * @customfunction CAPACITY_NEEDED
 * @helpurl https://localhost:3000/help/functions.html#capacity_needed
 * @param target_wins Wins wanted: one cell, or a range of targets.
 * @param volume Volume entering stage 1: one cell, or a range of scenarios.
 * @param rates Conversion of each stage, 0-1: one row, or one row per scenario.
 * @param stage The stage whose capacity to solve for: 1 for the first rate, 2 for the second...
 * @param [capacity] The other stages' capacities, one per rate (blank = unlimited; the solved stage's is ignored).
 * @param [overflow_conversion] Fraction 0-1 of the normal conversion unworked overflow achieves (default 0).
 * @returns The capacity needed; #N/A with the reason where no capacity reaches the target.
 */
export function capacityNeeded(target_wins: unknown[][], volume: unknown[][], rates: unknown[][], stage: unknown[][], capacity?: unknown[][], overflow_conversion?: unknown[][]): unknown[][] {
  return forExcel((errorRows) => capacityNeededGrid(target_wins, volume, rates, stage, capacity, overflow_conversion, errorRows));
}

/**
 * The least conversion rate at one stage for which a volume reaches a target number of wins.
 * @customfunction RATE_NEEDED
 * @helpurl https://localhost:3000/help/functions.html#rate_needed
 * @param target_wins Wins wanted: one cell, or a range of targets.
 * @param volume Volume entering stage 1: one cell, or a range of scenarios.
 * @param rates Conversion of each stage, 0-1: one row, or one row per scenario (the solved stage's is ignored).
 * @param stage The stage whose rate to solve for: 1 for the first rate, 2 for the second...
 * @param [capacity] What each stage can work, one per rate (blank = unlimited).
 * @param [overflow_conversion] Fraction 0-1 of the normal conversion unworked overflow achieves (default 0).
 * @returns The rate needed, 0-1; #N/A with the reason where even 100% falls short.
 */
export function rateNeeded(target_wins: unknown[][], volume: unknown[][], rates: unknown[][], stage: unknown[][], capacity?: unknown[][], overflow_conversion?: unknown[][]): unknown[][] {
  return forExcel((errorRows) => rateNeededGrid(target_wins, volume, rates, stage, capacity, overflow_conversion, errorRows));
}

/**
 * Magic number: annualised revenue growth per unit of last quarter's sales and marketing spend, rated INVEST, HOLD or FIX.
 * @customfunction MAGIC_NUMBER
 * @helpurl https://localhost:3000/help/functions.html#magic_number
 * @param revenue_this_quarter Revenue (or recurring revenue) this quarter: one cell or a range of quarters.
 * @param revenue_last_quarter Revenue the quarter before.
 * @param sm_spend_last_quarter Sales and marketing spend last quarter, above 0.
 * @param [thresholds] Limits instead of 0.75 (invest above) and 0.5 (fix below): a row of 2 numbers or a range of names and values.
 * @param [field] "value" (default), "rating", "reason" or "all".
 * @returns The magic number, or the field asked for.
 */
export function magicNumber(revenue_this_quarter: unknown[][], revenue_last_quarter: unknown[][], sm_spend_last_quarter: unknown[][], thresholds?: unknown[][], field?: RatioFieldChoice): unknown[][] {
  return forExcel((errorRows) => magicNumberGrid(revenue_this_quarter, revenue_last_quarter, sm_spend_last_quarter, thresholds, field, errorRows));
}

/**
 * Burn multiple (Sacks): net burn / net new ARR, rated AMAZING, GREAT, GOOD, SUSPECT or BAD; ARR that did not grow is BAD.
 * @customfunction BURN_MULTIPLE
 * @helpurl https://localhost:3000/help/functions.html#burn_multiple
 * @param net_burn Cash burned in the period (negative = cash generated): one cell or a range of periods.
 * @param net_new_arr ARR added in the period, net of churn.
 * @param [thresholds] Limits instead of 1, 1.5, 2, 3: a row of up to 4 numbers or a range of names and values.
 * @param [field] "value" (default), "rating", "reason" or "all".
 * @returns The burn multiple, or the field asked for.
 */
export function burnMultiple(net_burn: unknown[][], net_new_arr: unknown[][], thresholds?: unknown[][], field?: RatioFieldChoice): unknown[][] {
  return forExcel((errorRows) => burnMultipleGrid(net_burn, net_new_arr, thresholds, field, errorRows));
}
