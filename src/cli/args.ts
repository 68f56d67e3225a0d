import { parseArgs } from "node:util";
import { CANONICAL_FIELDS } from "../pipeline/fields";
import { parseTextDate } from "../pipeline/dates";
import { CliError, EXIT_USAGE } from "./errors";

export type Period = "month" | "quarter" | "year";

/** The `analyze` command, as typed by the user. */
export interface AnalyzeCommand {
  command: "analyze";
  files: string[];
  out?: string;
  json?: string;
  period?: Period;
  /** Canonical field -> header text, from `--map field=Header`. */
  map: Record<string, string>;
  inputs?: string;
  leads?: string;
  /** A table of stage changes (a file, or a sheet of the input workbook). */
  history?: string;
  sheet?: string;
  force: boolean;
  quiet: boolean;
  /** Values of the stage / status column that mean won / lost (`--won`, `--lost`, comma-separated, repeatable). */
  won?: string[];
  lost?: string[];
  /** "Today" for the analysis, as an Excel serial day (`--as-of DATE`); default: the latest actual event in the data. */
  asOf?: number;
  /** Warnings stop the run with exit code 1. */
  strict: boolean;
}

export type Command = AnalyzeCommand | { command: "help" } | { command: "version" };

/** The --help text; the field list comes from the pipeline's one definition of the fields. */
export const usage = (): string => `Usage: gtm-compass analyze <file.xlsx|file.csv ...> [options]

Reads a pipeline (deals / opportunities) from an .xlsx workbook or a .csv file and writes the GTM Compass
analysis - growth levers, time bombs, funnel, segments, compass - to a workbook of its own. Your file is
only read, never changed. Two files, a leads table and its deals, may be given in either order: the leads
table is joined as with --leads. Warnings about the reading are printed on standard error.

Options:
  --out FILE.xlsx      where to write the analysis (default: <input>-analysis.xlsx beside the input)
  --json FILE.json     also write a machine-readable summary ("-" for standard output)
  --period P           month | quarter | year (default: chosen from the span of the data)
  --map field=Header   use this column for a field (repeatable), e.g. --map amount="Deal Value"
  --sheet NAME         the sheet that holds the deals (default: the one that looks most like a pipeline)
  --leads FILE|SHEET   a leads / MQL table (a file or a sheet of the same workbook) joined to the deals
  --inputs FILE|SHEET  spend, reps, rep cost, margin, compass ratings (default: a sheet named "Inputs")
  --history FILE|SHEET a table of stage changes or snapshots (deal id, stage, date; amount, close date),
                       e.g. a Salesforce OpportunityHistory export, joined to the deals on the deal id
  --won VALUE[,VALUE]  values of the stage / status column that mean won, e.g. --won "Gewonnen,Signed"
  --lost VALUE[,VALUE] values that mean lost, e.g. --lost "Verloren,No budget"
  --as-of DATE         "today" for the analysis, e.g. --as-of 2017-12-31 (default: the latest actual
                       event in the data: a created, won, lost or close date, never an expected one)
  --strict             stop with exit code 1 when a warning says the reading may be wrong
  --force              replace an existing --out file even if GTM Compass did not write it
  --quiet              print nothing but errors
  -h, --help           show this help
  --version            show the version

${wrap(`Fields for --map: ${CANONICAL_FIELDS.map((f) => f.name).join(", ")}.`, 100)}
Exit codes: 0 done; 1 the input cannot be used; 2 bad command line; 3 the output path is taken; 70 a bug.`;

