import { readFileSync } from "fs";
import type { SheetGrid } from "../../src/pipeline/types";

/**
 * A deliberately small CSV → SheetGrid helper for tests: cells that are plain decimal numbers become
 * numbers, everything else stays the text a user would see after pasting (dates stay strings).
 * Handles double-quoted fields (commas, doubled quotes, line breaks); not a general CSV reader.
 */
export function csvToGrid(text: string, name: string): SheetGrid {
  const rows = parseCsv(text);
  while (rows.length > 0 && rows[rows.length - 1].length === 1 && rows[rows.length - 1][0] === "") rows.pop();
  return { name, values: rows.map((r) => r.map(toCell)) };
}

export function csvFileToGrid(path: string, name: string): SheetGrid {
  return csvToGrid(readFileSync(path, "utf8"), name);
}

/**
 * CSV text as rows of fields: double-quoted fields may hold commas, doubled quotes and line breaks; lines
 * end in LF or CRLF; a final line break adds no row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
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

function toCell(s: string): string | number {
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s;
}

/** A grid as CSV, numbers in the date columns as ISO dates (the way a CRM exports them). */
export function gridToCsv(grid: SheetGrid, dateColumns: number[]): string {
  const iso = (s: number) => new Date(Math.round((s - 25569) * 86400000)).toISOString().slice(0, 10);
  return (
    grid.values
      .map((row, r) =>
        row
          .map((v, c) => {
            if (r > 0 && dateColumns.includes(c) && typeof v === "number") return iso(v);
            if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
            const t = String(v ?? "");
            return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
          })
          .join(","),
      )
      .join("\n") + "\n"
  );
}
