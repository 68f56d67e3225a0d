/**
 * The optional inputs sheet a user fills: settings (reps, rep cost, gross margin, …), market share per
 * segment S1–S4, the seven Leslie's Compass ratings, stage order, threshold overrides and per-period spend.
 * `inputsTemplate()` is the grid written by "Create inputs sheet" and the sample workbook; `readInputs`
 * reads that layout back, and is forgiving about order, blank rows and extra notes.
 */
import type { Diagnostic, Inputs, PeriodInput } from "./types";
import { tableOf, type SheetInput } from "./table";
import { DEFAULT_THRESHOLDS, THRESHOLD_INFO, THRESHOLD_NAMES, type ThresholdName } from "../model/thresholds";
import { DiagnosticSink, type ColumnRef } from "./diagnostics";
import { cellNumber, isBlankCell, NumberIssue, numberParse } from "./values";
import { compactKey, shortText } from "./text";
import { normalizePeriod } from "./periods";

type NumericSetting = "reps" | "repCostPerYear" | "repCostPerPeriod" | "dealsPerRep" | "grossMargin" | "revenuePerCustomerMonth" | "churnMonth" | "actualSalesShare";

interface Setting {
  key: NumericSetting | "targetSegments" | "stageOrder" | "wonValues" | "lostValues";
  label: string;
  note: string;
  /** A rate: "72%" or 0.72; a bare 72 is read as 72%. */
  fraction?: boolean;
  aliases?: string[];
}

const SETTINGS: Setting[] = [
  { key: "reps", label: "Sales reps", note: "Quota-carrying reps (when not given per period below)", aliases: ["reps", "number of reps", "headcount"] },
  { key: "repCostPerYear", label: "Rep cost per year", note: "Fully loaded cost of one rep for a year (salary, commission, benefits, tools)", aliases: ["fully loaded rep cost", "rep cost"] },
  { key: "repCostPerPeriod", label: "Rep cost per period", note: "Or: fully loaded cost of one rep per analysis period (month / quarter / year)" },
  { key: "dealsPerRep", label: "Deals per rep", note: "Open deals one rep can work at once (funnel capacity)", aliases: ["capacity per rep"] },
  { key: "grossMargin", label: "Gross margin", note: "e.g. 72% (time bomb 4; CAC payback)", fraction: true },
  { key: "revenuePerCustomerMonth", label: "Revenue per customer per month", note: "Average monthly revenue of one customer (CAC payback, LTV)" },
  { key: "churnMonth", label: "Monthly churn", note: "Share of customers lost per month, e.g. 2% (LTV)", fraction: true, aliases: ["churn"] },
  { key: "actualSalesShare", label: "Actual sales share of spend", note: "Sales share of go-to-market spend or headcount, e.g. 60% (identity-crisis check); else taken from the period spend", fraction: true },
  { key: "targetSegments", label: "Target segments", note: "Segments marketing and sales target, e.g. S3, S4 (growth gears)" },
  { key: "stageOrder", label: "Stage order", note: "Open stages, earliest first, separated by commas (or one per cell to the right)" },
  { key: "wonValues", label: "Won values", note: "Values of your stage or status column that mean won, e.g. Gewonnen, Signed (on top of the usual words)", aliases: ["won stages", "won words"] },
  { key: "lostValues", label: "Lost values", note: "Values that mean lost, e.g. Verloren, No budget", aliases: ["lost stages", "lost words"] },
];

const SEGMENTS = [
  ["S1", "low price, low complexity"], ["S2", "low price, high complexity"],
  ["S3", "high price, low complexity"], ["S4", "high price, high complexity"],
] as const;

/** The seven factors of Leslie's Compass, in METHODS §1 order, with their poles. */
export const COMPASS_FACTORS = [
  ["Price", "small, impulse purchase", "large economic decision"],
  ["Market size", "millions of buyers who find you", "a few buyers you must find"],
  ["Complexity", "self-explanatory", "needs expert explanation"],
  ["Fit & finish", "ready to use out of the box", "needs integration or set-up after the sale"],
  ["Customer", "consumer", "large enterprise"],
  ["Relationship", "one-off transaction", "long-term relationship"],
  ["Touch", "no-touch / self-serve", "high-touch"],
] as const;

const PERIOD_COLUMNS: { key: keyof Omit<PeriodInput, "period">; label: string; fraction?: boolean; aliases: string[] }[] = [
  { key: "marketingSpend", label: "Marketing spend", aliases: ["marketing", "marketing cost"] },
  { key: "salesSpend", label: "Sales spend", aliases: ["sales", "sales cost"] },
  { key: "reps", label: "Reps", aliases: ["sales reps", "headcount"] },
  { key: "newCustomers", label: "New customers", aliases: ["customers", "new logos"] },
  { key: "grossMargin", label: "Gross margin", fraction: true, aliases: ["margin"] },
  { key: "netBurn", label: "Net burn", aliases: ["burn"] },
];

