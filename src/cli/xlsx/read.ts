/**
 * Read an .xlsx workbook into typed columns: the central directory first, then the workbook, its
 * relationships and the shared strings (whatever their order in the zip), then each worksheet streamed
 * through zlib and scanned straight into its columns. Every limit is a one-line refusal naming the file.
 */
import { basename } from "node:path";
import { MAX_CELLS, MAX_ROW, MAX_SHEET_XML } from "../limits";
import { CellKind, SheetBuilder, SheetLimitError, type ColumnarSheet } from "../../pipeline/sheet";
import { ByteInterner } from "../intern";
import { OWNER_MARKER } from "../../report/types";
import { CliError } from "../errors";
import { scanChunks } from "./chunks";
import { CellError, newScanState, scanSheet } from "./sheet-scan";
import { readSharedStrings, readWorkbookInfo } from "./workbook";
import { openZip, streamPart, ZipError } from "./zip";

export interface ColumnarXlsxSheet {
  sheet: ColumnarSheet;
  /** Written by GTM Compass: our marker in its first rows, or the task pane's owner property. */
  owned: boolean;
  /** The sheet tab is hidden or very hidden. */
  hidden: boolean;
}

export interface ColumnarBook {
  file: string;
  sheets: ColumnarXlsxSheet[];
  date1904: boolean;
  /** Distinct texts of the whole book (every sheet's `strings`). */
  strings: readonly string[];
}

export interface ReadOptions {
  /** Called with the fraction of the book's XML read (0..1). */
  onProgress?: (fraction: number) => void;
  /** Cells the book may hold (default MAX_CELLS). */
  maxCells?: number;
}

/** Rows searched for our owner marker. */
const MARKER_ROWS = 3;

export async function readXlsxColumns(path: string, options: ReadOptions = {}): Promise<ColumnarBook> {
  const name = basename(path);
  try {
    return await read(path, options);
  } catch (e) {
    if (e instanceof ZipError) throw new CliError(`${name} ${e.message}.`);
    if (e instanceof CellError) throw new CliError(`${name}: ${e.message}.`);
    if (e instanceof SheetLimitError) throw new CliError(`${name} holds ${e.message}: more than GTM Compass reads in one run.`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") throw new CliError(`Cannot read ${name}: permission denied.`);
    if (code === "EISDIR") throw new CliError(`${name} is a folder, not a workbook.`);
    throw e;
  }
}

async function read(path: string, options: ReadOptions): Promise<ColumnarBook> {
  const zip = openZip(path);
  const info = readWorkbookInfo(zip);
  const table = new ByteInterner("utf8");
  const sheetBytes = info.sheets.reduce((t, s) => t + (zip.entries.get(s.part)?.uncompressedSize ?? 0), 0);
  const sstBytes = info.sharedStringsPart ? zip.entries.get(info.sharedStringsPart)?.uncompressedSize ?? 0 : 0;
  const total = Math.max(1, sheetBytes + sstBytes);
  let done = 0;
  let reported = -1;
  const onBytes = (n: number): void => {
    done += n;
    const f = Math.min(1, done / total);
    if (options.onProgress && f - reported >= 0.01) {
      reported = f;
      options.onProgress(f);
    }
  };
  const shared = await readSharedStrings(zip, info.sharedStringsPart, table, onBytes);
  const budget = { cells: 0, max: options.maxCells ?? MAX_CELLS };
  const sheets: ColumnarXlsxSheet[] = [];
  for (const entry of info.sheets) {
    if (!zip.entries.has(entry.part)) throw new ZipError(`is damaged: sheet "${entry.name}" has no part ${entry.part}`);
    const builder = new SheetBuilder(entry.name, table, budget);
    const st = newScanState(builder, table, shared, info.date1904);
    const partBytes = zip.entries.get(entry.part)?.uncompressedSize ?? 0;
    try {
      await scanChunks(
        (async function* () {
          let seen = 0;
          for await (const c of streamPart(zip, entry.part, MAX_SHEET_XML, "sheet")) {
            onBytes(c.length);
            seen += c.length;
            // Size the columns once from the rows per byte seen so far, instead of growing them by doubling.
            if (builder.rowHint === 0 && builder.storedRows >= 2048) {
              builder.rowHint = Math.min(MAX_ROW, Math.ceil((builder.storedRows * partBytes * 1.05) / seen) + 1024);
            }
            yield c;
          }
        })(),
        (b, s, e) => scanSheet(st, b, s, e),
        entry.part,
      );
    } catch (e) {
      if (e instanceof CellError) throw new CellError(`sheet "${entry.name}", ${e.message}`);
      if (e instanceof SheetLimitError) throw new SheetLimitError(`${e.message} (sheet "${entry.name}")`);
      throw e;
    }
    if (!st.sawSheetDataEnd || !st.sawEnd) {
      throw new ZipError(`is damaged: the XML of sheet "${entry.name}" is cut off (it ends after row ${st.row.toLocaleString("en-US")})`);
    }
    const sheet = builder.finish({ date1904: info.date1904, blank: null });
    sheets.push({ sheet, owned: st.ownerProperty || holdsMarker(sheet, table), hidden: entry.hidden });
  }
  table.seal();
  options.onProgress?.(1);
  return { file: path, sheets, date1904: info.date1904, strings: table.strings };
}

function holdsMarker(s: ColumnarSheet, table: ByteInterner): boolean {
  const code = table.find(OWNER_MARKER);
  if (code < 0) return false;
  for (let i = 0; i < s.rowCount && s.rowNumbers[i] <= MARKER_ROWS; i++) {
    for (const col of s.columns) {
      if (col && i < col.kinds.length && col.kinds[i] === CellKind.STRING && col.values[i] === code) return true;
    }
  }
  return false;
}
