/**
 * A seeded re-exporter of the Maven CRM data (test/fixtures/maven-crm) into the shapes real CRMs export:
 * Salesforce formatted reports grouped by stage and by owner, a Salesforce Data Loader extract, HubSpot,
 * Pipedrive, Zoho, Dynamics 365, a European semicolon CSV, a German one, an xlsx of Excel serials and a
 * board whose status words no vocabulary knows. Each is written as a real .xlsx (ExcelJS) or .csv file.
 *
 * The same 8,800 deals go into every shape; only the way a CRM writes them changes (headers, column order,
 * stage words, date and number formats, report rows, evidence columns). The tests count the figures again
 * from the original CSV (`readMaven`), never from these files. Layouts follow the vendors' documentation and
 * public examples of their exports (see docs/pipeline.md, "CRM exports the tests rebuild").
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { mulberry32 } from "../../src/cli/sample";

const FIXTURES = join(__dirname, "..", "fixtures", "maven-crm");

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** One row of sales_pipeline.csv, as written there. */
export interface MavenDeal {
  id: string;
  agent: string;
  product: string;
  account: string;
  stage: "Won" | "Lost" | "Prospecting" | "Engaging";
  engage: Ymd | null;
  close: Ymd | null;
  /** close_value: the won value (0 on lost deals), null on open ones. */
  value: number | null;
}

export interface Maven {
  deals: MavenDeal[];
  prices: Map<string, number>;
  managers: Map<string, string>;
  sectors: Map<string, string>;
}

function mdy(s: string): Ymd | null {
  if (!s) return null;
  const [m, d, y] = s.split("/").map(Number);
  return { y, m, d };
}

/** The Maven CSVs, split on commas (they hold no quoted field). */
export function readMaven(): Maven {
  const lines = (f: string) => readFileSync(join(FIXTURES, f), "utf8").split("\n").filter((l) => l.trim() !== "").slice(1).map((l) => l.replace(/\r$/, "").split(","));
  const deals = lines("sales_pipeline.csv").map((r) => ({
    id: r[0], agent: r[1], product: r[2], account: r[3], stage: r[4] as MavenDeal["stage"],
    engage: mdy(r[5]), close: mdy(r[6]), value: r[7] === "" ? null : Number(r[7]),
  }));
  const prices = new Map(lines("products.csv").map((r) => [r[0], Number(r[2])]));
  prices.set("GTXPro", prices.get("GTX Pro")!); // the pipeline spells it without the space
  const managers = new Map(lines("sales_teams.csv").map((r) => [r[0], r[1]]));
  const sectors = new Map(lines("accounts.csv").map((r) => [r[0], r[1]]));
  return { deals, prices, managers, sectors };
}

// ---- dates -------------------------------------------------------------------------------------------

const utc = (x: Ymd) => Date.UTC(x.y, x.m - 1, x.d);
export function addDays(x: Ymd, days: number): Ymd {
  const t = new Date(utc(x) + days * 86400000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}
/** Excel serial day of a date (1900 system). */
export const serialOf = (x: Ymd) => Math.round(utc(x) / 86400000) + 25569;
const two = (n: number) => String(n).padStart(2, "0");
const iso = (x: Ymd) => `${x.y}-${two(x.m)}-${two(x.d)}`;
const dmy = (x: Ymd, sep: string) => `${two(x.d)}${sep}${two(x.m)}${sep}${x.y}`;
/** A Date at a time of day (UTC instant = the wall-clock time: ExcelJS writes it as that serial). */
const at = (x: Ymd, secondsOfDay = 0) => new Date(utc(x) + secondsOfDay * 1000);
const clock = (s: number) => `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;

/** A working-hours time of day in seconds (08:00:00-17:59:59). */
const workTime = (rand: () => number) => 8 * 3600 + Math.floor(rand() * 10 * 3600);

/** Maven's data ends on 2017-12-31; an open deal's expected close lies after its engage date, often past that. */
function expectedClose(deal: MavenDeal, rand: () => number): Ymd {
  const from = deal.engage ?? { y: 2017, m: 10, d: 1 };
  return addDays(from, 30 + Math.floor(rand() * 150));
}

/** A closed deal's expected close date as the CRM still holds it: up to 60 days either side of the actual one. */
const staleExpected = (x: Ymd, rand: () => number) => addDays(x, Math.floor(rand() * 121) - 60);

function csvCell(v: unknown, sep: string): string {
  const s = v === null || v === undefined ? "" : String(v);
  return s.includes(sep) || s.includes('"') || s.includes("\n") ? `"${s.replace(/"/g, '""')}"` : s;
}

