/**
 * Finishing the stage column: spellings of one stage merged, won / lost / open per deal, unknown stages
 * reported (and treated as open), and the open-stage funnel order decided.
 */
import { median } from "../model/stats";
import { OUTCOME_OPEN, OUTCOME_WON, type CategoryColumn } from "./types";
import type { DiagnosticSink, ColumnRef } from "./diagnostics";
import { classifyStage, inferStageOrder, stageDisplayName, stageKey, type OpenStageInfo } from "./stages";

export interface StageResult {
  stage: CategoryColumn;
  outcome: Uint8Array;
  stageOrder: string[];
}

/** Open deals per stage whose created date orders the stages (the first this many of each). */
const AGE_SAMPLE = 100000;

/** Created dates of the first AGE_SAMPLE open deals at each stage: two passes into typed arrays. */
function openAges(codes: Int32Array, outcomeOf: Uint8Array, created: Float64Array, n: number, stages: number): Float64Array[] {
  const size = new Int32Array(stages);
  for (let i = 0; i < n; i++) if (outcomeOf[codes[i]] === OUTCOME_OPEN && size[codes[i]] < AGE_SAMPLE) size[codes[i]]++;
  const out = Array.from(size, (s) => new Float64Array(s));
  const fill = new Int32Array(stages);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (outcomeOf[c] === OUTCOME_OPEN && fill[c] < size[c]) out[c][fill[c]++] = created[i];
  }
  return out;
}

/**
 * Merges stage spellings ("Closed Won", "closedwon"), classifies each stage once and every deal by a
 * code lookup. `codes` (length n) is rewritten in place to the merged labels.
 */
export function finishStages(
  codes: Int32Array, rawLabels: readonly string[], firstRow: readonly number[], n: number, created: Float64Array,
  ref: ColumnRef, sink: DiagnosticSink, userOrder?: readonly string[],
): StageResult {
  const labels: string[] = [];
  const labelFirstRow: number[] = [];
  const byKey = new Map<string, number>();
  const remap = new Int32Array(rawLabels.length);
  rawLabels.forEach((raw, j) => {
    const key = stageKey(raw);
    let to = byKey.get(key);
    if (to === undefined) {
      to = labels.length;
      byKey.set(key, to);
      labels.push(stageDisplayName(raw));
      labelFirstRow.push(firstRow[j]);
    } else if (firstRow[j] < labelFirstRow[to]) labelFirstRow[to] = firstRow[j];
    remap[j] = to;
  });
  const classes = labels.map((l) => classifyStage(l, userOrder));
  const outcomeOf = Uint8Array.from(classes.map((c) => c.outcome));
  const counts = new Int32Array(labels.length);
  const outcome = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = remap[codes[i]];
    codes[i] = c;
    counts[c]++;
    outcome[i] = outcomeOf[c];
  }
  // Deal ages are only needed to order stages that neither the user nor the CRM vocabulary places.
  const needAges = !(userOrder && userOrder.length > 0) && classes.some((cl, j) => counts[j] > 0 && cl.outcome === OUTCOME_OPEN && !cl.known);
  const ages = needAges ? openAges(codes, outcomeOf, created, n, labels.length) : null;
  const open: OpenStageInfo[] = [];
  classes.forEach((cls, j) => {
    if (counts[j] === 0 || cls.outcome !== OUTCOME_OPEN) return;
    if (!cls.known) {
      const why = userOrder && userOrder.length > 0 ? "is not in the stage order you gave" : "is not a stage GTM Compass knows";
      sink.cell(ref, "unknown-stage", "warning", labelFirstRow[j], labels[j],
        () => `Stage "${labels[j]}" ${why} (${counts[j].toLocaleString("en-US")} deal(s)): treated as an open stage. If it means won or lost, rename it (e.g. "Closed Won"); to place it in the funnel, give the stage order.`,
        "other unknown stages treated as open", counts[j]);
    }
    open.push({ label: labels[j], rank: cls.rank, medianCreated: ages ? median(ages[j]) : NaN, firstSeen: labelFirstRow[j] });
  });
  const { order, reason } = inferStageOrder(open, userOrder);
  if (order.length > 0) sink.note("info", "stage-order", `Open stages in funnel order: ${order.join(" → ")} (${reason}).`, ref);
  return { stage: { codes, labels }, outcome, stageOrder: order };
}

/** Without a stage column: a row with a won date is won, any other row is open. */
export function stagesFromWonDate(wonDate: Float64Array, n: number, ref: ColumnRef, sink: DiagnosticSink): StageResult {
  const codes = new Int32Array(n);
  const outcome = new Uint8Array(n);
  let open = 0;
  for (let i = 0; i < n; i++) {
    const won = wonDate[i] === wonDate[i];
    codes[i] = won ? 0 : 1;
    outcome[i] = won ? OUTCOME_WON : OUTCOME_OPEN;
    if (!won) open++;
  }
  sink.note("info", "outcome-from-won-date",
    `No stage column: deals with a date in "${ref.header}" are won (${(n - open).toLocaleString("en-US")}), the others open (${open.toLocaleString("en-US")}).`, ref);
  return { stage: { codes, labels: ["Won", "Open"] }, outcome, stageOrder: open > 0 ? ["Open"] : [] };
}
