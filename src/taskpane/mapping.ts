/**
 * The Mapping screen's model, kept out of React so it can be tested: one choice per canonical field,
 * started from what the pipeline detected (or what the user chose last time), and the map sent back to it.
 */
import { CANONICAL_FIELDS } from "../pipeline";
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
  /** Where the current choice comes from. */
  origin: "detected" | "remembered" | "you" | "none";
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

export function choose(choices: FieldChoice[], field: string, header: string | null): FieldChoice[] {
  return choices.map((c) => {
    if (c.field === field) return { ...c, header, origin: "you" as const };
    // One column feeds one field: the field that had this header loses it.
    if (header !== null && c.header === header) return { ...c, header: null, origin: "you" as const };
    return c;
  });
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
  if (c.origin === "you") return "Chosen by you";
  if (c.origin === "remembered") return "As you chose last time";
  if (c.origin === "none") return c.required ? "Not found: pick the column" : "Not found";
  const pct = Math.round((c.detected?.confidence ?? 0) * 100);
  return pct >= 100 ? "Matched by name" : `Matched, ${pct}% sure`;
}
