/**
 * Finishing the stage column: spellings of one stage merged, won / lost / open per deal, unknown stages
 * reported (and treated as open), and the open-stage funnel order decided. When a status column decides
 * the outcome beside the stage column (or yes/no columns do), each deal's outcome comes from it, open
 * deals keep their funnel stage and closed deals take the status label. Each distinct label is classified
 * once; deals are then a code lookup each.
 */
import { median } from "../model/stats";
// outcome codes from the model itself: through "./types" each read in a loop is a getter call
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON, type CategoryColumn } from "../model/tables";
import type { DiagnosticSink, ColumnRef } from "./diagnostics";
import {
  booleanValue, classifyStage, inferStageOrder, stageDisplayName, stageKey, type DeclaredOutcomes, type OpenStageInfo, type StageClass,
} from "./stages";

export interface StageResult {
  stage: CategoryColumn;
  outcome: Uint8Array;
  stageOrder: string[];
  /** Some value of the deciding column(s) is a stage GTM Compass knows (or the user declared). */
  stageLike: boolean;
  /** Deals whose status said open while their stage said won or lost (the status was used). */
  conflicts: number;
}

/** A raw text column as read: codes per deal, its labels, and the row each label first appeared on. */
export interface RawLabels {
  codes: Int32Array;
  labels: readonly string[];
  firstRow: readonly number[];
  ref: ColumnRef;
}

/** Open deals per stage whose created date orders the stages (the first this many of each). */
const AGE_SAMPLE = 100000;

/** Created dates of the first AGE_SAMPLE open deals at each stage: two passes into typed arrays. */
function openAges(codes: Int32Array, outcome: Uint8Array, created: Float64Array, n: number, stages: number): Float64Array[] {
  const size = new Int32Array(stages);
  for (let i = 0; i < n; i++) if (outcome[i] === OUTCOME_OPEN && size[codes[i]] < AGE_SAMPLE) size[codes[i]]++;
  const out = Array.from(size, (s) => new Float64Array(s));
  const fill = new Int32Array(stages);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    if (outcome[i] === OUTCOME_OPEN && fill[c] < size[c]) out[c][fill[c]++] = created[i];
  }
  return out;
}

/** Merges spellings of one stage ("Closed Won", "closedwon") into `labels`; returns raw code → label index. */
function mergeInto(raw: RawLabels, labels: string[], labelFirstRow: number[], byKey: Map<string, number>): Int32Array {
  const remap = new Int32Array(raw.labels.length);
  raw.labels.forEach((r, j) => {
    const key = stageKey(r);
    let to = byKey.get(key);
    if (to === undefined) {
      to = labels.length;
      byKey.set(key, to);
      labels.push(stageDisplayName(r));
      labelFirstRow.push(raw.firstRow[j] ?? 0);
    } else if ((raw.firstRow[j] ?? 0) < labelFirstRow[to]) labelFirstRow[to] = raw.firstRow[j] ?? 0;
    remap[j] = to;
  });
  return remap;
}

export interface StageColumns {
  /** The stage column (funnel position; also the outcome when nothing else decides). */
  stage?: RawLabels;
  /** A status column that decides the outcome beside the stage column. */
  outcome?: RawLabels;
  /** Yes/no columns that decide the outcome when no text column does. */
  flags?: { won?: RawLabels; closed: RawLabels };
}

/**
 * Classifies each label once and every deal by a code lookup; returns the merged stage labels, the outcome
 * per deal and the open-stage order. `cols.stage.codes` may be rewritten in place.
 */
