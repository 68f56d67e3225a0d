/**
 * A column's decimal mark is decided from the whole column: "1.054" is 1,054 in an export that writes "."
 * between thousands (German, Dutch, Spanish Excel), and 1.054 where "." is a decimal point elsewhere.
 */
import { readPipeline } from "../../src/pipeline";
import { byReason, grid } from "./helpers";

const amounts = (values: unknown[][]) => Array.from(readPipeline(grid(values)).deals.amount);

describe("decimal mark per column", () => {
  it("thousands dots, no decimals: 1.054 is 1054 (and a note says why)", () => {
    const values = [["Phase", "Betrag"], ["Gewonnen", "1.054"], ["Gewonnen", "4.514"], ["Verloren", "550"], ["Gewonnen", "26.768"], ["Verloren", "0"]];
    expect(amounts(values)).toEqual([1054, 4514, 550, 26768, 0]);
    const note = byReason(readPipeline(grid(values)).diagnostics, "decimal-mark")[0];
    expect(note.message).toMatch(/"Betrag": 3 cell\(s\) such as "1\.054" read with "\." as the thousands separator/);
  });

  it("a decimal comma elsewhere in the column settles it too, even for one such cell", () => {
    expect(amounts([["Stage", "Amount"], ["Won", "1.054"], ["Won", "12,50"], ["Lost", "1.234,56"]])).toEqual([1054, 12.5, 1234.56]);
  });

  it("where '.' is a decimal point elsewhere, 1.054 stays 1.054", () => {
    expect(amounts([["Stage", "Amount"], ["Won", "1.054"], ["Won", "2.054"], ["Won", "3.054"], ["Lost", "12.5"]])).toEqual([1.054, 2.054, 3.054, 12.5]);
  });

  it("numbers typed as numbers are never touched", () => {
    expect(amounts([["Stage", "Amount"], ["Won", 1.054], ["Won", 2.054], ["Won", 3.054]])).toEqual([1.054, 2.054, 3.054]);
  });
});
