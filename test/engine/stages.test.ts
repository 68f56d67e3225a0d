/** Days in stage: median and 90th percentile as Excel's MEDIAN and PERCENTILE.INC give them. */
import { medianAndP90 } from "../../src/engine/stages";

describe("days in stage", () => {
  test("whole days (histogram) and fractional days (selection) agree with PERCENTILE.INC", () => {
    // PERCENTILE.INC({1,2,3,4,10},0.9) = 4 + 0.6 x (10 - 4) = 7.6; MEDIAN = 3
    const [m0, p0] = medianAndP90(Float64Array.from([10, 1, 4, 2, 3]));
    expect(m0).toBe(3);
    expect(p0).toBeCloseTo(7.6, 12);
    // the same with a quarter day added to each: the selection path
    const [m, p] = medianAndP90(Float64Array.from([10.25, 1.25, 4.25, 2.25, 3.25]));
    expect(m).toBe(3.25);
    expect(p).toBeCloseTo(7.85, 12);
    // even count: MEDIAN({0,5,7,100}) = 6; PERCENTILE.INC(...,0.9) = 7 + 0.7 x 93 = 72.1
    const [m2, p2] = medianAndP90(Float64Array.from([100, 0, 7, 5]));
    expect(m2).toBe(6);
    expect(p2).toBeCloseTo(72.1, 12);
    expect(medianAndP90(new Float64Array(0))).toEqual([NaN, NaN]);
  });
});
