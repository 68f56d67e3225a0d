/**
 * Writing the what-if planner without losing a planner's work. The layout (what goes where) is
 * whatIfLayout()'s; this file decides how it is written:
 * - no planner yet (or only one the user renamed or copied, which is theirs): add one;
 * - ours, untouched apart from its yellow input cells: rewrite it in place (same sheet, so references to it
 *   elsewhere keep working), putting back every input the planner changed;
 * - ours but changed elsewhere (a formula typed over, rows added), protected, or with a changed input the
 *   new layout has no place for: leave it exactly as it is, write a fresh planner beside it, and say so.
 * The workbook's settings record the planner's id, name, input cells, their first values and a hash of the
 * rest, which is how "changed" is decided. Each input also gets its Excel name on the sheet (the layout's
 * names); the formulas keep cell addresses, which read the same in every Excel.
 */
import { planSheetNames } from "../../report/sheet-names";
import { textInput, type ExcelInput } from "./cells";
import type { ExcelHost } from "./host";
import { formulaInput, INPUT_FILL, WHATIF_SHEET, whatIfLayout } from "./helpers";
import { isRecorded, listSheets, markOwned, type SheetInfo } from "./owned";
import { readLedger, writeLedger, type WrittenWhatIf } from "./settings";
import { protectionProblem } from "./write";

type Layout = ReturnType<typeof whatIfLayout>;

export interface WhatIfResult {
  sheet: string;
  /** A new sheet was added (false: the planner was rewritten in place). */
  created: boolean;
  /** Inputs the planner had changed and that were put back: label and value as shown. */
  kept: { label: string; value: string }[];
  /** When the old planner was left alone: its name and why. */
  leftAlone?: { sheet: string; why: string };
}

/** 0-based cells of an A1 address or range ("B5", "B7:D7"). */
export function cellsOf(address: string): { r: number; c: number }[] {
  const parse = (ref: string) => {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)$/i.exec(ref.trim());
    if (!m) throw new Error(`Bad address ${ref}`);
    let c = 0;
    for (const ch of m[1].toUpperCase()) c = c * 26 + (ch.charCodeAt(0) - 64);
    return { r: Number(m[2]) - 1, c: c - 1 };
  };
  const [a, b] = address.split(":");
  const p = parse(a);
  const q = b ? parse(b) : p;
  const out: { r: number; c: number }[] = [];
  for (let r = Math.min(p.r, q.r); r <= Math.max(p.r, q.r); r++) for (let c = Math.min(p.c, q.c); c <= Math.max(p.c, q.c); c++) out.push({ r, c });
  return out;
}

/** The inputs that sit on the planner itself (an input may refer to another sheet, such as GTM Inputs' thresholds). */
export function ownInputs(inputs: Record<string, string>): [string, string][] {
  return Object.entries(inputs).filter(([, address]) => !address.includes("!"));
}

/** The value each input cell is written with, per named input, as Excel gives it back. */
export function layoutDefaults(layout: Layout): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const [name, address] of ownInputs(layout.inputs)) {
    out[name] = cellsOf(address).map(({ r, c }) => {
      const v = layout.rows[r]?.[c];
      return v === undefined || v === null || typeof v === "object" ? "" : v;
    });
  }
  return out;
}

/** FNV-1a over the sheet's formulas with the input cells left out: changes anywhere else change it. */
export function signature(grid: readonly (readonly unknown[])[], origin: { row: number; col: number }, inputs: Record<string, string>): string {
  const skip = new Set(ownInputs(inputs).flatMap(([, a]) => cellsOf(a).map(({ r, c }) => `${r},${c}`)));
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  grid.forEach((row, i) =>
    row.forEach((v, j) => {
      const key = `${origin.row + i},${origin.col + j}`;
      if (skip.has(key) || v === "" || v === null || v === undefined) return;
      mix(`${key}=${typeof v}:${String(v)};`);
    }),
  );
  return h.toString(16).padStart(8, "0");
}

const same = (a: unknown, b: unknown): boolean => {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  return (a ?? "") === (b ?? "");
};

const shown = (v: unknown): string => (typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 6 }) : String(v));

/** A value read back through Range.formulas, as input that writes it again unchanged. */
function asInput(v: unknown): ExcelInput {
  if (typeof v === "number" || typeof v === "boolean") return v;
  const s = String(v ?? "");
  return s.startsWith("=") ? s : textInput(s);
}

interface Found {
  sheet: SheetInfo;
  record: Pick<WrittenWhatIf, "inputs" | "defaults"> & { signature?: string };
}

/** Our planner: the recorded one under its recorded name; without a record, one marked and named as ours. */
function findPlanner(sheets: readonly SheetInfo[], record: WrittenWhatIf | undefined, layout: Layout): Found | null {
  if (record) {
    const s = sheets.find((x) => isRecorded(x, record));
    return s ? { sheet: s, record } : null;
  }
  const s = sheets.find((x) => x.origin === "whatif" && x.name.toLowerCase() === WHATIF_SHEET.toLowerCase());
  return s ? { sheet: s, record: { inputs: layout.inputs, defaults: layoutDefaults(layout) } } : null;
}

