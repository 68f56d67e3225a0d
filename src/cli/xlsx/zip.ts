/**
 * Random-access reading of a zip package (an .xlsx) from its central directory: parts are found by name
 * whatever their order in the file, ZIP64 sizes and offsets are followed, and every part is inflated with
 * node's zlib under limits on its size and compression ratio, checked from the directory before inflating
 * and on the bytes while inflating, with its CRC-32 checked at the end. Written here rather than taken from
 * a package because those limits, the located messages and streaming a part straight into a scanner are
 * the point; the format needs ~200 lines.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { createInflateRaw, crc32, inflateRawSync } from "node:zlib";
import { MAX_CENTRAL_DIRECTORY, MAX_RATIO, MAX_ZIP_ENTRIES, RATIO_FLOOR } from "../limits";

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A zip the reader cannot use; the message is a sentence fragment the caller prefixes with the file name. */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipError";
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

export interface ZipArchive {
  path: string;
  size: number;
  entries: Map<string, ZipEntry>;
}

function readAt(fd: number, position: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, b, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? b : b.subarray(0, done);
}

/** A 64-bit little-endian size or offset; beyond 2^53 it is damage. */
function u64(b: Buffer, at: number): number {
  const v = b.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError("a ZIP64 size or offset is impossibly large");
  return Number(v);
}

/** Read the central directory: the list of parts, their sizes and where each starts. */
export function openZip(path: string): ZipArchive {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new ZipError("could not be read as an .xlsx workbook: it has no zip directory at its end (it is cut short, damaged or another kind of file)");
    let entries = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      // ZIP64: the locator sits just before the end record and points at the 64-bit end record.
      const locAt = size - tailLength + eocd - 20;
      if (locAt < 0) throw new ZipError("has a damaged ZIP64 directory");
      const loc = readAt(fd, locAt, 20);
      if (loc.readUInt32LE(0) !== ZIP64_LOCATOR) throw new ZipError("has a damaged ZIP64 directory");
      const recAt = u64(loc, 8);
      const rec = readAt(fd, recAt, 56);
      if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw new ZipError("has a damaged ZIP64 directory");
      entries = u64(rec, 32);
      cdSize = u64(rec, 40);
      cdOffset = u64(rec, 48);
    }
    if (entries > MAX_ZIP_ENTRIES) throw new ZipError(`holds ${entries.toLocaleString("en-US")} parts, more than any workbook`);
    if (cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > size) throw new ZipError("has a damaged zip directory (it points past the end of the file)");
    const cd = readAt(fd, cdOffset, cdSize);
    const map = new Map<string, ZipEntry>();
    let p = 0;
    for (let n = 0; n < entries; n++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw new ZipError("has a damaged zip directory");
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      let compressedSize = cd.readUInt32LE(p + 20);
      let uncompressedSize = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      const nameEnd = p + 46 + nameLength;
      if (nameEnd + extraLength + commentLength > cd.length) throw new ZipError("has a damaged zip directory");
      const name = cd.toString("utf8", p + 46, nameEnd);
      // ZIP64 extra field: the 64-bit values, in this order, for each 32-bit field that is all ones.
      for (let e = nameEnd; e + 4 <= nameEnd + extraLength; ) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          const end = q + len;
          if (uncompressedSize === 0xffffffff && q + 8 <= end) (uncompressedSize = u64(cd, q)), (q += 8);
          if (compressedSize === 0xffffffff && q + 8 <= end) (compressedSize = u64(cd, q)), (q += 8);
          if (localOffset === 0xffffffff && q + 8 <= end) localOffset = u64(cd, q);
        }
        e += 4 + len;
      }
      if (localOffset + 30 + compressedSize > size) throw new ZipError(`is cut short: part ${name} runs past the end of the file`);
      map.set(name, { name, method, flags, crc, compressedSize, uncompressedSize, localOffset });
      p = nameEnd + extraLength + commentLength;
    }
    return { path, size, entries: map };
  } finally {
    closeSync(fd);
  }
}

/** Where a part's compressed bytes start: after its local header, whose name and extra lengths may differ. */
function dataOffset(zip: ZipArchive, e: ZipEntry): number {
  const fd = openSync(zip.path, "r");
  try {
    const h = readAt(fd, e.localOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== LOCAL) throw new ZipError(`has a damaged zip entry for ${e.name}`);
    const start = e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + e.compressedSize > zip.size) throw new ZipError(`is cut short: part ${e.name} runs past the end of the file`);
    return start;
  } finally {
    closeSync(fd);
  }
}

/** Refuse before inflating what the directory already says is too big, encrypted or of an unknown method. */
function checkEntry(e: ZipEntry, maxBytes: number, what: string): void {
  if (e.flags & 1) throw new ZipError(`is encrypted (part ${e.name}): save it without a password and run again`);
  if (e.method !== 0 && e.method !== 8) throw new ZipError(`uses a compression method GTM Compass cannot read (${e.method}) for ${e.name}`);
  if (e.uncompressedSize > maxBytes) {
    throw new ZipError(`has a ${what} of ${mb(e.uncompressedSize)} uncompressed (${e.name}), over the limit of ${mb(maxBytes)}`);
  }
  if (e.method === 8 && e.uncompressedSize > RATIO_FLOOR && e.uncompressedSize > MAX_RATIO * Math.max(1, e.compressedSize)) {
    throw new ZipError(`looks like a zip bomb: ${e.name} would inflate ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times (${mb(e.uncompressedSize)})`);
  }
}

