/**
 * The pipeline layer: grids of cells (as Office.js `range.values` or a file reader gives them) → typed,
 * columnar deals and leads, the optional inputs, and a located diagnostic for every cell not used.
 * The input grids are never changed.
 */
import type { Diagnostic, FieldMapping, Leads, PipelineData } from "./types";
import { CANONICAL_FIELDS, LEAD_FIELDS, type CanonicalField } from "./fields";
import { DiagnosticSink, PipelineError } from "./diagnostics";
import { findHeaderRow, isHelperHeader, listHeaders, mapHeaders, HEADER_SEARCH_ROWS } from "./headers";
import { fieldCandidates, missingRequiredFields, type SheetInspection } from "./inspect";
import { isLaidOut, layoutDeals } from "./layout";
import { withInferred } from "./outcome-column";
import { declaredOutcomes, type DeclaredOutcomes } from "./stages";
import { pipelineWarnings } from "./warnings";
import { columnLetter } from "./text";
import { tableOf, Table, type SheetInput } from "./table";
import { checkCycle, readDeals } from "./deals";
import { readLeads } from "./leads";
import { fillFromLeads, findJoinColumns, joinTables, type JoinColumns } from "./join";
import { readInputs } from "./inputs";
import { attachHistory } from "./history";

export { CANONICAL_FIELDS, LEAD_FIELDS } from "./fields";
export type { CanonicalField } from "./fields";
export { PipelineError } from "./diagnostics";
export { inspectSheet, type SheetInspection, type InspectOptions } from "./inspect";
export { readInputs, inputsTemplate, COMPASS_FACTORS } from "./inputs";
export { serialToISODate, serialToParts, serialFromParts, serialFromDate, DATE1904_OFFSET } from "./dates";
export { columnLetter } from "./text";
export { classifyStage, declaredOutcomes } from "./stages";
export { parseTextDate } from "./dates";
export { classifySource } from "./sources";
export * from "./types";
export { Table, tableOf, type SheetInput } from "./table";

export interface PipelineOptions {
  /** field → header text override (user mapping), case/punctuation blind; "none" = no such column. */
  map?: Record<string, string>;
  /** Optional leads / MQL table. */
  leads?: SheetInput;
  leadMap?: Record<string, string>;
  /** Header names of the join key; default: a shared id-like header (e.g. mql_id). */
  joinKey?: { deals?: string; leads?: string };
  /** Optional inputs sheet. */
  inputs?: SheetInput;
  /**
   * Values of the outcome (stage / status) column the user declares won or lost (case, space and punctuation
   * blind), on top of the built-in words; every other value is an open stage.
   */
  outcomes?: { won?: string[]; lost?: string[] };
  /**
   * Optional stage history: a table of changes or snapshots (deal id, stage, date; amount, close date) joined
   * to the deals on the deal id. Without it, date-entered columns on the deals table are read when present.
   */
  history?: SheetInput;
  /** Open stages in funnel order; overrides the inputs sheet's stage order. */
  stageOrder?: string[];
  /** Rows processed so far and in all; called at most ~100 times. */
  onProgress?: (done: number, total: number) => void;
}

const LEAD_CANONICAL: readonly CanonicalField[] = CANONICAL_FIELDS.filter((f) => LEAD_FIELDS.includes(f.name));

function isEmptyGrid(t: Table): boolean {
  for (let r = 0; r < t.rows; r++) if (!t.isBlankRow(r)) return false;
  return true;
}

/** `--map field="Header"` suggestions for missing fields: the best candidate by name or content, each header once. */
function examples(missing: readonly string[], cands: SheetInspection["candidates"], mapped: readonly FieldMapping[]): string {
  const used = new Set(mapped.map((m) => m.column));
  return missing.map((field) => {
    const pick = (cands[field] ?? []).find((c) => !used.has(c.column));
    if (pick) used.add(pick.column);
    return `--map ${field}="${pick ? pick.header : "<its column header>"}"`;
  }).join(" ");
}

