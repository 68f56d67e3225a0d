/**
 * Stage history in its shapes: HubSpot date-entered columns on the deals table and a Salesforce
 * OpportunityHistory-style table give the same stage funnel on the same deals; bad history cells get
 * located messages; headers of the dbt packages' history tables map without help.
 */
import { readPipeline, PipelineError } from "../../src/pipeline";
import { analyze } from "../../src/engine/analyze";
import { mapHistoryHeaders } from "../../src/pipeline/history-table";
import { historyColumnHeader } from "../../src/pipeline/history-fields";
import type { SheetGrid } from "../../src/pipeline/types";
import { byReason, deepFreeze, serialOf } from "./helpers";

const day = (m: number, d: number) => serialOf(2024, m, d);
const STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation", "Closed Won", "Closed Lost"];

/** The same six deals' paths, written independently of the code under test. */
const PATHS: { id: string; amount: number; owner: string; steps: [string, number][] }[] = [
  { id: "D1", amount: 1000, owner: "Ann", steps: [["Prospecting", day(1, 1)], ["Qualification", day(1, 10)], ["Proposal", day(1, 20)], ["Closed Won", day(2, 1)]] },
  { id: "D2", amount: 2000, owner: "Bob", steps: [["Prospecting", day(1, 5)], ["Qualification", day(1, 15)], ["Closed Lost", day(1, 25)]] },
  // skips Qualification, then moves back to it
  { id: "D3", amount: 3000, owner: "Ann", steps: [["Prospecting", day(1, 2)], ["Proposal", day(1, 12)], ["Qualification", day(1, 22)]] },
  { id: "D4", amount: 4000, owner: "Bob", steps: [["Qualification", day(1, 3)], ["Negotiation", day(1, 20)]] },
  { id: "D5", amount: 5000, owner: "Ann", steps: [["Prospecting", day(2, 1)], ["Closed Lost", day(2, 10)]] },
  { id: "D6", amount: 6000, owner: "Bob", steps: [["Prospecting", day(3, 1)]] },
];

const last = <T>(xs: T[]) => xs[xs.length - 1];

function dealsWithColumns(): SheetGrid {
  const header = ["Deal ID", "Deal Stage", "Amount", "Create Date", "Close Date", "Deal owner",
    ...STAGES.map((s) => `Date entered "${s} (Sales Pipeline)"`)];
  const rows = PATHS.map((p) => {
    const [stage, at] = last(p.steps);
    const closed = /Closed/.test(stage) ? at : "";
    return [p.id, stage, p.amount, p.steps[0][1], closed, p.owner, ...STAGES.map((s) => p.steps.find((x) => x[0] === s)?.[1] ?? "")];
  });
  return { name: "Deals", values: [header, ...rows] };
}

function plainDeals(): SheetGrid {
  const g = dealsWithColumns();
  return { name: "Deals", values: g.values.map((r) => r.slice(0, 6)) };
}

/** Salesforce OpportunityHistory: one row per change, with an amount-only change on D4 and its own Id column. */
function opportunityHistory(): SheetGrid {
  const rows: unknown[][] = [["Id", "OpportunityId", "CreatedDate", "StageName", "Amount", "CloseDate", "ExpectedRevenue"]];
  let n = 1;
  for (const p of PATHS) {
    for (const [stage, at] of p.steps) rows.push([`008${n++}`, p.id, at, stage, p.amount, at + 30, p.amount / 2]);
  }
  rows.push(["008x", "D4", day(1, 10), "Qualification", 4500, day(2, 28), 0]);
  // sheet order is not date order
  const [head, ...body] = rows;
  return { name: "OpportunityHistory", values: [head, ...body.reverse()] };
}

