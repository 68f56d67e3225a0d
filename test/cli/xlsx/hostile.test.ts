/**
 * Hostile and damaged files, each run through the real command line in a child process with a 768 MB heap
 * limit: the exit code, the one-line message and the peak memory (under 1 GB) are checked. Files are made
 * here with a zip writer of the test's own (test/support/zip-writer.ts), so sizes can lie and parts can be
 * cut short.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import { ensureNodeBuild, ROOT } from "../../build/ensure-build";
import { buildZip, sheetXml, workbookParts, type ZipPart } from "../../support/zip-writer";
import { tempDir } from "../helpers";
import { readXlsx } from "../../../src/cli/read-xlsx";
import { readCsv } from "../../../src/cli/read-csv";
import { readPipeline } from "../../../src/pipeline";

const dir = tempDir("hostile");
const MB = 1024 * 1024;

beforeAll(() => ensureNodeBuild());

interface Run {
  code: number;
  lines: string[];
  stdout: string;
  peakMb: number;
  ms: number;
}

function analyze(file: string, extra: string[] = []): Run {
  const rss = join(dir, `rss-${Math.random().toString(36).slice(2)}.json`);
  const r = spawnSync(
    process.execPath,
    ["--max-old-space-size=768", "--require", join(ROOT, "test/support/rss-preload.js"), join(ROOT, "bin", "gtm-compass.js"), "analyze", file, "--out", join(dir, "out-analysis.xlsx"), "--force", "--quiet", ...extra],
    { encoding: "utf8", env: { ...process.env, GTM_TEST_RSS_FILE: rss, GTM_COMPASS_DEBUG: "" }, timeout: 60000 },
  );
  const usage = existsSync(rss) ? (JSON.parse(readFileSync(rss, "utf8")) as { maxRSS: number; ms: number }) : { maxRSS: NaN, ms: NaN };
  return { code: r.status ?? -1, lines: r.stderr.split("\n").filter((l) => l !== ""), stdout: r.stdout, peakMb: usage.maxRSS / 1024, ms: usage.ms };
}

function expectRefused(r: Run, message: RegExp): void {
  expect(r.lines).toHaveLength(1);
  expect(r.lines[0]).toMatch(message);
  expect(r.code).toBe(1);
  expect(r.peakMb).toBeLessThan(1024);
}

const inline = (s: string): string => `<is><t>${s}</t></is>`;

/** A small pipeline as sheet rows (inline strings), rows 1..n+1. */
function pipelineRows(n: number, extraCells = ""): string {
  let xml = `<row r="1"><c r="A1" t="inlineStr">${inline("Deal")}</c><c r="B1" t="inlineStr">${inline("Stage")}</c><c r="C1" t="inlineStr">${inline("Amount")}</c><c r="D1" t="inlineStr">${inline("Created")}</c>${extraCells}</row>`;
  for (let i = 0; i < n; i++) {
    const r = i + 2;
    xml += `<row r="${r}"><c r="A${r}" t="inlineStr">${inline(`D${i}`)}</c><c r="B${r}" t="inlineStr">${inline(i % 3 === 0 ? "Closed Won" : i % 3 === 1 ? "Closed Lost" : "Proposal")}</c><c r="C${r}"><v>${1000 + i}</v></c><c r="D${r}"><v>${45000 + (i % 300)}</v></c></row>`;
  }
  return xml;
}

