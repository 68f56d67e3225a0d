/**
 * Reading as Excel really behaves: a multi-area selection never empties the source list, a whole-column
 * selection is cut to the cells in use, a filtered table is read as the user sees it (visible rows only,
 * with the real sheet rows kept for every located message), and the pane's own sheets are never offered.
 */
import { listSourcesAndSelection, readBlock } from "../../src/taskpane/excel/read";
import { listWorkbook } from "../../src/taskpane/excel/sources";
import { runAnalysis } from "../../src/taskpane/run";
import { inspectSheet } from "../../src/pipeline";
import { OWNER_MARKER, OWNER_PROPERTY } from "../../src/report/types";
import { makeDouble, pipelineRows } from "./double-host";

const rows = pipelineRows(40);

describe("the selection probe", () => {
  it("a multi-area selection leaves every other source listed and says why it is not offered", async () => {
    const { host } = makeDouble({ sheets: [{ name: "Deals", values: rows }, { name: "Other", values: rows }], selection: { sheet: "Deals", address: "A1:C5, E1:F9" } });
    const { sources, selection } = await listSourcesAndSelection(host);
    expect(sources.map((s) => s.id)).toEqual(["sheet:Deals", "sheet:Other"]);
    expect(selection).toEqual({ kind: "multi-area", address: "Deals!A1:C5, Deals!E1:F9", areas: 2 });
  });

  it("whole columns selected give the rows in use, not 1,048,576", async () => {
    const { host } = makeDouble({ sheets: [{ name: "Deals", values: rows }], selection: { sheet: "Deals", address: "A:H" } });
    const { sources } = await listSourcesAndSelection(host);
    const sel = sources.find((s) => s.id === "selection")!;
    expect(sel).toMatchObject({ rowIndex: 0, rowCount: rows.length, columnCount: 8 });
    expect(sel.clippedFrom).toBe("Deals!A1:H1048576");
  });

  it("a selection on one of our sheets is not offered", async () => {
    const { host } = makeDouble({
      sheets: [{ name: "Deals", values: rows }, { name: "Levers Q3 (keep)", values: rows, customProperties: { [OWNER_PROPERTY]: OWNER_MARKER } }],
      selection: { sheet: "Levers Q3 (keep)", address: "A1:H20" },
    });
    const { sources } = await listSourcesAndSelection(host);
    expect(sources.map((s) => s.id)).toEqual(["sheet:Deals"]);
  });
});

describe("our own sheets are never offered as a pipeline", () => {
  it("leaves out the inputs template, the planner and report sheets, renamed ones included, but offers the inputs template as an inputs sheet", async () => {
    const mark = (kind?: string) => ({ [OWNER_PROPERTY]: kind ? `${OWNER_MARKER}:${kind}` : OWNER_MARKER });
    const { host } = makeDouble({
      sheets: [
        { name: "Deals", values: rows },
        { name: "GTM Inputs", values: [["Setting", "Value"], ["Gross margin", 0.7]], customProperties: mark("inputs") },
        { name: "GTM What-If", values: [["a", "b"], [1, 2]], customProperties: mark("whatif") },
        { name: "My levers", values: [["Period", "Revenue"], ["Q1", 5]], customProperties: mark() },
      ],
    });
    const listing = await listWorkbook(host, inspectSheet);
    expect(listing.sources.map((s) => s.id)).toEqual(["sheet:Deals"]);
    expect(listing.inputSheets).toEqual([{ name: "Deals", origin: null }, { name: "GTM Inputs", origin: "inputs" }]);
  });
});

describe("a filtered table", () => {
  // Rows 2..41 hold deals 0..39; the filter hides every third data row (sheet rows 4, 7, 10, ...).
  const hidden = Array.from({ length: 13 }, (_, i) => 4 + 3 * i);
  const spec = { sheets: [{ name: "Deals", values: rows, hiddenRows: hidden }], tables: [{ name: "DealsTable", sheet: "Deals", address: "A1:H41", filtered: true }] };

  it("is listed with how many rows it shows", async () => {
    const { host } = makeDouble(spec);
    const { sources } = await listSourcesAndSelection(host);
    expect(sources[0]).toMatchObject({ id: "table:DealsTable", filtered: true, rowCount: 41, visibleRows: 41 - hidden.length });
  });

  it("is read as the user sees it: visible rows only, each with its real sheet row", async () => {
    const { host } = makeDouble(spec);
    const r = await readBlock(host, { sheet: "Deals", rowIndex: 0, columnIndex: 0, rowCount: 41, columnCount: 8, sample: rows.slice(0, 20) }, { visibleOnly: true, budget: 600 });
    const expected = rows.filter((_, i) => !hidden.includes(i + 1));
    expect(r.grid.values).toEqual(expected);
    expect(r.rowMap).toEqual(Array.from({ length: 41 }, (_, i) => i + 1).filter((n) => !hidden.includes(n)));
    expect(r.stats.chunks).toBeGreaterThan(1);
  });

  it("an analysis counts only the visible deals and locates each bad cell on its real sheet row", async () => {
    // Sheet row 12 (visible; the 9th visible data row) gets an amount that is not a number.
    const bad = rows.map((r) => r.slice());
    bad[11][7] = "n/a";
    const { d, host } = makeDouble({ ...spec, sheets: [{ ...spec.sheets[0], values: bad }] });
    const listing = await listWorkbook(host, inspectSheet);
    const source = listing.sources[0];
    const out = await runAnalysis(host, { source, map: {} });
    const visible = rows.slice(1).filter((_, i) => !hidden.includes(i + 2));
    // Independent count: pipelineRows cycles Won, Lost, Engaging, Prospecting.
    expect(out.rows.read).toBe(visible.length);
    expect(out.summary.hidden).toEqual({ rows: hidden.length });
    const won = visible.filter((r) => r[4] === "Won").length;
    const lost = visible.filter((r) => r[4] === "Lost").length;
    const winRate = out.summary.headline.find((h) => h.id === "winRate")!;
    expect(winRate.value).toBeCloseTo(won / (won + lost), 10);

    const issues = d.valuesOf(out.dataIssuesSheet!)!;
    const line = issues.find((r) => r.includes("n/a"))!;
    expect(line).toBeDefined();
    expect(line).toContain(12);

    const all = await runAnalysis(host, { source, map: {}, includeHidden: true, replace: out.write.written.map((w) => w.id) });
    expect(all.rows.read).toBe(40);
    expect(all.summary.hidden).toBeUndefined();
  });
});
