// The command line end to end (median of RUNS runs) on a 100,000-row, 9-column pipeline .xlsx (wall time and peak memory of the
// child process), side by side with what a user does today: LibreOffice opening the same data with a small
// formula report (COUNTIFS/SUMIFS per quarter, win rate, MEDIAN(IF()) of the won cycle), recalculating it
// and exporting the result. Prints nothing: bench/run.js collects the returned object.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const ExcelJS = require("exceljs");

const ROOT = path.join(__dirname, "..");
// The seeded PRNG the sample workbook uses (built by `npm run bench` before this runs).
const { mulberry32 } = require(path.join(ROOT, "dist", "node", "cli", "sample.js"));
const ROWS = 100000;
/** Bump when the generated files change, so a stale cache is not reused. */
const CACHE_VERSION = 1;
const CACHE = path.join(ROOT, ".tmp", "bench-cli");
const QUARTERS = 8;
/** Each side runs this many times; the median is reported (the machine may be shared). */
const RUNS = 3;
/** Excel serial of 2023-01-01: the generated pipeline spans 2023-2024. */
const START = 44927;

const HEADERS = ["Opportunity ID", "Opportunity Owner", "Account Name", "Lead Source", "Product", "Stage", "Amount", "Created Date", "Close Date"];
const STAGES_OPEN = ["Qualification", "Discovery", "Proposal", "Negotiation"];
const SOURCES = ["Paid search", "Webinar", "Outbound (SDR)", "Partner referral", "Content / SEO", "Trade show"];
const PRODUCTS = ["Starter", "Connect", "Analytics", "Enterprise"];

function* pipelineRows() {
  const rnd = mulberry32(100000);
  for (let i = 0; i < ROWS; i++) {
    const created = START + Math.floor(rnd() * 700);
    const cycle = 10 + Math.floor(rnd() * 120);
    const close = created + cycle;
    const r = rnd();
    const stage = close > START + 730 ? STAGES_OPEN[Math.floor(rnd() * 4)] : r < 0.3 ? "Closed Won" : "Closed Lost";
    yield [
      `OPP-${String(i + 1).padStart(6, "0")}`,
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

/** The pipeline sheet, streamed to disk (dates as serials with a date format, as Excel stores them). */
async function writeData(file, withReport) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet("Pipeline");
  ws.columns = HEADERS.map((h, i) => ({ header: h, width: 16, style: i >= 7 ? { numFmt: "yyyy-mm-dd" } : i === 6 ? { numFmt: "#,##0" } : {} }));
  for (const row of pipelineRows()) ws.addRow(row).commit();
  ws.commit();
  if (withReport) writeReport(wb.addWorksheet("Report"));
  await wb.commit();
}

/** The formula report a user builds by hand: per quarter won deals, won revenue, lost deals, win rate. */
function writeReport(ws) {
  const n = ROWS + 1;
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

async function ensureFiles() {
  fs.mkdirSync(CACHE, { recursive: true });
  const data = path.join(CACHE, `pipeline-${ROWS}-v${CACHE_VERSION}.xlsx`);
  const report = path.join(CACHE, `pipeline-${ROWS}-report-v${CACHE_VERSION}.xlsx`);
  if (!fs.existsSync(data)) await writeData(data, false);
  if (!fs.existsSync(report)) await writeData(report, true);
  return { data, report };
}

/** Run a child process; resolve with its wall time, exit code, output and the peak RSS seen in /proc. */
function timed(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    // Sample the process tree's high-water marks (LibreOffice runs as a child of its launcher).
    let peakKb = 0;
    const poll = setInterval(() => {
      const tree = descendants(child.pid);
      let sum = 0;
      for (const pid of tree) sum += vmHwmKb(pid);
      if (sum > peakKb) peakKb = sum;
    }, 50);
    child.on("close", (code) => {
      clearInterval(poll);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      resolve({ ms, code, stdout, stderr, polledPeakMb: peakKb / 1024 });
    });
  });
}

function descendants(pid) {
  const out = [pid];
  try {
    for (const p of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(p)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        if (out.includes(ppid)) out.push(Number(p));
      } catch {
        // the process ended
      }
    }
  } catch {
    // no /proc
  }
  return out;
}

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function runCli(input, work) {
  const rssFile = path.join(work, "rss.txt");
  const out = path.join(work, "analysis.xlsx");
  const r = await timed(
    process.execPath,
    ["--require", path.join(__dirname, "cli-rss.js"), path.join(ROOT, "bin", "gtm-compass.js"), "analyze", input, "--out", out, "--quiet", "--force"],
    { env: { ...process.env, GTM_BENCH_RSS_FILE: rssFile } },
  );
  const usage = fs.existsSync(rssFile) ? JSON.parse(fs.readFileSync(rssFile, "utf8")) : {};
  return {
    wallMs: Math.round(r.ms),
    // CPU time of the process: steadier than wall time when other work shares the machine.
    cpuMs: Math.round(((usage.userCPUTime ?? NaN) + (usage.systemCPUTime ?? NaN)) / 1000),
    peakRssMb: Math.round((usage.maxRSS ?? NaN) / 1024),
    exitCode: r.code,
    error: r.code === 0 ? undefined : r.stderr.trim().split("\n")[0],
  };
}

