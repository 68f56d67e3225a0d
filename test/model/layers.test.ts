/**
 * The house's layering (docs/architecture.md): model imports nothing; pipeline and engine import the model
 * but not each other. Read from the import lines of every source file.
 */
import * as fs from "fs";
import * as path from "path";

const SRC = path.resolve(__dirname, "..", "..", "src");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** Top-level src folders a file imports from (relative imports only), with the import text. */
function importedLayers(file: string): { layer: string; spec: string }[] {
  const text = fs.readFileSync(file, "utf8");
  const out: { layer: string; spec: string }[] = [];
  for (const m of text.matchAll(/(?:import|export)[^"';]*?from\s+"([^"]+)"|import\s+"([^"]+)"|require\("([^"]+)"\)/g)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec.startsWith(".")) {
      out.push({ layer: "(package)", spec });
      continue;
    }
    const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
    out.push({ layer: target.split(path.sep)[0], spec });
  }
  return out;
}

function violations(layer: string, allowed: (l: string) => boolean): string[] {
  return filesUnder(path.join(SRC, layer)).flatMap((f) =>
    importedLayers(f).filter((i) => i.layer !== layer && !allowed(i.layer)).map((i) => `${path.relative(SRC, f)} imports ${i.spec}`));
}

describe("layers", () => {
  test("model imports nothing, not even a package", () => {
    expect(filesUnder(path.join(SRC, "model")).length).toBeGreaterThan(2);
    expect(violations("model", () => false)).toEqual([]);
  });
  test("the engine depends on the model only", () => {
    expect(violations("engine", (l) => l === "model")).toEqual([]);
  });
  test("the pipeline depends on the model only (and no package)", () => {
    expect(violations("pipeline", (l) => l === "model")).toEqual([]);
  });
});
