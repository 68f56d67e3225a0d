/**
 * Loud warnings: the cases where the reading may be wrong in a way that changes the figures. Each names the
 * column and the flag that fixes it. They go to standard error, the top of GTM Summary and the task pane's
 * Results; `--strict` turns them into exit code 1. The reasons are listed in docs/pipeline.md.
 */
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import type { Deals, FieldMapping, PipelineWarning } from "./types";
import type { DealsFacts } from "./deals";
import type { OutcomeChoice } from "./outcome-column";
import type { ContentCheck } from "./content";
import { classifyStage, type DeclaredOutcomes } from "./stages";

/** Share of data rows that may go unused before the reading is called unsure. */
export const SKIPPED_SHARE = 0.2;
/** Share of blank owners / amounts (or evidence disagreeing) above which a warning fires. */
export const BLANK_SHARE = 0.5;
export const CONFLICT_SHARE = 0.02;

export interface WarningInputs {
  deals: Deals;
  rows: { read: number; used: number; blank: number; report: number };
  facts: DealsFacts;
  mapping: readonly FieldMapping[];
  choice?: OutcomeChoice;
  content?: ContentCheck;
  /** Fields the user declared absent (`--map amount=none`). */
  declaredAbsent: ReadonlySet<string>;
  declared?: DeclaredOutcomes;
  stageOrder?: readonly string[];
  /** `--map` hints by content, per field: the best column that is not the current one. */
  suggest: (field: string, not?: string) => string | undefined;
}

const n0 = (x: number) => x.toLocaleString("en-US");
const pct = (a: number, b: number) => `${Math.round((100 * a) / Math.max(1, b))}%`;
const q = (h: string) => `"${h.replace(/"/g, "'")}"`;

function mapFix(field: string, header: string | undefined): string {
  return `--map ${field}=${q(header ?? "<its column header>")}`;
}

