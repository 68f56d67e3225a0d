/**
 * A cheap look at a sheet — header row, mapping, candidates per field, what is missing, the values of the
 * column read as the outcome — from the header row and samples of rows. The task pane lists candidate
 * sheets and fills its Columns screen with it; the CLI picks the deals sheet with it.
 */
import type { FieldMapping } from "./types";
import { tableOf, type SheetInput, type Table } from "./table";
import { OUTCOME_LOST, OUTCOME_WON } from "../model/tables";
import { CANONICAL_FIELDS, type CanonicalField } from "./fields";
import { headerCandidates } from "./headers";
import { lastDataRow } from "./region";
import { amountFitness, profileContent, type ContentProfile } from "./content";
import { declaredOutcomes } from "./stages";
import { isLaidOut, layoutDeals } from "./layout";

export { lastDataRow } from "./region";

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
  /** `stageValues` counts a sample of the column (its rows spread evenly), not every row. */
  stageValuesSampled?: boolean;
  /** Which column(s) decide won / lost / open, and why. */
  outcome?: { columns: string[]; why: string };
}

export interface InspectOptions {
  /** The user's mapping so far (field → header, "none" = absent). */
  map?: Record<string, string>;
  /** Won / lost values the user declared. */
  outcomes?: { won?: string[]; lost?: string[] };
}

/** Required fields not covered: stage (or a status, yes/no, won or lost date instead), amount (unless declared absent / allowed). */
export function missingRequiredFields(mapping: readonly FieldMapping[], allowNoAmount = false, declaredAbsent: ReadonlySet<string> = new Set()): string[] {
  const has = (f: string) => mapping.some((m) => m.field === f);
  const out: string[] = [];
  if (!has("stage") && !has("outcome") && !has("wonDate") && !has("lostDate") && !has("isClosed")) out.push("stage");
  if (!has("amount") && !has("estimatedAmount") && !allowNoAmount && !declaredAbsent.has("amount")) out.push("amount");
  return out;
}

/** Header-name and content-based candidates per field, from the header row and a sample of rows. */
export function fieldCandidates(t: Table, headerIndex: number, headers: readonly string[], fields: readonly CanonicalField[] = CANONICAL_FIELDS, profiles?: readonly ContentProfile[]): SheetInspection["candidates"] {
  const candidates = headerCandidates(headers, fields);
  const end = profiles ? 0 : lastDataRow(t, headerIndex);
  contentCandidates(headers, profiles ?? profileContent(t, headerIndex + 1, end, headers.length), candidates);
  return candidates;
}

/**
 * Content-based suggestions (never mapped automatically): stage-like, date-like and amount-like columns.
 * A date column is never offered for an amount, nor a count, a size, a year or a probability.
 */
function contentCandidates(headers: readonly string[], prof: readonly ContentProfile[], out: SheetInspection["candidates"]): void {
  const push = (field: string, column: number, confidence: number) => {
    const list = (out[field] ??= []);
    const had = list.find((x) => x.column === column);
    if (had) return;
    list.push({ header: headers[column] ?? "", column, confidence });
    list.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  };
  // A header-name candidate for amount whose values are dates (or counts) is no candidate.
  if (out.amount) out.amount = out.amount.filter((c) => !prof[c.column] || prof[c.column].filled === 0 || amountFitness(c.header, prof[c.column]) > 0);
  prof.forEach((p, c) => {
    if (p.filled === 0 || c >= headers.length) return;
    if (p.stages / p.filled >= 0.6) push("stage", c, 0.4);
    if (p.dates / p.filled >= 0.8 && p.textDates + p.numbers > 0) {
      push("created", c, 0.3);
      push("closed", c, 0.3);
    }
    const fit = amountFitness(headers[c] ?? "", p);
    if (fit > 0) push("amount", c, fit);
  });
}

/** Looks at the header row and samples of rows; never reads the whole sheet. */
export function inspectSheet(sheet: SheetInput, options: InspectOptions = {}): SheetInspection {
  const t = tableOf(sheet);
  const declared = declaredOutcomes(options.outcomes);
  const lay = t.rows > 0 ? layoutDeals(t, options.map, declared) : null;
  if (!lay || lay.header.index < 0) {
    return {
      headerRowIndex: -1, headers: [], mapping: [], candidates: {}, unmappedHeaders: [],
      missingRequired: CANONICAL_FIELDS.filter((f) => f.required).map((f) => f.name),
      dataRows: 0, looksLikePipeline: false, score: 0,
    };
  }
  const header = lay.header;
  const fields: readonly CanonicalField[] = CANONICAL_FIELDS;
  const mapping = isLaidOut(lay) ? lay.mapping : lay.result.mapping;
  const used = new Set(mapping.map((m) => m.column));
  const unmappedHeaders = header.headers.filter((h, i) => h !== "" && !used.has(i) && !lay.result.helperHeaders.includes(h));
  const candidates = fieldCandidates(t, header.index, header.headers, fields, isLaidOut(lay) ? lay.profiles : undefined);
  const end = isLaidOut(lay) ? lay.end : lastDataRow(t, header.index);
  const reportRows = isLaidOut(lay) ? [...lay.shape.counts.values()].reduce((a, b) => a + b, 0) : 0;
  const dataRows = Math.max(0, end - header.index - 1 - reportRows);
  const missingRequired = missingRequiredFields(mapping, false, lay.result.declaredAbsent);
  const looksLikePipeline = dataRows > 0 && missingRequired.length === 0;
  const required = new Set(fields.filter((f) => f.required).map((f) => f.name));
  let score = 0;
  for (const m of mapping) score += m.confidence * (required.has(m.field) ? 3 : m.field === "outcome" || m.field === "estimatedAmount" ? 2 : 1);
  if (dataRows > 0) score += 1;
  const profile = isLaidOut(lay) ? lay.choice.profile : undefined;
  const stageValues = profile?.values.map((v) => ({
    value: v.value, count: v.count, outcome: v.outcome === OUTCOME_WON ? "won" as const : v.outcome === OUTCOME_LOST ? "lost" as const : "open" as const, known: v.known,
  }));
  return {
    headerRowIndex: header.index, headers: header.headers, mapping, candidates, unmappedHeaders,
    missingRequired, dataRows, looksLikePipeline, score: Math.round(score * 100) / 100,
    ...(stageValues ? { stageValues, stageValuesSampled: isLaidOut(lay) && lay.choice.sampled } : {}),
    ...(isLaidOut(lay) && lay.choice.decision ? { outcome: lay.choice.decision } : {}),
  };
}
