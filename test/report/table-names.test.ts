import ExcelJS from "exceljs";
import { renderReport } from "../../src/cli/write-xlsx";
import { uniqueHeaders, uniqueTableName } from "../../src/report/table-names";
import type { WorkbookReport } from "../../src/report/types";
import { writeReport } from "../../src/taskpane/excel/write";
import { makeDouble } from "../taskpane/double-host";

describe("uniqueHeaders", () => {
  it("keeps distinct headers, numbers repeats case-insensitively and names blanks by position", () => {
    expect(uniqueHeaders(["Stage", "stage", " Stage ", "", "Amount"])).toEqual(["Stage", "stage 2", "Stage 3", "Column 4", "Amount"]);
  });

  it("numbers a blank whose positional name is already a header from that name", () => {
    expect(uniqueHeaders(["Column 2", ""])).toEqual(["Column 2", "Column 2 2"]);
  });
});

describe("uniqueTableName", () => {
  it("replaces characters Excel refuses, prefixes a leading digit and numbers a taken name", () => {
    const taken = new Set<string>(["gtm_levers"]);
    expect(uniqueTableName("2024 pipeline", taken)).toBe("T_2024_pipeline");
    expect(uniqueTableName("GTM Levers", taken)).toBe("GTM_Levers_2");
    expect(uniqueTableName("gtm-levers", taken)).toBe("gtm_levers_3");
    expect([...taken].sort()).toEqual(["gtm_levers", "gtm_levers_2", "gtm_levers_3", "t_2024_pipeline"]);
  });
});

/** Two tables whose headers and names both need the rules. */
const report: WorkbookReport = {
  insights: [],
  sheets: [
    {
      name: "GTM Levers",
      blocks: [
        { row: 0, col: 0, headers: ["Column 2", "", "Lever", "lever"], rows: [[1, 2, "a", "b"]], tableName: "GTM Levers" },
        { row: 4, col: 0, headers: ["Period", "Value"], rows: [["Q1", 3]], tableName: "GTM-Levers" },
      ],
    },
  ],
};
const expectedHeaders = ["Column 2", "Column 2 2", "Lever", "lever 2"];

describe("both writers apply the same table rules", () => {
  it("the command line's ExcelJS workbook", () => {
    const ws = renderReport(report).getWorksheet("GTM Levers")!;
    const tables = ws.getTables().map((t) => (t as unknown as { table: ExcelJS.TableProperties }).table);
    expect(tables.map((t) => t.name)).toEqual(["GTM_Levers", "GTM_Levers_2"]);
    expect(tables[0].columns.map((c) => c.name)).toEqual(expectedHeaders);
    expect([1, 2, 3, 4].map((c) => ws.getCell(1, c).value)).toEqual(expectedHeaders);
  });

  it("the task pane's Office.js writer", async () => {
    const { d, host } = makeDouble({ sheets: [{ name: "Pipeline", values: [["id"], ["A"]] }] });
    await writeReport(host, report);
    expect(d.workbook.tables.map((t) => t.name)).toEqual(["GTM_Levers", "GTM_Levers_2"]);
    expect(d.valuesOf("GTM Levers")![0].slice(0, 4)).toEqual(expectedHeaders);
  });
});
