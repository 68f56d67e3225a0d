/**
 * A real formula engine (HyperFormula, test-only) with every GTM function registered under its GTM. name,
 * calling the very wrappers Excel calls (src/functions/functions.ts) and passing arguments as Excel does,
 * read from the functions.json metadata the build makes (custom-functions-metadata + scripts/functions-metadata):
 * - an omitted argument (empty or left off at the end) arrives as null (Microsoft Learn, "Custom functions
 *   parameter options": "When no value is specified for an optional parameter, Excel assigns it the value null");
 * - a `matrix` parameter always arrives as rows of cells, a scalar given for it as [[value]];
 * - an error cell reaches the function only where the metadata allows it (allowErrorForDataTypeAny on an
 *   `any` parameter), as Excel's data-type error object {type: "Error", basicValue: "#N/A", errorType};
 *   elsewhere the call is not made and the formula shows that error (Microsoft Learn, "Manually create JSON
 *   metadata for custom functions": allowErrorForDataTypeAny);
 * - spill references `A1#` (which HyperFormula does not parse) are rewritten to GTMSPILL(A1), which reads the
 *   whole spilled array anchored at A1, as Excel's # operator does.
 * HyperFormula sizes an array result before computing it; the sizes below follow each function's rules, and
 * a per-channel CAC_FLAG (whose row count depends on the data) is sized to its upper bound, padded with blanks.
 * A range passed to a scalar parameter (only `field`) is not lifted cell by cell as Excel would; no test does that.
 */
import * as path from "path";
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionPlugin, HyperFormula, SimpleRangeValue } from "hyperformula";
import type { FunctionPluginDefinition, Sheets } from "hyperformula";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { ExcelErrorCode } from "../../src/engine/errors";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { finishMetadata } = require("../../scripts/functions-metadata") as { finishMetadata(json: string): Metadata };

/** Excel's CustomFunctions global, as the wrappers use it (an Error class and its codes). */
export class StandInError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
const g = globalThis as unknown as { CustomFunctions?: unknown };
if (!g.CustomFunctions) g.CustomFunctions = { Error: StandInError, ErrorCode: {}, associate: () => undefined };
const StandIn = (g.CustomFunctions as { Error: new (code: string, message?: string) => { code: string; message?: string } }).Error;

interface Param {
  name: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: { id: string; parameters: Param[] }[];
}

// The plugin API hands methods HyperFormula's own AST and state types; only these members are used here.
interface Ast {
  type: string;
  value?: unknown;
  procedureName?: string;
  reference?: { toSimpleCellAddress(base: unknown): unknown };
  args: Ast[];
}
interface Size {
  width: number;
  height: number;
}
type State = { formulaAddress: unknown };

const TO_EXCEL: Partial<Record<string, ExcelErrorCode>> = { DIV_BY_ZERO: "#DIV/0!", NA: "#N/A", NAME: "#NAME?", NUM: "#NUM!", REF: "#REF!", VALUE: "#VALUE!" };
const ERROR_TYPE_NAME: Record<string, string> = { "#DIV/0!": "Div0", "#N/A": "NotAvailable", "#NAME?": "Name", "#NUM!": "Num", "#REF!": "Ref", "#VALUE!": "Value" };
const FROM_EXCEL: Record<string, ErrorType> = {
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#N/A": ErrorType.NA,
  "#NAME?": ErrorType.NAME,
  "#NUM!": ErrorType.NUM,
  "#REF!": ErrorType.REF,
  "#VALUE!": ErrorType.VALUE,
  "#NULL!": ErrorType.ERROR,
};

let metadata: Metadata | null = null;
let wrappers: Record<string, (...args: unknown[]) => unknown> = {};

/**
 * Loads the metadata exactly as the build makes it and registers the plugin. Await it once (beforeAll)
 * before building a workbook.
 */
