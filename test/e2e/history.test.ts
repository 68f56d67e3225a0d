/**
 * The pane's Results with a stage history, in Debian Chromium: a HubSpot-style deals export (a "Date
 * entered" column per stage) is analysed; Results shows days in each stage and each stage's conversion,
 * the same figures GTM Stages holds in the workbook, and the deals entering each stage match a count of
 * the filled date cells in the export.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { dealsSheet, generateHistory, LOST, OPEN_STAGES, opportunityHistorySheet, WON } from "../support/history-gen";
import { ARTIFACTS, E2E_DIST, ensureE2eBuild, injectDouble, openBrowser, pageWithDialogs, publishShot, serve, shotAt } from "./support";

const SHOTS = path.join(ARTIFACTS, "screens");
let server: Awaited<ReturnType<typeof serve>>;

beforeAll(async () => {
  ensureE2eBuild();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(E2E_DIST);
}, 240_000);

afterAll(async () => {
  await server?.close();
});

type Host = { valuesOf(n: string): unknown[][] | null; sheetNames(): string[] };
const inPage = <T,>(page: Page, fn: (h: Host, arg: string[]) => T, ...arg: string[]): Promise<T> =>
  page.evaluate(([f, a]) => new Function("h", "a", `return (${f})(h, a)`)((window as unknown as { __host: Host }).__host, a), [fn.toString(), arg] as const) as Promise<T>;

describe("Results with a stage history", () => {
  it("shows days in each stage and conversion, as GTM Stages has them, for a HubSpot-style export", async () => {
    const g = generateHistory(7, { deals: 150 });
    const grid = dealsSheet(g, true);
    const values = grid.values.map((r) => r.map((v) => (v === null || v === undefined ? "" : v)));
    // Independent count: deals with a date in each stage's "Date entered" column.
    const header = values[0] as string[];
    const filled = (stage: string) => {
      const c = header.indexOf(`Date entered "${stage} (Sales Pipeline)"`);
      return values.slice(1).filter((r) => typeof r[c] === "number").length;
    };

    const browser = await openBrowser(server.origin);
    const { page, dialogs } = await pageWithDialogs(browser.context);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.setViewportSize({ width: 350, height: 900 });
    await injectDouble(page, { sheets: [{ name: "Deals", values }] });
    try {
      await page.goto(`${server.origin}/taskpane.html`);
      await page.getByRole("radio", { name: /^Deals/ }).waitFor({ timeout: 30_000 });
      await page.getByRole("radio", { name: /^Deals/ }).check();
      await page.getByRole("button", { name: "Next: check columns" }).click();
      await page.getByRole("heading", { name: "Check the columns" }).waitFor();
      await page.getByRole("button", { name: "Analyze", exact: true }).click();
      await page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 180_000 });

      const chart = page.locator('[data-chart="history"]');
      await chart.waitFor({ timeout: 30_000 });
      expect(await chart.locator("svg rect").count()).toBeGreaterThanOrEqual(1);
      const days = JSON.parse((await chart.getAttribute("data-days"))!) as [string, number | null][];
      const conversion = JSON.parse((await chart.getAttribute("data-conversion"))!) as [string, number | null][];

      // The workbook's GTM Stages, as written: the same stages, days and conversions.
      expect(await inPage(page, (h) => h.sheetNames())).toEqual(expect.arrayContaining(["GTM Stages", "GTM Velocity"]));
      const stages = (await inPage(page, (h, [n]) => h.valuesOf(n), "GTM Stages"))!;
      const head = stages.findIndex((r) => r[0] === "Stage" && r[1] === "Deals entering");
      expect(head).toBeGreaterThan(0);
      const cols = stages[head] as string[];
      const rows = stages.slice(head + 1, head + 1 + days.length);
      const num = (v: unknown) => (typeof v === "number" ? v : null);
      expect(days).toEqual(rows.map((r) => [r[0], num(r[cols.indexOf("Median days in stage")])]));
      expect(conversion).toEqual(rows.map((r) => [r[0], num(r[cols.indexOf("Any-stage conversion")])]));
      expect(days.map(([s]) => s)).toEqual(OPEN_STAGES.filter((s) => filled(s) > 0));
      expect(days.some(([, d]) => d !== null && d > 0)).toBe(true);

      // Deals entering each stage, against the filled date cells of the export.
      for (const s of OPEN_STAGES) {
        const row = rows.find((r) => r[0] === s);
        if (row) expect([s, row[cols.indexOf("Deals entering")]]).toEqual([s, filled(s)]);
      }
      const lines = await page.getByTestId("history-stages").innerText();
      for (const [s] of days) expect(lines).toContain(`${s}: `);
      expect(await page.getByTestId("history-summary").innerText()).toMatch(/From the stage history of \d[\d,]* deals\./);
      expect(filled(WON) + filled(LOST)).toBeGreaterThan(0);

      // "See every stage" opens GTM Stages.
      await page.getByRole("button", { name: "See every stage in GTM Stages" }).click();
      await page.waitForFunction(() => (window as unknown as { __host: { workbook: { activeSheet: { name: string } } } }).__host.workbook.activeSheet.name === "GTM Stages");
      publishShot(await shotAt(page, SHOTS, "4-results-history"), "4-results-history");

      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(browser.external).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);

  it("picks a stage-history table by its name, reads it beside the deals, and shows what it gives", async () => {
    const g = generateHistory(20241, { deals: 120 });
    const cells = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v === null || v === undefined || (typeof v === "number" && !Number.isFinite(v)) ? "" : v)));
    const deals = cells(dealsSheet(g, false).values);
    const history = cells(opportunityHistorySheet(g).values);
    const browser = await openBrowser(server.origin);
    const { page, dialogs } = await pageWithDialogs(browser.context);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await injectDouble(page, { sheets: [{ name: "Deals", values: deals }, { name: "Opportunity History", values: history }] });
    try {
      await page.goto(`${server.origin}/taskpane.html`);
      await page.getByRole("radio", { name: /^Deals/ }).waitFor({ timeout: 30_000 });
      await page.getByRole("radio", { name: /^Deals/ }).check();
      await page.getByRole("button", { name: "Next: check columns" }).click();
      await page.getByRole("heading", { name: "Check the columns" }).waitFor();
      // picked for the user, and said so next to it
      await page.getByText("Picked for you by its name; choose “No stage history table” if it is not one.").waitFor();
      await page.getByRole("button", { name: "Analyze", exact: true }).click();
      await page.getByRole("heading", { name: "What to act on" }).waitFor({ timeout: 180_000 });
      const chart = page.locator('[data-chart="history"]');
      await chart.waitFor({ timeout: 30_000 });
      const days = JSON.parse((await chart.getAttribute("data-days"))!) as [string, number | null][];
      // every open stage the generator moves deals through, in order
      expect(days.map(([s]) => s)).toEqual(OPEN_STAGES);
      const stages = (await inPage(page, (h, [n]) => h.valuesOf(n), "GTM Stages"))!;
      const head = stages.findIndex((r) => r[0] === "Stage" && r[1] === "Deals entering");
      const medianCol = (stages[head] as string[]).indexOf("Median days in stage");
      expect(days).toEqual(stages.slice(head + 1, head + 1 + days.length).map((r) => [r[0], typeof r[medianCol] === "number" ? r[medianCol] : null]));
      // Independent count: deals with at least one change into each open stage.
      const [hdr, ...changes] = history;
      const dealCol = (hdr as string[]).findIndex((h) => /opportunity ?id|deal/i.test(String(h)));
      const stageCol = (hdr as string[]).findIndex((h) => /stage/i.test(String(h)));
      for (const s of OPEN_STAGES) {
        const entering = new Set(changes.filter((r) => r[stageCol] === s).map((r) => r[dealCol])).size;
        const row = stages.slice(head + 1).find((r) => r[0] === s)!;
        expect([s, row[1]]).toEqual([s, entering]);
      }
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      expect(browser.external).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 300_000);
});
