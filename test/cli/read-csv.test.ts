import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readCsv, detectDelimiter } from "../../src/cli/read-csv";
import { detectFileKind } from "../../src/cli/file-kind";

const dir = mkdtempSync(join(tmpdir(), "gtm-read-csv-"));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe("readCsv", () => {
  it("reads quoted fields with embedded commas, quotes and newlines, and strips a UTF-8 BOM", async () => {
    const p = file("q.csv", '\uFEFFid,name,amount\r\n1,"Acme, Inc.","1,200"\r\n2,"Say ""hi""\nthen go",5\r\n');
    const g = await readCsv(p);
    expect(g.name).toBe("q.csv");
    expect(g.values).toEqual([
      ["id", "name", "amount"],
      ["1", "Acme, Inc.", "1,200"],
      ["2", 'Say "hi"\nthen go', "5"],
    ]);
  });

  it("detects ; and tab delimiters, keeping decimal commas inside values", async () => {
    const semi = await readCsv(file("s.csv", "Deal;Amount;Stage\nA;1.234,50;Won\nB;99,00;Lost\n"));
    expect(semi.values[1]).toEqual(["A", "1.234,50", "Won"]);
    const tab = await readCsv(file("t.tsv", "Deal\tAmount, USD\nA\t1,000\n"));
    expect(tab.values).toEqual([["Deal", "Amount, USD"], ["A", "1,000"]]);
    expect(detectDelimiter("a|b|c\n1|2|3\n")).toBe("|");
    expect(detectDelimiter("single\nvalue\n")).toBe(",");
  });

  it("reads UTF-16LE (Excel 'Unicode text') and Windows-1252 files", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Rep\tAmount\nJosé\t10\n", "utf16le")]);
    expect((await readCsv(file("u.txt", utf16))).values).toEqual([["Rep", "Amount"], ["José", "10"]]);
    const latin = Buffer.from("Rep,Amount\nJos\xe9,\xa310\n", "latin1");
    expect((await readCsv(file("l.csv", latin))).values[1]).toEqual(["José", "£10"]);
  });

  it("pads short rows, keeps blank lines in place and drops trailing blank lines", async () => {
    const g = await readCsv(file("r.csv", "a,b,c\n1\n\n2,3,4\n\n\n"));
    expect(g.values).toEqual([["a", "b", "c"], ["1", "", ""], ["", "", ""], ["2", "3", "4"]]);
  });

  it("reads the Maven CRM export (8,800 rows, 8 columns) unchanged", async () => {
    const g = await readCsv(join(__dirname, "../fixtures/maven-crm/sales_pipeline.csv"));
    expect(g.values).toHaveLength(8801);
    expect(g.values[0]).toEqual(["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"]);
    expect(g.values[1]).toEqual(["1C1I7A6R", "Moses Frase", "GTX Plus Basic", "Cancity", "Won", "10/20/2016", "3/1/2017", "1054"]);
  });
});

describe("readCsv: fields over Excel's 32,767-character limit", () => {
  const MB = 1 << 20;
  const CAP = 32767;
  it("keeps the first 32,767 characters and notes the cell, wherever the file's 1 MB chunks fall", async () => {
    // A long unquoted field in the middle of a record, and the record after it.
    const mid = await readCsv(file("mid.csv", Buffer.concat([Buffer.from("Deal,Stage,Amount\nD1,Won,5\nD2,"), Buffer.alloc(3 * MB, 0x61), Buffer.from(",7\nD3,Lost,1\n")])));
    expect(mid.values).toEqual([["Deal", "Stage", "Amount"], ["D1", "Won", "5"], ["D2", "a".repeat(CAP), "7"], ["D3", "Lost", "1"]]);
    expect(mid.columns.cut).toEqual([{ row: 3, column: 2, length: 3 * MB, bytes: true }]);
    // A quoted field whose doubled quote straddles the first chunk's end, closed on the last byte of a chunk.
    for (const shift of [-2, -1, 0, 1]) {
      const head = Buffer.from('Deal,Note,X\nD1,"');
      const b1 = Buffer.alloc(MB + shift - head.length, 0x62);
      const rest = Buffer.alloc(2 * MB - (head.length + b1.length + 2) - 1, 0x63);
      const q = await readCsv(file(`q${shift}.csv`, Buffer.concat([head, b1, Buffer.from('""'), rest, Buffer.from('",x\r\nD2,n,y\r\n')])));
      expect(q.values).toEqual([["Deal", "Note", "X"], ["D1", "b".repeat(CAP), "x"], ["D2", "n", "y"]]);
      expect(q.columns.cut?.map((c) => [c.row, c.column])).toEqual([[2, 2]]);
    }
    // CR LF right after a long field, split across chunks; a long field ending the file without a line end.
    const crlf = await readCsv(file("crlf.csv", Buffer.concat([Buffer.from("A,B\n1,"), Buffer.alloc(2 * MB - 7, 0x64), Buffer.from("\r\n2,e\n")])));
    expect(crlf.values).toEqual([["A", "B"], ["1", "d".repeat(CAP)], ["2", "e"]]);
    const eof = await readCsv(file("eof.csv", Buffer.concat([Buffer.from("A,B\n1,"), Buffer.alloc(3 * MB, 0x65)])));
    expect(eof.values).toEqual([["A", "B"], ["1", "e".repeat(CAP)]]);
    // Two-byte characters: 40,000 characters in 80,000 bytes, counted as characters.
    const utf = await readCsv(file("utf.csv", "A,B\n1," + "é".repeat(40000) + "\n2,x\n"));
    expect(utf.values).toEqual([["A", "B"], ["1", "é".repeat(CAP)], ["2", "x"]]);
    expect(utf.columns.cut).toEqual([{ row: 2, column: 2, length: 40000 }]);
  });

  it("still refuses a quote never closed before the end of the file", async () => {
    const rows = ["Deal,Stage,Amount", 'D1,"Won,5'];
    for (let i = 0; i < 20000; i++) rows.push(`D${i},Lost,${i}`);
    await expect(readCsv(file("open.csv", rows.join("\n")))).rejects.toThrow(/row 2, column B is over Excel's limit of 32,767 characters for one cell \([\d,]+ bytes; a quote that is not closed\?\)/);
  });
});

describe("detectFileKind", () => {
  it("tells xlsx from csv by content and refuses what is neither", () => {
    expect(detectFileKind(file("x.csv", "a,b\n1,2\n"))).toBe("csv");
    expect(detectFileKind(file("zip.xlsx", Buffer.from([0x50, 0x4b, 3, 4, 0, 0])))).toBe("xlsx");
    expect(() => detectFileKind(file("pic.xlsx", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 1, 2, 3])))).toThrow(/pic\.xlsx is not a workbook/);
    expect(() => detectFileKind(file("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1])))).toThrow(/old-format Excel file/);
    expect(() => detectFileKind(file("empty.csv", ""))).toThrow(/empty \(0 bytes\)/);
    expect(() => detectFileKind(join(dir, "missing.xlsx"))).toThrow(/no such file/);
    expect(() => detectFileKind(file("text.xlsx", "Deal,Stage\n"))).toThrow(/not an \.xlsx workbook/);
  });
});
