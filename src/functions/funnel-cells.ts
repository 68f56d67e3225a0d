/**
 * FUNNEL_YIELD and LEADS_NEEDED on cell arguments: a scalar or a range of scenarios in, one result (or one
 * row of stage volumes) out per scenario, with a per-cell error where one scenario is bad.
 */
import { GtmError, invalid } from "../engine/errors";
import { FunnelSpec, funnelOverflow, funnelStages, funnelWins, leadsNeeded, prepareFunnel } from "../engine/funnel";
import { DEFAULT_THRESHOLDS } from "../model/thresholds";
import { Cell, asGtmError, checkRow, errorRow, isBlank, isOmitted, noteErrors, toField, toGrid, toNumber, toOptionalNumber, toScalar, toVector } from "./cells";

export const FUNNEL_FIELDS = ["wins", "yield", "overflow", "stages"] as const;
export type FunnelField = (typeof FUNNEL_FIELDS)[number];

/** More stages than any real funnel; a whole-row reference by mistake stops here with a message. */
export const MAX_STAGES = 100;

/** rates, capacity and overflow_conversion as cells → a validated funnel. */
export function funnelSpecFromCells(rates: unknown, capacity?: unknown, overflowConversion?: unknown): FunnelSpec {
  const rv = toVector(rates, "rates", MAX_STAGES);
  const r = new Array<number>(rv.length);
  for (let i = 0; i < rv.length; i++) r[i] = toNumber(rv[i], `Conversion rate ${i + 1}`);
  let caps: (number | null)[] | null = null;
  if (!isOmitted(capacity)) {
    const cv = toVector(capacity, "capacity", MAX_STAGES);
    if (cv.length !== r.length) {
      throw invalid(`capacity has ${cv.length} cell${cv.length === 1 ? "" : "s"} but rates has ${r.length}; give one capacity per rate (blank = unlimited).`);
    }
    caps = cv.map((c, i) => toOptionalNumber(c, `Capacity ${i + 1}`));
  }
  const dCell = toScalar(overflowConversion, "overflow_conversion");
  const d = isBlank(dCell) ? DEFAULT_THRESHOLDS.overflowConversion : toNumber(dCell, "overflow_conversion");
  return prepareFunnel(r, caps, d);
}

/** Where a scenario sits, for messages: "Volume" alone, or "Volume in row 3" of a range. */
const where = (name: string, multi: boolean, i: number, j: number, n: number): string =>
  !multi ? name : n === 1 ? `${name} in row ${i + 1}` : `${name} in row ${i + 1}, column ${j + 1}`;

/** A per-scenario number that was not usable, as the error for its cell. */
function badScenario(v: unknown, what: string): GtmError {
  try {
    const x = toNumber(v, what);
    return invalid(`${what} must be 0 or above; got ${x}.`);
  } catch (e) {
    return asGtmError(e);
  }
}

/** A volume or target a scenario can run with: a finite number, 0 or above. */
const usable = (v: unknown): v is number => typeof v === "number" && v >= 0 && v < Infinity;

/** The cell of a scenario that cannot run: blank inside a range stays blank, anything else is its error. */
function unusableCell(v: unknown, name: string, multi: boolean, i: number, j: number, n: number): Cell {
  return multi && isBlank(v) ? "" : badScenario(v, where(name, multi, i, j, n));
}

/** One scenario's wins, overflow or yield (#DIV/0! for the yield of a zero volume). */
function resultCell(v: number, spec: FunnelSpec, f: Exclude<FunnelField, "stages">, multi: boolean, i: number, j: number, n: number): Cell {
  if (f === "wins") return funnelWins(v, spec);
  if (f === "overflow") return funnelOverflow(v, spec);
  if (v === 0) return new GtmError("#DIV/0!", `${where("Volume", multi, i, j, n)} is 0, so the yield (wins / volume) is undefined.`);
  return funnelWins(v, spec) / v;
}

/**
 * GTM.FUNNEL_YIELD. volume: one cell or a range of scenarios (blank scenarios in a range give blank results).
 * Returns a grid the shape of volume (or one row of k + 1 stage volumes per scenario for field "stages");
 * rows holding an error cell are noted in errorRows when it is given.
 */
export function funnelYieldGrid(volume: unknown, rates: unknown, capacity?: unknown, overflowConversion?: unknown, field?: unknown, errorRows?: number[]): Cell[][] {
  const spec = funnelSpecFromCells(rates, capacity, overflowConversion);
  const f = toField(field, FUNNEL_FIELDS, "wins");
  const g = toGrid(volume, "volume", false); // rows are checked as the loops reach them
  const m = g.length;
  const n = g[0].length;
  const multi = m * n > 1;
  const out = new Array<Cell[]>(m);
  if (f === "stages") {
    if (n !== 1) throw invalid(`With field "stages", volume must be one column of scenarios (each spills a row of stage volumes); got ${n} columns.`);
    const width = spec.rates.length + 1;
    for (let i = 0; i < m; i++) {
      checkRow(g[i], i, 1, "volume");
      const v = g[i][0];
      if (usable(v)) out[i] = funnelStages(v, spec) as number[];
      else if (multi && isBlank(v)) out[i] = new Array<Cell>(width).fill("");
      else out[i] = errorRow(badScenario(v, where("Volume", multi, i, 0, n)), width);
      noteErrors(out[i], i, errorRows);
    }
    return out;
  }
  if (n === 1) {
    // The what-if column, the common case: one pass, each result row created once, holding its value.
    for (let i = 0; i < m; i++) {
      const row = g[i];
      if (!Array.isArray(row) || row.length !== 1) checkRow(row, i, 1, "volume");
      const v = row[0];
      const o = [usable(v) ? resultCell(v, spec, f, multi, i, 0, 1) : unusableCell(v, "Volume", multi, i, 0, 1)];
      out[i] = o;
      noteErrors(o, i, errorRows);
    }
    return out;
  }
  for (let i = 0; i < m; i++) {
    const row = g[i];
    checkRow(row, i, n, "volume");
    const o = new Array<Cell>(n);
    for (let j = 0; j < n; j++) {
      const v = row[j];
      o[j] = usable(v) ? resultCell(v, spec, f, multi, i, j, n) : unusableCell(v, "Volume", multi, i, j, n);
    }
    out[i] = o;
    noteErrors(o, i, errorRows);
  }
  return out;
}

/** One target's volume needed, or the #N/A that says why capacity makes it unreachable. */
function leadsCell(target: number, spec: FunnelSpec): Cell {
  try {
    return leadsNeeded(target, spec);
  } catch (e) {
    return asGtmError(e);
  }
}

/** GTM.LEADS_NEEDED: the smallest volume reaching each target; #N/A in the cell of an unreachable target. */
export function leadsNeededGrid(targetWins: unknown, rates: unknown, capacity?: unknown, overflowConversion?: unknown, errorRows?: number[]): Cell[][] {
  const spec = funnelSpecFromCells(rates, capacity, overflowConversion);
  const g = toGrid(targetWins, "target_wins");
  const m = g.length;
  const n = g[0].length;
  const multi = m * n > 1;
  const out = new Array<Cell[]>(m);
  for (let i = 0; i < m; i++) {
    const row = g[i];
    const o = new Array<Cell>(n);
    for (let j = 0; j < n; j++) {
      const v = row[j];
      o[j] = usable(v) ? leadsCell(v, spec) : unusableCell(v, "Target wins", multi, i, j, n);
    }
    out[i] = o;
    noteErrors(o, i, errorRows);
  }
  return out;
}
