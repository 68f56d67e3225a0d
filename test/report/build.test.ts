/** The workbook description: sheets, formats, statuses, tables, anchors, and user text kept as plain values. */
import { analyze } from "../../src/engine/analyze";
import { buildReport } from "../../src/report/build";
import { NUMBER_FORMATS, ReportAnchor, ReportCell, STATUS_COLORS, WorkbookReport } from "../../src/report/types";
import { buildData, DealRow, serial } from "../support/deals-builder";
import { PipelineData } from "../../src/pipeline/types";

const Q_MID = ["2017-02-15", "2017-05-15", "2017-08-15", "2017-11-15"];

/** A pipeline in which the partner time bomb fires and a rep's name is hostile spreadsheet text. */
function pipeline(): PipelineData {
  const rows: DealRow[] = [];
  const reps = ["Ana", "=HYPERLINK(\"http://x\",\"y\")", "+Cy", "@Dee"];
  for (let q = 0; q < 4; q++) {
    for (let i = 0; i < 12; i++) {
      rows.push({
        outcome: i % 3 === 0 ? "lost" : "won",
        owner: reps[i % 4],
        account: `acct${(q * 12 + i) % 20}`,
        amount: 1000 + 100 * i + 500 * q,
        partner: q < 3 || i < 3 ? `P${i % 4}` : null,
        source: i % 2 ? "marketing" : "partner",
        lossReason: i % 3 === 0 ? (i % 2 ? "Lost to competitor" : "No budget") : null,
        created: serial(Q_MID[q]) - 40,
        closed: Q_MID[q],
        complexityLabel: i % 2 ? "High" : "Low",
      });
    }
  }
  rows.push({ outcome: "open", owner: "Ana", stage: "Prospecting", created: "2017-12-01", amount: 5000 });
  const data = buildData(rows, { stageOrder: ["Prospecting"], inputs: { grossMargin: 0.55, compassRatings: [4, 4, 5, 4, 5, 5, 4] } });
  data.diagnostics.push({ sheet: "Deals", row: 7, column: "D", header: "Amount", field: "amount", value: "=1+2", severity: "warning", message: "Not a number: left blank." });
  data.rows = { read: 50, used: 49, skipped: 1 };
  return data;
}

function cellAt(report: WorkbookReport, anchor: ReportAnchor): ReportCell | undefined {
  const sheet = report.sheets.find((s) => s.name === anchor.sheet);
  if (!sheet) return undefined;
  const m = /^([A-Z]+)(\d+)$/.exec(anchor.cell)!;
  const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const row = Number(m[2]) - 1;
  for (const b of sheet.blocks) {
    const r = row - b.row - 1;
    if (r >= 0 && r < b.rows.length && col >= b.col && col < b.col + b.headers.length) return b.rows[r][col - b.col];
  }
  return undefined;
}

/** Every sheet row a block occupies (its title row, header row and data rows) and the notes' rows. */
function overlaps(sheet: WorkbookReport["sheets"][number]): string[] {
  const owner = new Map<number, string>();
  const clashes: string[] = [];
  const claim = (row: number, who: string) => {
    const had = owner.get(row);
    if (had !== undefined) clashes.push(`${sheet.name} row ${row + 1}: ${had} and ${who}`);
    else owner.set(row, who);
  };
  (sheet.notes ?? []).forEach((_, i) => claim(i, `note ${i + 1}`));
  for (const b of sheet.blocks) {
    const who = b.title ?? b.headers.join("/");
    if (b.title) claim(b.row - 1, `${who} (title)`);
    for (let r = b.row; r <= b.row + b.rows.length; r++) claim(r, who);
  }
  return clashes;
}

