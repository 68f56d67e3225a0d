/**
 * The headline figures of an analysis, in one place: GTM Summary's tiles and the task pane's Results tiles
 * both show exactly these. A figure the data cannot give has `value: null` and says why in `unknown`.
 */
import type { Analysis, MetricFormat } from "../engine/analysis";
import type { AnalysisInput } from "../model/tables";
import { headlineChange } from "./insights";

export type HeadlineId = "wonRevenue" | "revenueChange" | "winRate" | "medianCycle" | "openPipeline" | "coverage" | "leadToWon";

export interface HeadlineFigure {
  id: HeadlineId;
  /** Short label for a tile, e.g. "Won revenue 2017-Q4". */
  label: string;
  /** The number, or null when the data cannot give it. */
  value: number | null;
  format: MetricFormat;
  /** Why the value is not known (only when value is null), in plain words. */
  unknown?: string;
  /** One short line under the number, e.g. "8,000 leads → 842 won" or the lever split. */
  detail?: string;
}

const known = (x: number): number | null => (Number.isFinite(x) ? x : null);

export function headlineFigures(a: Analysis, data: AnalysisInput): HeadlineFigure[] {
  const out: HeadlineFigure[] = [];
  const hasAmounts = a.levers.periods.some((p) => p.revenue > 0);
  const noAmount = "not known: no won deal has an amount";
  const last = [...a.levers.periods].reverse().find((p) => p.complete);
  out.push({
    id: "wonRevenue",
    label: last ? `Won revenue ${last.period}` : "Won revenue",
    value: hasAmounts && last ? last.revenue : null,
    format: "currency",
    unknown: !hasAmounts ? noAmount : !last ? "not known: no complete period in the data" : undefined,
  });
  const change = headlineChange(a);
  out.push({
    id: "revenueChange",
    label: change ? `Change ${change.from} → ${change.to}` : "Revenue change",
    value: change ? change.revenueChange : null,
    format: "currency",
    unknown: change ? undefined : hasAmounts ? "not known: fewer than two periods" : noAmount,
  });
  const f = a.funnel;
  out.push({
    id: "winRate",
    label: "Win rate",
    value: known(f.winRate),
    format: "percent",
    unknown: Number.isFinite(f.winRate) ? undefined : "not known: no closed deal",
    detail: `${f.won.toLocaleString("en-US")} won, ${f.lost.toLocaleString("en-US")} lost`,
  });
  out.push({
    id: "medianCycle",
    label: "Median won cycle",
    value: known(f.medianWonCycleDays),
    format: "days",
    unknown: Number.isFinite(f.medianWonCycleDays) ? undefined : "not known: no won deal has both a created and a close date",
  });
  const anyAmount = data.deals.amount.some((x) => x === x);
  out.push({
    id: "openPipeline",
    label: "Open pipeline",
    value: anyAmount ? known(f.openValue) : null,
    format: "currency",
    unknown: anyAmount ? undefined : "not known: the deals have no amounts",
    detail: `${f.open.toLocaleString("en-US")} open deals${f.openValueEstimated ? " (value partly estimated)" : ""}`,
  });
  out.push({
    id: "coverage",
    label: "Pipeline coverage",
    value: anyAmount ? known(f.coverage) : null,
    format: "ratio",
    unknown: anyAmount && Number.isFinite(f.coverage) ? undefined : `not known: ${f.coverageNote || "no amounts"}`,
  });
  const all = f.leadFunnel?.find((r) => r.origin === "All origins");
  if (all) {
    out.push({
      id: "leadToWon",
      label: "Lead to won",
      value: known(all.leadToWon),
      format: "percent",
      detail: `${all.leads.toLocaleString("en-US")} leads → ${all.won.toLocaleString("en-US")} won`,
    });
  }
  return out;
}