const TITLE = "GTM Compass inputs";

/** The grid of a fresh inputs sheet: every section, blank value cells, defaults shown for thresholds. */
export function inputsTemplate(): unknown[][] {
  const rows: unknown[][] = [
    [TITLE],
    ["Fill in what you know and leave the rest blank: an analysis that needs a missing input says NO DATA instead of guessing. Money is in your workbook's currency; rates as 72% or 0.72."],
    [],
    ["Setting", "Value", "What it means"],
    ...SETTINGS.map((s) => [s.label, "", s.note]),
    [],
    ["Segment", "Market share", "What it means"],
    ...SEGMENTS.map(([id, what]) => [id, "", `Share of your market in ${what} deals (sweet spot, m)`]),
    [],
    ["Compass factor", "Rating (1-5)", "Weight", "1 = marketing pole", "5 = sales pole"],
    ...COMPASS_FACTORS.map(([name, low, high]) => [name, "", 1, low, high]),
    [],
    ["Threshold", "Value", "Default", "What it means"],
    ...THRESHOLD_NAMES.map((n) => [n, "", DEFAULT_THRESHOLDS[n], THRESHOLD_INFO[n].description]),
    [],
    ["Period", ...PERIOD_COLUMNS.map((c) => c.label)],
  ];
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array(width - r.length).fill("")]);
}

type Section = "none" | "settings" | "segments" | "compass" | "thresholds" | "periods";

const SECTION_HEADS: Record<string, Section> = {
  setting: "settings", settings: "settings", segment: "segments", marketshare: "segments",
  compassfactor: "compass", factor: "compass", threshold: "thresholds", thresholds: "thresholds", period: "periods",
};

const settingByKey = new Map<string, Setting>();
for (const s of SETTINGS) for (const a of [s.label, s.key, ...(s.aliases ?? [])]) settingByKey.set(compactKey(a), s);
const thresholdByKey = new Map<string, ThresholdName>(THRESHOLD_NAMES.map((n) => [compactKey(n), n]));
const factorByKey = new Map<string, number>(COMPASS_FACTORS.map(([n], i) => [compactKey(n), i]));

function splitList(cells: readonly unknown[]): string[] {
  const parts: string[] = [];
  for (const c of cells) {
    if (isBlankCell(c)) continue;
    for (const p of String(c).split(/\s*(?:,|;|→|->|>|\n)\s*/)) if (p.trim() !== "") parts.push(p.trim());
  }
  return parts;
}

