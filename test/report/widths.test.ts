/** The layout rules both writers share: fitted column widths and frozen rows. */
import { displayLength, fittedWidths, frozenRows, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from "../../src/report/widths";
import { ReportSheet } from "../../src/report/types";

const sheet = (over: Partial<ReportSheet> = {}): ReportSheet => ({
  name: "GTM Test",
  blocks: [
    { row: 2, col: 0, headers: ["Rep", "Won revenue"], formats: [undefined, "currency"], rows: [["Ana", 1234567], ["A much longer rep name here", 5]] },
    { row: 8, col: 3, headers: ["Win rate"], formats: ["percent"], rows: [[0.5]] },
  ],
  ...over,
});

describe("report layout rules", () => {
  test("cells show what their format shows", () => {
    expect(displayLength(1234567, "currency")).toBe("1,234,567".length);
    expect(displayLength(57, "days")).toBe("57 days".length);
    expect(displayLength(0.123456, "percent")).toBe("100.0%".length + 1); // room for any 0.0% value and a sign
    expect(displayLength("two\nlines here")).toBe("lines here".length);
    expect(displayLength(null)).toBe(0);
    expect(displayLength(NaN)).toBe(0);
  });

  test("widths fit the longest header or cell plus two, within the bounds; unreached columns stay unset", () => {
    const w = fittedWidths(sheet());
    expect(w[0]).toBe("A much longer rep name here".length + 2);
    expect(w[1]).toBe("Won revenue".length + 2);
    expect(w[2]).toBeUndefined();
    expect(w[3]).toBe("Win rate".length + 2);
    const narrow = sheet({ blocks: [{ row: 0, col: 0, headers: ["Q"], rows: [[3]] }] });
    expect(fittedWidths(narrow)[0]).toBe(MIN_COLUMN_WIDTH);
  });

  test("a long text is capped; a width the sheet gives wins", () => {
    const long = sheet({ blocks: [{ row: 0, col: 0, headers: ["Note"], rows: [["x".repeat(500)]] }], columnWidths: [undefined as unknown as number, 30] });
    expect(fittedWidths(long)[0]).toBe(MAX_COLUMN_WIDTH);
    expect(fittedWidths(sheet({ columnWidths: [12] }))[0]).toBe(12);
  });

  test("frozen rows: above the first block's data unless the sheet says otherwise", () => {
    expect(frozenRows(sheet())).toBe(3);
    expect(frozenRows(sheet({ freezeRows: 1 }))).toBe(1);
    expect(frozenRows(sheet({ blocks: [] }))).toBe(0);
  });
});
