/**
 * Header row detection and header → canonical field mapping with a confidence, case and punctuation
 * blind, with the user's overrides first. Content-based guesses are offered as candidates only: a
 * required field is never mapped by a silent guess.
 */
import { historyColumnHeader } from "./history-fields";
import type { FieldMapping } from "./types";
import { CANONICAL_FIELDS, fieldByName, type CanonicalField } from "./fields";
import { compactKey, shortText, wordsKey } from "./text";
import type { Table } from "./table";
import { isBlankCell, isErrorText } from "./values";

/** Lowest confidence at which a header is mapped without the user. */
export const AUTO_MAP_CONFIDENCE = 0.55;
/** Rows searched for the header row (titles and notes above it are common). */
export const HEADER_SEARCH_ROWS = 50;

const CURRENCY_WORDS = new Set(["usd", "eur", "gbp", "brl", "cad", "aud", "chf", "jpy", "inr", "in", "currency", "converted"]);
/** Single words strong enough to match inside a longer header ("Opportunity Amount", "Deal Owner Name"). */
const STRONG_WORDS = new Set([
  "amount", "stage", "owner", "account", "customer", "company", "source", "channel", "partner", "product",
  "segment", "price", "complexity", "competitor", "industry", "origin", "organization", "organisation", "client",
]);
/** Extra words that make a containing header mean something else ("Weighted Amount", "Has Company"). */
const REJECT_WORDS = new Set([
  "has", "is", "count", "number", "num", "pct", "percent", "probability", "weighted", "expected", "forecast",
  "previous", "prior", "last", "next", "type", "size", "age", "days", "duration", "id", "est", "estimated",
  "projected", "target", "planned", "gesch", "voraussichtliches", "estimee", "estimada", "prevue", "prevista",
  "modified", "modify", "updated", "stock", "catalog", "catalogue", "employees", "quantity", "qty",
]);

/**
 * Columns a CRM adds for its own use, never data: Dynamics 365 writes "(Do Not Modify) Opportunity",
 * "(Do Not Modify) Row Checksum" and "(Do Not Modify) Modified On" as hidden columns so that the sheet can be
 * imported back (in the user's language in translated exports).
 */
const HELPER_HEADER = /^\(\s*(do not modify|nicht (andern|ändern)|ne pas modifier|no modificar|não modificar|nao modificar|niet wijzigen)\s*\)/i;

export function isHelperHeader(h: string): boolean {
  return h.charCodeAt(0) === 40 && HELPER_HEADER.test(h.trim());
}

/** Header text → words, with a trailing unit in brackets or a currency code dropped ("Amount (USD)"). */
export function headerWords(h: string): string[] {
  const words = wordsKey(h).split(" ").filter((w) => w !== "");
  while (words.length > 1 && CURRENCY_WORDS.has(words[words.length - 1])) words.pop();
  return words;
}

export interface HeaderScore {
  field: string;
  confidence: number;
  how: FieldMapping["how"];
}

