/**
 * GTM Compass for Node: the custom functions under their Excel names, taking the same arguments as in a
 * cell (numbers, text, blanks as null, or 2-D arrays for ranges) and returning a value or a 2-D array.
 * A call that cannot run throws a GtmError whose .code is the Excel error ("#VALUE!", "#N/A", ...) and whose
 * message says what to fix; inside a returned array, a bad row holds a GtmError in its cells.
 */
import {
  Cell,
  burnMultipleGrid,
  cacFlagGrid,
  capacityNeededGrid,
  funnelYieldGrid,
  guarded,
  gtmCompassGrid,
  leadsNeededGrid,
  magicNumberGrid,
  rateNeededGrid,
  unwrapSingle,
} from "./functions/core";

export type { Cell } from "./functions/core";
/** A function result: one value, or rows of cells when the call spills. */
export type Result = Cell | Cell[][];

/** Leslie's Compass: ratings (row(s) of 7, or a column of 7) -> lead, intensity, sales share, model, agreement, identity, note. */
export function GTM_COMPASS(ratings: unknown, weights?: unknown, actual_sales_share?: unknown, field?: unknown): Result {
  return unwrapSingle(guarded(() => gtmCompassGrid(ratings, weights, actual_sales_share, field)));
}

/** Capacity-limited funnel: wins (or yield, overflow, stages) for each volume scenario. */
export function FUNNEL_YIELD(volume: unknown, rates: unknown, capacity?: unknown, overflow_conversion?: unknown, field?: unknown): Result {
  return unwrapSingle(guarded(() => funnelYieldGrid(volume, rates, capacity, overflow_conversion, field)));
}

/** CAC flag per period: HEALTHY / WATCH / TIME BOMB (or reason, cac, payback, ltv, ltv_cac, all). */
export function CAC_FLAG(
  spend: unknown,
  new_customers: unknown,
  revenue_per_customer_month?: unknown,
  gross_margin?: unknown,
  churn_month?: unknown,
  thresholds?: unknown,
  field?: unknown,
  channel?: unknown,
): Result {
  return unwrapSingle(
    guarded(() => cacFlagGrid(spend, new_customers, revenue_per_customer_month, gross_margin, churn_month, thresholds, field, channel)),
  );
}

/** Inverse funnel: the smallest volume reaching each target number of wins (#N/A where unreachable). */
export function LEADS_NEEDED(target_wins: unknown, rates: unknown, capacity?: unknown, overflow_conversion?: unknown): Result {
  return unwrapSingle(guarded(() => leadsNeededGrid(target_wins, rates, capacity, overflow_conversion)));
}

/** The least capacity at one stage (1-based) that reaches each target from its volume (#N/A where none can). */
export function CAPACITY_NEEDED(target_wins: unknown, volume: unknown, rates: unknown, stage: unknown, capacity?: unknown, overflow_conversion?: unknown): Result {
  return unwrapSingle(guarded(() => capacityNeededGrid(target_wins, volume, rates, stage, capacity, overflow_conversion)));
}

/** The least conversion rate at one stage (1-based) that reaches each target from its volume (#N/A where none can). */
export function RATE_NEEDED(target_wins: unknown, volume: unknown, rates: unknown, stage: unknown, capacity?: unknown, overflow_conversion?: unknown): Result {
  return unwrapSingle(guarded(() => rateNeededGrid(target_wins, volume, rates, stage, capacity, overflow_conversion)));
}

/** Magic number: (revenue this quarter − last) × 4 / last quarter's S&M spend (or its rating, reason, all). */
export function MAGIC_NUMBER(revenue_this_quarter: unknown, revenue_last_quarter: unknown, sm_spend_last_quarter: unknown, thresholds?: unknown, field?: unknown): Result {
  return unwrapSingle(guarded(() => magicNumberGrid(revenue_this_quarter, revenue_last_quarter, sm_spend_last_quarter, thresholds, field)));
}

/** Burn multiple: net burn / net new ARR on Sacks' scale (or its rating, reason, all). */
export function BURN_MULTIPLE(net_burn: unknown, net_new_arr: unknown, thresholds?: unknown, field?: unknown): Result {
  return unwrapSingle(guarded(() => burnMultipleGrid(net_burn, net_new_arr, thresholds, field)));
}

// The engine, for scripts that want plain objects rather than cells.
export { GtmError, isGtmError } from "./engine/errors";
export type { ExcelErrorCode } from "./engine/errors";
export { placeCompass, modelFor, COMPASS_FACTORS, SALES_MODELS } from "./engine/compass";
export type { CompassResult, CompassOptions, CompassLead, SalesModel, IdentityVerdict } from "./engine/compass";
export { funnelYield, leadsNeeded, capacityNeeded, rateNeeded, prepareFunnel, funnelWins, funnelOverflow, funnelStages, maxWins, mostWins } from "./engine/funnel";
export type { FunnelSpec, FunnelResult } from "./engine/funnel";
export { cacFlag, cacMeasures, checkCacThresholds, magicNumber, burnMultiple, magicNumberReason } from "./engine/cac";
export type { CacInput, CacResult, CacMeasures, CacStatus, MagicNumberResult, BurnMultipleResult, BurnMultipleVerdict } from "./engine/cac";
export { THRESHOLD_INFO, THRESHOLD_NAMES, DEFAULT_THRESHOLDS, resolveThresholds, ThresholdError } from "./model/thresholds";
export type { Thresholds, ThresholdName } from "./model/thresholds";

// The command line's whole path as a function (loaded on first use, so the functions above stay light).
export type { RunOptions, RunResult } from "./cli/run";
/** Read an .xlsx/.csv pipeline, analyse it and write the analysis workbook (and JSON); never changes the input. */
export async function runAnalysis(options: import("./cli/run").RunOptions): Promise<import("./cli/run").RunResult> {
  const cli = await import("./cli/run");
  return cli.runAnalysis(options);
}
