/**
 * The worksheet scanner: walks the sheet XML bytes tag by tag and writes each cell's value straight into
 * the sheet's typed columns (numbers, shared-string codes, booleans, inline and formula strings, errors,
 * ISO dates as serials). Handles prefixed names (`<x:c>`), rows and cells without `r=`, hidden rows and
 * the task pane's owner property. Refuses rows and columns beyond Excel's grid, rows out of order and
 * text over Excel's cell limit, with the cell's address.
 */
import { MAX_CELL_TEXT, MAX_COLUMN, MAX_ROW } from "../limits";
import { CellKind, cutText, SheetLimitError, type SheetBuilder } from "../../pipeline/sheet";
import { columnLetter } from "../../pipeline/text";
import { OWNER_PROPERTY } from "../../report/types";
import { serialFromIso } from "./dates";
import { APOS, GT, LT, QUOTE, SLASH, attr, decodeText, indexOfByte, nameIs, readTag, textCode, type Tag, type TextInterner } from "./xml";
import type { SharedStrings } from "./workbook";

/** A located refusal: the message names the sheet and cell. */
export class CellError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CellError";
  }
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * A number's text as JavaScript's Number() reads it. Up to 15 significant digits and 22 decimals the
 * integer and one division by an exact power of ten round correctly (Clinger's fast path); anything else
 * goes through Number(). NaN for text that is no number.
 */
export function parseNumber(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let neg = false;
  if (i < e && b[i] === 0x2d) {
    neg = true;
    i++;
  }
  let mant = 0;
  let digits = 0;
  let scale = 0;
  while (i < e) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
    digits++;
    i++;
  }
  if (i < e && b[i] === 0x2e) {
    i++;
    while (i < e) {
      const d = b[i] - 0x30;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      digits++;
      scale++;
      i++;
    }
  }
  if (i === e && digits > 0 && digits <= 15 && scale <= 22) {
    const v = scale === 0 ? mant : mant / POW10[scale];
    return neg ? -v : v;
  }
  const text = (b as Buffer).toString("latin1", s, e).trim();
  return text === "" ? NaN : Number(text);
}

export interface SheetScanState {
  builder: SheetBuilder;
  interner: TextInterner;
  shared: SharedStrings;
  date1904: boolean;
  /** Set when the task pane's owner property is seen. */
  ownerProperty: boolean;
  /** Saw </sheetData> and </worksheet>: the part was read to its end. */
  sawSheetDataEnd: boolean;
  sawEnd: boolean;
  /** Sheet row of the current <row> (0 before the first). */
  row: number;
  /** The current row's number came from its r= (else from the cells or counting). */
  rowStarted: boolean;
  /** 1-based column of the last cell seen in this row. */
  column: number;
}

export function newScanState(builder: SheetBuilder, interner: TextInterner, shared: SharedStrings, date1904: boolean): SheetScanState {
  return { builder, interner, shared, date1904, ownerProperty: false, sawSheetDataEnd: false, sawEnd: false, row: 0, rowStarted: false, column: 0 };
}

const tag: Tag = { start: 0, end: 0, nameStart: 0, nameEnd: 0, closing: false, selfClosing: false };
const inner: Tag = { start: 0, end: 0, nameStart: 0, nameEnd: 0, closing: false, selfClosing: false };

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

/** Is the local name of `t` the single letter `ch`? */
function isName1(b: Uint8Array, t: Tag, ch: number): boolean {
  return t.nameEnd - t.nameStart === 1 && b[t.nameStart] === ch;
}

/**
 * Scan whole elements of b[start, end); returns where it stopped (the start of an element not complete
 * in these bytes). Throws CellError / SheetLimitError with a located message.
 */
