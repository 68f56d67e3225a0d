/**
 * What a column's values look like (dates, numbers, yes/no, stage words, text), from an even sample of rows:
 * to check a mapping by content (a "Closed" checkbox is not a close date; a column of dates is not an
 * amount) and to suggest the `--map` a message offers (never a date column or a catalogue size for amount).
 */
import type { FieldMapping } from "./types";
import { parseTextDate } from "./dates";
import { booleanValue, classifyStage } from "./stages";
import { cellNumber } from "./values";
import type { Table } from "./table";
import { headerWords } from "./headers";

/** Rows sampled per column. */
export const CONTENT_SAMPLE = 200;

export interface ContentProfile {
  filled: number;
  numbers: number;
  /** Cells that are dates: Date objects, text dates, and integer serials in a narrow band (see `serialLike`). */
  dates: number;
  textDates: number;
  yesNo: number;
  stages: number;
  /** Numbers that are whole and between 1900 and 2100 (years). */
  years: number;
  /** Smallest and largest number seen. */
  min: number;
  max: number;
  /** Numbers with a fraction. */
  fractions: number;
  /** An example cell of the column (text as shown). */
  example: string;
}

function sampleIndexes(start: number, end: number, size: number): number[] {
  const n = Math.max(0, end - start);
  if (n <= size) return Array.from({ length: n }, (_, i) => start + i);
  const step = n / size;
  return Array.from({ length: size }, (_, i) => start + Math.floor(i * step));
}

export function profileContent(t: Table, start: number, end: number, width: number, skip?: Uint8Array | null): ContentProfile[] {
  const prof: ContentProfile[] = Array.from({ length: width }, () => ({
    filled: 0, numbers: 0, dates: 0, textDates: 0, yesNo: 0, stages: 0, years: 0, min: Infinity, max: -Infinity, fractions: 0, example: "",
  }));
  for (const r of sampleIndexes(start, end, CONTENT_SAMPLE)) {
    if (t.stored(r) < 0 || (skip && skip[r] !== 0)) continue;
    for (let c = 0; c < width; c++) {
      const v = t.cell(r, c);
      if (v === "" || v === null || v === undefined) continue;
      const p = prof[c];
      if (typeof v === "string" && v.trim() === "") continue;
      p.filled++;
      if (p.example === "") p.example = v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim().slice(0, 40);
      if (typeof v === "number") {
        p.numbers++;
        if (v === 0 || v === 1) p.yesNo++;
        if (v < p.min) p.min = v;
        if (v > p.max) p.max = v;
        if (!Number.isInteger(v)) p.fractions++;
        else if (v >= 1900 && v <= 2100) p.years++;
      } else if (typeof v === "boolean") p.yesNo++;
      else if (v instanceof Date) p.dates++;
      else if (typeof v === "string") {
        const t = v.trim();
        if (booleanValue(t) >= 0 && !/^\d+$/.test(t)) p.yesNo++;
        const x = cellNumber(t);
        if (x === x) {
          p.numbers++;
          if (x < p.min) p.min = x;
          if (x > p.max) p.max = x;
          if (!Number.isInteger(x)) p.fractions++;
          else if (x >= 1900 && x <= 2100) p.years++;
          if (t === "0" || t === "1") p.yesNo++;
        } else if (parseTextDate(t).shape !== "invalid") {
          p.dates++;
          p.textDates++;
        } else if (classifyStage(t).known) p.stages++;
      }
    }
  }
  for (const p of prof) {
    // Whole numbers within thirty years of each other between 1982 and 2064 read as Excel serial dates.
    if (p.numbers > 0 && p.fractions * 2 <= p.numbers && p.min >= 30000 && p.max <= 60000 && p.max - p.min <= 11000) p.dates += p.numbers;
  }
  return prof;
}

/** Header words that say a number column is a count, a size or a rate, never a deal's value. */
const NOT_MONEY = new Set([
  "size", "count", "number", "num", "qty", "quantity", "stock", "employees", "employee", "headcount", "year", "years",
  "age", "days", "day", "duration", "id", "probability", "percent", "pct", "rate", "score", "rating", "rank", "index",
  "catalog", "catalogue", "zip", "postcode", "phone", "week", "month", "quarter", "seats", "users", "units",
]);
/** Header words that say a number column is money. */
const MONEY = new Set([
  "amount", "value", "revenue", "price", "total", "sum", "deal", "contract", "booking", "bookings", "acv", "arr",
  "tcv", "mrr", "betrag", "wert", "umsatz", "montant", "valeur", "importe", "monto", "valor", "receita", "bedrag",
]);

export type ContentKind = "dates" | "numbers" | "yes/no" | "stages" | "text";

