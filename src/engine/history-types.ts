/**
 * The shapes of the analyses built on stage history and on pipeline movement: the stage-to-stage funnel with
 * days in stage and the clogged stages, pipeline velocity with the LMDI split of its changes, the pipeline
 * waterfall and close-date slippage. Plain data: NaN means "not known", with a note saying why.
 */
import type { Status } from "./analysis";

/** Where the stage history came from; "none" when the data has none. */
export type HistoryShapeName = "columns" | "table" | "none";

/** An open deal that has sat in a stage longer than the stage's clog line. */
export interface ClogDeal {
  /** 1-based row of the deal on the deals sheet. */
  row: number;
  id: string;
  owner: string;
  daysInStage: number;
  amount: number;
}

/** The clogged-funnel check for one stage: open deals older than `clogAgeMultiple` x the stage's median days. */
export interface StageClog {
  status: Status;
  /** Open deals in the stage whose entry date is known. */
  openDeals: number;
  clogged: number;
  /** clogged / openDeals. */
  share: number;
  /** The line, in days: clogAgeMultiple x medianDays. */
  limitDays: number;
  /** The clogged deals, longest in the stage first (at most 50; `clogged` is the full count). */
  deals: ClogDeal[];
}

/** One open stage of the stage-to-stage funnel. entered = advanced + lost + movedBack + open, exactly. */
export interface StageFlowRow {
  stage: string;
  /** Deals that entered the stage at least once. */
  deals: number;
  /** Entries into the stage: a deal that came back counts again. */
  entered: number;
  /** Entries that left for a later stage or a won stage. */
  advanced: number;
  /** Entries that left for a lost stage ("lost there"). */
  lost: number;
  /** Entries that left for an earlier stage. */
  movedBack: number;
  /** Entries the deal is still in. */
  open: number;
  /** Finished stays whose entry and exit dates are both known (the days-in-stage sample). */
  timedStays: number;
  medianDays: number;
  p90Days: number;
  /** "Any stage" (HubSpot): deals that entered the next stage (or won) / deals that entered this one. */
  anyStageConversion: number;
  /** "All stages in order" (HubSpot): deals that entered every stage up to this one, in order. */
  inOrderDeals: number;
  /** inOrderDeals of the next stage (or won after every stage in order) / inOrderDeals here. */
  inOrderConversion: number;
  clog: StageClog;
}

/** Where lost deals left from: the last open stage before the loss. */
export interface DeathRow {
  /** The stage, or "(no open stage recorded)" for deals lost without one. */
  stage: string;
  lost: number;
  /** Share of all lost deals with history. */
  share: number;
}

export interface StageFlow {
  definition: string;
  /** Open stages in funnel order. */
  rows: StageFlowRow[];
  /** Deals that entered a won stage; `inOrderDeals`: those that entered every open stage in order before it. */
  won: { deals: number; inOrderDeals: number };
  /** Deals that entered a lost stage. */
  lostDeals: number;
  whereDealsDie: DeathRow[];
  /** Deals with at least one history entry, and those without (left out of this funnel). */
  dealsWithHistory: number;
  dealsWithout: number;
  /** Steps added because the deals table's current stage differs from the last history entry. */
  currentStageAdded: number;
  /** Sheet the clogged deals' rows refer to. */
  sheet: string;
  notes: string[];
}

// ---- velocity ----------------------------------------------------------------------------------------
export interface VelocityPeriod {
  period: string;
  /** Open opportunities: deals open at some time in the period (created by its end, not closed before its start). */
  opportunities: number;
  won: number;
  lost: number;
  /** won / (won + lost) of deals closed in the period. */
  winRate: number;
  /** Won revenue / won deals with an amount, closed in the period. */
  averageDeal: number;
  /** Mean days from created to close of the deals won in the period. */
  cycleDays: number;
  /** opportunities x winRate x averageDeal / cycleDays: revenue per day. */
  velocity: number;
  complete: boolean;
}

/** The change in velocity from one period to the next, split exactly by LMDI into its four causes. */
export interface VelocityChange {
  from: string;
  to: string;
  change: number;
  opportunities: number;
  winRate: number;
  averageDeal: number;
  /** The cycle-length part (the cycle enters with exponent -1: a longer cycle gives a negative part). */
  cycle: number;
  defined: boolean;
  note?: string;
}

export interface VelocityAnalysis {
  definition: string;
  periods: VelocityPeriod[];
  changes: VelocityChange[];
  notes: string[];
}

// ---- the pipeline waterfall and slippage --------------------------------------------------------------
export const WATERFALL_BARS = ["created", "pulledIn", "increased", "decreased", "pushedOut", "won", "lost"] as const;
export type WaterfallBar = (typeof WATERFALL_BARS)[number];

/** A deal behind a bar, and how much it moved the bar. */
export interface WaterfallDeal {
  /** 1-based row of the deal on the deals sheet. */
  row: number;
  id: string;
  amount: number;
}

/** start + created + pulledIn + increased - decreased - pushedOut - won - lost = end, to the cent. */
export interface WaterfallPeriod {
  period: string;
  complete: boolean;
  start: number;
  created: number;
  /** NaN when the history has no close dates (nothing can be pulled in or pushed out of the window). */
  pulledIn: number;
  /** NaN when the history has no amounts (changes of amount cannot be seen). */
  increased: number;
  decreased: number;
  pushedOut: number;
  won: number;
  lost: number;
  end: number;
  /** The deals in each bar: how many, and the largest movers (at most 50 each). */
  deals: Record<WaterfallBar, { count: number; list: WaterfallDeal[] }>;
}

export interface Waterfall {
  definition: string;
  /** "due": open deals expected to close by the period's end; "open": every open deal (no close dates). */
  scope: "due" | "open";
  amountsOverTime: boolean;
  closeDatesOverTime: boolean;
  periods: WaterfallPeriod[];
  sheet: string;
  notes: string[];
}

/** Close dates moved out for one rep or stage. */
export interface SlipRow {
  group: string;
  /** Deals that had an expected close date while open (in this stage, for the per-stage rows). */
  deals: number;
  /** Of those, deals whose close date moved out at least once. */
  slipped: number;
  /** slipped / deals: how often. */
  share: number;
  /** Moves out (a deal can slip several times). */
  slips: number;
  /** How far: median and total days per move out. */
  medianDays: number;
  totalDays: number;
}

export interface Slippage {
  total: SlipRow;
  byRep: SlipRow[];
  byStage: SlipRow[];
  notes: string[];
}

export interface HistoryAnalysis {
  shape: HistoryShapeName;
  /** What the history is and what it allows, in a sentence. */
  note: string;
  stages: StageFlow | null;
  waterfall: Waterfall | null;
  slippage: Slippage | null;
}
