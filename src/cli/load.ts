import { existsSync, statSync } from "node:fs";
import { basename } from "node:path";
import type { SheetGrid } from "../pipeline/types";
import { CliError } from "./errors";
import { detectFileKind } from "./file-kind";
import { hasCells } from "../pipeline/sheet";
import { readCsvColumns } from "./read-csv";
import { lazySheet, readXlsx, XlsxSheet } from "./read-xlsx";

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
  const columns = await readCsvColumns(path, { onProgress });
  return { file: path, kind, sheets: [lazySheet(columns, false, false)] };
}

/** A file path the user gave (rather than a sheet name). */
export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

export function isEmptyGrid(g: SheetGrid | XlsxSheet): boolean {
  // A sheet read into columns answers without making its grid.
  if (g instanceof XlsxSheet) return !hasCells(g.columns) || !hasText(g.columns);
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

/** Blank text ("  ") counts as empty, as in a grid. */
function hasText(s: XlsxSheet["columns"]): boolean {
  for (const col of s.columns) {
    if (!col) continue;
    for (let i = 0; i < col.kinds.length; i++) {
      const k = col.kinds[i];
      if (k === 0) continue;
      if (k !== 2) return true;
      if (s.strings[col.values[i]].trim() !== "") return true;
    }
  }
  return false;
}