describe("buildReport", () => {
  const data = pipeline();
  const analysis = analyze(data, { asOf: serial("2017-12-31") });
  const report = buildReport(analysis, data);

  test("no two blocks, titles or notes share a row on any sheet", () => {
    for (const sheet of report.sheets) expect(overlaps(sheet)).toEqual([]);
    // without an account column the levers sheet carries notes below its change table
    const noAccounts = pipeline();
    noAccounts.deals.account = { codes: new Int32Array(noAccounts.deals.count).fill(-1), labels: [] };
    const other = buildReport(analyze(noAccounts, { asOf: serial("2017-12-31") }), noAccounts);
    const levers = other.sheets.find((s) => s.name === "GTM Levers")!;
    expect(levers.blocks.some((b) => b.title === "Notes")).toBe(true);
    expect(levers.blocks.find((b) => b.tableName === "GTM_Lever_Changes")!.rows.length).toBeGreaterThan(0);
    for (const sheet of other.sheets) expect(overlaps(sheet)).toEqual([]);
  });

  test("sheet names in order; GTM Compass present because the inputs rate the product", () => {
    expect(report.sheets.map((s) => s.name)).toEqual(["GTM Summary", "GTM Levers", "GTM Time Bombs", "GTM Funnel", "GTM Segments", "GTM Compass", "GTM Data Issues"]);
  });

  test("no compass sheet without ratings", () => {
    const plain = pipeline();
    plain.inputs = undefined;
    expect(buildReport(analyze(plain), plain).sheets.map((s) => s.name)).not.toContain("GTM Compass");
  });

  test("every block is rectangular, uses known formats, and blocks never overlap", () => {
    for (const sheet of report.sheets) {
      const used = new Set<string>();
      const notes = sheet.notes?.length ?? 0;
      for (const b of sheet.blocks) {
        expect(b.row).toBeGreaterThanOrEqual(notes + (b.title ? 1 : 0));
        for (const r of b.rows) expect(r.length).toBe(b.headers.length);
        for (const f of b.formats ?? []) if (f) expect(NUMBER_FORMATS[f]).toBeDefined();
        const top = b.title ? b.row - 1 : b.row;
        for (let r = top; r <= b.row + b.rows.length; r++) {
          for (let c = b.col; c < b.col + b.headers.length; c++) {
            const k = `${r},${c}`;
            expect(used.has(k)).toBe(false);
            used.add(k);
          }
        }
      }
      // a dashboard scrolls as one page; every other sheet keeps its first heading in view
      if (sheet.name === "GTM Summary") expect(sheet.freezeRows).toBe(0);
      else expect(sheet.freezeRows).toBeGreaterThan(0);
    }
  });

  test("table names are unique and valid Excel names", () => {
    const names = report.sheets.flatMap((s) => s.blocks.map((b) => b.tableName).filter((x): x is string => !!x));
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  });

  test("status columns hold only status words the writers colour (or blanks)", () => {
    for (const sheet of report.sheets) {
      for (const b of sheet.blocks) {
        for (const c of b.statusColumns ?? []) {
          for (const r of b.rows) {
            const v = r[c];
            // a key-figure list holds its status among figures: the words there must be status words
            if (typeof v === "string") expect(Object.keys(STATUS_COLORS)).toContain(v);
            else expect(b.rowFormats).toBeDefined();
          }
        }
      }
    }
  });

  test("the time-bomb overview carries each status; the partner bomb fires in this pipeline", () => {
    const sheet = report.sheets.find((s) => s.name === "GTM Time Bombs")!;
    const overview = sheet.blocks[0];
    expect(overview.rows.map((r) => r[1])).toEqual(analysis.timeBombs.map((b) => b.status));
    expect(analysis.timeBombs.find((b) => b.id === "partners-leaving")!.status).toBe("TIME BOMB");
    expect(analysis.timeBombs.find((b) => b.id === "cost-of-goods")!.status).toBe("WATCH");
  });

  test("insights: most urgent first, each anchored to a cell that holds its number", () => {
    const order = { "TIME BOMB": 0, WATCH: 1, INFO: 2, "NO DATA": 3 } as Record<string, number>;
    const ranks = report.insights.map((x) => order[x.status ?? "INFO"]);
    const dataLine = report.insights.findIndex((x) => x.kind === "data" && x.status === "INFO");
    const ranked = ranks.filter((_, i) => i !== dataLine);
    expect(ranked).toEqual([...ranked].sort((a, b) => a - b));
    expect(report.insights[0].status).toBe("TIME BOMB");
    for (const x of report.insights) {
      expect(x.anchor).toBeDefined();
      const v = cellAt(report, x.anchor!);
      expect(typeof v === "number" || typeof v === "string").toBe(true);
    }
    const partner = report.insights.find((x) => x.text.startsWith("Channel partners leaving"))!;
    expect(cellAt(report, partner.anchor!)).toBeCloseTo(analysis.timeBombs.find((b) => b.id === "partners-leaving")!.metric, 12);
    const lever = report.insights.find((x) => x.kind === "lever")!;
    expect(cellAt(report, lever.anchor!)).toBe(analysis.levers.changes[analysis.levers.changes.length - 1].revenueChange);
  });

  test("every finding is one plain sentence with a card headline, its evidence and the question to ask next", () => {
    for (const x of report.insights) {
      expect(typeof x.headline).toBe("string");
      expect(x.headline!.length).toBeGreaterThan(3);
      expect(Array.isArray(x.why)).toBe(true);
      expect(typeof x.ask).toBe("string");
      expect(x.ask!).toMatch(/\?$/);
      for (const t of [x.text, x.headline!, ...x.why!]) {
        expect(t).not.toMatch(/\(s\)/);
        // no whole number of 4+ digits without its thousands separator (years and periods aside)
        expect(t.replace(/\b(19|20)\d\d(-Q\d|-\d\d)?\b/g, "")).not.toMatch(/(?<![\d.,])\d{4,}(?![\d,])/);
      }
    }
  });

  test("the pipeline's warnings lead the summary, as warning lines", () => {
    const warned = pipeline();
    warned.warnings = [{ reason: "many-rows-skipped", message: "Most rows were skipped (40 of 50).", fix: 'Map the stage column: --map stage="Phase".' }];
    const r = buildReport(analyze(warned, { asOf: serial("2017-12-31") }), warned);
    const summary = r.sheets[0];
    const i = summary.notes!.findIndex((n) => n.startsWith("WARNING: Most rows were skipped (40 of 50)."));
    expect(i).toBeGreaterThan(0);
    expect(summary.noteStyles![i]).toBe("warning");
    expect(summary.notes![i]).toContain('Fix: Map the stage column: --map stage="Phase".');
    // above the headline sentence and every block
    expect(summary.noteStyles!.indexOf("headline")).toBeGreaterThan(i);
  });

  test("levers: values and a live SUM formula per change whose result equals the change", () => {
    const sheet = report.sheets.find((s) => s.name === "GTM Levers")!;
    const periods = sheet.blocks[0];
    expect(periods.formats?.[1]).toBe("currency");
    expect(periods.rows.map((r) => r[1])).toEqual(analysis.levers.periods.map((p) => p.revenue));
    const changes = sheet.blocks[1];
    changes.rows.forEach((r, i) => {
      const f = r[6] as { formula: string; result: number };
      const row = changes.row + 2 + i;
      expect(f.formula).toBe(`SUM(D${row}:F${row})`);
      expect(f.result).toBeCloseTo(r[2] as number, 6);
    });
    expect(sheet.charts?.map((c) => c.type)).toContain("columnStacked");
  });

  test("user text stays a plain string: the only formulas are the ones the report authors", () => {
    const formulas: string[] = [];
    const strings: string[] = [];
    for (const s of report.sheets)
      for (const b of s.blocks)
        for (const r of b.rows)
          for (const v of r) {
            if (v !== null && typeof v === "object") formulas.push(v.formula);
            if (typeof v === "string") strings.push(v);
          }
    expect(formulas.every((f) => /^SUM\([A-Z]+\d+:[A-Z]+\d+\)$/.test(f))).toBe(true);
    expect(strings).toContain('=HYPERLINK("http://x","y")');
    expect(strings).toContain("=1+2");
  });

  test("data issues: every diagnostic located, rows counted, mapping listed", () => {
    const sheet = report.sheets.find((s) => s.name === "GTM Data Issues")!;
    expect(sheet.blocks.find((b) => b.title === "Rows")!.rows[0]).toEqual([50, 49, 1, 1]);
    const issues = sheet.blocks[0];
    expect(issues.headers).toEqual(["Sheet", "Row", "Column", "Header", "Field", "Value", "Severity", "Message"]);
    expect(issues.rows).toEqual([["Deals", 7, "D", "Amount", "amount", "=1+2", "warning", "Not a number: left blank."]]);
    const mapping = sheet.blocks.find((b) => b.title === "Column mapping used")!;
    expect(mapping.rows.map((r) => r[1])).toContain("amount");
  });

  test("compass sheet: sales intensity and identity check", () => {
    const sheet = report.sheets.find((s) => s.name === "GTM Compass")!;
    const pos = sheet.blocks[0];
    // (3+3+4+3+4+4+3)/7/4 = 24/28
    expect(pos.rows[0][0]).toBeCloseTo((24 / 28) * 100, 9);
    expect(pos.rows[0][1]).toBe("Sales-led");
  });

  test("won deals without amounts: the levers say NO DATA instead of a revenue change of 0", () => {
    const noAmounts = pipeline();
    noAmounts.deals.amount = new Float64Array(noAmounts.deals.count).fill(NaN);
    const r = buildReport(analyze(noAmounts, { asOf: serial("2017-12-31") }), noAmounts);
    const lever = r.insights.filter((x) => x.kind === "lever");
    expect(lever).toHaveLength(1);
    expect(lever[0].status).toBe("NO DATA");
    expect(lever[0].text).toMatch(/won deals has an amount/);
    expect(r.insights.some((x) => /Won revenue (rose|fell)/.test(x.text))).toBe(false);
    // the tiles say "not known", never 0
    const tiles = r.sheets[0].blocks.filter((b) => b.display === "tiles");
    const labels = tiles.flatMap((b) => b.headers);
    const values = tiles.flatMap((b) => b.rows[0]);
    const details = tiles.flatMap((b) => b.rows[1]);
    for (const label of ["Won revenue", "Revenue change"]) {
      const i = labels.indexOf(label);
      expect(values[i]).toBeNull();
      expect(details[i]).toMatch(/^not known: no won deal has an amount/);
    }
  });

  test("the headline change names both periods it compares", () => {
    const labels = report.sheets[0].blocks.filter((b) => b.display === "tiles").flatMap((b) => b.headers);
    expect(labels).toContainEqual(expect.stringMatching(/^Change \d{4}-Q\d → \d{4}-Q\d$/));
  });
});
