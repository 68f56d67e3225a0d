import { choose, confidenceText, declareOutcome, initialChoices, missingRequired, movedFields, optionsFor, outcomeFor, stageColumnProblem, stageValuesOf, toMap } from "../../src/taskpane/mapping";
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

  it("lets one column feed one field, and never moves another field silently: the field that lost it says where it went", () => {
    const c = choose(initialChoices(inspection), "segment", "Rep");
    expect(toMap(c).segment).toBe("Rep");
    expect(toMap(c).owner).toBe("none");
    const owner = c.find((x) => x.field === "owner")!;
    expect(owner.origin).toBe("moved");
    expect(movedFields(c).map((x) => x.field)).toEqual(["owner"]);
    expect(confidenceText(owner)).toBe("No column now: “Rep” went to Segment");
    expect(confidenceText(c.find((x) => x.field === "segment")!)).toBe("Chosen by you");
    // The next pick clears the note on the field that took the column, not the one that lost it.
    const again = choose(c, "segment", "Region");
    expect(again.find((x) => x.field === "owner")!.origin).toBe("moved");
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

describe("outcome words", () => {
  // A budget-like column: nothing here is a stage word.
  const grid = [["Q1"], ["Q2"], ["Q1"], ["Q3"], [""], ["Q1"]];

  it("lists the values of a column with their counts, most frequent first", () => {
    expect(stageValuesOf(grid, 0).map((v) => [v.value, v.count, v.known])).toEqual([["Q1", 3, false], ["Q2", 1, false], ["Q3", 1, false]]);
    const crm = stageValuesOf([["Closed Won"], ["Closed Lost"], ["Prospecting"], ["closed won"]], 0);
    expect(crm.map((v) => [v.value, v.count, v.builtIn, v.known])).toEqual([["Closed Won", 2, "won", true], ["Closed Lost", 1, "lost", true], ["Prospecting", 1, "open", true]]);
  });

  it("refuses a column with no stage-like value until the user says which values mean won and lost", () => {
    const values = stageValuesOf(grid, 0);
    expect(stageColumnProblem("Quarter", values, {})).toMatch(/^None of the values in “Quarter” reads as a deal stage \(“Q1”, “Q2”, “Q3”\)/);
    const declared = declareOutcome(declareOutcome({}, "Q1", "won"), "Q2", "lost");
    expect(declared).toEqual({ won: ["Q1"], lost: ["Q2"] });
    expect(stageColumnProblem("Quarter", values, declared)).toBeNull();
    expect(values.map((v) => outcomeFor(v, declared))).toEqual(["won", "lost", "open"]);
    // Declaring a value open again removes it; a known word keeps its meaning.
    expect(declareOutcome(declared, "q1", "open")).toEqual({ won: [], lost: ["Q2"] });
    const won = stageValuesOf([["Won"]], 0)[0];
    expect(outcomeFor(won, { lost: ["Won"] })).toBe("won");
  });
});
