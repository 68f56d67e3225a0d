import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { mtime, newestUnder } from "./mtime";

describe("build freshness helpers", () => {
  it("a missing file is time 0; the newest time under a folder includes nested files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gtm-mtime-"));
    fs.mkdirSync(path.join(dir, "a", "b"), { recursive: true });
    fs.writeFileSync(path.join(dir, "top.txt"), "x");
    fs.writeFileSync(path.join(dir, "a", "b", "deep.txt"), "y");
    fs.utimesSync(path.join(dir, "top.txt"), new Date(1_000_000), new Date(1_000_000));
    fs.utimesSync(path.join(dir, "a", "b", "deep.txt"), new Date(2_000_000), new Date(2_000_000));
    expect(mtime(path.join(dir, "nope.txt"))).toBe(0);
    expect(mtime(path.join(dir, "top.txt"))).toBe(1_000_000);
    expect(newestUnder(dir)).toBe(2_000_000);
  });
});
