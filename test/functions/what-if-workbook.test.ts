/**
 * Planners' workbooks recalculated by a real formula engine (HyperFormula) with every GTM function registered
 * under its GTM. name, calling the wrappers Excel calls with arguments passed as Excel passes them
 * (gtm-hyperformula.ts): a hand-made plan, and the what-if sheet the task pane builds, cell by cell.
 */
import { HyperFormula } from "hyperformula";
import { buildWorkbook, registerGtmFunctions } from "./gtm-hyperformula";
import { whatIfFormula, whatIfLayout, type WhatIfLayout } from "../../src/report/what-if";
import { inputsTemplate } from "../../src/pipeline/inputs";
import { THRESHOLD_NAMES } from "../../src/model/thresholds";

beforeAll(async () => {
  await registerGtmFunctions();
});

type CellError = { type?: string; message?: string };
const isError = (v: unknown): v is CellError => typeof v === "object" && v !== null && "type" in v;

/** Wins by hand: rates .3/.5/.2, capacities 400/100/unlimited, overflow conversion d. */
const winsByHand = (v: number, d = 0): number => {
  const a2 = 0.3 * Math.min(v, 400) + d * 0.3 * Math.max(v - 400, 0);
  const a3 = 0.5 * Math.min(a2, 100) + d * 0.5 * Math.max(a2 - 100, 0);
  return 0.2 * a3;
};

describe("a hand-made plan", () => {
  let hf: HyperFormula;
  const value = (a1: string) => hf.getCellValue(hf.simpleCellAddressFromString(a1, 0)!);
  const set = (a1: string, v: unknown) => hf.setCellContents(hf.simpleCellAddressFromString(a1, 0)!, [[v as never]]);

  beforeEach(() => {
    hf = buildWorkbook({
      Plan: [
        [500, 0.3, 0.5, 0.2, null, "=GTM.FUNNEL_YIELD(A1:A5, B1:D1, B2:D2)", "=SUM(F1:F5)", '=GTM.FUNNEL_YIELD(A1, B1:D1, B2:D2, 0, "stages")'],
        [1000, 400, 100, null, null, null, "=INDEX(F1:F5, 3)"],
        [1500],
        [2000],
        [2500],
        [null, 0, 0.1, 0.2, null, null, null, null, null, null, "=GTM.FUNNEL_YIELD(A1:A5, B1:D1, B2:D2, B6:D6)"], // a two-way table in K6:M10
        [],
        [1, 1, 1, 1, 1, 1, 1],
        [5, 5, 5, 5, 5, 5, 5],
        [null, null, null, null, null, null, null, null, "=SUM(F1#)"], // a spill reference (I10)
        ["=GTM.GTM_COMPASS(A8:G9)"],
        [],
        [],
        [120000, 10, "=GTM.CAC_FLAG(A14:A16, B14:B16, 1000, 0.8, 0.02)"],
        [96000, 10],
        [250000, 10],
        [],
        [6, "=GTM.LEADS_NEEDED(A18, B1:D1, B2:D2)", "=GTM.FUNNEL_YIELD(B18, B1:D1, B2:D2)", '=GTM.FUNNEL_YIELD(A1:A5, B1:D1, B2:D2, , "yield")'],
      ],
    });
  });
  afterEach(() => hf.destroy());

  test("the funnel spills one result per scenario, matching the formula by hand; SUM and INDEX over the spill", () => {
    [500, 1000, 1500, 2000, 2500].forEach((v, i) => expect(value(`F${i + 1}`)).toBeCloseTo(winsByHand(v), 10));
    expect(value("G1")).toBeCloseTo([500, 1000, 1500, 2000, 2500].map((v) => winsByHand(v)).reduce((a, b) => a + b), 10);
    expect(value("G2")).toBeCloseTo(winsByHand(1500), 10);
  });

  test("a column of leads against a row of overflow conversions gives the two-way table a Data Table would", () => {
    [500, 1000, 1500, 2000, 2500].forEach((v, i) =>
      [0, 0.1, 0.2].forEach((d, j) => expect(value(`${"KLM"[j]}${6 + i}`)).toBeCloseTo(winsByHand(v, d), 10)),
    );
  });

  test("a spill reference (F1#) reads the whole spilled column and follows it", () => {
    const total = [500, 1000, 1500, 2000, 2500].map((v) => winsByHand(v)).reduce((a, b) => a + b);
    expect(value("I10")).toBeCloseTo(total, 10);
    set("A1", 100); // 100 leads: 30 -> 15 -> 3 wins
    expect(value("I10")).toBeCloseTo(total - winsByHand(500) + 3, 10);
  });

  test("an omitted argument in the middle takes its default (yield with overflow left out)", () => {
    expect(value("D18")).toBeCloseTo(winsByHand(500) / 500, 12);
  });

  test("changing an input recalculates the spill", () => {
    set("A1", 100);
    expect(value("F1")).toBeCloseTo(3, 12);
    set("C2", 1000); // stage 2 works all 120 -> 60 -> 12
    expect(value("F2")).toBeCloseTo(12, 12);
    expect(value("G2")).toBeCloseTo(winsByHand(1500) + 2, 12); // 1,500 leads: 120 -> 60 -> 12 (was 10)
  });

  test("the stages field spills a row of stage volumes", () => {
    expect(["H1", "I1", "J1", "K1"].map((c) => value(c))).toEqual([500, 120, 50, 10]);
  });

  test("GTM_COMPASS spills a row per product", () => {
    expect([value("A11"), value("B11"), value("A12"), value("D12")]).toEqual(["Marketing-led", 0, "Sales-led", "Direct field sales"]);
  });

  test("CAC_FLAG spills one flag per period and follows its inputs", () => {
    // payback = spend / 10 / 800: 15 WATCH, 12 HEALTHY, 31.25 TIME BOMB
    expect([value("C14"), value("C15"), value("C16")]).toEqual(["WATCH", "HEALTHY", "TIME BOMB"]);
    set("B16", 100);
    expect(value("C16")).toBe("HEALTHY");
  });

  test("LEADS_NEEDED is FUNNEL_YIELD's exact inverse; an unreachable target is #N/A with the reason", () => {
    expect(value("B18")).toBeCloseTo(200, 9);
    expect(value("C18") as number).toBeGreaterThanOrEqual(6);
    set("A18", 10); // the most these stages give: 100 x 0.5 ... = 10
    expect(value("C18") as number).toBeGreaterThanOrEqual(10);
    set("A18", 50);
    const err = value("B18") as CellError;
    expect(err.type).toBe("NA");
    expect(err.message).toMatch(/at most 10 wins/);
  });

  test("an error cell in a range reaches the function (allowErrorForDataTypeAny) and stays on its own row", () => {
    set("A3", "=1/0");
    const err = value("F3") as CellError;
    expect(err.type).toBe("DIV_BY_ZERO");
    expect(value("F2")).toBeCloseTo(winsByHand(1000), 12);
    expect(value("F4")).toBeCloseTo(winsByHand(2000), 12);
    set("A3", "fifteen hundred");
    expect((value("F3") as CellError).message).toMatch(/row 3 is text "fifteen hundred"/);
    expect((value("G1") as CellError).type).toBe("VALUE"); // SUM over a spill with an error is an error, as in Excel
  });

  test("an error where the metadata does not let it through (the field, typed as a choice) is the formula's result", () => {
    set("A20", "=1/0");
    set("B20", "=GTM.FUNNEL_YIELD(A1:A5, B1:D1, B2:D2, 0, A20)");
    expect((value("B20") as CellError).type).toBe("DIV_BY_ZERO");
  });
});

