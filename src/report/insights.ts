/**
 * The plain-language lines the summary leads with, most urgent first: firing time bombs, then watches, then
 * what moved revenue, the funnel, segments, gears, the compass and the data itself. Each points at the cell
 * that holds its number.
 */
import { Analysis, LeverChange } from "../engine/analysis";
import { show, signed } from "./format";
import { CompassSheet } from "./sheets/compass";
import { DataIssuesSheet } from "./sheets/data-issues";
import { FunnelSheet } from "./sheets/funnel";
import { LeversSheet } from "./sheets/levers";
import { SegmentsSheet } from "./sheets/segments";
import { TimeBombsSheet } from "./sheets/timebombs";
import { ReportInsight } from "./types";

export interface SheetAnchors {
  levers: LeversSheet;
  bombs: TimeBombsSheet;
  funnel: FunnelSheet;
  segments: SegmentsSheet;
  compass: CompassSheet | null;
  issues: DataIssuesSheet;
}

const RANK: Record<string, number> = { "TIME BOMB": 0, WATCH: 1, INFO: 2, "NO DATA": 3 };

/** The latest change into a complete period whose split is defined (else the latest change at all). */
export function headlineChange(a: Analysis): LeverChange | undefined {
  // without any won amount there is no revenue change worth a headline
  if (!a.levers.periods.some((p) => p.revenue > 0)) return undefined;
  const complete = new Set(a.levers.periods.filter((p) => p.complete).map((p) => p.period));
  const ch = a.levers.changes;
  for (let i = ch.length - 1; i >= 0; i--) if (complete.has(ch[i].to) && ch[i].defined) return ch[i];
  for (let i = ch.length - 1; i >= 0; i--) if (complete.has(ch[i].to)) return ch[i];
  return ch[ch.length - 1];
}

