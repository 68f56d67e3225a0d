/**
 * The deals' stage history, in the three shapes it comes in: date-entered / date-exited columns on the
 * deals table (HubSpot), a table of changes or snapshots joined on the deal id (Salesforce
 * OpportunityHistory, the dbt packages' history tables, audit exports), or none (the deals' current stages
 * only, as before). Either shape ends as one model table (model/tables.ts `StageHistory`): entries grouped
 * by deal and ordered by date, stage labels spelled as on the deals table, open stages in funnel order.
 */
import type { Table } from "./table";
import {
  OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON, type Deals, type FieldMapping, type PipelineData,
  type StageHistory,
} from "./types";
import { DiagnosticSink } from "./diagnostics";
import { compactParts, sortWithinDeals, type HistoryParts } from "./history-parts";
import { classifyStage, stageDisplayName, stageKey } from "./stages";
import { compactKey } from "./text";
import { readHistoryColumns } from "./history-columns";
import { readHistoryTable } from "./history-table";

export interface HistoryOptions {
  history?: Table;
  /** Open stages in funnel order from the user (or the inputs sheet). */
  stageOrder?: readonly string[];
  /** Stage words the user declared won or lost. */
  outcomes?: { won?: string[]; lost?: string[] };
}

/** The deals table as the history needs it: its grid, header row and how its headers were mapped. */
export interface DealsSheet {
  grid: Table;
  headerIndex: number;
  headers: readonly string[];
  mapping: readonly FieldMapping[];
}

/**
 * Reads the stage history (a history table when given, else history columns on the deals table) and
 * attaches it to `data` with its diagnostics. Throws PipelineError when a given history table cannot be
 * used at all (no deal id, stage or date column; no row matching a deal).
 */
export function attachHistory(data: PipelineData, deals: DealsSheet, options: HistoryOptions): void {
  let parts: HistoryParts | null;
  let mapping: FieldMapping[] | undefined;
  const columnsSink = new DiagnosticSink(deals.grid.name);
  const columns = readHistoryColumns(data.deals, deals, columnsSink, data.dateFormats);
  if (options.history) {
    const t = readHistoryTable(options.history, data.deals, data.dateFormats, data.warnings);
    parts = t.parts;
    mapping = t.mapping;
    if (columns) columnsSink.note("info", "history-columns-unused", `The deals table also has ${columns.columns.length} date-entered / date-exited column(s); the history table given is used instead.`);
  } else {
    parts = columns ? columns.parts : null;
  }
  if (columns) {
    // the history columns are used (or deliberately passed over): they are not "unmatched" headers
    const used = new Set(columns.columns);
    data.diagnostics = data.diagnostics.filter((x) => !(x.reason === "unmapped-header" && x.sheet === deals.grid.name && x.header !== undefined && used.has(x.header)));
  }
  if (parts) {
    data.history = finishHistory(parts, data.deals, options);
    if (mapping) data.historyMapping = mapping;
    data.diagnostics.push(...parts.sink.finish());
  }
  if (parts?.sink !== columnsSink) data.diagnostics.push(...columnsSink.finish());
}

/** Merges stage spellings with the deals table's, puts each deal's entries in date order, fills the model table. */
export function finishHistory(p: HistoryParts, deals: Deals, options: HistoryOptions): StageHistory {
  const stage = mergeLabels(p, deals, options);
  const codes = p.stageCodes;
  for (let k = 0; k < p.count; k++) {
    const c = codes[k];
    codes[k] = c < 0 ? -1 : stage.remap[c];
  }
  sortWithinDeals(p);
  if (carryStages(p) < p.count) compactParts(p, deals.count);
  const m = p.count;
  const h: StageHistory = {
    shape: p.shape,
    count: m,
    sheet: p.sheet,
    sourceRow: p.sourceRow,
    deal: p.deal,
    dealStart: p.dealStart,
    stage: { codes: p.stageCodes, labels: stage.labels },
    stageOutcome: stage.outcome,
    stageOrder: [],
    date: p.date,
    exited: p.exited,
    amount: p.amount,
    closeDate: p.closeDate,
  };
  const o = stageOrderOf(h, options.stageOrder, deals);
  h.stageOrder = o.order;
  if (o.order.length > 0) p.sink.note("info", "history-stage-order", `Stage history: open stages in funnel order ${o.order.join(" → ")} (${o.reason}).`, p.stageRef);
  reportUnknownStages(h, stage.known, stage.firstRow, p, options);
  const dealsWith = countDealsWithHistory(h, deals.count);
  p.sink.note("info", "history", `Stage history (${p.shape === "columns" ? "date-entered columns on the deals table" : "a table of changes"}): ${m.toLocaleString("en-US")} entries for ${dealsWith.toLocaleString("en-US")} of ${deals.count.toLocaleString("en-US")} deals.`);
  return h;
}

