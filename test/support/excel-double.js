/*
 * A strict host double of the Excel JavaScript API subset GTM Compass uses, for places where Excel cannot run
 * (Jest in Node, Chromium driven by Playwright). Plain JS so a browser can load it with addInitScript.
 *
 * It behaves like Excel wherever the pane's correctness depends on it, and throws where Excel throws. Each
 * rule below is listed in RULES with the Office.js reference page it follows (or marked unconfirmed), and
 * test/taskpane/excel-double-rules.test.ts holds one test per rule. In short:
 * - commands queue on proxies and run at context.sync(); reading a property that was not loaded throws;
 *   *OrNullObject proxies resolve at sync;
 * - a request or a response over 5 MB (UTF-8 bytes of its JSON) is refused as Excel on the web refuses it;
 * - Range.values input is read as Excel reads typed input: "=", "+", "-" start a formula, a leading
 *   apostrophe keeps text, numeric, percent, currency, boolean and date text is converted;
 * - getSelectedRange() throws on a multi-area selection, getSelectedRanges() does not;
 * - getVisibleView() leaves out rows hidden by a filter; a selection's values include them;
 * - getUsedRange(valuesOnly) counts formatted cells unless valuesOnly; error cells read as their error text;
 * - sheet and table names follow Excel's naming rules; workbook structure protection refuses adding,
 *   deleting, renaming, moving, hiding and copying sheets; sheet protection refuses edits, formats, tables,
 *   charts and conditional formats on that sheet;
 * - every worksheet has an id that survives a rename; a copy gets a new id and "Name (2)", and carries the
 *   original's custom properties (which is why they mark where a sheet came from, not who owns it).
 * - formats (fonts, fills, borders, alignment, indent, row heights), merges, notes and comments, hyperlinks,
 *   page breaks and the page layout are recorded and checked: enum values, ranges of numbers, one cell per
 *   note, no merge in a table, notes only where the host supports ExcelApi 1.18 (isSetSupported).
 * What it does not do: calculate formulas (a formula cell reads as empty text), hide columns, locale-specific
 * input (it reads input as en-US does).
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ExcelDouble = api;
})(typeof globalThis !== "undefined" ? globalThis : this, function () {
  "use strict";
  const PAYLOAD_LIMIT = 5 * 1024 * 1024;
  const MAX_ROWS = 1048576;
  const MAX_COLS = 16384;
  const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());
  const encoder = typeof TextEncoder !== "undefined" ? new TextEncoder() : null;
  /** UTF-8 bytes of a value's JSON: what travels between the add-in and Excel. */
  function jsonBytes(value) {
    const s = JSON.stringify(value);
    if (s === undefined) return 0;
    if (typeof Buffer !== "undefined") return Buffer.byteLength(s, "utf8");
    return encoder ? encoder.encode(s).length : s.length;
  }

  /**
   * The rules this double enforces, each with the reference it follows. `confirmed: false` marks a rule
   * taken from observed behaviour or secondary sources that the Office.js reference does not state.
   */
  const RULES = [
    { id: "unloaded-property", ref: "https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-load-member(1)", confirmed: true, rule: "Reading a property before load() and context.sync() throws." },
    { id: "selected-range-multi-area", ref: "https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedrange-member(1)", confirmed: true, rule: "getSelectedRange() throws when several ranges are selected (the error code InvalidSelection is the double's choice; the page names none)." },
    { id: "selected-ranges", ref: "https://learn.microsoft.com/javascript/api/excel/excel.workbook#excel-excel-workbook-getselectedranges-member(1)", confirmed: true, rule: "getSelectedRanges() returns every selected area as a RangeAreas (areaCount, areas, address)." },
    { id: "values-formula-prefix", ref: "https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member", confirmed: true, rule: "A string written to Range.values that starts with =, + or - is taken as a formula (+1 and -2 stay numbers; -abc becomes =-abc, #NAME?)." },
    { id: "values-iso-date", ref: "https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member", confirmed: true, rule: "An ISO date string (YYYY-MM-DD) written to Range.values is stored as a date serial; en-US m/d/yyyy too (office-js issue 1559: values are read in the en-US locale)." },
    { id: "values-coercion", ref: "https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member", confirmed: false, rule: "Numeric text (\"1,234\", \"$1,000\", \"50%\", \"1e3\") and TRUE/FALSE written to Range.values become a number or a boolean, as typed input does. Not stated in the reference." },
    { id: "values-apostrophe", ref: "https://support.microsoft.com/office/format-numbers-as-text-583160db-35e7-4b89-8a74-b4c43a6b2f0f", confirmed: false, rule: "A leading apostrophe keeps the rest as text. Excel's own behaviour for typed input; the Office.js reference does not mention it." },
    { id: "values-shape", ref: "https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member", confirmed: true, rule: "The array written must have the range's rows and columns (InvalidArgument otherwise)." },
    { id: "error-cells", ref: "https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member", confirmed: true, rule: "Cells that contain an error return the error string (\"#N/A\"); valueTypes says Error." },
    { id: "payload-limit", ref: "https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins", confirmed: true, rule: "Excel on the web refuses a request or a response over 5 MB. How Excel counts the bytes is not documented: the double counts the UTF-8 bytes of the JSON of what is written or loaded (unconfirmed)." },
    { id: "used-range-values-only", ref: "https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-getusedrange-member(1)", confirmed: true, rule: "The used range covers cells with a value or formatting; with valuesOnly, only cells with values. A range's getUsedRangeOrNullObject is null when none of its cells is used." },
    { id: "visible-view", ref: "https://learn.microsoft.com/javascript/api/excel/excel.rangeview", confirmed: true, rule: "Range.getVisibleView() gives only the visible rows (values, rowCount, cellAddresses); Range.values includes rows a filter hides." },
    { id: "sheet-id", ref: "https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-id-member", confirmed: true, rule: "A worksheet's id stays the same when it is renamed or moved; getItem takes a name or an id." },
    { id: "sheet-copy", ref: "https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-copy-member(1)", confirmed: false, rule: "A copied sheet gets a new id and the name \"Name (2)\", and carries the original's custom properties and tables (renamed). The copy's name and the custom properties travelling with it are observed behaviour, not in the reference." },
    { id: "sheet-name-length", ref: "https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-name-member", confirmed: true, rule: "A sheet name must be fewer than 32 characters." },
    { id: "sheet-name-unique", ref: "https://learn.microsoft.com/javascript/api/excel/excel.worksheetcollection#excel-excel-worksheetcollection-add-member(1)", confirmed: true, rule: "A new sheet's name must be unique (compared without case, the double's choice as Excel's UI does)." },
    { id: "sheet-name-characters", ref: "https://support.microsoft.com/office/rename-a-worksheet-3f1f7148-ee83-404d-8ef0-9ff99fbad1f9", confirmed: false, rule: "A sheet name cannot be blank, contain \\ / ? * : [ ], begin or end with an apostrophe, or be History. From Excel's own message; not in the Office.js reference." },
    { id: "table-name", ref: "https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-name-member", confirmed: true, rule: "A table name follows 'Rename an Excel table': starts with a letter, _ or \\; then letters, digits, _ . \\; no spaces; at most 255 characters; not a cell reference (A1 or R1C1), not C or R, not TRUE/FALSE; unique in the workbook (grammar: MS-XLSB 2.5.166, learn.microsoft.com/openspecs/office_file_formats/ms-xlsb/9456f961-5069-4e5f-989d-44bdc56d031e)." },
    { id: "table-overlap", ref: "https://learn.microsoft.com/javascript/api/excel/excel.tablecollection#excel-excel-tablecollection-add-member(1)", confirmed: true, rule: "TableCollection.add throws when the table would overlap another table." },
    { id: "workbook-protection", ref: "https://learn.microsoft.com/javascript/api/excel/excel.workbookprotection", confirmed: false, rule: "A protected workbook structure refuses adding, deleting, renaming, moving, hiding and copying sheets. The reference says only that the workbook is protected; the list of refused operations is Excel's 'Protect a workbook' behaviour." },
    { id: "sheet-protection", ref: "https://learn.microsoft.com/javascript/api/excel/excel.worksheetprotectionoptions", confirmed: false, rule: "A protected sheet refuses cell edits, number formats, cell formats, adding tables, charts and conditional formats, freezing panes and renaming its tables (the option defaults are false); renaming the sheet itself is allowed. Which operations each default blocks is Excel's behaviour, not spelled out in the reference." },
    { id: "named-item", ref: "https://learn.microsoft.com/javascript/api/excel/excel.nameditemcollection#excel-excel-nameditemcollection-add-member(1)", confirmed: true, rule: "Worksheet.names.add adds a sheet-scoped name; it follows the defined-name grammar (as table names) and a name already in that scope is refused (ItemAlreadyExists). Deleting the sheet deletes its names; a copy of the sheet carries them (the copy part unconfirmed)." },
    { id: "custom-property-key", ref: "https://learn.microsoft.com/javascript/api/excel/excel.worksheetcustomproperty#excel-excel-worksheetcustomproperty-key-member", confirmed: true, rule: "Custom property keys are case-insensitive and at most 255 characters." },
    { id: "settings", ref: "https://learn.microsoft.com/javascript/api/office/office.settings", confirmed: true, rule: "Document settings hold JSON values per add-in and document and are kept only after saveAsync." },
    { id: "requirement-set", ref: "https://learn.microsoft.com/office/dev/add-ins/develop/specify-api-requirements-runtime", confirmed: true, rule: "isSetSupported(\"ExcelApi\", v) says whether the host has that set; using an API of a set the host lacks fails (Worksheet.notes needs ExcelApi 1.18; the error code ApiNotFound is the double's choice). The double's host supports ExcelApi up to spec.api (default 1.18)." },
    { id: "note-single-cell", ref: "https://learn.microsoft.com/javascript/api/excel/excel.notecollection", confirmed: true, rule: "NoteCollection.add puts a note on a single cell: a larger range is InvalidArgument (a second note on the same cell too, the double's choice)." },
    { id: "comment-single-cell", ref: "https://learn.microsoft.com/javascript/api/excel/excel.commentcollection", confirmed: true, rule: "CommentCollection.add throws InvalidArgument when the range is larger than one cell." },
    { id: "merge-top-left", ref: "https://learn.microsoft.com/office/vba/api/excel.range.merge", confirmed: true, rule: "Range.merge(across) merges the range (each row separately when across is true); the merged cell's value is the top-left cell's, the others are cleared; merging over merged cells takes them in. From the VBA reference; the Office.js page does not say." },
    { id: "merge-table", ref: "https://support.microsoft.com/office/merge-and-unmerge-cells-5cbd15d5-9375-4540-907f-c673a93fcedf", confirmed: false, rule: "Cells in a table cannot be merged, and a table cannot be made over merged cells (InvalidOperation). Excel's UI greys Merge out in a table; the Office.js reference does not say what the API does." },
    { id: "hyperlink", ref: "https://learn.microsoft.com/javascript/api/excel/excel.rangehyperlink", confirmed: true, rule: "Range.hyperlink takes address (a URL) or documentReference (a place in the workbook), screenTip and textToDisplay, which becomes the top-left cell's text; other keys are InvalidArgument (the double's choice)." },
    { id: "enum-values", ref: "https://learn.microsoft.com/javascript/api/excel/excel.horizontalalignment", confirmed: false, rule: "Enum-typed properties (horizontal and vertical alignment, underline, border side, style and weight, page orientation) take the enum's names (\"Left\", \"Center\", \"Single\", \"Thin\", \"Landscape\"); another string is InvalidArgument. The names are the reference's; that Excel refuses others rather than ignoring them is observed, not documented." },
    { id: "indent-level", ref: "https://learn.microsoft.com/javascript/api/excel/excel.rangeformat#excel-excel-rangeformat-indentlevel-member", confirmed: true, rule: "RangeFormat.indentLevel is an integer from 0 to 250 (InvalidArgument otherwise, the code the double's choice)." },
    { id: "row-height", ref: "https://support.microsoft.com/office/excel-specifications-and-limits-1672b34d-7043-467e-8e27-269d656771c3", confirmed: false, rule: "A row is 0 to 409 points high and a font 1 to 409 points; beyond is InvalidArgument. The limits are Excel's specifications; the error the API gives is not documented." },
    { id: "page-zoom", ref: "https://learn.microsoft.com/javascript/api/excel/excel.pagelayout#excel-excel-pagelayout-zoom-member", confirmed: true, rule: "PageLayout.zoom is set as one object (zoom.scale = x on the proxy does nothing; the double throws, as reading an unloaded property does); scale is 10 to 400; fit-to-pages counts are whole numbers, 0 = automatic (that detail unconfirmed)." },
    { id: "print-title-rows", ref: "https://learn.microsoft.com/office/vba/api/excel.pagesetup.printtitlerows", confirmed: true, rule: "Print title rows are whole rows: a part of a row is taken as the whole row (VBA reference; PageLayout.setPrintTitleRows in Office.js takes a range or an address)." },
    { id: "page-breaks", ref: "https://learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection", confirmed: true, rule: "horizontalPageBreaks.add(range) adds a page break before the top-left cell of the range." },
  ];

  // ---------- addresses ----------
  function colLetters(c) {
    let s = "";
    for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }
  function colIndex(letters) {
    let n = 0;
    for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
    return n - 1;
  }
  function quoteName(name) {
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : "'" + name.replace(/'/g, "''") + "'";
  }
  function parseCell(ref) {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
    if (!m) throw hostError("InvalidArgument", "Bad cell reference " + ref);
    return { r: Number(m[2]) - 1, c: colIndex(m[1]) };
  }
  /** "Sheet!A1:B2" or "A1:B2" -> {sheet?, r0, c0, r1, c1} */
  function parseAddress(address) {
    let sheet;
    let ref = String(address).trim();
    const bang = ref.lastIndexOf("!");
    if (bang >= 0) {
      sheet = ref.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
      ref = ref.slice(bang + 1);
    }
    // Whole rows ("1:1") or whole columns ("A:C"), as Excel accepts them.
    const rows = /^\$?(\d+):\$?(\d+)$/.exec(ref);
    if (rows) return { sheet, r0: Math.min(rows[1], rows[2]) - 1, c0: 0, r1: Math.max(rows[1], rows[2]) - 1, c1: MAX_COLS - 1 };
    const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(ref);
    if (cols) {
      const [x, y] = [colIndex(cols[1]), colIndex(cols[2])];
      return { sheet, r0: 0, c0: Math.min(x, y), r1: MAX_ROWS - 1, c1: Math.max(x, y) };
    }
    const [a, b] = ref.split(":");
    const p = parseCell(a);
    const q = b ? parseCell(b) : p;
    return { sheet, r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c) };
  }
  function formatAddress(sheetName, r0, c0, r1, c1) {
    const a = colLetters(c0) + (r0 + 1);
    const b = colLetters(c1) + (r1 + 1);
    return quoteName(sheetName) + "!" + (a === b ? a : a + ":" + b);
  }

  function hostError(code, message) {
    const e = new Error(message);
    e.name = "RichApi.Error";
    e.code = code;
    e.debugInfo = { code, message };
    return e;
  }

  // ---------- naming rules ----------
  /** Excel's sheet-name rules (rules sheet-name-length, sheet-name-characters). */
  function sheetNameProblem(name) {
    const n = String(name);
    if (n.trim() === "") return "A sheet name cannot be blank.";
    if (n.length > 31) return `The sheet name "${n}" is longer than 31 characters.`;
    if (/[\\/?*:[\]]/.test(n)) return `The sheet name "${n}" contains a character Excel does not allow (\\ / ? * : [ ]).`;
    if (n.startsWith("'") || n.endsWith("'")) return `A sheet name cannot begin or end with an apostrophe ("${n}").`;
    if (n.toLowerCase() === "history") return "History is a name Excel reserves.";
    return null;
  }
  /** Does a name read as a cell reference (A1 style within the grid, or R1C1 style)? */
  function looksLikeCellReference(n) {
    const a1 = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(n);
    if (a1 && colIndex(a1[1]) < MAX_COLS && Number(a1[2]) >= 1 && Number(a1[2]) <= MAX_ROWS) return true;
    return /^[Rr](\d*)([Cc](\d*))?$/.test(n) || /^[Cc](\d*)$/.test(n) || /^[Rr]\d*[Cc]\d*/.test(n);
  }
  /** Excel's table-name rules (rule table-name). */
  function tableNameProblem(name) {
    const n = String(name);
    if (!n) return "A table name cannot be empty.";
    if (n.length > 255) return "A table name is at most 255 characters.";
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(n)) return `"${n}" is not a valid table name: start with a letter, _ or \\, then letters, digits, _ . \\ and no spaces.`;
    if (/^(true|false)$/i.test(n)) return `"${n}" cannot be a table name.`;
    if (looksLikeCellReference(n)) return `"${n}" looks like a cell reference and cannot be a table name.`;
    return null;
  }

  // ---------- typed input (rules values-*) ----------
  const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
  function serialOf(y, m, d) {
    if (m < 1 || m > 12 || d < 1 || d > 31) return null;
    const t = Date.UTC(y, m - 1, d);
    const back = new Date(t);
    if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
    return Math.round((t - Date.UTC(1899, 11, 30)) / 86400000);
  }
  /** A date Excel recognises in typed en-US input, as a serial; null if the text is not one. */
  function dateInput(s, year) {
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (m) return serialOf(+m[1], +m[2], +m[3]);
    m = /^(\d{1,2})\/(\d{1,2})$/.exec(s);
    if (m) return serialOf(year, +m[1], +m[2]);
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(s);
    if (m) return serialOf(m[3].length === 2 ? 2000 + +m[3] - (+m[3] >= 30 ? 100 : 0) : +m[3], +m[1], +m[2]);
    m = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/.exec(s);
    if (m && MONTHS.includes(m[1].slice(0, 3).toLowerCase())) return serialOf(m[3] ? +m[3] : year, MONTHS.indexOf(m[1].slice(0, 3).toLowerCase()) + 1, +m[2]);
    m = /^(\d{1,2})[-\s]([A-Za-z]{3,9})[-\s](\d{4})$/.exec(s);
    if (m && MONTHS.includes(m[2].slice(0, 3).toLowerCase())) return serialOf(+m[3], MONTHS.indexOf(m[2].slice(0, 3).toLowerCase()) + 1, +m[1]);
    return null;
  }
  /** Number text Excel converts: 1234, 1,234.5, $1,000, 50%, 1e3, (12) is not modelled. */
  function numberInput(s) {
    const m = /^([$€£])?\s*(\d{1,3}(?:,\d{3})+|\d+)?(\.\d+)?(?:[eE]([+-]?\d+))?\s*(%)?$/.exec(s);
    if (!m || (m[2] === undefined && m[3] === undefined)) return null;
    if (m[1] && m[5]) return null;
    let n = Number((m[2] || "0").replace(/,/g, "") + (m[3] || "") + (m[4] ? "e" + m[4] : ""));
    if (!Number.isFinite(n)) return null;
    if (m[5]) n /= 100;
    return { n, format: m[5] ? "0%" : m[1] ? "$#,##0" : null };
  }

  // ---------- the workbook model ----------
  let idCounter = 0;
  function newId() {
    idCounter++;
    const hex = idCounter.toString(16).toUpperCase().padStart(12, "0");
    return `{5E2B4C10-0000-4000-8000-${hex}}`;
  }
  function makeSheet(name, values) {
    const sheet = {
      id: newId(),
      name,
      rows: [],
      formulas: new Map(), // "r,c" -> formula text
      formats: new Map(), // "r,c" -> number format
      formatted: new Set(), // "r,c" cells with any formatting (bold, fill, font, number format)
      errors: new Set(), // "r,c" cells holding an error value
      bold: new Set(),
      fonts: new Map(),
      fills: new Map(),
      visibility: "Visible",
      protected: false,
      customProperties: new Map(),
      tabColor: "",
      freezeRows: 0,
      columnWidths: new Map(),
      charts: [],
      conditionalFormats: [],
      textCells: 0,
      hiddenRows: new Set(), // 0-based rows hidden by a filter or by hand
      names: [], // sheet-scoped defined names: { name, formula, comment }
      looks: [], // range formats in the order set: { a: {r0,c0,r1,c1}, prop: "font.bold" | "horizontalAlignment" | ..., v }
      merges: [], // merged areas {r0,c0,r1,c1}
      rowHeights: new Map(), // 0-based row -> points
      notes: new Map(), // "r,c" -> note text (ExcelApi 1.18)
      comments: new Map(), // "r,c" -> comment text (ExcelApi 1.10)
      hyperlinks: new Map(), // "r,c" -> { address?, documentReference?, screenTip?, textToDisplay? } (top-left cell of the range)
      pageBreaks: [], // 0-based rows a printed page starts at
      pageLayout: { orientation: "Portrait", zoom: { scale: 100 }, margins: {}, titleRows: null, printArea: null, headersFooters: {} },
    };
    (values || []).forEach((row, r) => {
      if (!row) return;
      sheet.rows[r] = row.map((v, c) => {
        if (v && typeof v === "object" && typeof v.error === "string") {
          sheet.errors.add(cellKey(r, c));
          return v.error;
        }
        return v === undefined || v === null ? "" : v;
      });
    });
    return sheet;
  }
  function intersects(x, a) {
    return !(a.r1 < x.r0 || a.r0 > x.r1 || a.c1 < x.c0 || a.c0 > x.c1);
  }
  function cellKey(r, c) {
    return r + "," + c;
  }
  function getValue(sheet, r, c) {
    const row = sheet.rows[r];
    const v = row ? row[c] : undefined;
    return v === undefined || v === null ? "" : v;
  }
  function keyRC(k) {
    const i = k.indexOf(",");
    return [Number(k.slice(0, i)), Number(k.slice(i + 1))];
  }
  /** Bounds of the used cells inside a rectangle (rule used-range-values-only); null when none. */
  function usedBoundsIn(sheet, box, valuesOnly) {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    const take = (r, c) => {
      if (r < box.r0 || r > box.r1 || c < box.c0 || c > box.c1) return;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    };
    const last = Math.min(box.r1, sheet.rows.length - 1);
    for (let r = box.r0; r <= last; r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      const end = Math.min(box.c1, row.length - 1);
      for (let c = box.c0; c <= end; c++) {
        const v = row[c];
        if (v !== undefined && v !== null && v !== "") take(r, c);
      }
    }
    for (const k of sheet.formulas.keys()) take(...keyRC(k));
    if (!valuesOnly) for (const k of sheet.formatted) take(...keyRC(k));
    return r1 < 0 ? null : { r0, c0, r1, c1 };
  }
  const WHOLE = { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };

  const ERROR_LITERALS = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"];
  /** Input written to a cell, stored as Excel stores typed input (rules values-*). */
  function storeInput(wb, sheet, r, c, input) {
    const k = cellKey(r, c);
    sheet.formulas.delete(k);
    sheet.errors.delete(k);
    if (!sheet.rows[r]) sheet.rows[r] = [];
    const set = (v) => (sheet.rows[r][c] = v);
    if (typeof input !== "string") {
      set(input === null || input === undefined ? "" : input);
      return;
    }
    if (input === "") return set("");
    if (input.startsWith("'")) {
      sheet.textCells++;
      return set(input.slice(1));
    }
    const s = input.trim();
    if (input.startsWith("=") && input.length > 1) {
      sheet.formulas.set(k, input);
      return set("");
    }
    if (/^(true|false)$/i.test(s)) return set(s.toLowerCase() === "true");
    if (ERROR_LITERALS.includes(s.toUpperCase())) {
      sheet.errors.add(k);
      return set(s.toUpperCase());
    }
    if (s.startsWith("+") || s.startsWith("-")) {
      const num = numberInput(s.slice(1).trim());
      if (num) return set(s.startsWith("-") ? -num.n : num.n);
      // Excel reads the rest as a formula; the double cannot evaluate one, so it keeps Excel's usual answer.
      sheet.formulas.set(k, "=" + s);
      sheet.errors.add(k);
      return set("#NAME?");
    }
    const num = numberInput(s);
    if (num) {
      if (num.format) {
        sheet.formats.set(k, num.format);
        sheet.formatted.add(k);
      }
      return set(num.n);
    }
    const date = dateInput(s, wb.year);
    if (date !== null) {
      sheet.formats.set(k, "m/d/yyyy");
      sheet.formatted.add(k);
      return set(date);
    }
    set(input);
  }

  function createWorkbook(spec) {
    spec = spec || {};
    const wb = {
      sheets: (spec.sheets || [{ name: "Sheet1", values: [] }]).map((s) => {
        const problem = sheetNameProblem(s.name);
        if (problem) throw new Error("Bad seed: " + problem);
        const sh = makeSheet(s.name, s.values);
        if (s.id) {
          sh.id = s.id;
          // New ids must not repeat a seeded one (a reopened workbook keeps its sheets' ids).
          const m = /([0-9A-F]{12})\}$/i.exec(s.id);
          if (m) idCounter = Math.max(idCounter, parseInt(m[1], 16));
        }
        if (s.protected) sh.protected = true;
        if (s.visibility) sh.visibility = s.visibility;
        for (const r of s.hiddenRows || []) sh.hiddenRows.add(r - 1);
        for (const [addr, f] of Object.entries(s.formulas || {})) {
          const a = parseAddress(addr);
          sh.formulas.set(cellKey(a.r0, a.c0), f);
        }
        for (const a of s.formatted || []) {
          const b = parseAddress(a);
          for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) sh.formatted.add(cellKey(r, c));
        }
        if (s.customProperties) for (const [k, v] of Object.entries(s.customProperties)) sh.customProperties.set(k.toLowerCase(), { key: k, value: v });
        return sh;
      }),
      tables: [],
      protected: !!spec.protected,
      activeSheet: null,
      selection: null,
      settings: new Map(Object.entries(spec.settings || {})),
      calculations: 0,
      year: spec.year || 2026,
      // The requirement sets the host supports (rule requirement-set): ExcelApi up to this version.
      api: spec.api || "1.18",
      supports(set, version) {
        if (set !== "ExcelApi") return false;
        const [a, b] = String(this.api).split(".").map(Number);
        const [x, y] = String(version || "1.1").split(".").map(Number);
        return x < a || (x === a && (y || 0) <= b);
      },
      syncDelayMs: spec.syncDelayMs || 0,
      stats: { syncs: 0, runs: 0, requestBytes: [], responseBytes: [], refused: 0, ms: 0, calcSuspendedSyncs: 0, screenSuspendedSyncs: 0, writeSyncs: 0 },
    };
    wb.activeSheet = wb.sheets[0] || null;
    for (const t of spec.tables || []) {
      const problem = tableNameProblem(t.name);
      if (problem) throw new Error("Bad seed: " + problem);
      const a = parseAddress(t.address);
      wb.tables.push({ id: newId(), name: t.name, sheet: findSheet(wb, t.sheet), r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1, filtered: !!t.filtered });
    }
    if (spec.selection) selectAreas(wb, spec.selection.sheet, String(spec.selection.address).split(/\s*,\s*/));
    return wb;
  }
  function selectAreas(wb, sheetName, addresses) {
    const sheet = findSheet(wb, sheetName);
    wb.selection = { sheet, areas: addresses.map((x) => { const a = parseAddress(x); return { r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 }; }) };
    wb.activeSheet = sheet;
  }
  function findSheet(wb, key) {
    const k = String(key).toLowerCase();
    return wb.sheets.find((s) => s.name.toLowerCase() === k) || wb.sheets.find((s) => s.id.toLowerCase() === k) || null;
  }
  function structureGuard(wb, what) {
    if (wb.protected) throw hostError("AccessDenied", `The workbook structure is protected: Excel cannot ${what}.`);
  }
  function sheetGuard(sheet, what) {
    if (sheet.protected) throw hostError("AccessDenied", `The sheet '${sheet.name}' is protected: Excel cannot ${what}.`);
  }
  function renameSheet(wb, sheet, name) {
    structureGuard(wb, "rename a sheet");
    const problem = sheetNameProblem(name);
    if (problem) throw hostError("InvalidArgument", problem);
    const other = findSheet(wb, name);
    if (other && other !== sheet && other.name.toLowerCase() === String(name).toLowerCase()) throw hostError("ItemAlreadyExists", "A sheet named " + name + " already exists.");
    sheet.name = String(name);
  }
  function uniqueTableName(wb, base, start) {
    for (let n = start || 2; ; n++) {
      const name = base + n;
      if (!wb.tables.some((t) => t.name.toLowerCase() === name.toLowerCase())) return name;
    }
  }
  /** Copy a sheet as Excel does (rule sheet-copy): "Name (2)", a new id, custom properties and tables along. */
  function copySheet(wb, sheet, at) {
    structureGuard(wb, "copy a sheet");
    let name = "";
    for (let n = 2; !name || findSheet(wb, name); n++) {
      const suffix = ` (${n})`;
      name = sheet.name.slice(0, 31 - suffix.length) + suffix;
    }
    const copy = makeSheet(name, []);
    copy.rows = sheet.rows.map((r) => (r ? r.slice() : r));
    for (const key of ["formulas", "formats", "fonts", "fills", "columnWidths"]) copy[key] = new Map(sheet[key]);
    for (const key of ["formatted", "errors", "bold", "hiddenRows"]) copy[key] = new Set(sheet[key]);
    copy.customProperties = new Map([...sheet.customProperties].map(([k, v]) => [k, Object.assign({}, v)]));
    Object.assign(copy, { tabColor: sheet.tabColor, freezeRows: sheet.freezeRows, protected: sheet.protected, textCells: sheet.textCells });
    copy.charts = sheet.charts.map((c) => JSON.parse(JSON.stringify(c)));
    copy.names = sheet.names.map((n) => Object.assign({}, n, { formula: n.formula.split(quoteName(sheet.name) + "!").join(quoteName(copy.name) + "!") }));
    copy.conditionalFormats = sheet.conditionalFormats.slice();
    copy.looks = sheet.looks.slice();
    copy.merges = sheet.merges.map((m) => Object.assign({}, m));
    for (const key of ["rowHeights", "notes", "comments", "hyperlinks"]) copy[key] = new Map(sheet[key]);
    copy.pageBreaks = sheet.pageBreaks.slice();
    copy.pageLayout = JSON.parse(JSON.stringify(sheet.pageLayout));
    for (const t of wb.tables.filter((x) => x.sheet === sheet)) wb.tables.push(Object.assign({}, t, { id: newId(), name: uniqueTableName(wb, t.name), sheet: copy }));
    const index = at === undefined ? wb.sheets.indexOf(sheet) + 1 : at;
    wb.sheets.splice(Math.max(0, Math.min(index, wb.sheets.length)), 0, copy);
    return copy;
  }

  // ---------- proxies ----------
  const LOADED = Symbol("loaded");

  /** Base proxy: resolve() gives the model object at sync time; loaded properties land in this[LOADED]. */
  class ClientObject {
    constructor(ctx, resolve, nullable) {
      this.context = ctx;
      this._resolve = resolve;
      this[LOADED] = null;
      this._nullable = !!nullable;
      this._isNull = undefined;
      if (nullable) ctx._nullables.push(this);
    }
    get isNullObject() {
      if (this._isNull === undefined) throw hostError("PropertyNotLoaded", "isNullObject is not available before context.sync()");
      return this._isNull;
    }
    /** Like Excel, a proxy stays bound to the object it first resolved to (a renamed sheet is still it). */
    _bind() {
      if (this._bound) return this._bound;
      const t = this._resolve();
      if (t) this._bound = t;
      return t;
    }
    _target() {
      const t = this._bind();
      if (!t) throw hostError("ItemNotFound", "The requested resource doesn't exist.");
      return t;
    }
    _get(prop) {
      const l = this[LOADED];
      if (!l || !(prop in l)) throw hostError("PropertyNotLoaded", `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
      return l[prop];
    }
    _queue(fn, bytes) {
      this.context._queue.push({ run: fn, bytes: bytes || 40 });
    }
    load(props) {
      const names = typeof props === "string" ? props.split(",").map((s) => s.trim()).filter(Boolean) : Array.isArray(props) ? props : [];
      this.context._queue.push({
        bytes: 40,
        load: () => {
          const t = this._nullable ? this._bind() : this._target();
          if (!t) return 0;
          const data = this._read(t, names);
          this[LOADED] = Object.assign(this[LOADED] || {}, data);
          return jsonBytes(data);
        },
      });
      return this;
    }
  }

  function defineLoaded(cls, props) {
    for (const p of props) Object.defineProperty(cls.prototype, p, { get() { return this._get(p); }, configurable: true });
  }
  function nullable(ctx, proxy) {
    proxy._nullable = true;
    ctx._nullables.push(proxy);
    return proxy;
  }

  function valueType(sheet, r, c) {
    if (sheet.errors.has(cellKey(r, c))) return "Error";
    const v = getValue(sheet, r, c);
    if (v === "") return "Empty";
    if (typeof v === "number") return "Double";
    if (typeof v === "boolean") return "Boolean";
    return "String";
  }
  /** Read cell properties of the given rows (all rows of a range, or only the visible ones of a view). */
  function readCells(sheet, rowsList, c0, c1, n) {
    return rowsList.map((r) => {
      const row = new Array(c1 - c0 + 1);
      for (let c = c0; c <= c1; c++) {
        const k = cellKey(r, c);
        if (n === "formulas") row[c - c0] = sheet.formulas.get(k) || getValue(sheet, r, c);
        else if (n === "numberFormat") row[c - c0] = sheet.formats.get(k) || "General";
        else if (n === "text") row[c - c0] = String(getValue(sheet, r, c));
        else if (n === "valueTypes") row[c - c0] = valueType(sheet, r, c);
        else if (n === "cellAddresses") row[c - c0] = formatAddress(sheet.name, r, c, r, c);
        else row[c - c0] = getValue(sheet, r, c);
      }
      return row;
    });
  }
  const CELL_PROPS = ["values", "formulas", "numberFormat", "text", "valueTypes"];

  class RangeProxy extends ClientObject {
    constructor(ctx, resolve, isNullable) {
      super(ctx, resolve, isNullable);
      const self = this;
      const look = (prop, v, check) => {
        if (check) check(v);
        self._edit((s, a) => { s.looks.push({ a: { r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 }, prop, v }); }, "format cells");
      };
      const borders = {
        // Rule enum-values: RangeBorder.style / weight take the enum's names; sideIndex an edge Excel has.
        getItem(side) {
          if (!BORDER_INDEX.includes(side)) throw hostError("InvalidArgument", "No border " + side + ".");
          return {
            set style(v) { look("border." + side + ".style", v, enumCheck("BorderLineStyle", BORDER_STYLES)); },
            set weight(v) { look("border." + side + ".weight", v, enumCheck("BorderWeight", BORDER_WEIGHTS)); },
            set color(v) { look("border." + side + ".color", v, colorCheck); },
          };
        },
      };
      this.format = {
        font: fmtObj(self, "font", look),
        fill: fmtObj(self, "fill", look),
        borders,
        set columnWidth(w) { self._edit((s, a) => { for (let c = a.c0; c <= a.c1; c++) s.columnWidths.set(c, w); }, "format columns"); },
        // Rule row-height: 0 to 409 points (Excel's limit), else InvalidArgument.
        set rowHeight(h) {
          if (typeof h !== "number" || !(h >= 0 && h <= 409)) throw hostError("InvalidArgument", "A row height is 0 to 409 points, not " + h + ".");
          self._edit((s, a) => { for (let r = a.r0; r <= a.r1; r++) s.rowHeights.set(r, h); }, "format rows");
        },
        set wrapText(v) { look("wrapText", Boolean(v)); },
        // Rule enum-values: alignment takes the enum's names ("Left", "Center", ...), not CSS words.
        set horizontalAlignment(v) { look("horizontalAlignment", v, enumCheck("HorizontalAlignment", H_ALIGN)); },
        set verticalAlignment(v) { look("verticalAlignment", v, enumCheck("VerticalAlignment", V_ALIGN)); },
        // Rule indent-level: an integer from 0 to 250.
        set indentLevel(v) {
          if (!Number.isInteger(v) || v < 0 || v > 250) throw hostError("InvalidArgument", "indentLevel is an integer from 0 to 250, not " + v + ".");
          look("indentLevel", v);
        },
        autofitColumns() { self._edit((s, a) => { for (let c = a.c0; c <= a.c1; c++) if (!s.columnWidths.has(c)) s.columnWidths.set(c, "auto"); }, "format columns"); },
      };
      this.conditionalFormats = {
        add(type) {
          const cf = { type, cellValue: { format: { font: {}, fill: {} }, rule: null } };
          self._edit((s, a) => s.conditionalFormats.push({ range: a, cf }), "add conditional formats");
          return cf;
        },
      };
    }
    _read(t, names) {
      const out = {};
      const { sheet, r0, c0, r1, c1 } = t;
      let rowsList = null;
      for (const n of names) {
        if (CELL_PROPS.includes(n)) {
          if (!rowsList) {
            rowsList = [];
            for (let r = r0; r <= r1; r++) rowsList.push(r);
          }
          out[n] = readCells(sheet, rowsList, c0, c1, n);
        } else if (n === "address") out.address = formatAddress(sheet.name, r0, c0, r1, c1);
        else if (n === "rowCount") out.rowCount = r1 - r0 + 1;
        else if (n === "columnCount") out.columnCount = c1 - c0 + 1;
        else if (n === "rowIndex") out.rowIndex = r0;
        else if (n === "columnIndex") out.columnIndex = c0;
        else if (n === "rowHidden") {
          let hidden = 0;
          for (let r = r0; r <= r1; r++) if (sheet.hiddenRows.has(r)) hidden++;
          out.rowHidden = hidden === 0 ? false : hidden === r1 - r0 + 1 ? true : null;
        } else throw hostError("InvalidArgument", "The double does not model Range." + n);
      }
      return out;
    }
    _edit(fn, what, bytes) {
      this._queue(() => {
        const t = this._target();
        sheetGuard(t.sheet, what || "change cells");
        fn(t.sheet, t);
      }, bytes);
    }
    _write2d(kind, arr) {
      const bytes = jsonBytes(arr) + 40;
      const wb = this.context._wb;
      this._edit((s, a) => {
        const rows = a.r1 - a.r0 + 1;
        const cols = a.c1 - a.c0 + 1;
        if (!Array.isArray(arr) || arr.length !== rows || arr.some((r) => !Array.isArray(r) || r.length !== cols)) {
          throw hostError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}x${cols}).`);
        }
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            const v = arr[r][c];
            const k = cellKey(a.r0 + r, a.c0 + c);
            if (kind === "numberFormat") {
              s.formats.set(k, v);
              s.formatted.add(k);
            } else storeInput(wb, s, a.r0 + r, a.c0 + c, v);
          }
        }
      }, kind === "numberFormat" ? "format cells" : "change cells", bytes);
    }
    /** Rule merge-table: merged cells and tables do not mix; the top-left value stays, the others are cleared. */
    merge(across) {
      this._edit((s, a) => {
        if (this.context._wb.tables.some((t) => t.sheet === s && intersects(t, a))) throw hostError("InvalidOperation", "Cells in a table cannot be merged.");
        const areas = across ? Array.from({ length: a.r1 - a.r0 + 1 }, (_, i) => ({ r0: a.r0 + i, c0: a.c0, r1: a.r0 + i, c1: a.c1 })) : [{ r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 }];
        for (const m of areas) {
          if (m.r0 === m.r1 && m.c0 === m.c1) continue;
          // an area overlapping merged cells takes them in
          const hit = s.merges.filter((x) => intersects(x, m));
          for (const x of hit) {
            m.r0 = Math.min(m.r0, x.r0); m.c0 = Math.min(m.c0, x.c0); m.r1 = Math.max(m.r1, x.r1); m.c1 = Math.max(m.c1, x.c1);
          }
          s.merges = s.merges.filter((x) => !hit.includes(x));
          for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if ((r !== m.r0 || c !== m.c0) && s.rows[r]) s.rows[r][c] = "";
          s.merges.push(m);
        }
      }, "merge cells");
    }
    /**
     * Rule hyperlink: Range.hyperlink (ExcelApi 1.7) takes address (a URL) or documentReference (a place in
     * the workbook); textToDisplay becomes the top-left cell's text. An unknown key is InvalidArgument.
     */
    set hyperlink(h) {
      const keys = ["address", "documentReference", "screenTip", "textToDisplay"];
      if (!h || typeof h !== "object" || Object.keys(h).some((k) => !keys.includes(k))) throw hostError("InvalidArgument", "A hyperlink has address, documentReference, screenTip and textToDisplay.");
      this._edit((s, a) => {
        s.hyperlinks.set(cellKey(a.r0, a.c0), Object.assign({}, h));
        if (typeof h.textToDisplay === "string") {
          if (!s.rows[a.r0]) s.rows[a.r0] = [];
          s.rows[a.r0][a.c0] = h.textToDisplay;
        }
        s.formatted.add(cellKey(a.r0, a.c0));
      }, "add hyperlinks");
    }
    set values(v) { this._write2d("values", v); }
    get values() { return this._get("values"); }
    set formulas(v) { this._write2d("formulas", v); }
    get formulas() { return this._get("formulas"); }
    set numberFormat(v) { this._write2d("numberFormat", v); }
    get numberFormat() { return this._get("numberFormat"); }
    get worksheet() {
      return new WorksheetProxy(this.context, () => this._target().sheet);
    }
    getCell(r, c) {
      return new RangeProxy(this.context, () => {
        const t = this._target();
        return { sheet: t.sheet, r0: t.r0 + r, c0: t.c0 + c, r1: t.r0 + r, c1: t.c0 + c };
      });
    }
    /** The used part of this range (rule used-range-values-only). */
    getUsedRangeOrNullObject(valuesOnly) {
      return new RangeProxy(this.context, () => {
        const t = this._target();
        const b = usedBoundsIn(t.sheet, t, !!valuesOnly);
        return b ? Object.assign({ sheet: t.sheet }, b) : null;
      }, true);
    }
    getUsedRange(valuesOnly) {
      return new RangeProxy(this.context, () => {
        const t = this._target();
        const b = usedBoundsIn(t.sheet, t, !!valuesOnly);
        if (!b) throw hostError("ItemNotFound", "There are no used cells in the range.");
        return Object.assign({ sheet: t.sheet }, b);
      });
    }
    /** Clear values, formulas and formats (applyTo "All", the default). */
    clear() {
      this._edit((s, a) => {
        const inside = (k) => { const [r, c] = keyRC(k); return r >= a.r0 && r <= a.r1 && c >= a.c0 && c <= a.c1; };
        for (let r = a.r0; r <= Math.min(a.r1, s.rows.length - 1); r++) {
          const row = s.rows[r];
          if (row) for (let c = a.c0; c <= Math.min(a.c1, row.length - 1); c++) row[c] = "";
        }
        for (const m of [s.formulas, s.formats, s.fonts, s.fills]) for (const k of [...m.keys()]) if (inside(k)) m.delete(k);
        for (const set of [s.formatted, s.errors, s.bold]) for (const k of [...set]) if (inside(k)) set.delete(k);
      }, "clear cells");
    }
    /** The rows of this range a filter (or the user) has not hidden (rule visible-view). */
    getVisibleView() {
      return new RangeViewProxy(this.context, () => this._target());
    }
    select() {
      this._queue(() => {
        const t = this._target();
        const wb = this.context._wb;
        wb.selection = { sheet: t.sheet, areas: [{ r0: t.r0, c0: t.c0, r1: t.r1, c1: t.c1 }] };
        wb.activeSheet = t.sheet;
      });
    }
  }
  defineLoaded(RangeProxy, ["address", "rowCount", "columnCount", "rowIndex", "columnIndex", "text", "valueTypes", "rowHidden"]);

  class RangeViewProxy extends ClientObject {
    _read(t, names) {
      const rowsList = [];
      for (let r = t.r0; r <= t.r1; r++) if (!t.sheet.hiddenRows.has(r)) rowsList.push(r);
      const out = {};
      for (const n of names) {
        if (CELL_PROPS.includes(n) || n === "cellAddresses") out[n] = readCells(t.sheet, rowsList, t.c0, t.c1, n);
        else if (n === "rowCount") out.rowCount = rowsList.length;
        else if (n === "columnCount") out.columnCount = t.c1 - t.c0 + 1;
        else throw hostError("InvalidArgument", "The double does not model RangeView." + n);
      }
      return out;
    }
  }
  defineLoaded(RangeViewProxy, ["values", "rowCount", "columnCount", "cellAddresses", "valueTypes", "formulas", "text", "numberFormat"]);

  /** Several selected areas (rule selected-ranges). */
  class RangeAreasProxy extends ClientObject {
    constructor(ctx, resolve) {
      super(ctx, resolve);
      this.areas = collection(ctx, () => {
        const t = this._bind();
        return t ? t.areas.map((a) => Object.assign({ sheet: t.sheet }, a)) : [];
      }, (res) => new RangeProxy(ctx, res), {}, (a, b) => a.sheet === b.sheet && a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1);
    }
    _read(t, names) {
      const out = {};
      for (const n of names) {
        if (n === "address") out.address = t.areas.map((a) => formatAddress(t.sheet.name, a.r0, a.c0, a.r1, a.c1)).join(", ");
        else if (n === "areaCount") out.areaCount = t.areas.length;
        else throw hostError("InvalidArgument", "The double does not model RangeAreas." + n);
      }
      return out;
    }
    get worksheet() {
      return new WorksheetProxy(this.context, () => this._target().sheet);
    }
    /** The used part of each area, dropping areas with none (rule used-range-values-only). */
    getUsedRangeAreasOrNullObject(valuesOnly) {
      const p = new RangeAreasProxy(this.context, () => {
        const t = this._target();
        const areas = t.areas.map((a) => usedBoundsIn(t.sheet, a, !!valuesOnly)).filter(Boolean);
        return areas.length ? { sheet: t.sheet, areas } : null;
      });
      return nullable(this.context, p);
    }
  }
  defineLoaded(RangeAreasProxy, ["address", "areaCount"]);

  function fmtObj(range, part, look) {
    const store = (s, a, fn) => { for (let r = a.r0; r <= a.r1; r++) for (let c = a.c0; c <= a.c1; c++) { const k = cellKey(r, c); s.formatted.add(k); fn(k); } };
    const rec = (prop, v, check) => { if (look) look(part + "." + prop, v, check); };
    return {
      set bold(v) { range._edit((s, a) => store(s, a, (k) => (v ? s.bold.add(k) : s.bold.delete(k))), "format cells"); rec("bold", Boolean(v)); },
      set color(v) { colorCheck(v); range._edit((s, a) => store(s, a, (k) => (part === "font" ? s.fonts : s.fills).set(k, v)), "format cells"); rec("color", v); },
      set italic(v) { range._edit((s, a) => store(s, a, () => {}), "format cells"); rec("italic", Boolean(v)); },
      set size(v) {
        // Rule font-size: 1 to 409 points.
        if (typeof v !== "number" || !(v >= 1 && v <= 409)) throw hostError("InvalidArgument", "A font size is 1 to 409 points, not " + v + ".");
        range._edit((s, a) => store(s, a, () => {}), "format cells");
        rec("size", v);
      },
      set name(v) { rec("name", String(v)); },
      set underline(v) { rec("underline", v, enumCheck("RangeUnderlineStyle", UNDERLINES)); },
    };
  }
  const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"];
  const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"];
  const UNDERLINES = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"];
  const BORDER_INDEX = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];
  const BORDER_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"];
  const BORDER_WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"];
  const ORIENTATIONS = ["Portrait", "Landscape"];
  /** Rule enum-values: an enum-typed property takes one of the enum's string values; anything else is InvalidArgument. */
  function enumCheck(type, values) {
    return (v) => {
      if (!values.includes(v)) throw hostError("InvalidArgument", `${JSON.stringify(v)} is not an Excel.${type} (${values.join(", ")}).`);
    };
  }
  /** Colours are "#RRGGBB" or an HTML colour name. */
  function colorCheck(v) {
    if (typeof v !== "string" || !(/^#[0-9A-Fa-f]{6}$/.test(v) || /^[A-Za-z]+$/.test(v))) throw hostError("InvalidArgument", "A colour is #RRGGBB or a colour name, not " + JSON.stringify(v) + ".");
  }

  class WorksheetProxy extends ClientObject {
    constructor(ctx, resolve, isNullable) {
      super(ctx, resolve, isNullable);
      const self = this;
      this.customProperties = {
        add(key, value) {
          self._queue(() => {
            const s = self._target();
            if (String(key).length > 255) throw hostError("InvalidArgument", "A custom property key is at most 255 characters.");
            s.customProperties.set(String(key).toLowerCase(), { key, value: String(value) });
          });
        },
        getItemOrNullObject(key) {
          const p = new ClientObject(ctx, () => {
            const s = self._bind();
            return s ? s.customProperties.get(String(key).toLowerCase()) || null : null;
          }, true);
          p._read = (t, names) => Object.fromEntries(names.map((n) => [n, t[n]]));
          Object.defineProperty(p, "value", { get() { return p._get("value"); } });
          return p;
        },
      };
      this.protection = new ClientObject(ctx, () => self._target());
      this.protection._read = (t, names) => Object.fromEntries(names.map((n) => [n, n === "protected" ? t.protected : undefined]));
      Object.defineProperty(this.protection, "protected", { get() { return this._get("protected"); } });
      this.freezePanes = { freezeRows(n) { self._edit((s) => { sheetGuard(s, "freeze panes"); s.freezeRows = n; }); } };
      this.tables = collection(ctx, () => { const s = self._bind(); return s ? ctx._wb.tables.filter((t) => t.sheet === s) : []; }, (res) => new TableProxy(ctx, res), {
        add(address, hasHeaders) {
          const t = { name: "", sheet: null };
          self._edit((s) => {
            sheetGuard(s, "add a table");
            const a = typeof address === "string" ? parseAddress(address) : address._target();
            const wb = ctx._wb;
            const overlap = wb.tables.find((x) => x.sheet === s && !(a.r1 < x.r0 || a.r0 > x.r1 || a.c1 < x.c0 || a.c0 > x.c1));
            if (overlap) throw hostError("InvalidOperation", "A table can't overlap another table.");
            // Rule merge-table: a table cannot take in merged cells.
            if (s.merges.some((m) => intersects(m, a))) throw hostError("InvalidOperation", "A table can't contain merged cells.");
            Object.assign(t, { id: newId(), name: uniqueTableName(wb, "Table", 1), sheet: s, r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1, filtered: false, hasHeaders });
            wb.tables.push(t);
          });
          const proxy = new TableProxy(ctx, () => (t.sheet ? t : null));
          return proxy;
        },
      });
      this.names = collection(ctx, () => { const s = self._bind(); return s ? s.names : []; }, (res) => {
        const p = new ClientObject(ctx, res);
        p._read = (t, names) => Object.fromEntries(names.map((n) => [n, t[n]]));
        for (const k of ["name", "comment", "formula"]) Object.defineProperty(p, k, { get() { return p._get(k); } });
        p.delete = () => ctx._queue.push({ bytes: 40, run: () => { const s = self._target(); const t = p._target(); s.names.splice(s.names.indexOf(t), 1); } });
        return p;
      }, {
        add(name, reference, comment) {
          self._queue(() => {
            const s = self._target();
            const problem = tableNameProblem(name);
            if (problem) throw hostError("InvalidArgument", problem.replace("table name", "name"));
            if (s.names.some((n) => n.name.toLowerCase() === String(name).toLowerCase())) throw hostError("ItemAlreadyExists", "A name " + name + " already exists on this sheet.");
            const formula = typeof reference === "string" ? reference : "=" + addressOf(reference);
            s.names.push({ name: String(name), formula, comment: comment || "" });
          });
        },
      });
      const cellOf = (ref, what) => {
        const s = self._target();
        const a = typeof ref === "string" ? parseAddress(ref) : ref._target();
        if (a.r0 !== a.r1 || a.c0 !== a.c1) throw hostError("InvalidArgument", `A ${what} goes on a single cell.`);
        return { s, k: cellKey(a.r0, a.c0) };
      };
      // Rules notes-requirement-set and note-single-cell: Worksheet.notes is ExcelApi 1.18; one cell per note.
      Object.defineProperty(this, "notes", {
        get() {
          if (!ctx._wb.supports("ExcelApi", "1.18")) throw hostError("ApiNotFound", "Worksheet.notes needs ExcelApi 1.18, which this host does not support.");
          return {
            add(ref, content) {
              self._queue(() => {
                const { s, k } = cellOf(ref, "note");
                sheetGuard(s, "add a note");
                if (s.notes.has(k)) throw hostError("InvalidArgument", "The cell already has a note.");
                s.notes.set(k, String(content));
              });
            },
          };
        },
      });
      // Rule comment-single-cell: Worksheet.comments (ExcelApi 1.10) puts a comment on one cell only.
      this.comments = {
        add(ref, content) {
          self._queue(() => {
            const { s, k } = cellOf(ref, "comment");
            sheetGuard(s, "add a comment");
            s.comments.set(k, String(content));
          });
        },
      };
      // Worksheet.horizontalPageBreaks (ExcelApi 1.9): a break before the top-left cell of the range.
      const horizontalPageBreaks = {
        add(ref) {
          self._queue(() => {
            const s = self._target();
            const a = typeof ref === "string" ? parseAddress(ref) : ref._target();
            sheetGuard(s, "add a page break");
            if (!s.pageBreaks.includes(a.r0)) s.pageBreaks.push(a.r0);
          });
        },
      };
      // Worksheet.pageLayout (ExcelApi 1.9), rules page-zoom and print-title-rows.
      const layoutSet = (fn) => self._edit((s) => { sheetGuard(s, "change the page layout"); fn(s.pageLayout, s); });
      const margin = (side) => ({
        set(v) {
          if (typeof v !== "number" || v < 0) throw hostError("InvalidArgument", `A margin is a number of points, not ${v}.`);
          layoutSet((p) => { p.margins[side] = v; });
        },
        enumerable: true,
      });
      const hf = {};
      for (const part of ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"]) {
        Object.defineProperty(hf, part, { set(v) { layoutSet((p) => { p.headersFooters[part] = String(v); }); }, enumerable: true });
      }
      const pageLayout = Object.defineProperties({
        setPrintTitleRows(ref) {
          layoutSet((p, s) => {
            const a = typeof ref === "string" ? parseAddress(ref) : ref._target();
            // partial rows are taken as whole rows
            p.titleRows = [a.r0, a.r1];
          });
        },
        setPrintArea(ref) {
          layoutSet((p) => {
            const a = typeof ref === "string" ? parseAddress(ref) : ref._target();
            p.printArea = { r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 };
          });
        },
        headersFooters: { defaultForAllPages: hf },
      }, {
        orientation: { set(v) { enumCheck("PageOrientation", ORIENTATIONS)(v); layoutSet((p) => { p.orientation = v; }); }, enumerable: true },
        // zoom is read only after load (so zoom.scale = x on an unloaded proxy throws, as the reference warns);
        // a whole PageLayoutZoomOptions object is set at once
        zoom: {
          get() { throw hostError("PropertyNotLoaded", "The property 'zoom' is not available. Call load and context.sync() first."); },
          set(z) {
            if (!z || typeof z !== "object") throw hostError("InvalidArgument", "zoom is a PageLayoutZoomOptions object.");
            if (z.scale !== undefined && z.scale !== null && !(Number.isFinite(z.scale) && z.scale >= 10 && z.scale <= 400)) throw hostError("InvalidArgument", "The print scale is 10 to 400, not " + z.scale + ".");
            for (const k of ["horizontalFitToPages", "verticalFitToPages"]) {
              const v = z[k];
              if (v !== undefined && v !== null && !(Number.isInteger(v) && v >= 0 && v <= 32767)) throw hostError("InvalidArgument", `${k} is a whole number of pages (0 = automatic), not ${v}.`);
            }
            const zoom = Object.assign({}, z);
            layoutSet((p) => { p.zoom = zoom; });
          },
          enumerable: true,
        },
        leftMargin: margin("left"),
        rightMargin: margin("right"),
        topMargin: margin("top"),
        bottomMargin: margin("bottom"),
        headerMargin: margin("header"),
        footerMargin: margin("footer"),
      });
      // Rule requirement-set: page layout and page breaks are ExcelApi 1.9.
      const since19 = (what, value) => ({
        get() {
          if (!ctx._wb.supports("ExcelApi", "1.9")) throw hostError("ApiNotFound", `${what} needs ExcelApi 1.9, which this host does not support.`);
          return value;
        },
      });
      Object.defineProperty(this, "pageLayout", since19("Worksheet.pageLayout", pageLayout));
      Object.defineProperty(this, "horizontalPageBreaks", since19("Worksheet.horizontalPageBreaks", horizontalPageBreaks));
      this.charts = {
        add(type, source, seriesBy) {
          const chart = { type, source: null, seriesBy, title: "", position: null, width: null, height: null, reversedCategories: false, series: [] };
          self._edit((s) => {
            sheetGuard(s, "add a chart");
            const a = source._target();
            chart.source = formatAddress(a.sheet.name, a.r0, a.c0, a.r1, a.c1);
            chart.series.push({ values: chart.source });
            s.charts.push(chart);
          });
          // ChartSeries members the writer sets (ExcelApi 1.7/1.8, Excel.ChartSeries reference page):
          // chartType, axisGroup ("Primary" | "Secondary") and hasDataLabels
          const seriesProxy = (at) => ({
            setValues(range) { self._queue(() => { chart.series[at()].values = addressOf(range); }); },
            setXAxisValues(range) { self._queue(() => { chart.series[at()].categories = addressOf(range); }); },
            set name(n) { self._queue(() => { chart.series[at()].name = n; }); },
            set chartType(v) { self._queue(() => { chart.series[at()].chartType = v; }); },
            set axisGroup(v) {
              if (v !== "Primary" && v !== "Secondary") throw hostError("InvalidArgument", "ChartSeries.axisGroup is Primary or Secondary.");
              self._queue(() => { chart.series[at()].axisGroup = v; });
            },
            set hasDataLabels(v) { self._queue(() => { chart.series[at()].hasDataLabels = Boolean(v); }); },
          });
          return {
            title: { set text(v) { self._queue(() => { chart.title = v; }); } },
            // Chart.setPosition(startCell, endCell?): the end cell is optional (Excel.Chart reference page)
            setPosition(start, end) { self._queue(() => { chart.position = [start, end]; }); },
            // Chart.width / Chart.height in points (Excel.Chart reference page)
            set width(v) { self._queue(() => { chart.width = v; }); },
            set height(v) { self._queue(() => { chart.height = v; }); },
            // ChartAxis.reversePlotOrder (ExcelApi 1.7, Excel.ChartAxis reference page)
            axes: { categoryAxis: { set reversePlotOrder(v) { self._queue(() => { chart.reversedCategories = Boolean(v); }); } } },
            series: {
              getItemAt(i) {
                return seriesProxy(() => i);
              },
              add(name) {
                const idx = { i: -1 };
                self._queue(() => { idx.i = chart.series.push({ name }) - 1; });
                return seriesProxy(() => idx.i);
              },
            },
            legend: { set position(v) {}, set visible(v) {} },
          };
        },
      };
    }
    _read(s, names) {
      const wb = this.context._wb;
      const out = {};
      for (const n of names) {
        if (n === "name") out.name = s.name;
        else if (n === "id") out.id = s.id;
        else if (n === "visibility") out.visibility = s.visibility;
        else if (n === "position") out.position = wb.sheets.indexOf(s);
        else if (n === "tabColor") out.tabColor = s.tabColor;
        else throw hostError("InvalidArgument", "The double does not model Worksheet." + n);
      }
      return out;
    }
    _edit(fn) {
      this._queue(() => fn(this._target()));
    }
    set name(v) {
      this._queue(() => renameSheet(this.context._wb, this._target(), v));
    }
    get name() { return this._get("name"); }
    get id() { return this._get("id"); }
    set tabColor(v) { this._edit((s) => { s.tabColor = v; }); }
    get tabColor() { return this._get("tabColor"); }
    set visibility(v) { this._edit((s) => { structureGuard(this.context._wb, "hide or show a sheet"); s.visibility = v; }); }
    get visibility() { return this._get("visibility"); }
    get position() { return this._get("position"); }
    set position(v) { this._edit((s) => { const wb = this.context._wb; structureGuard(wb, "move a sheet"); wb.sheets.splice(wb.sheets.indexOf(s), 1); wb.sheets.splice(Math.min(v, wb.sheets.length), 0, s); }); }
    getRange(address) {
      return new RangeProxy(this.context, () => {
        const s = this._target();
        // Without an address, the whole sheet (Worksheet.getRange).
        const a = address === undefined ? WHOLE : parseAddress(address);
        return { sheet: s, r0: a.r0, c0: a.c0, r1: a.r1, c1: a.c1 };
      });
    }
    getRangeByIndexes(r, c, rows, cols) {
      return new RangeProxy(this.context, () => {
        if (rows < 1 || cols < 1 || r < 0 || c < 0 || r + rows > MAX_ROWS || c + cols > MAX_COLS) throw hostError("InvalidArgument", "The range is outside the sheet or empty.");
        return { sheet: this._target(), r0: r, c0: c, r1: r + rows - 1, c1: c + cols - 1 };
      });
    }
    getUsedRangeOrNullObject(valuesOnly) {
      return new RangeProxy(this.context, () => {
        const s = this._target();
        const b = usedBoundsIn(s, WHOLE, !!valuesOnly);
        return b ? Object.assign({ sheet: s }, b) : null;
      }, true);
    }
    getUsedRange(valuesOnly) {
      return new RangeProxy(this.context, () => {
        const s = this._target();
        const b = usedBoundsIn(s, WHOLE, !!valuesOnly);
        return b ? Object.assign({ sheet: s }, b) : { sheet: s, r0: 0, c0: 0, r1: 0, c1: 0 };
      });
    }
    activate() {
      this._queue(() => { this.context._wb.activeSheet = this._target(); });
    }
    copy(positionType, relativeTo) {
      const holder = { sheet: null };
      this._queue(() => {
        const wb = this.context._wb;
        const s = this._target();
        let at;
        if (positionType === "Beginning") at = 0;
        else if (positionType === "End") at = wb.sheets.length;
        else if (positionType === "None" || !positionType) at = 0;
        else if (relativeTo) at = wb.sheets.indexOf(relativeTo._target()) + (positionType === "After" ? 1 : 0);
        holder.sheet = copySheet(wb, s, at);
      });
      return new WorksheetProxy(this.context, () => holder.sheet);
    }
    delete() {
      this._queue(() => {
        const wb = this.context._wb;
        const s = this._target();
        structureGuard(wb, "delete a sheet");
        if (wb.sheets.filter((x) => x.visibility === "Visible").length <= 1 && s.visibility === "Visible") throw hostError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
        wb.sheets.splice(wb.sheets.indexOf(s), 1);
        wb.tables = wb.tables.filter((t) => t.sheet !== s);
        if (wb.activeSheet === s) wb.activeSheet = wb.sheets[0];
        if (wb.selection && wb.selection.sheet === s) wb.selection = null;
      });
    }
  }
  function addressOf(range) {
    const a = range._target();
    return formatAddress(a.sheet.name, a.r0, a.c0, a.r1, a.c1);
  }

  class TableProxy extends ClientObject {
    _read(t, names) {
      const out = {};
      for (const n of names) {
        if (n === "name") out.name = t.name;
        else if (n === "id") out.id = t.id;
        else throw hostError("InvalidArgument", "The double does not model Table." + n);
      }
      return out;
    }
    get name() { return this._get("name"); }
    get id() { return this._get("id"); }
    set name(n) {
      this._queue(() => {
        const t = this._target();
        sheetGuard(t.sheet, "rename a table");
        const problem = tableNameProblem(n);
        if (problem) throw hostError("InvalidArgument", problem);
        if (this.context._wb.tables.some((x) => x !== t && x.name.toLowerCase() === String(n).toLowerCase())) throw hostError("ItemAlreadyExists", "A table named " + n + " already exists.");
        t.name = String(n);
      });
    }
    set style(v) { this._queue(() => { this._target().style = v; }); }
    set showBandedRows(v) {}
    get worksheet() { return new WorksheetProxy(this.context, () => this._target().sheet); }
    getRange() { return new RangeProxy(this.context, () => { const t = this._target(); return { sheet: t.sheet, r0: t.r0, c0: t.c0, r1: t.r1, c1: t.c1 }; }); }
    getHeaderRowRange() { return new RangeProxy(this.context, () => { const t = this._target(); return { sheet: t.sheet, r0: t.r0, c0: t.c0, r1: t.r0, c1: t.c1 }; }); }
    getDataBodyRange() { return new RangeProxy(this.context, () => { const t = this._target(); return { sheet: t.sheet, r0: t.r0 + 1, c0: t.c0, r1: Math.max(t.r0 + 1, t.r1), c1: t.c1 }; }); }
    get autoFilter() {
      const p = new ClientObject(this.context, () => this._target());
      p._read = (t, names) => Object.fromEntries(names.map((n) => [n, n === "isDataFiltered" || n === "enabled" ? !!t.filtered : undefined]));
      Object.defineProperty(p, "isDataFiltered", { get() { return p._get("isDataFiltered"); } });
      return p;
    }
  }

  /** A collection: load("items/name,...") fills items with proxies bound to each model object. */
  function collection(ctx, listFn, makeItem, extra, same) {
    const eq = same || ((a, b) => a === b);
    const coll = {
      _items: null,
      get items() {
        if (!coll._items) throw hostError("PropertyNotLoaded", "The property 'items' is not available. Call load and context.sync() first.");
        return coll._items;
      },
      load(props) {
        const names = (typeof props === "string" ? props.split(",") : props || []).map((s) => s.trim().replace(/^items\//, "")).filter(Boolean);
        ctx._queue.push({
          bytes: 40,
          load: () => {
            const list = listFn();
            coll._items = list.map((m) => {
              const p = makeItem(() => listFn().find((x) => eq(x, m)) || null);
              p[LOADED] = p._read(m, names);
              return p;
            });
            return jsonBytes(coll._items.map((p) => p[LOADED]));
          },
        });
        return coll;
      },
    };
    return Object.assign(coll, extra || {});
  }

  class RequestContext {
    constructor(wb) {
      this._wb = wb;
      this._queue = [];
      this._nullables = [];
      this._suspendCalc = false;
      this._suspendScreen = false;
      const ctx = this;
      const wbProxy = {
        worksheets: collection(ctx, () => wb.sheets, (res) => new WorksheetProxy(ctx, res), {
          getItem(key) { return new WorksheetProxy(ctx, () => findSheet(wb, key)); },
          getItemOrNullObject(key) { return new WorksheetProxy(ctx, () => findSheet(wb, key), true); },
          getActiveWorksheet() { return new WorksheetProxy(ctx, () => wb.activeSheet); },
          add(name) {
            const holder = { sheet: null };
            ctx._queue.push({
              bytes: 40,
              run: () => {
                structureGuard(wb, "add a sheet");
                let n = name;
                if (n === undefined) for (let i = wb.sheets.length + 1; !n || findSheet(wb, n); i++) n = "Sheet" + i;
                const problem = sheetNameProblem(n);
                if (problem) throw hostError("InvalidArgument", problem);
                const other = findSheet(wb, n);
                if (other && other.name.toLowerCase() === String(n).toLowerCase()) throw hostError("ItemAlreadyExists", "A sheet named " + n + " already exists.");
                holder.sheet = makeSheet(String(n));
                wb.sheets.push(holder.sheet);
              },
            });
            return new WorksheetProxy(ctx, () => (holder.sheet && wb.sheets.includes(holder.sheet) ? holder.sheet : null));
          },
        }),
        tables: collection(ctx, () => wb.tables, (res) => new TableProxy(ctx, res), {
          getItem(name) { return new TableProxy(ctx, () => wb.tables.find((t) => t.name.toLowerCase() === String(name).toLowerCase()) || null); },
        }),
        // Rule selected-range-multi-area: one area or an error.
        getSelectedRange() {
          return new RangeProxy(ctx, () => {
            const sel = wb.selection || (wb.activeSheet ? { sheet: wb.activeSheet, areas: [{ r0: 0, c0: 0, r1: 0, c1: 0 }] } : null);
            if (!sel) return null;
            if (sel.areas.length > 1) throw hostError("InvalidSelection", "The current selection is invalid for this operation: several ranges are selected.");
            return Object.assign({ sheet: sel.sheet }, sel.areas[0]);
          });
        },
        getSelectedRanges() {
          return new RangeAreasProxy(ctx, () => wb.selection || (wb.activeSheet ? { sheet: wb.activeSheet, areas: [{ r0: 0, c0: 0, r1: 0, c1: 0 }] } : null));
        },
        protection: (() => {
          const p = new ClientObject(ctx, () => wb);
          p._read = (t, names) => Object.fromEntries(names.map((n) => [n, n === "protected" ? t.protected : undefined]));
          Object.defineProperty(p, "protected", { get() { return p._get("protected"); } });
          return p;
        })(),
        application: {
          suspendApiCalculationUntilNextSync() { ctx._suspendCalc = true; },
          suspendScreenUpdatingUntilNextSync() { ctx._suspendScreen = true; },
          calculate() { ctx._queue.push({ bytes: 40, run: () => { wb.calculations++; } }); },
        },
      };
      this.workbook = wbProxy;
    }

    async sync() {
      const wb = this._wb;
      const t0 = now();
      const queue = this._queue;
      const nullables = this._nullables;
      this._queue = [];
      this._nullables = [];
      const calc = this._suspendCalc;
      const screen = this._suspendScreen;
      this._suspendCalc = this._suspendScreen = false;
      wb.stats.syncs++;
      // Optional latency per round trip (browser tests use it to see the progress screen).
      if (wb.syncDelayMs) await new Promise((r) => setTimeout(r, wb.syncDelayMs));
      const request = queue.reduce((n, op) => n + op.bytes, 0);
      wb.stats.requestBytes.push(request);
      try {
        if (request > PAYLOAD_LIMIT) {
          wb.stats.refused++;
          throw hostError("RequestPayloadSizeLimitExceeded", `The request payload size (${request} bytes) has exceeded the limit of 5 MB.`);
        }
        let response = 0;
        let wrote = false;
        for (const op of queue) {
          if (op.load) response += op.load();
          else {
            op.run();
            wrote = true;
          }
        }
        for (const p of nullables) p._isNull = !p._bind();
        wb.stats.responseBytes.push(response);
        if (wrote) {
          wb.stats.writeSyncs++;
          if (calc) wb.stats.calcSuspendedSyncs++;
          if (screen) wb.stats.screenSuspendedSyncs++;
        }
        if (response > PAYLOAD_LIMIT) {
          wb.stats.refused++;
          throw hostError("ResponsePayloadSizeLimitExceeded", `The response payload size (${response} bytes) has exceeded the limit of 5 MB.`);
        }
      } finally {
        wb.stats.ms += now() - t0;
      }
    }
  }

  /** An object shaped like Office.context.document.settings, backed by the workbook model (rule settings). */
  function createSettings(wb) {
    const pending = new Map(wb.settings);
    return {
      get(name) { return pending.has(name) ? JSON.parse(JSON.stringify(pending.get(name))) : null; },
      set(name, value) { pending.set(name, JSON.parse(JSON.stringify(value))); },
      remove(name) { pending.delete(name); },
      saveAsync(a, b) {
        const cb = typeof a === "function" ? a : b;
        wb.settingsSaved = (wb.settingsSaved || 0) + 1;
        wb.settings = new Map(pending);
        if (cb) setTimeout(() => cb({ status: "succeeded" }), 0);
      },
      /** For tests: the settings as a reopened workbook would have them (only what was saved). */
      _reopen() {
        pending.clear();
        for (const [k, v] of wb.settings) pending.set(k, v);
      },
    };
  }

  /** A host: Excel.run over one workbook model, plus settings, the model itself and what a user does by hand. */
  function createHost(spec) {
    const wb = createWorkbook(spec);
    const Excel = {
      async run(batch) {
        wb.stats.runs++;
        const ctx = new RequestContext(wb);
        const result = await batch(ctx);
        if (ctx._queue.length) await ctx.sync();
        return result;
      },
      RequestContext: function () { return new RequestContext(wb); },
      ErrorCodes: { responsePayloadSizeLimitExceeded: "ResponsePayloadSizeLimitExceeded", accessDenied: "AccessDenied", itemNotFound: "ItemNotFound", itemAlreadyExists: "ItemAlreadyExists", invalidSelection: "InvalidSelection" },
    };
    const must = (name) => {
      const s = findSheet(wb, name);
      if (!s) throw new Error("No sheet " + name);
      return s;
    };
    /** A sheet's cell (A1) as the key the model uses. */
    const keyOf = (address) => { const a = parseAddress(address); return cellKey(a.r0, a.c0); };
    const addressOfKey = (k) => formatAddress("x", ...keyRC(k), ...keyRC(k)).slice(2);
    return {
      Excel,
      /** Office.context.requirements.isSetSupported for this host (rule requirement-set). */
      isSetSupported: (set, version) => wb.supports(set, version),
      /** The format properties set on a cell, last one set wins: { "font.bold": true, horizontalAlignment: "Right", ... }. */
      lookAt(name, address) {
        const s = must(name);
        const a = parseAddress(address);
        const out = {};
        for (const l of s.looks) if (a.r0 >= l.a.r0 && a.r0 <= l.a.r1 && a.c0 >= l.a.c0 && a.c0 <= l.a.c1) out[l.prop] = l.v;
        const fmt = s.formats.get(cellKey(a.r0, a.c0));
        if (fmt) out.numberFormat = fmt;
        return out;
      },
      /** Merged areas as A1 ranges, in sheet order. */
      mergesOf(name) {
        return must(name).merges.slice().sort((x, y) => x.r0 - y.r0 || x.c0 - y.c0).map((m) => formatAddress("x", m.r0, m.c0, m.r1, m.c1).slice(2));
      },
      notesOf(name) { return Object.fromEntries([...must(name).notes].map(([k, v]) => [addressOfKey(k), v])); },
      commentsOf(name) { return Object.fromEntries([...must(name).comments].map(([k, v]) => [addressOfKey(k), v])); },
      hyperlinksOf(name) { return Object.fromEntries([...must(name).hyperlinks].map(([k, v]) => [addressOfKey(k), v])); },
      rowHeightsOf(name) { return Object.fromEntries([...must(name).rowHeights].map(([r, h]) => [r + 1, h])); },
      pageBreaksOf(name) { return must(name).pageBreaks.slice().sort((x, y) => x - y); },
      pageLayoutOf(name) { return JSON.parse(JSON.stringify(must(name).pageLayout)); },
      columnWidthOf(name, col) { return must(name).columnWidths.get(col); },
      _keyOf: keyOf,
      settings: createSettings(wb),
      workbook: wb,
      sheet: (name) => findSheet(wb, name),
      sheetNames: () => wb.sheets.map((s) => s.name),
      /** Values of a sheet as a plain 2-D array (trailing blanks trimmed). */
      valuesOf(name) {
        const s = findSheet(wb, name);
        if (!s) return null;
        const b = usedBoundsIn(s, WHOLE, true);
        if (!b) return [];
        const out = [];
        for (let r = 0; r <= b.r1; r++) {
          const row = [];
          for (let c = 0; c <= b.c1; c++) row.push(getValue(s, r, c));
          out.push(row);
        }
        return out;
      },
      formulaAt(name, address) {
        const s = findSheet(wb, name);
        const a = parseAddress(address);
        return s ? s.formulas.get(cellKey(a.r0, a.c0)) || null : null;
      },
      valueAt(name, address) {
        const s = findSheet(wb, name);
        const a = parseAddress(address);
        return s ? getValue(s, a.r0, a.c0) : null;
      },
      // ---- what a user does in Excel's own UI (the same rules apply) ----
      userRename(oldName, newName) { renameSheet(wb, must(oldName), newName); },
      userCopy(name) { return copySheet(wb, must(name)).name; },
      /** Type into a cell as a user would (typed input rules apply). */
      userType(name, address, input) {
        const s = must(name);
        sheetGuard(s, "change cells");
        const a = parseAddress(address);
        storeInput(wb, s, a.r0, a.c0, input);
      },
      userSelect(name, addresses) { selectAreas(wb, name, [].concat(addresses)); },
      /** Hide rows (1-based, as Excel shows them), as a filter or the user does. */
      userHideRows(name, rows) { const s = must(name); for (const r of rows) s.hiddenRows.add(r - 1); },
      userProtect(name, on) { must(name).protected = on !== false; },
      /** The workbook as a seed: what reopening the saved file gives (values, ids, marks, tables, saved settings). */
      snapshot() {
        return {
          sheets: wb.sheets.map((s) => {
            const b = usedBoundsIn(s, WHOLE, true);
            const values = [];
            for (let r = 0; b && r <= b.r1; r++) {
              const row = [];
              for (let c = 0; c <= b.c1; c++) row.push(s.errors.has(cellKey(r, c)) ? { error: getValue(s, r, c) } : getValue(s, r, c));
              values.push(row);
            }
            const formulas = {};
            for (const [k, f] of s.formulas) formulas[formatAddress("x", ...keyRC(k), ...keyRC(k)).slice(2)] = f;
            return {
              name: s.name, id: s.id, values, formulas, protected: s.protected, visibility: s.visibility,
              hiddenRows: [...s.hiddenRows].map((r) => r + 1),
              customProperties: Object.fromEntries([...s.customProperties.values()].map((p) => [p.key, p.value])),
            };
          }),
          tables: wb.tables.map((t) => ({ name: t.name, sheet: t.sheet.name, address: formatAddress("x", t.r0, t.c0, t.r1, t.c1).slice(2), filtered: t.filtered })),
          settings: Object.fromEntries(wb.settings),
          protected: wb.protected,
        };
      },
      resetStats() {
        Object.assign(wb.stats, { syncs: 0, runs: 0, requestBytes: [], responseBytes: [], refused: 0, ms: 0, calcSuspendedSyncs: 0, screenSuspendedSyncs: 0, writeSyncs: 0 });
      },
    };
  }

  return { createHost, createWorkbook, parseAddress, formatAddress, colLetters, jsonBytes, sheetNameProblem, tableNameProblem, RULES, PAYLOAD_LIMIT };
});
