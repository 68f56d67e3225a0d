/** Time bomb 1 (METHODS §5.1): the CAC flag of the latest period with spend, plus CAC rising periods running. */
import { CacAnalysis, Status, TimeBomb } from "../analysis";
import { AnalysisContext } from "../context";
import { baseBomb, money, worse } from "./common";

export function highCac(ctx: AnalysisContext, cac: CacAnalysis): TimeBomb {
  const t = ctx.t;
  const bomb = baseBomb("high-cac", "CAC payback (months)", "months", t.paybackWatchMonths, `payback over ${t.paybackWatchMonths} months is a TIME BOMB, over ${t.paybackHealthyMonths} WATCH`);
  if (!cac.available || cac.periods.length === 0) {
    bomb.notes.push("Give marketing and sales spend per period on the inputs sheet to check acquisition cost.");
    return bomb;
  }
  // judge the latest complete period with spend; fall back to the latest with spend
  const complete = new Set(ctx.grid.labels.filter((_, p) => ctx.grid.complete[p]));
  const judged = [...cac.periods].reverse().find((r) => complete.has(r.period) && r.flag !== "NO DATA") ?? [...cac.periods].reverse().find((r) => r.flag !== "NO DATA");
  let status: Status = judged ? (judged.flag === "HEALTHY" ? "OK" : (judged.flag as Status)) : "NO DATA";
  if (judged) {
    bomb.evidence.facts.push(`${judged.period}: spend ${money(judged.spend)}, ${judged.newCustomers} new customer(s), CAC ${money(judged.cac)}. ${judged.reason}`);
    if (Number.isFinite(judged.paybackMonths)) {
      bomb.metric = judged.paybackMonths;
    } else if (Number.isFinite(judged.ltvToCac)) {
      bomb.metric = judged.ltvToCac;
      bomb.metricName = "LTV:CAC";
      bomb.metricFormat = "ratio";
      bomb.threshold = t.ltvCacWatch;
      bomb.thresholdText = `LTV:CAC under ${t.ltvCacWatch} is a TIME BOMB, under ${t.ltvCacHealthy} WATCH`;
    } else {
      bomb.metric = judged.cac;
      bomb.metricName = "CAC";
      bomb.metricFormat = "currency";
      bomb.threshold = NaN;
      bomb.thresholdText = "spend that finds no new customer is a TIME BOMB";
    }
  }
  const bad = cac.periods.filter((r) => r.flag === "WATCH" || r.flag === "TIME BOMB").map((r) => r.period);
  bomb.evidence.periods = bad;

  // CAC rising `cacRisingPeriods` periods running (each period above the one before)
  const run = Math.max(1, Math.round(t.cacRisingPeriods));
  const series = cac.periods.filter((r) => Number.isFinite(r.cac));
  let rising = 0;
  let best = 0;
  let bestEnd = -1;
  for (let j = 1; j < series.length; j++) {
    rising = series[j].cac > series[j - 1].cac ? rising + 1 : 0;
    if (rising > best) {
      best = rising;
      bestEnd = j;
    }
  }
  const endsNow = series.length > 0 && rising >= run;
  if (endsNow) {
    status = worse(status, "WATCH");
    const from = series[series.length - 1 - rising].period;
    bomb.evidence.facts.push(`CAC has risen ${rising} period(s) running, from ${from} to ${series[series.length - 1].period}.`);
  } else if (best >= run && bestEnd >= 0) {
    bomb.evidence.facts.push(`CAC rose ${best} periods running up to ${series[bestEnd].period}, but not in the latest period.`);
  }
  bomb.status = status;
  bomb.table = {
    title: "CAC per period",
    headers: ["Period", "Spend", "New customers", "CAC", "Payback (months)", "LTV:CAC", "Flag"],
    formats: ["text", "currency", "count", "currency", "months", "ratio", "text"],
    rows: cac.periods.map((r) => [r.period, r.spend, r.newCustomers, r.cac, r.paybackMonths, r.ltvToCac, r.flag]),
  };
  return bomb;
}
