/**
 * The shape of a whole-pipeline analysis: what `analyze()` returns and what the report and the JSON summary
 * read. Plain data (numbers, strings, arrays): NaN means "could not be computed", with a note saying why.
 */
import { PeriodKind } from "../model/calendar";
import { Thresholds } from "../model/thresholds";

export type Status = "OK" | "WATCH" | "TIME BOMB" | "NO DATA";

/** How a number should be shown; the report maps these to Excel number formats. */
export type MetricFormat = "currency" | "percent" | "ratio" | "days" | "months" | "count";

export interface PeriodSummary {
  kind: PeriodKind;
  chosenBy: "user" | "data";
  reason: string;
  labels: string[];
  /** Each period lies wholly on or before the as-of date. */
  complete: boolean[];
  /** The as-of date (Excel serial) the analysis treats as "today". */
  asOf: number;
}

// ---- §4 growth levers -------------------------------------------------------------------------------
export interface LeverPeriod {
  period: string;
  /** Won revenue closed in the period. */
  revenue: number;
  /** C: distinct customers with a won deal in the period (= deals when there is no customer column). */
  customers: number;
  /** N: won deals. */
  deals: number;
  /** F = N / C. */
  frequency: number;
  /** A = R / N. */
  averageDeal: number;
  complete: boolean;
}

export interface LeverChange {
  from: string;
  to: string;
  revenueChange: number;
  /** LMDI parts (across a zero: the analytical limit); NaN only when a period's revenue is negative. */
  customers: number;
  frequency: number;
  averageDeal: number;
  defined: boolean;
  note?: string;
}

export interface LeverAnalysis {
  period: PeriodKind;
  periods: LeverPeriod[];
  changes: LeverChange[];
  /** "account" when C counts distinct customers; "deals" when there is no customer column (C = N, F = 1). */
  customerBasis: "account" | "deals";
  notes: string[];
}

// ---- §5 time bombs ----------------------------------------------------------------------------------
export type TimeBombId =
  | "high-cac"
  | "inefficient-sales-team"
  | "partners-leaving"
  | "cost-of-goods"
  | "generation-behind"
  | "clogged-funnel";

export interface Evidence {
  reps?: string[];
  partners?: string[];
  periods?: string[];
  competitors?: string[];
  /** 1-based sheet rows of the deals behind the finding (at most 50). */
  rows?: number[];
  /** Sheet the rows are on. */
  sheet?: string;
  /** Plain-language facts, one per line. */
  facts: string[];
}

/** A small supporting table (e.g. yield per rep, win rate per competitor) shown beside a finding. */
export interface DetailTable {
  title: string;
  headers: string[];
  /** One per column; "text" for labels. */
  formats: (MetricFormat | "text")[];
  rows: (string | number)[][];
}

export interface TimeBomb {
  id: TimeBombId;
  name: string;
  status: Status;
  /** The number the status rests on (NaN when NO DATA). */
  metric: number;
  metricName: string;
  metricFormat: MetricFormat;
  /** The line it is compared against (the TIME BOMB line unless said otherwise). */
  threshold: number;
  thresholdText: string;
  evidence: Evidence;
  /** What a manager should ask next. */
  question: string;
  notes: string[];
  table?: DetailTable;
}

// ---- §3 CAC ----------------------------------------------------------------------------------------
export interface CacPeriod {
  period: string;
  spend: number;
  newCustomers: number;
  cac: number;
  paybackMonths: number;
  ltv: number;
  ltvToCac: number;
  flag: "HEALTHY" | "WATCH" | "TIME BOMB" | "NO DATA";
  reason: string;
}

export interface CacBySource {
  source: string;
  spend: number;
  newCustomers: number;
  cac: number;
  note?: string;
}

export interface MagicNumber {
  period: string;
  value: number;
  verdict: "invest" | "hold" | "fix" | "NO DATA";
}

export interface CacAnalysis {
  available: boolean;
  periods: CacPeriod[];
  bySource: CacBySource[];
  magicNumbers: MagicNumber[];
  notes: string[];
}

// ---- §8 the funnel in the data ----------------------------------------------------------------------
export interface FunnelStage {
  stage: string;
  /** Deals known to have reached this stage (created cohort, furthest stage reached). */
  reached: number;
  /** reached(next) / reached(this); NaN for the last stage. */
  conversionToNext: number;
}

export interface VolumePeriod {
  period: string;
  volumeIn: number;
  wins: number;
  /** Wins `lagPeriods` later (NaN past the end of the data). */
  winsLater: number;
}