function writeCsv(path: string, rows: unknown[][], sep = ",", encoding: "utf8" | "latin1" = "utf8", bom = false): string {
  const text = rows.map((r) => r.map((v) => csvCell(v, sep)).join(sep)).join("\r\n") + "\r\n";
  writeFileSync(path, (bom ? "\ufeff" : "") + text, encoding);
  return path;
}

/** "1.054,00" with "." between thousands and "," before the cents (German, French, Spanish Excel). */
function euro(x: number, decimals = 2): string {
  const fixed = x.toFixed(decimals);
  const [int, frac] = fixed.split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return frac ? `${grouped},${frac}` : grouped;
}

const quarter = (x: Ymd) => `Q${Math.ceil(x.m / 3)}-${x.y}`;
const guid = (rand: () => number) => "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, (c) => {
  const r = Math.floor(rand() * 16);
  return (c === "x" ? r : (r & 3) | 8).toString(16);
});

// ---- the shapes -----------------------------------------------------------------------------------------

export interface Shape {
  name: string;
  /** The CRM and the export it imitates. */
  crm: string;
  file: string;
  /** Dates carry a time of day (cycles may differ from whole days by less than one). */
  times: boolean;
  /** Flags without which the shape cannot be read (the unaided run must refuse, naming them). */
  needs?: string[];
  write(m: Maven, dir: string): Promise<string>;
}

async function writeXlsx(path: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "crm-reexport";
  wb.created = new Date(Date.UTC(2018, 0, 3));
  wb.modified = wb.created;
  build(wb);
  await wb.xlsx.writeFile(path);
  return path;
}

const SF_STAGE: Record<MavenDeal["stage"], string> = { Won: "Closed Won", Lost: "Closed Lost", Prospecting: "Prospecting", Engaging: "Needs Analysis" };
const SF_PROB: Record<MavenDeal["stage"], number> = { Won: 100, Lost: 0, Prospecting: 10, Engaging: 20 };
const SF_FOOTER = [["Confidential Information - Do Not Distribute"], ["Copyright (c) 2000-2024 salesforce.com, inc. All rights reserved."]];

/** A deal's amount as a CRM holds it: the won value; lost and open deals keep their estimate (the product's list price). */
const crmAmount = (m: Maven, d: MavenDeal) => (d.stage === "Won" ? d.value! : m.prices.get(d.product) ?? 0);

/** Salesforce "Export → Formatted report" of a summary report grouped by Stage. */
const salesforceByStage: Shape = {
  name: "salesforce-by-stage", crm: "Salesforce formatted report, grouped by Stage (xlsx)", file: "Opportunities by Stage.xlsx", times: false,
  async write(m, dir) {
    const rand = mulberry32(101);
    const order: MavenDeal["stage"][] = ["Prospecting", "Engaging", "Won", "Lost"];
    const rows: unknown[][] = [
      ["Opportunities by Stage"], ["Maven Analytics"], ["As of Jan 3, 2018 9:14 AM"], ["Filtered By:"], ["    Show: All opportunities"], ["    Close Date: All Time"], [],
      ["Stage", "Opportunity Owner", "Account Name", "Opportunity Name", "Product Name", "Amount", "Probability (%)", "Created Date", "Close Date", "Fiscal Period"],
    ];
    let grand = 0;
    for (const st of order) {
      const group = m.deals.filter((d) => d.stage === st);
      let sum = 0;
      group.forEach((d, i) => {
        const close = d.close ?? expectedClose(d, rand);
        const amount = crmAmount(m, d);
        sum += amount;
        rows.push([i === 0 ? SF_STAGE[st] : "", d.agent, d.account || "", d.id, d.product, amount, SF_PROB[st], d.engage ? at(d.engage) : "", at(close), quarter(close)]);
      });
      grand += sum;
      rows.push(["", "Subtotal", "", "", "", sum, "", "", "", ""]);
    }
    rows.push(["Total", "", "", "", "", grand, "", "", "", ""], ["", "Record Count: 8,800"], [], ...SF_FOOTER);
    return writeXlsx(join(dir, this.file), (wb) => {
      const ws = wb.addWorksheet("Opportunities by Stage");
      for (const r of rows) ws.addRow(r);
      ws.getColumn(8).numFmt = "m/d/yyyy";
      ws.getColumn(9).numFmt = "m/d/yyyy";
    });
  },
};

