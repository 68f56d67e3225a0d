/**
 * Chunk sizing for Excel on the web's 5 MB request/response cap: estimate bytes per row from real rows,
 * keep each transfer well under the cap, and halve when Excel still refuses one.
 */

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Aim well below the cap: the host's own JSON envelope and escaping add to what we measure. */
export const CHUNK_BUDGET = Math.floor(PAYLOAD_LIMIT * 0.6);
/** Also bound cells per transfer: Excel may give up on very large ranges regardless of bytes. */
export const MAX_CHUNK_CELLS = 500_000;

const encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : null;

/** UTF-8 size of a value's JSON (what travels between the add-in and Excel). */
export function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  return encoder ? encoder.encode(json).length : json.length * 2;
}

/** Average bytes per row, measured on up to `maxSample` rows spread over the block. */
export function estimateRowBytes(rows: readonly unknown[][], maxSample = 200): number {
  if (rows.length === 0) return 0;
  const step = Math.max(1, Math.floor(rows.length / maxSample));
  const sample: unknown[][] = [];
  for (let i = 0; i < rows.length; i += step) sample.push(rows[i] as unknown[]);
  return Math.ceil(jsonBytes(sample) / sample.length);
}

/** Rows per transfer for rows of this size and width. */
export function rowsPerChunk(bytesPerRow: number, columns: number, budget = CHUNK_BUDGET): number {
  const byBytes = Math.floor(budget / Math.max(1, bytesPerRow));
  const byCells = Math.floor(MAX_CHUNK_CELLS / Math.max(1, columns));
  return Math.max(1, Math.min(byBytes, byCells));
}

/** Row ranges [start, end) that cover `total` rows in chunks of at most `size`. */
export function chunkRanges(total: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = 0; s < total; s += size) out.push([s, Math.min(total, s + size)]);
  return out;
}
