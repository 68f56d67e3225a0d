import { readPipeline, PipelineError, OUTCOME_OPEN, OUTCOME_WON, OUTCOME_LOST } from "../../src/pipeline";
import { byReason, deepFreeze, grid, serialOf } from "./helpers";

const H = ["Deal ID", "Stage", "Amount", "Created Date", "Close Date", "Owner", "Account"];

function expectPipelineError(fn: () => unknown): PipelineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PipelineError);
    return e as PipelineError;
  }
  throw new Error("expected a PipelineError");
}

describe("unusable sheets raise a PipelineError that says what to do", () => {
  it("an empty sheet", () => {
    for (const values of [[], [[]], [["", null], ["  ", ""]]]) {
      const e = expectPipelineError(() => readPipeline(grid(values as unknown[][])));
      expect(e.message).toMatch(/Sheet "Deals" is empty/);
      expect(e.diagnostics[0].reason).toBe("empty-sheet");
    }
  });

  it("no header row: every row holds data", () => {
    const values = [
      ["D-1", "Won", 1200, 42795],
      ["D-2", "Lost", 800, 42796],
      ["D-3", "Prospecting", 500, 42797],
    ];
    const e = expectPipelineError(() => readPipeline(grid(values)));
    expect(e.message).toMatch(/no header row found/);
    expect(e.message).toMatch(/Stage, Amount/);
  });

  it("unknown headers: asks for a mapping of the required fields, naming the headers it saw", () => {
    const values = [["Ref", "Step", "Worth", "Salesperson"], ["A", "Won", 10, "Ann"], ["B", "Lost", 20, "Bob"]];
    const e = expectPipelineError(() => readPipeline(grid(values)));
    expect(e.message).toContain('"Ref", "Step", "Worth", "Salesperson"');
    expect(e.message).toMatch(/required fields stage .* and amount/);
    // The suggestions come from the columns' content: Won/Lost words, numbers.
    expect(e.message).toContain('--map stage="Step" --map amount="Worth"');
    expect(e.diagnostics.map((d) => d.field).sort()).toEqual(["amount", "stage"]);
    // The owner column is a known synonym, yet the required ones are not guessed from content.
    const data = readPipeline(grid(values), { map: { stage: "step", amount: "WORTH" } });
    expect(data.mapping.find((m) => m.field === "amount")).toMatchObject({ header: "Worth", how: "user", confidence: 1 });
    expect(Array.from(data.deals.amount)).toEqual([10, 20]);
    expect(data.deals.owner.labels).toEqual(["Ann", "Bob"]);
  });

  it("a mapping naming a header that is not there", () => {
    const values = [H, ["1", "Won", 10, 42795, 42800, "Ann", "Acme"]];
    const e = expectPipelineError(() => readPipeline(grid(values), { map: { amount: "Deal Value" } }));
    expect(e.message).toMatch(/no column headed "Deal Value" for amount/);
    const e2 = expectPipelineError(() => readPipeline(grid(values), { map: { colour: "Owner" } }));
    expect(e2.message).toMatch(/"colour" is not a field/);
  });
});