/** Salesforce formatted report grouped by Opportunity Owner: the owner sits in a merged cell over its group. */
const salesforceByOwner: Shape = {
  name: "salesforce-by-owner", crm: "Salesforce formatted report, grouped by Opportunity Owner, merged group cells (xlsx)", file: "Pipeline by Rep.xlsx", times: false,
  async write(m, dir) {
    const rand = mulberry32(102);
    const owners = [...new Set(m.deals.map((d) => d.agent))].sort();
    const rows: unknown[][] = [["Pipeline by Rep"], ["Maven Analytics"], ["Filtered By:"], ["    Opportunity Status: Any"], []];
    rows.push(["Opportunity Owner", "Stage", "Opportunity Name", "Account Name", "Amount", "Created Date", "Close Date", "Product Name"]);
    const merges: [number, number][] = [];
    let grand = 0;
    for (const o of owners) {
      const group = m.deals.filter((d) => d.agent === o);
      const first = rows.length + 1;
      let sum = 0;
      group.forEach((d, i) => {
        const amount = crmAmount(m, d);
        sum += amount;
        rows.push([i === 0 ? o : "", SF_STAGE[d.stage], d.id, d.account || "", amount, d.engage ? at(d.engage) : "", at(d.close ?? expectedClose(d, rand)), d.product]);
      });
      merges.push([first, rows.length]);
      grand += sum;
      rows.push([`Subtotal (${group.length} records)`, "", "", "", sum, "", "", ""]);
    }
    rows.push([`Grand Totals (${m.deals.length.toLocaleString("en-US")} records)`, "", "", "", grand, "", "", ""], [], ...SF_FOOTER);
    return writeXlsx(join(dir, this.file), (wb) => {
      const ws = wb.addWorksheet("Pipeline by Rep");
      for (const r of rows) ws.addRow(r);
      for (const [a, b] of merges) if (b > a) ws.mergeCells(a, 1, b, 1);
      ws.getColumn(6).numFmt = "yyyy-mm-dd";
      ws.getColumn(7).numFmt = "yyyy-mm-dd";
    });
  },
};

/** Salesforce Data Loader extract: API names, ISO date-times with seconds and a zone, IsClosed / IsWon. */
const salesforceDataLoader: Shape = {
  name: "salesforce-dataloader", crm: "Salesforce Data Loader extract (API names, ISO date-times, IsWon/IsClosed)", file: "extract.csv", times: true,
  async write(m, dir) {
    const rand = mulberry32(103);
    const rows: unknown[][] = [["Id", "Name", "Account.Name", "Owner.Name", "StageName", "Amount", "Probability", "CloseDate", "CreatedDate", "IsClosed", "IsWon", "ForecastCategoryName"]];
    m.deals.forEach((d, i) => {
      const closed = d.stage === "Won" || d.stage === "Lost";
      const created = d.engage ? `${iso(d.engage)}T${clock(workTime(rand))}.000+0000` : "";
      rows.push([`006${String(i).padStart(12, "0")}AAA`, d.id, d.account, d.agent, SF_STAGE[d.stage], crmAmount(m, d), SF_PROB[d.stage],
        iso(d.close ?? expectedClose(d, rand)), created, closed ? "true" : "false", d.stage === "Won" ? "true" : "false",
        d.stage === "Won" ? "Closed" : d.stage === "Lost" ? "Omitted" : "Pipeline"]);
    });
    return writeCsv(join(dir, this.file), rows);
  },
};

const HS_STAGE: Record<MavenDeal["stage"], string> = { Won: "Closed won", Lost: "Closed lost", Prospecting: "Appointment scheduled", Engaging: "Qualified to buy" };

