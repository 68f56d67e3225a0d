/**
 * The pane in Chromium on workbooks that trip a naive reader: a multi-area selection, a filtered table, a
 * budget whose "stage" column holds quarters, and an empty workbook where "Try the sample pipeline" writes
 * the sample and the whole flow runs on it (the README's screenshots, light and dark).
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { ARTIFACTS, E2E_DIST, ensureE2eBuild, injectDouble, mavenXlsx, OFFICE_THEMES, openBrowser, pageWithDialogs, parseCsv, publishShot, ROOT, seedFromXlsx, serve, shotAt } from "./support";

const SHOTS = path.join(ARTIFACTS, "screens");

type Seed = Awaited<ReturnType<typeof seedFromXlsx>>;
let server: Awaited<ReturnType<typeof serve>>;
let maven: Seed;

async function openPane(spec: unknown, options: { theme?: object } = {}) {
  const browser = await openBrowser(server.origin);
  const { page, dialogs } = await pageWithDialogs(browser.context);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await injectDouble(page, spec, options);
  await page.goto(`${server.origin}/taskpane.html`);
  return { browser, page, dialogs, errors };
}

const sheetNames = (page: Page) => page.evaluate(() => (window as unknown as { __host: { sheetNames(): string[] } }).__host.sheetNames());

async function analyzeAndWait(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Analyze", exact: true }).click();
  await page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 180_000 });
}

/** Relative luminance of a CSS rgb() colour. */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/\d+/g) ?? []).slice(0, 3).map((x) => {
    const c = Number(x) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

beforeAll(async () => {
  ensureE2eBuild();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const xlsx = path.join(ARTIFACTS, "maven-pipeline.xlsx");
  await mavenXlsx(xlsx, "Pipeline");
  maven = await seedFromXlsx(xlsx);
  server = await serve(E2E_DIST);
}, 240_000);

afterAll(async () => {
  await server?.close();
});

describe("reading as Excel really behaves", () => {
  it("a multi-area selection leaves the source list whole and says why the selection is not offered", async () => {
    const { browser, page, errors } = await openPane({ ...maven, selection: { sheet: "Pipeline", address: "A1:C5, E1:F9" } });
    try {
      await page.getByRole("radio", { name: /^Pipeline/ }).waitFor({ timeout: 30_000 });
      expect(await page.getByRole("radio").count()).toBe(2);
      await page.getByText("Your selection has 2 separate areas (Pipeline!A1:C5, Pipeline!E1:F9), so it is not offered.", { exact: false }).waitFor();
      await shotAt(page, SHOTS, "1-source-multi-area");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("a filtered table is read as the user sees it, and the pane says so before and after", async () => {
    const [, ...rows] = parseCsv(path.join(ROOT, "test", "fixtures", "maven-crm", "sales_pipeline.csv"));
    // The filter hides every "Engaging" deal (sheet row = data index + 2).
    const hidden = rows.map((r, i) => (r[4] === "Engaging" ? i + 2 : 0)).filter(Boolean);
    const visible = rows.length - hidden.length;
    const seed = {
      ...maven,
      sheets: maven.sheets.map((s) => (s.name === "Pipeline" ? { ...s, hiddenRows: hidden } : s)),
      tables: [{ name: "Deals", sheet: "Pipeline", address: `A1:H${rows.length + 1}`, filtered: true }],
    };
    const { browser, page, errors } = await openPane(seed);
    try {
      await page.getByRole("radio", { name: /^Deals \(table on Pipeline\)/ }).waitFor({ timeout: 30_000 });
      await page.getByText(`The table Deals has a filter on: GTM Compass reads only the ${visible.toLocaleString("en-US")} data rows it shows and leaves out the ${hidden.length.toLocaleString("en-US")} rows it hides.`).waitFor();
      publishShot(await shotAt(page, SHOTS, "1-source-filtered"), "1-source-filtered");
      await page.getByRole("button", { name: "Next: check columns" }).click();
      // The stage values are those of the visible rows: no "Engaging" among them.
      await page.locator('[data-outcome-value="Won"]').waitFor({ timeout: 30_000 });
      expect(await page.locator('[data-outcome-value="Engaging"]').count()).toBe(0);
      await analyzeAndWait(page);
      const caption = await page.getByText(/^Rows: /).innerText();
      expect(caption).toContain(`Rows: ${visible.toLocaleString("en-US")} read`);
      expect(caption).toContain(`${hidden.length.toLocaleString("en-US")} hidden rows were left out`);
      const open = rows.filter((r) => r[4] !== "Won" && r[4] !== "Lost" && r[4] !== "Engaging").length;
      expect(await page.locator('[data-tile="openPipeline"]').innerText()).toContain(`${open.toLocaleString("en-US")} open deals`);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);

  it("refuses a budget whose stage column holds quarters, next to the stage field, and writes nothing", async () => {
    const budget = [["Line", "Stage", "Amount", "Owner"], ...Array.from({ length: 24 }, (_, i) => [`Line ${i + 1}`, `Q${(i % 4) + 1}`, 1000 * (i + 1), `Owner ${i % 3}`])];
    const { browser, page, errors } = await openPane({ sheets: [{ name: "Budget", values: budget }] });
    try {
      await page.getByRole("radio", { name: /^Budget/ }).waitFor({ timeout: 30_000 });
      await page.getByRole("button", { name: "Next: check columns" }).click();
      const stage = page.locator('[data-field="stage"]');
      await stage.getByText(/None of the values in “Stage” reads as a deal stage \(“Q1”, “Q2”, “Q3”, …\)/).waitFor({ timeout: 30_000 });
      expect(await page.getByRole("button", { name: "Analyze", exact: true }).isDisabled()).toBe(true);
      publishShot(await shotAt(page, SHOTS, "2-mapping-refused"), "2-mapping-refused");
      expect((await sheetNames(page)).filter((n) => n.startsWith("GTM"))).toEqual([]);
      // Saying what the quarters mean unblocks it (the user's call, remembered with the columns).
      await page.locator('[data-outcome-value="Q4"] select').selectOption("won");
      await page.locator('[data-outcome-value="Q1"] select').selectOption("lost");
      expect(await page.getByRole("button", { name: "Analyze", exact: true }).isDisabled()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

describe("first run on an empty workbook", () => {
  it("writes the sample into new sheets, picks its leads and inputs, analyzes it; screenshots light and dark at 350 and 500 px", async () => {
    const shots: Record<string, string[]> = {};
    const { browser, page, errors, dialogs } = await openPane({ sheets: [{ name: "Sheet1", values: [] }], syncDelayMs: 40 }, { theme: OFFICE_THEMES.colorful });
    try {
      const trySample = page.getByRole("button", { name: "Try the sample pipeline" });
      await trySample.waitFor({ timeout: 30_000 });
      shots["0-first-run"] = await shotAt(page, SHOTS, "0-first-run");
      await trySample.click();
      await page.getByText(/Added the sample: “Sample Deals”/).waitFor({ timeout: 60_000 });
      expect(await sheetNames(page)).toEqual(["Sheet1", "Sample Deals", "Sample Leads", "Sample Inputs"]);
      await page.getByRole("radio", { name: /^Sample Deals/, checked: true }).waitFor();
      shots["1-source"] = await shotAt(page, SHOTS, "1-source");
      await page.getByRole("button", { name: "Next: check columns" }).click();
      await page.getByRole("heading", { name: "Check the columns" }).waitFor();
      await page.getByText("Picked for you by its name; choose “No leads table” if it is not one.").waitFor();
      await page.getByText("Picked for you by its name; choose “No inputs sheet” if it is not one.").waitFor();
      await page.locator('[data-outcome-value="Closed Won"]').waitFor({ timeout: 30_000 });
      shots["2-mapping"] = await shotAt(page, SHOTS, "2-mapping");
      await page.getByRole("button", { name: "Analyze", exact: true }).click();
      await page.getByText(/Writing sheet [2-9] of \d+/).waitFor({ timeout: 120_000 });
      shots["3-run"] = await shotAt(page, SHOTS, "3-run");
      await page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 180_000 });
      // The leads table joined: the lead-to-won tile is there, and three time bombs tick.
      await page.locator('[data-tile="leadToWon"]').waitFor();
      expect(await page.locator('[data-finding] >> text=TIME BOMB').count()).toBeGreaterThanOrEqual(1);
      // Focus moved to the Results heading.
      expect(await page.getByRole("heading", { name: "What to act on" }).evaluate((el) => el === document.activeElement)).toBe(true);
      shots["4-results"] = await shotAt(page, SHOTS, "4-results");
      await page.getByRole("button", { name: "Tools" }).click();
      await page.getByRole("menuitem", { name: "Build what-if sheet" }).waitFor();
      shots["5-tools-menu"] = await shotAt(page, SHOTS, "5-tools-menu");
      await page.keyboard.press("Escape");
      const saved = await page.evaluate(() => (window as unknown as { __host: { snapshot(): unknown } }).__host.snapshot());
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(browser.external).toEqual([]);

      // The same workbook in Excel's dark theme: the pane follows it, dashboard included.
      const dark = await openPane(saved, { theme: OFFICE_THEMES.dark });
      try {
        await dark.page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 30_000 });
        const bg = await dark.page.locator("[data-theme]").evaluate((el) => getComputedStyle(el).backgroundColor);
        expect(luminance(bg)).toBeLessThan(0.05);
        expect(await dark.page.locator("[data-theme]").getAttribute("data-theme")).toBe("dark");
        shots["4-results-dark"] = await shotAt(dark.page, SHOTS, "4-results-dark");
        expect(dark.errors).toEqual([]);
      } finally {
        await dark.browser.close();
      }
    } finally {
      await browser.close();
    }
    // The README's screenshots (350 px) are refreshed only on request, so a test run leaves tracked files alone.
    for (const [name, files] of Object.entries(shots)) publishShot(files, name);
  }, 600_000);
});
