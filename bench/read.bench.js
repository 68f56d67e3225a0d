// The file read itself (issue: what users wait for): the CLI end to end and the reader alone on 100,000 and
// 1,048,575-row .xlsx and .csv files, each beside its floor measured in the same run: inflating the sheet
// part with node's zlib (xlsx) and reading the file's bytes (csv). Medians of RUNS child processes are the
// headline, best-of-N beside them, with peak RSS. Set GTM_BENCH_READ_ROWS=100000 to skip the full sheet.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { ensurePipelineFile } = require("./pipeline-files");

const ROOT = path.join(__dirname, "..");
const RUNS = 3;
const SIZES = (process.env.GTM_BENCH_READ_ROWS || "100000,1048575").split(",").map(Number);

const READER = `
const t0 = process.hrtime.bigint();
const f = process.argv[1];
const mode = process.argv[2];
(async () => {
  if (mode === "floor-xlsx") {
    const { openZip, streamPart } = require(${JSON.stringify(path.join(ROOT, "dist/node/cli/xlsx/zip.js"))});
    const zlib = require("zlib"); const fs = require("fs");
    const z = openZip(f); const e = [...z.entries.values()].find((x) => /worksheets\\/sheet1\\.xml$/.test(x.name));
    // The bare floor: the part's compressed bytes inflated in one call by node's zlib.
    const fd = fs.openSync(f, "r"); const head = Buffer.alloc(30); fs.readSync(fd, head, 0, 30, e.localOffset);
    const start = e.localOffset + 30 + head.readUInt16LE(26) + head.readUInt16LE(28);
    const raw = Buffer.alloc(e.compressedSize); fs.readSync(fd, raw, 0, raw.length, start);
    zlib.inflateRawSync(raw);
  } else if (mode === "floor-csv") {
    const fs = require("fs"); const fd = fs.openSync(f, "r"); const b = Buffer.alloc(1 << 20);
    while (fs.readSync(fd, b, 0, b.length, null) > 0);
  } else if (mode === "reader-xlsx") {
    await require(${JSON.stringify(path.join(ROOT, "dist/node/cli/xlsx/read.js"))}).readXlsxColumns(f);
  } else {
    await require(${JSON.stringify(path.join(ROOT, "dist/node/cli/read-csv.js"))}).readCsvColumns(f);
  }
  const u = process.resourceUsage();
  process.stdout.write(JSON.stringify({ ms: Number(process.hrtime.bigint() - t0) / 1e6, rssMb: u.maxRSS / 1024 }));
})();`;

function child(file, mode) {
  const r = spawnSync(process.execPath, ["-e", READER, file, mode], { encoding: "utf8", maxBuffer: 1 << 20 });
  return r.status === 0 ? JSON.parse(r.stdout) : { error: r.stderr.split("\n")[0] };
}

function cli(file) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "gtm-bench-read-"));
  const rss = path.join(work, "rss.json");
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["--require", path.join(__dirname, "cli-rss.js"), path.join(ROOT, "bin", "gtm-compass.js"), "analyze", file, "--out", path.join(work, "a.xlsx"), "--quiet"], {
    encoding: "utf8",
    env: { ...process.env, GTM_BENCH_RSS_FILE: rss },
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const u = fs.existsSync(rss) ? JSON.parse(fs.readFileSync(rss, "utf8")) : {};
  fs.rmSync(work, { recursive: true, force: true });
  return r.status === 0 ? { ms, rssMb: (u.maxRSS ?? NaN) / 1024 } : { error: r.stderr.split("\n")[0] };
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : NaN;
};

function summarise(runs) {
  const ms = runs.map((r) => r.ms);
  return { medianMs: Math.round(median(ms)), bestMs: Math.round(Math.min(...ms.filter(Number.isFinite))), runsMs: ms.map(Math.round), peakRssMb: Math.round(Math.max(...runs.map((r) => r.rssMb ?? NaN))), error: runs.find((r) => r.error)?.error };
}

async function run() {
  const out = { loadAverageStart: os.loadavg().map((x) => +x.toFixed(2)) };
  for (const rows of SIZES) {
    for (const kind of ["xlsx", "csv"]) {
      const file = await ensurePipelineFile(rows, kind);
      const runs = { floor: [], reader: [], cli: [] };
      for (let i = 0; i < RUNS; i++) {
        // Interleaved, so each sees the same machine load.
        runs.floor.push(child(file, `floor-${kind}`));
        runs.reader.push(child(file, `reader-${kind}`));
        runs.cli.push(cli(file));
      }
      const floor = summarise(runs.floor);
      const reader = summarise(runs.reader);
      const cliR = summarise(runs.cli);
      out[`${kind}-${rows}`] = {
        sizeMb: +(fs.statSync(file).size / 1048576).toFixed(1),
        floor,
        reader,
        cli: cliR,
        readerOverFloor: +(reader.medianMs / floor.medianMs).toFixed(2),
        cliOverFloor: +(cliR.medianMs / floor.medianMs).toFixed(2),
      };
    }
  }
  out.loadAverageEnd = os.loadavg().map((x) => +x.toFixed(2));
  return out;
}

module.exports = { run };

if (require.main === module) run().then((r) => console.log(JSON.stringify(r, null, 2)));
