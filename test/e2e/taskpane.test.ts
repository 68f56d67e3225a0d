/**
 * The built task pane in Debian Chromium with local office.js and the Excel host double seeded from a real
 * xlsx (the Maven CRM pipeline): pick the source, change one mapping, Analyze, check what was written.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { ARTIFACTS, E2E_DIST, ROOT, ensureE2eBuild, injectDouble, mavenXlsx, openBrowser, pageWithDialogs, parseCsv, seedFromXlsx, serve } from "./support";

const SHOTS = path.join(ARTIFACTS, "screens");
const DOC_IMAGES = path.join(ROOT, "docs", "images");

type Seed = Awaited<ReturnType<typeof seedFromXlsx>>;
let server: Awaited<ReturnType<typeof serve>>;
let seed: Seed;

/** Independent counts straight from the CSV. */
function csvFacts() {
  const [, ...rows] = parseCsv(path.join(ROOT, "test", "fixtures", "maven-crm", "sales_pipeline.csv"));
  const won = rows.filter((r) => r[4] === "Won");
  const lost = rows.filter((r) => r[4] === "Lost").length;
  const byProduct = new Map<string, number>();
  for (const r of won) byProduct.set(r[2], (byProduct.get(r[2]) ?? 0) + Number(r[7]));
  const topProduct = [...byProduct.entries()].sort((a, b) => b[1] - a[1])[0][0];
  return { deals: rows.length, won: won.length, lost, open: rows.length - won.length - lost, topProduct };
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

/** Values of one sheet in the double, as a 2-D array (null when the sheet does not exist). */
const sheetValues = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { __host: { valuesOf(x: string): unknown[][] | null } }).__host.valuesOf(n), name);
const sheetNames = (page: Page) => page.evaluate(() => (window as unknown as { __host: { sheetNames(): string[] } }).__host.sheetNames());

