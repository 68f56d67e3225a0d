import { correlation, median, medianOwned, quantile, ratio, slope, stdevP, sum, mean } from "../../src/model/stats";

/** Sorting-based reference, independent of the selection code under test. */
function refQuantile(xs: number[], p: number): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}

describe("stats", () => {
  test("median of odd and even counts, NaN skipped, like Excel MEDIAN", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median(Float64Array.from([NaN, 5, NaN, 1]))).toBe(3);
    expect(median([])).toBeNaN();
    expect(median([NaN])).toBeNaN();
  });

  test("median does not change its input", () => {
    const xs = Float64Array.from([5, 4, 3, 2, 1]);
    median(xs);
    expect(Array.from(xs)).toEqual([5, 4, 3, 2, 1]);
  });

  test("quantiles agree with a sort-based reference on random, sorted and duplicate-heavy data", () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const sets = [
      Array.from({ length: 1001 }, () => Math.floor(rnd() * 50)),
      Array.from({ length: 500 }, (_, i) => i),
      Array.from({ length: 500 }, (_, i) => 500 - i),
      Array.from({ length: 64 }, () => 7),
    ];
    for (const xs of sets) {
      for (const p of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) {
        expect(quantile(xs, p)).toBeCloseTo(refQuantile(xs, p), 12);
      }
    }
  });

  test("median of whole numbers (histogram path) and of wide or fractional values (selection path) agree with a sort", () => {
    let seed = 3;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const cases = [
      Array.from({ length: 1000 }, () => Math.floor(rnd() * 200) - 50),
      Array.from({ length: 999 }, () => Math.floor(rnd() * 200)),
      [5, 1e9, 3, 7],
      Array.from({ length: 101 }, () => rnd() * 10),
      [4, 4],
      [-3],
    ];
    for (const xs of cases) expect(medianOwned(Float64Array.from(xs))).toBe(refQuantile(xs, 0.5));
    expect(medianOwned(new Float64Array(0))).toBeNaN();
  });

  test("sum, mean, population sd and ratios", () => {
    expect(sum([1, NaN, 2])).toBe(3);
    expect(mean([1, NaN, 3])).toBe(2);
    expect(stdevP([2, 4, 4, 4, 5, 5, 7, 9])).toBe(2);
    expect(ratio(1, 0)).toBeNaN();
    expect(ratio(1, 4)).toBe(0.25);
  });

  test("correlation and slope", () => {
    expect(correlation([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3, 4], [8, 6, 4, 2])).toBeCloseTo(-1, 12);
    expect(correlation([1, 2], [1, 2])).toBeNaN();
    expect(slope([0, 1, 2, 3], [1, 3, 5, 7])).toBeCloseTo(2, 12);
  });
});