function containsRun(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

interface PreparedField {
  names: string[];
  synonyms: { words: string[]; compact: string }[];
}
const prepared = new WeakMap<CanonicalField, PreparedField>();

function prepare(f: CanonicalField): PreparedField {
  let p = prepared.get(f);
  if (!p) {
    p = {
      names: [compactKey(f.name), compactKey(f.label)],
      synonyms: f.synonyms.map((syn) => {
        const words = headerWords(syn);
        return { words, compact: words.join("") };
      }),
    };
    prepared.set(f, p);
  }
  return p;
}

/** Longest header text matched against field names (longer texts name no field). */
const MAX_HEADER_CHARS = 256;

/** How well a header names a field: 1 exact name, 0.9 a synonym, ≤ 0.75 a synonym inside a longer header. */
export function scoreHeader(header: string, f: CanonicalField): HeaderScore | null {
  // No field's name or synonym is this long: a huge text cell costs nothing per field.
  if (header.length > MAX_HEADER_CHARS) return null;
  const words = headerWords(header);
  if (words.length === 0) return null;
  const compact = words.join("");
  const p = prepare(f);
  if (p.names.includes(compact)) return { field: f.name, confidence: 1, how: "name" };
  let best: HeaderScore | null = null;
  for (const syn of p.synonyms) {
    const sw = syn.words;
    if (compact === syn.compact) return { field: f.name, confidence: 0.9, how: "synonym" };
    if (sw.length >= words.length) continue;
    if (sw.length === 1 && !STRONG_WORDS.has(sw[0])) continue;
    if (!containsRun(words, sw)) continue;
    const extra = words.filter((w) => !sw.includes(w));
    if (extra.some((w) => REJECT_WORDS.has(w))) continue;
    const conf = Math.round((0.75 - 0.1 * extra.length) * 100) / 100;
    if (conf > 0.25 && (!best || conf > best.confidence)) best = { field: f.name, confidence: conf, how: "synonym" };
  }
  return best;
}

/** Every field's score for every header (scores above 0.25), best first per field. */
export function headerCandidates(headers: readonly string[], fields: readonly CanonicalField[] = CANONICAL_FIELDS): Record<string, { header: string; column: number; confidence: number }[]> {
  const out: Record<string, { header: string; column: number; confidence: number }[]> = {};
  for (const f of fields) {
    const list: { header: string; column: number; confidence: number }[] = [];
    headers.forEach((h, column) => {
      const s = h ? scoreHeader(h, f) : null;
      if (s) list.push({ header: h, column, confidence: s.confidence });
    });
    list.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
    out[f.name] = list;
  }
  return out;
}

export interface MappingResult {
  mapping: FieldMapping[];
  /** Fields the user explicitly said are absent (`amount=none`). */
  declaredAbsent: Set<string>;
  /** User mapping entries that could not be applied, in plain words. */
  problems: string[];
  unmappedHeaders: string[];
  /** CRM helper columns left out ("(Do Not Modify) ..."). */
  helperHeaders: string[];
}

/** Words a user may give instead of a header to say "this table has no such column". */
const ABSENT = new Set(["", "none", "no", "absent", "-", "n/a"]);

/**
 * Maps headers to fields: the user's overrides first (field name or label → header text, case and
 * punctuation blind), then the best-scoring remaining header per field at or above AUTO_MAP_CONFIDENCE,
 * each header used once.
 */
export function mapHeaders(headers: readonly string[], fields: readonly CanonicalField[], userMap?: Record<string, string>): MappingResult {
  const mapping: FieldMapping[] = [];
  const problems: string[] = [];
  const declaredAbsent = new Set<string>();
  const usedColumns = new Set<number>();
  const usedFields = new Set<string>();
  const allowed = new Set(fields.map((f) => f.name));
  for (const [rawField, rawHeader] of Object.entries(userMap ?? {})) {
    const f = fieldByName(rawField) ?? CANONICAL_FIELDS.find((c) => compactKey(c.name) === compactKey(rawField));
    if (!f || !allowed.has(f.name)) {
      problems.push(`"${rawField}" is not a field here; fields are ${fields.map((x) => x.name).join(", ")}`);
      continue;
    }
    if (ABSENT.has(String(rawHeader).trim().toLowerCase())) {
      declaredAbsent.add(f.name);
      usedFields.add(f.name);
      continue;
    }
    const want = compactKey(String(rawHeader));
    const column = headers.findIndex((h, i) => !usedColumns.has(i) && compactKey(h) === want);
    if (column < 0) {
      problems.push(`no column headed "${rawHeader}" for ${f.name}`);
      continue;
    }
    mapping.push({ field: f.name, header: headers[column], column, confidence: 1, how: "user" });
    usedColumns.add(column);
    usedFields.add(f.name);
  }
  const triples: { f: CanonicalField; order: number; column: number; s: HeaderScore }[] = [];
  fields.forEach((f, order) => {
    if (usedFields.has(f.name)) return;
    headers.forEach((h, column) => {
      // a stage-history column ("Date entered <stage>") is history, never a deal's own date
      if (!h || usedColumns.has(column) || isHelperHeader(h) || historyColumnHeader(h) !== null) return;
      const s = scoreHeader(h, f);
      if (s && s.confidence >= AUTO_MAP_CONFIDENCE) triples.push({ f, order, column, s });
    });
  });
  triples.sort((a, b) => b.s.confidence - a.s.confidence || a.order - b.order || a.column - b.column);
  for (const t of triples) {
    if (usedFields.has(t.f.name) || usedColumns.has(t.column)) continue;
    mapping.push({ field: t.f.name, header: headers[t.column], column: t.column, confidence: t.s.confidence, how: t.s.how });
    usedFields.add(t.f.name);
    usedColumns.add(t.column);
  }
  const order = new Map(fields.map((f, i) => [f.name, i]));
  mapping.sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0));
  const unmappedHeaders = headers.filter((h, i) => h !== "" && !usedColumns.has(i) && !isHelperHeader(h));
  const helperHeaders = headers.filter((h) => h !== "" && isHelperHeader(h));
  return { mapping, declaredAbsent, problems, unmappedHeaders, helperHeaders };
}

