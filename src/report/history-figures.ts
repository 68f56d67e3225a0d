/**
 * The stage-history figures a reader sees first, in one place: the task pane's Results show exactly these
 * (GTM Stages holds them all). Taken from the engine's stage funnel as it is, never recomputed: per stage the
 * entries, how many advanced and were lost there, the any-stage conversion and the median and 90th-percentile
 * days in stage; where most lost deals left from; the slowest stage. A figure the data cannot give is null.
 */
import type { Analysis } from "../engine/analysis";
import { stagesSheet } from "./sheets/stages";

export interface StageFigure {
  stage: string;
  /** Deals that entered the stage (each once). */
  deals: number;
  /** Entries into the stage (a deal moved back enters again). */
  entered: number;
  advanced: number;
  lost: number;
  /** Deals that entered the next stage, per deal that entered this one, whatever their path (HubSpot's "any stage"; above 1 when deals skip this stage). */
  conversion: number | null;
  medianDays: number | null;
  p90Days: number | null;
  /** The clogged-stage status (OK, WATCH, TIME BOMB, NO DATA). */
  clog: string;
}

export interface HistoryFigures {
  /** How the history came: date-entered columns on the deals, or a table of stage changes. */
  shape: "columns" | "table";
  dealsWithHistory: number;
  stages: StageFigure[];
  /** The stage most lost deals left from, with its share of the lost deals. */
  whereDealsDie: { stage: string; lost: number; share: number | null } | null;
  /** The stage with the longest median stay. */
  slowest: { stage: string; medianDays: number } | null;
  /** Where the stage funnel is written (the pane's "Go to cell"). */
  anchor: { sheet: string; cell: string };
}

const known = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The figures, or null when the data has no stage history. */
export function historyFigures(a: Analysis): HistoryFigures | null {
  const h = a.history;
  const s = h.stages;
  if (!s || h.shape === "none") return null;
  const stages: StageFigure[] = s.rows.map((r) => ({
    stage: r.stage,
    deals: r.deals,
    entered: r.entered,
    advanced: r.advanced,
    lost: r.lost,
    conversion: known(r.anyStageConversion),
    medianDays: known(r.medianDays),
    p90Days: known(r.p90Days),
    clog: r.clog.status,
  }));
  const die = [...s.whereDealsDie].sort((x, y) => y.lost - x.lost)[0];
  let slowest: HistoryFigures["slowest"] = null;
  for (const f of stages) if (f.medianDays !== null && (slowest === null || f.medianDays > slowest.medianDays)) slowest = { stage: f.stage, medianDays: f.medianDays };
  return {
    shape: h.shape === "table" ? "table" : "columns",
    dealsWithHistory: s.dealsWithHistory,
    stages,
    whereDealsDie: die && die.lost > 0 ? { stage: die.stage, lost: die.lost, share: known(die.share) } : null,
    slowest,
    // the first stage's entries on GTM Stages, laid out as the sheet is
    anchor: stagesSheet(a)!.anchors.flow,
  };
}
