/**
 * The command line's typed columns are read by string code, a column at a time, with the diagnostics held
 * back and recorded in row order (src/pipeline/deal-rows.ts, coded.ts). On a messy export — bad cells in
 * every column, more than the stored diagnostics per reason, copies, repeated ids, blank, hidden and
 * total rows — they must give exactly what the Office.js grid gives: every figure, warning and diagnostic,
 * in the same order.
 */
import { readPipeline, type SheetGrid } from "../../src/pipeline";
import { fromGrid } from "../../src/pipeline/sheet";
import { ColumnTable } from "../../src/pipeline/table";

function messyGrid(ids: "codes" | "mixed" | "late"): SheetGrid {
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const stages = ["Closed Won", "closed won", " Closed Lost ", "Prospecting", "Negotiation", "Mystery Stage", "", "#N/A", "Won", 3, true];
  const amounts = [1200, "1.234", "1,5", "$2,000", "25%", -300, "", "#REF!", "abc", "(400)", 0, "12k", true, "1.054"];
  const dates = [44000, "03/04/2023", "13/04/2023", "2023-05-01", "", "not a date", 100, "#N/A", "  ", true, "4.5.2023"];
  const owners = ["Ann", " Ann", "Bob ", "", 7, false, "#DIV/0!", "Carl", "Dee"];
  const sources = ["Webinar", "Paid Search", "weird source", "", 42, "Partner"];
  const values: unknown[][] = [["Deal ID", "Stage", "Amount", "Created Date", "Close Date", "Owner", "Account", "Lead Source", "Product"]];
  for (let r = 0; r < 3000; r++) {
    if (rand() < 0.01) {
      values.push(["", "", "", "", "", "", "", "", ""]);
      continue;
    }
    if (rand() < 0.005 && values.length > 2) {
      values.push(values[values.length - 1].slice());
      continue;
    }
    const odd = ids === "mixed" ? ["D1", " D1", "D2", 12, "12", "#N/A", ""] : ["D1", "D2", "#N/A", "", "D1000"];
    const id = ids === "late" && r === 2500 ? " D1000" : rand() < 0.02 ? pick(odd) : "D" + (1000 + r);
    values.push([id, pick(stages), pick(amounts), pick(dates), pick(dates), pick(owners), "Acc " + Math.floor(rand() * 50), pick(sources), pick(["A", "B", 1, "", " A"])]);
  }
  values.push(["Total", "", 12345, "", "", "", "", "", ""]);
  const hiddenRows = values.map((_, i) => i + 1).filter((r) => r % 97 === 5);
  return { name: "Deals", values, hiddenRows };
}

describe("typed columns read by string code give what the grid gives", () => {
  it.each(["codes", "mixed", "late"] as const)("a messy export (ids: %s)", (ids) => {
    const grid = messyGrid(ids);
    const fromColumns = readPipeline(new ColumnTable(fromGrid(grid)));
    const fromCells = readPipeline(grid);
    expect(fromColumns).toEqual(fromCells);
    const reasons = new Set(fromCells.diagnostics.map((d) => d.reason));
    for (const r of ["error-cell", "not-a-number", "negative-amount", "not-a-date", "no-stage", "blank-row", "hidden-row", "duplicate-row", "duplicate-id"]) expect(reasons).toContain(r);
    // past the stored ones, a summary line keeps the count
    expect(fromCells.diagnostics.some((d) => d.row === 0 && /more like this/.test(d.message))).toBe(true);
  });
});

/** Deals with 15-character Salesforce ids, and a messy stage history of them in date order. */
function messyHistory(shape: "stages" | "fields"): { deals: SheetGrid; history: SheetGrid; byOtherLength: number } {
  let seed = 11;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];
  const id15 = (i: number) => `0065e00000${String(i).padStart(5, "0")}`;
  const deals: unknown[][] = [["Opportunity ID", "Stage", "Amount", "Created Date", "Close Date"]];
  for (let i = 0; i < 400; i++) deals.push([id15(i), pick(["Prospecting", "Proposal", "Closed Won", "Closed Lost"]), 1000 + i, 44900 + (i % 60), 45000 + (i % 90)]);
  const stages = ["Prospecting", "Qualification", "Proposal", " proposal ", "Closed Won", "Closed Lost", "Mystery", "", "#N/A", 3];
  const amounts = ["1200", "1200", "1200.50", "1.054", "1,5", "$2,000", "25%", "-300", "", "#REF!", "abc", 900, "0", "-0", "12k"];
  const dates = ["2023-03-04", "2023-03-04", "03/04/2023", "13/04/2023", 45010, "", "not a date", "#N/A", "  "];
  const header = shape === "stages" ? ["OpportunityId", "CreatedDate", "StageName", "Amount", "CloseDate"] : ["OpportunityId", "CreatedDate", "Field", "NewValue"];
  const history: unknown[][] = [header];
  let byOtherLength = 0;
  let last: unknown = "";
  for (let r = 0; r < 4000; r++) {
    const u = rand();
    if (u < 0.01) {
      history.push(header.map(() => ""));
      continue;
    }
    let id: unknown;
    if (u < 0.05) id = pick(["", "  ", "#N/A", "0065e99999XXXXX", 12]);
    else if (u < 0.2) id = last; // runs of one deal's changes
    else {
      const i = Math.floor(rand() * 400);
      // the 18-character form of the same record (any 3-character checksum)
      id = rand() < 0.3 ? `${id15(i)}AAQ` : rand() < 0.1 ? ` ${id15(i)}` : id15(i);
    }
    last = id;
    if (typeof id === "string" && id.length === 18) byOtherLength++;
    if (shape === "stages") history.push([id, pick(dates), pick(stages), pick(amounts), pick(dates)]);
    else {
      const field = pick(["StageName", "Amount", "CloseDate", "Owner", "", "stage"]);
      history.push([id, pick(dates), field, field === "Amount" ? pick(amounts) : field === "CloseDate" ? pick(dates) : pick(stages)]);
    }
  }
  return { deals: { name: "Deals", values: deals }, history: { name: "History", values: history }, byOtherLength };
}

describe("a stage history read from typed columns gives what the grid gives", () => {
  it.each(["stages", "fields"] as const)("a messy history (%s)", (shape) => {
    const { deals, history, byOtherLength } = messyHistory(shape);
    const fromColumns = readPipeline(deals, { history: new ColumnTable(fromGrid(history)) });
    const fromCells = readPipeline(deals, { history });
    expect(fromColumns).toEqual(fromCells);
    expect(fromCells.history?.count).toBeGreaterThan(500);
    const reasons = new Set(fromCells.diagnostics.map((d) => d.reason));
    for (const r of ["no-deal-id", "error-cell", "no-matching-deal", "no-date", "blank-rows"]) expect(reasons).toContain(r);
    if (shape === "stages") for (const r of ["not-a-number", "negative-amount", "percent-in-amount"]) expect(reasons).toContain(r);
    // every row given by the 18-character form of a deal's 15-character id is counted, runs included
    const note = fromCells.diagnostics.find((d) => d.reason === "history-id-15-18");
    expect(note?.message).toContain(`${byOtherLength.toLocaleString("en-US")} history row(s)`);
  });
});
