import { MAX_ELEMENT } from "../limits";
import { ZipError } from "./zip";

/** Bytes of the next chunk joined to a carried-over element. */
const JOIN = 1 << 12;

/**
 * Feed a stream of byte chunks to a scanner that consumes whole elements: `scan` returns how far it got
 * (the start of an element not yet complete), and the rest is carried over to the next chunk. At the end
 * nothing may be left: a part cut off mid-element is damaged.
 */
export async function scanChunks(
  chunks: AsyncIterable<Buffer>,
  scan: (b: Buffer, start: number, end: number) => number,
  part: string,
): Promise<void> {
  let pending: Buffer | null = null;
  for await (const chunk of chunks) {
    let b: Buffer = chunk;
    let from = 0;
    if (pending && pending.length > 0) {
      // Finish the element split across the boundary on a small join, then scan the chunk in place.
      const head = Buffer.concat([pending, chunk.subarray(0, Math.min(chunk.length, JOIN))]);
      const used = scan(head, 0, head.length);
      if (used >= pending.length) from = used - pending.length;
      else b = Buffer.concat([pending, chunk]);
    }
    const used = scan(b, from, b.length);
    pending = used < b.length ? b.subarray(used) : null;
    if (pending && pending.length > MAX_ELEMENT) {
      throw new ZipError(`holds an XML element of more than ${MAX_ELEMENT / 1048576} MB in ${part}: the file is damaged or not a table`);
    }
  }
  if (pending && pending.length > 0 && pending.toString("latin1").trim() !== "") {
    throw new ZipError(`is damaged: ${part} is cut off in the middle of an element`);
  }
}
