import { basename } from "node:path";
import { inspectSheet, type SheetInspection } from "../pipeline";
import type { SheetInput } from "../pipeline/table";
import { findJoinColumns } from "../pipeline/join";
import { CliError, EXIT_USAGE } from "./errors";
import { dataSheets, isEmptyGrid, isFile, loadBook, sheetByName, type LoadedBook } from "./load";
import type { XlsxSheet } from "./read-xlsx";

/** Sheet names that hold a leads / MQL table or the inputs table, when the user does not name them. */
const LEADS_NAME = /\b(leads?|mqls?|marketing qualified leads?)\b/i;
const INPUTS_NAME = /\binputs?\b/i;
/** Within a --history file: the sheet whose name says it holds the history. */
const HISTORY_NAME = /histor(y|ies)|stage.?changes|snapshots?/i;

export interface SelectedSources {
  deals: SheetInput;
  leads?: SheetInput;
  inputs?: SheetInput;
  history?: SheetInput;
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
  /** Files already read. */
  loaded?: LoadedBook[];
  /** Won / lost values the user declared (they make a sheet's stage column readable). */
  outcomes?: { won?: string[]; lost?: string[] };
}

const where = (book: LoadedBook, s: SheetInput): string => (book.kind === "csv" ? basename(book.file) : `${basename(book.file)} › ${s.name}`);

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

  const leads = await pickAux(book, opts.leads, "--leads", LEADS_NAME, false, opts.loaded);
  const inputs = await pickAux(book, opts.inputs, "--inputs", INPUTS_NAME, true, opts.loaded);
  const history = opts.history !== undefined ? await pickAux(book, opts.history, "--history", HISTORY_NAME, false, opts.loaded) : undefined;
  const taken = new Set<SheetInput>([leads?.sheet, inputs?.sheet, history?.sheet].filter((s): s is XlsxSheet => Boolean(s)));

  let deals: XlsxSheet;
  if (opts.sheet) {
    deals = sheetByName(book, opts.sheet, "--sheet");
    if (deals.owned) throw new CliError(`Sheet "${deals.name}" was written by GTM Compass: name your data sheet with --sheet.`);
    if (isEmptyGrid(deals)) throw new CliError(`Sheet "${deals.name}" in ${name} is empty.`);
  } else {
    const candidates = usable.filter((s) => !taken.has(s));
    if (candidates.length === 0) throw new CliError(`${name} has no deals sheet besides its leads/inputs sheets: name it with --sheet.`);
    deals = pickDeals(candidates, opts.mapped, name, opts.outcomes);
  }
  return {
    deals,
    leads: leads?.sheet,
    inputs: inputs?.sheet,
    history: history?.sheet,
    from: { deals: where(book, deals), leads: leads?.from, inputs: inputs?.from, history: history?.from },
  };
}

/** What a sheet lacks to be read as a pipeline, in words: "no stage or status column and no amount column". */
function lacking(i: SheetInspection): string {
  if (i.headerRowIndex < 0) return "no header row";
  if (i.dataRows === 0) return "a header but no data rows";
  const parts = i.missingRequired.map((f) => (f === "stage" ? "no stage or status column" : f === "amount" ? "no amount column" : `no ${f} column`));
  return parts.length > 0 ? parts.join(" and ") : "nothing missing";
}

/**
 * The candidate that looks most like a pipeline; visible sheets first. A hidden sheet (such as the option
 * lists Dynamics 365 keeps in its exports) is taken only when no visible sheet could be.
 */