describe("bad cells are located, reported and handled", () => {
  it("headers in row 3 under a title; optional unknown headers are reported as unmapped", () => {
    const values = [
      ["Pipeline export — Q3"],
      [],
      ["Deal ID", "Stage", "Amount", "Favourite colour"],
      ["1", "Won", 100, "red"],
      ["2", "Lost", 50, "blue"],
    ];
    const data = readPipeline(grid(values));
    expect(Array.from(data.deals.sourceRow)).toEqual([4, 5]);
    expect(data.rows).toEqual({ read: 2, used: 2, skipped: 0 });
    const un = byReason(data.diagnostics, "unmapped-header");
    expect(un).toHaveLength(1);
    expect(un[0]).toMatchObject({ header: "Favourite colour", column: "D", row: 3 });
  });

  it("sheet rows and column letters follow firstRow / firstColumn of the grid", () => {
    const values = [["Stage", "Amount"], ["Won", "lots"]];
    const data = readPipeline(grid(values, { firstRow: 10, firstColumn: 3 }));
    const d = byReason(data.diagnostics, "not-a-number")[0];
    expect(d).toMatchObject({ sheet: "Deals", row: 11, column: "D", header: "Amount", value: "lots", severity: "error" });
  });

  it("duplicate ids: an exact copy is not used, a differing row is used; both are reported with the first row", () => {
    const values = [
      H,
      ["A1", "Won", 100, 42795, 42800, "Ann", "Acme"],
      ["A1", "Won", 100, 42795, 42800, "Ann", "Acme"],
      ["A1", "Lost", 90, 42795, 42810, "Ann", "Acme"],
      ["B2", "Won", 70, 42795, 42800, "Bob", "Beta"],
    ];
    const data = readPipeline(grid(values));
    expect(data.deals.count).toBe(3);
    expect(Array.from(data.deals.sourceRow)).toEqual([2, 4, 5]);
    expect(data.rows).toEqual({ read: 4, used: 3, skipped: 1 });
    const copy = byReason(data.diagnostics, "duplicate-row");
    expect(copy).toHaveLength(1);
    expect(copy[0]).toMatchObject({ row: 3, column: "A", value: "A1" });
    expect(copy[0].message).toMatch(/repeats row 2/);
    const dup = byReason(data.diagnostics, "duplicate-id");
    expect(dup).toHaveLength(1);
    expect(dup[0]).toMatchObject({ row: 4, column: "A" });
    expect(dup[0].message).toMatch(/also on row 2 .*both rows are used/);
  });

  it("text, currency text and error cells in amount", () => {
    const values = [
      ["Stage", "Amount"],
      ["Won", "$1,234.50"],
      ["Won", "(1,200)"],
      ["Won", "1.234,50 €"],
      ["Won", "EUR 2k"],
      ["Won", "call me"],
      ["Won", "#N/A"],
      ["Won", "25%"],
      ["Won", true],
      ["Won", 99.5],
    ];
    const data = readPipeline(grid(values));
    const a = Array.from(data.deals.amount);
    expect(a.slice(0, 4)).toEqual([1234.5, -1200, 1234.5, 2000]);
    expect(a.slice(4, 8).every(Number.isNaN)).toBe(true);
    expect(a[8]).toBe(99.5);
    expect(byReason(data.diagnostics, "not-a-number").map((d) => d.row)).toEqual([6, 9]);
    expect(byReason(data.diagnostics, "error-cell")[0]).toMatchObject({ row: 7, column: "B", value: "#N/A" });
    expect(byReason(data.diagnostics, "percent-in-amount")[0]).toMatchObject({ row: 8 });
    expect(byReason(data.diagnostics, "won-without-amount").map((d) => d.row)).toEqual([6, 7, 8, 9]);
  });

  it("negative amounts are kept and reported", () => {
    const data = readPipeline(grid([["Stage", "Amount"], ["Won", -500], ["Won", "-1,000"], ["Won", 300]]));
    expect(Array.from(data.deals.amount)).toEqual([-500, -1000, 300]);
    expect(byReason(data.diagnostics, "negative-amount").map((d) => [d.row, d.severity])).toEqual([[2, "warning"], [3, "warning"]]);
  });

  it("dates in three formats (and a serial) in one column", () => {
    const values = [
      ["Stage", "Amount", "Close Date"],
      ["Won", 1, "2017-03-05"],
      ["Won", 1, "3/14/2017"],
      ["Won", 1, "5 Mar 2017"],
      ["Won", 1, 42800],
      ["Won", 1, "2017-03-05T18:00:00"],
      ["Won", 1, "not a date"],
    ];
    const data = readPipeline(grid(values));
    const c = Array.from(data.deals.closed);
    expect(c.slice(0, 5)).toEqual([serialOf(2017, 3, 5), serialOf(2017, 3, 14), serialOf(2017, 3, 5), 42800, serialOf(2017, 3, 5) + 0.75]);
    expect(Number.isNaN(c[5])).toBe(true);
    expect(byReason(data.diagnostics, "not-a-date")[0]).toMatchObject({ row: 7, column: "C", value: "not a date" });
    const f = data.dateFormats.find((x) => x.header === "Close Date")!;
    expect(f.format).toBe("M/D/YYYY + YYYY-MM-DD + D Mon YYYY + Excel serial");
    expect(f.reason).toMatch(/"3\/14\/2017" have a second part above 12/);
  });

  it("day-first text dates are recognised from a day above 12; with no evidence the separator decides and says so", () => {
    const dmy = readPipeline(grid([["Stage", "Amount", "Close Date"], ["Won", 1, "03-04-2017"], ["Won", 1, "25-04-2017"]]));
    expect(Array.from(dmy.deals.closed)).toEqual([serialOf(2017, 4, 3), serialOf(2017, 4, 25)]);
    expect(dmy.dateFormats[0].format).toBe("D-M-YYYY");
    const unsure = readPipeline(grid([["Stage", "Amount", "Close Date"], ["Won", 1, "03/04/2017"]]));
    expect(Array.from(unsure.deals.closed)).toEqual([serialOf(2017, 3, 4)]);
    expect(unsure.dateFormats[0].reason).toMatch(/^assumed M\/D\/YYYY: no cell has a part above 12/);
  });

  it("1900 and 1904 date-system serials give the same dates", () => {
    const rows1900 = [["Stage", "Amount", "Created", "Close Date"], ["Won", 5, 42795, 42800.5], ["Lost", 6, 43000, 43100]];
    const rows1904 = rows1900.map((r, i) => (i === 0 ? r : [r[0], r[1], (r[2] as number) - 1462, (r[3] as number) - 1462]));
    const a = readPipeline(grid(rows1900));
    const b = readPipeline(grid(rows1904, { date1904: true }));
    expect(Array.from(b.deals.created)).toEqual(Array.from(a.deals.created));
    expect(Array.from(b.deals.closed)).toEqual(Array.from(a.deals.closed));
    expect(a.deals.created[0]).toBe(serialOf(2017, 3, 1));
    // Without the flag, the 1904 serials would land four years early.
    const wrong = readPipeline(grid(rows1904));
    expect(a.deals.created[0] - wrong.deals.created[0]).toBe(1462);
  });

  it("blank rows are skipped and hidden rows are used, both noted", () => {
    const values = [H, ["1", "Won", 1, "", "", "", ""], ["", "", "", "", "", "", ""], [], ["2", "Lost", 2], ["3", "Won", 3], ["", null], []];
    const data = readPipeline(grid(values, { hiddenRows: [5, 6] }));
    expect(Array.from(data.deals.sourceRow)).toEqual([2, 5, 6]);
    expect(data.rows).toEqual({ read: 5, used: 3, skipped: 2 });
    expect(byReason(data.diagnostics, "blank-row").map((d) => d.row)).toEqual([3, 4]);
    expect(byReason(data.diagnostics, "hidden-row").map((d) => d.row)).toEqual([5, 6]);
  });

  it("error cells as Office.js gives them, in every kind of column", () => {
    const values = [
      H,
      ["1", "#REF!", 1, 42795, 42800, "Ann", "Acme"],
      ["2", "Won", "#DIV/0!", "#VALUE!", 42800, "#NAME?", "#N/A"],
      ["3", "Won", 5, 42795, "#GETTING_DATA", "Bob", "#1 Supplies"],
    ];
    const data = readPipeline(grid(values));
    expect(Array.from(data.deals.sourceRow)).toEqual([3, 4]);
    const errs = byReason(data.diagnostics, "error-cell").map((d) => `${d.column}${d.row}`).sort();
    expect(errs).toEqual(["B2", "C3", "D3", "E4", "F3", "G3"].sort());
    expect(byReason(data.diagnostics, "no-stage")[0]).toMatchObject({ row: 2, column: "B" });
    expect(data.deals.owner.labels).toEqual(["Bob"]);
    expect(data.deals.owner.codes[0]).toBe(-1);
    // "#1 Supplies" is a name, not an error value.
    expect(data.deals.account.labels).toEqual(["#1 Supplies"]);
  });

  it("a close date before the created date is kept and reported", () => {
    const values = [H, ["1", "Won", 1, 42800, 42790, "Ann", "A"], ["2", "Won", 1, 42800, 42800.2, "Ann", "A"]];
    const data = readPipeline(grid(values));
    expect(Array.from(data.deals.closed)).toEqual([42790, 42800.2]);
    const d = byReason(data.diagnostics, "close-before-created");
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ row: 2, column: "E", severity: "warning" });
    expect(d[0].message).toMatch(/10 day\(s\) before/);
  });

  it("a stage never seen before is open and reported once with its count", () => {
    const values = [["Stage", "Amount"], ["Limbo", 1], ["Won", 2], ["limbo", 3], ["Prospecting", 4]];
    const data = readPipeline(grid(values));
    expect(Array.from(data.deals.outcome)).toEqual([OUTCOME_OPEN, OUTCOME_WON, OUTCOME_OPEN, OUTCOME_OPEN]);
    const u = byReason(data.diagnostics, "unknown-stage");
    expect(u).toHaveLength(1);
    expect(u[0]).toMatchObject({ row: 2, value: "Limbo", count: 2 });
    expect(data.deals.stage.labels).toEqual(["Limbo", "Won", "Prospecting"]);
  });

  it("text starting with = + - @ stays plain text; in an amount it is not a number", () => {
    const values = [
      ["Stage", "Amount", "Owner", "Account", "Product", "Segment"],
      ["Won", "=SUM(A1:A9)", "+44 20 7946 0000", "=HYPERLINK(\"x\")", "-dash", "@home"],
      ["Won", "+1,500", "Ann", "Acme", "Pro", "SMB"],
    ];
    const data = readPipeline(grid(values));
    expect(data.deals.owner.labels[0]).toBe("+44 20 7946 0000");
    expect(data.deals.account.labels[0]).toBe('=HYPERLINK("x")');
    expect(data.deals.product.labels[0]).toBe("-dash");
    expect(data.deals.segment.labels[0]).toBe("@home");
    expect(Number.isNaN(data.deals.amount[0])).toBe(true);
    expect(data.deals.amount[1]).toBe(1500);
    expect(byReason(data.diagnostics, "not-a-number")[0].value).toBe("=SUM(A1:A9)");
  });

  it("stores at most 20 diagnostics per column and reason, with an exact count in a summary line", () => {
    const values: unknown[][] = [["Stage", "Amount"]];
    for (let i = 0; i < 12345; i++) values.push(["Won", "n/a"]);
    const data = readPipeline(grid(values));
    const nn = byReason(data.diagnostics, "not-a-number");
    expect(nn).toHaveLength(21);
    const summary = nn[20];
    expect(summary.count).toBe(12345);
    expect(summary.message).toMatch(/^and 12,325 more like this \(12,345 in all\)/);
    expect(summary).toMatchObject({ row: 0, column: "B", header: "Amount" });
  });
});

