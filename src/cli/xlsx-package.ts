/**
 * Adds to an .xlsx package what ExcelJS does not write: native charts (a drawing part per sheet holding
 * chart parts, with their relationships and content types) and hyperlinks to a cell of the workbook
 * (`<hyperlink location="...">`, which needs no relationship; ExcelJS writes an internal link as an
 * external one too, which Excel then tries to open as a file). Each part is put where ECMA-376 Part 1
 * says: `<hyperlinks>` after the conditional formats, `<drawing>` before `<legacyDrawing>` and
 * `<tableParts>` in the worksheet.
 */
import JSZip from "jszip";
import { ZipFile } from "yazl";
import { ChartData, chartXml, ChartPlacement, drawingXml, xmlText } from "./xlsx-charts";

export interface SheetExtras {
  /** The sheet's name as written in the workbook. */
  name: string;
  charts: { data: ChartData; row: number; col: number; width: number; height: number }[];
  /** A1 cell -> target ("'GTM Levers'!F12") and the text shown. */
  links: { ref: string; location: string; tooltip?: string }[];
}

const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";

/** Worksheet children that come after <hyperlinks> in CT_Worksheet's sequence. */
const AFTER_HYPERLINKS = ["printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];
/** Worksheet children that come after <drawing>. */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/** Insert `xml` before the first of `tags` found among the worksheet's children, else before </worksheet>. */
function insertBefore(sheet: string, tags: string[], xml: string): string {
  let at = -1;
  for (const t of tags) {
    const m = new RegExp(`<${t}[\\s/>]`).exec(sheet);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = sheet.lastIndexOf("</worksheet>");
  return sheet.slice(0, at) + xml + sheet.slice(at);
}

/**
 * ExcelJS writes a sheet's <legacyDrawing> (the shapes of cell notes) after its <tableParts>, against the
 * schema's order; Excel then reports the file as damaged. Put it back before <tableParts>.
 */
export function fixLegacyDrawingOrder(sheet: string): string {
  const legacy = /<legacyDrawing\b[^>]*\/>/.exec(sheet);
  const tables = /<tableParts\b/.exec(sheet);
  if (!legacy || !tables || legacy.index < tables.index) return sheet;
  const without = sheet.slice(0, legacy.index) + sheet.slice(legacy.index + legacy[0].length);
  return insertBefore(without, ["legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"], legacy[0]);
}

/** The next free "rIdN" in a relationships part. */
function nextRid(rels: string): string {
  let n = 1;
  for (const m of rels.matchAll(/Id="rId(\d+)"/g)) n = Math.max(n, Number(m[1]) + 1);
  return `rId${n}`;
}

function addRelationship(rels: string | null, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${id}" Type="${type}" Target="${xmlText(target)}"/>`;
  if (!rels) return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rel}</Relationships>`;
  return rels.replace("</Relationships>", `${rel}</Relationships>`);
}

function addOverride(types: string, part: string, contentType: string): string {
  return types.replace("</Types>", `<Override PartName="${part}" ContentType="${contentType}"/></Types>`);
}

/** Sheet name -> path of its part ("xl/worksheets/sheet1.xml"), from the workbook and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const wb = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /Id="([^"]+)"/.exec(m[0])?.[1];
    const target = /Target="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    const rid = /r:id="([^"]+)"/.exec(m[0])?.[1];
    if (name !== undefined && rid && targets.has(rid)) out.set(unescapeXml(name), targets.get(rid)!);
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** A part's name not yet in the package: prefix + the first free number + suffix. */
function freePart(zip: JSZip, prefix: string, suffix: string, from: number): [string, number] {
  let n = from;
  while (zip.file(`${prefix}${n}${suffix}`)) n++;
  return [`${prefix}${n}${suffix}`, n];
}

/** Splice charts and internal hyperlinks into the package bytes ExcelJS wrote; returns the new bytes. */
export async function addChartsAndLinks(bytes: Buffer | ArrayBuffer | Uint8Array, extras: SheetExtras[]): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await sheetParts(zip);
  let types = (await zip.file("[Content_Types].xml")!.async("string")) as string;
  let nextChart = 1;
  let nextDrawing = 1;
  for (const extra of extras) {
    const path = parts.get(extra.name);
    if (!path) throw new Error(`the workbook has no sheet named ${extra.name}`);
    let sheet = fixLegacyDrawingOrder(await zip.file(path)!.async("string"));
    if (extra.links.length > 0) {
      const links = extra.links.map((l) => `<hyperlink ref="${l.ref}" location="${xmlText(l.location)}" display="${xmlText(l.tooltip ?? l.location)}"/>`).join("");
      sheet = insertBefore(sheet, AFTER_HYPERLINKS, `<hyperlinks>${links}</hyperlinks>`);
    }
    if (extra.charts.length > 0) {
      const [drawingPath, d] = freePart(zip, "xl/drawings/drawing", ".xml", nextDrawing);
      nextDrawing = d + 1;
      let drawingRels: string | null = null;
      const placements: ChartPlacement[] = [];
      for (const c of extra.charts) {
        const [chartPath, k] = freePart(zip, "xl/charts/chart", ".xml", nextChart);
        nextChart = k + 1;
        zip.file(chartPath, chartXml(c.data));
        types = addOverride(types, `/${chartPath}`, CT_CHART);
        const rid = nextRid(drawingRels ?? "");
        drawingRels = addRelationship(drawingRels, rid, REL_CHART, `../charts/chart${k}.xml`);
        placements.push({ row: c.row, col: c.col, width: c.width, height: c.height, title: c.data.title, rid });
      }
      zip.file(drawingPath, drawingXml(placements));
      zip.file(`xl/drawings/_rels/drawing${d}.xml.rels`, drawingRels!);
      types = addOverride(types, `/${drawingPath}`, CT_DRAWING);
      const relsPath = path.replace(/([^/]+)$/, "_rels/$1.rels");
      const sheetRels = (await zip.file(relsPath)?.async("string")) ?? null;
      const rid = nextRid(sheetRels ?? "");
      zip.file(relsPath, addRelationship(sheetRels, rid, REL_DRAWING, `../drawings/drawing${d}.xml`));
      sheet = insertBefore(sheet, AFTER_DRAWING, `<drawing r:id="${rid}"/>`);
    }
    zip.file(path, sheet);
  }
  zip.file("[Content_Types].xml", types);
  return compressPackage(zip);
}

/**
 * The package's parts, in their order, compressed by node's zlib (yazl) into the workbook's bytes. ExcelJS
 * hands its parts over stored, so each part is compressed once, natively; JSZip's own compressor is
 * JavaScript and, cold in a command-line run, took longer than reading a 100,000-row sheet's cells.
 */
async function compressPackage(zip: JSZip): Promise<Buffer> {
  const names: string[] = [];
  zip.forEach((name, file) => {
    if (!file.dir) names.push(name);
  });
  const out = new ZipFile();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    out.outputStream.on("data", (c: Buffer) => chunks.push(c));
    out.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    out.outputStream.on("error", reject);
  });
  const mtime = new Date();
  for (const name of names) {
    out.addBuffer(await zip.file(name)!.async("nodebuffer"), name, { compress: true, compressionLevel: 6, mtime, forceDosTimestamp: true });
  }
  out.end();
  return done;
}
