/**
 * Writing a WorkbookReport into the open workbook, owning only what we write:
 * 1. list sheets with their ids, origin marks and protection; the sheets to replace are the last recorded
 *    run's, still under their names (and, when the user said so, marked sheets the record does not know);
 *    refuse, before any change, when the workbook structure or one of those sheets is protected;
 * 2. park those sheets under temporary names and add this run's sheets (marked) with the planned names,
 *    any other sheet keeping its name and ours taking "Name (2)";
 * 3. write each sheet (values in chunks, then formats) with calculation and screen updating suspended;
 * 4. delete the parked sheets and record this run's sheets (id and name) in the workbook's settings.
 *    On an error or Cancel, this run's sheets go and the parked ones come back.
 */
import { planSheetNames } from "../../report/sheet-names";
import type { WorkbookReport } from "../../report/types";
import { WriteBatcher } from "./batch";
import { CHUNK_BUDGET } from "./chunks";
import { WorkbookError } from "./errors";
import { type ExcelHost, throwIfCancelled } from "./host";
import { listSheets, markOwned, replacementPlan, type SheetInfo } from "./owned";
import { readLedger, writeLedger, type WrittenSheet } from "./settings";
import { writeSheet } from "./write-sheet";

export interface WriteOptions {
  /** Called before each sheet is written (1-based index). */
  onSheet?: (index: number, count: number, name: string) => void;
  signal?: AbortSignal;
  /** Bytes per transfer to aim for (tests lower it). */
  budget?: number;
  /**
   * Ids of the sheets the user agreed to replace (listed to them beforehand). Default: the last recorded
   * run's sheets still under their names. A sheet is replaced only if it is also still ours when writing.
   */
  replace?: readonly string[];
}

export interface WriteResult {
  /** Wanted sheet name -> the name it was written under. */
  names: Record<string, string>;
  /** Names we could not use because a user sheet holds them. */
  renamed: { wanted: string; actual: string }[];
  /** Our sheets from the previous run that were replaced. */
  replaced: string[];
  /** This run's sheets as recorded (id and name). */
  written: WrittenSheet[];
  /** False when Excel would not save the record in the workbook (the next run will ask before replacing). */
  recorded: boolean;
  /** Sheets written without their print setup because Excel refused it (the sheets themselves are complete). */
  unprinted: string[];
  syncs: number;
}

export function protectionProblem(sheets: readonly SheetInfo[], workbookProtected: boolean): WorkbookError | null {
  if (workbookProtected) {
    return new WorkbookError(
      "protected-workbook",
      "The workbook structure is protected, so GTM Compass cannot add its sheets. Unprotect it (Review > Protect Workbook) and run again; nothing was changed.",
    );
  }
  const locked = sheets.filter((s) => s.protected).map((s) => `"${s.name}"`);
  if (locked.length) {
    return new WorkbookError(
      "protected-sheet",
      `${locked.join(", ")} ${locked.length > 1 ? "are" : "is"} protected. GTM Compass replaces its own sheets on every run and will not remove a protected one: unprotect it (Review > Unprotect Sheet) or rename it to keep it, then run again. Nothing was changed.`,
    );
  }
  return null;
}