export function scanSheet(st: SheetScanState, b: Buffer, start: number, end: number): number {
  let p = start;
  const builder = st.builder;
  for (;;) {
    const lt = indexOfByte(b, LT, p, end);
    if (lt < 0) return end;
    // The usual case, an unprefixed <c ...>: parsed without a separate tag read.
    if (b[lt + 1] === 0x63) {
      const n2 = b[lt + 2];
      if (n2 === 0x20 || n2 === GT || n2 === SLASH || n2 === 0x09 || n2 === 0x0a || n2 === 0x0d) {
        const next = cell(st, b, lt + 2, end);
        if (next < 0) return lt;
        p = next;
        continue;
      }
    }
    // <row ...> and </row>, unprefixed: attributes read in one pass.
    if (b[lt + 1] === 0x72 && b[lt + 2] === 0x6f && b[lt + 3] === 0x77) {
      const n4 = b[lt + 4];
      if (n4 === 0x20 || n4 === GT || n4 === SLASH || n4 === 0x09 || n4 === 0x0a || n4 === 0x0d) {
        const next = rowTag(st, b, lt + 4, end);
        if (next < 0) return lt;
        p = next;
        continue;
      }
    } else if (b[lt + 1] === SLASH && b[lt + 2] === 0x72 && b[lt + 3] === 0x6f && b[lt + 4] === 0x77 && b[lt + 5] === GT) {
      st.rowStarted = false;
      p = lt + 6;
      continue;
    }
    if (!readTag(b, lt, end, tag)) return lt;
    const n = tag.nameEnd - tag.nameStart;
    const c0 = b[tag.nameStart];
    if (n === 1 && c0 === 0x63 /* c */ && !tag.closing) {
      const next = cell(st, b, tag.nameEnd, end);
      if (next < 0) return lt;
      p = next;
      continue;
    }
    p = tag.end;
    if (n === 3 && c0 === 0x72 && b[tag.nameStart + 1] === 0x6f && b[tag.nameStart + 2] === 0x77 /* row */) {
      if (!tag.closing) startRow(st, b);
      else st.rowStarted = false;
      continue;
    }
    if (tag.closing || tag.selfClosing) {
      if (nameIs(b, tag, "sheetData")) st.sawSheetDataEnd = true;
      else if (nameIs(b, tag, "worksheet") && tag.closing) st.sawEnd = true;
      if (tag.closing) continue;
    }
    if (nameIs(b, tag, "customPr")) {
      if (attr(b, tag, "name") === OWNER_PROPERTY) st.ownerProperty = true;
    } else if (nameIs(b, tag, "dimension")) {
      const ref = attr(b, tag, "ref") ?? "";
      const m = /(\d+)$/.exec(ref);
      if (m) builder.rowHint = Math.min(MAX_ROW, Number(m[1]));
    }
  }
}

const span = { start: 0, end: 0 };

/**
 * The attributes of an unprefixed <row> start tag from its name's end: r= and hidden= in one pass.
 * Returns the index past its ">", or -1 when the tag is not complete in these bytes.
 */
function rowTag(st: SheetScanState, b: Buffer, p: number, end: number): number {
  let r = 0;
  let hidden = false;
  for (;;) {
    if (p >= end) return -1;
    const c = b[p];
    if (c === GT) break;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH) {
      p++;
      continue;
    }
    const ns = p;
    while (p < end && b[p] !== 0x3d && b[p] !== GT) p++;
    if (p >= end) return -1;
    if (b[p] === GT) break;
    let ne = p;
    while (ne > ns && (b[ne - 1] === 0x20 || b[ne - 1] === 0x09)) ne--;
    p++;
    while (p < end && b[p] !== QUOTE && b[p] !== APOS) p++;
    if (p >= end) return -1;
    const vs = p + 1;
    const ve = indexOfByte(b, b[p], vs, end);
    if (ve < 0) return -1;
    p = ve + 1;
    const n = ne - ns;
    if (n === 1 && b[ns] === 0x72 /* r */) r = digits(b, vs, ve);
    else if (n === 6 && b[ns] === 0x68 && b[ns + 1] === 0x69 && b[ns + 2] === 0x64 && b[ns + 3] === 0x64 && b[ns + 4] === 0x65 && b[ns + 5] === 0x6e /* hidden */) {
      const v = b[vs];
      hidden = ve > vs && (v === 0x31 /* 1 */ || v === 0x74 /* t(rue) */);
    }
  }
  beginRow(st, r, hidden);
  return p + 1;
}

function startRow(st: SheetScanState, b: Buffer): void {
  let r = 0;
  if (attrRaw(b, tag, 0x72 /* r */)) r = digits(b, span.start, span.end);
  beginRow(st, r, hiddenAttr(b));
}

/** A <row> with number r (0: none given, -1: not a number) starts. */
function beginRow(st: SheetScanState, r: number, hidden: boolean): void {
  const next = r > 0 ? r : st.row + 1;
  if (r < 0 || next > MAX_ROW) {
    throw new CellError(`row ${r > 0 ? r.toLocaleString("en-US") : "number"} is beyond Excel's last row ${MAX_ROW.toLocaleString("en-US")}: the file is damaged`);
  }
  if (next < st.row) throw new CellError(`rows are out of order (row ${next} after row ${st.row}): the file is damaged`);
  st.row = next;
  st.rowStarted = true;
  st.column = 0;
  if (hidden) st.builder.hiddenRows.push(next);
}