describe("stage history: HubSpot columns and an OpportunityHistory table", () => {
  const columns = readPipeline(deepFreeze(dealsWithColumns()));
  const table = readPipeline(deepFreeze(plainDeals()), { history: deepFreeze(opportunityHistory()) });

  it("reads each shape and says which", () => {
    expect(columns.history?.shape).toBe("columns");
    expect(table.history?.shape).toBe("table");
    expect(readPipeline(plainDeals()).history).toBeUndefined();
    expect(table.historyMapping?.map((m) => [m.field, m.header])).toEqual([
      ["id", "OpportunityId"], ["stage", "StageName"], ["date", "CreatedDate"], ["amount", "Amount"], ["closeDate", "CloseDate"],
    ]);
    // the date-entered columns are history, not unused headers
    expect(byReason(columns.diagnostics, "unmapped-header")).toEqual([]);
  });

  it("gives the same stage funnel from both shapes, as counted by hand", () => {
    const a = analyze(columns).history.stages!;
    const b = analyze(table).history.stages!;
    const strip = (s: typeof a) => s.rows.map(({ clog: _c, ...r }) => r);
    expect(strip(b)).toEqual(strip(a));
    expect(b.whereDealsDie).toEqual(a.whereDealsDie);
    expect(b.won).toEqual(a.won);
    const byStage = Object.fromEntries(a.rows.map((r) => [r.stage, [r.entered, r.advanced, r.lost, r.movedBack, r.open]]));
    expect(a.rows.map((r) => r.stage)).toEqual(["Prospecting", "Qualification", "Proposal", "Negotiation"]);
    expect(byStage).toEqual({
      Prospecting: [5, 3, 1, 0, 1],
      Qualification: [4, 2, 1, 0, 1],
      Proposal: [2, 1, 0, 1, 0],
      Negotiation: [1, 0, 0, 0, 1],
    });
    const pr = a.rows[0];
    expect(pr.medianDays).toBe(9.5); // stays of 9, 10, 10 and 9 days
    expect(a.rows.map((r) => r.anyStageConversion)).toEqual([4 / 5, 2 / 4, 1 / 2, 1 / 1]);
    expect(a.rows.map((r) => r.inOrderDeals)).toEqual([5, 3, 1, 0]);
    expect(a.won).toEqual({ deals: 1, inOrderDeals: 0 });
    expect(a.whereDealsDie.map((x) => [x.stage, x.lost])).toEqual([["Prospecting", 1], ["Qualification", 1]]);
  });

  it("keeps the input grids as they were", () => {
    const deals = dealsWithColumns();
    const history = opportunityHistory();
    const before = JSON.stringify([deals, history]);
    readPipeline(deals, { history });
    expect(JSON.stringify([deals, history])).toBe(before);
  });
});

describe("a field-history export (one changed field per row)", () => {
  it("reads its stage, amount and close-date rows and gives the same stage funnel", () => {
    const rows: unknown[][] = [["Id", "OpportunityId", "CreatedDate", "Field", "OldValue", "NewValue"]];
    for (const p of PATHS) {
      let prev = "";
      for (const [stage, at] of p.steps) {
        rows.push(["017", p.id, at, "StageName", prev, stage]);
        rows.push(["017", p.id, at, "Owner", "x", "y"]);
        prev = stage;
      }
      rows.push(["017", p.id, p.steps[0][1], "Amount", "", String(p.amount)]);
      rows.push(["017", p.id, p.steps[0][1], "CloseDate", "", "2024-06-30"]);
    }
    const data = readPipeline(plainDeals(), { history: { name: "OpportunityFieldHistory", values: rows } });
    expect(data.history?.amount).not.toBeNull();
    expect(byReason(data.diagnostics, "history-other-fields")[0].message).toMatch(/^15 row/);
    const a = analyze(columnsData()).history.stages!;
    const b = analyze(data).history.stages!;
    expect(b.rows.map(({ clog: _c, ...r }) => r)).toEqual(a.rows.map(({ clog: _c, ...r }) => r));
  });
});

function columnsData() {
  return readPipeline(dealsWithColumns());
}

