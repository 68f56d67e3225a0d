/**
 * The pipeline layer: grids of cells (as Office.js `range.values` or a file reader gives them) → typed,
 * columnar deals and leads, the optional inputs, and a located diagnostic for every cell not used.
 * The input grids are never changed.
 */
import type { Diagnostic, FieldMapping, Leads, PipelineData, SheetGrid } from "./types";
import { CANONICAL_FIELDS, LEAD_FIELDS, type CanonicalField } from "./fields";
import { DiagnosticSink, PipelineError } from "./diagnostics";
import { findHeaderRow, listHeaders, mapHeaders, HEADER_SEARCH_ROWS } from "./headers";
import { fieldCandidates, missingRequiredFields } from "./inspect";
import { isBlankRow } from "./region";
import { checkCycle, readDeals } from "./deals";
import { readLeads } from "./leads";
import { fillFromLeads, findJoinColumns, joinTables, type JoinColumns } from "./join";
import { readInputs } from "./inputs";
import { attachHistory } from "./history";

export { CANONICAL_FIELDS, LEAD_FIELDS } from "./fields";
export type { CanonicalField } from "./fields";
export { PipelineError } from "./diagnostics";
export { inspectSheet, type SheetInspection } from "./inspect";
export { readInputs, inputsTemplate, COMPASS_FACTORS } from "./inputs";
export { serialToISODate, serialToParts, serialFromParts, serialFromDate, DATE1904_OFFSET } from "./dates";
export { columnLetter } from "./text";
export { classifyStage } from "./stages";
export { classifySource } from "./sources";
export * from "./types";

export interface PipelineOptions {
  /** field → header text override (user mapping), case/punctuation blind; "none" = no such column. */
  map?: Record<string, string>;
  /** Optional leads / MQL table. */
  leads?: SheetGrid;
  leadMap?: Record<string, string>;
  /** Header names of the join key; default: a shared id-like header (e.g. mql_id). */
  joinKey?: { deals?: string; leads?: string };
  /** Optional inputs sheet. */
  inputs?: SheetGrid;
  /**
   * Values of the outcome (stage / status) column the user declares won or lost (case, space and punctuation
   * blind), on top of the built-in words; every other value is an open stage.
   */
  outcomes?: { won?: string[]; lost?: string[] };
  /**
   * Optional stage history: a table of changes or snapshots (deal id, stage, date; amount, close date) joined
   * to the deals on the deal id. Without it, date-entered columns on the deals table are read when present.
   */
  history?: SheetGrid;
  /** Open stages in funnel order; overrides the inputs sheet's stage order. */
  stageOrder?: string[];
  /** Rows processed so far and in all; called at most ~100 times. */
  onProgress?: (done: number, total: number) => void;
}

const LEAD_CANONICAL: readonly CanonicalField[] = CANONICAL_FIELDS.filter((f) => LEAD_FIELDS.includes(f.name));

function isEmptyGrid(grid: SheetGrid): boolean {
  const v = grid.values;
  if (!v || v.length === 0) return true;
  for (let r = 0; r < v.length; r++) if (!isBlankRow(v[r])) return false;
  return true;
}

/** `--map field="Header"` suggestions for missing fields: the best candidate by name or content, each header once. */
function examples(missing: readonly string[], grid: SheetGrid, headerIndex: number, headers: readonly string[], mapped: readonly FieldMapping[]): string {
  const cands = fieldCandidates(grid.values, headerIndex, headers);
  const used = new Set(mapped.map((m) => m.column));
  return missing.map((field) => {
    const pick = (cands[field] ?? []).find((c) => !used.has(c.column));
    if (pick) used.add(pick.column);
    return `--map ${field}="${pick ? pick.header : "<its column header>"}"`;
  }).join(" ");
}

