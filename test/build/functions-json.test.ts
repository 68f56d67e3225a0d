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
}
interface Fn {
  id: string;
  name: string;
  description: string;
  parameters: Param[];
  result: { dimensionality?: string };
}

let fns: Fn[];
let bundle: string;

beforeAll(() => {
  ensureWebBuild();
  fns = JSON.parse(fs.readFileSync(path.join(DIST, "functions.json"), "utf8")).functions;
  bundle = fs.readFileSync(path.join(DIST, "functions.js"), "utf8");
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
    ["overflow_conversion", true, "scalar"],
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
  ],
  LEADS_NEEDED: [
    ["target_wins", false, "matrix"],
    ["rates", false, "matrix"],
    ["capacity", true, "matrix"],
    ["overflow_conversion", true, "scalar"],
  ],
};

describe("dist/functions.json", () => {
  test("holds exactly the four functions, id = name", () => {
    expect(fns.map((f) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const f of fns) expect(f.name).toBe(f.id);
  });

  test.each(Object.keys(EXPECTED))("%s: parameters, optionality, dimensionality, descriptions", (id) => {
    const f = fns.find((x) => x.id === id)!;
    expect(f.description.length).toBeGreaterThan(20);
    expect(f.parameters.map((p) => [p.name, p.optional === true, p.dimensionality ?? "scalar"])).toEqual(EXPECTED[id]);
    for (const p of f.parameters) {
      expect(p.type).toBe("any"); // our own coercion gives located messages instead of Excel's bare #VALUE!
      expect((p.description ?? "").length).toBeGreaterThan(10);
    }
    expect(f.result.dimensionality).toBe("matrix"); // results spill
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