describe("history columns on a deals table", () => {
  it("reads HubSpot's labels and internal names", () => {
    expect(historyColumnHeader(`Date entered "Appointment Scheduled (Sales Pipeline)"`)).toEqual({ kind: "entered", stage: "Appointment Scheduled", pipeline: "Sales Pipeline" });
    expect(historyColumnHeader(`Date exited 'Closed Lost (Renewals)'`)).toEqual({ kind: "exited", stage: "Closed Lost", pipeline: "Renewals" });
    expect(historyColumnHeader("hs_date_entered_closedwon")).toEqual({ kind: "entered", stage: "closedwon" });
    expect(historyColumnHeader("hs_v2_date_exited_qualifiedtobuy")).toEqual({ kind: "exited", stage: "qualifiedtobuy" });
    expect(historyColumnHeader("Date entered")).toBeNull();
    expect(historyColumnHeader("Create Date")).toBeNull();
  });

  it("uses date-exited columns for days in stage and reports bad cells where they are", () => {
    const values: unknown[][] = [
      ["Record ID", "Deal Stage", "Amount", "hs_date_entered_appointmentscheduled", "hs_date_exited_appointmentscheduled", "hs_date_entered_closedwon"],
      ["1", "closedwon", 100, "2024-01-01", "2024-01-04", "2024-01-10"],
      ["2", "appointmentscheduled", 200, "2024-01-02", "", ""],
      ["3", "appointmentscheduled", 300, "#N/A", "", ""],
      ["4", "appointmentscheduled", 400, "2024-01-08", "2024-01-05", ""],
    ];
    const data = readPipeline({ name: "Deals", values });
    const s = analyze(data).history.stages!;
    const appt = s.rows.find((r) => r.stage === "Appointment Scheduled")!;
    // deal 1 left on the 4th (its exit date), not the 10th (its next entry)
    expect(appt.medianDays).toBe(3);
    const err = byReason(data.diagnostics, "error-cell").find((x) => x.row === 4);
    expect(err).toMatchObject({ sheet: "Deals", column: "D", header: "hs_date_entered_appointmentscheduled" });
    expect(byReason(data.diagnostics, "exit-before-entered")[0]).toMatchObject({ row: 5, column: "E" });
  });
});

