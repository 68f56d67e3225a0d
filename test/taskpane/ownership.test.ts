/**
 * Nothing of the user's is replaced without their say: a rerun replaces only the sheets the last run
 * recorded (id and name) in the workbook's settings. A GTM sheet the user renamed ("Levers Q3 (keep)", as
 * the protected-sheet message advises) or copied carries GTM Compass's mark, yet stays theirs.
 */
import { planReplacement, writeReport } from "../../src/taskpane/excel/write";
import { OWNER_MARKER, OWNER_PROPERTY, type WorkbookReport } from "../../src/report/types";
import { readLedger } from "../../src/taskpane/excel/settings";
import { makeDouble } from "./double-host";

function report(tag: string): WorkbookReport {
  return {
    insights: [],
    sheets: [
      { name: "GTM Summary", blocks: [{ row: 0, col: 0, headers: ["Run", "Value"], rows: [[tag, 1]], tableName: "GTM_Summary" }] },
      { name: "GTM Levers", blocks: [{ row: 0, col: 0, headers: ["Run", "Lever"], rows: [[tag, "customers"]], tableName: "GTM_Levers" }] },
    ],
  };
}
const pipeline = { name: "Pipeline", values: [["Stage", "Amount"], ["Won", 10]] };
const settle = () => new Promise((r) => setTimeout(r, 0));

describe("which sheets a rerun replaces", () => {
  it("records the id and name of every sheet it wrote", async () => {
    const { host } = makeDouble({ sheets: [pipeline] });
    const res = await writeReport(host, report("first"));
    await settle();
    expect(res.recorded).toBe(true);
    expect(readLedger(host).report!.map((x) => x.name)).toEqual(["GTM Summary", "GTM Levers"]);
    expect(readLedger(host).report!.every((x) => x.id.length > 0)).toBe(true);
  });

  it("replaces the last run's sheets and nothing else", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline] });
    await writeReport(host, report("first"));
    const plan = await planReplacement(host);
    expect(plan.replace.map((x) => x.name)).toEqual(["GTM Summary", "GTM Levers"]);
    const res = await writeReport(host, report("second"), { replace: plan.replace.map((x) => x.id) });
    expect(res.replaced.sort()).toEqual(["GTM Levers", "GTM Summary"]);
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Levers"]);
    expect(d.valueAt("GTM Levers", "A2")).toBe("second");
  });

  it("a renamed GTM sheet survives a rerun, and the next run writes a fresh one", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline] });
    await writeReport(host, report("first"));
    d.userRename("GTM Levers", "Levers Q3 (keep)");
    const plan = await planReplacement(host);
    expect(plan.replace.map((x) => x.name)).toEqual(["GTM Summary"]);
    expect(plan.kept).toEqual([expect.objectContaining({ name: "Levers Q3 (keep)", why: "renamed" })]);
    await writeReport(host, report("second"), { replace: plan.replace.map((x) => x.id) });
    expect(d.valuesOf("Levers Q3 (keep)")).toEqual([["Run", "Lever"], ["first", "customers"]]);
    expect(d.valueAt("GTM Levers", "A2")).toBe("second");
    // It still carries the mark (marks travel with a sheet), yet a third run leaves it alone too.
    expect(d.sheet("Levers Q3 (keep)")!.customProperties.get(OWNER_PROPERTY.toLowerCase())!.value).toBe(OWNER_MARKER);
    await writeReport(host, report("third"));
    expect(d.valuesOf("Levers Q3 (keep)")).toEqual([["Run", "Lever"], ["first", "customers"]]);
    expect(d.sheetNames().sort()).toEqual(["GTM Levers", "GTM Summary", "Levers Q3 (keep)", "Pipeline"]);
  });

  it("a copied GTM sheet survives a rerun: the copy is the user's, the original is replaced", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline] });
    await writeReport(host, report("first"));
    const copy = d.userCopy("GTM Levers");
    expect(copy).toBe("GTM Levers (2)");
    const plan = await planReplacement(host);
    expect(plan.kept).toEqual([expect.objectContaining({ name: "GTM Levers (2)", why: "not-last-run" })]);
    await writeReport(host, report("second"));
    expect(d.valuesOf("GTM Levers (2)")).toEqual([["Run", "Lever"], ["first", "customers"]]);
    expect(d.valueAt("GTM Levers", "A2")).toBe("second");
  });

  it("a renamed sheet the user protected does not stop the run (it is theirs now)", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline] });
    await writeReport(host, report("first"));
    d.userRename("GTM Summary", "Summary for the board");
    d.userProtect("Summary for the board");
    await expect(writeReport(host, report("second"))).resolves.toMatchObject({ replaced: ["GTM Levers"] });
    expect(d.valueAt("Summary for the board", "A2")).toBe("first");
  });

  it("a sheet renamed back to its recorded name is ours again", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline] });
    await writeReport(host, report("first"));
    d.userRename("GTM Levers", "tmp");
    d.userRename("tmp", "GTM Levers");
    const plan = await planReplacement(host);
    expect(plan.replace.map((x) => x.name)).toEqual(["GTM Summary", "GTM Levers"]);
  });

  it("replaces only what the user agreed to, even when more is ours", async () => {
    const { d, host } = makeDouble({ sheets: [pipeline] });
    await writeReport(host, report("first"));
    const plan = await planReplacement(host);
    const summaryOnly = plan.replace.filter((x) => x.name === "GTM Summary").map((x) => x.id);
    const res = await writeReport(host, report("second"), { replace: summaryOnly });
    expect(res.replaced).toEqual(["GTM Summary"]);
    expect(res.names["GTM Levers"]).toBe("GTM Levers (2)");
    expect(d.valueAt("GTM Levers", "A2")).toBe("first");
  });
});
