/**
 * "Today" is the latest actual event in the data: a created date, a won or lost deal's close date, a lead's
 * first contact. An open deal's close date is an expectation and never moves it (no phantom period, no
 * inflated open-deal age); `asOf` given by the user wins.
 */
import { analyze } from "../../src/engine/analyze";
import { buildData, serial } from "../support/deals-builder";

describe("the as-of date", () => {
  const rows = [
    { outcome: "won" as const, amount: 100, created: "2017-01-10", closed: "2017-03-20" },
    { outcome: "lost" as const, amount: 50, created: "2017-02-01", closed: "2017-04-15" },
    // an open deal still holding an expected close date, well past the data's last event
    { outcome: "open" as const, amount: 70, created: "2017-05-02", closed: "2018-09-30" },
  ];

  it("is the latest created, won or lost date, never an open deal's (expected) close date", () => {
    const a = analyze(buildData(rows), { period: "quarter" });
    expect(a.period.asOf).toBe(serial("2017-05-02"));
    expect(a.period.labels[a.period.labels.length - 1]).toBe("2017-Q2");
  });

  it("the median open age runs to that date, not to an expected close in 2018", () => {
    const a = analyze(buildData([...rows, { outcome: "open" as const, amount: 1, created: "2017-04-02" }]), { period: "quarter" });
    // open deals created 2017-05-02 and 2017-04-02, as of 2017-05-02: ages 0 and 30, median 15
    expect(a.funnel.medianOpenAgeDays).toBe(15);
  });

  it("a lead's first contact counts as an event; --as-of wins over all of it", () => {
    const data = buildData(rows, { leads: [{ created: "2017-06-30" }] });
    expect(analyze(data, { period: "quarter" }).period.asOf).toBe(serial("2017-06-30"));
    expect(analyze(data, { period: "quarter", asOf: serial("2017-12-31") }).period.asOf).toBe(serial("2017-12-31"));
  });
});
