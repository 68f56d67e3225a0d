/**
 * A cheap look at a sheet — header row, mapping, candidates per field, what is missing — from the header
 * row and a sample of rows. The task pane lists candidate sheets and fills its mapping screen with it; the
 * CLI picks the deals sheet with it.
 */
import type { FieldMapping, SheetGrid } from "./types";
import { CANONICAL_FIELDS, type CanonicalField } from "./fields";
import { findHeaderRow, headerCandidates, mapHeaders } from "./headers";
import { isBlankRow } from "./region";
import { cellNumber } from "./values";
import { classifyStage } from "./stages";
import { parseTextDate } from "./dates";

export interface SheetInspection {
  headerRowIndex: number;
  headers: string[];
  mapping: FieldMapping[];
  candidates: Record<string, { header: string; column: number; confidence: number }[]>;
  unmappedHeaders: string[];
  missingRequired: string[];
  dataRows: number;
  looksLikePipeline: boolean;
  score: number;
  /** Distinct values of the column read as the outcome (stage / status), most frequent first, for the user to assign. */
  stageValues?: { value: string; count: number; outcome: "won" | "lost" | "open"; known: boolean }[];
}

/** Data rows sampled for content-based candidates. */
const SAMPLE_ROWS = 200;

/** Required fields not covered: stage (or a won date instead), amount (unless declared absent / allowed). */
export function missingRequiredFields(mapping: readonly FieldMapping[], allowNoAmount = false, declaredAbsent: ReadonlySet<string> = new Set()): string[] {
  const has = (f: string) => mapping.some((m) => m.field === f);
  const out: string[] = [];
  if (!has("stage") && !has("wonDate")) out.push("stage");
  if (!has("amount") && !allowNoAmount && !declaredAbsent.has("amount")) out.push("amount");
  return out;
}

/** Last non-blank row index + 1 (scans up from the bottom). */
export function lastDataRow(values: readonly (readonly unknown[])[], after: number): number {
  let end = values.length;
  while (end > after + 1 && isBlankRow(values[end - 1])) end--;
  return end;
}

interface ColumnProfile {
  filled: number;
  numbers: number;
  dates: number;
  stages: number;
}

function profileColumns(values: readonly (readonly unknown[])[], start: number, end: number, width: number): ColumnProfile[] {
  const prof: ColumnProfile[] = Array.from({ length: width }, () => ({ filled: 0, numbers: 0, dates: 0, stages: 0 }));
  const stop = Math.min(end, start + SAMPLE_ROWS);
  for (let r = start; r < stop; r++) {
    const row = values[r];
    if (!row) continue;
    for (let c = 0; c < width; c++) {
      const v = row[c];
      if (v === "" || v === null || v === undefined) continue;
      const p = prof[c];
      p.filled++;
      if (typeof v === "number") {
        p.numbers++;
        if (v >= 30000 && v <= 60000) p.dates++; // 1982-2064 as serials: could be dates
      } else if (v instanceof Date) p.dates++;
      else if (typeof v === "string") {
        if (cellNumber(v) === cellNumber(v)) p.numbers++;
        else if (parseTextDate(v).shape !== "invalid") p.dates++;
        else if (classifyStage(v).known) p.stages++;
      }
    }
  }
  return prof;
}

/** Header-name and content-based candidates per field, from the header row and a sample of rows. */
export function fieldCandidates(values: readonly (readonly unknown[])[], headerIndex: number, headers: readonly string[], fields: readonly CanonicalField[] = CANONICAL_FIELDS): SheetInspection["candidates"] {
  const candidates = headerCandidates(headers, fields);
  const end = lastDataRow(values, headerIndex);
  contentCandidates(headers, profileColumns(values, headerIndex + 1, end, headers.length), candidates);
  return candidates;
}

/** Content-based suggestions (never mapped automatically): stage-like, date-like and numeric columns. */
function contentCandidates(headers: readonly string[], prof: readonly ColumnProfile[], out: SheetInspection["candidates"]): void {
  const push = (field: string, column: number, confidence: number) => {
    const list = (out[field] ??= []);
    if (list.some((x) => x.column === column)) return;
    list.push({ header: headers[column] ?? "", column, confidence });
    list.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  };
  prof.forEach((p, c) => {
    if (p.filled === 0) return;
    if (p.stages / p.filled >= 0.6) push("stage", c, 0.4);
    if (p.dates / p.filled >= 0.8) {
      push("created", c, 0.3);
      push("closed", c, 0.3);
    }
    if (p.numbers / p.filled >= 0.8) push("amount", c, 0.3);
  });
}

/** Looks at the header row and a sample of rows; never reads the whole sheet. */
export function inspectSheet(grid: SheetGrid): SheetInspection {
  const values = grid.values ?? [];
  const header = findHeaderRow(values, CANONICAL_FIELDS);
  if (header.index < 0) {
    return {
      headerRowIndex: -1, headers: [], mapping: [], candidates: {}, unmappedHeaders: [],
      missingRequired: CANONICAL_FIELDS.filter((f) => f.required).map((f) => f.name),
      dataRows: 0, looksLikePipeline: false, score: 0,
    };
  }
  const fields: readonly CanonicalField[] = CANONICAL_FIELDS;
  const { mapping, unmappedHeaders } = mapHeaders(header.headers, fields);
  const candidates = fieldCandidates(values, header.index, header.headers, fields);
  const dataRows = Math.max(0, lastDataRow(values, header.index) - header.index - 1);
  const missingRequired = missingRequiredFields(mapping);
  const looksLikePipeline = dataRows > 0 && missingRequired.length === 0;
  const required = new Set(fields.filter((f) => f.required).map((f) => f.name));
  let score = 0;
  for (const m of mapping) score += m.confidence * (required.has(m.field) ? 3 : 1);
  if (dataRows > 0) score += 1;
  return {
    headerRowIndex: header.index, headers: header.headers, mapping, candidates, unmappedHeaders,
    missingRequired, dataRows, looksLikePipeline, score: Math.round(score * 100) / 100,
  };
}
