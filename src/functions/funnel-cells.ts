/**
 * FUNNEL_YIELD, LEADS_NEEDED, CAPACITY_NEEDED and RATE_NEEDED on cell arguments. Every argument may hold
 * scenarios: volumes or targets in any shape, rates and capacities as one row for all or a block with one
 * row per scenario, overflow_conversion (and stage) as one cell or a range; they broadcast as Excel does
 * (scenarios.ts), one result per scenario, a per-cell error where one scenario is bad.
 */
import { GtmError, invalid } from "../engine/errors";
import { FunnelSpec, capacityNeeded, funnelOverflow, funnelStages, funnelWins, leadsNeeded, mostWins, prepareFunnel, rateNeeded, shown } from "../engine/funnel";
import { DEFAULT_THRESHOLDS } from "../model/thresholds";
import { Cell, asGtmError, errorRow, finishRow, isBlank, isOmitted, plain, toField, toNumber, toOptionalNumber } from "./cells";
import { ScalarArg, Shape, StageArg, argAt, broadcast, numberAt, scalarArg, stageArg, stageRowOk, where } from "./scenarios";

export const FUNNEL_FIELDS = ["wins", "yield", "overflow", "stages"] as const;
export type FunnelField = (typeof FUNNEL_FIELDS)[number];

/** More stages than any real funnel; a whole-row reference by mistake stops here with a message. */
export const MAX_STAGES = 100;

/** rates, capacity and overflow_conversion as one funnel (each one row or cell) → a validated funnel. */
export function funnelSpecFromCells(rates: unknown, capacity?: unknown, overflowConversion?: unknown): FunnelSpec {
  const fa = funnelArgs(rates, capacity, overflowConversion);
  if (!fa.shared) throw invalid("rates, capacity and overflow_conversion must each be one row (or cell) here: one funnel.");
  return fa.shared;
}

/** The funnel of every scenario: one validated spec when all three are single, else loaded per scenario. */
interface FunnelArgs {
  rates: StageArg;
  caps: StageArg | null;
  d: ScalarArg;
  k: number;
  /** Set when rates, capacity and overflow_conversion each apply to every scenario. */
  shared: FunnelSpec | null;
  /** The working funnel a scenario is loaded into (allocated once). */
  spec: FunnelSpec;
  loadedRow: number;
  rowError: GtmError | null;
  /** overflow_conversion when it is one cell, validated once. */
  d0: number;
}

function funnelArgs(rates: unknown, capacity: unknown, overflowConversion: unknown): FunnelArgs {
  const r = stageArg(rates, "rates", MAX_STAGES, null);
  const caps = isOmitted(capacity) ? null : stageArg(capacity, "capacity", MAX_STAGES, r.k);
  const d = scalarArg(overflowConversion, "overflow_conversion", true);
  const k = r.k;
  const oneD = d.rows === 1 && d.cols === 1;
  let d0 = DEFAULT_THRESHOLDS.overflowConversion;
  if (oneD) {
    const dc = d.g === null ? null : plain(d.g[0][0]);
    d0 = isBlank(dc) ? DEFAULT_THRESHOLDS.overflowConversion : toNumber(dc, "overflow_conversion");
  }
  let shared: FunnelSpec | null = null;
  if (r.rows === 1 && (caps === null || caps.rows === 1) && oneD) {
    const rv = new Array<number>(k);
    for (let s = 0; s < k; s++) rv[s] = toNumber(r.cell(0, s), `Conversion rate ${s + 1}`);
    const cv = caps === null ? null : Array.from({ length: k }, (_, s) => toOptionalNumber(caps.cell(0, s), `Capacity ${s + 1}`));
    shared = prepareFunnel(rv, cv, d0);
  } else if (oneD && !(d0 >= 0 && d0 <= 1)) {
    throw invalid(`overflow_conversion must be a fraction from 0 to 1; got ${shown(d0)}.`);
  }
  const spec: FunnelSpec = shared ?? { rates: new Float64Array(k), capacity: new Float64Array(k).fill(Infinity), overflowConversion: d0 };
  return { rates: r, caps, d, k, shared, spec, loadedRow: -1, rowError: null, d0 };
}