export async function registerGtmFunctions(): Promise<Metadata> {
  if (metadata) return metadata;
  const file = path.resolve(__dirname, "..", "..", "src", "functions", "functions.ts");
  const generated = await generateCustomFunctionsMetadata(file);
  if (generated.errors.length) throw new Error(`functions.ts metadata: ${generated.errors.join("; ")}`);
  metadata = finishMetadata(generated.metadataJson);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require("../../src/functions/functions") as Record<string, (...args: unknown[]) => unknown>;
  wrappers = Object.fromEntries(generated.associate.map((a) => [a.id, mod[a.functionName]]));
  const ids = metadata.functions.map((f) => f.id);
  const implemented: Record<string, unknown> = { GTMSPILL: { method: "spill", sizeOfResultArrayMethod: "spillSize", vectorizationForbidden: true, parameters: [] } };
  const aliases: Record<string, string> = {};
  for (const id of ids) {
    implemented[id] = { method: "call", sizeOfResultArrayMethod: "callSize", vectorizationForbidden: true, parameters: [] };
    aliases[`GTM.${id}`] = id;
  }
  (GtmPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = implemented;
  (GtmPlugin as unknown as { aliases: unknown }).aliases = aliases;
  HyperFormula.registerFunctionPlugin(GtmPlugin as unknown as FunctionPluginDefinition, {
    enGB: { ...Object.fromEntries(ids.map((id) => [id, `GTM.${id}`])), GTMSPILL: "GTMSPILL" },
  });
  return metadata;
}

const errorObject = (e: CellError) => {
  const code = TO_EXCEL[e.type] ?? "#VALUE!";
  return { type: "Error", basicType: "Error", basicValue: code, errorType: ERROR_TYPE_NAME[code] ?? "Value", message: e.message };
};

/** A cell as Excel hands it to an `any` parameter (errors only where allowed; else the error to return). */
function toCell(v: unknown, errorsAllowed: boolean, firstError: { e: CellError | null }): unknown {
  if (v === EmptyValue) return null;
  if (v instanceof CellError) {
    if (!errorsAllowed && firstError.e === null) firstError.e = v;
    return errorObject(v);
  }
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: unknown }).val; // HyperFormula's typed numbers
  return v;
}

function fromExcel(c: unknown): unknown {
  if (c instanceof StandIn) return new CellError(FROM_EXCEL[c.code] ?? ErrorType.VALUE, c.message);
  return c;
}

class GtmPlugin extends FunctionPlugin {
  static override implementedFunctions = {};
  static override aliases = {};

  private meta(ast: Ast) {
    const id = String(ast.procedureName ?? "").replace(/^GTM\./i, "").toUpperCase();
    const fn = metadata!.functions.find((f) => f.id === id);
    if (!fn) throw new Error(`no metadata for ${id}`);
    return fn;
  }

  private evaluate(ast: Ast, state: State): unknown {
    return (this as unknown as { evaluateAst(a: Ast, s: State): unknown }).evaluateAst(ast, state);
  }

  call(ast: Ast, state: State): unknown {
    const fn = this.meta(ast);
    const firstError: { e: CellError | null } = { e: null };
    const args = fn.parameters.map((p, k) => {
      const a = ast.args[k];
      if (!a || a.type === "EMPTY") return null;
      const allowed = metadata!.allowErrorForDataTypeAny === true && p.type === "any";
      const v = this.evaluate(a, state);
      if (v instanceof SimpleRangeValue) {
        const rows = v.data.map((row) => row.map((c) => toCell(c, allowed, firstError)));
        if (p.dimensionality === "matrix") return rows;
        return rows.length === 1 && rows[0].length === 1 ? rows[0][0] : rows; // see the header: no lifting
      }
      const c = toCell(v, allowed, firstError);
      if (p.type === "string" && (typeof c === "number" || typeof c === "boolean")) return String(c).toUpperCase() === "TRUE" || String(c).toUpperCase() === "FALSE" ? String(c).toUpperCase() : String(c);
      return p.dimensionality === "matrix" ? [[c]] : c;
    });
    if (firstError.e) return firstError.e; // Excel does not call the function
    let out: unknown;
    try {
      out = wrappers[fn.id](...args);
    } catch (e) {
      return fromExcel(e);
    }
    const grid = out as unknown[][];
    if (grid.length === 1 && grid[0].length === 1) return fromExcel(grid[0][0]);
    return SimpleRangeValue.onlyValues(grid.map((row) => row.map(fromExcel)) as never);
  }