/** HubSpot deals export (xlsx): labels as the app shows them, date-times to the minute, the closed flags. */
const hubspot: Shape = {
  name: "hubspot", crm: "HubSpot deals export (xlsx)", file: "hubspot-crm-exports-all-deals-2018-01-03.xlsx", times: true,
  async write(m, dir) {
    const rand = mulberry32(104);
    const rows: unknown[][] = [["Record ID", "Deal Name", "Deal Stage", "Pipeline", "Amount", "Close Date", "Create Date", "Deal owner", "Associated Company", "Deal Type", "Is Closed Won", "Is Deal Closed?"]];
    m.deals.forEach((d, i) => {
      const closed = d.stage === "Won" || d.stage === "Lost";
      const close = d.close ?? expectedClose(d, rand);
      const stamp = (x: Ymd) => `${iso(x)} ${clock(workTime(rand)).slice(0, 5)}`;
      rows.push([9000000000 + i * 17, `${d.account || "New prospect"} - ${d.product}`, HS_STAGE[d.stage], "Sales Pipeline", crmAmount(m, d),
        stamp(close), d.engage ? stamp(d.engage) : "", d.agent, d.account, i % 3 === 0 ? "existingbusiness" : "newbusiness",
        d.stage === "Won" ? "true" : "false", closed ? "true" : "false"]);
    });
    return writeXlsx(join(dir, this.file), (wb) => {
      const ws = wb.addWorksheet("All deals");
      for (const r of rows) ws.addRow(r);
    });
  },
};

const PD_OPEN: Record<"Prospecting" | "Engaging", string[]> = { Prospecting: ["Qualified"], Engaging: ["Contact Made", "Demo Scheduled", "Proposal Made"] };
const PD_LAST = ["Qualified", "Contact Made", "Demo Scheduled", "Proposal Made", "Negotiations Started"];

/**
 * Pipedrive deals export (csv): its own column order ("Deal - Stage" before "Deal - Status"), the last
 * pipeline stage kept on won and lost deals, won / lost / closed-on date-times, and an expected close date
 * that on closed deals is not when they closed.
 */
const pipedrive: Shape = {
  name: "pipedrive", crm: "Pipedrive deals export (csv)", file: "deals-export.csv", times: true,
  async write(m, dir) {
    const rand = mulberry32(105);
    const rows: unknown[][] = [[
      "Deal - ID", "Deal - Title", "Deal - Creator", "Deal - Owner", "Deal - Value", "Deal - Currency", "Deal - Weighted value",
      "Deal - Probability", "Deal - Organization", "Deal - Pipeline", "Deal - Contact person", "Deal - Stage", "Deal - Label",
      "Deal - Status", "Deal - Deal created", "Deal - Update time", "Deal - Expected close date", "Deal - Won time",
      "Deal - Lost time", "Deal - Deal closed on", "Deal - Lost reason", "Deal - Product name",
    ]];
    m.deals.forEach((d, i) => {
      const closed = d.stage === "Won" || d.stage === "Lost";
      const stage = d.stage === "Won" ? "Negotiations Started" : d.stage === "Lost" ? PD_LAST[Math.floor(rand() * PD_LAST.length)] : PD_OPEN[d.stage][Math.floor(rand() * PD_OPEN[d.stage].length)];
      const status = d.stage === "Won" ? "Won" : d.stage === "Lost" ? "Lost" : "Open";
      const t = workTime(rand);
      const closedAt = d.close ? `${iso(d.close)} ${clock(t)}` : "";
      const created = d.engage ? `${iso(d.engage)} ${clock(workTime(rand))}` : "";
      const value = crmAmount(m, d);
      const expected = closed ? staleExpected(d.close!, rand) : expectedClose(d, rand);
      rows.push([1000 + i, `${d.account || "Prospect"} deal`, d.agent, d.agent, value, "USD", d.stage === "Lost" ? 0 : value, d.stage === "Won" ? 100 : d.stage === "Lost" ? 0 : "",
        d.account, "Pipeline", "", stage, "", status, created, closedAt || created, iso(expected),
        d.stage === "Won" ? closedAt : "", d.stage === "Lost" ? closedAt : "", closedAt, d.stage === "Lost" ? "Price" : "", d.product]);
    });
    return writeCsv(join(dir, this.file), rows);
  },
};

const ZOHO_STAGE: Record<MavenDeal["stage"], string> = { Won: "Closed Won", Lost: "Closed Lost", Prospecting: "Qualification", Engaging: "Needs Analysis" };

