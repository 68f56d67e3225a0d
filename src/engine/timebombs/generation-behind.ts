/**
 * Time bomb 5 (METHODS §5.5): the share of losses whose reason names a competitor or a product gap, per
 * complete period, and the win rate against each named competitor over time.
 */
import { OUTCOME_LOST, OUTCOME_WON } from "../../model/tables";
import { TimeBomb } from "../analysis";
import { AnalysisContext } from "../context";
import { baseBomb, pct } from "./common";

/** Loss reasons that point at a competitor or at the product falling short (ours; English CRM wording). */
export const COMPETITIVE_REASON =
  /compet|rival|went with|chose (another|other)|switched|vendor|incumbent|feature|functional|capabilit|product (gap|fit)|missing|lack|outdated|obsolete|behind|roadmap|integration|technolog|not (good|mature) enough/i;
const MAX_COMPETITORS = 10;

export function generationBehind(ctx: AnalysisContext): TimeBomb {
  const t = ctx.t;
  const bomb = baseBomb("generation-behind", "Share of losses to a competitor or product gap", "percent", t.competitiveLossBomb, `over ${pct(t.competitiveLossBomb)} and rising is a TIME BOMB, over ${pct(t.competitiveLossWatch)} WATCH`);
  const d = ctx.deals;
  if (!ctx.has.lossReason && !ctx.has.competitor) {
    bomb.notes.push("No loss-reason or competitor column: why deals are lost is not recorded.");
    return bomb;
  }
  const compLabels = d.competitor.labels;
  const namesCompetitor = compLabels.length ? new RegExp(compLabels.map((l) => l.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).filter((l) => l.length >= 3).join("|") || "$^", "i") : null;
  const reasonIsCompetitive = d.lossReason.labels.map((l) => COMPETITIVE_REASON.test(l) || (namesCompetitor ? namesCompetitor.test(l) : false));
  const P = ctx.grid.labels.length;
  const known = new Float64Array(P);
  const competitive = new Float64Array(P);
  let knownAll = 0;
  let compAll = 0;
  const rows: number[] = [];
  const C = compLabels.length;
  const compWon = new Float64Array(C);
  const compLost = new Float64Array(C);
  const { outcome, sourceRow } = d;
  const compCodes = d.competitor.codes;
  const reasonCodes = d.lossReason.codes;
  const closedP = ctx.closedP;
  for (let i = 0; i < d.count; i++) {
    const o = outcome[i];
    const c = compCodes[i];
    if (c >= 0) {
      if (o === OUTCOME_WON) compWon[c]++;
      else if (o === OUTCOME_LOST) compLost[c]++;
    }
    if (o !== OUTCOME_LOST) continue;
    const r = reasonCodes[i];
    if (r < 0 && c < 0) continue;
    const isComp = c >= 0 || reasonIsCompetitive[r];
    knownAll++;
    if (isComp) compAll++;
    const p = closedP[i];
    if (p >= 0) {
      known[p]++;
      if (isComp) competitive[p]++;
    }
    if (isComp && rows.length < 50) rows.push(sourceRow[i]);
  }
  if (knownAll === 0) {
    bomb.notes.push("No lost deal records a reason or a competitor.");
    return bomb;
  }
  // judge the last complete period with recorded losses against the one before it
  const judged: number[] = [];
  for (let p = ctx.lastComplete; p >= 0 && judged.length < 2; p--) if (known[p] > 0) judged.push(p);
  const share = judged.length ? competitive[judged[0]] / known[judged[0]] : compAll / knownAll;
  const before = judged.length > 1 ? competitive[judged[1]] / known[judged[1]] : NaN;
  const rising = before === before && share > before;
  bomb.metric = share;
  bomb.status = share > t.competitiveLossBomb && rising ? "TIME BOMB" : share > t.competitiveLossWatch ? "WATCH" : "OK";
  bomb.evidence.rows = rows;
  bomb.evidence.sheet = d.sheet;
  if (judged.length) {
    bomb.evidence.periods = judged.map((p) => ctx.grid.labels[p]).reverse();
    bomb.evidence.facts.push(
      `${pct(share)} of losses with a recorded reason in ${ctx.grid.labels[judged[0]]} went to a competitor or a product gap` +
        (before === before ? ` (${pct(before)} in ${ctx.grid.labels[judged[1]]}: ${rising ? "rising" : "not rising"}).` : "."),
    );
  }
  bomb.evidence.facts.push(`Across the data: ${compAll} of ${knownAll} losses with a recorded reason (${pct(compAll / knownAll)}).`);
  if (share > t.competitiveLossBomb && !rising) bomb.notes.push("Above the TIME BOMB share but not rising: WATCH.");

  if (C > 0) {
    const order = Array.from({ length: C }, (_, c) => c)
      .filter((c) => compWon[c] + compLost[c] > 0)
      .sort((a, b) => compWon[b] + compLost[b] - (compWon[a] + compLost[a]))
      .slice(0, MAX_COMPETITORS);
    bomb.evidence.competitors = order.map((c) => compLabels[c]);
    const slot = new Int32Array(C).fill(-1);
    order.forEach((c, j) => (slot[c] = j));
    const wonCP = order.map(() => new Float64Array(P));
    const lostCP = order.map(() => new Float64Array(P));
    for (let i = 0; i < d.count; i++) {
      const c = d.competitor.codes[i];
      const p = ctx.closedP[i];
      if (c < 0 || p < 0 || slot[c] < 0) continue;
      if (d.outcome[i] === OUTCOME_WON) wonCP[slot[c]][p]++;
      else if (d.outcome[i] === OUTCOME_LOST) lostCP[slot[c]][p]++;
    }
    bomb.table = {
      title: "Win rate against each competitor",
      headers: ["Competitor", "Deals", "Win rate", ...ctx.grid.labels],
      formats: ["text", "count", "percent", ...ctx.grid.labels.map(() => "percent" as const)],
      rows: order.map((c, j) => [
        compLabels[c],
        compWon[c] + compLost[c],
        compWon[c] / (compWon[c] + compLost[c]),
        ...ctx.grid.labels.map((_, p) => (wonCP[j][p] + lostCP[j][p] > 0 ? wonCP[j][p] / (wonCP[j][p] + lostCP[j][p]) : NaN)),
      ]),
    };
  }
  return bomb;
}
