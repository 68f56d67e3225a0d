/**
 * The shapes the pipeline layer works with: the grids it reads, the located diagnostics it gives for every
 * cell it could not use, and how headers were mapped. The tables it fills are the model's (model/tables.ts),
 * re-exported here for the faces.
 */

/** One grid of cells as Office.js `range.values` gives it (ExcelJS readers convert to the same). */
export interface SheetGrid {
  /** Sheet (or file) name, used in diagnostics. */
  name: string;
  /** Row-major cell values: number | string | boolean | null/"" (blank) | Date (from file readers). */
  values: unknown[][];
  /** 1-based sheet row of values[0]; default 1. */
  firstRow?: number;
  /** 1-based sheet column of values[r][0]; default 1. */
  firstColumn?: number;
  /** 1-based sheet row numbers the user has hidden (reported, still used). */
  hiddenRows?: number[];
  /** The workbook uses the 1904 date system (Excel for Mac legacy). */
  date1904?: boolean;
}

export type Severity = "error" | "warning" | "info";

/** A located message about one cell (or one row / column when `column` / `row` is 0). */
export interface Diagnostic {
  sheet: string;
  /** 1-based sheet row; 0 for a whole-column or whole-sheet message. */
  row: number;
  /** Column letter(s) as Excel shows them ("A", "AB"); "" for a whole-row message. */
  column: string;
  /** The header text of that column, when known. */
  header?: string;
  field?: string;
  /** The cell's text as found (truncated). */
  value?: string;
  severity: Severity;
  /** What was wrong and what was done about it, in plain words. */
  message: string;
  /** Machine-readable reason, e.g. "error-cell", "not-a-number", "unknown-stage" (see docs/pipeline.md). */
  reason?: string;
  /** On a summary line ("and N more like this"): how many cells had this problem in all. */
  count?: number;
}

export * from "../model/tables";
import type { AnalysisInput } from "../model/tables";

/**
 * A loud warning: the reading may be wrong in a way that changes the figures (most rows skipped, no closed
 * deal, an outcome-like column not used, a field whose values look like another's). Shown on standard error,
 * at the top of GTM Summary and on the task pane's Results; `--strict` turns them into exit code 1.
 */
export interface PipelineWarning {
  /** Machine-readable reason, e.g. "many-rows-skipped", "no-closed-deals", "unused-outcome-column". */
  reason: string;
  /** One plain sentence: what looks wrong, with the numbers. */
  message: string;
  /** The column it is about, as headed in the sheet. */
  header?: string;
  /** What fixes it, e.g. `--map amount="Deal Value"` or `--won "Gewonnen"`. */
  fix?: string;
}

/** Which column(s) decided won / lost / open, and why (reported to the user). */
export interface OutcomeDecision {
  /** Headers of the columns whose values decided the outcome, the deciding one first. */
  columns: string[];
  why: string;
}

/** A header mapped to a canonical field. */
export interface FieldMapping {
  field: string;
  header: string;
  /** 0-based column index in the grid. */
  column: number;
  /** 1 = exact name or user override, lower for synonyms and content guesses. */
  confidence: number;
  /** How it was matched: "user", "name", "synonym", "content". */
  how: "user" | "name" | "synonym" | "content";
}

/** Which date order a text-date column was read in, and why. */
export interface DateFormatChoice {
  sheet: string;
  header: string;
  format: string;
  reason: string;
}

/** Everything the pipeline layer hands on: the model's tables (what the engine reads), and how they were read. */
export interface PipelineData extends AnalysisInput {
  mapping: FieldMapping[];
  leadMapping?: FieldMapping[];
  /** How the stage-history table's headers were mapped, when one was given. */
  historyMapping?: FieldMapping[];
  dateFormats: DateFormatChoice[];
  diagnostics: Diagnostic[];
  rows: { read: number; used: number; skipped: number };
  /** Why rows were skipped: blank rows, report rows of a formatted export (subtotals, totals, footers, group headers), rows without a stage, exact copies. */
  skippedRows?: { blank: number; report: number; noStage: number; copies: number };
  /** How leads and deals were joined, when a leads table was given and a key found. */
  join?: JoinSummary;
  /** Loud warnings (see PipelineWarning); empty when the reading is sure. */
  warnings: PipelineWarning[];
  /** Which column(s) decided won / lost / open. */
  outcome?: OutcomeDecision;
}

/** The leads-to-deals join: which headers, and how many matched. */
export interface JoinSummary {
  dealsHeader: string;
  leadsHeader: string;
  /** Deals whose key found a lead. */
  matched: number;
  /** Deals with a key that matches no lead. */
  unmatched: number;
  /** Leads with at least one deal. */
  leadsWithDeals: number;
}