export function finishStages(
  cols: StageColumns, n: number, created: Float64Array, sink: DiagnosticSink, userOrder?: readonly string[], declared?: DeclaredOutcomes,
): StageResult {
  const labels: string[] = [];
  const labelFirstRow: number[] = [];
  const byKey = new Map<string, number>();
  const stageRemap = cols.stage ? mergeInto(cols.stage, labels, labelFirstRow, byKey) : new Int32Array(0);
  const outRemap = cols.outcome ? mergeInto(cols.outcome, labels, labelFirstRow, byKey) : new Int32Array(0);
  const fixedLabel = (name: string): number => {
    const key = stageKey(name);
    let to = byKey.get(key);
    if (to === undefined) {
      to = labels.length;
      byKey.set(key, to);
      labels.push(name);
      labelFirstRow.push(0);
    }
    return to;
  };
  const flagLabels = cols.flags ? [fixedLabel("Open"), fixedLabel("Won"), fixedLabel("Lost")] : [];
  const classes: StageClass[] = labels.map((l) => classifyStage(l, userOrder, declared));
  const outcomeOf = Uint8Array.from(classes.map((c) => c.outcome));
  const stage = cols.stage;
  const plain = stage !== undefined && !cols.outcome && !cols.flags;
  // The usual table's stage codes are rewritten in place: no second array of a million codes.
  const codes = plain ? stage.codes : new Int32Array(n);
  const outcome = new Uint8Array(n);
  const counts = new Int32Array(labels.length);
  const openCounts = new Int32Array(labels.length);
  let conflicts = 0;
  if (plain) {
    // The usual table: one stage column decides everything.
    for (let i = 0; i < n; i++) {
      const c = stageRemap[codes[i]];
      codes[i] = c;
      counts[c]++;
      const o = outcomeOf[c];
      outcome[i] = o;
      openCounts[c] += +(o === OUTCOME_OPEN);
    }
  } else if (cols.outcome) {
    const oc = cols.outcome.codes;
    const sc = stage ? stage.codes : null;
    for (let i = 0; i < n; i++) {
      const s = sc !== null && sc[i] >= 0 ? stageRemap[sc[i]] : -1;
      const o = oc[i] >= 0 ? outRemap[oc[i]] : -1;
      const so = s >= 0 ? outcomeOf[s] : OUTCOME_OPEN;
      const out = o >= 0 ? outcomeOf[o] : so;
      if (o >= 0 && out === OUTCOME_OPEN && so !== OUTCOME_OPEN) conflicts++;
      outcome[i] = out;
      // open deals keep their funnel stage, closed ones the status label
      codes[i] = out === OUTCOME_OPEN ? (s >= 0 ? s : o) : o >= 0 && outcomeOf[o] === out ? o : s;
    }
  } else if (cols.flags) {
    const closedOf = cols.flags.closed.labels.map((l) => booleanValue(l));
    const wonOf = cols.flags.won ? cols.flags.won.labels.map((l) => booleanValue(l)) : [];
    const cc = cols.flags.closed.codes;
    const wc = cols.flags.won ? cols.flags.won.codes : null;
    const sc = stage ? stage.codes : null;
    for (let i = 0; i < n; i++) {
      const s = sc !== null && sc[i] >= 0 ? stageRemap[sc[i]] : -1;
      const closed = cc[i] >= 0 ? closedOf[cc[i]] : -1;
      const won = wc !== null && wc[i] >= 0 ? wonOf[wc[i]] : -1;
      let out: number;
      if (closed === 1) out = won === 1 ? OUTCOME_WON : OUTCOME_LOST;
      else if (closed === 0) out = OUTCOME_OPEN;
      else if (won === 1) out = OUTCOME_WON;
      else out = s >= 0 ? outcomeOf[s] : OUTCOME_OPEN;
      outcome[i] = out;
      codes[i] = out === OUTCOME_OPEN && s >= 0 ? s : flagLabels[out];
    }
  }

  if (!plain) {
    for (let i = 0; i < n; i++) {
      counts[codes[i]]++;
      openCounts[codes[i]] += +(outcome[i] === OUTCOME_OPEN);
    }
  }
  // Deal ages are only needed to order stages that neither the user nor the CRM vocabulary places.
  const needAges = !(userOrder && userOrder.length > 0) && classes.some((cl, j) => openCounts[j] > 0 && !cl.known);
  const ages = needAges ? openAges(codes, outcome, created, n, labels.length) : null;
  const open: OpenStageInfo[] = [];
  const ref = stage?.ref ?? cols.outcome?.ref ?? cols.flags!.closed.ref;
  classes.forEach((cls, j) => {
    if (openCounts[j] === 0) return;
    if (!cls.known) {
      const why = userOrder && userOrder.length > 0 ? "is not in the stage order you gave" : "is not a stage GTM Compass knows";
      sink.cell(ref, "unknown-stage", "warning", labelFirstRow[j], labels[j],
        () => `Stage "${labels[j]}" ${why} (${openCounts[j].toLocaleString("en-US")} deal(s)): treated as an open stage. If it means won or lost, say so (--won "${labels[j]}" or --lost "${labels[j]}"); to place it in the funnel, give the stage order.`,
        "other unknown stages treated as open", openCounts[j]);
    }
    open.push({ label: labels[j], rank: cls.outcome === OUTCOME_OPEN ? cls.rank : NaN, medianCreated: ages ? median(ages[j]) : NaN, firstSeen: labelFirstRow[j] });
  });
  const { order, reason } = inferStageOrder(open, userOrder);
  if (order.length > 0) sink.note("info", "stage-order", `Open stages in funnel order: ${order.join(" → ")} (${reason}).`, ref);
  const stageLike = cols.flags !== undefined || classes.some((c, j) => c.known && counts[j] > 0) || declared !== undefined;
  return { stage: { codes, labels }, outcome, stageOrder: order, stageLike, conflicts };
}

/** Without a stage column: a row with a won date is won, one with a lost date lost, any other row open. */
export function stagesFromDates(wonDate: Float64Array | null, lostDate: Float64Array | null, n: number, ref: ColumnRef, sink: DiagnosticSink): StageResult {
  const codes = new Int32Array(n);
  const outcome = new Uint8Array(n);
  let won = 0;
  let lost = 0;
  for (let i = 0; i < n; i++) {
    const w = wonDate !== null && wonDate[i] === wonDate[i];
    const l = !w && lostDate !== null && lostDate[i] === lostDate[i];
    const o = w ? OUTCOME_WON : l ? OUTCOME_LOST : OUTCOME_OPEN;
    codes[i] = o === OUTCOME_WON ? 0 : o === OUTCOME_LOST ? 2 : 1;
    outcome[i] = o;
    won += +w;
    lost += +l;
  }
  const open = n - won - lost;
  const lostText = lostDate ? `, those with a lost date lost (${lost.toLocaleString("en-US")})` : "";
  sink.note("info", "outcome-from-won-date",
    `No stage column: deals with a date in "${ref.header}" are won (${won.toLocaleString("en-US")})${lostText}, the others open (${open.toLocaleString("en-US")}).`, ref);
  return { stage: { codes, labels: ["Won", "Open", "Lost"] }, outcome, stageOrder: open > 0 ? ["Open"] : [], stageLike: true, conflicts: 0 };
}
