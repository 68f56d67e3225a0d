/**
 * Stages: won / lost / open from common spellings (Salesforce, HubSpot, Pipedrive, plain English), display
 * names for CRM-internal ids, and the funnel order of open stages (given by the user, or inferred).
 */
import { OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON } from "../model/tables";
import { compactKey } from "./text";

/**
 * Compact spellings (letters and digits only, accents dropped) that mean won or lost: English CRM words
 * (Salesforce, HubSpot, Pipedrive, Zoho, Close, Copper, Freshsales, monday sales CRM, SugarCRM), Dynamics 365's
 * status reasons (Canceled and Out-Sold close an opportunity as lost), and the usual German, French, Spanish,
 * Portuguese, Dutch and Italian words, including Salesforce's translated "Closed Won" / "Closed Lost".
 */
const WON = new Set([
  "won", "win", "closedwon", "closewon", "wonclosed", "dealwon", "booked", "signed", "closedwonbooked",
  // German / Dutch
  "gewonnen", "geschlossengewonnen", "geschlossenundgewonnen", "abgeschlossengewonnen", "auftragerhalten",
  "geslotengewonnen",
  // French
  "gagne", "gagnee", "fermeegagnee", "fermegagne", "clotureegagnee", "cloturegagne", "conclu", "conclue",
  // Spanish
  "ganada", "ganado", "cerradaganada", "cerradoganado", "ganadacerrada",
  // Portuguese
  "ganho", "ganha", "fechadoganho", "fechadaganha", "fechadoganha", "vendido", "vendida",
  // Italian
  "vinta", "vinto", "chiusavinta", "chiusovinto",
]);
const LOST = new Set([
  "lost", "lose", "closedlost", "closelost", "lostclosed", "deallost", "disqualified", "dead", "nodecision",
  "closeddisqualified", "closednodecision", "closeddead",
  // Dynamics 365 status reasons of a lost opportunity; Copper's "Abandoned"
  "canceled", "cancelled", "outsold", "abandoned",
  // German / Dutch
  "verloren", "geschlossenverloren", "geschlossenundverloren", "abgeschlossenverloren", "abgesagt",
  "geslotenverloren",
  // French
  "perdu", "perdue", "fermeeperdue", "fermeperdu", "clotureeperdue", "clotureperdu", "abandonnee", "annulee",
  // Spanish
  "perdida", "perdido", "cerradaperdida", "cerradoperdido", "cancelada", "cancelado",
  // Portuguese
  "fechadoperdido", "fechadaperdida",
  // Italian
  "persa", "perso", "chiusapersa", "chiusoperso",
]);

/**
 * Well-known open stages with a funnel rank (earlier stages lower). Salesforce's default opportunity
 * stages, HubSpot's default deal pipeline (internal ids and labels), Pipedrive's default pipeline, Zoho's
 * default deal stages, Dynamics 365's status reasons and sales-process stages, Close's "active" status,
 * plain English, the Maven CRM sample's Prospecting / Engaging, and the usual German, French, Spanish,
 * Portuguese and Dutch stage words.
 */
