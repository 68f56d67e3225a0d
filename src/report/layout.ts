/**
 * Lays a report sheet out for reading and printing, the same way for every GTM sheet (and any new one):
 * notes on top running across the sheet, then each block with its title and a blank row between; a chart
 * beside a narrow table, or below a wide one, never over a cell we wrote; single-column text (notes,
 * evidence) running across the width of the tables above it; and a print setup one page wide with the
 * heading rows repeated. Gives the A1 address of any data cell so insights can point at it.
 */
import { a1 } from "./format";
import { blockWidth, fittedWidths, frozenRows, sheetColumn, spanChars } from "./widths";
import { CHART_SIZE, NoteStyle, ReportAnchor, ReportBlock, ReportChart, ReportSheet } from "./types";

export type BlockSpec = Omit<ReportBlock, "row" | "col">;
export type ChartSpec = Omit<ReportChart, "row" | "col">;

/** Characters of column width one point of chart width takes (a 11-point font's digit is ~5.7 points). */
const POINTS_PER_CHAR = 5.7;
/** A chart goes beside its table when both fit within this many characters (a portrait page, readable). */
const BESIDE_LIMIT = 140;
/** A table longer than this runs onto further printed pages: its heading is repeated there. */
const LONG_TABLE = 30;

/** Rows a chart of `height` points covers at the default row height, plus one to breathe. */
export function chartRows(height: number): number {
  return Math.ceil(height / 15) + 1;
}

export class SheetLayout {
  readonly sheet: ReportSheet;
  private next: number;

  constructor(name: string, notes: (string | { text: string; style: NoteStyle })[], tabColor?: string) {
    const text = notes.map((n) => (typeof n === "string" ? n : n.text));
    const styles = notes.map((n) => (typeof n === "string" ? "plain" : n.style));
    this.sheet = { name, notes: text, blocks: [], charts: [], tabColor };
    if (styles.some((s) => s !== "plain")) this.sheet.noteStyles = styles;
    this.next = notes.length > 0 ? notes.length + 1 : 0;
  }

  /** The next free row (0-based) below everything placed so far. */
  get row(): number {
    return this.next;
  }

  /** Adds a block below the previous one (at column `col`, default A); returns its index in sheet.blocks. */
  add(spec: BlockSpec, col = 0): number {
    // a title is written one row above the block, and cannot sit above row 1
    const row = this.next + (spec.title ? 1 : 0);
    return this.place(spec, row, col);
  }

  /** Places a block at a given row and column (0-based, the header row); rows below it are then taken. */
  place(spec: BlockSpec, row: number, col: number): number {
    this.sheet.blocks.push({ ...spec, row, col });
    this.next = Math.max(this.next, row + 1 + spec.rows.length + 1);
    return this.sheet.blocks.length - 1;
  }

  /** Places a block beside the flow (a band to the right): the rows below it stay free for the flow. */
  placeAside(spec: BlockSpec, row: number, col: number): number {
    this.sheet.blocks.push({ ...spec, row, col });
    return this.sheet.blocks.length - 1;
  }

  /** Leaves `n` empty rows. */
  skip(n: number): void {
    this.next += n;
  }

  /** Freeze the rows above the first data row of block `index` (its header stays in view). */
  freezeAt(index: number): void {
    this.sheet.freezeRows = this.sheet.blocks[index].row + 1;
  }

  /**
   * A chart of block `chart.block`: beside the table when both fit a page's width, else below it; the rows
   * it covers are taken, so the next block starts under it.
   */
  chart(chart: ChartSpec): void {
    const b = this.sheet.blocks[chart.block];
    const width = chart.width ?? CHART_SIZE.width;
    const height = chart.height ?? CHART_SIZE.height;
    const top = Math.max(0, b.row - (b.title ? 1 : 0));
    const widths = fittedWidths(this.sheet);
    const tableChars = spanChars(widths, b.col, blockWidth(b));
    if (tableChars + 2 + width / POINTS_PER_CHAR <= BESIDE_LIMIT) {
      // one empty column between the table and the chart
      this.sheet.charts!.push({ ...chart, width, height, row: top, col: b.col + blockWidth(b) + 1 });
      this.next = Math.max(this.next, top + chartRows(height) + 1);
    } else {
      const row = this.next;
      this.sheet.charts!.push({ ...chart, width, height, row, col: b.col });
      this.next = row + chartRows(height) + 1;
    }
  }

  /** The finished sheet: text blocks and notes run across the tables' width; print setup one page wide. */
  done(): ReportSheet {
    const s = this.sheet;
    const widths = fittedWidths(s);
    let band = Math.max(1, ...s.blocks.map((b) => b.col + blockWidth(b)));
    // a band too narrow to read a sentence in is widened (text runs into the empty columns beside)
    while (band < 12 && spanChars(widths, 0, band) < 90) band++;
    for (const b of s.blocks) {
      // single-column text (notes, evidence) runs across the band instead of widening column A
      if (b.headers.length === 1 && !b.tableName && b.display !== "tiles" && b.col === 0 && !b.spans && b.rows.some((r) => typeof r[0] === "string")) {
        b.spans = [band];
      }
    }
    if (s.notes?.length && s.noteSpan === undefined) s.noteSpan = band;
    if (s.charts && s.charts.length === 0) delete s.charts;
    // a long first table keeps its heading on every printed page; otherwise the sheet's title line repeats
    // (a table heading repeated over other tables would misread them)
    const freeze = frozenRows(s);
    const first = s.blocks[0];
    const repeat: [number, number] | undefined = first && first.rows.length > LONG_TABLE && freeze > 0 ? [0, freeze - 1] : s.notes?.length ? [0, 0] : undefined;
    s.print = s.print ?? { orientation: "portrait", fitHeight: 0, repeatRows: repeat, header: { left: s.name, right: "" } };
    return s;
  }

  /** Address of data row `r`, column `c` of block `index`. */
  anchor(index: number, r: number, c: number): ReportAnchor {
    const b = this.sheet.blocks[index];
    return { sheet: this.sheet.name, cell: a1(b.row + 1 + r, sheetColumn(b, c)) };
  }
}