  private size(ast: Ast | undefined, state: State): Size {
    if (!ast || ast.type === "EMPTY") return { width: 1, height: 1 };
    return (this as unknown as { arraySizeForAst(a: Ast, s: State): Size }).arraySizeForAst(ast, state);
  }

  private literal(ast: Ast | undefined): string {
    return ast && ast.type === "STRING" ? String(ast.value).trim().toLowerCase() : "";
  }

  /** Rows a stage block (rates, capacity) contributes: 1 for one set (a row, or a column of k), else its rows. */
  private stageRows(s: Size, k: number | null): number {
    if (s.height === 1) return 1;
    if (s.width === 1 && (k === null || (s.height === k && k > 1))) return 1;
    return s.height;
  }

  /** Rows a thresholds argument contributes: one set, or a block of numbers with a row per scenario. */
  private thresholdRows(ast: Ast | undefined, state: State): number {
    const s = this.size(ast, state);
    if (s.height === 1 || s.width === 1) return 1;
    if (s.width === 2) return 1; // a two-column range is read as names and values whenever a name is in it
    return s.height;
  }

  callSize(ast: Ast, state: State): ArraySize {
    const fn = this.meta(ast);
    const at = (name: string) => fn.parameters.findIndex((p) => p.name === name);
    const arg = (name: string) => (at(name) >= 0 ? ast.args[at(name)] : undefined);
    const field = this.literal(arg("field"));
    let m = 1;
    let n = 1;
    const scalar = (name: string) => {
      const s = this.size(arg(name), state);
      m = Math.max(m, s.height);
      n = Math.max(n, s.width);
    };
    const rowsOnly = (rows: number) => (m = Math.max(m, rows));
    switch (fn.id) {
      case "GTM_COMPASS": {
        const s = this.size(arg("ratings"), state);
        return new ArraySize(field === "" || field === "all" ? 7 : 1, s.width === 1 && s.height === 7 ? 1 : s.height);
      }
      case "FUNNEL_YIELD":
      case "LEADS_NEEDED":
      case "CAPACITY_NEEDED":
      case "RATE_NEEDED": {
        const rates = this.size(arg("rates"), state);
        const k = rates.height > 1 && rates.width === 1 ? rates.height : rates.width;
        rowsOnly(this.stageRows(rates, null));
        if (arg("capacity")) rowsOnly(this.stageRows(this.size(arg("capacity"), state), k));
        for (const name of ["volume", "target_wins", "stage", "overflow_conversion"]) if (at(name) >= 0) scalar(name);
        return field === "stages" ? new ArraySize(k + 1, m) : new ArraySize(n, m);
      }
      case "CAC_FLAG": {
        const width = field === "all" ? 6 : 1;
        if (arg("channel") && arg("channel")!.type !== "EMPTY") return new ArraySize(width + 1, this.size(arg("channel"), state).height + 1);
        for (const name of ["spend", "new_customers", "revenue_per_customer_month", "gross_margin", "churn_month"]) scalar(name);
        rowsOnly(this.thresholdRows(arg("thresholds"), state));
        return field === "all" ? new ArraySize(6, m) : new ArraySize(n, m);
      }
      default: {
        for (const p of fn.parameters) if (p.name !== "field" && p.name !== "thresholds") scalar(p.name);
        rowsOnly(this.thresholdRows(arg("thresholds"), state));
        return field === "all" ? new ArraySize(3, m) : new ArraySize(n, m);
      }
    }
  }

  /** The vertex of the spill anchored at a cell reference, if that cell anchors one. */
  private anchored(ast: Ast, state: State): { getCellValue(): unknown; width: number; height: number; isLeftCorner(a: unknown): boolean } | null {
    const ref = ast.args[0];
    if (!ref || ref.type !== "CELL_REFERENCE" || !ref.reference) return null;
    const address = ref.reference.toSimpleCellAddress(state.formulaAddress);
    const graph = (this as unknown as { dependencyGraph: { getCell(a: unknown): unknown } }).dependencyGraph;
    const vertex = graph.getCell(address) as { getCellValue?: unknown; isLeftCorner?: (a: unknown) => boolean; width?: number } | null;
    if (!vertex || typeof vertex.isLeftCorner !== "function" || vertex.width === undefined || !vertex.isLeftCorner(address)) return null;
    return vertex as never;
  }

