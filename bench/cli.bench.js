// The command line end to end (median of RUNS runs) on a 100,000-row, 9-column pipeline .xlsx (wall time and peak memory of the
// child process), side by side with what a user does today: LibreOffice opening the same data with a small
// formula report (COUNTIFS/SUMIFS per quarter, win rate, MEDIAN(IF()) of the won cycle), recalculating it
// and exporting the result. Prints nothing: bench/run.js collects the returned object.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ensurePipelineFile, HEADERS, QUARTERS } = require("./pipeline-files");

const ROOT = path.join(__dirname, "..");
const ROWS = 100000;
/** Each side runs this many times; the median is reported (the machine may be shared). */
const RUNS = 3;

/** The data file and the same data with the formula report, generated once (bench/pipeline-files.js). */
async function ensureFiles() {
  return { data: await ensurePipelineFile(ROWS, "xlsx"), report: await ensurePipelineFile(ROWS, "report") };
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
