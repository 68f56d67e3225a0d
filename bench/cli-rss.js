// Preloaded into the benchmarked CLI process (node --require): on exit, writes the process's peak resident
// memory (maxRSS, kilobytes) and CPU time (microseconds) as JSON to the file named by GTM_BENCH_RSS_FILE.
// Not part of the product.
"use strict";
const fs = require("fs");

const target = process.env.GTM_BENCH_RSS_FILE;
if (target) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    fs.writeFileSync(target, JSON.stringify({ maxRSS: u.maxRSS, userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime }));
  });
}
