/**
 * Stacks blocks down a sheet: notes on top, then each block with its title, leaving a blank row between,
 * and gives the A1 address of any data cell so insights can point at it.
 */
import { a1 } from "./format";
import { ReportAnchor, ReportBlock, ReportChart, ReportSheet } from "./types";

export type BlockSpec = Omit<ReportBlock, "row" | "col">;

export class SheetLayout {
  readonly sheet: ReportSheet;
  private next: number;

  constructor(name: string, notes: string[], tabColor?: string) {
    this.sheet = { name, notes, blocks: [], charts: [], tabColor };
    this.next = notes.length > 0 ? notes.length + 1 : 0;
  }

  /** Adds a block below the previous one; returns its index in sheet.blocks. */
  add(spec: BlockSpec): number {
    // a title is written one row above the block, and cannot sit above row 1
    const row = this.next + (spec.title ? 1 : 0);
    this.sheet.blocks.push({ ...spec, row, col: 0 });
    this.next = row + 1 + spec.rows.length + 1;
    return this.sheet.blocks.length - 1;
  }

  /** Freeze the rows above the first data row of block `index` (its header stays in view). */
  freezeAt(index: number): void {
    this.sheet.freezeRows = this.sheet.blocks[index].row + 1;
  }

  /** A chart beside its data block, right of the widest block so it covers no cell we wrote. */
  chart(chart: Omit<ReportChart, "row" | "col">): void {
    const b = this.sheet.blocks[chart.block];
    this.sheet.charts!.push({ ...chart, row: Math.max(0, b.row - (b.title ? 1 : 0)), col: 0 });
  }

  /** The finished sheet: charts moved right of every block. */
  done(): ReportSheet {
    const width = Math.max(1, ...this.sheet.blocks.map((b) => b.col + b.headers.length));
    for (const c of this.sheet.charts ?? []) c.col = width + 1;
    if (this.sheet.charts && this.sheet.charts.length === 0) delete this.sheet.charts;
    return this.sheet;
  }

  /** Address of data row `r`, column `c` of block `index`. */
  anchor(index: number, r: number, c: number): ReportAnchor {
    const b = this.sheet.blocks[index];
    return { sheet: this.sheet.name, cell: a1(b.row + 1 + r, b.col + c) };
  }
}
