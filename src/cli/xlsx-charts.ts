/**
 * Native Excel charts as DrawingML (ECMA-376 Part 1, §21.2 "DrawingML - Charts" and §20.5 "SpreadsheetML
 * Drawing"), for the workbook the command line writes. ExcelJS writes no charts, and the packages that do
 * either need a newer Node than ours or replace the whole writer (see docs/report.md): these few templates
 * cover what the report draws - clustered and stacked columns, horizontal bars, lines, a line over columns,
 * a second value axis and scatter plots - with the elements of each type in the order the schema requires.
 *
 * Every series refers to its cells on the sheet (so Excel and LibreOffice redraw it when a number changes)
 * and carries a cache of the values, which viewers without a calculation engine show.
 */

/** One series of a chart, resolved to sheet ranges and cached values. */
export interface ChartSeriesData {
  /** "'GTM Levers'!$D$5": the header cell naming the series. */
  nameRef: string;
  name: string;
  /** "'GTM Levers'!$D$6:$D$12". */
  valuesRef: string;
  values: (number | null)[];
  /** Draw as a line with markers (over columns, or a line chart's own series). */
  line: boolean;
  /** On the second value axis at the right. */
  secondary: boolean;
}

export interface ChartData {
  type: "bar" | "column" | "line" | "columnStacked" | "scatter";
  title: string;
  categoriesRef: string;
  categories: string[];
  /** For scatter plots: the x values (numbers) of the category column. */
  xValues?: (number | null)[];
  series: ChartSeriesData[];
  /** Excel number format of the values (axis and labels); of the secondary axis when there is one. */
  format: string;
  secondaryFormat?: string;
  dataLabels: boolean;
}

/** The house colours, in series order (the same as the task pane's chart palette). */
export const SERIES_COLORS = ["1F4E79", "ED7D31", "A5A5A5", "70AD47", "5B9BD5", "FFC000"];
const LINE_COLOR = "C00000";

/** XML text and attribute values (always double-quoted here): &, <, > and ", and no control characters (XML 1.0 refuses them). */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const val = (tag: string, v: string | number): string => `<c:${tag} val="${v}"/>`;

function richText(text: string, size: number, bold: boolean): string {
  return `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="${bold ? 1 : 0}"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich>`;
}