describe("stages", () => {
  it("reads won / lost / open from common CRM spellings", () => {
    const stages = ["Closed Won", "closedwon", "Won", "WON ", "Closed Lost", "closedlost", "Lost", "Closed - Lost",
      "appointmentscheduled", "Negotiation/Review", "Proposal Made"];
    const values = [["Stage", "Amount"], ...stages.map((s) => [s, 1])];
    const data = readPipeline(grid(values));
    expect(Array.from(data.deals.outcome)).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0].map((x) => [OUTCOME_OPEN, OUTCOME_WON, OUTCOME_LOST][x]));
    // Spellings of one stage merge under one label; HubSpot ids get their display name.
    expect(data.deals.stage.labels).toEqual(["Closed Won", "Won", "Closed Lost", "Lost", "Appointment Scheduled", "Negotiation/Review", "Proposal Made"]);
    expect(data.stageOrder).toEqual(["Appointment Scheduled", "Proposal Made", "Negotiation/Review"]);
    expect(byReason(data.diagnostics, "unknown-stage")).toEqual([]);
  });

  it("takes the stage order from the user, and infers unknown stages' order from the age of their deals", () => {
    const values = [
      ["Stage", "Amount", "Created"],
      ["Alpha", 1, 42700], ["Gamma", 1, 42900], ["Beta", 1, 42800], ["Alpha", 1, 42710], ["Won", 1, 42500],
    ];
    const inferred = readPipeline(grid(values));
    expect(inferred.stageOrder).toEqual(["Gamma", "Beta", "Alpha"]);
    expect(byReason(inferred.diagnostics, "stage-order")[0].message).toMatch(/age of open deals/);
    const given = readPipeline(grid(values), { stageOrder: ["alpha", "Beta", "Gamma"] });
    expect(given.stageOrder).toEqual(["alpha", "Beta", "Gamma"]);
    expect(byReason(given.diagnostics, "unknown-stage")).toEqual([]);
  });
});

