import { writeReport } from "../../src/taskpane/excel/write";
import { OWNER_MARKER, OWNER_PROPERTY, type WorkbookReport } from "../../src/report/types";
import { WorkbookError } from "../../src/taskpane/excel/errors";
import { makeDouble, PAYLOAD_LIMIT } from "./double-host";

const tricky = ["=HYPERLINK(\"http://example.com\",\"x\")", "<img src=x onerror=alert(1)>", "+1", "-2", "@SUM(A1)", "00123", "'quoted", "TRUE", "Jan 5"];

function report(issueRows = 3): WorkbookReport {
  return {
    sheets: [
      {
        name: "GTM Summary",
        notes: ["What to act on first."],
        blocks: [
          {
            row: 2,
            col: 0,
            title: "Time bombs",
            headers: ["Time bomb", "Status", "Metric"],
            rows: [
              ["Clogged funnel", "TIME BOMB", 2.4],
              ["CAC payback", "WATCH", 15],
              ["Partners", "OK", 0.1],
            ],
            formats: [undefined, undefined, "decimal"],
            statusColumns: [1],
            tableName: "GTM_TimeBombs",
          },
        ],
        charts: [{ type: "column", title: "Metric by time bomb", block: 0, series: [2], row: 2, col: 5 }],
        tabColor: "1F6FEB",
      },
      {
        name: "GTM Data Issues",
        blocks: [
          {
            row: 0,
            col: 0,
            headers: ["Sheet", "Row", "Column", "Value", "Problem"],
            rows: Array.from({ length: issueRows }, (_, i) => ["Pipeline", i + 2, "H", tricky[i % tricky.length], `Amount is not a number (${i})`]),
            formats: [undefined, "integer"],
            tableName: "GTM_DataIssues",
          },
        ],
      },
    ],
    insights: [],
  };
}

const userSheet = { name: "Pipeline", values: [["id", "stage"], ["A1", "Won"], ["=not a formula?", "Lost"]] };

