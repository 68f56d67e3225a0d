// The worksheet scanner on hand-written sheet XML: row attributes (r=, hidden=, extra and prefixed
// attributes), rows without r=, prefixed elements, and every split of the bytes into two chunks giving
// the same cells as the whole.
import { scanChunks } from "../../../src/cli/xlsx/chunks";
import { newScanState, scanSheet } from "../../../src/cli/xlsx/sheet-scan";
import { ByteInterner } from "../../../src/cli/intern";
import { cellAt, SheetBuilder, type ColumnarSheet } from "../../../src/pipeline/sheet";

const HEAD = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x14ac="x"><sheetData>`;
const TAIL = `</sheetData></worksheet>`;

async function scan(xml: string, splitAt?: number): Promise<{ sheet: ColumnarSheet; sawEnd: boolean }> {
  const table = new ByteInterner("utf8");
  const shared = { codes: Int32Array.from([table.codeString("Won"), table.codeString("Lost")]), count: 2, tooLong: new Map<number, number>() };
  const builder = new SheetBuilder("Deals", table, { cells: 0, max: 1e6 });
  const st = newScanState(builder, table, shared, false);
  const bytes = Buffer.from(xml, "utf8");
  const parts = splitAt === undefined ? [bytes] : [bytes.subarray(0, splitAt), bytes.subarray(splitAt)];
  await scanChunks(
    (async function* () {
      for (const p of parts) yield Buffer.from(p);
    })(),
    (b, s, e) => scanSheet(st, b, s, e),
    "sheet1.xml",
  );
  return { sheet: builder.finish({ date1904: false, blank: null }), sawEnd: st.sawEnd && st.sawSheetDataEnd };
}

/** Every cell as "A1=value", row by row (an independent reading of the expected values below). */
function cells(s: ColumnarSheet): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.rowCount; i++) {
    for (let c = 0; c < s.columns.length; c++) {
      const v = cellAt(s, i, c);
      if (v !== null) out.push(`${String.fromCharCode(64 + s.firstColumn + c)}${s.rowNumbers[i]}=${v}`);
    }
  }
  return out;
}

const ROWS =
  `<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>12.5</v></c></row>` +
  `<row r="2" hidden="1" spans="1:3"><c r="A2" t="s"><v>1</v></c><c r="C2" t="b"><v>1</v></c></row>` +
  `<row r="4" customHeight="1" hidden="true" ht="30"><c r="B4" t="inlineStr"><is><t>note</t></is></c></row>` +
  `<row r="5" hidden="0"><c r="A5"><v>-3</v></c></row>` +
  `<row><c><v>7</v></c><c><v>8</v></c></row>` +
  `<row r="8" spans="1:1"/>` +
  `<row r = '9' hidden = 'false' ><c r="A9" t="str"><f>A1</f><v>Won</v></c></row>`;

const EXPECTED = ["A1=Won", "B1=12.5", "A2=Lost", "C2=true", "B4=note", "A5=-3", "A6=7", "B6=8", "A9=Won"];

describe("sheet scanner", () => {
  it("reads r=, hidden= and cells of rows with other, spaced or quoted-apart attributes", async () => {
    const { sheet, sawEnd } = await scan(HEAD + ROWS + TAIL);
    expect(sawEnd).toBe(true);
    expect(cells(sheet)).toEqual(EXPECTED);
    expect(sheet.hiddenRows).toEqual([2, 4]);
  });

  it("reads prefixed rows and cells the same way", async () => {
    const prefixed = ROWS.replace(/<(\/?)(row|c|v|is|t|f)([ >/])/g, "<$1x:$2$3");
    expect(prefixed).toContain("<x:row r=\"2\" hidden=\"1\"");
    const { sheet } = await scan(HEAD + prefixed + TAIL);
    expect(cells(sheet)).toEqual(EXPECTED);
    expect(sheet.hiddenRows).toEqual([2, 4]);
  });

  it("gives the same cells whatever byte the chunks split at", async () => {
    const xml = HEAD + ROWS + TAIL;
    for (let at = 1; at < Buffer.byteLength(xml); at++) {
      const { sheet, sawEnd } = await scan(xml, at);
      expect({ at, sawEnd, cells: cells(sheet), hidden: sheet.hiddenRows }).toEqual({ at, sawEnd: true, cells: EXPECTED, hidden: [2, 4] });
    }
  });

  it("refuses a row number that is not a number, and rows out of order, with the row named", async () => {
    await expect(scan(HEAD + `<row r="x1"><c><v>1</v></c></row>` + TAIL)).rejects.toThrow(/beyond Excel's last row/);
    await expect(scan(HEAD + `<row r="5"><c><v>1</v></c></row><row r="3"><c><v>1</v></c></row>` + TAIL)).rejects.toThrow("rows are out of order (row 3 after row 5)");
  });
});