function textProps(size: number, color = "404040"): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
}

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${xmlText(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: (number | null)[], format: string): string {
  // a blank cell has no point in the cache: the chart shows a gap, not a zero
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>${xmlText(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function seriesName(s: ChartSeriesData): string {
  return `<c:tx><c:strRef><c:f>${xmlText(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>`;
}

function categories(d: ChartData): string {
  return `<c:cat><c:strRef><c:f>${xmlText(d.categoriesRef)}</c:f>${strCache(d.categories)}</c:strRef></c:cat>`;
}

function values(s: ChartSeriesData, format: string, tag = "val"): string {
  return `<c:${tag}><c:numRef><c:f>${xmlText(s.valuesRef)}</c:f>${numCache(s.values, format)}</c:numRef></c:${tag}>`;
}

function fill(color: string): string {
  return `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr>`;
}

function markerProps(color: string): string {
  return `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:ln><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln></c:spPr>`;
}

function lineProps(color: string): string {
  return `<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:round/></a:ln></c:spPr>`;
}

/** Data labels showing each value (CT_DLbls: numFmt, spPr, txPr, dLblPos, then the show flags in order). */
function dataLabels(format: string, position?: "outEnd" | "t" | "ctr"): string {
  return (
    `<c:dLbls><c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${textProps(900)}` +
    `${position ? val("dLblPos", position) : ""}${val("showLegendKey", 0)}${val("showVal", 1)}${val("showCatName", 0)}${val("showSerName", 0)}${val("showPercent", 0)}${val("showBubbleSize", 0)}</c:dLbls>`
  );
}

interface Axes {
  cat: number;
  val: number;
}
const PRIMARY: Axes = { cat: 50010, val: 50020 };
const SECONDARY: Axes = { cat: 50030, val: 50040 };

function barGroup(d: ChartData, series: ChartSeriesData[], first: number, stacked: boolean, horizontal: boolean, axes: Axes): string {
  const sers = series
    .map((s, k) => {
      const i = first + k;
      return (
        `<c:ser>${val("idx", i)}${val("order", i)}${seriesName(s)}${fill(SERIES_COLORS[i % SERIES_COLORS.length])}${val("invertIfNegative", 0)}` +
        `${d.dataLabels ? dataLabels(d.format, stacked ? "ctr" : "outEnd") : ""}${categories(d)}${values(s, d.format)}</c:ser>`
      );
    })
    .join("");
  return (
    `<c:barChart>${val("barDir", horizontal ? "bar" : "col")}${val("grouping", stacked ? "stacked" : "clustered")}${val("varyColors", 0)}${sers}` +
    `${val("gapWidth", horizontal ? 40 : 60)}${stacked ? val("overlap", 100) : ""}${val("axId", axes.cat)}${val("axId", axes.val)}</c:barChart>`
  );
}

function lineGroup(d: ChartData, series: ChartSeriesData[], first: number, axes: Axes, format: string): string {
  const sers = series
    .map((s, k) => {
      const i = first + k;
      const color = d.type === "line" ? SERIES_COLORS[i % SERIES_COLORS.length] : LINE_COLOR;
      return (
        `<c:ser>${val("idx", i)}${val("order", i)}${seriesName(s)}${lineProps(color)}` +
        `<c:marker>${val("symbol", "circle")}${val("size", 6)}${markerProps(color)}</c:marker>` +
        `${d.dataLabels ? dataLabels(format, "t") : ""}${categories(d)}${values(s, format)}${val("smooth", 0)}</c:ser>`
      );
    })
    .join("");
  return `<c:lineChart>${val("grouping", "standard")}${val("varyColors", 0)}${sers}${val("marker", 1)}${val("axId", axes.cat)}${val("axId", axes.val)}</c:lineChart>`;
}

function scatterGroup(d: ChartData, axes: Axes): string {
  const x: ChartSeriesData = { nameRef: "", name: "", valuesRef: d.categoriesRef, values: d.xValues ?? [], line: false, secondary: false };
  const sers = d.series
    .map((s, i) => {
      const color = SERIES_COLORS[i % SERIES_COLORS.length];
      return (
        `<c:ser>${val("idx", i)}${val("order", i)}${seriesName(s)}<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr>` +
        `<c:marker>${val("symbol", "circle")}${val("size", 7)}${markerProps(color)}</c:marker>${values(x, "General", "xVal")}${values(s, d.format, "yVal")}${val("smooth", 0)}</c:ser>`
      );
    })
    .join("");
  return `<c:scatterChart>${val("scatterStyle", "lineMarker")}${val("varyColors", 0)}${sers}${val("axId", axes.cat)}${val("axId", axes.val)}</c:scatterChart>`;
}

const GRID = `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`;
const AXIS_LINE = `<c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln></c:spPr>`;

function catAx(axes: Axes, pos: string, opts: { deleted?: boolean; reversed?: boolean }): string {
  return (
    `<c:catAx>${val("axId", axes.cat)}<c:scaling>${val("orientation", opts.reversed ? "maxMin" : "minMax")}</c:scaling>${val("delete", opts.deleted ? 1 : 0)}${val("axPos", pos)}` +
    `<c:numFmt formatCode="General" sourceLinked="1"/>${val("majorTickMark", "none")}${val("minorTickMark", "none")}${val("tickLblPos", "low")}${AXIS_LINE}${textProps(900)}` +
    `${val("crossAx", axes.val)}${val("crosses", "autoZero")}${val("auto", 1)}${val("lblAlgn", "ctr")}${val("lblOffset", 100)}${val("noMultiLvlLbl", 0)}</c:catAx>`
  );
}

function valAx(axes: Axes, pos: string, format: string, opts: { deleted?: boolean; grid?: boolean; crosses?: "autoZero" | "max"; between?: "between" | "midCat" }): string {
  return (
    `<c:valAx>${val("axId", axes.val)}<c:scaling>${val("orientation", "minMax")}</c:scaling>${val("delete", opts.deleted ? 1 : 0)}${val("axPos", pos)}${opts.grid ? GRID : ""}` +
    `<c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/>${val("majorTickMark", "none")}${val("minorTickMark", "none")}${val("tickLblPos", "nextTo")}` +
    `<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>${textProps(900)}${val("crossAx", axes.cat)}${val("crosses", opts.crosses ?? "autoZero")}${val("crossBetween", opts.between ?? "between")}</c:valAx>`
  );
}

/** The xl/charts/chartN.xml part of one chart. */
export function chartXml(d: ChartData): string {
  const horizontal = d.type === "bar";
  const stacked = d.type === "columnStacked";
  const primary = d.series.filter((s) => !s.secondary);
  const second = d.series.filter((s) => s.secondary);
  let groups = "";
  let axes = "";
  if (d.type === "scatter") {
    groups = scatterGroup(d, PRIMARY);
    axes = valAx({ val: PRIMARY.cat, cat: PRIMARY.val }, "b", "General", { between: "midCat" }) + valAx(PRIMARY, "l", d.format, { grid: true, between: "midCat" });
  } else {
    const cols = primary.filter((s) => !s.line && d.type !== "line");
    const lines = primary.filter((s) => s.line || d.type === "line");
    if (cols.length) groups += barGroup(d, cols, 0, stacked, horizontal, PRIMARY);
    if (lines.length) groups += lineGroup(d, lines, cols.length, PRIMARY, d.format);
    if (second.length) groups += lineGroup(d, second, cols.length + lines.length, SECONDARY, d.secondaryFormat ?? d.format);
    // a funnel of bars reads top-down and carries its values as labels: no value axis needed
    const bareBars = horizontal && d.dataLabels;
    axes = catAx(PRIMARY, horizontal ? "l" : "b", { reversed: horizontal }) + valAx(PRIMARY, horizontal ? "b" : "l", d.format, { deleted: bareBars, grid: !bareBars });
    if (second.length) axes += catAx(SECONDARY, "b", { deleted: true }) + valAx(SECONDARY, "r", d.secondaryFormat ?? d.format, { crosses: "max" });
  }
  const legend = d.series.length > 1 ? `<c:legend>${val("legendPos", "b")}${val("overlay", 0)}${textProps(900)}</c:legend>` : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
    `${val("date1904", 0)}${val("lang", "en-US")}${val("roundedCorners", 0)}` +
    `<c:chart><c:title><c:tx>${richText(d.title, 1100, true)}</c:tx>${val("overlay", 0)}</c:title>${val("autoTitleDeleted", 0)}` +
    `<c:plotArea><c:layout/>${groups}${axes}</c:plotArea>${legend}${val("plotVisOnly", 1)}${val("dispBlanksAs", "gap")}</c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>` +
    `${textProps(900)}</c:chartSpace>`
  );
}

/** Where a chart sits: its top-left cell (0-based) and size in points. */
export interface ChartPlacement {
  row: number;
  col: number;
  width: number;
  height: number;
  title: string;
  /** Relationship id of the chart part in the drawing's relationships. */
  rid: string;
}

const EMU_PER_POINT = 12700;

/** The xl/drawings/drawingN.xml part: one anchored frame per chart (a fixed size from a top-left cell). */
export function drawingXml(charts: ChartPlacement[]): string {
  const frames = charts
    .map(
      (c, i) =>
        `<xdr:oneCellAnchor><xdr:from><xdr:col>${c.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
        `<xdr:ext cx="${Math.round(c.width * EMU_PER_POINT)}" cy="${Math.round(c.height * EMU_PER_POINT)}"/>` +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="Chart ${i + 1}" descr="${xmlText(c.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
        `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${c.rid}"/></a:graphicData></a:graphic>` +
        `</xdr:graphicFrame><xdr:clientData/></xdr:oneCellAnchor>`,
    )
    .join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${frames}</xdr:wsDr>`
  );
}