/** Header row, mapping and required-field check for one table; throws PipelineError when unusable. */
function locate(grid: SheetGrid, what: string, fields: readonly CanonicalField[], userMap: Record<string, string> | undefined, allowNoAmount: boolean, requireOutcome: boolean) {
  const sheet = grid.name;
  if (isEmptyGrid(grid)) {
    throw new PipelineError(`Sheet "${sheet}" is empty: there is no ${what} to read.`, [
      { sheet, row: 0, column: "", severity: "error", message: `The ${what} sheet is empty.`, reason: "empty-sheet" },
    ]);
  }
  const header = findHeaderRow(grid.values, fields, userMap);
  if (header.index < 0) {
    const msg = `Sheet "${sheet}": no header row found in the first ${HEADER_SEARCH_ROWS} rows. Put a row of column names (such as Stage, Amount, Close Date) above the ${what}.`;
    throw new PipelineError(msg, [{ sheet, row: 0, column: "", severity: "error", message: msg, reason: "no-header-row" }]);
  }
  const result = mapHeaders(header.headers, fields, userMap);
  const headerRow = (grid.firstRow ?? 1) + header.index;
  if (result.problems.length > 0) {
    const msg = `Sheet "${sheet}": the column mapping cannot be applied: ${result.problems.join("; ")}. Headers in row ${headerRow}: ${listHeaders(header.headers)}.`;
    throw new PipelineError(msg, [{ sheet, row: headerRow, column: "", severity: "error", message: msg, reason: "bad-mapping" }]);
  }
  const missing = requireOutcome ? missingRequiredFields(result.mapping, allowNoAmount, result.declaredAbsent) : [];
  if (missing.length > 0) {
    const names = missing.map((f) => {
      const label = fields.find((x) => x.name === f)?.label ?? f;
      return f === "stage" ? `${f} (${label}, or a won date)` : `${f} (${label})`;
    });
    const how = examples(missing, grid, header.index, header.headers, result.mapping);
    const msg = `Sheet "${sheet}": no column found for the required field${missing.length > 1 ? "s" : ""} ${names.join(" and ")}. Headers in row ${headerRow}: ${listHeaders(header.headers)}. Say which column holds ${missing.length > 1 ? "each" : "it"}, e.g. ${how}${missing.includes("amount") ? ' (or --map amount=none to go on without amounts)' : ""}.`;
    throw new PipelineError(msg, missing.map((f) => ({ sheet, row: headerRow, column: "", field: f, severity: "error", message: msg, reason: "required-field-unmapped" })));
  }
  return { header, ...result, headerRow };
}