function emptySheet(grid: Table, what: string): PipelineError {
  const sheet = grid.name;
  return new PipelineError(`Sheet "${sheet}" is empty: there is no ${what} to read.`, [
    { sheet, row: 0, column: "", severity: "error", message: `The ${what} sheet is empty.`, reason: "empty-sheet" },
  ]);
}

function noHeader(grid: Table, what: string): PipelineError {
  const msg = `Sheet "${grid.name}": no header row found in the first ${HEADER_SEARCH_ROWS} rows. Put a row of column names (such as Stage, Amount, Close Date) above the ${what}.`;
  return new PipelineError(msg, [{ sheet: grid.name, row: 0, column: "", severity: "error", message: msg, reason: "no-header-row" }]);
}

function badMapping(grid: Table, problems: readonly string[], headers: readonly string[], headerRow: number): PipelineError {
  const msg = `Sheet "${grid.name}": the column mapping cannot be applied: ${problems.join("; ")}. Headers in row ${headerRow}: ${listHeaders(headers)}.`;
  return new PipelineError(msg, [{ sheet: grid.name, row: headerRow, column: "", severity: "error", message: msg, reason: "bad-mapping" }]);
}

function missingFields(grid: Table, missing: readonly string[], fields: readonly CanonicalField[], headers: readonly string[], headerRow: number, how: string): PipelineError {
  const names = missing.map((f) => {
    const label = fields.find((x) => x.name === f)?.label ?? f;
    return f === "stage" ? `${f} (${label}, or a status, or a won date)` : `${f} (${label})`;
  });
  const msg = `Sheet "${grid.name}": no column found for the required field${missing.length > 1 ? "s" : ""} ${names.join(" and ")}. Headers in row ${headerRow}: ${listHeaders(headers)}. Say which column holds ${missing.length > 1 ? "each" : "it"}, e.g. ${how}${missing.includes("amount") ? ' (or --map amount=none to go on without amounts)' : ""}.`;
  return new PipelineError(msg, missing.map((f) => ({ sheet: grid.name, row: headerRow, column: "", field: f, severity: "error", message: msg, reason: "required-field-unmapped" })));
}

/** Header row and mapping of a leads table; throws PipelineError when unusable. */
function locateLeads(grid: Table, fields: readonly CanonicalField[], userMap: Record<string, string> | undefined) {
  if (isEmptyGrid(grid)) throw emptySheet(grid, "leads");
  const header = findHeaderRow(grid, fields, userMap);
  if (header.index < 0) throw noHeader(grid, "leads");
  const result = mapHeaders(header.headers, fields, userMap);
  const headerRow = grid.firstRow + header.index;
  if (result.problems.length > 0) throw badMapping(grid, result.problems, header.headers, headerRow);
  return { header, ...result, headerRow };
}

/** The deals table's layout (header, mapping by name and content, report rows, outcome columns); throws PipelineError when unusable. */
function locateDeals(grid: Table, userMap: Record<string, string> | undefined, allowNoAmount: boolean, declared: DeclaredOutcomes | undefined, stageOrder?: readonly string[]) {
  if (isEmptyGrid(grid)) throw emptySheet(grid, "pipeline");
  const lay = layoutDeals(grid, userMap, declared, stageOrder, true);
  if (lay.header.index < 0) throw noHeader(grid, "pipeline");
  const headerRow = grid.firstRow + lay.header.index;
  if (!isLaidOut(lay)) throw badMapping(grid, lay.result.problems, lay.header.headers, headerRow);
  const missing = missingRequiredFields(lay.mapping, allowNoAmount, lay.result.declaredAbsent);
  if (missing.length > 0) {
    const cands = fieldCandidates(grid, lay.header.index, lay.header.headers, CANONICAL_FIELDS, lay.profiles);
    throw missingFields(grid, missing, CANONICAL_FIELDS, lay.header.headers, headerRow, examples(missing, cands, lay.mapping));
  }
  return { lay, headerRow };
}

