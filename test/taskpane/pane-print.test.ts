/**
 * What the task pane writes prints as the command line's does: the sample analysed and written by the
 * pane's Office.js writer into the host double, saved as .xlsx from what the double recorded, and printed
 * by LibreOffice. GTM Summary prints on one page with its header (sheet title, source) and footer (page x
 * of y). With UPDATE_DOC_IMAGES set, the page becomes docs/images/taskpane-summary-sheet.png.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runAnalysis } from "../../src/cli/run";
import { writeReport } from "../../src/taskpane/excel/write";
import { doubleToXlsx } from "../support/double-to-xlsx";
import { makeDouble } from "./double-host";

const dir = mkdtempSync(join(tmpdir(), "gtm-pane-print-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const soffice = (() => {
  try {
    execFileSync("soffice", ["--version"], { stdio: "pipe" });
    return true;
  } catch {
    return false;
  }
})();

(soffice ? test : test.skip)(
  "GTM Summary written by the pane prints on one page in LibreOffice, with its header and footer",
  async () => {
    const result = await runAnalysis({ file: join(__dirname, "..", "..", "samples", "gtm-sample.xlsx"), out: join(dir, "cli.xlsx") });
    const { d, host } = makeDouble({ sheets: [{ name: "Data", values: [["x"]] }] });
    const written = await writeReport(host, result.report);
    const summary = written.names["GTM Summary"];
    const xlsx = join(dir, "pane-summary.xlsx");
    await doubleToXlsx(d, [summary], xlsx);
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${join(dir, "profile")}`, "--convert-to", "pdf", "--outdir", dir, xlsx], { stdio: "pipe", timeout: 120000 });
    const pdf = join(dir, "pane-summary.pdf");
    expect(existsSync(pdf)).toBe(true);
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))![1]);
    expect(pages).toBe(1);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    // the header: the sheet's title at the left, the source at the right; the footer: page 1 of 1
    expect(text).toMatch(/GTM Summary\s+.*gtm-sample|GTM Summary\s+.*Sample Deals/);
    expect(text).toContain("Page 1 of 1");
    // the tiles' labels and a finding are on the page
    expect(text).toMatch(/Win rate/);
    if (process.env.UPDATE_DOC_IMAGES) {
      execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", pdf, join(dir, "summary")]);
      copyFileSync(join(dir, "summary.png"), join(__dirname, "..", "..", "docs", "images", "taskpane-summary-sheet.png"));
    }
  },
  180000,
);
