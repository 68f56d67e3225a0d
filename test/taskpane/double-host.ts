/** Test helper: the host double wrapped as the adapter's ExcelHost. */
import type { ExcelHost } from "../../src/taskpane/excel/host";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const double = require("../support/excel-double.js");

export interface DoubleStats {
  syncs: number;
  runs: number;
  requestBytes: number[];
  responseBytes: number[];
  refused: number;
  ms: number;
  calcSuspendedSyncs: number;
  screenSuspendedSyncs: number;
  writeSyncs: number;
}

export interface SheetModel {
  name: string;
  protected: boolean;
  freezeRows: number;
  charts: { type: string; title: string; source: string; series: { name?: string; values?: string; categories?: string }[] }[];
  conditionalFormats: { range: { r0: number; c0: number; r1: number; c1: number }; cf: { type: string; cellValue: { rule: { formula1: string; operator: string }; format: { font: { color: string }; fill: { color: string } } } } }[];
  formats: Map<string, string>;
  formulas: Map<string, string>;
  customProperties: Map<string, { key: string; value: string }>;
  id: string;
}

export interface Double {
  Excel: { run: ExcelHost["run"] };
  settings: ReturnType<ExcelHost["settings"]>;
  workbook: { stats: DoubleStats; tables: { name: string; sheet: SheetModel; r0: number; c0: number; r1: number; c1: number }[]; protected: boolean; activeSheet: SheetModel; selection: unknown };
  sheet(name: string): SheetModel | null;
  sheetNames(): string[];
  valuesOf(name: string): unknown[][] | null;
  valueAt(name: string, address: string): unknown;
  formulaAt(name: string, address: string): string | null;
  resetStats(): void;
  isSetSupported(set: string, version: string): boolean;
  lookAt(name: string, address: string): Record<string, unknown>;
  mergesOf(name: string): string[];
  notesOf(name: string): Record<string, string>;
  commentsOf(name: string): Record<string, string>;
  hyperlinksOf(name: string): Record<string, { address?: string; documentReference?: string; screenTip?: string; textToDisplay?: string }>;
  rowHeightsOf(name: string): Record<number, number>;
  pageBreaksOf(name: string): number[];
  pageLayoutOf(name: string): { orientation: string; zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }; margins: Record<string, number>; titleRows: [number, number] | null; printArea: { r0: number; c0: number; r1: number; c1: number } | null; headersFooters: Record<string, string> };
  columnWidthOf(name: string, col: number): number | string | undefined;
  /** What a user does in Excel's own UI. */
  userRename(oldName: string, newName: string): void;
  userCopy(name: string): string;
  userType(name: string, address: string, input: string | number): void;
  userSelect(name: string, addresses: string | string[]): void;
  userHideRows(name: string, rows: number[]): void;
  userProtect(name: string, on?: boolean): void;
  snapshot(): DoubleSpec & { settings: Record<string, unknown> };
}

export interface DoubleSpec {
  sheets?: { name: string; values?: unknown[][]; protected?: boolean; customProperties?: Record<string, string>; hiddenRows?: number[]; formatted?: string[]; id?: string }[];
  tables?: { name: string; sheet: string; address: string; filtered?: boolean }[];
  selection?: { sheet: string; address: string };
  protected?: boolean;
  /** The ExcelApi version the host supports (default 1.18). */
  api?: string;
}

export function makeDouble(spec: DoubleSpec): { d: Double; host: ExcelHost } {
  const d = double.createHost(spec) as Double;
  const host: ExcelHost = { run: (batch) => d.Excel.run(batch), settings: () => d.settings, supports: (set, version) => d.isSetSupported(set, version) };
  return { d, host };
}

export const PAYLOAD_LIMIT: number = double.PAYLOAD_LIMIT;

/** A pipeline-like sheet: header + n rows of 8 columns, values derived from the row number. */
export function pipelineRows(n: number): unknown[][] {
  const rows: unknown[][] = [["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"]];
  const stages = ["Won", "Lost", "Engaging", "Prospecting"];
  for (let i = 0; i < n; i++) {
    rows.push([`OPP${String(i).padStart(7, "0")}`, `Agent ${i % 35}`, `Product ${i % 7}`, `Account ${i % 85}`, stages[i % 4], 42000 + (i % 700), 42050 + (i % 700), (i * 37) % 10000]);
  }
  return rows;
}
