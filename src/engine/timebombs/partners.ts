/**
 * Time bomb 3 (METHODS §5.3): partner-sourced won revenue in the last complete period against the one before
 * (ours: the prior comparable period is the preceding one), and partners active then but inactive now.
 */
import { OUTCOME_WON } from "../../model/tables";
import { TimeBomb } from "../analysis";
import { AnalysisContext } from "../context";
import { baseBomb, money, pct } from "./common";

const PARTNER = 2; // index of "partner" in SOURCE_KINDS

export function partnersLeaving(ctx: AnalysisContext): TimeBomb {
  const t = ctx.t;
  const bomb = baseBomb("partners-leaving", "Fall in partner-sourced won revenue", "percent", t.partnerRevenueDropBomb, `a fall over ${pct(t.partnerRevenueDropBomb)} (or over ${pct(t.partnersLostShareBomb)} of partners gone quiet) is a TIME BOMB, over ${pct(t.partnerRevenueDropWatch)} WATCH`);
  const d = ctx.deals;
  const sourceKind = d.sourceKind;
  let partnerSourced = false;
  for (let i = 0; i < d.count && !partnerSourced; i++) if (sourceKind[i] === PARTNER) partnerSourced = true;
  if (!ctx.has.partner && !partnerSourced) {
    bomb.notes.push("No partner column and no partner-sourced deals: partner health cannot be measured.");
    return bomb;
  }
  const last = ctx.lastComplete;
  if (last < 1) {
    bomb.notes.push("Fewer than two complete periods: nothing to compare partner revenue with.");
    return bomb;
  }
  const prev = last - 1;
  const L = d.partner.labels.length;
  const activePrev = new Uint8Array(L);
  const activeLast = new Uint8Array(L);
  let revPrev = 0;
  let revLast = 0;
  const lastRows: number[] = [];
  const { outcome, amount, sourceRow } = d;
  const partnerCodes = d.partner.codes;
  const closedP = ctx.closedP;
  const createdP = ctx.createdP;
  for (let i = 0; i < d.count; i++) {
    const code = partnerCodes[i];
    if (code < 0 && sourceKind[i] !== PARTNER) continue;
    const cp = closedP[i];
    const kp = createdP[i];
    if (code >= 0) {
      if (cp === prev || kp === prev) activePrev[code] = 1;
      if (cp === last || kp === last) activeLast[code] = 1;
    }
    const a = amount[i];
    if (outcome[i] === OUTCOME_WON && a === a) {
      if (cp === prev) revPrev += a;
      else if (cp === last) {
        revLast += a;
        if (lastRows.length < 50) lastRows.push(sourceRow[i]);
      }
    }
  }
  const gone: string[] = [];
  let nPrev = 0;
  for (let c = 0; c < L; c++) {
    if (!activePrev[c]) continue;
    nPrev++;
    if (!activeLast[c]) gone.push(d.partner.labels[c]);
  }
  const drop = revPrev > 0 ? 1 - revLast / revPrev : NaN;
  const goneShare = nPrev > 0 ? gone.length / nPrev : NaN;
  const pl = ctx.grid.labels[prev];
  const ll = ctx.grid.labels[last];
  bomb.metric = drop;
  bomb.evidence.periods = [pl, ll];
  bomb.evidence.partners = gone;
  bomb.evidence.rows = lastRows;
  bomb.evidence.sheet = d.sheet;
  if (ctx.has.amount) {
    bomb.evidence.facts.push(`Partner-sourced won revenue: ${money(revPrev)} in ${pl}, ${money(revLast)} in ${ll}${drop === drop ? ` (${drop >= 0 ? "down" : "up"} ${pct(Math.abs(drop))})` : ""}.`);
  } else {
    // revenue of 0 against 0 would be a made-up figure: only the partners going quiet can be measured
    bomb.notes.push("No deal has an amount: partner-sourced revenue is not known, so only partners going quiet is checked.");
  }
  if (nPrev > 0) bomb.evidence.facts.push(`${gone.length} of ${nPrev} partners active in ${pl} had no deal in ${ll}.`);
  if ((revPrev === 0 && nPrev === 0) || (!ctx.has.amount && nPrev === 0)) {
    bomb.notes.push(`No partner activity in ${pl} to compare with.`);
    return bomb;
  }
  const revenueBomb = drop > t.partnerRevenueDropBomb;
  const goneBomb = goneShare > t.partnersLostShareBomb;
  bomb.status = revenueBomb || goneBomb ? "TIME BOMB" : drop > t.partnerRevenueDropWatch ? "WATCH" : "OK";
  // Report the measure that set the status: partners gone quiet can fire while revenue still grows.
  if ((goneBomb && !revenueBomb) || !ctx.has.amount) {
    bomb.evidence.facts.reverse();
    bomb.metric = goneShare;
    bomb.metricName = "Share of partners gone quiet";
    bomb.threshold = t.partnersLostShareBomb;
  }
  return bomb;
}
