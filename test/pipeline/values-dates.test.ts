import { parseNumberText, isErrorText, numberParse, NumberIssue } from "../../src/pipeline/values";
import { parseTextDate, decideOrder, resolveAmbiguous, serialFromNumber, serialFromDate, serialToISODate, DATE1904_OFFSET } from "../../src/pipeline/dates";
import { normalizePeriod } from "../../src/pipeline/periods";
import { StringIndex, ABSENT } from "../../src/pipeline/dictionary";
import { serialOf } from "./helpers";

describe("numbers from text", () => {
  it.each([
    ["1054", 1054], ["-12.5", -12.5], ["$1,234.50", 1234.5], ["(1,200)", -1200], ["($1,200.00)", -1200],
    ["1.234,50 €", 1234.5], ["1 234 567", 1234567], ["1'234.5", 1234.5], ["EUR 12k", 12000], ["R$ 1.200,00", 1200],
    ["1,200 USD", 1200], ["-$1,200", -1200], ["$-1,200", -1200], ["1,200-", -1200], ["12,5", 12.5], ["1.5M", 1500000],
    ["25%", 0.25], [" 7 ", 7], ["+1,500", 1500], ["1,234,567.89", 1234567.89], ["0.1", 0.1],
  ])("%s → %d", (text, value) => {
    expect(parseNumberText(text)).toBeCloseTo(value, 10);
    expect(numberParse.issue).toBe(NumberIssue.None);
  });

  it.each(["abc", "1,2,3.4.5", "=SUM(A1)", "12 apples", "--", "$", "1e", "0x10", "Infinity", "1.2.3"])("%s is not a number", (text) => {
    expect(Number.isNaN(parseNumberText(text))).toBe(true);
    expect(numberParse.issue).toBe(NumberIssue.NotNumber);
  });

  it("reads plain decimal text exactly as Number() does, and flags its dot as a decimal point or a thousands group", () => {
    // An independent reading of the rule: "." with exactly three digits after it and one to three digits
    // before it may be a thousands separator (1.054); any other "." in a numeral of 3+ characters is decimal.
    let seed = 20261203;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const digits = (n: number) => Array.from({ length: n }, () => String(Math.floor(rand() * 10))).join("");
    const texts = ["0", "-0", "7", "-0.00", "007", "00.5", "1.054", "-1.054", "1234.567", "0.1", "0.30000000000000004", "999999999999999", "9999999999999999", "123456789012.345", "1.0000000000000002"];
    for (let i = 0; i < 20000; i++) {
      const before = digits(1 + Math.floor(rand() * 9));
      const after = rand() < 0.3 ? "" : digits(1 + Math.floor(rand() * 8));
      texts.push(`${rand() < 0.2 ? "-" : ""}${before}${after ? `.${after}` : ""}`);
    }
    for (const t of texts) {
      const v = parseNumberText(t);
      const body = t.replace(/^-/, "");
      const dot = body.indexOf(".");
      const group = t.length >= 3 && dot >= 1 && dot <= 3 && body.length - dot - 1 === 3;
      const decimal = t.length >= 3 && dot >= 0 && !group;
      expect([t, Object.is(v, Number(t)), numberParse.issue, numberParse.dotGroup, numberParse.dotDecimal, numberParse.commaDecimal, numberParse.percent]).toEqual([t, true, NumberIssue.None, group, decimal, false, false]);
    }
  });

  it("flags percentages and error cells", () => {
    parseNumberText("25%");
    expect(numberParse.percent).toBe(true);
    expect(Number.isNaN(parseNumberText("#N/A"))).toBe(true);
    expect(numberParse.issue).toBe(NumberIssue.Error);
  });

  it("knows Excel error values, including ones Office.js adds, but not names that start with #", () => {
    for (const e of ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!", "#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA", "#CONNECT!"]) {
      expect([e, isErrorText(e)]).toEqual([e, true]);
    }
    for (const s of ["#1 Supplies", "#hashtag campaign", "#", "N/A", "#N/A and more"]) expect([s, isErrorText(s)]).toEqual([s, false]);
  });
});

