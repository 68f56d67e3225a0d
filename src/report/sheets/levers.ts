/** "GTM Levers": revenue = customers x frequency x average deal per period, and the LMDI split of each change. */
import { Analysis } from "../../engine/analysis";
import { a1, numCell } from "../format";
import { SheetLayout } from "../layout";
import { ReportAnchor, ReportSheet } from "../types";

export const LEVERS_SHEET = "GTM Levers";

export interface LeversSheet {
  sheet: ReportSheet;
  /** Anchor of each change row's revenue-change cell, by "from>to". */
  changeAnchors: Map<string, { change: ReportAnchor; customers: ReportAnchor; frequency: ReportAnchor; averageDeal: ReportAnchor }>;
  /** Anchor of each period's revenue cell. */
  revenueAnchors: Map<string, ReportAnchor>;
}

export function leversSheet(analysis: Analysis): LeversSheet {
  const lev = analysis.levers;
  const basis = lev.customerBasis === "account" ? "C = distinct customers with a won deal" : "C = won deals (no customer column)";
  const layout = new SheetLayout(LEVERS_SHEET, [
    `Revenue R = customers C x purchases per customer F x average deal A, by ${lev.period} of close date (${basis}; F = N / C; A = R / N).`,
  ]);
  const periods = layout.add({
    title: "Revenue by lever per period",
    headers: ["Period", "Won revenue", "Customers (C)", "Won deals (N)", "Frequency (F)", "Average deal (A)", "Complete period"],
    formats: [undefined, "currency", "integer", "integer", "decimal", "currency", undefined],
    rows: lev.periods.map((p) => [p.period, p.revenue, p.customers, p.deals, numCell(p.frequency), numCell(p.averageDeal), p.complete ? "yes" : "no (still running)"]),
    tableName: "GTM_Levers",
  });
  layout.freezeAt(periods);
  // the sum column is a live formula over the three parts, so a reader can check that nothing is left over
  const changes = layout.add({
    title: "Change split by lever (LMDI: the parts add up to the change exactly)",
    headers: ["Period", "Compared with", "Revenue change", "From customers", "From frequency", "From average deal", "Sum of parts", "Note"],
    formats: [undefined, undefined, "currency", "currency", "currency", "currency", "currency", undefined],
    rows: lev.changes.map((c) => [c.to, c.from, c.revenueChange, numCell(c.customers), numCell(c.frequency), numCell(c.averageDeal), null, c.note ?? ""]),
    tableName: "GTM_Lever_Changes",
  });
  const firstRow = layout.sheet.blocks[changes].row + 1;
  lev.changes.forEach((c, i) => {
    if (!c.defined) return;
    const r = firstRow + i;
    layout.sheet.blocks[changes].rows[i][6] = { formula: `SUM(${a1(r, 3)}:${a1(r, 5)})`, result: c.customers + c.frequency + c.averageDeal };
  });
  if (lev.changes.length > 0) layout.chart({ type: "columnStacked", title: "Revenue change by lever", block: changes, series: [3, 4, 5] });
  if (lev.periods.length > 0) layout.chart({ type: "column", title: "Won revenue per period", block: periods, series: [1] });
  if (lev.notes.length) layout.add({ title: "Notes", headers: ["Note"], rows: lev.notes.map((n) => [n]) });

  const changeAnchors: LeversSheet["changeAnchors"] = new Map();
  lev.changes.forEach((c, i) => {
    changeAnchors.set(`${c.from}>${c.to}`, {
      change: layout.anchor(changes, i, 2),
      customers: layout.anchor(changes, i, 3),
      frequency: layout.anchor(changes, i, 4),
      averageDeal: layout.anchor(changes, i, 5),
    });
  });
  const revenueAnchors = new Map(lev.periods.map((p, i) => [p.period, layout.anchor(periods, i, 1)] as const));
  return { sheet: layout.done(), changeAnchors, revenueAnchors };
}
