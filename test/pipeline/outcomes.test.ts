/**
 * Which column says won / lost / open, decided by content; outcome words in six languages; words the user
 * declares (options, inputs sheet); the refusal of a "stage" column with no stage in it; close dates that
 * mean what they say.
 */
import {
  readPipeline, inspectSheet, inputsTemplate, PipelineError, OUTCOME_LOST, OUTCOME_OPEN, OUTCOME_WON, classifyStage,
  type PipelineData,
} from "../../src/pipeline";
import { deepFreeze, grid, serialOf, byReason } from "./helpers";

function counts(data: PipelineData) {
  const d = data.deals;
  const c = { won: 0, lost: 0, open: 0 };
  for (let i = 0; i < d.count; i++) {
    if (d.outcome[i] === OUTCOME_WON) c.won++;
    else if (d.outcome[i] === OUTCOME_LOST) c.lost++;
    else if (d.outcome[i] === OUTCOME_OPEN) c.open++;
  }
  return c;
}

function expectError(fn: () => unknown): PipelineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PipelineError);
    return e as PipelineError;
  }
  throw new Error("expected a PipelineError");
}

describe("the outcome column is chosen by its values, not by its place", () => {
  it("Pipedrive: the last stage stays on won deals; Deal - Status decides, Deal - Stage gives open deals their stage", () => {
    const values = deepFreeze([
      ["Deal - Title", "Deal - Value", "Deal - Stage", "Deal - Status", "Deal - Owner"],
      ["A", 100, "Negotiations Started", "Won", "Ann"],
      ["B", 200, "Proposal Made", "Lost", "Bob"],
      ["C", 300, "Demo Scheduled", "Open", "Ann"],
      ["D", 400, "Negotiations Started", "Won", "Bob"],
      ["E", 500, "Qualified", "Open", "Ann"],
    ]);
    const data = readPipeline(grid(values));
    expect(counts(data)).toEqual({ won: 2, lost: 1, open: 2 });
    expect(data.outcome?.columns).toEqual(["Deal - Status", "Deal - Stage"]);
    expect(data.outcome?.why).toMatch(/"Deal - Status" decides won \/ lost \/ open/);
    expect(data.outcome?.why).toMatch(/"Deal - Stage" holds no won or lost value/);
    expect(data.mapping.find((m) => m.field === "outcome")).toMatchObject({ header: "Deal - Status", how: "synonym" });
    // open deals keep their funnel stage; closed ones carry the status
    const d = data.deals;
    expect(d.stage.labels[d.stage.codes[2]]).toBe("Demo Scheduled");
    expect(d.stage.labels[d.stage.codes[0]]).toBe("Won");
    expect(data.stageOrder).toEqual(["Qualified", "Demo Scheduled"]);
    // the only warning: this small table has no close date at all
    expect(data.warnings.map((w) => w.reason)).toEqual(["no-close-date"]);
    // the task pane sees the same decision and the values to assign
    const insp = inspectSheet(grid(values));
    expect(insp.mapping.find((m) => m.field === "outcome")?.header).toBe("Deal - Status");
    expect(insp.stageValues).toEqual([
      { value: "Won", count: 2, outcome: "won", known: true },
      { value: "Open", count: 2, outcome: "open", known: true },
      { value: "Lost", count: 1, outcome: "lost", known: true },
    ]);
    expect(insp.stageValuesSampled).toBe(false);
  });

  it("whatever the column order: a status column before the stage column decides the same way", () => {
    const values = [["Status", "Stage", "Amount"], ["Won", "Proposal", 10], ["Lost", "Qualification", 20], ["Open", "Proposal", 30]];
    const data = readPipeline(grid(values));
    expect(counts(data)).toEqual({ won: 1, lost: 1, open: 1 });
    expect(data.outcome?.columns[0]).toBe("Status");
  });

  it("Dynamics 365: Status decides, Status Reason agrees (Canceled and Out-Sold are lost), Pipeline Phase gives the stage", () => {
    const values = [
      ["Topic", "Est. Revenue", "Actual Revenue", "Status", "Status Reason", "Pipeline Phase"],
      ["a", 100, 120, "Won", "Won", "4-Close"],
      ["b", 200, "", "Lost", "Out-Sold", "3-Propose"],
      ["c", 300, "", "Lost", "Canceled", "2-Develop"],
      ["d", 400, "", "Open", "In Progress", "2-Develop"],
      ["e", 500, "", "Open", "On Hold", "1-Qualify"],
    ];
    const data = readPipeline(grid(values));
    expect(counts(data)).toEqual({ won: 1, lost: 2, open: 2 });
    expect(data.outcome?.columns).toEqual(["Status", "Pipeline Phase"]);
    expect(data.outcome?.why).toMatch(/"Status Reason" agrees/);
    // Actual Revenue is the amount; the estimate stands in where it is blank
    expect(Array.from(data.deals.amount)).toEqual([120, 200, 300, 400, 500]);
    expect(data.stageOrder).toEqual(["1-Qualify", "2-Develop"]);
  });

  it("yes/no columns decide when no text column says won or lost (IsClosed / IsWon)", () => {
    const values = [["Id", "StageName", "Amount", "IsClosed", "IsWon"], ["1", "Step 1", 10, "true", "true"], ["2", "Step 2", 20, "true", "false"], ["3", "Step 2", 30, "false", "false"]];
    const data = readPipeline(grid(values));
    expect(counts(data)).toEqual({ won: 1, lost: 1, open: 1 });
    expect(data.outcome?.why).toMatch(/yes\/no columns "IsClosed" \(closed\?\) and "IsWon"/);
  });

  it("a Salesforce 'Closed' checkbox is not a close date: its yes/no values move it to the closed flag", () => {
    const values = [["Stage", "Amount", "Closed", "Won", "Close Date"], ["Closed Won", 10, 1, 1, "2017-03-01"], ["Closed Lost", 20, 1, 0, "2017-04-01"], ["Prospecting", 30, 0, 0, "2018-01-01"]];
    const data = readPipeline(grid(values));
    expect(data.mapping.find((m) => m.field === "isClosed")?.header).toBe("Closed");
    expect(data.mapping.find((m) => m.field === "closed")?.header).toBe("Close Date");
    expect(counts(data)).toEqual({ won: 1, lost: 1, open: 1 });
    expect(data.outcome?.why).toMatch(/agrees/);
    expect(byReason(data.diagnostics, "mapping-by-content")[0].message).toMatch(/"Closed" read as isClosed, not closed: its values are yes\/no/);
  });

  it("reads an unknown outcome word from the evidence: every 'Abgeschlossen' row has a won date", () => {
    const values: unknown[][] = [["Status", "Betrag", "Gewonnen am"]];
    for (let i = 0; i < 6; i++) values.push(["Abgeschlossen", 100 + i, `0${i + 1}.03.2017`]);
    values.push(["Verloren", 5, ""], ["Offen", 7, ""]);
    const data = readPipeline(grid(values));
    expect(counts(data)).toEqual({ won: 6, lost: 1, open: 1 });
    expect(data.outcome?.why).toMatch(/read from "Gewonnen am": "Abgeschlossen" won/);
  });

  it("a column the user mapped as the stage is respected; a status column that disagrees is a loud warning", () => {
    const values = [["Stage", "Status", "Amount"], ["Proposal", "Won", 1], ["Proposal", "Lost", 2], ["Closed Won", "Won", 3], ["Closed Lost", "Won", 4]];
    const data = readPipeline(grid(values), { map: { stage: "Stage", outcome: "none" } });
    expect(counts(data)).toEqual({ won: 1, lost: 1, open: 2 });
    const w = data.warnings.find((x) => x.reason === "unused-outcome-column");
    expect(w).toMatchObject({ header: "Status", fix: '--map outcome="Status"' });
  });
});

