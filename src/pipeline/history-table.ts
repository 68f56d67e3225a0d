/**
 * Stage history from a table of its own, one row per change or snapshot of a deal (deal id, stage, date,
 * and where the export has them amount, close date, date exited), joined to the deals on the deal id like
 * the leads table. Rows are read into the shared column builders; every row not used is reported.
 */
import type { DateFormatChoice, Deals, FieldMapping, PipelineWarning } from "./types";
import { CategoryBuilder, DateBuilder, NumberBuilder } from "./columns";
import { DiagnosticSink, PipelineError, type ColumnRef } from "./diagnostics";
import { AUTO_MAP_CONFIDENCE, HEADER_SEARCH_ROWS, findHeaderRow, headerWords, listHeaders, scoreHeader } from "./headers";
import { AMOUNT_FIELD_NAMES, CLOSE_FIELD_NAMES, HISTORY_FIELDS, STAGE_FIELD_NAMES } from "./history-fields";
import { compactParts, type HistoryParts } from "./history-parts";
import { dataRegion, fieldColumns } from "./region";
import { ColumnTable, tableOf, type SheetInput } from "./table";
import { CellKind } from "./sheet";
import { CodedCategory, CodedDate, CodedNumber } from "./coded";
import { DealIds, ERROR_ID, NO_ID } from "./history-ids";
import { compactKey, shortText } from "./text";

export interface HistoryTableRead {
  parts: HistoryParts;
  mapping: FieldMapping[];
}

/** A history table whose rows match their deals less often than this raises a loud warning. */
const LOW_MATCH_SHARE = 0.5;

/**
 * History headers to fields: a header equal to a field's name, label or synonym (the earlier synonym wins
 * when several headers match), then for fields still missing the best synonym inside a longer header.
 */
export function mapHistoryHeaders(headers: readonly string[]): { mapping: FieldMapping[]; unmapped: string[] } {
  const used = new Set<number>();
  const mapping: FieldMapping[] = [];
  const keyOf = headers.map((h) => (h ? headerWords(h).join("") : ""));
  for (const f of HISTORY_FIELDS) {
    // the field's bare name last: OpportunityHistory's own "Id" is no deal id when "OpportunityId" is there
    const names = [f.label, ...f.synonyms, f.name].map((s) => headerWords(s).join(""));
    for (let s = 0; s < names.length; s++) {
      const column = keyOf.findIndex((k, i) => k !== "" && !used.has(i) && k === names[s]);
      if (column < 0) continue;
      const byName = s === 0 || s === names.length - 1;
      mapping.push({ field: f.name, header: headers[column], column, confidence: byName ? 1 : 0.9, how: byName ? "name" : "synonym" });
      used.add(column);
      break;
    }
  }
  for (const f of HISTORY_FIELDS) {
    if (mapping.some((m) => m.field === f.name)) continue;
    let best: FieldMapping | null = null;
    headers.forEach((h, column) => {
      if (!h || used.has(column)) return;
      const s = scoreHeader(h, f);
      if (s && s.confidence >= AUTO_MAP_CONFIDENCE && (!best || s.confidence > best.confidence)) best = { field: f.name, header: h, column, confidence: s.confidence, how: "synonym" };
    });
    if (best) {
      mapping.push(best);
      used.add((best as FieldMapping).column);
    }
  }
  const order = new Map(HISTORY_FIELDS.map((f, i) => [f.name, i]));
  mapping.sort((a, b) => order.get(a.field)! - order.get(b.field)!);
  return { mapping, unmapped: headers.filter((h, i) => h !== "" && !used.has(i)) };
}

