import { placeCompass, COMPASS_FACTORS, SALES_MODELS } from "../../src/engine/compass";
import { codeOf } from "../support/gtm-error";
import { resolveThresholds } from "../../src/model/thresholds";

describe("placeCompass — METHODS §1 worked cases", () => {
  test("Crest toothpaste: every factor at the marketing pole", () => {
    const r = placeCompass([1, 1, 1, 1, 1, 1, 1]);
    expect(r.position).toBe(0);
    expect(r.salesIntensity).toBe(0);
    expect(r.lead).toBe("Marketing-led");
    expect(r.salesModel).toBe(SALES_MODELS.selfServe);
    expect(r.recommendedSalesShare).toBeCloseTo(0.15, 12); // 0.15 + 0.70 x 0
    expect(r.agreement).toBe(1);
    expect(r.note).toBe("");
  });

  test("GE jet engine: every factor at the sales pole", () => {
    const r = placeCompass([5, 5, 5, 5, 5, 5, 5]);
    expect(r.position).toBe(1);
    expect(r.salesIntensity).toBe(100);
    expect(r.lead).toBe("Sales-led");
    expect(r.salesModel).toBe(SALES_MODELS.field);
    expect(r.recommendedSalesShare).toBeCloseTo(0.85, 12); // 0.15 + 0.70 x 1
    expect(r.agreement).toBe(1);
  });
});

describe("placeCompass — rules", () => {
  test("position is the mean of (rating-1)/4 over rated factors; blanks are not rated", () => {
    // rated: 2,3,4 -> normalized .25,.5,.75 -> mean .5
    const r = placeCompass([2, null, 3, undefined, 4, null, null]);
    expect(r.ratedFactors).toBe(3);
    expect(r.position).toBeCloseTo(0.5, 12);
    expect(r.lead).toBe("Danger zone");
    expect(r.salesModel).toBe(SALES_MODELS.none);
    // population sd of .25,.5,.75 = sqrt((.0625+0+.0625)/3) = 0.2041; agreement = 1 - 0.4082
    expect(r.agreement).toBeCloseTo(1 - 2 * Math.sqrt(0.125 / 3), 10);
  });

  test("band edges: 0.4 and 0.6 are the danger zone, 0.2 is inside sales, 0.8 is inside + channel", () => {
    // all 2.6 -> (1.6/4)=0.4 ; all 3.4 -> 0.6 ; all 1.8 -> 0.2 ; all 4.2 -> 0.8
    expect(placeCompass(Array(7).fill(2.6)).lead).toBe("Danger zone");
    expect(placeCompass(Array(7).fill(3.4)).lead).toBe("Danger zone");
    expect(placeCompass(Array(7).fill(3.4)).salesModel).toBe(SALES_MODELS.none);
    expect(placeCompass(Array(7).fill(1.8)).salesModel).toBe(SALES_MODELS.inside);
    expect(placeCompass(Array(7).fill(4.2)).salesModel).toBe(SALES_MODELS.insideChannel);
    expect(placeCompass(Array(7).fill(4.21)).salesModel).toBe(SALES_MODELS.field);
    expect(placeCompass(Array(7).fill(2.59)).lead).toBe("Marketing-led");
  });

  test("weights shift the position", () => {
    // price 5 weighted 3, others 1 -> (3*1 + 6*0)/9 = 1/3
    const r = placeCompass([5, 1, 1, 1, 1, 1, 1], { weights: [3, 1, 1, 1, 1, 1, 1] });
    expect(r.position).toBeCloseTo(1 / 3, 12);
    expect(r.lead).toBe("Marketing-led");
  });

  test("split signals name the factors pulling the other way", () => {
    // 5 factors at 1, price and touch at 5: p = 2/7 -> marketing-led; sd = sqrt(p(1-p)) = 0.4518 -> agreement 0.096
    const r = placeCompass([5, 1, 1, 1, 1, 1, 5]);
    const p = 2 / 7;
    expect(r.position).toBeCloseTo(p, 12);
    expect(r.agreement).toBeCloseTo(1 - 2 * Math.sqrt(p * (1 - p)), 10);
    expect(r.splitSignals).toBe(true);
    expect(r.pullingOtherWay).toEqual([COMPASS_FACTORS[0], COMPASS_FACTORS[6]]);
    expect(r.note).toContain("price, touch");
  });

  test("identity crisis when the actual sales share is more than 0.20 off the recommendation", () => {
    // Crest: recommended 0.15
    expect(placeCompass(Array(7).fill(1), { actualSalesShare: 0.5 }).identity).toBe("Over-invested in sales");
    expect(placeCompass(Array(7).fill(1), { actualSalesShare: 0.3 }).identity).toBe("Aligned");
    expect(placeCompass(Array(7).fill(5), { actualSalesShare: 0.6 }).identity).toBe("Over-invested in marketing");
    expect(placeCompass(Array(7).fill(5)).identity).toBeNull();
  });

  test("thresholds can be overridden", () => {
    const t = resolveThresholds({ compassMarketingLedBelow: 0.6 });
    expect(placeCompass(Array(7).fill(3), { thresholds: t }).lead).toBe("Marketing-led");
  });
});

describe("placeCompass — bad input", () => {
  test("fewer than 3 rated factors is #N/A", () => {
    expect(codeOf(() => placeCompass([1, 2, null, null, null, null, null]))).toBe("#N/A");
  });
  test.each([0, 6, NaN, Infinity, -1])("rating %p is #VALUE!", (bad) => {
    expect(codeOf(() => placeCompass([bad, 1, 1, 1, 1, 1, 1]))).toBe("#VALUE!");
  });
  test("wrong count, negative weight, zero weights, share out of range", () => {
    expect(codeOf(() => placeCompass([1, 1, 1]))).toBe("#VALUE!");
    expect(codeOf(() => placeCompass(Array(7).fill(1), { weights: [-1, 1, 1, 1, 1, 1, 1] }))).toBe("#VALUE!");
    expect(codeOf(() => placeCompass(Array(7).fill(1), { weights: Array(7).fill(0) }))).toBe("#N/A"); // no factor counts
    expect(codeOf(() => placeCompass(Array(7).fill(1), { actualSalesShare: 1.5 }))).toBe("#VALUE!");
  });
});
