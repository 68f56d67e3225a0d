#!/usr/bin/env node
// The gtm-compass command: runs the compiled CLI in dist/node (build it with `npm run build:node`).
"use strict";
const path = require("path");
const fs = require("fs");

const entry = path.join(__dirname, "..", "dist", "node", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("gtm-compass: not built yet: run `npm run build:node` first.\n");
  process.exitCode = 1;
} else {
  require(entry)
    .main(process.argv.slice(2))
    .then((code) => {
      process.exitCode = code;
    });
}
