/**
 * A list of key figures (Measure | Value | Note): each figure in its own number format, and a figure the
 * data cannot give left blank with "not known: why" beside it and the whole reason in a note on the cell.
 * The note runs across four columns (merged), so it never widens a column another table on the sheet uses.
 */
import { BlockSpec } from "./layout";
import { NumberFormatName, ReportCell } from "./types";

export interface KeyFigure {
  label: string;
  /** The figure; null when it is not known (or when the line is words only, see `words`). */
  value: ReportCell;
  format?: NumberFormatName;
  /** Beside the value: a short remark, or "not known: why" for a blank. */
  note?: string;
}

/** Columns the note of a key-figure list runs across. */
export const NOTE_SPAN = 4;

export function keyFigureBlock(title: string | undefined, figures: KeyFigure[]): BlockSpec {
  return {
    ...(title ? { title } : {}),
    headers: ["Measure", "Value", "Note"],
    formats: ["text", undefined, "text"],
    align: ["left", "right", "left"],
    // the value column holds figures of different kinds: each row carries its own format
    rowFormats: figures.map((f) => f.format),
    spans: [1, 1, NOTE_SPAN],
    rows: figures.map((f) => [f.label, f.value, f.value === null ? shortReason(f.note) : f.note ?? ""]),
    cellNotes: figures.flatMap((f, i) => (f.value === null ? [{ row: i, col: 1, text: sentence(f.note ?? "not known") }] : [])),
  };
}

/** "not known: only 0 of 8 lost deals carry an amount" (the parenthesis goes to the cell's note). */
function shortReason(note: string | undefined): string {
  const n = note && /^not known/.test(note) ? note : "not known";
  return n.replace(/ \(.*\)$/, "");
}

function sentence(note: string): string {
  const t = note.replace(/^not known: /, "Not known: ");
  return /[.!?]$/.test(t) ? t : `${t}.`;
}
