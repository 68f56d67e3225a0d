/**
 * Makes sure dist/ holds a build at least as new as its sources, so these tests read the real output
 * whether they run after `npm run build` or on their own.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { mtime, newestUnder } from "../support/mtime";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");

/** Runs the webpack production build when dist/functions.json is missing or older than its inputs. */
export function ensureWebBuild(): void {
  const out = path.join(DIST, "functions.json");
  const inputs = Math.max(
    newestUnder(path.join(ROOT, "src", "functions")),
    mtime(path.join(ROOT, "manifest.xml")),
    newestUnder(path.join(ROOT, "assets")),
    mtime(path.join(ROOT, "docs", "functions.md")),
    newestUnder(path.join(ROOT, "scripts")),
    mtime(path.join(ROOT, "webpack.config.js")),
  );
  if (mtime(out) >= inputs && fs.existsSync(path.join(DIST, "manifest.xml")) && fs.existsSync(path.join(DIST, "help", "functions.html"))) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "production"], {
    cwd: ROOT,
    stdio: "pipe",
    env: { ...process.env, ADDIN_URL: process.env.ADDIN_URL ?? "" },
  });
}

/** Runs `tsc -p tsconfig.node.json` when dist/node/index.js is missing or older than src/. */
export function ensureNodeBuild(): void {
  const out = path.join(DIST, "node", "index.js");
  if (mtime(out) >= newestUnder(path.join(ROOT, "src"))) return;
  try {
    execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.node.json"], { cwd: ROOT, stdio: "pipe" });
  } catch {
    // Type errors elsewhere in the tree still emit JavaScript; the test below checks what it needs exists.
  }
}