describe("dates", () => {
  it("reads serials in both date systems and rejects numbers that cannot be pipeline dates", () => {
    expect(serialFromNumber(42795, false)).toBe(42795);
    expect(serialFromNumber(42795 - DATE1904_OFFSET, true)).toBe(42795);
    expect(DATE1904_OFFSET).toBe(1462);
    expect(serialToISODate(42795)).toBe("2017-03-01");
    for (const bad of [0, -5, 2017, 3000000]) expect(Number.isNaN(serialFromNumber(bad, false))).toBe(true);
    expect(serialFromDate(new Date(Date.UTC(2017, 2, 1, 12)))).toBe(42795.5);
  });

  it.each([
    ["2017-03-05", serialOf(2017, 3, 5)], ["2017/3/5", serialOf(2017, 3, 5)], ["2017-03-05T06:00:00Z", serialOf(2017, 3, 5) + 0.25],
    ["2017-03-05 18:30", serialOf(2017, 3, 5) + 18.5 / 24], ["5 Mar 2017", serialOf(2017, 3, 5)], ["05-Mar-17", serialOf(2017, 3, 5)],
    ["March 5, 2017", serialOf(2017, 3, 5)], ["Mar 5th 2017", serialOf(2017, 3, 5)], ["20170305", serialOf(2017, 3, 5)], ["42799", serialOf(2017, 3, 5)],
  ])("%s is unambiguous", (text, serial) => {
    expect(parseTextDate(text).serial).toBeCloseTo(serial, 9);
  });

  it.each(["2017-02-30", "31/31/2017", "01-May", "yesterday", "2017-13-01", "12:30", "5/3/2017 25:00"])("%s is not a date", (text) => {
    const t = parseTextDate(text);
    const serial = t.shape === "ambiguous" ? resolveAmbiguous(t, "MDY") : t.serial;
    expect(Number.isNaN(serial)).toBe(true);
  });

  it("leaves a/b/yyyy open and resolves it by the column's order; parts above 12 read as they must", () => {
    const t = parseTextDate("3/4/2017 1:30 PM");
    expect(t.shape).toBe("ambiguous");
    expect(resolveAmbiguous(t, "MDY")).toBeCloseTo(serialOf(2017, 3, 4) + 13.5 / 24, 9);
    expect(resolveAmbiguous(t, "DMY")).toBeCloseTo(serialOf(2017, 4, 3) + 13.5 / 24, 9);
    expect(resolveAmbiguous(parseTextDate("25/4/2017"), "MDY")).toBe(serialOf(2017, 4, 25));
    expect(resolveAmbiguous(parseTextDate("4/5/17"), "MDY")).toBe(serialOf(2017, 4, 5));
  });

  it("decides the order per separator from the data, majority when both are forced", () => {
    const texts = ["1/2/2017", "3/25/2017", "4/26/2017", "27/4/2017"].map(parseTextDate);
    const d = decideOrder(texts, [1, 1, 1, 1], "/");
    expect(d.order).toBe("MDY");
    expect(d.mixed).toBe(true);
    expect(d.reason).toMatch(/2 cell\(s\) are month first .*1 day first/);
    const counts = [1, 1, 1, 5];
    expect(decideOrder(texts, counts, "/").order).toBe("DMY");
  });
});

describe("period labels on the inputs sheet", () => {
  it.each([
    ["2017-Q3", "2017-Q3"], ["Q3 2017", "2017-Q3"], ["2017 q3", "2017-Q3"], ["FY2018", "2018"], [2019, "2019"],
    ["2017-07", "2017-07"], ["7/2017", "2017-07"], ["Jul 2017", "2017-07"], ["July 2017", "2017-07"], [42917, "2017-07"],
    ["2017-07-15", "2017-07"], [new Date(Date.UTC(2017, 6, 1)), "2017-07"],
  ])("%s → %s", (input, label) => {
    expect(normalizePeriod(input)).toBe(label);
  });
  it.each(["Q5 2017", "next year", "", true, "13/2017"])("%s is not a period", (input) => {
    expect(normalizePeriod(input)).toBeNull();
  });
});

describe("the typed-array string index", () => {
  it("agrees with a Map on many keys, indexing the caller's array as it grows", () => {
    const keys: string[] = ["seed-a", "seed-b"];
    const idx = new StringIndex(keys, 16);
    const m = new Map<string, number>(keys.map((k, i) => [k, i]));
    for (let i = 0; i < 200000; i++) {
      const k = `k${(i * 7919) % 150000}`;
      const got = idx.get(k);
      if (m.has(k)) expect(got).toBe(m.get(k));
      else {
        expect(got).toBe(ABSENT);
        keys.push(k);
        idx.addAfterMiss(keys.length - 1);
        m.set(k, keys.length - 1);
      }
    }
    expect(idx.count).toBe(m.size);
    expect(idx.get("seed-b")).toBe(1);
    expect(idx.get("absent")).toBe(ABSENT);
  });
});
