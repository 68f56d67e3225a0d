/**
 * The headers of the CRMs people use, as their exports write them (the sources are in docs/pipeline.md,
 * "Headers of the CRMs people use"): each maps to its field with no help.
 */
import { mapHeaders } from "../../src/pipeline/headers";
import { CANONICAL_FIELDS, readPipeline } from "../../src/pipeline";
import { grid } from "./helpers";

function fieldsOf(headers: string[]): Record<string, string> {
  return Object.fromEntries(mapHeaders(headers, CANONICAL_FIELDS).mapping.map((m) => [m.field, m.header]));
}

describe("CRM export headers map with no help", () => {
  it("Salesforce report and Data Loader (API names)", () => {
    expect(fieldsOf(["Opportunity ID", "Opportunity Name", "Account Name", "Opportunity Owner", "Stage", "Amount", "Probability (%)", "Close Date", "Created Date", "Lead Source", "Won", "Closed"])).toMatchObject({
      id: "Opportunity ID", account: "Account Name", owner: "Opportunity Owner", stage: "Stage", amount: "Amount", probability: "Probability (%)",
      closed: "Close Date", created: "Created Date", source: "Lead Source", isWon: "Won",
    });
    expect(fieldsOf(["Id", "Account.Name", "Owner.Name", "StageName", "Amount", "CloseDate", "CreatedDate", "IsClosed", "IsWon", "Probability"])).toEqual({
      id: "Id", account: "Account.Name", owner: "Owner.Name", stage: "StageName", amount: "Amount", closed: "CloseDate", created: "CreatedDate",
      isClosed: "IsClosed", isWon: "IsWon", probability: "Probability",
    });
  });

  it("Salesforce in German, French and Spanish", () => {
    expect(fieldsOf(["Opportunity-Inhaber", "Accountname", "Phase", "Betrag", "Schlusstermin", "Erstelldatum", "Lead-Quelle", "Wahrscheinlichkeit (%)"])).toEqual({
      owner: "Opportunity-Inhaber", account: "Accountname", stage: "Phase", amount: "Betrag", closed: "Schlusstermin", created: "Erstelldatum",
      source: "Lead-Quelle", probability: "Wahrscheinlichkeit (%)",
    });
    expect(fieldsOf(["Propriétaire de l'opportunité", "Nom du compte", "Étape", "Montant", "Date de clôture", "Date de création", "Origine de la piste", "Probabilité (%)"])).toEqual({
      owner: "Propriétaire de l'opportunité", account: "Nom du compte", stage: "Étape", amount: "Montant", closed: "Date de clôture",
      created: "Date de création", source: "Origine de la piste", probability: "Probabilité (%)",
    });
    expect(fieldsOf(["Propietario de la oportunidad", "Nombre de la cuenta", "Etapa", "Importe", "Fecha de cierre", "Fecha de creación", "Origen del candidato", "Probabilidad (%)"])).toEqual({
      owner: "Propietario de la oportunidad", account: "Nombre de la cuenta", stage: "Etapa", amount: "Importe", closed: "Fecha de cierre",
      created: "Fecha de creación", source: "Origen del candidato", probability: "Probabilidad (%)",
    });
  });

  it("HubSpot", () => {
    expect(fieldsOf(["Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Close Date", "Create Date", "Deal owner", "Associated Company", "Is Closed Won", "Is Deal Closed?"])).toEqual({
      id: "Record ID", stage: "Deal Stage", amount: "Amount", closed: "Close Date", created: "Create Date", owner: "Deal owner", account: "Associated Company",
      isWon: "Is Closed Won", isClosed: "Is Deal Closed?",
    });
  });

  it("Pipedrive, in its own column order", () => {
    expect(fieldsOf(["Deal - ID", "Deal - Title", "Deal - Owner", "Deal - Value", "Deal - Organization", "Deal - Stage", "Deal - Status", "Deal - Deal created",
      "Deal - Expected close date", "Deal - Won time", "Deal - Lost time", "Deal - Deal closed on", "Deal - Lost reason", "Deal - Probability"])).toEqual({
      id: "Deal - ID", owner: "Deal - Owner", amount: "Deal - Value", account: "Deal - Organization", stage: "Deal - Stage", outcome: "Deal - Status",
      created: "Deal - Deal created", expectedClose: "Deal - Expected close date", wonDate: "Deal - Won time", lostDate: "Deal - Lost time",
      closed: "Deal - Deal closed on", lossReason: "Deal - Lost reason", probability: "Deal - Probability",
    });
  });

  it("Zoho CRM", () => {
    expect(fieldsOf(["Record Id", "Deal Owner", "Deal Name", "Account Name", "Amount", "Closing Date", "Stage", "Probability (%)", "Expected Revenue", "Created Time", "Lead Source", "Reason For Loss"])).toEqual({
      id: "Record Id", owner: "Deal Owner", account: "Account Name", amount: "Amount", closed: "Closing Date", stage: "Stage", probability: "Probability (%)",
      created: "Created Time", source: "Lead Source", lossReason: "Reason For Loss",
    });
  });

  it("Dynamics 365 Sales, in English and German; its (Do Not Modify) columns are left out", () => {
    expect(fieldsOf(["(Do Not Modify) Opportunity", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On", "Topic", "Potential Customer", "Est. Close Date", "Est. Revenue",
      "Actual Revenue", "Actual Close Date", "Probability", "Status", "Status Reason", "Owner", "Created On"])).toEqual({
      account: "Potential Customer", expectedClose: "Est. Close Date", estimatedAmount: "Est. Revenue", amount: "Actual Revenue", closed: "Actual Close Date",
      probability: "Probability", outcome: "Status", owner: "Owner", created: "Created On",
    });
    expect(fieldsOf(["Thema", "Potenzieller Kunde", "Gesch. Abschlussdatum", "Gesch. Umsatz", "Tatsächlicher Umsatz", "Tatsächliches Abschlussdatum", "Statusgrund", "Besitzer", "Erstellt am"])).toEqual({
      account: "Potenzieller Kunde", expectedClose: "Gesch. Abschlussdatum", estimatedAmount: "Gesch. Umsatz", amount: "Tatsächlicher Umsatz",
      closed: "Tatsächliches Abschlussdatum", outcome: "Statusgrund", owner: "Besitzer", created: "Erstellt am",
    });
  });

  it("Close, Copper, Freshsales, monday sales CRM, SugarCRM", () => {
    expect(fieldsOf(["id", "lead_name", "status_label", "status_type", "value", "value_formatted", "confidence", "date_won", "date_lost", "date_created", "user_name"])).toMatchObject({
      id: "id", account: "lead_name", stage: "status_label", outcome: "status_type", probability: "confidence", wonDate: "date_won", lostDate: "date_lost",
      created: "date_created", owner: "user_name",
    });
    expect(fieldsOf(["Name", "Company", "Status", "Pipeline Stage", "Value", "Close Date", "Owner", "Loss Reason", "Win Probability", "Date Created"])).toEqual({
      account: "Company", outcome: "Status", stage: "Pipeline Stage", amount: "Value", closed: "Close Date", owner: "Owner", lossReason: "Loss Reason",
      probability: "Win Probability", created: "Date Created",
    });
    expect(fieldsOf(["Name", "Deal value", "Deal stage", "Deal pipeline", "Expected close date", "Closed date", "Sales owner", "Account name", "Lost reason", "Probability (%)", "Created at"])).toEqual({
      amount: "Deal value", stage: "Deal stage", expectedClose: "Expected close date", closed: "Closed date", owner: "Sales owner", account: "Account name",
      lossReason: "Lost reason", probability: "Probability (%)", created: "Created at",
    });
    expect(fieldsOf(["Deal", "Owner", "Deal Stage", "Deal Value", "Close Probability", "Forecast Value", "Expected Close Date", "Actual Close Date"])).toEqual({
      owner: "Owner", stage: "Deal Stage", amount: "Deal Value", probability: "Close Probability", expectedClose: "Expected Close Date", closed: "Actual Close Date",
    });
    expect(fieldsOf(["Opportunity Name", "Account Name", "Sales Stage", "Sales Status", "Expected Close Date", "Opportunity Amount", "Probability (%)", "Assigned to", "Lead Source", "Date Created"])).toEqual({
      account: "Account Name", stage: "Sales Stage", outcome: "Sales Status", expectedClose: "Expected Close Date", amount: "Opportunity Amount",
      probability: "Probability (%)", owner: "Assigned to", source: "Lead Source", created: "Date Created",
    });
  });

  it("Close writes value in cents beside value_formatted: the formatted text is the amount", () => {
    const data = readPipeline(grid([["lead_name", "status_type", "value", "value_formatted", "date_won"], ["Acme", "won", 300000, "$3,000", "2017-01-05"], ["Bolt", "active", 5000, "$50", ""]]));
    expect(data.mapping.find((m) => m.field === "amount")).toMatchObject({ header: "value_formatted", how: "content" });
    expect(Array.from(data.deals.amount)).toEqual([3000, 50]);
  });
});
