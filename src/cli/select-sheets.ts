import { basename } from "node:path";
import { inspectSheet } from "../pipeline";
import type { SheetGrid } from "../pipeline/types";
import { CliError } from "./errors";
import { dataSheets, isEmptyGrid, isFile, loadBook, sheetByName, type LoadedBook } from "./load";
import type { XlsxSheet } from "./read-xlsx";

/** Sheet names that hold a leads / MQL table or the inputs table, when the user does not name them. */
const LEADS_NAME = /\b(leads?|mqls?|marketing qualified leads?)\b/i;
const INPUTS_NAME = /\binputs?\b/i;
/** Within a --history file: the sheet whose name says it holds the history. */
const HISTORY_NAME = /histor(y|ies)|stage.?changes|snapshots?/i;

export interface SelectedSources {
  deals: SheetGrid;
  leads?: SheetGrid;
  inputs?: SheetGrid;
  history?: SheetGrid;
  /** Where each came from, for the final message ("deals.xlsx › Deals"). */
  from: { deals: string; leads?: string; inputs?: string; history?: string };
}

export interface SelectOptions {
  sheet?: string;
  leads?: string;
  inputs?: string;
  /** Only when given: a stage history is never guessed from a sheet's name. */
  history?: string;
  /** The user mapped columns with --map: trust their choice of sheet even if it does not look like a pipeline. */
  mapped: boolean;
}

const where = (book: LoadedBook, s: SheetGrid): string => (book.kind === "csv" ? basename(book.file) : `${basename(book.file)} › ${s.name}`);

/**
 * Pick the deals, leads and inputs sheets. Sheets GTM Compass wrote are never input (but an inputs sheet
 * may be one we laid out for the user to fill). --sheet / --leads / --inputs name a sheet of the same
 * workbook or another file; otherwise leads and inputs are found by sheet name and the deals sheet is the
 * one that looks most like a pipeline.
 */
export async function selectSources(book: LoadedBook, opts: SelectOptions): Promise<SelectedSources> {
  const name = basename(book.file);
  if (book.sheets.length > 0 && book.sheets.every((s) => s.owned)) {
    throw new CliError(`${name} holds only sheets written by GTM Compass (an analysis, not a pipeline): run it on your data file instead.`);
  }
  const usable = dataSheets(book);
  if (usable.length === 0) throw new CliError(`${name} has no data: ${book.kind === "csv" ? "the file" : "every sheet"} is empty.`);

  const leads = await pickAux(book, opts.leads, "--leads", LEADS_NAME);
  const inputs = await pickAux(book, opts.inputs, "--inputs", INPUTS_NAME, true);
  const history = opts.history !== undefined ? await pickAux(book, opts.history, "--history", HISTORY_NAME) : undefined;
  const taken = new Set<SheetGrid>([leads?.sheet, inputs?.sheet, history?.sheet].filter((s): s is XlsxSheet => Boolean(s)));

  let deals: XlsxSheet;
  if (opts.sheet) {
    deals = sheetByName(book, opts.sheet, "--sheet");
    if (deals.owned) throw new CliError(`Sheet "${deals.name}" was written by GTM Compass: name your data sheet with --sheet.`);
    if (isEmptyGrid(deals)) throw new CliError(`Sheet "${deals.name}" in ${name} is empty.`);
  } else {
    const candidates = usable.filter((s) => !taken.has(s));
    if (candidates.length === 0) throw new CliError(`${name} has no deals sheet besides its leads/inputs sheets: name it with --sheet.`);
    deals = pickDeals(candidates, opts.mapped, name);
  }
  return {
    deals,
    leads: leads?.sheet,
    inputs: inputs?.sheet,
    history: history?.sheet,
    from: { deals: where(book, deals), leads: leads?.from, inputs: inputs?.from, history: history?.from },
  };
}

/** The candidate that looks most like a pipeline; visible sheets first. */
function pickDeals(candidates: XlsxSheet[], mapped: boolean, file: string): XlsxSheet {
  if (candidates.length === 1) return candidates[0];
  const scored = candidates.map((s) => ({ s, i: inspectSheet(s) }));
  scored.sort((a, b) => Number(a.s.hidden) - Number(b.s.hidden) || Number(b.i.looksLikePipeline) - Number(a.i.looksLikePipeline) || b.i.score - a.i.score);
  const best = scored[0];
  if (!best.i.looksLikePipeline && !mapped) {
    const names = candidates.map((s) => `"${s.name}"`).join(", ");
    throw new CliError(`No sheet in ${file} looks like a pipeline (sheets: ${names}): name the deals sheet with --sheet and its columns with --map field=Header.`);
  }
  return best.s;
}

/** A leads or inputs table: from another file, a named sheet, or a sheet whose name says so. */
async function pickAux(
  book: LoadedBook,
  given: string | undefined,
  option: string,
  namePattern: RegExp,
  allowOwned = false,
): Promise<{ sheet: XlsxSheet; from: string } | undefined> {
  if (given !== undefined) {
    if (isFile(given)) {
      const other = await loadBook(given);
      const sheets = other.sheets.filter((s) => (allowOwned || !s.owned) && !isEmptyGrid(s));
      const sheet = sheets.find((s) => namePattern.test(s.name)) ?? sheets[0];
      if (!sheet) throw new CliError(`${basename(given)} (${option}) has no data.`);
      return { sheet, from: where(other, sheet) };
    }
    if (book.kind === "csv") throw new CliError(`${option} ${given}: no such file.`);
    const sheet = sheetByName(book, given, option);
    if (isEmptyGrid(sheet)) throw new CliError(`Sheet "${sheet.name}" (${option}) is empty.`);
    return { sheet, from: where(book, sheet) };
  }
  // Found by name only when the book has another sheet left for the deals.
  if (book.kind === "csv" || dataSheets(book).length < 2) return undefined;
  const sheet = book.sheets.find((s) => (allowOwned || !s.owned) && !isEmptyGrid(s) && namePattern.test(s.name));
  return sheet ? { sheet, from: where(book, sheet) } : undefined;
}
