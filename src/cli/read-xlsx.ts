import { createReadStream, statSync } from "node:fs";
import { basename } from "node:path";
import ExcelJS from "exceljs";
import { DATE1904_OFFSET, serialFromDate } from "../pipeline/dates";
import type { SheetGrid } from "../pipeline/types";
import { OWNER_MARKER, OWNER_PROPERTY } from "../report/types";
import { CliError } from "./errors";
import { zipPartSizes } from "./zip-sizes";

/** One worksheet read from an .xlsx file, values as Office.js `range.values` would give them. */
export interface XlsxSheet extends SheetGrid {
  /**
   * Written by GTM Compass: holds OWNER_MARKER in its first rows (the command line) or carries the
   * task pane's OWNER_PROPERTY custom property. Never read as pipeline input.
   */
  owned: boolean;
  /** The sheet tab is hidden or very hidden. */
  hidden: boolean;
}

export interface XlsxBook {
  file: string;
  sheets: XlsxSheet[];
  date1904: boolean;
}

export interface XlsxReadOptions {
  /** Called with the fraction of the file's bytes read (0..1). */
  onProgress?: (fraction: number) => void;
}

/** The parts of ExcelJS's streaming worksheet reader we use (its published typings omit them). */
interface StreamSheet {
  id: number | string;
  name: string;
  on(event: "row", listener: (row: ExcelJS.Row) => void): void;
  on(event: "error", listener: (e: unknown) => void): void;
  read(): Promise<void>;
  state?: string;
  iterator: AsyncIterable<Buffer | string>;
}
interface StreamBook extends AsyncIterable<StreamSheet> {
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets?: { id: number; name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseWorksheet(iterator: unknown, sheetNo: string): Generator<unknown>;
}

/** Rows of this many first rows are searched for our marker. */
const MARKER_ROWS = 3;

/**
 * Read every worksheet of an .xlsx file with ExcelJS's streaming reader (the whole-workbook reader needs
 * about five times the memory and time). Dates stay Excel serial numbers in the workbook's own date system
 * (`date1904` says which), formulas give their cached result, error cells their "#N/A"-style text, rich
 * text its plain text; hidden rows are listed. The file is only read, never written.
 */
export async function readXlsx(path: string, options: XlsxReadOptions = {}): Promise<XlsxBook> {
  const name = basename(path);
  const total = statSync(path).size;
  const input = createReadStream(path);
  // Progress: the first 30% follows the file bytes (unzipping), the rest the sheet XML parsed.
  const sheetBytes = [...zipPartSizes(path)].filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).reduce((t, [, b]) => t + b, 0);
  let fileDone = 0;
  let xmlDone = 0;
  let lastReported = -1;
  const report = (): void => {
    if (!options.onProgress) return;
    const f = sheetBytes > 0 ? 0.3 * (fileDone / total) + 0.7 * Math.min(1, xmlDone / sheetBytes) : fileDone / total;
    if (f - lastReported >= 0.01) {
      lastReported = f;
      options.onProgress(Math.min(1, f));
    }
  };
  if (options.onProgress) {
    input.on("data", (chunk: Buffer | string) => {
      fileDone += chunk.length;
      report();
    });
  }
  // styles "ignore" keeps dates as serial numbers (what Office.js gives) and skips parsing styles.xml.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  }) as unknown as StreamBook;
  tolerateLateWorkbookPart(reader);
  const sheets: XlsxSheet[] = [];
  /** Sheet part number of each sheet read before xl/workbook.xml named it. */
  const unnamed = new Map<XlsxSheet, string>();
  let date1904 = false;
  try {
    for await (const ws of reader) {
      date1904 = Boolean(reader.properties?.model?.date1904);
      const named = Boolean(reader.model?.sheets?.length);
      const part = String(ws.id);
      const hiddenRows = new Set<number>();
      const tap = {
        hiddenRows,
        ownerProperty: false,
        onBytes: (n: number) => {
          xmlDone += n;
          report();
        },
      };
      ws.iterator = tapSheetXml(ws.iterator, tap);
      const rows: unknown[][] = [];
      let width = 0;
      let lastNonBlank = 0;
      // Row events come in batches per parsed chunk: cheaper than awaiting the async iterator row by row.
      const onRow = (row: ExcelJS.Row): void => {
        const cells = row.values as unknown[];
        const values: unknown[] = [];
        let any = false;
        for (let c = 1; c < cells.length; c++) {
          const v = cellValue(cells[c], date1904);
          values.push(v);
          if (v !== null && v !== "") any = true;
        }
        // Rows arrive in order but blank rows are absent from the XML: keep positions with empty rows.
        while (rows.length < row.number - 1) rows.push([]);
        rows[row.number - 1] = values;
        if (any) {
          lastNonBlank = row.number;
          if (values.length > width) width = values.length;
        }
      };
      let failure: unknown;
      ws.on("row", onRow);
      ws.on("error", (e: unknown) => (failure = e));
      await ws.read();
      if (failure) throw failure;
      rows.length = lastNonBlank;
      for (const r of rows) {
        r.length = Math.min(r.length, width);
        for (let c = r.length; c < width; c++) r.push(null);
      }
      const sheet: XlsxSheet = {
        name: ws.name,
        values: rows,
        firstRow: 1,
        firstColumn: 1,
        hiddenRows: [...hiddenRows].filter((r) => r <= lastNonBlank).sort((a, b) => a - b),
        date1904,
        owned: tap.ownerProperty || holdsMarker(rows),
        hidden: ws.state === "hidden" || ws.state === "veryHidden",
      };
      sheets.push(sheet);
      if (!named) unnamed.set(sheet, part);
    }
  } catch (e) {
    throw new CliError(`${name} could not be read as an .xlsx workbook (${oneLine((e as Error).message)}): is it damaged or another kind of zip file?`);
  } finally {
    input.destroy();
  }
  if (!(reader.model?.sheets && reader.model.sheets.length > 0)) {
    // No workbook part was read: not a workbook, or a package the streaming unzip could not follow to the end.
    throw new CliError(
      sheets.length === 0
        ? `${name} is a zip package but not an Excel workbook (no worksheets found): save it from Excel as .xlsx.`
        : `${name} could not be read to the end (its zip layout is unusual): open it in Excel or LibreOffice, save it as .xlsx again and rerun.`,
    );
  }
  // Parts written in an unusual order: name the early sheets now that xl/workbook.xml has been read.
  date1904 = Boolean(reader.properties?.model?.date1904);
  for (const [sheet, part] of unnamed) {
    const rel = reader.workbookRels?.find((r) => r.Target.replace(/^\/?xl\//, "") === `worksheets/sheet${part}.xml`);
    const entry = rel && reader.model?.sheets?.find((s) => s.rId === rel.Id);
    if (entry) sheet.name = entry.name;
    sheet.date1904 = date1904;
  }
  options.onProgress?.(1);
  return { file: path, sheets, date1904 };
}

/**
 * ExcelJS's streaming reader looks up sheet names in xl/workbook.xml when it meets a sheet part, and fails
 * when a writer put that part after the sheets (zip part order is free). Give it an empty list to look
 * in; the sheets read early are named at the end.
 */
function tolerateLateWorkbookPart(reader: StreamBook): void {
  const parseWorksheet = reader._parseWorksheet.bind(reader);
  reader._parseWorksheet = function* (iterator: unknown, sheetNo: string) {
    if (!reader.model) reader.model = { sheets: [] };
    yield* parseWorksheet(iterator, sheetNo);
  };
}

/** ExcelJS cell value → Office.js-style value (number, string, boolean, null). */
function cellValue(v: unknown, date1904: boolean): unknown {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === "number" || t === "string" || t === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  const o = v as Record<string, unknown>;
  if ("error" in o) return String(o.error);
  if ("richText" in o && Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
  if ("formula" in o || "sharedFormula" in o) {
    const r = o.result;
    if (r === undefined || r === null) return null;
    // The streaming reader parses every non-text cached result as a number; an error result becomes NaN.
    if (typeof r === "number" && Number.isNaN(r)) return "#VALUE!";
    if (typeof r === "object" && r !== null && "error" in r) return String((r as { error: unknown }).error);
    return cellValue(r, date1904);
  }
  if ("text" in o) return String(o.text);
  return String(v);
}

/** Back to the serial number in the workbook's own date system, the way Office.js reports it. */
function dateToSerial(d: Date, date1904: boolean): number {
  return serialFromDate(d) - (date1904 ? DATE1904_OFFSET : 0);
}

function holdsMarker(rows: unknown[][]): boolean {
  for (let r = 0; r < Math.min(MARKER_ROWS, rows.length); r++) {
    if (rows[r].some((v) => v === OWNER_MARKER)) return true;
  }
  return false;
}

/**
 * Pass the worksheet XML through unchanged while noting what ExcelJS's streaming reader drops: hidden rows
 * (`<row r="N" ... hidden="1">`) and the task pane's owner custom property (`<customPr name="...">`).
 * A tail of each chunk is kept so a tag split across chunks is still seen.
 */
async function* tapSheetXml(
  source: AsyncIterable<Buffer | string>,
  tap: { hiddenRows: Set<number>; ownerProperty: boolean; onBytes?: (n: number) => void },
): AsyncGenerator<Buffer | string> {
  const hidden = tap.hiddenRows;
  const property = new RegExp(`<customPr\\b[^>]*\\bname="${OWNER_PROPERTY}"`, "i");
  let tail = Buffer.alloc(0);
  for await (const chunk of source) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    // Search the bytes (cheap); decode only around a hit. Most sheets have neither.
    const window = tail.length > 0 ? Buffer.concat([tail, bytes]) : bytes;
    const hasHidden = window.includes("hidden=");
    const hasProperty = !tap.ownerProperty && window.includes("customPr");
    if (hasHidden || hasProperty) {
      const text = window.toString();
      if (hasProperty && property.test(text)) tap.ownerProperty = true;
      if (hasHidden) {
        for (const m of text.matchAll(/<row\b[^>]*>/g)) {
          const tag = m[0];
          if (/\shidden="(1|true)"/.test(tag)) {
            const r = /\sr="(\d+)"/.exec(tag);
            if (r) hidden.add(Number(r[1]));
          }
        }
      }
    }
    tail = Buffer.from(window.subarray(Math.max(0, window.length - 512)));
    tap.onBytes?.(bytes.length);
    yield chunk;
  }
}

function oneLine(s: string): string {
  return s.split("\n")[0].slice(0, 160);
}