export interface VolumeCheck {
  basis: "leads" | "deals created";
  lagPeriods: number;
  periods: VolumePeriod[];
  correlation: number;
  /** Log-log slope of wins-later on volume-in. */
  elasticity: number;
  volumeGrew: boolean;
  clogged: boolean | null;
  note: string;
}

export interface ProfileStats {
  deals: number;
  won: number;
  lost: number;
  winRate: number;
  medianWonCycleDays: number;
}

export interface OffProfile {
  basis: "segment column" | "sweet-spot segment";
  coreSegment: string;
  core: ProfileStats;
  offProfile: ProfileStats;
}

export interface OriginFunnel {
  origin: string;
  leads: number;
  opportunities: number;
  won: number;
  leadToOpportunity: number;
  leadToWon: number;
}

export interface RepLoad {
  rep: string;
  open: number;
  overCapacity: boolean;
}

export interface CapacityCheck {
  reps: number;
  repsBasis: "input" | "owners of open deals";
  dealsPerRep: number;
  openDeals: number;
  openPerRep: number;
  overCapacity: boolean | null;
  perRep: RepLoad[];
}

export interface WinRatePeriod {
  period: string;
  won: number;
  lost: number;
  winRate: number;
}

export interface DataFunnel {
  definition: string;
  stages: FunnelStage[];
  total: number;
  won: number;
  lost: number;
  open: number;
  /** Won / (won + lost), by count. */
  winRate: number;
  /** Won value / (won + lost value) over closed deals with a positive amount; NaN when it cannot be told. */
  winRateByAmount: number;
  /** How the win rate by amount was taken, or why it is not known ("not known: ..."). */
  winRateByAmountNote: string;
  wonValue: number;
  lostValue: number;
  medianWonCycleDays: number;
  wonCycleDeals: number;
  /** Value of the open deals; NaN when no deal in the data has an amount or a price. */
  openValue: number;
  openValueEstimated: boolean;
  /** Open pipeline value / average won revenue per complete period. */
  coverage: number;
  coverageNote: string;
  medianOpenAgeDays: number;
  winRateByPeriod: WinRatePeriod[];
  volume: VolumeCheck | null;
  offProfile: OffProfile | null;
  leadFunnel: OriginFunnel[] | null;
  capacity: CapacityCheck | null;
  notes: string[];
}

// ---- §6 sweet spot -----------------------------------------------------------------------------------
export type SegmentId = "S1" | "S2" | "S3" | "S4";
export type SegmentClass =
  | "Sweet spot"
  | "Uncaptured lead"
  | "Lead deficit"
  | "Ineffective strategy"
  | "Unserved"
  | "Out of play"
  | "NO DATA";

export interface SegmentRow {
  segment: SegmentId;
  label: string;
  deals: number;
  won: number;
  wonRevenue: number;
  leads: number;
  /** Share of marketing-sourced leads (NaN when lead sources are unknown). */
  k: number;
  /** Share of won deals. */
  q: number;
  /** Share of the market (input); NaN when not given (then counted as in the market). */
  m: number;
  classification: SegmentClass;
}

export interface SegmentAnalysis {
  status: "OK" | "NO DATA";
  priceThreshold: number;
  priceBasis: string;
  complexityBasis: string;
  leadBasis: "leads table" | "marketing-sourced deals" | "none";
  rows: SegmentRow[];
  alignmentIndex: number;
  /** Deals that could not be placed (no price or no complexity signal). */
  unplaced: number;
  uncaptured: { count: number; rows: number[]; sheet: string; basis: string };
  notes: string[];
}

// ---- §7 growth gears ---------------------------------------------------------------------------------
export interface Gear {
  gear: "Insight" | "Strategy" | "Execution";
  /** 1-5, NaN when there is no data for it. */
  score: number;
  metrics: { name: string; value: number; format: MetricFormat }[];
  note: string;
}

export interface GearsAnalysis {
  gears: Gear[];
  bottleneck: string | null;
  overall: number;
}

// ---- §1 compass --------------------------------------------------------------------------------------
export interface CompassAnalysis {
  /** Sales intensity 0-100. */
  salesIntensity: number;
  position: number;
  lead: string;
  salesModel: string;
  agreement: number;
  recommendedSalesShare: number;
  notes: string[];
  actualSalesShare: number;
  actualShareBasis: string;
  identityCrisis: string;
  ratings: number[];
}

export interface Analysis {
  period: PeriodSummary;
  thresholds: Thresholds;
  levers: LeverAnalysis;
  timeBombs: TimeBomb[];
  funnel: DataFunnel;
  segments: SegmentAnalysis;
  gears: GearsAnalysis;
  cac: CacAnalysis;
  compass: CompassAnalysis | null;
  /** Whole-analysis remarks (e.g. rows outside the period grid). */
  notes: string[];
}
