/**
 * Which column says won / lost / open, decided by content rather than by column order. A table may carry
 * several stage-like columns (Pipedrive's "Deal - Stage" and "Deal - Status", Dynamics 365's "Status" and
 * "Status Reason", Salesforce's "Stage" beside its "Won" / "Closed" checkboxes): the column whose values
 * separate won from lost decides the outcome, a stage-named column gives open deals their funnel stage, and
 * the rest (won and lost dates, yes/no columns, a probability of 100 / 0) are evidence, used to check the
 * choice and to read outcome words no vocabulary knows.
 *
 * It looks at a sample of rows (all rows up to SAMPLE_ROWS), classifying each distinct value once: the cost
 * does not grow with the sheet, and a table with a single stage column is not looked at at all.
 */
import type { FieldMapping, OutcomeDecision } from "./types";
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import { CANONICAL_FIELDS } from "./fields";
import { AUTO_MAP_CONFIDENCE, isHelperHeader, scoreHeader } from "./headers";
import { booleanValue, classifyStage, type DeclaredOutcomes } from "./stages";
import { compactKey, shortText } from "./text";
import { cellNumber, isBlankCell, isErrorText } from "./values";
import type { Table } from "./table";

/** Rows looked at: every row of a smaller table, an even spread of a larger one. */
export const SAMPLE_ROWS = 10000;

const STAGE_FIELD = CANONICAL_FIELDS.find((f) => f.name === "stage")!;
const OUTCOME_FIELD = CANONICAL_FIELDS.find((f) => f.name === "outcome")!;

/** Per-row class in the sample: -1 blank, else OUTCOME_OPEN / OUTCOME_WON / OUTCOME_LOST. */
type RowClass = Int8Array;

export interface ColumnProfile {
  column: number;
  header: string;
  /** Distinct values in the sample, most frequent first. */
  values: { value: string; count: number; outcome: number; known: boolean; inferred?: boolean }[];
  filled: number;
  won: number;
  lost: number;
  openKnown: number;
  unknown: number;
  /** Cells that read as yes / no. */
  yesNo: number;
  /** The header names a stage (rather than a status). */
  stageNamed: boolean;
  rows: RowClass;
}

export interface OutcomeChoice {
  /** 0-based grid column of the stage labels; -1 none. */
  stage: number;
  /** 0-based grid column deciding the outcome when it is not the stage column; -1 none. */
  outcome: number;
  /** Yes/no columns deciding the outcome (when no text column separates won from lost); -1 none. */
  isWon: number;
  isClosed: number;
  /** The mapping with stage / outcome / isWon / isClosed revised by content. */
  mapping: FieldMapping[];
  decision?: OutcomeDecision;
  /** Unknown outcome values read as won or lost from the evidence columns (e.g. every "Gewonnen" row has a won date). */
  inferred: { won: string[]; lost: string[] };
  /** Stage-like columns whose values say won / lost but disagree with the choice: for a loud warning. */
  unused: { header: string; field: "stage" | "outcome"; disagree: number; compared: number }[];
  /** Evidence (won / lost dates, yes/no columns, probability) that disagrees with the chosen outcome. */
  conflicts: { header: string; disagree: number; compared: number }[];
  /** The profile of the column read as the outcome (for the task pane's value list). */
  profile?: ColumnProfile;
  /** The profile covers only part of the column. */
  sampled: boolean;
}

function sampleRows(start: number, end: number): { rows: Int32Array; sampled: boolean } {
  const n = Math.max(0, end - start);
  const size = Math.min(n, SAMPLE_ROWS);
  const step = n / size;
  const rows = new Int32Array(size);
  for (let i = 0; i < size; i++) rows[i] = start + Math.floor(i * step);
  return { rows, sampled: n > SAMPLE_ROWS };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return shortText(v).slice(0, 10);
  return String(v);
}

