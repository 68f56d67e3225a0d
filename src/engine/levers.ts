/**
 * The three growth levers per period (METHODS §4): R = C x F x A from won deals by close date, and the
 * exact LMDI split of each period-over-period change.
 */
import { OUTCOME_WON } from "../model/tables";
import { LeverAnalysis, LeverChange, LeverPeriod } from "./analysis";
import { AnalysisContext } from "./context";
import { lmdiSplit } from "./lmdi";

/** Won deals bucketed by close period (counting sort): order[offsets[p] .. offsets[p+1]) are period p's. */
export interface WonByPeriod {
  offsets: Int32Array;
  order: Int32Array;
}

/** Won deals with a close period in the grid and a finite amount, grouped by period in one counting sort. */
export function wonByPeriod(ctx: AnalysisContext): WonByPeriod {
  const P = ctx.grid.labels.length;
  const { outcome, amount } = ctx.deals;
  const cp = ctx.closedP;
  const counts = new Int32Array(P + 1);
  const n = ctx.deals.count;
  for (let i = 0; i < n; i++) {
    if (outcome[i] === OUTCOME_WON && cp[i] >= 0 && amount[i] === amount[i]) counts[cp[i] + 1]++;
  }
  for (let p = 0; p < P; p++) counts[p + 1] += counts[p];
  const order = new Int32Array(counts[P]);
  const cursor = counts.slice(0, P);
  for (let i = 0; i < n; i++) {
    if (outcome[i] === OUTCOME_WON && cp[i] >= 0 && amount[i] === amount[i]) order[cursor[cp[i]]++] = i;
  }
  return { offsets: counts, order };
}

export function analyzeLevers(ctx: AnalysisContext, won: WonByPeriod): LeverAnalysis {
  const { deals, grid } = ctx;
  const P = grid.labels.length;
  const notes: string[] = [];
  const useAccount = ctx.has.account;
  const accCodes = deals.account.codes;
  const lastSeen = new Int32Array(useAccount ? deals.account.labels.length : 0).fill(-1);
  const periods: LeverPeriod[] = [];
  let blankAccount = 0;

  for (let p = 0; p < P; p++) {
    let revenue = 0;
    let customers = 0;
    const from = won.offsets[p];
    const to = won.offsets[p + 1];
    const order = won.order;
    const amount = deals.amount;
    for (let j = from; j < to; j++) {
      const i = order[j];
      revenue += amount[i];
      if (!useAccount) continue;
      const a = accCodes[i];
      if (a < 0) {
        // a won deal with no customer named counts as a customer of its own
        customers++;
        blankAccount++;
      } else if (lastSeen[a] !== p) {
        lastSeen[a] = p;
        customers++;
      }
    }
    const n = to - from;
    if (!useAccount) customers = n;
    periods.push({
      period: grid.labels[p],
      revenue,
      customers,
      deals: n,
      frequency: customers > 0 ? n / customers : NaN,
      averageDeal: n > 0 ? revenue / n : NaN,
      complete: grid.complete[p],
    });
  }

  if (!useAccount) {
    notes.push("No customer (account) column: customers C are counted as won deals N, so frequency F = 1 and the frequency lever is always 0.");
  } else if (blankAccount > 0) {
    notes.push(`${blankAccount} won deal(s) name no customer; each counts as a customer of its own.`);
  }

  // won deals the levers cannot use, said once each
  let noAmount = 0;
  let noClose = 0;
  let outside = 0;
  const { outcome, amount, closed } = deals;
  const closedP = ctx.closedP;
  for (let i = 0; i < deals.count; i++) {
    if (outcome[i] !== OUTCOME_WON) continue;
    if (amount[i] !== amount[i]) noAmount++;
    else if (closed[i] !== closed[i]) noClose++;
    else if (closedP[i] < 0) outside++;
  }
  if (noAmount) notes.push(`${noAmount} won deal(s) have no amount and are left out of revenue, deals and customers.`);
  if (noClose) notes.push(`${noClose} won deal(s) have no close date and belong to no period.`);
  if (outside) notes.push(`${outside} won deal(s) close after the as-of date and are left out.`);
  const partial = periods.filter((x) => !x.complete).map((x) => x.period);
  if (partial.length) notes.push(`${partial.join(", ")} is still running on the as-of date: its change is not a full-period comparison.`);

  const changes: LeverChange[] = [];
  for (let p = 1; p < P; p++) {
    const a = periods[p - 1];
    const b = periods[p];
    const parts = lmdiSplit(
      { customers: a.customers, frequency: a.frequency, averageDeal: a.averageDeal },
      { customers: b.customers, frequency: b.frequency, averageDeal: b.averageDeal },
    );
    changes.push({
      from: a.period,
      to: b.period,
      // the change itself is exact even when the split is not defined
      revenueChange: b.revenue - a.revenue,
      customers: parts.customers,
      frequency: parts.frequency,
      averageDeal: parts.averageDeal,
      defined: parts.defined,
      note: parts.reason,
    });
  }
  if (changes.some((c) => c.defined && c.note)) {
    notes.push("Where a period has no won revenue, the change into or out of it is split by the limit of the method: revenue appearing from no customers is all new customers, revenue falling to none is all customers lost.");
  }
  if (changes.some((c) => !c.defined)) {
    notes.push("A period whose won revenue is negative (credits outweigh sales) cannot be split by lever: those rows show the change only.");
  }
  return { period: grid.kind, periods, changes, customerBasis: useAccount ? "account" : "deals", notes };
}
