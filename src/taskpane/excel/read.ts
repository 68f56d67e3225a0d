/**
 * Reading from the workbook: the candidate sources (Excel tables first, then sheets' used ranges, then the
 * active selection) and a range's values in row chunks sized under the 5 MB payload cap, one sync per
 * chunk, adapting down when Excel refuses a transfer. Values only: no formats, no formulas.
 */
import type { SheetGrid } from "../../pipeline/types";
import { estimateRowBytes, rowsPerChunk, jsonBytes, CHUNK_BUDGET } from "./chunks";
import { CancelledError, type ExcelHost, throwIfCancelled } from "./host";
import { WorkbookError, isPayloadError } from "./errors";
import { listSheets } from "./owned";

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
  /** The table has a filter on: all rows are still read, hidden or not. */
  filtered?: boolean;
}

interface Found {
  id: string;
  kind: SourceKind;
  sheet: string;
  table?: string;
  range: Excel.Range;
  filter?: Excel.AutoFilter;
}

/**
 * Every candidate source in four syncs whatever the workbook size: names, then dimensions, then samples.
 * Our own report sheets and hidden sheets are left out; a sheet holding a table is offered as the table.
 */
export async function listRawSources(host: ExcelHost): Promise<RawSource[]> {
  return host.run(async (context) => {
    // Queued before listSheets so they ride on its first sync.
    const tables = context.workbook.tables;
    tables.load("items/name");
    const selection = context.workbook.getSelectedRange();
    selection.load("address,rowIndex,columnIndex,rowCount,columnCount");
    const selectionSheet = selection.worksheet;
    selectionSheet.load("name");
    const { sheets } = await listSheets(context);

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
    const usable = sheets.filter((s) => s.owner !== "report" && s.owner !== "whatif" && s.visibility === "Visible");
    const used = usable.map((s) => {
      const range = context.workbook.worksheets.getItem(s.name).getUsedRangeOrNullObject(true);
      range.load("address,rowIndex,columnIndex,rowCount,columnCount");
      return { sheet: s.name, range };
    });
    await context.sync();

    tableSheets.forEach((ws, i) => (found[i].sheet = ws.name));
    const ownSheets = new Set(sheets.filter((s) => s.owner === "report" || s.owner === "whatif").map((s) => s.name.toLowerCase()));
    // The tables we wrote (on our own sheets) are results, not a pipeline.
    for (let i = found.length - 1; i >= 0; i--) if (ownSheets.has(found[i].sheet.toLowerCase())) found.splice(i, 1);
    const withTables = new Set(found.map((f) => f.sheet.toLowerCase()));
    for (const u of used) {
      if (u.range.isNullObject || withTables.has(u.sheet.toLowerCase()) || u.range.rowCount < 2) continue;
      found.push({ id: `sheet:${u.sheet}`, kind: "sheet", sheet: u.sheet, range: u.range });
    }
    const selectionUsable = selection.rowCount >= 2 && !ownSheets.has(selectionSheet.name.toLowerCase());
    if (selectionUsable) found.push({ id: "selection", kind: "selection", sheet: selectionSheet.name, range: selection });

    const samples = found.map((f) => {
      const r = f.range;
      const ws = context.workbook.worksheets.getItem(f.sheet);
      const s = ws.getRangeByIndexes(r.rowIndex, r.columnIndex, Math.min(SAMPLE_ROWS, r.rowCount), Math.min(SAMPLE_COLUMNS, r.columnCount));
      s.load("values");
      return s;
    });
    await context.sync();

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
      sample: samples[i].values,
      filtered: f.filter ? f.filter.isDataFiltered : undefined,
    }));
  });
}

export interface ReadOptions {
  onProgress?: (rowsRead: number, totalRows: number) => void;
  signal?: AbortSignal;
  /** Bytes per transfer to aim for (tests lower it); default well under 5 MB. */
  budget?: number;
  /** A first guess of bytes per row (from the source sample); otherwise measured on a small first chunk. */
  bytesPerRow?: number;
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
): Promise<{ grid: SheetGrid; stats: ReadStats }> {
  const budget = options.budget ?? CHUNK_BUDGET;
  const { rowCount: total, columnCount: cols } = block;
  if (total < 1 || cols < 1) throw new WorkbookError("empty", `The range on sheet "${block.sheet}" is empty.`);
  const stats: ReadStats = { syncs: 0, chunks: 0, retries: 0, largestChunkRows: 0 };
  let bytesPerRow = options.bytesPerRow ?? (block.sample && block.sample.length ? estimateRowBytes(block.sample) : 0);
  // Without any measurement, a small first chunk measures the rows before the big ones.
  let size = bytesPerRow > 0 ? rowsPerChunk(bytesPerRow, cols, budget) : Math.min(total, 100);
  const values: unknown[][] = [];
  await host.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(block.sheet);
    let start = 0;
    while (start < total) {
      throwIfCancelled(options.signal);
      const n = Math.min(size, total - start);
      const range = ws.getRangeByIndexes(block.rowIndex + start, block.columnIndex, n, cols);
      range.load("values");
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
      stats.chunks++;
      stats.largestChunkRows = Math.max(stats.largestChunkRows, n);
      start += n;
      // Re-measure on what came back: wide text rows later in a sheet shrink the next chunk.
      bytesPerRow = Math.max(estimateRowBytes(rows), Math.floor(bytesPerRow * 0.5));
      size = rowsPerChunk(bytesPerRow, cols, budget);
      options.onProgress?.(start, total);
    }
  });
  return {
    grid: { name: block.sheet, values, firstRow: block.rowIndex + 1, firstColumn: block.columnIndex + 1 },
    stats,
  };
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
