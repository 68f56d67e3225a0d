/**
 * The analysis workbook as a reader gets it, on the three real inputs (Maven, Olist with its leads, the
 * sample): the written package is read back and checked for headings aligned like their values, links that
 * land on the cell holding the number, print setup, native charts that draw the cells they name, and honest
 * blanks; then LibreOffice opens each workbook and prints it, the summary on one page.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sheetXml } from "../support/xlsx-parts";
import { runAnalysis, RunResult } from "../../src/cli/run";
import { orderProblems } from "../support/ooxml-order";

const FIX = join(__dirname, "..", "fixtures");
const CASES = {
  maven: { file: join(FIX, "maven-crm/sales_pipeline.csv") },
  olist: { file: join(FIX, "olist-funnel/olist_closed_deals_dataset.csv"), leads: join(FIX, "olist-funnel/olist_marketing_qualified_leads_dataset.csv") },
  sample: { file: join(__dirname, "..", "..", "samples/gtm-sample.xlsx") },
};
type Case = keyof typeof CASES;

const dir = mkdtempSync(join(tmpdir(), "gtm-workbook-"));
const runs = {} as Record<Case, { result: RunResult; zip: JSZip; wb: ExcelJS.Workbook; parts: Map<string, string> }>;

beforeAll(async () => {
  for (const name of Object.keys(CASES) as Case[]) {
    const c = CASES[name];
    const result = await runAnalysis({ file: c.file, leads: "leads" in c ? c.leads : undefined, out: join(dir, `${name}.xlsx`), period: "quarter" });
    const zip = await JSZip.loadAsync(readFileSync(result.out));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.out);
    runs[name] = { result, zip, wb, parts: await sheetXml(zip) };
  }
}, 120000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const A1 = (ref: string) => {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref)!;
  return { col: m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) };
};

describe.each(Object.keys(CASES) as Case[])("%s: the written package", (name) => {
  test("every heading over a column of figures is right-aligned like them; over text, left", () => {
    const { wb } = runs[name];
    let checked = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow((row, r) => {
        row.eachCell((cell, c) => {
          const fill = cell.fill as ExcelJS.FillPattern | undefined;
          if (!cell.font?.bold || fill?.fgColor?.argb !== "FFF2F2F2") return;
          const below = ws.getCell(r + 1, c);
          if (typeof below.value === "number") {
            expect({ sheet: ws.name, cell: cell.address, align: cell.alignment?.horizontal }).toEqual({ sheet: ws.name, cell: cell.address, align: "right" });
            expect(below.alignment?.horizontal).toBe("right");
            checked++;
          } else if (typeof below.value === "string" && below.value !== "" && !/^(yes|no|not known|OK|WATCH|TIME BOMB|NO DATA|INFO|HEALTHY)$/.test(below.value)) {
            expect({ sheet: ws.name, cell: cell.address, align: cell.alignment?.horizontal }).toEqual({ sheet: ws.name, cell: cell.address, align: "left" });
          }
        });
      });
    }
    expect(checked).toBeGreaterThan(20);
  });

  test("each finding on the summary links to the cell that holds its number", () => {
    const { result, parts, wb } = runs[name];
    const xml = parts.get("GTM Summary")!;
    const links = [...xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]+)"/g)].map((m) => ({ ref: m[1], location: m[2].replace(/&apos;/g, "'") }));
    const anchored = result.insights.filter((x) => x.anchor);
    // one per finding with a number, one per time bomb
    expect(links.length).toBe(anchored.length + 6);
    for (const x of anchored) {
      const link = links.find((l) => l.location === `'${x.anchor!.sheet}'!${x.anchor!.cell}`);
      expect(link).toBeDefined();
      const target = wb.getWorksheet(x.anchor!.sheet)!.getCell(x.anchor!.cell).value;
      expect(target === null || target === undefined || target === "").toBe(false);
      // the link cell shows where it goes
      expect(wb.getWorksheet("GTM Summary")!.getCell(link!.ref).value).toBe(`${x.anchor!.sheet}!${x.anchor!.cell}`);
    }
    // internal links need no relationship: none of ours is written as an external target
    expect(xml).not.toMatch(/<hyperlink [^>]*r:id=/);
  });

  test("print setup: one page wide, the summary on one page without its chart data, headings repeated, header and page x of y", async () => {
    const { parts, zip, result } = runs[name];
    const workbook = (await zip.file("xl/workbook.xml")!.async("string")).replace(/&apos;/g, "'");
    for (const [sheet, xml] of parts) {
      expect(xml).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(xml).toMatch(new RegExp(`<pageSetup [^>]*fitToWidth="1" fitToHeight="${sheet === "GTM Summary" ? 1 : 0}"`));
      expect(xml).toContain("<oddFooter>&amp;CPage &amp;P of &amp;N</oddFooter>");
      const header = /<oddHeader>(.*?)<\/oddHeader>/.exec(xml)![1];
      expect(header).toContain(sheet);
      // the source as the user named it ("&" doubled, as header codes need)
      expect(header).toContain(result.from.deals.replace(/&/g, "&amp;&amp;").replace(/>/g, "&gt;"));
      if (sheet !== "GTM Summary") expect(workbook).toMatch(new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="\\d+">'${sheet}'!\\$1:\\$\\d+</definedName>`));
    }
    expect(workbook).toMatch(/<definedName name="_xlnm.Print_Area" localSheetId="0">'GTM Summary'!\$A\$1:\$H\$\d+<\/definedName>/);
  });

  test("native charts: in the order Excel's schema requires, drawing the cells they name", async () => {
    const { zip, wb, parts } = runs[name];
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    // the summary, levers (with amounts), funnel and segments sheets carry charts
    expect(charts.length).toBeGreaterThanOrEqual(name === "olist" ? 6 : 8);
    for (const f of charts) {
      const xml = await zip.file(f)!.async("string");
      expect({ f, problems: orderProblems(xml) }).toEqual({ f, problems: [] });
      expect(types).toContain(`<Override PartName="/${f}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
      // each series' cached values are the numbers in the cells it refers to
      for (const m of xml.matchAll(/<c:val><c:numRef><c:f>'([^']+)'!\$([A-Z]+)\$(\d+):\$[A-Z]+\$(\d+)<\/c:f><c:numCache>(.*?)<\/c:numCache>/g)) {
        const ws = wb.getWorksheet(m[1])!;
        const cache = new Map([...m[5].matchAll(/<c:pt idx="(\d+)"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map((p) => [Number(p[1]), Number(p[2])]));
        for (let r = Number(m[3]); r <= Number(m[4]); r++) {
          const v = ws.getCell(`${m[2]}${r}`).value;
          const n = typeof v === "number" ? v : v && typeof v === "object" && "result" in v ? (v.result as number) : undefined;
          expect(cache.get(r - Number(m[3]))).toBe(n);
        }
      }
    }
    for (const [sheet, xml] of parts) expect({ sheet, problems: orderProblems(xml) }).toEqual({ sheet, problems: [] });
    for (const f of Object.keys(zip.files).filter((x) => /^xl\/drawings\/drawing\d+\.xml$/.test(x))) {
      expect(orderProblems(await zip.file(f)!.async("string"))).toEqual([]);
    }
    expect(parts.get("GTM Summary")).toMatch(/<drawing r:id="rId\d+"\/>/);
  });
});

describe("honest blanks on Olist (no deal has an amount)", () => {
  const cellBelow = (ws: ExcelJS.Worksheet, text: string, down: number, right = 0) => {
    let found: ExcelJS.Cell | undefined;
    ws.eachRow((row, r) => row.eachCell((cell, c) => (cell.value === text && !found ? (found = ws.getCell(r + down, c + right)) : undefined)));
    return found!;
  };

  test("summary tiles: won revenue and open pipeline are empty cells with 'not known' under them and the reason in a note", () => {
    const ws = runs.olist.wb.getWorksheet("GTM Summary")!;
    for (const label of ["Won revenue", "Open pipeline", "Win rate (by amount)"]) {
      const value = cellBelow(ws, label, 1);
      expect(value.value).toBeNull();
      expect(String(value.note ?? "")).toMatch(/^Not known: /);
      expect(String(cellBelow(ws, label, 2).value)).toMatch(/^not known: /);
    }
    expect(cellBelow(ws, "Lead to won", 1).value).toBeCloseTo(842 / 8000, 12);
  });

  test("funnel key figures: open pipeline value blank, 'not known' beside it, never 0", () => {
    const ws = runs.olist.wb.getWorksheet("GTM Funnel")!;
    const value = cellBelow(ws, "Open pipeline value", 0, 1);
    expect(value.value).toBeNull();
    expect(String(value.note)).toMatch(/amount/);
    expect(String(cellBelow(ws, "Open pipeline value", 0, 2).value)).toMatch(/^not known/);
  });

  test("levers: won deals per period, revenue blank with a note, no 0 anywhere in the revenue column", () => {
    const ws = runs.olist.wb.getWorksheet("GTM Levers")!;
    let blanks = 0;
    ws.eachRow((row) => {
      const c = row.getCell(3);
      if (row.getCell(4).value === "not known") {
        expect(c.value).toBeNull();
        expect(String(c.note)).toMatch(/No won deal has an amount/);
        blanks++;
      }
    });
    expect(blanks).toBeGreaterThan(3);
  });

  test("a check that cannot run says NO DATA, never OK 0.0%", () => {
    const ws = runs.olist.wb.getWorksheet("GTM Time Bombs")!;
    const status = cellBelow(ws, "A comfortable, inefficient sales team", 0, 1);
    expect(status.value).toBe("NO DATA");
  });
});

describe("LibreOffice prints each workbook", () => {
  const out = join(dir, "pdf");
  beforeAll(() => {
    execFileSync(
      "soffice",
      ["--headless", `-env:UserInstallation=file://${join(dir, "lo-profile")}`, "--convert-to", "pdf", "--outdir", out, ...Object.keys(CASES).map((n) => join(dir, `${n}.xlsx`))],
      { stdio: "pipe", timeout: 240000 },
    );
  }, 250000);

  test.each(Object.keys(CASES) as Case[])("%s: the summary is one page, the levers sheet starts on page 2", (name) => {
    const text = (page: number) => execFileSync("pdftotext", ["-f", String(page), "-l", String(page), "-layout", join(out, `${name}.pdf`), "-"], { encoding: "utf8" });
    const first = text(1);
    expect(first).toContain("GTM Summary");
    expect(first).toContain("What to act on");
    expect(first).toContain("Time bombs");
    expect(first).toContain("Page 1 of");
    expect(text(2).trimStart().startsWith("GTM Levers")).toBe(true);
    expect(readdirSync(out)).toContain(`${name}.pdf`);
  });
});
