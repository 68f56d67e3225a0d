/**
 * Small NaN-aware statistics over typed arrays. Medians and quantiles use selection (O(n) expected) on a
 * copy of the finite values, never a sort of the whole input; the input array is never changed.
 * Empty input (or no finite value) gives NaN.
 */

type NumArray = ArrayLike<number>;

/** Copy the finite values of `xs` into a fresh Float64Array. */
export function finiteValues(xs: NumArray): Float64Array {
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (Number.isFinite(xs[i])) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (Number.isFinite(v)) out[j++] = v;
  }
  return out;
}

/** k-th smallest (0-based) of a[lo..hi] in place (Floyd-Rivest-free Hoare selection, median-of-three pivot). */
function selectInPlace(a: Float64Array, k: number, lo: number, hi: number): number {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // median of three keeps sorted and reverse-sorted inputs linear
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    const pivot = a[mid];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Quantile with linear interpolation between order statistics (Excel PERCENTILE.INC, R type 7). */
export function quantileOwned(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = selectInPlace(values, lo, 0, n - 1);
  if (h === lo) return a;
  // after selecting lo, the next order statistic is the minimum of the upper part
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if (values[i] < b) b = values[i];
  return a + (h - lo) * (b - a);
}

/** Quantile of the finite values of xs (input untouched). */
export function quantile(xs: NumArray, p: number): number {
  return quantileOwned(finiteValues(xs), p);
}

/** Median of the finite values of xs (input untouched); Excel MEDIAN semantics. */
export function median(xs: NumArray): number {
  return medianOwned(finiteValues(xs));
}

/** Widest value range counted by histogram instead of selection. */
const MAX_HISTOGRAM = 1 << 22;

/** PERCENTILE.INC (R type 7) of n whole numbers counted in a histogram whose bin 0 is the value `lo`. */
export function histogramQuantile(counts: Int32Array, n: number, lo: number, p: number): number {
  if (n === 0) return NaN;
  const at = (k: number): number => {
    let seen = 0;
    for (let b = 0; b < counts.length; b++) {
      seen += counts[b];
      if (seen > k) return b + lo;
    }
    return counts.length - 1 + lo;
  };
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const a = at(k);
  return h === k ? a : a + (h - k) * (at(k + 1) - a);
}

/**
 * Quantiles (PERCENTILE.INC) of finite values, the array may be reordered. Whole numbers in a modest range
 * (day counts, cycles, ages) are counted in a histogram: one pass, no data movement; anything else uses
 * selection.
 */
export function quantilesOwned(values: Float64Array, ps: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return ps.map(() => NaN);
  let lo = Infinity;
  let hi = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (whole && v !== Math.floor(v)) whole = false;
  }
  const span = hi - lo + 1;
  if (!whole || span > MAX_HISTOGRAM || span > 4 * n + 1024) return ps.map((p) => quantileOwned(values, p));
  const counts = new Int32Array(span);
  for (let i = 0; i < n; i++) counts[values[i] - lo]++;
  return ps.map((p) => histogramQuantile(counts, n, lo, p));
}

/** Median of finite values (the array may be reordered); see quantilesOwned. */
export function medianOwned(values: Float64Array): number {
  return quantilesOwned(values, [0.5])[0];
}

/** Sum of the finite values. */
export function sum(xs: NumArray): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (Number.isFinite(v)) s += v;
  }
  return s;
}

/** Mean of the finite values (NaN when none). */
export function mean(xs: NumArray): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (Number.isFinite(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

/** Population standard deviation of the finite values (NaN when none). */
export function stdevP(xs: NumArray): number {
  const m = mean(xs);
  if (Number.isNaN(m)) return NaN;
  let s = 0;
  let n = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i];
    if (Number.isFinite(v)) {
      s += (v - m) * (v - m);
      n++;
    }
  }
  return Math.sqrt(s / n);
}

/** a / b, NaN when b is 0 or either side is not finite (a rate with no denominator is unknown, not 0). */
export function ratio(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b === 0) return NaN;
  return a / b;
}

/** Centred sums of squares and products over the pairs where both values are finite; null with fewer than 3 pairs. */
function pairedMoments(xs: NumArray, ys: NumArray): { cxy: number; cxx: number; cyy: number } | null {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) {
      n++;
      sx += xs[i];
      sy += ys[i];
    }
  }
  if (n < 3) return null;
  const mx = sx / n;
  const my = sy / n;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isFinite(xs[i]) && Number.isFinite(ys[i])) {
      const dx = xs[i] - mx;
      const dy = ys[i] - my;
      cxy += dx * dy;
      cxx += dx * dx;
      cyy += dy * dy;
    }
  }
  return { cxy, cxx, cyy };
}

/** Pearson correlation of paired finite values (NaN with fewer than 3 pairs or no variance). */
export function correlation(xs: NumArray, ys: NumArray): number {
  const m = pairedMoments(xs, ys);
  if (m === null || m.cxx === 0 || m.cyy === 0) return NaN;
  return m.cxy / Math.sqrt(m.cxx * m.cyy);
}

/** Least-squares slope of y on x over paired finite values (NaN with fewer than 3 pairs or no x variance). */
export function slope(xs: NumArray, ys: NumArray): number {
  const m = pairedMoments(xs, ys);
  return m === null || m.cxx === 0 ? NaN : m.cxy / m.cxx;
}

/** Indices 0..n-1 ordered by `key` descending (ties by index); for small label lists, not rows. */
export function orderByDesc(key: ArrayLike<number>): number[] {
  const idx = Array.from({ length: key.length }, (_, i) => i);
  return idx.sort((a, b) => key[b] - key[a] || a - b);
}
