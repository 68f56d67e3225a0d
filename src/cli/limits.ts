/**
 * The hard limits of the command line's file readers. Each is far above what a real pipeline export needs
 * and low enough that a hostile or damaged file is refused in seconds and under 1 GB of memory.
 */

/** Excel's last row and column (XFD): a row or column beyond them is a damaged file. */
export const MAX_ROW = 1048576;
export const MAX_COLUMN = 16384;
/** Excel's limit on the text of one cell: longer text is kept cut to it, with a located note. */
export const MAX_CELL_TEXT = 32767;
/**
 * Cells held across a book's sheets (rows times the columns holding data): a full sheet of 1,048,576 rows
 * by 24 columns. Each costs 9 bytes in the columns, which the pipeline reads directly.
 */
export const MAX_CELLS = 25_165_824;
/** Distinct text held (UTF-16 code units): one copy of each distinct string. */
export const MAX_TEXT_CHARS = 256 * 1024 * 1024;

/** Parts of an xlsx package. */
export const MAX_ZIP_ENTRIES = 65536;
export const MAX_CENTRAL_DIRECTORY = 64 * 1024 * 1024;
/** A worksheet's XML is scanned as it is inflated, so only time bounds it (~100 MB/s here). */
export const MAX_SHEET_XML = 2 * 1024 * 1024 * 1024;
/** The shared-string table, workbook and relationship parts. */
export const MAX_SHARED_STRINGS_XML = 512 * 1024 * 1024;
export const MAX_SMALL_PART = 64 * 1024 * 1024;
/** Inflated size over compressed size, checked once a part passes RATIO_FLOOR bytes. */
export const MAX_RATIO = 250;
export const RATIO_FLOOR = 16 * 1024 * 1024;
/** One XML element (a cell, a shared string) must fit in this many bytes. */
export const MAX_ELEMENT = 4 * 1024 * 1024;
