import { choose, initialChoices, missingRequired, optionsFor, toMap } from "../../src/taskpane/mapping";
import type { Inspection } from "../../src/taskpane/excel/sources";

const inspection: Inspection = {
  headerRowIndex: 0,
  headers: ["Opportunity", "Stage", "close_value", "Rep", "Region"],
  mapping: [
    { field: "stage", header: "Stage", column: 1, confidence: 1, how: "name" },
    { field: "amount", header: "close_value", column: 2, confidence: 0.9, how: "synonym" },
    { field: "owner", header: "Rep", column: 3, confidence: 0.7, how: "synonym" },
  ],
  candidates: { segment: [{ header: "Region", column: 4, confidence: 0.4 }] },
  missingRequired: [],
  looksLikePipeline: true,
  score: 1,
};

describe("mapping model", () => {
  it("starts from the detection and sends every field to the pipeline, absent ones as none", () => {
    const c = initialChoices(inspection);
    const map = toMap(c);
    expect(map.stage).toBe("Stage");
    expect(map.amount).toBe("close_value");
    expect(map.segment).toBe("none");
    expect(c.find((x) => x.field === "owner")!.origin).toBe("detected");
  });

  it("lets one column feed one field: choosing a header takes it from the field that had it", () => {
    const c = choose(initialChoices(inspection), "segment", "Rep");
    expect(toMap(c).segment).toBe("Rep");
    expect(toMap(c).owner).toBe("none");
  });

  it("blocks only when neither a stage nor a won date is chosen", () => {
    const c = choose(initialChoices(inspection), "stage", null);
    expect(missingRequired(c).map((x) => x.field)).toEqual(["stage"]);
    expect(missingRequired(choose(c, "wonDate", "Opportunity"))).toEqual([]);
  });

  it("applies a remembered choice, dropping headers no longer present", () => {
    const c = initialChoices(inspection, { map: { owner: "Region", amount: "none", product: "Gone" }, headers: [] });
    expect(toMap(c).owner).toBe("Region");
    expect(toMap(c).amount).toBe("none");
    expect(toMap(c).product).toBe("none");
    expect(c.find((x) => x.field === "owner")!.origin).toBe("remembered");
  });

  it("offers the pipeline's candidates for a field first", () => {
    expect(optionsFor("segment", inspection)).toEqual(["Region", "Opportunity", "Stage", "close_value", "Rep"]);
  });
});
