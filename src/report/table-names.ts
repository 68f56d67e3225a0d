/**
 * The Excel table rules both writers share: a table's header texts must be unique and non-empty, and a
 * table's name must be letters, digits and underscores, start with a letter or underscore, and be unique
 * in the workbook (compared case-insensitively, as Excel does).
 */

/** Header texts Excel accepts for a table: blanks become "Column n", repeats get " 2", " 3", ... */
export function uniqueHeaders(headers: readonly string[]): string[] {
  const seen = new Set<string>();
  return headers.map((h, i) => {
    const base = String(h ?? "").trim() || `Column ${i + 1}`;
    let name = base;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    seen.add(name.toLowerCase());
    return name;
  });
}

/** A valid table name close to `wanted`, not in `taken` (lower-cased names); the result is added to it. */
export function uniqueTableName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_]/g, "_");
  if (!/^[A-Za-z_]/.test(base)) base = `T_${base}`;
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}
