import { closeSync, fstatSync, openSync, readSync } from "node:fs";

/** End-of-central-directory record: signature, and the longest comment a zip may carry after it. */
const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MAX = 22 + 0xffff;

/**
 * Uncompressed size of each part of a zip package, read from its central directory (at the end of the
 * file), so the streaming reader can show progress through the sheet XML it is parsing. Returns an empty
 * map for anything it cannot read (ZIP64, damaged): progress then falls back to the bytes of the file.
 */
export function zipPartSizes(path: string): Map<string, number> {
  const sizes = new Map<string, number>();
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    const tailLength = Math.min(size, EOCD_MAX);
    const tail = Buffer.alloc(tailLength);
    readSync(fd, tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return sizes;
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdOffset + cdSize > size) return sizes;
    const cd = Buffer.alloc(cdSize);
    readSync(fd, cd, 0, cdSize, cdOffset);
    for (let p = 0; p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL_SIGNATURE; ) {
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
      if (uncompressed !== 0xffffffff) sizes.set(name, uncompressed);
      p += 46 + nameLength + extraLength + commentLength;
    }
  } catch {
    sizes.clear();
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return sizes;
}
