/**
 * What the stage history says, by its shape: none (the funnel of current stages only, as before), date-entered
 * columns (the stage-to-stage funnel; no amounts or close dates over time, so no waterfall), or a table of
 * changes (the stage funnel, the pipeline waterfall and close-date slippage).
 */
import { AnalysisContext } from "./context";
import { HistoryAnalysis } from "./history-types";
import { analyzeStages } from "./stages";
import { analyzeWaterfall } from "./waterfall";

export const NO_HISTORY_NOTE =
  "No stage history in the data: the funnel counts each deal at its current stage (GTM Funnel). Where deals " +
  "die, days in stage, the pipeline waterfall and slippage need a stage history: date-entered columns on the " +
  "deals (HubSpot) or a table of stage changes (--history).";

export function analyzeHistory(ctx: AnalysisContext): HistoryAnalysis {
  const h = ctx.data.history;
  if (!h || h.count === 0) return { shape: "none", note: NO_HISTORY_NOTE, stages: null, waterfall: null, slippage: null };
  const stages = analyzeStages(ctx);
  if (h.shape === "columns") {
    return {
      shape: "columns",
      note: "Stage history from date-entered columns on the deals table: one date per stage and deal, no amounts or close dates over time, so the waterfall and slippage need a table of changes (--history) or snapshots.",
      stages,
      waterfall: null,
      slippage: null,
    };
  }
  const w = analyzeWaterfall(ctx);
  const has = [h.amount ? "amounts" : "", h.closeDate ? "close dates" : ""].filter(Boolean);
  return {
    shape: "table",
    note: `Stage history from a table of changes${has.length ? ` with ${has.join(" and ")}` : " (no amounts or close dates: the waterfall shows what it can)"}.${h.closeDate ? "" : " Without close dates, slippage is not known."}`,
    stages,
    waterfall: w.waterfall,
    slippage: w.slippage,
  };
}