/** Break a line at spaces so it fits `width` characters. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line].join("\n");
}

/** Parse argv (without "node" and the script). Throws CliError(exit 2) with one line on a mistake. */
export function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        out: { type: "string", short: "o" },
        json: { type: "string" },
        period: { type: "string" },
        map: { type: "string", multiple: true },
        inputs: { type: "string" },
        leads: { type: "string" },
        history: { type: "string" },
        sheet: { type: "string" },
        force: { type: "boolean" },
        won: { type: "string", multiple: true },
        lost: { type: "string", multiple: true },
        "as-of": { type: "string" },
        strict: { type: "boolean" },
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message.split("\n")[0].replace(/\.$/, "")}. Run gtm-compass --help for the options.`, EXIT_USAGE);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return { command: "help" };
  if (values.version) return { command: "version" };
  if (positionals.length === 0) throw new CliError("Missing command: run gtm-compass analyze <file.xlsx|file.csv>.", EXIT_USAGE);
  const [command, ...files] = positionals;
  if (command !== "analyze") {
    throw new CliError(`Unknown command "${command}": the command is analyze, e.g. gtm-compass analyze pipeline.xlsx.`, EXIT_USAGE);
  }
  if (files.length === 0) throw new CliError("analyze needs a file: gtm-compass analyze <file.xlsx|file.csv>.", EXIT_USAGE);
  // Two files may be a leads table and its deals (one analysis): main decides once it has looked at them.
  if (files.length > 2 && (values.out || (values.json && values.json !== "-"))) {
    throw new CliError("--out and --json name one file, so give one input file with them (or drop them to write one analysis per input).", EXIT_USAGE);
  }
  const period = values.period?.toLowerCase();
  if (period !== undefined && period !== "month" && period !== "quarter" && period !== "year") {
    throw new CliError(`--period must be month, quarter or year, not "${values.period}".`, EXIT_USAGE);
  }
  if (values.out && !/\.xlsx$/i.test(values.out)) {
    throw new CliError(`--out must name an .xlsx file, not "${values.out}".`, EXIT_USAGE);
  }
  const asOf = values["as-of"] === undefined ? undefined : parseAsOf(values["as-of"]);
  return {
    command: "analyze",
    files,
    out: values.out,
    json: values.json,
    period: period as Period | undefined,
    map: parseMap(values.map ?? []),
    inputs: values.inputs,
    leads: values.leads,
    history: values.history,
    sheet: values.sheet,
    force: Boolean(values.force),
    quiet: Boolean(values.quiet),
    won: splitValues(values.won, "--won"),
    lost: splitValues(values.lost, "--lost"),
    asOf,
    strict: Boolean(values.strict),
  };
}

/** `--won "A,B" --won C` → ["A", "B", "C"]; undefined when not given. */
function splitValues(given: string[] | undefined, option: string): string[] | undefined {
  if (!given) return undefined;
  const out = given.flatMap((g) => g.split(",")).map((v) => v.trim()).filter((v) => v !== "");
  if (out.length === 0) throw new CliError(`${option} takes one or more values separated by commas, e.g. ${option} "Closed Won".`, EXIT_USAGE);
  return out;
}

/** `--as-of 2017-12-31` (or any date the pipeline reads, day and month unambiguous) → Excel serial. */
function parseAsOf(text: string): number {
  const d = parseTextDate(text);
  const serial = d.shape === "ambiguous" ? NaN : d.serial;
  if (!(serial === serial)) {
    throw new CliError(`--as-of takes a date such as 2017-12-31, not "${text}"${d.shape === "ambiguous" ? " (day and month could be either way round)" : ""}.`, EXIT_USAGE);
  }
  // the whole day counts: a deal closed in the afternoon of the as-of day is in
  return Math.floor(serial) + 86399 / 86400;
}

/** `field=Header` pairs; the header may itself hold "=" (only the first one splits). */
function parseMap(pairs: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    const field = at > 0 ? pair.slice(0, at).trim() : "";
    const header = at > 0 ? pair.slice(at + 1).trim() : "";
    if (!field || !header) throw new CliError(`--map takes field=Header (e.g. --map amount="Deal Value"), not "${pair}".`, EXIT_USAGE);
    map[field] = header;
  }
  return map;
}
