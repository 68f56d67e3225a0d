/**
 * Reading from the workbook: the candidate sources (Excel tables first, then sheets' used ranges, then the
 * active selection) and a range's values in row chunks sized under the 5 MB payload cap, one sync per
 * chunk, adapting down when Excel refuses a transfer. Values only: no formats, no formulas. Rows a filter
 * (or the user) has hidden are left out unless asked for: what is read is what the user sees.
 */
import type { SheetGrid } from "../../pipeline/types";
import { estimateRowBytes, rowsPerChunk, jsonBytes, CHUNK_BUDGET } from "./chunks";
import { CancelledError, type ExcelHost, throwIfCancelled } from "./host";
import { WorkbookError, isPayloadError } from "./errors";
import { listSheets, type SheetInfo } from "./owned";
import { hashRows, type SourceFingerprint } from "../summary";

/** How many top rows of each candidate are fetched to find its header row. */
export const SAMPLE_ROWS = 20;
/** Widest sample fetched (a pipeline export rarely has more columns that matter). */
export const SAMPLE_COLUMNS = 100;

export type SourceKind = "table" | "sheet" | "selection";

/** A rectangular block of the workbook that could hold a pipeline, before any header detection. */
export interface RawSource {
  /** Stable key: "table:Deals", "sheet:Pipeline", "selection". */
  id: string;
  kind: SourceKind;
  sheet: string;
  table?: string;
  /** A1 address including the sheet ("Pipeline!A1:H8801"). */
  address: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  /** Top rows (at most SAMPLE_ROWS x SAMPLE_COLUMNS). */
  sample: unknown[][];
  /** The table has a filter on. */
  filtered?: boolean;
  /** Rows of the block that are visible, when some are hidden (by a filter or by hand); else undefined. */
  visibleRows?: number;
  /** A whole-column or oversized selection was cut down to the cells in use: the address the user selected. */
  clippedFrom?: string;
}

/** What the selection probe found, when it could not offer the selection as a source. */
export interface SelectionNote {
  kind: "multi-area" | "empty" | "unreadable";
  /** The selected address(es) as Excel gives them. */
  address?: string;
  areas?: number;
}

interface Found {
  id: string;
  kind: SourceKind;
  sheet: string;
  table?: string;
  range: Excel.Range;
  filter?: Excel.AutoFilter;
  clippedFrom?: string;
}

/**
 * Every candidate source, in four syncs whatever the workbook size (names; dimensions; samples and hidden
 * rows), plus two for the selection, probed in a batch of its own so that a selection Excel cannot give
 * (several areas, a chart) never empties the list. Sheets GTM Compass wrote (analysis, planner, inputs
 * template; renamed or copied ones too) and hidden sheets are left out; a sheet holding a table is offered
 * as the table.
 */
export async function listRawSources(host: ExcelHost): Promise<RawSource[]> {
  return (await listSourcesAndSelection(host)).sources;
}

