/**
 * Formatted and grouped report exports: group cells filled down, subtotal / total / record-count / footer /
 * group header rows skipped and listed as such (never as bad deals), and the ordinary export left alone.
 */
import { readPipeline, OUTCOME_WON, type PipelineData } from "../../src/pipeline";
import { detectReportShape, reportWord, ROW_FOOTER, ROW_RECORD_COUNT, ROW_SUBTOTAL, ROW_TOTAL } from "../../src/pipeline/report-rows";
import { byReason, deepFreeze, grid } from "./helpers";
import { tableOf } from "../../src/pipeline/table";

const ownerOf = (data: PipelineData) => Array.from(data.deals.owner.codes, (c) => (c < 0 ? "" : data.deals.owner.labels[c]));
const stageOf = (data: PipelineData) => Array.from(data.deals.stage.codes, (c) => data.deals.stage.labels[c]);

describe("report rows", () => {
  it("recognises the words of subtotal, total, record-count and footer rows in several languages, and nothing else", () => {
    for (const t of ["Subtotal", "Sub-Total", "Zwischensumme", "Sous-total", "Subtotal (12 records)"]) expect([t, reportWord(t)]).toEqual([t, ROW_SUBTOTAL]);
    for (const t of ["Total", "Grand Totals (8,800 records)", "Gesamtsumme", "Summe", "Total général", "Total:"]) expect([t, reportWord(t)]).toEqual([t, ROW_TOTAL]);
    for (const t of ["Record Count", "Record Count: 8,800", "(4,238 records)", "12 rows"]) expect([t, reportWord(t)]).toEqual([t, ROW_RECORD_COUNT]);
    for (const t of ["Confidential Information - Do Not Distribute", "Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved.", "© 2024 Acme", "Alle Rechte vorbehalten"]) expect([t, reportWord(t)]).toEqual([t, ROW_FOOTER]);
    for (const t of ["Total Systems Inc", "Totally Tech", "Won", "Acme", "Copy of deal", "Summer deal"]) expect([t, reportWord(t)]).toEqual([t, 0]);
  });

  it("a Salesforce report grouped by stage: the stage is filled down, subtotals, the total, the record count and the footer are skipped and listed", () => {
    const values = deepFreeze([
      ["Opportunities by Stage"], ["Filtered By:"], [],
      ["Stage", "Opportunity Owner", "Opportunity Name", "Amount", "Close Date"],
      ["Closed Won", "Ann", "O1", 100, "2017-01-10"],
      ["", "Bob", "O2", 200, "2017-02-10"],
      ["", "Ann", "O3", 300, "2017-03-10"],
      ["", "Subtotal", "", 600, ""],
      ["Closed Lost", "Bob", "O4", 50, "2017-02-01"],
      ["", "Ann", "O5", 60, "2017-02-02"],
      ["", "Subtotal", "", 110, ""],
      ["Total", "", "", 710, ""],
      ["", "Record Count: 5"],
      [],
      ["Confidential Information - Do Not Distribute"],
      ["Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."],
    ]);
    const data = readPipeline(grid(values));
    expect(stageOf(data)).toEqual(["Closed Won", "Closed Won", "Closed Won", "Closed Lost", "Closed Lost"]);
    expect(Array.from(data.deals.amount)).toEqual([100, 200, 300, 50, 60]);
    expect(data.rows).toEqual({ read: 12, used: 5, skipped: 7 });
    expect(data.skippedRows).toEqual({ blank: 1, report: 6, noStage: 0, copies: 0 });
    expect(byReason(data.diagnostics, "subtotal-row").map((d) => d.row)).toEqual([8, 11]);
    expect(byReason(data.diagnostics, "total-row")[0]).toMatchObject({ row: 12, severity: "info", message: 'Row 12 is a total row of a formatted report ("Total"): not a deal, skipped.' });
    expect(byReason(data.diagnostics, "record-count-row").map((d) => d.row)).toEqual([13]);
    expect(byReason(data.diagnostics, "footer-row").map((d) => d.row)).toEqual([15, 16]);
    expect(byReason(data.diagnostics, "filled-down")[0]).toMatchObject({ header: "Stage", count: 3 });
    // none of it is a bad deal
    expect(byReason(data.diagnostics, "no-stage")).toEqual([]);
    expect(data.stageOrder).toEqual([]);
    expect(data.warnings.map((w) => w.reason)).toEqual([]);
  });

  it("grouped by owner with the owner only on each group's first row (a merged cell reads blank below)", () => {
    const values: unknown[][] = [["Opportunity Owner", "Stage", "Amount", "Close Date"]];
    const owners = ["Ann", "Bob", "Cy"];
    for (const o of owners) {
      for (let i = 0; i < 4; i++) values.push([i === 0 ? o : "", i % 2 ? "Closed Won" : "Prospecting", 10, i % 2 ? "2017-05-01" : ""]);
      values.push([`Subtotal (4 records)`, "", 40, ""]);
    }
    values.push(["Grand Totals (12 records)", "", 120, ""]);
    const data = readPipeline(grid(values));
    expect(ownerOf(data)).toEqual(owners.flatMap((o) => [o, o, o, o]));
    expect(data.warnings).toEqual([]);
  });

  it("group header rows ('Stage: Closed Won (2 records)') head the rows below them", () => {
    const values = [
      ["Stage", "Owner", "Amount", "Close Date"],
      ["Stage: Closed Won (2 records)"],
      ["", "Ann", 10, "2017-01-01"],
      ["", "Bob", 20, "2017-01-02"],
      ["Stage: Negotiation (1 record)"],
      ["", "Ann", 30, ""],
    ];
    const data = readPipeline(grid(values));
    expect(stageOf(data)).toEqual(["Closed Won", "Closed Won", "Negotiation"]);
    expect(byReason(data.diagnostics, "group-header-row").map((d) => d.row)).toEqual([2, 5]);
  });

  it("Excel's Data > Subtotal rows ('Won Total', 'Grand Total') are skipped", () => {
    const values = [["Stage", "Owner", "Amount"], ["Won", "Ann", 10], ["Won", "Bob", 20], ["Won Total", "", 30], ["Lost", "Ann", 5], ["Lost Total", "", 5], ["Grand Total", "", 35]];
    const data = readPipeline(grid(values));
    expect(data.rows.used).toBe(3);
    expect(byReason(data.diagnostics, "subtotal-row")).toHaveLength(2);
    expect(byReason(data.diagnostics, "total-row")).toHaveLength(1);
  });

  it("an ordinary export is left alone: a sparse column (won dates, partners) is never filled down, a deal row with an id is never a report row", () => {
    const values: unknown[][] = [["Deal ID", "Stage", "Amount", "Won Date", "Partner", "Notes"]];
    for (let i = 0; i < 400; i++) {
      const won = i % 2 === 0;
      values.push([`D${i}`, won ? "Won" : "Lost", 100, won ? `2017-0${1 + (i % 9)}-15` : "", i % 50 === 0 ? "Reseller Co" : "", i === 7 ? "Total" : ""]);
    }
    const data = readPipeline(grid(values));
    expect(data.rows.used).toBe(400);
    const wonDates = Array.from(data.deals.closed).filter((x) => !Number.isNaN(x)).length;
    expect(wonDates).toBe(200);
    expect(data.deals.partner.codes.filter((c) => c >= 0).length).toBe(8);
    expect(byReason(data.diagnostics, "filled-down")).toEqual([]);
    let won = 0;
    for (let i = 0; i < data.deals.count; i++) won += +(data.deals.outcome[i] === OUTCOME_WON);
    expect(won).toBe(200);
    // the shape finder does nothing at all for it
    expect(detectReportShape(tableOf(grid(values)), 1, values.length, values[0] as string[], [1, 3, 4], 0)).toMatchObject({ kinds: null, table: null });
  });
});
