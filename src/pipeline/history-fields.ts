/**
 * The fields of a stage-history table and the headers of stage-history columns on a deals table: the one
 * definition of the spellings CRMs and their warehouse packages use.
 *
 * A history table has one row per change or per snapshot of a deal: Salesforce OpportunityHistory
 * (OpportunityId, StageName, Amount, CloseDate, CreatedDate = when the change was made), the Fivetran dbt
 * packages' `hubspot__deal_stages` (deal_id, pipeline_stage_label, date_stage_entered, date_stage_exited) and
 * `salesforce__opportunity_daily_history` (date_day, opportunity_id, stage_name, amount, close_date), and
 * audit or stage-change exports with a deal, a stage and a date. Field-history exports (Salesforce
 * OpportunityFieldHistory, CRM audit logs) put one changed field per row instead: Field, OldValue, NewValue;
 * their stage, amount and close-date rows are read. HubSpot deal exports carry the history as
 * columns instead: `Date entered "Appointment Scheduled (Sales Pipeline)"`, `Date exited "…"`, or the
 * internal names `hs_date_entered_<stage>` / `hs_v2_date_entered_<stage>`.
 */
import type { CanonicalField } from "./fields";

const field = (f: CanonicalField): CanonicalField => Object.freeze({ ...f, synonyms: Object.freeze([...f.synonyms]) });

/**
 * History-table fields. Synonyms are listed most specific first: when several headers match a field, the one
 * matching the earlier synonym wins (a daily snapshot table has both `date_day` and the deal's `created_date`;
 * OpportunityHistory has both its own `Id` and `OpportunityId`).
 */
export const HISTORY_FIELDS: readonly CanonicalField[] = Object.freeze([
  field({
    name: "id", label: "Deal ID", required: true, kind: "id",
    description: "The deal (opportunity) the change belongs to; joined to the deals table's id.",
    synonyms: ["opportunity id", "opportunityid", "deal id", "dealid", "opp id", "record id", "hs object id",
      "deal - id", "object id", "parent id", "opportunity", "deal", "id"],
  }),
  field({
    name: "stage", label: "Stage", required: true, kind: "stage",
    description: "The stage the deal was in from that date on.",
    synonyms: ["stage name", "stagename", "pipeline stage label", "stage label", "deal stage", "dealstage",
      "to stage", "new stage", "stage to", "deal - stage", "opportunity stage", "stage", "status",
      "pipeline stage", "deal stage name"],
  }),
  field({
    name: "date", label: "Date of the change", required: true, kind: "date",
    description: "When the deal entered the stage (or the change was made, or the snapshot taken).",
    synonyms: ["date day", "date stage entered", "date entered", "entered date", "entered at", "entered",
      "changed at", "changed on", "change date", "changed date", "date changed", "modified on", "modified date",
      "modified at", "event date", "timestamp", "valid from", "fivetran start", "snapshot date", "as of date",
      "as of", "history date", "created date", "createddate", "created at", "created on", "date"],
  }),
  field({
    name: "exited", label: "Date exited", required: false, kind: "date",
    description: "When the deal left the stage, where the export says so.",
    // only a stage's own exit date: a snapshot's "valid to" ends the row's version, which an amount change also does
    synonyms: ["date stage exited", "date exited", "exited date", "exited at", "exited"],
  }),
  field({
    name: "amount", label: "Amount", required: false, kind: "number",
    description: "The deal's amount from that date on.",
    synonyms: ["amount", "new amount", "deal amount", "opportunity amount", "deal value", "close value", "value",
      "deal - value", "total amount", "contract value", "acv", "arr", "amount usd", "amount eur"],
  }),
  field({
    name: "closeDate", label: "Close date", required: false, kind: "date",
    description: "The deal's expected close date from that date on.",
    synonyms: ["close date", "closedate", "expected close date", "estimated close date", "estimatedclosedate",
      "new close date", "forecast close date", "deal - expected close date", "closing date"],
  }),
  field({
    name: "field", label: "Field", required: false, kind: "text",
    description: "In a field-history export: which field the row changes (its stage, amount or close date rows are read).",
    synonyms: ["field name", "changed field", "field changed", "attribute", "property name", "property"],
  }),
  field({
    name: "newValue", label: "New value", required: false, kind: "text",
    description: "In a field-history export: the field's value from that date on.",
    synonyms: ["newvalue", "to value", "value after", "changed to"],
  }),
]);

/** Field names, in a field-history export, of the stage, the amount and the expected close date. */
export const STAGE_FIELD_NAMES = ["stagename", "stage", "dealstage", "deal stage", "opportunity stage", "sales stage", "pipeline stage", "status"];
export const AMOUNT_FIELD_NAMES = ["amount", "deal amount", "deal value", "value", "opportunity amount", "estimated value", "estimatedvalue", "est revenue", "total amount"];
export const CLOSE_FIELD_NAMES = ["closedate", "close date", "expected close date", "estimated close date", "estimatedclosedate", "est close date", "closing date"];

/** A stage-history column on a deals table: which stage, and whether it dates the entry or the exit. */
export interface HistoryColumnHeader {
  kind: "entered" | "exited";
  /** The stage as written in the header, quotes and the "(Pipeline)" suffix removed. */
  stage: string;
  /** The pipeline named in the header ("Sales Pipeline"), when it names one. */
  pipeline?: string;
}

const COLUMN_RE = /^\s*(?:hs[\s_-]*(?:v2[\s_-]*)?)?date[\s_-]*(entered|exited)[\s_:-]*(.+?)\s*$/i;
const QUOTED_RE = /^["'“”‘’`](.*)["'“”‘’`]$/;
const PIPELINE_RE = /^(.*\S)\s*\(([^()]*)\)$/;

/**
 * Reads a header such as `Date entered "Appointment Scheduled (Sales Pipeline)"`, `Date exited 'Lost (Renewals)'`,
 * `hs_date_entered_closedwon` or `hs_v2_date_exited_12345`; null for any other header.
 * The "(Pipeline)" suffix is split off only inside HubSpot's quotes, where HubSpot always puts it.
 */
export function historyColumnHeader(header: string): HistoryColumnHeader | null {
  const m = COLUMN_RE.exec(header);
  if (!m) return null;
  const kind = m[1].toLowerCase() === "entered" ? "entered" : "exited";
  let stage = m[2].trim();
  const q = QUOTED_RE.exec(stage);
  let pipeline: string | undefined;
  if (q) {
    stage = q[1].trim();
    const p = PIPELINE_RE.exec(stage);
    if (p) {
      stage = p[1].trim();
      pipeline = p[2].trim();
    }
  }
  if (stage === "") return null;
  return { kind, stage, ...(pipeline ? { pipeline } : {}) };
}