export function pipelineWarnings(w: WarningInputs): PipelineWarning[] {
  const out: PipelineWarning[] = [];
  const d = w.deals;
  const n = d.count;
  const header = (f: string) => w.mapping.find((m) => m.field === f)?.header;
  const stageHeader = header("outcome") ?? header("stage") ?? header("isClosed") ?? header("wonDate");
  // one pass over the deals: outcomes, blank owners, blank amounts (all deals and won deals)
  let won = 0;
  let lost = 0;
  let ownerBlank = 0;
  let amountBlank = 0;
  let wonAmountBlank = 0;
  const outcome = d.outcome;
  const ownerCodes = d.owner.codes;
  const amounts = d.amount;
  const WON = OUTCOME_WON;
  const LOST = OUTCOME_LOST;
  for (let i = 0; i < n; i++) {
    const o = outcome[i];
    const isWon = +(o === WON);
    const blankAmount = +(amounts[i] !== amounts[i]);
    won += isWon;
    lost += +(o === LOST);
    ownerBlank += +(ownerCodes[i] < 0);
    amountBlank += blankAmount;
    wonAmountBlank += isWon & blankAmount;
  }

  // Many data rows unused (report rows and blank rows are not data).
  const dataRows = w.rows.read - w.rows.blank - w.rows.report;
  const unused = w.facts.noStage + w.facts.copies;
  if (dataRows > 0 && unused > SKIPPED_SHARE * dataRows) {
    const why = [
      w.facts.noStage > 0 ? `${n0(w.facts.noStage)} have no value in ${q(stageHeader ?? "the stage column")}` : "",
      w.facts.copies > 0 ? `${n0(w.facts.copies)} are exact copies of an earlier row` : "",
    ].filter(Boolean).join(", ");
    const alt = w.suggest("stage", header("stage"));
    out.push({
      reason: "many-rows-skipped",
      message: `${n0(unused)} of ${n0(dataRows)} data rows (${pct(unused, dataRows)}) were not used: ${why}.`,
      header: stageHeader,
      fix: w.facts.noStage > 0 ? (alt ? mapFix("stage", alt) : "say which column holds the stage with --map stage=\"<header>\"") : undefined,
    });
  }

  // No deal closed.
  if (n > 0 && won + lost === 0) {
    const counts = new Int32Array(d.stage.labels.length);
    for (let i = 0; i < n; i++) if (d.stage.codes[i] >= 0) counts[d.stage.codes[i]]++;
    const values = d.stage.labels.map((l, j) => [l, counts[j]] as const).filter((x) => x[1] > 0).sort((a, b) => b[1] - a[1]).slice(0, 4).map((x) => q(x[0]));
    out.push({
      reason: "no-closed-deals",
      message: `No deal is won or lost: every one of the ${n0(n)} deals reads as open${stageHeader ? ` from ${q(stageHeader)}` : ""}${values.length ? ` (values ${values.join(", ")})` : ""}, so win rates, cycles and revenue are empty.`,
      header: stageHeader,
      fix: `say which values mean won and lost, e.g. --won ${values[0] ?? "\"Won\""} --lost ${values[1] ?? "\"Lost\""}, or choose the column with --map stage="<header>"`,
    });
  }

  // Won deals but no lost one (or the reverse) while some stage words are unknown: a 100% (or 0%) win rate
  // that an unread "lost" word would change.
  if (n > 0 && (won === 0) !== (lost === 0)) {
    const openCount = new Int32Array(d.stage.labels.length);
    for (let i = 0; i < n; i++) if (d.outcome[i] === OUTCOME_OPEN && d.stage.codes[i] >= 0) openCount[d.stage.codes[i]]++;
    const unknown = d.stage.labels
      .map((label, j) => ({ label, count: openCount[j] }))
      .filter((x) => x.count > 0 && !classifyStage(x.label, w.stageOrder, w.declared).known)
      .sort((a, b) => b.count - a.count);
    if (unknown.length > 0) {
      const missing = lost === 0 ? "lost" : "won";
      const list = unknown.slice(0, 4).map((x) => `${q(x.label)} (${n0(x.count)})`).join(", ");
      out.push({
        reason: lost === 0 ? "no-lost-deals" : "no-won-deals",
        message: `No deal is ${missing} (${n0(lost === 0 ? won : lost)} ${lost === 0 ? "won" : "lost"}), so the win rate is ${lost === 0 ? "100%" : "0%"}; these values were read as open stages GTM Compass does not know: ${list}.`,
        header: stageHeader,
        fix: `if one of them means ${missing}, --${missing} ${q(unknown[0].label)}`,
      });
    }
  }

  // Stage-like columns not used, that say won / lost differently.
  for (const u of w.choice?.unused ?? []) {
    out.push({
      reason: "unused-outcome-column",
      message: `${q(u.header)} also looks like it says won / lost, but it was not used and disagrees with the column that was on ${n0(u.disagree)} of ${n0(u.compared)} sampled rows.`,
      header: u.header,
      fix: mapFix(u.field === "stage" ? "stage" : "outcome", u.header),
    });
  }

  // Evidence that disagrees with the outcome read.
  for (const c of w.choice?.conflicts ?? []) {
    out.push({
      reason: "outcome-evidence-conflict",
      message: `${q(c.header)} disagree${c.header.includes(",") ? "" : "s"} with won / lost / open as read from ${q(stageHeader ?? "the stage")} on ${n0(c.disagree)} of ${n0(c.compared)} sampled deals.`,
      header: c.header,
      fix: `check the outcome column; choose it with --map outcome="<header>" or declare values with --won / --lost`,
    });
  }
  if (w.facts.conflicts > CONFLICT_SHARE * n && w.facts.conflicts > 0) {
    out.push({
      reason: "outcome-evidence-conflict",
      message: `${n0(w.facts.conflicts)} deals are open by ${q(header("outcome") ?? "the status")} but won or lost by ${q(header("stage") ?? "the stage")}: the status was used.`,
      header: header("outcome"),
      fix: mapFix("outcome", "none") + " to read won / lost from the stage column instead",
    });
  }

  // Owners and amounts mostly blank.
  const owner = header("owner");
  if (owner && n > 0) {
    const blank = ownerBlank;
    if (blank > BLANK_SHARE * n) {
      const alt = w.suggest("owner", owner);
      out.push({
        reason: "owners-blank",
        message: `${n0(blank)} of ${n0(n)} deals (${pct(blank, n)}) have no owner in ${q(owner)}: rep figures (sales-team time bomb, open deals per rep) cover the rest only.`,
        header: owner,
        fix: alt ? mapFix("owner", alt) : `check ${q(owner)}; a grouped report shows the owner only on each group's first row`,
      });
    }
  }
  const amount = header("amount") ?? header("estimatedAmount");
  if (amount && n > 0) {
    const base = won > 0 ? won : n;
    const blank = won > 0 ? wonAmountBlank : amountBlank;
    if (blank > BLANK_SHARE * base) {
      const alt = w.suggest("amount", amount);
      out.push({
        reason: "amounts-blank",
        message: `${n0(blank)} of ${n0(base)} ${won > 0 ? "won " : ""}deals (${pct(blank, base)}) have no amount in ${q(amount)}: revenue figures count the rest only.`,
        header: amount,
        fix: alt ? mapFix("amount", alt) : `check ${q(amount)}`,
      });
    }
  } else if (!amount && !w.declaredAbsent.has("amount") && n > 0) {
    const alt = w.suggest("amount");
    out.push({
      reason: "no-amount",
      message: "No amount column: revenue, average deal and CAC say NO DATA.",
      fix: alt ? `${mapFix("amount", alt)}, or --map amount=none to say there is none` : "--map amount=none to say there is none",
    });
  }

  // Closed deals without an actual close date: revenue cannot be placed in periods.
  const closedDeals = won + lost;
  if (closedDeals > 0 && w.facts.closedWithoutDate > BLANK_SHARE * closedDeals) {
    const expected = header("expectedClose");
    const onlyExpected = w.facts.closedWithExpectedOnly > 0 && expected;
    out.push({
      reason: "no-close-date",
      message: onlyExpected
        ? `${n0(w.facts.closedWithoutDate)} of ${n0(closedDeals)} won or lost deals have no actual close date, only an expected one in ${q(expected)}: an expected date never places revenue in a period, so they are in no period.`
        : `${n0(w.facts.closedWithoutDate)} of ${n0(closedDeals)} won or lost deals have no close date: won revenue per period and sales cycles leave them out.`,
      header: onlyExpected ? expected : header("closed"),
      fix: onlyExpected ? `if ${q(expected)} holds the date closed deals closed, ${mapFix("closed", expected)}` : mapFix("closed", w.suggest("closed", header("closed"))),
    });
  }

  // A column whose values look like another field's.
  for (const m of w.content?.mismatches ?? []) {
    const alt = w.suggest(m.field, m.header);
    out.push({
      reason: "values-look-wrong",
      message: `${q(m.header)} is read as ${m.field}, but its values look like ${m.looksLike} (e.g. ${q(m.example)}).`,
      header: m.header,
      fix: alt ? mapFix(m.field, alt) : `${mapFix(m.field, "<the right column>")}, or --map ${m.field}=none`,
    });
  }
  return out;
}