describe("writeReport", () => {
  it("writes values, formats, status colours, tables, frozen header and a native chart, marked as ours", async () => {
    const { d, host } = makeDouble({ sheets: [userSheet] });
    const res = await writeReport(host, report());
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Data Issues"]);
    expect(res.names).toEqual({ "GTM Summary": "GTM Summary", "GTM Data Issues": "GTM Data Issues" });
    expect(d.valueAt("GTM Summary", "A1")).toBe("What to act on first.");
    expect(d.valueAt("GTM Summary", "A2")).toBe("Time bombs");
    expect(d.valuesOf("GTM Summary")!.slice(2, 6).map((r) => r.slice(0, 3))).toEqual([
      ["Time bomb", "Status", "Metric"],
      ["Clogged funnel", "TIME BOMB", 2.4],
      ["CAC payback", "WATCH", 15],
      ["Partners", "OK", 0.1],
    ]);
    const summary = d.sheet("GTM Summary")!;
    expect(summary.customProperties.get(OWNER_PROPERTY.toLowerCase())!.value).toBe(OWNER_MARKER);
    expect(summary.freezeRows).toBe(3);
    expect(summary.formats.get("3,2")).toBe("0.00");
    const bomb = summary.conditionalFormats.find((c) => c.cf.cellValue.rule.formula1 === '="TIME BOMB"')!;
    expect(bomb.range).toMatchObject({ r0: 3, c0: 1, r1: 5, c1: 1 });
    expect(bomb.cf.cellValue.format.fill.color).toBe("#FFC7CE");
    expect(d.workbook.tables.map((t) => t.name)).toEqual(["GTM_TimeBombs", "GTM_DataIssues"]);
    expect(summary.charts).toHaveLength(1);
    expect(summary.charts[0]).toMatchObject({ type: "ColumnClustered", title: "Metric by time bomb", source: "'GTM Summary'!C3:C6" });
    expect(summary.charts[0].series[0].categories).toBe("'GTM Summary'!A4:A6");
    // Calculation was suspended on every sync that wrote, then run once at the end.
    expect(d.workbook.stats.calcSuspendedSyncs).toBe(d.workbook.stats.writeSyncs - 1);
    expect((d.workbook as unknown as { calculations: number }).calculations).toBe(1);
    expect(d.workbook.stats.screenSuspendedSyncs).toBeGreaterThan(0);
    // The user's sheet is as it was.
    expect(d.valuesOf("Pipeline")).toEqual(userSheet.values.map((r) => r.slice()));
  });

  it("sets the print setup where the host takes it, and leaves a sheet complete but unprinted where it does not", async () => {
    const printed = report();
    printed.sheets[0].print = { orientation: "landscape", fitHeight: 1, repeatRows: [0, 0], header: { left: "GTM Summary", right: "deals.csv & more" } };
    const now = makeDouble({ sheets: [userSheet] });
    const ok = await writeReport(now.host, printed);
    expect(ok.unprinted).toEqual([]);
    const layout = now.d.pageLayoutOf("GTM Summary");
    expect(layout).toMatchObject({ orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 1 }, titleRows: [0, 0] });
    expect(layout.headersFooters).toEqual({ leftHeader: '&"-,Bold"GTM Summary', rightHeader: "deals.csv && more", centerFooter: "Page &P of &N" });
    // a host without ExcelApi 1.9 (no page layout): the sheet is written all the same, and the result says so
    const old = makeDouble({ sheets: [userSheet], api: "1.8" });
    const res = await writeReport(old.host, printed);
    expect(res.unprinted).toEqual(["GTM Summary"]);
    expect(old.d.valuesOf("GTM Summary")).toEqual(now.d.valuesOf("GTM Summary"));
    expect(old.d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Data Issues"]);
  });

  it("writes every string as the same text, never as a formula or a converted number", async () => {
    const { d, host } = makeDouble({ sheets: [userSheet] });
    await writeReport(host, report(tricky.length));
    for (let i = 0; i < tricky.length; i++) {
      expect(d.valueAt("GTM Data Issues", `D${i + 2}`)).toBe(tricky[i]);
      expect(d.formulaAt("GTM Data Issues", `D${i + 2}`)).toBeNull();
    }
  });

  it("replaces its own sheets on a rerun and leaves no temporary sheet behind", async () => {
    const { d, host } = makeDouble({ sheets: [userSheet] });
    await writeReport(host, report(5));
    const second = report(2);
    (second.sheets[0].blocks[0].rows[0] as unknown[])[2] = 9.9;
    const res = await writeReport(host, second);
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Data Issues"]);
    expect(res.replaced.sort()).toEqual(["GTM Data Issues", "GTM Summary"]);
    expect(d.valueAt("GTM Summary", "C4")).toBe(9.9);
    expect(d.valuesOf("GTM Data Issues")!.length).toBe(3);
    expect(d.workbook.tables.map((t) => t.name).sort()).toEqual(["GTM_DataIssues", "GTM_TimeBombs"]);
  });

  it("never overwrites a user's sheet that has one of our names: ours becomes \"Name (2)\"", async () => {
    const mine = { name: "GTM Summary", values: [["my own notes"], [42]] };
    const { d, host } = makeDouble({ sheets: [userSheet, mine] });
    const res = await writeReport(host, report());
    expect(res.names["GTM Summary"]).toBe("GTM Summary (2)");
    expect(res.renamed).toEqual([{ wanted: "GTM Summary", actual: "GTM Summary (2)" }]);
    expect(d.valuesOf("GTM Summary")).toEqual([["my own notes"], [42]]);
    expect(d.sheet("GTM Summary")!.customProperties.size).toBe(0);
    expect(d.valueAt("GTM Summary (2)", "A1")).toBe("What to act on first.");
    // A rerun replaces "GTM Summary (2)" (ours) and still leaves the user's sheet alone.
    await writeReport(host, report());
    expect(d.sheetNames().sort()).toEqual(["GTM Data Issues", "GTM Summary", "GTM Summary (2)", "Pipeline"]);
    expect(d.valuesOf("GTM Summary")).toEqual([["my own notes"], [42]]);
  });

  it("refuses, with a clear message and no change, when the workbook structure is protected", async () => {
    const { d, host } = makeDouble({ sheets: [userSheet], protected: true });
    const err = await writeReport(host, report()).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err.problem).toBe("protected-workbook");
    expect(err.message).toMatch(/Unprotect it \(Review > Protect Workbook\)/);
    expect(d.sheetNames()).toEqual(["Pipeline"]);
  });

  it("refuses to remove one of our earlier sheets that the user protected, changing nothing", async () => {
    const { d, host } = makeDouble({ sheets: [userSheet] });
    await writeReport(host, report());
    d.sheet("GTM Summary")!.protected = true;
    const before = d.valuesOf("GTM Summary");
    const err = await writeReport(host, report(7)).catch((e) => e);
    expect(err).toBeInstanceOf(WorkbookError);
    expect(err.problem).toBe("protected-sheet");
    expect(err.message).toContain('"GTM Summary" is protected');
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Data Issues"]);
    expect(d.valuesOf("GTM Summary")).toEqual(before);
    expect(d.valuesOf("GTM Data Issues")!.length).toBe(4);
  });

  it("on Cancel while writing, removes this run's sheets and restores the previous ones", async () => {
    const { d, host } = makeDouble({ sheets: [userSheet] });
    await writeReport(host, report(4));
    const before = { summary: d.valuesOf("GTM Summary"), issues: d.valuesOf("GTM Data Issues") };
    const controller = new AbortController();
    const err = await writeReport(host, report(50), {
      signal: controller.signal,
      onSheet: (i) => {
        if (i === 2) controller.abort();
      },
    }).catch((e) => e);
    expect(err.name).toBe("CancelledError");
    expect(d.sheetNames()).toEqual(["Pipeline", "GTM Summary", "GTM Data Issues"]);
    expect(d.valuesOf("GTM Summary")).toEqual(before.summary);
    expect(d.valuesOf("GTM Data Issues")).toEqual(before.issues);
    expect(d.workbook.tables.map((t) => t.name).sort()).toEqual(["GTM_DataIssues", "GTM_TimeBombs"]);
  });

  it("keeps every write under 5 MB: a 60,000-row sheet goes in several syncs, a small report in a few", async () => {
    const small = makeDouble({ sheets: [userSheet] });
    await writeReport(small.host, report(10));
    const smallSyncs = small.d.workbook.stats.syncs;

    const big = makeDouble({ sheets: [userSheet] });
    const res = await writeReport(big.host, report(60_000));
    const stats = big.d.workbook.stats;
    expect(stats.refused).toBe(0);
    for (const b of stats.requestBytes) expect(b).toBeLessThan(PAYLOAD_LIMIT);
    expect(stats.syncs).toBeGreaterThan(smallSyncs);
    expect(stats.syncs).toBeLessThan(smallSyncs + 20);
    expect(res.syncs).toBe(stats.syncs);
    expect(big.d.valueAt("GTM Data Issues", "E60001")).toBe("Amount is not a number (59999)");
  });
});
