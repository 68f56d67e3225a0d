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
    description: "Deal stage (the funnel position); won / lost / open are read from its spelling unless a status column says them.",
    synonyms: ["deal stage", "dealstage", "deal_stage", "stage name", "stagename", "opportunity stage",
      "sales stage", "pipeline stage", "deal - stage", "deal stage pipeline", "phase", "pipeline phase",
      "deal phase", "sales phase", "status label",
      // German, French, Spanish, Portuguese, Dutch
      "verkaufsphase", "etape", "etape de vente", "etapa", "etapa de venta", "fase", "fase de venda", "estagio",
      "verkoopfase"],
  }),
  field({
    name: "outcome", label: "Status / outcome", required: false, kind: "stage",
    description: "A status column that says won / lost / open beside the stage column (Pipedrive's Status, Dynamics 365's Status); chosen by content.",
    synonyms: ["status", "deal status", "deal - status", "opportunity status", "outcome", "result", "win loss",
      "won lost", "status reason", "status type", "sales status",
      "statusgrund", "statut", "raison du statut", "estado", "razon para el estado", "motivo do status"],
  }),
  field({
    name: "amount", label: "Amount", required: true, kind: "number",
    description: "Deal value in the workbook's currency (won value for won deals).",
    synonyms: ["amount", "close value", "close_value", "deal value", "deal amount", "opportunity amount",
      "value", "deal - value", "total amount", "total value", "contract value", "acv", "tcv", "arr",
      "booking", "bookings", "sales value", "won amount", "revenue", "amount usd", "amount eur", "actual revenue",
      "monetary value", "amount usdollar", "value formatted",
      "betrag", "wert", "auftragswert", "umsatz", "tatsachlicher umsatz", "montant", "valeur",
      "chiffre d affaires reel", "importe", "monto", "valor", "ingresos reales", "receita real", "bedrag",
      "waarde", "werkelijke omzet"],
  }),
  field({
    name: "estimatedAmount", label: "Estimated amount", required: false, kind: "number",
    description: "The estimated deal value (Dynamics 365's Est. Revenue): the amount where the amount column is blank.",
    synonyms: ["est revenue", "estimated revenue", "est value", "estimated value", "estimated amount",
      "potential revenue", "gesch umsatz", "geschatzter umsatz", "chiffre d affaires estime", "ingresos estimados",
      "receita estimada", "geschatte omzet"],
  }),
  field({
    name: "created", label: "Created date", required: false, kind: "date",
    description: "When the deal was created / engaged (start of the sales cycle).",
    synonyms: ["created date", "create date", "createdate", "created", "created at", "creation date",
      "date created", "engage date", "engage_date", "engaged date", "open date", "opened date",
      "start date", "deal created", "deal - deal created", "first contact date", "first_contact_date",
      "created on", "created time", "add time", "deal - add time", "date entered",
      "erstellt am", "erstelldatum", "anlagedatum", "date de creation", "cree le", "fecha de creacion",
      "creado el", "fecha creacion", "data de criacao", "criado em", "gemaakt op", "aanmaakdatum"],
  }),
  field({
    name: "closed", label: "Close date", required: false, kind: "date",
    description: "When the deal was actually won or lost. A close date on an open deal is its expected close date and is kept apart.",
    synonyms: ["close date", "closedate", "close_date", "closed date", "date closed", "closed at",
      "closed on", "deal closed on", "deal - deal closed on", "close", "closing date", "actual close date",
      "actual close", "closed time",
      "schlusstermin", "abschlussdatum", "tatsachliches abschlussdatum", "date de cloture",
      "date de cloture reelle", "fecha de cierre", "fecha de cierre real", "data de fechamento",
      "data de fechamento real", "sluitingsdatum", "werkelijke sluitingsdatum"],
  }),
  field({
    name: "wonDate", label: "Won date", required: false, kind: "date",
    description: "Date the deal was won; without a stage column, a row with a won date is a won deal.",
    synonyms: ["won date", "won_date", "date won", "won time", "won on", "won at", "closed won date", "deal - won time",
      "gewonnen am", "date de gain", "fecha de ganada"],
  }),
  field({
    name: "lostDate", label: "Lost date", required: false, kind: "date",
    description: "Date the deal was lost; without a stage column, a row with a lost date is a lost deal.",
    synonyms: ["lost date", "lost_date", "date lost", "lost time", "lost on", "lost at", "closed lost date",
      "deal - lost time", "verloren am", "date de perte", "fecha de perdida"],
  }),
  field({
    name: "expectedClose", label: "Expected close date", required: false, kind: "date",
    description: "The expected / forecast close date: kept for slippage, never used to place revenue in a period.",
    synonyms: ["expected close date", "expected close", "expected closing date", "est close date",
      "estimated close date", "forecast close date", "projected close date", "target close date",
      "deal - expected close date", "expected close date pipeline", "voraussichtliches abschlussdatum",
      "gesch abschlussdatum", "date de cloture estimee", "date de cloture prevue", "fecha de cierre estimada",
      "fecha prevista de cierre", "data de fechamento prevista", "verwachte sluitingsdatum"],
  }),
  field({
    name: "owner", label: "Owner / rep", required: false, kind: "text",
    description: "The sales rep who owns the deal.",
    synonyms: ["owner", "opportunity owner", "deal owner", "sales agent", "sales_agent", "sales rep", "rep",
      "account executive", "ae", "salesperson", "sales person", "assigned to", "deal - owner", "owner name",
      "hubspot owner", "hubspot owner id", "sr id", "sales representative", "sales owner", "user name", "person",
      "assignee", "assigned user name",
      "assigned user", "besitzer", "opportunity inhaber", "inhaber", "verantwortlicher", "vertriebsmitarbeiter",
      "proprietaire", "proprietaire de l opportunite", "commercial", "propietario",
      "propietario de la oportunidad", "vendedor", "proprietario", "eigenaar"],
  }),
  field({
    name: "account", label: "Account / customer", required: false, kind: "text",
    description: "The buying account; customers are counted as distinct accounts.",
    synonyms: ["account", "account name", "company", "company name", "customer", "customer name", "client",
      "client name", "organization", "organisation", "organization name", "deal - organization",
      "associated company", "buyer", "potential customer", "lead name", "accountname", "firma", "kunde",
      "unternehmen", "potenzieller kunde", "nom du compte", "compte", "societe", "client potentiel",
      "nombre de la cuenta", "cuenta", "cliente", "empresa", "cliente potencial", "nome da conta", "bedrijf",
      "klant", "potentiele klant"],
  }),
  field({
    name: "source", label: "Source / channel", required: false, kind: "text",
    description: "Where the deal or lead came from; normalised to marketing / sales / partner / other.",
    synonyms: ["source", "lead source", "leadsource", "origin", "lead origin", "channel", "original source",
      "hs analytics source", "deal - source", "acquisition channel", "marketing channel", "source channel",
      "utm source", "deal source", "opportunity source", "lead quelle", "quelle", "herkunft",
      "origine de la piste", "origine", "origen del candidato", "origen", "fuente", "origem do lead", "origem",
      "bron"],
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
    synonyms: ["product", "product name", "products", "product line", "plan", "sku", "line item", "offering",
      "produkt", "produit", "producto", "produto"],
  }),
  field({
    name: "segment", label: "Segment", required: false, kind: "text",
    description: "Customer segment / industry / tier.",
    synonyms: ["segment", "business segment", "business_segment", "customer segment", "market segment",
      "industry", "vertical", "sector", "tier", "branche", "secteur", "secteur d activite", "industria", "setor"],
  }),
  field({
    name: "price", label: "Price", required: false, kind: "number",
    description: "List or unit price (the sweet-spot price axis when present).",
    synonyms: ["price", "list price", "unit price", "sales price", "sales_price", "listprice", "price point",
      "preis", "listenpreis", "prix", "precio", "preco"],
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
      "win loss reason", "reason", "closed_lost_reason", "lost reason detail", "reason for loss",
      "verlustgrund", "raison de la perte", "motif de perte", "motivo de perdida", "razon de perdida",
      "motivo da perda", "reden verlies"],
  }),
  field({
    name: "competitor", label: "Competitor", required: false, kind: "text",
    description: "The competitor on the deal (or the one it was lost to).",
    synonyms: ["competitor", "competitors", "primary competitor", "main competitor", "lost to", "competition",
      "wettbewerber", "mitbewerber", "concurrent", "competidor", "concorrente"],
  }),
  field({
    name: "probability", label: "Probability", required: false, kind: "number",
    description: "Win probability in % (100 on won deals, 0 on lost ones in most CRMs): evidence for the outcome.",
    synonyms: ["probability", "probability %", "win probability", "close probability", "deal probability",
      "deal - probability", "confidence", "wahrscheinlichkeit", "probabilite", "probabilidad", "probabilidade",
      "winkans"],
  }),
  field({
    name: "isWon", label: "Won (yes/no)", required: false, kind: "text",
    description: "A yes/no column saying the deal is won (Salesforce's Won checkbox, HubSpot's Is Closed Won): evidence for the outcome.",
    synonyms: ["is won", "won", "is closed won", "hs is closed won", "closed won flag"],
  }),
  field({
    name: "isClosed", label: "Closed (yes/no)", required: false, kind: "text",
    description: "A yes/no column saying the deal is closed (Salesforce's Closed checkbox, HubSpot's Is Deal Closed?): evidence for the outcome.",
    synonyms: ["is closed", "is deal closed", "hs is closed", "closed flag"],
  }),
]);

/** Fields a leads / MQL table can carry (the join key is found separately). */
export const LEAD_FIELDS: readonly string[] = Object.freeze(["id", "created", "source", "segment", "owner"]);

export function fieldByName(name: string): CanonicalField | undefined {
  const key = name.trim().toLowerCase();
  return CANONICAL_FIELDS.find((f) => f.name.toLowerCase() === key || f.label.toLowerCase() === key);
}
