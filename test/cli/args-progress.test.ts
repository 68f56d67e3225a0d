import { parseCommand } from "../../src/cli/args";
import { Progress } from "../../src/cli/progress";
import { defaultOutPath } from "../../src/cli/output-guard";
import { CliError } from "../../src/cli/errors";

describe("parseCommand", () => {
  it("reads the analyze command with every option", () => {
    expect(
      parseCommand(["analyze", "a.xlsx", "--out", "r.xlsx", "--json", "s.json", "--period", "Month", "--map", "amount=Deal Value", "--map", "owner=A=B", "--inputs", "Inputs", "--leads", "l.csv", "--sheet", "Deals", "--force", "-q",
        "--won", "Gewonnen, Signed", "--won", "Booked", "--lost", "Verloren", "--as-of", "2017-12-31", "--strict"]),
    ).toEqual({
      command: "analyze", files: ["a.xlsx"], out: "r.xlsx", json: "s.json", period: "month",
      map: { amount: "Deal Value", owner: "A=B" }, inputs: "Inputs", leads: "l.csv", sheet: "Deals", force: true, quiet: true,
      won: ["Gewonnen", "Signed", "Booked"], lost: ["Verloren"], asOf: 43100 + 86399 / 86400, strict: true,
    });
    // 2017-12-31 is Excel serial 43100; without the flags nothing is declared and warnings do not stop the run
    expect(parseCommand(["analyze", "a.csv"])).toMatchObject({ won: undefined, lost: undefined, asOf: undefined, strict: false });
    expect(parseCommand(["--help"])).toEqual({ command: "help" });
    expect(parseCommand(["--version"])).toEqual({ command: "version" });
  });

  it("refuses mistakes with exit code 2 and a one-line message", () => {
    const cases: [string[], RegExp][] = [
      [[], /Missing command/],
      [["run", "a.csv"], /Unknown command "run"/],
      [["analyze"], /needs a file/],
      [["analyze", "a.csv", "--period", "week"], /--period must be month, quarter or year/],
      [["analyze", "a.csv", "--map", "=X"], /--map takes field=Header/],
      [["analyze", "a.csv", "--out", "r.csv"], /--out must name an \.xlsx file/],
      [["analyze", "a.csv", "b.csv", "c.csv", "--out", "r.xlsx"], /one input file/],
      [["analyze", "a.csv", "--as-of", "soon"], /--as-of takes a date such as 2017-12-31/],
      [["analyze", "a.csv", "--as-of", "3/4/2017"], /day and month could be either way round/],
      [["analyze", "a.csv", "--won", " , "], /--won takes one or more values/],
      [["analyze", "a.csv", "--nope"], /Unknown option '--nope'.*--help/],
    ];
    for (const [argv, msg] of cases) {
      let err: unknown;
      try {
        parseCommand(argv);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CliError);
      expect((err as CliError).exitCode).toBe(2);
      expect((err as CliError).message).toMatch(msg);
      expect((err as CliError).message).not.toMatch(/\n/);
    }
  });

  it("puts the analysis beside the input by default", () => {
    expect(defaultOutPath("/data/q3 pipeline.xlsx")).toBe("/data/q3 pipeline-analysis.xlsx");
    expect(defaultOutPath("export.csv")).toBe("export-analysis.xlsx");
  });
});

describe("Progress", () => {
  afterEach(() => jest.useRealTimers());

  function sink(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, s: { write: (t: string) => void writes.push(t), isTTY, columns: 80 } };
  }

  it("on a terminal draws a bar only after the first second, then clears it for the final line", () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const { writes, s } = sink(true);
    const p = new Progress(s);
    p.update("Reading big.xlsx", 0.2);
    expect(writes).toEqual([]);
    jest.setSystemTime(1_000_000 + 1500);
    p.update("Reading big.xlsx", 0.5);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\r\x1b\[2KReading big\.xlsx \[#+-+\]  50%$/);
    p.finish("gtm-compass: done");
    expect(writes.slice(1)).toEqual(["\r\x1b[2K", "gtm-compass: done\n"]);
  });

  it("elsewhere draws nothing and prints only the final line; quiet prints nothing", () => {
    jest.useFakeTimers({ now: 0 });
    const { writes, s } = sink(false);
    const p = new Progress(s);
    jest.setSystemTime(5000);
    p.update("Analysing", 0.9);
    p.finish("gtm-compass: done");
    expect(writes).toEqual(["gtm-compass: done\n"]);
    const q = sink(true);
    const quiet = new Progress(q.s, false);
    jest.setSystemTime(10000);
    quiet.update("Analysing", 0.9);
    quiet.finish("gtm-compass: done");
    expect(q.writes).toEqual([]);
  });
});
