import { csvToGrid, parseCsv } from "./csv-grid";

describe("the tests' CSV reader", () => {
  it("splits quoted fields with commas, doubled quotes and line breaks; LF or CRLF; no row for a final break", () => {
    const text = 'id,note,amount\r\n1,"Acme, Inc.",10\n2,"said ""yes""",20\n3,"two\nlines",30\n';
    expect(parseCsv(text)).toEqual([
      ["id", "note", "amount"],
      ["1", "Acme, Inc.", "10"],
      ["2", 'said "yes"', "20"],
      ["3", "two\nlines", "30"],
    ]);
  });

  it("keeps a blank line inside, drops blank lines at the end, and turns plain decimals into numbers", () => {
    const grid = csvToGrid('a,b\n\n"x\ny",-2.5\n00123,1e3\n\n\n', "Deals");
    expect(grid).toEqual({ name: "Deals", values: [["a", "b"], [""], ["x\ny", -2.5], [123, "1e3"]] });
  });
});
