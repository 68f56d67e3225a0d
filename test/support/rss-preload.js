// Preloaded into a CLI child process under test (node --require): on exit, writes its peak resident memory
// (maxRSS, kilobytes) and wall time since start as JSON to the file named by GTM_TEST_RSS_FILE.
"use strict";
const fs = require("fs");
const target = process.env.GTM_TEST_RSS_FILE;
const started = Date.now();
if (target) {
  process.on("exit", () => {
    fs.writeFileSync(target, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS, ms: Date.now() - started }));
  });
}
