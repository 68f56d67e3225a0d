/**
 * The findings the summary leads with, most urgent first: firing time bombs, then watches, then where the
 * leads go, what moved revenue, the funnel, segments, gears, the compass and the data itself. Each is one
 * plain sentence with a short headline, the evidence behind it (why) and the question to ask next, and
 * points at the cell that holds its number.
 */
import { Analysis, LeverChange, TimeBomb, TimeBombId } from "../engine/analysis";
import { count, plain, show, signed } from "./format";
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

/** A time bomb's name for a card headline. */
const SHORT: Record<TimeBombId, string> = {
  "high-cac": "Acquisition cost",
  "inefficient-sales-team": "Reps below breakeven",
  "partners-leaving": "Partners leaving",
  "cost-of-goods": "Gross margin",
  "generation-behind": "Losses to competitors",
  "clogged-funnel": "Clogged funnel",
};

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

/** The first sentence of a text, and the rest. */
function firstSentence(text: string): [string, string] {
  const m = /^(.*?[.!?])\s+(?=[A-Z0-9])(.*)$/s.exec(text);
  return m ? [m[1], m[2]] : [text, ""];
}

function bombInsight(b: TimeBomb, s: SheetAnchors): ReportInsight {
  const facts = b.evidence.facts.map(plain);
  const [first, rest] = firstSentence(facts[0] ?? `${b.metricName}: ${show(b.metric, b.metricFormat)}.`);
  const why = [...(rest ? [rest] : []), ...facts.slice(1)];
  const list = (label: string, xs?: string[]) => (xs && xs.length ? [`${label}: ${xs.slice(0, 10).join(", ")}${xs.length > 10 ? ` and ${xs.length - 10} more` : ""}.`] : []);
  why.push(...list("Reps", b.evidence.reps), ...list("Partners", b.evidence.partners), ...list("Competitors", b.evidence.competitors));
  why.push(`${b.metricName}: ${show(b.metric, b.metricFormat)}; ${b.thresholdText}.`);
  return {
    kind: "timeBomb",
    status: b.status,
    // a ratio reads as a multiple ("Clogged funnel: 7.64×"), the sentence and "Why?" say of what
    headline: `${SHORT[b.id]}: ${show(b.metric, b.metricFormat)}${b.metricFormat === "ratio" && Number.isFinite(b.metric) ? "×" : ""}`,
    text: `${b.name}: ${first.replace(/^([A-Z])(?=[a-z])/, (c) => c.toLowerCase())}`,
    why,
    ask: b.question,
    anchor: s.bombs.anchors.get(b.id),
  };
}

/** What to ask when a lever moved revenue most, by direction. */
function leverQuestion(lever: "customers" | "frequency" | "averageDeal", up: boolean): string {
  const q = {
    customers: up ? "Which channels brought the new customers, and can they bring more?" : "Which customers did not come back, and why did fewer new ones arrive?",
    frequency: up ? "What made customers buy more often, and can it be repeated?" : "Which customers bought less often, and what changed for them?",
    averageDeal: up ? "What made deals larger, and will it last?" : "Why did deals get smaller: discounts, product mix or smaller customers?",
  };
  return q[lever];
}

