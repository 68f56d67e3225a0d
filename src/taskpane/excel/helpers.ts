/**
 * The two helper sheets: a formatted inputs template the user fills (never replaced afterwards) and the
 * what-if planner's layout (written by ./whatif.ts, which keeps a planner's changed inputs).
 */
import { NUMBER_FORMATS } from "../../report/types";
import { a1, textInput, type ExcelInput } from "./cells";
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

export type Cell = ExcelInput | { f: string };

/** The planner's layout: rows of cells, "{name}" in a formula stands for the address of a named input. */
interface Layout {
  rows: Cell[][];
  inputs: Record<string, string>;
  bold: number[];
  inputCells: string[];
  formats: { cell: string; format: string }[];
}

const COMPASS_FACTORS = ["Price", "Market size", "Complexity", "Fit & finish", "Customer", "Relationship", "Touch"];

/** Build the what-if layout; exported for tests (every formula refers to input cells by address). */
export function whatIfLayout(): Layout {
  const rows: Cell[][] = [];
  const inputs: Record<string, string> = {};
  const bold: number[] = [];
  const inputCells: string[] = [];
  const formats: { cell: string; format: string }[] = [];
  const add = (cells: Cell[]): number => rows.push(cells) - 1;
  const input = (name: string, label: string, values: ExcelInput[], format?: string): void => {
    const r = add([label, ...values]);
    inputs[name] = values.length > 1 ? `${a1(r, 1)}:${a1(r, values.length)}` : a1(r, 1);
    values.forEach((_, i) => {
      inputCells.push(a1(r, 1 + i));
      if (format) formats.push({ cell: a1(r, 1 + i), format });
    });
  };
  const result = (label: string, formula: string, format?: string): void => {
    const r = add([label, { f: formula }]);
    if (format) formats.push({ cell: a1(r, 1), format });
  };
  const heading = (text: string): void => {
    add([]);
    bold.push(add([text]));
  };
  bold.push(add(["GTM Compass what-if planner"]));
  add(["Change any yellow cell: every result under it is a live GTM formula and recalculates."]);

  heading("Funnel: how many wins do the leads make?");
  input("volume", "Leads entering the funnel per period", [2000], NUMBER_FORMATS.integer);
  add(["Stage", "Lead to qualified", "Qualified to proposal", "Proposal to won"]);
  input("rates", "Conversion rate of each stage", [0.3, 0.4, 0.3], NUMBER_FORMATS.percent);
  input("capacity", "What each stage can work per period (blank = unlimited)", ["", 300, 120], NUMBER_FORMATS.integer);
  input("overflow", "Conversion of unworked overflow, as a share of normal (0-1)", [0], NUMBER_FORMATS.percent);
  const funnelArgs = "{volume},{rates},{capacity},{overflow}";
  result("Wins per period", `GTM.FUNNEL_YIELD(${funnelArgs})`, NUMBER_FORMATS.decimal);
  result("Lead-to-won yield", `GTM.FUNNEL_YIELD(${funnelArgs},"yield")`, NUMBER_FORMATS.percent);
  result("Leads no stage could work", `GTM.FUNNEL_YIELD(${funnelArgs},"overflow")`, NUMBER_FORMATS.integer);
  input("target", "Wins wanted per period", [60], NUMBER_FORMATS.integer);
  result("Leads needed for those wins", "GTM.LEADS_NEEDED({target},{rates},{capacity},{overflow})", NUMBER_FORMATS.integer);

  heading("Customer acquisition cost: healthy, watch or time bomb?");
  input("spend", "Sales and marketing spend in the period", [250000], NUMBER_FORMATS.currency);
  input("customers", "New customers won in the period", [20], NUMBER_FORMATS.integer);
  input("rpc", "Revenue per customer per month", [1000], NUMBER_FORMATS.currency);
  input("margin", "Gross margin", [0.8], NUMBER_FORMATS.percent);
  input("churn", "Customer churn per month", [0.02], NUMBER_FORMATS.percent);
  const cacArgs = "{spend},{customers},{rpc},{margin},{churn}";
  result("CAC flag", `GTM.CAC_FLAG(${cacArgs})`);
  result("Why", `GTM.CAC_FLAG(${cacArgs},,"reason")`);
  result("CAC", `GTM.CAC_FLAG(${cacArgs},,"cac")`, NUMBER_FORMATS.currency);
  result("Payback (months)", `GTM.CAC_FLAG(${cacArgs},,"payback")`, NUMBER_FORMATS.months);
  result("LTV:CAC", `GTM.CAC_FLAG(${cacArgs},,"ltv_cac")`, NUMBER_FORMATS.decimal);

  heading("Leslie's Compass: should marketing or sales lead?");
  add(["Factor", ...COMPASS_FACTORS]);
  input("ratings", "Rating 1 (marketing pole) to 5 (sales pole)", [3, 3, 4, 3, 4, 4, 3]);
  input("salesShare", "Share of go-to-market spend now in sales (0-1)", [0.5], NUMBER_FORMATS.percent);
  const compassArgs = "{ratings},,{salesShare}";
  result("Lead", `GTM.GTM_COMPASS(${compassArgs},"lead")`);
  result("Sales intensity (0-100)", `GTM.GTM_COMPASS(${compassArgs},"intensity")`, NUMBER_FORMATS.integer);
  result("Recommended sales share of spend", `GTM.GTM_COMPASS(${compassArgs},"sales_share")`, NUMBER_FORMATS.percent);
  result("Sales model", `GTM.GTM_COMPASS(${compassArgs},"model")`);
  result("Identity check", `GTM.GTM_COMPASS(${compassArgs},"identity")`);
  return { rows, inputs, bold, inputCells, formats };
}

/** A layout cell as Range.formulas input, "{name}" replaced by the input's address. */
export function formulaInput(cell: Cell | undefined, inputs: Record<string, string>): ExcelInput {
  if (cell === undefined) return "";
  if (typeof cell === "object") return `=${cell.f.replace(/\{(\w+)\}/g, (_, n: string) => inputs[n])}`;
  return typeof cell === "string" ? textInput(cell) : cell;
}
