/**
 * The workbook's own parts, read before any sheet whatever their order in the zip: the package
 * relationships (where the workbook part is), the workbook (sheet names, order, visibility, the 1904 date
 * system), its relationships (which part holds each sheet and the shared strings) and the shared-string
 * table (rich text joined, phonetic runs left out, each distinct text interned once).
 */
import { posix } from "node:path";
import { cutText } from "../../pipeline/sheet";
import { MAX_CELL_TEXT, MAX_SHARED_STRINGS_XML, MAX_SMALL_PART, MAX_TEXT_CHARS } from "../limits";
import type { ByteInterner } from "../intern";
import { scanChunks } from "./chunks";
import { LT, attr, decodeText, indexOfByte, nameIs, readTag, textCode, type Tag } from "./xml";
import { readPart, streamPart, ZipError, type ZipArchive } from "./zip";

export interface SheetEntry {
  name: string;
  /** Zip part path, e.g. "xl/worksheets/sheet1.xml". */
  part: string;
  hidden: boolean;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
  sharedStringsPart?: string;
}

const OFFICE_DOCUMENT = /\/officeDocument$/;

/** Every top-level tag of a whole small part, in order. */
function* tags(b: Buffer): Generator<Tag> {
  const tag: Tag = { start: 0, end: 0, nameStart: 0, nameEnd: 0, closing: false, selfClosing: false };
  let p = 0;
  for (;;) {
    const lt = indexOfByte(b, LT, p, b.length);
    if (lt < 0) return;
    if (!readTag(b, lt, b.length, tag)) throw new ZipError("is damaged: an XML part is cut off");
    p = tag.end;
    yield tag;
  }
}

function relationships(xml: Buffer, base: string): { id: string; type: string; target: string }[] {
  const out: { id: string; type: string; target: string }[] = [];
  for (const t of tags(xml)) {
    if (t.closing || !nameIs(xml, t, "Relationship")) continue;
    const target = attr(xml, t, "Target") ?? "";
    if ((attr(xml, t, "TargetMode") ?? "") === "External") continue;
    // Targets are relative to the part's folder, or absolute from the package root.
    const resolved = target.startsWith("/") ? target.slice(1) : posix.normalize(posix.join(base, target));
    out.push({ id: attr(xml, t, "Id") ?? "", type: attr(xml, t, "Type") ?? "", target: resolved });
  }
  return out;
}

function relsPathOf(part: string): string {
  return posix.join(posix.dirname(part), "_rels", `${posix.basename(part)}.rels`);
}

export function readWorkbookInfo(zip: ZipArchive): WorkbookInfo {
  const root = readPart(zip, "_rels/.rels", MAX_SMALL_PART, "relationship part");
  let workbookPart = "xl/workbook.xml";
  if (root) {
    const main = relationships(root, "").find((r) => OFFICE_DOCUMENT.test(r.type));
    if (main) workbookPart = main.target;
  }
  const wb = readPart(zip, workbookPart, MAX_SMALL_PART, "workbook part");
  if (!wb) throw new ZipError("is a zip package but not an Excel workbook (it has no workbook part)");
  const relsXml = readPart(zip, relsPathOf(workbookPart), MAX_SMALL_PART, "relationship part");
  const rels = relsXml ? relationships(relsXml, posix.dirname(workbookPart)) : [];
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let closed = false;
  for (const t of tags(wb)) {
    if (t.closing) {
      if (nameIs(wb, t, "workbook")) closed = true;
      continue;
    }
    if (nameIs(wb, t, "workbookPr")) {
      const v = attr(wb, t, "date1904");
      date1904 = v === "1" || v === "true";
    } else if (nameIs(wb, t, "sheet")) {
      const name = attr(wb, t, "name") ?? "";
      const rel = byId.get(attr(wb, t, "id") ?? "");
      // Chart sheets and macro sheets hold no cells to read.
      if (!rel || !/\/worksheet$/.test(rel.type)) continue;
      const state = attr(wb, t, "state") ?? "visible";
      sheets.push({ name, part: rel.target, hidden: state === "hidden" || state === "veryHidden" });
    }
  }
  if (!closed) throw new ZipError(`is damaged: ${workbookPart} is cut off`);
  const sst = rels.find((r) => /\/sharedStrings$/.test(r.type))?.target ?? (zip.entries.has("xl/sharedStrings.xml") ? "xl/sharedStrings.xml" : undefined);
  return { sheets, date1904, sharedStringsPart: sst && zip.entries.has(sst) ? sst : undefined };
}

/** The shared-string table: index → string code, and the indexes whose text is over the cell limit. */
export interface SharedStrings {
  codes: Int32Array;
  count: number;
  /** Length of each over-long string by index (kept cut to Excel's limit); negative: bytes, not characters. */
  tooLong: Map<number, number>;
}

