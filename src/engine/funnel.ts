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
 * A number as Excel shows it in the formula bar: at most 15 significant digits, so binary noise such as
 * 3.5999999999999996 reads 3.6; very large or small magnitudes in scientific form (1.5E+21).
 */
export function shown(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const v = Number(x.toPrecision(15));
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e15 || a < 1e-9)) {
    const [m, e] = v.toExponential().split("e");
    const exp = Number(e);
    return `${Number(Number(m).toPrecision(15))}E${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  return String(v);
}

/** True when Excel would show a and b as the same number (15 significant digits). */
export const sameAsShown = (a: number, b: number): boolean => Number(a.toPrecision(15)) === Number(b.toPrecision(15));

// Neighbouring doubles, for searches that must land on the exact least float.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const B64 = new BigUint64Array(F64.buffer);
F64[0] = 1;
const HI = U32[1] === 0x3ff00000 ? 1 : 0; // the word holding the exponent (1 on little-endian machines)
const LO = 1 - HI;

/** The next double above x (x >= 0, finite). */
export function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  F64[0] = x;
  if (U32[LO] === 0xffffffff) {
    U32[LO] = 0;
    U32[HI]++;
  } else U32[LO]++;
  return F64[0];
}

/** The next double below x (x > 0, finite); 0 below the smallest positive double. */
export function nextDown(x: number): number {
  if (x <= Number.MIN_VALUE) return 0;
  F64[0] = x;
  if (U32[LO] === 0) {
    U32[LO] = 0xffffffff;
    U32[HI]--;
  } else U32[LO]--;
  return F64[0];
}

const bitsOf = (x: number): bigint => {
  F64[0] = x;
  return B64[0];
};
const fromBits = (b: bigint): number => {
  B64[0] = b;
  return F64[0];
};

/**
 * The least double x in [lo, hi] (both >= 0) with reaches(x), given reaches(hi). reaches must be false then
 * true along the doubles (or at least true at hi): the answer is where it first turns true from below.
 * The closed-form inverse gives a guess a few units in the last place off; the search steps away from it
 * 1, 2, 4, … doubles until it brackets the turn, then halves the bracket over the doubles' bit patterns
 * (ordered like the numbers they encode): a handful of calls, at most about 130.
 */
export function leastDouble(reaches: (x: number) => boolean, lo: number, hi: number, guess: number): number {
  let a: bigint; // reaches(a) is false
  let b: bigint; // reaches(b) is true
  if (guess > lo && guess < hi) {
    if (reaches(guess)) {
      const below = nextDown(guess);
      if (!reaches(below)) return guess; // the closed form was exact
      const floor = bitsOf(lo);
      b = bitsOf(below);
      a = floor - 1n;
      for (let step = 1n; ; step <<= 1n) {
        const c = b - step;
        if (c <= floor) {
          if (reaches(lo)) return lo;
          a = floor;
          break;
        }
        if (!reaches(fromBits(c))) {
          a = c;
          break;
        }
        b = c;
      }
    } else {
      const above = nextUp(guess);
      if (reaches(above)) return above;
      const ceiling = bitsOf(hi);
      a = bitsOf(above);
      b = ceiling;
      for (let step = 1n; ; step <<= 1n) {
        const c = a + step;
        if (c >= ceiling) break;
        if (reaches(fromBits(c))) {
          b = c;
          break;
        }
        a = c;
      }
    }
  } else {
    if (reaches(lo)) return lo;
    a = bitsOf(lo);
    b = bitsOf(hi);
  }
  while (b - a > 1n) {
    const m = (a + b) >> 1n;
    if (reaches(fromBits(m))) b = m;
    else a = m;
  }
  return fromBits(b);
}

/** Most wins any volume can produce, as FUNNEL_YIELD computes it: wins at the largest volume. */
export const mostWins = (spec: FunnelSpec): number => funnelWins(Number.MAX_VALUE, spec);

/**
 * The stage-by-stage inverse in real numbers from the last stage back to stage `from` (1-based): the volume
 * that must enter stage `from` for `target` wins. Throws #N/A naming the stage whose capacity (or zero
 * rate) caps the wins below the target.
 */
function inverseFrom(target: number, spec: FunnelSpec, from: number, top: number): number {
  const r = spec.rates;
  const c = spec.capacity;
  const d = spec.overflowConversion;
  let need = target;
  for (let i = r.length - 1; i >= from - 1; i--) {
    if (need === 0) return 0;
    const ri = r[i];
    if (ri === 0) throw unavailable(`Conversion rate ${i + 1} is 0, so no volume reaches ${shown(target)} wins.`);
    if (need <= ri * c[i]) need = need / ri;
    else if (d > 0) need = c[i] + (need - ri * c[i]) / (d * ri);
    else {
      throw unavailable(
        `Stage ${i + 1} can work at most ${shown(c[i])} and converts ${shown(ri)} of it, so it passes at most ${shown(ri * c[i])} on; ` +
          `at most ${shown(top)} wins can be reached, so ${shown(target)} needs more capacity (or overflow_conversion above 0).`,
      );
    }
  }
  return need;
}

/**
 * The target a search aims at: the target itself when some input reaches it; the most reachable when the
 * target is that most as Excel shows it (3.6 typed for a cap computed as 3.5999999999999996); else null.
 */
function aim(target: number, most: number): number | null {
  if (most >= target) return target;
  return sameAsShown(target, most) ? most : null;
}

/**
 * Least volume V with wins(V) >= target, exactly in floating point: FUNNEL_YIELD of the answer reaches the
 * target and one double less does not. A target equal (to 15 digits) to the most the funnel can give asks
 * for the volume that first gives that most. Throws #N/A with the reason when capacity (or a zero rate)
 * makes the target unreachable.
 */
export function leadsNeeded(target: number, spec: FunnelSpec, most?: number): number {
  checkVolume(target, "Target wins");
  if (target === 0) return 0;
  const top = most ?? mostWins(spec); // callers solving many targets on one funnel pass it once
  const goal = aim(target, top);
  if (goal === null) {
    inverseFrom(target, spec, 1, top); // throws the message naming the stage that caps it
    throw unavailable(`${shown(target)} wins need more volume than can be counted (at most ${shown(top)} wins can be reached).`);
  }
  let guess = Number.MAX_VALUE;
  try {
    guess = inverseFrom(goal, spec, 1, top);
  } catch {
    // the closed form can miss by rounding at the cap; the search below does not
  }
  if (!(guess >= 0 && guess <= Number.MAX_VALUE)) guess = Number.MAX_VALUE;
  return leastDouble((v) => funnelWins(v, spec) >= goal, 0, Number.MAX_VALUE, guess);
}

/** A copy of spec whose arrays the solvers may change. */
const workingCopy = (spec: FunnelSpec): FunnelSpec => ({ rates: spec.rates.slice(), capacity: spec.capacity.slice(), overflowConversion: spec.overflowConversion });

function checkStage(stage: number, spec: FunnelSpec): void {
  const k = spec.rates.length;
  if (!Number.isInteger(stage) || stage < 1 || stage > k) {
    throw invalid(`stage must be a whole number from 1 to ${k} (the position of the stage among the rates); got ${shown(stage)}.`);
  }
}

/** Volume entering stage s (1-based) from volume v. */
function entering(v: number, spec: FunnelSpec, s: number): number {
  const r = spec.rates;
  const c = spec.capacity;
  const d = spec.overflowConversion;
  let a = v;
  for (let i = 0; i < s - 1; i++) {
    const w = a < c[i] ? a : c[i];
    a = r[i] * w + d * r[i] * (a - w);
  }
  return a;
}

/**
 * Least capacity at stage `stage` (1-based) for which `volume` gives at least `target` wins, the other
 * stages as given. The search runs over the doubles from 0 to the volume reaching that stage (more
 * capacity than that changes nothing): the answer reaches the target and one double less does not.
 * #N/A with the reason when no capacity at that stage can (another stage or the volume limits the wins).
 */
export function capacityNeeded(target: number, volume: number, spec: FunnelSpec, stage: number): number {
  checkVolume(target, "Target wins");
  checkVolume(volume);
  checkStage(stage, spec);
  const s = stage - 1;
  const work = workingCopy(spec);
  const wins = (cap: number): number => {
    work.capacity[s] = cap;
    return funnelWins(volume, work);
  };
  const a = entering(volume, spec, stage);
  const top = wins(a);
  const goal = aim(target, top);
  if (goal === null) {
    throw unavailable(
      `Even unlimited capacity at stage ${stage} gives at most ${shown(top)} wins from a volume of ${shown(volume)}, so ${shown(target)} needs more volume, ` +
        `a higher rate or more capacity at another stage.`,
    );
  }
  if (wins(0) >= goal) return 0;
  // Closed form for the guess: the volume stage `stage` must pass on, then c = (out / r - d * a) / (1 - d).
  let guess = a / 2;
  try {
    const out = stage === spec.rates.length ? goal : inverseFrom(goal, spec, stage + 1, top);
    const r = spec.rates[s];
    const d = spec.overflowConversion;
    if (d < 1 && r > 0) guess = (out / r - d * a) / (1 - d);
  } catch {
    // a guess only
  }
  if (!(guess >= 0 && guess <= a)) guess = a / 2;
  return leastDouble((cap) => wins(cap) >= goal, 0, a, guess);
}

/**
 * Least conversion rate at stage `stage` (1-based) for which `volume` gives at least `target` wins, the
 * other stages as given; exact over the doubles from 0 to 1 (wins never fall as a rate rises). #N/A with
 * the reason when even a rate of 1 (100%) at that stage falls short.
 */
export function rateNeeded(target: number, volume: number, spec: FunnelSpec, stage: number): number {
  checkVolume(target, "Target wins");
  checkVolume(volume);
  checkStage(stage, spec);
  const s = stage - 1;
  const work = workingCopy(spec);
  const wins = (rate: number): number => {
    work.rates[s] = rate;
    return funnelWins(volume, work);
  };
  const top = wins(1);
  const goal = aim(target, top);
  if (goal === null) {
    throw unavailable(
      `Even converting all of it (a rate of 1) at stage ${stage} gives at most ${shown(top)} wins from a volume of ${shown(volume)}, so ${shown(target)} needs more volume, ` +
        `capacity or a higher rate at another stage.`,
    );
  }
  if (wins(0) >= goal) return 0;
  let guess = 0.5;
  try {
    const out = stage === spec.rates.length ? goal : inverseFrom(goal, spec, stage + 1, top);
    const a = entering(volume, spec, stage);
    const c = spec.capacity[s];
    const w = a < c ? a : c;
    const base = w + spec.overflowConversion * (a - w);
    if (base > 0) guess = out / base;
  } catch {
    // a guess only
  }
  if (!(guess > 0 && guess < 1)) guess = 0.5;
  return leastDouble((rate) => wins(rate) >= goal, 0, 1, guess);
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
