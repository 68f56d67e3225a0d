/**
 * The figures of the Maven pipeline counted straight from sales_pipeline.csv, with none of GTM Compass's
 * code: what every re-exported CRM shape must read back to.
 */
import type { Maven, Ymd } from "./crm-reexport";
import { serialOf } from "./crm-reexport";

export interface MavenFigures {
  won: number;
  lost: number;
  open: number;
  winRate: number;
  /** Median of close - engage in days over won deals (whole days: the CSV has no times). */
  medianWonCycle: number;
  /** Won revenue per quarter of the close date, "2017-Q1" → sum. */
  wonRevenueByQuarter: Map<string, number>;
  /** Distinct sales agents with a deal. */
  reps: number;
  /** Deals with a sales agent. */
  ownersFilled: number;
  /** The latest engage or close date, as an Excel serial: the last actual event. */
  latestEvent: number;
}

const q = (x: Ymd) => `${x.y}-Q${Math.ceil(x.m / 3)}`;

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function mavenFigures(m: Maven): MavenFigures {
  let won = 0;
  let lost = 0;
  let open = 0;
  const cycles: number[] = [];
  const rev = new Map<string, number>();
  let latest = -Infinity;
  for (const d of m.deals) {
    if (d.stage === "Won") won++;
    else if (d.stage === "Lost") lost++;
    else open++;
    if (d.engage) latest = Math.max(latest, serialOf(d.engage));
    if (d.close) latest = Math.max(latest, serialOf(d.close));
    if (d.stage === "Won" && d.close) {
      rev.set(q(d.close), (rev.get(q(d.close)) ?? 0) + (d.value ?? 0));
      if (d.engage) {
        const c = serialOf(d.close) - serialOf(d.engage);
        if (c >= 0) cycles.push(c);
      }
    }
  }
  return {
    won, lost, open, winRate: won / (won + lost), medianWonCycle: median(cycles), wonRevenueByQuarter: rev,
    reps: new Set(m.deals.map((d) => d.agent).filter(Boolean)).size,
    ownersFilled: m.deals.filter((d) => d.agent).length,
    latestEvent: latest,
  };
}
