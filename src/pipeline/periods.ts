/**
 * Period labels as users write them on the inputs sheet → "2017-Q3", "2017-07" or "2017" (the key format and
 * the serial → month reading are the model's calendar, model/calendar.ts).
 * Accepts Q3 2017, 2017 Q3, 2017Q3, Jul 2017, July 2017, 2017-07, 7/2017, a date (its month) or a year.
 */
import { parseTextDate, serialFromDate, serialFromNumber } from "./dates";
import { periodIndexOf, periodLabel } from "../model/calendar";

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const validYear = (y: number) => y >= 1900 && y <= 9999;
const yearKey = (year: number) => periodLabel(year, "year");
const quarterKey = (year: number, q: number) => periodLabel(year * 4 + q - 1, "quarter");
const monthKey = (year: number, month: number) => periodLabel(year * 12 + month - 1, "month");

function monthLabel(serial: number): string | null {
  if (!(serial === serial)) return null;
  return periodLabel(periodIndexOf(serial, "month"), "month");
}

export function normalizePeriod(v: unknown, date1904 = false): string | null {
  if (typeof v === "number") {
    if (Number.isInteger(v) && validYear(v)) return yearKey(v);
    return monthLabel(serialFromNumber(v, date1904));
  }
  if (v instanceof Date) return monthLabel(serialFromDate(v));
  if (typeof v !== "string") return null;
  const s = v.trim().toLowerCase().replace(/^fy\s*/, "");
  let m = /^(\d{4})\s*[-/ ]?\s*q([1-4])$/.exec(s) ?? null;
  if (m) return quarterKey(+m[1], +m[2]);
  m = /^q([1-4])\s*[-/ ]?\s*(\d{4})$/.exec(s);
  if (m) return quarterKey(+m[2], +m[1]);
  m = /^(\d{4})$/.exec(s);
  if (m && validYear(+m[1])) return yearKey(+m[1]);
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(s);
  if (m && +m[2] >= 1 && +m[2] <= 12) return monthKey(+m[1], +m[2]);
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(s);
  if (m && +m[1] >= 1 && +m[1] <= 12) return monthKey(+m[2], +m[1]);
  m = /^([a-z]{3})[a-z]*\.?[\s\-/]*(\d{4})$/.exec(s);
  if (m && MONTHS[m[1]]) return monthKey(+m[2], MONTHS[m[1]]);
  const d = parseTextDate(s);
  if (d.shape !== "ambiguous") return monthLabel(d.serial);
  return null;
}
