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
