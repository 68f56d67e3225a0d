/**
 * Which sheets are ours to replace. Two facts are combined:
 * - origin: a sheet GTM Compass wrote carries a worksheet custom property (the command line writes the same
 *   text in row 1 of a hidden column). Excel copies both with the sheet, so they say where a sheet came
 *   from, never that it is still ours;
 * - the ledger: each run records the id and name of every sheet it wrote in the workbook's settings. A
 *   sheet is ours only while it is one of those ids under the name we gave it. A renamed or copied GTM
 *   sheet is the user's from then on.
 * A marked sheet the ledger does not know (a workbook analysed by the command line, or saved before the
 * ledger existed) is "unrecorded": the pane asks before replacing it.
 */
import { OWNER_MARKER, OWNER_PROPERTY } from "../../report/types";
import type { WrittenSheet } from "./settings";

/** report = analysis sheets (replaced on every run); whatif = the planner sheet; inputs = the user's template. */
export type OwnedKind = "report" | "whatif" | "inputs";

export function ownerValue(kind: OwnedKind): string {
  return kind === "report" ? OWNER_MARKER : `${OWNER_MARKER}:${kind}`;
}

export function parseOwner(value: unknown): OwnedKind | null {
  if (value === OWNER_MARKER) return "report";
  if (typeof value !== "string" || !value.startsWith(`${OWNER_MARKER}:`)) return null;
  const kind = value.slice(OWNER_MARKER.length + 1);
  return kind === "whatif" || kind === "inputs" ? kind : null;
}

export interface SheetInfo {
  name: string;
  /** Excel's id: the same after a rename, new on a copy. */
  id: string;
  visibility: string;
  /** What GTM Compass wrote it as, from its mark (travels with copies: origin, not ownership). */
  origin: OwnedKind | null;
  protected: boolean;
}

export interface WorkbookSheets {
  sheets: SheetInfo[];
  workbookProtected: boolean;
}

/** A sheet the command line wrote: its marker is one of the values of row 1. */
export function holdsCliMarker(firstRow: readonly unknown[] | undefined): boolean {
  return firstRow !== undefined && firstRow.includes(OWNER_MARKER);
}

/** Every sheet with its id, origin mark and protection, in two syncs whatever the number of sheets. */
export async function listSheets(context: Excel.RequestContext): Promise<WorkbookSheets> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/id,items/visibility");
  const protection = context.workbook.protection;
  protection.load("protected");
  await context.sync();
  const probes = sheets.items.map((ws) => {
    const prop = ws.customProperties.getItemOrNullObject(OWNER_PROPERTY);
    prop.load("value");
    ws.protection.load("protected");
    // Only the used part of row 1: a few header cells on a user's sheet, the marker on a command-line one.
    const top = ws.getRange("1:1").getUsedRangeOrNullObject(true);
    top.load("values");
    return { ws, prop, top };
  });
  await context.sync();
  return {
    workbookProtected: protection.protected,
    sheets: probes.map(({ ws, prop, top }) => ({
      name: ws.name,
      id: ws.id,
      visibility: String(ws.visibility),
      origin: !prop.isNullObject ? parseOwner(prop.value) : !top.isNullObject && holdsCliMarker(top.values[0]) ? "report" : null,
      protected: ws.protection.protected,
    })),
  };
}

const same = (a: string, b: string): boolean => a.toLocaleLowerCase("en-US") === b.toLocaleLowerCase("en-US");

/** Is this sheet still the one recorded: same id, same name? */
export function isRecorded(sheet: SheetInfo, recorded: readonly WrittenSheet[] | WrittenSheet | undefined): boolean {
  const list = recorded === undefined ? [] : Array.isArray(recorded) ? recorded : [recorded as WrittenSheet];
  return list.some((r) => r.id === sheet.id && same(r.name, sheet.name));
}

export interface ReplacementPlan {
  /** Sheets the last recorded run wrote, still under their names: a rerun replaces them. */
  replace: WrittenSheet[];
  /** Marked as GTM Compass output but not in this workbook's record (command line, older versions): ask first. */
  unrecorded: WrittenSheet[];
  /** Marked sheets that are the user's now: renamed, or not written by the last run (a copy, say). */
  kept: (WrittenSheet & { why: "renamed" | "not-last-run" })[];
}

/** What a run would replace, from the sheets and the ledger's record of the last run. */
export function replacementPlan(sheets: readonly SheetInfo[], recorded: readonly WrittenSheet[] | undefined): ReplacementPlan {
  const plan: ReplacementPlan = { replace: [], unrecorded: [], kept: [] };
  const ids = new Set((recorded ?? []).map((r) => r.id));
  for (const s of sheets) {
    if (isRecorded(s, recorded)) {
      plan.replace.push({ id: s.id, name: s.name });
      continue;
    }
    if (s.origin !== "report") continue;
    if (ids.has(s.id)) plan.kept.push({ id: s.id, name: s.name, why: "renamed" });
    else if (recorded === undefined) plan.unrecorded.push({ id: s.id, name: s.name });
    else plan.kept.push({ id: s.id, name: s.name, why: "not-last-run" });
  }
  return plan;
}

/** Queue the origin mark on a sheet we just created. */
export function markOwned(sheet: Excel.Worksheet, kind: OwnedKind): void {
  sheet.customProperties.add(OWNER_PROPERTY, ownerValue(kind));
}
