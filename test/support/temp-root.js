/**
 * One temporary folder per test run: globalSetup points TMPDIR at a fresh folder (the test workers and
 * every program the tests start, LibreOffice and Chromium included, inherit it), globalTeardown removes it,
 * so a run leaves nothing behind in the system's temporary folder whatever each test does with its files.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

async function setup() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "gtm-tests-"));
  process.env.GTM_TEST_TMP_ROOT = root;
  process.env.TMPDIR = root;
}

async function teardown() {
  const root = process.env.GTM_TEST_TMP_ROOT;
  if (root && path.basename(root).startsWith("gtm-tests-")) fs.rmSync(root, { recursive: true, force: true });
}

module.exports = { setup, teardown };
