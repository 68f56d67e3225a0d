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
  /** False only when a side has negative revenue (refunds outweigh sales): no logarithm, no split. */
  defined: boolean;
  /** How a split across a zero was made, or why there is none. */
  reason?: string;
}

const positive = (f: LeverFactors): boolean => f.customers > 0 && f.frequency > 0 && f.averageDeal > 0;
const revenueOf = (f: LeverFactors): number => (f.customers > 0 ? f.customers * f.frequency * f.averageDeal : 0);

/**
 * The lever a zero revenue sits in: no customer at all puts it in customers; customers whose deals are
 * all worth nothing put it in the average deal (frequency cannot be zero while there are customers).
 */
function zeroLever(f: LeverFactors): "customers" | "frequency" | "averageDeal" {
  if (!(f.customers > 0)) return "customers";
  if (!(f.frequency > 0)) return "frequency";
  return "averageDeal";
}

/**
 * Split R1 - R0 into the customer, frequency and average-deal parts. Across a zero (a period with no won
 * revenue) the split is the analytical limit of LMDI (Ang & Liu 2007; Ang, Zhang & Choi 1998): replacing
 * the zero by a small e and letting e -> 0, the whole change goes to the lever that is zero, and the other
 * two get 0. Revenue appearing from no customers is all "customers"; falling to no customers, all
 * customers lost. The three parts sum to the change in every case with non-negative revenue.
 */
export function lmdiSplit(from: LeverFactors, to: LeverFactors): LmdiParts {
  const r0 = revenueOf(from);
  const r1 = revenueOf(to);
  const revenueChange = r1 - r0;
  if (!(r0 >= 0) || !(r1 >= 0) || !Number.isFinite(revenueChange)) {
    return {
      revenueChange: Number.isFinite(revenueChange) ? revenueChange : NaN,
      customers: NaN,
      frequency: NaN,
      averageDeal: NaN,
      defined: false,
      reason: "won revenue is negative in one of the periods (credits outweigh sales): the levers cannot be split",
    };
  }
  if (!positive(from) || !positive(to)) {
    const parts = { customers: 0, frequency: 0, averageDeal: 0 };
    let reason: string | undefined;
    if (revenueChange !== 0) {
      // the limit puts the change on the side that is zero; when both are zero the change is 0
      const lever = !positive(from) ? zeroLever(from) : zeroLever(to);
      parts[lever] = revenueChange;
      const name = lever === "customers" ? "customers" : lever === "frequency" ? "purchases per customer" : "average deal";
      reason = r0 === 0 ? `no won revenue in the earlier period: the whole change is new ${name}` : `no won revenue in the later period: the whole change is ${name} lost`;
    }
    return { revenueChange, ...parts, defined: true, reason };
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
