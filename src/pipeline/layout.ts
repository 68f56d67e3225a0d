/**
 * How a deals sheet is laid out, before its rows are read: the header row, the mapping (by header, then
 * checked by content), the rows of a formatted report and its grouped columns, and which columns decide
 * won / lost / open. `readPipeline` and `inspectSheet` share it, so the task pane's Columns screen shows
 * what the reader will do.
 */
import type { FieldMapping } from "./types";
import type { Table } from "./table";
import { CANONICAL_FIELDS, type CanonicalField } from "./fields";
import { AUTO_MAP_CONFIDENCE, findHeaderRow, isHelperHeader, mapHeaders, scoreHeader, type HeaderRow, type MappingResult } from "./headers";
import { lastDataRow } from "./region";
import { detectReportShape, type ReportShape } from "./report-rows";
import { chooseOutcome, type OutcomeChoice } from "./outcome-column";
import { checkMappedContent, dominantKind, profileContent, type ContentCheck, type ContentProfile } from "./content";
import type { DeclaredOutcomes } from "./stages";
import { compactKey } from "./text";

export interface DealsLayout {
  header: HeaderRow;
  result: MappingResult;
  /** The final mapping: by header, checked by content, the outcome columns chosen. */
  mapping: FieldMapping[];
  /** Fields the user mapped (a header, or declared absent). */
  userFields: Set<string>;
  /** One past the last non-blank row. */
  end: number;
  shape: ReportShape;
  content: ContentCheck;
  profiles: ContentProfile[];
  choice: OutcomeChoice;
}

/** Fields whose columns a grouped report may leave blank below the group's first row. */
const GROUPABLE = new Set(["stage", "outcome", "owner", "account", "source", "partner", "product", "segment", "created", "closed", "wonDate", "lostDate", "expectedClose", "lossReason", "competitor", "complexity"]);

export function layoutDeals(t: Table, userMap: Record<string, string> | undefined, declared: DeclaredOutcomes | undefined, stageOrder?: readonly string[], lazy = false, fields: readonly CanonicalField[] = CANONICAL_FIELDS): DealsLayout | { header: HeaderRow; result: MappingResult } {
  const header = findHeaderRow(t, fields, userMap);
  if (header.index < 0) return { header, result: mapHeaders([], fields, userMap) };
  const result = mapHeaders(header.headers, fields, userMap);
  if (result.problems.length > 0) return { header, result };
  const userFields = new Set<string>([...result.declaredAbsent, ...result.mapping.filter((m) => m.how === "user").map((m) => m.field)]);
  const end = lastDataRow(t, header.index);
  const start = header.index + 1;
  const width = Math.max(header.headers.length, t.rowWidth(start));

  const idCol = result.mapping.find((m) => m.field === "id")?.column ?? -1;
  const groupable = result.mapping.filter((m) => GROUPABLE.has(m.field)).map((m) => m.column);
  // columns named like a stage or status but not mapped can be grouped too (a second status column)
  const shape = detectReportShape(t, start, end, header.headers, groupable, idCol);
  const rows = shape.table ?? t;
  const profiles = profileContent(rows, start, end, width, shape.kinds);
  const content = checkMappedContent(preferFormattedValue(result.mapping, header.headers, userMap), profiles);
  refill(content, header.headers, profiles, fields);
  const choice = chooseOutcome({
    table: rows, headerIndex: header.index, end, headers: header.headers, mapping: content.mapping, userFields, declared, stageOrder, skip: shape.kinds, lazy,
  });
  return { header, result, mapping: choice.mapping, userFields, end, shape, content, profiles, choice };
}

/**
 * Close writes an opportunity's value in cents ("value": 300000) beside the money text ("value_formatted":
 * "$3,000"): the amount is the formatted one, or every revenue figure would be a hundred times too large.
 */
function preferFormattedValue(mapping: FieldMapping[], headers: readonly string[], userMap?: Record<string, string>): FieldMapping[] {
  const amount = mapping.find((m) => m.field === "amount");
  if (!amount || amount.how === "user" || compactKey(amount.header) !== "value" || userMap?.amount) return mapping;
  const column = headers.findIndex((h) => compactKey(h) === "valueformatted");
  if (column < 0) return mapping;
  return mapping.map((m) => (m === amount ? { ...m, header: headers[column], column, how: "content" as const, confidence: 0.9 } : m));
}

/** A field left without a column by a content move ("Closed" was a checkbox) takes its next-best header. */
function refill(content: ContentCheck, headers: readonly string[], profiles: readonly ContentProfile[], fields: readonly CanonicalField[]): void {
  for (const mv of content.moved) {
    if (content.mapping.some((m) => m.field === mv.from)) continue;
    const f = fields.find((x) => x.name === mv.from);
    if (!f) continue;
    const used = new Set(content.mapping.map((m) => m.column));
    let best: FieldMapping | null = null;
    headers.forEach((h, column) => {
      if (!h || used.has(column) || h === mv.header || isHelperHeader(h)) return;
      const s = scoreHeader(h, f);
      if (!s || s.confidence < AUTO_MAP_CONFIDENCE || dominantKind(profiles[column] ?? ({ filled: 0 } as ContentProfile)) === "yes/no") return;
      if (!best || s.confidence > best.confidence) best = { field: f.name, header: h, column, confidence: s.confidence, how: s.how };
    });
    if (best) content.mapping.push(best);
  }
  const order = new Map(fields.map((f, i) => [f.name, i]));
  content.mapping.sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0));
}

export function isLaidOut(x: DealsLayout | { header: HeaderRow; result: MappingResult }): x is DealsLayout {
  return "choice" in x;
}
