import { CANONICAL_FIELDS, inspectSheet, readPipeline, classifySource, classifyStage, OUTCOME_WON, OUTCOME_LOST, OUTCOME_OPEN } from "../../src/pipeline";
import { mapHeaders, findHeaderRow, scoreHeader } from "../../src/pipeline/headers";
import { tableOf } from "../../src/pipeline/table";
import { grid } from "./helpers";

const fieldsOf = (headers: string[]) => Object.fromEntries(mapHeaders(headers, CANONICAL_FIELDS).mapping.map((m) => [m.field, m.header]));

describe("header → field mapping", () => {
  it("the canonical fields are one frozen list with unique names, stage and amount required", () => {
    const names = CANONICAL_FIELDS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(CANONICAL_FIELDS.filter((f) => f.required).map((f) => f.name)).toEqual(["stage", "amount"]);
    expect(Object.isFrozen(CANONICAL_FIELDS)).toBe(true);
    for (const f of ["id", "stage", "amount", "created", "closed", "owner", "account", "source", "partner", "product", "segment", "price", "complexity", "lossReason", "competitor"]) {
      expect(names).toContain(f);
    }
  });

  it("maps a Salesforce opportunity report", () => {
    expect(fieldsOf(["Opportunity Name", "Account Name", "Opportunity Owner", "Stage", "Amount (USD)", "Close Date", "Created Date", "Lead Source", "Probability (%)", "Type", "Primary Competitor", "Closed Lost Reason"])).toEqual({
      account: "Account Name", owner: "Opportunity Owner", stage: "Stage", amount: "Amount (USD)", closed: "Close Date",
      created: "Created Date", source: "Lead Source", competitor: "Primary Competitor", lossReason: "Closed Lost Reason",
      probability: "Probability (%)",
    });
  });

  it("maps a HubSpot deals export (including internal property names)", () => {
    expect(fieldsOf(["Record ID", "Deal Name", "Deal Stage", "Amount", "Create Date", "Close Date", "Deal owner", "Original Source", "Associated Company"])).toEqual({
      id: "Record ID", stage: "Deal Stage", amount: "Amount", created: "Create Date", closed: "Close Date", owner: "Deal owner",
      source: "Original Source", account: "Associated Company",
    });
    expect(fieldsOf(["hs_object_id", "dealstage", "amount", "createdate", "closedate", "hubspot_owner_id"])).toEqual({
      id: "hs_object_id", stage: "dealstage", amount: "amount", created: "createdate", closed: "closedate", owner: "hubspot_owner_id",
    });
  });

  it("maps a Pipedrive export", () => {
    expect(fieldsOf(["Deal - ID", "Deal - Title", "Deal - Value", "Deal - Stage", "Deal - Owner", "Deal - Organization", "Deal - Deal created", "Deal - Won time", "Deal - Lost reason"])).toEqual({
      id: "Deal - ID", amount: "Deal - Value", stage: "Deal - Stage", owner: "Deal - Owner", account: "Deal - Organization",
      created: "Deal - Deal created", wonDate: "Deal - Won time", lossReason: "Deal - Lost reason",
    });
  });

  it("is case and punctuation blind, and does not take look-alike headers", () => {
    expect(fieldsOf(["DEAL_STAGE", "close-value", "closeDate"])).toEqual({ stage: "DEAL_STAGE", amount: "close-value", closed: "closeDate" });
    // "Weighted Amount", "Has Company" and "Expected Revenue" contain a field word but mean something else.
    expect(fieldsOf(["Weighted Amount", "Has Company", "Expected Revenue", "Stage Duration Days"])).toEqual({});
    expect(scoreHeader("Opportunity Amount", CANONICAL_FIELDS.find((f) => f.name === "amount")!)).toMatchObject({ confidence: 0.9 });
    expect(scoreHeader("Total Deal Amount", CANONICAL_FIELDS.find((f) => f.name === "amount")!)?.confidence).toBeCloseTo(0.65, 5);
  });

  it("lets the user override any mapping and say a field is absent", () => {
    const r = mapHeaders(["Stage", "Amount", "Net Amount"], CANONICAL_FIELDS, { amount: "net_amount", "Close date": "none" });
    expect(r.mapping.find((m) => m.field === "amount")).toMatchObject({ header: "Net Amount", how: "user" });
    expect(r.declaredAbsent.has("closed")).toBe(true);
    expect(r.unmappedHeaders).toEqual(["Amount"]);
    // amount=none lets a table without amounts through.
    const data = readPipeline(grid([["Stage", "Owner"], ["Won", "Ann"]]), { map: { amount: "none" } });
    expect(Number.isNaN(data.deals.amount[0])).toBe(true);
  });

  it("finds the header row below titles and notes, not a data row", () => {
    const values = [["Q3 pipeline"], ["exported 2017-10-01", ""], [], ["Stage", "Amount", "Owner"], ["Won", 1, "Ann"]];
    expect(findHeaderRow(tableOf(grid(values))).index).toBe(3);
    // A row of numbers is never a header; an all-text row with known names wins over one without.
    expect(findHeaderRow(tableOf(grid([["a", 1], ["Stage", "Amount"], ["x", 2]]))).index).toBe(1);
  });
});

