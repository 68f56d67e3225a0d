#!/usr/bin/env node
// Runs every bench/*.bench.js module in file order and prints ONE JSON object keyed by module name
// (the file name without .bench.js). Each module exports `async run()` returning its measurements.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.js"))
    .sort();
  const only = process.argv.slice(2); // optional: names of modules to run
  const results = {};
  let failed = false;
  for (const file of files) {
    const name = file.slice(0, -".bench.js".length);
    if (only.length && !only.includes(name)) continue;
    try {
      const mod = require(path.join(__dirname, file));
      if (typeof mod.run !== "function") throw new Error(`${file} does not export run()`);
      results[name] = await mod.run();
    } catch (e) {
      failed = true;
      results[name] = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
  if (failed) process.exitCode = 1;
}

main();
