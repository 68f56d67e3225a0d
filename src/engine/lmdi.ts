/**
 * Exact LMDI-I attribution of a revenue change to the three growth levers (METHODS §4; Ang 2005):
 * R = C x F x A and dR_X = L(R1, R0) * ln(X1 / X0) with the logarithmic mean L. The parts sum to dR with no
 * residual and do not depend on factor order.
 */

/** Logarithmic mean L(a, b) = (a - b) / (ln a - ln b), L(a, a) = a; NaN unless both are positive. */
export function logMean(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return NaN;
  if (a === b) return a;
  const d = Math.log(a) - Math.log(b);
  // for a ~ b the quotient loses digits; the second-order expansion is exact to rounding there
  if (Math.abs(d) < 1e-10) return (a + b) / 2;
  return (a - b) / d;
}

export interface LeverFactors {
  customers: number;
  frequency: number;
  averageDeal: number;
}

export interface LmdiParts {
  /** R1 - R0. */
  revenueChange: number;
  customers: number;
  frequency: number;
  averageDeal: number;
  /** False when a side has zero (or negative) revenue: the split is undefined. */
  defined: boolean;
  reason?: string;
}

/** Split R1 - R0 into the customer, frequency and average-deal parts. */
export function lmdiSplit(from: LeverFactors, to: LeverFactors): LmdiParts {
  const r0 = from.customers * from.frequency * from.averageDeal;
  const r1 = to.customers * to.frequency * to.averageDeal;
  const revenueChange = r1 - r0;
  const ok = (f: LeverFactors) => f.customers > 0 && f.frequency > 0 && f.averageDeal > 0;
  if (!ok(from) || !ok(to)) {
    return {
      revenueChange: Number.isFinite(revenueChange) ? revenueChange : NaN,
      customers: NaN,
      frequency: NaN,
      averageDeal: NaN,
      defined: false,
      reason: !(r0 > 0) && !(r1 > 0)
        ? "no won revenue in either period: the split is undefined"
        : !(r0 > 0)
          ? "no won revenue in the earlier period: the split is undefined (a log of zero)"
          : !(r1 > 0)
            ? "no won revenue in the later period: the split is undefined (a log of zero)"
            : "a lever is zero or negative: the split is undefined",
    };
  }
  const L = logMean(r1, r0);
  return {
    revenueChange,
    customers: L * Math.log(to.customers / from.customers),
    frequency: L * Math.log(to.frequency / from.frequency),
    averageDeal: L * Math.log(to.averageDeal / from.averageDeal),
    defined: true,
  };
}

/**
 * LMDI-I split of V = x1^e1 * x2^e2 * ... between two periods (Ang 2005): part_i = L(V1, V0) * e_i * ln(x_i1 / x_i0).
 * The parts sum to V1 - V0 with no residual (L(V1, V0) * ln(V1 / V0) = V1 - V0) and do not depend on the
 * order of the factors. Null when a factor is not a positive number in either period (a log of zero).
 */
export function lmdiFactors(from: readonly number[], to: readonly number[], exponents: readonly number[]): { change: number; parts: number[] } | null {
  let v0 = 1;
  let v1 = 1;
  for (let i = 0; i < exponents.length; i++) {
    if (!(from[i] > 0) || !(to[i] > 0) || !Number.isFinite(from[i]) || !Number.isFinite(to[i])) return null;
    v0 *= Math.pow(from[i], exponents[i]);
    v1 *= Math.pow(to[i], exponents[i]);
  }
  const L = logMean(v1, v0);
  return { change: v1 - v0, parts: exponents.map((e, i) => L * e * Math.log(to[i] / from[i])) };
}