export async function listSourcesAndSelection(host: ExcelHost): Promise<{ sources: RawSource[]; selection?: SelectionNote; sheets: SheetInfo[] }> {
  const selection = await probeSelection(host).catch((): { found: null; note: SelectionNote } => ({ found: null, note: { kind: "unreadable" } }));
  let all: SheetInfo[] = [];
  const sources = await host.run(async (context) => {
    // Queued before listSheets so they ride on its first sync.
    const tables = context.workbook.tables;
    tables.load("items/name");
    const { sheets } = await listSheets(context);
    all = sheets;

    const found: Found[] = [];
    const tableSheets = tables.items.map((t) => {
      const ws = t.worksheet;
      ws.load("name");
      const range = t.getRange();
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      const filter = t.autoFilter;
      filter.load("isDataFiltered");
      found.push({ id: `table:${t.name}`, kind: "table", sheet: "", table: t.name, range, filter });
      return ws;
    });
    const usable = sheets.filter((s) => s.origin === null && s.visibility === "Visible");
    const used = usable.map((s) => {
      const range = context.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(true);
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      return { sheet: s.name, range };
    });
    const sel = selection.found;
    const selOnOurs = sel !== null && sheets.some((s) => s.origin !== null && s.name.toLowerCase() === sel.sheet.toLowerCase());
    let selected: Found | null = null;
    if (sel && !selOnOurs) {
      const range = context.workbook.worksheets.getItem(sel.sheet).getRangeByIndexes(sel.rowIndex, sel.columnIndex, sel.rowCount, sel.columnCount);
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      selected = { id: "selection", kind: "selection", sheet: sel.sheet, range, clippedFrom: sel.clippedFrom };
    }
    await context.sync();

    tableSheets.forEach((ws, i) => (found[i].sheet = ws.name));
    // Our own sheets are results or templates, not a pipeline (a renamed or copied one included).
    const ownSheets = new Set(sheets.filter((s) => s.origin !== null).map((s) => s.name.toLowerCase()));
    for (let i = found.length - 1; i >= 0; i--) if (ownSheets.has(found[i].sheet.toLowerCase())) found.splice(i, 1);
    const withTables = new Set(found.map((f) => f.sheet.toLowerCase()));
    for (const u of used) {
      if (u.range.isNullObject || withTables.has(u.sheet.toLowerCase()) || u.range.rowCount < 2) continue;
      found.push({ id: `sheet:${u.sheet}`, kind: "sheet", sheet: u.sheet, range: u.range });
    }
    if (selected) found.push(selected);

    const probes = found.map((f) => {
      const r = f.range;
      const ws = context.workbook.worksheets.getItem(f.sheet);
      const whole = ws.getRangeByIndexes(r.rowIndex, r.columnIndex, r.rowCount, r.columnCount);
      whole.load("rowHidden");
      const s = ws.getRangeByIndexes(r.rowIndex, r.columnIndex, Math.min(SAMPLE_ROWS, r.rowCount), Math.min(SAMPLE_COLUMNS, r.columnCount));
      s.load("values");
      return { sample: s, whole };
    });
    await context.sync();
    // Blocks with some hidden rows: how many are visible (one small transfer each).
    const views = found.map((f, i) => {
      if (probes[i].whole.rowHidden !== null) return null;
      const v = probes[i].whole.getVisibleView();
      v.load("rowCount");
      return v;
    });
    if (views.some((v) => v !== null)) await context.sync();

    return found.map((f, i) => ({
      id: f.id,
      kind: f.kind,
      sheet: f.sheet,
      table: f.table,
      address: f.range.address,
      rowIndex: f.range.rowIndex,
      columnIndex: f.range.columnIndex,
      rowCount: f.range.rowCount,
      columnCount: f.range.columnCount,
      sample: probes[i].sample.values,
      filtered: f.filter ? f.filter.isDataFiltered : undefined,
      visibleRows: views[i] ? views[i]!.rowCount : undefined,
      clippedFrom: f.clippedFrom,
    }));
  });
  return { sources, selection: selection.note, sheets: all };
}

interface SelectedBlock {
  sheet: string;
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  clippedFrom?: string;
}

/**
 * The selection as one block cut down to the cells in use (whole columns selected give the data, not
 * 1,048,576 rows), or a note saying why it is not offered. getSelectedRanges() does not throw on several
 * areas, unlike getSelectedRange().
 */
async function probeSelection(host: ExcelHost): Promise<{ found: SelectedBlock | null; note?: SelectionNote }> {
  return host.run(async (context) => {
    const areas = context.workbook.getSelectedRanges();
    areas.load("address,areaCount");
    const ws = areas.worksheet;
    ws.load("name");
    const usedAreas = areas.getUsedRangeAreasOrNullObject(true);
    usedAreas.areas.load("items/address,items/rowIndex,items/columnIndex,items/rowCount,items/columnCount");
    await context.sync();
    if (areas.areaCount > 1) return { found: null, note: { kind: "multi-area", address: areas.address, areas: areas.areaCount } };
    if (usedAreas.isNullObject || usedAreas.areas.items.length === 0) return { found: null };
    const u = usedAreas.areas.items[0];
    if (u.rowCount < 2) return { found: null };
    const clipped = u.address !== areas.address ? areas.address : undefined;
    return { found: { sheet: ws.name, rowIndex: u.rowIndex, columnIndex: u.columnIndex, rowCount: u.rowCount, columnCount: u.columnCount, clippedFrom: clipped } };
  });
}

export interface ReadOptions {
  onProgress?: (rowsRead: number, totalRows: number) => void;
  signal?: AbortSignal;
  /** Bytes per transfer to aim for (tests lower it); default well under 5 MB. */
  budget?: number;
  /** A first guess of bytes per row (from the source sample); otherwise measured on a small first chunk. */
  bytesPerRow?: number;
  /** Read only the rows Excel shows (Range.getVisibleView): rows hidden by a filter or by hand are left out. */
  visibleOnly?: boolean;
}

export interface ReadStats {
  syncs: number;
  chunks: number;
  retries: number;
  largestChunkRows: number;
}

/**
 * All values of a block as a SheetGrid, read in row chunks: one sync per chunk, the chunk size set from the
 * bytes per row measured so far, halved and retried when Excel refuses a transfer as too large.
 */
