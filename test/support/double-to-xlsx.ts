/**
 * A workbook the task pane wrote into the host double, saved as an .xlsx with ExcelJS, so LibreOffice can
 * print what the pane wrote: values and formulas, merged cells, fonts, fills, borders, alignment, number
 * formats, status colours, column widths, row heights, notes, links and the print setup, all as the double recorded them.
 * Charts are not carried over (the double records a chart's ranges, it does not draw one).
 */
import ExcelJS from "exceljs";
import type { Double } from "../taskpane/double-host";

const argb = (c: unknown): string | undefined => (typeof c === "string" && /^#[0-9A-Fa-f]{6}$/.test(c) ? `FF${c.slice(1).toUpperCase()}` : undefined);
const H: Record<string, ExcelJS.Alignment["horizontal"]> = { Left: "left", Right: "right", Center: "center" };
const V: Record<string, ExcelJS.Alignment["vertical"]> = { Top: "top", Center: "middle", Bottom: "bottom" };

function border(look: Record<string, unknown>, side: string): Partial<ExcelJS.Border> | undefined {
  const style = look[`border.${side}.style`];
  if (style !== "Continuous") return undefined;
  const weight = look[`border.${side}.weight`];
  return { style: weight === "Thick" ? "thick" : weight === "Medium" ? "medium" : "thin", color: { argb: argb(look[`border.${side}.color`]) ?? "FF000000" } };
}

export async function doubleToXlsx(d: Double, sheets: string[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const name of sheets) {
    const ws = wb.addWorksheet(name);
    const values = d.valuesOf(name) ?? [];
    const width = Math.max(0, ...values.map((r) => r.length));
    for (let r = 0; r < values.length; r++) {
      for (let c = 0; c < width; c++) {
        const cell = ws.getCell(r + 1, c + 1);
        const address = cell.address;
        const formula = d.formulaAt(name, address);
        const v = values[r][c];
        if (formula) cell.value = { formula: formula.replace(/^=/, "") } as ExcelJS.CellFormulaValue;
        else if (v !== "" && v !== null && v !== undefined) cell.value = v as ExcelJS.CellValue;
        const look = d.lookAt(name, address);
        const font: Partial<ExcelJS.Font> = {};
        if (look["font.name"]) font.name = String(look["font.name"]);
        if (look["font.bold"]) font.bold = true;
        if (typeof look["font.size"] === "number") font.size = look["font.size"] as number;
        if (argb(look["font.color"])) font.color = { argb: argb(look["font.color"]) };
        if (look["font.underline"] === "Single") font.underline = true;
        if (Object.keys(font).length) cell.font = font;
        if (argb(look["fill.color"])) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(look["fill.color"])! } };
        const b: Partial<ExcelJS.Borders> = {};
        for (const [side, key] of [["EdgeBottom", "bottom"], ["EdgeLeft", "left"], ["EdgeRight", "right"], ["EdgeTop", "top"]] as const) {
          const x = border(look, side);
          if (x) b[key] = x as ExcelJS.Border;
        }
        if (Object.keys(b).length) cell.border = b;
        const align: Partial<ExcelJS.Alignment> = {};
        if (typeof look.horizontalAlignment === "string" && H[look.horizontalAlignment]) align.horizontal = H[look.horizontalAlignment];
        if (typeof look.verticalAlignment === "string" && V[look.verticalAlignment]) align.vertical = V[look.verticalAlignment];
        if (look.wrapText !== undefined) align.wrapText = Boolean(look.wrapText);
        if (typeof look.indentLevel === "number") align.indent = look.indentLevel;
        if (Object.keys(align).length) cell.alignment = align;
        if (typeof look.numberFormat === "string" && look.numberFormat !== "General") cell.numFmt = look.numberFormat;
      }
    }
    for (const [address, text] of Object.entries(d.notesOf(name))) ws.getCell(address).note = text;
    for (const [address, text] of Object.entries(d.commentsOf(name))) ws.getCell(address).note = text;
    for (const [address, link] of Object.entries(d.hyperlinksOf(name))) {
      const cell = ws.getCell(address);
      if (link.documentReference) cell.value = { text: String(link.textToDisplay ?? cell.text), hyperlink: `#${link.documentReference}`, tooltip: link.screenTip } as ExcelJS.CellHyperlinkValue;
    }
    for (const m of d.mergesOf(name)) ws.mergeCells(m);
    // status colours: the conditional formats as recorded (cell equals a word -> font and fill)
    for (const [k, { range, cf }] of (d.sheet(name)?.conditionalFormats ?? []).entries()) {
      const ref = `${ws.getColumn(range.c0 + 1).letter}${range.r0 + 1}:${ws.getColumn(range.c1 + 1).letter}${range.r1 + 1}`;
      const rule = cf.cellValue.rule;
      if (!rule || rule.operator !== "EqualTo") continue;
      ws.addConditionalFormatting({
        ref,
        rules: [{
          type: "cellIs",
          operator: "equal",
          priority: k + 1,
          formulae: [rule.formula1.replace(/^=/, "")],
          style: { font: { color: { argb: argb(cf.cellValue.format.font.color) }, bold: true }, fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.cellValue.format.fill.color) } } },
        }],
      });
    }
    for (let c = 0; c < Math.max(width, 60); c++) {
      const w = d.columnWidthOf(name, c);
      // the pane sets widths in points: back to characters of the default font
      if (typeof w === "number") ws.getColumn(c + 1).width = Math.round(((w - 5) / 5.7) * 10) / 10;
    }
    for (const [row, h] of Object.entries(d.rowHeightsOf(name))) ws.getRow(Number(row)).height = h;
    for (const r of d.pageBreaksOf(name)) if (r > 0) ws.getRow(r).addPageBreak();
    const p = d.pageLayoutOf(name);
    const col = (c: number) => ws.getColumn(c + 1).letter;
    const setup: Partial<ExcelJS.PageSetup> = {
      orientation: p.orientation === "Landscape" ? "landscape" : "portrait",
      fitToPage: p.zoom.horizontalFitToPages !== undefined,
      fitToWidth: p.zoom.horizontalFitToPages,
      fitToHeight: p.zoom.verticalFitToPages,
    };
    const m = p.margins;
    if (m.left !== undefined) setup.margins = { left: m.left / 72, right: m.right / 72, top: m.top / 72, bottom: m.bottom / 72, header: m.header / 72, footer: m.footer / 72 };
    if (p.titleRows) setup.printTitlesRow = `${p.titleRows[0] + 1}:${p.titleRows[1] + 1}`;
    if (p.printArea) setup.printArea = `${col(p.printArea.c0)}$${p.printArea.r0 + 1}:${col(p.printArea.c1)}$${p.printArea.r1 + 1}`;
    ws.pageSetup = setup as ExcelJS.PageSetup;
    const hf = p.headersFooters;
    ws.headerFooter = { oddHeader: `&L${hf.leftHeader ?? ""}&R${hf.rightHeader ?? ""}`, oddFooter: `&C${hf.centerFooter ?? ""}` } as ExcelJS.HeaderFooter;
  }
  await wb.xlsx.writeFile(file);
}