describe("the input grid is never changed", () => {
  it("reads a deep-frozen grid full of bad input and leaves it equal to a copy", () => {
    const values = [
      ["Report"], [],
      [...H, "Source", "Complexity"],
      ["A1", "Won", "$1,000", "2017-03-01", "3/14/2017", " Ann ", "Acme", "Paid Search", "High"],
      ["A1", "Won", "$1,000", "2017-03-01", "3/14/2017", " Ann ", "Acme", "Paid Search", "High"],
      ["A2", "closedlost", -5, 42795, "#N/A", "=cmd", "", "partner", 3],
      [], ["A3", "Limbo", "x", "bad", 1, "", "", "", ""],
    ];
    const leadOf: Record<number, string> = { 2: "Lead ID", 3: "L3", 4: "L3", 5: "L5", 7: "L7" };
    const g = deepFreeze(grid(values.map((r, i) => (leadOf[i] ? [...r, leadOf[i]] : r)), { hiddenRows: [4], date1904: false }));
    const leads = deepFreeze(grid([["Lead ID", "First contact date", "Origin"], ["L3", "03-01-2017", "paid_search"], ["L3", "#N/A", ""], ["L5", 42700, "referral"]], { name: "Leads" }));
    const inputs = deepFreeze(grid([["Gross margin", "70%"]], { name: "Inputs" }));
    const before = JSON.stringify([g, leads, inputs]);
    const data = readPipeline(g, { inputs, leads });
    expect(JSON.stringify([g, leads, inputs])).toBe(before);
    expect(data.join).toMatchObject({ dealsHeader: "Lead ID", matched: 2, unmatched: 1 });
    expect(data.deals.count).toBe(3);
    expect(data.deals.owner.labels).toEqual(["Ann", "=cmd"]);
    expect(Array.from(data.deals.complexity).map((x) => (Number.isNaN(x) ? null : x))).toEqual([null, 3, null]);
    expect(data.deals.complexityLabel.labels).toEqual(["High"]);
    expect(Array.from(data.deals.sourceKind)).toEqual([0, 2, -1]);
    expect(data.inputs?.grossMargin).toBeCloseTo(0.7);
  });
});

