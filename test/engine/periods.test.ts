import { periodIndexOf, periodLabel, serialToYmd, ymdToSerial } from "../../src/model/calendar";
import { assignPeriods, buildGrid, choosePeriod } from "../../src/engine/periods";
import { serial } from "../support/deals-builder";

describe("periods from Excel serials", () => {
  test("known serials: 1 = 1900-01-01, 59 = 1900-02-28, 60 = Excel's phantom 1900-02-29, 61 = 1900-03-01", () => {
    expect(serialToYmd(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(serialToYmd(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(serialToYmd(60)).toEqual({ year: 1900, month: 2, day: 29 });
    expect(serialToYmd(61)).toEqual({ year: 1900, month: 3, day: 1 });
    // 42917 is what Excel shows for 2017-07-01
    expect(serialToYmd(42917)).toEqual({ year: 2017, month: 7, day: 1 });
    expect(serialToYmd(42917.75)).toEqual({ year: 2017, month: 7, day: 1 });
  });

  test("round trip against JavaScript's Date for every day 1901-2100", () => {
    for (let s = 367; s < 73051; s += 1) {
      const d = new Date((s - 25569) * 86400000);
      const ymd = serialToYmd(s);
      expect(ymd.year * 10000 + ymd.month * 100 + ymd.day).toBe(d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate());
      if (s % 997 === 0) expect(ymdToSerial(ymd.year, ymd.month, ymd.day)).toBe(s);
    }
  });

  test("labels: month 2017-07, quarter 2017-Q3, year 2017", () => {
    const s = serial("2017-07-15");
    expect(periodLabel(periodIndexOf(s, "month"), "month")).toBe("2017-07");
    expect(periodLabel(periodIndexOf(s, "quarter"), "quarter")).toBe("2017-Q3");
    expect(periodLabel(periodIndexOf(s, "year"), "year")).toBe("2017");
    expect(periodLabel(periodIndexOf(serial("2017-12-31"), "quarter"), "quarter")).toBe("2017-Q4");
    expect(periodLabel(periodIndexOf(serial("2018-01-01"), "month"), "month")).toBe("2018-01");
    expect(periodIndexOf(NaN, "month")).toBeNaN();
  });

  test("the period length follows the span unless the user picks one", () => {
    expect(choosePeriod(serial("2017-01-01"), serial("2017-05-01")).kind).toBe("month");
    expect(choosePeriod(serial("2016-10-20"), serial("2017-12-31")).kind).toBe("quarter");
    expect(choosePeriod(serial("2010-01-01"), serial("2017-12-31")).kind).toBe("year");
    const user = choosePeriod(serial("2010-01-01"), serial("2017-12-31"), "month");
    expect(user).toMatchObject({ kind: "month", chosenBy: "user" });
  });

  test("grid is dense, marks the running period incomplete, and assigns rows in one pass", () => {
    const g = buildGrid("quarter", serial("2017-02-10"), serial("2017-08-15"));
    expect(g.labels).toEqual(["2017-Q1", "2017-Q2", "2017-Q3"]);
    expect(g.complete).toEqual([true, true, false]);
    const done = buildGrid("quarter", serial("2017-02-10"), serial("2017-09-30"));
    expect(done.complete).toEqual([true, true, true]);
    const dates = Float64Array.from([serial("2017-03-31"), serial("2017-04-01"), NaN, serial("2016-12-31"), serial("2017-08-16"), serial("2017-08-15") + 0.9]);
    expect(Array.from(assignPeriods(dates, g, serial("2017-08-15")))).toEqual([0, 1, -1, -1, -1, 2]);
  });
});