interface MergedLabels {
  labels: string[];
  outcome: Uint8Array;
  /** Raw label code -> merged code. */
  remap: Int32Array;
  /** Per merged label: a known stage (on the deals table, in the CRM vocabulary or the user's order). */
  known: boolean[];
  firstRow: number[];
}

/**
 * The deals table's stage labels come first, with the outcome the deals table gave them; a history label
 * meaning the same stage ("closedwon" = "Closed Won") takes that spelling; others get their display name.
 */
function mergeLabels(p: HistoryParts, deals: Deals, options: HistoryOptions): MergedLabels {
  const labels = deals.stage.labels.slice();
  const outcome: number[] = labels.map(() => -1);
  for (let i = 0; i < deals.count; i++) {
    const c = deals.stage.codes[i];
    if (c >= 0 && outcome[c] < 0) outcome[c] = deals.outcome[i];
  }
  const known = labels.map(() => true);
  const firstRow = labels.map(() => 0);
  const byKey = new Map<string, number>();
  labels.forEach((l, i) => {
    const k = stageKey(l);
    if (!byKey.has(k)) byKey.set(k, i);
    if (outcome[i] < 0) outcome[i] = classifyStage(l, options.stageOrder).outcome;
  });
  const won = new Set((options.outcomes?.won ?? []).map(compactKey));
  const lost = new Set((options.outcomes?.lost ?? []).map(compactKey));
  const remap = new Int32Array(p.rawLabels.length);
  p.rawLabels.forEach((raw, j) => {
    const k = stageKey(raw);
    let to = byKey.get(k);
    if (to === undefined) {
      to = labels.length;
      byKey.set(k, to);
      const label = stageDisplayName(raw);
      labels.push(label);
      const cls = classifyStage(label, options.stageOrder);
      outcome.push(won.has(k) ? OUTCOME_WON : lost.has(k) ? OUTCOME_LOST : cls.outcome);
      known.push(cls.known || won.has(k) || lost.has(k));
      firstRow.push(p.labelFirstRow[j] ?? 0);
    } else if (firstRow[to] === 0 || (p.labelFirstRow[j] ?? 0) < firstRow[to]) firstRow[to] = p.labelFirstRow[j] ?? 0;
    remap[j] = to;
  });
  return { labels, outcome: Uint8Array.from(outcome), remap, known, firstRow };
}

/**
 * A blank stage on a row that changes the amount or close date keeps the deal's previous stage (audit
 * exports list one changed field per row). Entries before a deal's first stage are marked for removal
 * (deal -1) and reported. Returns the number of entries kept.
 */
function carryStages(p: HistoryParts): number {
  let kept = 0;
  const codes = p.stageCodes;
  for (let d = 0; d + 1 < p.dealStart.length; d++) {
    let prev = -1;
    for (let j = p.dealStart[d]; j < p.dealStart[d + 1]; j++) {
      if (codes[j] >= 0) prev = codes[j];
      else if (prev >= 0) codes[j] = prev;
      else {
        p.deal[j] = -1;
        const row = p.sourceRow[j];
        p.sink.cell(p.stageRef, "no-stage", "warning", row, "", () => `Row ${row} has no stage, and no earlier row of its deal says which stage it was in: not used.`, "history rows without a stage not used");
        continue;
      }
      kept++;
    }
  }
  return kept;
}

function countDealsWithHistory(h: StageHistory, deals: number): number {
  let n = 0;
  for (let d = 0; d < deals; d++) if (h.dealStart[d + 1] > h.dealStart[d]) n++;
  return n;
}

/** Widest set of open stages ordered by pairwise precedence (beyond it, by mean position alone). */
const MAX_PAIRWISE_STAGES = 200;

/**
 * Open stages (with an entry) in funnel order: the user's order (stages it does not list after it); else,
 * when every one is a stage of the usual CRM pipelines, their usual order; else from the history itself:
 * a stage comes before another when more deals entered it first (ties by the mean position of the stage in
 * the deals' paths, then by first appearance).
 */
