/**
 * Text from a user's file (names, headers, cell values) on its way to the terminal: control characters,
 * escape sequences and bidirectional overrides are shown as visible escapes, so a file can never move the
 * cursor, recolour, retitle or rewrite the user's terminal, nor reorder what a line seems to say.
 */

// C0 controls but tab and line feed, DEL and C1 controls (ESC, CSI 0x9B ...), and the bidi and
// zero-width formatting characters that can disguise text.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const UNSAFE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escape(ch: string): string {
  const c = ch.charCodeAt(0);
  return c <= 0xff ? `\\x${c.toString(16).toUpperCase().padStart(2, "0")}` : `\\u${c.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Output text: line feeds and tabs kept, every other control or format character escaped. */
export function safeText(s: string): string {
  return s.replace(UNSAFE, escape);
}

/** A one-line message: line breaks escaped too, so it stays one line. */
export function safeLine(s: string): string {
  return s.replace(UNSAFE_LINE, escape);
}