/** Digits of an attribute value as a number; -1 when it holds anything else or is absurd. */
function digits(b: Uint8Array, s: number, e: number): number {
  if (s === e || e - s > 12) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = b[i] - 0x30;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

function hiddenAttr(b: Uint8Array): boolean {
  if (!attrRawName(b, tag, "hidden")) return false;
  const c = b[span.start];
  return c === 0x31 /* 1 */ || c === 0x74 /* t(rue) */;
}

/** A one-letter attribute (r, t) of the current tag, without a prefix; its value span in `span`. */
function attrRaw(b: Uint8Array, t: Tag, letter: number): boolean {
  let p = t.nameEnd;
  const limit = t.end - 1;
  while (p < limit) {
    // find the next attribute name start
    const c = b[p];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH) {
      p++;
      continue;
    }
    const ns = p;
    while (p < limit && b[p] !== 0x3d /* = */) p++;
    let ne = p;
    while (ne > ns && (b[ne - 1] === 0x20 || b[ne - 1] === 0x09)) ne--;
    p++;
    while (p < limit && b[p] !== QUOTE && b[p] !== APOS) p++;
    const q = b[p];
    const vs = p + 1;
    let ve = vs;
    while (ve < limit && b[ve] !== q) ve++;
    p = ve + 1;
    if (ne - ns === 1 && b[ns] === letter) {
      span.start = vs;
      span.end = ve;
      return true;
    }
  }
  return false;
}

function attrRawName(b: Uint8Array, t: Tag, name: string): boolean {
  let p = t.nameEnd;
  const limit = t.end - 1;
  while (p < limit) {
    const c = b[p];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH) {
      p++;
      continue;
    }
    const ns = p;
    while (p < limit && b[p] !== 0x3d) p++;
    let ne = p;
    while (ne > ns && (b[ne - 1] === 0x20 || b[ne - 1] === 0x09)) ne--;
    p++;
    while (p < limit && b[p] !== QUOTE && b[p] !== APOS) p++;
    const q = b[p];
    const vs = p + 1;
    let ve = vs;
    while (ve < limit && b[ve] !== q) ve++;
    p = ve + 1;
    if (ne - ns === name.length) {
      let same = true;
      for (let i = 0; i < name.length; i++) if (b[ns + i] !== name.charCodeAt(i)) same = false;
      if (same) {
        span.start = vs;
        span.end = ve;
        return true;
      }
    }
  }
  return false;
}

function cellType(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  const c = b[s];
  if (n === 1) {
    if (c === 0x73) return T_SHARED; // s
    if (c === 0x6e) return T_NUMBER; // n
    if (c === 0x62) return T_BOOL; // b
    if (c === 0x65) return T_ERROR; // e
    if (c === 0x64) return T_DATE; // d
  } else if (n === 3 && c === 0x73) return T_STR; // str
  else if (n === 9 && c === 0x69) return T_INLINE; // inlineStr
  return T_NUMBER;
}

const pieces: string[] = [];

/**
 * One <c> element from b[lt] (its start tag already read into `tag`). Returns the index past it, or -1
 * when the element is not complete in these bytes.
 */
