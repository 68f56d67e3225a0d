/**
 * The input can never be written: outputs are checked by path and by file identity (device and inode),
 * all before anything is written; temporary files go on SIGTERM; devices, pipes and header-only files get
 * a message that says what they are; text from the file reaches the terminal escaped.
 */
import { spawn, execFileSync } from "node:child_process";
import { copyFileSync, existsSync, linkSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureNodeBuild, ROOT } from "../build/ensure-build";
import { runCli, sha256, tempDir } from "./helpers";

const maven = join(__dirname, "../fixtures/maven-crm/sales_pipeline.csv");

beforeAll(() => ensureNodeBuild());

describe("output guards", () => {
  it("a hard link or a symlink of the input is refused as --json and --out, even with --force", () => {
    const dir = tempDir("guard-link");
    const input = join(dir, "deals.csv");
    copyFileSync(maven, input);
    const before = sha256(input);
    linkSync(input, join(dir, "hard.json"));
    symlinkSync(input, join(dir, "soft.json"));
    linkSync(input, join(dir, "hard.xlsx"));
    for (const args of [["--json", "hard.json"], ["--json", "soft.json"], ["--out", "hard.xlsx"]]) {
      const r = runCli(["analyze", "deals.csv", ...args, "--force", "--quiet"], dir);
      expect(r.code).toBe(3);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/Refusing to write the (JSON summary|analysis) over your input deals\.csv/);
    }
    expect(sha256(input)).toBe(before);
    expect(existsSync(join(dir, "deals-analysis.xlsx"))).toBe(false);
  });

  it("a --json path in a missing folder, or the same file as --out, is refused before the workbook is written", () => {
    const dir = tempDir("guard-json");
    copyFileSync(maven, join(dir, "deals.csv"));
    const r = runCli(["analyze", "deals.csv", "--json", "nowhere/s.json", "--quiet"], dir);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/Cannot write nowhere\/s\.json: its folder does not exist\./);
    const same = runCli(["analyze", "deals.csv", "--out", "x.xlsx", "--json", "x.xlsx", "--quiet"], dir);
    expect(same.code).toBe(3);
    expect(readdirSync(dir).sort()).toEqual(["deals.csv"]);
  });

  it("temporary files are removed on SIGTERM", async () => {
    const dir = tempDir("guard-signal");
    const tmp = join(dir, ".out.xlsx.tmp");
    const script = `
      const g = require(${JSON.stringify(join(ROOT, "dist/node/cli/output-guard.js"))});
      g.cleanUpOnSignals();
      require("fs").writeFileSync(${JSON.stringify(tmp)}, "partial");
      g.registerTemp(${JSON.stringify(tmp)});
      process.stdout.write("ready\\n");
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"] });
    await new Promise<void>((resolve) => child.stdout.on("data", () => resolve()));
    expect(existsSync(tmp)).toBe(true);
    const code = await new Promise<number | null>((resolve) => {
      child.on("exit", (c) => resolve(c));
      child.kill("SIGTERM");
    });
    expect(code).toBe(143);
    expect(existsSync(tmp)).toBe(false);
  });

  it("a header-only file, /dev/zero and a FIFO each get a message saying what they are", () => {
    const dir = tempDir("guard-kinds");
    writeFileSync(join(dir, "header.csv"), "Deal,Stage,Amount\n");
    const h = runCli(["analyze", "header.csv"], dir);
    expect([h.code, h.stderr.trim()]).toEqual([1, "gtm-compass: header.csv has a header row but no data rows under it: nothing to analyse."]);
    const z = runCli(["analyze", "/dev/zero"], dir);
    expect([z.code, z.stderr.trim()]).toEqual([1, "gtm-compass: /dev/zero is a device, not a file: give an .xlsx or .csv file."]);
    execFileSync("mkfifo", [join(dir, "pipe.csv")]);
    const f = runCli(["analyze", "pipe.csv"], dir);
    expect([f.code, f.stderr.trim()]).toEqual([1, "gtm-compass: pipe.csv is a named pipe (FIFO), not a file: save the data to a file and give that."]);
  });

  it("escape and control characters from the file never reach the terminal raw", () => {
    const dir = tempDir("guard-escape");
    const evil = "\u001b]0;pwned\u0007\u001b[2J\u202eRep";
    const rows = ["Deal,Stage,Amount,Owner,Note"];
    for (let i = 0; i < 200; i++) rows.push(`D${i},${i % 2 ? "Closed Won" : "Closed Lost"},${100 + i},${i % 25 === 0 ? evil : "Rep"}${i % 3},a longer note column to keep this a text file`);
    writeFileSync(join(dir, "evil.csv"), rows.join("\n"));
    const r = runCli(["analyze", "evil.csv"], dir);
    expect(r.code).toBe(0);
    // Headers and messages naming a sheet that holds escapes: still none raw on either stream.
    writeFileSync(join(dir, `name\u001b[31m.csv`), "Deal,Stage\n");
    const m = runCli(["analyze", `name\u001b[31m.csv`], dir);
    expect(m.code).toBe(1);
    expect(m.stderr).toContain("name\\x1B[31m.csv");
    for (const text of [r.stdout, r.stderr, m.stdout, m.stderr]) expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});