/** Zoho CRM deals export (csv): "Created Time" date-times, "Closing Date", probability and weighted revenue. */
const zoho: Shape = {
  name: "zoho", crm: "Zoho CRM deals export (csv)", file: "Deals_2018_01_03.csv", times: true,
  async write(m, dir) {
    const rand = mulberry32(106);
    const rows: unknown[][] = [["Record Id", "Deal Owner", "Deal Name", "Account Name", "Type", "Next Step", "Lead Source", "Contact Name", "Amount", "Closing Date", "Stage", "Probability (%)", "Expected Revenue", "Created Time", "Modified Time", "Reason For Loss"]];
    m.deals.forEach((d, i) => {
      const amount = crmAmount(m, d);
      const p = SF_PROB[d.stage];
      const created = d.engage ? `${iso(d.engage)} ${clock(workTime(rand))}` : "";
      rows.push([`zcrm_${4876000000000 + i}`, d.agent, `${d.product} for ${d.account || "prospect"}`, d.account, "New Business", "", i % 2 ? "Advertisement" : "Cold Call", "",
        amount, iso(d.close ?? expectedClose(d, rand)), ZOHO_STAGE[d.stage], p, (amount * p) / 100, created, created, d.stage === "Lost" ? "Lost to Competitor" : ""]);
    });
    return writeCsv(join(dir, this.file), rows);
  },
};

/**
 * Dynamics 365 "Export to Excel" of an opportunity view: the three hidden "(Do Not Modify)" columns that
 * let the sheet be imported back, Est. / Actual Revenue and Close Date, Status and Status Reason, and the
 * hidden sheet of option values the export carries.
 */
const dynamics: Shape = {
  name: "dynamics", crm: "Dynamics 365 Sales, Export to Excel (xlsx)", file: "Opportunities 1-3-2018 9-14-02 AM.xlsx", times: true,
  async write(m, dir) {
    const rand = mulberry32(107);
    const phase: Record<MavenDeal["stage"], string> = { Won: "4-Close", Lost: "3-Propose", Prospecting: "1-Qualify", Engaging: "2-Develop" };
    const header = ["(Do Not Modify) Opportunity", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On", "Topic", "Potential Customer", "Est. Close Date",
      "Est. Revenue", "Actual Revenue", "Actual Close Date", "Probability", "Status", "Status Reason", "Pipeline Phase", "Owner", "Created On"];
    const rows: unknown[][] = [header];
    for (const d of m.deals) {
      const closed = d.stage === "Won" || d.stage === "Lost";
      const status = d.stage === "Won" ? "Won" : d.stage === "Lost" ? "Lost" : "Open";
      const reason = d.stage === "Won" ? "Won" : d.stage === "Lost" ? (rand() < 0.5 ? "Out-Sold" : "Canceled") : rand() < 0.85 ? "In Progress" : "On Hold";
      const est = m.prices.get(d.product) ?? 0;
      const estClose = closed ? staleExpected(d.close!, rand) : expectedClose(d, rand);
      rows.push([guid(rand), Math.floor(rand() * 1e9).toString(36), at(d.close ?? { y: 2018, m: 1, d: 2 }, workTime(rand)), `${d.product} - ${d.account || "prospect"}`, d.account,
        at(estClose), est, d.stage === "Won" ? d.value : "", d.close ? at(d.close) : "", SF_PROB[d.stage], status, reason, phase[d.stage], d.agent,
        d.engage ? at(d.engage, workTime(rand)) : ""]);
    }
    return writeXlsx(join(dir, this.file), (wb) => {
      const ws = wb.addWorksheet("Opportunities");
      for (const r of rows) ws.addRow(r);
      for (const c of [1, 2, 3]) ws.getColumn(c).hidden = true;
      for (const c of [6, 9]) ws.getColumn(c).numFmt = "m/d/yyyy";
      for (const c of [3, 15]) ws.getColumn(c).numFmt = "m/d/yyyy h:mm AM/PM";
      const hidden = wb.addWorksheet("hiddenSheet", { state: "veryHidden" });
      hidden.addRow(["opportunity:6HbyD5kqvP/8FCG1WfpeWZrgMf7Td+Yl1Fx5F2g1qmXtcw==:opportunityid=%28Do%20Not%20Modify%29%20Opportunity"]);
      hidden.addRow(["Open", "Won", "Lost"]);
      hidden.addRow(["In Progress", "On Hold", "Won", "Canceled", "Out-Sold"]);
    });
  },
};

