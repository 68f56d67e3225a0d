/**
 * The command line and the task pane write the same workbook. Each real input (the Maven pipeline, Olist
 * with its leads, the sample, and a seeded CRM export with a stage history) goes through the command line's
 * path, which writes an .xlsx; the very report it wrote is then written by the task pane's Office.js writer
 * into the host double. The .xlsx is read back with ExcelJS (and its sheet XML for links and page breaks)
 * and compared with what the double holds: the same sheets, the same value in every cell, the same merged
 * cells, number formats, alignment, wrapping, bold, row heights, notes, links and print settings.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { sheetXml } from "../support/xlsx-parts";
import { runAnalysis, type RunResult } from "../../src/cli/run";
import { OWNER_MARKER } from "../../src/report/types";
import { writeReport } from "../../src/taskpane/excel/write";
import { dealsSheet, generateHistory, opportunityHistorySheet } from "../support/history-gen";
import { gridToCsv } from "../support/csv-grid";
import { makeDouble, type Double } from "./double-host";

const FIX = join(__dirname, "..", "fixtures");
const dir = mkdtempSync(join(tmpdir(), "gtm-same-"));

const g = generateHistory(20241, { deals: 120 });
writeFileSync(join(dir, "deals.csv"), gridToCsv(dealsSheet(g, false), [3, 4]));
writeFileSync(join(dir, "history.csv"), gridToCsv(opportunityHistorySheet(g), [1, 4]));

const CASES = {
  maven: { file: join(FIX, "maven-crm/sales_pipeline.csv") },
  olist: { file: join(FIX, "olist-funnel/olist_closed_deals_dataset.csv"), leads: join(FIX, "olist-funnel/olist_marketing_qualified_leads_dataset.csv") },
  sample: { file: join(__dirname, "..", "..", "samples/gtm-sample.xlsx") },
  history: { file: join(dir, "deals.csv"), history: join(dir, "history.csv") },
};
type Case = keyof typeof CASES;

interface Written {
  result: RunResult;
  wb: ExcelJS.Workbook;
  xml: Map<string, string>;
  pane: Double;
  /** The same report through a host without ExcelApi 1.18 (notes become comments). */
  older: Double;
}
const runs = {} as Record<Case, Written>;

beforeAll(async () => {
  for (const name of Object.keys(CASES) as Case[]) {
    const c = CASES[name];
    const result = await runAnalysis({ ...c, out: join(dir, `${name}.xlsx`), period: "quarter" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.out);
    const xml = await sheetXml(await JSZip.loadAsync(readFileSync(result.out)));
    const pane = makeDouble({ sheets: [{ name: "Data", values: [["x"]] }] });
    await writeReport(pane.host, result.report);
    const older = makeDouble({ sheets: [{ name: "Data", values: [["x"]] }], api: "1.12" });
    await writeReport(older.host, result.report);
    runs[name] = { result, wb, xml, pane: pane.d, older: older.d };
  }
}, 240000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An ExcelJS cell value as the plain value a reader sees (a link's text, a formula's result). */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "object" && !(v instanceof Date)) {
    if ("text" in v) return (v as { text: unknown }).text;
    if ("formula" in v) return { formula: `=${(v as ExcelJS.CellFormulaValue).formula}` };
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
  }
  return v;
}

const ALIGN: Record<string, string> = { left: "Left", right: "Right", center: "Center" };
const VALIGN: Record<string, string> = { top: "Top", middle: "Center", bottom: "Bottom" };

