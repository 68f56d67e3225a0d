/**
 * Two files given positionally (`gtm-compass analyze leads.csv deals.csv`, either order): the leads table is
 * recognised and joined as --leads does; when that cannot be told, one line naming --leads. And the
 * messages of this issue: WARNING lines on standard error, "no sheet looks like a pipeline" per sheet.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { captureIO, tempDir } from "./helpers";

const OLIST_DEALS = join(__dirname, "../fixtures/olist-funnel/olist_closed_deals_dataset.csv");
const OLIST_LEADS = join(__dirname, "../fixtures/olist-funnel/olist_marketing_qualified_leads_dataset.csv");

interface Summary {
  rows: { read: number; used: number };
  funnel: { won: number; leadsByOrigin: { origin: string; leads: number; won: number }[] | null };
}

async function run(args: string[], cwd: string) {
  const cap = captureIO(cwd);
  const code = await main(args, cap.io);
  return { code, out: cap.out(), err: cap.err() };
}

describe("two files given positionally", () => {
  const dir = tempDir("two-files");
  const leads = join(dir, "leads.csv");
  const deals = join(dir, "deals.csv");
  copyFileSync(OLIST_LEADS, leads);
  copyFileSync(OLIST_DEALS, deals);

  it("leads first or deals first: the leads table is recognised and joined, the same figures as --leads", async () => {
    const withFlag = await run(["analyze", deals, "--leads", leads, "--json", "-", "--out", join(dir, "flag.xlsx")], dir);
    expect(withFlag.code).toBe(0);
    const expected = JSON.parse(withFlag.out) as Summary;
    expect(expected.funnel.leadsByOrigin).not.toBeNull();
    for (const order of [[leads, deals], [deals, leads]]) {
      const r = await run(["analyze", ...order, "--json", "-", "--out", join(dir, "pair.xlsx"), "--force"], dir);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/^gtm-compass: leads\.csv is read as the leads table of deals\.csv \(joined on "mql_id"\)$/m);
      const got = JSON.parse(r.out) as Summary;
      expect(got.funnel.won).toBe(842);
      expect(got.funnel.leadsByOrigin).toEqual(expected.funnel.leadsByOrigin);
      expect(got.rows).toEqual(expected.rows);
    }
  });

  it("when it cannot tell which is the leads table: one line naming --leads, exit 1", async () => {
    const other = join(dir, "more-leads.csv");
    copyFileSync(OLIST_LEADS, other);
    const r = await run(["analyze", leads, other], dir);
    expect(r.code).toBe(1);
    expect(r.err.split("\n").filter(Boolean)).toHaveLength(1);
    expect(r.err).toMatch(/Cannot tell how leads\.csv and more-leads\.csv go together: neither has a stage or status column.*--leads/);
    // a pipeline and a table sharing no id column with it
    const unrelated = join(dir, "regions.csv");
    writeFileSync(unrelated, "region,manager\nEast,Ann\nWest,Bob\n");
    const r2 = await run(["analyze", deals, unrelated], dir);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/deals\.csv has the deals, but no id column appears in both files.*--leads/);
  });

  it("two pipelines stay two analyses (and then --out is refused: it names one file)", async () => {
    const a = join(dir, "a.csv");
    const b = join(dir, "b.csv");
    const csv = "Stage,Amount,Close Date\nClosed Won,10,2024-01-05\nClosed Lost,5,2024-02-05\n";
    writeFileSync(a, csv);
    writeFileSync(b, csv);
    const r = await run(["analyze", a, b, "--quiet"], dir);
    expect(r.code).toBe(0);
    const refused = await run(["analyze", a, b, "--out", join(dir, "one.xlsx")], dir);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--out and --json name one file/);
  });
});

describe("messages", () => {
  const dir = tempDir("messages");

  it("each warning is one line on standard error: WARNING, what looks wrong, the fix", async () => {
    writeFileSync(join(dir, "open.csv"), "Stage,Amount,Owner,Close Date\nProposal,10,Ann,\nNegotiation,20,Bob,\nProposal,30,Ann,\n");
    const r = await run(["analyze", join(dir, "open.csv"), "--quiet"], dir);
    expect(r.code).toBe(0);
    const lines = r.err.split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^gtm-compass: WARNING: No deal is won or lost: every one of the 3 deals reads as open from "Stage" .* Fix: say which values mean won and lost, e\.g\. --won "Proposal" --lost "Negotiation", or choose the column with --map stage="<header>"\.$/);
    const strict = await run(["analyze", join(dir, "open.csv"), "--strict", "--out", join(dir, "strict.xlsx")], dir);
    expect(strict.code).toBe(1);
  });

  it("no sheet looks like a pipeline: the message names, per sheet, what is missing", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Budget").addRows([["Quarter", "Budget"], ["Q1", 100]]);
    wb.addWorksheet("Contacts").addRows([["Name", "Email"], ["Ann", "ann@example.com"]]);
    wb.addWorksheet("Deals").addRows([["Deal", "Stage"], ["D1", "Closed Won"]]);
    const file = join(dir, "book.xlsx");
    await wb.xlsx.writeFile(file);
    const r = await run(["analyze", file], dir);
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(/No sheet in book\.xlsx looks like a pipeline: "Deals" has no amount column; "Budget" has no stage or status column and no amount column; "Contacts" has no stage or status column and no amount column\./);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  });
});