/** Reads the inputs sheet. Unknown labels and unreadable values are reported, never fatal. */
export function readInputs(sheet: SheetInput): { inputs: Inputs; diagnostics: Diagnostic[] } {
  const grid = tableOf(sheet);
  const sink = new DiagnosticSink(grid.name);
  const inputs: Inputs = { periods: [], thresholds: {} };
  const firstRow = grid.firstRow;
  const firstColumn = grid.firstColumn;
  const colRef = (c: number, header?: string): ColumnRef => ({ column: firstColumn + c, header });
  let section: Section = "none";
  let periodCols: { key: keyof Omit<PeriodInput, "period">; col: number; fraction?: boolean; header: string }[] = [];
  const ratings: number[] = new Array(COMPASS_FACTORS.length).fill(NaN);
  const weights: number[] = new Array(COMPASS_FACTORS.length).fill(NaN);

  const num = (v: unknown, row: number, col: number, label: string, fraction?: boolean): number | undefined => {
    if (isBlankCell(v)) return undefined;
    let x = cellNumber(v);
    if (x !== x) {
      const what = numberParse.issue === NumberIssue.Error ? "is an error cell" : "is not a number";
      sink.cell(colRef(col, label), "not-a-number", "error", row, v, () => `${label}: ${shortText(v)} ${what}; left blank.`, "inputs that are not numbers");
      return undefined;
    }
    if (fraction && !numberParse.percent && x > 1 && x <= 100) {
      sink.note("info", "percent-assumed", `${label}: ${x} read as ${x}%.`, colRef(col, label), row, v);
      x = x / 100;
    }
    return x;
  };

  for (let r = 0; r < grid.rows; r++) readRow(r);
  function readRow(r: number): void {
    if (grid.stored(r) < 0) return;
    const row = grid.row(r);
    const sheetRow = firstRow + r;
    const a = row[0];
    if (isBlankCell(a)) return;
    const key = compactKey(String(a));
    const head = SECTION_HEADS[key];
    if (head && (row.slice(1).some((v) => typeof v === "string" && v.trim() !== "") || head === "periods")) {
      section = head;
      if (head === "periods") {
        periodCols = [];
        row.forEach((h, c) => {
          if (c === 0 || typeof h !== "string") return;
          const k = compactKey(h);
          const pc = PERIOD_COLUMNS.find((p) => compactKey(p.label) === k || p.aliases.some((al) => compactKey(al) === k));
          if (pc) periodCols.push({ key: pc.key, col: c, fraction: pc.fraction, header: h });
          else if (h.trim() !== "") sink.note("warning", "unknown-input", `Period column "${h}" is not one GTM Compass reads: ignored.`, colRef(c, h), sheetRow, h);
        });
      }
      return;
    }
    if (r === 0 && key === compactKey(TITLE)) return;
    if (section === "periods") {
      const period = normalizePeriod(a, grid.date1904 === true);
      if (!period) {
        sink.note("error", "bad-period", `"${shortText(a)}" is not a period (write 2017-Q3, 2017-07 or 2017): row ignored.`, colRef(0, "Period"), sheetRow, a);
        return;
      }
      const p: PeriodInput = { period };
      for (const pc of periodCols) {
        const x = num(row[pc.col], sheetRow, pc.col, `${pc.header} (${period})`, pc.fraction);
        if (x !== undefined) p[pc.key] = x;
      }
      inputs.periods.push(p);
      return;
    }
    const setting = settingByKey.get(key);
    const threshold = thresholdByKey.get(key);
    const segment = /^s[1-4]$/.test(key) ? (key.toUpperCase() as "S1" | "S2" | "S3" | "S4") : undefined;
    const factor = factorByKey.get(key);
    if (section === "thresholds" && threshold) {
      const x = num(row[1], sheetRow, 1, threshold);
      if (x !== undefined) inputs.thresholds[threshold] = x;
    } else if (segment && (section === "segments" || section === "none" || section === "settings")) {
      const x = num(row[1], sheetRow, 1, `Market share ${segment}`, true);
      if (x !== undefined) (inputs.marketShare ??= {})[segment] = x;
    } else if (factor !== undefined && (section === "compass" || !setting)) {
      const x = num(row[1], sheetRow, 1, `Rating: ${COMPASS_FACTORS[factor][0]}`);
      if (x !== undefined) {
        if (x >= 1 && x <= 5) ratings[factor] = x;
        else sink.note("error", "bad-rating", `Rating for ${COMPASS_FACTORS[factor][0]} must be 1 to 5, got ${x}: not rated.`, colRef(1, "Rating"), sheetRow, row[1]);
      }
      const w = num(row[2], sheetRow, 2, `Weight: ${COMPASS_FACTORS[factor][0]}`);
      if (w !== undefined) weights[factor] = w;
    } else if (setting) {
      if (setting.key === "wonValues" || setting.key === "lostValues") {
        const list = splitList(row.slice(1).filter((v, i) => i === 0 || !isNoteCell(v)));
        if (list.length > 0) (inputs.outcomes ??= {})[setting.key === "wonValues" ? "won" : "lost"] = list;
      } else if (setting.key === "stageOrder" || setting.key === "targetSegments") {
        const list = splitList(row.slice(1).filter((v, i) => i === 0 || !isNoteCell(v)));
        if (list.length > 0) inputs[setting.key] = list;
      } else {
        const x = num(row[1], sheetRow, 1, setting.label, setting.fraction);
        if (x !== undefined) inputs[setting.key] = x;
      }
    } else if (threshold) {
      const x = num(row[1], sheetRow, 1, threshold);
      if (x !== undefined) inputs.thresholds[threshold] = x;
    } else if (section !== "none" || row.slice(1).some((v) => !isBlankCell(v))) {
      sink.note("warning", "unknown-input", `"${shortText(a)}" is not an input GTM Compass reads: ignored.`, colRef(0), sheetRow, a);
    }
  }
  if (ratings.some((x) => x === x)) {
    inputs.compassRatings = ratings;
    inputs.compassWeights = weights.map((w) => (w === w ? w : 1));
  }
  return { inputs, diagnostics: sink.finish() };
}

/** The template's explanation cells sit to the right of the value; they are not list items. */
function isNoteCell(v: unknown): boolean {
  if (typeof v !== "string") return false;
  return SETTINGS.some((s) => s.note === v);
}
