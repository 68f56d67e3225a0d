/**
 * Every loud warning (PipelineData.warnings): when it fires, the column it names and the flag that fixes it;
 * and a clean table raises none.
 */
import { readPipeline, type PipelineData, type PipelineWarning } from "../../src/pipeline";
import { grid } from "./helpers";

const reasons = (d: PipelineData) => d.warnings.map((w) => w.reason);
const warning = (d: PipelineData, reason: string): PipelineWarning => {
  const w = d.warnings.find((x) => x.reason === reason);
  if (!w) throw new Error(`no ${reason} warning; got ${JSON.stringify(d.warnings)}`);
  return w;
};

/** n clean deals: half won, a quarter lost, a quarter open, each with an owner, an amount and dates. */
function clean(n: number): unknown[][] {
  const rows: unknown[][] = [["Deal ID", "Stage", "Amount", "Owner", "Created Date", "Close Date"]];
  for (let i = 0; i < n; i++) {
    const stage = i % 4 < 2 ? "Closed Won" : i % 4 === 2 ? "Closed Lost" : "Negotiation";
    rows.push([`D${i}`, stage, 100 + i, i % 3 ? "Ann" : "Bob", "2017-01-02", stage === "Negotiation" ? "" : "2017-03-04"]);
  }
  return rows;
}

