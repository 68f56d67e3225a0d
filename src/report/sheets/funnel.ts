/**
 * "GTM Funnel": the key figures (each with a note when the data cannot give it), the funnel from the lead
 * when a leads table is joined, stage conversion, win rate per period, volume in vs wins out, the
 * lead-to-won funnel by origin, off-profile deals against the core, and open deals per rep.
 */
import { Analysis } from "../../engine/analysis";
import { count, numCell, plain } from "../format";
import { SheetLayout } from "../layout";
import { KeyFigure, keyFigureBlock } from "../figures";
import { ReportAnchor, ReportSheet } from "../types";

export const FUNNEL_SHEET = "GTM Funnel";
const MAX_REPS = 500;

export interface FunnelSheet {
  sheet: ReportSheet;
  anchors: { winRate: ReportAnchor; medianCycle: ReportAnchor; coverage: ReportAnchor; elasticity?: ReportAnchor; won: ReportAnchor; leadToWon?: ReportAnchor };
}

export function funnelSheet(analysis: Analysis): FunnelSheet {
  const f = analysis.funnel;
  const layout = new SheetLayout(FUNNEL_SHEET, [{ text: "The funnel: from first contact to won", style: "title" }, `Funnel definition: ${f.definition}`]);
  const amounts = Number.isFinite(f.openValue) || f.open === 0;
  const all = f.leadFunnel?.find((o) => o.origin === "All origins");
  const figures: KeyFigure[] = [
    ...(all ? [{ label: "Leads", value: all.leads, format: "integer" as const }, { label: "Lead to won", value: all.leadToWon, format: "percent" as const, note: `${count(all.won, "lead")} won of ${count(all.leads, "lead")}` }] : []),
    { label: "Deals", value: f.total, format: "integer" },
    { label: "Won", value: f.won, format: "integer" },
    { label: "Lost", value: f.lost, format: "integer" },
    { label: "Open", value: f.open, format: "integer" },
    { label: "Win rate (by count)", value: numCell(f.winRate), format: "percent", note: Number.isFinite(f.winRate) ? "won deals / closed deals" : "not known: no closed deal" },
    { label: "Win rate (by amount)", value: numCell(f.winRateByAmount), format: "percent", note: plain(f.winRateByAmountNote) },
    { label: "Median won cycle", value: numCell(f.medianWonCycleDays), format: "days", note: Number.isFinite(f.medianWonCycleDays) ? `over ${count(f.wonCycleDeals, "won deal")}` : "not known: no won deal has both dates" },
    { label: "Open pipeline value", value: numCell(f.openValue), format: "currency", note: Number.isFinite(f.openValue) ? (f.openValueEstimated ? "partly estimated from product medians" : "") : "not known: no deal has an amount" },
    {
      label: "Pipeline coverage",
      value: numCell(f.coverage),
      format: "decimal",
      note: Number.isFinite(f.coverage) ? `open value / won revenue per ${analysis.levers.period}` : `not known: ${!amounts ? "no deal has an amount" : f.open === 0 ? "no open deal" : plain(f.coverageNote).toLowerCase()}`,
    },
    { label: "Median open-deal age", value: numCell(f.medianOpenAgeDays), format: "days", note: Number.isFinite(f.medianOpenAgeDays) ? "" : `not known: ${f.open === 0 ? "no open deal" : "no open deal has a created date"}` },
  ];
  const head = layout.add(keyFigureBlock("Key figures", figures));
  layout.freezeAt(head);
  const at = (label: string) => layout.anchor(head, figures.findIndex((x) => x.label === label), 1);

  if (all) {
    const lf = layout.add({
      title: "From lead to won (all origins)",
      headers: ["Step", "Count", "Conversion from the step before", "Of all leads"],
      formats: [undefined, "integer", "percent", "percent"],
      rows: [
        ["Leads", all.leads, null, 1],
        ["Opportunities", all.opportunities, numCell(all.leadToOpportunity), numCell(all.leadToOpportunity)],
        ["Won", all.won, numCell(all.opportunities > 0 ? all.won / all.opportunities : NaN), numCell(all.leadToWon)],
      ],
      tableName: "GTM_Lead_To_Won",
    });
    layout.chart({ type: "bar", title: "From lead to won", block: lf, series: [1], dataLabels: true, height: 170, width: 380 });
  }
  const stages = layout.add({
    title: "Deals reaching each stage (stage order, then Won)",
    headers: ["Stage", "Deals reaching it", "Conversion to next stage"],
    formats: [undefined, "integer", "percent"],
    rows: f.stages.map((s) => [s.stage, s.reached, numCell(s.conversionToNext)]),
    tableName: "GTM_Funnel_Stages",
  });
  layout.chart({ type: "bar", title: "Deals reaching each stage", block: stages, series: [1], dataLabels: true, height: 190, width: 380 });
  const wr = layout.add({
    title: "Win rate by period of close date",
    headers: ["Period", "Won", "Lost", "Win rate"],
    formats: [undefined, "integer", "integer", "percent"],
    rows: f.winRateByPeriod.map((p) => [p.period, p.won, p.lost, numCell(p.winRate)]),
    tableName: "GTM_Win_Rate",
    cellNotes: f.winRateByPeriod.flatMap((p, i) => (Number.isFinite(p.winRate) ? [] : [{ row: i, col: 3, text: `No deal closed in ${p.period}: no win rate.` }])),
  });
  if (f.winRateByPeriod.length) layout.chart({ type: "line", title: "Win rate by period", block: wr, series: [3], width: 380 });

  let elasticity: ReportAnchor | undefined;
  if (f.volume) {
    const v = f.volume;
    const lag = count(v.lagPeriods, analysis.levers.period);
    const vol = layout.add({
      title: `Does volume in move wins out? (${v.basis} per ${analysis.levers.period} vs wins ${lag} later)`,
      headers: ["Period", v.basis === "leads" ? "Leads" : "Deals created", "Wins", `Wins ${lag} later`],
      formats: [undefined, "integer", "integer", "integer"],
      rows: v.periods.map((p) => [p.period, p.volumeIn, p.wins, numCell(p.winsLater)]),
      tableName: "GTM_Volume",
      cellNotes: v.periods.flatMap((p, i) => (Number.isFinite(p.winsLater) ? [] : [{ row: i, col: 3, text: `Not known yet: ${lag} after ${p.period} is past the last complete period.` }])),
    });
    layout.chart({ type: "line", title: "Volume in and wins out", block: vol, series: [1, 3], secondary: [3], width: 380 });
    const res = layout.add(
      keyFigureBlock("What the pairs say", [
        { label: "Correlation", value: numCell(v.correlation), format: "decimal", note: Number.isFinite(v.correlation) ? "" : "not known: fewer than 2 pairs" },
        { label: "Elasticity", value: numCell(v.elasticity), format: "decimal", note: Number.isFinite(v.elasticity) ? `wins grow this many % per 1% more volume; below ${analysis.thresholds.elasticityClogged} counts as clogged` : "not known: fewer than 3 complete pairs" },
        { label: "Volume grew", value: v.volumeGrew ? "yes" : "no" },
        { label: "Clogged", value: v.clogged === null ? null : v.clogged ? "yes" : "no", note: v.clogged === null ? "not known: no elasticity" : "" },
      ]),
    );
    layout.add({ headers: ["Reading"], rows: [[plain(v.note)]] });
    elasticity = layout.anchor(res, 1, 1);
  }
  let leadToWon: ReportAnchor | undefined;
  if (f.leadFunnel) {
    const lfo = layout.add({
      title: "Lead-to-won funnel by origin (leads joined to deals)",
      headers: ["Origin", "Leads", "Opportunities", "Won", "Lead to opportunity", "Lead to won"],
      formats: [undefined, "integer", "integer", "integer", "percent", "percent"],
      rows: f.leadFunnel.map((o) => [o.origin, o.leads, o.opportunities, o.won, numCell(o.leadToOpportunity), numCell(o.leadToWon)]),
      tableName: "GTM_Lead_Funnel",
    });
    leadToWon = layout.anchor(lfo, f.leadFunnel.length - 1, 5);
    const origins = f.leadFunnel.length - 1;
    if (origins > 1) layout.chart({ type: "bar", title: "Lead to won by origin", block: lfo, series: [5], height: Math.min(320, 90 + 18 * origins), width: 380 });
  }
  if (f.offProfile) {
    const o = f.offProfile;
    layout.add({
      title: `Off-profile deals against the core (${o.basis}: core = ${o.coreSegment}, the most won revenue)`,
      headers: ["Group", "Deals", "Won", "Lost", "Win rate", "Median won cycle"],
      formats: [undefined, "integer", "integer", "integer", "percent", "days"],
      rows: [
        [`Core (${o.coreSegment})`, o.core.deals, o.core.won, o.core.lost, numCell(o.core.winRate), numCell(o.core.medianWonCycleDays)],
        ["Off-profile", o.offProfile.deals, o.offProfile.won, o.offProfile.lost, numCell(o.offProfile.winRate), numCell(o.offProfile.medianWonCycleDays)],
      ],
      tableName: "GTM_Off_Profile",
    });
  }
  if (f.capacity) {
    const c = f.capacity;
    layout.add({
      title: `Open deals per rep (reps: ${c.repsBasis}${c.dealsPerRep > 0 ? `; capacity ${c.dealsPerRep} per rep` : "; no capacity given"})`,
      headers: ["Rep", "Open deals", "Over capacity"],
      formats: [undefined, "integer", undefined],
      rows: c.perRep.slice(0, MAX_REPS).map((r) => [r.rep, r.open, c.dealsPerRep > 0 ? (r.overCapacity ? "yes" : "no") : "not known"]),
      tableName: "GTM_Rep_Load",
    });
  }
  const notes = [f.coverageNote, ...f.notes].map(plain);
  layout.add({ title: "Notes", headers: ["Note"], rows: notes.map((n) => [n]) });
  return {
    sheet: layout.done(),
    anchors: {
      won: at("Won"),
      winRate: at("Win rate (by count)"),
      medianCycle: at("Median won cycle"),
      coverage: at("Pipeline coverage"),
      elasticity,
      leadToWon: leadToWon ?? (all ? at("Lead to won") : undefined),
    },
  };
}
