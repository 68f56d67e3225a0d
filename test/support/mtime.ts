/** File times for "is the build older than its sources?" checks in tests. */
import * as fs from "fs";
import * as path from "path";

/** Modification time in ms; 0 when the file does not exist. */
export const mtime = (p: string): number => (fs.existsSync(p) ? fs.statSync(p).mtimeMs : 0);

/** The newest modification time of any file under dir. */
export function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(p) : mtime(p));
  }
  return newest;
}
