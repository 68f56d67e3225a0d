/**
 * Stage history from columns on the deals table (HubSpot's export): one `Date entered "<stage> (<pipeline>)"`
 * column per stage, optionally with its `Date exited` twin. Each date in an entered column is one entry:
 * the deal entered that stage on that day. Such columns hold one entry per stage, so a deal that entered a
 * stage twice shows only the date the CRM kept.
 */
import type { DateFormatChoice, Deals } from "./types";
import { DateBuilder } from "./columns";
import type { ColumnRef, DiagnosticSink } from "./diagnostics";
import { historyColumnHeader } from "./history-fields";
import type { DealsSheet } from "./history";
import type { HistoryParts } from "./history-parts";
import { stageKey } from "./stages";

export interface HistoryColumnsRead {
  parts: HistoryParts;
  /** Headers of the columns read as stage history. */
  columns: string[];
}

interface StageColumn {
  column: number;
  header: string;
  label: number;
  pipeline: string;
}

/** Reads every date-entered / date-exited column of the deals table; null when it has none. */
export function readHistoryColumns(deals: Deals, sheet: DealsSheet, sink: DiagnosticSink, dateFormats: DateFormatChoice[]): HistoryColumnsRead | null {
  const grid = sheet.grid;
  const firstColumn = grid.firstColumn;
  const firstRow = grid.firstRow;
  const headerRow = firstRow + sheet.headerIndex;
  const mapped = new Map(sheet.mapping.map((m) => [m.column, m.field]));
  const rawLabels: string[] = [];
  const labelOf = new Map<string, number>();
  const entered: StageColumn[] = [];
  const exited: StageColumn[] = [];
  sheet.headers.forEach((header, column) => {
    const h = header ? historyColumnHeader(header) : null;
    if (!h) return;
    const field = mapped.get(column);
    if (field) {
      sink.note("warning", "history-column-mapped", `Column "${header}" looks like a stage-history column but is read as ${field}: it is not used as history.`, { column: firstColumn + column, header, field }, headerRow);
      return;
    }
    const key = stageKey(h.stage);
    let label = labelOf.get(key);
    if (label === undefined) {
      label = rawLabels.length;
      rawLabels.push(h.stage);
      labelOf.set(key, label);
    }
    (h.kind === "entered" ? entered : exited).push({ column, header, label, pipeline: h.pipeline ?? "" });
  });
  if (entered.length === 0) {
    if (exited.length > 0) sink.note("info", "history-columns-unused", `The deals table has ${exited.length} date-exited column(s) but no date-entered column: no stage history is read from them.`);
    return null;
  }
  const n = deals.count;
  const date1904 = grid.date1904 === true;
  const read = (c: StageColumn): Float64Array => {
    const ref: ColumnRef = { column: firstColumn + c.column, header: c.header, field: "history" };
    const b = new DateBuilder(n, ref, sink, date1904);
    for (let i = 0; i < n; i++) {
      const row = deals.sourceRow[i];
      b.put(i, grid.cell(row - firstRow, c.column), row);
    }
    return b.finish(n, deals.sourceRow, grid.name, dateFormats);
  };
  const enteredDates = entered.map(read);
  const exitedDates = entered.map((c) => {
    const twin = exited.find((x) => x.label === c.label && x.pipeline === c.pipeline);
    return twin ? { col: twin, dates: read(twin) } : null;
  });
  const matched = new Set(exitedDates.filter((x) => x !== null).map((x) => x!.col));
  for (const x of exited) {
    if (!matched.has(x)) sink.note("info", "history-columns-unused", `Column "${x.header}" has no date-entered twin: not used.`, { column: firstColumn + x.column, header: x.header }, headerRow);
  }

  let total = 0;
  const dealStart = new Int32Array(n + 1);
  for (const d of enteredDates) {
    for (let i = 0; i < n; i++) {
      if (d[i] === d[i]) {
        total++;
        dealStart[i + 1]++;
      }
    }
  }
  for (let i = 0; i < n; i++) dealStart[i + 1] += dealStart[i];
  const deal = new Int32Array(total);
  const sourceRow = new Int32Array(total);
  const stageCodes = new Int32Array(total);
  const date = new Float64Array(total);
  const exit = new Float64Array(total).fill(NaN);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < entered.length; c++) {
      const t = enteredDates[c][i];
      if (t !== t) continue;
      deal[k] = i;
      sourceRow[k] = deals.sourceRow[i];
      stageCodes[k] = entered[c].label;
      date[k] = t;
      const x = exitedDates[c];
      if (x) {
        const e = x.dates[i];
        if (e < t) reportExitBefore(sink, { column: firstColumn + x.col.column, header: x.col.header, field: "history" }, deals.sourceRow[i], Math.round((t - e) * 10) / 10);
        else exit[k] = e;
      }
      k++;
    }
  }
  const stageRef: ColumnRef = { column: firstColumn + entered[0].column, header: entered[0].header, field: "stage" };
  const labelFirstRow = rawLabels.map(() => headerRow);
  sink.note("info", "history-columns", `Stage history read from ${entered.length} date-entered column(s)${matched.size > 0 ? ` and ${matched.size} date-exited column(s)` : ""} on the deals table (one entry per stage and deal).`, stageRef, headerRow);
  return {
    parts: {
      shape: "columns", sheet: grid.name, count: total, deal, dealStart, sourceRow, stageCodes, rawLabels, labelFirstRow, date,
      exited: matched.size > 0 ? exit : null, amount: null, closeDate: null, stageRef, sink,
    },
    columns: [...entered, ...exited].map((c) => c.header),
  };
}

/** Out of the loop: a message closure there would cost an allocation per entry. */
function reportExitBefore(sink: DiagnosticSink, ref: ColumnRef, row: number, days: number): void {
  sink.cell(ref, "exit-before-entered", "warning", row, "", () => `Row ${row}: the deal left this stage ${days} day(s) before it entered it: the exit date is not used.`, "exit dates before the entry date not used");
}
