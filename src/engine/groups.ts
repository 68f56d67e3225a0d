/**
 * Group-wise helpers over dictionary codes: counting sorts and per-group medians in linear time, so no
 * analysis builds per-row objects or sorts the whole table.
 */
import { quantileOwned } from "./stats";

/**
 * Median of `values[i]` per group `codes[i]` (0..groups-1) over rows where `keep(i)` is true and the value
 * is finite. One counting sort, then a selection per group.
 */
export function groupMedians(
  codes: ArrayLike<number>,
  groups: number,
  values: ArrayLike<number>,
  keep: (i: number) => boolean,
): Float64Array {
  const n = codes.length;
  const counts = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    if (g >= 0 && g < groups && values[i] === values[i] && keep(i)) counts[g + 1]++;
  }
  for (let g = 0; g < groups; g++) counts[g + 1] += counts[g];
  const buf = new Float64Array(counts[groups]);
  const cursor = counts.slice(0, groups);
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    if (g >= 0 && g < groups && values[i] === values[i] && keep(i)) buf[cursor[g]++] = values[i];
  }
  const out = new Float64Array(groups).fill(NaN);
  for (let g = 0; g < groups; g++) {
    if (counts[g + 1] > counts[g]) out[g] = quantileOwned(buf.subarray(counts[g], counts[g + 1]), 0.5);
  }
  return out;
}

/** Rows per group code (codes outside 0..groups-1 ignored) where keep(i). */
export function groupCounts(codes: ArrayLike<number>, groups: number, keep?: (i: number) => boolean): Int32Array {
  const out = new Int32Array(groups);
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i];
    if (g >= 0 && g < groups && (!keep || keep(i))) out[g]++;
  }
  return out;
}