export function buildInsights(a: Analysis, s: SheetAnchors): ReportInsight[] {
  const out: ReportInsight[] = [];
  for (const b of a.timeBombs) if (b.status === "TIME BOMB" || b.status === "WATCH") out.push(bombInsight(b, s));

  const f = a.funnel;
  const all = f.leadFunnel?.find((r) => r.origin === "All origins");
  if (all) {
    const origins = (f.leadFunnel ?? []).filter((o) => o.origin !== "All origins" && o.leads >= 20);
    const best = origins.reduce<(typeof origins)[number] | null>((m, o) => (!m || o.leadToWon > m.leadToWon ? o : m), null);
    const worst = origins.reduce<(typeof origins)[number] | null>((m, o) => (!m || o.leadToWon < m.leadToWon ? o : m), null);
    out.push({
      kind: "funnel",
      status: "INFO",
      headline: `${count(all.leads, "lead")} → ${all.won.toLocaleString("en-US")} won (${show(all.leadToWon, "percent")})`,
      text: `Of ${count(all.leads, "lead")}, ${all.opportunities.toLocaleString("en-US")} became opportunities (${show(all.leadToOpportunity, "percent")}) and ${all.won.toLocaleString("en-US")} were won (${show(all.leadToWon, "percent")}).`,
      why: [
        ...(best && worst && best !== worst
          ? [`Best origin: ${best.origin}, ${show(best.leadToWon, "percent")} of ${count(best.leads, "lead")} won.`, `Weakest origin: ${worst.origin}, ${show(worst.leadToWon, "percent")} of ${count(worst.leads, "lead")} won.`]
          : []),
        `${count(all.leads - all.opportunities, "lead")} never became an opportunity.`,
      ],
      ask: "Which lead origins turn into customers, and where should marketing spend move?",
      anchor: s.funnel.anchors.leadToWon ?? s.funnel.anchors.winRate,
    });
  }

  const v = f.volume;
  if (v && v.clogged) {
    const what = v.basis === "leads" ? "leads" : "new deals";
    out.push({
      kind: "funnel",
      status: "WATCH",
      headline: `More ${what}, not more wins`,
      text: `${what[0].toUpperCase()}${what.slice(1)} grew but wins ${count(v.lagPeriods, a.levers.period)} later did not keep pace: more volume in is not turning into more wins.`,
      why: [
        `Wins rose ${show(v.elasticity, "ratio")}% for each 1% more ${what} (below ${a.thresholds.elasticityClogged} counts as clogged).`,
        plain(v.note),
      ],
      ask: "Where do the extra deals stall, and do reps have the time to work them?",
      anchor: s.funnel.anchors.elasticity,
    });
  }

  const c = headlineChange(a);
  if (c) {
    const anchors = s.levers.changeAnchors.get(`${c.from}>${c.to}`);
    const from = a.levers.periods.find((p) => p.period === c.from);
    const rel = from && from.revenue > 0 ? ` (${show(Math.abs(c.revenueChange / from.revenue), "percent")})` : "";
    const up = c.revenueChange >= 0;
    let text = `Won revenue ${up ? "rose" : "fell"} ${show(Math.abs(c.revenueChange), "currency")}${rel} from ${c.from} to ${c.to}`;
    const why: string[] = [];
    let ask = "What moved revenue, and will it hold next period?";
    if (c.defined) {
      const parts = [
        { key: "customers" as const, name: "customers", v: c.customers },
        { key: "frequency" as const, name: "purchases per customer", v: c.frequency },
        { key: "averageDeal" as const, name: "average deal size", v: c.averageDeal },
      ];
      const top = parts.reduce((m, p) => (Math.abs(p.v) > Math.abs(m.v) ? p : m));
      text += `, most of it from ${top.name} (${signed(top.v)}).`;
      for (const p of parts) why.push(`From ${p.name}: ${signed(p.v)}.`);
      why.push("The three parts add up to the change exactly (LMDI).");
      if (c.note) why.push(`${c.note[0].toUpperCase()}${c.note.slice(1)}.`);
      ask = leverQuestion(top.key, top.v >= 0);
    } else {
      text += ".";
      if (c.note) why.push(`${c.note[0].toUpperCase()}${c.note.slice(1)}.`);
    }
    out.push({ kind: "lever", status: "INFO", headline: `Revenue ${signed(c.revenueChange)}${rel ? ` ${rel.trim()}` : ""} in ${c.to}`, text, why, ask, anchor: anchors?.change });
  } else if (f.won > 0 && !a.levers.periods.some((p) => p.revenue > 0)) {
    out.push({
      kind: "lever",
      status: "NO DATA",
      headline: "Revenue levers not known",
      text: `None of the ${count(f.won, "won deal")} has an amount, so revenue and its three levers (customers, purchases per customer, deal size) are not known.`,
      why: ["Won revenue per period would read 0 without amounts; it is left blank instead."],
      ask: "Which column holds the deal value? Map it (--map amount=\"Header\") and run again.",
      anchor: s.levers.anchors.note,
    });
  }

  if (f.won + f.lost > 0) {
    out.push({
      kind: "funnel",
      status: "INFO",
      headline: `Win rate ${show(f.winRate, "percent")}`,
      text: `Win rate ${show(f.winRate, "percent")} over ${count(f.won + f.lost, "closed deal")}${Number.isFinite(f.winRateByAmount) ? ` (${show(f.winRateByAmount, "percent")} by amount)` : ""}; the median won deal took ${show(f.medianWonCycleDays, "days")} and ${count(f.open, "deal")} ${f.open === 1 ? "is" : "are"} open.`,
      why: [
        `${f.won.toLocaleString("en-US")} won, ${f.lost.toLocaleString("en-US")} lost.`,
        Number.isFinite(f.winRateByAmount) ? `By amount: ${plain(f.winRateByAmountNote)}.` : `Win rate by amount ${plain(f.winRateByAmountNote)}.`,
        ...f.notes.map(plain),
      ],
      ask: "At which stage do most deals die, and what would move them on?",
      anchor: s.funnel.anchors.winRate,
    });
  }

  a.segments.rows.forEach((r, i) => {
    if (r.classification === "Uncaptured lead" || r.classification === "Lead deficit" || r.classification === "Ineffective strategy") {
      const why =
        r.classification === "Uncaptured lead"
          ? `marketing brings ${show(r.k, "percent")} of its leads here but only ${show(r.q, "percent")} of wins come from here`
          : r.classification === "Lead deficit"
            ? `${show(r.q, "percent")} of wins come from here with ${show(r.k, "percent")} of marketing's leads: sales finds these deals alone`
            : "effort goes where the market is thin";
      out.push({
        kind: "segment",
        status: "INFO",
        headline: `${r.segment}: ${r.classification.toLowerCase()}`,
        text: `${r.segment} (${r.label.toLowerCase()}) is "${r.classification}": ${why}.`,
        why: [`Lead share k ${show(r.k, "percent")}, won share q ${show(r.q, "percent")}, market share m ${Number.isFinite(r.m) ? show(r.m, "percent") : "not given"}.`],
        ask: r.classification === "Lead deficit" ? "Should marketing aim at this segment, since sales wins here anyway?" : "Is marketing aiming at buyers sales can close, or should the targeting change?",
        anchor: s.segments.anchors.rows[i],
      });
    }
  });
  if (a.segments.uncaptured.count > 0) {
    out.push({
      kind: "segment",
      status: "INFO",
      headline: `${count(a.segments.uncaptured.count, "lead")} never worked`,
      text: `${count(a.segments.uncaptured.count, "marketing lead")} ${a.segments.uncaptured.count === 1 ? "was" : "were"} never worked by a rep.`,
      why: [`Counted: ${a.segments.uncaptured.basis}.`],
      ask: "Who should follow these leads up, and how quickly?",
      anchor: s.segments.anchors.uncaptured,
    });
  }

  if (a.gears.bottleneck) {
    const g = a.gears.gears.find((x) => x.gear === a.gears.bottleneck)!;
    out.push({
      kind: "gear",
      status: "INFO",
      headline: `Bottleneck: ${g.gear}`,
      text: `Growth gears: ${g.gear.toLowerCase()} is the bottleneck (score ${g.score} of 5).`,
      why: [...g.metrics.map((m) => `${m.name}: ${show(m.value, m.format)}.`), "A failure that shows in execution often starts in an earlier gear (insight, then strategy)."],
      ask: g.gear === "Insight" ? "Do reps record why deals are won and lost, and does marketing read it?" : g.gear === "Strategy" ? "Is the pipeline inside the segments we chose to target?" : "Are leads worked quickly, and are reps winning what they work?",
      anchor: s.segments.anchors.gear,
    });
  }

  if (a.compass) {
    const cp = a.compass;
    if (cp.identityCrisis.startsWith("Over-invested")) {
      out.push({
        kind: "compass",
        status: "WATCH",
        headline: cp.identityCrisis,
        text: `Identity check: ${cp.identityCrisis.toLowerCase()}: ${show(cp.actualSalesShare, "percent")} of spend goes to sales where the compass suggests ${show(cp.recommendedSalesShare, "percent")}.`,
        why: [`Sales intensity ${Math.round(cp.salesIntensity)} of 100 (${cp.lead}).`, `Actual sales share: ${cp.actualShareBasis}.`],
        ask: "Does the split of spend between marketing and sales match how this product is bought?",
        anchor: s.compass?.anchors.identity,
      });
    }
    if (cp.lead === "Danger zone") {
      out.push({
        kind: "compass",
        status: "WATCH",
        headline: "Compass: danger zone",
        text: `Leslie's Compass puts the product in the danger zone (sales intensity ${Math.round(cp.salesIntensity)}): choose whether marketing or sales leads.`,
        why: cp.notes.map(plain),
        ask: "Which function leads this product, marketing or sales?",
        anchor: s.compass?.anchors.intensity,
      });
    }
  }

  const noData = a.timeBombs.filter((b) => b.status === "NO DATA");
  if (noData.length) {
    out.push({
      kind: "data",
      status: "NO DATA",
      headline: `${count(noData.length, "check")} could not run`,
      text: `${count(noData.length, "check")} could not run for lack of data: ${noData.map((b) => b.name.toLowerCase()).join("; ")}.`,
      why: noData.map((b) => `${b.name}: ${plain(b.notes[0] ?? "not measured")}`),
      ask: "Can the inputs sheet supply spend, rep cost and gross margin?",
      anchor: s.bombs.anchors.get(noData[0].id),
    });
  }
  return out.map((x, i) => ({ x, i })).sort((p, q) => (RANK[p.x.status ?? "INFO"] ?? 2) - (RANK[q.x.status ?? "INFO"] ?? 2) || p.i - q.i).map((p) => p.x);
}

/** The data-quality line, appended last. */
export function dataInsight(rows: { read: number; used: number; skipped: number }, issues: number, s: SheetAnchors): ReportInsight | null {
  if (rows.skipped === 0 && issues === 0) return null;
  return {
    kind: "data",
    status: "INFO",
    headline: `${count(issues, "data issue")}`,
    text: `${rows.skipped.toLocaleString("en-US")} of ${count(rows.read, "row")} ${rows.skipped === 1 ? "was" : "were"} skipped and ${count(issues, "cell issue")} found; GTM Data Issues lists each by sheet, row and column.`,
    why: [`${rows.used.toLocaleString("en-US")} rows used.`],
    ask: "Which of these cells should be fixed at the source?",
    anchor: rows.skipped > 0 ? s.issues.anchors.skipped : s.issues.anchors.issues,
  };
}
