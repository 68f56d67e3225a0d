import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import JSZip from "jszip";

/** The text of one part of a zip package (an .xlsx), or undefined when absent. */
export async function zipEntry(path: string, entry: string): Promise<string | undefined> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  return zip.file(entry)?.async("string");
}

export async function zipEntries(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  return Object.keys(zip.files);
}

/** A minimal CSV line splitter for LibreOffice's own output (quotes doubled, comma-separated). */
export function parseCsvLines(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') q = false;
      else field += ch;
    } else if (ch === '"') q = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field.replace(/\r$/, ""));
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Open a workbook in LibreOffice Calc (headless, fresh profile) and export every sheet as CSV with raw
 * (unformatted) values; returns sheet name -> rows. This is a real spreadsheet application reading our file.
 */
export function libreOfficeSheets(xlsx: string): Map<string, string[][]> {
  const work = mkdtempSync(join(tmpdir(), "gtm-lo-"));
  try {
    execFileSync(
      "soffice",
      [
        "--headless",
        `-env:UserInstallation=file://${join(work, "profile")}`,
        "--convert-to",
        // 44 = comma, 34 = quote, 76 = UTF-8, values not as shown (percentages keep a "%"), -1 = one file per sheet.
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false,false,false,false,-1",
        "--outdir",
        join(work, "out"),
        xlsx,
      ],
      { stdio: "pipe", timeout: 120000 },
    );
    const base = basename(xlsx).replace(/\.xlsx$/i, "");
    const out = new Map<string, string[][]>();
    for (const f of readdirSync(join(work, "out"))) {
      const sheet = f.slice(base.length + 1).replace(/\.csv$/, "");
      out.set(sheet, parseCsvLines(readFileSync(join(work, "out", f), "utf8")));
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A number from LibreOffice's CSV text ("0.25", "150%", "-3"); NaN for anything else. */
export function loNumber(text: string | undefined): number {
  if (text === undefined || text.trim() === "") return NaN;
  const t = text.trim();
  if (t.endsWith("%")) return Number(t.slice(0, -1)) / 100;
  return Number(t);
}