export async function writeReport(host: ExcelHost, report: WorkbookReport, options: WriteOptions = {}): Promise<WriteResult> {
  const budget = options.budget ?? CHUNK_BUDGET;
  throwIfCancelled(options.signal);
  return host.run(async (context) => {
    const tables = context.workbook.tables;
    tables.load("items/name");
    const info = await listSheets(context);
    let syncs = 2;
    const owned = replacementPlan(info.sheets, readLedger(host).report);
    const allowed = new Set(options.replace ?? owned.replace.map((s) => s.id));
    const ours = new Set([...owned.replace, ...owned.unrecorded].map((s) => s.id).filter((id) => allowed.has(id)));
    const problem = protectionProblem(info.sheets.filter((s) => ours.has(s.id)), info.workbookProtected);
    if (problem) throw problem;

    const plan = planSheetNames(
      report.sheets.map((s) => s.name),
      info.sheets.map((s) => ({ name: s.name, ownedByUs: ours.has(s.id) })),
    );
    const taken = new Set(info.sheets.map((s) => s.name.toLowerCase()));
    Object.values(plan.names).forEach((n) => taken.add(n.toLowerCase()));
    const parked = plan.remove.map((name) => {
      let temp = "";
      for (let i = 1; !temp || taken.has(temp.toLowerCase()); i++) temp = `~GTM previous ${i}`;
      taken.add(temp.toLowerCase());
      return { name, temp };
    });

    const app = context.workbook.application;
    const sheets = context.workbook.worksheets;
    app.suspendApiCalculationUntilNextSync();
    app.suspendScreenUpdatingUntilNextSync();
    // Their tables too, after this sync: table names are unique in the workbook and this run reuses them.
    const parkedTables = parked.map((p) => {
      const list = sheets.getItem(p.name).tables;
      list.load("items/name");
      return list;
    });
    for (const p of parked) sheets.getItem(p.name).name = p.temp;
    const created = report.sheets.map((s) => {
      const ws = sheets.add(plan.names[s.name]);
      markOwned(ws, "report");
      if (s.tabColor) ws.tabColor = `#${s.tabColor.replace(/^#/, "")}`;
      ws.load("id,name");
      return ws;
    });
    try {
      await context.sync();
    } catch (e) {
      // Nothing of ours is half-done yet, but a failed batch may have applied some renames.
      await restore(context, [], parked);
      throw e;
    }
    syncs++;
    const tableRenames = parkedTables.flatMap((list) => list.items).map((t, i) => ({ table: t, name: t.name, temp: `GTM_previous_${i + 1}` }));
    for (const r of tableRenames) r.table.name = r.temp;

    const batcher = new WriteBatcher(context, budget);
    // links name the sheets as this run writes them; notes where the host has them (ExcelApi 1.18), else comments
    const names = (wanted: string): string => plan.names[wanted] ?? wanted;
    const features = { notes: host.supports?.("ExcelApi", "1.18") ?? false };
    const unprinted: string[] = [];
    // Names of the parked tables are free again (they now carry temporary names).
    const parkedNames = new Set(tableRenames.map((r) => r.name.toLowerCase()));
    const tableNames = new Set(tables.items.map((t) => t.name.toLowerCase()).filter((n) => !parkedNames.has(n)));
    tableRenames.forEach((r) => tableNames.add(r.temp.toLowerCase()));
    try {
      for (let i = 0; i < report.sheets.length; i++) {
        throwIfCancelled(options.signal);
        options.onSheet?.(i + 1, report.sheets.length, plan.names[report.sheets[i].name]);
        app.suspendScreenUpdatingUntilNextSync();
        const printed = await writeSheet(created[i], report.sheets[i], batcher, budget, tableNames, names, features);
        if (!printed) unprinted.push(plan.names[report.sheets[i].name]);
      }
      throwIfCancelled(options.signal);
      app.suspendApiCalculationUntilNextSync();
      for (const p of parked) sheets.getItem(p.temp).delete();
      if (created.length) created[0].activate();
      await context.sync();
      // Calculation was suspended while writing: recalculate what is dirty, once, now.
      app.calculate("Recalculate" as Excel.CalculationType);
      await context.sync();
      syncs += 2;
    } catch (e) {
      await restore(context, report.sheets.map((s) => plan.names[s.name]), parked, tableRenames);
      throw e;
    }
    const written = created.map((ws) => ({ id: ws.id, name: ws.name }));
    // The record is what lets the next run replace these sheets and nothing else.
    const recorded = await writeLedger(host, (l) => {
      l.report = written;
    }).then(
      () => true,
      () => false,
    );
    return { names: plan.names, renamed: plan.renamed, replaced: plan.remove, written, recorded, unprinted, syncs: syncs + batcher.syncs };
  });
}

/** Undo a run: delete this run's sheets, give the parked ones their names back. Best effort, one sync. */
async function restore(
  context: Excel.RequestContext,
  createdNames: string[],
  parked: { name: string; temp: string }[],
  tables: { name: string; temp: string }[] = [],
): Promise<void> {
  try {
    for (const name of createdNames) {
      const ws = context.workbook.worksheets.getItemOrNullObject(name);
      await context.sync();
      if (!ws.isNullObject) ws.delete();
    }
    for (const p of parked) {
      const ws = context.workbook.worksheets.getItemOrNullObject(p.temp);
      await context.sync();
      if (!ws.isNullObject) ws.name = p.name;
    }
    await context.sync();
    for (const t of tables) context.workbook.tables.getItem(t.temp).name = t.name;
    if (tables.length) await context.sync();
  } catch {
    // The original error is the one the user needs to see.
  }
}

/** What a run would replace now (for the pane to list by name before it does). */
export async function planReplacement(host: ExcelHost) {
  const info = await host.run((context) => listSheets(context));
  return replacementPlan(info.sheets, readLedger(host).report);
}
