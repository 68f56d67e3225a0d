/**
 * Stage history from a table of its own, one row per change or snapshot of a deal (deal id, stage, date,
 * and where the export has them amount, close date, date exited), joined to the deals on the deal id like
 * the leads table. Rows are read into the shared column builders; every row not used is reported.
 */
import type { DateFormatChoice, Deals, FieldMapping, PipelineWarning, SheetGrid } from "./types";
import { CategoryBuilder, DateBuilder, NumberBuilder } from "./columns";
import { DiagnosticSink, PipelineError, type ColumnRef } from "./diagnostics";
import { AUTO_MAP_CONFIDENCE, HEADER_SEARCH_ROWS, findHeaderRow, headerWords, listHeaders, scoreHeader } from "./headers";
import { HISTORY_FIELDS } from "./history-fields";
import type { HistoryParts } from "./history";
import { dataRegion, fieldColumns, isBlankRow } from "./region";
import { ABSENT, StringIndex } from "./dictionary";
import { shortText } from "./text";

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
export function readHistoryTable(grid: SheetGrid, deals: Deals, dateFormats: DateFormatChoice[], warnings: PipelineWarning[]): HistoryTableRead {
  const sheet = grid.name;
  const values = grid.values;
  if (!values || !values.some((r) => !isBlankRow(r))) {
    throw new PipelineError(`Sheet "${sheet}" is empty: there is no stage history to read.`, [
      { sheet, row: 0, column: "", severity: "error", message: "The stage history sheet is empty.", reason: "empty-sheet" },
    ]);
  }
  const header = findHeaderRow(values, HISTORY_FIELDS);
  if (header.index < 0) {
    const msg = `Sheet "${sheet}": no header row found in the first ${HEADER_SEARCH_ROWS} rows of the stage history. Put a row of column names (such as Opportunity ID, Stage, Date) above it.`;
    throw new PipelineError(msg, [{ sheet, row: 0, column: "", severity: "error", message: msg, reason: "no-header-row" }]);
  }
  const firstRow = grid.firstRow ?? 1;
  const firstColumn = grid.firstColumn ?? 1;
  const headerRow = firstRow + header.index;
  const { mapping, unmapped } = mapHistoryHeaders(header.headers);
  const missing = HISTORY_FIELDS.filter((f) => f.required && !mapping.some((m) => m.field === f.name));
  if (missing.length > 0) {
    const msg = `Sheet "${sheet}": the stage history needs a column for ${missing.map((f) => `the ${f.label.toLowerCase()} (e.g. "${f.synonyms[0]}")`).join(" and ")}. Headers in row ${headerRow}: ${listHeaders(header.headers)}. Rename the column to one of those names.`;
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
  const cap = Math.max(0, end - start);
  const { ref, colOf } = fieldColumns(mapping, firstColumn);
  const date1904 = grid.date1904 === true;
  const idB = new CategoryBuilder(cap, ref("id"), sink);
  const stageB = new CategoryBuilder(cap, ref("stage"), sink, true);
  const dateB = new DateBuilder(cap, ref("date"), sink, date1904);
  const exitB = colOf("exited") >= 0 ? new DateBuilder(cap, ref("exited"), sink, date1904) : null;
  const closeB = colOf("closeDate") >= 0 ? new DateBuilder(cap, ref("closeDate"), sink, date1904) : null;
  const amountB = colOf("amount") >= 0 ? new NumberBuilder(cap, ref("amount"), sink, { warnNegative: true, rejectPercent: true }) : null;
  const idC = colOf("id");
  const stageC = colOf("stage");
  const dateC = colOf("date");
  const exitC = colOf("exited");
  const closeC = colOf("closeDate");
  const amountC = colOf("amount");
  const sourceRow = new Int32Array(cap);
  let k = 0;
  let blank = 0;
  for (let r = start; r < end; r++) {
    const row = values[r];
    if (isBlankRow(row)) {
      blank++;
      continue;
    }
    const sheetRow = firstRow + r;
    sourceRow[k] = sheetRow;
    idB.put(k, row[idC], sheetRow);
    stageB.put(k, row[stageC], sheetRow);
    dateB.put(k, row[dateC], sheetRow);
    if (exitB !== null) exitB.put(k, row[exitC], sheetRow);
    if (closeB !== null) closeB.put(k, row[closeC], sheetRow);
    if (amountB !== null) amountB.put(k, row[amountC], sheetRow);
    k++;
  }
  const n = k;
  if (blank > 0) sink.note("info", "blank-rows", `${blank.toLocaleString("en-US")} blank row(s) in the stage history were skipped.`, undefined, 0, undefined, blank);
  const src = sourceRow.subarray(0, n);
  const ids = idB.finish(n);
  const stages = stageB.finish(n);
  const date = dateB.finish(n, src, sheet, dateFormats);
  const exited = exitB ? exitB.finish(n, src, sheet, dateFormats) : null;
  const closeDate = closeB ? closeB.finish(n, src, sheet, dateFormats) : null;
  const amount = amountB ? amountB.finish(n) : null;

  const join = dealsOfIds(ids.labels, deals);
  const deal = new Int32Array(n);
  let matched = 0;
  const idRef = ref("id");
  const dateRef = ref("date");
  for (let i = 0; i < n; i++) {
    const c = ids.codes[i];
    const d = c >= 0 ? join.dealOf[c] : -1;
    if (d < 0) {
      deal[i] = -1;
      report(sink, idRef, c < 0 ? "no-deal-id" : "no-matching-deal", src[i], c < 0 ? "" : ids.labels[c]);
      continue;
    }
    matched++;
    if (date[i] !== date[i]) {
      deal[i] = -1;
      report(sink, dateRef, "no-date", src[i], "");
      continue;
    }
    deal[i] = d;
  }
  if (join.byPrefix > 0) sink.note("info", "history-id-15-18", `${join.byPrefix.toLocaleString("en-US")} deal id(s) matched as 15- and 18-character Salesforce ids of the same record.`, idRef);
  if (matched === 0 && n > 0) {
    const example = ids.labels[0] ?? "";
    const msg = `No row of the stage history in "${sheet}" matches a deal: its "${idRef.header}" values (such as ${JSON.stringify(example)}) are not ids of the deals table (such as ${JSON.stringify(deals.id.labels[0] ?? "")}).`;
    throw new PipelineError(msg, [{ sheet, row: 0, column: "", header: idRef.header, field: "id", severity: "error", message: msg, reason: "no-join" }]);
  }
  if (n > 0 && matched < LOW_MATCH_SHARE * n) {
    warnings.push({
      reason: "history-unmatched",
      message: `Only ${matched.toLocaleString("en-US")} of ${n.toLocaleString("en-US")} stage-history rows (${Math.round((100 * matched) / n)}%) match a deal of the deals table: the stage funnel and the waterfall cover those deals only.`,
      header: idRef.header,
      fix: "check that the history and the deals come from the same export (same pipeline, same period)",
    });
  }
  const stageFirstRow = stageB.firstRow;
  return {
    parts: {
      shape: "table", sheet, n, deal, sourceRow: src, stageCodes: stages.codes, rawLabels: stages.labels,
      labelFirstRow: stageFirstRow, date, exited, amount, closeDate, stageRef: ref("stage"), sink,
    },
    mapping,
  };
}

/** Salesforce ids: 15 case-sensitive characters, or the same 15 plus a 3-character checksum. */
const SF15 = /^[A-Za-z0-9]{15}$/;
const SF18 = /^[A-Za-z0-9]{18}$/;

/** Deal index of each history id (the first deal with that id); 15/18-character Salesforce ids of one record match. */
function dealsOfIds(labels: readonly string[], deals: Deals): { dealOf: Int32Array; byPrefix: number } {
  const ids = deals.id;
  const first = new Int32Array(ids.labels.length).fill(-1);
  for (let i = 0; i < deals.count; i++) {
    const c = ids.codes[i];
    if (c >= 0 && first[c] < 0) first[c] = i;
  }
  const index = new StringIndex(ids.labels, ids.labels.length);
  let short: Map<string, number> | null = null;
  let byPrefix = 0;
  const dealOf = new Int32Array(labels.length);
  for (let j = 0; j < labels.length; j++) {
    const t = labels[j];
    let p = index.get(t);
    if (p === ABSENT && SF18.test(t)) p = index.get(t.slice(0, 15));
    if (p === ABSENT && SF15.test(t)) {
      if (short === null) {
        short = new Map();
        ids.labels.forEach((l, c) => {
          if (SF18.test(l)) short!.set(l.slice(0, 15), c);
        });
      }
      p = short.get(t) ?? ABSENT;
    }
    if (p !== ABSENT && ids.labels[p] !== t) byPrefix++;
    dealOf[j] = p === ABSENT ? -1 : first[p];
  }
  return { dealOf, byPrefix };
}

/** Out of the loops: a message closure there would cost an allocation per row. */
function report(sink: DiagnosticSink, ref: ColumnRef, reason: "no-deal-id" | "no-matching-deal" | "no-date", row: number, v: string): void {
  if (reason === "no-deal-id") sink.cell(ref, reason, "warning", row, "", () => `Row ${row} of the stage history has no deal id: not used.`, "history rows without a deal id not used");
  else if (reason === "no-matching-deal") sink.cell(ref, reason, "warning", row, v, () => `Row ${row}: no deal has the id ${shortText(v)}: the history row is not used.`, "history rows whose deal id matches no deal not used");
  else sink.cell(ref, reason, "warning", row, "", () => `Row ${row} of the stage history has no usable date: not used.`, "history rows without a date not used");
}