describe("a history table with bad rows", () => {
  const deals: SheetGrid = {
    name: "Deals",
    values: [["Opportunity ID", "Stage", "Amount"], ["0065e00000AbCdE", "Proposal", 10], ["0065e00000XyZzY", "Closed Won", 20]],
  };
  const history: SheetGrid = {
    name: "History",
    firstRow: 3,
    values: [
      ["Stage change export"],
      ["opportunity_id", "stage_name", "date_day", "amount", "close_date", "created_date"],
      ["0065e00000AbCdEAAX", "Prospecting", "2024-02-01", 10, "2024-03-01", "2023-12-01"], // 18-character id of deal 1
      ["0065e00000AbCdE", "Proposal", "2024-02-10", 10, "2024-03-01", "2023-12-01"],
      ["", "Proposal", "2024-02-11", 10, "", ""],
      ["UNKNOWN1", "Proposal", "2024-02-11", 10, "", ""],
      ["0065e00000XyZzY", "Prospecting", "not a date", 20, "", ""],
      ["0065e00000XyZzY", "Prospecting", "2024-02-02", "#REF!", "", ""],
      [],
      ["0065e00000XyZzY", "Closed Won", "2024-02-20", 20, "", ""],
    ],
  };
  const data = readPipeline(deals, { history });

  it("maps a daily-snapshot table's date_day, not the deal's created_date", () => {
    expect(data.historyMapping?.find((m) => m.field === "date")?.header).toBe("date_day");
  });

  it("joins 15- and 18-character Salesforce ids of one record, either way round", () => {
    expect(byReason(data.diagnostics, "history-id-15-18")).toHaveLength(1);
    expect(data.history?.count).toBe(4);
    const long: SheetGrid = { name: "Deals", values: [["Opportunity ID", "Stage", "Amount"], ["0065e00000AbCdEAAX", "Proposal", 10], ["0065e00000XyZzYAAQ", "Proposal", 20]] };
    const short: SheetGrid = { name: "H", values: [["OpportunityId", "StageName", "CreatedDate"], ["0065e00000XyZzY", "Prospecting", "2024-01-01"], ["0065e00000XyZzY", "Proposal", "2024-01-05"]] };
    const joined = readPipeline(long, { history: short });
    expect(joined.history?.deal).toEqual(Int32Array.from([1, 1]));
  });

  it("says where each unused row is and why", () => {
    expect(byReason(data.diagnostics, "no-deal-id")[0]).toMatchObject({ sheet: "History", row: 7, column: "A" });
    expect(byReason(data.diagnostics, "no-matching-deal")[0]).toMatchObject({ sheet: "History", row: 8, column: "A", value: "UNKNOWN1" });
    expect(byReason(data.diagnostics, "not-a-date")[0]).toMatchObject({ sheet: "History", row: 9, column: "C" });
    expect(byReason(data.diagnostics, "no-date")[0]).toMatchObject({ sheet: "History", row: 9 });
    expect(byReason(data.diagnostics, "error-cell").find((x) => x.sheet === "History")).toMatchObject({ row: 10, column: "D" });
  });

  it("reports every error cell of the stage column where it is, and reads a stage however it is spaced", () => {
    const id = "0065e00000XyZzY";
    const h: SheetGrid = {
      name: "H",
      values: [["OpportunityId", "StageName", "CreatedDate"], [id, "#N/A", day(1, 1)], [id, " Proposal", day(1, 2)], [id, "#N/A", day(1, 3)], [id, "Proposal", day(1, 4)], [id, "#N/A", day(1, 5)], [id, "Proposal ", day(1, 6)]],
    };
    const d = readPipeline(deals, { history: h });
    expect(byReason(d.diagnostics, "error-cell").filter((x) => x.sheet === "H").map((x) => x.row)).toEqual([2, 4, 6]);
    expect(d.history?.count).toBe(5);
    const codes = Array.from(d.history!.stage.codes, (c) => d.history!.stage.labels[c]);
    expect(codes).toEqual(["Proposal", "Proposal", "Proposal", "Proposal", "Proposal"]);
  });

  it("refuses a history it cannot join, naming what it saw", () => {
    const noId: SheetGrid = { name: "Deals", values: [["Stage", "Amount"], ["Proposal", 1]] };
    expect(() => readPipeline(noId, { history })).toThrow(/no deal id column/);
    const strangers: SheetGrid = { name: "H", values: [["Deal ID", "Stage", "Date"], ["X1", "Proposal", "2024-01-01"]] };
    expect(() => readPipeline(deals, { history: strangers })).toThrow(PipelineError);
    const noDate: SheetGrid = { name: "H", values: [["Deal ID", "Stage"], ["0065e00000XyZzY", "Proposal"]] };
    expect(() => readPipeline(deals, { history: noDate })).toThrow(/date of the change/);
  });
});

describe("history headers of the CRMs and warehouse packages", () => {
  const fields = (headers: string[]) => Object.fromEntries(mapHistoryHeaders(headers).mapping.map((m) => [m.field, m.header]));
  it("maps Salesforce OpportunityHistory", () => {
    expect(fields(["Id", "OpportunityId", "CreatedById", "CreatedDate", "StageName", "Amount", "ExpectedRevenue", "CloseDate", "Probability", "ForecastCategory", "SystemModstamp", "IsDeleted", "PrevAmount", "PrevCloseDate"]))
      .toEqual({ id: "OpportunityId", date: "CreatedDate", stage: "StageName", amount: "Amount", closeDate: "CloseDate" });
  });
  it("maps dbt hubspot__deal_stages", () => {
    expect(fields(["deal_stage_id", "deal_id", "deal_name", "date_stage_entered", "date_stage_exited", "is_stage_active", "pipeline_stage_id", "pipeline_stage_label", "pipeline_id", "pipeline_label"]))
      .toEqual({ id: "deal_id", date: "date_stage_entered", exited: "date_stage_exited", stage: "pipeline_stage_label" });
  });
  it("maps dbt salesforce__opportunity_daily_history", () => {
    expect(fields(["opportunity_day_id", "date_day", "opportunity_id", "_fivetran_start", "_fivetran_end", "stage_name", "amount", "close_date", "created_date", "owner_id"]))
      .toEqual({ id: "opportunity_id", date: "date_day", stage: "stage_name", amount: "amount", closeDate: "close_date" });
  });
});
