/**
 * The serial-date calendar: Excel serial days (1900 date system, as the pipeline delivers them) to civil
 * dates and calendar periods. A period has an absolute index (month: year*12+m, quarter: year*4+q,
 * year: year) and a label ("2017-07", "2017-Q3", "2017"). Arithmetic only: no Date objects, no clock.
 */

export type PeriodKind = "month" | "quarter" | "year";
export const PERIOD_KINDS: readonly PeriodKind[] = ["month", "quarter", "year"];

/** Serial of 1970-01-01 in the 1900 system (Excel counts the fictitious 1900-02-29 as serial 60). */
export const UNIX_EPOCH_SERIAL = 25569;

export interface YearMonthDay {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

/** Civil date of an Excel serial (time of day dropped). Serial 60 is Excel's phantom 1900-02-29. */
export function serialToYmd(serial: number): YearMonthDay {
  const s = Math.floor(serial);
  if (s === 60) return { year: 1900, month: 2, day: 29 };
  // serials below 60 sit one day later than the true calendar because of the phantom leap day
  const days = (s < 60 ? s + 1 : s) - UNIX_EPOCH_SERIAL;
  return civilFromDays(days);
}

/** Excel serial of a civil date (inverse of serialToYmd for dates after 1900-02-28). */
export function ymdToSerial(year: number, month: number, day: number): number {
  const s = daysFromCivil(year, month, day) + UNIX_EPOCH_SERIAL;
  return s <= 60 ? s - 1 : s;
}

// Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): YearMonthDay {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Absolute period index of a serial date; NaN for a missing date. */
export function periodIndexOf(serial: number, kind: PeriodKind): number {
  if (!Number.isFinite(serial)) return NaN;
  const { year, month } = serialToYmd(serial);
  if (kind === "year") return year;
  if (kind === "quarter") return year * 4 + Math.floor((month - 1) / 3);
  return year * 12 + (month - 1);
}

/** Label of an absolute period index: "2017-07", "2017-Q3", "2017" (the one definition of the period key). */
export function periodLabel(index: number, kind: PeriodKind): string {
  if (kind === "year") return yearText(index);
  if (kind === "quarter") return `${yearText(Math.floor(index / 4))}-Q${(index % 4) + 1}`;
  const m = (index % 12) + 1;
  return `${yearText(Math.floor(index / 12))}-${m < 10 ? "0" : ""}${m}`;
}

/** Four-digit year, as parsePeriodLabel reads it back ("0999" for the rare year before 1000). */
function yearText(year: number): string {
  return year >= 0 && year < 1000 ? String(year).padStart(4, "0") : String(year);
}

/** First serial day of a period. */
export function periodStartSerial(index: number, kind: PeriodKind): number {
  if (kind === "year") return ymdToSerial(index, 1, 1);
  if (kind === "quarter") return ymdToSerial(Math.floor(index / 4), (index % 4) * 3 + 1, 1);
  return ymdToSerial(Math.floor(index / 12), (index % 12) + 1, 1);
}

/** First serial day after a period (exclusive end). */
export function periodEndSerial(index: number, kind: PeriodKind): number {
  return periodStartSerial(index + 1, kind);
}

export const PERIODS_PER_YEAR: Record<PeriodKind, number> = { month: 12, quarter: 4, year: 1 };
export const MONTHS_PER_PERIOD: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };
/** Mean length in days, for turning a cycle in days into a lag in periods. */
export const DAYS_PER_PERIOD: Record<PeriodKind, number> = { month: 365.2425 / 12, quarter: 365.2425 / 4, year: 365.2425 };

/** Parse a period label as the inputs sheet normalises it ("2017-Q3", "2017-07", "2017"). */
export function parsePeriodLabel(label: string): { kind: PeriodKind; index: number } | null {
  const s = label.trim();
  let m = /^(\d{4})-?Q([1-4])$/i.exec(s);
  if (m) return { kind: "quarter", index: Number(m[1]) * 4 + Number(m[2]) - 1 };
  m = /^(\d{4})-(\d{1,2})$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { kind: "month", index: Number(m[1]) * 12 + Number(m[2]) - 1 };
  m = /^(\d{4})$/.exec(s);
  if (m) return { kind: "year", index: Number(m[1]) };
  return null;
}

const FINENESS: Record<PeriodKind, number> = { month: 0, quarter: 1, year: 2 };

/**
 * The absolute index, in `kind`, of the period a label names; NaN when the label is coarser than `kind`
 * (a year of spend cannot be split into quarters without guessing) or unreadable.
 */
export function labelToIndex(label: string, kind: PeriodKind): number {
  const p = parsePeriodLabel(label);
  if (!p || FINENESS[p.kind] > FINENESS[kind]) return NaN;
  if (p.kind === kind) return p.index;
  if (p.kind === "month") return kind === "quarter" ? Math.floor(p.index / 3) : Math.floor(p.index / 12);
  return Math.floor(p.index / 4); // quarter -> year
}
