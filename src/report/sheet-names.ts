/**
 * The naming rule both writers share: our sheets from an earlier run are replaced, a user's sheet is never
 * touched, and when a user sheet already holds a name we want, ours takes the next free "Name (2)".
 * Excel compares sheet names case-insensitively and allows at most 31 characters.
 */

export const MAX_SHEET_NAME = 31;

export interface ExistingSheet {
  name: string;
  /** The sheet carries our owner marker (written by an earlier run). */
  ownedByUs: boolean;
}

export interface SheetNamePlan {
  /** Existing sheets of ours to delete (they are replaced by this run). */
  remove: string[];
  /** Wanted name -> the name our sheet gets (equal unless a user sheet holds the wanted name). */
  names: Record<string, string>;
  /** Wanted names we had to change because a user sheet already uses them. */
  renamed: { wanted: string; actual: string }[];
}

const key = (name: string): string => name.toLocaleLowerCase("en-US");

/** Characters Excel refuses in a sheet name. */
const FORBIDDEN = /[\\/?*[\]:]/g;

/** A name Excel accepts: forbidden characters replaced, no leading/trailing apostrophe, at most 31 chars. */
export function cleanSheetName(name: string): string {
  const cleaned = name.replace(FORBIDDEN, "-").replace(/^'+|'+$/g, "").trim();
  return (cleaned || "Sheet").slice(0, MAX_SHEET_NAME);
}

/** "Base (n)", shortening the base so the whole name stays within 31 characters. */
function numbered(base: string, n: number): string {
  const suffix = ` (${n})`;
  return base.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd() + suffix;
}

/**
 * Plans a run: every sheet of ours goes (it is rewritten), user sheets stay, and each wanted name maps to
 * itself or to the first "Name (n)" not taken by a user sheet or by another of this run's names.
 */
export function planSheetNames(wanted: readonly string[], existing: readonly ExistingSheet[]): SheetNamePlan {
  const userNames = new Set(existing.filter((s) => !s.ownedByUs).map((s) => key(s.name)));
  const remove = existing.filter((s) => s.ownedByUs).map((s) => s.name);
  const taken = new Set(userNames);
  const names: Record<string, string> = {};
  const renamed: { wanted: string; actual: string }[] = [];
  for (const raw of wanted) {
    const base = cleanSheetName(raw);
    let actual = base;
    for (let n = 2; taken.has(key(actual)); n++) actual = numbered(base, n);
    taken.add(key(actual));
    names[raw] = actual;
    if (actual !== raw) renamed.push({ wanted: raw, actual });
  }
  return { remove, names, renamed };
}

/** Quotes a sheet name for a formula or an address ("'GTM Summary'!A1"). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
