import { readPipeline, OUTCOME_WON, OUTCOME_LOST } from "../../src/pipeline";
import { byReason, grid } from "./helpers";

/** Excel's row limit: a header plus 1,048,575 deals fills a worksheet. */
const EXCEL_ROWS = 1048576;

describe("a full worksheet of 1,048,576 rows", () => {
  const stages = ["Prospecting", "Closed Won", "Closed Lost", "Negotiation"];
  const values: unknown[][] = new Array(EXCEL_ROWS);
  values[0] = ["Deal ID", "Stage", "Amount", "Created Date", "Close Date", "Owner", "Account", "Lead Source", "Product"];
  let won = 0;
  let lost = 0;
  let wonAmount = 0;
  for (let r = 1; r < EXCEL_ROWS; r++) {
    const stage = stages[r % 4];
    const amount = (r % 1000) + 0.5;
    if (stage === "Closed Won") {
      won++;
      wonAmount += amount;
    } else if (stage === "Closed Lost") lost++;
    values[r] = [`D${r}`, stage, amount, 42000 + (r % 700), 42100 + (r % 700), `Rep ${r % 50}`, `Acct ${r % 9000}`, r % 2 ? "Webinar" : "Outbound", "Pro"];
  }
  // Bad cells at known places, including the very last sheet row.
  const badRows = [2, 500000, EXCEL_ROWS];
  for (const sheetRow of badRows) values[sheetRow - 1] = [...(values[sheetRow - 1] as unknown[])];
  (values[1] as unknown[])[2] = "#N/A";
  (values[499999] as unknown[])[2] = "n/a";
  (values[EXCEL_ROWS - 1] as unknown[])[4] = "not a date";
  const adjust = (sheetRow: number) => {
    const r = sheetRow - 1;
    if (stages[r % 4] === "Closed Won") wonAmount -= (r % 1000) + 0.5;
  };
  adjust(2);
  adjust(500000);
  const bulk: number[] = [];
  for (let r = 600000; r < 600000 + 30000; r++) {
    values[r] = [...(values[r] as unknown[])];
    (values[r] as unknown[])[6] = "#REF!";
    bulk.push(r + 1);
  }

  const done: number[] = [];
  const data = readPipeline(grid(values), { onProgress: (d) => done.push(d) });

  it("reads every row into typed columns", () => {
    expect(data.rows).toEqual({ read: EXCEL_ROWS - 1, used: EXCEL_ROWS - 1, skipped: 0 });
    const d = data.deals;
    expect(d.count).toBe(EXCEL_ROWS - 1);
    expect(d.amount).toBeInstanceOf(Float64Array);
    expect(d.created).toBeInstanceOf(Float64Array);
    expect(d.outcome).toBeInstanceOf(Uint8Array);
    expect(d.owner.codes).toBeInstanceOf(Int32Array);
    expect(d.owner.labels).toHaveLength(50);
    expect(d.account.labels).toHaveLength(9000);
    expect(d.id.labels).toHaveLength(EXCEL_ROWS - 1);
    expect(d.sourceRow[d.count - 1]).toBe(EXCEL_ROWS);
  });

  it("agrees with the generator's own counts", () => {
    const d = data.deals;
    let w = 0, l = 0, sum = 0;
    for (let i = 0; i < d.count; i++) {
      if (d.outcome[i] === OUTCOME_WON) {
        w++;
        if (d.amount[i] === d.amount[i]) sum += d.amount[i];
      } else if (d.outcome[i] === OUTCOME_LOST) l++;
    }
    expect(w).toBe(won);
    expect(l).toBe(lost);
    expect(sum).toBeCloseTo(wonAmount, 2);
    expect(data.stageOrder).toEqual(["Prospecting", "Negotiation"]);
  });

  it("locates bad cells down to the last sheet row and caps a flood with an exact count", () => {
    expect(byReason(data.diagnostics, "error-cell").find((x) => x.column === "C")).toMatchObject({ row: 2, value: "#N/A" });
    expect(byReason(data.diagnostics, "not-a-number")[0]).toMatchObject({ row: 500000, column: "C" });
    expect(byReason(data.diagnostics, "not-a-date")[0]).toMatchObject({ row: EXCEL_ROWS, column: "E", value: "not a date" });
    const acct = byReason(data.diagnostics, "error-cell").filter((x) => x.column === "G");
    expect(acct).toHaveLength(21);
    expect(acct.slice(0, 20).map((x) => x.row)).toEqual(bulk.slice(0, 20));
    expect(acct[20].count).toBe(30000);
    expect(data.diagnostics.length).toBeLessThan(100);
  });

  it("reports progress at most about a hundred times, ending at the total", () => {
    expect(done.length).toBeGreaterThan(10);
    expect(done.length).toBeLessThanOrEqual(102);
    expect(done[done.length - 1]).toBe(EXCEL_ROWS - 1);
    for (let i = 1; i < done.length; i++) expect(done[i]).toBeGreaterThanOrEqual(done[i - 1]);
  });
});