/** The what-if sheet written as the pane writes it (formulas by address) or with its names, as a sheet here. */
function whatIfSheet(layout: WhatIfLayout, byName: boolean): unknown[][] {
  const width = Math.max(...layout.rows.map((r) => r.length));
  return layout.rows.map((r) => Array.from({ length: width }, (_, c) => {
    const v = whatIfFormula(r[c], layout, byName);
    return v === "" ? null : v;
  }));
}

function buildWhatIf(layout: WhatIfLayout, byName: boolean, extra: Record<string, unknown[][]> = {}): HyperFormula {
  const sheets = { ...extra, "GTM What-If": whatIfSheet(layout, byName) } as never;
  const hf = buildWorkbook(sheets, byName ? layout.names.map((n) => ({ name: n.name, expression: `'${n.sheet ?? "GTM What-If"}'!${n.ref}`, scope: "GTM What-If" })) : []);
  return hf;
}

/** Every cell of the sheet as the engine computed it. */
function values(hf: HyperFormula): unknown[][] {
  return hf.getSheetValues(hf.getSheetId("GTM What-If")!);
}

/** The value beside a label in column A (column B, or further for a spilled row). */
function beside(grid: unknown[][], label: string, col = 1): unknown {
  const r = grid.findIndex((row) => row[0] === label);
  if (r < 0) throw new Error(`no row "${label}"`);
  return grid[r][col];
}

