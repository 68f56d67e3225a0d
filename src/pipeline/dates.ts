/**
 * Dates → Excel serial day numbers in the 1900 date system (fraction = time of day).
 * Cells: serial numbers (1900 or 1904 system), Date objects from file readers, and text: ISO
 * (2017-03-01, 2017-03-01T10:20), day/month/year in either order (decided per column from the data),
 * month names (1 Mar 2017, Mar 1, 2017), yyyymmdd, and any of these with a time of day.
 */

import { UNIX_EPOCH_SERIAL, serialToYmd, ymdToSerial } from "../model/calendar";

/** Days between the 1900 and the 1904 date systems' day zero. */
export const DATE1904_OFFSET = 1462;
const MS_PER_DAY = 86400000;
/** Excel's last date, 9999-12-31. */
export const MAX_SERIAL = 2958465;
/** 1910-01-01: a pipeline date before this is a typo or a number that is not a date (e.g. a year). */
export const MIN_PLAUSIBLE_SERIAL = 3654;

/** Civil date → serial (the model's calendar arithmetic, model/calendar.ts). */
export function serialFromParts(year: number, month: number, day: number, dayFraction = 0): number {
  return ymdToSerial(year, month, day) + dayFraction;
}

/** A JS Date from a file reader (ExcelJS gives dates as UTC instants) → serial. */
export function serialFromDate(d: Date): number {
  const t = d.getTime();
  return t === t ? t / MS_PER_DAY + UNIX_EPOCH_SERIAL : NaN;
}

/** Serial → "YYYY-MM-DD" (time of day dropped). */
export function serialToISODate(serial: number): string {
  if (!(serial === serial)) return "";
  const p = serialToYmd(serial);
  const two = (x: number) => (x < 10 ? `0${x}` : String(x));
  return `${String(p.year).padStart(4, "0")}-${two(p.month)}-${two(p.day)}`;
}

/** Serial → { year, month (1-12), day } (the engine's calendar arithmetic). */
export const serialToParts: (serial: number) => { year: number; month: number; day: number } = serialToYmd;

/** A serial from a numeric cell; NaN when it cannot be a pipeline date. */
export function serialFromNumber(v: number, date1904: boolean): number {
  const s = date1904 ? v + DATE1904_OFFSET : v;
  return s >= MIN_PLAUSIBLE_SERIAL && s <= MAX_SERIAL ? s : NaN;
}

/** The shape of a text date, before the column's day/month order is known. */
export type DateShape = "iso" | "ambiguous" | "named" | "serial" | "compact" | "invalid";

export interface TextDate {
  shape: DateShape;
  /** The text as written (trimmed), for examples in messages. */
  text: string;
  /** For "ambiguous": the first two parts as written (a/b/year) and the separator. */
  a: number;
  b: number;
  year: number;
  sep: string;
  /** Resolved serial for every shape except "ambiguous" (NaN when invalid). */
  serial: number;
  dayFraction: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};

/**
 * A time of day after the date: seconds and fractions, AM/PM, and a zone (Z, +01:00, +0100, UTC, GMT+1, CET,
 * "UTC+02:00"). The wall-clock time is kept as written: a deal won at 23:30 in its CRM's time zone stays on
 * that calendar day.
 */
const TIME_RE = /^(?:[T ]\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|(?:UTC|GMT)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[A-Z]{3,5})?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function fullYear(y: number, digits: number): number {
  if (digits > 2) return y;
  return y < 30 ? 2000 + y : 1900 + y; // Excel's two-digit-year window
}

function validSerial(year: number, month: number, day: number, frac: number): number {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return NaN;
  if (day > daysInMonth(year, month)) return NaN;
  const s = serialFromParts(year, month, day, frac);
  return s >= MIN_PLAUSIBLE_SERIAL ? s : NaN;
}

/** Time of day in the rest of the text after the date part; NaN when the rest is not a time. */
function timeFraction(rest: string): number {
  if (rest === "") return 0;
  const m = TIME_RE.exec(rest);
  if (!m) return NaN;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const sec = m[3] ? Number(m[3]) : 0;
  if (m[4]) {
    const pm = m[4].toLowerCase().replace(/\./g, "") === "pm";
    if (h < 1 || h > 12) return NaN;
    h = (h % 12) + (pm ? 12 : 0);
  }
  if (h > 23 || min > 59 || sec > 59) return NaN;
  return (h * 3600 + min * 60 + sec) / 86400;
}

const ISO_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/;
const ABY_RE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(.*)$/;
const NAMED_DMY_RE = /^(\d{1,2})[\s\-./]*([A-Za-z]{3,9})\.?[\s\-./,]*(\d{4}|\d{2})(.*)$/;
const NAMED_MDY_RE = /^([A-Za-z]{3,9})\.?[\s\-./]*(\d{1,2})(?:st|nd|rd|th)?,?[\s\-./]*(\d{4})(.*)$/;

function make(shape: DateShape, serial: number, frac = 0, a = 0, b = 0, year = 0, sep = ""): TextDate {
  return { shape, text: "", a, b, year, sep, serial, dayFraction: frac };
}

