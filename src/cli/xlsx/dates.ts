import { DATE1904_OFFSET, serialFromParts } from "../../pipeline/dates";

const ISO = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$/;
const TIME = /^\s*(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*$/;

/**
 * A `t="d"` cell's ISO 8601 text → the Excel serial in the workbook's own date system, keeping the wall-clock
 * time written (as the pipeline does for text dates); undefined when the text is no valid date.
 */
export function serialFromIso(text: string, date1904: boolean): number | undefined {
  let m = ISO.exec(text);
  let y = 1899;
  let mo = 12;
  let d = 30;
  let h = 0;
  let mi = 0;
  let s = 0;
  let frac = "";
  if (m) {
    y = Number(m[1]);
    mo = Number(m[2]);
    d = Number(m[3]);
    h = Number(m[4] ?? 0);
    mi = Number(m[5] ?? 0);
    s = Number(m[6] ?? 0);
    frac = m[7] ?? "";
  } else {
    // A time alone is a time of day on Excel's day zero.
    m = TIME.exec(text);
    if (!m) return undefined;
    h = Number(m[1]);
    mi = Number(m[2]);
    s = Number(m[3] ?? 0);
    frac = m[4] ?? "";
    return (h * 3600 + mi * 60 + s + (frac ? Number(`0.${frac}`) : 0)) / 86400;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 60) return undefined;
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1) return undefined;
  const seconds = h * 3600 + mi * 60 + s + (frac ? Number(`0.${frac}`) : 0);
  const serial = serialFromParts(y, mo, d, seconds / 86400);
  return date1904 ? serial - DATE1904_OFFSET : serial;
}
