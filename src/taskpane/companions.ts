/**
 * The leads table, stage-history table and inputs sheet that go with a pipeline, picked by name when the user has not chosen
 * (the sample's "Sample Leads" and "Sample Inputs", a CRM export's "Leads" sheet, "GTM Inputs").
 */
import type { OwnedKind } from "./excel/owned";
import type { SourceCandidate } from "./excel/sources";

const LEADS = /(^|[^a-z])(leads?|mqls?|prospects?)([^a-z]|$)/i;
const INPUTS = /(^|[^a-z])(inputs?|assumptions?)([^a-z]|$)/i;

/** A table or sheet named like leads, other than the pipeline itself. */
export function pickLeads(sources: readonly SourceCandidate[], pipeline: SourceCandidate): SourceCandidate | null {
  const others = sources.filter((s) => s.id !== pipeline.id && s.kind !== "selection" && !(s.kind === "sheet" && s.sheet === pipeline.sheet));
  const named = others.filter((s) => LEADS.test(s.table ?? s.sheet) || (s.kind === "table" && LEADS.test(s.sheet)));
  // A leads list has no outcome column; among several, the one that looks least like a deals list.
  named.sort((a, b) => Number(a.inspection.looksLikePipeline) - Number(b.inspection.looksLikePipeline));
  return named[0] ?? null;
}

/** An inputs sheet: one GTM Compass made first, then one named like inputs. */
export function pickInputs(sheets: readonly { name: string; origin: OwnedKind | null }[], pipelineSheet: string): string | null {
  const others = sheets.filter((s) => s.name !== pipelineSheet);
  return others.find((s) => s.origin === "inputs")?.name ?? others.find((s) => INPUTS.test(s.name))?.name ?? null;
}

const HISTORY = /(^|[^a-z])(history|stage ?(changes?|history)|deal ?stages|opportunityhistory|audit)([^a-z]|$)/i;

/** A table or sheet named like a stage history (OpportunityHistory, Deal stages, Stage history), other than the pipeline. */
export function pickHistory(sources: readonly SourceCandidate[], pipeline: SourceCandidate): SourceCandidate | null {
  const others = sources.filter((s) => s.id !== pipeline.id && s.kind !== "selection" && !(s.kind === "sheet" && s.sheet === pipeline.sheet));
  return others.find((s) => HISTORY.test(s.table ?? s.sheet) || HISTORY.test((s.table ?? s.sheet).replace(/[_-]/g, " "))) ?? null;
}