describe("loud warnings", () => {
  it("none for a clean table", () => {
    expect(readPipeline(grid(clean(40))).warnings).toEqual([]);
  });

  it("many-rows-skipped: over 20% of data rows unused (no stage), naming the column", () => {
    const rows = clean(40);
    for (let i = 1; i <= 12; i++) rows[i][1] = "";
    const w = warning(readPipeline(grid(rows)), "many-rows-skipped");
    expect(w.message).toMatch(/^12 of 40 data rows \(30%\) were not used: 12 have no value in "Stage"\.$/);
    expect(w.header).toBe("Stage");
    // 20% or less is not loud
    const few = clean(40);
    for (let i = 1; i <= 8; i++) few[i][1] = "";
    expect(reasons(readPipeline(grid(few)))).not.toContain("many-rows-skipped");
  });

  it("no-closed-deals: every deal reads as open; the fix names --won / --lost with the column's own values", () => {
    const rows = clean(8).map((r, i) => (i === 0 ? r : [r[0], i % 2 ? "Proposal" : "Negotiation", r[2], r[3], r[4], ""]));
    const w = warning(readPipeline(grid(rows)), "no-closed-deals");
    expect(w.header).toBe("Stage");
    expect(w.fix).toMatch(/--won "(Proposal|Negotiation)" --lost "(Proposal|Negotiation)"/);
  });

  it("no-lost-deals / no-won-deals: a 100% (or 0%) win rate while some stage words are unknown", () => {
    const rows = [["Status", "Amount", "Close Date"], ["Won", 1, "2017-01-01"], ["Won", 2, "2017-01-02"], ["Kaputt", 3, ""], ["Kaputt", 4, ""], ["Negotiation", 5, ""]];
    const w = warning(readPipeline(grid(rows)), "no-lost-deals");
    expect(w.message).toMatch(/No deal is lost \(2 won\), so the win rate is 100%; .*"Kaputt" \(2\)/);
    expect(w.fix).toBe('if one of them means lost, --lost "Kaputt"');
    const lostOnly = [["Status", "Amount", "Close Date"], ["Lost", 1, "2017-01-01"], ["Hurra", 2, ""]];
    expect(warning(readPipeline(grid(lostOnly)), "no-won-deals").fix).toBe('if one of them means won, --won "Hurra"');
    // every stage word known: no warning (a table of won deals only, such as Olist's closed deals)
    expect(reasons(readPipeline(grid([["Status", "Amount", "Close Date"], ["Won", 1, "2017-01-01"]])))).toEqual([]);
  });

  it("unused-outcome-column: a stage-like column that says won / lost differently from the one used", () => {
    const rows = [["Stage", "Result", "Amount", "Close Date"], ["Closed Won", "Lost", 1, "2017-01-01"], ["Closed Lost", "Won", 2, "2017-01-02"], ["Closed Won", "Won", 3, "2017-01-03"]];
    const w = warning(readPipeline(grid(rows), { map: { stage: "Stage", outcome: "none" } }), "unused-outcome-column");
    expect(w).toMatchObject({ header: "Result", fix: '--map outcome="Result"' });
    expect(w.message).toMatch(/disagrees with the column that was on 2 of 3 sampled rows/);
  });

  it("outcome-evidence-conflict: won / lost dates or a probability that disagree with the outcome read", () => {
    const rows: unknown[][] = [["Stage", "Amount", "Won Date", "Probability"]];
    for (let i = 0; i < 20; i++) rows.push([i < 10 ? "Closed Won" : "Closed Lost", 1, i < 14 ? "2017-01-01" : "", i < 10 ? 100 : 0]);
    const w = warning(readPipeline(grid(rows)), "outcome-evidence-conflict");
    expect(w.header).toBe("Won Date");
    expect(w.message).toMatch(/"Won Date" disagrees with won \/ lost \/ open as read from "Stage" on 4 of 14 sampled deals/);
    const prob: unknown[][] = [["Stage", "Amount", "Close Date", "Probability (%)"]];
    for (let i = 0; i < 20; i++) prob.push(["Closed Won", 1, "2017-01-01", i < 5 ? 30 : 100]);
    expect(warning(readPipeline(grid(prob)), "outcome-evidence-conflict").header).toBe("Probability (%)");
  });

  it("outcome-evidence-conflict: a status that says open while the stage says won, on more than 2% of deals", () => {
    const rows: unknown[][] = [["Status", "Stage", "Amount", "Close Date"]];
    for (let i = 0; i < 20; i++) rows.push([i < 8 ? "Won" : i < 10 ? "Lost" : "Open", i < 8 || (i >= 10 && i < 15) ? "Closed Won" : "Proposal", 1, i < 10 ? "2017-01-01" : ""]);
    const w = readPipeline(grid(rows)).warnings.filter((x) => x.reason === "outcome-evidence-conflict");
    expect(w.map((x) => x.message)).toContainEqual('5 deals are open by "Status" but won or lost by "Stage": the status was used.');
  });

  it("owners-blank and amounts-blank: most owners or most won amounts missing", () => {
    const rows = clean(20);
    for (let i = 1; i <= 20; i++) if (i % 4) rows[i][3] = "";
    const o = warning(readPipeline(grid(rows)), "owners-blank");
    expect(o).toMatchObject({ header: "Owner" });
    expect(o.message).toMatch(/^15 of 20 deals \(75%\) have no owner in "Owner"/);
    const a = clean(20);
    for (let i = 1; i <= 20; i++) if (a[i][1] === "Closed Won" && i > 2) a[i][2] = "";
    expect(warning(readPipeline(grid(a)), "amounts-blank").message).toMatch(/^8 of 10 won deals \(80%\) have no amount in "Amount"/);
  });

  it("no-amount: no amount column at all (unless declared absent); the hint never offers a date or a count", () => {
    const rows = [["Stage", "Owner", "Close Date", "Employees", "Deal Value (text)"], ["Won", "Ann", "2017-01-01", 120, "n/a"]];
    const data = readPipeline(grid(rows), { map: { amount: "none" } });
    expect(reasons(data)).not.toContain("no-amount");
    const leads = { name: "Leads", values: [["Lead ID", "Created"], ["L1", "2017-01-01"]] };
    const noAmount = readPipeline(grid([["Stage", "Lead ID", "Close Date", "Employees"], ["Won", "L1", "2017-01-01", 120]]), { leads });
    const w = warning(noAmount, "no-amount");
    expect(w.fix).toBe("--map amount=none to say there is none");
  });

  it("values-look-wrong: a date column read as the amount", () => {
    const rows = [["Stage", "Amount", "Close Date"], ["Closed Won", "2017-01-05", "2017-01-05"], ["Closed Won", "2017-02-05", "2017-02-05"], ["Closed Lost", "2017-03-05", "2017-03-05"]];
    const w = warning(readPipeline(grid(rows)), "values-look-wrong");
    expect(w).toMatchObject({ header: "Amount" });
    expect(w.message).toBe('"Amount" is read as amount, but its values look like dates (e.g. "2017-01-05").');
  });
});

describe("--map hints are chosen by content", () => {
  it("never a catalogue size, a count, a year or a date column for the amount", () => {
    const values: unknown[][] = [["mql_id", "won_date", "declared_product_catalog_size", "year_established", "created_serial", "declared_monthly_revenue"]];
    for (let i = 0; i < 30; i++) values.push([`m${i}`, "2018-02-26 19:58", 10 + i, 1990 + (i % 20), 43100 + i, 1500.5 * (i + 1)]);
    let message = "";
    try {
      readPipeline(grid(values));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/--map amount="declared_monthly_revenue"/);
  });
});
