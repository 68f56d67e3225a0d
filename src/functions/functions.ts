/**
 * The GTM custom functions Excel calls. Thin wrappers: the JSDoc below is the metadata (functions.json) Excel
 * shows in autocomplete; the work happens in the host-free core. Ids are permanent once shipped.
 */
import { cacFlagGrid, funnelYieldGrid, gtmCompassGrid, leadsNeededGrid } from "./core";
import { forExcel } from "./excel-errors";

/**
 * Places a product on Leslie's Compass from seven factor ratings and says whether marketing or sales should lead.
 * Returns one row per product: lead, sales intensity 0-100, recommended sales share, sales model, agreement, identity verdict, note.
 * @customfunction GTM_COMPASS
 * @param ratings Seven ratings 1-5 in order: price, market size, complexity, fit & finish, customer, relationship, touch (1 = marketing pole, 5 = sales pole; blank = not rated, at least 3). A row of 7, several rows of 7 (one product each), or a column of 7.
 * @param [weights] Seven weights, one per factor, 0 or above (blank = 1).
 * @param [actual_sales_share] The share of go-to-market spend or headcount now in sales, 0-1: one cell, or one per product row. Adds the identity-crisis verdict.
 * @param [field] One result instead of the whole row: "lead", "intensity", "sales_share", "model", "agreement", "identity" or "note" (default "all").
 * @returns One row per product.
 */
export function gtmCompass(ratings: unknown[][], weights?: unknown[][], actual_sales_share?: unknown[][], field?: unknown): unknown[][] {
  return forExcel((errorRows) => gtmCompassGrid(ratings, weights, actual_sales_share, field, errorRows));
}

/**
 * Wins from a funnel whose stages have limited capacity; a column of volumes spills one result per scenario.
 * @customfunction FUNNEL_YIELD
 * @param volume Volume entering the first stage (e.g. leads in the period): one cell, or a column or grid of what-if scenarios.
 * @param rates Conversion from each stage to the next, as fractions 0-1 (25% = 0.25): one row or one column.
 * @param [capacity] How much each stage can work in the period (e.g. reps x deals per rep), one per rate; blank = unlimited.
 * @param [overflow_conversion] Fraction 0-1 of the normal conversion that unworked overflow still achieves (default 0).
 * @param [field] "wins" (default), "yield" (wins / volume), "overflow" (volume no stage worked) or "stages" (a row of the volume entering each stage, then wins).
 * @returns Wins, yield, overflow or stage volumes for each scenario.
 */
export function funnelYield(
  volume: unknown[][],
  rates: unknown[][],
  capacity?: unknown[][],
  overflow_conversion?: unknown,
  field?: unknown,
): unknown[][] {
  return forExcel((errorRows) => funnelYieldGrid(volume, rates, capacity, overflow_conversion, field, errorRows));
}

/**
 * Customer acquisition cost with its flag: HEALTHY, WATCH or TIME BOMB from CAC payback and LTV:CAC; a column of periods spills one flag each.
 * @customfunction CAC_FLAG
 * @param spend Sales and marketing spend in the period: one cell or a column of periods.
 * @param new_customers New customers won in the period: one cell or a range the shape of spend.
 * @param [revenue_per_customer_month] Monthly revenue per customer (needed for payback and LTV).
 * @param [gross_margin] Gross margin as a fraction 0-1 (80% = 0.8; needed for payback and LTV).
 * @param [churn_month] Monthly customer churn as a fraction (2% = 0.02; needed for LTV:CAC).
 * @param [thresholds] Limits instead of the defaults: a row of 4 numbers (payback healthy months 12, payback watch months 18, LTV:CAC healthy 3, LTV:CAC watch 1; blank = default) or a two-column range of threshold names and values.
 * @param [field] "flag" (default), "reason", "cac", "payback", "ltv", "ltv_cac" or "all" (a row: flag, cac, payback, ltv, ltv_cac, reason).
 * @returns The flag, or the field asked for, per period.
 */
export function cacFlag(
  spend: unknown[][],
  new_customers: unknown[][],
  revenue_per_customer_month?: unknown[][],
  gross_margin?: unknown[][],
  churn_month?: unknown[][],
  thresholds?: unknown[][],
  field?: unknown,
): unknown[][] {
  return forExcel((errorRows) => cacFlagGrid(spend, new_customers, revenue_per_customer_month, gross_margin, churn_month, thresholds, field, errorRows));
}

/**
 * The smallest volume entering the funnel that reaches a target number of wins, given stage rates and capacities.
 * @customfunction LEADS_NEEDED
 * @param target_wins Wins wanted: one cell, or a column of targets.
 * @param rates Conversion from each stage to the next, as fractions 0-1: one row or one column.
 * @param [capacity] How much each stage can work in the period, one per rate; blank = unlimited.
 * @param [overflow_conversion] Fraction 0-1 of the normal conversion that unworked overflow still achieves (default 0).
 * @returns The volume needed for each target; #N/A where capacity makes the target unreachable.
 */
export function leadsNeeded(target_wins: unknown[][], rates: unknown[][], capacity?: unknown[][], overflow_conversion?: unknown): unknown[][] {
  return forExcel((errorRows) => leadsNeededGrid(target_wins, rates, capacity, overflow_conversion, errorRows));
}