/**
 * Cells whose text the file reader cut to Excel's 32,767-character limit: a located diagnostic each (capped
 * per column, then counted) and one loud warning per sheet.
 */
function noteCutText(t: Table | undefined, header: { index: number; headers: readonly string[] } | undefined, diagnostics: Diagnostic[], warnings: PipelineData["warnings"]): void {
  const cut = t?.cut;
  if (!t || !cut || cut.length === 0) return;
  const sink = new DiagnosticSink(t.name);
  const refs = new Map<number, { column: number; header?: string }>();
  for (const c of cut) {
    let ref = refs.get(c.column);
    if (!ref) {
      const h = header && c.row > t.firstRow + header.index ? header.headers[c.column - t.firstColumn] : undefined;
      ref = h ? { column: c.column, header: h } : { column: c.column };
      refs.set(c.column, ref);
    }
    const size = `${c.length.toLocaleString("en-US")} ${c.bytes ? "bytes" : "characters"}`;
    sink.cell(ref, "text-cut", "warning", c.row, "", () => `Text longer than 32,767 characters cut: the cell holds ${size}, over Excel's limit for one cell; its first 32,767 characters are used.`, "cells with text longer than 32,767 characters cut");
  }
  diagnostics.push(...sink.finish());
  const n = t.cutCount;
  const first = cut[0];
  warnings.push({
    reason: "text-cut",
    message: `${n.toLocaleString("en-US")} cell${n > 1 ? "s" : ""} of "${t.name}" hold${n > 1 ? "" : "s"} text longer than 32,767 characters, Excel's limit for one cell (first at ${columnLetter(first.column)}${first.row}): cut to ${n > 1 ? "their" : "its"} first 32,767 characters.`,
    fix: "check that the file is a table: a quote that is not closed can join many lines into one cell",
  });
}

/** The most frequent labels of a text column. */
function topLabels(col: { codes: Int32Array; labels: string[] }, k: number): string[] {
  const counts = new Int32Array(col.labels.length);
  for (let i = 0; i < col.codes.length; i++) if (col.codes[i] >= 0) counts[col.codes[i]]++;
  return col.labels.map((l, j) => [l, counts[j]] as const).filter((x) => x[1] > 0).sort((a, b) => b[1] - a[1]).slice(0, k).map((x) => x[0]);
}

