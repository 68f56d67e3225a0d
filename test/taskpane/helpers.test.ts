import { createInputsSheet, whatIfLayout } from "../../src/taskpane/excel/helpers";
import { buildWhatIfSheet, describeWhatIf } from "../../src/taskpane/excel/whatif";
import { recall, remember, lastSource } from "../../src/taskpane/excel/settings";
import { selectCell } from "../../src/taskpane/excel/navigate";
import { inputsTemplate } from "../../src/pipeline";
import { makeDouble } from "./double-host";

const user = { name: "Pipeline", values: [["Stage", "Amount"], ["Won", 10]] };

describe("inputs sheet", () => {
  it("writes the template as text and numbers, and never replaces an inputs sheet the user has filled", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    const template = inputsTemplate();
    const first = await createInputsSheet(host, template);
    expect(first).toEqual({ sheet: "GTM Inputs", created: true });
    const written = d.valuesOf("GTM Inputs")!;
    expect(written[0][0]).toBe(template[0][0]);
    expect(written.length).toBeLessThanOrEqual(template.length);
    // The user fills a cell; asking again opens the sheet and keeps it.
    d.sheet("GTM Inputs")!;
    (d.sheet("GTM Inputs") as unknown as { rows: unknown[][] }).rows[4][1] = 123456;
    const again = await createInputsSheet(host, template);
    expect(again).toEqual({ sheet: "GTM Inputs", created: false });
    expect(d.valueAt("GTM Inputs", "B5")).toBe(123456);
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Inputs"]);
  });
});

describe("what-if sheet", () => {
  it("wires every GTM formula to input cells that hold the planner's numbers", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    const res = await buildWhatIfSheet(host);
    expect(res.sheet).toBe("GTM What-If");
    const layout = whatIfLayout();
    const formulas = [...(d.sheet("GTM What-If") as unknown as { formulas: Map<string, string> }).formulas.values()];
    for (const fn of ["GTM.FUNNEL_YIELD", "GTM.LEADS_NEEDED", "GTM.CAC_FLAG", "GTM.GTM_COMPASS", "GTM.CAPACITY_NEEDED", "GTM.RATE_NEEDED"]) {
      expect(formulas.some((f) => f.includes(`${fn}(`))).toBe(true);
    }
    // Every single-cell reference in a formula points at a yellow input cell (or the stage numbers the solvers take)
    // holding a number, or a blank capacity.
    const stageNumbers = layout.inputs.StageNumbers.split(":");
    const refs = formulas.flatMap((f) => f.match(/\b[A-H]\d+\b/g) ?? []);
    expect(refs.length).toBeGreaterThan(20);
    for (const r of refs) {
      expect(layout.inputCells.includes(r) || stageNumbers.includes(r)).toBe(true);
      const v = d.valueAt("GTM What-If", r);
      expect(typeof v === "number" || v === "").toBe(true);
    }
    // leads needed, rounded up to whole leads
    const { TargetWins, Rates, Capacity, Overflow } = layout.inputs;
    expect(formulas).toContain(`=ROUNDUP(GTM.LEADS_NEEDED(${TargetWins},${Rates},${Capacity},${Overflow}),0)`);
  });

  it("rebuilds its own what-if sheet and leaves a user's sheet of that name alone", async () => {
    const mine = { name: "GTM What-If", values: [["my scenario"]] };
    const { d, host } = makeDouble({ sheets: [user, mine] });
    expect((await buildWhatIfSheet(host)).sheet).toBe("GTM What-If (2)");
    expect((await buildWhatIfSheet(host)).sheet).toBe("GTM What-If (2)");
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM What-If", "GTM What-If (2)"]);
    expect(d.valuesOf("GTM What-If")).toEqual([["my scenario"]]);
  });
});

describe("remembered mapping", () => {
  it("saves the choice in the document settings and offers it back while its headers are still there", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    expect(recall(host, "sheet:Pipeline", ["Stage", "Amount"])).toBeNull();
    await remember(host, "sheet:Pipeline", { map: { stage: "Stage", amount: "Amount", owner: "none" }, headers: ["Stage", "Amount"], period: "quarter" });
    expect((d.workbook as unknown as { settingsSaved: number }).settingsSaved).toBe(1);
    expect(lastSource(host)).toBe("sheet:Pipeline");
    expect(recall(host, "sheet:Pipeline", ["stage", "AMOUNT", "Extra"])?.period).toBe("quarter");
    // A header it named is gone: the old choice is not applied to a different table.
    expect(recall(host, "sheet:Pipeline", ["Stage", "Value"])).toBeNull();
    expect(recall(host, "table:Other", ["Stage", "Amount"])).toBeNull();
  });

  it("outside Excel (no document settings) remembers nothing and does not fail", async () => {
    const { host } = makeDouble({ sheets: [user] });
    const bare = { ...host, settings: () => null };
    await expect(remember(bare, "sheet:Pipeline", { map: {}, headers: [] })).resolves.toBeUndefined();
    expect(recall(bare, "sheet:Pipeline", [])).toBeNull();
  });
});

