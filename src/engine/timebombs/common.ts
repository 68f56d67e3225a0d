/** Shared pieces of the six time bombs: the questions to ask next, status order, and a NO DATA result. */
import { MetricFormat, Status, TimeBomb, TimeBombId } from "../analysis";

export const BOMB_NAMES: Record<TimeBombId, string> = {
  "high-cac": "High customer acquisition cost",
  "inefficient-sales-team": "A comfortable, inefficient sales team",
  "partners-leaving": "Channel partners leaving",
  "cost-of-goods": "Prohibitive cost of goods",
  "generation-behind": "Products a generation behind",
  "clogged-funnel": "The clogged funnel",
};

/** What a manager should ask next, per time bomb (our wording). */
export const NEXT_QUESTIONS: Record<TimeBombId, string> = {
  "high-cac": "Which channels bring customers who repay what it cost to win them, and which spend would we cut first?",
  "inefficient-sales-team": "Which reps have not covered their own cost for several periods, and is the fix coaching, territory or headcount?",
  "partners-leaving": "Which partners stopped bringing us deals, and are they now selling a competitor's product instead?",
  "cost-of-goods": "Where does the margin go: delivery, hosting, discounts or services we give away, and which can we price or cut?",
  "generation-behind": "Which competitor or missing capability keeps costing us deals, and when does the roadmap close that gap?",
  "clogged-funnel": "Which open deals are stale enough to close out or hand over, so reps spend their time on deals that can still close?",
};

export const MAX_EVIDENCE_ROWS = 50;

const RANK: Record<Status, number> = { "NO DATA": -1, OK: 0, WATCH: 1, "TIME BOMB": 2 };

export function worse(a: Status, b: Status): Status {
  return RANK[a] >= RANK[b] ? a : b;
}

export function statusRank(s: Status): number {
  return RANK[s];
}

export function baseBomb(id: TimeBombId, metricName: string, metricFormat: MetricFormat, threshold: number, thresholdText: string): TimeBomb {
  return {
    id,
    name: BOMB_NAMES[id],
    status: "NO DATA",
    metric: NaN,
    metricName,
    metricFormat,
    threshold,
    thresholdText,
    evidence: { facts: [] },
    question: NEXT_QUESTIONS[id],
    notes: [],
  };
}

export function pct(x: number): string {
  return Number.isFinite(x) ? `${Math.round(x * 1000) / 10}%` : "n/a";
}

export function money(x: number): string {
  if (!Number.isFinite(x)) return x === Infinity ? "infinite" : "n/a";
  return Math.round(x).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