/** A European semicolon CSV (Excel in a German, French or Spanish locale): day-first dates, decimal commas. */
const european: Shape = {
  name: "european", crm: "European semicolon CSV: dd/mm/yyyy, 1.054,00", file: "pipeline-eu.csv", times: false,
  async write(m, dir) {
    const rows: unknown[][] = [["Opportunity ID", "Sales Agent", "Product", "Account", "Deal Stage", "Engage Date", "Close Date", "Close Value"]];
    for (const d of m.deals) {
      rows.push([d.id, d.agent, d.product, d.account, d.stage, d.engage ? dmy(d.engage, "/") : "", d.close ? dmy(d.close, "/") : "", d.value === null ? "" : euro(d.value)]);
    }
    return writeCsv(join(dir, this.file), rows, ";", "utf8", true);
  },
};

const DE_STAGE: Record<MavenDeal["stage"], string> = { Won: "Gewonnen", Lost: "Verloren", Prospecting: "Qualifizierung", Engaging: "Angebot" };

/** A German export (Windows-1252, semicolons): German headers, Gewonnen / Verloren, 20.10.2016, 1.054. */
const german: Shape = {
  name: "german", crm: "German CSV (Windows-1252): German headers, Gewonnen / Verloren, dd.mm.yyyy, 1.054", file: "Verkaufschancen.csv", times: false,
  async write(m, dir) {
    const rand = mulberry32(109);
    const rows: unknown[][] = [["Verkaufschance", "Firma", "Vertriebsmitarbeiter", "Produkt", "Phase", "Betrag", "Wahrscheinlichkeit (%)", "Erstellt am", "Schlusstermin", "Verlustgrund", "Bemerkung"]];
    for (const d of m.deals) {
      const close = d.close ?? expectedClose(d, rand);
      rows.push([d.id, d.account, d.agent, d.product, DE_STAGE[d.stage], euro(crmAmount(m, d), 0), SF_PROB[d.stage], d.engage ? dmy(d.engage, ".") : "", dmy(close, "."),
        d.stage === "Lost" ? "Preis zu hoch" : "", rand() < 0.1 ? "Lieferung über Partner, Größe M" : ""]);
    }
    return writeCsv(join(dir, this.file), rows, ";", "latin1");
  },
};

/** Dates as plain Excel serial numbers (no date format), and an expected close date beside the actual one. */
const serials: Shape = {
  name: "excel-serials", crm: "xlsx with dates as Excel serial numbers and an Expected Close Date column", file: "pipeline-serials.xlsx", times: false,
  async write(m, dir) {
    const rand = mulberry32(110);
    const rows: unknown[][] = [["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "Expected Close Date", "close_value"]];
    for (const d of m.deals) {
      const closed = d.close !== null;
      rows.push([d.id, d.agent, d.product, d.account, d.stage, d.engage ? serialOf(d.engage) : "", d.close ? serialOf(d.close) : "",
        serialOf(closed ? staleExpected(d.close!, rand) : expectedClose(d, rand)), d.value ?? ""]);
    }
    return writeXlsx(join(dir, this.file), (wb) => {
      wb.addWorksheet("Notes").addRow(["Exported from the data warehouse, 2018-01-03"]);
      const ws = wb.addWorksheet("Data");
      for (const r of rows) ws.addRow(r);
    });
  },
};

const BOARD: Record<MavenDeal["stage"], string> = { Won: "Done", Lost: "Stuck", Prospecting: "Not Started", Engaging: "Working on it" };

/** A work-management board used as a CRM: status words no vocabulary knows, so the user must say them. */
const board: Shape = {
  name: "status-board", crm: "A board exported to csv, status words Done / Stuck / Working on it", file: "Deals board.csv", times: false,
  needs: ["--won", "Done", "--lost", "Stuck"],
  async write(m, dir) {
    const rows: unknown[][] = [["Name", "Person", "Status", "Deal value", "Created", "Date closed", "Client"]];
    for (const d of m.deals) rows.push([`${d.id} ${d.product}`, d.agent, BOARD[d.stage], d.value ?? "", d.engage ? iso(d.engage) : "", d.close ? iso(d.close) : "", d.account]);
    return writeCsv(join(dir, this.file), rows);
  },
};

export const SHAPES: readonly Shape[] = [
  salesforceByStage, salesforceByOwner, salesforceDataLoader, hubspot, pipedrive, zoho, dynamics, european, german, serials, board,
];
