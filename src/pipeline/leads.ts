/** The leads / MQL table: id, first-contact date, source, segment, owner, and the join key, columnar. */
import type { CategoryColumn, DateFormatChoice, FieldMapping, Leads } from "./types";
import type { Table } from "./table";
import { CategoryBuilder, DateBuilder, blankCategory, blankNumbers } from "./columns";
import type { DiagnosticSink } from "./diagnostics";
import { dataRegion, fieldColumns } from "./region";
import { classifySource } from "./sources";

export interface LeadsRead {
  leads: Leads;
  dateFormats: DateFormatChoice[];
  rows: { read: number; used: number; skipped: number };
  joinKey?: CategoryColumn;
}

export function readLeads(grid: Table, headerIndex: number, mapping: readonly FieldMapping[], sink: DiagnosticSink, joinColumn = -1): LeadsRead {
  const { start, end, firstRow, firstColumn } = dataRegion(grid, headerIndex);
  const cap = Math.max(0, end - start);
  const { ref, colOf } = fieldColumns(mapping, firstColumn);
  const cat = (f: string) => (colOf(f) >= 0 ? new CategoryBuilder(cap, ref(f), sink) : null);
  const idB = cat("id");
  const sourceB = colOf("source") >= 0 ? new CategoryBuilder(cap, ref("source"), sink, true) : null;
  const segmentB = cat("segment");
  const ownerB = cat("owner");
  const createdB = colOf("created") >= 0 ? new DateBuilder(cap, ref("created"), sink, grid.date1904 === true) : null;
  const joinB = joinColumn >= 0 && joinColumn !== colOf("id")
    ? new CategoryBuilder(cap, { column: firstColumn + joinColumn, header: String(grid.cell(headerIndex, joinColumn) ?? "") }, sink)
    : null;
  const parts: [{ put(k: number, v: unknown, row: number): unknown } | null, number][] = [
    [idB, colOf("id")], [sourceB, colOf("source")], [segmentB, colOf("segment")], [ownerB, colOf("owner")],
    [createdB, colOf("created")], [joinB, joinColumn],
  ];
  const used = parts.filter((p) => p[0] !== null) as [{ put(k: number, v: unknown, row: number): unknown }, number][];
  const sourceRow = new Int32Array(cap);
  let k = 0;
  for (let r = start; r < end; r++) {
    if (grid.isBlankRow(r)) continue;
    const sheetRow = firstRow + r;
    sourceRow[k] = sheetRow;
    for (const [b, c] of used) b.put(k, grid.cell(r, c), sheetRow);
    k++;
  }
  const n = k;
  if (cap > n) sink.note("info", "blank-rows", `${(cap - n).toLocaleString("en-US")} blank row(s) in the leads table were skipped.`, undefined, 0, undefined, cap - n);
  const src = sourceRow.subarray(0, n);
  const dateFormats: DateFormatChoice[] = [];
  const none = blankCategory(n);
  const channel = sourceB ? sourceB.finish(n) : none;
  const kindOf = Int8Array.from(channel.labels.map((l, j) => {
    const c = classifySource(l);
    if (!c.known) sink.cell(ref("source"), "unknown-source", "info", sourceB?.firstRow[j] ?? 0, l, () => `Lead source "${l}" is not a channel GTM Compass recognises: counted as "other".`, "other unrecognised sources counted as other");
    return c.index;
  }));
  const sourceKind = new Int8Array(n);
  for (let i = 0; i < n; i++) sourceKind[i] = channel.codes[i] >= 0 ? kindOf[channel.codes[i]] : -1;
  const leads: Leads = {
    count: n,
    sheet: grid.name,
    sourceRow: src,
    id: idB ? idB.finish(n) : none,
    created: createdB ? createdB.finish(n, src, grid.name, dateFormats) : blankNumbers(n),
    sourceKind,
    channel,
    segment: segmentB ? segmentB.finish(n) : none,
    owner: ownerB ? ownerB.finish(n) : none,
    dealIndex: new Int32Array(n).fill(-1),
  };
  const joinKey = joinColumn < 0 ? undefined : joinB ? joinB.finish(n) : leads.id;
  return { leads, dateFormats, rows: { read: cap, used: n, skipped: cap - n }, joinKey };
}