function pickDeals(all: XlsxSheet[], mapped: boolean, file: string, outcomes?: SelectOptions["outcomes"]): XlsxSheet {
  const visible = all.filter((s) => !s.hidden);
  const candidates = visible.length > 0 ? visible : all;
  if (candidates.length === 1) return candidates[0];
  const scored = all.map((s) => ({ s, i: inspectSheet(s, { outcomes }) }));
  scored.sort((a, b) => Number(a.s.hidden) - Number(b.s.hidden) || Number(b.i.looksLikePipeline) - Number(a.i.looksLikePipeline) || b.i.score - a.i.score);
  const best = scored[0];
  if (!best.i.looksLikePipeline && !mapped) {
    const why = scored.filter((x) => !x.s.hidden || visible.length === 0).map((x) => `"${x.s.name}" has ${lacking(x.i)}`).join("; ");
    throw new CliError(`No sheet in ${file} looks like a pipeline: ${why}. Name the deals sheet with --sheet and its columns with --map field=Header.`);
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
  loaded?: LoadedBook[],
): Promise<{ sheet: XlsxSheet; from: string } | undefined> {
  if (given !== undefined) {
    if (isFile(given)) {
      const other = loaded?.find((b) => b.file === given) ?? await loadBook(given);
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
  const sheet = book.sheets.find((s) => (allowOwned || !s.owned) && !s.hidden && !isEmptyGrid(s) && namePattern.test(s.name));
  return sheet ? { sheet, from: where(book, sheet) } : undefined;
}

/** One analysis to run: a deals file, and the leads file joined to it when two files were paired. */
export interface PlannedRun {
  file: string;
  leads?: string;
}

export interface RunPlan {
  runs: PlannedRun[];
  /** The files read while planning (read once, used again by the runs). */
  loaded: LoadedBook[];
  /** A line saying how two files were paired, for standard error. */
  note?: string;
}

/** The first usable sheet of a book and how it looks, visible sheets first. */
function firstTable(book: LoadedBook): { sheet: XlsxSheet; inspection: SheetInspection } | undefined {
  const sheets = dataSheets(book).sort((a, b) => Number(a.hidden) - Number(b.hidden));
  const scored = sheets.map((sheet) => ({ sheet, inspection: inspectSheet(sheet) }));
  scored.sort((a, b) => Number(a.sheet.hidden) - Number(b.sheet.hidden) || b.inspection.score - a.inspection.score);
  return scored[0];
}

/** Has a column that says won / lost / open (a stage, a status, yes/no, a won or lost date). */
const hasOutcome = (i: SheetInspection) => i.headerRowIndex >= 0 && !i.missingRequired.includes("stage");

/**
 * Which analyses to run. Several files are analysed one by one; two files given positionally, without
 * --leads, may be a leads table and its deals (`gtm-compass analyze leads.csv deals.csv`, either order):
 * when exactly one of them has a stage / status column and the other shares an id column with it, the
 * other is read as the leads table and joined, as --leads does. Two pipelines stay two analyses; anything
 * else is a one-line error naming --leads.
 */
export async function planRuns(files: readonly string[], leads: string | undefined, single: boolean): Promise<RunPlan> {
  const separate: RunPlan = { runs: files.map((file) => ({ file, leads })), loaded: [] };
  if (files.length !== 2 || leads !== undefined) {
    if (files.length > 1 && single) throw new CliError("--out and --json name one file, so give one input file with them (or drop them to write one analysis per input).", EXIT_USAGE);
    return separate;
  }
  const books = [await loadBook(files[0]), await loadBook(files[1])];
  const tables = books.map(firstTable);
  const names = files.map((f) => basename(f));
  const unsure = (why: string) => new CliError(`Cannot tell how ${names[0]} and ${names[1]} go together: ${why}. Name the leads table with --leads, e.g. gtm-compass analyze ${names[1]} --leads ${names[0]}.`);
  if (!tables[0] || !tables[1]) throw unsure(`${names[tables[0] ? 1 : 0]} has no data`);
  const outcome = tables.map((t) => hasOutcome(t!.inspection));
  if (outcome[0] && outcome[1]) {
    if (single) throw new CliError("--out and --json name one file, and both files are pipelines to analyse one by one: give one input file with them, or name the leads table with --leads.", EXIT_USAGE);
    return { ...separate, loaded: books };
  }
  if (!outcome[0] && !outcome[1]) throw unsure("neither has a stage or status column, so neither reads as the deals");
  const d = outcome[0] ? 0 : 1;
  const l = 1 - d;
  const dealsT = tables[d]!;
  const leadsT = tables[l]!;
  const key = findJoinColumns(dealsT.inspection.headers, leadsT.inspection.headers, leadsT.inspection.mapping.filter((m) => m.field === "id"));
  if ("problem" in key) throw unsure(`${names[d]} has the deals, but no id column appears in both files to join ${names[l]} on`);
  return {
    runs: [{ file: files[d], leads: files[l] }],
    loaded: books,
    note: `${names[l]} is read as the leads table of ${names[d]} (joined on "${key.dealsHeader}"${key.leadsHeader !== key.dealsHeader ? ` = "${key.leadsHeader}"` : ""})`,
  };
}
