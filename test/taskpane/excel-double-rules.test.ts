/**
 * The host double behaves as Excel does on every point the task pane depends on: one test per rule, each
 * naming the reference page it follows (the RULES table in test/support/excel-double.js holds the URLs and
 * marks the rules the reference does not state as unconfirmed).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const double = require("../support/excel-double.js");

type Ctx = Excel.RequestContext;
interface Rule {
  id: string;
  ref: string;
  confirmed: boolean;
  rule: string;
}
const RULES: Rule[] = double.RULES;

function host(spec: unknown) {
  const h = double.createHost(spec);
  return { h, run: <T>(batch: (ctx: Ctx) => Promise<T>): Promise<T> => h.Excel.run(batch) };
}
const rule = (id: string): Rule => {
  const r = RULES.find((x) => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
};
/** A test titled with the rule and its reference, so a failure names the page to read. */
const ruleTest = (id: string, fn: () => Promise<void>): void => {
  const r = rule(id);
  it(`${id}: ${r.confirmed ? "" : "(unconfirmed) "}${r.ref}`, fn);
};
const codeOf = (p: Promise<unknown>): Promise<string> => p.then(() => "no error", (e: { code?: string }) => String(e.code));

describe("the host double's rules", () => {
  it("every rule cites a page, has a test below and is listed with its page in docs/taskpane.md", async () => {
    const fs = require("fs") as typeof import("fs");
    const src = fs.readFileSync(__filename, "utf8");
    const docs = fs.readFileSync(require("path").join(__dirname, "..", "..", "docs", "taskpane.md"), "utf8");
    for (const r of RULES) {
      expect(r.ref).toMatch(/^https:\/\/(learn|support)\.microsoft\.com\//);
      expect(src).toContain(`ruleTest("${r.id}"`);
      const row = docs.split("\n").find((l) => l.startsWith(`| \`${r.id}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(r.ref);
      // An unconfirmed rule says so in the docs (a confirmed one may still mark an unconfirmed detail).
      if (!r.confirmed) expect(row).toMatch(/^\| `[a-z-]+` \| \*\*unconfirmed\*\*/);
    }
  });

  ruleTest("unloaded-property", async () => {
    const { run } = host({ sheets: [{ name: "S", values: [[1]] }] });
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1");
      expect(() => r.values).toThrow(/not available/);
      r.load("values");
      expect(() => r.values).toThrow(/not available/);
      await ctx.sync();
      expect(r.values).toEqual([[1]]);
    });
  });

  ruleTest("selected-range-multi-area", async () => {
    const { run } = host({ sheets: [{ name: "S", values: [[1, 2, 3]] }], selection: { sheet: "S", address: "A1:A3, C1:C3" } });
    const code = await codeOf(run(async (ctx) => {
      ctx.workbook.getSelectedRange().load("address");
      await ctx.sync();
    }));
    expect(code).toBe("InvalidSelection");
  });

  ruleTest("selected-ranges", async () => {
    const { run } = host({ sheets: [{ name: "S", values: [[1, 2, 3]] }], selection: { sheet: "S", address: "A1:A3, C1:D9" } });
    await run(async (ctx) => {
      const areas = ctx.workbook.getSelectedRanges();
      areas.load("address,areaCount");
      areas.areas.load("items/address,items/rowCount");
      await ctx.sync();
      expect(areas.areaCount).toBe(2);
      expect(areas.address).toBe("S!A1:A3, S!C1:D9");
      expect(areas.areas.items.map((a) => [a.address, a.rowCount])).toEqual([["S!A1:A3", 3], ["S!C1:D9", 9]]);
    });
  });

  ruleTest("values-formula-prefix", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:D1").values = [["=1+1", "+1", "-2", "-abc"]];
      await ctx.sync();
    });
    expect(h.formulaAt("S", "A1")).toBe("=1+1");
    expect([h.valueAt("S", "B1"), h.valueAt("S", "C1")]).toEqual([1, -2]);
    expect(h.formulaAt("S", "D1")).toBe("=-abc");
    expect(h.valueAt("S", "D1")).toBe("#NAME?");
  });

  ruleTest("values-iso-date", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:C1").values = [["2024-01-05", "1/5/2024", "19-8-2025"]];
      await ctx.sync();
    });
    // Serials counted independently: 2024-01-05 is 45,296 days after 1899-12-30.
    expect(h.valueAt("S", "A1")).toBe(45296);
    expect(h.valueAt("S", "B1")).toBe(45296);
    // A day-first locale-shaped date stays text (the reference's own example).
    expect(h.valueAt("S", "C1")).toBe("19-8-2025");
  });

  ruleTest("values-coercion", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:G1").values = [["1,234", "$1,000", "50%", "1e3", "TRUE", "00123", "#N/A"]];
      await ctx.sync();
    });
    expect(h.valuesOf("S")).toEqual([[1234, 1000, 0.5, 1000, true, 123, "#N/A"]]);
  });

  ruleTest("values-apostrophe", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:D1").values = [["'=SUM(A1)", "'50%", "'TRUE", "'-abc"]];
      await ctx.sync();
    });
    expect(h.valuesOf("S")).toEqual([["=SUM(A1)", "50%", "TRUE", "-abc"]]);
    expect(h.formulaAt("S", "A1")).toBeNull();
  });

  ruleTest("values-shape", async () => {
    const { run } = host({ sheets: [{ name: "S" }] });
    const code = await codeOf(run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:B2").values = [[1, 2]];
      await ctx.sync();
    }));
    expect(code).toBe("InvalidArgument");
  });

  ruleTest("error-cells", async () => {
    const { run } = host({ sheets: [{ name: "S", values: [[{ error: "#DIV/0!" }, 5]] }] });
    await run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
      r.load("values,valueTypes");
      await ctx.sync();
      expect(r.values).toEqual([["#DIV/0!", 5]]);
      expect(r.valueTypes).toEqual([["Error", "Double"]]);
    });
  });

  ruleTest("payload-limit", async () => {
    // 3 MB of ASCII is under 5 MB; 3 MB of a two-byte character is over it once counted as UTF-8.
    const ascii = "x".repeat(3 * 1024 * 1024);
    const wide = "é".repeat(3 * 1024 * 1024);
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[ascii]];
      await ctx.sync();
    });
    const code = await codeOf(run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A2").values = [[wide]];
      await ctx.sync();
    }));
    expect(code).toBe("RequestPayloadSizeLimitExceeded");
    const read = await codeOf(run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:A2").load("values");
      ctx.workbook.worksheets.getItem("S").getRange("A1").load("values");
      await ctx.sync();
    }));
    expect(read).toBe("ResponsePayloadSizeLimitExceeded");
    expect(h.workbook.stats.refused).toBe(2);
  });

  ruleTest("used-range-values-only", async () => {
    const { run } = host({ sheets: [{ name: "S", values: [["a", "b"], [1, 2]], formatted: ["A1:F40"] }, { name: "Blank" }] });
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      const all = ws.getUsedRange();
      const vals = ws.getUsedRange(true);
      const none = ctx.workbook.worksheets.getItem("Blank").getUsedRangeOrNullObject(true);
      const part = ws.getRange("A:B").getUsedRangeOrNullObject(true);
      const outside = ws.getRange("H1:H9").getUsedRangeOrNullObject(true);
      for (const r of [all, vals, part]) r.load("address");
      await ctx.sync();
      expect(all.address).toBe("S!A1:F40");
      expect(vals.address).toBe("S!A1:B2");
      expect(part.address).toBe("S!A1:B2");
      expect(none.isNullObject).toBe(true);
      expect(outside.isNullObject).toBe(true);
    });
  });

  ruleTest("visible-view", async () => {
    const rows = [["Stage", "Amount"], ["Won", 1], ["Lost", 2], ["Won", 3], ["Open", 4]];
    const { run } = host({ sheets: [{ name: "S", values: rows, hiddenRows: [3, 5] }], tables: [{ name: "Deals", sheet: "S", address: "A1:B5", filtered: true }] });
    await run(async (ctx) => {
      const range = ctx.workbook.tables.getItem("Deals").getRange();
      const view = range.getVisibleView();
      view.load("values,rowCount,cellAddresses");
      range.load("values");
      await ctx.sync();
      expect(view.values).toEqual([rows[0], rows[1], rows[3]]);
      expect(view.rowCount).toBe(3);
      expect(view.cellAddresses.map((r) => r[0])).toEqual(["S!A1", "S!A2", "S!A4"]);
      expect(range.values).toEqual(rows);
    });
  });

  ruleTest("sheet-id", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }, { name: "T" }] });
    const id = await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("S");
      ws.load("id");
      await ctx.sync();
      return ws.id;
    });
    h.userRename("S", "Renamed");
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(id);
      ws.load("id,name");
      await ctx.sync();
      expect([ws.id, ws.name]).toEqual([id, "Renamed"]);
    });
  });

  ruleTest("sheet-copy", async () => {
    const { h, run } = host({ sheets: [{ name: "GTM Levers", values: [["x"]], customProperties: { GTMCompassOwner: "mark" } }], tables: [{ name: "GTM_Levers", sheet: "GTM Levers", address: "A1:A1" }] });
    const copy = h.userCopy("GTM Levers");
    expect(copy).toBe("GTM Levers (2)");
    await run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("GTM Levers");
      const b = ctx.workbook.worksheets.getItem(copy);
      a.load("id");
      b.load("id");
      const prop = b.customProperties.getItemOrNullObject("gtmcompassowner");
      prop.load("value");
      ctx.workbook.tables.load("items/name");
      await ctx.sync();
      expect(a.id).not.toBe(b.id);
      expect(prop.value).toBe("mark");
      expect(ctx.workbook.tables.items.map((t) => t.name)).toEqual(["GTM_Levers", "GTM_Levers2"]);
    });
  });

  ruleTest("sheet-name-length", async () => {
    const { run } = host({ sheets: [{ name: "S" }] });
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.add("x".repeat(32)); await ctx.sync(); }))).toBe("InvalidArgument");
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.add("x".repeat(31)); await ctx.sync(); }))).toBe("no error");
  });

  ruleTest("sheet-name-unique", async () => {
    const { run } = host({ sheets: [{ name: "Pipeline" }, { name: "Other" }] });
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.add("PIPELINE"); await ctx.sync(); }))).toBe("ItemAlreadyExists");
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.getItem("Other").name = "pipeline"; await ctx.sync(); }))).toBe("ItemAlreadyExists");
  });

  ruleTest("sheet-name-characters", async () => {
    const { run } = host({ sheets: [{ name: "S" }] });
    for (const bad of ["a/b", "a:b", "[x]", "'quoted'", "History", " "]) {
      expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.add(bad); await ctx.sync(); }))).toBe("InvalidArgument");
    }
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.add("Levers Q3 (keep)"); await ctx.sync(); }))).toBe("no error");
  });

  ruleTest("table-name", async () => {
    const rename = (n: string) => {
      const { run } = host({ sheets: [{ name: "S", values: [["h", "i"], [1, 2]] }], tables: [{ name: "Taken", sheet: "S", address: "A1:A2" }, { name: "Other", sheet: "S", address: "B1:B2" }] });
      return codeOf(run(async (ctx) => { ctx.workbook.tables.getItem("Taken").name = n; await ctx.sync(); }));
    };
    expect(await rename("OTHER")).toBe("ItemAlreadyExists");
    for (const bad of ["has space", "1st", "A1", "R1C1", "c", "TRUE", "x".repeat(256), "a-b"]) expect([bad, await rename(bad)]).toEqual([bad, "InvalidArgument"]);
    for (const good of ["_x", "\\x", "Deals.2024", "GTM_Levers", "Q1_Deals"]) expect([good, await rename(good)]).toEqual([good, "no error"]);
  });

  ruleTest("table-overlap", async () => {
    const { run } = host({ sheets: [{ name: "S", values: [["h", "i"], [1, 2]] }], tables: [{ name: "One", sheet: "S", address: "A1:A2" }] });
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.getItem("S").tables.add("A1:B2", true); await ctx.sync(); }))).toBe("InvalidOperation");
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.getItem("S").tables.add("B1:B2", true); await ctx.sync(); }))).toBe("no error");
  });

  ruleTest("workbook-protection", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }, { name: "T" }], protected: true });
    const tries: ((ctx: Ctx) => void)[] = [
      (ctx) => ctx.workbook.worksheets.add("New"),
      (ctx) => ctx.workbook.worksheets.getItem("T").delete(),
      (ctx) => (ctx.workbook.worksheets.getItem("T").name = "U"),
      (ctx) => (ctx.workbook.worksheets.getItem("T").position = 0),
      (ctx) => (ctx.workbook.worksheets.getItem("T").visibility = "Hidden" as Excel.SheetVisibility),
      (ctx) => ctx.workbook.worksheets.getItem("T").copy("End"),
    ];
    for (const t of tries) expect(await codeOf(run(async (ctx) => { t(ctx); await ctx.sync(); }))).toBe("AccessDenied");
    expect(h.sheetNames()).toEqual(["S", "T"]);
    // Cells of an unprotected sheet can still be edited.
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.getItem("S").getRange("A1").values = [[1]]; await ctx.sync(); }))).toBe("no error");
  });

  ruleTest("sheet-protection", async () => {
    const { h, run } = host({ sheets: [{ name: "S", values: [["h"], [1]], protected: true }], tables: [{ name: "Deals", sheet: "S", address: "A1:A2" }] });
    const ws = (ctx: Ctx) => ctx.workbook.worksheets.getItem("S");
    const tries: ((ctx: Ctx) => void)[] = [
      (ctx) => (ws(ctx).getRange("B1").values = [[1]]),
      (ctx) => (ws(ctx).getRange("B1").numberFormat = [["0%"]]),
      (ctx) => (ws(ctx).getRange("B1").format.font.bold = true),
      (ctx) => ws(ctx).tables.add("C1:C2", true),
      (ctx) => ws(ctx).charts.add("ColumnClustered" as Excel.ChartType, ws(ctx).getRange("A1:A2")),
      (ctx) => ws(ctx).getRange("A2").conditionalFormats.add("CellValue" as Excel.ConditionalFormatType),
      (ctx) => ws(ctx).freezePanes.freezeRows(1),
      (ctx) => (ctx.workbook.tables.getItem("Deals").name = "Deals_2"),
    ];
    for (const t of tries) expect(await codeOf(run(async (ctx) => { t(ctx); await ctx.sync(); }))).toBe("AccessDenied");
    // Renaming the protected sheet itself is allowed.
    expect(await codeOf(run(async (ctx) => { ws(ctx).name = "Kept"; await ctx.sync(); }))).toBe("no error");
    expect(h.valuesOf("Kept")).toEqual([["h"], [1]]);
  });

  ruleTest("named-item", async () => {
    const { h, run } = host({ sheets: [{ name: "Plan", values: [["Leads", 2000]] }] });
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Plan");
      ws.names.add("Leads", ws.getRange("$B$1"), "Leads per period");
      await ctx.sync();
    });
    expect(await codeOf(run(async (ctx) => { const ws = ctx.workbook.worksheets.getItem("Plan"); ws.names.add("LEADS", ws.getRange("B1")); await ctx.sync(); }))).toBe("ItemAlreadyExists");
    expect(await codeOf(run(async (ctx) => { const ws = ctx.workbook.worksheets.getItem("Plan"); ws.names.add("Q1", ws.getRange("B1")); await ctx.sync(); }))).toBe("InvalidArgument");
    const copy = h.userCopy("Plan");
    await run(async (ctx) => {
      const names = ctx.workbook.worksheets.getItem(copy).names;
      names.load("items/name,items/formula");
      await ctx.sync();
      expect(names.items.map((n) => [n.name, n.formula])).toEqual([["Leads", "='Plan (2)'!B1"]]);
    });
  });

  ruleTest("custom-property-key", async () => {
    const { run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").customProperties.add("GTMCompassOwner", "v");
      const p = ctx.workbook.worksheets.getItem("S").customProperties.getItemOrNullObject("GTMCOMPASSOWNER");
      p.load("value");
      await ctx.sync();
      expect(p.value).toBe("v");
    });
    expect(await codeOf(run(async (ctx) => { ctx.workbook.worksheets.getItem("S").customProperties.add("k".repeat(256), "v"); await ctx.sync(); }))).toBe("InvalidArgument");
  });

  ruleTest("settings", async () => {
    const { h } = host({ sheets: [{ name: "S" }] });
    h.settings.set("k", { when: "2026-01-01", rows: 3 });
    expect(h.settings.get("k")).toEqual({ when: "2026-01-01", rows: 3 });
    h.settings._reopen();
    expect(h.settings.get("k")).toBeNull();
    h.settings.set("k", { rows: 4 });
    await new Promise<void>((resolve) => h.settings.saveAsync(() => resolve()));
    h.settings._reopen();
    expect(h.settings.get("k")).toEqual({ rows: 4 });
  });
});

describe("the host double's rules for formatting, notes, links and print", () => {
  const sheetOf = (ctx: Ctx) => ctx.workbook.worksheets.getItem("S");

  ruleTest("requirement-set", async () => {
    const old = host({ sheets: [{ name: "S" }], api: "1.12" });
    expect(old.h.isSetSupported("ExcelApi", "1.12")).toBe(true);
    expect(old.h.isSetSupported("ExcelApi", "1.18")).toBe(false);
    expect(await codeOf(old.run(async (ctx) => { sheetOf(ctx).notes.add("A1", "why"); await ctx.sync(); }))).toBe("ApiNotFound");
    const now = host({ sheets: [{ name: "S" }] });
    expect(now.h.isSetSupported("ExcelApi", "1.18")).toBe(true);
    expect(now.h.isSetSupported("ExcelApi", "1.19")).toBe(false);
    await now.run(async (ctx) => { sheetOf(ctx).notes.add("B2", "why"); await ctx.sync(); });
    expect(now.h.notesOf("S")).toEqual({ B2: "why" });
  });

  ruleTest("note-single-cell", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    expect(await codeOf(run(async (ctx) => { sheetOf(ctx).notes.add(sheetOf(ctx).getRange("A1:B1"), "x"); await ctx.sync(); }))).toBe("InvalidArgument");
    await run(async (ctx) => { sheetOf(ctx).notes.add(sheetOf(ctx).getRange("C3"), "x"); await ctx.sync(); });
    expect(await codeOf(run(async (ctx) => { sheetOf(ctx).notes.add("C3", "again"); await ctx.sync(); }))).toBe("InvalidArgument");
    expect(h.notesOf("S")).toEqual({ C3: "x" });
  });

  ruleTest("comment-single-cell", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }], api: "1.12" });
    expect(await codeOf(run(async (ctx) => { sheetOf(ctx).comments.add(sheetOf(ctx).getRange("A1:A2"), "x"); await ctx.sync(); }))).toBe("InvalidArgument");
    await run(async (ctx) => { sheetOf(ctx).comments.add(sheetOf(ctx).getRange("A2"), "x"); await ctx.sync(); });
    expect(h.commentsOf("S")).toEqual({ A2: "x" });
  });

  ruleTest("merge-top-left", async () => {
    const { h, run } = host({ sheets: [{ name: "S", values: [["a", "b", "c"], ["d", "e", "f"]] }] });
    await run(async (ctx) => {
      sheetOf(ctx).getRange("A1:C1").merge(false);
      sheetOf(ctx).getRange("A2:B2").merge(true);
      sheetOf(ctx).getRange("B2:C2").merge(false);
      await ctx.sync();
    });
    expect(h.mergesOf("S")).toEqual(["A1:C1", "A2:C2"]);
    // the others cleared (valuesOf trims the blanks at the end of each row)
    expect(h.valuesOf("S")).toEqual([["a"], ["d"]]);
  });

  ruleTest("merge-table", async () => {
    const { run } = host({ sheets: [{ name: "S", values: [["h1", "h2"], [1, 2]] }], tables: [{ name: "T", sheet: "S", address: "A1:B2" }] });
    expect(await codeOf(run(async (ctx) => { sheetOf(ctx).getRange("A2:B2").merge(false); await ctx.sync(); }))).toBe("InvalidOperation");
    await run(async (ctx) => { sheetOf(ctx).getRange("D1:E1").merge(false); await ctx.sync(); });
    expect(await codeOf(run(async (ctx) => { sheetOf(ctx).tables.add("D1:E3", true); await ctx.sync(); }))).toBe("InvalidOperation");
  });

  ruleTest("hyperlink", async () => {
    const { h, run } = host({ sheets: [{ name: "S", values: [["see"]] }, { name: "T" }] });
    await run(async (ctx) => {
      sheetOf(ctx).getRange("A1").hyperlink = { documentReference: "'T'!C9", screenTip: "Go to T!C9", textToDisplay: "T!C9" };
      await ctx.sync();
    });
    expect(h.hyperlinksOf("S")).toEqual({ A1: { documentReference: "'T'!C9", screenTip: "Go to T!C9", textToDisplay: "T!C9" } });
    expect(h.valueAt("S", "A1")).toBe("T!C9");
    expect(await codeOf(run(async (ctx) => { (sheetOf(ctx).getRange("A1") as unknown as { hyperlink: unknown }).hyperlink = { location: "T!A1" }; await ctx.sync(); }))).toBe("InvalidArgument");
  });

  ruleTest("enum-values", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      const f = sheetOf(ctx).getRange("A1:B1").format;
      f.horizontalAlignment = "Right" as Excel.HorizontalAlignment;
      f.verticalAlignment = "Center" as Excel.VerticalAlignment;
      f.font.underline = "Single" as Excel.RangeUnderlineStyle;
      sheetOf(ctx).pageLayout.orientation = "Landscape" as Excel.PageOrientation;
      await ctx.sync();
    });
    expect(h.lookAt("S", "B1")).toMatchObject({ horizontalAlignment: "Right", verticalAlignment: "Center", "font.underline": "Single" });
    expect(h.pageLayoutOf("S").orientation).toBe("Landscape");
    const bad = async (f: (ctx: Ctx) => void) => codeOf(run(async (ctx) => { f(ctx); await ctx.sync(); }));
    expect(await bad((ctx) => (sheetOf(ctx).getRange("A1").format.horizontalAlignment = "right" as Excel.HorizontalAlignment))).toBe("InvalidArgument");
    expect(await bad((ctx) => (sheetOf(ctx).getRange("A1").format.verticalAlignment = "Middle" as Excel.VerticalAlignment))).toBe("InvalidArgument");
    expect(await bad((ctx) => ((sheetOf(ctx).getRange("A1").format.font as unknown as { underline: unknown }).underline = true))).toBe("InvalidArgument");
    expect(await bad((ctx) => (sheetOf(ctx).getRange("A1").format.borders.getItem("EdgeBottom").weight = "Bold" as Excel.BorderWeight))).toBe("InvalidArgument");
    expect(await bad((ctx) => (sheetOf(ctx).pageLayout.orientation = "landscape" as Excel.PageOrientation))).toBe("InvalidArgument");
  });

  ruleTest("indent-level", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => { sheetOf(ctx).getRange("A1").format.indentLevel = 250; await ctx.sync(); });
    expect(h.lookAt("S", "A1").indentLevel).toBe(250);
    for (const v of [251, -1, 1.5]) expect(await codeOf(run(async (ctx) => { sheetOf(ctx).getRange("A1").format.indentLevel = v; await ctx.sync(); }))).toBe("InvalidArgument");
  });

  ruleTest("row-height", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => { sheetOf(ctx).getRange("A2:C3").format.rowHeight = 409; await ctx.sync(); });
    expect(h.rowHeightsOf("S")).toEqual({ 2: 409, 3: 409 });
    expect(await codeOf(run(async (ctx) => { sheetOf(ctx).getRange("A1").format.rowHeight = 410; await ctx.sync(); }))).toBe("InvalidArgument");
    expect(await codeOf(run(async (ctx) => { sheetOf(ctx).getRange("A1").format.font.size = 410; await ctx.sync(); }))).toBe("InvalidArgument");
  });

  ruleTest("page-zoom", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => { sheetOf(ctx).pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 }; await ctx.sync(); });
    expect(h.pageLayoutOf("S").zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    const bad = async (f: (ctx: Ctx) => void) => codeOf(run(async (ctx) => { f(ctx); await ctx.sync(); }));
    expect(await bad((ctx) => (sheetOf(ctx).pageLayout.zoom = { scale: 5 }))).toBe("InvalidArgument");
    expect(await bad((ctx) => (sheetOf(ctx).pageLayout.zoom = { scale: 401 }))).toBe("InvalidArgument");
    expect(await bad((ctx) => (sheetOf(ctx).pageLayout.zoom = { horizontalFitToPages: 1.5 }))).toBe("InvalidArgument");
    expect(await bad((ctx) => (sheetOf(ctx).pageLayout.zoom.scale = 50))).toBe("PropertyNotLoaded");
  });

  ruleTest("print-title-rows", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => { sheetOf(ctx).pageLayout.setPrintTitleRows(sheetOf(ctx).getRange("B2:C3")); await ctx.sync(); });
    expect(h.pageLayoutOf("S").titleRows).toEqual([1, 2]);
    await run(async (ctx) => { sheetOf(ctx).pageLayout.setPrintTitleRows("$1:$1"); await ctx.sync(); });
    expect(h.pageLayoutOf("S").titleRows).toEqual([0, 0]);
  });

  ruleTest("page-breaks", async () => {
    const { h, run } = host({ sheets: [{ name: "S" }] });
    await run(async (ctx) => {
      sheetOf(ctx).horizontalPageBreaks.add(sheetOf(ctx).getRange("C40:D41"));
      sheetOf(ctx).horizontalPageBreaks.add("A12");
      await ctx.sync();
    });
    expect(h.pageBreaksOf("S")).toEqual([11, 39]);
  });
});
