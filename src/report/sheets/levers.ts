/** "GTM Levers": revenue = customers x frequency x average deal per period, and the LMDI split of each change. */
import { Analysis } from "../../engine/analysis";
import { a1, count, numCell, plain } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const LEVERS_SHEET = "GTM Levers";

export interface LeversSheet {
  sheet: ReportSheet;
  /** Anchor of each change row's revenue-change cell, by "from>to". */
  changeAnchors: Map<string, { change: ReportAnchor; customers: ReportAnchor; frequency: ReportAnchor; averageDeal: ReportAnchor }>;
  /** Anchor of each period's revenue cell. */
  revenueAnchors: Map<string, ReportAnchor>;
  anchors: { note: ReportAnchor };
}

export function leversSheet(analysis: Analysis): LeversSheet {
  const lev = analysis.levers;
  const basis = lev.customerBasis === "account" ? "C = distinct customers with a won deal" : "C = won deals (no customer column)";
  const hasAmounts = lev.periods.some((p) => p.revenue > 0);
  const layout = new SheetLayout(LEVERS_SHEET, [
    { text: "Growth levers: what moved won revenue", style: "title" },
    `Revenue R = customers C x purchases per customer F x average deal A, by ${lev.period} of close date (${basis}; F = N / C; A = R / N).`,
  ]);
  const changeAnchors: LeversSheet["changeAnchors"] = new Map();

  if (!hasAmounts) {
    // without amounts the levers are not known: won deals per period are, and revenue is left blank
    const won = analysis.funnel.winRateByPeriod;
    const reason = "No won deal has an amount: won revenue, the average deal and the lever split are not known.";
    const t = layout.add({
      title: "Won deals per period (revenue not known)",
      headers: ["Period", "Won deals", "Won revenue", "Note"],
      formats: [undefined, "integer", "currency", undefined],
      rows: won.map((p) => [p.period, p.won, null, "not known"]),
      tableName: "GTM_Levers",
      cellNotes: won.map((_, i) => ({ row: i, col: 2, text: reason })),
    });
    layout.freezeAt(t);
    const note = layout.add({ title: "Notes", headers: ["Note"], rows: [[reason], ...lev.notes.map((n) => [plain(n)])] });
    return { sheet: layout.done(), changeAnchors, revenueAnchors: new Map(), anchors: { note: layout.anchor(note, 0, 0) } };
  }

  const periods = layout.add({
    title: "Revenue by lever per period",
    headers: ["Period", "Won revenue", "Customers (C)", "Won deals (N)", "Frequency (F)", "Average deal (A)", "Complete"],
    formats: [undefined, "currency", "integer", "integer", "decimal", "currency", undefined],
    rows: lev.periods.map((p) => [p.period, p.revenue, p.customers, p.deals, numCell(p.frequency), numCell(p.averageDeal), p.complete ? "yes" : "still running"]),
    tableName: "GTM_Levers",
    cellNotes: lev.periods.flatMap((p, i) =>
      p.deals === 0
        ? [
            { row: i, col: 4, text: `No won deal in ${p.period}: purchases per customer is not defined.` },
            { row: i, col: 5, text: `No won deal in ${p.period}: the average deal is not defined.` },
          ]
        : [],
    ),
  });
  layout.freezeAt(periods);
  layout.chart({ type: "column", title: "Won revenue per period", block: periods, series: [1], height: 200 });
  // the sum column is a live formula over the three parts, so a reader can check that nothing is left over
  const changes = layout.add({
    title: "Change split by lever (LMDI: the parts add up to the change exactly)",
    headers: ["Period", "Compared with", "Revenue change", "From customers", "From frequency", "From average deal", "Sum of parts", "Note"],
    formats: [undefined, undefined, "currency", "currency", "currency", "currency", "currency", undefined],
    rows: lev.changes.map((c) => [c.to, c.from, c.revenueChange, numCell(c.customers), numCell(c.frequency), numCell(c.averageDeal), null, c.note ? plain(c.note) : ""]),
    tableName: "GTM_Lever_Changes",
    cellNotes: lev.changes.flatMap((c, i) => (c.defined ? [] : [3, 4, 5].map((col) => ({ row: i, col, text: plain(c.note ?? "The split is not defined.") })))),
  });
  const firstRow = layout.sheet.blocks[changes].row + 1;
  lev.changes.forEach((c, i) => {
    if (!c.defined) return;
    const r = firstRow + i;
    layout.sheet.blocks[changes].rows[i][6] = { formula: `SUM(${a1(r, 3)}:${a1(r, 5)})`, result: c.customers + c.frequency + c.averageDeal };
  });
  if (lev.changes.length > 0) {
    layout.chart({ type: "columnStacked", title: "Revenue change by lever", block: changes, series: [3, 4, 5, 2], lineSeries: [2], height: 230, width: 520 });
  }
  const note = layout.add({
    title: "Notes",
    headers: ["Note"],
    rows: [[`${count(lev.changes.length, "change")} between consecutive ${lev.period}s, each split exactly into the three levers.`], ...lev.notes.map((n) => [plain(n)])],
  });

  lev.changes.forEach((c, i) => {
    changeAnchors.set(`${c.from}>${c.to}`, {
      change: layout.anchor(changes, i, 2),
      customers: layout.anchor(changes, i, 3),
      frequency: layout.anchor(changes, i, 4),
      averageDeal: layout.anchor(changes, i, 5),
    });
  });
  const revenueAnchors = new Map(lev.periods.map((p, i) => [p.period, layout.anchor(periods, i, 1)] as const));
  return { sheet: layout.done(), changeAnchors, revenueAnchors, anchors: { note: layout.anchor(note, 0, 0) } };
}
