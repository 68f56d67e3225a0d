/**
 * The task pane reads the same shapes the same way: it inspects the sheet, shows one choice per field on its
 * Columns screen (src/taskpane/mapping.ts), and hands every choice back to the shared pipeline as the user's
 * mapping. Taking the detected choices as they are must give the figures of the original CSV; the shape whose
 * words nobody knows is refused with the error the pane catches, until the user says what they mean.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadBook } from "../../src/cli/load";
import { inspectSheet, readPipeline, PipelineError, OUTCOME_LOST, OUTCOME_WON } from "../../src/pipeline";
import { initialChoices, toMap } from "../../src/taskpane/mapping";
import { readMaven, SHAPES } from "../support/crm-reexport";
import { mavenFigures } from "../support/maven-figures";

const maven = readMaven();
const want = mavenFigures(maven);
const dir = mkdtempSync(join(tmpdir(), "gtm-pane-flow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the task pane's flow (inspect, Columns screen as detected, read) on each CRM shape", () => {
  for (const shape of SHAPES) {
    it(shape.crm, async () => {
      const book = await loadBook(await shape.write(maven, dir));
      const sheet = book.sheets.filter((s) => !s.hidden).map((s) => ({ s, i: inspectSheet(s) })).sort((a, b) => b.i.score - a.i.score)[0];
      expect(sheet.i.looksLikePipeline).toBe(true);
      const map = toMap(initialChoices(sheet.i));
      const outcomes = shape.needs ? { won: [shape.needs[1]], lost: [shape.needs[3]] } : undefined;
      if (outcomes) {
        expect(() => readPipeline(sheet.s, { map })).toThrow(PipelineError);
        // the Columns screen lists the values to assign
        expect(sheet.i.stageValues?.map((v) => v.value).sort()).toEqual(["Done", "Not Started", "Stuck", "Working on it"]);
      }
      const data = readPipeline(sheet.s, { map, outcomes });
      let won = 0;
      let lost = 0;
      for (let i = 0; i < data.deals.count; i++) {
        won += +(data.deals.outcome[i] === OUTCOME_WON);
        lost += +(data.deals.outcome[i] === OUTCOME_LOST);
      }
      expect({ won, lost, used: data.rows.used }).toEqual({ won: want.won, lost: want.lost, used: 8800 });
      expect(data.deals.owner.codes.filter((c) => c >= 0).length).toBe(want.ownersFilled);
      expect(data.warnings.filter((w) => w.reason !== "no-amount")).toEqual([]);
    });
  }
});
