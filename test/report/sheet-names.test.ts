import { cleanSheetName, planSheetNames, quoteSheetName } from "../../src/report/sheet-names";

describe("planSheetNames", () => {
  const wanted = ["GTM Summary", "GTM Funnel"];

  it("keeps the wanted names in an empty workbook and removes nothing", () => {
    const plan = planSheetNames(wanted, [{ name: "Pipeline", ownedByUs: false }]);
    expect(plan.names).toEqual({ "GTM Summary": "GTM Summary", "GTM Funnel": "GTM Funnel" });
    expect(plan.remove).toEqual([]);
    expect(plan.renamed).toEqual([]);
  });

  it("replaces our sheets from an earlier run, including ones that had been renamed", () => {
    const plan = planSheetNames(wanted, [
      { name: "GTM Summary", ownedByUs: true },
      { name: "GTM Funnel (2)", ownedByUs: true },
      { name: "GTM Levers", ownedByUs: true },
    ]);
    expect(plan.remove.sort()).toEqual(["GTM Funnel (2)", "GTM Levers", "GTM Summary"]);
    expect(plan.names["GTM Summary"]).toBe("GTM Summary");
    expect(plan.names["GTM Funnel"]).toBe("GTM Funnel");
  });

  it("never takes a user's sheet name, whatever its case; ours gets the next free number", () => {
    const plan = planSheetNames(wanted, [
      { name: "gtm summary", ownedByUs: false },
      { name: "GTM Summary (2)", ownedByUs: false },
      { name: "GTM Funnel", ownedByUs: true },
    ]);
    expect(plan.names["GTM Summary"]).toBe("GTM Summary (3)");
    expect(plan.names["GTM Funnel"]).toBe("GTM Funnel");
    expect(plan.remove).toEqual(["GTM Funnel"]);
    expect(plan.renamed).toEqual([{ wanted: "GTM Summary", actual: "GTM Summary (3)" }]);
  });

  it("keeps numbered names within Excel's 31 characters", () => {
    const long = "GTM A very long analysis sheet name";
    const plan = planSheetNames([long], [{ name: cleanSheetName(long), ownedByUs: false }]);
    expect(plan.names[long].length).toBeLessThanOrEqual(31);
    expect(plan.names[long].endsWith(" (2)")).toBe(true);
  });

  it("gives two wanted names that clean to the same text distinct sheets", () => {
    const plan = planSheetNames(["GTM a/b", "GTM a:b"], []);
    expect(plan.names["GTM a/b"]).toBe("GTM a-b");
    expect(plan.names["GTM a:b"]).toBe("GTM a-b (2)");
  });
});

describe("sheet name helpers", () => {
  it("replaces characters Excel refuses", () => {
    expect(cleanSheetName("Q1/Q2 [draft]*?")).toBe("Q1-Q2 -draft---");
    expect(cleanSheetName("'quoted'")).toBe("quoted");
    expect(cleanSheetName("")).toBe("Sheet");
  });
  it("quotes names for formulas, doubling apostrophes", () => {
    expect(quoteSheetName("GTM Summary")).toBe("'GTM Summary'");
    expect(quoteSheetName("Bob's")).toBe("'Bob''s'");
  });
});