function save(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

/** Deflate `total` bytes of a repeated block without holding them: a bomb's compressed body. */
async function deflateRepeated(block: Buffer, total: number): Promise<Buffer> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((r) => z.on("end", r));
  for (let n = 0; n < total; n += block.length) {
    if (!z.write(block)) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await done;
  return Buffer.concat(out);
}

describe("hostile .xlsx files: refused with one line, or read within bounds", () => {
  it("a zip bomb that declares its size is refused before inflating", async () => {
    const body = await deflateRepeated(Buffer.alloc(MB, 0x20), 512 * MB);
    const parts = workbookParts("");
    const sheet = parts.find((p) => p.name.endsWith("sheet1.xml")) as ZipPart;
    sheet.raw = body;
    sheet.declaredSize = 512 * MB;
    sheet.crc = 0;
    const r = analyze(save("bomb-declared.xlsx", buildZip(parts)));
    expectRefused(r, /bomb-declared\.xlsx looks like a zip bomb: xl\/worksheets\/sheet1\.xml would inflate \d+ times/);
  });

  it("a zip bomb that lies about its size is stopped while inflating", async () => {
    const block = Buffer.from(`<row><c t="inlineStr"><is><t>x</t></is></c></row>`.repeat(1000));
    const body = await deflateRepeated(block, 400 * MB);
    const head = Buffer.from(sheetXml("").replace("</sheetData></worksheet>", ""));
    const parts = workbookParts("");
    const sheet = parts.find((p) => p.name.endsWith("sheet1.xml")) as ZipPart;
    sheet.raw = Buffer.concat([deflateRawSync(head, { finishFlush: 2 }).subarray(0, 0), body]);
    sheet.declaredSize = 1 * MB;
    sheet.crc = 0;
    const r = analyze(save("bomb-lying.xlsx", buildZip(parts)));
    expectRefused(r, /bomb-lying\.xlsx is damaged or a zip bomb: xl\/worksheets\/sheet1\.xml inflates past the 1 MB its directory declares/);
  });

  it("a shared-string table bomb is refused", async () => {
    const parts = workbookParts(sheetXml(pipelineRows(5)), { sst: ["a"] });
    const sst = parts.find((p) => p.name === "xl/sharedStrings.xml") as ZipPart;
    sst.raw = await deflateRepeated(Buffer.alloc(MB, 0x20), 300 * MB);
    sst.declaredSize = 300 * MB;
    const r = analyze(save("sst-bomb.xlsx", buildZip(parts)));
    expectRefused(r, /sst-bomb\.xlsx looks like a zip bomb: xl\/sharedStrings\.xml/);
  });

  it("a stray cell at XFD1 is read without padding every row to 16,384 columns", () => {
    const rows = pipelineRows(30000, `<c r="XFD1" t="inlineStr">${inline("stray")}</c>`);
    const r = analyze(save("stray-xfd.xlsx", buildZip(workbookParts(sheetXml(rows))))); 
    expect(r.lines.join("\n")).not.toMatch(/unexpected|bug/);
    expect(r.code).toBe(0);
    expect(r.peakMb).toBeLessThan(1024);
  });

  it("an absurd row number is refused, never materialised", () => {
    const rows = pipelineRows(5) + `<row r="2000000000"><c r="A2000000000"><v>1</v></c></row>`;
    const r = analyze(save("absurd-row.xlsx", buildZip(workbookParts(sheetXml(rows)))));
    expectRefused(r, /absurd-row\.xlsx: sheet "Deals", row 2,000,000,000 is beyond Excel's last row 1,048,576: the file is damaged\./);
  });

  it("a cell on Excel's last row stays sparse: the rows between are not stored", () => {
    const rows = pipelineRows(20) + `<row r="1048576"><c r="E1048576"><v>1</v></c></row>`;
    const r = analyze(save("last-row.xlsx", buildZip(workbookParts(sheetXml(rows)))));
    expect(r.code).toBe(0);
    expect(r.peakMb).toBeLessThan(1024);
  });

  it("a column beyond XFD is refused", () => {
    const rows = pipelineRows(5) + `<row r="9"><c r="XFE9"><v>1</v></c></row>`;
    const r = analyze(save("far-column.xlsx", buildZip(workbookParts(sheetXml(rows)))));
    expectRefused(r, /far-column\.xlsx: sheet "Deals", a cell is beyond Excel's last column XFD \(in row 9\)/);
  });

  it("a cell over Excel's 32,767-character limit is read cut to it, with a located warning (inline and shared)", async () => {
    // A note column E; row 7 holds 100,000 characters inline, rows 8 and 9 share a 200,000-character string.
    let rows = pipelineRows(30, `<c r="E1" t="inlineStr">${inline("Note")}</c>`);
    const addTo = (r: number, cell: string) => (rows = rows.replace(`<row r="${r + 1}">`, `${cell}</row><row r="${r + 1}">`).replace(`</row>${cell}`, cell));
    addTo(7, `<c r="E7" t="inlineStr">${inline("x".repeat(100000))}</c>`);
    addTo(8, `<c r="E8" t="s"><v>1</v></c>`);
    addTo(9, `<c r="E9" t="s"><v>1</v></c>`);
    const file = save("huge-cells.xlsx", buildZip(workbookParts(sheetXml(rows), { sst: ["ok", "y".repeat(200000)] })));
    const r = analyze(file);
    expect(r.code).toBe(0);
    expect(r.peakMb).toBeLessThan(1024);
    expect(r.lines.filter((l) => /text longer than 32,767/.test(l))).toEqual([
      'gtm-compass: WARNING: 3 cells of "Deals" hold text longer than 32,767 characters, Excel\'s limit for one cell (first at E7): cut to their first 32,767 characters. Fix: check that the file is a table: a quote that is not closed can join many lines into one cell.',
    ]);
    // In the reading itself: each cell cut to the limit, each with its located diagnostic.
    const book = await readXlsx(file);
    const sheet = book.sheets[0];
    expect(sheet.values[6][4]).toBe("x".repeat(32767));
    expect(sheet.values[7][4]).toBe("y".repeat(32767));
    const data = readPipeline(sheet);
    const cut = data.diagnostics.filter((d) => d.reason === "text-cut");
    expect(cut.map((d) => [d.sheet, d.row, d.column, d.header, d.severity])).toEqual([
      ["Deals", 7, "E", "Note", "warning"],
      ["Deals", 8, "E", "Note", "warning"],
      ["Deals", 9, "E", "Note", "warning"],
    ]);
    expect(cut[0].message).toMatch(/^Text longer than 32,767 characters cut: the cell holds 100,000 characters/);
    // Past 4 bytes a character the text is not decoded: its byte count is what is known.
    expect(cut[1].message).toMatch(/the cell holds 200,000 bytes/);
    // The rest of the sheet reads as it would without the long notes.
    expect(data.rows.used).toBe(30);
  });

  it("a file cut short is refused, never analysed in part", () => {
    const whole = buildZip(workbookParts(sheetXml(pipelineRows(2000))));
    const r = analyze(save("truncated-file.xlsx", whole.subarray(0, Math.floor(whole.length * 0.7))));
    expectRefused(r, /truncated-file\.xlsx could not be read as an \.xlsx workbook: it has no zip directory at its end/);
  });

  it("a sheet part whose compressed bytes are cut is refused", () => {
    const parts = workbookParts(sheetXml(pipelineRows(2000)));
    const sheet = parts.find((p) => p.name.endsWith("sheet1.xml")) as ZipPart;
    const full = deflateRawSync(sheet.data);
    sheet.raw = full.subarray(0, full.length >> 1);
    const r = analyze(save("truncated-part.xlsx", buildZip(parts)));
    expectRefused(r, /truncated-part\.xlsx is damaged: xl\/worksheets\/sheet1\.xml (cannot be inflated|holds)/);
  });

  it("a sheet XML cut off mid-file (in a sound zip) is refused, not analysed in part", () => {
    const xml = sheetXml(pipelineRows(2000));
    const cut = xml.slice(0, Math.floor(xml.length * 0.6));
    const r = analyze(save("truncated-xml.xlsx", buildZip(workbookParts(cut))));
    expectRefused(r, /truncated-xml\.xlsx is damaged: (the XML of sheet "Deals" is cut off|xl\/worksheets\/sheet1\.xml is cut off)/);
    // Cut exactly between two rows: still refused (no end tags).
    const atRow = xml.slice(0, xml.indexOf('<row r="1500"'));
    const r2 = analyze(save("truncated-xml-row.xlsx", buildZip(workbookParts(atRow))));
    expectRefused(r2, /truncated-xml-row\.xlsx is damaged: the XML of sheet "Deals" is cut off \(it ends after row 1,499\)/);
  });

  it("a part whose checksum is wrong is refused", () => {
    const parts = workbookParts(sheetXml(pipelineRows(50)));
    (parts.find((p) => p.name.endsWith("sheet1.xml")) as ZipPart).crc = 12345;
    const r = analyze(save("bad-crc.xlsx", buildZip(parts)));
    expectRefused(r, /bad-crc\.xlsx is damaged: xl\/worksheets\/sheet1\.xml fails its checksum/);
  });

  it("reads ZIP64 packages, prefixed element names and cells without r= like the plain file", () => {
    const plain = analyze(save("plain.xlsx", buildZip(workbookParts(sheetXml(pipelineRows(60))))), ["--json", "-"]);
    expect(plain.code).toBe(0);
    const z64 = analyze(save("zip64.xlsx", buildZip(workbookParts(sheetXml(pipelineRows(60))), { zip64: true })), ["--json", "-"]);
    expect(z64.code).toBe(0);
    expect(z64.stdout).toBe(plain.stdout);
    const prefixed = sheetXml(pipelineRows(60).replace(/<(\/?)(row|c|v|is|t)\b/g, "<$1x:$2"), "x");
    const px = analyze(save("prefixed.xlsx", buildZip(workbookParts(prefixed))), ["--json", "-"]);
    expect(px.code).toBe(0);
    expect(px.stdout).toBe(plain.stdout);
    const noRefs = sheetXml(pipelineRows(60).replace(/ r="[A-Z]+\d+"/g, "").replace(/<row r="\d+">/g, "<row>"));
    const nr = analyze(save("no-refs.xlsx", buildZip(workbookParts(noRefs))), ["--json", "-"]);
    expect(nr.code).toBe(0);
    expect(nr.stdout).toBe(plain.stdout);
  });
});

describe("hostile .csv files", () => {
  it("a 10 MB cell (plain or quoted) is read cut to 32,767 characters with a located warning, in bounded memory", async () => {
    const head = "Deal,Stage,Amount,Note\nD1,Won,5,a\nD2,Lost,6,b\n";
    const plain = save("huge-cell.csv", Buffer.concat([Buffer.from(head + "D3,Won,7,"), Buffer.alloc(10 * MB, 0x61), Buffer.from("\nD4,Lost,8,d\n")]));
    const quoted = save("huge-quoted.csv", Buffer.concat([Buffer.from(head + 'D3,Won,7,"say ""hi"", '), Buffer.alloc(10 * MB, 0x61), Buffer.from('"\nD4,Lost,8,d\n')]));
    for (const [file, name] of [[plain, "huge-cell.csv"], [quoted, "huge-quoted.csv"]]) {
      const r = analyze(file);
      expect(r.code).toBe(0);
      expect(r.peakMb).toBeLessThan(1024);
      expect(r.ms).toBeLessThan(30000);
      expect(r.lines).toContain(
        `gtm-compass: WARNING: 1 cell of "${name}" holds text longer than 32,767 characters, Excel's limit for one cell (first at D4): cut to its first 32,767 characters. Fix: check that the file is a table: a quote that is not closed can join many lines into one cell.`,
      );
      const sheet = await readCsv(file);
      const data = readPipeline(sheet);
      expect(data.rows.used).toBe(4);
      const cut = data.diagnostics.filter((d) => d.reason === "text-cut");
      expect(cut.map((d) => [d.sheet, d.row, d.column, d.header])).toEqual([[name, 4, "D", "Note"]]);
      expect(cut[0].message).toMatch(/the cell holds 10,48\d,\d{3} bytes/);
    }
    expect((await readCsv(plain)).values[3]).toEqual(["D3", "Won", "7", "a".repeat(32767)]);
    expect((await readCsv(quoted)).values[3]).toEqual(["D3", "Won", "7", 'say "hi", ' + "a".repeat(32767 - 10)]);
  });

  it("a 10 MB header cell is read cut, and the header search stays quick", () => {
    const p = save("huge-header.csv", Buffer.concat([Buffer.from("Deal,Stage,Amount,"), Buffer.alloc(10 * MB, 0x62), Buffer.from("\nD1,Won,5,x\nD2,Lost,6,y\n")]));
    const r = analyze(p);
    expect(r.code).toBe(0);
    expect(r.ms).toBeLessThan(30000);
    expect(r.peakMb).toBeLessThan(1024);
    expect(r.lines.some((l) => l.includes('1 cell of "huge-header.csv" holds text longer than 32,767 characters') && l.includes("(first at D1)"))).toBe(true);
  });

  it("a quote never closed is refused with where it starts", () => {
    const rows = ["Deal,Stage,Amount", 'D1,"Won,5'];
    for (let i = 0; i < 20000; i++) rows.push(`D${i},Lost,${i}`);
    const r = analyze(save("open-quote.csv", Buffer.from(rows.join("\n"))));
    expectRefused(r, /open-quote\.csv: the cell at row 2, column B is over Excel's limit of 32,767 characters for one cell \([\d,]+ bytes; a quote that is not closed\?\)\.$/);
  });

  it("a file over the cell limit is refused after reading only that far, in bounded memory", () => {
    const p = join(dir, "many-rows.csv");
    const line = "D,Won,5,2024-01-01,2024-02-01,Rep,Acct,Web,Pro\n";
    const rows = Math.ceil(26_000_000 / 9);
    const block = line.repeat(10000);
    const parts: string[] = ["Deal,Stage,Amount,Created,Closed,Owner,Account,Source,Product\n"];
    for (let i = 0; i < rows; i += 10000) parts.push(block);
    writeFileSync(p, parts.join(""));
    const r = analyze(p);
    expectRefused(r, /many-rows\.csv holds more than 25,165,824 cells \(stopped at row [\d,]+\): more than GTM Compass reads in one run/);
    expect(r.ms).toBeLessThan(30000);
  });
});
