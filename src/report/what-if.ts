/**
 * The what-if planner's content as plain data (no Office.js): labels, named input cells, live GTM formulas
 * and number formats. Excel's Data Tables and Goal Seek cannot call custom functions, so the scenario
 * tables here are one spilled formula per output over ranges of scenarios, the two-way grids a column of
 * one input against a row of another, and the solvers (leads, capacity, rate needed) stand in for Goal Seek.
 * Every formula names its inputs: "{Leads}" in a formula is the input named Leads, written either as the
 * name (once the names exist) or as its address (whatIfFormula). Built with its defaults, no cell is an error.
 */
import { NUMBER_FORMATS } from "./types";

/** A cell of the layout: text, a number, blank, or a formula (without "=") whose "{Name}" are inputs. */
export type WhatIfCell = string | number | { f: string };

/** An Excel name the pane creates, scoped to the what-if sheet, so formulas and the Name Box read "Leads". */
export interface WhatIfName {
  name: string;
  /** Absolute A1 reference ("$B$6", "$B$9:$D$9") on the what-if sheet, or on `sheet` when given. */
  ref: string;
  /** Set when the name refers to another sheet (the thresholds on GTM Inputs). */
  sheet?: string;
  comment: string;
}

export interface WhatIfLayout {
  rows: WhatIfCell[][];
  /** Each input's address on the what-if sheet (or "'GTM Inputs'!$A$40:$B$80" on the inputs sheet): for "{Name}". */
  inputs: Record<string, string>;
  /** The Excel names to create (sheet scope), one per input. */
  names: WhatIfName[];
  /** 0-based rows whose first cell is a heading. */
  bold: number[];
  /** The yellow cells a planner changes. */
  inputCells: string[];
  formats: { cell: string; format: string }[];
  /** Formulas that spill: their anchor and the area below/right of it that must stay empty. */
  spills: { cell: string; rows: number; cols: number }[];
  /** Where the thresholds come from, in words (also written on the sheet). */
  thresholdsFrom: string;
}

/** A sheet the layout reads: its name and its cell values (row-major, as Range.values gives them). */
export interface SheetValues {
  name: string;
  values: unknown[][];
}

export interface WhatIfOptions {
  /** The GTM Inputs sheet when the workbook has one: the CAC and ratio thresholds are read from it. */
  inputsSheet?: SheetValues | null;
}

const COMPASS_FACTORS = ["Price", "Market size", "Complexity", "Fit & finish", "Customer", "Relationship", "Touch"];
const STAGES = ["Lead to qualified", "Qualified to proposal", "Proposal to won"];