describe("inspectSheet", () => {
  it("describes a pipeline sheet cheaply: header row, mapping, candidates, what is missing", () => {
    const values: unknown[][] = [["My export"], ["Opp", "Step", "Value USD", "Rep", "Notes"]];
    for (let i = 0; i < 5000; i++) values.push([`O-${i}`, i % 3 ? "Won" : "Lost", 1000 + i, "Ann", "x"]);
    const insp = inspectSheet(grid(values));
    expect(insp.headerRowIndex).toBe(1);
    expect(insp.dataRows).toBe(5000);
    expect(insp.mapping.map((m) => [m.field, m.header])).toEqual([["amount", "Value USD"], ["owner", "Rep"]]);
    expect(insp.missingRequired).toEqual(["stage"]);
    expect(insp.looksLikePipeline).toBe(false);
    expect(insp.unmappedHeaders).toEqual(["Opp", "Step", "Notes"]);
    // The stage column is offered from its content, never mapped silently.
    expect(insp.candidates.stage[0]).toMatchObject({ header: "Step", column: 1 });
    expect(insp.candidates.stage[0].confidence).toBeLessThan(0.55);
  });

  it("ranks a pipeline above a lookup table, and an empty or header-less sheet at zero", () => {
    const pipe = inspectSheet(grid([["Stage", "Amount", "Close Date"], ["Won", 5, 42795]]));
    const lookup = inspectSheet(grid([["Product", "Price"], ["Pro", 100]]));
    expect(pipe.looksLikePipeline).toBe(true);
    expect(pipe.score).toBeGreaterThan(lookup.score);
    expect(lookup.looksLikePipeline).toBe(false);
    for (const g of [grid([]), grid([[1, 2], [3, 4]])]) {
      const e = inspectSheet(g);
      expect(e).toMatchObject({ headerRowIndex: -1, looksLikePipeline: false, score: 0, dataRows: 0 });
    }
  });
});

describe("stage and source vocabularies", () => {
  it.each([
    ["Closed Won", OUTCOME_WON], ["closedwon", OUTCOME_WON], ["Won", OUTCOME_WON], ["closed_won", OUTCOME_WON],
    ["Closed Lost", OUTCOME_LOST], ["closedlost", OUTCOME_LOST], ["Lost", OUTCOME_LOST], ["Disqualified", OUTCOME_LOST],
    ["Prospecting", OUTCOME_OPEN], ["Negotiation/Review", OUTCOME_OPEN], ["contractsent", OUTCOME_OPEN],
  ])("%s", (label, outcome) => {
    const c = classifyStage(label);
    expect(c.outcome).toBe(outcome);
    expect(c.known).toBe(true);
  });

  it.each([
    ["paid_search", "marketing"], ["organic_search", "marketing"], ["social", "marketing"], ["email", "marketing"],
    ["referral", "marketing"], ["direct_traffic", "marketing"], ["display", "marketing"], ["other_publicities", "marketing"],
    ["unknown", "other"], ["Outbound", "sales"], ["Cold Call", "sales"], ["Partner Referral", "partner"], ["Reseller", "partner"],
    ["Google Ads - Brand", "marketing"], ["Trade Show", "marketing"], ["Carrier pigeon", "other"],
  ])("%s → %s", (name, kind) => {
    expect(classifySource(name).kind).toBe(kind);
  });
});
