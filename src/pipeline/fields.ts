/**
 * The canonical pipeline fields: the ONE definition of their names, labels, whether they are required and
 * the header spellings (Salesforce, HubSpot, Pipedrive, plain English, the shared datasets) that map to them.
 * Matching is case and punctuation blind (see headers.ts), so "Close Date", "close_date" and "CloseDate"
 * are one synonym.
 */

export type FieldKind = "id" | "stage" | "number" | "date" | "text";

export interface CanonicalField {
  readonly name: string;
  readonly label: string;
  /** A deals table cannot be read without it (see `requiredAlternatives`). */
  readonly required: boolean;
  readonly kind: FieldKind;
  readonly description: string;
  readonly synonyms: readonly string[];
}

const field = (f: CanonicalField): CanonicalField => Object.freeze({ ...f, synonyms: Object.freeze([...f.synonyms]) });

export const CANONICAL_FIELDS: readonly CanonicalField[] = Object.freeze([
  field({
    name: "id", label: "Deal ID", required: false, kind: "id",
    description: "Unique id of the deal / opportunity; duplicates are reported.",
    synonyms: ["deal id", "opportunity id", "opportunity_id", "opp id", "record id", "dealid", "hs object id",
      "deal - id", "id", "opportunity number", "deal number", "lead id", "mql id"],
  }),
  field({
    name: "stage", label: "Stage", required: true, kind: "stage",
    description: "Deal stage; won / lost / open are read from its spelling.",
    synonyms: ["deal stage", "dealstage", "deal_stage", "stage name", "stagename", "opportunity stage",
      "sales stage", "pipeline stage", "deal - stage", "status", "deal status", "opportunity status",
      "outcome", "result", "win loss", "won lost"],
  }),
  field({
    name: "amount", label: "Amount", required: true, kind: "number",
    description: "Deal value in the workbook's currency (won value for won deals).",
    synonyms: ["amount", "close value", "close_value", "deal value", "deal amount", "opportunity amount",
      "value", "deal - value", "total amount", "total value", "contract value", "acv", "tcv", "arr",
      "booking", "bookings", "sales value", "won amount", "revenue", "amount usd", "amount eur"],
  }),
  field({
    name: "created", label: "Created date", required: false, kind: "date",
    description: "When the deal was created / engaged (start of the sales cycle).",
    synonyms: ["created date", "create date", "createdate", "created", "created at", "creation date",
      "date created", "engage date", "engage_date", "engaged date", "open date", "opened date",
      "start date", "deal created", "deal - deal created", "first contact date", "first_contact_date"],
  }),
  field({
    name: "closed", label: "Close date", required: false, kind: "date",
    description: "When the deal was won or lost (for open deals: the expected close date, kept as given).",
    synonyms: ["close date", "closedate", "close_date", "closed date", "date closed", "closed at",
      "closed on", "deal closed on", "deal - deal closed on", "expected close date", "close"],
  }),
  field({
    name: "wonDate", label: "Won date", required: false, kind: "date",
    description: "Date the deal was won; without a stage column, a row with a won date is a won deal.",
    synonyms: ["won date", "won_date", "date won", "won time", "won on", "closed won date", "deal - won time"],
  }),
  field({
    name: "owner", label: "Owner / rep", required: false, kind: "text",
    description: "The sales rep who owns the deal.",
    synonyms: ["owner", "opportunity owner", "deal owner", "sales agent", "sales_agent", "sales rep", "rep",
      "account executive", "ae", "salesperson", "sales person", "assigned to", "deal - owner", "owner name",
      "hubspot owner", "hubspot owner id", "sr id", "sales representative"],
  }),
  field({
    name: "account", label: "Account / customer", required: false, kind: "text",
    description: "The buying account; customers are counted as distinct accounts.",
    synonyms: ["account", "account name", "company", "company name", "customer", "customer name", "client",
      "client name", "organization", "organisation", "organization name", "deal - organization",
      "associated company", "buyer"],
  }),
  field({
    name: "source", label: "Source / channel", required: false, kind: "text",
    description: "Where the deal or lead came from; normalised to marketing / sales / partner / other.",
    synonyms: ["source", "lead source", "leadsource", "origin", "lead origin", "channel", "original source",
      "hs analytics source", "deal - source", "acquisition channel", "marketing channel", "source channel",
      "utm source", "deal source", "opportunity source"],
  }),
  field({
    name: "partner", label: "Partner", required: false, kind: "text",
    description: "The channel partner / reseller on the deal.",
    synonyms: ["partner", "partner name", "channel partner", "reseller", "referral partner", "partner account",
      "distributor", "var"],
  }),
  field({
    name: "product", label: "Product", required: false, kind: "text",
    description: "Product or plan sold.",
    synonyms: ["product", "product name", "products", "product line", "plan", "sku", "line item", "offering"],
  }),
  field({
    name: "segment", label: "Segment", required: false, kind: "text",
    description: "Customer segment / industry / tier.",
    synonyms: ["segment", "business segment", "business_segment", "customer segment", "market segment",
      "industry", "vertical", "sector", "tier"],
  }),
  field({
    name: "price", label: "Price", required: false, kind: "number",
    description: "List or unit price (the sweet-spot price axis when present).",
    synonyms: ["price", "list price", "unit price", "sales price", "sales_price", "listprice", "price point"],
  }),
  field({
    name: "complexity", label: "Complexity", required: false, kind: "text",
    description: "Deal or product complexity: a score or a label such as High / Low.",
    synonyms: ["complexity", "deal complexity", "product complexity", "solution complexity", "complexity score"],
  }),
  field({
    name: "lossReason", label: "Loss reason", required: false, kind: "text",
    description: "Why a lost deal was lost (time bomb 5 looks for competitors and product gaps).",
    synonyms: ["loss reason", "lost reason", "closed lost reason", "reason lost", "deal - lost reason",
      "win loss reason", "reason", "closed_lost_reason", "lost reason detail", "reason for loss"],
  }),
  field({
    name: "competitor", label: "Competitor", required: false, kind: "text",
    description: "The competitor on the deal (or the one it was lost to).",
    synonyms: ["competitor", "competitors", "primary competitor", "main competitor", "lost to", "competition"],
  }),
]);

/** Fields a leads / MQL table can carry (the join key is found separately). */
export const LEAD_FIELDS: readonly string[] = Object.freeze(["id", "created", "source", "segment", "owner"]);

export function fieldByName(name: string): CanonicalField | undefined {
  const key = name.trim().toLowerCase();
  return CANONICAL_FIELDS.find((f) => f.name.toLowerCase() === key || f.label.toLowerCase() === key);
}
