/**
 * Each deal's path through the stages, from the stage history: the stage codes, their outcomes and funnel
 * positions, and the deals table's current stage as a last step when the history ends elsewhere.
 */
import { Deals, OUTCOME_OPEN, StageHistory } from "../model/tables";

export interface StageMaps {
  labels: string[];
  /** Outcome of each history stage code. */
  outcome: Uint8Array;
  /** Position of each history stage code in the open-stage order; -1 for won, lost and unordered stages. */
  pos: Int32Array;
  /** Open stages in order (history stage codes). */
  order: number[];
  /** Each stage label of the deals table as a history stage code; -1 when the history has no such label. */
  byDealLabel: Int32Array;
}

export function stageMaps(h: StageHistory, deals: Deals): StageMaps {
  const labels = h.stage.labels;
  const codeOf = new Map<string, number>();
  labels.forEach((l, c) => {
    if (!codeOf.has(l)) codeOf.set(l, c);
  });
  const pos = new Int32Array(labels.length).fill(-1);
  const order: number[] = [];
  h.stageOrder.forEach((s) => {
    const c = codeOf.get(s);
    if (c !== undefined && pos[c] < 0 && h.stageOutcome[c] === OUTCOME_OPEN) {
      pos[c] = order.length;
      order.push(c);
    }
  });
  const byDealLabel = Int32Array.from(deals.stage.labels, (l) => codeOf.get(l) ?? -1);
  return { labels, outcome: h.stageOutcome, pos, order, byDealLabel };
}

/**
 * The step to add after deal d's last history entry: its current stage on the deals table, when the history
 * ends with another outcome (or, for a deal still open, in another open stage); -1 when none is needed.
 */
export function currentStep(m: StageMaps, h: StageHistory, deals: Deals, d: number): number {
  const end = h.dealStart[d + 1];
  if (end === h.dealStart[d]) return -1;
  const last = h.stage.codes[end - 1];
  const label = deals.stage.codes[d];
  const now = label >= 0 ? m.byDealLabel[label] : -1;
  if (now < 0 || now === last) return -1;
  const o = deals.outcome[d];
  if (o !== m.outcome[last]) return now;
  return o === OUTCOME_OPEN ? now : -1;
}