/** Loads scenario (i, j)'s funnel into fa.spec; returns the error that scenario gets instead, if any. */
function loadFunnel(fa: FunnelArgs, shape: Shape, i: number, j: number): GtmError | null {
  if (fa.shared) return null;
  const perRow = fa.rates.rows > 1 || (fa.caps !== null && fa.caps.rows > 1);
  const row = perRow ? i : 0;
  if (row !== fa.loadedRow) {
    fa.loadedRow = row;
    fa.rowError = loadStages(fa, row, perRow);
  }
  if (fa.rowError) return fa.rowError;
  if (fa.d.rows === 1 && fa.d.cols === 1) {
    fa.spec.overflowConversion = fa.d0;
    return null;
  }
  const v = argAt(fa.d, i, j);
  if (v instanceof GtmError) return v;
  const x = numberAt(v);
  if (x === null) {
    if (isBlank(plain(v))) {
      fa.spec.overflowConversion = DEFAULT_THRESHOLDS.overflowConversion;
      return null;
    }
    return asGtmError(catching(() => toNumber(v, `overflow_conversion${where(shape, i, j)}`)));
  }
  if (!(x >= 0 && x <= 1)) return invalid(`overflow_conversion${where(shape, i, j)} must be a fraction from 0 to 1; got ${shown(x)}.`);
  fa.spec.overflowConversion = x;
  return null;
}

/** The error a failed call throws, as a value. */
function catching(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return invalid("Not a usable number.");
}

/** " in row 5" for a message about a scenario row's stages (built only when there is a message). */
const rowLabel = (perRow: boolean, row: number): string => (perRow ? ` in row ${row + 1}` : "");

/** Validates scenario row `row`'s rates and capacities into fa.spec (the row is named in a message only when perRow). */
function loadStages(fa: FunnelArgs, row: number, perRow: boolean): GtmError | null {
  const r = fa.rates;
  const miss = stageRowOk(r, row) ?? (fa.caps ? stageRowOk(fa.caps, row) : null);
  if (miss) return miss;
  const ri = r.rows === 1 ? 0 : row;
  const rates = fa.spec.rates;
  for (let s = 0; s < fa.k; s++) {
    const v = r.cell(ri, s);
    const x = typeof v === "number" ? v : numberAt(v);
    if (x === null || !(x >= 0 && x <= 1)) {
      if (x !== null) return invalid(`Conversion rate ${s + 1}${rowLabel(perRow, row)} must be a fraction from 0 to 1 (25% is 0.25); got ${shown(x)}.`);
      return asGtmError(catching(() => toNumber(v, `Conversion rate ${s + 1}${rowLabel(perRow, row)}`)));
    }
    rates[s] = x;
  }
  const caps = fa.caps;
  if (caps) {
    const ci = caps.rows === 1 ? 0 : row;
    const cap = fa.spec.capacity;
    for (let s = 0; s < fa.k; s++) {
      const v = caps.cell(ci, s);
      if (v === null || v === "" || v === undefined) {
        cap[s] = Infinity;
        continue;
      }
      const x = typeof v === "number" ? v : numberAt(v);
      if (x === null) {
        if (isBlank(plain(v))) {
          cap[s] = Infinity;
          continue;
        }
        return asGtmError(catching(() => toNumber(v, `Capacity ${s + 1}${rowLabel(perRow, row)}`)));
      }
      if (!(x >= 0)) return invalid(`Capacity ${s + 1}${rowLabel(perRow, row)} must be a number 0 or above (blank = unlimited); got ${shown(x)}.`);
      cap[s] = x;
    }
  }
  return null;
}

/** The stage arguments as broadcast parts: rows only (their columns are stages). */
const stageParts = (fa: FunnelArgs) => [
  { rows: fa.rates.rows, cols: 1, whole: fa.rates.whole },
  ...(fa.caps ? [{ rows: fa.caps.rows, cols: 1, whole: fa.caps.whole }] : []),
  fa.d,
];

