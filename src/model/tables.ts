/**
 * The columnar tables every layer shares: deals, leads, the deals' stage history and the inputs, with the
 * outcome and source codes.
 * The pipeline fills them, the engine reads them; this file imports nothing.
 * Dates are Excel serial day numbers in the 1900 date system (model/calendar.ts); NaN = missing.
 */

/** A text column stored as dictionary codes: codes[i] indexes labels, -1 = blank. */
export interface CategoryColumn {
  codes: Int32Array;
  labels: string[];
}

/** Deal outcome codes in `Deals.outcome`. */
export const OUTCOME_OPEN = 0;
export const OUTCOME_WON = 1;
export const OUTCOME_LOST = 2;

/** Where a deal or lead came from, normalised; the raw channel name is kept in `channel`. */
export const SOURCE_KINDS = ["marketing", "sales", "partner", "other"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/**
 * The deals (opportunities) table, one entry per used row, columnar.
 * Dates are Excel serial day numbers in the 1900 date system (fractions = time of day); NaN = missing.
 * Numbers are NaN when missing.
 */
export interface Deals {
  count: number;
  /** Sheet the deals came from. */
  sheet: string;
  /** 1-based sheet row of each record (for evidence links and diagnostics). */
  sourceRow: Int32Array;
  id: CategoryColumn;
  /** OUTCOME_OPEN / OUTCOME_WON / OUTCOME_LOST. */
  outcome: Uint8Array;
  /** The raw stage label (normalised spelling), e.g. "Prospecting", "Closed Won". */
  stage: CategoryColumn;
  amount: Float64Array;
  created: Float64Array;
  /** When the deal was actually won or lost (never an expected date); open deals: NaN. */
  closed: Float64Array;
  /** The expected / forecast close date as the CRM holds it: kept for slippage, never used to place revenue. */
  expectedClose: Float64Array;
  owner: CategoryColumn;
  account: CategoryColumn;
  /** marketing / sales / partner / other, as an index into SOURCE_KINDS; -1 unknown. */
  sourceKind: Int8Array;
  /** The raw source / channel / lead-origin name. */
  channel: CategoryColumn;
  partner: CategoryColumn;
  product: CategoryColumn;
  segment: CategoryColumn;
  price: Float64Array;
  /** Complexity as given: numeric score, or NaN; `complexityLabel` holds text values such as "High". */
  complexity: Float64Array;
  complexityLabel: CategoryColumn;
  lossReason: CategoryColumn;
  competitor: CategoryColumn;
  /** Index into `Leads` of the lead this deal came from (two-table joins); -1 none. */
  leadIndex: Int32Array;
}

/** A leads / marketing-qualified-leads table, columnar, joined to deals by a key. */
export interface Leads {
  count: number;
  sheet: string;
  sourceRow: Int32Array;
  id: CategoryColumn;
  /** First contact / created date (Excel serial). */
  created: Float64Array;
  sourceKind: Int8Array;
  channel: CategoryColumn;
  segment: CategoryColumn;
  owner: CategoryColumn;
  /** Index into `Deals` of the first deal joined to this lead; -1 none. */
  dealIndex: Int32Array;
}

/** Per-period spend and headcount from the inputs sheet. */
export interface PeriodInput {
  /** Period label as the user wrote it, normalised to "2017-Q3" / "2017-07" / "2017". */
  period: string;
  marketingSpend?: number;
  salesSpend?: number;
  reps?: number;
  /** New customers, when the user supplies them rather than counting won accounts. */
  newCustomers?: number;
  grossMargin?: number;
  netBurn?: number;
}

/** The optional inputs sheet: everything absent makes the analyses that need it say NO DATA. */
export interface Inputs {
  periods: PeriodInput[];
  /** Sales reps (when not per period). */
  reps?: number;
  /** Fully loaded cost of one rep for one period of the chosen period length. */
  repCostPerPeriod?: number;
  /** Fully loaded cost of one rep per year (converted to the period when repCostPerPeriod is absent). */
  repCostPerYear?: number;
  /** Deals a rep can work at once (funnel capacity). */
  dealsPerRep?: number;
  grossMargin?: number;
  revenuePerCustomerMonth?: number;
  churnMonth?: number;
  /** Market share per segment S1..S4 (fractions). */
  marketShare?: Partial<Record<"S1" | "S2" | "S3" | "S4", number>>;
  /** Segments marketing and sales target (growth gears: strategy). */
  targetSegments?: string[];
  /** The seven Leslie's Compass ratings 1-5 in METHODS order (NaN = not rated). */
  compassRatings?: number[];
  compassWeights?: number[];
  /** Actual sales share of go-to-market spend or headcount, for the identity-crisis check. */
  actualSalesShare?: number;
  /** Open stages in funnel order (earliest first). */
  stageOrder?: string[];
  /** Values of the stage / status column the user declares won or lost (on top of the built-in words). */
  outcomes?: { won?: string[]; lost?: string[] };
  /** Threshold overrides by name (see model/thresholds.ts). */
  thresholds: Record<string, number>;
}

/** Where a stage history came from: date-entered columns on the deals table, or a table of changes. */
export type HistoryShape = "columns" | "table";

/**
 * The deals' stage history: one entry per recorded step of a deal (it entered a stage, or, in a table of
 * changes or snapshots, its amount or close date changed), columnar. Entries are grouped by deal in deal
 * order and, within a deal, ordered by date (ties in sheet order): the entries of deal d are
 * [dealStart[d], dealStart[d + 1]). Every entry belongs to a deal and has a date.
 */
export interface StageHistory {
  shape: HistoryShape;
  count: number;
  /** Sheet the entries came from (the deals sheet for "columns"). */
  sheet: string;
  /** 1-based sheet row of each entry (the deal's own row for "columns"). */
  sourceRow: Int32Array;
  /** Index into Deals of each entry's deal. */
  deal: Int32Array;
  /** Offsets of each deal's entries; length deals.count + 1. */
  dealStart: Int32Array;
  /**
   * The stage the deal is in from this entry on. Labels are spelled as on the deals table where they mean the
   * same stage, and include every stage label of the deals table (some may have no entry).
   */
  stage: CategoryColumn;
  /** OUTCOME_OPEN / OUTCOME_WON / OUTCOME_LOST of each label of `stage` (by code). */
  stageOutcome: Uint8Array;
  /** Open stages in funnel order, earliest first: every open label of `stage` that has an entry. */
  stageOrder: string[];
  /** When the entry took effect (Excel serial). */
  date: Float64Array;
  /**
   * When the deal left this entry's stage (HubSpot "Date exited"); NaN = not given. Null, like `amount` and
   * `closeDate`, when the source has no such column: that figure is then not known over time.
   */
  exited: Float64Array | null;
  /** The deal's amount from this entry on; NaN = not given (the last known amount holds). */
  amount: Float64Array | null;
  /** The deal's expected close date from this entry on; NaN = not given (the last known date holds). */
  closeDate: Float64Array | null;
}

/** What the engine analyses: the tables, and the open stages in funnel order. */
export interface AnalysisInput {
  deals: Deals;
  leads?: Leads;
  inputs?: Inputs;
  /** Open stages in funnel order (from the user or inferred). */
  stageOrder: string[];
  /** The deals' stage history, when the data has one (absent: the deals' current stages only). */
  history?: StageHistory;
}