/** Add the what-if planner, or rewrite ours keeping the planner's inputs (see the file comment). */
export async function buildWhatIfSheet(host: ExcelHost): Promise<WhatIfResult> {
  const layout = whatIfLayout();
  const defaults = layoutDefaults(layout);
  const result = await host.run(async (context) => {
    const info = await listSheets(context);
    const problem = protectionProblem([], info.workbookProtected);
    if (problem) throw problem;
    const sheets = context.workbook.worksheets;
    const found = findPlanner(info.sheets, readLedger(host).whatif, layout);

    // What the planner changed, read in one sync.
    const kept: { name: string; label: string; values: unknown[] }[] = [];
    let leftAlone: WhatIfResult["leftAlone"];
    let oldNames: Excel.NamedItemCollection | null = null;
    if (found) {
      const used = sheets.getItem(found.sheet.id).getUsedRangeOrNullObject(true);
      used.load("formulas,rowIndex,columnIndex");
      oldNames = sheets.getItem(found.sheet.id).names;
      oldNames.load("items/name");
      await context.sync();
      const grid = used.isNullObject ? [] : used.formulas;
      const origin = used.isNullObject ? { row: 0, col: 0 } : { row: used.rowIndex, col: used.columnIndex };
      const at = (r: number, c: number): unknown => grid[r - origin.row]?.[c - origin.col] ?? "";
      const lost: string[] = [];
      for (const [name, address] of ownInputs(found.record.inputs)) {
        const cells = cellsOf(address);
        const values = cells.map(({ r, c }) => at(r, c));
        const before = found.record.defaults[name] ?? [];
        if (values.every((v, i) => same(v, before[i]))) continue;
        const label = String(at(cells[0].r, 0) || name);
        const now = layout.inputs[name];
        if (now && !now.includes("!") && cellsOf(now).length === values.length) kept.push({ name, label, values });
        else lost.push(label);
      }
      const edited = found.record.signature !== undefined && signature(grid, origin, found.record.inputs) !== found.record.signature;
      if (found.sheet.protected) leftAlone = { sheet: found.sheet.name, why: "it is protected" };
      else if (edited) leftAlone = { sheet: found.sheet.name, why: "it has changes outside its yellow input cells" };
      else if (lost.length) leftAlone = { sheet: found.sheet.name, why: `the new planner has no place for ${lost.join(", ")}` };
    }

    // Rewrite ours in place, or add a new sheet (a user's sheet keeps its name; ours takes "Name (2)").
    const inPlace = found !== null && !leftAlone;
    let ws: Excel.Worksheet;
    let name: string;
    if (inPlace) {
      ws = sheets.getItem(found!.sheet.id);
      ws.getRange().clear();
      name = found!.sheet.name;
    } else {
      const plan = planSheetNames([WHATIF_SHEET], info.sheets.map((s) => ({ name: s.name, ownedByUs: false })));
      name = plan.names[WHATIF_SHEET];
      ws = sheets.add(name);
      markOwned(ws, "whatif");
    }
    const width = Math.max(...layout.rows.map((r) => r.length));
    ws.getRangeByIndexes(0, 0, layout.rows.length, width).formulas = layout.rows.map((r) => Array.from({ length: width }, (_, c) => formulaInput(r[c], layout.inputs)));
    for (const k of kept) {
      const cells = cellsOf(layout.inputs[k.name]);
      cells.forEach(({ r, c }, i) => (ws.getRangeByIndexes(r, c, 1, 1).formulas = [[asInput(k.values[i])]]));
    }
    // Each input gets its name on this sheet ("Leads", "Rates"), so the Name Box and a planner's own
    // formulas can use it; names the planner's earlier build made are replaced.
    const wanted = new Set(layout.names.map((n) => n.name.toLowerCase()));
    if (inPlace && oldNames) for (const n of oldNames.items) if (wanted.has(n.name.toLowerCase())) n.delete();
    const sheetNames = new Set(info.sheets.map((x) => x.name.toLowerCase()));
    for (const n of layout.names) {
      if (n.sheet && !sheetNames.has(n.sheet.toLowerCase())) continue;
      const target = n.sheet ? sheets.getItem(n.sheet).getRange(n.ref) : ws.getRange(n.ref);
      ws.names.add(n.name, target, n.comment);
    }
    for (const r of layout.bold) ws.getRangeByIndexes(r, 0, 1, 1).format.font.bold = true;
    for (const cell of layout.inputCells) ws.getRange(cell).format.fill.color = INPUT_FILL;
    for (const { cell, format } of layout.formats) ws.getRange(cell).numberFormat = [[format]];
    ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = 300;
    ws.getRangeByIndexes(0, 1, 1, width - 1).format.columnWidth = 110;
    ws.activate();
    ws.load("id");
    // Read back what Excel holds now, for the signature that tells a later rebuild what the planner changed.
    const after = ws.getUsedRangeOrNullObject(true);
    after.load("formulas,rowIndex,columnIndex");
    await context.sync();
    const sig = after.isNullObject ? "" : signature(after.formulas, { row: after.rowIndex, col: after.columnIndex }, layout.inputs);
    return {
      record: { id: ws.id, name, inputs: layout.inputs, defaults, signature: sig } satisfies WrittenWhatIf,
      out: { sheet: name, created: !inPlace, kept: kept.map((k) => ({ label: k.label, value: k.values.map(shown).join(", ") })), leftAlone } satisfies WhatIfResult,
    };
  });
  await writeLedger(host, (l) => {
    l.whatif = result.record;
  }).catch(() => undefined);
  return result.out;
}

/** What the pane says after building the planner. */
export function describeWhatIf(r: WhatIfResult): string {
  const keptText = r.kept.length ? ` Your ${r.kept.length === 1 ? "changed input was" : `${r.kept.length} changed inputs were`} kept: ${r.kept.map((k) => `${k.label} = ${k.value}`).join("; ")}.` : "";
  if (r.leftAlone) return `“${r.leftAlone.sheet}” was left exactly as it is because ${r.leftAlone.why}; the new planner is “${r.sheet}”.${keptText}`;
  if (!r.created) return `Rebuilt “${r.sheet}” in place.${keptText || " None of its inputs had been changed."}`;
  return `Added “${r.sheet}”: change a yellow cell and every GTM formula on it recalculates.`;
}
