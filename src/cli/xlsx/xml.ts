/**
 * Byte-level helpers for the small XML vocabulary of a workbook: tag names with or without a namespace
 * prefix (`<c>` or `<x:c>`), attributes by local name, and text with XML entities, CR/LF normalised as an
 * XML parser does, and OOXML's `_xHHHH_` escapes. No DOM and no object per element.
 */

import { cutText } from "../../pipeline/sheet";

export const LT = 0x3c; // <
export const GT = 0x3e; // >
export const SLASH = 0x2f; // /
export const QUOTE = 0x22; // "
export const APOS = 0x27; // '
export const COLON = 0x3a; // :
export const EQUALS = 0x3d; // =

/** A name character ends at whitespace, ">", "/" or "=". */
export function isNameEnd(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === GT || c === SLASH || c === EQUALS;
}

/** One tag found at a "<": its local name span, whether it closes (`</x>`) or self-closes (`<x/>`). */
export interface Tag {
  /** Index of "<". */
  start: number;
  /** Index just past ">". */
  end: number;
  /** Local name (after any prefix) span. */
  nameStart: number;
  nameEnd: number;
  closing: boolean;
  selfClosing: boolean;
}

/**
 * Read the tag at b[lt] === "<" up to `limit`, or return false when its ">" is not within the bytes
 * (the caller waits for more). Comments, processing instructions and CDATA are reported with an empty
 * name and skipped whole.
 */
export function readTag(b: Uint8Array, lt: number, limit: number, tag: Tag): boolean {
  let p = lt + 1;
  if (p >= limit) return false;
  const first = b[p];
  if (first === 0x21 /* ! */ || first === 0x3f /* ? */) {
    // <!-- ... -->, <![CDATA[ ... ]]>, <!DOCTYPE ...>, <?xml ... ?>
    let close: number;
    if (b[p + 1] === 0x2d && b[p + 2] === 0x2d) close = indexOfSeq(b, COMMENT_END, p + 3, limit);
    else if (b[p + 1] === 0x5b) close = indexOfSeq(b, CDATA_END, p + 1, limit);
    else close = indexOfByte(b, GT, p, limit);
    if (close < 0) return false;
    tag.start = lt;
    tag.end = first === 0x21 && b[p + 1] === 0x2d ? close + 3 : b[p + 1] === 0x5b ? close + 3 : close + 1;
    tag.nameStart = tag.nameEnd = p;
    tag.closing = tag.selfClosing = false;
    return true;
  }
  const closing = first === SLASH;
  if (closing) p++;
  let nameStart = p;
  while (p < limit && !isNameEnd(b[p])) {
    if (b[p] === COLON) nameStart = p + 1;
    p++;
  }
  const nameEnd = p;
  // Find ">" outside attribute quotes (an attribute value may hold ">").
  let quote = 0;
  for (; p < limit; p++) {
    const c = b[p];
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === QUOTE || c === APOS) quote = c;
    else if (c === GT) break;
  }
  if (p >= limit) return false;
  tag.start = lt;
  tag.end = p + 1;
  tag.nameStart = nameStart;
  tag.nameEnd = nameEnd;
  tag.closing = closing;
  tag.selfClosing = b[p - 1] === SLASH;
  return true;
}

const COMMENT_END = Buffer.from("-->");
const CDATA_END = Buffer.from("]]>");

/** Bytes looked at one by one before handing the search to Buffer.indexOf (a native call costs more than a short loop). */
const NEAR = 48;

/**
 * Index of byte `c` in b[from, limit), or -1. Sheet XML is mostly short spans between tags, so the next
 * few bytes are looked at in a loop first; a long span (text) goes to the native search.
 */
export function indexOfByte(b: Uint8Array, c: number, from: number, limit: number): number {
  const near = from + NEAR < limit ? from + NEAR : limit;
  for (let i = from; i < near; i++) if (b[i] === c) return i;
  if (near >= limit) return -1;
  const i = b.indexOf(c, near);
  return i >= 0 && i < limit ? i : -1;
}

function indexOfSeq(b: Uint8Array, seq: Uint8Array, from: number, limit: number): number {
  const i = Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(seq, from);
  return i >= 0 && i + seq.length <= limit ? i : -1;
}