export function stageOrderOf(h: StageHistory, userOrder?: readonly string[], deals?: Deals): { order: string[]; reason: string } {
  const L = h.stage.labels.length;
  const entries = new Int32Array(L);
  const codes = h.stage.codes;
  for (let j = 0; j < h.count; j++) entries[codes[j]]++;
  // a deal with history now in a stage no entry names gets that stage as its last step: it needs a place too
  const current = new Uint8Array(L);
  if (deals) {
    for (let d = 0; d < deals.count; d++) {
      const c = deals.stage.codes[d];
      if (c >= 0 && c < L && h.dealStart[d + 1] > h.dealStart[d]) current[c] = 1;
    }
  }
  const open: number[] = [];
  for (let c = 0; c < L; c++) if ((entries[c] > 0 || current[c] === 1) && h.stageOutcome[c] === OUTCOME_OPEN) open.push(c);
  if (open.length === 0) return { order: [], reason: "no open stage in the history" };
  const labelOf = (c: number) => h.stage.labels[c];
  const byHistory = () => precedenceOrder(h, open);
  if (userOrder && userOrder.length > 0) {
    const pos = new Map(userOrder.map((s, i) => [compactKey(s), i]));
    const listed = open.filter((c) => pos.has(compactKey(labelOf(c)))).sort((a, b) => pos.get(compactKey(labelOf(a)))! - pos.get(compactKey(labelOf(b)))!);
    const rest = byHistory().filter((c) => !pos.has(compactKey(labelOf(c))));
    return {
      order: [...listed, ...rest].map(labelOf),
      reason: rest.length > 0 ? `stage order as given; stages it does not list follow, in the order deals entered them: ${rest.map(labelOf).join(", ")}` : "stage order as given",
    };
  }
  const ranks = open.map((c) => classifyStage(labelOf(c)).rank);
  if (ranks.every((r) => r === r)) {
    const order = open.map((c, i) => ({ c, r: ranks[i] })).sort((a, b) => a.r - b.r).map((x) => labelOf(x.c));
    return { order, reason: "the usual order of these CRM stages" };
  }
  return { order: byHistory().map(labelOf), reason: "from the history: a stage comes before another when more deals entered it first" };
}

/** Open stages ordered by how often deals entered each before each other one (Copeland count). */
function precedenceOrder(h: StageHistory, open: number[]): number[] {
  const L = h.stage.labels.length;
  const slot = new Int32Array(L).fill(-1);
  open.forEach((c, i) => (slot[c] = i));
  const S = open.length;
  const pairwise = S <= MAX_PAIRWISE_STAGES;
  const before = pairwise ? new Float64Array(S * S) : null;
  const posSum = new Float64Array(S);
  const posCount = new Float64Array(S);
  const firstSeen = new Float64Array(S).fill(Infinity);
  const seen = new Int32Array(S).fill(-1);
  const path: number[] = [];
  for (let d = 0; d + 1 < h.dealStart.length; d++) {
    path.length = 0;
    for (let j = h.dealStart[d]; j < h.dealStart[d + 1]; j++) {
      const s = slot[h.stage.codes[j]];
      if (s < 0) continue;
      if (h.sourceRow[j] < firstSeen[s]) firstSeen[s] = h.sourceRow[j];
      if (seen[s] === d) continue;
      seen[s] = d;
      posSum[s] += path.length;
      posCount[s]++;
      path.push(s);
    }
    if (before) for (let a = 0; a < path.length; a++) for (let b = a + 1; b < path.length; b++) before[path[a] * S + path[b]]++;
  }
  const score = new Float64Array(S);
  if (before) {
    for (let a = 0; a < S; a++) {
      for (let b = 0; b < S; b++) {
        if (a !== b) score[a] += Math.sign(before[a * S + b] - before[b * S + a]);
      }
    }
  }
  const mean = (s: number) => (posCount[s] > 0 ? posSum[s] / posCount[s] : Infinity);
  // stages no entry names (a deal's current stage only) have no precedence to go by: they come last
  const none = (s: number) => (posCount[s] > 0 ? 0 : 1);
  return open
    .map((c, s) => ({ c, s }))
    .sort((x, y) => none(x.s) - none(y.s) || score[y.s] - score[x.s] || mean(x.s) - mean(y.s) || firstSeen[x.s] - firstSeen[y.s])
    .map((x) => x.c);
}

/** History-only open stages that are neither known CRM stages nor in the user's order: reported once each. */
function reportUnknownStages(h: StageHistory, known: boolean[], firstRow: number[], p: HistoryParts, options: HistoryOptions): void {
  const entries = new Int32Array(h.stage.labels.length);
  for (let j = 0; j < h.count; j++) entries[h.stage.codes[j]]++;
  h.stage.labels.forEach((label, c) => {
    if (known[c] || entries[c] === 0 || h.stageOutcome[c] !== OUTCOME_OPEN) return;
    const why = options.stageOrder && options.stageOrder.length > 0 ? "is not in the stage order you gave" : "is not a stage GTM Compass knows, and no deal is in it now";
    p.sink.cell(p.stageRef, "unknown-stage", "warning", firstRow[c], label,
      () => `Stage "${label}" in the history ${why} (${entries[c].toLocaleString("en-US")} entries): treated as an open stage, placed in the funnel by the order deals entered it. If it means won or lost, rename it (e.g. "Closed Won").`,
      "other unknown history stages treated as open", entries[c]);
  });
}
