/**
 * A tiny zip writer for tests that need packages no library writes: ZIP64 records, sizes that lie, parts
 * cut short. Independent of the reader under test (its own layout code, node's zlib for deflate).
 */
import { crc32, deflateRawSync } from "node:zlib";

export interface ZipPart {
  name: string;
  data: Buffer;
  /** 0 stored, 8 deflated (default). */
  method?: 0 | 8;
  /** Already-compressed bytes to store instead of deflating `data` (for bombs built elsewhere). */
  raw?: Buffer;
  /** Override the declared uncompressed size (a lying header). */
  declaredSize?: number;
  crc?: number;
}

export function buildZip(parts: ZipPart[], opts: { zip64?: boolean } = {}): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const method = p.method ?? 8;
    const body = p.raw ?? (method === 8 ? deflateRawSync(p.data) : p.data);
    const name = Buffer.from(p.name, "utf8");
    const size = p.declaredSize ?? p.data.length;
    const crc = p.crc ?? crc32(p.data);
    const z = Boolean(opts.zip64);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(z ? 45 : 20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(z ? 0xffffffff : body.length, 18);
    local.writeUInt32LE(z ? 0xffffffff : size, 22);
    local.writeUInt16LE(name.length, 26);
    const localExtra = z ? zip64Extra([size, body.length]) : Buffer.alloc(0);
    local.writeUInt16LE(localExtra.length, 28);
    chunks.push(local, name, localExtra, body);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(z ? 45 : 20, 4);
    c.writeUInt16LE(z ? 45 : 20, 6);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(z ? 0xffffffff : body.length, 20);
    c.writeUInt32LE(z ? 0xffffffff : size, 24);
    c.writeUInt16LE(name.length, 28);
    const extra = z ? zip64Extra([size, body.length, offset]) : Buffer.alloc(0);
    c.writeUInt16LE(extra.length, 30);
    c.writeUInt32LE(z ? 0xffffffff : offset, 42);
    central.push(c, name, extra);
    offset += local.length + name.length + localExtra.length + body.length;
  }
  const cd = Buffer.concat(central);
  const cdOffset = offset;
  const tail: Buffer[] = [];
  if (opts.zip64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4);
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(parts.length), 24);
    rec.writeBigUInt64LE(BigInt(parts.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(cdOffset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(cdOffset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(rec, loc);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(opts.zip64 ? 0xffff : parts.length, 8);
  end.writeUInt16LE(opts.zip64 ? 0xffff : parts.length, 10);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(opts.zip64 ? 0xffffffff : cdOffset, 16);
  return Buffer.concat([...chunks, cd, ...tail, end]);
}

function zip64Extra(values: number[]): Buffer {
  const b = Buffer.alloc(4 + 8 * values.length);
  b.writeUInt16LE(1, 0);
  b.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return b;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The parts of a minimal workbook around the given sheet XML (and shared strings, if any). */
export function workbookParts(sheetXml: string | Buffer, opts: { sst?: string[]; sheetName?: string; date1904?: boolean } = {}): ZipPart[] {
  const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const parts: ZipPart[] = [
    {
      name: "[Content_Types].xml",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          (opts.sst ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : "") +
          "</Types>",
      ),
    },
    {
      name: "_rels/.rels",
      data: Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    },
    {
      name: "xl/workbook.xml",
      data: Buffer.from(
        `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}>${opts.date1904 ? '<workbookPr date1904="1"/>' : ""}<sheets><sheet name="${esc(opts.sheetName ?? "Deals")}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
          (opts.sst ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : "") +
          "</Relationships>",
      ),
    },
    { name: "xl/worksheets/sheet1.xml", data: Buffer.isBuffer(sheetXml) ? sheetXml : Buffer.from(sheetXml, "utf8") },
  ];
  if (opts.sst) {
    parts.push({
      name: "xl/sharedStrings.xml",
      data: Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${opts.sst.length}" uniqueCount="${opts.sst.length}">${opts.sst.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("")}</sst>`, "utf8"),
    });
  }
  return parts;
}

export function sheetXml(rows: string, prefix = ""): string {
  const p = prefix ? `${prefix}:` : "";
  const ns = prefix ? NS.replace('xmlns="', `xmlns:${prefix}="`) : NS;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><${p}worksheet ${ns}><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;
}