function cell(st: SheetScanState, b: Buffer, nameEnd: number, end: number): number {
  // Attributes: r (address) and t (type); s (style) and others are not needed.
  let column = 0;
  let cellRow = 0;
  let type = T_NUMBER;
  let selfClosing = false;
  let p = nameEnd;
  for (;;) {
    if (p >= end) return -1;
    const c = b[p];
    if (c === GT) break;
    if (c === SLASH) {
      if (p + 1 >= end) return -1;
      if (b[p + 1] === GT) {
        selfClosing = true;
        p++;
        break;
      }
      p++;
      continue;
    }
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      p++;
      continue;
    }
    const ns = p;
    while (p < end && b[p] !== 0x3d && b[p] !== GT) p++;
    if (p >= end) return -1;
    let ne = p;
    while (ne > ns && (b[ne - 1] === 0x20 || b[ne - 1] === 0x09)) ne--;
    p++;
    while (p < end && b[p] !== QUOTE && b[p] !== APOS) p++;
    if (p >= end) return -1;
    const vs = p + 1;
    const ve = indexOfByte(b, b[p], vs, end);
    if (ve < 0) return -1;
    p = ve + 1;
    if (ne - ns !== 1) continue;
    if (b[ns] === 0x72 /* r */) {
      let i = vs;
      for (; i < ve; i++) {
        const ch = b[i] | 0x20; // letters either case
        if (ch < 0x61 || ch > 0x7a) break;
        column = column * 26 + (ch - 0x60);
        if (column > MAX_COLUMN) break;
      }
      let row = 0;
      for (; i < ve; i++) {
        const d = b[i] - 0x30;
        if (d < 0 || d > 9) {
          row = -1;
          break;
        }
        row = row * 10 + d;
        if (row > MAX_ROW) break;
      }
      cellRow = row;
    } else if (b[ns] === 0x74 /* t */) type = cellType(b, vs, ve);
  }
  const tagEnd = p + 1;
  // The element's content: <v>, <is>, <f> (ignored); find its end first so a split cell waits whole.
  let vStart = -1;
  let vEnd = -1;
  let isStart = -1;
  let after = tagEnd;
  if (!selfClosing) {
    p = tagEnd;
    // Fast path: <v>text</v></c>.
    if (p + 3 <= end && b[p] === LT && b[p + 1] === 0x76 && b[p + 2] === GT) {
      const close = indexOfByte(b, LT, p + 3, end);
      if (close < 0 || close + 8 > end) return -1;
      if (b[close + 1] === SLASH && b[close + 2] === 0x76 && b[close + 3] === GT && b[close + 4] === LT && b[close + 5] === SLASH && b[close + 6] === 0x63 && b[close + 7] === GT) {
        vStart = p + 3;
        vEnd = close;
        after = close + 8;
      }
    }
    if (vStart < 0) {
      for (;;) {
        const q = indexOfByte(b, LT, p, end);
        if (q < 0 || !readTag(b, q, end, inner)) return -1;
        p = inner.end;
        if (isName1(b, inner, 0x63 /* c */) && inner.closing) break;
        if (inner.closing || inner.selfClosing) continue;
        if (isName1(b, inner, 0x76 /* v */)) {
          const close = indexOfByte(b, LT, p, end);
          if (close < 0) return -1;
          vStart = p;
          vEnd = close;
          p = close;
        } else if (isName1(b, inner, 0x66 /* f */)) {
          const close = indexOfByte(b, LT, p, end);
          if (close < 0) return -1;
          p = close;
        } else if (inner.nameEnd - inner.nameStart === 2 && b[inner.nameStart] === 0x69 && b[inner.nameStart + 1] === 0x73 /* is */) {
          isStart = p;
        }
      }
      after = p;
    }
  }
  // Where the cell sits: its r=, or the next column; its row from the <row>, else from its r=, else counting.
  if (column === 0) column = st.column + 1;
  if (column > MAX_COLUMN) throw new CellError(`a cell is beyond Excel's last column XFD (in row ${st.row || cellRow}): the file is damaged`);
  if (!st.rowStarted) {
    const r = cellRow > 0 ? cellRow : st.row + (st.column === 0 || column <= st.column ? 1 : 0);
    if (r > MAX_ROW || cellRow < 0) throw new CellError(`row ${r.toLocaleString("en-US")} is beyond Excel's last row ${MAX_ROW.toLocaleString("en-US")}: the file is damaged`);
    if (r < st.row) throw new CellError(`rows are out of order (row ${r} after row ${st.row}): the file is damaged`);
    if (r !== st.row) st.column = 0;
    st.row = r;
  } else if (cellRow > MAX_ROW) {
    throw new CellError(`row ${cellRow.toLocaleString("en-US")} is beyond Excel's last row ${MAX_ROW.toLocaleString("en-US")}: the file is damaged`);
  }
  st.column = column;
  if (vStart < 0 && isStart < 0) return after;
  const builder = st.builder;
  const col = column - 1;
  try {
    switch (type) {
      case T_NUMBER: {
        if (vStart < 0) return after;
        const v = parseNumber(b, vStart, vEnd);
        if (v === v) {
          if (builder.currentRow !== st.row) builder.startRow(st.row);
          builder.setNumber(col, v);
        } else setText(st, b, vStart, vEnd, col, CellKind.STRING);
        return after;
      }
      case T_SHARED: {
        if (vStart < 0) return after;
        const i = digitsOf(b, vStart, vEnd);
        const shared = st.shared;
        if (i < 0 || i >= shared.count) {
          throw new CellError(`cell ${where(st, col)} refers to shared string ${i < 0 ? "?" : i + 1} of ${shared.count}: the file is damaged`);
        }
        const code = shared.codes[i];
        if (shared.tooLong.size > 0) {
          const long = shared.tooLong.get(i);
          if (long !== undefined) noteCut(st, col, long);
        }
        if (builder.currentRow !== st.row) builder.startRow(st.row);
        builder.setCode(col, CellKind.STRING, code);
        return after;
      }
      case T_BOOL: {
        if (vStart < 0) return after;
        if (builder.currentRow !== st.row) builder.startRow(st.row);
        const c = b[vStart];
        builder.setBoolean(col, c === 0x31 || c === 0x74);
        return after;
      }
      case T_ERROR:
        if (vStart >= 0) setText(st, b, vStart, vEnd, col, CellKind.ERROR);
        return after;
      case T_DATE: {
        if (vStart < 0) return after;
        const text = decodeText(b, vStart, vEnd);
        const serial = serialFromIso(text, st.date1904);
        if (serial === undefined) setText(st, b, vStart, vEnd, col, CellKind.STRING);
        else {
          if (builder.currentRow !== st.row) builder.startRow(st.row);
          builder.setNumber(col, serial);
        }
        return after;
      }
      case T_INLINE:
        if (isStart >= 0) inlineString(st, b, isStart, after, col);
        else setText(st, b, vStart, vEnd, col, CellKind.STRING);
        return after;
      default:
        if (vStart >= 0) setText(st, b, vStart, vEnd, col, CellKind.STRING);
        return after;
    }
  } catch (e) {
    if (e instanceof SheetLimitError) throw new CellError(`${e.message} (at cell ${where(st, col)})`);
    throw e;
  }
}

