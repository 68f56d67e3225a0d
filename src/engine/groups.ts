/**
 * Group-wise helpers over dictionary codes: counting sorts and per-group medians in linear time, so no
 * analysis builds per-row objects or sorts the whole table.
 */
import { medianOwned } from "../model/stats";

/**
 * Median of `values[i]` per group `codes[i]` (0..groups-1) over rows where `mask` (when given) is non-zero
 * and the value is finite. One counting sort, then a median per group. `scratch` (at least codes.length long,
 * overwritten) saves allocating the sort buffer.
 */
export function groupMedians(codes: Int32Array | Int8Array, groups: number, values: Float64Array, mask: Uint8Array | null, scratch?: Float64Array): Float64Array {
  const n = codes.length;
  // counted branch-free (which rows count is irregular): slot g + 1, slot 0 for rows that do not count
  const counts = new Int32Array(groups + 1);
  if (mask === null) {
    for (let i = 0; i < n; i++) counts[+(values[i] === values[i]) * (codes[i] + 1)]++;
  } else {
    for (let i = 0; i < n; i++) counts[(+(values[i] === values[i]) & +(mask[i] !== 0)) * (codes[i] + 1)]++;
  }
  counts[0] = 0;
  for (let g = 0; g < groups; g++) counts[g + 1] += counts[g];
  const buf = scratch && scratch.length >= counts[groups] ? scratch : new Float64Array(counts[groups]);
  const cursor = counts.slice(0, groups);
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    if (g >= 0 && g < groups && values[i] === values[i] && (mask === null || mask[i] !== 0)) buf[cursor[g]++] = values[i];
  }
  const out = new Float64Array(groups).fill(NaN);
  for (let g = 0; g < groups; g++) {
    if (counts[g + 1] > counts[g]) out[g] = medianOwned(buf.subarray(counts[g], counts[g + 1]));
  }
  return out;
}
