/**
 * Registers the four functions in HyperFormula (a real formula engine, test-only) under their GTM. names,
 * calling the same host-free core Excel calls. Ranges arrive as SimpleRangeValue; results spill as arrays.
 */
import { ArraySize, CellError, EmptyValue, ErrorType, FunctionPlugin, SimpleRangeValue } from "hyperformula";
import type { FunctionPluginDefinition } from "hyperformula";
import { ExcelErrorCode, GtmError } from "../../src/engine/errors";
import { Cell, cacFlagGrid, funnelYieldGrid, gtmCompassGrid, leadsNeededGrid } from "../../src/functions/core";

// The plugin API hands methods HyperFormula's own AST and state types; only these members are used here.
interface Ast {
  type: string;
  value?: unknown;
  args: Ast[];
}
interface Size {
  width: number;
  height: number;
}
type State = unknown;

const TO_EXCEL: Partial<Record<string, ExcelErrorCode>> = {
  DIV_BY_ZERO: "#DIV/0!",
  NA: "#N/A",
  NAME: "#NAME?",
  NUM: "#NUM!",
  REF: "#REF!",
  VALUE: "#VALUE!",
};
const FROM_EXCEL: Record<ExcelErrorCode, ErrorType> = {
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#N/A": ErrorType.NA,
  "#NAME?": ErrorType.NAME,
  "#NUM!": ErrorType.NUM,
  "#REF!": ErrorType.REF,
  "#VALUE!": ErrorType.VALUE,
  "#NULL!": ErrorType.ERROR,
};

/** A HyperFormula value as an Excel custom function would receive it. */
function toCell(v: unknown): unknown {
  if (v === EmptyValue) return null;
  if (v instanceof CellError) return { code: TO_EXCEL[v.type] ?? "#VALUE!", message: v.message };
  if (typeof v === "object" && v !== null && "val" in v) return (v as { val: unknown }).val; // formatted numbers
  return v;
}

function toArg(v: unknown): unknown {
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(toCell));
  return toCell(v);
}

function toHf(c: Cell): unknown {
  return c instanceof GtmError ? new CellError(FROM_EXCEL[c.code], c.message) : c;
}

const SCALAR: Size = { width: 1, height: 1 };

class GtmPlugin extends FunctionPlugin {
  static override implementedFunctions = {
    GTM_COMPASS: { method: "compass", sizeOfResultArrayMethod: "compassSize", vectorizationForbidden: true, parameters: [] },
    FUNNEL_YIELD: { method: "funnel", sizeOfResultArrayMethod: "funnelSize", vectorizationForbidden: true, parameters: [] },
    CAC_FLAG: { method: "cac", sizeOfResultArrayMethod: "cacSize", vectorizationForbidden: true, parameters: [] },
    LEADS_NEEDED: { method: "leads", sizeOfResultArrayMethod: "leadsSize", vectorizationForbidden: true, parameters: [] },
  };
  static override aliases = {
    "GTM.GTM_COMPASS": "GTM_COMPASS",
    "GTM.FUNNEL_YIELD": "FUNNEL_YIELD",
    "GTM.CAC_FLAG": "CAC_FLAG",
    "GTM.LEADS_NEEDED": "LEADS_NEEDED",
  };

  private args(ast: Ast, state: State): unknown[] {
    const self = this as unknown as { evaluateAst(a: Ast, s: State): unknown };
    return ast.args.map((a) => (a.type === "EMPTY" ? undefined : toArg(self.evaluateAst(a, state))));
  }

  private run(grid: () => Cell[][]): unknown {
    let out: Cell[][];
    try {
      out = grid();
    } catch (e) {
      return toHf(e as GtmError);
    }
    if (out.length === 1 && out[0].length === 1) return toHf(out[0][0]);
    return SimpleRangeValue.onlyValues(out.map((row) => row.map(toHf)) as never);
  }

  private size(ast: Ast | undefined, state: State): Size {
    if (!ast) return SCALAR;
    return (this as unknown as { arraySizeForAst(a: Ast, s: State): Size }).arraySizeForAst(ast, state);
  }

  private literal(ast: Ast | undefined): string {
    return ast && ast.type === "STRING" ? String(ast.value).trim().toLowerCase() : "";
  }

  compass(ast: Ast, state: State): unknown {
    const [r, w, a, f] = this.args(ast, state);
    return this.run(() => gtmCompassGrid(r, w, a, f));
  }
  compassSize(ast: Ast, state: State): ArraySize {
    const s = this.size(ast.args[0], state);
    const products = s.width === 1 && s.height === 7 ? 1 : s.height;
    const f = this.literal(ast.args[3]);
    return new ArraySize(f === "" || f === "all" ? 7 : 1, products);
  }

  funnel(ast: Ast, state: State): unknown {
    const [v, r, c, d, f] = this.args(ast, state);
    return this.run(() => funnelYieldGrid(v, r, c, d, f));
  }
  funnelSize(ast: Ast, state: State): ArraySize {
    const v = this.size(ast.args[0], state);
    if (this.literal(ast.args[4]) !== "stages") return new ArraySize(v.width, v.height);
    const r = this.size(ast.args[1], state);
    return new ArraySize(r.width * r.height + 1, v.height);
  }

  cac(ast: Ast, state: State): unknown {
    const [s, n, r, g, ch, t, f] = this.args(ast, state);
    return this.run(() => cacFlagGrid(s, n, r, g, ch, t, f));
  }
  cacSize(ast: Ast, state: State): ArraySize {
    let size = SCALAR;
    for (const a of ast.args.slice(0, 5)) {
      const s = this.size(a, state);
      if (s.width * s.height > 1) size = s;
    }
    return this.literal(ast.args[6]) === "all" ? new ArraySize(6, size.height) : new ArraySize(size.width, size.height);
  }

  leads(ast: Ast, state: State): unknown {
    const [t, r, c, d] = this.args(ast, state);
    return this.run(() => leadsNeededGrid(t, r, c, d));
  }
  leadsSize(ast: Ast, state: State): ArraySize {
    const s = this.size(ast.args[0], state);
    return new ArraySize(s.width, s.height);
  }
}

export const GtmHyperFormulaPlugin = GtmPlugin as unknown as FunctionPluginDefinition;