beforeAll(async () => {
  ensureE2eBuild();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const xlsx = path.join(ARTIFACTS, "maven-pipeline.xlsx");
  await mavenXlsx(xlsx, "Pipeline");
  seed = await seedFromXlsx(xlsx);
  // A user sheet that happens to carry one of our names: it must be left alone.
  seed.sheets.push({ name: "GTM Levers", values: [["My own lever notes"], ["keep me"]] });
  server = await serve(E2E_DIST);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe("task pane in Chromium", () => {
  it("analyses the Maven CRM pipeline end to end and writes only its own sheets", async () => {
    const facts = csvFacts();
    const browser = await openBrowser(server.origin);
    try {
      const { page, dialogs } = await pageWithDialogs(browser.context);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await injectDouble(page, { ...seed, syncDelayMs: 100 });
      await page.goto(`${server.origin}/taskpane.html`);

      // Source: the pipeline sheet is found with its row count and preselected.
      const pipeline = page.getByRole("radio", { name: /^Pipeline/ });
      await pipeline.waitFor({ timeout: 30_000 });
      await page.getByText(`Sheet · ${facts.deals.toLocaleString("en-US")} rows under the header`).waitFor();
      await shot(page, "1-source");
      await pipeline.check();
      await page.getByRole("button", { name: "Next: check columns" }).click();

      // Mapping: detected columns shown; change one (segment -> product).
      await page.getByRole("heading", { name: "Check the columns" }).waitFor();
      await shot(page, "2-mapping");
      await page.getByRole("button", { name: /More fields/ }).click();
      await page.locator('[data-field="segment"] [role="combobox"]').click();
      await page.getByRole("option", { name: "product", exact: true }).click();
      await page.locator('[data-field="segment"]').getByText("Chosen by you").waitFor();
      await shot(page, "2-mapping-changed");
      await page.getByRole("button", { name: "Analyze" }).click();

      // Run: progress with the stage in words.
      await page.getByText(/Writing sheet [2-9] of \d+/).waitFor({ timeout: 30_000 });
      await shot(page, "3-run");
      await page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 60_000 });
      await shot(page, "4-results");

      // What was written.
      const names = await sheetNames(page);
      expect(names.slice(0, 3)).toEqual(["Pipeline", "Notes", "GTM Levers"]);
      expect(names).toEqual(expect.arrayContaining(["GTM Summary", "GTM Levers (2)", "GTM Time Bombs", "GTM Funnel", "GTM Segments", "GTM Data Issues"]));
      expect(await sheetValues(page, "GTM Levers")).toEqual([["My own lever notes"], ["keep me"]]);
      expect(await sheetValues(page, "Pipeline")).toEqual(seed.sheets[0].values);
      expect(await sheetValues(page, "Notes")).toEqual(seed.sheets[1].values);

      // Funnel key figures (Measure | Value) against counts from the CSV.
      const funnel = (await sheetValues(page, "GTM Funnel"))!;
      const figure = (label: string) => funnel.find((r) => r[0] === label)?.[1];
      expect([figure("Deals"), figure("Won"), figure("Lost"), figure("Open")]).toEqual([facts.deals, facts.won, facts.lost, facts.open]);
      expect(figure("Win rate (by count)")).toBeCloseTo(facts.won / (facts.won + facts.lost), 10);
      // The changed mapping took effect: products are the segments, the core one is the top earner.
      expect(funnel.flat().some((v) => typeof v === "string" && v.includes(`core = ${facts.topProduct}`))).toBe(true);
      const issues = (await sheetValues(page, "GTM Data Issues"))!;
      expect(issues.some((r) => r.includes("segment") && r.includes("product"))).toBe(true);

      // The mapping is remembered in the workbook's settings.
      const saved = await page.evaluate(() => (window as unknown as { __host: { settings: { get(k: string): { sources: Record<string, { map: Record<string, string> }> } } } }).__host.settings.get("gtmCompass.v1"));
      expect(saved.sources["sheet:Pipeline"].map.segment).toBe("product");

      // A finding is a link to the cell it comes from.
      const link = page.locator("li button").first();
      const title = await link.getAttribute("title");
      await link.click();
      const [, sheet, cell] = /^Go to (.+)!([A-Z]+\d+)$/.exec(title ?? "") ?? [];
      await page.waitForFunction(([s]) => (window as unknown as { __host: { workbook: { activeSheet: { name: string } } } }).__host.workbook.activeSheet.name === s, [sheet]);
      const selected = await page.evaluate(() => {
        const w = (window as unknown as { __host: { workbook: { selection: { sheet: { name: string }; r0: number; c0: number } } } }).__host.workbook;
        return { sheet: w.selection.sheet.name, r0: w.selection.r0, c0: w.selection.c0 };
      });
      expect(selected.sheet).toBe(sheet);
      expect(cell).toMatch(/^[A-Z]+\d+$/);

      // Helpers: the inputs template and the what-if sheet with live GTM formulas.
      await page.getByRole("button", { name: "Create inputs sheet" }).click();
      await page.getByText(/Added “GTM Inputs”/).waitFor();
      await page.getByRole("button", { name: "Build what-if sheet" }).click();
      await page.getByText(/Added “GTM What-If”/).waitFor();
      await shot(page, "5-tools");
      const formulas = await page.evaluate(() => {
        const s = (window as unknown as { __host: { sheet(n: string): { formulas: Map<string, string> } } }).__host.sheet("GTM What-If");
        return [...s.formulas.values()];
      });
      for (const fn of ["GTM.FUNNEL_YIELD", "GTM.LEADS_NEEDED", "GTM.CAC_FLAG", "GTM.GTM_COMPASS"]) expect(formulas.some((f) => f.startsWith(`=${fn}(`))).toBe(true);

      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(browser.external).toEqual([]);
      // The README's screenshots are refreshed only on request, so a test run leaves tracked files alone.
      for (const name of process.env.UPDATE_DOC_IMAGES ? ["1-source", "2-mapping", "3-run", "4-results", "5-tools"] : []) {
        fs.mkdirSync(DOC_IMAGES, { recursive: true });
        fs.copyFileSync(path.join(SHOTS, `${name}.png`), path.join(DOC_IMAGES, `taskpane-${name}.png`));
      }
    } finally {
      await browser.close();
    }
  }, 180_000);

  it("renders workbook text as text: markup and formulas in cells neither execute nor get rewritten", async () => {
    const IMG = "<img src=x onerror=alert(1)>";
    const LINK = '=HYPERLINK("http://example.com","x")';
    const xlsx = path.join(ARTIFACTS, "hostile-pipeline.xlsx");
    // The sheet itself is named with markup; reps and accounts hold markup and a formula-looking string.
    await mavenXlsx(xlsx, IMG, (rows) => {
      for (let i = 0; i < rows.length; i += 7) rows[i][1] = LINK;
      for (let i = 3; i < rows.length; i += 11) rows[i][3] = IMG;
    });
    const hostile = await seedFromXlsx(xlsx);
    expect(hostile.sheets[0].values[1][1]).toBe(LINK);
    const browser = await openBrowser(server.origin);
    try {
      const { page, dialogs } = await pageWithDialogs(browser.context);
      await injectDouble(page, hostile);
      const before = server.requests.length;
      await page.goto(`${server.origin}/taskpane.html`);
      const source = page.getByRole("radio", { name: IMG });
      await source.waitFor({ timeout: 30_000 });
      await source.check();
      await page.getByRole("button", { name: "Next: check columns" }).click();
      // The sheet name is shown as text in the mapping screen's sentence.
      await page.locator("strong", { hasText: IMG }).waitFor();
      await page.getByRole("button", { name: "Analyze" }).click();
      await page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 60_000 });

      // Nothing executed, no element was made from cell text, nothing was fetched for it.
      expect(dialogs).toEqual([]);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(browser.external).toEqual([]);
      expect(server.requests.slice(before).filter((p) => p === "/x")).toEqual([]);
      // The source sheet is unchanged, and every cell we wrote holding those strings is text, not a formula.
      expect(await sheetValues(page, IMG)).toEqual(hostile.sheets[0].values);
      const written = await page.evaluate(([img, link]) => {
        const h = (window as unknown as { __host: { sheetNames(): string[]; valuesOf(n: string): unknown[][]; sheet(n: string): { formulas: Map<string, string> } } }).__host;
        const ours = h.sheetNames().filter((n) => n.startsWith("GTM "));
        const cells = ours.flatMap((n) => h.valuesOf(n).flat());
        const formulas = ours.flatMap((n) => [...h.sheet(n).formulas.values()]);
        return { ours, img: cells.filter((v) => v === img).length, link: cells.filter((v) => v === link).length, liveLinks: formulas.filter((f) => /HYPERLINK/i.test(f)).length };
      }, [IMG, LINK]);
      expect(written.ours.length).toBeGreaterThan(3);
      expect(written.link).toBeGreaterThan(0);
      expect(written.img).toBeGreaterThan(0);
      expect(written.liveLinks).toBe(0);
      await shot(page, "6-hostile-text");
    } finally {
      await browser.close();
    }
  }, 180_000);
});