/** Stream the shared-string table into the book's string table. */
export async function readSharedStrings(zip: ZipArchive, part: string | undefined, table: ByteInterner, onBytes?: (n: number) => void): Promise<SharedStrings> {
  const result: SharedStrings = { codes: new Int32Array(1024), count: 0, tooLong: new Map() };
  if (!part) return result;
  const tag: Tag = { start: 0, end: 0, nameStart: 0, nameEnd: 0, closing: false, selfClosing: false };
  const pieces: string[] = [];
  let closed = false;
  const lengthOut = [0];
  const push = (code: number): void => {
    if (result.count === result.codes.length) {
      const n = new Int32Array(result.codes.length * 2);
      n.set(result.codes);
      result.codes = n;
    }
    if (lengthOut[0] !== 0) result.tooLong.set(result.count, lengthOut[0]);
    lengthOut[0] = 0;
    result.codes[result.count++] = code;
    if (table.bytes > MAX_TEXT_CHARS) throw new ZipError(`holds more than ${MAX_TEXT_CHARS / 1048576} MB of distinct text: more than GTM Compass reads in one run`);
  };
  /** Scan one <si> element (its start tag just read); returns its end, or -1 when it is not complete yet. */
  const si = (b: Buffer, end: number): number => {
    let p = tag.end;
    // Fast path: <si><t>plain text</t></si>, the usual shape.
    if (b[p] === LT && b[p + 1] === 0x74 /* t */ && (b[p + 2] === 0x3e || b[p + 2] === 0x20)) {
      const gt = indexOfByte(b, 0x3e, p, end);
      if (gt < 0) return -1;
      const close = indexOfByte(b, LT, gt + 1, end);
      if (close < 0 || close + 10 > end) return -1;
      if (b[close + 1] === 0x2f && b[close + 2] === 0x74 && b[close + 3] === 0x3e && b[close + 4] === LT && b[close + 5] === 0x2f && b[close + 6] === 0x73 && b[close + 7] === 0x69 && b[close + 8] === 0x3e) {
        push(textCode(table, b, gt + 1, close, MAX_CELL_TEXT, lengthOut));
        return close + 9;
      }
    }
    pieces.length = 0;
    let bytes = 0;
    let phonetic = 0;
    for (;;) {
      const q = indexOfByte(b, LT, p, end);
      if (q < 0 || !readTag(b, q, end, tag)) return -1;
      p = tag.end;
      if (nameIs(b, tag, "si") && tag.closing) break;
      if (nameIs(b, tag, "rPh")) {
        if (!tag.selfClosing) phonetic += tag.closing ? -1 : 1;
        continue;
      }
      if (!nameIs(b, tag, "t") || tag.closing || tag.selfClosing) continue;
      const textEnd = indexOfByte(b, LT, p, end);
      if (textEnd < 0) return -1;
      if (phonetic === 0) {
        // Bytes bound the characters from above; decode only what can be kept.
        if (bytes <= MAX_CELL_TEXT * 4) pieces.push(decodeText(b, p, Math.min(textEnd, p + MAX_CELL_TEXT * 4 - bytes + 1)));
        bytes += textEnd - p;
      }
      p = textEnd;
    }
    const text = pieces.length === 1 ? pieces[0] : pieces.join("");
    // Longer than Excel's limit: kept cut to it, its length remembered for the cells that use it.
    lengthOut[0] = bytes > MAX_CELL_TEXT * 4 ? -bytes : text.length > MAX_CELL_TEXT ? text.length : 0;
    push(table.codeString(cutText(text, MAX_CELL_TEXT)));
    return p;
  };
  const scan = (b: Buffer, start: number, end: number): number => {
    let p = start;
    for (;;) {
      const lt = indexOfByte(b, LT, p, end);
      if (lt < 0) return end;
      if (!readTag(b, lt, end, tag)) return lt;
      if (nameIs(b, tag, "si") && !tag.closing) {
        if (tag.selfClosing) {
          push(table.codeString(""));
          p = tag.end;
          continue;
        }
        const next = si(b, end);
        if (next < 0) return lt;
        p = next;
        continue;
      }
      if (nameIs(b, tag, "sst")) {
        if (tag.closing) closed = true;
        else {
          // Size the table once from the declared count (bounded: a hint, not a promise).
          const unique = Number(attr(b, tag, "uniqueCount") ?? attr(b, tag, "count") ?? 0);
          if (unique > 0 && unique <= 1 << 24) {
            const bytes = zip.entries.get(part as string)?.uncompressedSize ?? 0;
            table.reserve(unique, Math.min(bytes, unique * 64));
            if (unique > result.codes.length) result.codes = new Int32Array(unique);
          }
        }
      }
      p = tag.end;
    }
  };
  await scanChunks(
    (async function* () {
      for await (const c of streamPart(zip, part, MAX_SHARED_STRINGS_XML, "shared-string table")) {
        onBytes?.(c.length);
        yield c;
      }
    })(),
    scan,
    part,
  );
  if (!closed) throw new ZipError(`is damaged: ${part} is cut off`);
  return result;
}