/**
 * A scenario's volume or target: the number, or the cell it gets instead ("" for a blank scenario in a
 * range, the error of an error cell, #VALUE! for text or a negative number).
 */
function amountAt(a: ScalarArg, shape: Shape, i: number, j: number, label: string): number | Cell {
  const v = argAt(a, i, j);
  if (typeof v === "number" && v >= 0 && v <= Number.MAX_VALUE) return v;
  if (v instanceof GtmError) return v;
  const x = numberAt(v);
  if (x !== null && x >= 0 && x <= Number.MAX_VALUE) return x;
  if (x === null && isBlank(plain(v)) && shape.m * shape.n > 1) return "";
  const what = `${label}${where(shape, i, j)}`;
  if (x !== null) return Number.isNaN(x) || Math.abs(x) === Infinity ? new GtmError("#NUM!", `${what} must be a finite number; got ${String(x)}.`) : invalid(`${what} must be 0 or above; got ${shown(x)}.`);
  return asGtmError(catching(() => toNumber(v, what)));
}

/** One scenario's wins, overflow or yield (#DIV/0! for the yield of a zero volume). */
function resultCell(v: number, spec: FunnelSpec, f: Exclude<FunnelField, "stages">, shape: Shape, i: number, j: number): Cell {
  if (f === "wins") return funnelWins(v, spec);
  if (f === "overflow") return funnelOverflow(v, spec);
  if (v === 0) return new GtmError("#DIV/0!", `Volume${where(shape, i, j)} is 0, so the yield (wins / volume) is undefined.`);
  return funnelWins(v, spec) / v;
}

const FIELD_NAMES: Record<FunnelField, string> = { wins: "Wins", yield: "The yield", overflow: "The overflow", stages: "A stage volume" };

/**
 * GTM.FUNNEL_YIELD. Returns a grid of the broadcast shape of the scenarios (or one row of k + 1 stage
 * volumes per scenario for field "stages"); rows holding an error cell are noted in errorRows when given.
 */
export function funnelYieldGrid(volume: unknown, rates: unknown, capacity?: unknown, overflowConversion?: unknown, field?: unknown, errorRows?: number[]): Cell[][] {
  const fa = funnelArgs(rates, capacity, overflowConversion);
  const f = toField(field, FUNNEL_FIELDS, "wins");
  const vol = scalarArg(volume, "volume");
  const shape = broadcast([vol, ...stageParts(fa)]);
  const { m, n } = shape;
  const out = new Array<Cell[]>(m);
  const label = FIELD_NAMES[f];
  if (f === "stages") {
    if (n !== 1) throw invalid(`With field "stages", volume must be one column of scenarios (each spills a row of stage volumes); got ${n} columns.`);
    const width = fa.k + 1;
    for (let i = 0; i < m; i++) {
      const v = amountAt(vol, shape, i, 0, "Volume");
      let row: Cell[];
      if (typeof v !== "number") row = v === "" ? new Array<Cell>(width).fill("") : errorRow(v as GtmError, width);
      else {
        const bad = loadFunnel(fa, shape, i, 0);
        row = bad ? errorRow(bad, width) : (funnelStages(v, fa.spec) as number[]);
      }
      out[i] = row;
      finishRow(row, i, errorRows, label);
    }
    return out;
  }
  for (let i = 0; i < m; i++) {
    const o = new Array<Cell>(n);
    for (let j = 0; j < n; j++) {
      const v = amountAt(vol, shape, i, j, "Volume");
      if (typeof v !== "number") o[j] = v;
      else o[j] = loadFunnel(fa, shape, i, j) ?? resultCell(v, fa.spec, f, shape, i, j);
    }
    out[i] = o;
    finishRow(o, i, errorRows, label);
  }
  return out;
}

/** Runs a solver for one scenario: its number, or the #N/A (or #VALUE!) that says why not. */
function solved(run: () => number): Cell {
  try {
    return run();
  } catch (e) {
    return asGtmError(e);
  }
}