/** Reads a history table; throws PipelineError when it cannot be used at all. */
export function readHistoryTable(input: SheetInput, deals: Deals, dateFormats: DateFormatChoice[], warnings: PipelineWarning[]): HistoryTableRead {
  const grid = tableOf(input);
  const sheet = grid.name;
  let any = false;
  for (let r = 0; r < grid.rows && !any; r++) any = !grid.isBlankRow(r);
  if (!any) {
    throw new PipelineError(`Sheet "${sheet}" is empty: there is no stage history to read.`, [
      { sheet, row: 0, column: "", severity: "error", message: "The stage history sheet is empty.", reason: "empty-sheet" },
    ]);
  }
  const header = findHeaderRow(grid, HISTORY_FIELDS);
  if (header.index < 0) {
    const msg = `Sheet "${sheet}": no header row found in the first ${HEADER_SEARCH_ROWS} rows of the stage history. Put a row of column names (such as Opportunity ID, Stage, Date) above it.`;
    throw new PipelineError(msg, [{ sheet, row: 0, column: "", severity: "error", message: msg, reason: "no-header-row" }]);
  }
  const firstRow = grid.firstRow;
  const firstColumn = grid.firstColumn;
  const headerRow = firstRow + header.index;
  const { mapping, unmapped } = mapHistoryHeaders(header.headers);
  const has = (f: string) => mapping.some((m) => m.field === f);
  // a field-history export names the changed field and its new value instead of a stage column
  const byField = !has("stage") && has("field") && has("newValue");
  if (!byField) {
    // without a field-history shape those two columns are not used
    for (let i = mapping.length - 1; i >= 0; i--) {
      if (mapping[i].field === "field" || mapping[i].field === "newValue") unmapped.push(mapping.splice(i, 1)[0].header);
    }
  }
  const missing = HISTORY_FIELDS.filter((f) => f.required && !has(f.name) && !(f.name === "stage" && byField));
  if (missing.length > 0) {
    const need = missing.map((f) => `the ${f.label.toLowerCase()} (e.g. "${f.synonyms[0]}"${f.name === "stage" ? `, or "Field" and "NewValue" columns of a field history` : ""})`);
    const msg = `Sheet "${sheet}": the stage history needs a column for ${need.join(" and ")}. Headers in row ${headerRow}: ${listHeaders(header.headers)}. Rename the column to one of those names.`;
    throw new PipelineError(msg, missing.map((f) => ({ sheet, row: headerRow, column: "", field: f.name, severity: "error" as const, message: msg, reason: "required-field-unmapped" })));
  }
  if (!deals.id.labels.length) {
    const msg = `The stage history in "${sheet}" is joined to the deals on the deal id, but the deals table has no deal id column: map it, e.g. --map id="Opportunity ID".`;
    throw new PipelineError(msg, [{ sheet: deals.sheet, row: 0, column: "", field: "id", severity: "error", message: msg, reason: "no-join" }]);
  }

  const sink = new DiagnosticSink(sheet);
  for (const m of mapping) {
    const how = m.how === "name" ? "by name" : `by synonym, confidence ${Math.round(m.confidence * 100)}%`;
    sink.note("info", "mapping", `Stage history column "${m.header}" read as ${m.field} (${how}).`, { column: firstColumn + m.column, header: m.header, field: m.field }, headerRow);
  }
  for (const h of unmapped) {
    const c = header.headers.indexOf(h);
    sink.note("info", "unmapped-header", `Stage history column "${h}" is not used: it matches no history field.`, { column: firstColumn + c, header: h }, headerRow);
  }

  const { start, end } = dataRegion(grid, header.index);
  const { ref, colOf } = fieldColumns(mapping, firstColumn);
  const idRef = ref("id");
  const idC = colOf("id");

  // Pass 1: each row's deal, through one lookup of its id in the deals' ids (no dictionary of the history's
  // own ids). Rows then go straight to their deal's slot in pass 2, so nothing is copied or sorted later.
  const join = new DealIds(deals);
  const cap = Math.max(0, end - start);
  const dealOfRow = new Int32Array(cap);
  const count = new Int32Array(deals.count + 1);
  let blank = 0;
  let rows = 0;
  let matched = 0;
  const idNeed = Int32Array.of(idC);
  // From the command line's columns, each distinct id text is looked up once: its string code keeps its
  // deal, and beside it the code's matched rows, added to the deals' counts after the pass (one scattered
  // access a row instead of two: on millions of rows in date order each is a cache miss).
  const coded = grid instanceof ColumnTable ? grid : null;
  const idCol = coded !== null ? coded.column(idC) : null;
  const idKnown = coded !== null ? new Int32Array(2 * coded.strings.length) : null;
  for (let r = start; r < end; r++) {
    // a row whose id is a deal's is not blank: only other rows are looked at whole
    let d = NO_ID;
    let s = -1;
    if (idCol !== null) {
      const i = coded!.stored(r);
      if (i >= 0 && i < idCol.kinds.length && idCol.kinds[i] === CellKind.STRING) {
        s = idCol.values[i];
        d = join.dealOfCode(s, coded!.strings, idKnown!);
      }
    }
    if (d < 0 && grid.isBlankRow(r)) {
      blank++;
      dealOfRow[r - start] = -1;
      continue;
    }
    rows++;
    let v: unknown;
    if (s >= 0) v = d >= 0 ? undefined : coded!.strings[s];
    else {
      v = grid.rowView(r, idNeed)[idC];
      d = join.dealOf(v);
    }
    dealOfRow[r - start] = d;
    if (d >= 0) {
      matched++;
      if (s >= 0) idKnown![2 * s + 1]++;
      else count[d + 1]++;
    } else report(sink, idRef, d === NO_ID ? "no-deal-id" : d === ERROR_ID ? "error-id" : "no-matching-deal", firstRow + r, v);
  }
  if (blank > 0) sink.note("info", "blank-rows", `${blank.toLocaleString("en-US")} blank row(s) in the stage history were skipped.`, undefined, 0, undefined, blank);
  if (join.byPrefix > 0) sink.note("info", "history-id-15-18", `${join.byPrefix.toLocaleString("en-US")} history row(s) matched their deal as 15- and 18-character Salesforce ids of the same record.`, idRef);
  if (matched === 0 && rows > 0) {
    let first = start;
    while (first < end && grid.isBlankRow(first)) first++;
    const msg = `No row of the stage history in "${sheet}" matches a deal: its "${idRef.header}" values (such as ${JSON.stringify(shortText(first < end ? grid.cell(first, idC) : undefined))}) are not ids of the deals table (such as ${JSON.stringify(deals.id.labels[0] ?? "")}).`;
    throw new PipelineError(msg, [{ sheet, row: 0, column: "", header: idRef.header, field: "id", severity: "error", message: msg, reason: "no-join" }]);
  }
  if (rows > 0 && matched < LOW_MATCH_SHARE * rows) {
    warnings.push({
      reason: "history-unmatched",
      message: `Only ${matched.toLocaleString("en-US")} of ${rows.toLocaleString("en-US")} stage-history rows (${Math.round((100 * matched) / rows)}%) match a deal of the deals table: the stage funnel and the waterfall cover those deals only.`,
      header: idRef.header,
      fix: "check that the history and the deals come from the same export (same pipeline, same period)",
    });
  }
  if (idKnown !== null) {
    for (let j = 0; j < idKnown.length; j += 2) if (idKnown[j + 1] > 0) count[idKnown[j] - 4 + 1] += idKnown[j + 1];
  }
  for (let d = 0; d < deals.count; d++) count[d + 1] += count[d];
  const dealStart = count;

  // Pass 2: the other cells of each matched row into its deal's next slot (sheet order within a deal).
  // (Filling the slots in slot order instead, fetching each row from the grid, measured slower: a row fetched
  // at random costs more than the scattered column writes.)
  const m = matched;
  const date1904 = grid.date1904;
  const stageRef = byField ? ref("newValue") : ref("stage");
  const stageB = new CategoryBuilder(m, stageRef, sink, true);
  const dateB = new DateBuilder(m, ref("date"), sink, date1904);
  const exitB = colOf("exited") >= 0 ? new DateBuilder(m, ref("exited"), sink, date1904) : null;
  const closeB = colOf("closeDate") >= 0 || byField ? new DateBuilder(m, byField ? ref("newValue") : ref("closeDate"), sink, date1904) : null;
  const amountB = colOf("amount") >= 0 || byField ? new NumberBuilder(m, byField ? ref("newValue") : ref("amount"), sink, { warnNegative: true, rejectPercent: true }) : null;
  const stageC = byField ? colOf("newValue") : colOf("stage");
  const fieldB = byField ? new CategoryBuilder(m, ref("field"), sink) : null;
  const fieldC = colOf("field");
  const kindOf: number[] = [];
  // slots of rows that change some other field (field-history exports): dropped after the pass
  const other = byField ? new Uint8Array(m) : null;
  const dateC = colOf("date");
  const exitC = colOf("exited");
  const closeC = colOf("closeDate");
  const amountC = colOf("amount");
  const sourceRow = new Int32Array(m);
  const fill = dealStart.slice(0, deals.count);
  const need = Int32Array.from([dateC, exitC, fieldC, stageC, closeC, amountC].filter((c) => c >= 0));
  // The stage texts' codes in a small cache by length and end characters (a stage column has few distinct
  // texts): through Office.js every cell is a string of its own, which a Map would hash again each time. A
  // text is cached once the column has given it a code (texts it reports, such as error cells, never are).
  const stageText: (string | null)[] = new Array(256).fill(null);
  const stageCode = new Int32Array(256);
  const stageCodes = stageB.codes;
  if (coded !== null && !byField) {
    // the command line's columns: each distinct text classified once per column, no row of values made
    const strings = coded.strings;
    const blankCell = coded.blank;
    const dateW = new CodedDate(dateB, coded.column(dateC), strings, blankCell);
    const exitW = exitB !== null ? new CodedDate(exitB, coded.column(exitC), strings, blankCell) : null;
    const stageW = new CodedCategory(stageB, coded.column(stageC), strings);
    const closeW = closeB !== null ? new CodedDate(closeB, coded.column(closeC), strings, blankCell) : null;
    const amountW = amountB !== null ? new CodedNumber(amountB, coded.column(amountC), strings, blankCell) : null;
    for (let r = start; r < end; r++) {
      const d = dealOfRow[r - start];
      if (d < 0) continue;
      const sheetRow = firstRow + r;
      const i = coded.stored(r);
      const k = fill[d]++;
      sourceRow[k] = sheetRow;
      dateW.put(k, i, sheetRow);
      if (exitW !== null) exitW.put(k, i, sheetRow);
      stageW.put(k, i, sheetRow);
      if (closeW !== null) closeW.put(k, i, sheetRow);
      if (amountW !== null) amountW.put(k, i, sheetRow);
    }
  } else for (let r = start; r < end; r++) {
    const d = dealOfRow[r - start];
    if (d < 0) continue;
    const sheetRow = firstRow + r;
    const row = grid.rowView(r, need);
    const k = fill[d]++;
    sourceRow[k] = sheetRow;
    dateB.put(k, row[dateC], sheetRow);
    if (exitB !== null) exitB.put(k, row[exitC], sheetRow);
    if (fieldB !== null) {
      // one changed field per row: its new value goes to the stage, amount or close date, the others stay blank
      const f = fieldB.put(k, row[fieldC], sheetRow);
      if (f >= 0 && kindOf[f] === undefined) kindOf[f] = fieldKind(fieldB.labels[f]);
      const kind = f >= 0 ? kindOf[f] : OTHER_FIELD;
      const v = row[stageC];
      stageB.put(k, kind === STAGE_FIELD ? v : "", sheetRow);
      amountB!.put(k, kind === AMOUNT_FIELD ? v : "", sheetRow);
      closeB!.put(k, kind === CLOSE_FIELD ? v : "", sheetRow);
      if (kind === OTHER_FIELD) other![k] = 1;
      continue;
    }
    const sv = row[stageC];
    if (typeof sv === "string") {
      const n = sv.length;
      const slot = n === 0 ? 0 : (n * 31 + sv.charCodeAt(0) * 7 + sv.charCodeAt(n - 1)) & 255;
      if (stageText[slot] === sv) stageCodes[k] = stageCode[slot];
      else {
        const c = stageB.put(k, sv, sheetRow);
        if (c >= 0) {
          stageText[slot] = sv;
          stageCode[slot] = c;
        }
      }
    } else stageB.put(k, sv, sheetRow);
    if (closeB !== null) closeB.put(k, row[closeC], sheetRow);
    if (amountB !== null) amountB.put(k, row[amountC], sheetRow);
  }
  // each entry's deal, in the rows-per-deal buffer pass 1 used (its row order is no longer needed)
  const deal = dealOfRow.subarray(0, m);
  for (let d = 0; d < deals.count; d++) deal.fill(d, dealStart[d], dealStart[d + 1]);
  let otherRows = 0;
  if (other) {
    for (let k = 0; k < m; k++) {
      if (other[k] === 1) {
        deal[k] = -1;
        otherRows++;
      }
    }
    if (otherRows > 0) sink.note("info", "history-other-fields", `${otherRows.toLocaleString("en-US")} row(s) of the field history change other fields than the stage, amount or close date: not used.`, ref("field"));
  }
  const stages = stageB.finish(m);
  const date = dateB.finish(m, sourceRow, sheet, dateFormats);
  const parts: HistoryParts = {
    shape: "table", sheet, count: m, deal, dealStart, sourceRow, stageCodes: stages.codes, rawLabels: stages.labels,
    labelFirstRow: stageB.firstRow, date,
    exited: exitB ? exitB.finish(m, sourceRow, sheet, dateFormats) : null,
    amount: amountB ? amountB.finish(m) : null,
    closeDate: closeB ? closeB.finish(m, sourceRow, sheet, dateFormats) : null,
    stageRef, sink,
  };
  // a change with no date cannot be placed in its deal's path
  const dateRef = ref("date");
  let undated = 0;
  for (let k = 0; k < m; k++) {
    if (date[k] !== date[k] && deal[k] >= 0) {
      deal[k] = -1;
      undated++;
      report(sink, dateRef, "no-date", sourceRow[k], "");
    }
  }
  if (undated > 0 || otherRows > 0) compactParts(parts, deals.count);
  return { parts, mapping };
}

