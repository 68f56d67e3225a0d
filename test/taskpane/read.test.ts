import { readBlock, listRawSources } from "../../src/taskpane/excel/read";
import { rowsPerChunk, estimateRowBytes, CHUNK_BUDGET } from "../../src/taskpane/excel/chunks";
import { makeDouble, pipelineRows, PAYLOAD_LIMIT } from "./double-host";
import { OWNER_MARKER, OWNER_PROPERTY } from "../../src/report/types";

const block = (rows: unknown[][]) => ({ sheet: "Pipeline", rowIndex: 0, columnIndex: 0, rowCount: rows.length, columnCount: rows[0].length, sample: rows.slice(0, 20) });

describe("readBlock: chunked reads under the 5 MB payload cap", () => {
  it("reads 10 rows in one sync and 100,000 rows in a handful: syncs grow with chunks, not rows", async () => {
    const small = pipelineRows(10);
    const a = makeDouble({ sheets: [{ name: "Pipeline", values: small }] });
    const r10 = await readBlock(a.host, block(small));
    expect(r10.grid.values).toEqual(small);
    expect(a.d.workbook.stats.syncs).toBe(1);

    const big = pipelineRows(100_000);
    const b = makeDouble({ sheets: [{ name: "Pipeline", values: big }] });
    const r100k = await readBlock(b.host, block(big));
    expect(r100k.grid.values.length).toBe(big.length);
    expect(r100k.grid.values[54321]).toEqual(big[54321]);
    expect(r100k.grid.values[big.length - 1]).toEqual(big[big.length - 1]);
    const syncs = b.d.workbook.stats.syncs;
    // Independent bound: total bytes of the sheet over the budget, plus one for the last partial chunk.
    const totalBytes = Buffer.byteLength(JSON.stringify(big));
    expect(syncs).toBeGreaterThan(1);
    expect(syncs).toBeLessThanOrEqual(Math.ceil(totalBytes / (CHUNK_BUDGET * 0.5)) + 1);
    expect(syncs).toBe(r100k.stats.syncs);
    expect(syncs).toBeLessThan(100);
    for (const bytes of b.d.workbook.stats.responseBytes) expect(bytes).toBeLessThan(PAYLOAD_LIMIT);
    expect(b.d.workbook.stats.refused).toBe(0);
  });

  it("adapts down when Excel refuses a response over 5 MB and still returns every row", async () => {
    // 600 rows of ~20 KB each (12 MB): a first guess of 10 bytes per row asks for far too much at once.
    const wide = "x".repeat(20_000);
    const rows: unknown[][] = [["id", "note"]];
    for (let i = 0; i < 600; i++) rows.push([i, `${i}:${wide}`]);
    const { d, host } = makeDouble({ sheets: [{ name: "Pipeline", values: rows }] });
    const res = await readBlock(host, { ...block(rows), sample: undefined }, { bytesPerRow: 10 });
    expect(d.workbook.stats.refused).toBeGreaterThan(0);
    expect(res.stats.retries).toBe(d.workbook.stats.refused);
    expect(res.grid.values).toEqual(rows);
    // Every accepted response stayed under the cap.
    const accepted = d.workbook.stats.responseBytes.filter((b) => b < PAYLOAD_LIMIT);
    expect(accepted.length).toBe(res.stats.chunks);
    expect(Math.max(...accepted)).toBeLessThan(PAYLOAD_LIMIT);
  });

  it("sizes chunks from measured bytes per row", () => {
    const rows = pipelineRows(1000).slice(1);
    const per = estimateRowBytes(rows);
    const exact = Buffer.byteLength(JSON.stringify(rows)) / rows.length;
    expect(Math.abs(per - exact) / exact).toBeLessThan(0.1);
    expect(rowsPerChunk(1000, 8, 1_000_000)).toBe(1000);
    expect(rowsPerChunk(1, 100, 1_000_000)).toBe(5000); // bounded by cells, not bytes
  });

  it("reports progress and honours Cancel between chunks", async () => {
    const rows = pipelineRows(5000);
    const { host } = makeDouble({ sheets: [{ name: "Pipeline", values: rows }] });
    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      readBlock(host, block(rows), {
        budget: 20_000,
        onProgress: (done) => {
          seen.push(done);
          if (seen.length === 2) controller.abort();
        },
        signal: controller.signal,
      }),
    ).rejects.toThrow("Cancelled");
    expect(seen.length).toBe(2);
    expect(seen[1]).toBeGreaterThan(seen[0]);
  });
});

describe("listRawSources", () => {
  it("lists tables first, then sheets with data, then the selection; leaves out our own report sheets", async () => {
    const rows = pipelineRows(30);
    const { d, host } = makeDouble({
      sheets: [
        { name: "Notes", values: [["just one cell"]] },
        { name: "Export", values: [["Pipeline export"], [], ...rows] },
        { name: "Deals", values: rows },
        { name: "GTM Summary", values: [["ours"], ["x"]], customProperties: { [OWNER_PROPERTY]: OWNER_MARKER } },
      ],
      tables: [
        { name: "DealsTable", sheet: "Deals", address: "A1:H31", filtered: true },
        { name: "GTM_Summary", sheet: "GTM Summary", address: "A1:A2" },
      ],
      selection: { sheet: "Export", address: "A3:H12" },
    });
    const sources = await listRawSources(host);
    expect(sources.map((s) => s.id)).toEqual(["table:DealsTable", "sheet:Export", "selection"]);
    const table = sources[0];
    expect(table).toMatchObject({ sheet: "Deals", rowCount: 31, columnCount: 8, filtered: true });
    expect(table.sample.length).toBe(20);
    expect(sources[1]).toMatchObject({ rowIndex: 0, rowCount: 33 });
    expect(sources[1].sample[2]).toEqual(rows[0]);
    expect(sources[2]).toMatchObject({ sheet: "Export", rowIndex: 2, rowCount: 10 });
    // Four for the sheets and tables whatever their number, one for the selection (probed on its own).
    expect(d.workbook.stats.syncs).toBeLessThanOrEqual(5);
  });
});