/** GTM.LEADS_NEEDED: the least volume reaching each target; #N/A in the cell of an unreachable target. */
export function leadsNeededGrid(targetWins: unknown, rates: unknown, capacity?: unknown, overflowConversion?: unknown, errorRows?: number[]): Cell[][] {
  const fa = funnelArgs(rates, capacity, overflowConversion);
  const target = scalarArg(targetWins, "target_wins");
  const shape = broadcast([target, ...stageParts(fa)]);
  const top = fa.shared ? mostWins(fa.shared) : undefined; // one funnel for every target: its most, once
  return solverGrid(shape, errorRows, "The volume needed", (i, j) => {
    const t = amountAt(target, shape, i, j, "Target wins");
    if (typeof t !== "number") return t;
    return loadFunnel(fa, shape, i, j) ?? solved(() => leadsNeeded(t, fa.spec, top));
  });
}

function solverGrid(shape: Shape, errorRows: number[] | undefined, label: string, cell: (i: number, j: number) => Cell): Cell[][] {
  const out = new Array<Cell[]>(shape.m);
  for (let i = 0; i < shape.m; i++) {
    const o = new Array<Cell>(shape.n);
    for (let j = 0; j < shape.n; j++) o[j] = cell(i, j);
    out[i] = o;
    finishRow(o, i, errorRows, label);
  }
  return out;
}

/** The stage a solver changes, 1-based, for scenario (i, j); or the cell it gets instead. */
function stageAt(a: ScalarArg, shape: Shape, i: number, j: number, k: number): number | Cell {
  const v = argAt(a, i, j);
  if (v instanceof GtmError) return v;
  const x = numberAt(v);
  if (x === null && isBlank(plain(v)) && shape.m * shape.n > 1 && (a.rows > 1 || a.cols > 1)) return "";
  const what = `stage${where(shape, i, j)}`;
  if (x === null) return asGtmError(catching(() => toNumber(v, what)));
  if (!Number.isInteger(x) || x < 1 || x > k) return invalid(`${what} must be a whole number from 1 to ${k} (the position of the stage among the rates); got ${shown(x)}.`);
  return x;
}

type Solver = (target: number, volume: number, spec: FunnelSpec, stage: number) => number;

function stageSolverGrid(solver: Solver, label: string, targetWins: unknown, volume: unknown, rates: unknown, stage: unknown, capacity: unknown, overflowConversion: unknown, errorRows?: number[]): Cell[][] {
  const fa = funnelArgs(rates, capacity, overflowConversion);
  const target = scalarArg(targetWins, "target_wins");
  const vol = scalarArg(volume, "volume");
  if (isOmitted(stage)) throw invalid(`Give the stage to solve for: its position among the rates, 1 to ${fa.k}.`);
  const st = scalarArg(stage, "stage");
  const shape = broadcast([target, vol, st, ...stageParts(fa)]);
  return solverGrid(shape, errorRows, label, (i, j) => {
    const t = amountAt(target, shape, i, j, "Target wins");
    if (typeof t !== "number") return t;
    const v = amountAt(vol, shape, i, j, "Volume");
    if (typeof v !== "number") return v;
    const s = stageAt(st, shape, i, j, fa.k);
    if (typeof s !== "number") return s;
    return loadFunnel(fa, shape, i, j) ?? solved(() => solver(t, v, fa.spec, s));
  });
}

/** GTM.CAPACITY_NEEDED: the least capacity at one stage that reaches each target from its volume. */
export function capacityNeededGrid(targetWins: unknown, volume: unknown, rates: unknown, stage: unknown, capacity?: unknown, overflowConversion?: unknown, errorRows?: number[]): Cell[][] {
  return stageSolverGrid(capacityNeeded, "The capacity needed", targetWins, volume, rates, stage, capacity, overflowConversion, errorRows);
}

/** GTM.RATE_NEEDED: the least conversion rate at one stage that reaches each target from its volume. */
export function rateNeededGrid(targetWins: unknown, volume: unknown, rates: unknown, stage: unknown, capacity?: unknown, overflowConversion?: unknown, errorRows?: number[]): Cell[][] {
  return stageSolverGrid(rateNeeded, "The rate needed", targetWins, volume, rates, stage, capacity, overflowConversion, errorRows);
}
