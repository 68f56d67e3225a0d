/**
 * "GTM Funnel": headline figures, stage conversion, win rate per period, volume in vs wins out, the
 * lead-to-won funnel by origin, off-profile deals against the core, and open deals per rep.
 */
import { Analysis } from "../../engine/analysis";
import { numCell } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const FUNNEL_SHEET = "GTM Funnel";
const MAX_REPS = 500;

export interface FunnelSheet {
  sheet: ReportSheet;
  anchors: { winRate: ReportAnchor; medianCycle: ReportAnchor; coverage: ReportAnchor; elasticity?: ReportAnchor; won: ReportAnchor };
}

export function funnelSheet(analysis: Analysis): FunnelSheet {
  const f = analysis.funnel;
  const layout = new SheetLayout(FUNNEL_SHEET, [`Funnel definition: ${f.definition}`]);
  const head = layout.add({
    title: "Headline",
    headers: ["Deals", "Won", "Lost", "Open", "Win rate", "Median won cycle", "Open pipeline value", "Pipeline coverage", "Median open-deal age"],
    formats: ["integer", "integer", "integer", "integer", "percent", "days", "currency", "decimal", "days"],
    rows: [[f.total, f.won, f.lost, f.open, numCell(f.winRate), numCell(f.medianWonCycleDays), numCell(f.openValue), numCell(f.coverage), numCell(f.medianOpenAgeDays)]],
  });
  layout.freezeAt(head);
  const stages = layout.add({
    title: "Stage conversion (stage order, then Won)",
    headers: ["Stage", "Deals reaching it", "Conversion to next stage"],
    formats: [undefined, "integer", "percent"],
    rows: f.stages.map((s) => [s.stage, s.reached, numCell(s.conversionToNext)]),
    tableName: "GTM_Funnel_Stages",
  });
  layout.chart({ type: "bar", title: "Deals reaching each stage", block: stages, series: [1] });
  const wr = layout.add({
    title: "Win rate by period of close date",
    headers: ["Period", "Won", "Lost", "Win rate"],
    formats: [undefined, "integer", "integer", "percent"],
    rows: f.winRateByPeriod.map((p) => [p.period, p.won, p.lost, numCell(p.winRate)]),
    tableName: "GTM_Win_Rate",
  });
  if (f.winRateByPeriod.length) layout.chart({ type: "line", title: "Win rate by period", block: wr, series: [3] });

  let elasticity: ReportAnchor | undefined;
  if (f.volume) {
    const v = f.volume;
    const vol = layout.add({
      title: `Does volume in move wins out? (${v.basis} per period vs wins ${v.lagPeriods} period(s) later)`,
      headers: ["Period", v.basis === "leads" ? "Leads" : "Deals created", "Wins", `Wins ${v.lagPeriods} period(s) later`],
      formats: [undefined, "integer", "integer", "integer"],
      rows: v.periods.map((p) => [p.period, p.volumeIn, p.wins, numCell(p.winsLater)]),
      tableName: "GTM_Volume",
    });
    layout.chart({ type: "line", title: "Volume in and wins out", block: vol, series: [1, 3] });
    const res = layout.add({
      headers: ["Correlation", "Elasticity", "Volume grew", "Clogged", "Reading"],
      formats: ["decimal", "decimal", undefined, undefined, undefined],
      rows: [[numCell(v.correlation), numCell(v.elasticity), v.volumeGrew ? "yes" : "no", v.clogged === null ? "not known" : v.clogged ? "yes" : "no", v.note]],
    });
    elasticity = layout.anchor(res, 0, 1);
  }
  if (f.leadFunnel) {
    layout.add({
      title: "Lead-to-won funnel by origin (leads joined to deals)",
      headers: ["Origin", "Leads", "Opportunities", "Won", "Lead to opportunity", "Lead to won"],
      formats: [undefined, "integer", "integer", "integer", "percent", "percent"],
      rows: f.leadFunnel.map((o) => [o.origin, o.leads, o.opportunities, o.won, numCell(o.leadToOpportunity), numCell(o.leadToWon)]),
      tableName: "GTM_Lead_Funnel",
    });
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
  const notes = [f.coverageNote, ...f.notes];
  layout.add({ title: "Notes", headers: ["Note"], rows: notes.map((n) => [n]) });
  return {
    sheet: layout.done(),
    anchors: {
      won: layout.anchor(head, 0, 1),
      winRate: layout.anchor(head, 0, 4),
      medianCycle: layout.anchor(head, 0, 5),
      coverage: layout.anchor(head, 0, 7),
      elasticity,
    },
  };
}