/** Excel's limit on a table column's name: a longer header is kept to it, with "…" (messages quote headers). */
const MAX_HEADER_TEXT = 255;

/** A header cell's text ("" for blank); numbers and dates are not header text. */
export function headerText(v: unknown): string {
  if (typeof v !== "string") return "";
  const t = v.trim();
  return t.length > MAX_HEADER_TEXT ? `${t.slice(0, MAX_HEADER_TEXT - 1)}…` : t;
}

export interface HeaderRow {
  /** 0-based index into grid.values; -1 when no row looks like a header. */
  index: number;
  headers: string[];
  /** Fields matched in that row at AUTO_MAP_CONFIDENCE or better (or by the user's mapping). */
  matched: number;
}

/**
 * Finds the header row: among the first HEADER_SEARCH_ROWS rows, the one naming the most fields (the
 * user's mapped headers count); without any, the first all-text row of two or more distinct cells with
 * data under it. A row holding numbers or error cells is data, not a header.
 */
export function findHeaderRow(t: Table, fields: readonly CanonicalField[] = CANONICAL_FIELDS, userMap?: Record<string, string>): HeaderRow {
  const userHeaders = new Set(Object.values(userMap ?? {}).map((h) => compactKey(String(h))).filter((h) => h !== "" && h !== "none"));
  let best: HeaderRow = { index: -1, headers: [], matched: 0 };
  let firstTextRow = -1;
  const limit = Math.min(t.rows, HEADER_SEARCH_ROWS);
  for (let r = 0; r < limit; r++) {
    if (t.stored(r) < 0) continue;
    const row = t.row(r);
    let filled = 0;
    let text = 0;
    const seen = new Set<string>();
    for (const v of row) {
      if (isBlankCell(v)) continue;
      filled++;
      if (typeof v === "string" && !isErrorText(v.trim())) {
        text++;
        // A text longer than any header is told apart as written (its compact key would cost a pass per cell).
        seen.add(v.length > 255 ? v : compactKey(v));
      }
    }
    if (filled < 2 || text !== filled) continue;
    const headers = row.map(headerText);
    // Each header is read once: whether the user named it, then its score per field (capped in length).
    const named = headers.filter((h) => h !== "" && (userHeaders.size === 0 ? false : userHeaders.has(compactKey(h))));
    let matched = 0;
    for (const f of fields) {
      if (named.length > 0 || headers.some((h) => h !== "" && (scoreHeader(h, f)?.confidence ?? 0) >= AUTO_MAP_CONFIDENCE)) matched++;
    }
    if (matched > best.matched) best = { index: r, headers, matched };
    // Without any known name, only a row of distinct texts with data under it passes for a header.
    if (firstTextRow < 0 && seen.size === text && hasDataBelow(t, r)) firstTextRow = r;
  }
  if (best.index >= 0) return best;
  if (firstTextRow >= 0) return { index: firstTextRow, headers: t.row(firstTextRow).map(headerText), matched: 0 };
  return best;
}

function hasDataBelow(t: Table, r: number): boolean {
  for (let i = r + 1; i < Math.min(t.rows, r + 5); i++) {
    if (t.stored(i) >= 0 && t.row(i).some((v) => !isBlankCell(v))) return true;
  }
  return false;
}

/** Header texts as written, for messages: "a", "b", "c". */
export function listHeaders(headers: readonly string[]): string {
  const shown = headers.filter((h) => h !== "");
  if (shown.length === 0) return "(none)";
  // A message stays readable: long headers shortened, at most 60 listed.
  const listed = shown.slice(0, 60).map((h) => `"${shortText(h, 60)}"`).join(", ");
  return shown.length > 60 ? `${listed} and ${shown.length - 60} more` : listed;
}