export async function readBlock(
  host: ExcelHost,
  block: { sheet: string; rowIndex: number; columnIndex: number; rowCount: number; columnCount: number; sample?: unknown[][] },
  options: ReadOptions = {},
): Promise<{ grid: SheetGrid; stats: ReadStats; rowMap?: number[] }> {
  const budget = options.budget ?? CHUNK_BUDGET;
  const { rowCount: total, columnCount: cols } = block;
  if (total < 1 || cols < 1) throw new WorkbookError("empty", `The range on sheet "${block.sheet}" is empty.`);
  const stats: ReadStats = { syncs: 0, chunks: 0, retries: 0, largestChunkRows: 0 };
  let bytesPerRow = options.bytesPerRow ?? (block.sample && block.sample.length ? estimateRowBytes(block.sample) : 0);
  // Without any measurement, a small first chunk measures the rows before the big ones.
  let size = bytesPerRow > 0 ? rowsPerChunk(bytesPerRow, cols, budget) : Math.min(total, 100);
  const values: unknown[][] = [];
  // Visible rows only: the sheet row of each row read, from the first column's cell addresses.
  const rowMap: number[] | undefined = options.visibleOnly ? [] : undefined;
  await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(block.sheet);
    let start = 0;
    while (start < total) {
      throwIfCancelled(options.signal);
      const n = Math.min(size, total - start);
      const full = ws.getRangeByIndexes(block.rowIndex + start, block.columnIndex, n, cols);
      const range: { values: unknown[][] } = rowMap ? full.getVisibleView() : full;
      (range as Excel.Range).load("values");
      const where = rowMap ? ws.getRangeByIndexes(block.rowIndex + start, block.columnIndex, n, 1).getVisibleView() : null;
      where?.load("cellAddresses");
      try {
        stats.syncs++;
        await context.sync();
      } catch (e) {
        if (!isPayloadError(e)) throw e;
        if (n <= 1) throw new WorkbookError("payload", `Row ${block.rowIndex + start + 1} of "${block.sheet}" is larger than Excel can transfer at once (5 MB).`);
        stats.retries++;
        size = Math.max(1, Math.floor(n / 2));
        continue;
      }
      const rows = range.values;
      for (let i = 0; i < rows.length; i++) values.push(rows[i]);
      if (rowMap && where) for (const [addr] of where.cellAddresses) rowMap.push(sheetRowOf(String(addr)));
      stats.chunks++;
      stats.largestChunkRows = Math.max(stats.largestChunkRows, n);
      start += n;
      // Re-measure on what came back: wide text rows later in a sheet shrink the next chunk.
      if (rows.length) bytesPerRow = Math.max(estimateRowBytes(rows), Math.floor(bytesPerRow * 0.5));
      size = rowsPerChunk(bytesPerRow, cols, budget);
      options.onProgress?.(start, total);
    }
  });
  if (rowMap) {
    // The pipeline numbers rows from 1 here; rowMap gives each one's real sheet row (see remapRows).
    return { grid: { name: block.sheet, values, firstRow: 1, firstColumn: block.columnIndex + 1 }, stats, rowMap };
  }
  return {
    grid: { name: block.sheet, values, firstRow: block.rowIndex + 1, firstColumn: block.columnIndex + 1 },
    stats,
  };
}

/** The 1-based row of an address such as "Pipeline!A17" or "'My sheet'!$A$17". */
function sheetRowOf(address: string): number {
  const m = /(\d+)$/.exec(address);
  return m ? Number(m[1]) : NaN;
}

/** A whole sheet's used range (small sheets such as the inputs sheet). */
export async function readSheet(host: ExcelHost, sheet: string, options: ReadOptions = {}): Promise<SheetGrid> {
  const dims = await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(sheet);
    await context.sync();
    if (ws.isNullObject) throw new WorkbookError("not-found", `There is no sheet named "${sheet}" any more.`);
    const used = ws.getUsedRangeOrNullObject(true);
    used.load("rowIndex,columnIndex,rowCount,columnCount");
    await context.sync();
    return used.isNullObject ? null : { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
  });
  if (!dims) return { name: sheet, values: [] };
  return (await readBlock(host, { sheet, ...dims }, options)).grid;
}

export { CancelledError, jsonBytes };

/** How many rows at each end of a source the fingerprint hashes. */
const FINGERPRINT_ROWS = 20;

/** Size and a hash of the first and last rows of a block, in one sync (null when its sheet is gone). */
export async function readFingerprint(
  host: ExcelHost,
  block: { sheet: string; rowIndex: number; columnIndex: number; rowCount: number; columnCount: number },
): Promise<SourceFingerprint | null> {
  return host.run(async (context) => {
    const ws = context.workbook.worksheets.getItemOrNullObject(block.sheet);
    await context.sync();
    if (ws.isNullObject || block.rowCount < 1 || block.columnCount < 1) return null;
    const n = Math.min(FINGERPRINT_ROWS, block.rowCount);
    const head = ws.getRangeByIndexes(block.rowIndex, block.columnIndex, n, block.columnCount);
    const tail = ws.getRangeByIndexes(block.rowIndex + block.rowCount - n, block.columnIndex, n, block.columnCount);
    head.load("values");
    tail.load("values");
    await context.sync();
    return { rowCount: block.rowCount, columnCount: block.columnCount, head: hashRows(head.values), tail: hashRows(tail.values) };
  });
}