function mb(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1048576).toLocaleString("en-US", { maximumFractionDigits: 0 })} MB` : `${n.toLocaleString("en-US")} bytes`;
}

/** Checks made on the bytes as they come out: no more than the directory declared, within the ratio. */
class InflateGuard {
  out = 0;
  crc = 0;
  constructor(private readonly e: ZipEntry, private readonly maxBytes: number, private readonly what: string) {}
  add(chunk: Buffer): void {
    this.out += chunk.length;
    this.crc = crc32(chunk, this.crc);
    if (this.out > this.e.uncompressedSize) {
      throw new ZipError(`is damaged or a zip bomb: ${this.e.name} inflates past the ${mb(this.e.uncompressedSize)} its directory declares`);
    }
    if (this.out > this.maxBytes) throw new ZipError(`has a ${this.what} over the limit of ${mb(this.maxBytes)} (${this.e.name})`);
  }
  end(): void {
    if (this.out !== this.e.uncompressedSize) {
      throw new ZipError(`is damaged: ${this.e.name} holds ${mb(this.out)} where its directory declares ${mb(this.e.uncompressedSize)}`);
    }
    if ((this.crc >>> 0) !== this.e.crc >>> 0) throw new ZipError(`is damaged: ${this.e.name} fails its checksum`);
  }
}

/** A small part, whole (workbook, relationships): inflated in one call with `maxOutputLength`. */
export function readPart(zip: ZipArchive, name: string, maxBytes: number, what: string): Buffer | undefined {
  const e = zip.entries.get(name);
  if (!e) return undefined;
  checkEntry(e, maxBytes, what);
  const start = dataOffset(zip, e);
  const fd = openSync(zip.path, "r");
  let raw: Buffer;
  try {
    raw = readAt(fd, start, e.compressedSize);
  } finally {
    closeSync(fd);
  }
  let out: Buffer;
  if (e.method === 0) out = raw;
  else {
    try {
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, Math.min(maxBytes, e.uncompressedSize + 1)) });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ERR_BUFFER_TOO_LARGE") throw new ZipError(`is damaged or a zip bomb: ${name} inflates past the ${mb(e.uncompressedSize)} its directory declares`);
      throw new ZipError(`is damaged: ${name} cannot be inflated (${(err as Error).message})`);
    }
  }
  const guard = new InflateGuard(e, maxBytes, what);
  guard.add(out);
  guard.end();
  return out;
}

/**
 * A part as a stream of inflated chunks, for the scanners. Inflating runs on libuv's thread pool, so it
 * overlaps the caller's scanning of the previous chunk; `highWaterMark` lets it run a few MB ahead.
 */
export async function* streamPart(zip: ZipArchive, name: string, maxBytes: number, what: string): AsyncGenerator<Buffer> {
  const e = zip.entries.get(name);
  if (!e) throw new ZipError(`has no part ${name}`);
  checkEntry(e, maxBytes, what);
  const start = dataOffset(zip, e);
  const guard = new InflateGuard(e, maxBytes, what);
  if (e.compressedSize === 0) {
    guard.end();
    return;
  }
  const input = createReadStream(zip.path, { start, end: start + e.compressedSize - 1, highWaterMark: 1 << 20 });
  const source = e.method === 0 ? input : input.pipe(createInflateRaw({ chunkSize: 1 << 18, highWaterMark: 1 << 22 } as object));
  if (source !== input) {
    input.on("error", (err) => source.destroy(err));
    source.setMaxListeners?.(20);
  }
  try {
    for await (const chunk of chunksOf(source)) {
      guard.add(chunk);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ZipError) throw err;
    throw new ZipError(`is damaged: ${name} cannot be inflated (${(err as Error).message})`);
  } finally {
    input.destroy();
    if (source !== input) (source as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
  guard.end();
}

/**
 * A readable's chunks one by one as they were pushed. (Async-iterating a byte stream reads its whole
 * buffer at once, concatenating every chunk waiting there: a copy of the whole part.) The stream is paused
 * while the caller is a few chunks behind, so inflating runs ahead but in bounded memory.
 */
export async function* chunksOf(stream: NodeJS.ReadableStream, ahead = 16): AsyncGenerator<Buffer> {
  const queue: Buffer[] = [];
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  stream.on("data", (c: Buffer) => {
    queue.push(c);
    if (queue.length >= ahead) stream.pause();
    notify();
  });
  stream.on("end", () => {
    done = true;
    notify();
  });
  stream.on("error", (e: unknown) => {
    failure = e;
    done = true;
    notify();
  });
  for (;;) {
    if (queue.length > 0) {
      const c = queue.shift() as Buffer;
      if (queue.length < ahead / 2 && stream.isPaused()) stream.resume();
      yield c;
      continue;
    }
    if (failure) throw failure;
    if (done) return;
    await new Promise<void>((r) => (wake = r));
  }
}
