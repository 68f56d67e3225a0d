/**
 * The sample workbook's inputs sheet: the pipeline's own inputs template, filled in as a finance team would
 * (spend per quarter, reps and their cost, margin, market shares, compass ratings).
 */
import { inputsTemplate } from "../pipeline/inputs";
import type { SampleTable } from "./generate";

const SETTINGS: Record<string, string | number> = {
  "Rep cost per year": 180000,
  "Deals per rep": 30,
  "Gross margin": 0.74,
  "Revenue per customer per month": 2600,
  "Monthly churn": 0.012,
  "Target segments": "S3, S4",
  "Stage order": "Qualification, Discovery, Proposal, Negotiation",
};
const MARKET_SHARE: Record<string, number> = { S1: 0.3, S2: 0.1, S3: 0.35, S4: 0.25 };
/** A product sold to businesses through sales: ratings lean to the sales pole. */
const COMPASS: Record<string, number> = {
  Price: 4, "Market size": 3, Complexity: 4, "Fit & finish": 3, Customer: 4, Relationship: 5, Touch: 3,
};
/** Quarter, marketing spend, sales spend, reps, gross margin: marketing spend grows faster than results. */
const PERIODS: [string, number, number, number, number][] = [
  ["2023-Q1", 90000, 150000, 4, 0.75],
  ["2023-Q2", 98000, 152000, 4, 0.75],
  ["2023-Q3", 110000, 155000, 4, 0.74],
  ["2023-Q4", 125000, 158000, 4, 0.74],
  ["2024-Q1", 140000, 196000, 5, 0.74],
  ["2024-Q2", 160000, 198000, 5, 0.73],
  ["2024-Q3", 182000, 200000, 5, 0.73],
  ["2024-Q4", 205000, 204000, 5, 0.72],
];

export function buildSampleInputs(): SampleTable {
  const rows = inputsTemplate().map((r) => r.map((v) => (v === undefined || v === "" ? null : (v as string | number))));
  let periodHeader = -1;
  rows.forEach((row, i) => {
    const label = row[0];
    if (typeof label !== "string") return;
    if (label in SETTINGS) row[1] = SETTINGS[label];
    else if (label in MARKET_SHARE) row[1] = MARKET_SHARE[label];
    else if (label in COMPASS) row[1] = COMPASS[label];
    else if (label === "Period") periodHeader = i;
  });
  if (periodHeader < 0) throw new Error("The inputs template has no Period section.");
  const headers = rows[periodHeader];
  const col = (name: string): number => headers.indexOf(name);
  const width = headers.length;
  for (const [period, marketing, sales, reps, margin] of PERIODS) {
    const row: (string | number | null)[] = new Array(width).fill(null);
    row[0] = period;
    row[col("Marketing spend")] = marketing;
    row[col("Sales spend")] = sales;
    row[col("Reps")] = reps;
    row[col("Gross margin")] = margin;
    rows.push(row);
  }
  const moneyColumns = [col("Marketing spend"), col("Sales spend")];
  return { name: "Inputs", rows, dateColumns: [], moneyColumns, formatFromRow: periodHeader + 1 };
}