/** Distinct values of one column over the sample rows, each classified once; one lookup per row. */
export function profileColumn(t: Table, rows: Int32Array, column: number, header: string, declared?: DeclaredOutcomes, stageOrder?: readonly string[]): ColumnProfile {
  const index = new Map<string, number>();
  const labels: string[] = [];
  const counts: number[] = [];
  const codes = new Int32Array(rows.length).fill(-1);
  let lastRaw: unknown;
  let lastCode = -1;
  for (let i = 0; i < rows.length; i++) {
    const raw = t.cell(rows[i], column);
    let c: number;
    if (raw === lastRaw && i > 0) c = lastCode;
    else {
      const t = cellText(raw);
      if (t === "" || (t.charCodeAt(0) === 35 && isErrorText(t))) c = -1;
      else {
        const got = index.get(t);
        if (got === undefined) {
          c = labels.length;
          index.set(t, c);
          labels.push(t);
          counts.push(0);
        } else c = got;
      }
      lastRaw = raw;
      lastCode = c;
    }
    codes[i] = c;
    if (c >= 0) counts[c]++;
  }
  const prof: ColumnProfile = {
    column, header, values: [], filled: 0, won: 0, lost: 0, openKnown: 0, unknown: 0, yesNo: 0,
    stageNamed: (scoreHeader(header, STAGE_FIELD)?.confidence ?? 0) >= AUTO_MAP_CONFIDENCE,
    rows: new Int8Array(rows.length).fill(-1),
  };
  const outcomeOf = new Int8Array(labels.length);
  labels.forEach((value, j) => {
    const count = counts[j];
    const cls = classifyStage(value, stageOrder, declared);
    outcomeOf[j] = cls.outcome;
    prof.values.push({ value, count, outcome: cls.outcome, known: cls.known });
    prof.filled += count;
    if (cls.outcome === OUTCOME_WON) prof.won += count;
    else if (cls.outcome === OUTCOME_LOST) prof.lost += count;
    else if (cls.known) prof.openKnown += count;
    else prof.unknown += count;
    if (booleanValue(value) >= 0) prof.yesNo += count;
  });
  prof.values.sort((a, b) => b.count - a.count);
  for (let i = 0; i < rows.length; i++) if (codes[i] >= 0) prof.rows[i] = outcomeOf[codes[i]];
  return prof;
}

/** Per sample row: 1 yes, 0 no, -1 blank or not a yes/no. */
function yesNoRows(t: Table, rows: Int32Array, column: number): Int8Array {
  const out = new Int8Array(rows.length).fill(-1);
  const memo = new Map<string, 1 | 0 | -1>();
  for (let i = 0; i < rows.length; i++) {
    const text = cellText(t.cell(rows[i], column));
    if (text === "") continue;
    let b = memo.get(text);
    if (b === undefined) {
      b = booleanValue(text);
      memo.set(text, b);
    }
    out[i] = b;
  }
  return out;
}

function filledRows(t: Table, rows: Int32Array, column: number): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = isBlankCell(t.cell(rows[i], column)) ? 0 : 1;
  return out;
}

export interface OutcomeInputs {
  table: Table;
  /** 0-based index of the header row and one past the last data row. */
  headerIndex: number;
  end: number;
  headers: readonly string[];
  mapping: readonly FieldMapping[];
  /** Fields the user mapped (a header, or declared absent). */
  userFields: ReadonlySet<string>;
  declared?: DeclaredOutcomes;
  stageOrder?: readonly string[];
  /** Rows to skip when sampling (report rows of a formatted export); null = none. */
  skip?: Uint8Array | null;
  /**
   * The reader's case: with one stage-like column and no evidence column there is nothing to decide, so the
   * column is not profiled (the task pane's inspection, which lists the values, always profiles).
   */
  lazy?: boolean;
}

const n0 = (x: number) => x.toLocaleString("en-US");