export function buildInsights(a: Analysis, s: SheetAnchors, gearAnchor?: ReportInsight["anchor"]): ReportInsight[] {
  const out: ReportInsight[] = [];
  for (const b of a.timeBombs) {
    if (b.status !== "TIME BOMB" && b.status !== "WATCH") continue;
    const fact = b.evidence.facts[0] ?? `${b.metricName}: ${show(b.metric, b.metricFormat)}.`;
    out.push({ kind: "timeBomb", status: b.status, text: `${b.name} (${b.status}): ${fact} Ask next: ${b.question}`, anchor: s.bombs.anchors.get(b.id) });
  }

  const v = a.funnel.volume;
  if (v && v.clogged) {
    out.push({
      kind: "funnel",
      status: "WATCH",
      text: `${v.basis === "leads" ? "Leads" : "New deals"} grew but wins ${v.lagPeriods} period(s) later did not keep pace (elasticity ${show(v.elasticity, "ratio")}, line ${a.thresholds.elasticityClogged}): more volume in is not turning into more wins.`,
      anchor: s.funnel.anchors.elasticity,
    });
  }

  const c = headlineChange(a);
  if (c) {
    const anchors = s.levers.changeAnchors.get(`${c.from}>${c.to}`);
    const from = a.levers.periods.find((p) => p.period === c.from);
    const rel = from && from.revenue > 0 ? ` (${show(Math.abs(c.revenueChange / from.revenue), "percent")})` : "";
    let text = `Won revenue ${c.revenueChange >= 0 ? "rose" : "fell"} ${show(Math.abs(c.revenueChange), "currency")}${rel} from ${c.from} to ${c.to}`;
    if (c.defined) {
      const parts = [
        { name: "customers", v: c.customers },
        { name: "purchases per customer", v: c.frequency },
        { name: "average deal", v: c.averageDeal },
      ];
      const top = parts.reduce((m, p) => (Math.abs(p.v) > Math.abs(m.v) ? p : m));
      text += `: customers ${signed(c.customers)}, purchases per customer ${signed(c.frequency)}, average deal ${signed(c.averageDeal)}. The ${top.name} lever moved most.`;
    } else {
      text += `; ${c.note ?? "the split by lever is undefined"}.`;
    }
    out.push({ kind: "lever", status: "INFO", text, anchor: anchors?.change });
  } else if (a.funnel.won > 0 && !a.levers.periods.some((p) => p.revenue > 0)) {
    out.push({
      kind: "lever",
      status: "NO DATA",
      text: `None of the ${a.funnel.won} won deals has an amount, so the growth levers (customers, purchases per customer, average deal) cannot be split: map the column that holds the deal value.`,
    });
  }

  const f = a.funnel;
  if (f.won + f.lost > 0) {
    out.push({
      kind: "funnel",
      status: "INFO",
      text: `Win rate ${show(f.winRate, "percent")} over ${f.won + f.lost} closed deals; the median won deal took ${show(f.medianWonCycleDays, "days")}; ${f.open} deals are open.`,
      anchor: s.funnel.anchors.winRate,
    });
  }

  a.segments.rows.forEach((r, i) => {
    if (r.classification === "Uncaptured lead" || r.classification === "Lead deficit" || r.classification === "Ineffective strategy") {
      const why =
        r.classification === "Uncaptured lead"
          ? `marketing brings ${show(r.k, "percent")} of leads here but it yields ${show(r.q, "percent")} of wins`
          : r.classification === "Lead deficit"
            ? `${show(r.q, "percent")} of wins come from here with ${show(r.k, "percent")} of marketing leads: sales finds these deals alone`
            : "effort goes where the market is thin";
      out.push({ kind: "segment", status: "INFO", text: `${r.segment} (${r.label.toLowerCase()}) is "${r.classification}": ${why}.`, anchor: s.segments.anchors.rows[i] });
    }
  });
  if (a.segments.uncaptured.count > 0) {
    out.push({ kind: "segment", status: "INFO", text: `${a.segments.uncaptured.count} marketing lead(s) were never worked by a rep (${a.segments.uncaptured.basis}).`, anchor: s.segments.anchors.uncaptured });
  }

  if (a.gears.bottleneck) {
    const g = a.gears.gears.find((x) => x.gear === a.gears.bottleneck)!;
    out.push({ kind: "gear", status: "INFO", text: `Growth gears: ${g.gear} is the bottleneck (score ${g.score} of 5). A failure that shows in execution often starts in an earlier gear.`, anchor: gearAnchor });
  }

  if (a.compass) {
    const cp = a.compass;
    if (cp.identityCrisis.startsWith("Over-invested")) {
      out.push({ kind: "compass", status: "WATCH", text: `Identity check: ${cp.identityCrisis.toLowerCase()}: ${show(cp.actualSalesShare, "percent")} of spend goes to sales where the compass suggests ${show(cp.recommendedSalesShare, "percent")}.`, anchor: s.compass?.anchors.identity });
    }
    if (cp.lead === "Danger zone") {
      out.push({ kind: "compass", status: "WATCH", text: `Leslie's Compass puts the product in the danger zone (sales intensity ${Math.round(cp.salesIntensity)}): choose whether marketing or sales leads.`, anchor: s.compass?.anchors.intensity });
    }
  }

  const noData = a.timeBombs.filter((b) => b.status === "NO DATA");
  if (noData.length) {
    out.push({ kind: "data", status: "NO DATA", text: `${noData.length} check(s) could not run for lack of data: ${noData.map((b) => b.name.toLowerCase()).join("; ")}. The inputs sheet can supply most of it.`, anchor: s.bombs.anchors.get(noData[0].id) });
  }
  return out.map((x, i) => ({ x, i })).sort((p, q) => (RANK[p.x.status ?? "INFO"] ?? 2) - (RANK[q.x.status ?? "INFO"] ?? 2) || p.i - q.i).map((p) => p.x);
}

/** The data-quality line, appended last. */
export function dataInsight(rows: { read: number; used: number; skipped: number }, issues: number, s: SheetAnchors): ReportInsight | null {
  if (rows.skipped === 0 && issues === 0) return null;
  return {
    kind: "data",
    status: "INFO",
    text: `${rows.skipped} of ${rows.read} row(s) were skipped and ${issues} cell issue(s) were found: see GTM Data Issues for each one, located by sheet, row and column.`,
    anchor: rows.skipped > 0 ? s.issues.anchors.skipped : s.issues.anchors.issues,
  };
}