/** Reads the deals grid (and optional leads and inputs) into PipelineData. Throws PipelineError when unusable. */
export function readPipeline(deals: SheetGrid, options: PipelineOptions = {}): PipelineData {
  const diagnostics: Diagnostic[] = [];
  let inputs: PipelineData["inputs"];
  if (options.inputs) {
    const r = readInputs(options.inputs);
    inputs = r.inputs;
    diagnostics.push(...r.diagnostics);
  }
  const stageOrder = options.stageOrder ?? inputs?.stageOrder;
  const d = locate(deals, "pipeline", CANONICAL_FIELDS, options.map, Boolean(options.leads), true);
  const sink = new DiagnosticSink(deals.name);
  const firstColumn = deals.firstColumn ?? 1;

  let leadsTable: ReturnType<typeof locate> | undefined;
  let join: JoinColumns | undefined;
  if (options.leads) {
    leadsTable = locate(options.leads, "leads", LEAD_CANONICAL, options.leadMap, true, false);
    const j = findJoinColumns(d.header.headers, leadsTable.header.headers, leadsTable.mapping, options.joinKey);
    if ("problem" in j) {
      if (options.joinKey) throw new PipelineError(`Cannot join leads to deals: ${j.problem}.`);
      sink.note("warning", "no-join", `Leads and deals are not joined: ${j.problem}.`);
    } else join = j;
  }

  for (const m of d.mapping) {
    const how = m.how === "user" ? "as you mapped it" : m.how === "name" ? "by name" : `by synonym, confidence ${Math.round(m.confidence * 100)}%`;
    sink.note("info", "mapping", `Column "${m.header}" read as ${m.field} (${how}).`, { column: firstColumn + m.column, header: m.header, field: m.field }, d.headerRow);
  }
  for (const h of d.unmappedHeaders) {
    const c = d.header.headers.indexOf(h);
    if (join && c === join.deals) continue;
    sink.note("info", "unmapped-header", `Column "${h}" is not used: it matches no field (map it with --map <field>="${h}" if it should be).`, { column: firstColumn + c, header: h }, d.headerRow);
  }
  if (!d.mapping.some((m) => m.field === "amount")) {
    sink.note("warning", "no-amount", "No amount column: revenue, average deal and CAC analyses will say NO DATA; counts, win rates and cycles still work.");
  }

  const read = readDeals(deals, d.header.index, d.mapping, sink, { stageOrder, joinColumn: join?.deals, onProgress: options.onProgress });
  const data: PipelineData = {
    deals: read.deals,
    inputs,
    mapping: d.mapping,
    dateFormats: read.dateFormats,
    stageOrder: read.stageOrder,
    diagnostics,
    rows: read.rows,
    warnings: [],
  };

  if (options.leads && leadsTable) {
    const leadSink = new DiagnosticSink(options.leads.name);
    const lr = readLeads(options.leads, leadsTable.header.index, leadsTable.mapping, leadSink, join?.leads ?? -1);
    const leads: Leads = lr.leads;
    data.leads = leads;
    data.leadMapping = leadsTable.mapping;
    data.dateFormats.push(...lr.dateFormats);
    if (join && read.joinKey && lr.joinKey) {
      const lfc = options.leads.firstColumn ?? 1;
      const res = joinTables(read.deals, read.joinKey, leads, lr.joinKey,
        { column: firstColumn + join.deals, header: join.dealsHeader }, { column: lfc + join.leads, header: join.leadsHeader }, sink, leadSink);
      data.join = { dealsHeader: join.dealsHeader, leadsHeader: join.leadsHeader, ...res };
      sink.note("info", "join", `Deals joined to leads on "${join.dealsHeader}" = "${join.leadsHeader}": ${res.matched.toLocaleString("en-US")} of ${read.deals.count.toLocaleString("en-US")} deals found their lead; ${res.leadsWithDeals.toLocaleString("en-US")} of ${leads.count.toLocaleString("en-US")} leads became deals.`);
      const has = (f: string) => d.mapping.some((m) => m.field === f);
      const hasLead = (f: string) => leadsTable!.mapping.some((m) => m.field === f);
      const filled = fillFromLeads(read.deals, leads, { created: !has("created") && hasLead("created"), source: !has("source") && hasLead("source") });
      if (filled.created > 0) {
        const closedMap = d.mapping.find((m) => m.field === "closed") ?? d.mapping.find((m) => m.field === "wonDate");
        if (closedMap) checkCycle(read.deals.created, read.deals.closed, read.deals.sourceRow, read.deals.count, { column: firstColumn + closedMap.column, header: closedMap.header, field: closedMap.field }, sink);
      }
      if (filled.created > 0) sink.note("info", "created-from-lead", `No created date on the deals: ${filled.created.toLocaleString("en-US")} deals take their lead's first contact date, so the sales cycle runs from first contact to close.`);
      if (filled.source > 0) sink.note("info", "source-from-lead", `No source on the deals: ${filled.source.toLocaleString("en-US")} deals take their lead's origin.`);
    }
    diagnostics.push(...leadSink.finish());
  }
  diagnostics.unshift(...sink.finish());
  attachHistory(data, { grid: deals, headerIndex: d.header.index, headers: d.header.headers, mapping: d.mapping }, { history: options.history, stageOrder, outcomes: options.outcomes });
  return data;
}