/** Reads the deals grid (and optional leads and inputs) into PipelineData. Throws PipelineError when unusable. */
export function readPipeline(dealsSheet: SheetInput, options: PipelineOptions = {}): PipelineData {
  const deals = tableOf(dealsSheet);
  const leadsT = options.leads ? tableOf(options.leads) : undefined;
  const inputsT = options.inputs ? tableOf(options.inputs) : undefined;
  const historyT = options.history ? tableOf(options.history) : undefined;
  const diagnostics: Diagnostic[] = [];
  let inputs: PipelineData["inputs"];
  if (inputsT) {
    const r = readInputs(inputsT);
    inputs = r.inputs;
    diagnostics.push(...r.diagnostics);
  }
  const stageOrder = options.stageOrder ?? inputs?.stageOrder;
  const userDeclared = declaredOutcomes({
    won: [...(options.outcomes?.won ?? []), ...(inputs?.outcomes?.won ?? [])],
    lost: [...(options.outcomes?.lost ?? []), ...(inputs?.outcomes?.lost ?? [])],
  });
  const { lay, headerRow } = locateDeals(deals, options.map, Boolean(options.leads), userDeclared, stageOrder);
  const declared = withInferred(userDeclared, lay.choice.inferred);
  const mapping = lay.mapping;
  const headers = lay.header.headers;
  const sink = new DiagnosticSink(deals.name);
  const firstColumn = deals.firstColumn;

  let leadsTable: ReturnType<typeof locateLeads> | undefined;
  let join: JoinColumns | undefined;
  if (leadsT) {
    leadsTable = locateLeads(leadsT, LEAD_CANONICAL, options.leadMap);
    const j = findJoinColumns(headers, leadsTable.header.headers, leadsTable.mapping, options.joinKey);
    if ("problem" in j) {
      if (options.joinKey) throw new PipelineError(`Cannot join leads to deals: ${j.problem}.`);
      sink.note("warning", "no-join", `Leads and deals are not joined: ${j.problem}.`);
    } else join = j;
  }

  for (const m of mapping) {
    const how = m.how === "user" ? "as you mapped it" : m.how === "name" ? "by name" : m.how === "content" ? "by its values" : `by synonym, confidence ${Math.round(m.confidence * 100)}%`;
    sink.note("info", "mapping", `Column "${m.header}" read as ${m.field} (${how}).`, { column: firstColumn + m.column, header: m.header, field: m.field }, headerRow);
  }
  for (const mv of lay.content.moved) {
    const c = headers.indexOf(mv.header);
    sink.note("info", "mapping-by-content", `Column "${mv.header}" ${mv.to ? `read as ${mv.to}, not ${mv.from}` : `not read as ${mv.from}`}: ${mv.why}.`, { column: firstColumn + c, header: mv.header }, headerRow);
  }
  const used = new Set(mapping.map((m) => m.column));
  headers.forEach((h, c) => {
    if (h === "" || used.has(c) || (join && c === join.deals)) return;
    if (isHelperHeader(h)) {
      sink.note("info", "helper-column", `Column "${h}" is a column the CRM adds for re-importing the sheet: ignored.`, { column: firstColumn + c, header: h }, headerRow);
      return;
    }
    sink.note("info", "unmapped-header", `Column "${h}" is not used: it matches no field (map it with --map <field>="${h}" if it should be).`, { column: firstColumn + c, header: h }, headerRow);
  });
  if (!mapping.some((m) => m.field === "amount" || m.field === "estimatedAmount")) {
    sink.note("warning", "no-amount", "No amount column: revenue, average deal and CAC analyses will say NO DATA; counts, win rates and cycles still work.");
  }
  if (lay.choice.decision) sink.note("info", "outcome-columns", `Won / lost / open: ${lay.choice.decision.why}`);
  for (const f of lay.shape.filled) {
    const c = firstColumn + f.column;
    sink.note("info", "filled-down", `Column "${f.header}" is grouped as in a formatted report: its value stands on the first row of each group; it was carried down to the ${f.cells.toLocaleString("en-US")} row(s) below.`, { column: c, header: f.header }, 0, undefined, f.cells);
  }

  const grid = lay.shape.table ?? deals;
  const read = readDeals(grid, lay.header.index, mapping, sink, {
    stageOrder, joinColumn: join?.deals, onProgress: options.onProgress, declared,
    flagsDecide: lay.choice.isClosed >= 0, reportRows: lay.shape.kinds,
  });
  if (!read.facts.stageLike && !userDeclared && read.deals.count > 0) {
    const col = mapping.find((m) => m.field === "outcome") ?? mapping.find((m) => m.field === "stage");
    const header = col?.header ?? "stage";
    const vals = topLabels(read.deals.stage, 4).map((v) => `"${v}"`).join(", ");
    const other = fieldCandidates(deals, lay.header.index, headers, CANONICAL_FIELDS, lay.profiles).stage?.find((c) => c.column !== col?.column);
    const msg = `Sheet "${deals.name}": the stage column "${header}" holds no stage GTM Compass knows${vals ? ` (values such as ${vals})` : ""}, so won, lost and open cannot be told. Say which values mean won and lost with --won VALUE --lost VALUE, or choose the stage column with --map stage="${other?.header ?? "<its column header>"}".`;
    throw new PipelineError(msg, [{ sheet: deals.name, row: headerRow, column: col ? columnLetter(firstColumn + col.column) : "", header, field: "stage", severity: "error", message: msg, reason: "no-stage-values" }]);
  }
  const data: PipelineData = {
    deals: read.deals,
    inputs,
    mapping,
    dateFormats: read.dateFormats,
    stageOrder: read.stageOrder,
    diagnostics,
    rows: read.rows,
    skippedRows: read.skippedRows,
    warnings: [],
    outcome: lay.choice.decision,
  };

  if (leadsT && leadsTable) {
    const leadSink = new DiagnosticSink(leadsT.name);
    const lr = readLeads(leadsT, leadsTable.header.index, leadsTable.mapping, leadSink, join?.leads ?? -1);
    const leads: Leads = lr.leads;
    data.leads = leads;
    data.leadMapping = leadsTable.mapping;
    data.dateFormats.push(...lr.dateFormats);
    if (join && read.joinKey && lr.joinKey) {
      const lfc = leadsT.firstColumn;
      const res = joinTables(read.deals, read.joinKey, leads, lr.joinKey,
        { column: firstColumn + join.deals, header: join.dealsHeader }, { column: lfc + join.leads, header: join.leadsHeader }, sink, leadSink);
      data.join = { dealsHeader: join.dealsHeader, leadsHeader: join.leadsHeader, ...res };
      sink.note("info", "join", `Deals joined to leads on "${join.dealsHeader}" = "${join.leadsHeader}": ${res.matched.toLocaleString("en-US")} of ${read.deals.count.toLocaleString("en-US")} deals found their lead; ${res.leadsWithDeals.toLocaleString("en-US")} of ${leads.count.toLocaleString("en-US")} leads became deals.`);
      const has = (f: string) => mapping.some((m) => m.field === f);
      const hasLead = (f: string) => leadsTable!.mapping.some((m) => m.field === f);
      const filled = fillFromLeads(read.deals, leads, { created: !has("created") && hasLead("created"), source: !has("source") && hasLead("source") });
      if (filled.created > 0) {
        const closedMap = mapping.find((m) => m.field === "closed") ?? mapping.find((m) => m.field === "wonDate");
        if (closedMap) checkCycle(read.deals.created, read.deals.closed, read.deals.sourceRow, read.deals.count, { column: firstColumn + closedMap.column, header: closedMap.header, field: closedMap.field }, sink);
      }
      if (filled.created > 0) sink.note("info", "created-from-lead", `No created date on the deals: ${filled.created.toLocaleString("en-US")} deals take their lead's first contact date, so the sales cycle runs from first contact to close.`);
      if (filled.source > 0) sink.note("info", "source-from-lead", `No source on the deals: ${filled.source.toLocaleString("en-US")} deals take their lead's origin.`);
    }
    diagnostics.push(...leadSink.finish());
  }

  const cands = fieldCandidates(deals, lay.header.index, headers, CANONICAL_FIELDS, lay.profiles);
  data.warnings = pipelineWarnings({
    deals: read.deals, rows: { ...read.rows, ...read.skippedRows }, facts: read.facts, mapping, choice: lay.choice, content: lay.content,
    declaredAbsent: lay.result.declaredAbsent, declared, stageOrder,
    suggest: (field, not) => (cands[field] ?? []).find((c) => c.header !== not && !used.has(c.column))?.header,
  });
  diagnostics.unshift(...sink.finish());
  noteCutText(deals, lay.header, diagnostics, data.warnings);
  noteCutText(leadsT, leadsTable?.header, diagnostics, data.warnings);
  noteCutText(inputsT, undefined, diagnostics, data.warnings);
  noteCutText(historyT, undefined, diagnostics, data.warnings);
  attachHistory(data, { grid: deals, headerIndex: lay.header.index, headers, mapping }, { history: historyT, stageOrder, outcomes: options.outcomes });
  return data;
}