/**
 * Decides the stage and outcome columns. With a single stage-like column and no yes/no columns this only
 * profiles that column's sample (for the value list); with several it compares them.
 */
export function chooseOutcome(inp: OutcomeInputs): OutcomeChoice {
  const { table: t, headers, mapping, userFields, declared } = inp;
  const colOf = (f: string) => mapping.find((m) => m.field === f)?.column ?? -1;
  const taken = new Set(mapping.filter((m) => !["stage", "outcome"].includes(m.field)).map((m) => m.column));
  const sample = sampleRows(inp.headerIndex + 1, inp.end);
  let rows = sample.rows;
  if (inp.skip) rows = rows.filter((r) => inp.skip![r] === 0);

  // Candidates: the mapped stage / outcome columns, then any other header named like one (unless the user fixed both).
  const cand: number[] = [];
  for (const f of ["stage", "outcome"]) {
    const c = colOf(f);
    if (c >= 0 && !cand.includes(c)) cand.push(c);
  }
  const userStage = userFields.has("stage");
  const userOutcome = userFields.has("outcome");
  // Other stage-like headers are looked at too: as candidates, or (when the user fixed both) as evidence.
  headers.forEach((h, c) => {
    if (!h || cand.includes(c) || taken.has(c) || isHelperHeader(h)) return;
    const s = Math.max(scoreHeader(h, STAGE_FIELD)?.confidence ?? 0, scoreHeader(h, OUTCOME_FIELD)?.confidence ?? 0);
    if (s >= AUTO_MAP_CONFIDENCE) cand.push(c);
  });
  const selectable = (c: number) => !(userStage && userOutcome) || c === colOf("stage") || c === colOf("outcome");
  const evidenceCols = ["isWon", "isClosed", "wonDate", "lostDate", "probability"].filter((f) => colOf(f) >= 0);
  if (inp.lazy && cand.length === 1 && evidenceCols.length === 0) {
    return {
      stage: cand[0], outcome: -1, isWon: -1, isClosed: -1,
      mapping: mapping.map((m) => (m.field === "outcome" ? { ...m, field: "stage" } : m)), inferred: { won: [], lost: [] },
      decision: { columns: [headers[cand[0]]], why: `"${headers[cand[0]]}" is the only stage or status column: its values decide won / lost / open.` },
      unused: [], conflicts: [], sampled: false,
    };
  }
  const profiles = cand.map((c) => profileColumn(t, rows, c, headers[c], declared, inp.stageOrder));
  const byCol = new Map(profiles.map((p) => [p.column, p]));
  const isWonCol = colOf("isWon");
  const isClosedCol = colOf("isClosed");
  const wonDateCol = colOf("wonDate");
  const lostDateCol = colOf("lostDate");
  const probCol = colOf("probability");

  // Evidence per sample row: 1 won, 2 lost, 0 open, -1 none.
  const evidence = new Int8Array(rows.length).fill(-1);
  const evidenceHeaders: string[] = [];
  const wonFlags = isWonCol >= 0 ? yesNoRows(t, rows, isWonCol) : null;
  const closedFlags = isClosedCol >= 0 ? yesNoRows(t, rows, isClosedCol) : null;
  const wonDates = wonDateCol >= 0 ? filledRows(t, rows, wonDateCol) : null;
  const lostDates = lostDateCol >= 0 ? filledRows(t, rows, lostDateCol) : null;
  if (wonDates) evidenceHeaders.push(headers[wonDateCol]);
  if (lostDates) evidenceHeaders.push(headers[lostDateCol]);
  if (wonFlags) evidenceHeaders.push(headers[isWonCol]);
  if (closedFlags) evidenceHeaders.push(headers[isClosedCol]);
  for (let i = 0; i < rows.length; i++) {
    let e = -1;
    if (wonDates && wonDates[i]) e = OUTCOME_WON;
    else if (lostDates && lostDates[i]) e = OUTCOME_LOST;
    else if (closedFlags && closedFlags[i] >= 0) {
      e = closedFlags[i] === 0 ? OUTCOME_OPEN : wonFlags && wonFlags[i] >= 0 ? (wonFlags[i] === 1 ? OUTCOME_WON : OUTCOME_LOST) : -1;
    } else if (wonFlags && wonFlags[i] === 1) e = OUTCOME_WON;
    evidence[i] = e;
  }

  // Unknown values whose rows the evidence reads the same way (≥ 3 rows, ≥ 90% of them) are read that way.
  const inferred = { won: [] as string[], lost: [] as string[] };
  if (evidenceHeaders.length > 0) {
    for (const p of profiles) {
      const unknown = p.values.filter((v) => !v.known);
      if (unknown.length === 0) continue;
      const tally = new Map<string, [number, number, number]>();
      for (let i = 0; i < rows.length; i++) {
        const text = cellText(t.cell(rows[i], p.column));
        if (text === "" || evidence[i] < 0) continue;
        const k = tally.get(text) ?? [0, 0, 0];
        k[evidence[i]]++;
        tally.set(text, k);
      }
      for (const v of unknown) {
        const k = tally.get(v.value);
        if (!k) continue;
        const all = k[0] + k[1] + k[2];
        if (all < 3) continue;
        const to = k[OUTCOME_WON] >= 0.9 * all ? OUTCOME_WON : k[OUTCOME_LOST] >= 0.9 * all ? OUTCOME_LOST : -1;
        if (to < 0) continue;
        (to === OUTCOME_WON ? inferred.won : inferred.lost).push(v.value);
        v.outcome = to;
        v.known = true;
        v.inferred = true;
        p.unknown -= v.count;
        if (to === OUTCOME_WON) p.won += v.count;
        else p.lost += v.count;
        for (let i = 0; i < rows.length; i++) if (cellText(t.cell(rows[i], p.column)) === v.value) p.rows[i] = to;
      }
    }
  }

  const textual = profiles.filter((p) => p.filled > 0 && p.yesNo < 0.9 * p.filled);
  const sep = (p: ColumnProfile) => (p.won > 0 && p.lost > 0 ? 2 : p.won + p.lost > 0 ? 1 : 0);
  const agreement = (p: ColumnProfile) => {
    let same = 0;
    let all = 0;
    for (let i = 0; i < rows.length; i++) {
      if (evidence[i] < 0 || p.rows[i] < 0) continue;
      all++;
      if (evidence[i] === p.rows[i]) same++;
    }
    return all === 0 ? 1 : same / all;
  };
  const rank = (a: ColumnProfile, b: ColumnProfile) =>
    sep(b) - sep(a) ||
    agreement(b) - agreement(a) ||
    (b.won + b.lost) / b.filled - (a.won + a.lost) / a.filled ||
    a.unknown / a.filled - b.unknown / b.filled ||
    Number(colOf("outcome") === b.column) - Number(colOf("outcome") === a.column) ||
    a.column - b.column;

  let outcomeCol = -1;
  let stageCol = -1;
  let flagsDecide = false;
  const why: string[] = [];
  const fixedStage = userStage ? colOf("stage") : -1;
  const fixedOutcome = userOutcome ? colOf("outcome") : -1;
  // The user said the table has no separate status column: one column decides.
  const single = userOutcome && fixedOutcome < 0;
  if (fixedOutcome >= 0) {
    outcomeCol = fixedOutcome;
    why.push(`"${headers[outcomeCol]}" decides won / lost / open, as you mapped it`);
  } else if (fixedStage >= 0 && sep(byCol.get(fixedStage)!) === 2) {
    outcomeCol = fixedStage;
    why.push(`"${headers[outcomeCol]}" (as you mapped it) holds the won and lost values`);
  } else {
    const pool = textual.filter((p) => sep(p) > 0 && selectable(p.column) && (!single || fixedStage < 0 || p.column === fixedStage));
    pool.sort(rank);
    const best = pool[0];
    if (best) {
      outcomeCol = best.column;
      const parts = best.values.filter((v) => v.outcome !== OUTCOME_OPEN).slice(0, 4).map((v) => `"${v.value}" ${v.outcome === OUTCOME_WON ? "won" : "lost"}`);
      why.push(`"${best.header}" decides won / lost / open: its values separate won from lost (${parts.join(", ")})`);
      const others = textual.filter((p) => p !== best);
      if (others.length > 0 && others.every((p) => sep(p) === 0)) {
        why.push(`${others.map((p) => `"${p.header}"`).join(", ")} ${others.length > 1 ? "hold" : "holds"} no won or lost value (a CRM may keep the last pipeline stage on closed deals)`);
      }
    } else if (isWonCol >= 0 && isClosedCol >= 0 && fixedStage < 0) {
      flagsDecide = true;
      why.push(`won / lost / open from the yes/no columns "${headers[isClosedCol]}" (closed?) and "${headers[isWonCol]}" (won?): no text column holds won or lost values`);
    }
  }

  // The funnel stage: a stage-named column other than the outcome column, else the outcome column itself.
  if (fixedStage >= 0) stageCol = fixedStage;
  else if (outcomeCol >= 0) {
    const stageLike = single ? [] : textual.filter((p) => p.column !== outcomeCol && p.stageNamed && selectable(p.column));
    stageLike.sort((a, b) => b.openKnown - a.openKnown || b.filled - a.filled || a.column - b.column);
    stageCol = stageLike[0]?.column ?? outcomeCol;
  } else {
    // Nothing separates won from lost: the stage-named column stays the stage (the warnings say so).
    const named = textual.slice().sort((a, b) => Number(b.stageNamed) - Number(a.stageNamed) || b.openKnown - a.openKnown || a.column - b.column);
    const mappedStage = colOf("stage");
    stageCol = mappedStage >= 0 ? mappedStage : flagsDecide ? named.find((p) => p.stageNamed)?.column ?? -1 : named[0]?.column ?? colOf("outcome");
  }
  if (outcomeCol === stageCol) outcomeCol = -1;
  if (outcomeCol >= 0 && stageCol >= 0) why.push(`"${headers[stageCol]}" gives open deals their funnel stage`);

  // Stage-like columns not used that say won / lost differently.
  const decided = outcomeCol >= 0 ? byCol.get(outcomeCol) : stageCol >= 0 ? byCol.get(stageCol) : undefined;
  const unused: OutcomeChoice["unused"] = [];
  for (const p of textual) {
    // the stage column beside a status is checked on every deal by the reader (status open, stage won)
    if (p === decided || sep(p) === 0 || (outcomeCol >= 0 && p.column === stageCol)) continue;
    let compared = 0;
    let disagree = 0;
    for (let i = 0; i < rows.length; i++) {
      const a = p.rows[i];
      const b = decided ? decided.rows[i] : -1;
      if (a < 0 || b < 0) continue;
      // A stage column beside a status column may hold the last pipeline stage on closed deals: only its
      // won / lost values can disagree.
      if (p.column === stageCol && a === OUTCOME_OPEN) continue;
      compared++;
      if (a !== b) disagree++;
    }
    if (!decided) {
      compared = p.won + p.lost;
      disagree = compared;
    }
    if (compared > 0 && disagree / compared > 0.02) {
      unused.push({ header: p.header, field: p.column === stageCol ? "stage" : "outcome", disagree, compared });
    } else if (compared > 0 && p.column !== stageCol) {
      why.push(`"${p.header}" agrees (${n0(compared - disagree)} of ${n0(compared)} sampled rows)`);
    }
  }

  // Evidence that disagrees with the decided outcome.
  const conflicts: OutcomeChoice["conflicts"] = [];
  if (decided && evidenceHeaders.length > 0 && !flagsDecide) {
    let compared = 0;
    let disagree = 0;
    for (let i = 0; i < rows.length; i++) {
      const e = evidence[i];
      const o = decided.rows[i];
      if (e < 0 || o < 0) continue;
      compared++;
      if (e !== o) disagree++;
    }
    if (compared > 0) {
      const h = evidenceHeaders.join(", ");
      if (disagree / compared > 0.02) conflicts.push({ header: h, disagree, compared });
      else why.push(`the evidence in ${evidenceHeaders.map((x) => `"${x}"`).join(", ")} agrees (${n0(compared - disagree)} of ${n0(compared)} sampled rows)`);
    }
  }
  if (probCol >= 0 && decided) {
    let compared = 0;
    let disagree = 0;
    for (let i = 0; i < rows.length; i++) {
      const o = decided.rows[i];
      if (o !== OUTCOME_WON && o !== OUTCOME_LOST) continue;
      const p = cellNumber(t.cell(rows[i], probCol));
      if (p !== p) continue;
      compared++;
      const pct = p <= 1 && p >= 0 && !Number.isInteger(p) ? p * 100 : p;
      if ((o === OUTCOME_WON && pct !== 100 && pct !== 1) || (o === OUTCOME_LOST && pct !== 0)) disagree++;
    }
    if (compared > 0 && disagree / compared > 0.1) conflicts.push({ header: headers[probCol], disagree, compared });
  }
  if (inferred.won.length + inferred.lost.length > 0) {
    const list = [...inferred.won.map((w) => `"${w}" won`), ...inferred.lost.map((w) => `"${w}" lost`)];
    why.push(`read from ${evidenceHeaders.map((x) => `"${x}"`).join(", ")}: ${list.join(", ")}`);
  }

  // The revised mapping.
  const out = mapping.filter((m) => m.field !== "stage" && m.field !== "outcome");
  const original = (c: number) => mapping.find((m) => m.column === c);
  const put = (field: string, column: number) => {
    const o = original(column);
    const same = o && o.field === field;
    out.push({ field, header: headers[column], column, confidence: same ? o.confidence : userFields.has(field) ? 1 : 0.9, how: same ? o.how : userFields.has(field) ? "user" : "content" });
  };
  if (stageCol >= 0) put("stage", stageCol);
  if (outcomeCol >= 0) put("outcome", outcomeCol);
  const order = new Map(CANONICAL_FIELDS.map((f, i) => [f.name, i]));
  out.sort((a, b) => (order.get(a.field) ?? 0) - (order.get(b.field) ?? 0));

  const columns = [outcomeCol, stageCol, ...(flagsDecide ? [isClosedCol, isWonCol] : [])].filter((c) => c >= 0).map((c) => headers[c]);
  const decision: OutcomeDecision | undefined = columns.length > 0 || why.length > 0
    ? { columns, why: why.length > 0 ? `${why.join("; ")}.` : `"${headers[stageCol]}" decides won / lost / open from its values.` }
    : undefined;
  return {
    stage: stageCol,
    outcome: outcomeCol,
    isWon: flagsDecide ? isWonCol : -1,
    isClosed: flagsDecide ? isClosedCol : -1,
    mapping: out,
    decision,
    inferred,
    unused,
    conflicts,
    profile: decided,
    sampled: sample.sampled,
  };
}

/** The compact keys of values read as won / lost from the evidence, merged with the user's. */
export function withInferred(declared: DeclaredOutcomes | undefined, inferred: OutcomeChoice["inferred"]): DeclaredOutcomes | undefined {
  if (inferred.won.length + inferred.lost.length === 0) return declared;
  return {
    won: new Set([...(declared?.won ?? []), ...inferred.won.map(compactKey)]),
    lost: new Set([...(declared?.lost ?? []), ...inferred.lost.map(compactKey)]),
    words: [...(declared?.words ?? []), ...inferred.won, ...inferred.lost],
  };
}
