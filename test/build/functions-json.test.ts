/** The functions.json Excel reads, as the real webpack build generates it from the JSDoc in functions.ts. */
import * as fs from "fs";
import * as path from "path";
import { DIST, ensureWebBuild } from "./ensure-build";

interface Param {
  name: string;
  description?: string;
  type: string;
  dimensionality?: string;
  optional?: boolean;
  customEnumId?: string;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  parameters: Param[];
  result: { dimensionality?: string };
}
interface Enum {
  id: string;
  type: string;
  values: { name: string; stringValue: string; tooltip: string }[];
}

let metadata: { allowErrorForDataTypeAny?: boolean; allowCustomDataForDataTypeAny?: boolean; functions: Fn[]; enums: Enum[] };
let fns: Fn[];
let bundle: string;
let help: string;

beforeAll(() => {
  ensureWebBuild();
  metadata = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8"));
  fns = metadata.functions;
  bundle = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
  help = fs.readFileSync(path.join(DIST, "help", "functions.html"), "utf8");
});

/** [name, optional, dimensionality] per parameter, as each function must expose them. */
const EXPECTED: Record<string, [string, boolean, "matrix" | "scalar"][]> = {
  GTM_COMPASS: [
    ["ratings", false, "matrix"],
    ["weights", true, "matrix"],
    ["actual_sales_share", true, "matrix"],
    ["field", true, "scalar"],
  ],
  FUNNEL_YIELD: [
    ["volume", false, "matrix"],
    ["rates", false, "matrix"],
    ["capacity", true, "matrix"],
    ["overflow_conversion", true, "matrix"],
    ["field", true, "scalar"],
  ],
  CAC_FLAG: [
    ["spend", false, "matrix"],
    ["new_customers", false, "matrix"],
    ["revenue_per_customer_month", true, "matrix"],
    ["gross_margin", true, "matrix"],
    ["churn_month", true, "matrix"],
    ["thresholds", true, "matrix"],
    ["field", true, "scalar"],
    ["channel", true, "matrix"],
  ],
  LEADS_NEEDED: [
    ["target_wins", false, "matrix"],
    ["rates", false, "matrix"],
    ["capacity", true, "matrix"],
    ["overflow_conversion", true, "matrix"],
  ],
  CAPACITY_NEEDED: [
    ["target_wins", false, "matrix"],
    ["volume", false, "matrix"],
    ["rates", false, "matrix"],
    ["stage", false, "matrix"],
    ["capacity", true, "matrix"],
    ["overflow_conversion", true, "matrix"],
  ],
  RATE_NEEDED: [
    ["target_wins", false, "matrix"],
    ["volume", false, "matrix"],
    ["rates", false, "matrix"],
    ["stage", false, "matrix"],
    ["capacity", true, "matrix"],
    ["overflow_conversion", true, "matrix"],
  ],
  MAGIC_NUMBER: [
    ["revenue_this_quarter", false, "matrix"],
    ["revenue_last_quarter", false, "matrix"],
    ["sm_spend_last_quarter", false, "matrix"],
    ["thresholds", true, "matrix"],
    ["field", true, "scalar"],
  ],
  BURN_MULTIPLE: [
    ["net_burn", false, "matrix"],
    ["net_new_arr", false, "matrix"],
    ["thresholds", true, "matrix"],
    ["field", true, "scalar"],
  ],
};

/** The field choices each function's enum offers, as the core accepts them. */
const FIELD_CHOICES: Record<string, string[]> = {
  GTM_COMPASS: ["all", "lead", "intensity", "sales_share", "model", "agreement", "identity", "note"],
  FUNNEL_YIELD: ["wins", "yield", "overflow", "stages"],
  CAC_FLAG: ["flag", "reason", "cac", "payback", "ltv", "ltv_cac", "all"],
  MAGIC_NUMBER: ["value", "rating", "reason", "all"],
  BURN_MULTIPLE: ["value", "rating", "reason", "all"],
};