function digitsOf(b: Uint8Array, s: number, e: number): number {
  while (s < e && (b[s] === 0x20 || b[s] === 0x0a || b[s] === 0x0d || b[s] === 0x09)) s++;
  while (e > s && (b[e - 1] === 0x20 || b[e - 1] === 0x0a || b[e - 1] === 0x0d || b[e - 1] === 0x09)) e--;
  return digits(b, s, e);
}

function where(st: SheetScanState, col: number): string {
  return `${columnLetter(col + 1)}${st.row}`;
}

/** A cell whose text was longer than Excel's limit and is kept cut (length < 0: bytes, not characters). */
function noteCut(st: SheetScanState, col: number, length: number): void {
  const builder = st.builder;
  if (builder.currentRow !== st.row) builder.startRow(st.row);
  builder.noteCut(col, Math.abs(length), length < 0);
}

const lengthOut = [0];

function setText(st: SheetScanState, b: Buffer, s: number, e: number, col: number, kind: CellKind.STRING | CellKind.ERROR): void {
  const code = textCode(st.interner, b, s, e, MAX_CELL_TEXT, lengthOut);
  if (lengthOut[0] !== 0) noteCut(st, col, lengthOut[0]);
  const builder = st.builder;
  if (builder.currentRow !== st.row) builder.startRow(st.row);
  builder.setCode(col, kind, code);
}

/** <is> rich or plain inline text: every <t> outside phonetic runs, joined. */
function inlineString(st: SheetScanState, b: Buffer, from: number, to: number, col: number): void {
  pieces.length = 0;
  let bytes = 0;
  let phonetic = 0;
  let p = from;
  for (;;) {
    const q = indexOfByte(b, LT, p, to);
    if (q < 0 || !readTag(b, q, to, inner)) break;
    p = inner.end;
    if (nameIs(b, inner, "is") && inner.closing) break;
    if (nameIs(b, inner, "rPh")) {
      if (!inner.selfClosing) phonetic += inner.closing ? -1 : 1;
      continue;
    }
    if (!isName1(b, inner, 0x74 /* t */) || inner.closing || inner.selfClosing) continue;
    const close = indexOfByte(b, LT, p, to);
    if (close < 0) break;
    if (phonetic === 0) {
      // Decode only what can be kept: past 4 bytes a character, the text is cut anyway.
      if (bytes <= MAX_CELL_TEXT * 4) pieces.push(decodeText(b, p, Math.min(close, p + MAX_CELL_TEXT * 4 - bytes + 1)));
      bytes += close - p;
    }
    p = close;
  }
  const text = pieces.join("");
  if (bytes > MAX_CELL_TEXT * 4) noteCut(st, col, -bytes);
  else if (text.length > MAX_CELL_TEXT) noteCut(st, col, text.length);
  const builder = st.builder;
  if (builder.currentRow !== st.row) builder.startRow(st.row);
  builder.setCode(col, CellKind.STRING, st.interner.codeString(cutText(text, MAX_CELL_TEXT)));
}

