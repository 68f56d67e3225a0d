/** Time bomb 4 (METHODS §5.4): gross margin from the inputs sheet against the Bessemer lines. */
import { TimeBomb } from "../analysis";
import { AnalysisContext } from "../context";
import { baseBomb, pct } from "./common";

export function costOfGoods(ctx: AnalysisContext): TimeBomb {
  const t = ctx.t;
  const bomb = baseBomb("cost-of-goods", "Gross margin", "percent", t.grossMarginBomb, `gross margin under ${pct(t.grossMarginBomb)} is a TIME BOMB, under ${pct(t.grossMarginWatch)} WATCH`);
  const inputs = ctx.data.inputs;
  const perPeriod = (inputs?.periods ?? []).filter((p) => p.grossMargin !== undefined && Number.isFinite(p.grossMargin));
  const latest = perPeriod.length ? perPeriod[perPeriod.length - 1] : undefined;
  const margin = latest?.grossMargin ?? inputs?.grossMargin;
  if (margin === undefined || !Number.isFinite(margin)) {
    bomb.notes.push("Give the gross margin on the inputs sheet: the pipeline itself does not hold cost of goods.");
    return bomb;
  }
  bomb.metric = margin;
  bomb.status = margin < t.grossMarginBomb ? "TIME BOMB" : margin < t.grossMarginWatch ? "WATCH" : "OK";
  bomb.evidence.facts.push(latest ? `Gross margin ${pct(margin)} in ${latest.period} (the latest period given).` : `Gross margin ${pct(margin)} (from the inputs sheet).`);
  if (perPeriod.length > 1) {
    bomb.evidence.periods = perPeriod.filter((p) => (p.grossMargin as number) < t.grossMarginWatch).map((p) => p.period);
    bomb.table = {
      title: "Gross margin per period",
      headers: ["Period", "Gross margin"],
      formats: ["text", "percent"],
      rows: perPeriod.map((p) => [p.period, p.grossMargin as number]),
    };
  }
  return bomb;
}
