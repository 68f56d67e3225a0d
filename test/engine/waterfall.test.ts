/**
 * The pipeline waterfall and slippage on a history computed by hand (two quarters, six deals: created,
 * amounts up and down, close dates pulled in and pushed out, won early, lost, left overdue).
 */
import { analyze } from "../../src/engine/analyze";
import { buildData, DealRow, serial } from "../support/deals-builder";
import { buildHistory, HistoryRow } from "../support/history-builder";
import type { PipelineData } from "../../src/pipeline/types";

const DEALS: DealRow[] = [
  { id: "A", stage: "Closed Won", outcome: "won", amount: 150, owner: "Ann", created: "2024-01-10", closed: "2024-04-20" },
  { id: "B", stage: "Qualification", outcome: "open", amount: 180, owner: "Bob", created: "2024-02-05" },
  { id: "C", stage: "Closed Lost", outcome: "lost", amount: 300, owner: "Ann", created: "2024-03-01", closed: "2024-03-29" },
  { id: "D", stage: "Prospecting", outcome: "open", amount: 50, owner: "Bob", created: "2024-01-05" },
  { id: "E", stage: "Closed Won", outcome: "won", amount: 70, owner: "Ann", created: "2024-05-10", closed: "2024-06-05" },
  { id: "F", stage: "Closed Won", outcome: "won", amount: 400, owner: "Bob", created: "2024-04-02", closed: "2024-05-20" },
];

const HISTORY: HistoryRow[] = [
  { deal: 0, stage: "Prospecting", date: "2024-01-10", amount: 100, closeDate: "2024-03-15" },
  { deal: 0, stage: "Prospecting", date: "2024-02-01", amount: 150 },
  { deal: 0, stage: "Prospecting", date: "2024-03-10", closeDate: "2024-05-15" },
  { deal: 0, stage: "Closed Won", date: "2024-04-20", amount: 150, closeDate: "2024-04-20" },
  { deal: 1, stage: "Prospecting", date: "2024-02-05", amount: 200, closeDate: "2024-06-30" },
  { deal: 1, stage: "Qualification", date: "2024-05-01", amount: 180 },
  { deal: 1, stage: "Qualification", date: "2024-06-01", closeDate: "2024-08-31" },
  { deal: 2, stage: "Prospecting", date: "2024-03-01", amount: 300, closeDate: "2024-06-15" },
  { deal: 2, stage: "Prospecting", date: "2024-03-20", closeDate: "2024-03-28" },
  { deal: 2, stage: "Closed Lost", date: "2024-03-29" },
  { deal: 3, stage: "Prospecting", date: "2024-01-05", amount: 50, closeDate: "2024-02-28" },
  { deal: 4, stage: "Prospecting", date: "2024-05-10", amount: 70, closeDate: "2024-06-20" },
  { deal: 4, stage: "Closed Won", date: "2024-06-05" },
  { deal: 5, stage: "Negotiation", date: "2024-04-02", amount: 400, closeDate: "2024-09-30" },
  { deal: 5, stage: "Closed Won", date: "2024-05-20" },
];

function data(rows: HistoryRow[] = HISTORY, has?: { amount?: boolean; closeDate?: boolean }): PipelineData {
  const d = buildData(DEALS, { stageOrder: ["Prospecting", "Qualification"] });
  d.history = buildHistory(d.deals, rows, { stageOrder: ["Prospecting", "Qualification", "Negotiation"], has });
  return d;
}

describe("the pipeline waterfall, computed by hand", () => {
  const a = analyze(data(), { period: "quarter", asOf: serial("2024-06-30") });
  const w = a.history.waterfall!;

  test("Q1: 0 + 150 created + 300 pulled in + 50 increased - 150 pushed out - 300 lost = 50", () => {
    const q = w.periods[0];
    expect(w.scope).toBe("due");
    expect([q.period, q.start, q.created, q.pulledIn, q.increased, q.decreased, q.pushedOut, q.won, q.lost, q.end])
      .toEqual(["2024-Q1", 0, 150, 300, 50, 0, 150, 0, 300, 50]);
  });

  test("Q2: 400 + 70 created + 400 pulled in - 20 decreased - 180 pushed out - 620 won = 50", () => {
    const q = w.periods[1];
    expect([q.period, q.start, q.created, q.pulledIn, q.increased, q.decreased, q.pushedOut, q.won, q.lost, q.end])
      .toEqual(["2024-Q2", 400, 70, 400, 0, 20, 180, 620, 0, 50]);
  });

  test("names the deals in each bar, largest first", () => {
    const q2 = w.periods[1].deals;
    expect(q2.won.count).toBe(3);
    expect(q2.won.list.map((x) => [x.id, x.amount])).toEqual([["F", 400], ["A", 150], ["E", 70]]);
    expect(q2.pulledIn.list.map((x) => x.id)).toEqual(["F"]);
    expect(q2.pushedOut.list.map((x) => [x.id, x.amount, x.row])).toEqual([["B", 180, 3]]);
    expect(w.periods[0].deals.created.list.map((x) => x.id)).toEqual(["A", "D"]);
  });

  test("slippage per rep and per stage: A moved 61 days in Prospecting, B 62 days in Qualification", () => {
    const s = a.history.slippage!;
    expect(s.total).toMatchObject({ deals: 6, slipped: 2, slips: 2, medianDays: 61.5, totalDays: 123 });
    expect(s.byRep.map((r) => [r.group, r.deals, r.slipped, r.slips, r.totalDays])).toEqual([["Bob", 3, 1, 1, 62], ["Ann", 3, 1, 1, 61]]);
    expect(s.byStage.map((r) => [r.group, r.deals, r.slipped, r.share])).toEqual([["Prospecting", 5, 1, 0.2], ["Qualification", 1, 1, 1], ["Negotiation", 1, 0, 0]]);
  });

  test("without close dates the waterfall covers every open deal and says pulled in / pushed out are not known", () => {
    const open = analyze(data(HISTORY, { closeDate: false }), { period: "quarter", asOf: serial("2024-06-30") });
    const q = open.history.waterfall!.periods;
    expect(open.history.waterfall!.scope).toBe("open");
    expect(q[0].pulledIn).toBeNaN();
    expect(q[0].pushedOut).toBeNaN();
    // Q1: A 100 and D 50 and B 200 and C 300 created, A +50, C lost: end = A 150 + B 200 + D 50
    expect([q[0].start, q[0].created, q[0].increased, q[0].decreased, q[0].won, q[0].lost, q[0].end]).toEqual([0, 650, 50, 0, 0, 300, 400]);
    expect(open.history.slippage).toBeNull();
  });

  test("without history: no waterfall, and it says why", () => {
    const plain = buildData(DEALS, { stageOrder: ["Prospecting", "Qualification"] });
    const h = analyze(plain).history;
    expect(h.shape).toBe("none");
    expect(h.waterfall).toBeNull();
    expect(h.note).toMatch(/no stage history/i);
  });
});