describe("dist/functions.json", () => {
  test("holds exactly the eight functions, id = name; the four first shipped keep their ids", () => {
    expect(fns.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of fns) expect(f.name).toBe(f.id);
    for (const id of ["GTM_COMPASS", "FUNNEL_YIELD", "CAC_FLAG", "LEADS_NEEDED"]) expect(fns.map((f) => f.id)).toContain(id);
  });

  test("error cells and data-type cells reach the functions (allowErrorForDataTypeAny, allowCustomDataForDataTypeAny)", () => {
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    expect(metadata.allowCustomDataForDataTypeAny).toBe(true);
  });

  test.each(Object.keys(EXPECTED))("%s: parameters, optionality, dimensionality, descriptions", (id) => {
    const f = fns.find((x) => x.id === id)!;
    expect(f.description.length).toBeGreaterThan(20);
    expect(f.parameters.map((p) => [p.name, p.optional === true, p.dimensionality ?? "scalar"])).toEqual(EXPECTED[id]);
    for (const p of f.parameters) {
      // our own coercion gives located messages instead of Excel's bare #VALUE!; a choice is a list of strings
      expect(p.type).toBe(p.name === "field" ? "string" : "any");
      expect((p.description ?? "").length).toBeGreaterThan(10);
    }
    expect(f.result.dimensionality).toBe("matrix"); // results spill
  });

  test("no required parameter follows an optional one (Excel refuses to load such an add-in: office-js issue 1749)", () => {
    for (const f of fns) {
      const firstOptional = f.parameters.findIndex((p) => p.optional);
      if (firstOptional >= 0) expect(f.parameters.slice(firstOptional).every((p) => p.optional)).toBe(true);
    }
  });

  test("descriptions are short enough for the Function Arguments dialog (255 characters)", () => {
    for (const f of fns) {
      expect(f.description.length).toBeLessThanOrEqual(255);
      for (const p of f.parameters) expect((p.description ?? "").length).toBeLessThanOrEqual(255);
    }
  });

  test.each(Object.keys(FIELD_CHOICES))("%s: field is offered as a list of exactly the choices the function accepts", (id) => {
    const field = fns.find((x) => x.id === id)!.parameters.find((p) => p.name === "field")!;
    const e = metadata.enums.find((x) => x.id === field.customEnumId)!;
    expect(e.type).toBe("string");
    expect(e.values.map((v) => v.stringValue)).toEqual(FIELD_CHOICES[id]);
    for (const v of e.values) expect(v.tooltip.length).toBeGreaterThan(3);
  });

  test("the help page's pictures are published beside it", () => {
    for (const [, src] of help.matchAll(/<img src="?(images\/[^" >]+)"?/g)) expect(fs.existsSync(path.join(DIST, "help", src))).toBe(true);
    expect(help).toMatch(/<img src="?images\/functions-help\.png/);
  });

  test("every function has a helpUrl into the published help page, at a heading that exists", () => {
    for (const f of fns) {
      expect(f.helpUrl).toBeDefined();
      const url = new URL(f.helpUrl!);
      expect(url.protocol).toBe("https:");
      expect(url.pathname.endsWith("/help/functions.html")).toBe(true);
      expect(url.hash).toBe(`#${f.id.toLowerCase()}`);
      expect(help).toMatch(new RegExp(`<h2 id="?${f.id.toLowerCase()}"?>${f.id}</h2>`)); // the production build minifies the page
    }
  });

  test("the bundle associates every id with its function", () => {
    for (const id of Object.keys(EXPECTED)) expect(bundle).toContain(`CustomFunctions.associate("${id}"`);
  });
});

describe("the rest of dist/", () => {
  test("taskpane.html loads office.js, the functions and the task pane in one page (shared runtime)", () => {
    const html = fs.readFileSync(path.join(DIST, "taskpane.html"), "utf8");
    const office = html.search(/<script src="?[^" >]*office\.js"?>/);
    const functions = html.search(/<script src="?functions\.js"?>/);
    const taskpane = html.search(/<script src="?taskpane\.js"?>/);
    expect(office).toBeGreaterThan(-1);
    expect(functions).toBeGreaterThan(office); // CustomFunctions must exist before the functions register
    expect(taskpane).toBeGreaterThan(-1);
  });

  test("icons are copied and are real PNGs of the size their name says", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const png = fs.readFileSync(path.join(DIST, "assets", `icon-${size}.png`));
      expect(png.subarray(1, 4).toString("ascii")).toBe("PNG");
      expect(png.readUInt32BE(16)).toBe(size); // IHDR width
      expect(png.readUInt32BE(20)).toBe(size); // IHDR height
    }
  });

  test("the production manifest points only at the deployment URL", () => {
    const xml = fs.readFileSync(path.join(DIST, "manifest.xml"), "utf8");
    expect(xml).not.toContain("localhost");
    const urls = xml.match(/https?:\/\/[^"<\s]+/g)!.filter((u) => !u.startsWith("http://schemas.microsoft.com") && !u.startsWith("http://www.w3.org"));
    expect(urls.length).toBeGreaterThan(5);
    const origin = new URL(urls[0]).origin;
    for (const u of urls) {
      expect(u.startsWith("https://")).toBe(true);
      expect(new URL(u).origin).toBe(origin);
    }
  });
});
