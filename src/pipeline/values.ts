/**
 * Cell values → numbers: amounts with currency symbols or codes, thousands separators, (negative)
 * parentheses, percentages, K/M/B suffixes; and error cells. Numeric cells never reach the text parser.
 */

/** Excel error values as Office.js and file readers give them (text starting with "#"). */
const ERROR_CODES = new Set([
  "#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#GETTING_DATA",
  "#BUSY!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!", "#TIMEOUT!",
]);

/** True for an Excel error cell: "#N/A", "#REF!" and any "#WORD!" / "#WORD?" shaped text. */
export function isErrorText(s: string): boolean {
  if (s.length < 2 || s.charCodeAt(0) !== 35 /* # */) return false;
  const t = s.trim().toUpperCase();
  if (ERROR_CODES.has(t)) return true;
  // Office.js may give newer or localized error names; they share the "#NAME!" / "#NAME?" shape.
  const last = t.charCodeAt(t.length - 1);
  if (last !== 33 && last !== 63) return false;
  for (let i = 1; i < t.length - 1; i++) {
    const c = t.charCodeAt(i);
    const ok = (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 47 || c === 95;
    if (!ok) return false;
  }
  return true;
}

/** Blank as Office.js gives it ("" / null) or as a reader might (undefined, whitespace-only text). */
export function isBlankCell(v: unknown): boolean {
  if (v === "" || v === null || v === undefined) return true;
  if (typeof v === "string") return v.trim() === "";
  return false;
}

/** Why a text could not be read as a number; set by parseNumberText (no allocation per call). */
export enum NumberIssue {
  None = 0,
  Blank = 1,
  Error = 2,
  NotNumber = 3,
}

export interface NumberParseState {
  issue: NumberIssue;
  percent: boolean;
  /**
   * The text had one "." followed by exactly three digits and at most three before it ("1.054"): read as
   * 1.054 here, but a column that writes "." between thousands (German, Dutch, Spanish exports) means 1054.
   */
  dotGroup: boolean;
  /** "," was the decimal mark ("12,50", "1.234,56"). */
  commaDecimal: boolean;
  /** "." was a decimal mark that cannot be a thousands separator ("12.5", "1234.50"). */
  dotDecimal: boolean;
}

/** Shared out-parameter of parseNumberText, read right after the call. */
export const numberParse: NumberParseState = { issue: NumberIssue.None, percent: false, dotGroup: false, commaDecimal: false, dotDecimal: false };

/** How a plain numeral's "." reads: sets dotGroup or dotDecimal (no allocation). */
function noteDot(s: string): void {
  const dot = s.indexOf(".");
  if (dot < 0) return;
  let before = 0;
  for (let i = 0; i < dot; i++) if (isDigit(s.charCodeAt(i))) before++;
  const after = s.length - dot - 1;
  let digitsAfter = 0;
  for (let i = dot + 1; i < s.length; i++) if (isDigit(s.charCodeAt(i))) digitsAfter++;
  if (after === 3 && digitsAfter === 3 && before >= 1 && before <= 3) numberParse.dotGroup = true;
  else numberParse.dotDecimal = true;
}

const CURRENCY_SYMBOLS = "$€£¥₹₩₽₺₪₫฿₱₴₦¢";
const CURRENCY_CODES = new Set([
  "usd", "eur", "gbp", "jpy", "cny", "inr", "brl", "cad", "aud", "chf", "sek", "nok", "dkk", "nzd", "mxn",
  "zar", "sgd", "hkd", "pln", "czk", "huf", "krw", "rub", "try", "ils", "r$", "us$", "a$", "c$", "rs",
]);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Reads a number from text such as "$1,234.50", "(1,200)", "1.234,50 €", "EUR 12k", "25%", "1 200".
 * Returns NaN when the text is not a number and says why in `numberParse.issue`.
 * A single "," followed by exactly three digits is a thousands separator ("1,234" = 1234); otherwise a
 * lone "," is the decimal mark ("12,5" = 12.5). With both "." and ",", the later one is the decimal mark.
 */
export function parseNumberText(raw: string): number {
  numberParse.issue = NumberIssue.None;
  numberParse.percent = false;
  numberParse.dotGroup = false;
  numberParse.commaDecimal = false;
  numberParse.dotDecimal = false;
  const plain = plainDecimal(raw);
  if (plain === plain) return plain;
  let s = raw.trim();
  if (s === "") {
    numberParse.issue = NumberIssue.Blank;
    return NaN;
  }
  if (s.charCodeAt(0) === 35 && isErrorText(s)) {
    numberParse.issue = NumberIssue.Error;
    return NaN;
  }
  // Plain decimal text is the common case: let the engine's own parser take it.
  const direct = Number(s);
  if (direct === direct && s.charCodeAt(s.length - 1) !== 46 && isPlainNumeral(s)) {
    if (s.length >= 3 && s.indexOf("e") < 0 && s.indexOf("E") < 0) noteDot(s);
    return direct;
  }

  let negative = false;
  if (s.charCodeAt(0) === 40 && s.charCodeAt(s.length - 1) === 41) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  let multiplier = 1;
  // Strip currency, sign and percent from both ends, in any order ("-$1,200", "$-1,200", "1,200 USD").
  for (let guard = 0; guard < 8; guard++) {
    const before = s;
    s = s.trim();
    const first = s.charAt(0);
    const last = s.charAt(s.length - 1);
    if (first === "-" || first === "\u2212") {
      negative = !negative;
      s = s.slice(1);
    } else if (first === "+") s = s.slice(1);
    else if (CURRENCY_SYMBOLS.includes(first) && first !== "") s = s.slice(1);
    else if (last === "%") {
      multiplier /= 100;
      numberParse.percent = true;
      s = s.slice(0, -1);
    } else if (last === "-" && s.length > 1) {
      negative = !negative; // accounting exports write 1,200-
      s = s.slice(0, -1);
    } else if (CURRENCY_SYMBOLS.includes(last) && last !== "") s = s.slice(0, -1);
    else {
      const lead = /^([A-Za-z]{1,3}\$?)\s*(?=[\d.,(-])/.exec(s);
      const trail = /(?<=[\d.,)])\s*([A-Za-z]{1,3}\$?)$/.exec(s);
      if (lead && CURRENCY_CODES.has(lead[1].toLowerCase())) s = s.slice(lead[0].length);
      else if (trail && CURRENCY_CODES.has(trail[1].toLowerCase())) s = s.slice(0, s.length - trail[0].length);
      else if (trail && /^(k|m|mm|bn|b)$/i.test(trail[1])) {
        const unit = trail[1].toLowerCase();
        multiplier *= unit === "k" ? 1e3 : unit === "b" || unit === "bn" ? 1e9 : 1e6;
        s = s.slice(0, s.length - trail[0].length);
      }
    }
    if (s === before) break;
  }
  if (s.charCodeAt(0) === 40 && s.charCodeAt(s.length - 1) === 41) {
    negative = !negative;
    s = s.slice(1, -1).trim();
  }
  const n = parseGroupedDigits(s);
  if (n !== n) {
    numberParse.issue = NumberIssue.NotNumber;
    numberParse.percent = false;
    return NaN;
  }
  const v = (negative ? -n : n) * multiplier;
  return multiplier === 1 ? v : roundFloat(v);
}

/** Exact powers of ten as doubles (10^22 is the last one a double holds exactly). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * The commonest amount text, "-?digits(.digits)?" with at most 15 digits, read by hand (a third of the time
 * Number() takes, which matters over millions of cells). The digits as an integer m < 10^15 and 10^k are
 * both exact doubles, so m / 10^k is the double nearest the decimal: the same number Number() gives.
 * Sets dotGroup / dotDecimal as noteDot() does. NaN when the text has any other shape (then read below).
 */
function plainDecimal(s: string): number {
  const n = s.length;
  if (n === 0 || n > 17) return NaN;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  let m = 0;
  let before = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
    before++;
  }
  if (before === 0) return NaN;
  let after = 0;
  if (i < n) {
    if (s.charCodeAt(i) !== 46) return NaN;
    for (i++; i < n; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return NaN;
      m = m * 10 + d;
      after++;
    }
    if (after === 0 || before + after > 15) return NaN;
    if (n >= 3) {
      if (after === 3 && before <= 3) numberParse.dotGroup = true;
      else numberParse.dotDecimal = true;
    }
  } else if (before > 15) return NaN;
  const v = after === 0 ? m : m / POW10[after];
  return s.charCodeAt(0) === 45 ? -v : v;
}

