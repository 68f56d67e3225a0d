// Generated pipeline files for the benches: ROWS deals x 9 columns as a CRM export, written as .xlsx (ExcelJS's
// streaming writer: shared strings, dates as serials with a date format, as Excel stores them) and as .csv
// (ISO dates), cached under .tmp/bench-cli/. Not part of the product.
"use strict";
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");

const ROOT = path.join(__dirname, "..");
const { mulberry32 } = require(path.join(ROOT, "dist", "node", "cli", "sample.js"));
/** Bump when the generated files change, so a stale cache is not reused. */
const CACHE_VERSION = 2;
const CACHE = path.join(ROOT, ".tmp", "bench-cli");
/** Excel serial of 2023-01-01: the generated pipeline spans 2023-2024. */
const START = 44927;
const QUARTERS = 8;

const HEADERS = ["Opportunity ID", "Opportunity Owner", "Account Name", "Lead Source", "Product", "Stage", "Amount", "Created Date", "Close Date"];
const STAGES_OPEN = ["Qualification", "Discovery", "Proposal", "Negotiation"];
const SOURCES = ["Paid search", "Webinar", "Outbound (SDR)", "Partner referral", "Content / SEO", "Trade show"];
const PRODUCTS = ["Starter", "Connect", "Analytics", "Enterprise"];

function* pipelineRows(rows) {
  const rnd = mulberry32(100000);
  for (let i = 0; i < rows; i++) {
    const created = START + Math.floor(rnd() * 700);
    const cycle = 10 + Math.floor(rnd() * 120);
    const close = created + cycle;
    const r = rnd();
    const stage = close > START + 730 ? STAGES_OPEN[Math.floor(rnd() * 4)] : r < 0.3 ? "Closed Won" : "Closed Lost";
    yield [
      `OPP-${String(i + 1).padStart(7, "0")}`,
      `Rep ${1 + Math.floor(rnd() * 40)}`,
      `Account ${1 + Math.floor(rnd() * 12000)}`,
      SOURCES[Math.floor(rnd() * SOURCES.length)],
      PRODUCTS[Math.floor(rnd() * PRODUCTS.length)],
      stage,
      Math.round(1000 + rnd() * 90000),
      created,
      stage.startsWith("Closed") ? close : null,
    ];
  }
}

/** The pipeline sheet, streamed to disk; with `withReport` a second sheet holds a small formula report. */
async function writeXlsx(file, rows, withReport) {
  const tmp = `${file}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet("Pipeline");
  ws.columns = HEADERS.map((h, i) => ({ header: h, width: 16, style: i >= 7 ? { numFmt: "yyyy-mm-dd" } : i === 6 ? { numFmt: "#,##0" } : {} }));
  for (const row of pipelineRows(rows)) ws.addRow(row).commit();
  ws.commit();
  if (withReport) writeReport(wb.addWorksheet("Report"), rows);
  await wb.commit();
  fs.renameSync(tmp, file);
}

/** The formula report a user builds by hand: per quarter won deals, won revenue, lost deals, win rate. */
function writeReport(ws, rows) {
  const n = rows + 1;
  const col = (c) => `Pipeline!$${c}$2:$${c}$${n}`;
  ws.addRow(["Quarter start", "Quarter end", "Won deals", "Won revenue", "Lost deals", "Win rate"]).commit();
  for (let q = 0; q < QUARTERS; q++) {
    const r = q + 2;
    const y = 2023 + Math.floor(q / 4);
    const m = (q % 4) * 3 + 1;
    ws.addRow([
      { formula: `DATE(${y},${m},1)` },
      { formula: `EDATE(A${r},3)` },
      { formula: `COUNTIFS(${col("F")},"Closed Won",${col("I")},">="&A${r},${col("I")},"<"&B${r})` },
      { formula: `SUMIFS(${col("G")},${col("F")},"Closed Won",${col("I")},">="&A${r},${col("I")},"<"&B${r})` },
      { formula: `COUNTIFS(${col("F")},"Closed Lost",${col("I")},">="&A${r},${col("I")},"<"&B${r})` },
      { formula: `IF(C${r}+E${r}=0,"",C${r}/(C${r}+E${r}))` },
    ]).commit();
  }
  const at = QUARTERS + 3;
  const median = ws.getRow(at);
  median.getCell(1).value = "Median won cycle (days)";
  median.getCell(2).value = { formula: `MEDIAN(IF(${col("F")}="Closed Won",${col("I")}-${col("H")}))`, shareType: "array", ref: `B${at}` };
  median.commit();
  const total = ws.getRow(at + 1);
  total.getCell(1).value = "Win rate (all)";
  total.getCell(2).value = { formula: `COUNTIF(${col("F")},"Closed Won")/(COUNTIF(${col("F")},"Closed Won")+COUNTIF(${col("F")},"Closed Lost"))` };
  total.commit();
  ws.commit();
}

/** Excel serial day -> ISO date (the CSV holds dates as text, as CRM exports do). */
function isoDate(serial) {
  return new Date(Date.UTC(1899, 11, 30) + serial * 86400000).toISOString().slice(0, 10);
}

function writeCsv(file, rows) {
  const tmp = `${file}.part`;
  const fd = fs.openSync(tmp, "w");
  let buf = `${HEADERS.join(",")}\n`;
  for (const r of pipelineRows(rows)) {
    buf += `${r[0]},${r[1]},${r[2]},${r[3]},${r[4]},${r[5]},${r[6]},${isoDate(r[7])},${r[8] === null ? "" : isoDate(r[8])}\n`;
    if (buf.length > 1 << 20) {
      fs.writeSync(fd, buf);
      buf = "";
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}

/** Path of the cached file, generated on first use. kind: "xlsx" | "csv" | "report" (xlsx with a formula sheet). */
async function ensurePipelineFile(rows, kind) {
  fs.mkdirSync(CACHE, { recursive: true });
  const ext = kind === "csv" ? "csv" : "xlsx";
  const file = path.join(CACHE, `pipeline-${rows}${kind === "report" ? "-report" : ""}-v${CACHE_VERSION}.${ext}`);
  if (!fs.existsSync(file)) {
    if (kind === "csv") writeCsv(file, rows);
    else await writeXlsx(file, rows, kind === "report");
  }
  return file;
}

module.exports = { ensurePipelineFile, isoDate, HEADERS, QUARTERS };

if (require.main === module) {
  (async () => {
    for (const rows of [100000, 1048575]) for (const kind of ["xlsx", "csv"]) console.log(await ensurePipelineFile(rows, kind));
    console.log(await ensurePipelineFile(100000, "report"));
  })();
}
