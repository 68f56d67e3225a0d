/**
 * The two helper sheets: a formatted inputs template the user fills (never replaced afterwards) and the
 * what-if planner's layout (written by ./whatif.ts, which keeps a planner's changed inputs).
 */
import { whatIfLayout, type WhatIfCell } from "../../report/what-if";
import { textInput, type ExcelInput } from "./cells";
import type { ExcelHost } from "./host";
import { listSheets, markOwned } from "./owned";
import { readLedger, writeLedger } from "./settings";
import { protectionProblem } from "./write";

export const INPUTS_SHEET = "GTM Inputs";
export const WHATIF_SHEET = "GTM What-If";
export const INPUT_FILL = "#FFF2CC";

export interface HelperResult {
  sheet: string;
  created: boolean;
}

/**
 * Add the inputs template, or go to the one already there: an inputs sheet holds the user's numbers, so it
 * is never overwritten.
 */
export async function createInputsSheet(host: ExcelHost, template: unknown[][]): Promise<HelperResult> {
  return host.run(async (context) => {
    const info = await listSheets(context);
    // The one this workbook recorded (renamed or not: it is the user's numbers either way), else one marked or named so.
    const recorded = readLedger(host).inputs;
    const existing =
      info.sheets.find((s) => recorded !== undefined && s.id === recorded.id) ??
      info.sheets.find((s) => s.origin === "inputs") ??
      info.sheets.find((s) => s.name.toLowerCase() === INPUTS_SHEET.toLowerCase());
    if (existing) {
      context.workbook.worksheets.getItem(existing.name).activate();
      await context.sync();
      return { sheet: existing.name, created: false };
    }
    const problem = protectionProblem([], info.workbookProtected);
    if (problem) throw problem;
    const width = Math.max(1, ...template.map((r) => r.length));
    const rows: ExcelInput[][] = template.map((r) => Array.from({ length: width }, (_, c) => inputOf(r[c])));
    const ws = context.workbook.worksheets.add(INPUTS_SHEET);
    markOwned(ws, "inputs");
    ws.load("id");
    ws.getRangeByIndexes(0, 0, rows.length, width).values = rows;
    const blank = (r: unknown[] | undefined): boolean => !r || r.every((v) => v === "" || v === null || v === undefined);
    let inSection = false;
    template.forEach((r, i) => {
      // A section starts with a header row after a blank row ("Setting | Value | What it means").
      const header = i === 0 || (blank(template[i - 1]) && !blank(r));
      if (header) ws.getRangeByIndexes(i, 0, 1, width).format.font.bold = true;
      if (blank(r)) inSection = false;
      else if (header) inSection = i > 1;
      // The value column (B) of each row in a section is the cell to fill.
      else if (inSection && typeof r[0] === "string" && r[0] !== "") ws.getRangeByIndexes(i, 1, 1, 1).format.fill.color = INPUT_FILL;
    });
    // The last section (one row per period) is filled downwards: offer a few yellow rows.
    if (inSection) ws.getRangeByIndexes(template.length, 0, 8, width).format.fill.color = INPUT_FILL;
    ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 260;
    if (width > 1) ws.getRangeByIndexes(0, 1, 1, width - 1).format.columnWidth = 95;
    ws.freezePanes.freezeRows(1);
    ws.activate();
    await context.sync();
    await writeLedger(host, (l) => {
      l.inputs = { id: ws.id, name: INPUTS_SHEET };
    }).catch(() => undefined);
    return { sheet: INPUTS_SHEET, created: true };
  });
}

function inputOf(v: unknown): ExcelInput {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "boolean") return v;
  return textInput(String(v));
}

export type Cell = ExcelInput | WhatIfCell;

/** The planner's layout is built outside the pane (src/report/what-if.ts); re-exported for the pane and tests. */
export { whatIfLayout };

/** A layout cell as Range.formulas input, "{name}" replaced by the input's address. */
export function formulaInput(cell: Cell | undefined, inputs: Record<string, string>): ExcelInput {
  if (cell === undefined) return "";
  if (typeof cell === "object") return `=${cell.f.replace(/\{(\w+)\}/g, (_, n: string) => inputs[n])}`;
  return typeof cell === "string" ? textInput(cell) : cell;
}
