/**
 * The command line's byte interner: a field's bytes to a code, each distinct text decoded once. Checked
 * against a Map on many keys (repeats, near-duplicates, empty and long texts, multi-byte UTF-8), through
 * its table's growth and a reserve() in the middle.
 */
import { ByteInterner } from "../../src/cli/intern";

describe("the byte interner", () => {
  it("gives each distinct text one code, in first-seen order, as a Map would", () => {
    let seed = 99;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pool = ["", "a", "ab", "ba", "Ü", "€1,200", "x".repeat(200), "2023-01-01", "2023-01-10"];
    for (let i = 0; i < 30000; i++) pool.push(`${Math.floor(rand() * 1e6)}${rand() < 0.1 ? "é" : ""}`);
    const t = new ByteInterner("utf8");
    const expected = new Map<string, number>();
    for (let i = 0; i < 120000; i++) {
      if (i === 50000) t.reserve(40000, 400000);
      const s = pool[Math.floor(rand() * pool.length)];
      const b = Buffer.from(`|${s}|`, "utf8");
      const code = t.code(b, 1, b.length - 1);
      if (!expected.has(s)) expected.set(s, expected.size);
      if (code !== expected.get(s)) throw new Error(`${JSON.stringify(s)}: code ${code}, expected ${expected.get(s)}`);
    }
    expect(t.strings).toEqual([...expected.keys()]);
    expect(t.find("Ü")).toBe(expected.get("Ü"));
    expect(t.find("not there")).toBe(-1);
    expect(t.codeString("€1,200")).toBe(expected.get("€1,200"));
    t.seal();
    expect(t.find("a")).toBe(-1);
    expect(t.strings.length).toBe(expected.size);
  });
});