const OPEN_STAGES: [string, number, string?][] = [
  ["lead", 5], ["leadin", 5, "Lead In"], ["new", 5], ["mql", 6, "MQL"], ["sql", 8, "SQL"],
  ["prospecting", 10], ["prospect", 10], ["contactmade", 15, "Contact Made"], ["contacted", 15], ["engaging", 20], ["engaged", 20],
  ["appointmentscheduled", 20, "Appointment Scheduled"], ["discovery", 25], ["qualify", 30], ["qualification", 30],
  ["qualified", 30], ["qualifiedtobuy", 30, "Qualified To Buy"], ["needsanalysis", 40, "Needs Analysis"],
  ["needsdefined", 40, "Needs Defined"], ["develop", 40], ["demo", 45], ["demoscheduled", 45, "Demo Scheduled"],
  ["presentationscheduled", 45, "Presentation Scheduled"], ["presentation", 45], ["valueproposition", 50, "Value Proposition"],
  ["iddecisionmakers", 55, "Id. Decision Makers"], ["decisionmakerboughtin", 60, "Decision Maker Bought-In"],
  ["perceptionanalysis", 60, "Perception Analysis"], ["solution", 60], ["evaluation", 62], ["trial", 62],
  ["propose", 70], ["proposal", 70], ["proposalmade", 70, "Proposal Made"], ["proposalpricequote", 70, "Proposal/Price Quote"],
  ["quote", 72], ["negotiation", 80], ["negotiationreview", 80, "Negotiation/Review"],
  ["negotiationsstarted", 80, "Negotiations Started"], ["contractsent", 85, "Contract Sent"], ["commit", 88],
  ["verbal", 90], ["verbalcommit", 90, "Verbal Commit"], ["closing", 92], ["close", 92], ["open", 50],
  ["active", 50], ["inprogress", 50, "In Progress"], ["onhold", 50, "On Hold"], ["followup", 40],
  // Dynamics 365's pipeline phases
  ["1qualify", 30, "1-Qualify"], ["2develop", 40, "2-Develop"], ["3propose", 70, "3-Propose"], ["4close", 92, "4-Close"],
  // German
  ["offen", 50], ["neu", 5], ["qualifizierung", 30], ["bedarfsanalyse", 40], ["angebot", 70], ["verhandlung", 80],
  ["inbearbeitung", 50],
  // French
  ["ouvert", 50], ["ouverte", 50], ["nouveau", 5], ["nouvelle", 5], ["prospection", 10], ["proposition", 70],
  ["negociation", 80], ["encours", 50],
  // Spanish
  ["abierta", 50], ["abierto", 50], ["nueva", 5], ["nuevo", 5], ["prospeccion", 10], ["calificacion", 30],
  ["propuesta", 70], ["negociacion", 80], ["encurso", 50],
  // Portuguese
  ["aberto", 50], ["aberta", 50], ["novo", 5], ["prospeccao", 10], ["qualificacao", 30], ["proposta", 70],
  ["negociacao", 80], ["emandamento", 50],
  // Dutch
  ["nieuw", 5], ["kwalificatie", 30], ["offerte", 70], ["onderhandeling", 80],
];
const OPEN_RANK = new Map(OPEN_STAGES.map(([k, r]) => [k, r]));
const DISPLAY = new Map<string, string>([
  ["closedwon", "Closed Won"], ["closedlost", "Closed Lost"],
  ...OPEN_STAGES.filter((s) => s[2] !== undefined).map(([k, , d]) => [k, d as string] as [string, string]),
]);

export type StageOutcome = typeof OUTCOME_OPEN | typeof OUTCOME_WON | typeof OUTCOME_LOST;

export interface StageClass {
  outcome: StageOutcome;
  /** True when the spelling is a known won, lost or open stage (or one the user listed). */
  known: boolean;
  /** Funnel rank for known open stages; NaN otherwise. */
  rank: number;
}

/** Won / lost / open from a stage label. Unknown spellings are open and `known` is false. */
export function classifyStage(label: string, userOrder?: readonly string[], declared?: DeclaredOutcomes): StageClass {
  const k = compactKey(label);
  if (declared !== undefined) {
    if (declared.won.has(k)) return { outcome: OUTCOME_WON, known: true, rank: NaN };
    if (declared.lost.has(k)) return { outcome: OUTCOME_LOST, known: true, rank: NaN };
  }
  if (WON.has(k) || k.startsWith("closedwon") || /^won[a-z]/.test(k)) return { outcome: OUTCOME_WON, known: true, rank: NaN };
  if (LOST.has(k) || k.startsWith("closedlost") || /^lost[a-z]/.test(k)) return { outcome: OUTCOME_LOST, known: true, rank: NaN };
  if (userOrder && userOrder.length > 0) {
    const i = userOrder.findIndex((s) => compactKey(s) === k);
    return { outcome: OUTCOME_OPEN, known: i >= 0, rank: i >= 0 ? i : NaN };
  }
  const r = OPEN_RANK.get(k);
  return { outcome: OUTCOME_OPEN, known: r !== undefined, rank: r ?? NaN };
}