/** The kind most of a column's sampled cells are, when one kind makes 80% of them. */
export function dominantKind(p: ContentProfile): ContentKind | null {
  if (p.filled === 0) return null;
  const share = (x: number) => x / p.filled >= 0.8;
  if (share(p.yesNo) && (p.numbers < p.filled || (p.min >= 0 && p.max <= 1 && p.fractions === 0))) return "yes/no";
  if (share(p.dates)) return "dates";
  if (share(p.numbers)) return "numbers";
  if (share(p.stages)) return "stages";
  if (p.numbers + p.dates + p.yesNo === 0) return "text";
  return null;
}

/**
 * A number column fit to be a deal's amount: numbers, not dates, not a count or a size by its header, not
 * years; confidence 0.2-0.45 (a suggestion, never a mapping).
 */
export function amountFitness(header: string, p: ContentProfile): number {
  if (p.filled === 0 || p.numbers / p.filled < 0.8 || p.dates / p.filled >= 0.5 || p.textDates > 0) return 0;
  const words = headerWords(header);
  if (words.some((w) => NOT_MONEY.has(w))) return 0;
  if (p.years >= 0.8 * p.numbers) return 0;
  let conf = 0.3;
  if (words.some((w) => MONEY.has(w))) conf += 0.1;
  if (p.fractions > 0) conf += 0.05;
  if (p.max <= 1) conf -= 0.1; // shares and flags
  return Math.max(0, conf);
}

export interface ContentCheck {
  /** The mapping after content moves (a yes/no "Closed" column read as the closed flag, not a close date). */
  mapping: FieldMapping[];
  /** Columns moved from one field to another by content, for the notes. */
  moved: { header: string; from: string; to: string; why: string }[];
  /** Mapped columns whose values look like another field's: for a loud warning. */
  mismatches: { field: string; header: string; column: number; looksLike: ContentKind; example: string; user: boolean }[];
}

const DATE_FIELDS = new Set(["created", "closed", "wonDate", "lostDate", "expectedClose"]);
const NUMBER_FIELDS = new Set(["amount", "estimatedAmount", "price", "probability"]);
const FLAG_FOR: Record<string, string> = { closed: "isClosed", wonDate: "isWon" };
const DATE_FOR: Record<string, string> = { isClosed: "closed", isWon: "wonDate" };

/** Checks each mapped date, number and yes/no column against its values. */
export function checkMappedContent(mapping: readonly FieldMapping[], prof: readonly ContentProfile[]): ContentCheck {
  const out = mapping.slice();
  const moved: ContentCheck["moved"] = [];
  const mismatches: ContentCheck["mismatches"] = [];
  const has = (f: string) => out.some((m) => m.field === f);
  for (let i = 0; i < out.length; i++) {
    const m = out[i];
    const p = prof[m.column];
    if (!p || p.filled === 0) continue;
    const kind = dominantKind(p);
    const user = m.how === "user";
    if (DATE_FIELDS.has(m.field)) {
      if (kind === "yes/no" && !user) {
        const to = FLAG_FOR[m.field];
        if (to && !has(to)) {
          out[i] = { ...m, field: to, how: "content", confidence: 0.9 };
          moved.push({ header: m.header, from: m.field, to, why: "its values are yes/no, not dates" });
        } else {
          out.splice(i--, 1);
          moved.push({ header: m.header, from: m.field, to: "", why: "its values are yes/no, not dates" });
        }
      } else if (kind === "yes/no" || kind === "stages" || (kind === "numbers" && p.max < 3654 && p.dates === 0)) {
        mismatches.push({ field: m.field, header: m.header, column: m.column, looksLike: kind, example: p.example, user });
      }
    } else if (m.field === "isWon" || m.field === "isClosed") {
      if (kind === "dates" && !user) {
        const to = DATE_FOR[m.field];
        if (!has(to)) {
          out[i] = { ...m, field: to, how: "content", confidence: 0.9 };
          moved.push({ header: m.header, from: m.field, to, why: "its values are dates, not yes/no" });
        } else {
          out.splice(i--, 1);
          moved.push({ header: m.header, from: m.field, to: "", why: "its values are dates, not yes/no" });
        }
      } else if (p.yesNo < 0.8 * p.filled && !user) {
        out.splice(i--, 1);
        moved.push({ header: m.header, from: m.field, to: "", why: "its values are not yes/no" });
      }
    } else if (NUMBER_FIELDS.has(m.field)) {
      if (p.textDates >= 0.8 * p.filled || kind === "stages" || (m.field !== "probability" && p.dates >= 0.8 * p.filled && p.numbers < p.filled)) {
        mismatches.push({ field: m.field, header: m.header, column: m.column, looksLike: kind ?? "text", example: p.example, user });
      } else if (kind === "text" && p.filled >= 5) {
        mismatches.push({ field: m.field, header: m.header, column: m.column, looksLike: "text", example: p.example, user });
      }
    }
  }
  return { mapping: out, moved, mismatches };
}
