/** The layout rules both writers share: fitted column widths and frozen rows. */
import { columnAlign, displayLength, fittedWidths, frozenRows, MIN_COLUMN_WIDTH, WRAP_WIDTH, wrappedLines, wraps } from "../../src/report/widths";
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

  test("a long text wraps in a column WRAP_WIDTH wide; a width the sheet gives wins", () => {
    const long = sheet({ blocks: [{ row: 0, col: 0, headers: ["Note"], rows: [["x".repeat(500)]] }], columnWidths: [undefined as unknown as number, 30] });
    expect(fittedWidths(long)[0]).toBe(WRAP_WIDTH + 2);
    expect(wraps(long.blocks[0], 0)).toBe(true);
    expect(fittedWidths(sheet({ columnWidths: [12] }))[0]).toBe(12);
  });

  test("headings align like their values; a long heading wraps instead of widening a column of figures", () => {
    const b = sheet().blocks[0];
    expect(columnAlign(b, 0)).toBe("left");
    expect(columnAlign(b, 1)).toBe("right");
    const figures = { row: 0, col: 0, headers: ["Stage", "Conversion to next stage"], formats: [undefined, "percent" as const], rows: [["Prospecting", 0.5]] };
    expect(fittedWidths(sheet({ blocks: [figures] }))[1]).toBe(14 + 2);
    expect(wrappedLines("Conversion to next stage", 16)).toBe(2);
    expect(wrappedLines("one two", 40)).toBe(1);
  });

  test("frozen rows: above the first block's data unless the sheet says otherwise", () => {
    expect(frozenRows(sheet())).toBe(3);
    expect(frozenRows(sheet({ freezeRows: 1 }))).toBe(1);
    expect(frozenRows(sheet({ blocks: [] }))).toBe(0);
  });
});