describe.each(Object.keys(CASES) as Case[])("%s: the task pane writes what the command line writes", (name) => {
  const sheetsOf = () => runs[name].wb.worksheets.map((ws) => ws.name);

  test("the same sheets, in the same order (GTM Stages and GTM Velocity when there is a history)", () => {
    const { pane } = runs[name];
    expect(pane.sheetNames()).toEqual(["Data", ...sheetsOf()]);
    if (name === "history") expect(sheetsOf()).toEqual(expect.arrayContaining(["GTM Stages", "GTM Velocity"]));
  });

  test("the same value in every cell (the command line's owner mark aside)", () => {
    const { wb, pane } = runs[name];
    let cells = 0;
    for (const ws of wb.worksheets) {
      const seen = new Set<string>();
      ws.eachRow({ includeEmpty: false }, (row) => {
        row.eachCell({ includeEmpty: false }, (cell) => {
          if (cell.isMerged && cell.master !== cell) return;
          const v = plain(cell.value);
          if (v === OWNER_MARKER || v === "") return;
          seen.add(cell.address);
          cells++;
          if (typeof v === "object" && v !== null && "formula" in v) expect([cell.address, pane.formulaAt(ws.name, cell.address)]).toEqual([cell.address, (v as { formula: string }).formula]);
          else expect([ws.name, cell.address, pane.valueAt(ws.name, cell.address)]).toEqual([ws.name, cell.address, v]);
        });
      });
      // and nothing more in the pane's sheet
      const grid = pane.valuesOf(ws.name)!;
      grid.forEach((r, i) =>
        r.forEach((v, c) => {
          if (v === "" || v === null) return;
          const address = `${ws.getColumn(c + 1).letter}${i + 1}`;
          expect([ws.name, address, seen.has(address) || pane.formulaAt(ws.name, address) !== null]).toEqual([ws.name, address, true]);
        }),
      );
    }
    expect(cells).toBeGreaterThan(100);
  });

  test("the same merged cells (tiles, text across the sheet)", () => {
    const { wb, pane } = runs[name];
    let merges = 0;
    for (const ws of wb.worksheets) {
      const cli = [...((ws.model as unknown as { merges: string[] }).merges ?? [])].sort();
      merges += cli.length;
      expect([ws.name, pane.mergesOf(ws.name).sort()]).toEqual([ws.name, cli]);
    }
    expect(merges).toBeGreaterThan(10);
  });

  test("the same number formats, alignment, wrapping, indents, bold and row heights", () => {
    const { wb, pane } = runs[name];
    let checked = 0;
    for (const ws of wb.worksheets) {
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        const height = (pane.rowHeightsOf(ws.name) as Record<number, number>)[r];
        expect([ws.name, r, height ?? null]).toEqual([ws.name, r, row.height ?? null]);
        row.eachCell({ includeEmpty: false }, (cell) => {
          // a merged cell's look is its first cell's (ExcelJS copies it onto the others)
          if (plain(cell.value) === OWNER_MARKER || (cell.isMerged && cell.master !== cell)) return;
          const look = pane.lookAt(ws.name, cell.address);
          const a = cell.alignment ?? {};
          const want: Record<string, unknown> = {};
          const got: Record<string, unknown> = {};
          if (cell.numFmt) {
            want.numberFormat = cell.numFmt;
            got.numberFormat = look.numberFormat;
          }
          if (a.horizontal) {
            want.horizontal = ALIGN[a.horizontal];
            got.horizontal = look.horizontalAlignment;
          }
          if (a.vertical) {
            want.vertical = VALIGN[a.vertical];
            got.vertical = look.verticalAlignment;
          }
          if (a.wrapText !== undefined) {
            want.wrap = a.wrapText;
            got.wrap = look.wrapText;
          }
          if (a.indent) {
            want.indent = a.indent;
            got.indent = look.indentLevel;
          }
          if (cell.font?.bold) {
            want.bold = true;
            got.bold = look["font.bold"];
          }
          if (cell.font?.size) {
            want.size = cell.font.size;
            got.size = look["font.size"] ?? 11;
          }
          const color = (cell.font?.color as { argb?: string } | undefined)?.argb;
          if (color) {
            want.color = `#${color.slice(2)}`;
            got.color = look["font.color"];
          }
          if (cell.font?.underline) {
            want.underline = "Single";
            got.underline = look["font.underline"];
          }
          const fill = cell.fill?.type === "pattern" ? (cell.fill.fgColor as { argb?: string } | undefined)?.argb : undefined;
          if (fill) {
            want.fill = `#${fill.slice(2)}`;
            got.fill = look["fill.color"];
          }
          for (const [side, edge] of [["bottom", "EdgeBottom"], ["left", "EdgeLeft"], ["right", "EdgeRight"]] as const) {
            const b = cell.border?.[side];
            if (!b?.style) continue;
            want[side] = [b.style === "thick" ? "Thick" : "Thin", `#${(b.color as { argb?: string } | undefined)?.argb?.slice(2)}`];
            got[side] = [look[`border.${edge}.weight`], look[`border.${edge}.color`]];
          }
          checked++;
          expect([ws.name, cell.address, got]).toEqual([ws.name, cell.address, want]);
        });
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  test("the same column widths (the pane in points: 5.7 a character and 5 of padding)", () => {
    const { wb, pane } = runs[name];
    for (const ws of wb.worksheets) {
      const cols = (ws.columns ?? []).filter((c) => !c.hidden && c.width !== undefined);
      expect(cols.length).toBeGreaterThan(0);
      for (const c of cols) expect([ws.name, c.letter, pane.columnWidthOf(ws.name, c.number! - 1)]).toEqual([ws.name, c.letter, Math.round(c.width! * 5.7 + 5)]);
    }
  });

  test("the same notes on the same cells (comments on a host without ExcelApi 1.18)", () => {
    const { wb, pane, older } = runs[name];
    for (const ws of wb.worksheets) {
      const cli: Record<string, string> = {};
      ws.eachRow({ includeEmpty: true }, (row) =>
        row.eachCell({ includeEmpty: true }, (cell) => {
          const n = cell.note;
          if (n) cli[cell.address] = typeof n === "string" ? n : n.texts!.map((t) => t.text).join("");
        }),
      );
      expect([ws.name, pane.notesOf(ws.name)]).toEqual([ws.name, cli]);
      expect([ws.name, older.commentsOf(ws.name)]).toEqual([ws.name, cli]);
    }
    // Olist has no deal amounts: its revenue figures are blank with the reason in a note
    if (name === "olist") expect(Object.keys(pane.notesOf("GTM Summary")).length).toBeGreaterThan(0);
  });

  test("the same links to the same cells", () => {
    const { wb, xml, pane } = runs[name];
    let links = 0;
    for (const ws of wb.worksheets) {
      const cli = Object.fromEntries(
        [...xml.get(ws.name)!.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]+)"/g)].map((m) => [m[1], m[2].replace(/&apos;/g, "'").replace(/&amp;/g, "&")]),
      );
      links += Object.keys(cli).length;
      const got = Object.fromEntries(Object.entries(pane.hyperlinksOf(ws.name)).map(([k, h]) => [k, h.documentReference]));
      expect([ws.name, got]).toEqual([ws.name, cli]);
    }
    expect(links).toBeGreaterThan(0);
  });

  test("the same print setup: orientation, fit to pages, repeated rows, print area, header, footer, page breaks", () => {
    const { wb, xml, pane } = runs[name];
    for (const ws of wb.worksheets) {
      const ps = ws.pageSetup;
      const layout = pane.pageLayoutOf(ws.name);
      const hf = layout.headersFooters;
      const cliBreaks = [...xml.get(ws.name)!.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
      const area = layout.printArea;
      const letter = (c: number) => ws.getColumn(c + 1).letter;
      expect({
        sheet: ws.name,
        orientation: layout.orientation.toLowerCase(),
        fit: [layout.zoom.horizontalFitToPages, layout.zoom.verticalFitToPages],
        titles: layout.titleRows ? `${layout.titleRows[0] + 1}:${layout.titleRows[1] + 1}` : undefined,
        area: area ? `${letter(area.c0)}${area.r0 + 1}:${letter(area.c1)}${area.r1 + 1}` : undefined,
        header: `&L${hf.leftHeader}&R${hf.rightHeader}`,
        footer: `&C${hf.centerFooter}`,
        breaks: pane.pageBreaksOf(ws.name),
        margins: layout.margins,
      }).toEqual({
        sheet: ws.name,
        orientation: ps.orientation,
        fit: [ps.fitToWidth, ps.fitToHeight],
        titles: ps.printTitlesRow,
        area: ps.printArea?.replace(/\$/g, ""),
        header: ws.headerFooter.oddHeader,
        footer: ws.headerFooter.oddFooter,
        // a break after 1-based row n is a break before 0-based row n
        breaks: cliBreaks,
        margins: Object.fromEntries(Object.entries(ps.margins!).map(([k, v]) => [k, v * 72])),
      });
    }
    const summary = pane.pageLayoutOf("GTM Summary");
    expect(summary.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
  });
});
