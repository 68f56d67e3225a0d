/**
 * What Excel expects of the parts we write, short of its schema files: the child elements of each element
 * must come in the order of its xsd:sequence, or Excel reports the file as corrupt and repairs it away.
 * The sequences below are those of ECMA-376 Part 1 (transitional): dml-chart.xsd (§21.2, CT_ChartSpace,
 * CT_Chart, CT_Title, CT_PlotArea, CT_BarChart, CT_BarSer, CT_LineChart, CT_LineSer, CT_ScatterChart,
 * CT_ScatterSer, CT_Marker, CT_DLbls, CT_CatAx, CT_ValAx, CT_Scaling, CT_Legend, CT_StrRef, CT_NumRef,
 * CT_StrData, CT_NumData), dml-spreadsheetDrawing.xsd (§20.5, CT_Drawing, CT_OneCellAnchor, CT_Marker,
 * CT_GraphicalObjectFrame) and sml.xsd (§18.3, CT_Worksheet). A name in a nested list is a choice that
 * takes one position.
 */

type Seq = (string | string[])[];

const CHART_TYPES = ["areaChart", "area3DChart", "lineChart", "line3DChart", "stockChart", "radarChart", "scatterChart", "pieChart", "pie3DChart", "doughnutChart", "barChart", "bar3DChart", "ofPieChart", "surfaceChart", "surface3DChart", "bubbleChart"];
const AXES = ["valAx", "catAx", "dateAx", "serAx"];
const DLBLS_SHARED: Seq = ["numFmt", "spPr", "txPr", "dLblPos", "showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize", "separator", "showLeaderLines", "leaderLines"];
const AX_SHARED: Seq = ["axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title", "numFmt", "majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx", ["crosses", "crossesAt"]];

/** Element (or "parent/element" where the type depends on the parent) -> its children's order. */
export const SEQUENCES: Record<string, Seq> = {
  "c:chartSpace": ["date1904", "lang", "roundedCorners", "AlternateContent", "style", "clrMapOvr", "pivotSource", "protection", "chart", "spPr", "txPr", "externalData", "printSettings", "userShapes", "extLst"],
  "c:chartSpace/c:chart": ["title", "autoTitleDeleted", "pivotFmts", "view3D", "floor", "sideWall", "backWall", "plotArea", "legend", "plotVisOnly", "dispBlanksAs", "showDLblsOverMax", "extLst"],
  "c:title": ["tx", "layout", "overlay", "spPr", "txPr", "extLst"],
  "c:plotArea": ["layout", CHART_TYPES, AXES, "dTable", "spPr", "extLst"],
  "c:barChart": ["barDir", "grouping", "varyColors", "ser", "dLbls", "gapWidth", "overlap", "serLines", "axId", "extLst"],
  "c:lineChart": ["grouping", "varyColors", "ser", "dLbls", "dropLines", "hiLowLines", "upDownBars", "marker", "smooth", "axId", "extLst"],
  "c:scatterChart": ["scatterStyle", "varyColors", "ser", "dLbls", "axId", "extLst"],
  "c:barChart/c:ser": ["idx", "order", "tx", "spPr", "invertIfNegative", "pictureOptions", "dPt", "dLbls", "trendline", "errBars", "cat", "val", "shape", "extLst"],
  "c:lineChart/c:ser": ["idx", "order", "tx", "spPr", "marker", "dPt", "dLbls", "trendline", "errBars", "cat", "val", "smooth", "extLst"],
  "c:scatterChart/c:ser": ["idx", "order", "tx", "spPr", "marker", "dPt", "dLbls", "trendline", "errBars", "xVal", "yVal", "smooth", "extLst"],
  "c:ser/c:marker": ["symbol", "size", "spPr", "extLst"],
  "c:dLbls": ["dLbl", "delete", ...DLBLS_SHARED, "extLst"],
  "c:catAx": [...AX_SHARED, "auto", "lblAlgn", "lblOffset", "tickLblSkip", "tickMarkSkip", "noMultiLvlLbl", "extLst"],
  "c:valAx": [...AX_SHARED, "crossBetween", "majorUnit", "minorUnit", "dispUnits", "extLst"],
  "c:scaling": ["logBase", "orientation", "max", "min", "extLst"],
  "c:legend": ["legendPos", "legendEntry", "layout", "overlay", "spPr", "txPr", "extLst"],
  "c:strRef": ["f", "strCache", "extLst"],
  "c:numRef": ["f", "numCache", "extLst"],
  "c:strCache": ["ptCount", "pt", "extLst"],
  "c:numCache": ["formatCode", "ptCount", "pt", "extLst"],
  "xdr:wsDr": [["twoCellAnchor", "oneCellAnchor", "absoluteAnchor"]],
  "xdr:oneCellAnchor": ["from", "ext", ["sp", "grpSp", "graphicFrame", "cxnSp", "pic", "contentPart"], "clientData"],
  "xdr:from": ["col", "colOff", "row", "rowOff"],
  "xdr:graphicFrame": ["nvGraphicFramePr", "xfrm", "graphic", "extLst"],
  worksheet: ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"],
};