/** Digits with an optional sign, one "." and an optional exponent: what Number() reads exactly as meant. */
function isPlainNumeral(s: string): boolean {
  let i = 0;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) i = 1;
  let digits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 46 || c === 101 || c === 69 || c === 45 || c === 43) continue;
    else return false;
  }
  return digits > 0;
}

/** "1,234,567.89", "1.234.567,89", "1 234", "1'234" → number; anything else NaN. */
function parseGroupedDigits(s: string): number {
  let commas = 0;
  let dots = 0;
  let lastComma = -1;
  let lastDot = -1;
  let digits = 0;
  let clean = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    else if (c === 44) {
      commas++;
      lastComma = i;
    } else if (c === 46) {
      dots++;
      lastDot = i;
    } else if (c === 32 || c === 0xa0 || c === 0x202f || c === 39 || c === 0x2019) continue;
    else return NaN;
  }
  if (digits === 0) return NaN;
  let decimal = -1;
  if (commas > 0 && dots > 0) decimal = lastComma > lastDot ? lastComma : lastDot;
  else if (dots === 1) decimal = lastDot;
  else if (commas === 1) {
    const after = s.length - lastComma - 1;
    if (after !== 3 || lastComma === 0) decimal = lastComma;
  }
  if ((decimal === lastComma && commas > 1) || (decimal === lastDot && dots > 1)) return NaN;
  if (decimal >= 0 && decimal === lastComma) numberParse.commaDecimal = true;
  else if (decimal >= 0 && decimal === lastDot) {
    if (commas === 0) noteDot(s);
    else numberParse.dotDecimal = true;
  }
  // Thousands separators must split the integer part into groups of three ("1.2.3" is not a number).
  let run = 0;
  let grouped = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) {
      clean += s[i];
      run++;
    } else if (i === decimal) {
      if (grouped && run !== 3) return NaN;
      clean += ".";
      grouped = false;
      run = -Infinity; // digits after the decimal mark are not grouped
    } else {
      if (run === -Infinity || (grouped && run !== 3) || run === 0) return NaN;
      grouped = true;
      run = 0;
    }
  }
  if (grouped && run !== 3) return NaN;
  return Number(clean);
}

function roundFloat(v: number): number {
  return Number.parseFloat(v.toPrecision(15));
}

/**
 * A number from any cell: numbers as they are, text through parseNumberText, booleans and dates are not
 * numbers. Returns NaN and sets `numberParse.issue` when not usable.
 */
export function cellNumber(v: unknown): number {
  if (typeof v === "number") {
    numberParse.issue = NumberIssue.None;
    numberParse.percent = false;
    if (v === v && v !== Infinity && v !== -Infinity) return v;
    numberParse.issue = NumberIssue.NotNumber;
    return NaN;
  }
  if (typeof v === "string") return parseNumberText(v);
  numberParse.percent = false;
  numberParse.issue = v === null || v === undefined ? NumberIssue.Blank : NumberIssue.NotNumber;
  return NaN;
}
