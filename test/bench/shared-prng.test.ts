/**
 * One seeded PRNG: the benchmarks that generate data draw it from the product's mulberry32
 * (src/sample/generate.ts, re-exported by src/cli/sample.ts), so a bench and the sample workbook can never
 * drift apart in how they are seeded.
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), "utf8");
// mulberry32's increment: a copy of the generator cannot do without it.
const GENERATOR = /0x6d2b79f5/i;

describe("the seeded PRNG has one definition", () => {
  it("lives in src/sample/generate.ts and the command line's sample module re-exports it", () => {
    expect(read("src/sample/generate.ts")).toMatch(GENERATOR);
    expect(read("src/sample/generate.ts")).toMatch(/export function mulberry32\(/);
    expect(read("src/cli/sample.ts")).not.toMatch(GENERATOR);
    expect(read("src/cli/sample.ts")).toMatch(/export \{ mulberry32,/);
  });

  it.each(["bench/cli.bench.js", "bench/pipeline-files.js", "bench/functions.bench.js", "bench/taskpane.bench.js"])("%s carries no copy of it", (file) => {
    expect(read(file)).not.toMatch(GENERATOR);
  });

  it("the benches' pipeline files take it from the built sample module, and the command-line bench uses those files", () => {
    expect(read("bench/pipeline-files.js")).toMatch(/const \{ mulberry32 \} = require\(path\.join\(ROOT, "dist", "node", "cli", "sample\.js"\)\)/);
    expect(read("bench/cli.bench.js")).toMatch(/require\("\.\/pipeline-files"\)/);
  });
});
