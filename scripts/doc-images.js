#!/usr/bin/env node
/**
 * Refreshes the pictures in docs/report.md: analyses the sample, Maven and Olist with the command line,
 * prints each workbook with LibreOffice (soffice --convert-to pdf) and turns the first page of each GTM sheet
 * into a PNG (pdftoppm), named docs/images/report/<dataset>-<sheet>.png. Run with `npm run doc-images`
 * (needs LibreOffice and poppler-utils: scripts/install-system-deps.sh).
 */
const { execFileSync } = require("node:child_process");
const { mkdtempSync, mkdirSync, renameSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const root = join(__dirname, "..");
const fixtures = join(root, "test", "fixtures");
const out = join(root, "docs", "images", "report");
const cases = [
  { name: "sample", args: [join(root, "samples", "gtm-sample.xlsx")], sheets: "all" },
  { name: "maven", args: [join(fixtures, "maven-crm", "sales_pipeline.csv"), "--period", "quarter"], sheets: ["GTM Summary"] },
  {
    name: "olist",
    args: [join(fixtures, "olist-funnel", "olist_closed_deals_dataset.csv"), "--leads", join(fixtures, "olist-funnel", "olist_marketing_qualified_leads_dataset.csv")],
    sheets: ["GTM Summary"],
  },
];

const work = mkdtempSync(join(tmpdir(), "gtm-doc-images-"));
try {
  mkdirSync(out, { recursive: true });
  for (const c of cases) {
    const xlsx = join(work, `${c.name}.xlsx`);
    execFileSync(process.execPath, [join(root, "bin", "gtm-compass.js"), "analyze", ...c.args, "--out", xlsx, "--force", "--quiet"], { stdio: "inherit" });
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(work, "profile")}`, "--convert-to", "pdf", "--outdir", work, xlsx], { stdio: "pipe" });
    const pdf = join(work, `${c.name}.pdf`);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))[1]);
    const seen = new Set();
    for (let p = 1; p <= pages; p++) {
      // the print header's first word run is the sheet's name
      const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", pdf, "-"], { encoding: "utf8" });
      const sheet = (/^\s*(GTM [A-Za-z ]+?)(\s{2,}|\n)/.exec(text) || [])[1];
      if (!sheet || seen.has(sheet) || (c.sheets !== "all" && !c.sheets.includes(sheet))) continue;
      seen.add(sheet);
      const file = `${c.name}-${sheet.replace(/^GTM /, "").toLowerCase().replace(/\s+/g, "-")}`;
      execFileSync("pdftoppm", ["-png", "-r", "80", "-f", String(p), "-l", String(p), "-singlefile", pdf, join(work, file)]);
      renameSync(join(work, `${file}.png`), join(out, `${file}.png`));
      console.log(`docs/images/report/${file}.png`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
