/**
 * manifest.xml checked offline (the online validator needs the internet): well-formed, every resid
 * resolves, the shared runtime's resids agree, namespace GTM, https URLs, the parts Excel needs in order.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const FILE = path.resolve(__dirname, "..", "manifest.xml");
const xml = fs.readFileSync(FILE, "utf8");

/** All values of attribute attr on elements named tag (tag may carry a prefix like bt:). */
const attrs = (tag: string, attr: string, text = xml): string[] =>
  [...text.matchAll(new RegExp(`<${tag}\\b[^>]*\\b${attr}="([^"]*)"`, "g"))].map((m) => m[1]);
const section = (tag: string): string => {
  const m = xml.match(new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`));
  if (!m) throw new Error(`no <${tag}> in manifest.xml`);
  return m[1];
};

describe("manifest.xml", () => {
  test("is well-formed XML (xmllint)", () => {
    expect(() => execFileSync("xmllint", ["--noout", FILE], { stdio: "pipe" })).not.toThrow();
  });

  test("every resid names a defined resource", () => {
    const resources = section("Resources");
    const defined = new Set(attrs("bt:(?:Image|Url|String)", "id", resources));
    const used = attrs("[A-Za-z:]+", "resid");
    expect(used.length).toBeGreaterThan(10);
    for (const id of used) expect(defined).toContain(id);
  });

  test("resource ids are unique and short enough (32 characters)", () => {
    const ids = attrs("bt:(?:Image|Url|String)", "id", section("Resources"));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(32);
  });

  test("one shared runtime: Runtime, functions Page, FunctionFile and task pane share one resid", () => {
    const host = xml.match(/<Host xsi:type="Workbook">([\s\S]*?)<\/Host>/)![1];
    expect(host.trimStart().startsWith("<Runtimes>")).toBe(true); // Runtimes first under Host
    const [runtime] = attrs("Runtime", "resid", host);
    expect(attrs("Runtime", "lifetime", host)).toEqual(["long"]);
    const page = section("Page").match(/resid="([^"]+)"/)![1];
    const functionFile = attrs("FunctionFile", "resid", host)[0];
    const taskpane = section("Action").match(/<SourceLocation resid="([^"]+)"/)![1];
    expect([page, functionFile, taskpane]).toEqual([runtime, runtime, runtime]);
    expect(xml).toMatch(/<Set Name="SharedRuntime" MinVersion="1.1"\s*\/>/);
  });

  test("custom functions: namespace GTM, script and metadata URLs", () => {
    const cf = xml.match(/<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/)![1];
    const ns = cf.match(/<Namespace resid="([^"]+)"/)![1];
    expect(attrs("bt:String", "DefaultValue", xml.replace(new RegExp(`[\\s\\S]*(<bt:String id="${ns}"[^>]*>)[\\s\\S]*`), "$1"))).toEqual(["GTM"]);
    const url = (id: string) => xml.match(new RegExp(`<bt:Url id="${id}" DefaultValue="([^"]+)"`))![1];
    expect(url(section("Script").match(/resid="([^"]+)"/)![1])).toMatch(/\/functions\.js$/);
    expect(url(section("Metadata").match(/resid="([^"]+)"/)![1])).toMatch(/\/functions\.json$/);
    expect(url(page())).toMatch(/\/taskpane\.html$/);
    function page() {
      return section("Page").match(/resid="([^"]+)"/)![1];
    }
  });

  test("every URL is https (the dev server's localhost:3000 in source)", () => {
    const urls = [...xml.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]).concat(section("AppDomains").match(/https?:[^<]+/g)!);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of urls) expect(u).toMatch(/^https:\/\/localhost:3000(\/|$)/);
  });

  test("icons named in the manifest exist in assets/", () => {
    const files = [...xml.matchAll(/\/assets\/([^"]+)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) expect(fs.existsSync(path.resolve(__dirname, "..", "assets", f))).toBe(true);
  });

  test("a ribbon button on the Home tab shows the task pane", () => {
    expect(xml).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Control xsi:type="Button"[\s\S]*<Action xsi:type="ShowTaskpane">/);
  });

  test("the base manifest requires the shared runtime and the Excel API version the task pane uses", () => {
    // Requirements directly under OfficeApp: Office activates the add-in only where these sets exist.
    const base = xml.slice(0, xml.indexOf("<VersionOverrides"));
    const sets = base.match(/<Requirements>\s*<Sets DefaultMinVersion="1\.1">([\s\S]*?)<\/Sets>\s*<\/Requirements>/);
    expect(sets).not.toBeNull();
    const body = sets![1].replace(/<!--[\s\S]*?-->/g, "").trim();
    const declared = [...body.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\s*\/>/g)];
    expect(body.replace(/<Set Name="[^"]+" MinVersion="[^"]+"\s*\/>/g, "").trim()).toBe(""); // only Set elements
    const version = Object.fromEntries(declared.map((m) => [m[1], m[2]]));
    expect(version).toEqual({ SharedRuntime: "1.1", CustomFunctionsRuntime: "1.2", ExcelApi: "1.12" });

    // The newest ExcelApi member the task pane calls sets the floor (versions from the Office.js reference).
    const since: Record<string, string> = {
      customProperties: "1.12",
      suspendScreenUpdatingUntilNextSync: "1.9",
      autoFilter: "1.9",
      getRangeByIndexes: "1.7",
      freezePanes: "1.7",
      tabColor: "1.7",
      conditionalFormats: "1.6",
      suspendApiCalculationUntilNextSync: "1.6",
      getUsedRangeOrNullObject: "1.4",
    };
    const source = (dir: string): string =>
      fs.readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? source(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? fs.readFileSync(path.join(dir, e.name), "utf8") : "")).join("\n");
    const taskpane = source(path.resolve(__dirname, "..", "src", "taskpane"));
    const minor = (v: string): number => Number(v.split(".")[1]); // 1.12 is newer than 1.9
    const used = Object.keys(since).filter((m) => new RegExp(`\\.${m}\\b`).test(taskpane));
    expect(used).toContain("customProperties");
    const needed = Math.max(...used.map((m) => minor(since[m])));
    expect(version.ExcelApi.split(".")[0]).toBe("1");
    expect(minor(version.ExcelApi)).toBeGreaterThanOrEqual(needed);
  });

  test("the custom-functions runtime is declared beside the shared runtime, at the version of the error type the functions return", () => {
    const base = xml.slice(0, xml.indexOf("<VersionOverrides"));
    const shared = base.search(/<Set Name="SharedRuntime"/);
    const cf = base.search(/<Set Name="CustomFunctionsRuntime" MinVersion="([^"]+)"/);
    expect(shared).toBeGreaterThan(-1);
    expect(cf).toBeGreaterThan(shared);
    // CustomFunctions.Error with a message (thrown and returned by src/functions/excel-errors.ts) is CustomFunctionsRuntime 1.2
    // (Custom Functions requirement sets, Microsoft Learn); 1.4 (data types) must stay optional so Office 2021 still loads it.
    const source = fs.readFileSync(path.resolve(__dirname, "..", "src", "functions", "excel-errors.ts"), "utf8");
    expect(source).toMatch(/new CustomFunctions\.Error\(/);
    expect(base).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1\.2"\s*\/>/);
  });

  test("top-level elements come in the order the schema requires", () => {
    const order = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions", "VersionOverrides"];
    const positions = order.map((t) => xml.indexOf(`<${t}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(xml).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
  });
});
