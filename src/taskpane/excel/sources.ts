/**
 * Candidate sources with their header row found: what the Source screen lists. Header detection is the
 * pipeline's (passed in, so this module stays Excel I/O only).
 */
import type { FieldMapping, SheetGrid } from "../../pipeline/types";
import type { ExcelHost } from "./host";
import { listSourcesAndSelection, type RawSource, type SelectionNote } from "./read";
import type { OwnedKind } from "./owned";

/** The part of the pipeline's sheet inspection the task pane uses. */
export interface Inspection {
  headerRowIndex: number;
  headers: string[];
  mapping: FieldMapping[];
  candidates: Record<string, { header: string; column: number; confidence: number }[]>;
  missingRequired: string[];
  looksLikePipeline: boolean;
  score: number;
  /** Distinct values of the outcome column in the sample, when the pipeline gives them. */
  stageValues?: { value: string; count: number; outcome: "won" | "lost" | "open"; known: boolean }[];
}

export interface SourceCandidate extends RawSource {
  /** What the user sees: "Deals (table on Pipeline)". */
  label: string;
  inspection: Inspection;
  /** Rows under the header row in the whole block. */
  dataRows: number;
}

export function sampleGrid(raw: RawSource): SheetGrid {
  return { name: raw.sheet, values: raw.sample, firstRow: raw.rowIndex + 1, firstColumn: raw.columnIndex + 1 };
}

function labelOf(raw: RawSource): string {
  if (raw.kind === "table") return `${raw.table} (table on ${raw.sheet})`;
  if (raw.kind === "sheet") return raw.sheet;
  const at = raw.address.includes("!") ? raw.address.slice(raw.address.lastIndexOf("!") + 1) : raw.address;
  return `Selection ${raw.sheet}!${at}`;
}

const KIND_ORDER = { table: 0, sheet: 1, selection: 2 } as const;

/** Tables first, then sheets, then the selection; within each, the likeliest pipeline first. */
export async function listSources(host: ExcelHost, inspect: (grid: SheetGrid) => Inspection): Promise<SourceCandidate[]> {
  return (await listWorkbook(host, inspect)).sources;
}

export interface WorkbookListing {
  sources: SourceCandidate[];
  /** Why the selection is not offered, when it is not (several areas, say). */
  selection?: SelectionNote;
  /** Visible sheets that could be an inputs sheet: the user's, and inputs templates GTM Compass made. */
  inputSheets: { name: string; origin: OwnedKind | null }[];
}

/** The sources, what the selection probe found, and the sheets that could hold inputs. */
export async function listWorkbook(host: ExcelHost, inspect: (grid: SheetGrid) => Inspection): Promise<WorkbookListing> {
  const { sources: raws, selection, sheets } = await listSourcesAndSelection(host);
  const inputSheets = sheets.filter((s) => s.visibility === "Visible" && (s.origin === null || s.origin === "inputs")).map((s) => ({ name: s.name, origin: s.origin }));
  return { sources: rank(raws, inspect), selection, inputSheets };
}

function rank(raws: RawSource[], inspect: (grid: SheetGrid) => Inspection): SourceCandidate[] {
  const out = raws.map((raw): SourceCandidate => {
    const inspection = inspect(sampleGrid(raw));
    const dataRows = inspection.headerRowIndex >= 0 ? Math.max(0, raw.rowCount - inspection.headerRowIndex - 1) : raw.rowCount;
    return { ...raw, label: labelOf(raw), inspection, dataRows };
  });
  out.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      Number(b.inspection.looksLikePipeline) - Number(a.inspection.looksLikePipeline) ||
      b.inspection.score - a.inspection.score,
  );
  return out;
}