async function runLibreOffice(input, work) {
  const profile = path.join(work, "lo-profile");
  const outdir = path.join(work, "lo-out");
  // Warm the fresh profile once so its first-start cost is not counted.
  await timed("soffice", ["--headless", `-env:UserInstallation=file://${profile}`, "--version"]);
  const r = await timed("soffice", [
    "--headless",
    `-env:UserInstallation=file://${profile}`,
    "--convert-to",
    // The 12th token (2) exports only the second sheet, the report.
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",
    "--outdir",
    outdir,
    input,
  ]);
  const reportCsv = fs.existsSync(outdir) ? fs.readdirSync(outdir).find((f) => f.endsWith(".csv")) : undefined;
  const report = reportCsv ? fs.readFileSync(path.join(outdir, reportCsv), "utf8").trim().split("\n") : [];
  return {
    wallMs: Math.round(r.ms),
    polledPeakMb: Math.round(r.polledPeakMb),
    exitCode: r.code,
    // Proof the formulas were calculated: the median won cycle row as exported.
    medianWonCycleRow: report[QUARTERS + 2],
  };
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
};

async function run() {
  const { data, report } = await ensureFiles();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "gtm-bench-cli-"));
  try {
    const cliRuns = [];
    const loRuns = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate the two so both see the same machine load.
      cliRuns.push(await runCli(data, work));
      try {
        loRuns.push(await runLibreOffice(report, work));
      } catch (e) {
        loRuns.push({ error: String(e && e.message) });
      }
    }
    const cli = {
      wallMs: median(cliRuns.map((r) => r.wallMs)),
      wallMsRuns: cliRuns.map((r) => r.wallMs),
      cpuMs: median(cliRuns.map((r) => r.cpuMs)),
      peakRssMb: Math.max(...cliRuns.map((r) => r.peakRssMb)),
      exitCodes: cliRuns.map((r) => r.exitCode),
      error: cliRuns.find((r) => r.error)?.error,
      targetWallMs: 3000,
      targetPeakRssMb: 400,
    };
    const libreOffice = {
      wallMs: median(loRuns.map((r) => r.wallMs)),
      wallMsRuns: loRuns.map((r) => r.wallMs),
      polledPeakMb: Math.max(...loRuns.map((r) => r.polledPeakMb ?? NaN)),
      exitCodes: loRuns.map((r) => r.exitCode),
      medianWonCycleRow: loRuns[0].medianWonCycleRow,
      error: loRuns.find((r) => r.error)?.error,
    };
    return {
      input: { rows: ROWS, columns: HEADERS.length, sizeMb: +(fs.statSync(data).size / 1048576).toFixed(2) },
      cli,
      libreOfficeFormulaReport: libreOffice,
      cliSpeedupVsLibreOffice: libreOffice.wallMs ? +(libreOffice.wallMs / cli.wallMs).toFixed(2) : undefined,
      loadAverage1m: +os.loadavg()[0].toFixed(2),
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

module.exports = { run, ensureFiles, runLibreOffice };

if (require.main === module) run().then((r) => console.log(JSON.stringify(r, null, 2)));
