/** Reading an xlsx package's parts in tests, independently of the readers under test. */
import type JSZip from "jszip";

/** Sheet name -> its worksheet part's XML text, found through workbook.xml and its relationships. */
export async function sheetXml(zip: JSZip): Promise<Map<string, string>> {
  const wb = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const out = new Map<string, string>();
  for (const m of wb.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /name="([^"]+)"/.exec(m[0])![1].replace(/&apos;/g, "'").replace(/&amp;/g, "&");
    const rid = /r:id="([^"]+)"/.exec(m[0])![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)![1];
    out.set(name, await zip.file(`xl/${target.replace(/^\/?xl\//, "")}`)!.async("string"));
  }
  return out;
}