/** Column letters of a 0-based column. */
export function columnLetter(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based cell, or of a block from it. */
export function cellAddress(row: number, col: number, rows = 1, cols = 1): string {
  const start = `${columnLetter(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? start : `${start}:${columnLetter(col + cols - 1)}${row + rows}`;
}

const absolute = (a1: string): string => a1.replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/**
 * The threshold rows of the GTM Inputs sheet (the two columns name | value under the "Threshold" header
 * of inputsTemplate), as an absolute range, or null when the sheet has no such section.
 */
export function inputsThresholdRange(sheet: SheetValues): string | null {
  const v = sheet.values;
  const text = (x: unknown): string => (typeof x === "string" ? x.trim().toLowerCase() : "");
  const head = v.findIndex((row) => Array.isArray(row) && text(row[0]) === "threshold" && text(row[1]) !== "");
  if (head < 0) return null;
  let end = head;
  while (end + 1 < v.length && Array.isArray(v[end + 1]) && text(v[end + 1][0]) !== "") end++;
  if (end === head) return null;
  return `$A$${head + 2}:$B$${end + 1}`;
}

/** The planner's layout. With an inputs sheet, CAC_FLAG, MAGIC_NUMBER and BURN_MULTIPLE read its thresholds. */
export function whatIfLayout(options: WhatIfOptions = {}): WhatIfLayout {
  const rows: WhatIfCell[][] = [];
  const inputs: Record<string, string> = {};
  const names: WhatIfName[] = [];
  const bold: number[] = [];
  const inputCells: string[] = [];
  const formats: { cell: string; format: string }[] = [];
  const spills: { cell: string; rows: number; cols: number }[] = [];
  const add = (cells: WhatIfCell[]): number => rows.push(cells) - 1;
  const set = (r: number, c: number, v: WhatIfCell): void => {
    while (rows[r].length < c) rows[r].push("");
    rows[r][c] = v;
  };
  const fmt = (cell: string, format?: string): void => {
    if (format) formats.push({ cell, format });
  };
  const name = (n: string, r: number, c: number, height: number, width: number, comment: string): void => {
    inputs[n] = cellAddress(r, c, height, width);
    names.push({ name: n, ref: absolute(inputs[n]), comment });
  };
  /** A labelled row of yellow inputs from column B. */
  const input = (n: string, label: string, values: (number | "")[], comment: string, format?: string): number => {
    const r = add([label, ...values]);
    name(n, r, 1, 1, values.length, comment);
    values.forEach((_, i) => {
      inputCells.push(cellAddress(r, 1 + i));
      fmt(cellAddress(r, 1 + i), format);
    });
    return r;
  };
  /** A labelled result: one formula in column B (spilling across `width` columns when it is a row). */
  const result = (label: string, formula: string, format?: string, width = 1): void => {
    const r = add([label, { f: formula }]);
    for (let i = 0; i < width; i++) fmt(cellAddress(r, 1 + i), format);
    if (width > 1) spills.push({ cell: cellAddress(r, 1), rows: 1, cols: width });
  };
  const heading = (text: string): void => {
    add([]);
    bold.push(add([text]));
  };
  const note = (text: string): number => add([text]);

  // Thresholds: the GTM Inputs sheet's when it has them, else each function's defaults.
  const sheet = options.inputsSheet ?? null;
  const range = sheet ? inputsThresholdRange(sheet) : null;
  let thresholdsFrom = "the defaults (no GTM Inputs sheet with a Threshold section): create the inputs sheet and rebuild this one to set your own";
  if (sheet && range) {
    inputs.Thresholds = `${quoteSheet(sheet.name)}!${range}`;
    names.push({ name: "Thresholds", ref: range, sheet: sheet.name, comment: "Threshold names and values on the inputs sheet (blank = default)" });
    thresholdsFrom = `${sheet.name} (${range.replace(/\$/g, "")}): change a value there and every flag here follows`;
  }
  const th = range ? ",{Thresholds}" : "";

  bold.push(add(["GTM Compass what-if planner"]));
  note("Change any yellow cell: every result is a live GTM formula. Scenario tables are one formula per column, one row per scenario.");

  heading("Funnel: how many wins do the leads make?");
  input("Leads", "Leads entering the funnel per period", [2000], "Leads entering stage 1 per period", NUMBER_FORMATS.integer);
  add(["Stage", ...STAGES]);
  const stageRow = add(["Stage number", ...STAGES.map((_, i) => i + 1)]);
  name("StageNumbers", stageRow, 1, 1, STAGES.length, "1, 2, 3: the stages the solvers solve for");
  input("Rates", "Conversion rate of each stage", [0.3, 0.4, 0.3], "Conversion rate of each stage, 0-1", NUMBER_FORMATS.percent);
  input("Capacity", "What each stage can work per period (blank = unlimited)", ["", 300, 120], "What each stage can work per period; blank = unlimited", NUMBER_FORMATS.integer);
  input("Overflow", "Conversion of unworked overflow, as a share of normal (0-1)", [0], "Share of the normal conversion unworked overflow still achieves", NUMBER_FORMATS.percent);
  input("TargetWins", "Wins wanted per period", [30], "Wins wanted per period", NUMBER_FORMATS.integer);
  const funnel = "{Rates},{Capacity},{Overflow}";
  result("Wins per period", `GTM.FUNNEL_YIELD({Leads},${funnel})`, NUMBER_FORMATS.decimal);
  result("Lead-to-won yield", `GTM.FUNNEL_YIELD({Leads},${funnel},"yield")`, NUMBER_FORMATS.percent);
  result("Leads no stage could work", `GTM.FUNNEL_YIELD({Leads},${funnel},"overflow")`, NUMBER_FORMATS.integer);
  // with overflow conversion above 0 more leads always add something: the ceiling is the capacities' alone
  result("Most wins the capacities allow (no overflow conversion)", "GTM.FUNNEL_YIELD(10^300,{Rates},{Capacity},0)", NUMBER_FORMATS.decimal);
  result("Leads needed for the wins wanted (rounded up)", `ROUNDUP(GTM.LEADS_NEEDED({TargetWins},${funnel}),0)`, NUMBER_FORMATS.integer);
  result("Capacity each stage needs for the wins wanted, from these leads", `GTM.CAPACITY_NEEDED({TargetWins},{Leads},{Rates},{StageNumbers},{Capacity},{Overflow})`, NUMBER_FORMATS.decimal, STAGES.length);
  result("Rate each stage needs for the wins wanted, from these leads", `GTM.RATE_NEEDED({TargetWins},{Leads},{Rates},{StageNumbers},{Capacity},{Overflow})`, NUMBER_FORMATS.percent, STAGES.length);

  heading("Funnel scenarios: one row per scenario, one formula per column");
  add(["", "Leads", "Wins", "Lead-to-won yield", "Leads no stage could work"]);
  const leadScenarios = [500, 1000, 1500, 2000, 3000, 5000];
  const first = rows.length;
  leadScenarios.forEach((v, i) => {
    const r = add([`Scenario ${i + 1}`, v]);
    inputCells.push(cellAddress(r, 1));
    fmt(cellAddress(r, 1), NUMBER_FORMATS.integer);
    fmt(cellAddress(r, 2), NUMBER_FORMATS.decimal);
    fmt(cellAddress(r, 3), NUMBER_FORMATS.percent);
    fmt(cellAddress(r, 4), NUMBER_FORMATS.integer);
  });
  name("ScenarioLeads", first, 1, leadScenarios.length, 1, "Lead volumes, one scenario per row");
  const spillDown = (r: number, c: number, formula: string, height: number, width = 1): void => {
    set(r, c, { f: formula });
    spills.push({ cell: cellAddress(r, c), rows: height, cols: width });
  };
  spillDown(first, 2, `GTM.FUNNEL_YIELD({ScenarioLeads},${funnel})`, leadScenarios.length);
  spillDown(first, 3, `GTM.FUNNEL_YIELD({ScenarioLeads},${funnel},"yield")`, leadScenarios.length);
  spillDown(first, 4, `GTM.FUNNEL_YIELD({ScenarioLeads},${funnel},"overflow")`, leadScenarios.length);

  heading("Wins by leads (down) and overflow conversion (across): a two-way table in one formula");
  const overflowValues = [0, 0.1, 0.3];
  const oRow = add(["Overflow conversion →", "", ...overflowValues]);
  name("ScenarioOverflow", oRow, 2, 1, overflowValues.length, "Overflow conversions across the two-way table");
  overflowValues.forEach((_, i) => {
    inputCells.push(cellAddress(oRow, 2 + i));
    fmt(cellAddress(oRow, 2 + i), NUMBER_FORMATS.percent);
  });
  const gridTop = rows.length;
  leadScenarios.forEach(() => add([""]));
  set(gridTop, 0, "Leads (the scenarios above) ↓");
  spillDown(gridTop, 1, "{ScenarioLeads}", leadScenarios.length);
  spillDown(gridTop, 2, "GTM.FUNNEL_YIELD({ScenarioLeads},{Rates},{Capacity},{ScenarioOverflow})", leadScenarios.length, overflowValues.length);
  for (let i = 0; i < leadScenarios.length; i++) {
    fmt(cellAddress(gridTop + i, 1), NUMBER_FORMATS.integer);
    for (let j = 0; j < overflowValues.length; j++) fmt(cellAddress(gridTop + i, 2 + j), NUMBER_FORMATS.decimal);
  }

  heading("Targets: leads and last-stage rate each target needs");
  add(["", "Wins wanted", "Leads needed (rounded up)", "Proposal-to-won rate needed from the planned leads"]);
  const targets = [10, 20, 30, 36];
  const tTop = rows.length;
  targets.forEach((v, i) => {
    const r = add([`Target ${i + 1}`, v]);
    inputCells.push(cellAddress(r, 1));
    fmt(cellAddress(r, 1), NUMBER_FORMATS.integer);
    fmt(cellAddress(r, 2), NUMBER_FORMATS.integer);
    fmt(cellAddress(r, 3), NUMBER_FORMATS.percent);
  });
  name("ScenarioTargets", tTop, 1, targets.length, 1, "Wins wanted, one target per row");
  spillDown(tTop, 2, `ROUNDUP(GTM.LEADS_NEEDED({ScenarioTargets},${funnel}),0)`, targets.length);
  spillDown(tTop, 3, `GTM.RATE_NEEDED({ScenarioTargets},{Leads},{Rates},${STAGES.length},{Capacity},{Overflow})`, targets.length);

  heading("Customer acquisition cost: healthy, watch or time bomb?");
  input("Spend", "Sales and marketing spend in the period", [250000], "Sales and marketing spend in the period", NUMBER_FORMATS.currency);
  input("NewCustomers", "New customers won in the period", [20], "New customers won in the period", NUMBER_FORMATS.integer);
  input("RevenuePerCustomer", "Revenue per customer per month", [1000], "Monthly revenue per customer", NUMBER_FORMATS.currency);
  input("GrossMargin", "Gross margin", [0.8], "Gross margin, 0-1", NUMBER_FORMATS.percent);
  input("Churn", "Customer churn per month", [0.02], "Monthly customer churn, 0-1", NUMBER_FORMATS.percent);
  note(`Thresholds: ${thresholdsFrom}.`);
  const cacBase = "{Spend},{NewCustomers},{RevenuePerCustomer},{GrossMargin},{Churn}";
  const cac = `${cacBase}${th || ","}`; // the field goes after thresholds, left out when there are none
  result("CAC flag", `GTM.CAC_FLAG(${cacBase}${th})`);
  result("Why", `GTM.CAC_FLAG(${cac},"reason")`);
  result("CAC", `GTM.CAC_FLAG(${cac},"cac")`, NUMBER_FORMATS.currency);
  result("Payback (months)", `GTM.CAC_FLAG(${cac},"payback")`, NUMBER_FORMATS.months);
  result("LTV:CAC", `GTM.CAC_FLAG(${cac},"ltv_cac")`, NUMBER_FORMATS.decimal);

  heading("CAC flag by spend (down) and new customers (across)");
  const customers = [10, 20, 40];
  const cRow = add(["New customers →", "", ...customers]);
  name("ScenarioCustomers", cRow, 2, 1, customers.length, "New customers across the CAC table");
  customers.forEach((_, i) => {
    inputCells.push(cellAddress(cRow, 2 + i));
    fmt(cellAddress(cRow, 2 + i), NUMBER_FORMATS.integer);
  });
  const spends = [100000, 250000, 500000];
  const sTop = rows.length;
  spends.forEach((v) => {
    const r = add(["", v]);
    inputCells.push(cellAddress(r, 1));
    fmt(cellAddress(r, 1), NUMBER_FORMATS.currency);
  });
  set(sTop, 0, "Spend ↓");
  name("ScenarioSpend", sTop, 1, spends.length, 1, "Spend, one scenario per row of the CAC table");
  spillDown(sTop, 2, `GTM.CAC_FLAG({ScenarioSpend},{ScenarioCustomers},{RevenuePerCustomer},{GrossMargin},{Churn}${th})`, spends.length, customers.length);

  heading("Efficiency: magic number and burn multiple");
  input("RevenueThisQuarter", "Revenue this quarter", [1200000], "Revenue (or recurring revenue) this quarter", NUMBER_FORMATS.currency);
  input("RevenueLastQuarter", "Revenue last quarter", [1000000], "Revenue the quarter before", NUMBER_FORMATS.currency);
  input("SpendLastQuarter", "Sales and marketing spend last quarter", [800000], "Sales and marketing spend last quarter", NUMBER_FORMATS.currency);
  const magicBase = "{RevenueThisQuarter},{RevenueLastQuarter},{SpendLastQuarter}";
  const magic = `${magicBase}${th || ","}`;
  result("Magic number", `GTM.MAGIC_NUMBER(${magicBase}${th})`, NUMBER_FORMATS.decimal);
  result("Magic number rating", `GTM.MAGIC_NUMBER(${magic},"rating")`);
  input("NetBurn", "Net burn in the period", [1500000], "Cash burned in the period (negative = generated)", NUMBER_FORMATS.currency);
  input("NetNewArr", "Net new ARR in the period", [1000000], "ARR added in the period, net of churn", NUMBER_FORMATS.currency);
  const burnBase = "{NetBurn},{NetNewArr}";
  const burn = `${burnBase}${th || ","}`;
  result("Burn multiple", `GTM.BURN_MULTIPLE(${burnBase}${th})`, NUMBER_FORMATS.decimal);
  result("Burn multiple rating", `GTM.BURN_MULTIPLE(${burn},"rating")`);

  heading("Leslie's Compass: should marketing or sales lead?");
  add(["Factor", ...COMPASS_FACTORS]);
  input("Ratings", "Rating 1 (marketing pole) to 5 (sales pole)", [3, 3, 4, 3, 4, 4, 3], "Seven Compass ratings, 1-5");
  input("SalesShare", "Share of go-to-market spend now in sales (0-1)", [0.5], "Share of go-to-market spend now in sales, 0-1", NUMBER_FORMATS.percent);
  const compass = "{Ratings},,{SalesShare}";
  result("Lead", `GTM.GTM_COMPASS(${compass},"lead")`);
  result("Sales intensity (0-100)", `GTM.GTM_COMPASS(${compass},"intensity")`, NUMBER_FORMATS.integer);
  result("Recommended sales share of spend", `GTM.GTM_COMPASS(${compass},"sales_share")`, NUMBER_FORMATS.percent);
  result("Sales model", `GTM.GTM_COMPASS(${compass},"model")`);
  result("Identity check", `GTM.GTM_COMPASS(${compass},"identity")`);

  return { rows, inputs, names, bold, inputCells, formats, spills, thresholdsFrom };
}

/**
 * A layout cell as formula text for Range.formulas: "{Name}" as the name itself (byName, once the pane has
 * created the names) or as the input's address; text and numbers as they are.
 */
export function whatIfFormula(cell: WhatIfCell | undefined, layout: Pick<WhatIfLayout, "inputs">, byName = false): string | number {
  if (cell === undefined) return "";
  if (typeof cell === "object") return `=${cell.f.replace(/\{(\w+)\}/g, (_, n: string) => (byName ? n : layout.inputs[n]))}`;
  return cell;
}
