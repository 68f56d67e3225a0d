/** GTM Stages and GTM Velocity in the workbook description, and the history keys of the JSON summary. */
import { analyze } from "../../src/engine/analyze";
import { buildReport } from "../../src/report/build";
import { toJsonSummary } from "../../src/report/summary-json";
import { ReportFormula, ReportSheet } from "../../src/report/types";
import { buildData } from "../support/deals-builder";
import { buildHistory } from "../support/history-builder";
import { generateHistory, OPEN_STAGES } from "../support/history-gen";

function withHistory(seed: number) {
  const g = generateHistory(seed, { deals: 80 });
  const data = buildData(g.deals, { stageOrder: OPEN_STAGES });
  data.history = buildHistory(data.deals, g.history, { stageOrder: OPEN_STAGES });
  const analysis = analyze(data, { period: "quarter", asOf: g.lastDay });
  return { data, analysis, report: buildReport(analysis, data) };
}

/** Rows of the sheet each block, title and note occupies: no two may share one. */
function clashes(sheet: ReportSheet): string[] {
  const owner = new Map<number, string>();
  const out: string[] = [];
  const claim = (row: number, who: string) => {
    const had = owner.get(row);
    if (had !== undefined) out.push(`${sheet.name} row ${row + 1}: ${had} / ${who}`);
    else owner.set(row, who);
  };
  (sheet.notes ?? []).forEach((_, i) => claim(i, `note ${i}`));
  for (const b of sheet.blocks) {
    if (b.title) claim(b.row - 1, `${b.title} (title)`);
    for (let r = b.row; r <= b.row + b.rows.length; r++) claim(r, b.title ?? b.headers[0]);
  }
  return out;
}

describe("GTM Stages and GTM Velocity", () => {
  const { data, analysis, report } = withHistory(7);
  const names = report.sheets.map((s) => s.name);
  const sheet = (name: string) => report.sheets.find((s) => s.name === name)!;

  test("come before GTM Data Issues, laid out without overlaps", () => {
    expect(names.slice(-3)).toEqual(["GTM Stages", "GTM Velocity", "GTM Data Issues"]);
    expect(clashes(sheet("GTM Stages"))).toEqual([]);
    expect(clashes(sheet("GTM Velocity"))).toEqual([]);
  });

  test("each stage's four ways out are summed by a live formula that equals its entries", () => {
    const flow = sheet("GTM Stages").blocks.find((b) => b.tableName === "GTM_Stage_Flow")!;
    const stages = analysis.history.stages!.rows;
    expect(stages.length).toBeGreaterThan(1);
    stages.forEach((r, i) => {
      const cell = flow.rows[i][7] as ReportFormula;
      expect(cell.formula).toBe(`SUM(D${flow.row + 2 + i}:G${flow.row + 2 + i})`);
      expect(cell.result).toBe(flow.rows[i][2]);
    });
    expect(sheet("GTM Stages").charts?.map((c) => c.title)).toContain("Days in stage (median and 90th percentile)");
  });

  test("the waterfall's check column is a live formula over its bars, and a chart shows the latest period's bars", () => {
    const v = sheet("GTM Velocity");
    const wf = v.blocks.find((b) => b.tableName === "GTM_Waterfall")!;
    wf.rows.forEach((row, i) => {
      const r = wf.row + 2 + i;
      expect((row[10] as ReportFormula).formula).toBe(`B${r}+C${r}+D${r}+E${r}-F${r}-G${r}-H${r}-I${r}`);
      // the formula's own arithmetic on the written cells gives the end
      const num = (k: number) => (typeof row[k] === "number" ? (row[k] as number) : 0);
      const sum = num(1) + num(2) + num(3) + num(4) - num(5) - num(6) - num(7) - num(8);
      expect(Math.round(sum * 100)).toBe(Math.round((row[9] as number) * 100));
    });
    expect(v.charts?.some((c) => c.title.startsWith("Pipeline waterfall"))).toBe(true);
    expect(v.blocks.some((b) => b.tableName === "GTM_Waterfall_Deals")).toBe(true);
    expect(v.blocks.some((b) => b.tableName === "GTM_Slippage_Reps")).toBe(true);
  });

  test("the JSON summary carries stages, velocity, waterfall and the history's shape", () => {
    const j = JSON.parse(JSON.stringify(toJsonSummary(analysis, data)));
    expect(j.history.shape).toBe("table");
    expect(Object.keys(j.stages[0])).toEqual(expect.arrayContaining(["stage", "entered", "advanced", "lost", "movedBack", "open", "medianDays"]));
    for (const s of j.stages) expect(s.entered).toBe(s.advanced + s.lost + s.movedBack + s.open);
    expect(Object.keys(j.velocity.periods[0])).toEqual(expect.arrayContaining(["period", "opportunities", "winRate", "averageDeal", "cycleDays", "velocity"]));
    expect(Object.keys(j.velocity.changes[0])).toEqual(expect.arrayContaining(["from", "to", "change", "opportunities", "winRate", "averageDeal", "cycle"]));
    expect(Object.keys(j.waterfall.periods[0])).toEqual(expect.arrayContaining(["period", "start", "created", "pulledIn", "increased", "decreased", "pushedOut", "won", "lost", "end"]));
  });

  test("without a history: no GTM Stages, GTM Velocity says what is missing, the JSON says none", () => {
    const g = generateHistory(3);
    const plain = buildData(g.deals, { stageOrder: OPEN_STAGES });
    const a = analyze(plain, { asOf: g.lastDay });
    const r = buildReport(a, plain);
    expect(r.sheets.map((s) => s.name)).not.toContain("GTM Stages");
    const v = r.sheets.find((s) => s.name === "GTM Velocity")!;
    const notes = v.blocks.find((b) => b.title === "Notes")!.rows.map((x) => String(x[0]));
    expect(notes.some((n) => /waterfall .* need a table of stage changes/.test(n))).toBe(true);
    const j = toJsonSummary(a, plain);
    expect(j.history.shape).toBe("none");
    expect(j.stages).toEqual([]);
    expect(j.waterfall.periods).toEqual([]);
    expect(j.velocity.periods.length).toBe(a.period.labels.length);
  });
});
