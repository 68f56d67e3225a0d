import { readFileSync } from "fs";
import type { SheetGrid } from "../../src/pipeline/types";

/**
 * A deliberately small CSV → SheetGrid helper for tests: cells that are plain decimal numbers become
 * numbers, everything else stays the text a user would see after pasting (dates stay strings).
 * Handles double-quoted fields with commas; not a general CSV reader.
 */
export function csvToGrid(text: string, name: string): SheetGrid {
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  const values = lines.map((line) => splitCsvLine(line).map(toCell));
  return { name, values };
}

export function csvFileToGrid(path: string, name: string): SheetGrid {
  return csvToGrid(readFileSync(path, "utf8"), name);
}

export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(",");
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function toCell(s: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}
