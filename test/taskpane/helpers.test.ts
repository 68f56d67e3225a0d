import { buildWhatIfSheet, createInputsSheet, whatIfLayout } from "../../src/taskpane/excel/helpers";
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
    const sel = d.workbook.selection as { sheet: { name: string }; r0: number; c0: number };
    expect([sel.sheet.name, sel.r0, sel.c0]).toEqual(["GTM Funnel", 11, 2]);
    await expect(selectCell(host, "GTM Gone", "A1")).rejects.toThrow('The sheet "GTM Gone" is no longer in the workbook');
  });
});