  spill(ast: Ast, state: State): unknown {
    const v = this.anchored(ast, state);
    if (!v) return new CellError(ErrorType.REF, "A spill reference (#) needs a cell that anchors a spilled array.");
    const value = v.getCellValue();
    if (!(value instanceof SimpleRangeValue)) return value;
    // Rows HyperFormula padded past the real spill (an upper-bound size) are not part of it.
    const rows = value.data.filter((row) => row.some((c) => c !== EmptyValue));
    return SimpleRangeValue.onlyValues((rows.length ? rows : value.data.slice(0, 1)) as never);
  }
  spillSize(ast: Ast, state: State): ArraySize {
    const v = this.anchored(ast, state);
    return v ? new ArraySize(v.width, v.height) : new ArraySize(1, 1);
  }
}

/** Excel's spill reference A1# (or Sheet!A1#) written the way this engine can read it: GTMSPILL(A1). */
export const withSpillRefs = (formula: string): string =>
  formula.replace(/((?:'[^']+'|[A-Za-z_][\w.]*)!)?(\$?[A-Z]{1,3}\$?\d+)#/g, (_, sheet: string | undefined, cell: string) => `GTMSPILL(${sheet ?? ""}${cell})`);

/** Excel spills a formula that is only a reference (=B2:B7, =Leads); this engine needs it as =+B2:B7 to do so. */
const bareReference = (formula: string): string => {
  const m = formula.match(/^=\s*((?:'[^']+'!|[A-Za-z_][\w.]*!)?\$?[A-Za-z_][\w.$]*(?::\$?[A-Z]+\$?\d+)?)\s*$/);
  return m && !/^[A-Z]+\$?\d+$/.test(m[1].replace(/\$/g, "")) ? `=+${m[1]}` : formula;
};

/**
 * A workbook built as Excel would hold it: formulas with spill references are entered after the others,
 * in order, so the arrays they read already exist (this engine sizes a formula's result when it is entered).
 * Names (sheet-scoped in Excel, as the what-if sheet's are) stand for a reference; this engine cannot pass a
 * named range to a function, so each name is written out as the reference it names before the formula is
 * entered — what Excel does when it evaluates it.
 */
export function buildWorkbook(sheets: Sheets, names: { name: string; expression: string; scope?: string }[] = []): HyperFormula {
  const later: { sheet: string; row: number; col: number; formula: string }[] = [];
  const first: Sheets = {};
  const named = (formula: string): string => {
    let out = formula;
    for (const n of names) {
      // outside double-quoted text only
      out = out
        .split(/("[^"]*")/)
        .map((part) => (part.startsWith('"') ? part : part.replace(new RegExp(`(?<![\\w.!$'])${n.name}(?![\\w(])`, "g"), n.expression)))
        .join("");
    }
    return out;
  };
  for (const [name, rows] of Object.entries(sheets)) {
    first[name] = rows.map((row, r) =>
      row.map((cell, c) => {
        if (typeof cell !== "string" || !cell.startsWith("=")) return cell;
        const formula = bareReference(named(cell));
        if (/\$?[A-Z]{1,3}\$?\d+#/.test(formula)) {
          later.push({ sheet: name, row: r, col: c, formula: withSpillRefs(formula) });
          return null;
        }
        return formula;
      }),
    );
  }
  // Excel's dynamic arrays (a formula over a range spills) and its full precision (no display rounding).
  const hf = HyperFormula.buildFromSheets(first, { licenseKey: "gpl-v3", useArrayArithmetic: true, smartRounding: false });
  for (const f of later) hf.setCellContents({ sheet: hf.getSheetId(f.sheet)!, row: f.row, col: f.col }, [[f.formula]]);
  return hf;
}
