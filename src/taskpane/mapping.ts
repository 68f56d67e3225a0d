/**
 * The Mapping screen's model, kept out of React so it can be tested: one choice per canonical field,
 * started from what the pipeline detected (or what the user chose last time), and the map sent back to it.
 */
import { CANONICAL_FIELDS, classifyStage } from "../pipeline";
import { OUTCOME_LOST, OUTCOME_WON } from "../model/tables";
import type { Inspection } from "./excel/sources";
import type { RememberedChoice } from "./excel/settings";

/** The map value that tells the pipeline a field is not in this table. */
export const NOT_IN_TABLE = "none";

export interface FieldChoice {
  field: string;
  label: string;
  description: string;
  required: boolean;
  /** The header chosen; null = not in this table. */
  header: string | null;
  /** What the pipeline detected on its own. */
  detected: { header: string; confidence: number } | null;
  /** Where the current choice comes from; "moved" = its column was just given to another field. */
  origin: "detected" | "remembered" | "you" | "none" | "moved";
  /** For "moved": the column it had and the field that took it. */
  movedTo?: { header: string; field: string; label: string };
}

export function initialChoices(inspection: Inspection, remembered?: RememberedChoice | null): FieldChoice[] {
  const headers = new Map(inspection.headers.filter(Boolean).map((h) => [h.trim().toLowerCase(), h]));
  return CANONICAL_FIELDS.map((f) => {
    const m = inspection.mapping.find((x) => x.field === f.name);
    const detected = m ? { header: m.header, confidence: m.confidence } : null;
    const base = { field: f.name, label: f.label, description: f.description, required: f.required, detected };
    const saved = remembered?.map[f.name];
    if (saved !== undefined) {
      const header = saved === NOT_IN_TABLE ? null : headers.get(saved.trim().toLowerCase()) ?? null;
      return { ...base, header, origin: "remembered" as const };
    }
    return { ...base, header: detected?.header ?? null, origin: detected ? ("detected" as const) : ("none" as const) };
  });
}

/**
 * The user picks a column for a field. One column feeds one field, so a field that had this column loses
 * it: that field is marked "moved" (never silently changed) so the screen can say so and offer to undo.
 */
export function choose(choices: FieldChoice[], field: string, header: string | null): FieldChoice[] {
  const target = choices.find((c) => c.field === field);
  return choices.map((c) => {
    if (c.field === field) return { ...c, header, origin: "you" as const, movedTo: undefined };
    if (header !== null && c.header === header) return { ...c, header: null, origin: "moved" as const, movedTo: { header, field, label: target?.label ?? field } };
    return c;
  });
}

/** Fields whose column was just taken by another field (shown next to both, with Undo). */
export function movedFields(choices: FieldChoice[]): FieldChoice[] {
  return choices.filter((c) => c.origin === "moved");
}

/** Every field's choice, as the pipeline's `map` option. */
export function toMap(choices: FieldChoice[]): Record<string, string> {
  return Object.fromEntries(choices.map((c) => [c.field, c.header ?? NOT_IN_TABLE]));
}

/** Required fields with no column: stage is also satisfied by a won date; amount may be declared absent. */
export function missingRequired(choices: FieldChoice[]): FieldChoice[] {
  const has = (f: string): boolean => choices.some((c) => c.field === f && c.header !== null);
  return choices.filter((c) => c.field === "stage" && !has("stage") && !has("wonDate"));
}

/** Headers to offer for a field: the pipeline's candidates for it first, then the rest in sheet order. */
export function optionsFor(field: string, inspection: Inspection): string[] {
  const ranked = (inspection.candidates[field] ?? []).map((c) => c.header);
  const rest = inspection.headers.filter((h) => h && !ranked.includes(h));
  return [...new Set([...ranked, ...rest])];
}

export function confidenceText(c: FieldChoice): string {
  if (c.origin === "moved" && c.movedTo) return `No column now: “${c.movedTo.header}” went to ${c.movedTo.label}`;
  if (c.origin === "you") return "Chosen by you";
  if (c.origin === "remembered") return "As you chose last time";
  if (c.origin === "none") return c.required ? "Not found: pick the column" : "Not found";
  const pct = Math.round((c.detected?.confidence ?? 0) * 100);
  return pct >= 100 ? "Matched by name" : `Matched, ${pct}% sure`;
}

export type Outcome = "won" | "lost" | "open";

/** One value of the outcome (stage) column: how often it occurs and what it counts as. */
export interface StageValue {
  value: string;
  count: number;
  /** What the built-in stage words make of it. */
  builtIn: Outcome;
  /** The built-in words know it (a won or lost word, or a known open stage). */
  known: boolean;
}

const outcomeOf = (code: number): Outcome => (code === OUTCOME_WON ? "won" : code === OUTCOME_LOST ? "lost" : "open");

/** Distinct non-blank values of one column of a grid (header row excluded), most frequent first. */
export function stageValuesOf(rows: readonly (readonly unknown[])[], column: number): StageValue[] {
  const counts = new Map<string, { value: string; count: number }>();
  for (const row of rows) {
    const v = row[column];
    if (v === "" || v === null || v === undefined) continue;
    const text = String(v).trim();
    if (!text) continue;
    const key = text.toLowerCase();
    const hit = counts.get(key);
    if (hit) hit.count++;
    else counts.set(key, { value: text, count: 1 });
  }
  return [...counts.values()]
    .map(({ value, count }) => {
      const c = classifyStage(value);
      return { value, count, builtIn: outcomeOf(c.outcome), known: c.known };
    })
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** What each value counts as once the user's declarations are applied (they add to the built-in words). */
export function outcomeFor(v: StageValue, declared: { won?: string[]; lost?: string[] } | undefined): Outcome {
  const key = v.value.trim().toLowerCase();
  if (v.builtIn !== "open") return v.builtIn;
  if (declared?.won?.some((w) => w.trim().toLowerCase() === key)) return "won";
  if (declared?.lost?.some((w) => w.trim().toLowerCase() === key)) return "lost";
  return "open";
}

/** Declare one value won, lost or open (open removes a declaration). */
export function declareOutcome(declared: { won?: string[]; lost?: string[] } | undefined, value: string, outcome: Outcome): { won: string[]; lost: string[] } {
  const key = value.trim().toLowerCase();
  const keep = (xs: string[] | undefined) => (xs ?? []).filter((x) => x.trim().toLowerCase() !== key);
  const won = keep(declared?.won);
  const lost = keep(declared?.lost);
  if (outcome === "won") won.push(value);
  if (outcome === "lost") lost.push(value);
  return { won, lost };
}

/**
 * Why the chosen stage column cannot be used, or null: none of its values reads as a stage (a budget's
 * "Q1", "Q2") and the user has not said which mean won and lost. The pipeline refuses such a table too.
 */
export function stageColumnProblem(header: string | null, values: readonly StageValue[] | null, declared: { won?: string[]; lost?: string[] } | undefined): string | null {
  if (header === null || values === null || values.length === 0) return null;
  if (values.some((v) => v.known)) return null;
  if ((declared?.won?.length ?? 0) + (declared?.lost?.length ?? 0) > 0) return null;
  const some = values.slice(0, 3).map((v) => `“${v.value}”`).join(", ");
  return `None of the values in “${header}” reads as a deal stage (${some}${values.length > 3 ? ", …" : ""}). Pick the column that says won, lost or an open stage, or mark below which values mean won and lost.`;
}