/** Reads one text date; day/month order is left open ("ambiguous") when the text alone cannot say. */
export function parseTextDate(raw: string): TextDate {
  const t = readTextDate(raw.trim());
  t.text = raw.trim();
  return t;
}

function readTextDate(s: string): TextDate {
  let m = ISO_RE.exec(s);
  if (m) {
    const frac = timeFraction(m[4]);
    return make("iso", frac === frac ? validSerial(+m[1], +m[2], +m[3], frac) : NaN, frac);
  }
  m = ABY_RE.exec(s);
  if (m) {
    const frac = timeFraction(m[5]);
    if (frac !== frac) return make("invalid", NaN);
    return make("ambiguous", NaN, frac, +m[1], +m[3], fullYear(+m[4], m[4].length), m[2]);
  }
  m = NAMED_DMY_RE.exec(s);
  if (m && MONTHS[m[2].toLowerCase()]) {
    const frac = timeFraction(m[4]);
    const y = fullYear(+m[3], m[3].length);
    return make("named", frac === frac ? validSerial(y, MONTHS[m[2].toLowerCase()], +m[1], frac) : NaN, frac);
  }
  m = NAMED_MDY_RE.exec(s);
  if (m && MONTHS[m[1].toLowerCase()]) {
    const frac = timeFraction(m[4]);
    return make("named", frac === frac ? validSerial(+m[3], MONTHS[m[1].toLowerCase()], +m[2], frac) : NaN, frac);
  }
  if (/^\d{8}$/.test(s)) {
    return make("compact", validSerial(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8), 0));
  }
  if (/^\d{4,7}(\.\d+)?$/.test(s)) {
    return make("serial", serialFromNumber(Number(s), false));
  }
  return make("invalid", NaN);
}

export type DayMonthOrder = "MDY" | "DMY";

/** Resolves an ambiguous text date in the given order (parts above 12 force their own reading). */
export function resolveAmbiguous(t: TextDate, order: DayMonthOrder): number {
  let month = order === "MDY" ? t.a : t.b;
  let day = order === "MDY" ? t.b : t.a;
  if (month > 12 && day <= 12) [month, day] = [day, month];
  return validSerial(t.year, month, day, t.dayFraction);
}

export interface OrderDecision {
  order: DayMonthOrder;
  /** Plain-words reason, e.g. 'cells such as "26-02-2018" have a first part above 12'. */
  reason: string;
  /** Both orders were forced by different cells: ambiguous cells follow the majority. */
  mixed: boolean;
}

/**
 * Decides day/month order for one separator's ambiguous dates in one column, from the data:
 * a first part above 12 can only be a day, a second part above 12 only a day. Without any such cell,
 * "/" is read month first (US) and "-" / "." day first, and the reason says it was assumed.
 */
export function decideOrder(dates: readonly TextDate[], counts: ArrayLike<number>, sep: string): OrderDecision {
  let dayFirst = 0;
  let monthFirst = 0;
  let dayFirstExample = "";
  let monthFirstExample = "";
  for (let i = 0; i < dates.length; i++) {
    const t = dates[i];
    if (t.shape !== "ambiguous" || t.sep !== sep) continue;
    const n = counts[i] || 1;
    if (t.a > 12 && t.b <= 12) {
      dayFirst += n;
      if (!dayFirstExample) dayFirstExample = t.text;
    } else if (t.b > 12 && t.a <= 12) {
      monthFirst += n;
      if (!monthFirstExample) monthFirstExample = t.text;
    }
  }
  const label = (o: DayMonthOrder) => (o === "MDY" ? `M${sep}D${sep}YYYY` : `D${sep}M${sep}YYYY`);
  if (dayFirst > 0 && monthFirst === 0) {
    return { order: "DMY", mixed: false, reason: `read as ${label("DMY")}: ${dayFirst} cell(s) such as "${dayFirstExample}" have a first part above 12, so it is the day` };
  }
  if (monthFirst > 0 && dayFirst === 0) {
    return { order: "MDY", mixed: false, reason: `read as ${label("MDY")}: ${monthFirst} cell(s) such as "${monthFirstExample}" have a second part above 12, so it is the day` };
  }
  if (monthFirst > 0 && dayFirst > 0) {
    const order: DayMonthOrder = monthFirst >= dayFirst ? "MDY" : "DMY";
    return {
      order, mixed: true,
      reason: `mixed orders: ${monthFirst} cell(s) are month first (e.g. "${monthFirstExample}") and ${dayFirst} day first (e.g. "${dayFirstExample}"); each of those is read as it must be, and dates that could be either are read as ${label(order)} (the majority)`,
    };
  }
  const order: DayMonthOrder = sep === "/" ? "MDY" : "DMY";
  return {
    order, mixed: false,
    reason: `assumed ${label(order)}: no cell has a part above 12 to decide it, and "${sep}" is the usual separator for ${order === "MDY" ? "month-first (US)" : "day-first"} dates`,
  };
}