describe("text columns with many distinct values", () => {
  it("keep every label, merge spellings that differ by spaces, and find duplicates past the switch to the typed index", () => {
    const values: unknown[][] = [["Deal ID", "Stage", "Amount", "Account"]];
    for (let i = 0; i < 30000; i++) values.push([`ID-${i}`, "Won", 1, i % 2 ? ` Acct ${i} ` : `Acct ${i}`]);
    values.push(["ID-25000", "Lost", 2, "  "], ["ID-7", "Won", 1, "#N/A"], [" ID-29999 ", "Won", 3, "Acct 29999"], [42, "Won", 1, "Acct 1"]);
    const data = readPipeline(grid(values));
    const d = data.deals;
    expect(d.count).toBe(30004);
    expect(d.id.labels).toHaveLength(30001);
    expect(d.id.labels[d.id.codes[30002]]).toBe("ID-29999");
    expect(d.id.labels[d.id.codes[30003]]).toBe("42");
    expect(d.account.labels).toHaveLength(30000);
    expect(d.account.labels[d.account.codes[30002]]).toBe("Acct 29999");
    expect(d.account.codes[30003]).toBe(d.account.codes[1]);
    expect(d.account.codes[30000]).toBe(-1);
    expect(d.account.codes[30001]).toBe(-1);
    expect(byReason(data.diagnostics, "duplicate-id").map((x) => [x.row, x.value])).toEqual([[30002, "ID-25000"], [30003, "ID-7"], [30004, " ID-29999 "]]);
    expect(byReason(data.diagnostics, "error-cell")[0]).toMatchObject({ row: 30003, column: "D" });
  });
});

describe("row-level problems are capped too", () => {
  it("a thousand rows without a stage: 20 stored, one summary with the exact count", () => {
    const values: unknown[][] = [["Stage", "Amount", "Source"]];
    for (let i = 0; i < 1000; i++) values.push(["", i, `Channel ${i}`]);
    values.push(["Won", 1, "Mystery"]);
    const data = readPipeline(grid(values));
    const ns = byReason(data.diagnostics, "no-stage");
    expect(ns).toHaveLength(21);
    expect(ns[20]).toMatchObject({ count: 1000, column: "A" });
    expect(data.rows).toEqual({ read: 1001, used: 1, skipped: 1000 });
    expect(byReason(data.diagnostics, "unknown-source")).toEqual([expect.objectContaining({ value: "Mystery", row: 1002 })]);
  });
});