/** The local name is exactly `name` (ASCII). */
export function nameIs(b: Uint8Array, tag: Tag, name: string): boolean {
  const n = tag.nameEnd - tag.nameStart;
  if (n !== name.length) return false;
  for (let i = 0; i < n; i++) if (b[tag.nameStart + i] !== name.charCodeAt(i)) return false;
  return true;
}

/**
 * The value span [start, end) of the attribute whose local name is `name` inside the tag, or null.
 * `out` receives the span. The value is left raw (entities undecoded).
 */
export function attrSpan(b: Uint8Array, tag: Tag, name: string, out: { start: number; end: number }): boolean {
  let p = tag.nameEnd;
  const limit = tag.end - 1;
  while (p < limit) {
    const c = b[p];
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH) {
      p++;
      continue;
    }
    // attribute name
    let ns = p;
    while (p < limit && !isNameEnd(b[p])) {
      if (b[p] === COLON) ns = p + 1;
      p++;
    }
    const ne = p;
    while (p < limit && b[p] !== EQUALS) p++;
    p++;
    while (p < limit && b[p] !== QUOTE && b[p] !== APOS) p++;
    const q = b[p];
    const vs = p + 1;
    let ve = vs;
    while (ve < limit && b[ve] !== q) ve++;
    p = ve + 1;
    if (ne - ns === name.length) {
      let same = true;
      for (let i = 0; i < name.length; i++) {
        if (b[ns + i] !== name.charCodeAt(i)) {
          same = false;
          break;
        }
      }
      if (same) {
        out.start = vs;
        out.end = ve;
        return true;
      }
    }
  }
  return false;
}

/** An attribute's decoded value, or undefined. */
export function attr(b: Uint8Array, tag: Tag, name: string): string | undefined {
  const span = { start: 0, end: 0 };
  return attrSpan(b, tag, name, span) ? decodeText(b, span.start, span.end) : undefined;
}

/** Text bytes → string: UTF-8, XML line ends normalised, entities and `_xHHHH_` escapes decoded. */
export function decodeText(b: Uint8Array, start: number, end: number): string {
  let ascii = true;
  let amp = false;
  let cr = false;
  let underscore = false;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c >= 0x80) ascii = false;
    else if (c === 0x26) amp = true;
    else if (c === 0x0d) cr = true;
    else if (c === 0x5f) underscore = true;
  }
  const buf = b as Buffer;
  let s = buf.toString(ascii ? "latin1" : "utf8", start, end);
  if (cr) s = s.replace(/\r\n?/g, "\n");
  if (amp) s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, entity);
  if (underscore && s.includes("_x")) s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function entity(_m: string, body: string): string {
  if (body.charCodeAt(0) !== 0x23) return NAMED[body];
  const code = body.charCodeAt(1) === 0x78 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
}

/** Text bytes that decode to themselves as UTF-8 (no entity, CR or `_x` escape to undo). */
export function isPlainText(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c === 0x26 || c === 0x0d || c === 0x5f) return false;
  }
  return true;
}

/** What a text interner must offer the scanners. */
export interface TextInterner {
  code(b: Buffer, start: number, end: number): number;
  codeString(s: string): number;
}

/**
 * The code of the text b[start, end) (decoded), or -1 when it is over `max` characters; `lengthOut[0]`
 * gets the text's length (or a lower bound in bytes/4 when it was not decoded).
 */
export function textCode(t: TextInterner, b: Buffer, start: number, end: number, max: number, lengthOut: number[]): number {
  lengthOut[0] = 0;
  const bytes = end - start;
  if (bytes <= max && isPlainText(b, start, end)) return t.code(b, start, end);
  // Over the limit: only the bytes that can hold `max` characters are decoded, then cut to `max`.
  // lengthOut gets the length found (characters, or bytes when the text was not decoded in full), sign
  // negative for bytes.
  const whole = bytes <= max * 4;
  let stop = whole ? end : start + max * 4;
  // Never decode half a UTF-8 sequence or half an entity at the cut.
  if (!whole) {
    while (stop > start && (b[stop] & 0xc0) === 0x80) stop--;
    const amp = b.lastIndexOf(0x26, stop - 1);
    if (amp >= start && amp > stop - 12) {
      const semi = b.indexOf(0x3b, amp);
      if (semi < 0 || semi >= stop) stop = amp;
    }
  }
  const s = decodeText(b, start, stop);
  if (!whole) lengthOut[0] = -bytes;
  else if (s.length > max) lengthOut[0] = s.length;
  return t.codeString(cutText(s, max));
}
