/**
 * The two helper sheets: a formatted inputs template the user fills (never replaced afterwards) and a
 * what-if planner whose results are live GTM custom-function formulas wired to yellow input cells.
 */
import { planSheetNames } from "../../report/sheet-names";
import { whatIfLayout, type WhatIfCell } from "../../report/what-if";
import { textInput, type ExcelInput } from "./cells";
import type { ExcelHost } from "./host";
import { listSheets, markOwned } from "./owned";
import { protectionProblem } from "./write";

export const INPUTS_SHEET = "GTM Inputs";
export const WHATIF_SHEET = "GTM What-If";
const INPUT_FILL = "#FFF2CC";

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
    const existing = info.sheets.find((s) => s.owner === "inputs") ?? info.sheets.find((s) => s.name.toLowerCase() === INPUTS_SHEET.toLowerCase());
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
    return { sheet: INPUTS_SHEET, created: true };
  });
}

function inputOf(v: unknown): ExcelInput {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? v : "";
  if (typeof v === "boolean") return v;
  return textInput(String(v));
}

type Cell = ExcelInput | WhatIfCell;

/** The planner's layout is built outside the pane (src/report/what-if.ts); re-exported for the pane and tests. */
export { whatIfLayout };

/** A layout cell as Range.formulas input, "{name}" replaced by the input's address. */
function formulaInput(cell: Cell | undefined, inputs: Record<string, string>): ExcelInput {
  if (cell === undefined) return "";
  if (typeof cell === "object") return `=${cell.f.replace(/\{(\w+)\}/g, (_, n: string) => inputs[n])}`;
  return typeof cell === "string" ? textInput(cell) : cell;
}

/** Add (or rebuild) the what-if sheet; a user's sheet of the same name is left alone. */
export async function buildWhatIfSheet(host: ExcelHost): Promise<HelperResult> {
  const layout = whatIfLayout();
  return host.run(async (context) => {
    const info = await listSheets(context);
    const problem = protectionProblem([], info.workbookProtected);
    if (problem) throw problem;
    const plan = planSheetNames([WHATIF_SHEET], info.sheets.map((s) => ({ name: s.name, ownedByUs: s.owner === "whatif" && !s.protected })));
    const sheets = context.workbook.worksheets;
    for (const old of plan.remove) sheets.getItem(old).delete();
    const name = plan.names[WHATIF_SHEET];
    const ws = sheets.add(name);
    markOwned(ws, "whatif");
    const width = Math.max(...layout.rows.map((r) => r.length));
    ws.getRangeByIndexes(0, 0, layout.rows.length, width).formulas = layout.rows.map((r) => Array.from({ length: width }, (_, c) => formulaInput(r[c], layout.inputs)));
    for (const r of layout.bold) ws.getRangeByIndexes(r, 0, 1, 1).format.font.bold = true;
    for (const cell of layout.inputCells) ws.getRange(cell).format.fill.color = INPUT_FILL;
    for (const { cell, format } of layout.formats) ws.getRange(cell).numberFormat = [[format]];
    ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 300;
    ws.getRangeByIndexes(0, 1, 1, width - 1).format.columnWidth = 110;
    ws.activate();
    await context.sync();
    return { sheet: name, created: true };
  });
}