/** What a field-history row changes. */
const OTHER_FIELD = 0;
const STAGE_FIELD = 1;
const AMOUNT_FIELD = 2;
const CLOSE_FIELD = 3;
const FIELD_KIND = new Map<string, number>([
  ...STAGE_FIELD_NAMES.map((f) => [compactKey(f), STAGE_FIELD] as [string, number]),
  ...AMOUNT_FIELD_NAMES.map((f) => [compactKey(f), AMOUNT_FIELD] as [string, number]),
  ...CLOSE_FIELD_NAMES.map((f) => [compactKey(f), CLOSE_FIELD] as [string, number]),
]);

function fieldKind(name: string): number {
  return FIELD_KIND.get(compactKey(name)) ?? OTHER_FIELD;
}

/** Out of the loops: a message closure there would cost an allocation per row. */
function report(sink: DiagnosticSink, ref: ColumnRef, reason: "no-deal-id" | "error-id" | "no-matching-deal" | "no-date", row: number, v: unknown): void {
  if (reason === "no-deal-id") sink.cell(ref, reason, "warning", row, "", () => `Row ${row} of the stage history has no deal id: not used.`, "history rows without a deal id not used");
  else if (reason === "error-id") sink.cell(ref, "error-cell", "error", row, v, () => `Error cell ${shortText(v)} as the deal id on row ${row} of the stage history: the row is not used.`, "error cells left blank");
  else if (reason === "no-matching-deal") sink.cell(ref, reason, "warning", row, v, () => `Row ${row}: no deal has the id ${shortText(v)}: the history row is not used.`, "history rows whose deal id matches no deal not used");
  else sink.cell(ref, reason, "warning", row, "", () => `Row ${row} of the stage history has no usable date: not used.`, "history rows without a date not used");
}