/** Elements that must be present in each (the schema's minOccurs="1" members we rely on). */
export const REQUIRED: Record<string, string[]> = {
  "c:chartSpace": ["chart"],
  "c:chartSpace/c:chart": ["plotArea"],
  "c:barChart": ["barDir", "axId"],
  "c:lineChart": ["grouping", "axId"],
  "c:scatterChart": ["scatterStyle", "axId"],
  "c:barChart/c:ser": ["idx", "order"],
  "c:lineChart/c:ser": ["idx", "order"],
  "c:scatterChart/c:ser": ["idx", "order"],
  "c:catAx": ["axId", "scaling", "axPos", "crossAx"],
  "c:valAx": ["axId", "scaling", "axPos", "crossAx"],
  "xdr:oneCellAnchor": ["from", "ext", "clientData"],
  worksheet: ["sheetData"],
};

const local = (name: string): string => name.replace(/^[^:]*:/, "");

/** Every place where a part's children break the schema's order or miss a required child. */
export function orderProblems(xml: string): string[] {
  const problems: string[] = [];
  const stack: { name: string; key: string; children: string[] }[] = [];
  const close = (el: { name: string; key: string; children: string[] }) => {
    const seq = SEQUENCES[el.key] ?? SEQUENCES[el.name];
    if (seq) {
      let pos = 0;
      for (const child of el.children) {
        const at = seq.findIndex((s, i) => i >= pos && (Array.isArray(s) ? s.includes(child) : s === child));
        if (at < 0) {
          const anywhere = seq.findIndex((s) => (Array.isArray(s) ? s.includes(child) : s === child));
          problems.push(anywhere < 0 ? `<${el.name}> may not hold <${child}>` : `<${el.name}>: <${child}> comes too late (after ${el.children.join(", ")})`);
        } else pos = at;
      }
    }
    for (const req of REQUIRED[el.key] ?? REQUIRED[el.name] ?? []) if (!el.children.includes(req)) problems.push(`<${el.name}> lacks <${req}>`);
  };
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w.:-]*)([^>]*?)(\/?)>/g)) {
    const [, end, name, , selfClose] = m;
    if (end) {
      const el = stack.pop();
      if (!el || el.name !== name) return [...problems, `unbalanced </${name}>`];
      close(el);
      continue;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(local(name));
    const key = parent ? `${parent.name}/${name}` : name;
    const el = { name, key: SEQUENCES[key] ? key : name, children: [] as string[] };
    if (selfClose) close(el);
    else stack.push(el);
  }
  if (stack.length) problems.push(`unclosed <${stack[stack.length - 1].name}>`);
  return problems;
}