describe("outcome words in English, German, French, Spanish, Portuguese, Dutch (and declared ones)", () => {
  it("classifies the usual words, accents or not", () => {
    const won = ["Won", "Closed Won", "Gewonnen", "Geschlossen und gewonnen", "Gagné", "Gagne", "Fermée gagnée", "Ganada", "Cerrada ganada", "Ganho", "Fechado/Ganho", "Gesloten/gewonnen", "Vinta"];
    const lost = ["Lost", "Closed Lost", "Verloren", "Perdu", "Perdue", "Fermée perdue", "Perdida", "Cerrada perdida", "Perdido", "Fechado/Perdido", "Canceled", "Out-Sold", "Abandoned", "Closed-Lost to Competition"];
    const open = ["Offen", "Angebot", "En cours", "Negociación", "Proposta", "Onderhandeling", "In Progress", "On Hold"];
    for (const w of won) expect([w, classifyStage(w).outcome]).toEqual([w, OUTCOME_WON]);
    for (const l of lost) expect([l, classifyStage(l).outcome]).toEqual([l, OUTCOME_LOST]);
    for (const o of open) expect([o, classifyStage(o)]).toEqual([o, expect.objectContaining({ outcome: OUTCOME_OPEN, known: true })]);
  });

  it("options.outcomes declares values won or lost (case, space and punctuation blind)", () => {
    const values = [["Status", "Amount"], ["Signed Contract", 10], ["no go", 20], ["Working", 30]];
    const data = readPipeline(grid(values), { outcomes: { won: ["signed contract"], lost: ["No-Go"] } });
    expect(counts(data)).toEqual({ won: 1, lost: 1, open: 1 });
  });

  it("the inputs sheet's Won values / Lost values rows do the same", () => {
    const inputs = inputsTemplate().map((r) => r.slice());
    const won = inputs.findIndex((r) => r[0] === "Won values");
    const lost = inputs.findIndex((r) => r[0] === "Lost values");
    expect(won).toBeGreaterThan(0);
    inputs[won][1] = "Done, Booked";
    inputs[lost][1] = "Stuck";
    const data = readPipeline(grid([["Status", "Amount"], ["Done", 1], ["Stuck", 2], ["Working on it", 3]]), { inputs: { name: "Inputs", values: inputs } });
    expect(counts(data)).toEqual({ won: 1, lost: 1, open: 1 });
    expect(data.inputs?.outcomes).toEqual({ won: ["Done", "Booked"], lost: ["Stuck"] });
  });

  it("inspectSheet lists every value of the outcome column, most frequent first, each with how it reads", () => {
    const values: unknown[][] = [["Phase", "Betrag"]];
    for (let i = 0; i < 30; i++) values.push([i % 3 === 0 ? "Gewonnen" : i % 3 === 1 ? "Verloren" : "Wartet", i]);
    values.push(["Gewonnen", 1]);
    const insp = inspectSheet(grid(values), { outcomes: { lost: ["Wartet"] } });
    expect(insp.stageValues).toEqual([
      { value: "Gewonnen", count: 11, outcome: "won", known: true },
      { value: "Verloren", count: 10, outcome: "lost", known: true },
      { value: "Wartet", count: 10, outcome: "lost", known: true },
    ]);
    expect(inspectSheet(grid(values)).stageValues?.[2]).toEqual({ value: "Wartet", count: 10, outcome: "open", known: false });
  });
});

