import { openSync, readSync, closeSync, statSync } from "node:fs";
import { basename, extname } from "node:path";
import { CliError } from "./errors";

export type FileKind = "xlsx" | "csv";

/** Decide how to read a file from its first bytes (and its extension for text), refusing what we cannot read. */
export function detectFileKind(path: string): FileKind {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new CliError(`${path} is a folder, not a file: give an .xlsx or .csv file.`);
    // Devices and pipes have no size to trust and may never end (/dev/zero, /dev/urandom, a FIFO).
    if (st.isFIFO()) throw new CliError(`${path} is a named pipe (FIFO), not a file: save the data to a file and give that.`);
    if (st.isSocket()) throw new CliError(`${path} is a socket, not a file: give an .xlsx or .csv file.`);
    if (st.isCharacterDevice() || st.isBlockDevice()) throw new CliError(`${path} is a device, not a file: give an .xlsx or .csv file.`);
    if (!st.isFile()) throw new CliError(`${path} is not a regular file: give an .xlsx or .csv file.`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Cannot open ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}.`);
  }
  const name = basename(path);
  if (size === 0) throw new CliError(`${name} is empty (0 bytes): nothing to analyse.`);
  const head = Buffer.alloc(Math.min(size, 4096));
  try {
    const fd = openSync(path, "r");
    try {
      readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    throw new CliError(`Cannot read ${name}: ${(e as NodeJS.ErrnoException).code === "EACCES" ? "permission denied" : (e as Error).message}.`);
  }
  // A zip package: .xlsx (and .xlsm); the xlsx reader checks it really holds a workbook.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return "xlsx";
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new CliError(`${name} is an old-format Excel file (.xls) or a password-protected workbook: open it in Excel and save it as an unprotected .xlsx, then run again.`);
  }
  const ext = extname(path).toLowerCase();
  if (looksLikeText(head)) {
    if (ext === ".xlsx" || ext === ".xlsm") {
      throw new CliError(`${name} is not an .xlsx workbook (it holds plain text): rename it to .csv if it is comma-separated data.`);
    }
    return "csv";
  }
  throw new CliError(`${name} is not a workbook: GTM Compass reads .xlsx workbooks and .csv/.tsv text files.`);
}

/** Text (UTF-8 or UTF-16 with a BOM) has no NUL bytes and few control characters. */
function looksLikeText(head: Buffer): boolean {
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return true;
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control <= head.length / 100;
}
