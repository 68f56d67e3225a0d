/**
 * The headline figures of an analysis, in one place: GTM Summary's tiles and the task pane's Results tiles
 * both show exactly these, in this order (with a leads table, lead to won comes first). A figure the data
 * cannot give has `value: null` and says why in `unknown`.
 */
import type { Analysis, MetricFormat } from "../engine/analysis";
import type { AnalysisInput } from "../model/tables";
import { count, show, signed } from "./format";
import { headlineChange } from "./insights";

export type HeadlineId = "wonRevenue" | "revenueChange" | "winRate" | "winRateByAmount" | "medianCycle" | "openPipeline" | "coverage" | "leadToWon";

export interface HeadlineFigure {
  id: HeadlineId;
  /** Short label for a tile, e.g. "Won revenue 2017-Q4". */
  label: string;
  /** The number, or null when the data cannot give it. */
  value: number | null;
  format: MetricFormat;
  /** Why the value is not known (only when value is null), in plain words: "not known: ...". */
  unknown?: string;
  /** One short line under the number, e.g. "8,000 leads → 842 won" or the lever split. */
  detail?: string;
}

const known = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** "8,000 leads → 842 won (10.5%)": the funnel from the lead, when a leads table is joined. */
export function leadHeadline(a: Analysis): string | null {
  const all = a.funnel.leadFunnel?.find((r) => r.origin === "All origins");
  if (!all) return null;
  return `${count(all.leads, "lead")} → ${all.won.toLocaleString("en-US")} won (${show(all.leadToWon, "percent")})`;
}

export function headlineFigures(a: Analysis, data: AnalysisInput): HeadlineFigure[] {
  const out: HeadlineFigure[] = [];
  const f = a.funnel;
  const all = f.leadFunnel?.find((r) => r.origin === "All origins");
  if (all) {
    out.push({
      id: "leadToWon",
      label: "Lead to won",
      value: known(all.leadToWon),
      format: "percent",
      detail: `${count(all.leads, "lead")} → ${count(all.opportunities, "opportunity", "opportunities")} → ${all.won.toLocaleString("en-US")} won`,
    });
  }
  const hasAmounts = a.levers.periods.some((p) => p.revenue > 0);
  const noAmount = "not known: no won deal has an amount";
  const last = [...a.levers.periods].reverse().find((p) => p.complete);
  out.push({
    id: "wonRevenue",
    label: hasAmounts && last ? `Won revenue ${last.period}` : "Won revenue",
    value: hasAmounts && last ? last.revenue : null,
    format: "currency",
    unknown: !hasAmounts ? noAmount : !last ? "not known: no complete period in the data" : undefined,
    detail: hasAmounts && last ? `${count(last.deals, "won deal")}, ${count(last.customers, "customer")}` : undefined,
  });
  const change = headlineChange(a);
  const from = change ? a.levers.periods.find((p) => p.period === change.from) : undefined;
  out.push({
    id: "revenueChange",
    label: change ? `Change ${change.from} → ${change.to}` : "Revenue change",
    value: change ? change.revenueChange : null,
    format: "currency",
    unknown: change ? undefined : hasAmounts ? "not known: fewer than two periods" : noAmount,
    detail:
      change && change.defined
        ? `customers ${signed(change.customers)}, frequency ${signed(change.frequency)}, deal size ${signed(change.averageDeal)}`
        : change && from && from.revenue > 0
          ? `${show(change.revenueChange / from.revenue, "percent")} on ${change.from}`
          : undefined,
  });
  out.push({
    id: "winRate",
    label: "Win rate (by count)",
    value: known(f.winRate),
    format: "percent",
    unknown: Number.isFinite(f.winRate) ? undefined : "not known: no closed deal",
    detail: `${f.won.toLocaleString("en-US")} won, ${f.lost.toLocaleString("en-US")} lost`,
  });
  out.push({
    id: "winRateByAmount",
    label: "Win rate (by amount)",
    value: known(f.winRateByAmount),
    format: "percent",
    unknown: Number.isFinite(f.winRateByAmount) ? undefined : f.winRateByAmountNote,
    detail: Number.isFinite(f.winRateByAmount) ? `${show(f.wonValue, "currency")} won of ${show(f.wonValue + f.lostValue, "currency")}` : undefined,
  });
  out.push({
    id: "medianCycle",
    label: "Median won cycle",
    value: known(f.medianWonCycleDays),
    format: "days",
    unknown: Number.isFinite(f.medianWonCycleDays) ? undefined : "not known: no won deal has both a created and a close date",
    detail: Number.isFinite(f.medianWonCycleDays) ? `over ${count(f.wonCycleDeals, "won deal")}` : undefined,
  });
  const anyAmount = data.deals.amount.some((x) => x === x);
  out.push({
    id: "openPipeline",
    label: "Open pipeline",
    value: anyAmount ? known(f.openValue) : null,
    format: "currency",
    unknown: anyAmount ? (Number.isFinite(f.openValue) ? undefined : "not known: no open deal has an amount") : "not known: the deals have no amounts",
    detail: `${count(f.open, "open deal")}${f.openValueEstimated ? " (value partly estimated)" : ""}`,
  });
  out.push({
    id: "coverage",
    label: "Pipeline coverage",
    value: anyAmount ? known(f.coverage) : null,
    format: "ratio",
    unknown: anyAmount && Number.isFinite(f.coverage) ? undefined : anyAmount ? `not known: ${f.open === 0 ? "no open deal" : f.coverageNote.toLowerCase()}` : "not known: the deals have no amounts",
    detail: anyAmount && Number.isFinite(f.coverage) ? `open value / won per ${a.levers.period}` : undefined,
  });
  return out;
}