describe("the what-if sheet the task pane builds", () => {
  for (const byName of [false, true]) {
    describe(byName ? "with its named inputs" : "with formulas by address (as written today)", () => {
      let hf: HyperFormula;
      let grid: unknown[][];
      const layout = whatIfLayout();
      beforeAll(() => {
        hf = buildWhatIf(layout, byName);
        grid = values(hf);
      });
      afterAll(() => hf.destroy());

      test("no cell is an error as built, and every formula cell has a value", () => {
        const errors: string[] = [];
        grid.forEach((row, r) => row.forEach((v, c) => isError(v) && errors.push(`${"ABCDEFGH"[c]}${r + 1}: ${(v as CellError).type} ${(v as CellError).message}`)));
        expect(errors).toEqual([]);
        layout.rows.forEach((row, r) =>
          row.forEach((cell, c) => {
            if (typeof cell === "object") expect([r, c, grid[r][c]]).not.toEqual([r, c, null]);
          }),
        );
        for (const s of layout.spills) {
          const a = hf.simpleCellAddressFromString(s.cell, hf.getSheetId("GTM What-If")!)!;
          for (let i = 0; i < s.rows; i++) for (let j = 0; j < s.cols; j++) expect(grid[a.row + i][a.col + j]).not.toBeNull();
        }
      });

      test("funnel results by hand: 2,000 leads, rates 30/40/30%, capacities -/300/120", () => {
        // 2000 -> 600 qualified; stage 2 works 300 -> 120 proposals; stage 3 works 120 -> 36 wins; 300 unworked
        expect(beside(grid, "Wins per period")).toBeCloseTo(36, 10);
        expect(beside(grid, "Lead-to-won yield")).toBeCloseTo(36 / 2000, 12);
        expect(beside(grid, "Leads no stage could work")).toBeCloseTo(300, 10);
        expect(beside(grid, "Most wins the capacities allow (no overflow conversion)")).toBeCloseTo(36, 10);
        // 30 wins <- 100 proposals <- 250 qualified <- 833.3 leads, rounded up
        expect(beside(grid, "Leads needed for the wins wanted (rounded up)")).toBe(834);
      });

      test("the capacity and rate solvers, one per stage, by hand", () => {
        const cap = "Capacity each stage needs for the wins wanted, from these leads";
        // stage 1: 0.3·c1 = 250 qualified -> 833.3; stage 2: 0.4·c2 = 100 -> 250; stage 3: 0.3·c3 = 30 -> 100
        [2500 / 3, 250, 100].forEach((v, s) => expect(beside(grid, cap, 1 + s)).toBeCloseTo(v, 8));
        const rate = "Rate each stage needs for the wins wanted, from these leads";
        // stage 1: r1·2000 = 250 -> 0.125; stage 2: r2·300 = 100 -> 1/3; stage 3: r3·120 = 30 -> 0.25
        [0.125, 1 / 3, 0.25].forEach((v, s) => expect(beside(grid, rate, 1 + s)).toBeCloseTo(v, 12));
      });

      test("the scenario table: one spill per output, by hand", () => {
        const r = grid.findIndex((row) => row[0] === "Scenario 1");
        const leads = [500, 1000, 1500, 2000, 3000, 5000];
        const wins = (v: number) => 0.3 * Math.min(0.4 * Math.min(0.3 * v, 300), 120);
        const over = (v: number) => Math.max(0.3 * v - 300, 0) + Math.max(0.4 * Math.min(0.3 * v, 300) - 120, 0);
        leads.forEach((v, i) => {
          expect(grid[r + i][1]).toBe(v);
          expect(grid[r + i][2]).toBeCloseTo(wins(v), 10);
          expect(grid[r + i][3]).toBeCloseTo(wins(v) / v, 12);
          expect(grid[r + i][4]).toBeCloseTo(over(v), 10);
        });
        // the two-way table: leads down, overflow conversion 0 / 10% / 30% across
        const g = grid.findIndex((row) => row[0] === "Leads (the scenarios above) ↓");
        const winsD = (v: number, d: number) => {
          const a2 = 0.3 * v;
          const a3 = 0.4 * Math.min(a2, 300) + d * 0.4 * Math.max(a2 - 300, 0);
          return 0.3 * Math.min(a3, 120) + d * 0.3 * Math.max(a3 - 120, 0);
        };
        leads.forEach((v, i) => {
          expect(grid[g + i][1]).toBe(v);
          [0, 0.1, 0.3].forEach((d, j) => expect(grid[g + i][2 + j]).toBeCloseTo(winsD(v, d), 10));
        });
      });

      test("targets: leads needed rounded up and the last-stage rate needed, by hand", () => {
        const r = grid.findIndex((row) => row[0] === "Target 1");
        // t wins <- t/0.3 proposals <- /0.4 qualified <- /0.3 leads; 36 is the most the stages give (1,000 leads)
        [278, 556, 834, 1000].forEach((v, i) => expect(grid[r + i][2]).toBe(v));
        [10, 20, 30, 36].forEach((t, i) => expect(grid[r + i][3]).toBeCloseTo(t / 120, 12)); // 120 proposals reach stage 3
      });

      test("CAC, the CAC grid, the ratios and the compass, by hand", () => {
        // 250,000 / 20 = 12,500; payback 12,500 / 800 = 15.6 months (WATCH); LTV 40,000, LTV:CAC 3.2 (HEALTHY)
        expect(beside(grid, "CAC flag")).toBe("WATCH");
        expect(beside(grid, "CAC")).toBe(12500);
        expect(beside(grid, "Payback (months)")).toBeCloseTo(15.625, 12);
        expect(beside(grid, "LTV:CAC")).toBeCloseTo(3.2, 12);
        expect(beside(grid, "Why")).toMatch(/^WATCH: payback 15.6 months/);
        const flag = (spend: number, customers: number) => {
          const c = spend / customers;
          const payback = c / 800;
          const ratio = 40000 / c;
          const rank = Math.max(payback <= 12 ? 0 : payback <= 18 ? 1 : 2, ratio >= 3 ? 0 : ratio >= 1 ? 1 : 2);
          return ["HEALTHY", "WATCH", "TIME BOMB"][rank];
        };
        const s = grid.findIndex((row) => row[0] === "Spend ↓");
        [100000, 250000, 500000].forEach((sp, i) => [10, 20, 40].forEach((cu, j) => expect(grid[s + i][2 + j]).toBe(flag(sp, cu))));
        expect(beside(grid, "Magic number")).toBeCloseTo(1, 12); // 200,000 x 4 / 800,000
        expect(beside(grid, "Magic number rating")).toBe("INVEST");
        expect(beside(grid, "Burn multiple")).toBeCloseTo(1.5, 12); // 1.5M / 1M: great (1 to 1.5)
        expect(beside(grid, "Burn multiple rating")).toBe("GREAT");
        // ratings 3,3,4,3,4,4,3: position 17/28 = 0.607 -> Sales-led; share 0.15 + 0.7 x 0.607 = 0.575; gap -0.075 -> Aligned
        expect(beside(grid, "Lead")).toBe("Sales-led");
        expect(beside(grid, "Sales intensity (0-100)")).toBeCloseTo((100 * 17) / 28, 9);
        expect(beside(grid, "Recommended sales share of spend")).toBeCloseTo(0.15 + (0.7 * 17) / 28, 9);
        expect(beside(grid, "Sales model")).toBe("Inside sales with channel partners");
        expect(beside(grid, "Identity check")).toBe("Aligned");
      });

      test("changing a yellow input moves the results", () => {
        const sheet = hf.getSheetId("GTM What-If")!;
        const at = (label: string) => ({ sheet, row: layout.rows.findIndex((row) => row[0] === label), col: 1 });
        hf.setCellContents(at("Wins wanted per period"), [[36]]);
        expect(hf.getCellValue(at("Leads needed for the wins wanted (rounded up)"))).toBe(1000);
        hf.setCellContents(at("Wins wanted per period"), [[40]]); // more than these stages can give
        const e = hf.getCellValue(at("Leads needed for the wins wanted (rounded up)")) as CellError;
        expect(e.type).toBe("NA");
        expect(e.message).toMatch(/at most 36 wins/);
        hf.setCellContents(at("Wins wanted per period"), [[30]]);
      });
    });
  }

  test("with a GTM Inputs sheet, the flags and ratings read its thresholds", () => {
    const template = inputsTemplate();
    const row = (name: string) => template.findIndex((r) => r[0] === name);
    template[row("paybackHealthyMonths")][1] = 16; // 15.6 months is now healthy
    template[row("burnMultipleGreat")][1] = 1.2; // 1.5 is now only good
    const layout = whatIfLayout({ inputsSheet: { name: "GTM Inputs", values: template } });
    const thresholds = layout.names.find((n) => n.name === "Thresholds")!;
    expect(thresholds.sheet).toBe("GTM Inputs");
    // the rows under the "Threshold" header, one per threshold name (1-based rows)
    expect(thresholds.ref).toBe(`$A$${row("Threshold") + 2}:$B$${row("Threshold") + 1 + THRESHOLD_NAMES.length}`);
    for (const byName of [false, true]) {
      const hf = buildWhatIf(layout, byName, { "GTM Inputs": template.map((r) => r.map((v) => (v === "" ? null : v))) });
      const grid = values(hf);
      expect(beside(grid, "CAC flag")).toBe("HEALTHY");
      expect(beside(grid, "Burn multiple rating")).toBe("GOOD");
      expect(beside(grid, "Magic number rating")).toBe("INVEST");
      expect(grid.flat().filter(isError)).toEqual([]);
      hf.destroy();
    }
    expect(layout.rows.flat().some((c) => typeof c === "string" && c.includes("GTM Inputs"))).toBe(true);
  });
});