describe("selectCell", () => {
  it("activates the sheet and selects the cell, or says the sheet has gone", async () => {
    const { d, host } = makeDouble({ sheets: [user, { name: "GTM Funnel", values: [["x"]] }] });
    await selectCell(host, "GTM Funnel", "C12");
    const sel = d.workbook.selection as { sheet: { name: string }; areas: { r0: number; c0: number }[] };
    expect([sel.sheet.name, sel.areas.length, sel.areas[0].r0, sel.areas[0].c0]).toEqual(["GTM Funnel", 1, 11, 2]);
    await expect(selectCell(host, "GTM Gone", "A1")).rejects.toThrow('The sheet "GTM Gone" is no longer in the workbook');
  });
});

describe("rebuilding the what-if sheet never loses a planner's work", () => {
  const layout = whatIfLayout();
  const volume = layout.inputs.Leads; // a single cell, e.g. "B5"
  const firstRate = layout.inputs.Rates.split(":")[0];

  it("keeps every input the planner changed, in place (same sheet, so references to it keep working), and says so", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    await buildWhatIfSheet(host);
    const id = (d.sheet("GTM What-If") as unknown as { id: string }).id;
    d.userType("GTM What-If", volume, "9999");
    d.userType("GTM What-If", firstRate, "45%");
    const res = await buildWhatIfSheet(host);
    expect(res.created).toBe(false);
    expect(res.leftAlone).toBeUndefined();
    expect(d.valueAt("GTM What-If", volume)).toBe(9999);
    expect(d.valueAt("GTM What-If", firstRate)).toBe(0.45);
    expect((d.sheet("GTM What-If") as unknown as { id: string }).id).toBe(id);
    expect(res.kept.map((k) => k.value)).toEqual(["9,999", "0.45, 0.4, 0.3"]);
    expect(describeWhatIf(res)).toMatch(/Rebuilt “GTM What-If” in place\. Your 2 changed inputs were kept: Leads entering the funnel per period = 9,999; Conversion rate of each stage = 0\.45, 0\.4, 0\.3\./);
    // Formulas still point at the input cells.
    const formulas = [...(d.sheet("GTM What-If") as unknown as { formulas: Map<string, string> }).formulas.values()];
    expect(formulas.filter((f) => f.startsWith("=GTM.FUNNEL_YIELD(") && f.includes(volume)).length).toBeGreaterThan(0);
  });

  it("an untouched planner is rebuilt in place and says nothing was changed", async () => {
    const { host } = makeDouble({ sheets: [user] });
    await buildWhatIfSheet(host);
    const res = await buildWhatIfSheet(host);
    expect(describeWhatIf(res)).toBe("Rebuilt “GTM What-If” in place. None of its inputs had been changed.");
  });

  it("a planner changed outside its input cells is left exactly as it is; a fresh one goes beside it, with the changed inputs", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    await buildWhatIfSheet(host);
    d.userType("GTM What-If", volume, "9999");
    d.userType("GTM What-If", "D2", "my note about Q3");
    const before = d.valuesOf("GTM What-If");
    const res = await buildWhatIfSheet(host);
    expect(res).toMatchObject({ sheet: "GTM What-If (2)", created: true, leftAlone: { sheet: "GTM What-If", why: "it has changes outside its yellow input cells" } });
    expect(d.valuesOf("GTM What-If")).toEqual(before);
    expect(d.valueAt("GTM What-If (2)", volume)).toBe(9999);
    expect(describeWhatIf(res)).toMatch(/^“GTM What-If” was left exactly as it is because it has changes outside its yellow input cells; the new planner is “GTM What-If \(2\)”\./);
    // The record moved to the new planner: the next rebuild rewrites that one, not the user's.
    const again = await buildWhatIfSheet(host);
    expect(again.sheet).toBe("GTM What-If (2)");
    expect(d.valuesOf("GTM What-If")).toEqual(before);
  });

  it("a renamed planner is the user's: a new one is added", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    await buildWhatIfSheet(host);
    d.userType("GTM What-If", volume, "9999");
    d.userRename("GTM What-If", "Plan 2027");
    const res = await buildWhatIfSheet(host);
    expect(res).toMatchObject({ sheet: "GTM What-If", created: true });
    expect(d.valueAt("Plan 2027", volume)).toBe(9999);
    expect(d.valueAt("GTM What-If", volume)).toBe(2000);
  });

  it("a protected planner is left alone", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    await buildWhatIfSheet(host);
    d.userProtect("GTM What-If");
    const res = await buildWhatIfSheet(host);
    expect(res.leftAlone).toEqual({ sheet: "GTM What-If", why: "it is protected" });
    expect(res.sheet).toBe("GTM What-If (2)");
  });
});

describe("the planner's input names", () => {
  it("names every input on the sheet, and a rebuild in place replaces them instead of failing on duplicates", async () => {
    const { d, host } = makeDouble({ sheets: [user] });
    await buildWhatIfSheet(host);
    const layout = whatIfLayout();
    const names = () => (d.sheet("GTM What-If") as unknown as { names: { name: string; formula: string }[] }).names;
    expect(names().map((n) => n.name).sort()).toEqual(layout.names.filter((n) => !n.sheet).map((n) => n.name).sort());
    expect(names().find((n) => n.name === "Leads")!.formula).toBe(`='GTM What-If'!${layout.inputs.Leads}`);
    await buildWhatIfSheet(host);
    expect(names().length).toBe(layout.names.filter((n) => !n.sheet).length);
  });
});
