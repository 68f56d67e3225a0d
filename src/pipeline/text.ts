/** Small text helpers shared by header, stage and source matching: case and punctuation blind keys. */

/** Accents dropped ("Étape" → "Etape", "Gagné" → "Gagne"), so headers and stage words match with or without them. */
function stripAccents(s: string): string {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 127) return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  return s;
}

/**
 * Lower-case words separated by single spaces: "Amount (USD)" → "amount usd", "deal_stage" → "deal stage",
 * "Date de clôture" → "date de cloture". Called per header or per distinct label, never per cell.
 */
export function wordsKey(raw: string): string {
  const s = stripAccents(raw);
  let out = "";
  let pendingSpace = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    const lower = ch >= 65 && ch <= 90 ? ch + 32 : ch;
    const isWordChar = (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) || lower > 127;
    if (isWordChar) {
      // camelCase boundary: "StageName" → "stage name"
      if (ch >= 65 && ch <= 90 && i > 0) {
        const prev = s.charCodeAt(i - 1);
        if (prev >= 97 && prev <= 122 && out.length > 0) pendingSpace = true;
      }
      if (pendingSpace && out.length > 0) out += " ";
      pendingSpace = false;
      out += String.fromCharCode(lower > 127 ? s.charCodeAt(i) : lower);
    } else {
      pendingSpace = true;
    }
  }
  return out.toLowerCase();
}

/** Letters and digits only, lower-case: "Closed - Won" → "closedwon". */
export function compactKey(s: string): string {
  return wordsKey(s).replace(/ /g, "");
}

/** A cell's text for messages, truncated so a diagnostic stays readable. */
export function shortText(v: unknown, max = 60): string {
  let s: string;
  if (v === null || v === undefined) s = "";
  else if (v instanceof Date) s = Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  else s = String(v);
  return s.length > max ? s.slice(0, max - 1) + "…" : s;
}

/** "A", "Z", "AA" … for a 1-based column number. */
export function columnLetter(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    out = String.fromCharCode(65 + m) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
