/**
 * Capacity-limited funnel yield and its inverse (METHODS.md §2, seed 004's "sink"):
 *   A1 = V;  Wi = min(Ai, ci);  Ai+1 = ri·Wi + d·ri·(Ai − Wi);  wins = Ak+1;  yield = wins / V;  overflow = Σ (Ai − Wi)
 * Past a stage's capacity, more volume in stops meaning more wins out (only d of the normal conversion).
 * The hot loops take pre-validated Float64Arrays (see prepareFunnel) and allocate nothing per scenario.
 */
import { invalid, unavailable } from "./errors";

export interface FunnelSpec {
  /** Conversion from stage i to i+1, each 0..1. */
  rates: Float64Array;
  /** Capacity of stage i (>= 0); Infinity = unlimited. */
  capacity: Float64Array;
  /** Fraction of the normal conversion unworked overflow still achieves, 0..1. */
  overflowConversion: number;
}

export interface FunnelResult {
  wins: number;
  /** wins / volume; NaN when volume is 0. */
  yield: number;
  overflow: number;
  /** Volumes A1..Ak+1 (k + 1 entries: the volume entering each stage, then the wins). */
  stages: number[];
}

/**
 * Validates and packs rates, capacities and d once, so many scenarios can run against them.
 * capacity entries that are null/undefined/Infinity are unlimited. Throws GtmError (#VALUE!) on bad input.
 */
export function prepareFunnel(
  rates: ArrayLike<number>,
  capacity?: ArrayLike<number | null | undefined> | null,
  overflowConversion = 0,
): FunnelSpec {
  const k = rates.length;
  if (k === 0) throw invalid("Give at least one conversion rate.");
  if (capacity && capacity.length !== k) {
    throw invalid(`capacity needs one value per rate: ${k} rate${k === 1 ? "" : "s"} but ${capacity.length} capacit${capacity.length === 1 ? "y" : "ies"}.`);
  }
  if (typeof overflowConversion !== "number" || !Number.isFinite(overflowConversion) || overflowConversion < 0 || overflowConversion > 1) {
    throw invalid(`overflow_conversion must be a fraction from 0 to 1; got ${String(overflowConversion)}.`);
  }
  const r = new Float64Array(k);
  const c = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const x = rates[i];
    if (typeof x !== "number" || !Number.isFinite(x) || x < 0 || x > 1) {
      throw invalid(`Conversion rate ${i + 1} must be a fraction from 0 to 1 (25% is 0.25); got ${String(x)}.`);
    }
    r[i] = x;
    const cap = capacity ? capacity[i] : undefined;
    if (cap === null || cap === undefined || cap === Infinity) {
      c[i] = Infinity;
    } else if (typeof cap !== "number" || Number.isNaN(cap) || cap < 0) {
      throw invalid(`Capacity ${i + 1} must be a number 0 or above (blank = unlimited); got ${String(cap)}.`);
    } else {
      c[i] = cap;
    }
  }
  return { rates: r, capacity: c, overflowConversion };
}

/** Throws #VALUE! unless volume is a finite number >= 0. */
export function checkVolume(volume: number, what = "Volume"): void {
  if (typeof volume !== "number" || !Number.isFinite(volume) || volume < 0) {
    throw invalid(`${what} must be a number 0 or above; got ${String(volume)}.`);
  }
}

/** Wins for one volume (already checked). */
export function funnelWins(volume: number, spec: FunnelSpec): number {
  const r = spec.rates;
  const c = spec.capacity;
  const d = spec.overflowConversion;
  let a = volume;
  for (let i = 0; i < r.length; i++) {
    const w = a < c[i] ? a : c[i];
    a = r[i] * w + d * r[i] * (a - w);
  }
  return a;
}

/** Total unworked overflow Σ (Ai − Wi) for one volume (already checked). */
export function funnelOverflow(volume: number, spec: FunnelSpec): number {
  const r = spec.rates;
  const c = spec.capacity;
  const d = spec.overflowConversion;
  let a = volume;
  let over = 0;
  for (let i = 0; i < r.length; i++) {
    const w = a < c[i] ? a : c[i];
    over += a - w;
    a = r[i] * w + d * r[i] * (a - w);
  }
  return over;
}

/** Writes A1..Ak+1 into out (length k + 1) and returns it. */
export function funnelStages(volume: number, spec: FunnelSpec, out: number[] | Float64Array = new Array<number>(spec.rates.length + 1)): number[] | Float64Array {
  const r = spec.rates;
  const c = spec.capacity;
  const d = spec.overflowConversion;
  let a = volume;
  out[0] = a;
  for (let i = 0; i < r.length; i++) {
    const w = a < c[i] ? a : c[i];
    a = r[i] * w + d * r[i] * (a - w);
    out[i + 1] = a;
  }
  return out;
}

/** Everything about one scenario, for callers that want a plain object. */
export function funnelYield(
  volume: number,
  rates: ArrayLike<number>,
  capacity?: ArrayLike<number | null | undefined> | null,
  overflowConversion = 0,
): FunnelResult {
  checkVolume(volume);
  const spec = prepareFunnel(rates, capacity, overflowConversion);
  const stages = funnelStages(volume, spec) as number[];
  const wins = stages[stages.length - 1];
  return { wins, yield: volume === 0 ? NaN : wins / volume, overflow: funnelOverflow(volume, spec), stages };
}

/**
 * Smallest volume V with wins(V) >= target. Each stage maps A to r·min(A, c) + d·r·max(A − c, 0), which is
 * continuous and non-decreasing, so the answer is the stage-by-stage inverse taken from the last stage back.
 * Throws #N/A with the reason when capacity (or a zero rate) makes the target unreachable.
 */
export function leadsNeeded(target: number, spec: FunnelSpec): number {
  checkVolume(target, "Target wins");
  const r = spec.rates;
  const c = spec.capacity;
  const d = spec.overflowConversion;
  let need = target;
  for (let i = r.length - 1; i >= 0; i--) {
    if (need === 0) return 0;
    const ri = r[i];
    if (ri === 0) throw unavailable(`Conversion rate ${i + 1} is 0, so no volume reaches ${target} wins.`);
    if (need <= ri * c[i]) {
      need = need / ri;
    } else if (d > 0) {
      need = c[i] + (need - ri * c[i]) / (d * ri);
    } else {
      throw unavailable(
        `Stage ${i + 1} can work at most ${c[i]} and converts ${ri} of it, so it passes at most ${ri * c[i]} on; ` +
          `at most ${+maxWins(spec).toPrecision(12)} wins can be reached, so ${target} needs more capacity (or overflow_conversion above 0).`,
      );
    }
  }
  if (!Number.isFinite(need)) throw unavailable(`${target} wins need more volume than can be counted with these rates.`);
  // The inverse is exact in real numbers; nudge past rounding so wins(V) >= target holds in floating point too.
  for (let n = 0; n < 8 && funnelWins(need, spec) < target; n++) need += Math.max(need * Number.EPSILON, Number.MIN_VALUE);
  return need;
}

/** Most wins any volume can produce: Infinity unless a zero rate or capacity with d = 0 caps it. */
export function maxWins(spec: FunnelSpec): number {
  const r = spec.rates;
  const c = spec.capacity;
  const d = spec.overflowConversion;
  let a = Infinity;
  for (let i = 0; i < r.length; i++) {
    if (r[i] === 0) return 0;
    const w = a < c[i] ? a : c[i];
    const over = a === Infinity && w === Infinity ? 0 : a - w;
    a = r[i] * w + (d === 0 || over === 0 ? 0 : d * r[i] * over);
  }
  return a;
}