describe("a stage column with no stage in it is refused, naming the column and the flags", () => {
  it("a budget table whose 'stage' is a quarter", () => {
    const values = [["Stage", "Amount", "Owner"], ["Q1", 100, "Ann"], ["Q2", 200, "Bob"], ["Q3", 300, "Ann"]];
    const e = expectError(() => readPipeline(grid(values)));
    expect(e.diagnostics[0]).toMatchObject({ reason: "no-stage-values", header: "Stage", column: "A" });
    expect(e.message).toMatch(/the stage column "Stage" holds no stage GTM Compass knows \(values such as "Q1", "Q2", "Q3"\)/);
    expect(e.message).toMatch(/--won VALUE --lost VALUE/);
    expect(e.message).toMatch(/--map stage=/);
    expect(e.message).not.toMatch(/\n/);
    // declared outcomes make it readable: the user says what the values mean
    const data = readPipeline(grid(values), { outcomes: { won: ["Q3"] } });
    expect(counts(data)).toEqual({ won: 1, lost: 0, open: 2 });
  });
});

describe("dates mean what they say", () => {
  it("won time beats an expected close date; lost time for lost deals; an open deal has no close date, only an expected one", () => {
    const values = [
      ["Deal - Status", "Deal - Value", "Deal - Deal created", "Deal - Expected close date", "Deal - Won time", "Deal - Lost time"],
      ["Won", 10, "2017-01-05", "2017-06-30", "2017-03-31 23:30:00", ""],
      ["Lost", 20, "2017-01-05", "2017-06-30", "", "2017-04-02 10:00"],
      ["Open", 30, "2017-02-01", "2018-03-01", "", ""],
    ];
    const d = readPipeline(grid(values)).deals;
    // wall-clock time kept: 23:30 on March 31 stays in Q1
    expect(Math.floor(d.closed[0])).toBe(serialOf(2017, 3, 31));
    expect(Math.floor(d.closed[1])).toBe(serialOf(2017, 4, 2));
    expect(Number.isNaN(d.closed[2])).toBe(true);
    expect(Array.from(d.expectedClose)).toEqual([serialOf(2017, 6, 30), serialOf(2017, 6, 30), serialOf(2018, 3, 1)]);
  });

  it("a Close Date column: actual on closed deals, the expected date on open ones (kept apart)", () => {
    const values = [["Stage", "Amount", "Created Date", "Close Date"], ["Closed Won", 1, "2017-01-01", "2017-02-01"], ["Negotiation", 2, "2017-01-01", "2018-05-01"]];
    const d = readPipeline(grid(values)).deals;
    expect(d.closed[0]).toBe(serialOf(2017, 2, 1));
    expect(Number.isNaN(d.closed[1])).toBe(true);
    expect(d.expectedClose[1]).toBe(serialOf(2018, 5, 1));
  });

  it("only an expected close date on closed deals: never used to place revenue, and a loud warning names the column", () => {
    const values = [["Sales Stage", "Opportunity Amount", "Expected Close Date"], ["Closed Won", 1, "2017-02-01"], ["Closed Lost", 2, "2017-03-01"], ["Prospecting", 3, "2018-03-01"]];
    const data = readPipeline(grid(values));
    expect(Array.from(data.deals.closed).every((x) => Number.isNaN(x))).toBe(true);
    expect(data.warnings.find((w) => w.reason === "no-close-date")).toMatchObject({ header: "Expected Close Date", fix: expect.stringContaining('--map closed="Expected Close Date"') });
    // the user may say it holds the close date of closed deals
    const mapped = readPipeline(grid(values), { map: { closed: "Expected Close Date" } });
    expect(mapped.deals.closed[0]).toBe(serialOf(2017, 2, 1));
    expect(mapped.warnings.find((w) => w.reason === "no-close-date")).toBeUndefined();
  });

  it("date-times with seconds and zones, as CRMs write them", () => {
    const values: unknown[][] = [["Stage", "Amount", "Created", "Close Date"]];
    const texts = ["2017-03-05T18:00:00Z", "2017-03-05 18:00:00 UTC", "2017-03-05T18:00:00.000+0000", "2017-03-05 18:00:00 CET", "2017-03-05T18:00:00+01:00", "2017-03-05 06:00:00 p.m.", "2017-03-05 18:00 GMT+2"];
    for (const t of texts) values.push(["Closed Won", 1, "2017-01-01", t]);
    const d = readPipeline(grid(values)).deals;
    for (let i = 0; i < texts.length; i++) expect([texts[i], d.closed[i]]).toEqual([texts[i], serialOf(2017, 3, 5) + 0.75]);
  });
});
