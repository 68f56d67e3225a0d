/**
 * Browser-test support: a development build of the add-in (local office.js), a static server on
 * 127.0.0.1, Debian Chromium through playwright-core with a fresh profile, and workbooks made with ExcelJS.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { parseCsv as parseCsvText } from "../support/csv-grid";
import { mtime, newestUnder } from "../support/mtime";

export { seedFromXlsx } from "../support/xlsx-seed";

export const ROOT = path.resolve(__dirname, "..", "..");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");
/** Built apart from dist/ so a production build there is never replaced by this development one. */
export const E2E_DIST = path.join(ARTIFACTS, "e2e-dist");
/** Where the README's and docs' pane screenshots live. */
export const DOC_IMAGES_DIR = path.join(ROOT, "docs", "images");

/** Build taskpane.html + bundles in development mode (local office.js) unless the build is newer than src/. */
export function ensureE2eBuild(): void {
  const html = path.join(E2E_DIST, "taskpane.html");
  const inputs = Math.max(newestUnder(path.join(ROOT, "src")), mtime(path.join(ROOT, "webpack.config.js")));
  if (mtime(html) > inputs && fs.readFileSync(html, "utf8").includes('src="office.js"')) return;
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js"), "--mode", "development", "--env", "officejs=local", "--output-path", E2E_DIST], {
    cwd: ROOT,
    stdio: "pipe",
  });
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".png": "image/png", ".xml": "application/xml", ".map": "application/json" };

/** Serve a folder on 127.0.0.1 (a free port); requests are logged for the test to inspect. */
export function serve(dir: string): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(url.pathname);
    const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ""));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

/** Debian Chromium, headless, fresh profile; every request to a host other than `origin` is refused and recorded. */
export async function openBrowser(origin: string): Promise<{ context: BrowserContext; external: string[]; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "gtm-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 380, height: 900 },
  });
  const external: string[] = [];
  const host = new URL(origin).host;
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).host === host) return route.continue();
    external.push(url);
    return route.abort();
  });
  return {
    context,
    external,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A new page whose alert/confirm/prompt dialogs are dismissed and recorded (none should ever open). */
export async function pageWithDialogs(context: BrowserContext): Promise<{ page: Page; dialogs: string[] }> {
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, dialogs };
}

/** Office.context.officeTheme as Excel gives it for its Black (dark) and Colorful themes. */
export const OFFICE_THEMES = {
  dark: { isDarkTheme: true, themeId: "Black", bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#363636", controlForegroundColor: "#FFFFFF" },
  colorful: { isDarkTheme: false, themeId: "Colorful", bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#262626", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#262626" },
};

/**
 * Inject the host double (seeded with `spec`) before any page script, and give it document settings and
 * (optionally) an Office theme.
 */
export async function injectDouble(page: Page, spec: unknown, options: { theme?: object } = {}): Promise<void> {
  await page.addInitScript({ path: path.join(ROOT, "test", "support", "excel-double.js") });
  await page.addInitScript(
    ([s, theme]) => {
      const w = window as unknown as {
        ExcelDouble: { createHost(x: unknown): { Excel: unknown; settings: unknown; isSetSupported: unknown } };
        __host: { Excel: unknown; settings: unknown; isSetSupported: unknown };
        Excel: unknown;
        Office?: { context?: { document?: unknown; requirements?: unknown } };
        __dialogs: number;
      };
      w.__host = w.ExcelDouble.createHost(s);
      w.Excel = w.__host.Excel;
      // office.js outside Office has no document or theme: give the page the double's settings once Office exists.
      const timer = setInterval(() => {
        if (w.Office && w.Office.context && !w.Office.context.document) {
          w.Office.context.document = { settings: w.__host.settings };
          // the requirement sets are the double's (office.js outside Office has none)
          Object.defineProperty(w.Office.context, "requirements", { value: { isSetSupported: w.__host.isSetSupported }, configurable: true });
          if (theme) Object.defineProperty(w.Office.context, "officeTheme", { value: theme, configurable: true });
          clearInterval(timer);
        }
      }, 5);
    },
    [spec, options.theme ?? null] as const,
  );
}

/** With UPDATE_DOC_IMAGES set, copy a screenshot (its 350 px one) to docs/images/taskpane-<name>.png. */
export function publishShot(files: string[], name: string): void {
  if (!process.env.UPDATE_DOC_IMAGES || !files[0]) return;
  fs.mkdirSync(DOC_IMAGES_DIR, { recursive: true });
  fs.copyFileSync(files[0], path.join(DOC_IMAGES_DIR, `taskpane-${name}.png`));
}

/**
 * Screenshots of the whole pane at each width, the viewport as tall as the content so the sticky footer
 * sits where it does when scrolled to the end. Files: `<dir>/<name>-<width>.png`.
 */
export async function shotAt(page: Page, dir: string, name: string, widths: number[] = [350, 500]): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const before = page.viewportSize() ?? { width: 380, height: 900 };
  const files: string[] = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(250);
    const height = await page.evaluate(() => Math.max(document.documentElement.scrollHeight, document.body.scrollHeight));
    await page.setViewportSize({ width, height: Math.max(400, height) });
    await page.waitForTimeout(250);
    const file = path.join(dir, `${name}-${width}.png`);
    await page.screenshot({ path: file });
    files.push(file);
  }
  await page.setViewportSize(before);
  return files;
}

/** A CSV file's rows (the fixtures are plain comma-separated text). */
export function parseCsv(file: string): string[][] {
  return parseCsvText(fs.readFileSync(file, "utf8"));
}

/** Write the Maven CRM pipeline as a real xlsx: numbers as numbers, M/D/YYYY dates as date cells. */
export async function mavenXlsx(file: string, sheetName: string, mutate?: (rows: unknown[][]) => void): Promise<void> {
  const [header, ...body] = parseCsv(path.join(ROOT, "test", "fixtures", "maven-crm", "sales_pipeline.csv"));
  const date = (s: string): Date | null => {
    const m = /^(\d+)\/(\d+)\/(\d{4})$/.exec(s);
    return m ? new Date(Date.UTC(Number(m[3]), Number(m[1]) - 1, Number(m[2]))) : null;
  };
  const rows: unknown[][] = body.map((r) => [r[0], r[1], r[2], r[3], r[4], date(r[5]), date(r[6]), r[7] === "" ? null : Number(r[7])]);
  mutate?.(rows);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  ws.getColumn(6).numFmt = "m/d/yyyy";
  ws.getColumn(7).numFmt = "m/d/yyyy";
  const notes = wb.addWorksheet("Notes");
  notes.getCell("A1").value = "Quarterly review notes";
  notes.getCell("A2").value = "Owner: sales ops";
  await wb.xlsx.writeFile(file);
}
