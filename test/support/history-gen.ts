/**
 * A seeded generator of deal histories as CRMs record them: deals that advance, skip stages, move back, change
 * amount, have their close dates pushed out and pulled in, win, lose, and now and then reopen. Gives the deal
 * rows and history rows for engine tests, and the same as sheets (a HubSpot-style deals sheet with
 * date-entered columns, an OpportunityHistory-style table) for pipeline tests.
 */
import type { SheetGrid } from "../../src/pipeline/types";
import { DealRow, serial } from "./deals-builder";
import { HistoryRow } from "./history-builder";
import { mulberry32 } from "../../src/cli/sample";

export const OPEN_STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation"];
export const WON = "Closed Won";
export const LOST = "Closed Lost";
const REPS = ["Ann", "Bob", "Cy", "Dee"];

/** The product's one seeded PRNG (src/cli/sample.ts). */
export const prng = mulberry32;

export interface GeneratedHistory {
  deals: DealRow[];
  history: HistoryRow[];
  /** The last day any event happens (an as-of date that covers everything). */
  lastDay: number;
}

export interface GenOptions {
  deals?: number;
  /** No stage entered twice and no reopening (what date-entered columns can represent). */
  noReentry?: boolean;
  /** Probability that a step moves the close date. */
  slip?: number;
}

export function generateHistory(seed: number, opts: GenOptions = {}): GeneratedHistory {
  const rnd = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const base = serial("2023-01-01");
  const n = opts.deals ?? int(5, 60);
  const slip = opts.slip ?? 0.25;
  const deals: DealRow[] = [];
  const history: HistoryRow[] = [];
  let lastDay = base;
  for (let d = 0; d < n; d++) {
    let day = base + int(0, 400);
    const created = day;
    let amount = Math.round((100 + rnd() * 9900) * 100) / 100;
    let close = day + int(20, 150);
    let stage = rnd() < 0.8 ? 0 : 1;
    const visited = new Set<number>([stage]);
    let outcome: "open" | "won" | "lost" = "open";
    let closedAt = NaN;
    history.push({ deal: d, stage: OPEN_STAGES[stage], date: day, amount, closeDate: close });
    const steps = int(0, 8);
    for (let k = 0; k < steps; k++) {
      day += int(1, 30);
      const u = rnd();
      if (outcome !== "open") {
        if (opts.noReentry || u > 0.1) break;
        // reopened
        outcome = "open";
        stage = int(0, 2);
        history.push({ deal: d, stage: OPEN_STAGES[stage], date: day });
        continue;
      }
      if (u < 0.12) {
        outcome = "won";
        closedAt = day;
        history.push({ deal: d, stage: WON, date: day, amount, closeDate: day });
      } else if (u < 0.24) {
        outcome = "lost";
        closedAt = day;
        history.push({ deal: d, stage: LOST, date: day, closeDate: day });
      } else if (u < 0.24 + slip) {
        close += rnd() < 0.8 ? int(5, 60) : -int(1, 30);
        history.push({ deal: d, stage: OPEN_STAGES[stage], date: day, closeDate: close });
      } else if (u < 0.44 + slip) {
        amount = Math.round(amount * (0.6 + rnd() * 0.8) * 100) / 100;
        history.push({ deal: d, stage: OPEN_STAGES[stage], date: day, amount });
      } else {
        // move: mostly forward (sometimes skipping), sometimes back
        const back = rnd() < 0.2 && stage > 0;
        let to = back ? int(0, stage - 1) : Math.min(OPEN_STAGES.length - 1, stage + int(1, 2));
        if (to === stage) continue;
        if (opts.noReentry && visited.has(to)) {
          to = OPEN_STAGES.findIndex((_, i) => i > stage && !visited.has(i));
          if (to < 0) continue;
        }
        stage = to;
        visited.add(to);
        history.push({ deal: d, stage: OPEN_STAGES[stage], date: day });
      }
    }
    lastDay = Math.max(lastDay, day);
    deals.push({
      id: `OPP-${seed}-${d}`,
      stage: outcome === "won" ? WON : outcome === "lost" ? LOST : OPEN_STAGES[stage],
      outcome,
      amount,
      created,
      closed: outcome === "open" ? null : closedAt,
      owner: REPS[int(0, REPS.length - 1)],
    });
  }
  return { deals, history, lastDay };
}

/** The deals as a HubSpot-style export sheet, with one date-entered column per stage when asked. */
export function dealsSheet(g: GeneratedHistory, withColumns: boolean): SheetGrid {
  const stages = [...OPEN_STAGES, WON, LOST];
  const header = ["Deal ID", "Deal Stage", "Amount", "Create Date", "Close Date", "Deal owner", ...(withColumns ? stages.map((s) => `Date entered "${s} (Sales Pipeline)"`) : [])];
  const rows = g.deals.map((d, i) => {
    const entered = stages.map((s) => {
      const e = g.history.find((h) => h.deal === i && h.stage === s);
      return e ? e.date : "";
    });
    return [d.id, d.stage, d.amount, d.created, d.closed ?? "", d.owner, ...(withColumns ? entered : [])];
  });
  return { name: "Deals", values: [header, ...rows] };
}

/** The history as a Salesforce OpportunityHistory export (the stage on every row, amount and close date carried). */
export function opportunityHistorySheet(g: GeneratedHistory): SheetGrid {
  const rows: unknown[][] = [];
  const state = new Map<number, { stage: string; amount: number; close: number }>();
  for (const h of g.history) {
    const s = state.get(h.deal) ?? { stage: h.stage, amount: NaN, close: NaN };
    s.stage = h.stage;
    if (typeof h.amount === "number") s.amount = h.amount;
    if (typeof h.closeDate === "number") s.close = h.closeDate;
    state.set(h.deal, s);
    rows.push([g.deals[h.deal].id, h.date, s.stage, s.amount, s.close]);
  }
  return { name: "OpportunityHistory", values: [["OpportunityId", "CreatedDate", "StageName", "Amount", "CloseDate"], ...rows] };
}
