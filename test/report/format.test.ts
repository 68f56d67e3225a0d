/** Sentences as a reader gets them: no "(s)" plurals, thousands grouped, dates and periods untouched. */
import { count, plain } from "../../src/report/format";

describe("plain sentences", () => {
  test.each([
    ["3 deal(s) were created", "3 deals were created"],
    ["1 won deal(s) name no customer", "1 won deal names no customer"],
    ["2024-Q4: spend 409000, 16 new customer(s), CAC 25563.", "2024-Q4: spend 409,000, 16 new customers, CAC 25,563."],
    ["Wins are taken 1 period(s) after the leads", "Wins are taken 1 period after the leads"],
    ["6046 marketing lead(s) were never worked", "6,046 marketing leads were never worked"],
    ["as of 2017-12-31 in 2017 there were 12345 rows; 0.4321 share; GTM Time Bombs!C1093", "as of 2017-12-31 in 2017 there were 12,345 rows; 0.4321 share; GTM Time Bombs!C1093"],
    ["check(s) could not run", "checks could not run"],
    ["1 deal(s) have no stage, 2 row(s) are blank (s) here", "1 deal has no stage, 2 rows are blank (s) here"],
  ])("%s", (raw, want) => {
    expect(plain(raw)).toBe(want);
  });

  test("a long quoted text after the last plural is kept as written", () => {
    const long = "Stage ".repeat(20000);
    expect(plain(`3 column(s) are not used: "${long}"`)).toBe(`3 columns are not used: "${long}"`);
  });

  test("count() puts the noun in the right number", () => {
    expect(count(1, "deal")).toBe("1 deal");
    expect(count(2400, "deal")).toBe("2,400 deals");
    expect(count(2, "opportunity", "opportunities")).toBe("2 opportunities");
  });
});
