import { existsSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { SheetGrid } from "../pipeline/types";
import { CliError } from "./errors";
import { detectFileKind } from "./file-kind";
import { readCsv } from "./read-csv";
import { readXlsx, type XlsxSheet } from "./read-xlsx";

/** A file read into grids: one per worksheet (xlsx) or one (csv). */
export interface LoadedBook {
  file: string;
  kind: "xlsx" | "csv";
  sheets: XlsxSheet[];
}

/** Read an .xlsx or .csv file into grids, reporting the fraction read. */
export async function loadBook(path: string, onProgress?: (fraction: number) => void): Promise<LoadedBook> {
  const kind = detectFileKind(path);
  if (kind === "xlsx") {
    const book = await readXlsx(path, { onProgress });
    return { file: path, kind, sheets: book.sheets };
  }
  const grid = await readCsv(path, { onProgress });
  return { file: path, kind, sheets: [{ ...grid, owned: false, hidden: false }] };
}

/** A file path the user gave (rather than a sheet name). */
export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

export function isEmptyGrid(g: SheetGrid): boolean {
  return !g.values.some((row) => row.some((v) => v !== null && v !== undefined && v !== ""));
}

/** A sheet by name, Excel-style (case-insensitive), or a one-line error listing the sheets there are. */
export function sheetByName(book: LoadedBook, name: string, option: string): XlsxSheet {
  const want = name.trim().toLocaleLowerCase("en-US");
  const found = book.sheets.find((s) => s.name.toLocaleLowerCase("en-US") === want);
  if (!found) {
    const names = book.sheets.map((s) => `"${s.name}"`).join(", ");
    throw new CliError(`No sheet named "${name}" in ${basename(book.file)} for ${option} (its sheets: ${names || "none"}).`);
  }
  return found;
}

/** The usable sheets of a book: not written by GTM Compass, not empty. */
export function dataSheets(book: LoadedBook): XlsxSheet[] {
  return book.sheets.filter((s) => !s.owned && !isEmptyGrid(s));
}
