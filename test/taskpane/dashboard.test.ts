/**
 * The Results dashboard's data and words: figures never shown as a made-up 0, a stored run read back only
 * when it has the expected shape, a changed source described, companions and theme picked right.
 */
import { formatFigure } from "../../src/taskpane/format";
import { hashRows, parseSummary, sourceChange } from "../../src/taskpane/summary";
import { themeKind } from "../../src/taskpane/theme";
import { pickInputs, pickLeads } from "../../src/taskpane/companions";
import type { SourceCandidate } from "../../src/taskpane/excel/sources";

describe("figures on the tiles", () => {
  it("shows unknown as not known, never 0, and signs changes", () => {
    expect(formatFigure(null, "currency")).toBe("not known");
    expect(formatFigure(NaN, "percent")).toBe("not known");
    expect(formatFigure(0, "currency")).toBe("0");
    expect(formatFigure(1_234_567, "currency")).toBe("1.2M");
    expect(formatFigure(-179_759, "currency", true)).toBe("−179.8K");
    expect(formatFigure(9_483.28, "currency", true)).toBe("+9,483");
    expect(formatFigure(0.632, "percent")).toBe("63%");
    expect(formatFigure(0.043, "percent")).toBe("4.3%");
    expect(formatFigure(2.894, "ratio")).toBe("2.89×");
    expect(formatFigure(57, "days")).toBe("57 days");
  });
});

describe("a stored run", () => {
  const ok = { version: 1, when: "2026-03-05T14:02:00.000Z", source: { id: "sheet:Pipeline", label: "Pipeline", sheet: "Pipeline", address: "Pipeline!A1:H9" }, rows: { read: 8, used: 8, skipped: 0 }, headline: [], funnel: [], insights: [], warnings: [], sheets: [], levers: null, replaced: [], renamed: [] };

  it("is read back only with the shape this version writes", () => {
    expect(parseSummary(ok)).toEqual(ok);
    expect(parseSummary({ ...ok, version: 2 })).toBeNull();
    expect(parseSummary({ ...ok, when: "yesterday" })).toBeNull();
    expect(parseSummary({ ...ok, insights: "x" })).toBeNull();
    expect(parseSummary(null)).toBeNull();
  });

  it("says what changed in its source since", () => {
    const before = { rowCount: 101, columnCount: 8, head: hashRows([["a"]]), tail: hashRows([["z"]]) };
    expect(sourceChange(before, { ...before })).toBeNull();
    expect(sourceChange(before, { ...before, rowCount: 140 })).toBe("it has 140 rows now, 101 then");
    expect(sourceChange(before, { ...before, tail: hashRows([["y"]]) })).toBe("its last rows have changed");
    expect(sourceChange(before, null)).toBe("it is no longer in the workbook");
    expect(sourceChange(undefined, null)).toBeNull();
  });
});

describe("theme", () => {
  it("follows Office: dark themes, light ones, and Windows high contrast over both", () => {
    expect(themeKind({ isDarkTheme: true }, false)).toBe("dark");
    expect(themeKind({ isDarkTheme: false, bodyBackgroundColor: "#FFFFFF" }, false)).toBe("light");
    expect(themeKind({ bodyBackgroundColor: "#262626" }, false)).toBe("dark");
    expect(themeKind({ bodyBackgroundColor: "#E6E6E6" }, false)).toBe("light");
    expect(themeKind(null, false)).toBe("light");
    expect(themeKind({ isDarkTheme: false }, true)).toBe("high-contrast");
  });
});

describe("companions picked by name", () => {
  const src = (id: string, sheet: string, looks = false, table?: string): SourceCandidate =>
    ({ id, kind: table ? "table" : "sheet", sheet, table, inspection: { looksLikePipeline: looks } }) as unknown as SourceCandidate;

  it("finds the leads table and the inputs sheet beside a pipeline", () => {
    const deals = src("sheet:Sample Deals", "Sample Deals", true);
    const all = [deals, src("sheet:Sample Leads", "Sample Leads"), src("sheet:Leadership notes", "Leadership notes"), src("table:MQLs", "Marketing", false, "MQLs")];
    expect(pickLeads(all, deals)!.id).toBe("sheet:Sample Leads");
    expect(pickLeads([deals, src("sheet:Leadership notes", "Leadership notes")], deals)).toBeNull();
    expect(pickLeads([deals, src("table:MQLs", "Marketing", false, "MQLs")], deals)!.id).toBe("table:MQLs");
    expect(pickInputs([{ name: "Sample Deals", origin: null }, { name: "Sample Inputs", origin: null }], "Sample Deals")).toBe("Sample Inputs");
    expect(pickInputs([{ name: "Assumptions 2027", origin: null }, { name: "GTM Inputs", origin: "inputs" }], "Deals")).toBe("GTM Inputs");
    expect(pickInputs([{ name: "Inputstream log", origin: null }], "Deals")).toBeNull();
  });
});
