/**
 * The machine-readable summary (`--json`): plain JSON-safe values only; a number that could not be computed
 * is null, never NaN or Infinity (which JSON cannot hold).
 */
import { Analysis } from "../engine/analysis";
import { PipelineData } from "../pipeline/types";

const n = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface JsonSummary {
  rows: { read: number; used: number; skipped: number };
  asOf: number;
  funnel: {
    won: number;
    lost: number;
    open: number;
    /** Won / (won + lost), by count. */
    winRate: number | null;
    /** Won value / (won + lost value); null when lost (or won) deals carry no amount. */
    winRateByAmount: number | null;
    /** How the win rate by amount was taken, or why it is not known. */
    winRateByAmountNote: string;
    /** Leads in the joined leads table; null without one. */
    leads: number | null;
    /** Leads whose deal was won / leads (all origins); null without a leads table. */
    leadToWon: number | null;
    medianWonCycleDays: number | null;
    openValue: number | null;
    coverage: number | null;
    definition: string;
    stages: { stage: string; reached: number; conversionToNext: number | null }[];
    /** Lead-to-won funnel by lead origin when a leads table is joined; the last row is "All origins". */
    leadsByOrigin: { origin: string; leads: number; opportunities: number; won: number; leadToOpportunity: number | null; leadToWon: number | null }[] | null;
  };
  levers: {
    period: string;
    periodChosenBy: "user" | "data";
    customerBasis: "account" | "deals";
    periods: { period: string; revenue: number; customers: number; deals: number; frequency: number | null; averageDeal: number | null; complete: boolean }[];
    changes: { from: string; to: string; revenueChange: number; customers: number | null; frequency: number | null; averageDeal: number | null; defined: boolean; note?: string }[];
    notes: string[];
  };
  timeBombs: { id: string; name: string; status: string; metric: number | null; metricName: string; threshold: number | null; question: string; evidence: Analysis["timeBombs"][number]["evidence"] }[];
  segments: { segment: string; label: string; classification: string; deals: number; won: number; k: number | null; q: number | null; m: number | null }[];
  alignmentIndex: number | null;
  gears: { gear: string; score: number | null }[];
  bottleneck: string | null;
  cac: { period: string; spend: number; newCustomers: number; cac: number | null; paybackMonths: number | null; ltvToCac: number | null; flag: string }[];
  compass: { salesIntensity: number; lead: string; salesModel: string; identityCrisis: string } | null;
  mapping: Record<string, string>;
  leadMapping?: Record<string, string>;
  diagnostics: number;
  notes: string[];
}

export function toJsonSummary(a: Analysis, data: PipelineData): JsonSummary {
  const f = a.funnel;
  const all = f.leadFunnel?.find((o) => o.origin === "All origins");
  return {
    rows: { ...data.rows },
    asOf: a.period.asOf,
    funnel: {
      won: f.won,
      lost: f.lost,
      open: f.open,
      winRate: n(f.winRate),
      winRateByAmount: n(f.winRateByAmount),
      winRateByAmountNote: f.winRateByAmountNote,
      leads: all ? all.leads : null,
      leadToWon: all ? n(all.leadToWon) : null,
      medianWonCycleDays: n(f.medianWonCycleDays),
      openValue: n(f.openValue),
      coverage: n(f.coverage),
      definition: f.definition,
      stages: f.stages.map((s) => ({ stage: s.stage, reached: s.reached, conversionToNext: n(s.conversionToNext) })),
      leadsByOrigin: f.leadFunnel
        ? f.leadFunnel.map((o) => ({ origin: o.origin, leads: o.leads, opportunities: o.opportunities, won: o.won, leadToOpportunity: n(o.leadToOpportunity), leadToWon: n(o.leadToWon) }))
        : null,
    },
    levers: {
      period: a.levers.period,
      periodChosenBy: a.period.chosenBy,
      customerBasis: a.levers.customerBasis,
      periods: a.levers.periods.map((p) => ({ period: p.period, revenue: p.revenue, customers: p.customers, deals: p.deals, frequency: n(p.frequency), averageDeal: n(p.averageDeal), complete: p.complete })),
      changes: a.levers.changes.map((c) => ({
        from: c.from,
        to: c.to,
        revenueChange: c.revenueChange,
        customers: n(c.customers),
        frequency: n(c.frequency),
        averageDeal: n(c.averageDeal),
        defined: c.defined,
        ...(c.note ? { note: c.note } : {}),
      })),
      notes: a.levers.notes,
    },
    timeBombs: a.timeBombs.map((b) => ({ id: b.id, name: b.name, status: b.status, metric: n(b.metric), metricName: b.metricName, threshold: n(b.threshold), question: b.question, evidence: b.evidence })),
    segments: a.segments.rows.map((r) => ({ segment: r.segment, label: r.label, classification: r.classification, deals: r.deals, won: r.won, k: n(r.k), q: n(r.q), m: n(r.m) })),
    alignmentIndex: n(a.segments.alignmentIndex),
    gears: a.gears.gears.map((g) => ({ gear: g.gear, score: n(g.score) })),
    bottleneck: a.gears.bottleneck,
    cac: a.cac.periods.map((c) => ({ period: c.period, spend: c.spend, newCustomers: c.newCustomers, cac: n(c.cac), paybackMonths: n(c.paybackMonths), ltvToCac: n(c.ltvToCac), flag: c.flag })),
    compass: a.compass ? { salesIntensity: a.compass.salesIntensity, lead: a.compass.lead, salesModel: a.compass.salesModel, identityCrisis: a.compass.identityCrisis } : null,
    mapping: Object.fromEntries(data.mapping.map((m) => [m.field, m.header])),
    ...(data.leadMapping ? { leadMapping: Object.fromEntries(data.leadMapping.map((m) => [m.field, m.header])) } : {}),
    diagnostics: data.diagnostics.reduce((s, d) => s + (d.count ?? 1), 0),
    notes: [...a.notes],
  };
}
