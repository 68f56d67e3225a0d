/**
 * Which sheets are ours. Every sheet the task pane writes carries a worksheet custom property (ExcelApi 1.12)
 * holding OWNER_MARKER; a sheet the command line wrote holds OWNER_MARKER as a value in row 1 (a hidden
 * cell right of its content). Reruns replace only sheets marked either way, so a user's sheet is never touched.
 */
import { OWNER_MARKER, OWNER_PROPERTY } from "../../report/types";

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
  visibility: string;
  owner: OwnedKind | null;
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

/** Every sheet with its owner mark and protection, in two syncs whatever the number of sheets. */
export async function listSheets(context: Excel.RequestContext): Promise<WorkbookSheets> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility");
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
      visibility: String(ws.visibility),
      owner: !prop.isNullObject ? parseOwner(prop.value) : !top.isNullObject && holdsCliMarker(top.values[0]) ? "report" : null,
      protected: ws.protection.protected,
    })),
  };
}

/** Queue the owner mark on a sheet we just created. */
export function markOwned(sheet: Excel.Worksheet, kind: OwnedKind): void {
  sheet.customProperties.add(OWNER_PROPERTY, ownerValue(kind));
}