/** Outcome values the user declared (`--won`, `--lost`, the inputs sheet, the task pane), as compact keys. */
export interface DeclaredOutcomes {
  won: ReadonlySet<string>;
  lost: ReadonlySet<string>;
  /** The words as the user wrote them, for messages. */
  words: string[];
}

/** Declared won / lost values → compact keys; undefined when none was declared. */
export function declaredOutcomes(o?: { won?: readonly string[]; lost?: readonly string[] }): DeclaredOutcomes | undefined {
  const won = (o?.won ?? []).map((w) => w.trim()).filter((w) => w !== "");
  const lost = (o?.lost ?? []).map((w) => w.trim()).filter((w) => w !== "");
  if (won.length === 0 && lost.length === 0) return undefined;
  return { won: new Set(won.map(compactKey)), lost: new Set(lost.map(compactKey)), words: [...won, ...lost] };
}

const TRUE_WORDS = new Set(["true", "yes", "y", "1", "x", "wahr", "ja", "vrai", "oui", "verdadero", "si", "sim", "waar", "checked"]);
const FALSE_WORDS = new Set(["false", "no", "n", "0", "falsch", "nein", "faux", "non", "falso", "nao", "onwaar", "unchecked"]);

/** A yes/no cell's meaning (Salesforce's Won / Closed checkboxes, HubSpot's "Is Closed Won"): 1, 0, or -1 when not a yes/no. */
export function booleanValue(label: string): 1 | 0 | -1 {
  const k = compactKey(label);
  if (TRUE_WORDS.has(k)) return 1;
  if (FALSE_WORDS.has(k)) return 0;
  return -1;
}

/** The label a stage is shown with: CRM-internal ids get their display name, others keep their text. */
export function stageDisplayName(label: string): string {
  const t = label.trim();
  return DISPLAY.get(t) ?? DISPLAY.get(t.toLowerCase()) ?? t;
}

/** Key under which spellings of one stage merge ("Closed Won", "closed_won", "ClosedWon"). */
export function stageKey(label: string): string {
  return compactKey(label);
}

export interface OpenStageInfo {
  label: string;
  /** Known funnel rank (user order or CRM vocabulary), NaN when unknown. */
  rank: number;
  /** Median created date (serial) of deals in this stage; NaN when none has a date. */
  medianCreated: number;
  /** Order of first appearance in the sheet. */
  firstSeen: number;
}

/**
 * Open stages in funnel order and how the order was decided. With a user order it is used as given;
 * when every open stage is a known CRM stage, the CRM's order; otherwise stages are sorted by the median
 * created date of their deals, newest last-created first (a deal reaches later stages as it ages), ties by
 * first appearance.
 */
export function inferStageOrder(stages: readonly OpenStageInfo[], userOrder?: readonly string[]): { order: string[]; reason: string } {
  if (userOrder && userOrder.length > 0) {
    const listed = new Set(userOrder.map(compactKey));
    const extra = stages.filter((s) => !listed.has(compactKey(s.label))).map((s) => s.label);
    return {
      order: [...userOrder, ...extra],
      reason: extra.length > 0
        ? `stage order as given; stages not listed there are put last: ${extra.join(", ")}`
        : "stage order as given",
    };
  }
  if (stages.length === 0) return { order: [], reason: "no open stages in the data" };
  if (stages.every((s) => s.rank === s.rank)) {
    const order = [...stages].sort((a, b) => a.rank - b.rank || a.firstSeen - b.firstSeen).map((s) => s.label);
    return { order, reason: "stage order inferred from the usual order of these CRM stages" };
  }
  const dated = stages.filter((s) => s.medianCreated === s.medianCreated);
  if (dated.length === stages.length) {
    const order = [...stages]
      .sort((a, b) => b.medianCreated - a.medianCreated || a.firstSeen - b.firstSeen)
      .map((s) => s.label);
    return { order, reason: "stage order inferred from the age of open deals: stages whose deals were created more recently come first" };
  }
  const order = [...stages].sort((a, b) => a.firstSeen - b.firstSeen).map((s) => s.label);
  return { order, reason: "stage order is the order in which stages first appear in the sheet (give the order to change it)" };
}
