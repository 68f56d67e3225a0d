/**
 * The built task pane in Debian Chromium with local office.js and the strict Excel host double, seeded
 * from real xlsx files (the Maven CRM pipeline written and read back with ExcelJS): the whole flow checked
 * against counts from the CSV, reruns that keep renamed and copied sheets, the what-if planner keeping a
 * planner's inputs, the dashboard kept in the workbook and shown again on reopen, cell text kept as text.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { whatIfLayout } from "../../src/taskpane/excel/helpers";
import { ARTIFACTS, E2E_DIST, ensureE2eBuild, injectDouble, mavenXlsx, openBrowser, pageWithDialogs, parseCsv, publishShot, ROOT, seedFromXlsx, serve, shotAt } from "./support";

const SHOTS = path.join(ARTIFACTS, "screens");

type Seed = Awaited<ReturnType<typeof seedFromXlsx>>;
let server: Awaited<ReturnType<typeof serve>>;
let maven: Seed;

/** Independent facts straight from the CSV. */
function csvFacts() {
  const [, ...rows] = parseCsv(path.join(ROOT, "test", "fixtures", "maven-crm", "sales_pipeline.csv"));
  const won = rows.filter((r) => r[4] === "Won");
  const lost = rows.filter((r) => r[4] === "Lost").length;
  const byProduct = new Map<string, number>();
  for (const r of won) byProduct.set(r[2], (byProduct.get(r[2]) ?? 0) + Number(r[7]));
  const topProduct = [...byProduct.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const day = (s: string) => {
    const [m, d, y] = s.split("/").map(Number);
    return Date.UTC(y, m - 1, d) / 86_400_000;
  };
  const cycles = won.map((r) => day(r[6]) - day(r[5])).sort((a, b) => a - b);
  const mid = cycles.length / 2;
  const medianCycle = cycles.length % 2 ? cycles[Math.floor(mid)] : (cycles[mid - 1] + cycles[mid]) / 2;
  const quarter = (s: string) => {
    const [m, , y] = s.split("/").map(Number);
    return `${y}-Q${Math.ceil(m / 3)}`;
  };
  const revenue = new Map<string, number>();
  for (const r of won) revenue.set(quarter(r[6]), (revenue.get(quarter(r[6])) ?? 0) + Number(r[7]));
  const engaging = rows.filter((r) => r[4] === "Engaging").length;
  return { rows, deals: rows.length, won: won.length, lost, open: rows.length - won.length - lost, engaging, topProduct, medianCycle, revenue };
}

type Host = {
  valuesOf(n: string): unknown[][] | null;
  sheetNames(): string[];
  userRename(a: string, b: string): void;
  userCopy(n: string): string;
  userType(n: string, a: string, v: string): void;
  snapshot(): Seed & { settings: Record<string, unknown> };
  settings: { get(k: string): unknown };
  workbook: { activeSheet: { name: string }; selection: { sheet: { name: string }; areas: { r0: number; c0: number }[] } };
};
const inPage = <T,>(page: Page, fn: (h: Host, arg: string[]) => T, ...arg: string[]): Promise<T> =>
  page.evaluate(([f, a]) => new Function("h", "a", `return (${f})(h, a)`)((window as unknown as { __host: Host }).__host, a), [fn.toString(), arg] as const) as Promise<T>;
const sheetValues = (page: Page, name: string) => inPage(page, (h, [n]) => h.valuesOf(n), name);
const sheetNames = (page: Page) => inPage(page, (h) => h.sheetNames());

/** Open the pane on a workbook; every page error, dialog and outside request is collected for the end. */
async function openPane(spec: unknown, options: { theme?: object; width?: number } = {}) {
  const browser = await openBrowser(server.origin);
  const { page, dialogs } = await pageWithDialogs(browser.context);
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  if (options.width) await page.setViewportSize({ width: options.width, height: 900 });
  await injectDouble(page, spec, { theme: options.theme });
  await page.goto(`${server.origin}/taskpane.html`);
  return { browser, page, dialogs, errors };
}

/** From the Columns screen, press Analyze, confirming replacements when asked, and wait for Results. */
async function analyzeAndWait(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Analyze", exact: true }).click();
  const confirm = page.getByTestId("replace-confirm");
  const results = page.getByRole("heading", { name: "What to act on" });
  await Promise.race([confirm.waitFor({ timeout: 180_000 }), results.waitFor({ timeout: 180_000 })]);
  if (await confirm.isVisible()) {
    await confirm.getByRole("button", { name: /^Replace|^Analyze$/ }).click();
    await results.waitFor({ timeout: 180_000 });
  }
}

async function tileValue(page: Page, id: string): Promise<{ value: number | null; text: string }> {
  const tile = page.locator(`[data-tile="${id}"]`);
  return { value: JSON.parse((await tile.getAttribute("data-value")) ?? "null"), text: await tile.innerText() };
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

describe("task pane in Chromium", () => {
  it("analyses the Maven CRM pipeline end to end: tiles and charts match the CSV, and only its own sheets are written", async () => {
    const facts = csvFacts();
    // A user sheet that happens to carry one of our names: it must be left alone.
    const seed = { ...maven, sheets: [...maven.sheets, { name: "GTM Levers", values: [["My own lever notes"], ["keep me"]] }], syncDelayMs: 60 };
    const { browser, page, dialogs, errors } = await openPane(seed);
    try {
      const pipeline = page.getByRole("radio", { name: /^Pipeline/ });
      await pipeline.waitFor({ timeout: 30_000 });
      await page.getByText(`Sheet · ${facts.deals.toLocaleString("en-US")} rows under the header`).waitFor();
      await pipeline.check();
      await page.getByRole("button", { name: "Next: check columns" }).click();

      // Columns: the heading gets focus; the stage column's values are listed with their counts.
      const heading = page.getByRole("heading", { name: "Check the columns" });
      await heading.waitFor();
      expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.locator('[data-outcome-value="Won"]').getByText(`(${facts.won.toLocaleString("en-US")})`).waitFor();
      await page.locator('[data-outcome-value="Lost"]').getByText(`(${facts.lost.toLocaleString("en-US")})`).waitFor();
      // Segment takes "product", which fed Product: Product says so, and Undo is offered.
      await page.getByRole("button", { name: /More fields/ }).click();
      await page.locator('[data-field="segment"] [role="combobox"]').click();
      await page.getByRole("option", { name: "product", exact: true }).click();
      await page.locator('[data-field="segment"]').getByText("Chosen by you").waitFor();
      await page.locator('[data-field="product"]').getByText("No column now: “product” went to Segment").waitFor();
      await page.locator('[data-field="segment"]').getByText(/“product” fed Product; it now feeds Segment/).waitFor();
      await page.locator('[data-field="segment"]').getByRole("button", { name: "Undo" }).waitFor();
      await shotAt(page, SHOTS, "maven-2-mapping-moved");
      await analyzeAndWait(page);

      // What was written: our sheets, the user's "GTM Levers" untouched, the source unchanged.
      const names = await sheetNames(page);
      expect(names.slice(0, 3)).toEqual(["Pipeline", "Notes", "GTM Levers"]);
      expect(names).toEqual(expect.arrayContaining(["GTM Summary", "GTM Levers (2)", "GTM Time Bombs", "GTM Funnel", "GTM Segments", "GTM Data Issues"]));
      expect(await sheetValues(page, "GTM Levers")).toEqual([["My own lever notes"], ["keep me"]]);
      expect(await sheetValues(page, "Pipeline")).toEqual(maven.sheets[0].values);
      expect(await sheetValues(page, "Notes")).toEqual(maven.sheets[1].values);

      // Funnel key figures (Measure | Value) against counts from the CSV.
      const funnel = (await sheetValues(page, "GTM Funnel"))!;
      const figure = (label: string) => funnel.find((r) => r[0] === label)?.[1];
      expect([figure("Deals"), figure("Won"), figure("Lost"), figure("Open")]).toEqual([facts.deals, facts.won, facts.lost, facts.open]);
      expect(figure("Win rate (by count)")).toBeCloseTo(facts.won / (facts.won + facts.lost), 10);
      // The changed mapping took effect: products are the segments, the core one is the top earner.
      expect(funnel.flat().some((v) => typeof v === "string" && v.includes(`core = ${facts.topProduct}`))).toBe(true);

      // Tiles against the CSV.
      const winRate = await tileValue(page, "winRate");
      expect(winRate.value).toBeCloseTo(facts.won / (facts.won + facts.lost), 10);
      expect(winRate.text).toContain(`${facts.won.toLocaleString("en-US")} won, ${facts.lost.toLocaleString("en-US")} lost`);
      expect((await tileValue(page, "medianCycle")).value).toBe(facts.medianCycle);
      const change = await tileValue(page, "revenueChange");
      expect(change.value).toBeCloseTo(facts.revenue.get("2017-Q4")! - facts.revenue.get("2017-Q3")!, 6);
      expect(change.text).toContain("2017-Q3 → 2017-Q4");
      // Charts: the funnel ends at the won deals; the lever split adds up to the revenue change.
      const funnelChart = page.locator('[data-chart="funnel"]');
      expect(await funnelChart.locator("svg").count()).toBeGreaterThan(0);
      expect(await funnelChart.innerText()).toContain(`Won ${facts.won.toLocaleString("en-US")}`);
      const levers = page.locator('[data-chart="levers"]');
      expect(await levers.locator("svg rect").count()).toBeGreaterThanOrEqual(3);
      const split = JSON.parse((await levers.getAttribute("data-split"))!) as number[];
      expect(split.reduce((a, b) => a + b, 0)).toBeCloseTo(change.value!, 4);

      // The mapping and outcome words are remembered in the workbook.
      const saved = await inPage(page, (h) => h.settings.get("gtmCompass.v1") as { sources: Record<string, { map: Record<string, string> }> });
      expect(saved.sources["sheet:Pipeline"].map.segment).toBe("product");

      // A finding's "Go to cell" selects the cell its number comes from.
      const go = page.getByRole("button", { name: "Go to cell" }).first();
      const title = await go.getAttribute("title");
      await go.click();
      const [, sheet, cell] = /^Go to (.+)!([A-Z]+\d+)$/.exec(title ?? "") ?? [];
      await page.waitForFunction((s) => (window as unknown as { __host: Host }).__host.workbook.activeSheet.name === s, sheet);
      expect(await inPage(page, (h) => h.workbook.selection.sheet.name)).toBe(sheet);
      expect(cell).toMatch(/^[A-Z]+\d+$/);
      // "Why?" opens the evidence under its card.
      const why = page.getByRole("button", { name: "Why?" }).first();
      if (await why.count()) {
        await why.click();
        expect(await page.getByRole("button", { name: "Hide why" }).first().getAttribute("aria-expanded")).toBe("true");
      }

      // Tools live in a menu: the inputs template.
      await page.getByRole("button", { name: "Tools" }).click();
      await page.getByRole("menuitem", { name: "Create inputs sheet" }).click();
      await page.getByText(/Added “GTM Inputs”/).waitFor();

      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(browser.external).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);

  it("a renamed and a copied GTM sheet survive a rerun; the pane lists by name what it will replace first", async () => {
    const { browser, page, errors } = await openPane(maven);
    try {
      await page.getByRole("radio", { name: /^Pipeline/ }).waitFor({ timeout: 30_000 });
      await page.getByRole("button", { name: "Next: check columns" }).click();
      await analyzeAndWait(page);
      await inPage(page, (h) => h.userRename("GTM Levers", "Levers Q3 (keep)"));
      const copy = await inPage(page, (h) => h.userCopy("GTM Summary"));
      expect(copy).toBe("GTM Summary (2)");
      const keptLevers = await sheetValues(page, "Levers Q3 (keep)");
      const keptCopy = await sheetValues(page, copy);

      await page.getByRole("button", { name: "Refresh", exact: true }).click();
      const confirm = page.getByTestId("replace-confirm");
      await confirm.waitFor({ timeout: 30_000 });
      const text = await confirm.innerText();
      expect(text).toMatch(/Refresh replaces the 5 sheets the last analysis wrote: “GTM Summary”, “GTM Time Bombs”, “GTM Funnel”, “GTM Segments”, “GTM Data Issues”\./);
      expect(text).toContain("Kept, because you renamed it: “Levers Q3 (keep)”.");
      expect(text).toContain("Kept, because the last analysis did not write it (a copy, say): “GTM Summary (2)”.");
      publishShot(await shotAt(page, SHOTS, "6-replace"), "6-replace");
      await confirm.getByRole("button", { name: "Replace 5 and refresh" }).click();
      await page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 120_000 });
      await page.getByTestId("last-run").waitFor();

      expect(await sheetValues(page, "Levers Q3 (keep)")).toEqual(keptLevers);
      expect(await sheetValues(page, copy)).toEqual(keptCopy);
      const names = await sheetNames(page);
      expect(names).toEqual(expect.arrayContaining(["GTM Levers", "GTM Summary", "Levers Q3 (keep)", "GTM Summary (2)"]));
      expect(names.filter((n) => n.startsWith("~"))).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);

  it("rebuilding the what-if sheet keeps the planner's changed inputs and says so", async () => {
    const volume = whatIfLayout().inputs.Leads;
    const { browser, page, errors } = await openPane(maven);
    try {
      await page.getByRole("radio", { name: /^Pipeline/ }).waitFor({ timeout: 30_000 });
      const build = async () => {
        await page.getByRole("button", { name: "Tools" }).click();
        await page.getByRole("menuitem", { name: "Build what-if sheet" }).click();
      };
      await build();
      await page.getByText(/Added “GTM What-If”/).waitFor();
      const formulas = await page.evaluate(() => {
        const s = (window as unknown as { __host: { sheet(n: string): { formulas: Map<string, string> } } }).__host.sheet("GTM What-If");
        return [...s.formulas.values()];
      });
      for (const fn of ["GTM.FUNNEL_YIELD", "GTM.LEADS_NEEDED", "GTM.CAC_FLAG", "GTM.GTM_COMPASS"]) expect(formulas.some((f) => f.includes(`${fn}(`))).toBe(true); // leads needed is wrapped in ROUNDUP
      await inPage(page, (h, [cell]) => h.userType("GTM What-If", cell, "9999"), volume);
      await build();
      await page.getByText("Rebuilt “GTM What-If” in place. Your changed input was kept: Leads entering the funnel per period = 9,999.").waitFor();
      const values = (await sheetValues(page, "GTM What-If"))!;
      const m = /^([A-Z]+)(\d+)$/.exec(volume)!;
      expect(values[Number(m[2]) - 1][m[1].charCodeAt(0) - 65]).toBe(9999);
      publishShot(await shotAt(page, SHOTS, "5-tools"), "5-tools");
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);

  it("reopening the pane shows the last run, and says when its source has changed since", async () => {
    const facts = csvFacts();
    const { browser, page } = await openPane(maven);
    let saved: Awaited<ReturnType<Host["snapshot"]>>;
    let winRate: number | null;
    try {
      await page.getByRole("radio", { name: /^Pipeline/ }).waitFor({ timeout: 30_000 });
      await page.getByRole("button", { name: "Next: check columns" }).click();
      await analyzeAndWait(page);
      winRate = (await tileValue(page, "winRate")).value;
      saved = await inPage(page, (h) => h.snapshot());
    } finally {
      await browser.close();
    }
    // The saved workbook, opened again: the dashboard is there before anything is pressed.
    const again = await openPane(saved);
    try {
      await again.page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 30_000 });
      expect(await again.page.getByTestId("last-run").innerText()).toMatch(new RegExp(`^Last run .+ · Pipeline · ${facts.deals.toLocaleString("en-US")} rows$`));
      expect((await tileValue(again.page, "winRate")).value).toBe(winRate);
      expect(await again.page.getByTestId("source-changed").count()).toBe(0);
      publishShot(await shotAt(again.page, SHOTS, "7-reopened"), "7-reopened");
    } finally {
      await again.browser.close();
    }
    // The same workbook after someone added a deal to the pipeline.
    const changed = JSON.parse(JSON.stringify(saved)) as typeof saved;
    const pipe = changed.sheets.find((x) => x.name === "Pipeline")!;
    pipe.values.push(["ZZZ999", "Moses Frase", "GTK 500", "Acme", "Engaging", 43000, "", ""]);
    const third = await openPane(changed);
    try {
      const prompt = third.page.getByTestId("source-changed");
      await prompt.waitFor({ timeout: 30_000 });
      expect(await prompt.innerText()).toContain(`it has ${(facts.deals + 2).toLocaleString("en-US")} rows now, ${(facts.deals + 1).toLocaleString("en-US")} then`);
    } finally {
      await third.browser.close();
    }
  }, 400_000);

  it("renders workbook text as text: markup and formulas in cells neither execute nor get rewritten", async () => {
    const IMG = "<img src=x onerror=alert(1)>";
    const LINK = '=HYPERLINK("http://example.com","x")';
    const xlsx = path.join(ARTIFACTS, "hostile-pipeline.xlsx");
    // The sheet is named with markup; reps and accounts hold markup and a formula-looking string.
    await mavenXlsx(xlsx, IMG, (rows) => {
      for (let i = 0; i < rows.length; i += 7) rows[i][1] = LINK;
      for (let i = 3; i < rows.length; i += 11) rows[i][3] = IMG;
    });
    const hostile = await seedFromXlsx(xlsx);
    expect(hostile.sheets[0].values[1][1]).toBe(LINK);
    const { browser, page, dialogs } = await openPane(hostile);
    try {
      const before = server.requests.length;
      const source = page.getByRole("radio", { name: IMG });
      await source.waitFor({ timeout: 30_000 });
      await source.check();
      await page.getByRole("button", { name: "Next: check columns" }).click();
      await page.locator("strong", { hasText: IMG }).waitFor();
      await analyzeAndWait(page);

      expect(dialogs).toEqual([]);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(browser.external).toEqual([]);
      expect(server.requests.slice(before).filter((p) => p === "/x")).toEqual([]);
      expect(await sheetValues(page, IMG)).toEqual(hostile.sheets[0].values);
      const written = await page.evaluate(
        ([img, link]) => {
          const h = (window as unknown as { __host: { sheetNames(): string[]; valuesOf(n: string): unknown[][]; sheet(n: string): { formulas: Map<string, string> } } }).__host;
          const ours = h.sheetNames().filter((n) => n.startsWith("GTM "));
          const cells = ours.flatMap((n) => h.valuesOf(n).flat());
          const formulas = ours.flatMap((n) => [...h.sheet(n).formulas.values()]);
          return { ours, img: cells.filter((v) => v === img).length, link: cells.filter((v) => v === link).length, liveLinks: formulas.filter((f) => /HYPERLINK/i.test(f)).length };
        },
        [IMG, LINK],
      );
      expect(written.ours.length).toBeGreaterThan(3);
      expect(written.link).toBeGreaterThan(0);
      expect(written.img).toBeGreaterThan(0);
      expect(written.liveLinks).toBe(0);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
