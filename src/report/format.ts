/** Small helpers the sheet builders share: number formats for metric kinds, A1 addresses, plain-text numbers. */
import { MetricFormat } from "../engine/analysis";
import { serialToISODate } from "../pipeline/dates";
import { columnLetter } from "../pipeline/text";
import { NumberFormatName } from "./types";

export function formatFor(kind: MetricFormat | "text"): NumberFormatName | undefined {
  switch (kind) {
    case "currency":
      return "currency";
    case "percent":
      return "percent";
    case "ratio":
      return "decimal";
    case "days":
      return "days";
    case "months":
      return "months";
    case "count":
      return "integer";
    default:
      return undefined;
  }
}

/** "A1"-style address of a 0-based (row, col). */
export function a1(row: number, col: number): string {
  return `${columnLetter(col + 1)}${row + 1}`;
}

/** A number as text for sentences, in the metric's own unit. */
export function show(x: number, kind: MetricFormat): string {
  if (x === Infinity) return "infinite";
  if (!Number.isFinite(x)) return "n/a";
  switch (kind) {
    case "percent":
      return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
    case "currency":
    case "count":
      return group(Math.round(x));
    case "days":
      return `${Math.round(x)} days`;
    case "months":
      return `${(Math.round(x * 10) / 10).toFixed(1)} months`;
    default:
      return (Math.round(x * 100) / 100).toFixed(2);
  }
}

function group(n: number): string {
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return n < 0 ? `-${s}` : s;
}

/** Signed money for change sentences: "+12,300" / "-4,000". */
export function signed(x: number): string {
  if (!Number.isFinite(x)) return "n/a";
  return `${x >= 0 ? "+" : "-"}${group(Math.round(Math.abs(x)))}`;
}

/** A number cell: non-finite values become empty cells (a blank, not a misleading 0). */
export function numCell(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** ISO date text of an Excel serial (for notes). */
export function serialToIso(serial: number): string {
  return Number.isFinite(serial) ? serialToISODate(serial) : "n/a";
}

/** "1 deal" / "2,400 deals": a count with its noun in the right number. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${group(Math.round(n))} ${Math.round(n) === 1 ? singular : plural}`;
}

/**
 * Engine sentences say "3 deal(s)"; a reader gets "3 deals" or "1 deal". The number nearest before the
 * word decides; a "(s)" with no number before it is read as plural.
 */
export function plainPlurals(text: string): string {
  // Only up to the last "(s)": past it nothing matches, and the pattern would try every position of a long
  // text (a long user text quoted in a message) to the end.
  const last = text.lastIndexOf("(s)");
  if (last < 0) return text;
  const verb = /^ [a-z]+/.exec(text.slice(last + 3, last + 40));
  const cut = last + 3 + (verb ? verb[0].length : 0);
  if (cut < text.length) return plainPlurals(text.slice(0, cut)) + text.slice(cut);
  return text.replace(/(\d[\d,]*(?:\.\d+)?)?((?:[^\d(]|\((?!s\)))*?)\b([A-Za-z-]+)\(s\)( [a-z]+)?/g, (_m, num: string | undefined, between: string, word: string, verb?: string) => {
    const one = num !== undefined && Number(num.replace(/,/g, "")) === 1;
    const v = verb ? ` ${one ? SINGULAR_VERBS[verb.trim()] ?? verb.trim() : verb.trim()}` : "";
    return `${num ?? ""}${between}${one ? word : `${word}s`}${v}`;
  });
}

/** The verbs engine sentences put after a counted noun, in the singular. */
const SINGULAR_VERBS: Record<string, string> = {
  have: "has",
  are: "is",
  were: "was",
  do: "does",
  name: "names",
  count: "counts",
  sit: "sits",
  close: "closes",
  belong: "belongs",
  go: "goes",
  lack: "lacks",
};

/** Thousands separators in every whole number of four or more digits in a sentence ("1234 deals" -> "1,234 deals"). */
export function groupNumbers(text: string): string {
  // not inside dates (2017-12-31), periods (2017-Q4), decimals or cell addresses (C1234)
  return text.replace(/(?<![\d.,:A-Za-z-])(\d{4,})(?![\d-]|\.\d|-Q)/g, (m) => (/^(19|20)\d\d$/.test(m) ? m : group(Number(m))));
}

/** A sentence as a reader should get it: plain plurals and grouped thousands. */
export function plain(text: string): string {
  return groupNumbers(plainPlurals(text));
}
