import { readFileSync } from "fs";
import { join } from "path";
import { readPipeline, OUTCOME_WON, serialToParts, SOURCE_KINDS } from "../../src/pipeline";
import { csvToGrid } from "../support/csv-grid";

const dir = join(__dirname, "../fixtures/olist-funnel");
const mqlText = readFileSync(join(dir, "olist_marketing_qualified_leads_dataset.csv"), "utf8");
const dealText = readFileSync(join(dir, "olist_closed_deals_dataset.csv"), "utf8");

/** Independent reading: the MQL file has no quotes; in the deals file the first five fields never do. */
function independent() {
  const mqls = mqlText.split(/\r?\n/).slice(1).filter((l) => l !== "").map((l) => l.split(","));
  const deals = dealText.split(/\r?\n/).slice(1).filter((l) => l !== "").map((l) => l.split(",").slice(0, 5));
  const originOf = new Map(mqls.map((r) => [r[0], r[3]]));
  const leadsByOrigin = new Map<string, number>();
  for (const r of mqls) leadsByOrigin.set(r[3], (leadsByOrigin.get(r[3]) ?? 0) + 1);
  const wonByOrigin = new Map<string, number>();
  let joined = 0;
  for (const d of deals) {
    if (!originOf.has(d[0])) continue;
    joined++;
    const o = originOf.get(d[0])!;
    wonByOrigin.set(o, (wonByOrigin.get(o) ?? 0) + 1);
  }
  const firstDeal = deals[0];
  const [dd, mm, rest] = firstDeal[4].split("-");
  const [yyyy, time] = rest.split(" ");
  return {
    mqls: mqls.length, deals: deals.length, joined, leadsByOrigin, wonByOrigin,
    firstWon: { year: +yyyy, month: +mm, day: +dd, time },
    quotesInKeyFields: deals.some((d) => d.join(",").includes('"')),
  };
}

describe("Olist marketing funnel: 8,000 MQLs joined to 842 closed deals on mql_id", () => {
  const leads = csvToGrid(mqlText, "MQLs");
  const deals = csvToGrid(dealText, "Closed deals");
  const expected = independent();
  const data = readPipeline(deals, { leads });

  it("the independent reading is valid for the fields it uses", () => {
    expect(expected.quotesInKeyFields).toBe(false);
    expect(expected.mqls).toBe(8000);
    expect(expected.deals).toBe(842);
  });

  it("joins every deal to its lead on the shared id column, without being told the key", () => {
    expect(data.join).toEqual({ dealsHeader: "mql_id", leadsHeader: "mql_id", matched: expected.joined, unmatched: 0, leadsWithDeals: 842 });
    expect(expected.joined).toBe(842);
    expect(data.leads?.count).toBe(8000);
    for (let i = 0; i < data.deals.count; i++) expect(data.deals.leadIndex[i]).toBeGreaterThanOrEqual(0);
  });

  it("reads a closed-deals table without a stage column: every row has a won date, so all 842 are won", () => {
    expect(data.mapping.find((m) => m.field === "wonDate")?.header).toBe("won_date");
    expect(data.mapping.some((m) => m.field === "amount")).toBe(false);
    let won = 0;
    for (let i = 0; i < data.deals.count; i++) if (data.deals.outcome[i] === OUTCOME_WON) won++;
    expect(won).toBe(842);
    expect(data.diagnostics.some((d) => d.reason === "no-amount" && d.severity === "warning")).toBe(true);
  });

  it("counts leads, and won deals, by origin as the independent count does", () => {
    const l = data.leads!;
    const leadsByOrigin = new Map<string, number>();
    for (let i = 0; i < l.count; i++) {
      const c = l.channel.codes[i];
      const o = c < 0 ? "" : l.channel.labels[c];
      leadsByOrigin.set(o, (leadsByOrigin.get(o) ?? 0) + 1);
    }
    expect([...leadsByOrigin.entries()].sort()).toEqual([...expected.leadsByOrigin.entries()].sort());
    const wonByOrigin = new Map<string, number>();
    for (let i = 0; i < data.deals.count; i++) {
      const li = data.deals.leadIndex[i];
      const c = l.channel.codes[li];
      const o = c < 0 ? "" : l.channel.labels[c];
      wonByOrigin.set(o, (wonByOrigin.get(o) ?? 0) + 1);
    }
    expect([...wonByOrigin.entries()].sort()).toEqual([...expected.wonByOrigin.entries()].sort());
  });

  it("classifies every Olist origin: web channels are marketing, unknown / other are other", () => {
    const l = data.leads!;
    const kindOf = (origin: string) => {
      const code = l.channel.labels.indexOf(origin);
      const i = Array.from(l.channel.codes).indexOf(code);
      return SOURCE_KINDS[l.sourceKind[i]];
    };
    for (const o of ["paid_search", "organic_search", "social", "email", "referral", "direct_traffic", "display", "other_publicities"]) {
      expect([o, kindOf(o)]).toEqual([o, "marketing"]);
    }
    expect(kindOf("unknown")).toBe("other");
    expect(kindOf("other")).toBe("other");
    expect(data.diagnostics.filter((d) => d.reason === "unknown-source")).toEqual([]);
  });

  it("reads DD-MM-YYYY dates (with times) day first and gives deals their lead's first contact as created date", () => {
    const won = data.dateFormats.find((f) => f.header === "won_date")!;
    expect(won.format).toBe("D-M-YYYY");
    expect(won.reason).toMatch(/first part above 12/);
    const p = serialToParts(data.deals.closed[0]);
    expect({ year: p.year, month: p.month, day: p.day }).toEqual({ year: expected.firstWon.year, month: expected.firstWon.month, day: expected.firstWon.day });
    const [hh, mi] = expected.firstWon.time.split(":").map(Number);
    expect(data.deals.closed[0] % 1).toBeCloseTo((hh * 60 + mi) / 1440, 9);
    const l = data.leads!;
    for (let i = 0; i < data.deals.count; i++) expect(data.deals.created[i]).toBe(l.created[data.deals.leadIndex[i]]);
    // Leads became deals after first contact.
    let before = 0;
    for (let i = 0; i < data.deals.count; i++) if (Math.floor(data.deals.closed[i]) < data.deals.created[i]) before++;
    expect(before).toBe(data.diagnostics.filter((d) => d.reason === "close-before-created").length);
  });

  it("lets the user name the join key, and says when a named key is missing", () => {
    const named = readPipeline(deals, { leads, joinKey: { deals: "MQL ID", leads: "mql id" } });
    expect(named.join?.matched).toBe(842);
    expect(() => readPipeline(deals, { leads, joinKey: { deals: "lead_ref" } })).toThrow(/no column "lead_ref" to join on/);
  });
});
